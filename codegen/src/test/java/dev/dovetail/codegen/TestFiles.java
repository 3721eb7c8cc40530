package dev.dovetail.codegen;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project root (system property {@code dovetail.root}) and the read-only {@code ../shared} beside it. */
final class TestFiles {
    private TestFiles() {}

    static Path projectRoot() {
        String prop = System.getProperty("dovetail.root");
        Path root = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        return root.toAbsolutePath().normalize();
    }

    /** {@code ../shared}; fails loudly when missing, as every conformance test here does. */
    static Path shared() {
        Path shared = projectRoot().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("../shared is missing beside the project (looked for " + shared + ")");
        }
        return shared;
    }

    static Path module() {
        return projectRoot().resolve("codegen");
    }
}
