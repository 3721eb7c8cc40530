package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method once; no timing here. */
class ComposeBenchmarkTest {

    @Test
    void everyBenchmarkComposesTheSamples() {
        ComposeBenchmark bench = new ComposeBenchmark();
        bench.setup();
        assertTrue(bench.decodeAndValidateInputs() > 3);
        byte[] plugged = bench.plug();
        byte[] composed = bench.wac();
        for (byte[] out : new byte[][] {plugged, composed, bench.componentizeRust(), bench.componentizeGo()}) {
            ComponentValidator.validate(ComponentDecoder.decode(out));
        }
        assertTrue(plugged.length > bench.inputSize() && plugged.length < bench.inputSize() * 1.02);
        assertTrue(composed.length > bench.inputSize() && composed.length < bench.inputSize() * 1.02);
        assertArrayEquals(bench.componentizeGo(), bench.componentizeGo(), "componentize is deterministic");
    }
}
