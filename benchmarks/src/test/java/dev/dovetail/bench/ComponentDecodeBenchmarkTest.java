package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once; no timing here. Needs componentize-qjs ({@code npm ci --prefix
 * interop}): without it the test fails on CI ({@code CI=true}) and is skipped elsewhere.
 */
class ComponentDecodeBenchmarkTest {

    @Test
    void everyBenchmarkRunsOnTheJsComponent() throws Exception {
        ComponentDecodeBenchmark bench = new ComponentDecodeBenchmark();
        try {
            bench.setup();
        } catch (Tools.MissingToolException e) {
            throw Needs.missing(e.getMessage());
        }
        assertTrue(bench.size() > 1_000_000, () -> "a componentize-qjs component is over 1 MB: " + bench.size());
        ComponentDecodeBenchmark.Throughput t = new ComponentDecodeBenchmark.Throughput();
        assertEquals(bench.size(), bench.copyBaseline(t).length);
        bench.scanBaseline(t);
        byte[] original = bench.copyBaseline(t);
        assertEquals(bench.decode(t), bench.validate(t));
        assertEquals(bench.decode(t), bench.decodeAndValidate(t));
        assertArrayEquals(original, ComponentEncoder.encode(bench.decode(t)));
        assertEquals(8 * bench.size() / 1e6, t.megabytes, 1e-6, "each of the 8 calls counts the component once");
    }
}
