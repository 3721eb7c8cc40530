package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dovetail.runtime.Val;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs each benchmark method once per engine, so that a broken benchmark fails the build; no timing here. */
class BindingsCallBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void everyPathGivesTheSameResults(String engine) {
        BindingsCallBenchmark bench = new BindingsCallBenchmark();
        bench.engine = engine;
        bench.setup();
        assertEquals(42, bench.addBindings());
        assertEquals(42, bench.addVal());
        assertEquals(42, bench.addRaw());

        byte[] bytes = bench.bytes64KiBBindings();
        assertEquals(64 * 1024, bytes.length);
        Val.List list = (Val.List) bench.bytes64KiBVal();
        byte[] fromVal = new byte[list.values().size()];
        for (int i = 0; i < fromVal.length; i++) {
            fromVal[i] = (byte) ((Val.U8) list.values().get(i)).value();
        }
        assertArrayEquals(bytes, fromVal);
        assertEquals((byte) (12345 * 31), bytes[12345]);

        String s = bench.string64KiBBindings();
        assertEquals(32 * 1024, s.length());
        assertEquals(s, bench.string64KiBVal());
        // post-return resets the guest's allocator: many calls fit in its memory
        for (int i = 0; i < 100; i++) {
            bench.bytes64KiBBindings();
            bench.string64KiBBindings();
            bench.bytes64KiBVal();
            bench.string64KiBVal();
        }
    }
}
