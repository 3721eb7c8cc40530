package dev.dovetail.wit;

import java.util.List;

/**
 * The result of resolving a path: the whole {@link Resolve} (dependencies included) and the ids of
 * the packages that the path itself defines (one, or several with nested {@code package} blocks).
 */
public record ResolvedWit(Resolve resolve, List<Integer> rootPackages) {
    public ResolvedWit {
        rootPackages = List.copyOf(rootPackages);
    }

    /** The last root package, the main one when a file or directory defines several. */
    public int mainPackage() {
        return rootPackages.get(rootPackages.size() - 1);
    }
}
