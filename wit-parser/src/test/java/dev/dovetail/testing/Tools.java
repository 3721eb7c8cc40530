package dev.dovetail.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The external tools of the tests (DESIGN.md, "Guest toolchains"): Node, and jco and
 * componentize-qjs from {@code interop/node_modules} ({@code npm ci --prefix interop}); Debian's
 * {@code /usr/bin/rustc} with a wasm32 standard library; Go for {@code GOOS=wasip1}. Each finder
 * returns the executable or throws {@link MissingToolException} saying how to install it. Free of
 * JUnit, so the benchmarks can use it; tests wrap the finders in {@link Needs#tool}.
 */
public final class Tools {
    private Tools() {}

    /** A tool the caller needs is not installed. */
    public static final class MissingToolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MissingToolException(String message) {
            super(message);
        }
    }

    /**
     * The project root: system property {@code dovetail.root} (the root POM sets it), else the
     * nearest parent of the working directory that holds {@code interop/package.json}.
     */
    public static Path root() {
        String prop = System.getProperty("dovetail.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("interop/package.json"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root: set -Ddovetail.root");
    }

    /** {@code name} in a folder of the {@code PATH}, if any. */
    public static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name));
                }
            }
        }
        return Optional.empty();
    }

    /** {@code node} from the {@code PATH}. */
    public static Path node() {
        return onPath("node").orElseThrow(() -> new MissingToolException(
                "node not found on the PATH (jco and componentize-qjs run on it): apt-get install -y nodejs npm "
                        + "(.ci/run does)"));
    }

    /**
     * The options Node needs to run jco-transpiled componentize-qjs output: Node 20 and earlier
     * enable the extended-const proposal only on request.
     */
    public static List<String> nodeOptions(Path node) {
        String version = Processes.check(List.of(node.toString(), "--version"), root(), 60).out().strip();
        int major = version.startsWith("v") && version.indexOf('.') > 1
                ? Integer.parseInt(version.substring(1, version.indexOf('.'))) : 0;
        return major > 0 && major <= 20 ? List.of("--experimental-wasm-extended-const") : List.of();
    }

    /** {@code interop/node_modules/.bin/<name>} (jco, componentize-qjs), which runs on {@link #node()}. */
    public static Path interop(String name) {
        Path exe = root().resolve("interop/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(exe)) {
            throw new MissingToolException(name + " not found at " + exe + ": install the interop tools with "
                    + "`npm ci --prefix interop` from the project root (.ci/run does)");
        }
        node();
        return exe;
    }

    /** {@code interop/node_modules/.bin/jco}. */
    public static Path jco() {
        return interop("jco");
    }

    /** {@code interop/package-lock.json}: the pinned versions of jco and componentize-qjs, a cache-key input. */
    public static Path interopLock() {
        return root().resolve("interop/package-lock.json");
    }

    /** The WASI preview1 adapter of the pinned jco package: {@code kind} is {@code command} or {@code reactor}. */
    public static Path preview1Adapter(String kind) {
        jco();
        Path adapter = root().resolve("interop/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1."
                + kind + ".wasm");
        if (!Files.isRegularFile(adapter)) {
            throw new MissingToolException("the preview1 " + kind + " adapter is missing: " + adapter);
        }
        return adapter;
    }

    /**
     * Debian's rustc with the standard library of {@code target} ({@code wasm32-unknown-unknown},
     * {@code wasm32-wasi}); DESIGN.md: the rustup toolchain here has no wasm32 standard library.
     */
    public static Path rustc(String target) {
        Path exe = Path.of("/usr/bin/rustc");
        if (!Files.isExecutable(exe)) {
            throw new MissingToolException(exe + " not found: apt-get install -y rustc libstd-rust-dev-wasm32 "
                    + "(.ci/run does)");
        }
        Processes.Result sysroot = Processes.run(List.of(exe.toString(), "--print", "sysroot"), root(), 60);
        Path lib = Path.of(sysroot.out().strip(), "lib/rustlib", target);
        if (!sysroot.ok() || !Files.isDirectory(lib)) {
            throw new MissingToolException("rustc has no " + target + " standard library (" + lib
                    + "): apt-get install -y libstd-rust-dev-wasm32 (.ci/run does)");
        }
        return exe;
    }

    /** {@code go} from the {@code PATH} (or {@code GOROOT/bin}). */
    public static Path go() {
        return onPath("go").or(() -> Optional.ofNullable(System.getenv("GOROOT"))
                        .map(r -> Path.of(r, "bin", "go")).filter(Files::isExecutable))
                .orElseThrow(() -> new MissingToolException(
                        "go not found on the PATH (Go 1.21 or later builds GOOS=wasip1)"));
    }

    /**
     * The environment of {@code go build} for {@code GOOS=wasip1}: the local toolchain, no cgo, and
     * {@code cache} as the build cache when nothing tells Go where its own is.
     */
    public static Map<String, String> goEnv(Path cache) {
        Map<String, String> env = new HashMap<>(Map.of("GOOS", "wasip1", "GOARCH", "wasm", "GOTOOLCHAIN", "local",
                "CGO_ENABLED", "0"));
        if (System.getenv("GOCACHE") == null && System.getenv("HOME") == null
                && System.getenv("XDG_CACHE_HOME") == null) {
            env.put("GOCACHE", cache.toString());
        }
        return Map.copyOf(env);
    }
}
