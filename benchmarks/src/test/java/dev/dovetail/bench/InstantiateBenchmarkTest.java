package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
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
        } catch (JsGuest.ToolMissingException e) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(e.getMessage());
            }
            Assumptions.abort(e.getMessage());
        }
        assertTrue(bench.instantiateJsComponent().exports().contains("greet"));
    }
}
