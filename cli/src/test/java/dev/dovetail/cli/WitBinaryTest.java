package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.Bytes;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dovetail wit} on binaries: components, WIT packages encoded as components, embedded core modules. */
class WitBinaryTest {
    @TempDir
    Path tmp;

    @Test
    void componentPrintsItsWorld() {
        Path file = Samples.write(tmp, "sample.wasm", Samples.component());
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals("""
                package root:component;

                world root {
                  import wasi:io/poll@0.2.0;
                  import f: func(x: u32) -> string;

                  export f2: func(x: u32) -> string;
                }
                """, run.out());
        assertEquals("", run.err(), run::toString);
    }

    @Test
    void componentAsJson() {
        Path file = Samples.write(tmp, "sample.wasm", Samples.component());
        CliRun run = CliRun.of("wit", "--json", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().contains("\"root:component\""), run::toString);
        assertTrue(run.out().contains("\"wasi:io@0.2.0\""), run::toString);
    }

    /** The {@code component-type} payload of a world is a WIT package encoded as a component. */
    @Test
    void encodedWitPackagePrintsThePackage() {
        ResolvedWit wit = WitResolver.builder().build().resolveSource("p.wit", """
                package test:pkg@0.1.0;

                interface api {
                  ping: func() -> u32;
                }

                world w {
                  export api;
                }
                """);
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("w");
        Path file = Samples.write(tmp, "pkg.wasm", WitEmbedder.encodeWorld(wit.resolve(), world));
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("package test:pkg@0.1.0;\n"), run::toString);
        assertTrue(run.out().contains("interface api {\n  ping: func() -> u32;\n}"), run::toString);
        assertTrue(run.out().contains("world w {\n  export api;\n}"), run::toString);
    }

    @Test
    void coreModuleWithoutComponentTypeHasNoWit() {
        Path file = Samples.write(tmp, "core.wasm", Samples.CORE_MODULE);
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: " + file + ": a core module without a component-type section has no WIT\n", run.err());
    }

    @Test
    void malformedComponentNamesTheLocation() {
        Path file = Samples.write(tmp, "short.wasm", Samples.truncated());
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: " + file + ": malformed component: "), run::toString);
        assertTrue(run.err().contains("(at byte offset 9, in type section)"), run::toString);
    }

    @Test
    void componentThatWitCannotDescribe() {
        Component exportsAModule = new Component(List.of(
                new Section.CoreModule(Bytes.of(Samples.CORE_MODULE)),
                new Section.Exports(List.of(new Export(ExternName.of("m"), new SortIndex(Sort.CORE_MODULE, 0), Optional.empty())))));
        Path file = Samples.write(tmp, "module-export.wasm", ComponentEncoder.encode(exportsAModule));
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: " + file + ": cannot be described in WIT: "), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
    }

    @Test
    void missingWasmFile() {
        CliRun run = CliRun.of("wit", tmp.resolve("nope.wasm").toString());
        assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
        assertEquals("error: no such file: " + tmp.resolve("nope.wasm") + "\n", run.err());
    }

    @Test
    void binaryWithoutTheWasmExtensionIsRecognisedByItsMagic() {
        Path file = Samples.write(tmp, "sample.bin", Samples.component());
        CliRun run = CliRun.of("wit", file.toString());
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("package root:component;"), run::toString);
    }
}
