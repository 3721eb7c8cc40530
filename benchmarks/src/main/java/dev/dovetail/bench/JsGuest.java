package dev.dovetail.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JavaScript guest of the runtime's interop test ({@code runtime/src/test/resources/js}),
 * built with the pinned componentize-qjs ({@code --sync --stub-wasi}, so that it imports
 * nothing) into {@code benchmarks/target/js-guest.wasm}, again whenever an input is newer.
 * {@code -Ddovetail.jsComponent=FILE} uses a component built elsewhere instead.
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
        Path root = projectRoot();
        Path qjs = root.resolve("interop/node_modules/.bin/componentize-qjs");
        Path wit = root.resolve("runtime/src/test/resources/js/guest.wit");
        Path js = root.resolve("runtime/src/test/resources/js/guest.js");
        Path out = root.resolve("benchmarks/target/js-guest.wasm");
        try {
            if (Files.exists(out) && newer(out, List.of(wit, js, root.resolve("interop/package-lock.json")))) {
                return out;
            }
            if (!Files.isExecutable(qjs)) {
                throw new ToolMissingException(qjs + " is missing: install the interop tools with "
                        + "`npm ci --prefix interop` from the project root, or pass -D" + PROPERTY + "=FILE");
            }
            Files.createDirectories(out.getParent());
            Path tmp = out.resolveSibling("js-guest.wasm.partial");
            Path log = out.resolveSibling("js-guest.log");
            Process p = new ProcessBuilder(qjs.toString(), "--sync", "--stub-wasi", "--wit", wit.toString(),
                    "--js", js.toString(), "-o", tmp.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("componentize-qjs timed out");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("componentize-qjs failed:\n" + Files.readString(log));
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean newer(Path out, List<Path> inputs) throws IOException {
        FileTime built = Files.getLastModifiedTime(out);
        for (Path in : inputs) {
            if (Files.getLastModifiedTime(in).compareTo(built) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The repository root: the nearest ancestor of {@code -Ddovetail.root} (set by the build's
     * tests) or of the working directory that holds {@code runtime/src/test/resources/js}.
     */
    static Path projectRoot() {
        Path start = Path.of(System.getProperty("dovetail.root", "")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("runtime/src/test/resources/js"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root (runtime/src/test/resources/js) from "
                + start + "; run from the repository, or pass -D" + PROPERTY + "=FILE");
    }

    /** componentize-qjs is not installed. */
    static final class ToolMissingException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        ToolMissingException(String message) {
            super(message);
        }
    }
}
