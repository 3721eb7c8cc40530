package dev.dovetail.codegen;

import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical ABI sizes, alignments and flattenings of WIT types (CanonicalABI.md {@code
 * alignment}, {@code elem_size}, {@code flatten_type}), computed at generation time so that the
 * generated code has them as constants. Flags beyond 32 labels follow the runtime (one i32 per
 * 32 labels).
 */
final class Layout {
    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_RESULTS = 1;

    /** Core value types; joined variant slots are kept apart only to be counted. */
    enum Core { I32, I64, F32, F64 }

    private final Resolve resolve;

    Layout(Resolve resolve) {
        this.resolve = resolve;
    }

    /** Follows {@code type a = b} (and {@code use}) to the type itself. */
    Type dealias(Type t) {
        while (t instanceof Type.Id id && resolve.type(id.index()).kind() instanceof TypeDefKind.Alias a) {
            t = a.target();
        }
        return t;
    }

    TypeDefKind kind(Type t) {
        Type d = dealias(t);
        return d instanceof Type.Id id ? resolve.type(id.index()).kind() : null;
    }

    int align(Type t) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL, U8, S8 -> 1;
                case U16, S16 -> 2;
                case U32, S32, F32, CHAR, STRING, ERROR_CONTEXT -> 4;
                case U64, S64, F64 -> 8;
            };
        }
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Record r) {
            int a = 1;
            for (TypeDefKind.Field f : r.fields()) {
                a = Math.max(a, align(f.type()));
            }
            return a;
        } else if (k instanceof TypeDefKind.Tuple tu) {
            return alignAll(tu.types());
        } else if (k instanceof TypeDefKind.Variant v) {
            return Math.max(discriminantSize(v.cases().size()), maxCaseAlign(caseTypes(v)));
        } else if (k instanceof TypeDefKind.Enum e) {
            return discriminantSize(e.cases().size());
        } else if (k instanceof TypeDefKind.Option o) {
            return Math.max(1, align(o.type()));
        } else if (k instanceof TypeDefKind.Result r) {
            return Math.max(1, maxCaseAlign(resultTypes(r)));
        } else if (k instanceof TypeDefKind.Flags f) {
            int n = f.flags().size();
            return n <= 8 ? 1 : n <= 16 ? 2 : 4;
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return align(l.element());
        }
        return 4; // list, map, string-like pairs, handles, futures, streams
    }

    long size(Type t) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL, U8, S8 -> 1;
                case U16, S16 -> 2;
                case U32, S32, F32, CHAR, ERROR_CONTEXT -> 4;
                case U64, S64, F64, STRING -> 8;
            };
        }
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Record r) {
            List<Type> ts = new ArrayList<>();
            r.fields().forEach(f -> ts.add(f.type()));
            return recordSize(ts);
        } else if (k instanceof TypeDefKind.Tuple tu) {
            return recordSize(tu.types());
        } else if (k instanceof TypeDefKind.Variant v) {
            return variantSize(caseTypes(v));
        } else if (k instanceof TypeDefKind.Enum e) {
            return discriminantSize(e.cases().size());
        } else if (k instanceof TypeDefKind.Option o) {
            return variantSize(java.util.Arrays.asList(null, o.type()));
        } else if (k instanceof TypeDefKind.Result r) {
            return variantSize(resultTypes(r));
        } else if (k instanceof TypeDefKind.Flags f) {
            int n = f.flags().size();
            return n <= 8 ? 1 : n <= 16 ? 2 : 4L * ((n + 31) / 32);
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return l.length() * size(l.element());
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            return 8;
        }
        return 4;
    }

    /** The offsets of consecutive fields laid out as a record. */
    long[] offsets(List<Type> fields) {
        long[] out = new long[fields.size()];
        long s = 0;
        for (int i = 0; i < fields.size(); i++) {
            s = alignTo(s, align(fields.get(i)));
            out[i] = s;
            s += size(fields.get(i));
        }
        return out;
    }

    long recordSize(List<Type> fields) {
        long s = 0;
        for (Type f : fields) {
            s = alignTo(s, align(f));
            s += size(f);
        }
        return alignTo(s, alignAll(fields));
    }

    int alignAll(List<Type> fields) {
        int a = 1;
        for (Type f : fields) {
            a = Math.max(a, align(f));
        }
        return a;
    }

    /** Where the payload of a variant with these case types starts. */
    long payloadOffset(List<Type> cases) {
        return alignTo(discriminantSize(cases.size()), maxCaseAlign(cases));
    }

    long variantSize(List<Type> cases) {
        long s = payloadOffset(cases);
        long cs = 0;
        for (Type c : cases) {
            if (c != null) {
                cs = Math.max(cs, size(c));
            }
        }
        return alignTo(s + cs, Math.max(discriminantSize(cases.size()), maxCaseAlign(cases)));
    }

    private int maxCaseAlign(List<Type> cases) {
        int a = 1;
        for (Type c : cases) {
            if (c != null) {
                a = Math.max(a, align(c));
            }
        }
        return a;
    }

    static int discriminantSize(int n) {
        return n <= 1 << 8 ? 1 : n <= 1 << 16 ? 2 : 4;
    }

    static long alignTo(long ptr, long alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }

    /** The payload types of a variant's cases, null for none. */
    static List<Type> caseTypes(TypeDefKind.Variant v) {
        List<Type> out = new ArrayList<>();
        v.cases().forEach(c -> out.add(c.type()));
        return out;
    }

    static List<Type> resultTypes(TypeDefKind.Result r) {
        return java.util.Arrays.asList(r.ok(), r.err());
    }

    int flatCount(Type t) {
        return flat(t).size();
    }

    int flatCount(List<Type> ts) {
        int n = 0;
        for (Type t : ts) {
            n += flatCount(t);
        }
        return n;
    }

    /** {@code flatten_type}. */
    List<Core> flat(Type t) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case U64, S64 -> List.of(Core.I64);
                case F32 -> List.of(Core.F32);
                case F64 -> List.of(Core.F64);
                case STRING -> List.of(Core.I32, Core.I32);
                default -> List.of(Core.I32);
            };
        }
        TypeDefKind k = kind(t);
        List<Core> out = new ArrayList<>();
        if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> out.addAll(flat(f.type())));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            tu.types().forEach(x -> out.addAll(flat(x)));
        } else if (k instanceof TypeDefKind.Variant v) {
            return flatVariant(caseTypes(v));
        } else if (k instanceof TypeDefKind.Option o) {
            return flatVariant(java.util.Arrays.asList(null, o.type()));
        } else if (k instanceof TypeDefKind.Result r) {
            return flatVariant(resultTypes(r));
        } else if (k instanceof TypeDefKind.Flags f) {
            for (int i = 0; i < Math.max(1, (f.flags().size() + 31) / 32); i++) {
                out.add(Core.I32);
            }
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            List<Core> one = flat(l.element());
            for (long i = 0; i < l.length(); i++) {
                out.addAll(one);
            }
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            return List.of(Core.I32, Core.I32);
        } else {
            out.add(Core.I32); // enum, handles, future, stream
        }
        return out;
    }

    private List<Core> flatVariant(List<Type> cases) {
        List<Core> flat = new ArrayList<>();
        for (Type c : cases) {
            if (c != null) {
                List<Core> ft = flat(c);
                for (int i = 0; i < ft.size(); i++) {
                    if (i < flat.size()) {
                        flat.set(i, join(flat.get(i), ft.get(i)));
                    } else {
                        flat.add(ft.get(i));
                    }
                }
            }
        }
        List<Core> out = new ArrayList<>();
        out.add(Core.I32);
        out.addAll(flat);
        return out;
    }

    private static Core join(Core a, Core b) {
        if (a == b) {
            return a;
        }
        if ((a == Core.I32 && b == Core.F32) || (a == Core.F32 && b == Core.I32)) {
            return Core.I32;
        }
        return Core.I64;
    }
}
