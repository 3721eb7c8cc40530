package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.BorrowT;
import dev.dovetail.component.ValidatorTypes.CNum;
import dev.dovetail.component.ValidatorTypes.Case;
import dev.dovetail.component.ValidatorTypes.DefT;
import dev.dovetail.component.ValidatorTypes.EnumT;
import dev.dovetail.component.ValidatorTypes.Field;
import dev.dovetail.component.ValidatorTypes.FixedListT;
import dev.dovetail.component.ValidatorTypes.FlagsT;
import dev.dovetail.component.ValidatorTypes.FutureT;
import dev.dovetail.component.ValidatorTypes.Info;
import dev.dovetail.component.ValidatorTypes.ListT;
import dev.dovetail.component.ValidatorTypes.MapT;
import dev.dovetail.component.ValidatorTypes.OptionT;
import dev.dovetail.component.ValidatorTypes.OwnT;
import dev.dovetail.component.ValidatorTypes.PrimT;
import dev.dovetail.component.ValidatorTypes.RecordT;
import dev.dovetail.component.ValidatorTypes.ResT;
import dev.dovetail.component.ValidatorTypes.ResultT;
import dev.dovetail.component.ValidatorTypes.StreamT;
import dev.dovetail.component.ValidatorTypes.TupleT;
import dev.dovetail.component.ValidatorTypes.VariantT;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of CanonicalABI.md that validation depends on: element size and alignment (for the
 * 2^28 size bound, with {@code i64} pointers), the "contains a list or string" predicate (which
 * decides whether {@code memory} / {@code realloc} are required) and flattening (the core
 * signature of lifted and lowered functions). Also the factories of defined types, which compute
 * these facts once per type.
 */
final class CanonicalAbi {
    private CanonicalAbi() {}

    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_ASYNC_PARAMS = 4;
    static final int MAX_FLAT_RESULTS = 1;

    private static final long PTR64 = 8;

    // ---------------------------------------------------------------- factories

    /** A primitive type; {@code inline} for a primitive written directly as a {@code valtype}. */
    static PrimT prim(PrimitiveType p, boolean inline) {
        long size = switch (p) {
            case BOOL, S8, U8 -> 1;
            case S16, U16 -> 2;
            case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4;
            case S64, U64, F64 -> 8;
            case STRING -> 2 * PTR64;
        };
        int align = p == PrimitiveType.STRING ? (int) PTR64 : (int) size;
        return new PrimT(p, inline, Info.of(1, 1, false, p == PrimitiveType.STRING, size, align));
    }

    static RecordT record(List<Field> fields) {
        List<DefT> ts = new ArrayList<>();
        fields.forEach(f -> ts.add(f.type()));
        return new RecordT(List.copyOf(fields), tupleInfo(ts));
    }

    static TupleT tuple(List<DefT> types) {
        return new TupleT(List.copyOf(types), tupleInfo(types));
    }

    private static Info tupleInfo(List<DefT> ts) {
        Info node = Info.node(infos(ts));
        long s = 0;
        int align = 1;
        for (DefT t : ts) {
            s = alignTo(s, t.info().align()) + t.info().elemSize();
            align = Math.max(align, t.info().align());
        }
        return Info.of(node.size(), node.depth(), node.borrow(), node.ptr(), alignTo(s, align), align);
    }

    static VariantT variant(List<Case> cases) {
        List<DefT> payloads = new ArrayList<>();
        cases.forEach(c -> payloads.add(c.type()));
        return new VariantT(List.copyOf(cases), variantInfo(payloads));
    }

    static EnumT enumType(List<String> names) {
        return new EnumT(List.copyOf(names), variantInfo(Arrays.asList(new DefT[names.size()])));
    }

    static OptionT option(DefT t) {
        return new OptionT(t, variantInfo(Arrays.asList(null, t)));
    }

    static ResultT result(DefT ok, DefT error) {
        return new ResultT(ok, error, variantInfo(Arrays.asList(ok, error)));
    }

    /** Variant layout: the discriminant, then the largest payload, each aligned. */
    private static Info variantInfo(List<DefT> payloads) {
        List<Info> children = new ArrayList<>();
        long caseSize = 0;
        int caseAlign = 1;
        for (DefT t : payloads) {
            if (t != null) {
                children.add(t.info());
                caseSize = Math.max(caseSize, t.info().elemSize());
                caseAlign = Math.max(caseAlign, t.info().align());
            }
        }
        Info node = Info.node(children);
        int disc = discriminantSize(payloads.size());
        int align = Math.max(disc, caseAlign);
        long size = alignTo(alignTo(disc, caseAlign) + caseSize, align);
        return Info.of(node.size(), node.depth(), node.borrow(), node.ptr(), size, align);
    }

    static int discriminantSize(long cases) {
        if (cases <= 1L << 8) {
            return 1;
        }
        return cases <= 1L << 16 ? 2 : 4;
    }

    static FlagsT flags(List<String> names) {
        int n = names.size();
        int size = n <= 8 ? 1 : n <= 16 ? 2 : 4;
        return new FlagsT(List.copyOf(names), Info.of(1, 1, false, false, size, size));
    }

    static ListT list(DefT element) {
        Info node = Info.node(List.of(element.info()));
        return new ListT(element, Info.of(node.size(), node.depth(), node.borrow(), true, 2 * PTR64, (int) PTR64));
    }

    static FixedListT fixedList(DefT element, long length) {
        Info e = element.info();
        Info node = Info.node(List.of(e));
        long size = e.elemSize() > 0 && length > (1L << 40) / e.elemSize() ? 1L << 40 : length * e.elemSize();
        return new FixedListT(element, length, Info.of(node.size(), node.depth(), node.borrow(), node.ptr(), size,
                e.align()));
    }

    static MapT map(DefT key, DefT value) {
        Info node = Info.node(List.of(key.info(), value.info()));
        return new MapT(key, value, Info.of(node.size(), node.depth(), node.borrow(), true, 2 * PTR64, (int) PTR64));
    }

    static OwnT own(ResT r) {
        return new OwnT(r, Info.of(1, 1, false, false, 4, 4));
    }

    static BorrowT borrow(ResT r) {
        return new BorrowT(r, Info.of(1, 1, true, false, 4, 4));
    }

    static StreamT stream(DefT element) {
        return new StreamT(element, handleInfo(element));
    }

    static FutureT future(DefT element) {
        return new FutureT(element, handleInfo(element));
    }

    /** Streams and futures are i32 handles; their element type only counts for size and borrows. */
    private static Info handleInfo(DefT element) {
        Info node = Info.node(element == null ? List.of() : List.of(element.info()));
        return Info.of(node.size(), node.depth(), node.borrow(), false, 4, 4);
    }

    private static List<Info> infos(List<DefT> ts) {
        List<Info> out = new ArrayList<>(ts.size());
        ts.forEach(t -> out.add(t.info()));
        return out;
    }

    private static long alignTo(long ptr, int align) {
        return (ptr + align - 1) / align * align;
    }

    // ---------------------------------------------------------------- flattening

    /** A bounded list of flat core types: stops growing (and reports overflow) past {@code max}. */
    static final class Flat {
        final List<CNum> types = new ArrayList<>();
        final int max;
        boolean overflow;

        Flat(int max) {
            this.max = max;
        }

        boolean push(CNum t) {
            if (types.size() >= max) {
                overflow = true;
                return false;
            }
            types.add(t);
            return true;
        }

        int size() {
            return overflow ? max + 1 : types.size();
        }
    }

    /**
     * {@code flatten_type}: appends the flat core types of {@code t} to {@code out}; returns false
     * once {@code out} overflows. {@code ptr} is the memory's address type.
     */
    static boolean flatten(DefT t, CNum ptr, Flat out) {
        if (t instanceof PrimT p) {
            return switch (p.prim()) {
                case S64, U64 -> out.push(CNum.I64);
                case F32 -> out.push(CNum.F32);
                case F64 -> out.push(CNum.F64);
                case STRING -> out.push(ptr) && out.push(ptr);
                default -> out.push(CNum.I32);
            };
        } else if (t instanceof RecordT r) {
            for (Field f : r.fields()) {
                if (!flatten(f.type(), ptr, out)) {
                    return false;
                }
            }
            return true;
        } else if (t instanceof TupleT tt) {
            for (DefT e : tt.types()) {
                if (!flatten(e, ptr, out)) {
                    return false;
                }
            }
            return true;
        } else if (t instanceof VariantT v) {
            List<DefT> payloads = new ArrayList<>();
            v.cases().forEach(c -> payloads.add(c.type()));
            return flattenVariant(payloads, ptr, out);
        } else if (t instanceof EnumT e) {
            return flattenVariant(Arrays.asList(new DefT[e.names().size()]), ptr, out);
        } else if (t instanceof OptionT o) {
            return flattenVariant(Arrays.asList(null, o.type()), ptr, out);
        } else if (t instanceof ResultT r) {
            return flattenVariant(Arrays.asList(r.ok(), r.error()), ptr, out);
        } else if (t instanceof ListT || t instanceof MapT) {
            return out.push(ptr) && out.push(ptr);
        } else if (t instanceof FixedListT l) {
            for (long i = 0; i < l.length(); i++) {
                if (!flatten(l.element(), ptr, out)) {
                    return false;
                }
            }
            return true;
        }
        // flags, own, borrow, stream, future
        return out.push(CNum.I32);
    }

    private static boolean flattenVariant(List<DefT> payloads, CNum ptr, Flat out) {
        List<CNum> joined = new ArrayList<>();
        for (DefT p : payloads) {
            if (p == null) {
                continue;
            }
            Flat f = new Flat(out.max);
            if (!flatten(p, ptr, f)) {
                out.overflow = true;
                return false;
            }
            for (int i = 0; i < f.types.size(); i++) {
                if (i < joined.size()) {
                    joined.set(i, join(joined.get(i), f.types.get(i)));
                } else {
                    joined.add(f.types.get(i));
                }
            }
        }
        if (!out.push(CNum.I32)) {
            return false;
        }
        for (CNum c : joined) {
            if (!out.push(c)) {
                return false;
            }
        }
        return true;
    }

    private static CNum join(CNum a, CNum b) {
        if (a == b) {
            return a;
        }
        if ((a == CNum.I32 && b == CNum.F32) || (a == CNum.F32 && b == CNum.I32)) {
            return CNum.I32;
        }
        return CNum.I64;
    }
}
