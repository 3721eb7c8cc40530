package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.compose.SampleGuests;
import dev.dovetail.wasi.GuestBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dovetail new} on the Rust and Go samples of the compose module: the components are the
 * ones the compose tests link and run, {@code jco transpile} accepts them and {@code jco wit} shows
 * the intended worlds.
 */
class NewCommandTest {
    @TempDir
    Path tmp;

    private static String jco(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(GuestBuilder.jco().toString()));
        command.addAll(List.of(args));
        return GuestBuilder.check(command, Map.of(), 300).out();
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    @Test
    void rustModuleBecomesTheMathProvider() throws IOException {
        Path out = tmp.resolve("math.wasm");
        CliRun run = CliRun.of("new", SampleGuests.rustCore().toString(), "--wit", SampleGuests.wit().toString(),
                "--world", "math-provider", "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] bytes = Files.readAllBytes(out);
        ComponentValidator.validate(ComponentDecoder.decode(bytes));
        assertArrayEquals(Files.readAllBytes(SampleGuests.rustComponent()), bytes, "the CLI wraps Componentizer");

        String wit = squash(jco("wit", out.toString()));
        assertTrue(wit.contains("export dovetail:samples/math@0.1.0;"), wit);
        assertFalse(wit.contains(" import "), "the Rust sample imports nothing: " + wit);
        jco("transpile", out.toString(), "-o", tmp.resolve("math-js").toString());
        assertTrue(Files.isRegularFile(tmp.resolve("math-js/math.js")));
    }

    @Test
    void goReactorIsAdaptedIntoTheTextProvider() throws IOException {
        Path out = tmp.resolve("text.wasm");
        CliRun run = CliRun.of("new", SampleGuests.goCore().toString(), "--wit", SampleGuests.wit().toString(),
                "--world", "text-provider", "--adapt", "wasi_snapshot_preview1=" + SampleGuests.reactorAdapter(),
                "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        byte[] bytes = Files.readAllBytes(out);
        ComponentValidator.validate(ComponentDecoder.decode(bytes));
        assertArrayEquals(Files.readAllBytes(SampleGuests.goComponent()), bytes, "the CLI wraps Componentizer");

        String wit = squash(jco("wit", out.toString()));
        assertTrue(wit.contains("export dovetail:samples/text@0.1.0;"), wit);
        // Go's runtime writes through preview1, which the adapter maps to these WASI 0.2 interfaces
        for (String used : List.of("import wasi:io/streams@", "import wasi:cli/stdout@", "import wasi:random/random@",
                "import wasi:clocks/monotonic-clock@")) {
            assertTrue(wit.contains(used), used + " in " + wit);
        }
        jco("transpile", out.toString(), "-o", tmp.resolve("text-js").toString());
        assertTrue(Files.isRegularFile(tmp.resolve("text-js/text.js")));
    }

    @Test
    void adapterNameDefaultsToTheFileNameUpToItsFirstDot() throws IOException {
        Path adapter = Files.copy(SampleGuests.reactorAdapter(), tmp.resolve("wasi_snapshot_preview1.reactor.wasm"));
        Path out = tmp.resolve("text.wasm");
        CliRun run = CliRun.of("new", SampleGuests.goCore().toString(), "--wit", SampleGuests.wit().toString(),
                "--world", "text-provider", "--adapt", adapter.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertArrayEquals(Files.readAllBytes(SampleGuests.goComponent()), Files.readAllBytes(out));
    }

    @Test
    void preview1ModuleWithoutAdapterFailsAndWritesNothing() {
        Path out = tmp.resolve("text.wasm");
        CliRun run = CliRun.of("new", SampleGuests.goCore().toString(), "--wit", SampleGuests.wit().toString(),
                "--world", "text-provider", "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: ") && run.err().contains("wasi_snapshot_preview1"), run::toString);
        assertFalse(Files.exists(out));
    }

    @Test
    void worldNeedsWit() {
        CliRun run = CliRun.of("new", SampleGuests.rustCore().toString(), "--world", "math-provider", "-o",
                tmp.resolve("x.wasm").toString());
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--world needs --wit"), run::toString);
    }
}
