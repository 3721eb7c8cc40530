package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
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
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Components built by the ecosystem's toolchains from sources in the repository (DESIGN.md, "Guest
 * toolchains"), for the tests of this module and of the CLI (through this module's test jar):
 *
 * <ul>
 *   <li>{@link #js()}: the runtime's JavaScript guest ({@code runtime/src/test/resources/js/guest.js}
 *       and {@code guest.wit}) made a component by componentize-qjs {@code --sync} (WASI imports
 *       kept, unlike the runtime's build, which stubs them);
 *   <li>{@link #rustCore()}: the runtime's Rust guest ({@code runtime/src/test/resources/rust/guest.rs})
 *       compiled by Debian's {@code /usr/bin/rustc} for {@code wasm32-unknown-unknown};
 *       {@link #rustEmbedded()} is that module with {@link WitEmbedder}'s {@code component-type}
 *       section for world {@link #RUST_WORLD} of {@code guest.wit}, {@link #rustEmbeddedByJco()} the
 *       same by {@code jco embed}, and {@link #rust()} the component {@code jco new} makes of ours.
 * </ul>
 *
 * <p>Tool outputs are cached in {@code component/target/real}, named by a hash of their inputs
 * (sources, tool versions, options), so reruns cost nothing; a build goes to a temporary file first.
 * A missing tool fails the test when {@code CI=true} and skips it elsewhere.
 */
public final class RealComponents {
    /** The world of the Rust guest's WIT that the core module implements. */
    public static final String RUST_WORLD = "guest";

    private static final List<String> RUSTC_FLAGS = List.of("--edition", "2021", "--target", "wasm32-unknown-unknown",
            "--crate-type", "cdylib", "-O", "-C", "strip=debuginfo");

    private RealComponents() {}

    /** The project root (system property {@code dovetail.root}, else the working directory or its parent). */
    public static Path root() {
        return Jco.projectRoot();
    }

    public static Path jsSource() {
        return root().resolve("runtime/src/test/resources/js/guest.js");
    }

    public static Path jsWit() {
        return root().resolve("runtime/src/test/resources/js/guest.wit");
    }

    public static Path rustSource() {
        return root().resolve("runtime/src/test/resources/rust/guest.rs");
    }

    public static Path rustWit() {
        return root().resolve("runtime/src/test/resources/rust/guest.wit");
    }

    /** The componentize-qjs {@code --sync} component of the JavaScript guest. */
    public static Path js() {
        Path qjs = interopTool("componentize-qjs");
        Path wit = existing(jsWit());
        Path js = existing(jsSource());
        return cached("js-guest.wasm", List.of(wit, js, interopLock()), "componentize-qjs --sync",
                out -> check(List.of(qjs.toString(), "--sync", "--wit", wit.toString(), "--js", js.toString(),
                        "-o", out.toString()), 300));
    }

    /** The Rust guest's core module, as rustc wrote it (no component-type section). */
    public static Path rustCore() {
        Path rustc = rustc();
        Path source = existing(rustSource());
        String version = check(List.of(rustc.toString(), "--version"), 60).out();
        List<String> command = new ArrayList<>(List.of(rustc.toString()));
        command.addAll(RUSTC_FLAGS);
        return cached("rust-guest-core.wasm", List.of(source), version + RUSTC_FLAGS, out -> {
            List<String> c = new ArrayList<>(command);
            c.addAll(List.of(source.toString(), "-o", out.toString()));
            check(c, 300);
        });
    }

    /** The Rust guest's WIT, resolved. */
    public static ResolvedWit rustResolved() {
        return WitResolver.builder().build().resolve(existing(rustWit()));
    }

    /** The id of {@link #RUST_WORLD} in {@code resolved}. */
    public static int rustWorld(ResolvedWit resolved) {
        Integer id = resolved.resolve().pkg(resolved.mainPackage()).worlds().get(RUST_WORLD);
        if (id == null) {
            fail("no world `" + RUST_WORLD + "` in " + rustWit());
        }
        return id;
    }

    /** {@link #rustCore()} with our {@code component-type} section (never cached: it is the code under test). */
    public static byte[] rustEmbedded() {
        ResolvedWit wit = rustResolved();
        return WitEmbedder.embed(read(rustCore()), wit.resolve(), rustWorld(wit));
    }

    /** {@link #rustCore()} with the {@code component-type} section of {@code jco embed}. */
    public static Path rustEmbeddedByJco() {
        Path jco = interopTool("jco");
        Path core = rustCore();
        Path wit = existing(rustWit());
        return cached("rust-guest-jco-embed.wasm", List.of(core, wit, interopLock()), "jco embed -n " + RUST_WORLD,
                out -> check(List.of(jco.toString(), "embed", "--wit", wit.toString(), "-n", RUST_WORLD,
                        core.toString(), "-o", out.toString()), 300));
    }

    /** The component {@code jco new} makes of {@link #rustEmbedded()}. */
    public static Path rust() {
        Path jco = interopTool("jco");
        byte[] embedded = rustEmbedded();
        Path input = dir().resolve("rust-guest-embedded-" + hash(List.of(embedded), "") + ".wasm");
        if (!Files.exists(input)) {
            writeAtomically(input, embedded);
        }
        return cached("rust-guest.wasm", List.of(input, interopLock()), "jco new",
                out -> check(List.of(jco.toString(), "new", input.toString(), "-o", out.toString()), 300));
    }

    /** {@code jco wit FILE}: the WIT of a component as wit-component prints it. */
    public static String jcoWit(Path component) {
        Path jco = interopTool("jco");
        return check(List.of(jco.toString(), "wit", component.toString()), 120).out();
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WIT text with all whitespace removed, for comparisons that ignore layout. */
    public static String squash(String wit) {
        return Jco.squash(wit);
    }

    // ------------------------------------------------------------------ tools

    /** Fails (when {@code CI=true}) or skips the calling test: a tool it needs is not installed. */
    public static AssertionError missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    /** {@code interop/node_modules/.bin/<name>} (jco, componentize-qjs), which also need node on the PATH. */
    static Path interopTool(String name) {
        Path exe = root().resolve("interop/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(exe)) {
            throw missing(name + " not found at " + exe + ": install the interop tools with `npm ci --prefix interop` "
                    + "from the project root (.ci/run does)");
        }
        if (!onPath("node")) {
            throw missing("node not found on the PATH: " + name + " needs it (apt-get install -y nodejs npm; .ci/run does)");
        }
        return exe;
    }

    /** Debian's rustc with the {@code wasm32-unknown-unknown} standard library (DESIGN.md: rustup's has none). */
    static Path rustc() {
        Path exe = Path.of("/usr/bin/rustc");
        if (!Files.isExecutable(exe)) {
            throw missing(exe + " not found: apt-get install -y rustc libstd-rust-dev-wasm32 (.ci/run does)");
        }
        Result sysroot = run(List.of(exe.toString(), "--print", "sysroot"), 60);
        Path lib = Path.of(sysroot.out().strip(), "lib/rustlib/wasm32-unknown-unknown");
        if (!sysroot.ok() || !Files.isDirectory(lib)) {
            throw missing(exe + " has no wasm32-unknown-unknown standard library (no " + lib
                    + "): apt-get install -y libstd-rust-dev-wasm32 (.ci/run does)");
        }
        return exe;
    }

    private static boolean onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static Path interopLock() {
        return existing(root().resolve("interop/package-lock.json"));
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            fail("missing input " + p);
        }
        return p;
    }

    /** The outcome of a finished process. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    /** Runs {@code command} in the cache folder, at most {@code timeoutSeconds}; output through files, never pipes. */
    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile(dir(), "out", ".txt");
            Path err = Files.createTempFile(dir(), "err", ".txt");
            try {
                Process p = new ProcessBuilder(command).directory(dir().toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    fail("timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
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

    private static Result check(List<String> command, int timeoutSeconds) {
        Result r = run(command, timeoutSeconds);
        if (!r.ok()) {
            fail(String.join(" ", command) + " failed with exit " + r.exit() + "\n--- stdout\n" + r.out()
                    + "\n--- stderr\n" + r.err());
        }
        return r;
    }

    // ------------------------------------------------------------------ cache

    /** {@code component/target/real}. */
    static Path dir() {
        try {
            return Files.createDirectories(root().resolve("component/target/real"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Build {
        void to(Path out);
    }

    /** {@code dir()/<name>-<hash>.<ext>}, built by {@code build} when absent. */
    private static Path cached(String name, List<Path> inputs, String key, Build build) {
        List<byte[]> contents = new ArrayList<>();
        for (Path in : inputs) {
            contents.add(in.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            contents.add(read(in));
        }
        int dot = name.lastIndexOf('.');
        Path out = dir().resolve(name.substring(0, dot) + "-" + hash(contents, key) + name.substring(dot));
        if (Files.exists(out)) {
            return out;
        }
        Path tmp = out.resolveSibling(out.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        try {
            Files.deleteIfExists(tmp);
            build.to(tmp);
            if (!Files.isRegularFile(tmp)) {
                fail("the build of " + out.getFileName() + " wrote nothing");
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort: a stale .partial file is overwritten by the next build
            }
        }
    }

    private static String hash(List<byte[]> contents, String key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            for (byte[] c : contents) {
                sha.update(c);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static void writeAtomically(Path out, byte[] bytes) {
        Path tmp = out.resolveSibling(out.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
