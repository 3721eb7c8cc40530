package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.AbsHeap;
import dev.dovetail.component.ValidatorTypes.CArray;
import dev.dovetail.component.ValidatorTypes.CCont;
import dev.dovetail.component.ValidatorTypes.CField;
import dev.dovetail.component.ValidatorTypes.CFunc;
import dev.dovetail.component.ValidatorTypes.CFuncX;
import dev.dovetail.component.ValidatorTypes.CGlobalX;
import dev.dovetail.component.ValidatorTypes.CHeap;
import dev.dovetail.component.ValidatorTypes.CMemoryX;
import dev.dovetail.component.ValidatorTypes.CNum;
import dev.dovetail.component.ValidatorTypes.CRef;
import dev.dovetail.component.ValidatorTypes.CStruct;
import dev.dovetail.component.ValidatorTypes.CTableX;
import dev.dovetail.component.ValidatorTypes.CTagX;
import dev.dovetail.component.ValidatorTypes.CVal;
import dev.dovetail.component.ValidatorTypes.ConcHeap;
import dev.dovetail.component.ValidatorTypes.CoreEntry;
import dev.dovetail.component.ValidatorTypes.CoreExtern;
import dev.dovetail.component.ValidatorTypes.CoreSub;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.IntFunction;

/**
 * Core WebAssembly types as the component validator needs them: building them from the decoded
 * model, printing them in error messages, and the core matching rules used when core modules are
 * instantiated or imported (WebAssembly "import matching": functions by type, tables and memories
 * by limits, globals by type and mutability).
 */
final class CoreTypes {
    private CoreTypes() {}

    /** Largest memory, in pages, of a 32-bit / 64-bit memory with 64 KiB pages. */
    static final long MAX_PAGES_32 = 65536;

    static final long MAX_PAGES_64 = 1L << 48;

    // ---------------------------------------------------------------- building from the model

    /**
     * The subtypes of a recursion group whose first type gets index {@code base}; {@code lookup}
     * resolves earlier type indices (it throws for out-of-bounds or non-subtype entries).
     */
    static List<CoreSub> recGroup(CoreType.RecGroup g, int base, IntFunction<CoreEntry> lookup) {
        List<CoreSub> group = new ArrayList<>();
        for (int i = 0; i < g.types().size(); i++) {
            group.add(new CoreSub());
        }
        IntFunction<CoreSub> resolve = idx -> {
            long i = Integer.toUnsignedLong(idx);
            if (i >= base && i < base + group.size()) {
                return group.get((int) (i - base));
            }
            if (i >= base) {
                throw new Invalid("unknown type " + i + ": type index out of bounds");
            }
            CoreEntry e = lookup.apply(idx);
            if (e instanceof CoreSub s) {
                return s;
            }
            throw new Invalid("type index " + i + " is a module type, not a sub type");
        };
        for (int i = 0; i < g.types().size(); i++) {
            CoreType.SubType st = g.types().get(i);
            CoreSub s = group.get(i);
            s.isFinal = st.isFinal();
            List<CoreSub> supers = new ArrayList<>();
            for (int sup : st.supertypes()) {
                CoreSub superType = resolve.apply(sup);
                if (superType == s || group.indexOf(superType) >= i) {
                    throw new Invalid("supertype index " + Integer.toUnsignedLong(sup) + " must precede the subtype");
                }
                if (superType.isFinal) {
                    throw new Invalid("sub type cannot have a final super type");
                }
                supers.add(superType);
            }
            if (supers.size() > 1) {
                throw new Invalid("multiple supertypes not supported");
            }
            s.supertypes = List.copyOf(supers);
            CoreType.CompType ct = st.type();
            if (ct instanceof CoreType.CompType.Shared sh) {
                s.shared = true;
                ct = sh.type();
            }
            s.comp = comp(ct, resolve);
        }
        return group;
    }

    private static ValidatorTypes.CoreComp comp(CoreType.CompType ct, IntFunction<CoreSub> resolve) {
        if (ct instanceof CoreType.CompType.Func f) {
            return new CFunc(vals(f.params(), resolve), vals(f.results(), resolve));
        } else if (ct instanceof CoreType.CompType.Struct s) {
            List<CField> fields = new ArrayList<>();
            for (CoreType.FieldType ft : s.fields()) {
                fields.add(field(ft, resolve));
            }
            return new CStruct(List.copyOf(fields));
        } else if (ct instanceof CoreType.CompType.Array a) {
            return new CArray(field(a.element(), resolve));
        } else if (ct instanceof CoreType.CompType.Cont c) {
            CoreSub f = resolve.apply(c.funcType());
            if (!(f.comp instanceof CFunc)) {
                throw new Invalid("continuation type must refer to a function type");
            }
            return new CCont(f);
        } else if (ct instanceof CoreType.CompType.Shared s) {
            throw new Invalid("nested shared composite types are not allowed");
        }
        throw new IllegalStateException("unknown composite type " + ct);
    }

    private static CField field(CoreType.FieldType ft, IntFunction<CoreSub> resolve) {
        Object storage = ft.storage() instanceof CoreType.ValType v ? val(v, resolve) : ft.storage();
        return new CField(storage, ft.mutable());
    }

    static List<CVal> vals(List<CoreType.ValType> vs, IntFunction<CoreSub> resolve) {
        List<CVal> out = new ArrayList<>(vs.size());
        for (CoreType.ValType v : vs) {
            out.add(val(v, resolve));
        }
        return List.copyOf(out);
    }

    static CVal val(CoreType.ValType v, IntFunction<CoreSub> resolve) {
        if (v instanceof CoreType.NumType n) {
            return CNum.of(n);
        }
        CoreType.RefType r = (CoreType.RefType) v;
        return new CRef(r.nullable(), heap(r.heap(), resolve));
    }

    static CHeap heap(CoreType.HeapType h, IntFunction<CoreSub> resolve) {
        if (h instanceof CoreType.AbstractHeap a) {
            return new AbsHeap(a.code(), a.shared());
        }
        return new ConcHeap(resolve.apply(((CoreType.ConcreteHeap) h).index()));
    }

    // ---------------------------------------------------------------- printing

    static String describe(CoreSub s) {
        StringBuilder b = new StringBuilder();
        if (s.comp instanceof CFunc f) {
            b.append("(func");
            if (!f.params().isEmpty()) {
                b.append(" (param");
                f.params().forEach(p -> b.append(' ').append(describe(p)));
                b.append(')');
            }
            if (!f.results().isEmpty()) {
                b.append(" (result");
                f.results().forEach(p -> b.append(' ').append(describe(p)));
                b.append(')');
            }
            b.append(')');
        } else if (s.comp instanceof CStruct st) {
            b.append("(struct");
            st.fields().forEach(f -> b.append(" (field ").append(describe(f)).append(')'));
            b.append(')');
        } else if (s.comp instanceof CArray a) {
            b.append("(array ").append(describe(a.element())).append(')');
        } else if (s.comp instanceof CCont) {
            b.append("(cont)");
        } else {
            b.append("(?)");
        }
        return s.shared ? "(shared " + b + ")" : b.toString();
    }

    private static String describe(CField f) {
        String st = f.storage() instanceof CVal v ? describe(v) : String.valueOf(f.storage()).toLowerCase();
        return f.mutable() ? "(mut " + st + ")" : st;
    }

    static String describe(CVal v) {
        if (v instanceof CNum n) {
            return n.type().name().toLowerCase();
        }
        CRef r = (CRef) v;
        if (r.heap() instanceof AbsHeap a && r.nullable() && !a.shared()) {
            String name = absName(a.code());
            return name + "ref";
        }
        String heap = r.heap() instanceof AbsHeap a
                ? (a.shared() ? "(shared " + absName(a.code()) + ")" : absName(a.code()))
                : describe(((ConcHeap) r.heap()).type());
        return r.nullable() ? "(ref null " + heap + ")" : "(ref " + heap + ")";
    }

    private static String absName(int code) {
        return switch (code) {
            case 0x70 -> "func";
            case 0x6f -> "extern";
            case 0x6e -> "any";
            case 0x71 -> "none";
            case 0x72 -> "noextern";
            case 0x73 -> "nofunc";
            case 0x6d -> "eq";
            case 0x6b -> "struct";
            case 0x6a -> "array";
            case 0x6c -> "i31";
            case 0x69 -> "exn";
            case 0x74 -> "noexn";
            case 0x68 -> "cont";
            case 0x75 -> "nocont";
            default -> "0x" + Integer.toHexString(code);
        };
    }

    // ---------------------------------------------------------------- equality and subtyping

    /** Structural equality of core types (recursive references are assumed equal while compared). */
    static boolean same(CoreSub a, CoreSub b) {
        return same(a, b, new ArrayList<>(), 0);
    }

    private static boolean same(CoreSub a, CoreSub b, List<CoreSub[]> assumed, int depth) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        for (CoreSub[] p : assumed) {
            if (p[0] == a && p[1] == b) {
                return true;
            }
        }
        if (depth > 64 || a.isFinal != b.isFinal || a.shared != b.shared
                || a.supertypes.size() != b.supertypes.size()) {
            return false;
        }
        assumed.add(new CoreSub[] {a, b});
        try {
            for (int i = 0; i < a.supertypes.size(); i++) {
                if (!same(a.supertypes.get(i), b.supertypes.get(i), assumed, depth + 1)) {
                    return false;
                }
            }
            if (a.comp instanceof CFunc fa && b.comp instanceof CFunc fb) {
                return sameVals(fa.params(), fb.params(), assumed, depth)
                        && sameVals(fa.results(), fb.results(), assumed, depth);
            } else if (a.comp instanceof CStruct sa && b.comp instanceof CStruct sb) {
                if (sa.fields().size() != sb.fields().size()) {
                    return false;
                }
                for (int i = 0; i < sa.fields().size(); i++) {
                    if (!sameField(sa.fields().get(i), sb.fields().get(i), assumed, depth)) {
                        return false;
                    }
                }
                return true;
            } else if (a.comp instanceof CArray aa && b.comp instanceof CArray ab) {
                return sameField(aa.element(), ab.element(), assumed, depth);
            } else if (a.comp instanceof CCont ca && b.comp instanceof CCont cb) {
                return same(ca.func(), cb.func(), assumed, depth + 1);
            }
            return false;
        } finally {
            assumed.remove(assumed.size() - 1);
        }
    }

    private static boolean sameField(CField a, CField b, List<CoreSub[]> assumed, int depth) {
        if (a.mutable() != b.mutable()) {
            return false;
        }
        if (a.storage() instanceof CVal va && b.storage() instanceof CVal vb) {
            return sameVal(va, vb, assumed, depth);
        }
        return a.storage() == b.storage();
    }

    private static boolean sameVals(List<CVal> a, List<CVal> b, List<CoreSub[]> assumed, int depth) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!sameVal(a.get(i), b.get(i), assumed, depth)) {
                return false;
            }
        }
        return true;
    }

    static boolean sameVal(CVal a, CVal b) {
        return sameVal(a, b, new ArrayList<>(), 0);
    }

    private static boolean sameVal(CVal a, CVal b, List<CoreSub[]> assumed, int depth) {
        if (a instanceof CNum na && b instanceof CNum nb) {
            return na.type() == nb.type();
        }
        if (a instanceof CRef ra && b instanceof CRef rb) {
            if (ra.nullable() != rb.nullable()) {
                return false;
            }
            if (ra.heap() instanceof AbsHeap ha && rb.heap() instanceof AbsHeap hb) {
                return ha.equals(hb);
            }
            if (ra.heap() instanceof ConcHeap ca && rb.heap() instanceof ConcHeap cb) {
                return same(ca.type(), cb.type(), assumed, depth + 1);
            }
        }
        return false;
    }

    /** Whether {@code a} is {@code b} or declared (transitively) to be a subtype of it. */
    static boolean isSubtype(CoreSub a, CoreSub b) {
        CoreSub t = a;
        for (int steps = 0; t != null && steps < 1000; steps++) {
            if (same(t, b)) {
                return true;
            }
            t = t.supertypes.isEmpty() ? null : t.supertypes.get(0);
        }
        return false;
    }

    /** Whether a function type's params and results are exactly these numeric types. */
    static boolean isFunc(CoreSub s, List<CVal> params, List<CVal> results) {
        CFunc f = s == null ? null : s.funcOrNull();
        return f != null && sameVals(f.params(), params, new ArrayList<>(), 0)
                && sameVals(f.results(), results, new ArrayList<>(), 0);
    }

    /**
     * Checks that an item of core type {@code actual} can be supplied where {@code expected} is
     * required (import matching); throws with the mismatch otherwise.
     */
    static void checkExtern(CoreExtern actual, CoreExtern expected) {
        if (expected instanceof CFuncX e) {
            if (!(actual instanceof CFuncX a)) {
                throw mismatch(actual, expected);
            }
            checkFunc(a.type(), e.type());
        } else if (expected instanceof CTableX e) {
            if (!(actual instanceof CTableX a)) {
                throw mismatch(actual, expected);
            }
            if (!sameVal(a.element(), e.element())) {
                throw new Invalid("expected table element type " + describe(e.element()) + ", found "
                        + describe(a.element()));
            }
            if (a.shared() != e.shared()) {
                throw new Invalid("mismatch in the shared flag for tables");
            }
            if (a.is64() != e.is64()) {
                throw new Invalid("mismatch in index type used for tables");
            }
            if (!limitsMatch(a.min(), a.max(), e.min(), e.max())) {
                throw new Invalid("mismatch in table limits");
            }
        } else if (expected instanceof CMemoryX e) {
            if (!(actual instanceof CMemoryX a)) {
                throw mismatch(actual, expected);
            }
            checkMemory(a, e);
        } else if (expected instanceof CGlobalX e) {
            if (!(actual instanceof CGlobalX a)) {
                throw mismatch(actual, expected);
            }
            if (a.mutable() != e.mutable()) {
                throw new Invalid("global types differ in mutability");
            }
            if (a.shared() != e.shared()) {
                throw new Invalid("global types differ in the shared flag");
            }
            if (!sameVal(a.type(), e.type())) {
                throw new Invalid("expected global type " + describe(e.type()) + ", found " + describe(a.type()));
            }
        } else if (expected instanceof CTagX e) {
            if (!(actual instanceof CTagX a)) {
                throw mismatch(actual, expected);
            }
            checkFunc(a.type(), e.type());
        }
    }

    static void checkMemory(CMemoryX a, CMemoryX e) {
        if (a.shared() != e.shared()) {
            throw new Invalid("mismatch in the shared flag for memories");
        }
        if (a.is64() != e.is64()) {
            throw new Invalid("mismatch in index type used for memories");
        }
        if (a.pageSizeLog2() != e.pageSizeLog2()) {
            throw new Invalid("mismatch in page size for memories");
        }
        if (!limitsMatch(a.min(), a.max(), e.min(), e.max())) {
            throw new Invalid("mismatch in memory limits");
        }
    }

    private static void checkFunc(CoreSub actual, CoreSub expected) {
        if (!isSubtype(actual, expected)) {
            throw new Invalid("expected: " + describe(expected) + ", found: " + describe(actual));
        }
    }

    private static Invalid mismatch(CoreExtern actual, CoreExtern expected) {
        return new Invalid("expected " + expected.desc() + ", found " + actual.desc());
    }

    /** Limits subtyping: at least the minimum, and a maximum within the expected maximum if any. */
    static boolean limitsMatch(long aMin, OptionalLong aMax, long eMin, OptionalLong eMax) {
        if (Long.compareUnsigned(aMin, eMin) < 0) {
            return false;
        }
        if (eMax.isEmpty()) {
            return true;
        }
        return aMax.isPresent() && Long.compareUnsigned(aMax.getAsLong(), eMax.getAsLong()) <= 0;
    }

    // ---------------------------------------------------------------- extern types from the model

    /** A core extern type of a module type declarator; {@code types} resolves type indices. */
    static CoreExtern externType(CoreType.ExternType t, IntFunction<CoreSub> types) {
        if (t instanceof CoreType.ExternType.Func f) {
            CoreSub s = types.apply(f.type());
            if (!(s.comp instanceof CFunc)) {
                throw new Invalid("type index " + Integer.toUnsignedLong(f.type()) + " is not a function type");
            }
            return new CFuncX(s);
        } else if (t instanceof CoreType.ExternType.Table tt) {
            CRef elem = (CRef) val(tt.element(), types);
            CoreType.Limits l = tt.limits();
            checkTableLimits(l.min(), l.max());
            return new CTableX(elem, l.min(), l.max(), l.shared(), l.is64());
        } else if (t instanceof CoreType.ExternType.Memory m) {
            CoreType.Limits l = m.limits();
            int page = l.pageSizeLog2().orElse(16);
            checkMemoryLimits(l.min(), l.max(), l.shared(), l.is64(), page);
            return new CMemoryX(l.min(), l.max(), l.shared(), l.is64(), page);
        } else if (t instanceof CoreType.ExternType.Global g) {
            return new CGlobalX(val(g.type(), types), g.mutable(), g.shared());
        } else if (t instanceof CoreType.ExternType.Tag tag) {
            CoreSub s = types.apply(tag.type());
            if (!(s.comp instanceof CFunc f) || !f.results().isEmpty()) {
                throw new Invalid("invalid exception type: a tag's function type must have no results");
            }
            return new CTagX(s);
        }
        throw new IllegalStateException("unknown extern type " + t);
    }

    static void checkTableLimits(long min, OptionalLong max) {
        if (max.isPresent() && Long.compareUnsigned(min, max.getAsLong()) > 0) {
            throw new Invalid("size minimum must not be greater than maximum");
        }
    }

    /** Core memory type validity: min <= max <= the largest memory; shared memories need a maximum. */
    static void checkMemoryLimits(long min, OptionalLong max, boolean shared, boolean is64, int pageSizeLog2) {
        if (pageSizeLog2 != 0 && pageSizeLog2 != 16) {
            throw new Invalid("invalid custom page size");
        }
        long limit = is64 ? (pageSizeLog2 == 16 ? MAX_PAGES_64 : -1L) : (1L << 32) >>> pageSizeLog2;
        String what = is64 ? "memory size must be at most 2**48 pages" : "memory size must be at most "
                + limit + " pages (4GiB)";
        if (limit != -1L) {
            if (Long.compareUnsigned(min, limit) > 0) {
                throw new Invalid(what);
            }
            if (max.isPresent() && Long.compareUnsigned(max.getAsLong(), limit) > 0) {
                throw new Invalid(what);
            }
        }
        if (max.isPresent() && Long.compareUnsigned(min, max.getAsLong()) > 0) {
            throw new Invalid("size minimum must not be greater than maximum");
        }
        if (shared && max.isEmpty()) {
            throw new Invalid("shared memory must have maximum size");
        }
    }
}
