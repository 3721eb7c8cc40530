package dev.dovetail.wasi;

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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The test guests: the probe program of {@code wasi/src/test/resources/{rust,go}}, compiled to a
 * WASI preview1 core module (Debian's {@code /usr/bin/rustc} for {@code wasm32-wasi}; Go's
 * {@code GOOS=wasip1}) and made a {@code wasi:cli/command} component with the preview1 command
 * adapter of the pinned jco ({@code jco new --wasi-command --adapt}). Outputs are cached in
 * {@code wasi/target/guests}, named by a hash of their inputs and tool versions. A missing tool
 * throws {@link MissingToolException}. Free of JUnit: the benchmarks use it too ({@link Guests}
 * is the tests' face of it).
 */
public final class GuestBuilder {
    private GuestBuilder() {}

    /** A tool the guests need is not installed. */
    public static final class MissingToolException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingToolException(String message) {
            super(message);
        }
    }

    /** The outcome of a finished process. */
    public record Result(int exit, String out, String err) {
        public String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** The Rust probe as a command component. */
    public static Path rustProbe() {
        return componentize("probe-rust.wasm", rustProbeCore());
    }

    /** The Rust probe's core module ({@code wasm32-wasi}, preview1). */
    public static Path rustProbeCore() {
        Path rustc = rustc();
        Path source = resources().resolve("rust/probe.rs");
        List<String> flags = List.of("--edition", "2021", "--target", "wasm32-wasi", "-O", "-C", "strip=debuginfo");
        String version = check(List.of(rustc.toString(), "--version"), Map.of(), 60).out().strip();
        return cached("probe-rust-core.wasm", List.of(source), version + flags, out -> check(
                command(rustc, flags, source, "-o", out), Map.of(), 600));
    }

    /** The Go probe as a command component. */
    public static Path goProbe() {
        return componentize("probe-go.wasm", goProbeCore());
    }

    /** The Go probe's core module ({@code GOOS=wasip1}, initial memory raised to {@link #GO_INITIAL_PAGES}). */
    public static Path goProbeCore() {
        Path go = go();
        Path source = resources().resolve("go/probe.go");
        Map<String, String> env = goEnv();
        String version = check(List.of(go.toString(), "version"), env, 60).out().strip();
        List<String> flags = List.of("-trimpath");
        return cached("probe-go-core.wasm", List.of(source), version + flags + " memory " + GO_INITIAL_PAGES, out -> {
            check(command(go, "build", flags, "-o", out, source), env, 900);
            Files.write(out, withInitialMemory(Files.readAllBytes(out), GO_INITIAL_PAGES));
        });
    }

    /**
     * The initial memory given to Go modules: 16 MiB. Go's runtime assumes it alone grows linear
     * memory ({@code runtime.sbrk} ignores what {@code memory.grow} returns), while the preview1
     * adapter grows memory for its own state when the main module exports no {@code cabi_realloc}
     * (which a Go command cannot: its exports cannot run during runtime start-up). The Go linker
     * makes initial memory the data plus 1 MiB, so Go's heap soon grows over the adapter's page
     * (the adapter's canary assertion fails, under jco as under Dovetail). Starting with more
     * memory puts the adapter's page above everything Go's heap uses, up to about this size.
     */
    public static final int GO_INITIAL_PAGES = 256;

    /** The core module with its (first) memory's minimum raised to at least {@code pages}. */
    public static byte[] withInitialMemory(byte[] module, int pages) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(module.length + 8);
        out.write(module, 0, 8);
        int p = 8;
        while (p < module.length) {
            int id = module[p++] & 0xff;
            long[] size = uleb(module, p);
            p = (int) size[1];
            int end = p + (int) size[0];
            if (id == 5) { // memory section: count, then limits (flags, min[, max])
                long[] count = uleb(module, p);
                int q = (int) count[1];
                int flags = module[q++] & 0xff;
                long[] min = uleb(module, q);
                q = (int) min[1];
                java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
                writeUleb(body, count[0]);
                body.write(flags);
                writeUleb(body, Math.max(min[0], pages));
                body.write(module, q, end - q);
                out.write(id);
                writeUleb(out, body.size());
                out.writeBytes(body.toByteArray());
            } else {
                out.write(id);
                writeUleb(out, size[0]);
                out.write(module, p, end - p);
            }
            p = end;
        }
        return out.toByteArray();
    }

    private static long[] uleb(byte[] b, int p) {
        long v = 0;
        int shift = 0;
        while (true) {
            int x = b[p++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            shift += 7;
            if (x < 0x80) {
                return new long[] {v, p};
            }
        }
    }

    private static void writeUleb(java.io.ByteArrayOutputStream out, long v) {
        do {
            int x = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? x | 0x80 : x);
        } while (v != 0);
    }

    /** {@code jco new CORE --wasi-command --adapt wasi_snapshot_preview1=ADAPTER -o OUT}. */
    private static Path componentize(String name, Path core) {
        Path jco = jco();
        Path adapter = commandAdapter();
        return cached(name, List.of(core, adapter), "jco new --wasi-command", out -> check(command(jco, "new", core,
                "--wasi-command", "--adapt", "wasi_snapshot_preview1=" + adapter, "-o", out), Map.of(), 600));
    }

    // ------------------------------------------------------------------ tools

    public static MissingToolException missing(String message) {
        return new MissingToolException(message);
    }

    /** Debian's rustc with the {@code wasm32-wasi} standard library (DESIGN.md, "Guest toolchains"). */
    public static Path rustc() {
        Path exe = Path.of("/usr/bin/rustc");
        if (!Files.isExecutable(exe)) {
            throw missing("/usr/bin/rustc not found: apt-get install -y rustc libstd-rust-dev-wasm32 (.ci/run does)");
        }
        Result sysroot = run(List.of(exe.toString(), "--print", "sysroot"), Map.of(), 60);
        Path lib = Path.of(sysroot.out().strip(), "lib/rustlib/wasm32-wasi");
        if (sysroot.exit() != 0 || !Files.isDirectory(lib)) {
            throw missing("rustc has no wasm32-wasi standard library (" + lib
                    + "): apt-get install -y libstd-rust-dev-wasm32 (.ci/run does)");
        }
        return exe;
    }

    /** {@code go} from the {@code PATH} (or {@code GOROOT/bin}). */
    public static Path go() {
        return onPath("go").or(() -> Optional.ofNullable(System.getenv("GOROOT"))
                        .map(r -> Path.of(r, "bin", "go")).filter(Files::isExecutable))
                .orElseThrow(() -> missing("go not found on the PATH (Go 1.21 or later builds GOOS=wasip1)"));
    }

    /** {@code node} from the {@code PATH}. */
    public static Path node() {
        return onPath("node").orElseThrow(() -> missing("node not found on the PATH (jco runs on Node)"));
    }

    /** {@code interop/node_modules/.bin/jco} (installed by {@code npm ci --prefix interop}). */
    public static Path jco() {
        node();
        Path exe = root().resolve("interop/node_modules/.bin/jco");
        if (!Files.isExecutable(exe)) {
            throw missing("jco not found at " + exe + ": install the interop tools with `npm ci --prefix interop`");
        }
        return exe;
    }

    /** The WASI preview1 command adapter shipped in the jco package. */
    public static Path commandAdapter() {
        jco();
        Path adapter = root().resolve("interop/node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.command.wasm");
        if (!Files.isRegularFile(adapter)) {
            throw missing("the preview1 command adapter is missing: " + adapter);
        }
        return adapter;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path exe = dir.isEmpty() ? null : Path.of(dir, name);
                if (exe != null && Files.isExecutable(exe)) {
                    return Optional.of(exe);
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> goEnv() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("GOOS", "wasip1", "GOARCH", "wasm",
                "GOTOOLCHAIN", "local", "CGO_ENABLED", "0"));
        if (System.getenv("GOCACHE") == null && System.getenv("HOME") == null && System.getenv("XDG_CACHE_HOME") == null) {
            env.put("GOCACHE", guests().resolve("go-cache").toString());
        }
        return env;
    }

    // ------------------------------------------------------------------ processes and cache

    /** The repository root: {@code -Ddovetail.root}, else the nearest parent of the working directory with {@code wasi/}. */
    public static Path root() {
        String prop = System.getProperty("dovetail.root");
        if (prop != null && !prop.isEmpty()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("wasi/src/test/resources/rust/probe.rs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root: set -Ddovetail.root");
    }

    static Path resources() {
        return root().resolve("wasi/src/test/resources");
    }

    /** {@code wasi/target/guests}. */
    public static Path guests() {
        return root().resolve("wasi/target/guests");
    }

    /** Runs a command, at most {@code timeoutSeconds}; output goes through files (no pipe deadlocks). */
    public static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
        return run(command, env, null, timeoutSeconds);
    }

    /** Runs a command with {@code stdin} (a file, or null for none). */
    public static Result run(List<String> command, Map<String, String> env, Path stdin, int timeoutSeconds) {
        try {
            Path tmp = Files.createDirectories(guests().resolve("tmp"));
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(guests().toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                if (stdin != null) {
                    pb.redirectInput(stdin.toFile());
                }
                pb.environment().putAll(env);
                Process p = pb.start();
                if (stdin == null) {
                    p.getOutputStream().close();
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
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
            throw new IllegalStateException(e);
        }
    }

    /** Runs a command and fails unless it succeeds. */
    public static Result check(List<String> command, Map<String, String> env, int timeoutSeconds) {
        Result r = run(command, env, timeoutSeconds);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.describe());
        }
        return r;
    }

    /** Something that writes a file at the given path. */
    interface Build {
        void to(Path out) throws IOException;
    }

    /**
     * The cached output {@code <name>-<hash>.<ext>}, built when absent. The hash covers the inputs'
     * bytes and {@code key}; a build writes a temporary file first, so a failed one leaves nothing.
     */
    static synchronized Path cached(String name, List<Path> inputs, String key, Build build) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            for (Path in : inputs) {
                sha.update(in.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(in));
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            int dot = name.lastIndexOf('.');
            String file = name.substring(0, dot) + "-" + hash + name.substring(dot);
            Path out = Files.createDirectories(guests()).resolve(file);
            if (Files.exists(out)) {
                return out;
            }
            // a unique partial file: two JVMs (the wasi tests, the benchmarks) may build at once
            Path tmp = Files.createTempFile(Files.createDirectories(guests().resolve("tmp")), "partial-", "-" + file);
            try {
                build.to(tmp);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
