package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail wast} on scripts of the Component Model reference tests in {@code ../shared}. */
class WastCommandTest {
    @TempDir
    Path tmp;

    /** {@code ../shared/conformance/component-model/json} from the project root (system property {@code dovetail.root}). */
    private static Path json() {
        String root = System.getProperty("dovetail.root");
        Path start = Path.of(root == null || root.isBlank() ? "" : root).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("../shared/conformance/component-model/json").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/conformance/component-model/json not found from " + start
                + " (set -Ddovetail.root to the project root)");
    }

    @Test
    void passingScriptPrintsItsSummary() {
        for (String engine : new String[] {"interpreter", "compiler"}) {
            CliRun r = CliRun.of("wast", "--engine", engine, json().resolve("values/strings/strings.json").toString());
            assertEquals(Dovetail.OK, r.exitCode(), r::toString);
            assertEquals("strings [" + engine + "]: 9/9 passed (assert_return 5/5, assert_trap 4/4)\n", r.out(),
                    r::toString);
            assertEquals("", r.err(), r::toString);
        }
    }

    @Test
    void aFolderStandsForTheScriptInside() {
        CliRun r = CliRun.of("wast", "-v", json().resolve("values/strings").toString());
        assertEquals(Dovetail.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("ok   strings:"), r::toString);
        assertTrue(r.out().endsWith("strings [interpreter]: 9/9 passed (assert_return 5/5, assert_trap 4/4)\n"),
                r::toString);
    }

    @Test
    void failuresAreListedAndExitWithOne() throws Exception {
        // a script of our own over src/test/resources/components/values.wasm: one wrong expectation
        try (var in = WastCommandTest.class.getResourceAsStream("/components/values.wasm")) {
            Files.write(tmp.resolve("values.wasm"), in.readAllBytes());
        }
        Path script = Files.writeString(tmp.resolve("mine.json"), """
                {"source_filename": "mine.wast", "commands": [
                  {"type": "component", "line": 1, "filename": "values.wasm", "module_type": "binary"},
                  {"type": "assert_return", "line": 2, "action": {"type": "invoke", "field": "add",
                    "args": [{"type": "u32", "value": "1"}, {"type": "u32", "value": "2"}]},
                    "expected": [{"type": "u32", "value": "3"}]},
                  {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "add",
                    "args": [{"type": "u32", "value": "1"}, {"type": "u32", "value": "2"}]},
                    "expected": [{"type": "u32", "value": "4"}]},
                  {"type": "assert_trap", "line": 4, "action": {"type": "invoke", "field": "boom", "args": []},
                    "text": "unreachable"},
                  {"type": "assert_invalid", "line": 5, "filename": "x.wasm", "text": "whatever"}
                ]}
                """);
        CliRun r = CliRun.of("wast", "--engine", "compiler", script.toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.out().startsWith("FAIL mine:3 assert_return: expected [{\"type\":\"u32\",\"value\":\"4\"}]"),
                r::toString);
        assertTrue(r.out().endsWith("mine [compiler]: 2/3 passed (assert_return 1/2, assert_trap 1/1); "
                + "1 command(s) not run (validator or unknown)\n"), r::toString);
    }

    @Test
    void validatorCommandsAreCountedAsNotRun() {
        CliRun r = CliRun.of("wast", json().resolve("async/validate-no-stream-char").toString());
        assertEquals(Dovetail.OK, r.exitCode(), r::toString);
        assertEquals("validate-no-stream-char [interpreter]: 0/0 passed; 1 command(s) not run (validator or unknown)\n",
                r.out(), r::toString);
    }

    @Test
    void badInputIsAUserError() throws Exception {
        CliRun r = CliRun.of("wast", tmp.resolve("none.json").toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no such file"), r::toString);

        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"commands\": [");
        r = CliRun.of("wast", bad.toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("malformed JSON"), r::toString);

        Path wast = Files.writeString(tmp.resolve("x.wast"), "(component)");
        r = CliRun.of("wast", wast.toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("is not a .json script"), r::toString);
    }
}
