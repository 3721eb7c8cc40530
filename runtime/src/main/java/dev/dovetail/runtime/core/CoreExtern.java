package dev.dovetail.runtime.core;

/** Something a core instance exports and a core module imports. */
public sealed interface CoreExtern permits CoreFunc, CoreMemory, CoreTable, CoreGlobal, CoreTag {
    /** The kind, for error messages ({@code func}, {@code memory}, ...). */
    String kind();
}
