package dev.dovetail.bench;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.compose.Componentizer;
import dev.dovetail.compose.PackageResolver;
import dev.dovetail.compose.Plug;
import dev.dovetail.compose.SampleGuests;
import dev.dovetail.compose.Wac;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Composing the three samples of the compose module (Rust {@code math}, Go {@code text} through the
 * preview1 adapter, the componentize-qjs {@code app}; together about 3.6 MB) into one component, by
 * {@link Plug} and by the sample WAC file, and making the Rust and Go core modules components.
 * Inputs are in memory (the WAC resolver serves bytes, not files). The baseline is what any
 * composition has to do at least: decode and validate its three inputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ComposeBenchmark {
    private byte[] rust;
    private byte[] go;
    private byte[] js;
    private String wac;
    private PackageResolver packages;
    private byte[] rustCore;
    private byte[] goCore;
    private byte[] adapter;
    private SampleGuests.World mathWorld;
    private SampleGuests.World textWorld;

    @Setup
    public void setup() {
        rust = read(SampleGuests.rustComponent());
        go = read(SampleGuests.goComponent());
        js = read(SampleGuests.jsComponent());
        rustCore = read(SampleGuests.rustCore());
        goCore = read(SampleGuests.goCore());
        adapter = read(SampleGuests.reactorAdapter());
        mathWorld = SampleGuests.world("math-provider");
        textWorld = SampleGuests.world("text-provider");
        try {
            wac = Files.readString(SampleGuests.wac());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, byte[]> byName = Map.of("dovetail:math", rust, "dovetail:text", go, "dovetail:app", js);
        packages = (name, version) -> Optional.ofNullable(byName.get(name));
    }

    /** The bytes of the three inputs together. */
    public long inputSize() {
        return (long) rust.length + go.length + js.length;
    }

    @Benchmark
    public int decodeAndValidateInputs() {
        int sections = 0;
        for (byte[] input : List.of(rust, go, js)) {
            var component = ComponentDecoder.decode(input);
            ComponentValidator.validate(component);
            sections += component.sections().size();
        }
        return sections;
    }

    @Benchmark
    public byte[] plug() {
        return Plug.plug(js, List.of(rust, go));
    }

    @Benchmark
    public byte[] wac() {
        return Wac.compose(wac, Path.of("app.wac"), packages);
    }

    @Benchmark
    public byte[] componentizeRust() {
        return Componentizer.builder().wit(mathWorld.resolve(), mathWorld.id()).build().componentize(rustCore);
    }

    @Benchmark
    public byte[] componentizeGo() {
        return Componentizer.builder().wit(textWorld.resolve(), textWorld.id())
                .adapter("wasi_snapshot_preview1", adapter).build().componentize(goCore);
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
