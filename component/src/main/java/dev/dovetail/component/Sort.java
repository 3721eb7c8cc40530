package dev.dovetail.component;

/**
 * {@code sort}: the 8 core sorts (encoded {@code 0x00 core:sort}) and the 5 component sorts.
 */
public enum Sort {
    CORE_FUNC(CoreSort.FUNC),
    CORE_TABLE(CoreSort.TABLE),
    CORE_MEMORY(CoreSort.MEMORY),
    CORE_GLOBAL(CoreSort.GLOBAL),
    CORE_TAG(CoreSort.TAG),
    CORE_TYPE(CoreSort.TYPE),
    CORE_MODULE(CoreSort.MODULE),
    CORE_INSTANCE(CoreSort.INSTANCE),
    FUNC(0x01),
    VALUE(0x02),
    TYPE(0x03),
    COMPONENT(0x04),
    INSTANCE(0x05);

    private final CoreSort core;
    private final int code;

    Sort(CoreSort core) {
        this.core = core;
        this.code = 0x00;
    }

    Sort(int code) {
        this.core = null;
        this.code = code;
    }

    public boolean isCore() {
        return core != null;
    }

    /** The core sort of a {@code core ...} sort, or {@code null} for component sorts. */
    public CoreSort coreSort() {
        return core;
    }

    /** The first opcode byte ({@code 0x00} for all core sorts). */
    public int code() {
        return code;
    }

    public static Sort of(CoreSort core) {
        return switch (core) {
            case FUNC -> CORE_FUNC;
            case TABLE -> CORE_TABLE;
            case MEMORY -> CORE_MEMORY;
            case GLOBAL -> CORE_GLOBAL;
            case TAG -> CORE_TAG;
            case TYPE -> CORE_TYPE;
            case MODULE -> CORE_MODULE;
            case INSTANCE -> CORE_INSTANCE;
        };
    }

    /** The component sort with opcode {@code code} (1..5), or {@code null}. */
    static Sort componentSort(int code) {
        return switch (code) {
            case 0x01 -> FUNC;
            case 0x02 -> VALUE;
            case 0x03 -> TYPE;
            case 0x04 -> COMPONENT;
            case 0x05 -> INSTANCE;
            default -> null;
        };
    }

    /** {@code outeraliassort} (Explainer.md): the sorts an outer alias may name. */
    public boolean isOuterAliasSort() {
        return this == CORE_MODULE || this == CORE_TYPE || this == TYPE || this == COMPONENT;
    }
}
