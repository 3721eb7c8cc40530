package dev.dovetail.runtime.core;

import com.dylibso.chicory.wasm.types.ValType;

/** A core value type, as far as the canonical ABI cares (reference types are opaque). */
public enum CoreValType {
    I32,
    I64,
    F32,
    F64,
    V128,
    REF;

    static CoreValType of(ValType t) {
        if (t.equals(ValType.I32)) {
            return I32;
        }
        if (t.equals(ValType.I64)) {
            return I64;
        }
        if (t.equals(ValType.F32)) {
            return F32;
        }
        if (t.equals(ValType.F64)) {
            return F64;
        }
        if (t.equals(ValType.V128)) {
            return V128;
        }
        return REF;
    }

    ValType chicory() {
        return switch (this) {
            case I32 -> ValType.I32;
            case I64 -> ValType.I64;
            case F32 -> ValType.F32;
            case F64 -> ValType.F64;
            case V128 -> ValType.V128;
            case REF -> throw new IllegalStateException("no host functions over reference types");
        };
    }

    /** The text form used in error messages ({@code i32}, ...). */
    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
