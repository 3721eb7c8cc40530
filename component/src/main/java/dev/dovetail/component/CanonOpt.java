package dev.dovetail.component;

/** {@code canonopt}: an option of a canonical definition. */
public sealed interface CanonOpt {
    /** {@code 0x00}..{@code 0x02}: {@code string-encoding=...}. */
    enum StringEncoding implements CanonOpt {
        UTF8,
        UTF16,
        LATIN1_UTF16
    }

    /** {@code 0x03 m}: {@code (memory m)}. */
    record Memory(int memory) implements CanonOpt {}

    /** {@code 0x04 f}: {@code (realloc f)}. */
    record Realloc(int func) implements CanonOpt {}

    /** {@code 0x05 f}: {@code (post-return f)}. */
    record PostReturn(int func) implements CanonOpt {}

    /** {@code 0x06}: {@code async}. */
    record Async() implements CanonOpt {}

    /** {@code 0x07 f}: {@code (callback f)}. */
    record Callback(int func) implements CanonOpt {}
}
