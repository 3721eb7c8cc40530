package dev.dovetail.component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the types of a component's imports and exports (Explainer.md "Type Definitions",
 * "Instance Definitions", "Alias Definitions"): walks the sections in order, keeping the
 * component-level index spaces in {@link TypeScope}s, and instantiates nested components by
 * substituting their type imports with the arguments. No validation beyond what is needed to
 * follow the indices: an index that points nowhere is a {@link WitExtractionException}.
 */
final class TypeElaborator {

    /**
     * A top-level import or export, in section order (the name includes any version suffix);
     * {@code implementsName} is the interface of an {@code (implements ...)} attribute, or null.
     */
    record Extern(String name, boolean isImport, Ty.Entity entity, Optional<ExternType> ascribed, String implementsName) {}

    /** The deepest nesting of value types followed; deeper types are not WIT (and would exhaust the stack). */
    static final int MAX_DEPTH = 1000;

    private TypeElaborator() {}

    /** Checks a nesting depth against {@link #MAX_DEPTH}. */
    static void enter(int depth) {
        if (depth > MAX_DEPTH) {
            throw new WitExtractionException("types are nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    /** The imports and exports of {@code component}, in section order. */
    static List<Extern> externs(Component component) {
        List<Extern> out = new ArrayList<>();
        concrete(component, new TypeScope(null), null, out);
        return out;
    }

    /** An import or export name as WIT sees it: {@code (versionsuffix ...)} appended. */
    static String fullName(ExternName name) {
        for (ExternName.Attribute a : name.attributes()) {
            if (a instanceof ExternName.Attribute.VersionSuffix v) {
                return name.name() + v.suffix();
            }
        }
        return name.name();
    }

    /** The interface named by an {@code (implements "I")} attribute, or null. */
    static String implementsOf(ExternName name) {
        for (ExternName.Attribute a : name.attributes()) {
            if (a instanceof ExternName.Attribute.Implements i) {
                return i.interfaceName();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ components

    /** Elaborates a concrete component in scope {@code body}; {@code outer} is where its type lives. */
    private static Ty.Comp concrete(Component c, TypeScope body, TypeScope outer, List<Extern> externs) {
        Map<String, Ty.Entity> imports = new LinkedHashMap<>();
        Map<String, Ty.Entity> exports = new LinkedHashMap<>();
        for (Section s : c.sections()) {
            if (s instanceof Section.NestedComponent n) {
                body.components.add(concrete(n.component(), new TypeScope(body), body, null));
            } else if (s instanceof Section.Instances is) {
                for (Instance i : is.instances()) {
                    body.instances.add(instance(i, body));
                }
            } else if (s instanceof Section.Aliases as) {
                for (Alias a : as.aliases()) {
                    alias(a, body);
                }
            } else if (s instanceof Section.Types ts) {
                for (TypeDef t : ts.types()) {
                    body.types.add(define(t, body));
                }
            } else if (s instanceof Section.Canons cs) {
                for (Canon canon : cs.canons()) {
                    // canon lift is the only definition of a component function
                    if (canon instanceof Canon.Lift lift) {
                        body.funcs.add(body.type(lift.type()));
                    }
                }
            } else if (s instanceof Section.Imports is) {
                for (Import i : is.imports()) {
                    String name = fullName(i.name());
                    Ty.Entity e = typeRef(i.type(), body, true);
                    push(e, body);
                    imports.put(name, e);
                    if (externs != null) {
                        externs.add(new Extern(name, true, e, Optional.empty(), implementsOf(i.name())));
                    }
                }
            } else if (s instanceof Section.Exports es) {
                for (Export x : es.exports()) {
                    String name = fullName(x.name());
                    Ty.Entity e = x.type().isPresent() ? typeRef(x.type().get(), body, false) : exported(x.item(), body);
                    push(e, body);
                    exports.put(name, e);
                    if (externs != null) {
                        externs.add(new Extern(name, false, e, x.type(), implementsOf(x.name())));
                    }
                }
            }
            // custom sections, core modules, instances and types, start and values leave the
            // component-level index spaces that WIT needs unchanged
        }
        return new Ty.Comp(imports, exports, Map.of(), Map.of(), body, outer);
    }

    /** The entity of an un-ascribed export or inline instance export: exporting a type creates a new identity. */
    private static Ty.Entity exported(SortIndex item, TypeScope scope) {
        return switch (item.sort()) {
            case FUNC -> new Ty.Entity.Func(scope.func(item.index()));
            case INSTANCE -> new Ty.Entity.Instance(scope.instance(item.index()));
            case COMPONENT -> new Ty.Entity.Component(scope.component(item.index()));
            case TYPE -> {
                Ty t = scope.type(item.index());
                yield new Ty.Entity.Type(t, new Ty.Alias(t, scope));
            }
            case VALUE -> new Ty.Entity.Value();
            case CORE_MODULE -> new Ty.Entity.Module();
            case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_TYPE, CORE_INSTANCE ->
                    throw new WitExtractionException("a component cannot export a core " + item.sort().coreSort());
        };
    }

    /** Adds the index an import, export or alias introduces. */
    private static void push(Ty.Entity e, TypeScope scope) {
        if (e instanceof Ty.Entity.Func f) {
            scope.funcs.add(f.type());
        } else if (e instanceof Ty.Entity.Instance i) {
            scope.instances.add(i.type());
        } else if (e instanceof Ty.Entity.Component c) {
            scope.components.add(c.type());
        } else if (e instanceof Ty.Entity.Type t) {
            scope.types.add(t.created());
        }
        // modules and values live in index spaces that are not tracked
    }

    /** {@code externtype} in {@code scope}; an imported instance gets fresh resources. */
    private static Ty.Entity typeRef(ExternType t, TypeScope scope, boolean isImport) {
        if (t instanceof ExternType.Func f) {
            return new Ty.Entity.Func(scope.type(f.type()));
        } else if (t instanceof ExternType.Instance i) {
            Ty ty = scope.type(i.type());
            return new Ty.Entity.Instance(isImport ? fresh(ty) : ty);
        } else if (t instanceof ExternType.Component c) {
            return new Ty.Entity.Component(scope.type(c.type()));
        } else if (t instanceof ExternType.Type type) {
            if (type.bound() instanceof ExternType.TypeBound.Eq eq) {
                Ty ref = scope.type(eq.type());
                return new Ty.Entity.Type(ref, new Ty.Alias(ref, scope));
            }
            Ty.Res r = new Ty.Res(scope);
            return new Ty.Entity.Type(r, r);
        } else if (t instanceof ExternType.Value) {
            return new Ty.Entity.Value();
        }
        return new Ty.Entity.Module();
    }

    /** A copy of an instance type with everything declared in it new, for one import of it. */
    private static Ty fresh(Ty t) {
        Ty p = Ty.peel(t);
        if (p instanceof Ty.Inst inst && inst.body != null) {
            return new Subst(new IdentityHashMap<>(), inst.body).ty(p);
        }
        return t;
    }

    // ------------------------------------------------------------------ type definitions

    private static Ty define(TypeDef t, TypeScope scope) {
        if (t instanceof DefinedType d) {
            return new Ty.Def(shape(d, scope), scope);
        } else if (t instanceof TypeDef.Func f) {
            List<Ty.Param> params = new ArrayList<>();
            for (DefinedType.Field p : f.params()) {
                params.add(new Ty.Param(p.label(), vt(p.type(), scope)));
            }
            return new Ty.Fn(f.async(), params, f.result().map(r -> vt(r, scope)).orElse(null), scope);
        } else if (t instanceof TypeDef.ComponentType c) {
            TypeScope body = new TypeScope(scope);
            Map<String, Ty.Entity> imports = new LinkedHashMap<>();
            Map<String, Ty.Entity> exports = new LinkedHashMap<>();
            Map<String, String> importsImplement = new HashMap<>();
            Map<String, String> exportsImplement = new HashMap<>();
            declarations(c.declarations(), body, imports, exports, importsImplement, exportsImplement);
            return new Ty.Comp(imports, exports, importsImplement, exportsImplement, body, scope);
        } else if (t instanceof TypeDef.InstanceType i) {
            TypeScope body = new TypeScope(scope);
            Map<String, Ty.Entity> exports = new LinkedHashMap<>();
            declarations(i.declarations(), body, new LinkedHashMap<>(), exports, new HashMap<>(), new HashMap<>());
            return new Ty.Inst(exports, body, scope);
        }
        return new Ty.Res(scope);
    }

    private static void declarations(List<Declaration> decls, TypeScope body, Map<String, Ty.Entity> imports,
            Map<String, Ty.Entity> exports, Map<String, String> importsImplement, Map<String, String> exportsImplement) {
        for (Declaration d : decls) {
            if (d instanceof Declaration.TypeDecl t) {
                body.types.add(define(t.type(), body));
            } else if (d instanceof Declaration.AliasDecl a) {
                alias(a.alias(), body);
            } else if (d instanceof Declaration.Import i) {
                Ty.Entity e = typeRef(i.type(), body, true);
                push(e, body);
                imports.put(fullName(i.name()), e);
                if (implementsOf(i.name()) != null) {
                    importsImplement.put(fullName(i.name()), implementsOf(i.name()));
                }
            } else if (d instanceof Declaration.Export x) {
                Ty.Entity e = typeRef(x.type(), body, false);
                push(e, body);
                exports.put(fullName(x.name()), e);
                if (implementsOf(x.name()) != null) {
                    exportsImplement.put(fullName(x.name()), implementsOf(x.name()));
                }
            }
            // core type declarators only add core types
        }
    }

    private static Ty.Shape shape(DefinedType d, TypeScope s) {
        if (d instanceof PrimitiveType p) {
            return new Ty.Shape.Primitive(p);
        } else if (d instanceof DefinedType.Record r) {
            return new Ty.Shape.Record(r.fields().stream()
                    .map(f -> new Ty.Shape.Field(f.label(), vt(f.type(), s))).toList());
        } else if (d instanceof DefinedType.Variant v) {
            return new Ty.Shape.Variant(v.cases().stream()
                    .map(c -> new Ty.Shape.Case(c.label(), c.type().map(t -> vt(t, s)).orElse(null))).toList());
        } else if (d instanceof DefinedType.ListType l) {
            return new Ty.Shape.ListOf(vt(l.element(), s));
        } else if (d instanceof DefinedType.FixedList l) {
            return new Ty.Shape.FixedList(vt(l.element(), s), Integer.toUnsignedLong(l.length()));
        } else if (d instanceof DefinedType.Tuple t) {
            return new Ty.Shape.Tuple(t.types().stream().map(x -> vt(x, s)).toList());
        } else if (d instanceof DefinedType.Flags f) {
            return new Ty.Shape.Flags(f.labels());
        } else if (d instanceof DefinedType.Enum e) {
            return new Ty.Shape.Enum(e.labels());
        } else if (d instanceof DefinedType.Option o) {
            return new Ty.Shape.Option(vt(o.type(), s));
        } else if (d instanceof DefinedType.Result r) {
            return new Ty.Shape.Result(r.ok().map(t -> vt(t, s)).orElse(null), r.error().map(t -> vt(t, s)).orElse(null));
        } else if (d instanceof DefinedType.Own o) {
            return new Ty.Shape.Own(s.type(o.resource()));
        } else if (d instanceof DefinedType.Borrow b) {
            return new Ty.Shape.Borrow(s.type(b.resource()));
        } else if (d instanceof DefinedType.Stream st) {
            return new Ty.Shape.Stream(st.element().map(t -> vt(t, s)).orElse(null));
        } else if (d instanceof DefinedType.Future f) {
            return new Ty.Shape.Future(f.element().map(t -> vt(t, s)).orElse(null));
        }
        DefinedType.MapType m = (DefinedType.MapType) d;
        return new Ty.Shape.MapOf(vt(m.key(), s), vt(m.value(), s));
    }

    private static ValueTy vt(ValType v, TypeScope s) {
        if (v instanceof PrimitiveType p) {
            return new ValueTy.Prim(p);
        }
        return s.type(((ValType.Index) v).index());
    }

    // ------------------------------------------------------------------ aliases and instances

    private static void alias(Alias a, TypeScope scope) {
        if (a instanceof Alias.InstanceExport ie) {
            Ty owner = Ty.peel(scope.instance(ie.instance()));
            if (!(owner instanceof Ty.Inst inst)) {
                throw new WitExtractionException("instance " + Integer.toUnsignedLong(ie.instance()) + " has no instance type");
            }
            Ty.Entity e = inst.exports.get(ie.name());
            if (e == null) {
                throw new WitExtractionException("instance " + Integer.toUnsignedLong(ie.instance())
                        + " has no export named `" + ie.name() + "`");
            }
            boolean matches = switch (ie.sort()) {
                case FUNC -> e instanceof Ty.Entity.Func;
                case TYPE -> e instanceof Ty.Entity.Type;
                case INSTANCE -> e instanceof Ty.Entity.Instance;
                case COMPONENT -> e instanceof Ty.Entity.Component;
                case VALUE -> e instanceof Ty.Entity.Value;
                case CORE_MODULE -> e instanceof Ty.Entity.Module;
                case CORE_FUNC, CORE_TABLE, CORE_MEMORY, CORE_GLOBAL, CORE_TAG, CORE_TYPE, CORE_INSTANCE -> false;
            };
            if (!matches) {
                throw new WitExtractionException("export `" + ie.name() + "` of instance "
                        + Integer.toUnsignedLong(ie.instance()) + " is not of the aliased sort");
            }
            push(e, scope);
        } else if (a instanceof Alias.Outer o) {
            TypeScope target = scope.outer(Integer.toUnsignedLong(o.count()));
            switch (o.sort()) {
                case TYPE -> scope.types.add(target.type(o.index()));
                case COMPONENT -> scope.components.add(target.component(o.index()));
                default -> {
                    // core modules and core types are not tracked
                }
            }
        }
        // core instance exports only add core items
    }

    private static Ty instance(Instance i, TypeScope scope) {
        if (i instanceof Instance.FromExports fe) {
            Map<String, Ty.Entity> exports = new LinkedHashMap<>();
            for (Instance.Export x : fe.exports()) {
                Ty.Entity e = exported(x.item(), scope);
                if (e instanceof Ty.Entity.Type t) {
                    // an inline export adds no index, so it keeps the type's identity: other
                    // types of the component can only refer to the type itself
                    e = new Ty.Entity.Type(t.referenced(), t.referenced());
                }
                exports.put(fullName(x.name()), e);
            }
            return new Ty.Inst(exports, null, scope);
        }
        Instance.Instantiate in = (Instance.Instantiate) i;
        Ty target = Ty.peel(scope.component(in.component()));
        if (!(target instanceof Ty.Comp comp)) {
            throw new WitExtractionException("component " + Integer.toUnsignedLong(in.component()) + " has no component type");
        }
        // Explainer.md "Instance Definitions": type imports are replaced by the arguments
        IdentityHashMap<Ty, Ty> subst = new IdentityHashMap<>();
        for (Instance.Arg arg : in.args()) {
            Ty.Entity imp = comp.imports.get(arg.name());
            if (imp != null) {
                bind(imp, arg.item(), scope, subst);
            }
        }
        Subst s = new Subst(subst, comp.body);
        Map<String, Ty.Entity> exports = new LinkedHashMap<>();
        comp.exports.forEach((name, e) -> exports.put(name, s.entity(e)));
        return new Ty.Inst(exports, null, scope);
    }

    private static void bind(Ty.Entity imp, SortIndex arg, TypeScope scope, IdentityHashMap<Ty, Ty> subst) {
        if (imp instanceof Ty.Entity.Type t && arg.sort() == Sort.TYPE) {
            subst.put(t.created(), scope.type(arg.index()));
        } else if (imp instanceof Ty.Entity.Instance i && arg.sort() == Sort.INSTANCE) {
            bindInstance(i.type(), scope.instance(arg.index()), subst);
        }
    }

    private static void bindInstance(Ty expected, Ty given, IdentityHashMap<Ty, Ty> subst) {
        if (!(Ty.peel(expected) instanceof Ty.Inst e) || !(Ty.peel(given) instanceof Ty.Inst g)) {
            return;
        }
        e.exports.forEach((name, x) -> {
            Ty.Entity y = g.exports.get(name);
            if (x instanceof Ty.Entity.Type tx && y instanceof Ty.Entity.Type ty) {
                subst.put(tx.created(), ty.created());
            } else if (x instanceof Ty.Entity.Instance ix && y instanceof Ty.Entity.Instance iy) {
                bindInstance(ix.type(), iy.type(), subst);
            }
        });
    }

    /**
     * A type substitution: types in the map are replaced; types declared within {@code within}
     * are copied (new identities, as each instantiation creates new types); types reached
     * through outer aliases are kept. Sharing is preserved.
     */
    static final class Subst {
        private final IdentityHashMap<Ty, Ty> done;
        private final TypeScope within;
        private int depth;

        Subst(IdentityHashMap<Ty, Ty> seed, TypeScope within) {
            this.done = seed;
            this.within = within;
        }

        ValueTy vt(ValueTy v) {
            return v instanceof Ty t ? ty(t) : v;
        }

        Ty.Entity entity(Ty.Entity e) {
            if (e instanceof Ty.Entity.Func f) {
                return new Ty.Entity.Func(ty(f.type()));
            } else if (e instanceof Ty.Entity.Instance i) {
                return new Ty.Entity.Instance(ty(i.type()));
            } else if (e instanceof Ty.Entity.Component c) {
                return new Ty.Entity.Component(ty(c.type()));
            } else if (e instanceof Ty.Entity.Type t) {
                return new Ty.Entity.Type(ty(t.referenced()), ty(t.created()));
            }
            return e;
        }

        Ty ty(Ty t) {
            Ty prev = done.get(t);
            if (prev != null) {
                return prev;
            }
            enter(++depth);
            try {
                return copy(t);
            } finally {
                depth--;
            }
        }

        private Ty copy(Ty t) {
            boolean copy = within != null && t.scope != null && t.scope.within(within);
            Ty r;
            if (t instanceof Ty.Res) {
                r = copy ? new Ty.Res(t.scope) : t;
            } else if (t instanceof Ty.Alias a) {
                Ty target = ty(a.target);
                r = copy || target != a.target ? new Ty.Alias(target, a.scope) : a;
            } else if (t instanceof Ty.Def d) {
                Ty.Shape shape = d.shape.map(this::vt);
                r = copy || !shape.equals(d.shape) ? new Ty.Def(shape, d.scope) : d;
            } else if (t instanceof Ty.Fn f) {
                List<Ty.Param> params = f.params.stream().map(p -> new Ty.Param(p.name(), vt(p.type()))).toList();
                ValueTy result = f.result == null ? null : vt(f.result);
                r = copy || !params.equals(f.params) || result != f.result && !result.equals(f.result)
                        ? new Ty.Fn(f.async, params, result, f.scope) : f;
            } else if (t instanceof Ty.Inst i) {
                Map<String, Ty.Entity> exports = entities(i.exports);
                r = copy || !exports.equals(i.exports) ? new Ty.Inst(exports, i.body, i.scope) : i;
            } else {
                Ty.Comp c = (Ty.Comp) t;
                Map<String, Ty.Entity> imports = entities(c.imports);
                Map<String, Ty.Entity> exports = entities(c.exports);
                r = copy || !imports.equals(c.imports) || !exports.equals(c.exports)
                        ? new Ty.Comp(imports, exports, c.importsImplement, c.exportsImplement, c.body, c.scope) : c;
            }
            done.put(t, r);
            return r;
        }

        private Map<String, Ty.Entity> entities(Map<String, Ty.Entity> in) {
            Map<String, Ty.Entity> out = new LinkedHashMap<>();
            in.forEach((k, v) -> out.put(k, entity(v)));
            return out;
        }
    }
}
