package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    Path tmp;

    @Test
    void printsATree() {
        byte[] bytes = Samples.component();
        Path file = Samples.write(tmp, "sample.wasm", bytes);
        CliRun run = CliRun.of("inspect", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals(file + ": component, " + bytes.length + " bytes\n"
                + "├─ imports (2)\n"
                + "│  ├─ instance wasi:io/poll@0.2.0\n"
                + "│  └─ func f\n"
                + "├─ exports (1)\n"
                + "│  └─ func f2\n"
                + "├─ core modules (1)\n"
                + "│  └─ module 0: 15 bytes\n"
                + "├─ components (1)\n"
                + "│  └─ component 0 \"inner\": 48 bytes\n"
                + "│     ├─ imports (1)\n"
                + "│     │  └─ func g\n"
                + "│     ├─ exports (0)\n"
                + "│     ├─ core modules (0)\n"
                + "│     ├─ components (0)\n"
                + "│     └─ custom sections (1)\n"
                + "│        └─ component-name: 8 bytes\n"
                + "└─ custom sections (1)\n"
                + "   └─ component-name: 25 bytes\n", run.out());
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void printsJson() {
        byte[] bytes = Samples.component();
        Path file = Samples.write(tmp, "sample.wasm", bytes);
        CliRun run = CliRun.of("inspect", "--json", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        String json = run.out();
        assertTrue(json.startsWith("{\n  \"file\": " + ComponentSummary.string(file.toString()) + ",\n  \"size\": "
                + bytes.length + ",\n  \"name\": null,\n"), json);
        assertTrue(json.contains("{\"kind\": \"instance\", \"name\": \"wasi:io/poll@0.2.0\"}"), json);
        assertTrue(json.contains("\"core_modules\": [\n    {\"index\": 0, \"name\": null, \"size\": 15}\n  ]"), json);
        assertTrue(json.contains("\"index\": 0,\n      \"name\": \"inner\",\n      \"size\": 48,"), json);
        assertTrue(json.contains("\"custom_sections\": [\n    {\"name\": \"component-name\", \"size\": 25}\n  ]\n}\n"), json);
        assertEquals(count(json, '{'), count(json, '}'));
        assertEquals(count(json, '['), count(json, ']'));
    }

    @Test
    void jsonStringsAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", ComponentSummary.string("a\"b\\c\n\u0001"));
    }

    @Test
    void malformedComponentNamesTheLocation() {
        Path file = Samples.write(tmp, "short.wasm", Samples.truncated());
        CliRun run = CliRun.of("inspect", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        assertTrue(run.err().startsWith("error: " + file + ": malformed component: "), run::toString);
        assertTrue(run.err().contains("(at byte offset 9, in type section)"), run::toString);
    }

    @Test
    void missingFile() {
        CliRun run = CliRun.of("inspect", tmp.resolve("nope.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no such file: " + tmp.resolve("nope.wasm") + "\n", run.err());
    }

    @Test
    void directoryIsNotAFile() {
        CliRun run = CliRun.of("inspect", tmp.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: " + tmp + ": is a directory, not a .wasm file\n", run.err());
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
