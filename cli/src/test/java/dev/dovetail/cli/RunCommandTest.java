package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dovetail run} on {@code src/test/resources/components/values.wat}, in both engines. */
class RunCommandTest {
    @TempDir
    static Path tmp;

    private static Path component(String name) {
        Path file = tmp.resolve(name + ".wasm");
        if (!Files.exists(file)) {
            try (InputStream in = RunCommandTest.class.getResourceAsStream("/components/" + name + ".wasm")) {
                Files.write(file, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    private static CliRun run(String engine, String call) {
        return CliRun.of("run", "--engine", engine, component("values").toString(), "--invoke", call);
    }

    /** Each call prints its result in the syntax it was written in (the functions echo their argument). */
    @ParameterizedTest
    @ValueSource(strings = {
        "echo-string(\"hé\\\"llo\\n🍰\")",
        "echo-string(\"\")",
        "id-s64(-9223372036854775808)",
        "id-u64(18446744073709551615)",
        "id-f64(-1.5e-7)",
        "id-f64(nan)",
        "id-f64(-inf)",
        "id-char('\\'')",
        "id-char('ツ')",
        "id-bool(true)",
        "echo-pairs([(1, \"a\"), (4294967295, \"b\")])",
        "echo-pairs([])",
        "echo-person({name: \"Ann\", age: 42, nick: some(\"an\")})",
        "echo-person({name: \"Bob\", age: 0, nick: none})",
        "echo-shape(circle(2.5))",
        "echo-shape(square(7))",
        "echo-shape(empty)",
        "echo-triple((-128, 0.1, 'x'))",
        "id-perms({read, exec})",
        "id-perms({})",
        "id-color(green)",
        "id-color(%none)",
        "div(7, 2)",
        "div(1, 0)",
        "first([9, 8])",
        "first([])",
        "test:cli/api#add(20, 22)"
    })
    void echoesValuesInBothEngines(String call) {
        String expected = switch (call) {
            case "test:cli/api#add(20, 22)" -> "42";
            case "div(7, 2)" -> "ok(3)";
            case "div(1, 0)" -> "err(\"division by zero\")";
            case "first([9, 8])" -> "some(9)";
            case "first([])" -> "none";
            default -> call.substring(call.indexOf('(') + 1, call.length() - 1);
        };
        for (String engine : new String[] {"interpreter", "compiler"}) {
            CliRun r = run(engine, call);
            assertEquals(Dovetail.OK, r.exitCode(), r::toString);
            assertEquals(expected + "\n", r.out(), () -> engine + " " + call + "\n" + r);
            assertEquals("", r.err(), r::toString);
        }
    }

    @Test
    void argumentsAreReadLeniently() {
        CliRun r = run("interpreter", "  add ( 1 ,2, ) ");
        assertEquals(Dovetail.OK, r.exitCode(), r::toString);
        assertEquals("3\n", r.out());
        // option fields may be left out; fields in any order
        r = run("interpreter", "echo-person({age: 3, name: \"x\",})");
        assertEquals("{name: \"x\", age: 3, nick: none}\n", r.out(), r::toString);
        r = run("interpreter", "echo-string(\"\\u{1F370}\\t\")");
        assertEquals("\"🍰\\t\"\n", r.out(), r::toString);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "add(1)| expected 2 argument(s), got 1",
        "add(1, 2, 3)| expected ')': the function takes 2 argument(s)",
        "add(-1, 2)| -1 is out of range for u32",
        "add(1.5, 2)| expected a u32 (a whole decimal number)",
        "add| expected (...) with 2 argument(s)",
        "echo-string(hello)| expected a string in \"double quotes\"",
        "echo-string(\"abc)| unterminated string",
        "id-char('ab')| a char is exactly one Unicode scalar value",
        "id-color(purple)| no case \"purple\" in enum { red, green, none }",
        "id-color(none)| \"none\" is a keyword here; write %none for the name",
        "id-perms({read, delete})| no flag \"delete\"",
        "echo-person({name: \"x\"})| missing field \"age\"",
        "echo-shape(circle)| \"circle\" needs a payload of type f64",
        "echo-shape(empty(1))| \"empty\" has no payload",
        "id-bool(yes)| expected true or false",
        "echo-string(\"\\q\")| unknown escape"
    })
    void badArgumentsPointAtTheError(String call, String message) {
        CliRun r = run("interpreter", call);
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("error: "), r::toString);
        assertTrue(r.err().contains(message), () -> "expected \"" + message + "\" in\n" + r);
        assertTrue(r.err().contains("^"), r::toString);
        assertEquals("", r.out(), r::toString);
    }

    @Test
    void aTrapExitsWithOneAndItsReason() {
        for (String engine : new String[] {"interpreter", "compiler"}) {
            CliRun r = run(engine, "boom()");
            assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
            assertTrue(r.err().startsWith("error: boom trapped [core-trap]: "), r::toString);
            assertTrue(r.err().contains("unreachable"), r::toString);
            assertTrue(r.err().contains("function boom"), r::toString);
            assertTrue(!r.err().contains("\tat "), "no stack trace: " + r);
        }
    }

    @Test
    void missingFunctionListsTheExports() {
        CliRun r = run("interpreter", "nope()");
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no exported function nope"), r::toString);
        assertTrue(r.err().contains("add: func(a: u32, b: u32) -> u32"), r::toString);
        assertTrue(r.err().contains("test:cli/api#add: func(a: u32, b: u32) -> u32"), r::toString);
    }

    @Test
    void withoutInvokeTheExportsAreListed() {
        CliRun r = CliRun.of("run", component("values").toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("nothing to call: pass --invoke"), r::toString);
        assertTrue(r.err().contains("echo-person: func(p: record { name: string, age: u8, nick: option<string> })"),
                r::toString);
    }

    @Test
    void importsAreALinkErrorThatSaysWhy() {
        CliRun r = CliRun.of("run", component("needs-import").toString(), "--invoke", "f()");
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("cannot link"), r::toString);
        assertTrue(r.err().contains("log"), r::toString);
        assertTrue(r.err().contains("supplies the WASI 0.2 interfaces and nothing else"), r::toString);
    }

    @Test
    void badFilesAreUserErrors() throws IOException {
        CliRun r = CliRun.of("run", tmp.resolve("missing.wasm").toString(), "--invoke", "f()");
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no such file"), r::toString);

        Path junk = Files.write(tmp.resolve("junk.wasm"), new byte[] {0, 'a', 's', 'm', 13, 0, 1, 0, 7});
        r = CliRun.of("run", junk.toString(), "--invoke", "f()");
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("is not a well-formed component"), r::toString);
    }

    @Test
    void helpDescribesTheValueSyntaxAndTheLimits() {
        CliRun r = CliRun.of("help", "run");
        assertEquals(Dovetail.OK, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Usage: dovetail run"), r::toString);
        assertTrue(r.out().contains("--invoke=CALL"), r::toString);
        assertTrue(r.out().contains("--engine=ENGINE"), r::toString);
        assertTrue(r.out().contains("keywords take a %."), r::toString);
        assertTrue(r.out().contains("WASI"), r::toString);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void unknownEngineIsAUsageError() {
        CliRun r = CliRun.of("run", "--engine", "jit", component("values").toString(), "--invoke", "add(1, 2)");
        assertEquals(Dovetail.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("expected interpreter or compiler"), r::toString);
    }
}
