package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedCommandTest {
    private static final String WIT = """
            package test:embed@1.2.0;

            interface logging {
              log: func(message: string);
            }

            world app {
              import logging;
              export run: func(args: list<string>) -> result<_, string>;
            }

            world other {
              export ping: func() -> u32;
            }
            """;

    @TempDir
    Path tmp;

    private Path witDir() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("wit"));
        Samples.write(dir, "embed.wit", WIT);
        return dir;
    }

    private static byte[] expected(Path witDir, String world, CanonOpt.StringEncoding encoding) {
        ResolvedWit wit = WitResolver.builder().build().resolve(witDir);
        int id = wit.resolve().pkg(wit.mainPackage()).worlds().get(world);
        return WitEmbedder.embed(Samples.CORE_MODULE, wit.resolve(), id, encoding, WitEmbedder.SECTION_NAME);
    }

    /** The files of {@code tmp} other than the inputs: the output only, never a partial file. */
    private List<String> written() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("wit") && !n.equals("core.wasm"))
                    .sorted().toList();
        }
    }

    @Test
    void embedsTheWorldAsWitEmbedderDoes() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), "--world", "app", core.toString(), "-o", out.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals("", run.out() + run.err(), run::toString);
        assertArrayEquals(expected(wit, "app", CanonOpt.StringEncoding.UTF8), Files.readAllBytes(out));
        assertEquals(List.of("out.wasm"), written());

        // `dovetail wit` reads the embedded world back from the core module
        CliRun back = CliRun.of("wit", out.toString());
        assertEquals(Dovetail.OK, back.exitCode(), back::toString);
        assertTrue(back.out().contains("world app {"), back::toString);
        assertTrue(back.out().contains("export run: func(args: list<string>) -> result<_, string>;"), back::toString);
    }

    @Test
    void worldByFullNameWithOrWithoutVersionAndAFile() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        byte[] other = expected(wit, "other", CanonOpt.StringEncoding.UTF8);
        for (String world : List.of("test:embed/other", "test:embed/other@1.2.0", "other")) {
            Path out = tmp.resolve("out.wasm");
            CliRun run = CliRun.of("embed", "--wit", wit.resolve("embed.wit").toString(), "-w", world, core.toString(),
                    "-o", out.toString());
            assertEquals(Dovetail.OK, run.exitCode(), run::toString);
            assertArrayEquals(other, Files.readAllBytes(out), world);
        }
    }

    @Test
    void stringEncoding() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), "--world", "app", "--encoding", "compact-utf16",
                core.toString(), "-o", out.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertArrayEquals(expected(wit, "app", CanonOpt.StringEncoding.LATIN1_UTF16), Files.readAllBytes(out));

        CliRun bad = CliRun.of("embed", "--wit", wit.toString(), "--world", "app", "--encoding", "ucs2",
                core.toString(), "-o", out.toString());
        assertEquals(Dovetail.USAGE, bad.exitCode(), bad::toString);
        assertTrue(bad.err().startsWith("Invalid value for option '--encoding': `ucs2`"), bad::toString);
        assertEquals(List.of("out.wasm"), written());
    }

    @Test
    void worldMustBeNamedWhenThePackageHasSeveral() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), core.toString(), "-o", tmp.resolve("out.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: package test:embed@1.2.0 has several worlds (app, other): pick one with --world\n", run.err());
        assertEquals(List.of(), written());
    }

    @Test
    void unknownWorldOrPackage() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), "--world", "nope", core.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no world `nope` in package test:embed@1.2.0 (its worlds: app, other)\n", run.err());
        run = CliRun.of("embed", "--wit", wit.toString(), "--world", "test:other/app", core.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no package test:other for world `test:other/app`\n", run.err());
        run = CliRun.of("embed", "--wit", wit.toString(), "--world", "test:embed/app@9.9.9", core.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no package test:embed@9.9.9 for world `test:embed/app@9.9.9`\n", run.err());
        assertEquals(List.of(), written());
    }

    @Test
    void malformedCoreModuleNamesTheLocationAndLeavesTheOutputAlone() throws IOException {
        Path wit = witDir();
        byte[] broken = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x7f, 0x00};
        Path core = Samples.write(tmp, "core.wasm", broken);
        Path out = Samples.write(tmp, "out.wasm", "previous contents");
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), "--world", "app", core.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: " + core + ": section size 127 goes past the end of the module (at byte offset 10, in section 1)\n",
                run.err());
        assertEquals("previous contents", Files.readString(out));
        assertEquals(List.of("out.wasm"), written());
    }

    @Test
    void componentIsNotACoreModule() throws IOException {
        Path wit = witDir();
        Path component = Samples.write(tmp, "core.wasm", Samples.component());
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), "--world", "app", component.toString(), "-o",
                tmp.resolve("out.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().contains("not a WebAssembly core module"), run::toString);
        assertEquals(List.of(), written());
    }

    @Test
    void badWitNamesFileAndLine() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("wit"));
        Samples.write(dir, "bad.wit", "package test:bad;\n\nworld w {\n  export f: func(x: ) -> u32;\n}\n");
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        CliRun run = CliRun.of("embed", "--wit", dir.toString(), core.toString(), "-o", tmp.resolve("out.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: ") && run.err().contains("bad.wit:4:"), run::toString);
        assertEquals(List.of(), written());
    }

    @Test
    void missingInputs() throws IOException {
        Path wit = witDir();
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        Path out = tmp.resolve("out.wasm");
        CliRun run = CliRun.of("embed", "--wit", wit.toString(), tmp.resolve("nope.wasm").toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no such file: " + tmp.resolve("nope.wasm") + "\n", run.err());
        run = CliRun.of("embed", "--wit", tmp.resolve("nowit").toString(), core.toString(), "-o", out.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no such file or directory: " + tmp.resolve("nowit") + "\n", run.err());
        run = CliRun.of("embed", "--wit", wit.toString(), "-w", "app", core.toString(), "-o",
                tmp.resolve("no/such/dir/out.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: cannot write "), run::toString);
        assertFalse(Files.exists(out));
        assertEquals(List.of(), written());
    }

    @Test
    void outputIsRequired() throws IOException {
        Path core = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        CliRun run = CliRun.of("embed", "--wit", witDir().toString(), core.toString());
        assertEquals(Dovetail.USAGE, run.exitCode(), run::toString);
    }
}
