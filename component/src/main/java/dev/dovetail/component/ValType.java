package dev.dovetail.component;

/** {@code valtype}: a primitive value type or the index of a defined value type. */
public sealed interface ValType permits PrimitiveType, ValType.Index {
    /**
     * {@code i:<typeidx>}, encoded as a non-negative SLEB128 (s33) like core type indices. As
     * everywhere in this model, a u32 index is held in an {@code int}: read it with {@link
     * Integer#toUnsignedLong(int)}.
     */
    record Index(int index) implements ValType {}

    static ValType of(int typeIndex) {
        return new Index(typeIndex);
    }
}
