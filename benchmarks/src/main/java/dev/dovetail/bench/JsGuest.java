package dev.dovetail.bench;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JavaScript guest of the runtime's interop test ({@code runtime/src/test/resources/js}),
 * built with the pinned componentize-qjs ({@code --sync --stub-wasi}, so that it imports
 * nothing) into {@code benchmarks/target/js-guest-<hash>.wasm}, keyed by the content of its
 * inputs (the shared {@link BuildCache}). {@code -Ddovetail.jsComponent=FILE} uses a component
 * built elsewhere instead. A missing componentize-qjs or Node is a {@link Tools.MissingToolException}.
 */
final class JsGuest {
    static final String PROPERTY = "dovetail.jsComponent";

    private JsGuest() {}

    /** The component file, built if needed. */
    static Path component() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null) {
            Path file = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + explicit + " is not a file");
            }
            return file;
        }
        Path root = Tools.root();
        Path wit = root.resolve("runtime/src/test/resources/js/guest.wit");
        Path js = root.resolve("runtime/src/test/resources/js/guest.js");
        return BuildCache.in(root.resolve("benchmarks/target")).get("js-guest.wasm", List.of(wit, js, Tools.interopLock()),
                "componentize-qjs --sync --stub-wasi", out -> Processes.check(List.of(
                        Tools.interop("componentize-qjs").toString(), "--sync", "--stub-wasi", "--wit", wit.toString(),
                        "--js", js.toString(), "-o", out.toString()), root, 300));
    }
}
