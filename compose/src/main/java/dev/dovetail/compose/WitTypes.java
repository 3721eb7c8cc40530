package dev.dovetail.compose;

import dev.dovetail.component.DefinedType;
import dev.dovetail.component.PrimitiveType;
import dev.dovetail.component.TypeDef;
import dev.dovetail.component.ValType;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WIT types as component types, and their flattening to core types (CanonicalABI.md, "Flattening").
 * Each {@link Scope} is one type index space (the component, an instance type, a shim component)
 * and decides how a named type enters it: defined in place, exported, imported or aliased.
 */
final class WitTypes {
    private WitTypes() {}

    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_RESULTS = 1;

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

    /** What flattening saw on one side of a function. */
    private static final class Seen {
        boolean strings;
        boolean lists;
    }

    /** {@code canon lift}: the core export called with the flat parameters. */
    static Abi lift(Resolve resolve, Function f) {
        return abi(resolve, f, true);
    }

    /** {@code canon lower}: the core import the module calls. */
    static Abi lower(Resolve resolve, Function f) {
        return abi(resolve, f, false);
    }

    private static Abi abi(Resolve resolve, Function f, boolean lift) {
        Seen in = new Seen();
        Seen out = new Seen();
        List<Byte> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            flatten(resolve, p.type(), params, in);
        }
        List<Byte> results = new ArrayList<>();
        if (f.result() != null) {
            flatten(resolve, f.result(), results, out);
        }
        boolean spillParams = params.size() > MAX_FLAT_PARAMS;
        boolean spillResults = results.size() > MAX_FLAT_RESULTS;
        if (spillParams) {
            params = List.of(CoreWasm.I32);
        }
        if (spillResults) {
            if (lift) {
                results = List.of(CoreWasm.I32);
            } else {
                params = new ArrayList<>(params);
                params.add(CoreWasm.I32);
                results = List.of();
            }
        }
        boolean memory = spillParams || spillResults || in.strings || in.lists || out.strings || out.lists;
        // lift: the caller copies arguments into the callee's memory; lower: the callee's results into ours
        boolean realloc = lift ? (spillParams || in.strings || in.lists) : (out.strings || out.lists);
        return new Abi(new CoreWasm.FuncType(params, results), memory, realloc, in.strings || out.strings);
    }

    private static void flatten(Resolve resolve, Type t, List<Byte> out, Seen seen) {
        if (t instanceof Type.Primitive p) {
            switch (p) {
                case U64, S64 -> out.add(CoreWasm.I64);
                case F32 -> out.add(CoreWasm.F32);
                case F64 -> out.add(CoreWasm.F64);
                case STRING -> {
                    seen.strings = true;
                    out.add(CoreWasm.I32);
                    out.add(CoreWasm.I32);
                }
                default -> out.add(CoreWasm.I32);
            }
            return;
        }
        TypeDefKind k = resolve.type(((Type.Id) t).index()).kind();
        if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> flatten(resolve, f.type(), out, seen));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            tu.types().forEach(x -> flatten(resolve, x, out, seen));
        } else if (k instanceof TypeDefKind.Flags f) {
            for (int i = 0; i < (f.flags().size() + 31) / 32; i++) {
                out.add(CoreWasm.I32);
            }
        } else if (k instanceof TypeDefKind.Variant v) {
            variant(resolve, v.cases().stream().map(TypeDefKind.Case::type).toList(), out, seen);
        } else if (k instanceof TypeDefKind.Option o) {
            variant(resolve, java.util.Arrays.asList(null, o.type()), out, seen);
        } else if (k instanceof TypeDefKind.Result r) {
            variant(resolve, java.util.Arrays.asList(r.ok(), r.err()), out, seen);
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            seen.lists = true;
            // the element's strings count too: they are lifted and lowered with the list
            Type element = k instanceof TypeDefKind.ListOf l ? l.element() : null;
            if (element != null) {
                flatten(resolve, element, new ArrayList<>(), seen);
            } else {
                TypeDefKind.MapOf m = (TypeDefKind.MapOf) k;
                flatten(resolve, m.key(), new ArrayList<>(), seen);
                flatten(resolve, m.value(), new ArrayList<>(), seen);
            }
            out.add(CoreWasm.I32);
            out.add(CoreWasm.I32);
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            for (long i = 0; i < l.length(); i++) {
                flatten(resolve, l.element(), out, seen);
            }
        } else if (k instanceof TypeDefKind.Alias a) {
            flatten(resolve, a.target(), out, seen);
        } else {
            // enum, own, borrow, future, stream, resource handles: one i32
            out.add(CoreWasm.I32);
        }
    }

    private static void variant(Resolve resolve, List<Type> cases, List<Byte> out, Seen seen) {
        List<Byte> joined = new ArrayList<>();
        for (Type c : cases) {
            if (c == null) {
                continue;
            }
            List<Byte> flat = new ArrayList<>();
            flatten(resolve, c, flat, seen);
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), flat.get(i)));
                } else {
                    joined.add(flat.get(i));
                }
            }
        }
        out.add(CoreWasm.I32);
        out.addAll(joined);
    }

    private static byte join(byte a, byte b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreWasm.I32 && b == CoreWasm.F32) || (a == CoreWasm.F32 && b == CoreWasm.I32)) {
            return CoreWasm.I32;
        }
        return CoreWasm.I64;
    }
}
