package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each benchmark method once per engine, so that a broken benchmark fails the build; no timing here. */
class ComponentCallBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void bothPathsGiveTheSameResults(String engine) {
        ComponentCallBenchmark bench = new ComponentCallBenchmark();
        bench.engine = engine;
        bench.setup();
        assertEquals(42, bench.addVal());
        assertEquals(42, bench.addRaw());
        String small = bench.echo1KiBVal();
        assertEquals(1024, small.length());
        assertEquals(small, bench.echo1KiBRaw());
        String large = bench.echo64KiBVal();
        assertEquals(32 * 1024, large.length());
        assertEquals(large, bench.echo64KiBRaw());
        // post-return resets the guest's allocator: many calls fit in its memory
        for (int i = 0; i < 100; i++) {
            bench.echo64KiBVal();
            bench.echo64KiBRaw();
        }
    }
}
