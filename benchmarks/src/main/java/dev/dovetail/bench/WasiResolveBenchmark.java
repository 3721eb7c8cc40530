package dev.dovetail.bench;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
 * Parsing and resolving the WASI 0.2 WIT packages from {@code ../shared/wit/wasi-0.2.12}, files
 * read from disk included (as the CLI and the Maven plugin do it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WasiResolveBenchmark {
    /** A world that pulls in every WASI 0.2 interface that the two main worlds use. */
    static final String COMMAND_AND_PROXY = """
            package dovetail:bench;

            world command-and-proxy {
              include wasi:cli/command@0.2.12;
              include wasi:http/proxy@0.2.12;
            }
            """;

    private Path wasi;
    private List<Path> packageDirs;
    private List<Path> witFiles;
    private WitResolver resolver;

    @Setup
    public void setup() {
        wasi = WasiFolder.locate();
        try (Stream<Path> children = Files.list(wasi)) {
            packageDirs = children.filter(Files::isDirectory).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (packageDirs.isEmpty()) {
            throw new IllegalStateException("no WIT packages in " + wasi);
        }
        try (Stream<Path> files = Files.walk(wasi)) {
            witFiles = files.filter(f -> f.toString().endsWith(".wit")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resolver = WitResolver.builder().dependencyDirs(List.of(wasi)).build();
    }

    /**
     * Baseline: reads and decodes every {@code .wit} file of the WASI folder, the I/O that
     * {@link #resolveCommandAndProxyWorld} cannot avoid. Report the others as multiples of this.
     */
    @Benchmark
    public int readFilesBaseline() throws IOException {
        int chars = 0;
        for (Path f : witFiles) {
            chars += Files.readString(f).length();
        }
        return chars;
    }

    /**
     * Resolves each package directory (cli, clocks, filesystem, http, io, random, sockets) on its
     * own, with the WASI folder as dependency folder. Returns the number of packages resolved.
     */
    @Benchmark
    public int resolveEachPackage() {
        int packages = 0;
        for (Path dir : packageDirs) {
            packages += resolver.resolve(dir).resolve().packages().size();
        }
        return packages;
    }

    /** Resolves one world that includes {@code wasi:cli/command} and {@code wasi:http/proxy}. */
    @Benchmark
    public ResolvedWit resolveCommandAndProxyWorld() {
        return resolver.resolveSource("command-and-proxy.wit", COMMAND_AND_PROXY);
    }

    List<Path> packageDirs() {
        return packageDirs;
    }
}
