package dev.dovetail.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the WASI 0.2.12 WIT packages of {@code ../shared} for the benchmarks. */
final class WasiFolder {
    static final String PROPERTY = "dovetail.wasi";
    private static final String RELATIVE = "shared/wit/wasi-0.2.12";

    private WasiFolder() {}

    /**
     * The folder given by {@code -Ddovetail.wasi=DIR}, or else {@code shared/wit/wasi-0.2.12} in the
     * nearest ancestor of the project root ({@code -Ddovetail.root}, set by the build's tests) or of
     * the working directory, which finds {@code ../shared} from the repository root or a module.
     */
    static Path locate() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            Path dir = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + explicit + " is not a directory");
            }
            return dir;
        }
        Path start = Path.of(System.getProperty("dovetail.root", "")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find " + RELATIVE + " in " + start + " or its parents; "
                + "run from the repository root with ../shared beside it, or pass -D" + PROPERTY + "=DIR");
    }
}
