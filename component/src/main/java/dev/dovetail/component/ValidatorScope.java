package dev.dovetail.component;

import dev.dovetail.component.Subtyping.Kind;
import dev.dovetail.component.Subtyping.Remap;
import dev.dovetail.component.ValidatorTypes.AnyT;
import dev.dovetail.component.ValidatorTypes.BorrowT;
import dev.dovetail.component.ValidatorTypes.CFuncX;
import dev.dovetail.component.ValidatorTypes.CGlobalX;
import dev.dovetail.component.ValidatorTypes.CMemoryX;
import dev.dovetail.component.ValidatorTypes.CNum;
import dev.dovetail.component.ValidatorTypes.CTableX;
import dev.dovetail.component.ValidatorTypes.CTagX;
import dev.dovetail.component.ValidatorTypes.CVal;
import dev.dovetail.component.ValidatorTypes.Case;
import dev.dovetail.component.ValidatorTypes.CompT;
import dev.dovetail.component.ValidatorTypes.ComponentE;
import dev.dovetail.component.ValidatorTypes.CoreEntry;
import dev.dovetail.component.ValidatorTypes.CoreExtern;
import dev.dovetail.component.ValidatorTypes.CoreInstT;
import dev.dovetail.component.ValidatorTypes.CoreSub;
import dev.dovetail.component.ValidatorTypes.DefT;
import dev.dovetail.component.ValidatorTypes.Entity;
import dev.dovetail.component.ValidatorTypes.EnumT;
import dev.dovetail.component.ValidatorTypes.Field;
import dev.dovetail.component.ValidatorTypes.FixedListT;
import dev.dovetail.component.ValidatorTypes.FlagsT;
import dev.dovetail.component.ValidatorTypes.FuncE;
import dev.dovetail.component.ValidatorTypes.FuncT;
import dev.dovetail.component.ValidatorTypes.FutureT;
import dev.dovetail.component.ValidatorTypes.ImportKey;
import dev.dovetail.component.ValidatorTypes.Info;
import dev.dovetail.component.ValidatorTypes.InstT;
import dev.dovetail.component.ValidatorTypes.InstanceE;
import dev.dovetail.component.ValidatorTypes.ListT;
import dev.dovetail.component.ValidatorTypes.MapT;
import dev.dovetail.component.ValidatorTypes.ModuleE;
import dev.dovetail.component.ValidatorTypes.ModuleT;
import dev.dovetail.component.ValidatorTypes.OptionT;
import dev.dovetail.component.ValidatorTypes.OwnT;
import dev.dovetail.component.ValidatorTypes.Param;
import dev.dovetail.component.ValidatorTypes.PrimT;
import dev.dovetail.component.ValidatorTypes.RecordT;
import dev.dovetail.component.ValidatorTypes.Res;
import dev.dovetail.component.ValidatorTypes.ResT;
import dev.dovetail.component.ValidatorTypes.ResultT;
import dev.dovetail.component.ValidatorTypes.StreamT;
import dev.dovetail.component.ValidatorTypes.TupleT;
import dev.dovetail.component.ValidatorTypes.TypeE;
import dev.dovetail.component.ValidatorTypes.ValueE;
import dev.dovetail.component.ValidatorTypes.VariantT;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The state of one scope being validated — a component, a component type or an instance type —
 * and the rules applied as each definition extends it: the 13 index spaces (Explainer.md, Index
 * Spaces), the imports and exports with their names, and the resource bookkeeping that type
 * checking needs (which resources are imported, defined here, or exported under a name).
 */
final class ValidatorScope {
    enum ScopeKind {
        COMPONENT,
        COMPONENT_TYPE,
        INSTANCE_TYPE
    }

    final ScopeKind kind;

    // core index spaces
    private final List<CoreEntry> coreTypes = new ArrayList<>();
    private final List<CoreSub> coreFuncs = new ArrayList<>();
    private final List<CTableX> coreTables = new ArrayList<>();
    private final List<CMemoryX> coreMemories = new ArrayList<>();
    private final List<CGlobalX> coreGlobals = new ArrayList<>();
    private final List<CTagX> coreTags = new ArrayList<>();
    private final List<ModuleT> coreModules = new ArrayList<>();
    private final List<CoreInstT> coreInstances = new ArrayList<>();

    // component index spaces
    private final List<AnyT> types = new ArrayList<>();
    private final List<FuncT> funcs = new ArrayList<>();
    private final List<DefT> values = new ArrayList<>();
    private final List<Boolean> valueUsed = new ArrayList<>();
    private final List<InstT> instances = new ArrayList<>();
    private final List<CompT> components = new ArrayList<>();

    private final LinkedHashMap<String, Entity> imports = new LinkedHashMap<>();
    private final Map<String, String> importNames = new HashMap<>();
    private final LinkedHashMap<String, Entity> exports = new LinkedHashMap<>();
    private final Map<String, String> exportNames = new HashMap<>();

    /** Abstract resources of the imports, with their import path. */
    private final LinkedHashMap<Res, List<Integer>> importedResources = new LinkedHashMap<>();

    /** Resources defined in this scope (or by instances created here); the rep if known. */
    private final LinkedHashMap<Res, CVal> definedResources = new LinkedHashMap<>();

    /** Resources exported somewhere by this scope, with their export path. */
    private final LinkedHashMap<Res, List<Integer>> explicitResources = new LinkedHashMap<>();

    /** Types with an externally-visible name for exports / imports (External Visibility of Types). */
    private final Set<AnyT> exportedTypes = ValidatorTypes.identitySet();

    private final Set<AnyT> importedTypes = ValidatorTypes.identitySet();

    /** Top-level resource names, for {@code [constructor]} etc.; imports and exports separately. */
    private final ExternNames.ResourceNames importResourceNames = new ExternNames.ResourceNames();

    private final ExternNames.ResourceNames exportResourceNames = new ExternNames.ResourceNames();

    /** The core type of {@code context.get} / {@code context.set}, once seen. */
    private CVal contextType;

    ValidatorScope(ScopeKind kind) {
        this.kind = kind;
    }

    // ================================================================ index spaces

    private static <T> T at(List<T> list, int index, String what, String space) {
        long i = Integer.toUnsignedLong(index);
        if (i >= list.size()) {
            throw new Invalid("unknown " + what + " " + i + ": " + space + " index out of bounds (" + list.size()
                    + " defined)");
        }
        return list.get((int) i);
    }

    CoreEntry coreTypeAt(int i) {
        return at(coreTypes, i, "core type", "type");
    }

    CoreSub coreFuncAt(int i) {
        return at(coreFuncs, i, "core function", "function");
    }

    CTableX tableAt(int i) {
        return at(coreTables, i, "table", "table");
    }

    CMemoryX memoryAt(int i) {
        return at(coreMemories, i, "memory", "memory");
    }

    CGlobalX globalAt(int i) {
        return at(coreGlobals, i, "global", "global");
    }

    CTagX tagAt(int i) {
        return at(coreTags, i, "tag", "tag");
    }

    ModuleT moduleAt(int i) {
        return at(coreModules, i, "module", "module");
    }

    CoreInstT coreInstanceAt(int i) {
        return at(coreInstances, i, "core instance", "instance");
    }

    AnyT typeAt(int i) {
        return at(types, i, "type", "type");
    }

    FuncT funcAt(int i) {
        return at(funcs, i, "function", "function");
    }

    InstT instanceAt(int i) {
        return at(instances, i, "instance", "instance");
    }

    CompT componentAt(int i) {
        return at(components, i, "component", "component");
    }

    /** Uses value {@code i}: each value must be consumed exactly once (Binary.md, Start Definitions). */
    DefT useValue(int i) {
        DefT t = at(values, i, "value", "value");
        if (valueUsed.get(i)) {
            throw new Invalid("value " + Integer.toUnsignedLong(i) + " cannot be used more than once");
        }
        valueUsed.set(i, true);
        return t;
    }

    /** A {@code valtype}'s {@code typeidx} must refer to a defined value type. */
    DefT definedTypeAt(int i) {
        AnyT t = typeAt(i);
        if (t instanceof DefT d) {
            return d;
        }
        throw new Invalid("type index " + Integer.toUnsignedLong(i) + " is not a defined type");
    }

    FuncT funcTypeAt(int i) {
        AnyT t = typeAt(i);
        if (t instanceof FuncT f) {
            return f;
        }
        throw new Invalid("type index " + Integer.toUnsignedLong(i) + " is not a function type");
    }

    /** {@code own} / {@code borrow} and the resource built-ins need a resource type. */
    ResT resourceAt(int i) {
        AnyT t = typeAt(i);
        if (t instanceof ResT r) {
            return r;
        }
        throw new Invalid("type index " + Integer.toUnsignedLong(i) + " is not a resource type");
    }

    // ================================================================ core definitions

    void addCoreModule(Bytes bytes) {
        coreModules.add(CoreModules.moduleType(bytes));
    }

    /** {@code core:instantiate}: every two-level import must be matched by an argument's export. */
    void instantiateCore(int module, List<CoreInstance.Arg> args) {
        ModuleT mt = moduleAt(module);
        Map<String, CoreInstT> byName = new HashMap<>();
        for (CoreInstance.Arg a : args) {
            CoreInstT inst = coreInstanceAt(a.instance());
            if (byName.put(a.name(), inst) != null) {
                throw new Invalid("duplicate module instantiation argument named `" + a.name() + "`");
            }
        }
        for (Map.Entry<ImportKey, CoreExtern> imp : mt.imports().entrySet()) {
            ImportKey k = imp.getKey();
            CoreInstT inst = byName.get(k.module());
            if (inst == null) {
                throw new Invalid("missing module instantiation argument named `" + k.module() + "`");
            }
            CoreExtern actual = inst.exports().get(k.name());
            if (actual == null) {
                throw new Invalid("module instantiation argument `" + k.module() + "` does not export an item named `"
                        + k.name() + "`");
            }
            try {
                CoreTypes.checkExtern(actual, imp.getValue());
            } catch (Invalid x) {
                throw x.context("type mismatch for export `" + k.name() + "` of module instantiation argument `"
                        + k.module() + "`");
            }
        }
        coreInstances.add(new CoreInstT(mt.exports()));
    }

    /** A core instance made of inline exports. */
    void coreInstanceFromExports(List<CoreInstance.Export> exps) {
        LinkedHashMap<String, CoreExtern> out = new LinkedHashMap<>();
        for (CoreInstance.Export e : exps) {
            CoreExtern t = switch (e.sort()) {
                case FUNC -> new CFuncX(coreFuncAt(e.index()));
                case TABLE -> tableAt(e.index());
                case MEMORY -> memoryAt(e.index());
                case GLOBAL -> globalAt(e.index());
                case TAG -> tagAt(e.index());
                case TYPE, MODULE, INSTANCE -> throw new Invalid("a core instance cannot export a core "
                        + e.sort().name().toLowerCase(Locale.ROOT));
            };
            if (out.put(e.name(), t) != null) {
                throw new Invalid("duplicate instantiation export name `" + e.name() + "` already defined");
            }
        }
        coreInstances.add(new CoreInstT(Collections.unmodifiableMap(out)));
    }

    /** A core recursion group, added to the core type index space. */
    void addCoreRecGroup(CoreType.RecGroup g) {
        coreTypes.addAll(CoreTypes.recGroup(g, coreTypes.size(), this::coreTypeAt));
    }

    void addCoreType(CoreEntry t) {
        coreTypes.add(t);
    }

    // ================================================================ type definitions

    void addType(AnyT t) {
        types.add(t);
    }

    /** {@code resourcetype}: only in concrete components; a destructor must be {@code [rep] -> []}. */
    void defineResource(TypeDef.Resource r) {
        if (kind != ScopeKind.COMPONENT) {
            throw new Invalid("resources can only be defined within a concrete component");
        }
        CVal rep = CoreTypes.val(r.rep(), i -> {
            throw new Invalid("resources can only be represented by `i32` or `i64`");
        });
        if (rep != CNum.I32 && rep != CNum.I64) {
            throw new Invalid("resources can only be represented by `i32` or `i64`");
        }
        if (r.destructor().isPresent()) {
            int dtor = r.destructor().get();
            CoreSub t = coreFuncAt(dtor);
            if (!CoreTypes.isFunc(t, List.of(rep), List.of())) {
                throw new Invalid("core function " + Integer.toUnsignedLong(dtor)
                        + " has wrong signature for a destructor: expected [" + CoreTypes.describe(rep)
                        + "] -> [], found " + t);
            }
        }
        Res res = new Res();
        definedResources.put(res, rep);
        types.add(new ResT(res));
    }

    /** Resolves a {@code valtype}. */
    DefT valType(ValType v) {
        if (v instanceof PrimitiveType p) {
            return CanonicalAbi.prim(p, true);
        }
        return definedTypeAt(((ValType.Index) v).index());
    }

    private static String label(String name, String what) {
        if (!ExternNames.isLabel(name)) {
            if (name.isEmpty()) {
                throw new Invalid(what + " name cannot be empty");
            }
            throw new Invalid(what + " name `" + name + "` is not in kebab case");
        }
        return name;
    }

    /** Labels of one type must be strongly-unique: compared ignoring case. */
    private static void unique(Map<String, String> seen, String name, String what, String prevWhat) {
        String prev = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
        if (prev != null) {
            throw new Invalid(what + " name `" + name + "` conflicts with previous " + prevWhat + " name `" + prev
                    + "`");
        }
    }

    /** {@code defvaltype}: non-emptiness, label rules, handle and async type restrictions. */
    DefT definedType(DefinedType d) {
        DefT t;
        if (d instanceof PrimitiveType p) {
            t = CanonicalAbi.prim(p, false);
        } else if (d instanceof DefinedType.Record r) {
            if (r.fields().isEmpty()) {
                throw new Invalid("record type must have at least one field");
            }
            Map<String, String> seen = new HashMap<>();
            List<Field> fields = new ArrayList<>();
            for (DefinedType.Field f : r.fields()) {
                label(f.label(), "record field");
                DefT ft = valType(f.type());
                unique(seen, f.label(), "record field", "field");
                fields.add(new Field(f.label(), ft));
            }
            t = CanonicalAbi.record(fields);
        } else if (d instanceof DefinedType.Variant v) {
            if (v.cases().isEmpty()) {
                throw new Invalid("variant type must have at least one case");
            }
            Map<String, String> seen = new HashMap<>();
            List<Case> cases = new ArrayList<>();
            for (DefinedType.Case c : v.cases()) {
                label(c.label(), "variant case");
                DefT ct = c.type().map(this::valType).orElse(null);
                unique(seen, c.label(), "variant case", "case");
                cases.add(new Case(c.label(), ct));
            }
            t = CanonicalAbi.variant(cases);
        } else if (d instanceof DefinedType.ListType l) {
            t = CanonicalAbi.list(valType(l.element()));
        } else if (d instanceof DefinedType.FixedList l) {
            if (l.length() == 0) {
                throw new Invalid("fixed-length lists must have more than zero elements");
            }
            t = CanonicalAbi.fixedList(valType(l.element()), Integer.toUnsignedLong(l.length()));
        } else if (d instanceof DefinedType.Tuple tt) {
            if (tt.types().isEmpty()) {
                throw new Invalid("tuple type must have at least one type");
            }
            List<DefT> ts = new ArrayList<>();
            tt.types().forEach(x -> ts.add(valType(x)));
            t = CanonicalAbi.tuple(ts);
        } else if (d instanceof DefinedType.Flags f) {
            if (f.labels().isEmpty()) {
                throw new Invalid("flags must have at least one entry");
            }
            if (f.labels().size() > 32) {
                throw new Invalid("cannot have more than 32 flags");
            }
            Map<String, String> seen = new HashMap<>();
            for (String l : f.labels()) {
                label(l, "flag");
                unique(seen, l, "flag", "flag");
            }
            t = CanonicalAbi.flags(f.labels());
        } else if (d instanceof DefinedType.Enum e) {
            if (e.labels().isEmpty()) {
                throw new Invalid("enum type must have at least one variant");
            }
            Map<String, String> seen = new HashMap<>();
            for (String l : e.labels()) {
                label(l, "enum tag");
                unique(seen, l, "enum tag", "tag");
            }
            t = CanonicalAbi.enumType(e.labels());
        } else if (d instanceof DefinedType.Option o) {
            t = CanonicalAbi.option(valType(o.type()));
        } else if (d instanceof DefinedType.Result r) {
            t = CanonicalAbi.result(r.ok().map(this::valType).orElse(null), r.error().map(this::valType).orElse(null));
        } else if (d instanceof DefinedType.Own o) {
            t = CanonicalAbi.own(resourceAt(o.resource()));
        } else if (d instanceof DefinedType.Borrow b) {
            t = CanonicalAbi.borrow(resourceAt(b.resource()));
        } else if (d instanceof DefinedType.Stream s) {
            DefT e = s.element().map(this::valType).orElse(null);
            if (e instanceof PrimT p && p.prim() == PrimitiveType.CHAR) {
                throw new Invalid("`stream<char>` is not valid at this time, use `stream<u8>` with a defined "
                        + "encoding instead for now");
            }
            if (e != null && e.info().borrow()) {
                throw new Invalid("the element type of a `stream` cannot contain a `borrow`");
            }
            t = CanonicalAbi.stream(e);
        } else if (d instanceof DefinedType.Future f) {
            DefT e = f.element().map(this::valType).orElse(null);
            if (e != null && e.info().borrow()) {
                throw new Invalid("the element type of a `future` cannot contain a `borrow`");
            }
            t = CanonicalAbi.future(e);
        } else if (d instanceof DefinedType.MapType m) {
            DefT key = valType(m.key());
            if (!(key instanceof PrimT p) || p.prim() == PrimitiveType.F32 || p.prim() == PrimitiveType.F64
                    || p.prim() == PrimitiveType.ERROR_CONTEXT) {
                throw new Invalid("map key type must be bool, an integer type, char or string, found "
                        + key.kind());
            }
            t = CanonicalAbi.map(key, valType(m.value()));
        } else {
            throw new IllegalStateException("unknown defined type " + d);
        }
        checkInfo(t.info());
        if (t.info().elemSize() >= ValidatorTypes.MAX_ELEM_SIZE) {
            throw new Invalid("type of " + t.info().elemSize() + " bytes exceeds maximum byte size of 2^28 "
                    + "(elem_size with 64-bit pointers)");
        }
        return t;
    }

    private static void checkInfo(Info info) {
        if (info.size() > ValidatorTypes.MAX_TYPE_SIZE) {
            throw new Invalid("effective type size exceeds the limit of " + ValidatorTypes.MAX_TYPE_SIZE);
        }
        if (info.depth() > ValidatorTypes.MAX_TYPE_DEPTH) {
            throw new Invalid("type nesting is too deep (more than " + ValidatorTypes.MAX_TYPE_DEPTH + " levels)");
        }
    }

    /** {@code functype}: strongly-unique kebab parameter names, no {@code borrow} in the result. */
    FuncT funcType(TypeDef.Func f) {
        Map<String, String> seen = new HashMap<>();
        List<Param> params = new ArrayList<>();
        List<Info> infos = new ArrayList<>();
        for (DefinedType.Field p : f.params()) {
            label(p.label(), "function parameter");
            unique(seen, p.label(), "function parameter", "parameter");
            DefT t = valType(p.type());
            params.add(new Param(p.label(), t));
            infos.add(t.info());
        }
        DefT result = f.result().map(this::valType).orElse(null);
        if (result != null) {
            if (result.info().borrow()) {
                throw new Invalid("function result cannot contain a `borrow` type");
            }
            infos.add(result.info());
        }
        Info info = Info.node(infos);
        checkInfo(info);
        return new FuncT(f.async(), List.copyOf(params), result, info);
    }

    // ================================================================ aliases

    /** {@code alias export i "n" (s)}: the instance must export {@code n} with sort {@code s}. */
    void aliasInstanceExport(Sort sort, int instance, String name) {
        InstT inst = instanceAt(instance);
        Entity e = inst.exports().get(name);
        if (e == null) {
            throw new Invalid("instance " + Integer.toUnsignedLong(instance) + " has no export named `" + name + "`");
        }
        if (!sortMatches(e, sort)) {
            throw new Invalid("export `" + name + "` for instance " + Integer.toUnsignedLong(instance) + " is not a "
                    + sortDesc(sort));
        }
        addEntity(e, null, null);
    }

    private static boolean sortMatches(Entity e, Sort sort) {
        return switch (sort) {
            case CORE_MODULE -> e instanceof ModuleE;
            case COMPONENT -> e instanceof ComponentE;
            case FUNC -> e instanceof FuncE;
            case INSTANCE -> e instanceof InstanceE;
            case VALUE -> e instanceof ValueE;
            case TYPE -> e instanceof TypeE;
            default -> false;
        };
    }

    static String sortDesc(Sort s) {
        return switch (s) {
            case CORE_FUNC -> "core func";
            case CORE_TABLE -> "core table";
            case CORE_MEMORY -> "core memory";
            case CORE_GLOBAL -> "core global";
            case CORE_TAG -> "core tag";
            case CORE_TYPE -> "core type";
            case CORE_MODULE -> "module";
            case CORE_INSTANCE -> "core instance";
            case FUNC -> "func";
            case VALUE -> "value";
            case TYPE -> "type";
            case COMPONENT -> "component";
            case INSTANCE -> "instance";
        };
    }

    /** {@code alias core export i "n" (core s)}. */
    void aliasCoreInstanceExport(Sort sort, int instance, String name) {
        CoreInstT inst = coreInstanceAt(instance);
        CoreExtern e = inst.exports().get(name);
        if (e == null) {
            throw new Invalid("core instance " + Integer.toUnsignedLong(instance) + " has no export named `" + name
                    + "`");
        }
        String expected = switch (sort) {
            case CORE_FUNC -> e instanceof CFuncX ? null : "function";
            case CORE_TABLE -> e instanceof CTableX ? null : "table";
            case CORE_MEMORY -> e instanceof CMemoryX ? null : "memory";
            case CORE_GLOBAL -> e instanceof CGlobalX ? null : "global";
            case CORE_TAG -> e instanceof CTagX ? null : "tag";
            default -> sortDesc(sort);
        };
        if (expected != null) {
            throw new Invalid("export `" + name + "` for core instance " + Integer.toUnsignedLong(instance)
                    + " is not a " + expected);
        }
        if (e instanceof CFuncX f) {
            coreFuncs.add(f.type());
        } else if (e instanceof CTableX t) {
            coreTables.add(t);
        } else if (e instanceof CMemoryX m) {
            coreMemories.add(m);
        } else if (e instanceof CGlobalX g) {
            coreGlobals.add(g);
        } else if (e instanceof CTagX t) {
            coreTags.add(t);
        }
    }

    /**
     * {@code alias outer ct idx (s)} from {@code target}; {@code crossesComponent} is true when the
     * alias leaves a component (not just a type): then a type must not refer to resources, which
     * could not be substituted if the inner component were unbundled (Alias Definitions).
     */
    void aliasOuter(ValidatorScope target, Sort sort, int index, boolean crossesComponent) {
        switch (sort) {
            case CORE_MODULE -> coreModules.add(target.moduleAt(index));
            case COMPONENT -> components.add(target.componentAt(index));
            case CORE_TYPE -> coreTypes.add(target.coreTypeAt(index));
            case TYPE -> {
                AnyT t = target.typeAt(index);
                if (crossesComponent && !Subtyping.free(t).isEmpty()) {
                    throw new Invalid("cannot alias outer type which transitively refers to resources not defined in "
                            + "the current component");
                }
                types.add(t);
            }
            default -> throw new Invalid("outer aliases may only refer to core modules, core types, components "
                    + "and types, not to a " + sortDesc(sort));
        }
    }

    // ================================================================ instances

    /** {@code instantiate}: arguments are checked against the component's imports by subtyping. */
    void instantiate(int component, List<Instance.Arg> args) {
        CompT ct = componentAt(component);
        LinkedHashMap<String, Entity> byName = new LinkedHashMap<>();
        for (Instance.Arg a : args) {
            Entity e = argument(a.item());
            if (byName.containsKey(a.name())) {
                throw new Invalid("instantiation argument `" + a.name() + "` conflicts with previous argument `"
                        + a.name() + "`");
            }
            byName.put(a.name(), e);
        }
        Remap mapping = Subtyping.openInstanceType(byName, ct, Kind.IMPORT);
        // every instantiation generates fresh resources for those the component defines
        for (Res old : ct.defined().keySet()) {
            Res fresh = new Res();
            mapping.resources.put(old, fresh);
            definedResources.put(fresh, null);
        }
        LinkedHashMap<String, Entity> out = new LinkedHashMap<>();
        List<Info> infos = new ArrayList<>();
        for (Map.Entry<String, Entity> e : ct.exports().entrySet()) {
            Entity x = Subtyping.remap(e.getValue(), mapping);
            out.put(e.getKey(), x);
            infos.add(x.info());
        }
        LinkedHashMap<Res, List<Integer>> explicit = new LinkedHashMap<>();
        ct.explicit().forEach((r, path) -> explicit.put(mapping.resources.getOrDefault(r, r), path));
        instances.add(new InstT(Collections.unmodifiableMap(out), List.of(), Collections.unmodifiableMap(explicit),
                Info.node(infos)));
    }

    private Entity argument(SortIndex si) {
        return switch (si.sort()) {
            case CORE_MODULE -> new ModuleE(moduleAt(si.index()));
            case COMPONENT -> new ComponentE(componentAt(si.index()));
            case INSTANCE -> new InstanceE(instanceAt(si.index()));
            case FUNC -> new FuncE(funcAt(si.index()));
            case VALUE -> new ValueE(useValue(si.index()));
            case TYPE -> {
                AnyT t = typeAt(si.index());
                yield new TypeE(t, t);
            }
            default -> throw new Invalid("a " + sortDesc(si.sort()) + " cannot be passed to or exported from a "
                    + "component instance");
        };
    }

    /** An instance made of inline exports ("bag of exports"). */
    void instanceFromExports(List<Instance.Export> exps) {
        LinkedHashMap<String, Entity> items = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        LinkedHashMap<Res, List<Integer>> explicit = new LinkedHashMap<>();
        ExternNames.ResourceNames noNames = new ExternNames.ResourceNames();
        List<Info> infos = new ArrayList<>();
        for (Instance.Export ex : exps) {
            Entity e = argument(ex.item());
            if (e instanceof InstanceE i) {
                int at = items.size();
                i.type().explicit().forEach((r, path) -> explicit.put(r, prepend(at, path)));
            } else if (e instanceof TypeE t && t.created() instanceof ResT r) {
                explicit.put(r.res(), List.of(items.size()));
            }
            ExternNames.validateExtern(ex.name(), Kind.EXPORT, e, names, items, noNames);
            infos.add(e.info());
        }
        Info info = Info.node(infos);
        checkInfo(info);
        instances.add(new InstT(Collections.unmodifiableMap(items), List.of(), Collections.unmodifiableMap(explicit),
                info));
    }

    private static List<Integer> prepend(int first, List<Integer> rest) {
        List<Integer> p = new ArrayList<>(rest.size() + 1);
        p.add(first);
        p.addAll(rest);
        return List.copyOf(p);
    }

    // ================================================================ imports and exports

    /** The entity an {@code externtype} describes (Binary.md: the typeidx must match the sort). */
    Entity externType(ExternType t) {
        if (t instanceof ExternType.CoreModule m) {
            CoreEntry e = coreTypeAt(m.coreType());
            if (e instanceof ModuleT mt) {
                return new ModuleE(mt);
            }
            throw new Invalid("core type index " + Integer.toUnsignedLong(m.coreType()) + " is not a module type");
        } else if (t instanceof ExternType.Func f) {
            return new FuncE(funcTypeAt(f.type()));
        } else if (t instanceof ExternType.Value v) {
            if (v.bound() instanceof ExternType.ValueBound.Eq eq) {
                return new ValueE(at(values, eq.value(), "value", "value"));
            }
            return new ValueE(valType(((ExternType.ValueBound.Of) v.bound()).type()));
        } else if (t instanceof ExternType.Type tt) {
            if (tt.bound() instanceof ExternType.TypeBound.Eq eq) {
                AnyT referenced = typeAt(eq.type());
                return new TypeE(referenced, ValidatorTypes.unique(referenced));
            }
            // (sub resource): a fresh abstract resource
            ResT fresh = new ResT(new Res());
            return new TypeE(fresh, fresh);
        } else if (t instanceof ExternType.Instance i) {
            AnyT x = typeAt(i.type());
            if (x instanceof InstT it) {
                return new InstanceE(it);
            }
            throw new Invalid("type index " + Integer.toUnsignedLong(i.type()) + " is not an instance type");
        } else if (t instanceof ExternType.Component c) {
            AnyT x = typeAt(c.type());
            if (x instanceof CompT ct) {
                return new ComponentE(ct);
            }
            throw new Invalid("type index " + Integer.toUnsignedLong(c.type()) + " is not a component type");
        }
        throw new IllegalStateException("unknown extern type " + t);
    }

    void addImport(ExternName name, ExternType type) {
        Entity e = addEntity(externType(type), name.name(), Kind.IMPORT);
        ExternNames.validateExtern(name, Kind.IMPORT, e, importNames, imports, importResourceNames);
    }

    /** An export declarator of a component or instance type. */
    void addExportDecl(ExternName name, ExternType type) {
        addExport(name, externType(type));
    }

    /** {@code export}: the item's type, or the ascribed type which must be a supertype of it. */
    void export(Export ex) {
        Sort s = ex.item().sort();
        int idx = ex.item().index();
        Entity actual = switch (s) {
            case CORE_MODULE -> new ModuleE(moduleAt(idx));
            case FUNC -> new FuncE(funcAt(idx));
            case VALUE -> new ValueE(useValue(idx));
            case TYPE -> {
                AnyT t = typeAt(idx);
                yield new TypeE(t, ValidatorTypes.unique(t));
            }
            case INSTANCE -> new InstanceE(instanceAt(idx));
            case COMPONENT -> new ComponentE(componentAt(idx));
            default -> throw new Invalid("a " + sortDesc(s) + " cannot be exported (only core modules among the core "
                    + "sorts)");
        };
        Entity e = actual;
        if (ex.type().isPresent()) {
            Entity ascribed = externType(ex.type().get());
            try {
                Subtyping.entity(actual, ascribed);
            } catch (Invalid x) {
                throw x.context("ascribed type of export is not compatible with item's type");
            }
            e = ascribed;
        }
        addExport(ex.name(), e);
    }

    private void addExport(ExternName name, Entity e) {
        Entity added = addEntity(e, name.name(), Kind.EXPORT);
        ExternNames.validateExtern(name, Kind.EXPORT, added, exportNames, exports, exportResourceNames);
    }

    /**
     * Adds an imported, exported or aliased item to its index space. For imports and exports, also
     * records resources and checks that every type it uses has an externally-visible name.
     */
    private Entity addEntity(Entity e, String name, Kind kind) {
        if (e instanceof ValueE v && kind == Kind.EXPORT && v.type().info().borrow()) {
            throw new Invalid("an exported value type cannot contain a `borrow`");
        }
        if (e instanceof ModuleE m) {
            coreModules.add(m.type());
        } else if (e instanceof ComponentE c) {
            components.add(c.type());
        } else if (e instanceof InstanceE i) {
            InstT t = i.type();
            if (kind == Kind.IMPORT) {
                t = prepareInstanceImport(t);
            } else if (kind == Kind.EXPORT) {
                t = prepareInstanceExport(t);
            }
            if (t != i.type()) {
                e = new InstanceE(t);
            }
            instances.add(t);
        } else if (e instanceof FuncE f) {
            funcs.add(f.type());
        } else if (e instanceof ValueE v) {
            values.add(v.type());
            valueUsed.add(kind == Kind.EXPORT);
        } else if (e instanceof TypeE t) {
            types.add(t.created());
            if (t.created() instanceof ResT r) {
                if (kind == Kind.IMPORT && t.created() == t.referenced()) {
                    importedResources.put(r.res(), List.of(imports.size()));
                } else if (kind == Kind.EXPORT) {
                    if (t.created() == t.referenced()) {
                        definedResources.put(r.res(), null);
                    }
                    explicitResources.put(r.res(), List.of(exports.size()));
                }
            }
        }
        if (name != null && !registerNamedTypes(name, kind, e)) {
            throw new Invalid(e.desc() + " not valid to be used as " + kind.desc + ": a type it uses has no "
                    + "externally-visible name here (import or export it first)");
        }
        return e;
    }

    /** Importing an instance type turns its own resources into fresh imported ones. */
    private InstT prepareInstanceImport(InstT t) {
        if (t.defined().isEmpty()) {
            return t;
        }
        Remap m = new Remap();
        for (Res old : t.defined()) {
            Res fresh = new Res();
            m.resources.put(old, fresh);
            List<Integer> path = t.explicit().get(old);
            importedResources.put(fresh, prepend(imports.size(), path == null ? List.of() : path));
        }
        return freshened(t, m);
    }

    /** Exporting an instance: its resources become this scope's; they are exported with a path. */
    private InstT prepareInstanceExport(InstT t) {
        if (!t.defined().isEmpty()) {
            Remap m = new Remap();
            for (Res old : t.defined()) {
                Res fresh = new Res();
                m.resources.put(old, fresh);
                definedResources.put(fresh, null);
            }
            t = freshened(t, m);
        }
        int at = exports.size();
        t.explicit().forEach((r, path) -> explicitResources.put(r, prepend(at, path)));
        return t;
    }

    private static InstT freshened(InstT t, Remap m) {
        LinkedHashMap<String, Entity> ex = new LinkedHashMap<>();
        t.exports().forEach((k, v) -> ex.put(k, Subtyping.remap(v, m)));
        LinkedHashMap<Res, List<Integer>> explicit = new LinkedHashMap<>();
        t.explicit().forEach((r, p) -> explicit.put(m.resources.getOrDefault(r, r), p));
        return new InstT(Collections.unmodifiableMap(ex), List.of(), Collections.unmodifiableMap(explicit), t.info());
    }

    // ---------------------------------------------------------------- external visibility

    /**
     * External Visibility of Types: every resource and every record, variant, enum and flags type
     * used by an import (export) must itself have been imported (imported or exported) before.
     * Registers the types this item makes visible. Instance types defer the check until they are
     * attached to an import or export.
     */
    private boolean registerNamedTypes(String toplevelName, Kind kind, Entity e) {
        if (toplevelName != null && e instanceof TypeE t && t.created() instanceof ResT r) {
            (kind == Kind.IMPORT ? importResourceNames : exportResourceNames).register(toplevelName, r);
        }
        if (this.kind == ScopeKind.INSTANCE_TYPE) {
            return true;
        }
        Set<AnyT> named = kind == Kind.IMPORT ? importedTypes : exportedTypes;
        if (e instanceof TypeE t) {
            if (!allNamed(t.referenced(), named)) {
                return false;
            }
            if (kind == Kind.IMPORT) {
                importedTypes.add(t.created());
            }
            exportedTypes.add(t.created());
            return true;
        } else if (e instanceof InstanceE i) {
            for (Entity x : i.type().exports().values()) {
                if (!registerNamedTypes(null, kind, x)) {
                    return false;
                }
            }
            return true;
        } else if (e instanceof FuncE f) {
            return namedInFunc(f.type(), named);
        } else if (e instanceof ValueE v) {
            return named(v.type(), named);
        }
        return true; // components and modules are closed
    }

    private static boolean allNamed(AnyT t, Set<AnyT> named) {
        if (t instanceof DefT d) {
            return namedInDefined(d, named);
        } else if (t instanceof FuncT f) {
            return namedInFunc(f, named);
        } else if (t instanceof InstT i) {
            return namedInInstance(i, named);
        }
        return true; // resources and component types
    }

    private static boolean namedInInstance(InstT i, Set<AnyT> named) {
        for (Entity e : i.exports().values()) {
            boolean ok;
            if (e instanceof FuncE f) {
                ok = namedInFunc(f.type(), named);
            } else if (e instanceof TypeE t) {
                ok = allNamed(t.created(), named);
            } else if (e instanceof ValueE v) {
                ok = namedInDefined(v.type(), named);
            } else if (e instanceof InstanceE x) {
                ok = namedInInstance(x.type(), named);
            } else {
                ok = true;
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean namedInFunc(FuncT f, Set<AnyT> named) {
        for (Param p : f.params()) {
            if (!named(p.type(), named)) {
                return false;
            }
        }
        return f.result() == null || named(f.result(), named);
    }

    /** The components of {@code t} are named (records etc. referenced from {@code t} must be). */
    private static boolean namedInDefined(DefT t, Set<AnyT> named) {
        if (t instanceof RecordT r) {
            return r.fields().stream().allMatch(f -> named(f.type(), named));
        } else if (t instanceof VariantT v) {
            return v.cases().stream().allMatch(c -> c.type() == null || named(c.type(), named));
        } else if (t instanceof PrimT || t instanceof FlagsT || t instanceof EnumT) {
            return true;
        }
        return named(t, named);
    }

    /** A value type used somewhere: nominal-ish types must be named, the others recursively. */
    private static boolean named(DefT t, Set<AnyT> named) {
        if (t == null || t instanceof PrimT) {
            return true;
        } else if (t instanceof RecordT || t instanceof VariantT || t instanceof FlagsT || t instanceof EnumT) {
            return named.contains(t);
        } else if (t instanceof TupleT tt) {
            return tt.types().stream().allMatch(x -> named(x, named));
        } else if (t instanceof ResultT r) {
            return named(r.ok(), named) && named(r.error(), named);
        } else if (t instanceof ListT l) {
            return named(l.element(), named);
        } else if (t instanceof FixedListT l) {
            return named(l.element(), named);
        } else if (t instanceof OptionT o) {
            return named(o.type(), named);
        } else if (t instanceof MapT m) {
            return named(m.key(), named) && named(m.value(), named);
        } else if (t instanceof OwnT o) {
            return named.contains(o.resource());
        } else if (t instanceof BorrowT b) {
            return named.contains(b.resource());
        } else if (t instanceof StreamT s) {
            return named(s.element(), named);
        } else if (t instanceof FutureT f) {
            return named(f.element(), named);
        }
        return true;
    }

    // ================================================================ start

    /** {@code start}: arity and types of the value arguments, results become new values. */
    void start(Start s) {
        FuncT f = funcAt(s.func());
        if (f.params().size() != s.args().size()) {
            throw new Invalid("component start function requires " + f.params().size() + " arguments but was given "
                    + s.args().size());
        }
        long results = Integer.toUnsignedLong(s.results());
        int expected = f.result() == null ? 0 : 1;
        if (results != expected) {
            throw new Invalid("component start function has a result count of " + results
                    + " but the function type has a result count of " + expected);
        }
        for (int i = 0; i < s.args().size(); i++) {
            DefT v = useValue(s.args().get(i));
            try {
                Subtyping.value(v, f.params().get(i).type());
            } catch (Invalid x) {
                throw x.context("value type mismatch for component start function argument " + i);
            }
        }
        if (f.result() != null) {
            values.add(f.result());
            valueUsed.add(false);
        }
    }

    void addValue(Value v) {
        values.add(valType(v.type()));
        valueUsed.add(false);
    }

    // ================================================================ canonical definitions

    void addFunc(FuncT f) {
        funcs.add(f);
    }

    void addCoreFunc(CoreSub f) {
        coreFuncs.add(f);
    }

    /** The representation of a resource defined in this component, or null if it is not local. */
    CVal localResourceRep(Res r) {
        return definedResources.get(r);
    }

    /** Fixes the core type of {@code context.get}/{@code .set}: the same for the whole component. */
    void useContextType(CVal t, String what) {
        if (contextType == null) {
            contextType = t;
        } else if (contextType != t) {
            throw new Invalid("`" + what + "` type must match previous context type");
        }
    }

    // ================================================================ end of scope

    /**
     * The type of the finished component (or component type): its imports and exports, and which
     * of its resources each instantiation generates. Also checks that every value was used and
     * that local resources neither leak into imports nor are exported without a name.
     */
    CompT finishComponent() {
        if (kind == ScopeKind.COMPONENT) {
            for (int i = 0; i < values.size(); i++) {
                if (!valueUsed.get(i)) {
                    throw new Invalid("value " + i + " was not used: every value must be used exactly once (by an "
                            + "instantiation, start function or export)");
                }
            }
        }
        Set<Res> freeInImports = new HashSet<>();
        List<Info> infos = new ArrayList<>();
        for (Entity e : imports.values()) {
            freeInImports.addAll(Subtyping.free(e));
            infos.add(e.info());
        }
        for (Res r : definedResources.keySet()) {
            if (freeInImports.contains(r)) {
                throw new Invalid("local resource type found in imports");
            }
        }
        Set<Res> freeInExports = new HashSet<>();
        for (Entity e : exports.values()) {
            freeInExports.addAll(Subtyping.free(e));
            infos.add(e.info());
        }
        LinkedHashMap<Res, List<Integer>> defined = new LinkedHashMap<>();
        for (Res r : definedResources.keySet()) {
            if (!freeInExports.contains(r)) {
                continue;
            }
            List<Integer> path = explicitResources.get(r);
            if (path == null) {
                throw new Invalid("local resource type found in export but not exported itself");
            }
            defined.put(r, path);
        }
        Info info = Info.node(infos);
        checkInfo(info);
        return new CompT(Collections.unmodifiableMap(new LinkedHashMap<>(imports)),
                Collections.unmodifiableMap(new LinkedHashMap<>(exports)),
                Collections.unmodifiableMap(new LinkedHashMap<>(importedResources)),
                Collections.unmodifiableMap(defined),
                Collections.unmodifiableMap(new LinkedHashMap<>(explicitResources)), info);
    }

    /** The type of a finished instance type: its exports and the resources they introduce. */
    InstT finishInstanceType() {
        List<Info> infos = new ArrayList<>();
        exports.values().forEach(e -> infos.add(e.info()));
        Info info = Info.node(infos);
        checkInfo(info);
        return new InstT(Collections.unmodifiableMap(new LinkedHashMap<>(exports)),
                List.copyOf(definedResources.keySet()),
                Collections.unmodifiableMap(new LinkedHashMap<>(explicitResources)), info);
    }

    void addComponent(CompT c) {
        components.add(c);
    }
}
