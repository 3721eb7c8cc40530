package dev.dovetail.bench;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding and validating a real component: the JavaScript guest built by componentize-qjs
 * ({@link JsGuest}, about 1.6 MB, mostly core module bytes, with three nested components). Each
 * benchmark also counts the bytes it went through, which JMH reports as the secondary result
 * {@code :megabytes} in MB/s; the baselines read the same bytes without understanding them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComponentDecodeBenchmark {
    private byte[] bytes;
    private Component decoded;

    /** The megabytes gone through in an iteration; JMH divides them by the iteration's time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Throughput {
        public double megabytes;

        @Setup(Level.Iteration)
        public void reset() {
            megabytes = 0;
        }
    }

    @Setup
    public void setup() throws IOException {
        bytes = Files.readAllBytes(JsGuest.component());
        decoded = ComponentDecoder.decode(bytes);
        ComponentValidator.validate(decoded);
    }

    /** Baseline: a copy of the bytes (what a decoder that kept everything as byte arrays would cost at least). */
    @Benchmark
    public byte[] copyBaseline(Throughput t) {
        byte[] copy = bytes.clone();
        t.megabytes += bytes.length / 1e6;
        return copy;
    }

    /** Baseline: one pass over the bytes that looks at each of them (a checksum). */
    @Benchmark
    public int scanBaseline(Throughput t) {
        int sum = 0;
        for (byte b : bytes) {
            sum = 31 * sum + b;
        }
        t.megabytes += bytes.length / 1e6;
        return sum;
    }

    /** {@link ComponentDecoder#decode} alone. */
    @Benchmark
    public Component decode(Throughput t) {
        Component c = ComponentDecoder.decode(bytes);
        t.megabytes += bytes.length / 1e6;
        return c;
    }

    /** {@link ComponentValidator#validate} alone, on the component decoded in the setup. */
    @Benchmark
    public Component validate(Throughput t) {
        ComponentValidator.validate(decoded);
        t.megabytes += bytes.length / 1e6;
        return decoded;
    }

    /** What loading a component costs before any core module is compiled: decode, then validate. */
    @Benchmark
    public Component decodeAndValidate(Throughput t) {
        Component c = ComponentDecoder.decode(bytes);
        ComponentValidator.validate(c);
        t.megabytes += bytes.length / 1e6;
        return c;
    }

    int size() {
        return bytes.length;
    }
}
