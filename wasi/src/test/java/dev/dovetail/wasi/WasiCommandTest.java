package dev.dovetail.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentLinkException;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.LoadedComponent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link WasiCommand} and {@link Wasi#addToLinker} on hand-written components
 * ({@code src/test/resources/components/*.wat}; regenerate a binary with {@code jco parse x.wat -o x.wasm}).
 */
class WasiCommandTest {
    static LoadedComponent load(ComponentRuntime rt, String name) {
        try (InputStream in = WasiCommandTest.class.getResourceAsStream("/components/" + name + ".wasm")) {
            return rt.load(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void importsOfAnyVersionUpTo0212AreServed(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandResult r = WasiCommand.run(rt, load(rt, "mixed-versions"), WasiConfig.builder().stdout(out).build());
        assertEquals(new CommandResult(0, false), r);
        assertEquals("hello from 0.2.0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theLinkerCanBeUsedDirectly() {
        ComponentRuntime rt = ComponentRuntime.create();
        Linker linker = rt.linker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiContext wasi = Wasi.addToLinker(linker, WasiConfig.builder().stdout(out).build())) {
            ComponentInstance app = linker.instantiate(load(rt, "mixed-versions"));
            assertEquals("wasi:cli/run@0.2.0/run", WasiCommand.runExport(app).orElseThrow().name());
            app.func("wasi:cli/run@0.2.0", "run").call();
            app.func("wasi:cli/run@0.2.0", "run").call();
            assertEquals(0, wasi.openHandles(), "the guest dropped its stdout handles");
        }
        assertEquals("hello from 0.2.0\n".repeat(2), out.toString(StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> Wasi.addToLinker(linker, WasiConfig.empty()),
                "a linker takes WASI once");
    }

    @Test
    void notACommand() {
        ComponentRuntime rt = ComponentRuntime.create();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WasiCommand.run(rt, load(rt, "not-a-command"), WasiConfig.empty()));
        assertTrue(e.getMessage().contains("not a command"), e.getMessage());
    }

    @Test
    void versionsBeyondTheHostsAreMissingImports() {
        ComponentRuntime rt = ComponentRuntime.create();
        ComponentLinkException e = assertThrows(ComponentLinkException.class,
                () -> WasiCommand.run(rt, load(rt, "future-version"), WasiConfig.empty()));
        assertTrue(e.getMessage().contains("wasi:random/random@0.3.0"), e.getMessage());
    }
}
