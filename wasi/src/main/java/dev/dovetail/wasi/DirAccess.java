package dev.dovetail.wasi;

/** What a guest may do inside a preopened directory. */
public enum DirAccess {
    /**
     * Read files, list directories, stat, follow symlinks that stay inside. Every change (create,
     * write, truncate, remove, rename, link, set times) fails with {@code error-code::read-only}.
     */
    READ_ONLY,
    /** Everything {@link #READ_ONLY} allows, plus creating, writing, removing and renaming inside. */
    READ_WRITE
}
