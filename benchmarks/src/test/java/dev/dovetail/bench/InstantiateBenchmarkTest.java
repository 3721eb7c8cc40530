package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Tools;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the benchmark method once per engine. Needs componentize-qjs ({@code npm ci --prefix
 * interop}): without it the test fails on CI ({@code CI=true}) and is skipped elsewhere.
 */
class InstantiateBenchmarkTest {

    @ParameterizedTest
    @ValueSource(strings = {"interpreter", "compiler"})
    void instantiatesTheJsComponent(String engine) {
        InstantiateBenchmark bench = new InstantiateBenchmark();
        bench.engine = engine;
        try {
            bench.setup();
        } catch (Tools.MissingToolException e) {
            throw Needs.missing(e.getMessage());
        }
        assertTrue(bench.instantiateJsComponent().exports().contains("greet"));
    }
}
