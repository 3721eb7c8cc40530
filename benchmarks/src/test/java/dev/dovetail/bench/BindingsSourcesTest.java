package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dovetail.codegen.JavaBindgen;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link BindingsCallBenchmark} calls its component through bindings generated from
 * {@code bindings.wit} and checked in under {@code src/main/java/dev/dovetail/bench/bindings/}
 * (so that the benchmark builds without a generation step). This test fails when they differ
 * from what {@link JavaBindgen} generates now; {@code -Dbless=true} rewrites them, as does
 * {@code dovetail bindgen --wit benchmarks/src/main/resources/dev/dovetail/bench/bindings.wit
 * --package dev.dovetail.bench.bindings -o benchmarks/src/main/java}.
 */
class BindingsSourcesTest {
    static final String PACKAGE = "dev.dovetail.bench.bindings";

    static Path module() {
        String root = System.getProperty("dovetail.root");
        return (root != null ? Path.of(root).resolve("benchmarks") : Path.of("")).toAbsolutePath().normalize();
    }

    @Test
    void checkedInBindingsAreWhatTheGeneratorWrites() throws IOException {
        Path wit = module().resolve("src/main/resources/dev/dovetail/bench/bindings.wit");
        ResolvedWit resolved = WitResolver.builder().build().resolve(wit);
        int world = resolved.resolve().pkg(resolved.mainPackage()).worlds().get("bench-calls");
        Map<String, String> expected = new TreeMap<>(JavaBindgen.generate(resolved.resolve(), world,
                new JavaBindgen.Options(PACKAGE)));
        Path sources = module().resolve("src/main/java");
        Path dir = sources.resolve(PACKAGE.replace('.', '/'));
        if (Boolean.getBoolean("bless")) {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path old : s.toList()) {
                    Files.delete(old);
                }
            }
            for (Map.Entry<String, String> f : expected.entrySet()) {
                Files.writeString(sources.resolve(f.getKey()), f.getValue());
            }
        }
        Map<String, String> actual = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    actual.put(sources.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        }
        assertEquals(expected.keySet(), actual.keySet(), "rerun with -Dbless=true to regenerate");
        for (String path : expected.keySet()) {
            assertEquals(expected.get(path), actual.get(path), path + " is stale: rerun with -Dbless=true to regenerate");
        }
    }
}
