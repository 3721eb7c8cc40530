package dev.dovetail.wit.abi;

/** The core value types a component-level value flattens to (CanonicalABI.md, "Flattening"). */
public enum CoreType {
    I32, I64, F32, F64;

    /**
     * {@code join}: the one core type that can carry either value, used where variant cases put
     * different types in the same flat slot (i32 and f32 share i32, anything else widens to i64).
     */
    public static CoreType join(CoreType a, CoreType b) {
        if (a == b) {
            return a;
        }
        if ((a == I32 && b == F32) || (a == F32 && b == I32)) {
            return I32;
        }
        return I64;
    }
}
