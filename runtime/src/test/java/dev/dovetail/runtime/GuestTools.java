package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The guest toolchains of the interop tests (DESIGN.md, "Guest toolchains"): componentize-qjs and
 * jco from {@code interop/node_modules} ({@code npm ci --prefix interop}), Node, and Debian's
 * {@code /usr/bin/rustc} with the {@code wasm32-unknown-unknown} standard library. A missing tool
 * fails the test when {@code CI=true} and skips it elsewhere. Built guests are cached in
 * {@code runtime/target/guests}, keyed by a hash of their inputs, so reruns are fast.
 */
final class GuestTools {
    private GuestTools() {}

    /** The outcome of a finished process. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }

        String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Fails (CI) or skips (elsewhere) a test that needs a tool that is not installed. */
    static AssertionError missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    /** {@code interop/node_modules/.bin/<name>} (jco, componentize-qjs). */
    static Path interopTool(String name) {
        Path exe = Suite.root().resolve("interop/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(exe)) {
            throw missing(name + " not found at " + exe + ": install the interop tools with "
                    + "`npm ci --prefix interop` from the project root");
        }
        return exe;
    }

    /** {@code node} from the {@code PATH}. */
    static Path node() {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path exe = Path.of(dir, "node");
                if (!dir.isEmpty() && Files.isExecutable(exe)) {
                    return exe;
                }
            }
        }
        throw missing("node not found on the PATH (needed to run jco-transpiled components)");
    }

    /** The options Node needs to run jco-transpiled componentize-qjs output: Node 20 lacks extended-const by default. */
    static List<String> nodeOptions(Path node) {
        Result v = run(List.of(node.toString(), "--version"), Path.of("."), 30);
        String version = v.out().strip();
        int major = 0;
        if (version.startsWith("v")) {
            major = Integer.parseInt(version.substring(1, version.indexOf('.')));
        }
        return major > 0 && major <= 20 ? List.of("--experimental-wasm-extended-const") : List.of();
    }

    /** Debian's rustc (DESIGN.md: the rustup toolchain here has no wasm32 standard library). */
    static Path rustc() {
        Path exe = Path.of("/usr/bin/rustc");
        if (!Files.isExecutable(exe)) {
            throw missing("/usr/bin/rustc not found: apt-get install -y rustc libstd-rust-dev-wasm32 (.ci/run does)");
        }
        Result sysroot = run(List.of(exe.toString(), "--print", "sysroot"), Path.of("."), 60);
        Path lib = Path.of(sysroot.out().strip(), "lib/rustlib/wasm32-unknown-unknown");
        if (!sysroot.ok() || !Files.isDirectory(lib)) {
            throw missing("rustc has no wasm32-unknown-unknown standard library (" + lib
                    + "): apt-get install -y libstd-rust-dev-wasm32 (.ci/run does)");
        }
        return exe;
    }

    /** Runs a command in {@code dir}, at most {@code timeoutSeconds}; output goes through files (no pipe deadlocks). */
    static Result run(List<String> command, Path dir, int timeoutSeconds) {
        try {
            Path tmp = Files.createDirectories(guests().resolve("tmp"));
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            try {
                Process p = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out after " + timeoutSeconds + " s: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs a command and fails the test unless it succeeds. */
    static Result check(List<String> command, Path dir, int timeoutSeconds) {
        Result r = run(command, dir, timeoutSeconds);
        if (!r.ok()) {
            fail(String.join(" ", command) + " failed: " + r.describe());
        }
        return r;
    }

    /** {@code runtime/target/guests}. */
    static Path guests() {
        return Suite.root().resolve("runtime/target/guests");
    }

    /** Something that writes a file or folder at the given path. */
    interface Build {
        void to(Path out) throws IOException;
    }

    /**
     * The cached output {@code <name>-<hash>} (a file, or a folder when {@code name} has no dot),
     * built when absent. The hash covers the inputs' bytes and the {@code key} (tool versions,
     * options); a build goes to a temporary path first, so a failed one leaves nothing behind.
     */
    static Path cached(String name, List<Path> inputs, String key, Build build) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            for (Path in : inputs) {
                sha.update(in.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(in));
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            int dot = name.lastIndexOf('.');
            String file = dot < 0 ? name + "-" + hash : name.substring(0, dot) + "-" + hash + name.substring(dot);
            Path out = Files.createDirectories(guests()).resolve(file);
            if (Files.exists(out)) {
                return out;
            }
            Path tmp = guests().resolve("tmp").resolve(file + ".partial");
            deleteRecursively(tmp);
            Files.createDirectories(tmp.getParent());
            build.to(tmp);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    /** A test resource folder of the runtime module ({@code src/test/resources/<name>}). */
    static Path resources(String name) {
        return Suite.root().resolve("runtime/src/test/resources").resolve(name);
    }

    /** {@code interop/package-lock.json}: the pinned versions of jco and componentize-qjs, a cache-key input. */
    static Path interopLock() {
        return Suite.root().resolve("interop/package-lock.json");
    }

    static List<String> command(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return out;
    }
}
