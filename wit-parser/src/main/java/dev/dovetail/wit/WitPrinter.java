package dev.dovetail.wit;

/** Prints resolved packages as WIT text that parses back to the same {@link Resolve}. */
public final class WitPrinter {
    private WitPrinter() {}

    /** Prints one package; references to other packages are written as full paths. */
    public static String print(Resolve resolve, int packageId) {
        return new Printer(resolve).printPackage(packageId);
    }

    /**
     * Prints several packages into one file: the last id as the file's own package
     * ({@code package a:b;}), the others as nested {@code package x:y { ... }} blocks, so that
     * parsing the text yields all of them with the same meaning (and, unless feature gates removed
     * items, the same ids).
     */
    public static String printNested(Resolve resolve, java.util.List<Integer> packageIds) {
        return new Printer(resolve).printNested(packageIds);
    }
}
