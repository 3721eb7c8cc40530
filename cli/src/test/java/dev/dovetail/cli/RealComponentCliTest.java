package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.RealComponents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The subcommands on real components ({@link RealComponents}, from the component module's test
 * jar): the componentize-qjs JavaScript guest and the Rust guest made a component by {@code jco
 * new}. {@code dovetail wit} prints what {@code jco wit} prints (whitespace aside). These tests need
 * node, jco, componentize-qjs and Debian's rustc: they fail without them when {@code CI=true}, and
 * are skipped elsewhere.
 */
class RealComponentCliTest {
    @TempDir
    Path tmp;

    private static void witIsJcoWit(Path component) {
        String jco = RealComponents.jcoWit(component);
        CliRun run = CliRun.of("wit", component.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals(RealComponents.squash(jco), RealComponents.squash(run.out()), () -> "jco wit:\n" + jco + "\n" + run);
    }

    @Test
    void witOfTheJsComponentIsJcoWit() {
        witIsJcoWit(RealComponents.js());
    }

    @Test
    void witOfTheRustComponentIsJcoWit() {
        witIsJcoWit(RealComponents.rust());
    }

    @Test
    void realComponentsValidate() {
        for (Path c : new Path[] {RealComponents.js(), RealComponents.rust()}) {
            CliRun run = CliRun.of("validate", c.toString());
            assertEquals(Dovetail.OK, run.exitCode(), run::toString);
            assertTrue(run.out().startsWith(c + ": valid component ("), run::toString);
        }
    }

    @Test
    void inspectShowsTheComposedJsComponent() {
        CliRun run = CliRun.of("inspect", RealComponents.js().toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("│  ├─ instance wasi:cli/environment@0.2.12\n"), run::toString);
        assertTrue(run.out().contains("│  └─ instance dovetail:js-guest/shapes@0.1.0\n"), run::toString);
        assertTrue(run.out().contains(" \"main\": "), run::toString);
    }

    /** {@code dovetail embed} writes the module {@code WitEmbedder} writes, which jco accepts (RealComponentTest). */
    @Test
    void embedTheRustGuestsWorld() throws IOException {
        Path out = tmp.resolve("embedded.wasm");
        Path wit = RealComponents.rustWit();
        CliRun run = CliRun.of("embed", "--wit", wit.getParent().toString(), "--world", RealComponents.RUST_WORLD,
                RealComponents.rustCore().toString(), "-o", out.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertArrayEquals(RealComponents.rustEmbedded(), Files.readAllBytes(out));
    }
}
