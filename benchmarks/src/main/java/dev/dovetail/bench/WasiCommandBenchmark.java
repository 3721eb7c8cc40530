package dev.dovetail.bench;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.wasi.CommandResult;
import dev.dovetail.wasi.DirAccess;
import dev.dovetail.wasi.GuestBuilder;
import dev.dovetail.wasi.WasiCommand;
import dev.dovetail.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WASI command components on the {@code dovetail-wasi} host, each operation a whole run from
 * instantiation to {@code exit}: the Rust probe (Debian rustc, {@code wasm32-wasi}, preview1
 * command adapter) writing 1 MiB to stdout, reading a 1 MiB file in a read-only preopen, and
 * doing nothing (the baseline of both); the Go probe ({@code GOOS=wasip1}) printing one line,
 * that is Go's start-up. The probes are built (and cached) by the wasi module's
 * {@link GuestBuilder}; the components are loaded (and, for the compiler, compiled) in the setup.
 * Warm-up iterations are long: the Go runtime's start-up runs a lot of code once per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WasiCommandBenchmark {
    static final int MIB = 1 << 20;

    @Param({"interpreter", "compiler"})
    public String engine;

    private ComponentRuntime runtime;
    private LoadedComponent rust;
    private LoadedComponent go;
    private Path dir;

    @Setup
    public void setup() {
        runtime = ComponentRuntime.create(Engine.valueOf(engine.toUpperCase(Locale.ROOT)));
        rust = runtime.load(GuestBuilder.rustProbe());
        go = runtime.load(GuestBuilder.goProbe());
        try {
            dir = Files.createTempDirectory("dovetail-wasi-bench");
            byte[] data = new byte[MIB];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            Files.write(dir.resolve("big.bin"), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rustStartup(); // instantiates once: parses or compiles the core modules
        goStartup();
    }

    @TearDown
    public void tearDown() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Counts what the guest writes. */
    static final class Counter extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static CommandResult checked(CommandResult r) {
        if (!r.success()) {
            throw new IllegalStateException("the probe failed: " + r);
        }
        return r;
    }

    /** The Rust probe writes 1 MiB to stdout, 64 KiB per {@code fd_write}. */
    @Benchmark
    public long stdout1MiB() {
        Counter out = new Counter();
        checked(WasiCommand.run(runtime, rust, WasiConfig.builder()
                .args("probe", "stdout-bytes", String.valueOf(MIB)).stdout(out).build()));
        if (out.bytes != MIB) {
            throw new IllegalStateException("wrote " + out.bytes + " bytes");
        }
        return out.bytes;
    }

    /** The Rust probe reads a 1 MiB file from a read-only preopen ({@code std::fs::read}). */
    @Benchmark
    public String fileRead1MiB() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        checked(WasiCommand.run(runtime, rust, WasiConfig.builder()
                .args("probe", "read-size", "/data/big.bin").stdout(out)
                .preopen(dir, "/data", DirAccess.READ_ONLY).build()));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Baseline of the two above: the Rust probe's start-up, printing one line. */
    @Benchmark
    public String rustStartup() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        checked(WasiCommand.run(runtime, rust, WasiConfig.builder().args("probe", "hello").stdout(out).build()));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The Go probe from instantiation to {@code exit}: the Go runtime's start-up, printing one line. */
    @Benchmark
    public String goStartup() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        checked(WasiCommand.run(runtime, go, WasiConfig.builder().args("probe", "hello").stdout(out).build()));
        return out.toString(StandardCharsets.UTF_8);
    }
}
