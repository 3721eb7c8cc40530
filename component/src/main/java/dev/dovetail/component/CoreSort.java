package dev.dovetail.component;

/** {@code core:sort} (Binary.md, Instance Definitions). */
public enum CoreSort {
    FUNC(0x00),
    TABLE(0x01),
    MEMORY(0x02),
    GLOBAL(0x03),
    TAG(0x04),
    TYPE(0x10),
    MODULE(0x11),
    INSTANCE(0x12);

    private final int code;

    CoreSort(int code) {
        this.code = code;
    }

    /** The binary opcode. */
    public int code() {
        return code;
    }

    /** The sort with opcode {@code code}, or {@code null}. */
    public static CoreSort fromCode(int code) {
        for (CoreSort s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
