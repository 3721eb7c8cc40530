package dev.dovetail.wit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only {@code ../shared} folder beside the project; fails loudly when it is missing. */
final class SharedFiles {
    private SharedFiles() {}

    static Path root() {
        String prop = System.getProperty("dovetail.root");
        Path project = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent();
        Path shared = project.toAbsolutePath().normalize().resolveSibling("shared");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("../shared is missing beside the project (looked for " + shared
                    + "); the conformance suites and WASI WIT packages live there");
        }
        return shared;
    }

    static Path witParserUi() {
        return root().resolve("conformance/wit-parser-ui/ui");
    }

    static Path wasiWit() {
        return root().resolve("wit");
    }
}
