package dev.dovetail.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds {@code ../shared} from the project root (system property {@code dovetail.root}); never skips. */
final class Suite {
    private Suite() {}

    static Path root() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("dovetail.root");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd);
        if (cwd.getParent() != null) {
            candidates.add(cwd.getParent());
        }
        for (Path root : candidates) {
            if (Files.isDirectory(root.resolve("../shared/conformance/component-model/json"))) {
                return root.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("../shared/conformance/component-model/json not found next to any of "
                + candidates + " (set -Ddovetail.root to the project root)");
    }

    /** {@code ../shared/conformance/component-model}. */
    static Path componentModel() {
        return root().resolve("../shared/conformance/component-model").normalize();
    }
}
