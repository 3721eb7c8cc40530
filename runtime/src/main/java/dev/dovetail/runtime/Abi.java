package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import dev.dovetail.runtime.ValueType.BorrowType;
import dev.dovetail.runtime.ValueType.Case;
import dev.dovetail.runtime.ValueType.EnumType;
import dev.dovetail.runtime.ValueType.Field;
import dev.dovetail.runtime.ValueType.FixedListType;
import dev.dovetail.runtime.ValueType.FlagsType;
import dev.dovetail.runtime.ValueType.FutureType;
import dev.dovetail.runtime.ValueType.ListType;
import dev.dovetail.runtime.ValueType.MapType;
import dev.dovetail.runtime.ValueType.OptionType;
import dev.dovetail.runtime.ValueType.OwnType;
import dev.dovetail.runtime.ValueType.Primitive;
import dev.dovetail.runtime.ValueType.RecordType;
import dev.dovetail.runtime.ValueType.ResultType;
import dev.dovetail.runtime.ValueType.StreamType;
import dev.dovetail.runtime.ValueType.TupleType;
import dev.dovetail.runtime.ValueType.VariantType;
import dev.dovetail.runtime.core.CoreFunc;
import dev.dovetail.runtime.core.CoreFuncType;
import dev.dovetail.runtime.core.CoreMemory;
import dev.dovetail.runtime.core.CoreTrap;
import dev.dovetail.runtime.core.CoreValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The synchronous canonical ABI, after CanonicalABI.md: each method names the Python function of
 * the spec it implements. Values are {@link Val}s; core values are {@code long}s (i32 values are
 * produced unsigned, as in the spec, and read from their low 32 bits; floats are bit patterns).
 * Only 32-bit memories exist here, so {@code ptr_type} is always {@code i32}.
 */
final class Abi {
    private Abi() {}

    /** {@code string-encoding} canonopt. */
    enum StringEncoding {
        UTF8,
        UTF16,
        LATIN1_UTF16
    }

    /** The encodings of a source string once {@code latin1+utf16} is split by its tag. */
    private enum Simple {
        UTF8,
        UTF16,
        LATIN1
    }

    /** The {@code context} argument of {@code flatten_functype}. */
    enum Context {
        LIFT,
        LOWER
    }

    static final int MAX_FLAT_PARAMS = 16;
    static final int MAX_FLAT_RESULTS = 1;
    static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;
    static final long MAX_LIST_BYTE_LENGTH = (1L << 28) - 1;
    static final int PTR_SIZE = 4;
    static final int CANONICAL_FLOAT32_NAN = 0x7fc00000;
    static final long CANONICAL_FLOAT64_NAN = 0x7ff8000000000000L;

    // ------------------------------------------------------------------ threads

    // current_thread() and current_task(), as far as the synchronous ABI needs them: CallStack.
    // Every lifted call, realloc and destructor runs in a fresh thread whose storage is zero;
    // only a component with built-ins that read them (InstanceState.needsCallStack) can tell.

    /** {@code canon_context_get}. */
    static long contextGet(int i) {
        return CallStack.current().contextGet(i);
    }

    /** {@code canon_context_set}. */
    static void contextSet(int i, long v) {
        CallStack.current().contextSet(i, v);
    }

    /** {@code canon_backpressure_inc} and {@code canon_backpressure_dec}. */
    static void backpressure(InstanceState inst, int delta) {
        inst.backpressure += delta;
        if (inst.backpressure >= 1 << 16 || inst.backpressure < 0) {
            throw trap(inst, delta > 0 ? "backpressure.inc" : "backpressure.dec", Reason.UNSUPPORTED,
                    "backpressure counter out of range");
        }
    }

    // ------------------------------------------------------------------ traps

    static ComponentTrapException trap(LiftLowerContext cx, Reason reason, String detail) {
        return new ComponentTrapException(reason, detail, cx.inst().name, cx.function(), null);
    }

    static ComponentTrapException trap(InstanceState inst, String function, Reason reason, String detail) {
        return new ComponentTrapException(reason, detail, inst.name, function, null);
    }

    /** {@code call_and_trap_on_throw}: a core trap or uncaught exception becomes a component trap here. */
    static long[] callCore(LiftLowerContext cx, CoreFunc f, String what, long... args) {
        try {
            return f.call(args);
        } catch (CoreTrap e) {
            throw coreTrap(e, what, cx.inst(), cx.function());
        }
    }

    /** The component trap for a core trap or uncaught exception in {@code what} (empty: the callee). */
    static ComponentTrapException coreTrap(CoreTrap e, String what, InstanceState inst, String function) {
        boolean uncaught = "uncaught wasm exception".equals(e.getMessage());
        return new ComponentTrapException(
                uncaught ? Reason.UNCAUGHT_EXCEPTION : Reason.CORE_TRAP,
                e.getMessage() + (what.isEmpty() ? "" : " (in " + what + ")"),
                inst.name,
                function,
                e);
    }

    // ------------------------------------------------------------------ despecialization

    /** {@code despecialize}: tuple, enum, option, result and map expressed by their expansion. */
    static ValueType despecialize(ValueType t) {
        if (t instanceof TupleType tt) {
            List<Field> fields = new ArrayList<>();
            for (int i = 0; i < tt.types().size(); i++) {
                fields.add(new Field(Integer.toString(i), tt.types().get(i)));
            }
            return new RecordType(fields);
        }
        if (t instanceof EnumType || t instanceof OptionType || t instanceof ResultType) {
            return new VariantType(cases(t));
        }
        if (t instanceof MapType m) {
            return new ListType(new TupleType(List.of(m.key(), m.value())));
        }
        return t;
    }

    /** The cases of a variant-like type, as {@code despecialize} expands them. */
    static List<Case> cases(ValueType t) {
        if (t instanceof VariantType v) {
            return v.cases();
        }
        if (t instanceof EnumType e) {
            List<Case> cs = new ArrayList<>();
            for (String l : e.labels()) {
                cs.add(new Case(l, Optional.empty()));
            }
            return cs;
        }
        if (t instanceof OptionType o) {
            return List.of(new Case("none", Optional.empty()), new Case("some", Optional.of(o.type())));
        }
        if (t instanceof ResultType r) {
            return List.of(new Case("ok", r.ok()), new Case("error", r.err()));
        }
        throw new IllegalArgumentException("not a variant type: " + t);
    }

    private static boolean isVariantLike(ValueType t) {
        return t instanceof VariantType || t instanceof EnumType || t instanceof OptionType || t instanceof ResultType;
    }

    /** The field types of a record-like type (record or tuple), in order. */
    private static List<ValueType> fieldTypes(ValueType t) {
        if (t instanceof RecordType r) {
            List<ValueType> out = new ArrayList<>();
            for (Field f : r.fields()) {
                out.add(f.type());
            }
            return out;
        }
        return ((TupleType) t).types();
    }

    // ------------------------------------------------------------------ alignment and size

    /** {@code alignment}. */
    static int alignment(ValueType t) {
        t = despecialize(t);
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4;
                case S64, U64, F64 -> 8;
                case STRING -> PTR_SIZE;
            };
        }
        if (t instanceof ListType) {
            return PTR_SIZE;
        }
        if (t instanceof FixedListType f) {
            return alignment(f.element());
        }
        if (t instanceof RecordType r) {
            return alignmentRecord(r.fields());
        }
        if (t instanceof VariantType v) {
            return alignmentVariant(v.cases());
        }
        if (t instanceof FlagsType f) {
            return alignmentFlags(f.labels().size());
        }
        return 4; // own, borrow, stream, future
    }

    private static int alignmentRecord(List<Field> fields) {
        int a = 1;
        for (Field f : fields) {
            a = Math.max(a, alignment(f.type()));
        }
        return a;
    }

    private static int alignmentVariant(List<Case> cases) {
        return Math.max(discriminantSize(cases.size()), maxCaseAlignment(cases));
    }

    /** {@code elem_size(discriminant_type(cases))}: the smallest of u8, u16, u32 that counts the cases. */
    static int discriminantSize(int n) {
        if (n <= 1 << 8) {
            return 1;
        }
        if (n <= 1 << 16) {
            return 2;
        }
        return 4;
    }

    private static int maxCaseAlignment(List<Case> cases) {
        int a = 1;
        for (Case c : cases) {
            if (c.type().isPresent()) {
                a = Math.max(a, alignment(c.type().get()));
            }
        }
        return a;
    }

    private static int alignmentFlags(int n) {
        if (n <= 8) {
            return 1;
        }
        if (n <= 16) {
            return 2;
        }
        return 4;
    }

    /** {@code elem_size}. */
    static long elemSize(ValueType t) {
        t = despecialize(t);
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL, S8, U8 -> 1;
                case S16, U16 -> 2;
                case S32, U32, F32, CHAR, ERROR_CONTEXT -> 4;
                case S64, U64, F64 -> 8;
                case STRING -> 2 * PTR_SIZE;
            };
        }
        if (t instanceof ListType) {
            return 2 * PTR_SIZE;
        }
        if (t instanceof FixedListType f) {
            return f.length() * elemSize(f.element());
        }
        if (t instanceof RecordType r) {
            long s = 0;
            for (Field f : r.fields()) {
                s = alignTo(s, alignment(f.type()));
                s += elemSize(f.type());
            }
            return alignTo(s, alignmentRecord(r.fields()));
        }
        if (t instanceof VariantType v) {
            long s = discriminantSize(v.cases().size());
            s = alignTo(s, maxCaseAlignment(v.cases()));
            long cs = 0;
            for (Case c : v.cases()) {
                if (c.type().isPresent()) {
                    cs = Math.max(cs, elemSize(c.type().get()));
                }
            }
            s += cs;
            return alignTo(s, alignmentVariant(v.cases()));
        }
        if (t instanceof FlagsType f) {
            return elemSizeFlags(f.labels().size());
        }
        return 4;
    }

    /** {@code elem_size_flags}; beyond 32 labels, one {@code i32} per 32 (the pre-limit rule). */
    static int elemSizeFlags(int n) {
        if (n <= 8) {
            return 1;
        }
        if (n <= 16) {
            return 2;
        }
        return 4 * numI32Flags(n);
    }

    private static int numI32Flags(int n) {
        return (n + 31) / 32;
    }

    /** {@code align_to}. */
    static long alignTo(long ptr, long alignment) {
        return (ptr + alignment - 1) / alignment * alignment;
    }

    // ------------------------------------------------------------------ flattening

    static final int MAX_FLAT_ASYNC_PARAMS = 4;

    /** {@code flatten_functype}. */
    static CoreFuncType flattenFunctype(CanonOptions opts, FuncType ft, Context context) {
        List<CoreValType> flatParams = flattenTypes(ft.paramTypes());
        List<CoreValType> flatResults = flattenTypes(ft.resultTypes());
        if (!opts.async()) {
            if (flatParams.size() > MAX_FLAT_PARAMS) {
                flatParams = List.of(CoreValType.I32);
            }
            if (flatResults.size() > MAX_FLAT_RESULTS) {
                switch (context) {
                    case LIFT -> flatResults = List.of(CoreValType.I32);
                    case LOWER -> {
                        flatParams = new ArrayList<>(flatParams);
                        flatParams.add(CoreValType.I32);
                        flatResults = List.of();
                    }
                }
            }
            return new CoreFuncType(flatParams, flatResults);
        }
        switch (context) {
            case LIFT -> {
                if (flatParams.size() > MAX_FLAT_PARAMS) {
                    flatParams = List.of(CoreValType.I32);
                }
                flatResults = opts.callback() != null ? List.of(CoreValType.I32) : List.of();
            }
            case LOWER -> {
                if (flatParams.size() > MAX_FLAT_ASYNC_PARAMS) {
                    flatParams = List.of(CoreValType.I32);
                }
                if (!flatResults.isEmpty()) {
                    flatParams = new ArrayList<>(flatParams);
                    flatParams.add(CoreValType.I32);
                }
                flatResults = List.of(CoreValType.I32);
            }
        }
        return new CoreFuncType(flatParams, flatResults);
    }

    /** {@code flatten_types}. */
    static List<CoreValType> flattenTypes(List<ValueType> ts) {
        List<CoreValType> out = new ArrayList<>();
        for (ValueType t : ts) {
            out.addAll(flattenType(t));
        }
        return out;
    }

    /**
     * {@code len(flatten_types(ts))}, without building the list for primitives (every call lifts
     * and lowers through here): a string flattens to two core values, any other primitive to one.
     */
    static int flatLength(List<ValueType> ts) {
        int n = 0;
        for (ValueType t : ts) {
            n += t == Primitive.STRING ? 2 : t instanceof Primitive ? 1 : flattenType(t).size();
        }
        return n;
    }

    /** {@code flatten_type}. */
    static List<CoreValType> flattenType(ValueType t) {
        t = despecialize(t);
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL, S8, U8, S16, U16, S32, U32, CHAR, ERROR_CONTEXT -> List.of(CoreValType.I32);
                case S64, U64 -> List.of(CoreValType.I64);
                case F32 -> List.of(CoreValType.F32);
                case F64 -> List.of(CoreValType.F64);
                case STRING -> List.of(CoreValType.I32, CoreValType.I32);
            };
        }
        if (t instanceof ListType) {
            return List.of(CoreValType.I32, CoreValType.I32);
        }
        if (t instanceof FixedListType f) {
            List<CoreValType> one = flattenType(f.element());
            List<CoreValType> out = new ArrayList<>();
            for (int i = 0; i < f.length(); i++) {
                out.addAll(one);
            }
            return out;
        }
        if (t instanceof RecordType r) {
            List<CoreValType> out = new ArrayList<>();
            for (Field f : r.fields()) {
                out.addAll(flattenType(f.type()));
            }
            return out;
        }
        if (t instanceof VariantType v) {
            return flattenVariant(v.cases());
        }
        if (t instanceof FlagsType f) {
            List<CoreValType> out = new ArrayList<>();
            for (int i = 0; i < Math.max(1, numI32Flags(f.labels().size())); i++) {
                out.add(CoreValType.I32);
            }
            return out;
        }
        return List.of(CoreValType.I32);
    }

    /** {@code flatten_variant}. */
    static List<CoreValType> flattenVariant(List<Case> cases) {
        List<CoreValType> flat = new ArrayList<>();
        for (Case c : cases) {
            if (c.type().isPresent()) {
                List<CoreValType> ft = flattenType(c.type().get());
                for (int i = 0; i < ft.size(); i++) {
                    if (i < flat.size()) {
                        flat.set(i, join(flat.get(i), ft.get(i)));
                    } else {
                        flat.add(ft.get(i));
                    }
                }
            }
        }
        List<CoreValType> out = new ArrayList<>();
        out.add(CoreValType.I32); // flatten_type(discriminant_type(cases))
        out.addAll(flat);
        return out;
    }

    /** {@code join}. */
    static CoreValType join(CoreValType a, CoreValType b) {
        if (a == b) {
            return a;
        }
        if ((a == CoreValType.I32 && b == CoreValType.F32) || (a == CoreValType.F32 && b == CoreValType.I32)) {
            return CoreValType.I32;
        }
        return CoreValType.I64;
    }

    // ------------------------------------------------------------------ memory access

    private static CoreMemory memory(LiftLowerContext cx) {
        CoreMemory m = cx.opts().memory();
        if (m == null) {
            throw new IllegalStateException("canonical ABI needs a memory canonopt here (validation should reject this)");
        }
        return m;
    }

    /** {@code len(cx.opts.memory)}. */
    private static long memLen(LiftLowerContext cx) {
        return memory(cx).byteSize();
    }

    /** {@code load_int}, unsigned for widths below 8 bytes. */
    static long loadInt(LiftLowerContext cx, long ptr, int nbytes) {
        CoreMemory m = memory(cx);
        return switch (nbytes) {
            case 1 -> m.readU8(ptr);
            case 2 -> m.readU16(ptr);
            case 4 -> Integer.toUnsignedLong(m.readI32(ptr));
            case 8 -> m.readI64(ptr);
            default -> throw new IllegalArgumentException("load_int of " + nbytes + " bytes");
        };
    }

    /** {@code store_int}. */
    static void storeInt(LiftLowerContext cx, long v, long ptr, int nbytes) {
        CoreMemory m = memory(cx);
        switch (nbytes) {
            case 1 -> m.writeU8(ptr, (int) v);
            case 2 -> m.writeU16(ptr, (int) v);
            case 4 -> m.writeI32(ptr, (int) v);
            case 8 -> m.writeI64(ptr, v);
            default -> throw new IllegalArgumentException("store_int of " + nbytes + " bytes");
        }
    }

    // ------------------------------------------------------------------ scalars

    /** {@code canonicalize_nan32} on a bit pattern. */
    static int canonicalizeNan32(int bits) {
        return Float.isNaN(Float.intBitsToFloat(bits)) ? CANONICAL_FLOAT32_NAN : bits;
    }

    /** {@code canonicalize_nan64} on a bit pattern. */
    static long canonicalizeNan64(long bits) {
        return Double.isNaN(Double.longBitsToDouble(bits)) ? CANONICAL_FLOAT64_NAN : bits;
    }

    /** {@code decode_i32_as_float}. */
    static Val decodeI32AsFloat(long i) {
        return new Val.F32(Float.intBitsToFloat(canonicalizeNan32((int) i)));
    }

    /** {@code decode_i64_as_float}. */
    static Val decodeI64AsFloat(long i) {
        return new Val.F64(Double.longBitsToDouble(canonicalizeNan64(i)));
    }

    /**
     * {@code encode_float_as_i32}: {@code maybe_scramble_nan32} with the deterministic profile (every
     * NaN becomes the canonical NaN).
     */
    static long encodeFloatAsI32(float f) {
        return Integer.toUnsignedLong(canonicalizeNan32(Float.floatToRawIntBits(f)));
    }

    /** {@code encode_float_as_i64}, deterministic profile. */
    static long encodeFloatAsI64(double f) {
        return canonicalizeNan64(Double.doubleToRawLongBits(f));
    }

    /** {@code convert_i32_to_char}. */
    static Val convertI32ToChar(LiftLowerContext cx, long i) {
        i &= 0xffff_ffffL;
        if (i >= 0x110000) {
            throw trap(cx, Reason.INVALID_CHAR, "0x" + Long.toHexString(i) + " is beyond U+10FFFF");
        }
        if (i >= 0xd800 && i <= 0xdfff) {
            throw trap(cx, Reason.INVALID_CHAR, "0x" + Long.toHexString(i) + " is a surrogate");
        }
        return new Val.Char((int) i);
    }

    // ------------------------------------------------------------------ load

    /** {@code load}. */
    static Val load(LiftLowerContext cx, long ptr, ValueType t) {
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL -> new Val.Bool(loadInt(cx, ptr, 1) != 0); // convert_int_to_bool
                case U8 -> new Val.U8((int) loadInt(cx, ptr, 1));
                case U16 -> new Val.U16((int) loadInt(cx, ptr, 2));
                case U32 -> new Val.U32(loadInt(cx, ptr, 4));
                case U64 -> new Val.U64(loadInt(cx, ptr, 8));
                case S8 -> new Val.S8((byte) loadInt(cx, ptr, 1));
                case S16 -> new Val.S16((short) loadInt(cx, ptr, 2));
                case S32 -> new Val.S32((int) loadInt(cx, ptr, 4));
                case S64 -> new Val.S64(loadInt(cx, ptr, 8));
                case F32 -> decodeI32AsFloat(loadInt(cx, ptr, 4));
                case F64 -> decodeI64AsFloat(loadInt(cx, ptr, 8));
                case CHAR -> convertI32ToChar(cx, loadInt(cx, ptr, 4));
                case STRING -> loadString(cx, ptr);
                case ERROR_CONTEXT -> throw unsupported(cx, "error-context values");
            };
        }
        if (t instanceof ListType l) {
            return loadList(cx, ptr, l.element());
        }
        if (t instanceof MapType m) {
            return loadList(cx, ptr, new TupleType(List.of(m.key(), m.value())));
        }
        if (t instanceof FixedListType f) {
            return new Val.List(loadListFromValidRange(cx, ptr, f.length(), f.element()));
        }
        if (t instanceof RecordType || t instanceof TupleType) {
            return makeRecord(t, loadRecord(cx, ptr, fieldTypes(t)));
        }
        if (isVariantLike(t)) {
            return loadVariant(cx, ptr, t);
        }
        if (t instanceof FlagsType f) {
            return loadFlags(cx, ptr, f.labels());
        }
        if (t instanceof OwnType o) {
            return liftOwn(cx, loadInt(cx, ptr, 4), o);
        }
        if (t instanceof BorrowType b) {
            return liftBorrow(cx, loadInt(cx, ptr, 4), b);
        }
        throw unsupported(cx, t + " values");
    }

    static ComponentTrapException unsupported(LiftLowerContext cx, String what) {
        return trap(cx, Reason.UNSUPPORTED, what + " need the async ABI, which this runtime does not implement");
    }

    /** {@code load_string}. */
    static Val loadString(LiftLowerContext cx, long ptr) {
        long begin = loadInt(cx, ptr, PTR_SIZE);
        long taggedCodeUnits = loadInt(cx, ptr + PTR_SIZE, PTR_SIZE);
        return loadStringFromRange(cx, begin, taggedCodeUnits);
    }

    /** {@code utf16_tag}. */
    static long utf16Tag() {
        return 1L << (PTR_SIZE * 8 - 1);
    }

    /** {@code load_string_from_range}. */
    static Val loadStringFromRange(LiftLowerContext cx, long ptr, long taggedCodeUnits) {
        long tag = utf16Tag();
        int alignment;
        long byteLength;
        Simple encoding;
        switch (cx.opts().stringEncoding()) {
            case UTF8 -> {
                alignment = 1;
                byteLength = taggedCodeUnits;
                encoding = Simple.UTF8;
            }
            case UTF16 -> {
                alignment = 2;
                byteLength = 2 * taggedCodeUnits;
                encoding = Simple.UTF16;
            }
            case LATIN1_UTF16 -> {
                alignment = 2;
                if ((taggedCodeUnits & tag) != 0) {
                    byteLength = 2 * (taggedCodeUnits ^ tag);
                    encoding = Simple.UTF16;
                } else {
                    byteLength = taggedCodeUnits;
                    encoding = Simple.LATIN1;
                }
            }
            default -> throw new AssertionError();
        }
        if (byteLength > MAX_STRING_BYTE_LENGTH) {
            throw trap(cx, Reason.TOO_LONG, "string byte length " + byteLength + " exceeds MAX_STRING_BYTE_LENGTH");
        }
        if (ptr != alignTo(ptr, alignment)) {
            throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer: string at " + ptr);
        }
        if (ptr + byteLength > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS, "string pointer/length out of bounds of memory (string content out-of-bounds)");
        }
        byte[] bytes = memory(cx).readBytes(ptr, (int) byteLength);
        String s;
        try {
            s = switch (encoding) {
                case UTF8 -> Utf.decodeUtf8(bytes);
                case UTF16 -> Utf.decodeUtf16le(bytes);
                case LATIN1 -> Utf.decodeLatin1(bytes);
            };
        } catch (Utf.DecodeException e) {
            throw trap(cx, Reason.INVALID_STRING, e.getMessage());
        }
        return new Val.Str(s, cx.opts().stringEncoding(), taggedCodeUnits);
    }

    /** {@code load_list}. */
    static Val loadList(LiftLowerContext cx, long ptr, ValueType elemType) {
        long begin = loadInt(cx, ptr, PTR_SIZE);
        long length = loadInt(cx, ptr + PTR_SIZE, PTR_SIZE);
        return loadListFromRange(cx, begin, length, elemType);
    }

    /** {@code load_list_from_range}. */
    static Val loadListFromRange(LiftLowerContext cx, long ptr, long length, ValueType elemType) {
        long size = elemSize(elemType);
        if (length * size > MAX_LIST_BYTE_LENGTH) {
            throw trap(cx, Reason.TOO_LONG, "list byte length " + length * size + " exceeds MAX_LIST_BYTE_LENGTH");
        }
        if (ptr != alignTo(ptr, alignment(elemType))) {
            throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer: list at " + ptr);
        }
        if (ptr + length * size > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS, "list pointer/length out of bounds of memory (list content out-of-bounds)");
        }
        return new Val.List(loadListFromValidRange(cx, ptr, length, elemType));
    }

    /** {@code load_list_from_valid_range}. */
    static List<Val> loadListFromValidRange(LiftLowerContext cx, long ptr, long length, ValueType elemType) {
        long size = elemSize(elemType);
        List<Val> a = new ArrayList<>((int) Math.min(length, 1 << 16));
        for (long i = 0; i < length; i++) {
            a.add(load(cx, ptr + i * size, elemType));
        }
        return a;
    }

    /** {@code load_record}: the field values, in order. */
    static List<Val> loadRecord(LiftLowerContext cx, long ptr, List<ValueType> fields) {
        List<Val> out = new ArrayList<>(fields.size());
        for (ValueType f : fields) {
            ptr = alignTo(ptr, alignment(f));
            out.add(load(cx, ptr, f));
            ptr += elemSize(f);
        }
        return out;
    }

    /** {@code load_variant}. */
    static Val loadVariant(LiftLowerContext cx, long ptr, ValueType t) {
        List<Case> cases = cases(t);
        int discSize = discriminantSize(cases.size());
        long caseIndex = loadInt(cx, ptr, discSize);
        ptr += discSize;
        if (caseIndex >= cases.size()) {
            throw trap(cx, Reason.INVALID_DISCRIMINANT, "case " + caseIndex + " of " + cases.size());
        }
        Case c = cases.get((int) caseIndex);
        ptr = alignTo(ptr, maxCaseAlignment(cases));
        Val payload = c.type().isEmpty() ? null : load(cx, ptr, c.type().get());
        return makeVariant(t, (int) caseIndex, payload);
    }

    /** {@code load_flags}. */
    static Val loadFlags(LiftLowerContext cx, long ptr, List<String> labels) {
        int n = labels.size();
        if (n <= 32) {
            return unpackFlags(new long[] {loadInt(cx, ptr, elemSizeFlags(n))}, labels);
        }
        long[] words = new long[numI32Flags(n)];
        for (int i = 0; i < words.length; i++) {
            words[i] = loadInt(cx, ptr + 4L * i, 4);
        }
        return unpackFlags(words, labels);
    }

    /** {@code unpack_flags_from_int}, over 32-bit words. */
    static Val unpackFlags(long[] words, List<String> labels) {
        Set<String> set = new LinkedHashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            if ((words[i / 32] >>> (i % 32) & 1) != 0) {
                set.add(labels.get(i));
            }
        }
        return new Val.Flags(set);
    }

    /** {@code lift_own}. */
    static Val liftOwn(LiftLowerContext cx, long i, OwnType t) {
        Object e = cx.inst().handles.remove(i);
        ResourceHandle h = checkHandle(cx, i, e, t.resource());
        if (h.numLends != 0) {
            throw trap(cx, Reason.HANDLE_LENT, "cannot remove owned resource while borrowed (handle index " + i + ")");
        }
        if (!h.own) {
            throw trap(cx, Reason.NOT_OWNED, "handle index " + i + " is a borrow, an own was expected");
        }
        return new Val.Own(new Resource(t.resource(), h.rep));
    }

    /** {@code lift_borrow}. */
    static Val liftBorrow(LiftLowerContext cx, long i, BorrowType t) {
        ResourceHandle h = checkHandle(cx, i, cx.inst().handles.get(i), t.resource());
        if (cx.borrowScope() instanceof Subtask s) {
            s.addLender(h);
        }
        return new Val.Borrow(Resource.borrowed(t.resource(), h.rep));
    }

    /** The {@code trap_if}s shared by the handle operations: present, a resource handle, of type {@code rt}. */
    static ResourceHandle checkHandle(LiftLowerContext cx, long i, Object e, ResourceType rt) {
        if (e == null) {
            throw trap(cx, Reason.UNKNOWN_HANDLE, "unknown handle index " + i);
        }
        if (!(e instanceof ResourceHandle h)) {
            throw trap(cx, Reason.WRONG_HANDLE_TYPE, "handle index " + i + " is not a resource handle");
        }
        if (h.rt != rt) {
            throw trap(cx, Reason.WRONG_HANDLE_TYPE, "handle index " + i + " used with the wrong type, expected "
                    + describe(rt) + " but found " + (h.rt.isHost() == rt.isHost() ? "a different " : "")
                    + describe(h.rt) + " (expected `" + rt.name() + "`, found `" + h.rt.name() + "`)");
        }
        return h;
    }

    private static String describe(ResourceType rt) {
        return rt.isHost() ? "host-defined resource" : "guest-defined resource";
    }

    // ------------------------------------------------------------------ store

    /** {@code store}. */
    static void store(LiftLowerContext cx, Val v, ValueType t, long ptr) {
        if (t instanceof Primitive p) {
            switch (p) {
                case BOOL -> storeInt(cx, as(v, Val.Bool.class, t).value() ? 1 : 0, ptr, 1);
                case U8 -> storeInt(cx, as(v, Val.U8.class, t).value(), ptr, 1);
                case U16 -> storeInt(cx, as(v, Val.U16.class, t).value(), ptr, 2);
                case U32 -> storeInt(cx, as(v, Val.U32.class, t).value(), ptr, 4);
                case U64 -> storeInt(cx, as(v, Val.U64.class, t).value(), ptr, 8);
                case S8 -> storeInt(cx, as(v, Val.S8.class, t).value(), ptr, 1);
                case S16 -> storeInt(cx, as(v, Val.S16.class, t).value(), ptr, 2);
                case S32 -> storeInt(cx, as(v, Val.S32.class, t).value(), ptr, 4);
                case S64 -> storeInt(cx, as(v, Val.S64.class, t).value(), ptr, 8);
                case F32 -> storeInt(cx, encodeFloatAsI32(as(v, Val.F32.class, t).value()), ptr, 4);
                case F64 -> storeInt(cx, encodeFloatAsI64(as(v, Val.F64.class, t).value()), ptr, 8);
                case CHAR -> storeInt(cx, as(v, Val.Char.class, t).codePoint(), ptr, 4); // char_to_i32
                case STRING -> storeString(cx, as(v, Val.Str.class, t), ptr);
                case ERROR_CONTEXT -> throw unsupported(cx, "error-context values");
            }
            return;
        }
        if (t instanceof ListType l) {
            storeList(cx, as(v, Val.List.class, t).values(), ptr, l.element());
        } else if (t instanceof MapType m) {
            storeList(cx, as(v, Val.List.class, t).values(), ptr, new TupleType(List.of(m.key(), m.value())));
        } else if (t instanceof FixedListType f) {
            List<Val> vs = as(v, Val.List.class, t).values();
            if (vs.size() != f.length()) {
                throw mismatch(v, t);
            }
            storeListIntoValidRange(cx, vs, ptr, f.element());
        } else if (t instanceof RecordType || t instanceof TupleType) {
            storeRecord(cx, recordValues(v, t), ptr, fieldTypes(t));
        } else if (isVariantLike(t)) {
            storeVariant(cx, v, ptr, t);
        } else if (t instanceof FlagsType f) {
            storeFlags(cx, v, ptr, f);
        } else if (t instanceof OwnType o) {
            storeInt(cx, lowerOwn(cx, v, o), ptr, 4);
        } else if (t instanceof BorrowType b) {
            storeInt(cx, lowerBorrow(cx, v, b), ptr, 4);
        } else {
            throw unsupported(cx, t + " values");
        }
    }

    /** {@code store_string}. */
    static void storeString(LiftLowerContext cx, Val.Str v, long ptr) {
        long[] r = storeStringIntoRange(cx, v);
        storeInt(cx, r[0], ptr, PTR_SIZE);
        storeInt(cx, r[1], ptr + PTR_SIZE, PTR_SIZE);
    }

    /** {@code store_string_into_range}: returns {@code (begin, tagged_code_units)}. */
    static long[] storeStringIntoRange(LiftLowerContext cx, Val.Str v) {
        String src = v.value();
        StringEncoding srcEncoding = v.encoding();
        long srcTaggedCodeUnits = v.taggedCodeUnits();
        long tag = utf16Tag();
        Simple srcSimple;
        long srcCodeUnits;
        if (srcEncoding == StringEncoding.LATIN1_UTF16) {
            if ((srcTaggedCodeUnits & tag) != 0) {
                srcSimple = Simple.UTF16;
                srcCodeUnits = srcTaggedCodeUnits ^ tag;
            } else {
                srcSimple = Simple.LATIN1;
                srcCodeUnits = srcTaggedCodeUnits;
            }
        } else {
            srcSimple = srcEncoding == StringEncoding.UTF8 ? Simple.UTF8 : Simple.UTF16;
            srcCodeUnits = srcTaggedCodeUnits;
        }
        return switch (cx.opts().stringEncoding()) {
            case UTF8 -> switch (srcSimple) {
                case UTF8 -> storeStringCopy(cx, src, srcCodeUnits, 1, 1, Simple.UTF8);
                case UTF16 -> storeUtf16ToUtf8(cx, src, srcCodeUnits);
                case LATIN1 -> storeLatin1ToUtf8(cx, src, srcCodeUnits);
            };
            case UTF16 -> switch (srcSimple) {
                case UTF8 -> storeUtf8ToUtf16(cx, src, srcCodeUnits);
                case UTF16, LATIN1 -> storeStringCopy(cx, src, srcCodeUnits, 2, 2, Simple.UTF16);
            };
            case LATIN1_UTF16 -> {
                if (srcEncoding != StringEncoding.LATIN1_UTF16) {
                    yield storeStringToLatin1OrUtf16(cx, src, srcCodeUnits);
                }
                yield srcSimple == Simple.LATIN1
                        ? storeStringCopy(cx, src, srcCodeUnits, 1, 2, Simple.LATIN1)
                        : storeProbablyUtf16ToLatin1OrUtf16(cx, src, srcCodeUnits);
            }
        };
    }

    private static byte[] encode(String s, Simple encoding) {
        return switch (encoding) {
            case UTF8 -> s.getBytes(StandardCharsets.UTF_8);
            case UTF16 -> Utf.encodeUtf16le(s);
            case LATIN1 -> s.getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** The {@code trap_if}s that follow every {@code realloc} call. */
    private static void checkAllocation(LiftLowerContext cx, long ptr, long alignment, long byteLength) {
        if (ptr != alignTo(ptr, alignment)) {
            throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer (realloc return: result not aligned)");
        }
        if (ptr + byteLength > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
        }
    }

    /** {@code store_string_copy}. */
    static long[] storeStringCopy(LiftLowerContext cx, String src, long srcCodeUnits, int dstCodeUnitSize,
            int dstAlignment, Simple dstEncoding) {
        long dstByteLength = dstCodeUnitSize * srcCodeUnits;
        long ptr = allocate(cx, dstAlignment, dstByteLength);
        checkAllocation(cx, ptr, dstAlignment, dstByteLength);
        byte[] encoded = encode(src, dstEncoding);
        if (encoded.length != dstByteLength) {
            throw new IllegalStateException("string length hint does not match its contents");
        }
        memory(cx).writeBytes(ptr, encoded);
        return new long[] {ptr, srcCodeUnits};
    }

    /** {@code store_utf16_to_utf8}. */
    static long[] storeUtf16ToUtf8(LiftLowerContext cx, String src, long srcCodeUnits) {
        return storeStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 3);
    }

    /** {@code store_latin1_to_utf8}. */
    static long[] storeLatin1ToUtf8(LiftLowerContext cx, String src, long srcCodeUnits) {
        return storeStringToUtf8(cx, src, srcCodeUnits, srcCodeUnits * 2);
    }

    /** {@code store_string_to_utf8}. */
    static long[] storeStringToUtf8(LiftLowerContext cx, String src, long srcCodeUnits, long worstCaseSize) {
        long ptr = allocate(cx, 1, srcCodeUnits);
        if (ptr + srcCodeUnits > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
        }
        CoreMemory m = memory(cx);
        int i = 0;
        for (int off = 0; off < src.length(); i++) {
            int cp = src.codePointAt(off);
            off += Character.charCount(cp);
            if (cp < 0x80) {
                m.writeU8(ptr + i, cp);
            } else {
                ptr = reallocate(cx, ptr, srcCodeUnits, 1, worstCaseSize);
                if (ptr + worstCaseSize > memLen(cx)) {
                    throw trap(cx, Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
                }
                byte[] encoded = src.getBytes(StandardCharsets.UTF_8);
                byte[] rest = java.util.Arrays.copyOfRange(encoded, i, encoded.length);
                m.writeBytes(ptr + i, rest);
                if (worstCaseSize > encoded.length) {
                    ptr = reallocate(cx, ptr, worstCaseSize, 1, encoded.length);
                    if (ptr + encoded.length > memLen(cx)) {
                        throw trap(cx, Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
                    }
                }
                return new long[] {ptr, encoded.length};
            }
        }
        return new long[] {ptr, srcCodeUnits};
    }

    /** {@code store_utf8_to_utf16}. */
    static long[] storeUtf8ToUtf16(LiftLowerContext cx, String src, long srcCodeUnits) {
        long worstCaseSize = 2 * srcCodeUnits;
        long ptr = allocate(cx, 2, worstCaseSize);
        checkAllocation(cx, ptr, 2, worstCaseSize);
        byte[] encoded = Utf.encodeUtf16le(src);
        memory(cx).writeBytes(ptr, encoded);
        if (encoded.length < worstCaseSize) {
            ptr = reallocate(cx, ptr, worstCaseSize, 2, encoded.length);
            checkAllocation(cx, ptr, 2, encoded.length);
        }
        return new long[] {ptr, encoded.length / 2};
    }

    /** {@code store_string_to_latin1_or_utf16}. */
    static long[] storeStringToLatin1OrUtf16(LiftLowerContext cx, String src, long srcCodeUnits) {
        long ptr = allocate(cx, 2, srcCodeUnits);
        checkAllocation(cx, ptr, 2, srcCodeUnits);
        CoreMemory m = memory(cx);
        long dstByteLength = 0;
        for (int off = 0; off < src.length(); ) {
            int usv = src.codePointAt(off);
            off += Character.charCount(usv);
            if (usv < (1 << 8)) {
                m.writeU8(ptr + dstByteLength, usv);
                dstByteLength++;
            } else {
                long worstCaseSize = 2 * srcCodeUnits;
                ptr = reallocate(cx, ptr, srcCodeUnits, 2, worstCaseSize);
                checkAllocation(cx, ptr, 2, worstCaseSize);
                for (long j = dstByteLength - 1; j >= 0; j--) {
                    m.writeU8(ptr + 2 * j, m.readU8(ptr + j));
                    m.writeU8(ptr + 2 * j + 1, 0);
                }
                byte[] encoded = Utf.encodeUtf16le(src);
                m.writeBytes(ptr + 2 * dstByteLength,
                        java.util.Arrays.copyOfRange(encoded, (int) (2 * dstByteLength), encoded.length));
                if (worstCaseSize > encoded.length) {
                    ptr = reallocate(cx, ptr, worstCaseSize, 2, encoded.length);
                    checkAllocation(cx, ptr, 2, encoded.length);
                }
                long taggedCodeUnits = (encoded.length / 2) | utf16Tag();
                return new long[] {ptr, taggedCodeUnits};
            }
        }
        if (dstByteLength < srcCodeUnits) {
            ptr = reallocate(cx, ptr, srcCodeUnits, 2, dstByteLength);
            checkAllocation(cx, ptr, 2, dstByteLength);
        }
        return new long[] {ptr, dstByteLength};
    }

    /** {@code store_probably_utf16_to_latin1_or_utf16}. */
    static long[] storeProbablyUtf16ToLatin1OrUtf16(LiftLowerContext cx, String src, long srcCodeUnits) {
        long srcByteLength = 2 * srcCodeUnits;
        long ptr = allocate(cx, 2, srcByteLength);
        checkAllocation(cx, ptr, 2, srcByteLength);
        byte[] encoded = Utf.encodeUtf16le(src);
        CoreMemory m = memory(cx);
        m.writeBytes(ptr, encoded);
        if (src.codePoints().anyMatch(c -> c >= (1 << 8))) {
            long taggedCodeUnits = (encoded.length / 2) | utf16Tag();
            return new long[] {ptr, taggedCodeUnits};
        }
        int latin1Size = encoded.length / 2;
        for (int i = 0; i < latin1Size; i++) {
            m.writeU8(ptr + i, m.readU8(ptr + 2L * i));
        }
        ptr = reallocate(cx, ptr, srcByteLength, 1, latin1Size);
        if (ptr + latin1Size > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
        }
        return new long[] {ptr, latin1Size};
    }

    /** {@code store_list}. */
    static void storeList(LiftLowerContext cx, List<Val> v, long ptr, ValueType elemType) {
        long[] r = storeListIntoRange(cx, v, elemType);
        storeInt(cx, r[0], ptr, PTR_SIZE);
        storeInt(cx, r[1], ptr + PTR_SIZE, PTR_SIZE);
    }

    /** {@code store_list_into_range}: returns {@code (begin, length)}. */
    static long[] storeListIntoRange(LiftLowerContext cx, List<Val> v, ValueType elemType) {
        long byteLength = v.size() * elemSize(elemType);
        int alignment = alignment(elemType);
        long ptr = allocate(cx, alignment, byteLength);
        if (ptr != alignTo(ptr, alignment)) {
            throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer (realloc return: result not aligned)");
        }
        if (ptr + byteLength > memLen(cx)) {
            throw trap(cx, Reason.OUT_OF_BOUNDS,
                    "list content out-of-bounds (realloc return: beyond end of memory)");
        }
        storeListIntoValidRange(cx, v, ptr, elemType);
        return new long[] {ptr, v.size()};
    }

    /** {@code store_list_into_valid_range}. */
    static void storeListIntoValidRange(LiftLowerContext cx, List<Val> v, long ptr, ValueType elemType) {
        long size = elemSize(elemType);
        for (int i = 0; i < v.size(); i++) {
            store(cx, v.get(i), elemType, ptr + i * size);
        }
    }

    /** {@code store_record}. */
    static void storeRecord(LiftLowerContext cx, List<Val> values, long ptr, List<ValueType> fields) {
        for (int i = 0; i < fields.size(); i++) {
            ValueType f = fields.get(i);
            ptr = alignTo(ptr, alignment(f));
            store(cx, values.get(i), f, ptr);
            ptr += elemSize(f);
        }
    }

    /** {@code store_variant}. */
    static void storeVariant(LiftLowerContext cx, Val v, long ptr, ValueType t) {
        List<Case> cases = cases(t);
        int caseIndex = matchCase(v, t, cases);
        int discSize = discriminantSize(cases.size());
        storeInt(cx, caseIndex, ptr, discSize);
        ptr += discSize;
        ptr = alignTo(ptr, maxCaseAlignment(cases));
        Case c = cases.get(caseIndex);
        if (c.type().isPresent()) {
            store(cx, casePayload(v, t), c.type().get(), ptr);
        }
    }

    /** {@code store_flags}. */
    static void storeFlags(LiftLowerContext cx, Val v, long ptr, FlagsType t) {
        long[] words = packFlags(v, t);
        int n = t.labels().size();
        if (n <= 32) {
            storeInt(cx, words[0], ptr, elemSizeFlags(n));
        } else {
            for (int i = 0; i < words.length; i++) {
                storeInt(cx, words[i], ptr + 4L * i, 4);
            }
        }
    }

    /** {@code pack_flags_into_int}, into 32-bit words. */
    static long[] packFlags(Val v, FlagsType t) {
        Set<String> set = as(v, Val.Flags.class, t).set();
        List<String> labels = t.labels();
        long[] words = new long[Math.max(1, numI32Flags(labels.size()))];
        for (String s : set) {
            int i = labels.indexOf(s);
            if (i < 0) {
                throw mismatch(v, t);
            }
            words[i / 32] |= 1L << (i % 32);
        }
        return words;
    }

    /** {@code lower_own}. */
    static long lowerOwn(LiftLowerContext cx, Val v, OwnType t) {
        Resource r = as(v, Val.Own.class, t).resource();
        if (r.type() != t.resource() || r.isBorrowed()) {
            throw mismatch(v, t);
        }
        r.take();
        ResourceHandle h = new ResourceHandle(t.resource(), r.rep(), true, null);
        return addHandle(cx, h);
    }

    /** {@code lower_borrow}. An owned resource may be lent as a borrow. */
    static long lowerBorrow(LiftLowerContext cx, Val v, BorrowType t) {
        Resource r;
        if (v instanceof Val.Borrow b) {
            r = b.resource();
        } else if (v instanceof Val.Own o) {
            r = o.resource();
        } else {
            throw mismatch(v, t);
        }
        if (r.type() != t.resource()) {
            throw mismatch(v, t);
        }
        if (cx.inst() == t.resource().impl) {
            return Integer.toUnsignedLong(r.rep());
        }
        Task scope = (Task) cx.borrowScope();
        ResourceHandle h = new ResourceHandle(t.resource(), r.rep(), false, scope);
        scope.numBorrows++;
        return addHandle(cx, h);
    }

    static long addHandle(LiftLowerContext cx, Object h) {
        long i = cx.inst().handles.add(h);
        if (i < 0) {
            throw trap(cx, Reason.TABLE_FULL, "handle table of " + cx.inst().name + " is full");
        }
        return i;
    }

    // ------------------------------------------------------------------ realloc

    /** {@code LiftLowerContext.reallocate}: {@code may_leave} is cleared while {@code realloc} runs. */
    static long reallocate(LiftLowerContext cx, long old, long oldByteLength, long alignment, long newByteLength) {
        CoreFunc realloc = cx.opts().realloc();
        if (realloc == null) {
            throw new IllegalStateException("canonical ABI needs a realloc canonopt here (validation should reject this)");
        }
        InstanceState inst = cx.inst();
        inst.mayLeave = false;
        // realloc runs in a thread of its own, observable only through context.get/set
        CallStack stack = inst.needsCallStack ? CallStack.current() : null;
        if (stack != null) {
            stack.enterThread();
        }
        try {
            long[] r = callCore(cx, realloc, "realloc", old, oldByteLength, alignment, newByteLength);
            return r[0] & 0xffff_ffffL;
        } finally {
            if (stack != null) {
                stack.exitThread();
            }
            inst.mayLeave = true;
        }
    }

    /** {@code LiftLowerContext.allocate}. */
    static long allocate(LiftLowerContext cx, long alignment, long byteLength) {
        return reallocate(cx, 0, 0, alignment, byteLength);
    }

    // ------------------------------------------------------------------ variant values

    /** {@code match_case}: the case index of {@code v} in a variant-like type. */
    static int matchCase(Val v, ValueType t, List<Case> cases) {
        if (t instanceof VariantType vt) {
            Val.Variant x = as(v, Val.Variant.class, t);
            for (int i = 0; i < vt.cases().size(); i++) {
                Case c = vt.cases().get(i);
                if (c.name().equals(x.caseName())) {
                    if (c.type().isPresent() != x.payload().isPresent()) {
                        throw mismatch(v, t);
                    }
                    return i;
                }
            }
            throw mismatch(v, t);
        }
        if (t instanceof EnumType e) {
            int i = e.labels().indexOf(as(v, Val.Enum.class, t).caseName());
            if (i < 0) {
                throw mismatch(v, t);
            }
            return i;
        }
        if (t instanceof OptionType) {
            return as(v, Val.Option.class, t).value().isPresent() ? 1 : 0;
        }
        Val.Result r = as(v, Val.Result.class, t);
        int i = r.isOk() ? 0 : 1;
        if (cases.get(i).type().isPresent() != r.payload().isPresent()) {
            throw mismatch(v, t);
        }
        return i;
    }

    /** The payload of a variant-like value whose case has a type. */
    static Val casePayload(Val v, ValueType t) {
        if (v instanceof Val.Variant x) {
            return x.payload().orElseThrow();
        }
        if (v instanceof Val.Option x) {
            return x.value().orElseThrow();
        }
        if (v instanceof Val.Result x) {
            return x.payload().orElseThrow();
        }
        throw mismatch(v, t);
    }

    /** The value of a variant-like type for a case index and payload (null for none). */
    static Val makeVariant(ValueType t, int caseIndex, Val payload) {
        Optional<Val> p = Optional.ofNullable(payload);
        if (t instanceof VariantType vt) {
            return new Val.Variant(vt.cases().get(caseIndex).name(), p);
        }
        if (t instanceof EnumType e) {
            return new Val.Enum(e.labels().get(caseIndex));
        }
        if (t instanceof OptionType) {
            return new Val.Option(p);
        }
        return new Val.Result(caseIndex == 0, p);
    }

    /** The field values of a record-like value, in the type's order. */
    static List<Val> recordValues(Val v, ValueType t) {
        if (t instanceof RecordType rt) {
            Val.Record r = as(v, Val.Record.class, t);
            List<Val> out = new ArrayList<>(rt.fields().size());
            for (Field f : rt.fields()) {
                out.add(r.get(f.name()).orElseThrow(() -> mismatch(v, t)));
            }
            return out;
        }
        List<Val> vs = as(v, Val.Tuple.class, t).values();
        if (vs.size() != ((TupleType) t).types().size()) {
            throw mismatch(v, t);
        }
        return vs;
    }

    static Val makeRecord(ValueType t, List<Val> values) {
        if (t instanceof RecordType rt) {
            List<Val.Field> fs = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                fs.add(new Val.Field(rt.fields().get(i).name(), values.get(i)));
            }
            return new Val.Record(fs);
        }
        return new Val.Tuple(values);
    }

    static <V extends Val> V as(Val v, Class<V> kind, ValueType t) {
        if (!kind.isInstance(v)) {
            throw mismatch(v, t);
        }
        return kind.cast(v);
    }

    static IllegalArgumentException mismatch(Val v, ValueType t) {
        return new IllegalArgumentException("value " + v + " does not have type " + t);
    }

    // ------------------------------------------------------------------ flat lifting

    /** {@code CoreValueIter}. */
    static final class CoreValueIter {
        private final long[] values;
        private int i;

        CoreValueIter(long[] values) {
            this.values = values;
        }

        long next() {
            if (i >= values.length) {
                throw new IllegalStateException("too few core values (validation should reject this)");
            }
            return values[i++];
        }
    }

    /** {@code lift_flat}. Coercions of {@code lift_flat_variant} reduce to taking the low 32 bits, done here. */
    static Val liftFlat(LiftLowerContext cx, CoreValueIter vi, ValueType t) {
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL -> new Val.Bool((int) vi.next() != 0);
                case U8 -> new Val.U8((int) (vi.next() & 0xff)); // lift_flat_unsigned
                case U16 -> new Val.U16((int) (vi.next() & 0xffff));
                case U32 -> new Val.U32(vi.next() & 0xffff_ffffL);
                case U64 -> new Val.U64(vi.next());
                case S8 -> new Val.S8((byte) vi.next()); // lift_flat_signed
                case S16 -> new Val.S16((short) vi.next());
                case S32 -> new Val.S32((int) vi.next());
                case S64 -> new Val.S64(vi.next());
                case F32 -> decodeI32AsFloat(vi.next());
                case F64 -> decodeI64AsFloat(vi.next());
                case CHAR -> convertI32ToChar(cx, vi.next());
                case STRING -> liftFlatString(cx, vi);
                case ERROR_CONTEXT -> throw unsupported(cx, "error-context values");
            };
        }
        if (t instanceof ListType l) {
            long ptr = vi.next() & 0xffff_ffffL;
            long length = vi.next() & 0xffff_ffffL;
            return loadListFromRange(cx, ptr, length, l.element());
        }
        if (t instanceof MapType m) {
            long ptr = vi.next() & 0xffff_ffffL;
            long length = vi.next() & 0xffff_ffffL;
            return loadListFromRange(cx, ptr, length, new TupleType(List.of(m.key(), m.value())));
        }
        if (t instanceof FixedListType f) {
            List<Val> a = new ArrayList<>(f.length());
            for (int i = 0; i < f.length(); i++) {
                a.add(liftFlat(cx, vi, f.element()));
            }
            return new Val.List(a);
        }
        if (t instanceof RecordType || t instanceof TupleType) {
            List<Val> vs = new ArrayList<>();
            for (ValueType f : fieldTypes(t)) {
                vs.add(liftFlat(cx, vi, f));
            }
            return makeRecord(t, vs);
        }
        if (isVariantLike(t)) {
            return liftFlatVariant(cx, vi, t);
        }
        if (t instanceof FlagsType f) {
            long[] words = new long[Math.max(1, numI32Flags(f.labels().size()))];
            for (int i = 0; i < words.length; i++) {
                words[i] = vi.next() & 0xffff_ffffL;
            }
            return unpackFlags(words, f.labels()); // lift_flat_flags
        }
        if (t instanceof OwnType o) {
            return liftOwn(cx, vi.next() & 0xffff_ffffL, o);
        }
        if (t instanceof BorrowType b) {
            return liftBorrow(cx, vi.next() & 0xffff_ffffL, b);
        }
        throw unsupported(cx, t + " values");
    }

    /** {@code lift_flat_string}. */
    static Val liftFlatString(LiftLowerContext cx, CoreValueIter vi) {
        long ptr = vi.next() & 0xffff_ffffL;
        long packedLength = vi.next() & 0xffff_ffffL;
        return loadStringFromRange(cx, ptr, packedLength);
    }

    /** {@code lift_flat_variant}. */
    static Val liftFlatVariant(LiftLowerContext cx, CoreValueIter vi, ValueType t) {
        List<Case> cases = cases(t);
        int flatCount = flattenVariant(cases).size() - 1;
        long caseIndex = vi.next() & 0xffff_ffffL;
        if (caseIndex >= cases.size()) {
            throw trap(cx, Reason.INVALID_DISCRIMINANT, "case " + caseIndex + " of " + cases.size());
        }
        // CoerceValueIter: the payload reads a prefix of the joined flat types
        long[] payload = new long[flatCount];
        for (int i = 0; i < flatCount; i++) {
            payload[i] = vi.next();
        }
        Case c = cases.get((int) caseIndex);
        Val v = c.type().isEmpty() ? null : liftFlat(cx, new CoreValueIter(payload), c.type().get());
        return makeVariant(t, (int) caseIndex, v);
    }

    // ------------------------------------------------------------------ flat lowering

    /** {@code lower_flat}. */
    static void lowerFlat(LiftLowerContext cx, Val v, ValueType t, List<Long> out) {
        if (t instanceof Primitive p) {
            switch (p) {
                case BOOL -> out.add(as(v, Val.Bool.class, t).value() ? 1L : 0L);
                case U8 -> out.add((long) as(v, Val.U8.class, t).value());
                case U16 -> out.add((long) as(v, Val.U16.class, t).value());
                case U32 -> out.add(as(v, Val.U32.class, t).value());
                case U64 -> out.add(as(v, Val.U64.class, t).value());
                case S8 -> out.add(Integer.toUnsignedLong(as(v, Val.S8.class, t).value())); // lower_flat_signed
                case S16 -> out.add(Integer.toUnsignedLong(as(v, Val.S16.class, t).value()));
                case S32 -> out.add(Integer.toUnsignedLong(as(v, Val.S32.class, t).value()));
                case S64 -> out.add(as(v, Val.S64.class, t).value());
                case F32 -> out.add(encodeFloatAsI32(as(v, Val.F32.class, t).value()));
                case F64 -> out.add(encodeFloatAsI64(as(v, Val.F64.class, t).value()));
                case CHAR -> out.add((long) as(v, Val.Char.class, t).codePoint());
                case STRING -> {
                    long[] r = storeStringIntoRange(cx, as(v, Val.Str.class, t)); // lower_flat_string
                    out.add(r[0]);
                    out.add(r[1]);
                }
                case ERROR_CONTEXT -> throw unsupported(cx, "error-context values");
            }
            return;
        }
        if (t instanceof ListType l) {
            long[] r = storeListIntoRange(cx, as(v, Val.List.class, t).values(), l.element());
            out.add(r[0]);
            out.add(r[1]);
        } else if (t instanceof MapType m) {
            long[] r = storeListIntoRange(
                    cx, as(v, Val.List.class, t).values(), new TupleType(List.of(m.key(), m.value())));
            out.add(r[0]);
            out.add(r[1]);
        } else if (t instanceof FixedListType f) {
            List<Val> vs = as(v, Val.List.class, t).values();
            if (vs.size() != f.length()) {
                throw mismatch(v, t);
            }
            for (Val e : vs) {
                lowerFlat(cx, e, f.element(), out);
            }
        } else if (t instanceof RecordType || t instanceof TupleType) {
            List<Val> vs = recordValues(v, t);
            List<ValueType> fs = fieldTypes(t);
            for (int i = 0; i < fs.size(); i++) {
                lowerFlat(cx, vs.get(i), fs.get(i), out);
            }
        } else if (isVariantLike(t)) {
            lowerFlatVariant(cx, v, t, out);
        } else if (t instanceof FlagsType f) {
            for (long w : packFlags(v, f)) {
                out.add(w);
            }
        } else if (t instanceof OwnType o) {
            out.add(lowerOwn(cx, v, o));
        } else if (t instanceof BorrowType b) {
            out.add(lowerBorrow(cx, v, b));
        } else {
            throw unsupported(cx, t + " values");
        }
    }

    /** {@code lower_flat_variant}. */
    static void lowerFlatVariant(LiftLowerContext cx, Val v, ValueType t, List<Long> out) {
        List<Case> cases = cases(t);
        int caseIndex = matchCase(v, t, cases);
        List<CoreValType> flatTypes = flattenVariant(cases);
        flatTypes = flatTypes.subList(1, flatTypes.size());
        Case c = cases.get(caseIndex);
        List<Long> payload = new ArrayList<>();
        if (c.type().isPresent()) {
            lowerFlat(cx, casePayload(v, t), c.type().get(), payload);
            List<CoreValType> have = flattenType(c.type().get());
            for (int i = 0; i < payload.size(); i++) {
                CoreValType want = flatTypes.get(i);
                // (f32, i32), (f32, i64): the f32 bits; (i32, i64): zero-extended; (f64, i64): the bits
                if (have.get(i) == CoreValType.F32 || have.get(i) == CoreValType.I32) {
                    payload.set(i, payload.get(i) & 0xffff_ffffL);
                }
                if (want == CoreValType.I32 || want == CoreValType.F32) {
                    payload.set(i, payload.get(i) & 0xffff_ffffL);
                }
            }
        }
        out.add((long) caseIndex);
        out.addAll(payload);
        for (int i = payload.size(); i < flatTypes.size(); i++) {
            out.add(0L);
        }
    }

    // ------------------------------------------------------------------ values

    /** {@code lift_flat_values}. */
    static List<Val> liftFlatValues(LiftLowerContext cx, int maxFlat, CoreValueIter vi, List<ValueType> ts) {
        if (flatLength(ts) > maxFlat) {
            long ptr = vi.next() & 0xffff_ffffL;
            TupleType tupleType = new TupleType(ts);
            if (ptr != alignTo(ptr, alignment(tupleType))) {
                throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer: spilled values at " + ptr);
            }
            if (ptr + elemSize(tupleType) > memLen(cx)) {
                throw trap(cx, Reason.OUT_OF_BOUNDS, "spilled values pointer out of bounds of memory");
            }
            return loadRecord(cx, ptr, ts);
        }
        List<Val> out = new ArrayList<>(ts.size());
        for (ValueType t : ts) {
            out.add(liftFlat(cx, vi, t));
        }
        return out;
    }

    /** {@code lower_flat_values}; {@code outParam} is null unless lowering results of {@code canon lower}. */
    static long[] lowerFlatValues(LiftLowerContext cx, int maxFlat, List<Val> vs, List<ValueType> ts,
            CoreValueIter outParam) {
        if (vs.size() != ts.size()) {
            throw new IllegalArgumentException("expected " + ts.size() + " values, got " + vs.size());
        }
        List<Long> flat = new ArrayList<>();
        if (flatLength(ts) > maxFlat) {
            TupleType tupleType = new TupleType(ts);
            long ptr;
            if (outParam == null) {
                ptr = allocate(cx, alignment(tupleType), elemSize(tupleType));
                flat.add(ptr);
            } else {
                ptr = outParam.next() & 0xffff_ffffL;
            }
            if (ptr != alignTo(ptr, alignment(tupleType))) {
                throw trap(cx, Reason.UNALIGNED_POINTER, "unaligned pointer: spilled values at " + ptr);
            }
            if (ptr + elemSize(tupleType) > memLen(cx)) {
                throw trap(cx, Reason.OUT_OF_BOUNDS, "spilled values pointer out of bounds of memory");
            }
            storeRecord(cx, vs, ptr, ts);
        } else {
            for (int i = 0; i < vs.size(); i++) {
                lowerFlat(cx, vs.get(i), ts.get(i), flat);
            }
        }
        long[] out = new long[flat.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.get(i);
        }
        return out;
    }

    // ------------------------------------------------------------------ canon lift / lower

    /**
     * {@code canon_lift}: lower the arguments into the callee and call it. Synchronously lifted:
     * lift the core result, resolve the caller, then run {@code post-return} with
     * {@code may_leave} cleared. {@code async}-lifted: the callee resolves the caller through
     * {@code task.return}; with a {@code callback}, the event loop runs while the callee yields
     * (waiting on a waitable set is not supported). A task that never blocks needs no thread of
     * its own, so everything runs on the caller's stack.
     */
    static void canonLift(CoreFunc callee, FuncType ft, CanonOptions opts, InstanceState inst, String name,
            Supplier<List<Val>> onStart, Consumer<List<Val>> onResolve) {
        Task task = new Task(ft, opts, inst, onResolve);
        CallStack stack = inst.needsCallStack || opts.async() ? CallStack.current() : null;
        if (stack != null) {
            stack.enter(task);
        }
        try {
            LiftLowerContext cx = new LiftLowerContext(opts, inst, task, name);
            List<Val> args = onStart.get(); // task.start()
            long[] flatArgs = lowerFlatValues(cx, MAX_FLAT_PARAMS, args, ft.paramTypes(), null);
            if (!opts.async()) {
                long[] flatResults = callCore(cx, callee, "", flatArgs);
                List<Val> result = liftFlatValues(cx, MAX_FLAT_RESULTS, new CoreValueIter(flatResults), ft.resultTypes());
                taskReturn(cx, task, result);
                if (opts.postReturn() != null) {
                    inst.mayLeave = false;
                    try {
                        callCore(cx, opts.postReturn(), "post-return", flatResults);
                    } finally {
                        inst.mayLeave = true;
                    }
                }
                return;
            }
            if (opts.callback() == null) {
                callCore(cx, callee, "", flatArgs);
            } else {
                long packed = callCore(cx, callee, "", flatArgs)[0] & 0xffff_ffffL;
                for (int yields = 0; ; yields++) {
                    long code = packed & 0xf; // unpack_callback_result
                    if (code == 0) { // EXIT
                        break;
                    }
                    if (code == 1) { // YIELD: nothing else can run meanwhile, so the event is NONE
                        if (yields == MAX_YIELDS) {
                            throw trap(cx, Reason.UNSUPPORTED,
                                    "the task keeps yielding for other tasks, which this runtime does not run");
                        }
                        packed = callCore(cx, opts.callback(), "callback", 0, 0, 0)[0] & 0xffff_ffffL;
                    } else if (code == 2) { // WAIT
                        throw trap(cx, Reason.UNSUPPORTED, "waiting on a waitable set is not implemented (async ABI)");
                    } else {
                        throw trap(cx, Reason.INVALID_CALLBACK_CODE, "invalid callback code " + code);
                    }
                }
            }
            if (!task.resolved) { // Task.unregister_thread
                throw trap(cx, Reason.TASK_NOT_RETURNED, "the async task finished without calling task.return");
            }
        } finally {
            if (stack != null) {
                stack.leave();
            }
        }
    }

    /** {@code Task.return_}. */
    static void taskReturn(LiftLowerContext cx, Task task, List<Val> result) {
        if (task.resolved) {
            throw trap(cx, Reason.TASK_NOT_RETURNED, "task.return called twice");
        }
        if (task.numBorrows > 0) {
            throw trap(cx, Reason.BORROWS_REMAIN,
                    task.numBorrows + " borrowed handle(s) not dropped before the call returned");
        }
        task.onResolve.accept(result);
        task.resolved = true;
    }

    /** {@code canon_task_return}. */
    static void canonTaskReturn(Optional<ValueType> resultType, CanonOptions opts, long[] flatArgs, String name) {
        Task task = CallStack.current().task();
        if (task == null) {
            throw new IllegalStateException("task.return called outside of a task");
        }
        LiftLowerContext cx = new LiftLowerContext(opts, task.inst, task, name);
        if (!task.inst.mayLeave) {
            throw trap(cx, Reason.CANNOT_LEAVE, "cannot leave component instance (task.return)");
        }
        if (!task.opts.async()) {
            throw trap(cx, Reason.TASK_NOT_RETURNED, "task.return called by a synchronously lifted function");
        }
        if (!resultType.equals(task.ft.result())) {
            throw trap(cx, Reason.TASK_NOT_RETURNED, "task.return result type does not match the lifted function's");
        }
        if (opts.stringEncoding() != task.opts.stringEncoding() || opts.memory() != task.opts.memory()) {
            throw trap(cx, Reason.TASK_NOT_RETURNED, "task.return options differ from the lifted function's");
        }
        List<Val> result = liftFlatValues(cx, MAX_FLAT_PARAMS, new CoreValueIter(flatArgs), task.ft.resultTypes());
        taskReturn(cx, task, result);
    }

    /**
     * {@code canon_lower}, synchronous: the callee pulls its arguments lifted from the caller's
     * memory, and pushes a result that is lowered into it.
     */
    static long[] canonLower(FuncInst callee, CanonOptions opts, InstanceState inst, long[] flatArgs) {
        String name = callee.name();
        if (!inst.mayLeave) {
            throw trap(inst, name, Reason.CANNOT_LEAVE, "cannot leave component instance to call " + name);
        }
        FuncType ft = callee.type();
        int maxFlatParams = opts.async() ? MAX_FLAT_ASYNC_PARAMS : MAX_FLAT_PARAMS;
        int maxFlatResults = opts.async() ? 0 : MAX_FLAT_RESULTS;
        Subtask subtask = new Subtask();
        LiftLowerContext cx = new LiftLowerContext(opts, inst, subtask, name);
        CoreValueIter args = new CoreValueIter(flatArgs);
        long[][] flatResults = new long[1][];
        callee.invoke(
                () -> liftFlatValues(cx, maxFlatParams, args, ft.paramTypes()),
                result -> flatResults[0] = lowerFlatValues(cx, maxFlatResults, result, ft.resultTypes(), args),
                inst);
        if (flatResults[0] == null) {
            throw new IllegalStateException(name + " returned without resolving its caller");
        }
        subtask.deliverResolve();
        if (opts.async()) {
            // the callee resolved before returning: no subtask is added to the handles table
            return new long[] {SUBTASK_RETURNED};
        }
        return flatResults[0];
    }

    /** Yields in a row after which a callback loop is taken to wait for other tasks (which never run here). */
    static final int MAX_YIELDS = 10_000;

    /** {@code Subtask.State.RETURNED}. */
    static final long SUBTASK_RETURNED = 2;

    // ------------------------------------------------------------------ resources

    /** {@code canon_resource_new}. */
    static long canonResourceNew(ResourceType rt, InstanceState inst, int rep) {
        LiftLowerContext cx = new LiftLowerContext(CanonOptions.DEFAULT, inst, null, "resource.new " + rt.name());
        if (!inst.mayLeave) {
            throw trap(cx, Reason.CANNOT_LEAVE, "cannot leave component instance (resource.new)");
        }
        return addHandle(cx, new ResourceHandle(rt, rep, true, null));
    }

    /** {@code canon_resource_drop}. */
    static void canonResourceDrop(ResourceType rt, InstanceState inst, long i) {
        LiftLowerContext cx = new LiftLowerContext(CanonOptions.DEFAULT, inst, null, "resource.drop " + rt.name());
        if (!inst.mayLeave) {
            throw trap(cx, Reason.CANNOT_LEAVE, "cannot leave component instance (resource.drop)");
        }
        Object e = inst.handles.remove(i);
        ResourceHandle h = checkHandle(cx, i, e, rt);
        if (h.numLends != 0) {
            throw trap(cx, Reason.HANDLE_LENT, "cannot remove owned resource while borrowed (handle index " + i + ")");
        }
        if (h.own) {
            callDestructor(rt, h.rep, inst);
        } else {
            h.borrowScope.numBorrows--;
        }
    }

    /** {@code canon_resource_rep}. */
    static int canonResourceRep(ResourceType rt, InstanceState inst, long i) {
        LiftLowerContext cx = new LiftLowerContext(CanonOptions.DEFAULT, inst, null, "resource.rep " + rt.name());
        return checkHandle(cx, i, inst.handles.get(i), rt).rep;
    }

    /**
     * The destructor call of {@code canon_resource_drop}: {@code Store.lift} of the destructor (or of
     * a no-op) in {@code rt.impl}, called from {@code caller} (null for the host), so re-entrance
     * is checked as for any call.
     */
    static void callDestructor(ResourceType rt, int rep, InstanceState caller) {
        String name = "destructor of " + rt.name();
        if (rt.impl == null) {
            try {
                rt.hostDtor.accept(rep);
            } catch (ComponentTrapException e) {
                throw e;
            } catch (RuntimeException e) {
                InstanceState at = caller != null ? caller : new InstanceState(null, "host");
                throw new ComponentTrapException(Reason.HOST_FAILURE, String.valueOf(e), at.name, name, e);
            }
            return;
        }
        InstanceState impl = rt.impl;
        LiftedFunc.checkEnter(impl, caller, name);
        impl.enterFrom(caller);
        FuncType ft = new FuncType(false, List.of(new FuncType.Param("rep", Primitive.U32)), Optional.empty());
        Task task = new Task(ft, CanonOptions.DEFAULT, impl, r -> {});
        CallStack stack = CallStack.current();
        stack.enter(task);
        try {
            if (rt.dtor != null) {
                LiftLowerContext cx = new LiftLowerContext(CanonOptions.DEFAULT, impl, task, name);
                callCore(cx, rt.dtor, "", Integer.toUnsignedLong(rep));
            }
        } catch (ComponentTrapException e) {
            impl.poison(e);
            throw e;
        } finally {
            stack.leave();
            impl.leaveTo(caller);
        }
    }

    /** The host drops an owned handle it holds. */
    static void dropFromHost(ResourceType rt, int rep) {
        callDestructor(rt, rep, null);
    }
}
