package dev.dovetail.runtime;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Canon;
import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentNames;
import dev.dovetail.component.CoreInstance;
import dev.dovetail.component.CoreSort;
import dev.dovetail.component.CoreType;
import dev.dovetail.component.DefinedType;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.Instance;
import dev.dovetail.component.PrimitiveType;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.Start;
import dev.dovetail.component.TypeDef;
import dev.dovetail.component.ValType;
import dev.dovetail.runtime.ComponentTrapException.Reason;
import dev.dovetail.runtime.core.CoreExtern;
import dev.dovetail.runtime.core.CoreFunc;
import dev.dovetail.runtime.core.CoreFuncType;
import dev.dovetail.runtime.core.CoreGlobal;
import dev.dovetail.runtime.core.CoreLinkException;
import dev.dovetail.runtime.core.CoreMemory;
import dev.dovetail.runtime.core.CoreModule;
import dev.dovetail.runtime.core.CoreTable;
import dev.dovetail.runtime.core.CoreTag;
import dev.dovetail.runtime.core.CoreTrap;
import dev.dovetail.runtime.core.CoreValType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Instantiates a component: walks its sections in order, filling the 13 index spaces of a
 * {@link Scope} (Explainer.md), instantiating core modules on the core engine and nested
 * components recursively, and collects the exports. Everything Binary.md allows in a component
 * is handled; async built-ins become core functions that trap when called.
 */
final class Instantiator {
    /** Supplies the value of each import of the component being instantiated. */
    @FunctionalInterface
    interface ImportResolver {
        Item resolve(Import imp, Scope scope);
    }

    private final ComponentDef def;
    private final Loader loader;
    private final Scope scope;
    private final InstanceState state;
    private final Map<Sort, Map<Integer, String>> names = new HashMap<>();
    private final Map<String, Item> exports = new LinkedHashMap<>();

    private Instantiator(ComponentDef def, InstanceState state) {
        this.def = def;
        this.loader = def.loader();
        this.scope = new Scope(def.outer());
        this.state = state;
        state.needsCallStack = readsCallStack(def.component());
        for (Section.Custom c : def.component().customSections(ComponentNames.SECTION_NAME)) {
            c.componentNames().ifPresent(n -> {
                for (ComponentNames.SortNames sn : n.sortNames()) {
                    Map<Integer, String> m = names.computeIfAbsent(sn.sort(), k -> new HashMap<>());
                    for (ComponentNames.NameAssoc a : sn.names()) {
                        m.put(a.index(), a.name());
                    }
                }
            });
        }
    }

    /**
     * Whether any built-in of {@code c} may read the current task or thread: anything but
     * {@code canon lift}, {@code lower}, the {@code resource.*} and {@code backpressure.*}
     * built-ins. Core code reaches only the built-ins of its own component (core functions do
     * not cross component boundaries), so this decides for the instance alone.
     */
    static boolean readsCallStack(Component c) {
        for (Section.Canons cs : c.sections(Section.Canons.class)) {
            for (Canon x : cs.canons()) {
                if (!(x instanceof Canon.Lift || x instanceof Canon.Lower || x instanceof Canon.ResourceNew
                        || x instanceof Canon.ResourceDrop || x instanceof Canon.ResourceRep
                        || x instanceof Canon.BackpressureInc || x instanceof Canon.BackpressureDec)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The instance's name as found in the name section of its parent, or a default. */
    static String componentName(Component c, String fallback) {
        for (Section.Custom s : c.customSections(ComponentNames.SECTION_NAME)) {
            Optional<ComponentNames> n = s.componentNames();
            if (n.isPresent() && n.get().componentName().isPresent()) {
                return n.get().componentName().get();
            }
        }
        return fallback;
    }

    static InstanceValue instantiate(ComponentDef def, ImportResolver imports, InstanceState state) {
        Instantiator i = new Instantiator(def, state);
        i.run(imports);
        return new InstanceValue(i.exports, state);
    }

    private String name(Sort sort, int index, String fallbackPrefix) {
        String n = names.getOrDefault(sort, Map.of()).get(index);
        return n != null ? n : fallbackPrefix + "[" + index + "]";
    }

    private void run(ImportResolver imports) {
        for (Section s : def.component().sections()) {
            if (s instanceof Section.Custom) {
                continue;
            } else if (s instanceof Section.CoreModule m) {
                scope.coreModules.add(loader.module(m));
            } else if (s instanceof Section.CoreInstances ci) {
                for (CoreInstance i : ci.instances()) {
                    scope.coreInstances.add(coreInstance(i));
                }
            } else if (s instanceof Section.CoreTypes ct) {
                for (CoreType t : ct.types()) {
                    int n = t instanceof CoreType.RecGroup rg ? rg.types().size() : 1;
                    for (int k = 0; k < n; k++) {
                        scope.coreTypes.add(t);
                    }
                }
            } else if (s instanceof Section.NestedComponent nc) {
                scope.components.add(new ComponentDef(nc.component(), scope, loader));
            } else if (s instanceof Section.Instances is) {
                for (Instance i : is.instances()) {
                    scope.instances.add(instance(i));
                }
            } else if (s instanceof Section.Aliases as) {
                for (Alias a : as.aliases()) {
                    alias(a);
                }
            } else if (s instanceof Section.Types ts) {
                for (TypeDef t : ts.types()) {
                    scope.types.add(resolveTypeDef(t, scope, state, name(Sort.TYPE, scope.types.size(), "type")));
                }
            } else if (s instanceof Section.Canons cs) {
                for (Canon c : cs.canons()) {
                    canon(c);
                }
            } else if (s instanceof Section.StartSection st) {
                start(st.start());
            } else if (s instanceof Section.Imports is) {
                for (Import imp : is.imports()) {
                    Item it = imports.resolve(imp, scope);
                    if (it == null) {
                        throw new ComponentLinkException("missing import \"" + imp.name().name() + "\" of " + state.name);
                    }
                    if (it instanceof Item.Type t && t.type() == null) {
                        // an (eq i) type import with no argument stands for its bound
                        ExternType.TypeBound b = ((ExternType.Type) imp.type()).bound();
                        it = new Item.Type(scope.types.get(((ExternType.TypeBound.Eq) b).type()));
                    }
                    checkImportSort(imp, it);
                    add(it);
                }
            } else if (s instanceof Section.Exports es) {
                for (Export e : es.exports()) {
                    Item it = item(e.item());
                    if (it instanceof Item.Type t && t.type() instanceof ResourceType rt) {
                        rt.nameIfDefault(e.name().name());
                    } else if (it instanceof Item.Func f && f.func() instanceof LiftedFunc lf) {
                        lf.nameIfDefault(e.name().name());
                    }
                    exports.put(e.name().name(), it);
                    add(it); // an export definition adds a new index too
                }
            } else if (s instanceof Section.Values vs) {
                for (int k = 0; k < vs.values().size(); k++) {
                    scope.values.add(null); // value definitions (🪙) are not supported
                }
            } else {
                throw new AssertionError(s);
            }
        }
    }

    private static void checkImportSort(Import imp, Item it) {
        ExternType t = imp.type();
        boolean ok = (t instanceof ExternType.Func && it instanceof Item.Func)
                || (t instanceof ExternType.Type && it instanceof Item.Type)
                || (t instanceof ExternType.Instance && it instanceof Item.Instance)
                || (t instanceof ExternType.Component && it instanceof Item.Component)
                || (t instanceof ExternType.CoreModule && it instanceof Item.Module)
                || (t instanceof ExternType.Value && it instanceof Item.Value);
        if (!ok) {
            throw new ComponentLinkException("import \"" + imp.name().name() + "\" was given a " + it.sortName());
        }
    }

    // ------------------------------------------------------------------ index spaces

    /** Appends an item to the index space of its sort. */
    private void add(Item it) {
        if (it instanceof Item.Func f) {
            scope.funcs.add(f.func());
        } else if (it instanceof Item.Type t) {
            scope.types.add(t.type());
        } else if (it instanceof Item.Instance i) {
            scope.instances.add(i.instance());
        } else if (it instanceof Item.Component c) {
            scope.components.add(c.component());
        } else if (it instanceof Item.Module m) {
            scope.coreModules.add(m.module());
        } else if (it instanceof Item.Value v) {
            scope.values.add(v.value());
        }
    }

    /** The item at a component-level {@code sortidx}. */
    private Item item(SortIndex si) {
        int i = si.index();
        return switch (si.sort()) {
            case FUNC -> new Item.Func(scope.funcs.get(i));
            case VALUE -> new Item.Value(value(i));
            case TYPE -> new Item.Type(scope.types.get(i));
            case COMPONENT -> new Item.Component(scope.components.get(i));
            case INSTANCE -> new Item.Instance(scope.instances.get(i));
            case CORE_MODULE -> new Item.Module(scope.coreModules.get(i));
            default -> throw new ComponentLinkException("a " + si.sort() + " cannot be an export or argument");
        };
    }

    private Val value(int i) {
        Val v = scope.values.get(i);
        if (v == null) {
            throw new ComponentLinkException("value definitions are not supported");
        }
        return v;
    }

    /** Appends a core item to the core index space of its sort. */
    private void addCore(CoreSort sort, CoreExtern e, String what) {
        boolean ok = switch (sort) {
            case FUNC -> e instanceof CoreFunc f && scope.coreFuncs.add(f);
            case TABLE -> e instanceof CoreTable t && scope.coreTables.add(t);
            case MEMORY -> e instanceof CoreMemory m && scope.coreMemories.add(m);
            case GLOBAL -> e instanceof CoreGlobal g && scope.coreGlobals.add(g);
            case TAG -> e instanceof CoreTag t && scope.coreTags.add(t);
            default -> false;
        };
        if (!ok) {
            throw new ComponentLinkException(what + " is a core " + e.kind() + ", not a core " + sort);
        }
    }

    private CoreExtern coreItem(CoreSort sort, int i) {
        return switch (sort) {
            case FUNC -> scope.coreFuncs.get(i);
            case TABLE -> scope.coreTables.get(i);
            case MEMORY -> scope.coreMemories.get(i);
            case GLOBAL -> scope.coreGlobals.get(i);
            case TAG -> scope.coreTags.get(i);
            default -> throw new ComponentLinkException("a core " + sort + " cannot be a core instance export");
        };
    }

    // ------------------------------------------------------------------ core instances

    private CoreExports coreInstance(CoreInstance ci) {
        if (ci instanceof CoreInstance.FromExports fe) {
            Map<String, CoreExtern> m = new HashMap<>();
            for (CoreInstance.Export e : fe.exports()) {
                m.put(e.name(), coreItem(e.sort(), e.index()));
            }
            return name -> Optional.ofNullable(m.get(name));
        }
        CoreInstance.Instantiate in = (CoreInstance.Instantiate) ci;
        CoreModule module = scope.coreModules.get(in.module());
        Map<String, CoreExports> args = new HashMap<>();
        for (CoreInstance.Arg a : in.args()) {
            args.put(a.name(), scope.coreInstances.get(a.instance()));
        }
        int index = scope.coreInstances.size();
        try {
            dev.dovetail.runtime.core.CoreInstance inst = loader.engine.instantiate(module, imp -> {
                CoreExports from = args.get(imp.module());
                if (from == null) {
                    throw new ComponentLinkException("core instance " + index + ": no instance argument \""
                            + imp.module() + "\" for import \"" + imp.module() + "\" \"" + imp.name() + "\"");
                }
                return from.export(imp.name()).orElseThrow(() -> new ComponentLinkException("core instance "
                        + index + ": argument \"" + imp.module() + "\" has no export \"" + imp.name() + "\""));
            });
            return inst::export;
        } catch (CoreTrap e) {
            ComponentTrapException t = new ComponentTrapException(Reason.CORE_TRAP, e.getMessage(), state.name,
                    "instantiation of core instance " + index, e);
            state.poison(t);
            throw t;
        } catch (CoreLinkException e) {
            throw new ComponentLinkException("core instance " + index + " of " + state.name + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ component instances

    private InstanceValue instance(Instance i) {
        if (i instanceof Instance.FromExports fe) {
            Map<String, Item> m = new LinkedHashMap<>();
            for (Instance.Export e : fe.exports()) {
                m.put(e.name().name(), item(e.item()));
            }
            return new InstanceValue(m, null);
        }
        Instance.Instantiate in = (Instance.Instantiate) i;
        ComponentDef child = scope.components.get(in.component());
        Map<String, Item> args = new HashMap<>();
        for (Instance.Arg a : in.args()) {
            args.put(a.name(), item(a.item()));
        }
        int index = scope.instances.size();
        String childName = state.name + "/" + name(Sort.INSTANCE, index, "instance");
        InstanceState childState = new InstanceState(state, childName);
        return instantiate(child, (imp, s) -> args.get(imp.name().name()), childState);
    }

    // ------------------------------------------------------------------ aliases

    private void alias(Alias a) {
        if (a instanceof Alias.InstanceExport ie) {
            InstanceValue inst = scope.instances.get(ie.instance());
            Item it = inst.exports.get(ie.name());
            if (it == null) {
                throw new ComponentLinkException("instance " + ie.instance() + " has no export \"" + ie.name() + "\"");
            }
            if (ie.sort().isCore()) {
                if (!(it instanceof Item.Module) || ie.sort() != Sort.CORE_MODULE) {
                    throw new ComponentLinkException("export \"" + ie.name() + "\" is a " + it.sortName());
                }
            }
            add(it);
        } else if (a instanceof Alias.CoreInstanceExport ce) {
            CoreExports inst = scope.coreInstances.get(ce.instance());
            CoreExtern e = inst.export(ce.name()).orElseThrow(() -> new ComponentLinkException(
                    "core instance " + ce.instance() + " has no export \"" + ce.name() + "\""));
            addCore(ce.sort().coreSort(), e, "core export \"" + ce.name() + "\"");
        } else if (a instanceof Alias.Outer o) {
            Scope s = scope.out(o.count());
            int i = o.index();
            switch (o.sort()) {
                case CORE_MODULE -> scope.coreModules.add(s.coreModules.get(i));
                case CORE_TYPE -> scope.coreTypes.add(s.coreTypes.get(i));
                case TYPE -> scope.types.add(s.types.get(i));
                case COMPONENT -> scope.components.add(s.components.get(i));
                default -> throw new ComponentLinkException("outer alias of a " + o.sort());
            }
        }
    }

    // ------------------------------------------------------------------ types

    /** Resolves a type definition in {@code s}; resources are created fresh for {@code owner}. */
    static Object resolveTypeDef(TypeDef t, Scope s, InstanceState owner, String name) {
        if (t instanceof DefinedType d) {
            return resolveDefined(d, s);
        }
        if (t instanceof TypeDef.Func f) {
            List<FuncType.Param> params = new ArrayList<>();
            for (DefinedType.Field p : f.params()) {
                params.add(new FuncType.Param(p.label(), resolveValType(p.type(), s)));
            }
            return new FuncType(f.async(), params, f.result().map(r -> resolveValType(r, s)));
        }
        if (t instanceof TypeDef.Resource r) {
            CoreFunc dtor = r.destructor().map(s.coreFuncs::get).orElse(null);
            return new ResourceType(name, owner, dtor, null);
        }
        return new DeclaredType(t, s); // component and instance types
    }

    static ValueType resolveValType(ValType t, Scope s) {
        if (t instanceof PrimitiveType p) {
            return primitive(p);
        }
        Object x = s.types.get(((ValType.Index) t).index());
        if (x instanceof ValueType v) {
            return v;
        }
        throw new ComponentLinkException("type " + x + " is not a value type");
    }

    private static ResourceType resource(int index, Scope s) {
        Object x = s.types.get(index);
        if (x instanceof ResourceType r) {
            return r;
        }
        throw new ComponentLinkException("type " + x + " is not a resource type");
    }

    static ValueType.Primitive primitive(PrimitiveType p) {
        return switch (p) {
            case BOOL -> ValueType.Primitive.BOOL;
            case S8 -> ValueType.Primitive.S8;
            case U8 -> ValueType.Primitive.U8;
            case S16 -> ValueType.Primitive.S16;
            case U16 -> ValueType.Primitive.U16;
            case S32 -> ValueType.Primitive.S32;
            case U32 -> ValueType.Primitive.U32;
            case S64 -> ValueType.Primitive.S64;
            case U64 -> ValueType.Primitive.U64;
            case F32 -> ValueType.Primitive.F32;
            case F64 -> ValueType.Primitive.F64;
            case CHAR -> ValueType.Primitive.CHAR;
            case STRING -> ValueType.Primitive.STRING;
            case ERROR_CONTEXT -> ValueType.Primitive.ERROR_CONTEXT;
        };
    }

    static ValueType resolveDefined(DefinedType d, Scope s) {
        if (d instanceof PrimitiveType p) {
            return primitive(p);
        }
        if (d instanceof DefinedType.Record r) {
            List<ValueType.Field> fs = new ArrayList<>();
            for (DefinedType.Field f : r.fields()) {
                fs.add(new ValueType.Field(f.label(), resolveValType(f.type(), s)));
            }
            return new ValueType.RecordType(fs);
        }
        if (d instanceof DefinedType.Variant v) {
            List<ValueType.Case> cs = new ArrayList<>();
            for (DefinedType.Case c : v.cases()) {
                cs.add(new ValueType.Case(c.label(), c.type().map(x -> resolveValType(x, s))));
            }
            return new ValueType.VariantType(cs);
        }
        if (d instanceof DefinedType.ListType l) {
            return new ValueType.ListType(resolveValType(l.element(), s));
        }
        if (d instanceof DefinedType.FixedList l) {
            return new ValueType.FixedListType(resolveValType(l.element(), s), l.length());
        }
        if (d instanceof DefinedType.Tuple t) {
            List<ValueType> ts = new ArrayList<>();
            for (ValType x : t.types()) {
                ts.add(resolveValType(x, s));
            }
            return new ValueType.TupleType(ts);
        }
        if (d instanceof DefinedType.Flags f) {
            return new ValueType.FlagsType(f.labels());
        }
        if (d instanceof DefinedType.Enum e) {
            return new ValueType.EnumType(e.labels());
        }
        if (d instanceof DefinedType.Option o) {
            return new ValueType.OptionType(resolveValType(o.type(), s));
        }
        if (d instanceof DefinedType.Result r) {
            return new ValueType.ResultType(r.ok().map(x -> resolveValType(x, s)), r.error().map(x -> resolveValType(x, s)));
        }
        if (d instanceof DefinedType.Own o) {
            return new ValueType.OwnType(resource(o.resource(), s));
        }
        if (d instanceof DefinedType.Borrow b) {
            return new ValueType.BorrowType(resource(b.resource(), s));
        }
        if (d instanceof DefinedType.Stream st) {
            return new ValueType.StreamType(st.element().map(x -> resolveValType(x, s)));
        }
        if (d instanceof DefinedType.Future fu) {
            return new ValueType.FutureType(fu.element().map(x -> resolveValType(x, s)));
        }
        DefinedType.MapType m = (DefinedType.MapType) d;
        return new ValueType.MapType(resolveValType(m.key(), s), resolveValType(m.value(), s));
    }

    // ------------------------------------------------------------------ canon

    private CanonOptions options(List<CanonOpt> opts) {
        Abi.StringEncoding enc = Abi.StringEncoding.UTF8;
        CoreMemory memory = null;
        CoreFunc realloc = null;
        CoreFunc postReturn = null;
        CoreFunc callback = null;
        boolean async = false;
        for (CanonOpt o : opts) {
            if (o instanceof CanonOpt.StringEncoding e) {
                enc = switch (e) {
                    case UTF8 -> Abi.StringEncoding.UTF8;
                    case UTF16 -> Abi.StringEncoding.UTF16;
                    case LATIN1_UTF16 -> Abi.StringEncoding.LATIN1_UTF16;
                };
            } else if (o instanceof CanonOpt.Memory m) {
                memory = scope.coreMemories.get(m.memory());
            } else if (o instanceof CanonOpt.Realloc r) {
                realloc = scope.coreFuncs.get(r.func());
            } else if (o instanceof CanonOpt.PostReturn p) {
                postReturn = scope.coreFuncs.get(p.func());
            } else if (o instanceof CanonOpt.Async) {
                async = true;
            } else if (o instanceof CanonOpt.Callback c) {
                callback = scope.coreFuncs.get(c.func());
            }
        }
        return new CanonOptions(enc, memory, realloc, postReturn, async, callback);
    }

    private static final CoreFuncType I32_TO_I32 = new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
    private static final CoreFuncType I32_TO_NONE = new CoreFuncType(List.of(CoreValType.I32), List.of());

    private void canon(Canon c) {
        if (c instanceof Canon.Lift l) {
            Object t = scope.types.get(l.type());
            if (!(t instanceof FuncType ft)) {
                throw new ComponentLinkException("canon lift: type " + l.type() + " is not a function type");
            }
            CanonOptions opts = options(l.opts());
            CoreFunc callee = scope.coreFuncs.get(l.coreFunc());
            CoreFuncType expected = Abi.flattenFunctype(opts, ft, Abi.Context.LIFT);
            if (callee.type() != null && !callee.type().equals(expected)) {
                throw new ComponentLinkException("canon lift: core function has type " + callee.type()
                        + " but " + ft + " needs " + expected);
            }
            String name = name(Sort.FUNC, scope.funcs.size(), "func");
            scope.funcs.add(new LiftedFunc(callee, ft, opts, state, name));
        } else if (c instanceof Canon.Lower l) {
            FuncInst callee = scope.funcs.get(l.func());
            CanonOptions opts = options(l.opts());
            CoreFuncType type = Abi.flattenFunctype(opts, callee.type(), Abi.Context.LOWER);
            InstanceState inst = state;
            if (callee instanceof HostFunc h && h.body() instanceof FlatHostFunction flat) {
                String fn = h.name(); // typed bindings: lift and lower in generated code
                scope.coreFuncs.add(CoreFunc.host(type, args -> FlatLower.call(flat, fn, opts, inst, args)));
            } else {
                scope.coreFuncs.add(CoreFunc.host(type, args -> Abi.canonLower(callee, opts, inst, args)));
            }
        } else if (c instanceof Canon.ResourceNew r) {
            ResourceType rt = resource(r.resource(), scope);
            InstanceState inst = state;
            scope.coreFuncs.add(CoreFunc.host(I32_TO_I32,
                    args -> new long[] {Abi.canonResourceNew(rt, inst, (int) args[0])}));
        } else if (c instanceof Canon.ResourceDrop r) {
            ResourceType rt = resource(r.resource(), scope);
            InstanceState inst = state;
            scope.coreFuncs.add(CoreFunc.host(I32_TO_NONE, args -> {
                Abi.canonResourceDrop(rt, inst, args[0] & 0xffff_ffffL);
                return new long[0];
            }));
        } else if (c instanceof Canon.ResourceRep r) {
            ResourceType rt = resource(r.resource(), scope);
            InstanceState inst = state;
            scope.coreFuncs.add(CoreFunc.host(I32_TO_I32,
                    args -> new long[] {Integer.toUnsignedLong(Abi.canonResourceRep(rt, inst, args[0] & 0xffff_ffffL))}));
        } else if (c instanceof Canon.TaskReturn tr) {
            Optional<ValueType> result = tr.result().map(r -> resolveValType(r, scope));
            CanonOptions opts = options(tr.opts());
            FuncType ft = new FuncType(false,
                    result.map(r -> List.of(new FuncType.Param("result", r))).orElse(List.of()), Optional.empty());
            CoreFuncType type = Abi.flattenFunctype(opts, ft, Abi.Context.LOWER);
            scope.coreFuncs.add(CoreFunc.host(type, args -> {
                Abi.canonTaskReturn(result, opts, args, "task.return");
                return new long[0];
            }));
        } else if (c instanceof Canon.ContextGet g) {
            int i = g.index();
            scope.coreFuncs.add(CoreFunc.host(new CoreFuncType(List.of(), List.of(CoreValType.I32)),
                    args -> new long[] {Abi.contextGet(i)}));
        } else if (c instanceof Canon.ContextSet g) {
            int i = g.index();
            scope.coreFuncs.add(CoreFunc.host(new CoreFuncType(List.of(CoreValType.I32), List.of()), args -> {
                Abi.contextSet(i, args[0] & 0xffff_ffffL);
                return new long[0];
            }));
        } else if (c instanceof Canon.BackpressureInc || c instanceof Canon.BackpressureDec) {
            int delta = c instanceof Canon.BackpressureInc ? 1 : -1;
            InstanceState inst = state;
            scope.coreFuncs.add(CoreFunc.host(new CoreFuncType(List.of(), List.of()), args -> {
                Abi.backpressure(inst, delta);
                return new long[0];
            }));
        } else {
            // async, stream, future, error-context and thread built-ins are not implemented: like
            // the spec's, they first trap_if(not may_leave), then trap as unsupported
            String what = c.getClass().getSimpleName();
            InstanceState inst = state;
            boolean checksMayLeave = !(c instanceof Canon.ThreadAvailableParallelism);
            scope.coreFuncs.add(CoreFunc.hostOfAnyType(args -> {
                if (checksMayLeave && !inst.mayLeave) {
                    throw new ComponentTrapException(Reason.CANNOT_LEAVE,
                            "cannot leave component instance (" + what + ")", inst.name, what, null);
                }
                throw new ComponentTrapException(Reason.UNSUPPORTED,
                        "canon built-in " + what + " is not implemented (async ABI)", inst.name, what, null);
            }));
        }
    }

    // ------------------------------------------------------------------ start

    private void start(Start st) {
        FuncInst f = scope.funcs.get(st.func());
        List<Val> args = new ArrayList<>();
        for (int a : st.args()) {
            args.add(value(a));
        }
        List<List<Val>> out = new ArrayList<>();
        f.invoke(() -> args, out::add, null);
        List<Val> results = out.isEmpty() ? List.of() : out.get(0);
        for (int k = 0; k < st.results(); k++) {
            scope.values.add(k < results.size() ? results.get(k) : null);
        }
    }
}
