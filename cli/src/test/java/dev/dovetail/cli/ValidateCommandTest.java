package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    @Test
    void validComponentPrintsOneLine() {
        Path file = Samples.write(tmp, "ok.wasm", Samples.component());
        CliRun run = CliRun.of("validate", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals(file + ": valid component (" + Samples.component().length + " bytes)\n", run.out());
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void malformedComponentNamesByteOffsetSectionAndReason() {
        Path file = Samples.write(tmp, "short.wasm", Samples.truncated());
        CliRun run = CliRun.of("validate", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().startsWith("error: " + file + ": malformed component: "), run::toString);
        assertTrue(run.err().contains("(at byte offset "), run::toString);
        assertTrue(run.err().contains(", in type section)"), run::toString);
        assertTrue(run.err().contains("exceeds the remaining"), run::toString);
        assertTrue(run.err().lines().count() == 1, () -> "one line, no stack trace: " + run);
    }

    @Test
    void invalidComponentNamesWhereAndWhichRule() {
        Path file = Samples.write(tmp, "invalid.wasm", Samples.invalid());
        CliRun run = CliRun.of("validate", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: " + file + ": invalid component: unknown function 0: function index out of bounds "
                + "(0 defined) (at section 0 (exports) / item 0)\n", run.err());
    }

    @Test
    void coreModuleIsNotAComponent() {
        Path file = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        CliRun run = CliRun.of("validate", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("found a core module (at byte offset 4, in preamble)"), run::toString);
    }

    @Test
    void missingFile() {
        CliRun run = CliRun.of("validate", tmp.resolve("nope.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no such file: " + tmp.resolve("nope.wasm") + "\n", run.err());
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun run = CliRun.of("validate");
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
    }
}
