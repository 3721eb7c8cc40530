package dev.dovetail.wit;

/** Prints resolved packages as WIT text that parses back to the same {@link Resolve}. */
public final class WitPrinter {
    private WitPrinter() {}

    /** Prints one package; references to other packages are written as full paths. */
    public static String print(Resolve resolve, int packageId) {
        return new Printer(resolve).printPackage(packageId);
    }

    /**
     * Prints several packages into one text with nested {@code package a:b { ... }} blocks, so that
     * parsing the text as a file yields all of them.
     */
    public static String printNested(Resolve resolve, java.util.List<Integer> packageIds) {
        return new Printer(resolve).printNested(packageIds);
    }
}
