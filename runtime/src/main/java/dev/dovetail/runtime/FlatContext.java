package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import dev.dovetail.runtime.core.CoreMemory;
import java.nio.charset.StandardCharsets;

/**
 * The canonical ABI without {@link Val}s, for generated bindings: one lift or lower between
 * the host and a component, seen as flat core values ({@code long}s: i32 values in the low 32
 * bits, floats as bit patterns) plus the component's memory, {@code realloc}, string encoding
 * and handle table. Generated code does the type-specific work in straight-line Java and calls
 * in here for the parts the spec guards with {@code trap_if}: bounds, alignment, string
 * decoding, allocation, handles.
 *
 * <p>A {@link FlatCall} is the host calling an export; the context passed to a {@link
 * FlatHostFunction} is a component calling the host. Guest pointers are read from their low 32
 * bits. Every access is bounds-checked; a failed check is a {@link ComponentTrapException}.
 */
public abstract sealed class FlatContext permits FlatCall, FlatLower {
    /** No core results. */
    public static final long[] NONE = new long[0];

    private static final long U32 = 0xffff_ffffL;

    final LiftLowerContext cx;

    FlatContext(LiftLowerContext cx) {
        this.cx = cx;
    }

    /** Every trap raised through this context passes here before it is thrown. */
    ComponentTrapException onTrap(ComponentTrapException e) {
        return e;
    }

    private ComponentTrapException trap(Reason reason, String detail) {
        return onTrap(Abi.trap(cx, reason, detail));
    }

    private CoreMemory memory() {
        CoreMemory m = cx.opts().memory();
        if (m == null) {
            throw new IllegalStateException(cx.function() + " has no memory canonopt");
        }
        return m;
    }

    private CoreMemory range(long ptr, long n) {
        CoreMemory m = memory();
        if (ptr < 0 || ptr + n > m.byteSize()) {
            throw trap(Reason.OUT_OF_BOUNDS, "access of " + n + " bytes at " + ptr + " is out of bounds of memory");
        }
        return m;
    }

    // ------------------------------------------------------------------ memory

    public final int loadU8(long ptr) {
        return range(ptr, 1).readU8(ptr);
    }

    public final int loadU16(long ptr) {
        return range(ptr, 2).readU16(ptr);
    }

    public final int loadI32(long ptr) {
        return range(ptr, 4).readI32(ptr);
    }

    public final long loadI64(long ptr) {
        return range(ptr, 8).readI64(ptr);
    }

    public final byte[] loadBytes(long ptr, int length) {
        return range(ptr, length).readBytes(ptr, length);
    }

    public final void storeU8(long ptr, int v) {
        range(ptr, 1).writeU8(ptr, v);
    }

    public final void storeU16(long ptr, int v) {
        range(ptr, 2).writeU16(ptr, v);
    }

    public final void storeI32(long ptr, int v) {
        range(ptr, 4).writeI32(ptr, v);
    }

    public final void storeI64(long ptr, long v) {
        range(ptr, 8).writeI64(ptr, v);
    }

    public final void storeBytes(long ptr, byte[] bytes) {
        range(ptr, bytes.length).writeBytes(ptr, bytes);
    }

    /**
     * The checks on a pointer to a value of {@code size} bytes in memory (spilled parameters,
     * results behind a return pointer): aligned and in bounds. Returns the pointer, unsigned.
     */
    public final long checkPointer(long ptr, int alignment, long size) {
        ptr &= U32;
        if (ptr != Abi.alignTo(ptr, alignment)) {
            throw trap(Reason.UNALIGNED_POINTER, "unaligned pointer " + ptr + " (alignment " + alignment + ")");
        }
        if (ptr + size > memory().byteSize()) {
            throw trap(Reason.OUT_OF_BOUNDS, "pointer " + ptr + " + " + size + " is out of bounds of memory");
        }
        return ptr;
    }

    /**
     * {@code load_list_from_range}'s checks for {@code length} elements of {@code elemSize} bytes
     * at {@code ptr}. Returns the pointer, unsigned.
     */
    public final long checkList(long ptr, long length, int elemSize, int alignment) {
        ptr &= U32;
        length &= U32;
        if (length * elemSize > Abi.MAX_LIST_BYTE_LENGTH) {
            throw trap(Reason.TOO_LONG, "list byte length " + length * elemSize + " exceeds MAX_LIST_BYTE_LENGTH");
        }
        if (ptr != Abi.alignTo(ptr, alignment)) {
            throw trap(Reason.UNALIGNED_POINTER, "unaligned pointer: list at " + ptr);
        }
        if (ptr + length * elemSize > memory().byteSize()) {
            throw trap(Reason.OUT_OF_BOUNDS, "list pointer/length out of bounds of memory (list content out-of-bounds)");
        }
        return ptr;
    }

    /** {@code allocate}: calls the component's {@code realloc} and checks what it returns. */
    public final long allocate(int alignment, long byteLength) {
        long ptr;
        try {
            ptr = Abi.allocate(cx, alignment, byteLength);
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        }
        if (ptr != Abi.alignTo(ptr, alignment)) {
            throw trap(Reason.UNALIGNED_POINTER, "unaligned pointer (realloc return: result not aligned)");
        }
        if (ptr + byteLength > memory().byteSize()) {
            throw trap(Reason.OUT_OF_BOUNDS, "realloc return: beyond end of memory");
        }
        return ptr;
    }

    /** Allocates room for {@code length} elements ({@code store_list_into_range}). */
    public final long allocateList(int length, int elemSize, int alignment) {
        long byteLength = (long) length * elemSize;
        if (byteLength > Abi.MAX_LIST_BYTE_LENGTH) {
            throw trap(Reason.TOO_LONG, "list byte length " + byteLength + " exceeds MAX_LIST_BYTE_LENGTH");
        }
        return allocate(alignment, byteLength);
    }

    // ------------------------------------------------------------------ strings

    /** {@code load_string_from_range} in the component's string encoding. */
    public final String liftString(long ptr, long taggedCodeUnits) {
        try {
            return ((Val.Str) Abi.loadStringFromRange(cx, ptr & U32, taggedCodeUnits & U32)).value();
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        }
    }

    /**
     * {@code store_string_into_range}: copies {@code s} into the component's memory in its
     * string encoding and returns {@code {begin, tagged_code_units}}.
     */
    public final long[] lowerString(String s) {
        if (cx.opts().stringEncoding() == Abi.StringEncoding.UTF8) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > Abi.MAX_STRING_BYTE_LENGTH) {
                throw trap(Reason.TOO_LONG, "string byte length " + bytes.length + " exceeds MAX_STRING_BYTE_LENGTH");
            }
            long ptr = allocate(1, bytes.length);
            memory().writeBytes(ptr, bytes);
            return new long[] {ptr, bytes.length};
        }
        try {
            return Abi.storeStringIntoRange(cx, new Val.Str(s));
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        }
    }

    // ------------------------------------------------------------------ scalars

    /** {@code convert_i32_to_char}: the code point, or a trap. */
    public final int liftChar(long i) {
        i &= U32;
        if (i >= 0x110000 || (i >= 0xd800 && i <= 0xdfff)) {
            throw trap(Reason.INVALID_CHAR, "0x" + Long.toHexString(i) + " is not a Unicode scalar value");
        }
        return (int) i;
    }

    /** The trap for a discriminant beyond the cases of {@code type}. */
    public final ComponentTrapException invalidDiscriminant(long discriminant, String type) {
        return trap(Reason.INVALID_DISCRIMINANT, "invalid discriminant " + (discriminant & U32) + " for " + type);
    }

    /** A char from the host: its code point, checked. */
    public static long lowerChar(int codePoint) {
        if (codePoint < 0 || codePoint >= 0x110000 || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
            throw new IllegalArgumentException("not a Unicode scalar value: 0x" + Integer.toHexString(codePoint));
        }
        return codePoint;
    }

    /** A u8 from the host (held in an int), checked. */
    public static int checkU8(int v) {
        if ((v & ~0xff) != 0) {
            throw new IllegalArgumentException("u8 out of range: " + v);
        }
        return v;
    }

    /** A u16 from the host (held in an int), checked. */
    public static int checkU16(int v) {
        if ((v & ~0xffff) != 0) {
            throw new IllegalArgumentException("u16 out of range: " + v);
        }
        return v;
    }

    /** A u32 from the host (held in a long), checked. */
    public static long checkU32(long v) {
        if ((v & ~U32) != 0) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        return v;
    }

    /** An f32 as a flat value: its bit pattern, NaNs canonical. */
    public static long lowerF32(float f) {
        return Float.floatToIntBits(f) & U32;
    }

    /** An f64 as a flat value: its bit pattern, NaNs canonical. */
    public static long lowerF64(double d) {
        return Double.doubleToLongBits(d);
    }

    /** An f32 from its bit pattern, NaNs canonical. */
    public static float liftF32(long bits) {
        float f = Float.intBitsToFloat((int) bits);
        return f != f ? Float.NaN : f;
    }

    /** An f64 from its bit pattern, NaNs canonical. */
    public static double liftF64(long bits) {
        double d = Double.longBitsToDouble(bits);
        return d != d ? Double.NaN : d;
    }

    // ------------------------------------------------------------------ resources

    /** {@code lift_own} of a component-defined resource: the host now owns the handle. */
    public final Resource liftOwn(long i, ResourceType rt) {
        return new Resource(rt, liftOwnRep(i, rt));
    }

    /** {@code lift_own} of a host-defined resource: its object leaves the table, back to the host. */
    public final <T> T liftOwn(long i, HostResourceTable<T> table) {
        return table.remove(liftOwnRep(i, table.type()));
    }

    /** {@code lift_borrow} of a host-defined resource: its object, lent for the call. */
    public final <T> T liftBorrow(long i, HostResourceTable<T> table) {
        ResourceType rt = table.type();
        ResourceHandle h = checked(i, cx.inst().handles.get(i & U32), rt);
        if (cx.borrowScope() instanceof Subtask s) {
            s.addLender(h);
        }
        return table.get(h.rep);
    }

    private int liftOwnRep(long i, ResourceType rt) {
        i &= U32;
        ResourceHandle h = checked(i, cx.inst().handles.get(i), rt);
        if (h.numLends != 0) {
            throw trap(Reason.HANDLE_LENT, "cannot remove owned resource while borrowed (handle index " + i + ")");
        }
        if (!h.own) {
            throw trap(Reason.NOT_OWNED, "handle index " + i + " is a borrow, an own was expected");
        }
        cx.inst().handles.remove(i);
        return h.rep;
    }

    private ResourceHandle checked(long i, Object e, ResourceType rt) {
        try {
            return Abi.checkHandle(cx, i & U32, e, rt);
        } catch (ComponentTrapException t) {
            throw onTrap(t);
        }
    }

    /** {@code lower_own}: moves {@code r} into the component. */
    public final long lowerOwn(Resource r, ResourceType rt) {
        if (r.type() != rt || r.isBorrowed()) {
            throw new IllegalArgumentException(r + " is not an owned " + rt.name());
        }
        r.take();
        return addHandle(new ResourceHandle(rt, r.rep(), true, null));
    }

    /** {@code lower_own} of a host-defined resource: {@code value} joins the table. */
    public final <T> long lowerOwn(T value, HostResourceTable<T> table) {
        return addHandle(new ResourceHandle(table.type(), table.add(value), true, null));
    }

    /** {@code lower_borrow}: lends {@code r} to the component for the call. */
    public final long lowerBorrow(Resource r, ResourceType rt) {
        if (r.isGone()) {
            throw new IllegalStateException("resource " + r + " was already moved or dropped");
        }
        if (r.type() != rt) {
            throw new IllegalArgumentException(r + " is not a " + rt.name());
        }
        return lowerBorrowRep(rt, r.rep());
    }

    final long lowerBorrowRep(ResourceType rt, int rep) {
        if (cx.inst() == rt.impl) {
            return Integer.toUnsignedLong(rep);
        }
        if (!(cx.borrowScope() instanceof Task scope)) {
            throw new IllegalStateException("a borrow can only be lent to a component the host calls");
        }
        scope.numBorrows++;
        return addHandle(new ResourceHandle(rt, rep, false, scope));
    }

    /** {@code lower_borrow} of a host-defined resource, for one call ({@link FlatCall} only). */
    public abstract <T> long lowerBorrow(T value, HostResourceTable<T> table);

    private long addHandle(ResourceHandle h) {
        try {
            return Abi.addHandle(cx, h);
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        }
    }

    /** The function this context lifts or lowers for, for messages. */
    public final String function() {
        return cx.function();
    }
}
