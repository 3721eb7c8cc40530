package dev.dovetail.wit.abi;

import dev.dovetail.wit.Function;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.WitException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical ABI layout of the WIT types of one {@link Resolve}: sizes, alignments, offsets and
 * flattenings as CanonicalABI.md defines them for a 32-bit linear memory. Each method names the
 * spec function it computes; option, result and enum are taken through {@code despecialize} to
 * the variant they stand for.
 *
 * <p>Flags: the spec now limits flags to 1..32 labels. Longer flags keep the earlier rule (one
 * {@code i32} per 32 labels in memory and when flat) and empty flags take one byte and one
 * {@code i32}, as the runtime does.
 */
public final class AbiLayout {
    /** {@code MAX_FLAT_PARAMS}: more flat parameters than this travel through memory. */
    public static final int MAX_FLAT_PARAMS = 16;
    /** {@code MAX_FLAT_RESULTS}: more flat results than this travel through memory. */
    public static final int MAX_FLAT_RESULTS = 1;

    private static final int PTR_SIZE = 4;

    private final Resolve resolve;

    public AbiLayout(Resolve resolve) {
        this.resolve = resolve;
    }

    /** Follows {@code type a = b} (and names brought in by {@code use}) to the type itself. */
    public Type dealias(Type t) {
        while (t instanceof Type.Id id && resolve.type(id.index()).kind() instanceof TypeDefKind.Alias a) {
            t = a.target();
        }
        return t;
    }

    /** The definition of {@code t} after {@link #dealias}, or null for a primitive. */
    public TypeDefKind kind(Type t) {
        Type d = dealias(t);
        return d instanceof Type.Id id ? resolve.type(id.index()).kind() : null;
    }

    /** {@code alignment}. */
    public int alignment(Type t) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL, U8, S8 -> 1;
                case U16, S16 -> 2;
                case U32, S32, F32, CHAR, ERROR_CONTEXT -> 4;
                case STRING -> PTR_SIZE;
                case U64, S64, F64 -> 8;
            };
        }
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Record r) {
            return recordAlignment(fieldTypes(r));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            return recordAlignment(tu.types());
        } else if (isVariantLike(k)) {
            return variantAlignment(caseTypes(k));
        } else if (k instanceof TypeDefKind.Flags f) {
            return flagsAlignment(f.flags().size());
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return alignment(l.element()); // alignment_list with a length
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            return PTR_SIZE; // alignment_list without a length
        }
        checkKnown(t, k);
        return 4; // own, borrow, stream, future
    }

    /** {@code elem_size}. */
    public long elemSize(Type t) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL, U8, S8 -> 1;
                case U16, S16 -> 2;
                case U32, S32, F32, CHAR, ERROR_CONTEXT -> 4;
                case STRING -> 2 * PTR_SIZE;
                case U64, S64, F64 -> 8;
            };
        }
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Record r) {
            return recordSize(fieldTypes(r));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            return recordSize(tu.types());
        } else if (isVariantLike(k)) {
            return variantSize(caseTypes(k));
        } else if (k instanceof TypeDefKind.Flags f) {
            return flagsSize(f.flags().size());
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return l.length() * elemSize(l.element()); // elem_size_list with a length
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            return 2 * PTR_SIZE; // elem_size_list without a length: pointer and length
        }
        checkKnown(t, k);
        return 4;
    }

    /** {@code alignment_record}, over the field types of a record or tuple. */
    public int recordAlignment(List<Type> fields) {
        int a = 1;
        for (Type f : fields) {
            a = Math.max(a, alignment(f));
        }
        return a;
    }

    /** {@code elem_size_record}, over the field types of a record or tuple. */
    public long recordSize(List<Type> fields) {
        long s = 0;
        for (Type f : fields) {
            s = alignTo(s, alignment(f)) + elemSize(f);
        }
        return alignTo(s, recordAlignment(fields));
    }

    /** The offset of each field in a record or tuple, as {@code load_record}/{@code store_record} step through it. */
    public long[] fieldOffsets(List<Type> fields) {
        long[] out = new long[fields.size()];
        long s = 0;
        for (int i = 0; i < out.length; i++) {
            s = alignTo(s, alignment(fields.get(i)));
            out[i] = s;
            s += elemSize(fields.get(i));
        }
        return out;
    }

    /** {@code alignment_variant}; {@code cases} holds each case's payload type, null for none. */
    public int variantAlignment(List<Type> cases) {
        return Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    /** {@code elem_size_variant}; {@code cases} holds each case's payload type, null for none. */
    public long variantSize(List<Type> cases) {
        long cs = 0;
        for (Type c : cases) {
            if (c != null) {
                cs = Math.max(cs, elemSize(c));
            }
        }
        return alignTo(payloadOffset(cases) + cs, variantAlignment(cases));
    }

    /** Where a variant's payload starts: after the discriminant, aligned as in {@code load_variant}. */
    public long payloadOffset(List<Type> cases) {
        return alignTo(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    /** {@code max_case_alignment}. */
    private int maxCaseAlignment(List<Type> cases) {
        int a = 1;
        for (Type c : cases) {
            if (c != null) {
                a = Math.max(a, alignment(c));
            }
        }
        return a;
    }

    /** The byte size of {@code discriminant_type} for a variant of {@code cases} cases: 1, 2 or 4. */
    public static int discriminantSize(int cases) {
        if (cases < 0) {
            throw new IllegalArgumentException("negative case count " + cases);
        }
        return cases <= 1 << 8 ? 1 : cases <= 1 << 16 ? 2 : 4;
    }

    /** {@code alignment_flags}; see the class comment for counts beyond 32. */
    public static int flagsAlignment(int labels) {
        return labels <= 8 ? 1 : labels <= 16 ? 2 : 4;
    }

    /** {@code elem_size_flags}; see the class comment for counts beyond 32. */
    public static long flagsSize(int labels) {
        return labels <= 8 ? 1 : labels <= 16 ? 2 : 4L * flagsWords(labels);
    }

    /** How many {@code i32}s flags of {@code labels} labels flatten to; see the class comment. */
    public static int flagsWords(int labels) {
        return Math.max(1, (labels + 31) / 32);
    }

    /** {@code align_to}. */
    public static long alignTo(long ptr, long alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }

    /** {@code flatten_type}. */
    public List<CoreType> flatten(Type t) {
        List<CoreType> out = new ArrayList<>();
        flatten(t, out);
        return List.copyOf(out);
    }

    /** {@code flatten_types}. */
    public List<CoreType> flatten(List<Type> types) {
        List<CoreType> out = new ArrayList<>();
        for (Type t : types) {
            flatten(t, out);
        }
        return List.copyOf(out);
    }

    /** The length of {@code flatten_type(t)}. */
    public int flatCount(Type t) {
        return flatten(t).size();
    }

    /** The length of {@code flatten_types(types)}. */
    public int flatCount(List<Type> types) {
        return flatten(types).size();
    }

    /**
     * {@code flatten_functype} for synchronous canonical options: parameters beyond
     * {@link #MAX_FLAT_PARAMS} become one pointer; results beyond {@link #MAX_FLAT_RESULTS} become
     * a returned pointer when lifting and a trailing pointer parameter when lowering.
     */
    public FlatSignature flattenFunction(Function f, FlatSignature.Context context) {
        List<CoreType> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            flatten(p.type(), params);
        }
        List<CoreType> results = f.result() == null ? List.of() : flatten(f.result());
        boolean spillParams = params.size() > MAX_FLAT_PARAMS;
        boolean spillResults = results.size() > MAX_FLAT_RESULTS;
        if (spillParams) {
            params = new ArrayList<>(List.of(CoreType.I32));
        }
        if (spillResults) {
            if (context == FlatSignature.Context.LIFT) {
                results = List.of(CoreType.I32);
            } else {
                params.add(CoreType.I32);
                results = List.of();
            }
        }
        return new FlatSignature(params, results, spillParams, spillResults);
    }

    private void flatten(Type t, List<CoreType> out) {
        t = dealias(t);
        if (t instanceof Type.Primitive p) {
            switch (p) {
                case U64, S64 -> out.add(CoreType.I64);
                case F32 -> out.add(CoreType.F32);
                case F64 -> out.add(CoreType.F64);
                case STRING -> {
                    out.add(CoreType.I32);
                    out.add(CoreType.I32);
                }
                default -> out.add(CoreType.I32);
            }
            return;
        }
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> flatten(f.type(), out)); // flatten_record
        } else if (k instanceof TypeDefKind.Tuple tu) {
            tu.types().forEach(x -> flatten(x, out));
        } else if (isVariantLike(k)) {
            flattenVariant(caseTypes(k), out);
        } else if (k instanceof TypeDefKind.Flags f) {
            for (int i = 0; i < flagsWords(f.flags().size()); i++) {
                out.add(CoreType.I32);
            }
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            List<CoreType> one = flatten(l.element()); // flatten_list with a length
            for (long i = 0; i < l.length(); i++) {
                out.addAll(one);
            }
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            out.add(CoreType.I32); // flatten_list without a length: pointer and length
            out.add(CoreType.I32);
        } else {
            checkKnown(t, k);
            out.add(CoreType.I32); // own, borrow, stream, future
        }
    }

    /** {@code flatten_variant}: the discriminant, then the cases' flattenings joined slot by slot. */
    private void flattenVariant(List<Type> cases, List<CoreType> out) {
        List<CoreType> joined = new ArrayList<>();
        for (Type c : cases) {
            if (c == null) {
                continue;
            }
            List<CoreType> flat = flatten(c);
            for (int i = 0; i < flat.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, CoreType.join(joined.get(i), flat.get(i)));
                } else {
                    joined.add(flat.get(i));
                }
            }
        }
        out.add(CoreType.I32); // every discriminant type flattens to one i32
        out.addAll(joined);
    }

    /**
     * The payload type of each case of a variant, option ({@code none}, {@code some}), result
     * ({@code ok}, {@code error}) or enum, null where a case has none: {@code despecialize}.
     */
    public static List<Type> caseTypes(TypeDefKind k) {
        if (k instanceof TypeDefKind.Variant v) {
            return Arrays.asList(v.cases().stream().map(TypeDefKind.Case::type).toArray(Type[]::new));
        } else if (k instanceof TypeDefKind.Option o) {
            return Arrays.asList(null, o.type());
        } else if (k instanceof TypeDefKind.Result r) {
            return Arrays.asList(r.ok(), r.err());
        } else if (k instanceof TypeDefKind.Enum e) {
            return Arrays.asList(new Type[e.cases().size()]);
        }
        throw new IllegalArgumentException("not a variant, option, result or enum: " + k);
    }

    private static boolean isVariantLike(TypeDefKind k) {
        return k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Option
                || k instanceof TypeDefKind.Result || k instanceof TypeDefKind.Enum;
    }

    private static List<Type> fieldTypes(TypeDefKind.Record r) {
        return r.fields().stream().map(TypeDefKind.Field::type).toList();
    }

    /** The remaining kinds are all one 4-byte index; a type never resolved has no layout at all. */
    private void checkKnown(Type t, TypeDefKind k) {
        if (k instanceof TypeDefKind.Unknown) {
            String name = resolve.type(((Type.Id) t).index()).name();
            throw new WitException("type `" + name + "` is not defined, so it has no canonical ABI layout", null);
        }
    }
}
