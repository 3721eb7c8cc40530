package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.compose.Fixtures;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Val;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail plug} and {@code dovetail compose}: results that run, and errors that leave no file. */
class ComposeCommandTest {
    @TempDir
    Path tmp;

    private Path socket;
    private Path adder;
    private Path wide;

    @BeforeEach
    void inputs() throws IOException {
        socket = Files.write(tmp.resolve("socket.wasm"), Fixtures.wasm("socket"));
        adder = Files.write(tmp.resolve("adder.wasm"), Fixtures.wasm("adder"));
        wide = Files.write(tmp.resolve("adder-wide.wasm"), Fixtures.wasm("adder-wide"));
    }

    /** Files in {@code tmp} that the test did not write: the output, or nothing after a failure. */
    private List<String> produced() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".wasm") || n.equals("out.wasm"))
                    .filter(n -> !n.endsWith(".wac")).sorted().toList();
        }
    }

    private static long twiceSum(Path composed, long a, long b) throws IOException {
        byte[] bytes = Files.readAllBytes(composed);
        ComponentValidator.validate(ComponentDecoder.decode(bytes));
        ComponentRuntime rt = ComponentRuntime.create();
        ComponentInstance app = rt.instantiate(rt.load(bytes));
        Val r = app.func("twice-sum").call(new Val.U32(a), new Val.U32(b)).orElseThrow();
        return ((Val.U32) r).value();
    }

    @Test
    void plugWritesAComponentThatRuns() throws IOException {
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("plug", socket.toString(), "--plug", adder.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(14, twiceSum(out, 3, 4));
        assertEquals(List.of("out.wasm"), produced());
    }

    @Test
    void composeWritesWhatTheWacFileSays() throws IOException {
        Path wac = Files.writeString(tmp.resolve("app.wac"), """
                package test:app;

                let math = new test:adder {};
                let app = new test:socket { "dovetail:samples/math@0.1.0": math["dovetail:samples/math@0.1.0"] };
                export app["twice-sum"];
                """);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("compose", wac.toString(), "--dep", "test:adder=" + adder, "--dep",
                "test:socket=" + socket, "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(2000, twiceSum(out, 400, 600));
    }

    @Test
    void composeFindsPackagesInADepsFolder() throws IOException {
        Path deps = Files.createDirectories(tmp.resolve("deps/test"));
        Files.copy(adder, deps.resolve("adder.wasm"));
        Files.copy(socket, deps.resolve("socket.wasm"));
        Path wac = Files.writeString(tmp.resolve("app.wac"), """
                package test:app;
                let app = new test:socket { "dovetail:samples/math@0.1.0": new test:adder {}["dovetail:samples/math@0.1.0"] };
                export app["twice-sum"];
                """);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("compose", wac.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(10, twiceSum(out, 2, 3));
    }

    private void assertFails(CliRun run, String... fragments) throws IOException {
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        for (String f : fragments) {
            assertTrue(run.err().contains(f), () -> "expected `" + f + "` in\n" + run);
        }
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertEquals(List.of(), produced(), "a failed run leaves no file behind");
    }

    @Test
    void typeMismatchNamesBothEndsAndTheType() throws IOException {
        Path out = tmp.resolve("out.wasm");
        assertFails(CliRun.of("plug", socket.toString(), "--plug", wide.toString(), "-o", out.toString()),
                "import `dovetail:samples/math@0.1.0`", "export `dovetail:samples/math@0.1.0` of instance",
                "parameter `b`", "expected u32, found u64");
    }

    @Test
    void missingImportIsNamed() throws IOException {
        Path wac = Files.writeString(tmp.resolve("app.wac"), """
                package test:app;
                let app = new test:socket {};
                export app["twice-sum"];
                """);
        assertFails(CliRun.of("compose", wac.toString(), "--dep", "test:socket=" + socket, "-o",
                tmp.resolve("out.wasm").toString()), "app.wac:2:15", "dovetail:samples/math@0.1.0");
    }

    @Test
    void unknownPackageIsNamedWithItsLocation() throws IOException {
        Path wac = Files.writeString(tmp.resolve("app.wac"), """
                package test:app;

                let app = new test:nowhere {};
                """);
        assertFails(CliRun.of("compose", wac.toString(), "-o", tmp.resolve("out.wasm").toString()),
                "app.wac:3:15", "test:nowhere");
    }

    @Test
    void malformedWacGivesFileLineColumn() throws IOException {
        Path wac = Files.writeString(tmp.resolve("app.wac"), """
                package test:app;
                let = new test:adder {};
                """);
        assertFails(CliRun.of("compose", wac.toString(), "--dep", "test:adder=" + adder, "-o",
                tmp.resolve("out.wasm").toString()), "app.wac:2:5");
    }

    @Test
    void anExistingOutputSurvivesAFailedRun() throws IOException {
        Path out = Files.writeString(tmp.resolve("out.wasm"), "previous");
        CliRun run = CliRun.of("plug", socket.toString(), "--plug", wide.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("previous", Files.readString(out));
    }
}
