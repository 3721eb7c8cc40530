package dev.dovetail.compose;

import dev.dovetail.component.DefinedType;
import dev.dovetail.component.PrimitiveType;
import dev.dovetail.component.TypeDef;
import dev.dovetail.component.ValType;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.abi.AbiLayout;
import dev.dovetail.wit.abi.CoreType;
import dev.dovetail.wit.abi.FlatSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WIT types as component types, and the core signatures and canonical options of functions (flattening
 * itself is {@link AbiLayout}'s).
 * Each {@link Scope} is one type index space (the component, an instance type, a shim component)
 * and decides how a named type enters it: defined in place, exported, imported or aliased.
 */
final class WitTypes {
    private WitTypes() {}

    /** One type index space. */
    abstract static class Scope {
        private final Map<Resolve, Map<Integer, Integer>> ids = new IdentityHashMap<>();
        private final Map<TypeDef, Integer> defs = new HashMap<>();

        /** Appends a type definition; returns its index. */
        abstract int define(TypeDef def);

        /** The index of a named type (or resource) that is not in this space yet. */
        abstract int named(Resolve resolve, int id);

        final Integer known(Resolve resolve, int id) {
            Map<Integer, Integer> m = ids.get(resolve);
            return m == null ? null : m.get(id);
        }

        final void bind(Resolve resolve, int id, int index) {
            ids.computeIfAbsent(resolve, r -> new HashMap<>()).put(id, index);
        }

        /** A definition, shared with an identical earlier one. */
        final int defineOnce(TypeDef def) {
            Integer known = defs.get(def);
            if (known != null) {
                return known;
            }
            int idx = define(def);
            defs.put(def, idx);
            return idx;
        }

        final ValType valType(Resolve resolve, Type t) {
            if (t instanceof Type.Primitive p) {
                return primitive(p);
            }
            int id = ((Type.Id) t).index();
            Integer known = known(resolve, id);
            if (known != null) {
                return ValType.of(known);
            }
            if (resolve.type(id).name() == null) {
                ValType v = structural(resolve, id);
                if (v instanceof ValType.Index i) {
                    bind(resolve, id, i.index());
                }
                return v;
            }
            int idx = named(resolve, id);
            bind(resolve, id, idx);
            return ValType.of(idx);
        }

        /** A type index for {@code t}, defining a primitive as a type of its own if need be. */
        final int index(Resolve resolve, Type t) {
            ValType v = valType(resolve, t);
            return v instanceof ValType.Index i ? i.index() : defineOnce((PrimitiveType) v);
        }

        /** The index of the shape of named type {@code id}: its alias target, or its definition in place. */
        final int shapeIndex(Resolve resolve, int id) {
            if (resolve.type(id).kind() instanceof TypeDefKind.Alias a) {
                return index(resolve, a.target());
            }
            ValType v = structural(resolve, id);
            return v instanceof ValType.Index i ? i.index() : defineOnce((PrimitiveType) v);
        }

        final int funcType(Resolve resolve, Function f) {
            List<DefinedType.Field> params = new ArrayList<>();
            for (Function.Param p : f.params()) {
                params.add(new DefinedType.Field(p.name(), valType(resolve, p.type())));
            }
            Optional<ValType> result = f.result() == null ? Optional.empty() : Optional.of(valType(resolve, f.result()));
            return defineOnce(new TypeDef.Func(f.kind().async(), params, result));
        }

        /** The shape of type {@code id} (never a resource), with no name of its own. */
        final ValType structural(Resolve resolve, int id) {
            TypeDefKind k = resolve.type(id).kind();
            DefinedType def;
            if (k instanceof TypeDefKind.Record r) {
                List<DefinedType.Field> fields = new ArrayList<>();
                for (TypeDefKind.Field f : r.fields()) {
                    fields.add(new DefinedType.Field(f.name(), valType(resolve, f.type())));
                }
                def = new DefinedType.Record(fields);
            } else if (k instanceof TypeDefKind.Tuple t) {
                List<ValType> types = new ArrayList<>();
                for (Type x : t.types()) {
                    types.add(valType(resolve, x));
                }
                def = new DefinedType.Tuple(types);
            } else if (k instanceof TypeDefKind.Flags f) {
                def = new DefinedType.Flags(f.flags().stream().map(TypeDefKind.Flag::name).toList());
            } else if (k instanceof TypeDefKind.Enum e) {
                def = new DefinedType.Enum(e.cases().stream().map(TypeDefKind.EnumCase::name).toList());
            } else if (k instanceof TypeDefKind.Variant v) {
                List<DefinedType.Case> cases = new ArrayList<>();
                for (TypeDefKind.Case c : v.cases()) {
                    cases.add(new DefinedType.Case(c.name(), optional(resolve, c.type())));
                }
                def = new DefinedType.Variant(cases);
            } else if (k instanceof TypeDefKind.Option o) {
                def = new DefinedType.Option(valType(resolve, o.type()));
            } else if (k instanceof TypeDefKind.Result r) {
                def = new DefinedType.Result(optional(resolve, r.ok()), optional(resolve, r.err()));
            } else if (k instanceof TypeDefKind.ListOf l) {
                def = new DefinedType.ListType(valType(resolve, l.element()));
            } else if (k instanceof TypeDefKind.FixedLengthList l) {
                def = new DefinedType.FixedList(valType(resolve, l.element()), (int) l.length());
            } else if (k instanceof TypeDefKind.MapOf m) {
                ValType key = valType(resolve, m.key());
                def = new DefinedType.MapType(key, valType(resolve, m.value()));
            } else if (k instanceof TypeDefKind.Future f) {
                def = new DefinedType.Future(optional(resolve, f.type()));
            } else if (k instanceof TypeDefKind.Stream s) {
                def = new DefinedType.Stream(optional(resolve, s.type()));
            } else if (k instanceof TypeDefKind.Handle h) {
                int target = index(resolve, new Type.Id(h.resource()));
                def = h.borrow() ? new DefinedType.Borrow(target) : new DefinedType.Own(target);
            } else if (k instanceof TypeDefKind.Alias a) {
                return valType(resolve, a.target());
            } else {
                throw new IllegalArgumentException("type `" + resolve.type(id).name() + "` has no component form here");
            }
            return ValType.of(defineOnce(def));
        }

        private Optional<ValType> optional(Resolve resolve, Type t) {
            return t == null ? Optional.empty() : Optional.of(valType(resolve, t));
        }
    }

    static PrimitiveType primitive(Type.Primitive p) {
        for (PrimitiveType x : PrimitiveType.values()) {
            if (x.text().equals(p.witName())) {
                return x;
            }
        }
        throw new IllegalArgumentException("no component type for " + p);
    }

    static boolean isResource(Resolve resolve, int id) {
        return resolve.type(id).kind() instanceof TypeDefKind.Resource;
    }

    // ------------------------------------------------------------------ flattening

    /** The core signature of a function and what its canonical options need. */
    record Abi(CoreWasm.FuncType core, boolean memory, boolean realloc, boolean strings) {}

    /** Which strings and lists one side of a function holds. */
    private static final class Seen {
        boolean strings;
        boolean lists;
    }

    /** {@code canon lift}: the core export called with the flat parameters. */
    static Abi lift(Resolve resolve, Function f) {
        return abi(resolve, f, FlatSignature.Context.LIFT);
    }

    /** {@code canon lower}: the core import the module calls. */
    static Abi lower(Resolve resolve, Function f) {
        return abi(resolve, f, FlatSignature.Context.LOWER);
    }

    private static Abi abi(Resolve resolve, Function f, FlatSignature.Context context) {
        AbiLayout layout = new AbiLayout(resolve);
        FlatSignature sig = layout.flattenFunction(f, context);
        Seen in = new Seen();
        Seen out = new Seen();
        for (Function.Param p : f.params()) {
            uses(layout, p.type(), in);
        }
        if (f.result() != null) {
            uses(layout, f.result(), out);
        }
        boolean spillParams = sig.paramsSpilled();
        boolean spillResults = sig.resultsSpilled();
        boolean memory = spillParams || spillResults || in.strings || in.lists || out.strings || out.lists;
        // lift: the caller copies arguments into the callee's memory; lower: the callee's results into ours
        boolean lift = context == FlatSignature.Context.LIFT;
        boolean realloc = lift ? (spillParams || in.strings || in.lists) : (out.strings || out.lists);
        CoreWasm.FuncType core = new CoreWasm.FuncType(core(sig.params()), core(sig.results()));
        return new Abi(core, memory, realloc, in.strings || out.strings);
    }

    private static List<Byte> core(List<CoreType> types) {
        List<Byte> out = new ArrayList<>();
        for (CoreType t : types) {
            out.add(switch (t) {
                case I32 -> CoreWasm.I32;
                case I64 -> CoreWasm.I64;
                case F32 -> CoreWasm.F32;
                case F64 -> CoreWasm.F64;
            });
        }
        return out;
    }

    /**
     * Records the strings and lists in {@code t}, which decide the canonical options; those inside a
     * list count too, as they are lifted and lowered with it.
     */
    private static void uses(AbiLayout layout, Type t, Seen seen) {
        TypeDefKind k = layout.kind(t);
        if (k == null) {
            seen.strings |= layout.dealias(t) == Type.Primitive.STRING;
        } else if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> uses(layout, f.type(), seen));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            tu.types().forEach(x -> uses(layout, x, seen));
        } else if (k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Option
                || k instanceof TypeDefKind.Result) {
            for (Type c : AbiLayout.caseTypes(k)) {
                if (c != null) {
                    uses(layout, c, seen);
                }
            }
        } else if (k instanceof TypeDefKind.ListOf l) {
            seen.lists = true;
            uses(layout, l.element(), seen);
        } else if (k instanceof TypeDefKind.MapOf m) {
            seen.lists = true;
            uses(layout, m.key(), seen);
            uses(layout, m.value(), seen);
        } else if (k instanceof TypeDefKind.FixedLengthList l && l.length() > 0) {
            uses(layout, l.element(), seen);
        }
    }
}
