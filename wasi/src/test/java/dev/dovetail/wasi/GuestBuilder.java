package dev.dovetail.wasi;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The test guests: the probe program of {@code wasi/src/test/resources/{rust,go}}, compiled to a
 * WASI preview1 core module (Debian's {@code /usr/bin/rustc} for {@code wasm32-wasi}; Go's
 * {@code GOOS=wasip1}) and made a {@code wasi:cli/command} component with the preview1 command
 * adapter of the pinned jco ({@code jco new --wasi-command --adapt}). Outputs are cached in
 * {@code wasi/target/guests}, named by a hash of their inputs and tool versions. A missing tool
 * throws {@link Tools.MissingToolException}. Free of JUnit: the benchmarks use it too ({@link Guests}
 * is the tests' face of it).
 */
public final class GuestBuilder {
    private GuestBuilder() {}

    /** {@code wasi/target/guests}. */
    private static BuildCache cache() {
        return BuildCache.in(root().resolve("wasi/target/guests"));
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
        return cache().get("probe-rust-core.wasm", List.of(source), version + flags, out -> check(
                Processes.command(rustc, flags, source, "-o", out), Map.of(), 600));
    }

    /** The Go probe as a command component. */
    public static Path goProbe() {
        return componentize("probe-go.wasm", goProbeCore());
    }

    /** The Go probe's core module ({@code GOOS=wasip1}, initial memory raised to {@link #GO_INITIAL_PAGES}). */
    public static Path goProbeCore() {
        Path go = go();
        Path source = resources().resolve("go/probe.go");
        Map<String, String> env = Tools.goEnv(guests().resolve("go-cache"));
        String version = check(List.of(go.toString(), "version"), env, 60).out().strip();
        List<String> flags = List.of("-trimpath");
        String key = version + flags + " memory " + GO_INITIAL_PAGES;
        return cache().get("probe-go-core.wasm", List.of(source), key, out -> {
            check(Processes.command(go, "build", flags, "-o", out, source), env, 900);
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
        return cache().get(name, List.of(core, adapter), "jco new --wasi-command", out -> check(Processes.command(jco,
                "new", core, "--wasi-command", "--adapt", "wasi_snapshot_preview1=" + adapter, "-o", out), Map.of(), 600));
    }

    // ------------------------------------------------------------------ tools

    /** Debian's rustc with the {@code wasm32-wasi} standard library (DESIGN.md, "Guest toolchains"). */
    public static Path rustc() {
        return Tools.rustc("wasm32-wasi");
    }

    /** {@code go} from the {@code PATH} (or {@code GOROOT/bin}). */
    public static Path go() {
        return Tools.go();
    }

    /** {@code node} from the {@code PATH}. */
    public static Path node() {
        return Tools.node();
    }

    /** {@code interop/node_modules/.bin/jco} (installed by {@code npm ci --prefix interop}). */
    public static Path jco() {
        return Tools.jco();
    }

    /** The WASI preview1 command adapter shipped in the jco package. */
    public static Path commandAdapter() {
        return Tools.preview1Adapter("command");
    }

    // ------------------------------------------------------------------ processes and cache

    /** The repository root ({@link Tools#root()}). */
    public static Path root() {
        return Tools.root();
    }

    static Path resources() {
        return root().resolve("wasi/src/test/resources");
    }

    /** {@code wasi/target/guests}, created if absent. */
    public static Path guests() {
        return cache().dir();
    }

    /** Runs a command in {@link #guests()}, no input, at most {@code timeoutSeconds}. */
    public static Processes.Result run(List<String> command, Map<String, String> env, int timeoutSeconds) {
        return run(command, env, null, timeoutSeconds);
    }

    /** Runs a command in {@link #guests()} with {@code stdin} (a file, or null for none). */
    public static Processes.Result run(List<String> command, Map<String, String> env, Path stdin, int timeoutSeconds) {
        return Processes.run(command, guests(), env, stdin, timeoutSeconds);
    }

    /** Runs a command in {@link #guests()} and throws unless it succeeds. */
    public static Processes.Result check(List<String> command, Map<String, String> env, int timeoutSeconds) {
        return Processes.check(command, guests(), env, timeoutSeconds);
    }
}
