package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DovetailTest {

    @Test
    void versionPrintsTheProjectVersion() {
        CliRun run = CliRun.of("--version");
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("dovetail 0."), run::toString);
        assertTrue(!run.out().contains("${"), "version.properties must be filtered: " + run);
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.of("--help");
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Usage: dovetail"), run::toString);
        assertTrue(run.out().contains("wit"), run::toString);
    }

    @Test
    void helpSubcommandDescribesWit() {
        CliRun run = CliRun.of("help", "wit");
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("Usage: dovetail wit"), run::toString);
        assertTrue(run.out().contains("--json"), run::toString);
        assertTrue(run.out().contains("--deps"), run::toString);
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun run = CliRun.of();
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Missing required subcommand"), run::toString);
        assertTrue(run.err().contains("Usage: dovetail"), run::toString);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = CliRun.of("wit", "--no-such-option", "x.wit");
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--no-such-option"), run::toString);
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRun run = CliRun.of("frobnicate");
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("frobnicate"), run::toString);
    }
}
