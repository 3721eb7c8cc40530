package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WitCommandTest {
    private static final String GREETER = """
            package test:greeter@1.0.0;

            /// Says hello.
            interface greet {
              record person {
                name: string,
                age: u8,
              }
              hello: func(who: person) -> string;
            }

            world greeter {
              export greet;
            }
            """;

    @TempDir
    Path tmp;

    @Test
    void printsTheResolvedWitOfAFile() throws IOException {
        Path file = write("greeter.wit", GREETER);
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("package test:greeter@1.0.0;"), run::toString);
        assertTrue(run.out().contains("interface greet {"), run::toString);
        assertTrue(run.out().contains("hello: func(who: person) -> string;"), run::toString);
        assertTrue(run.out().contains("world greeter {"), run::toString);
        assertTrue(run.out().endsWith("\n"), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void printedWitParsesAgainToTheSameText() throws IOException {
        CliRun first = CliRun.of("wit", write("greeter.wit", GREETER).toString());
        assertEquals(Dovetail.OK, first.exitCode(), first::toString);
        CliRun second = CliRun.of("wit", write("printed.wit", first.out()).toString());
        assertEquals(Dovetail.OK, second.exitCode(), second::toString);
        assertEquals(first.out(), second.out());
    }

    @Test
    void jsonPrintsTheResolve() throws IOException {
        Path file = write("greeter.wit", GREETER);
        CliRun run = CliRun.of("wit", "--json", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        String json = run.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}"), run::toString);
        assertTrue(json.contains("\"worlds\""), run::toString);
        assertTrue(json.contains("\"interfaces\""), run::toString);
        assertTrue(json.contains("\"packages\""), run::toString);
        assertTrue(json.contains("\"test:greeter@1.0.0\""), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void malformedWitFailsWithFileLineAndColumn() throws IOException {
        Path file = write("bad.wit", """
                package test:bad;

                interface broken {
                  f: func(x: ) -> u32;
                }
                """);
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertTrue(Pattern.compile("bad\\.wit:4:\\d+").matcher(run.err()).find(), run::toString);
        assertNoStackTrace(run);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void unresolvedNameFailsWithFileLineAndColumn() throws IOException {
        Path file = write("undefined.wit", """
                package test:bad;

                interface i {
                  type t = nonexistent;
                }
                """);
        CliRun run = CliRun.of("wit", "--json", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("undefined.wit:4:12"), run::toString);
        assertTrue(run.err().contains("nonexistent"), run::toString);
        assertNoStackTrace(run);
        assertEquals("", run.out(), run::toString);
    }

    @Test
    void missingPathFailsWithAClearMessage() {
        Path missing = tmp.resolve("does-not-exist.wit");
        CliRun run = CliRun.of("wit", missing.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("no such file or directory"), run::toString);
        assertTrue(run.err().contains("does-not-exist.wit"), run::toString);
        assertNoStackTrace(run);
    }

    @Test
    void missingDepsFolderFailsWithAClearMessage() throws IOException {
        Path file = write("greeter.wit", GREETER);
        CliRun run = CliRun.of("wit", "--deps", tmp.resolve("no-deps").toString(), file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--deps"), run::toString);
        assertTrue(run.err().contains("no-deps"), run::toString);
        assertNoStackTrace(run);
    }

    @Test
    void featuresSelectUnstableItems() throws IOException {
        Path file = write("gated.wit", """
                package test:gated@0.1.0;

                interface api {
                  plain: func();
                  @unstable(feature = fancy)
                  fancy: func();
                  @unstable(feature = other)
                  other: func();
                }
                """);
        CliRun none = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, none.exitCode(), none::toString);
        assertTrue(none.out().contains("plain: func();"), none::toString);
        assertFalse(none.out().contains("fancy: func();"), none::toString);

        CliRun one = CliRun.of("wit", "--features", "fancy", file.toString());
        assertEquals(Dovetail.OK, one.exitCode(), one::toString);
        assertTrue(one.out().contains("fancy: func();"), one::toString);
        assertFalse(one.out().contains("other: func();"), one::toString);

        CliRun list = CliRun.of("wit", "--features", "fancy,other", file.toString());
        assertEquals(Dovetail.OK, list.exitCode(), list::toString);
        assertTrue(list.out().contains("fancy: func();"), list::toString);
        assertTrue(list.out().contains("other: func();"), list::toString);

        CliRun all = CliRun.of("wit", "--all-features", file.toString());
        assertEquals(Dovetail.OK, all.exitCode(), all::toString);
        assertEquals(list.out(), all.out());
    }

    @Test
    void severalRootPackagesArePrintedNested() throws IOException {
        Path file = write("nested.wit", """
                package test:outer;

                package test:inner {
                  interface types {
                    type id = u64;
                  }
                }

                interface uses-inner {
                  use test:inner/types.{id};
                  get: func() -> id;
                }
                """);
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("package test:inner {"), run::toString);
        assertTrue(run.out().contains("package test:outer"), run::toString);
        assertTrue(run.out().contains("interface uses-inner {"), run::toString);
    }

    @Test
    void printsWasiCliWithTheWasiFolderAsDeps() {
        Path wasi = sharedWasi();
        CliRun run = CliRun.of("wit", "--deps", wasi.toString(), wasi.resolve("cli").toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("package wasi:cli@0.2.12;"), run::toString);
        assertTrue(run.out().contains("world command {"), run::toString);
        assertTrue(run.out().contains("interface environment {"), run::toString);
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void wasiHttpIsFoundThroughSeveralDepsFolders() {
        Path wasi = sharedWasi();
        // an empty deps folder first: the resolver has to keep looking in the next one
        Path empty = tmp.resolve("empty-deps");
        try {
            Files.createDirectories(empty);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CliRun run = CliRun.of("wit", "--json", "--deps", empty.toString(), "--deps", wasi.toString(),
                wasi.resolve("http").toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"wasi:http@0.2.12\""), run::toString);
        assertTrue(run.out().contains("\"wasi:io@0.2.12\""), run::toString);
    }

    /** --wasm writes the package as a binary; `dovetail wit` of that binary prints the package again (less docs). */
    @Test
    void wasmWritesTheEncodedPackage() throws IOException {
        Path wasi = sharedWasi();
        Path out = tmp.resolve("http.wasm");
        CliRun run = CliRun.of("wit", "--wasm", "-o", out.toString(), "--deps", wasi.toString(), wasi.resolve("http").toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals("", run.out(), run::toString);
        byte[] bytes = Files.readAllBytes(out);
        // a component (layer 1), not a core module
        assertEquals(0x0d, bytes[4]);
        CliRun back = CliRun.of("wit", out.toString());
        assertEquals(Dovetail.OK, back.exitCode(), back::toString);
        assertTrue(back.out().contains("package wasi:http@0.2.12;"), back::toString);
        assertTrue(back.out().contains("world proxy {"), back::toString);
        assertTrue(back.out().contains("handle: func(request: incoming-request, response-out: response-outparam);"), back::toString);

        Path greeter = tmp.resolve("greeter.wasm");
        CliRun small = CliRun.of("wit", "--wasm", "-o", greeter.toString(), write("greeter.wit", GREETER).toString());
        assertEquals(Dovetail.OK, small.exitCode(), small::toString);
        CliRun printed = CliRun.of("wit", greeter.toString());
        assertEquals(CliRun.of("wit", tmp.resolve("greeter.wit").toString()).out().replace("/// Says hello.\n", ""), printed.out());
    }

    @Test
    void wasmNeedsAnOutputAndWitText() throws IOException {
        Path file = write("greeter.wit", GREETER);
        CliRun noOut = CliRun.of("wit", "--wasm", file.toString());
        assertTrue(noOut.exitCode() != Dovetail.OK, noOut::toString);
        assertTrue(noOut.err().contains("--wasm needs -o"), noOut::toString);
        Path out = tmp.resolve("g.wasm");
        assertEquals(Dovetail.OK, CliRun.of("wit", "--wasm", "-o", out.toString(), file.toString()).exitCode());
        CliRun again = CliRun.of("wit", "--wasm", "-o", tmp.resolve("h.wasm").toString(), out.toString());
        assertTrue(again.exitCode() != Dovetail.OK, again::toString);
        assertTrue(again.err().contains("already a binary"), again::toString);
        assertNoStackTrace(again);
        assertFalse(Files.exists(tmp.resolve("h.wasm")));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static void assertNoStackTrace(CliRun run) {
        assertFalse(run.err().contains("\tat "), run::toString);
        assertFalse(run.err().contains("Exception"), run::toString);
    }

    /** ../shared/wit/wasi-0.2.12 beside the project; a missing folder fails the test (no skip). */
    private static Path sharedWasi() {
        String root = System.getProperty("dovetail.root", ".");
        Path wasi = Path.of(root).resolve("../shared/wit/wasi-0.2.12").normalize();
        if (!Files.isDirectory(wasi)) {
            fail("the WASI 0.2.12 WIT packages are missing: expected " + wasi
                    + " (../shared beside the project root)");
        }
        return wasi;
    }
}
