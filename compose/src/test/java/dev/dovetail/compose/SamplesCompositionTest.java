package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.component.Section;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.Val;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import dev.dovetail.wasi.GuestBuilder;
import dev.dovetail.wasi.Wasi;
import dev.dovetail.wasi.WasiConfig;
import dev.dovetail.wasi.WasiContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The point of the compose module: the Rust ({@code math}, {@code dovetail new}), Go ({@code text},
 * {@code dovetail new --adapt}) and JavaScript ({@code app}, componentize-qjs) samples linked into
 * one component, by {@link Plug} and by {@code samples/app.wac}; the result validates, {@code jco
 * transpile} accepts it, and it gives the same results under Dovetail and under Node.
 */
class SamplesCompositionTest {
    /** The calls, as the JavaScript of a jco-transpiled module spells them. */
    private static final List<String> INPUTS = List.of("12 apples and -3 pears, 40 plums 7", "", "héllo wörld 🍰 5");
    private static final List<String> NAMES = List.of("Ada", "", "Grace");
    private static final List<Integer> VALUES = List.of(1, 2, 3, -10, Integer.MAX_VALUE, Integer.MAX_VALUE);

    private static byte[] rust;
    private static byte[] go;
    private static byte[] js;
    private static byte[] plugged;
    private static byte[] composed;

    @BeforeAll
    static void compose() throws IOException {
        rust = Files.readAllBytes(SampleGuests.rustComponent());
        go = Files.readAllBytes(SampleGuests.goComponent());
        js = Files.readAllBytes(SampleGuests.jsComponent());
        plugged = Plug.plug(new Plug.Named("app", js), List.of(new Plug.Named("math", rust), new Plug.Named("text", go)));
        composed = Wac.compose(SampleGuests.wac(), PackageResolver.explicit(Map.of(
                "dovetail:math", SampleGuests.rustComponent(),
                "dovetail:text", SampleGuests.goComponent(),
                "dovetail:app", SampleGuests.jsComponent())));
    }

    @Test
    void bothCompositionsValidateAndEmbedEachInputOnce() {
        for (byte[] out : List.of(plugged, composed)) {
            Component c = ComponentDecoder.decode(out);
            ComponentValidator.validate(c);
            List<byte[]> nested = c.sections(Section.NestedComponent.class).stream()
                    .map(n -> ComponentEncoder.encode(n.component())).toList();
            assertEquals(3, nested.size(), "one nested component per input");
            for (byte[] input : List.of(rust, go, js)) {
                assertEquals(1, nested.stream().filter(n -> Arrays.equals(n, input)).count(), "each input once, unchanged");
            }
        }
    }

    @Test
    void sizeIsTheInputsPlusTheWiring() {
        long inputs = (long) rust.length + go.length + js.length;
        for (byte[] out : List.of(plugged, composed)) {
            double overhead = (out.length - inputs) * 100.0 / inputs;
            System.out.printf("composed samples: rust %,d + go %,d + js %,d = %,d bytes; composed %,d bytes (+%.3f%%)%n",
                    rust.length, go.length, js.length, inputs, out.length, overhead);
            assertTrue(out.length > inputs && overhead < 2.0, "overhead " + overhead + "%");
        }
    }

    @Test
    void wacExportsWhatItSays() {
        List<String> exports = ComponentDecoder.decode(composed).exports().stream().map(e -> e.name().name()).toList();
        assertEquals(List.of("report", "greet-all", "total"), exports);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void dovetailAndNodeAgreeOnThePluggedComponent(Engine engine) {
        List<String> ours = dovetail(plugged, engine);
        assertEquals(node(plugged, "plugged"), ours);
        assertTrue(ours.get(0).startsWith("\"8 words, 4 numbers (sum 56, min -3, max 40)"), ours.get(0));
    }

    @Test
    void dovetailAndNodeAgreeOnTheWacComponent() {
        assertEquals(node(composed, "composed"), dovetail(composed, Engine.INTERPRETER));
        assertEquals(dovetail(plugged, Engine.INTERPRETER), dovetail(composed, Engine.INTERPRETER));
    }

    // ------------------------------------------------------------------ the calls, under Dovetail

    private static List<String> dovetail(byte[] component, Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        Linker linker = rt.linker();
        try (WasiContext wasi = Wasi.addToLinker(linker, WasiConfig.empty())) {
            ComponentInstance app = linker.instantiate(rt.load(component));
            List<String> out = new ArrayList<>();
            for (String input : INPUTS) {
                out.add(json(app.func("report").call(new Val.Str(input)).orElseThrow()));
            }
            Val names = new Val.List(NAMES.stream().map(n -> (Val) new Val.Str(n)).toList());
            out.add(json(app.func("greet-all").call(names).orElseThrow()));
            Val values = new Val.List(VALUES.stream().map(v -> (Val) new Val.S32(v)).toList());
            out.add(json(app.func("total").call(values).orElseThrow()));
            return out;
        }
    }

    /** The JSON that the Node script prints for the same value. */
    private static String json(Val v) {
        if (v instanceof Val.Str s) {
            return quote(s.value());
        } else if (v instanceof Val.S64 n) {
            return quote(Long.toString(n.value()));
        } else if (v instanceof Val.List l) {
            return l.values().stream().map(SamplesCompositionTest::json).collect(Collectors.joining(",", "[", "]"));
        } else if (v instanceof Val.Result r) {
            return "{\"" + (r.isOk() ? "ok" : "err") + "\":" + json(r.payload().orElseThrow()) + "}";
        }
        throw new AssertionError("unexpected value " + v);
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.appendCodePoint(c);
                    }
                }
            }
        });
        return b.append('"').toString();
    }

    // ------------------------------------------------------------------ the calls, under jco transpile + Node

    private static List<String> node(byte[] component, String name) {
        try {
            Path dir = Files.createDirectories(SampleGuests.target().resolve("node-" + name));
            // the transpiled WASI imports (@bytecodealliance/preview2-shim) resolve from here
            Path modules = SampleGuests.target().resolve("node_modules");
            if (!Files.exists(modules, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(modules, GuestBuilder.root().resolve("interop/node_modules"));
            }
            Path wasm = Files.write(dir.resolve(name + ".wasm"), component);
            Path out = dir.resolve("transpiled");
            GuestBuilder.check(List.of(GuestBuilder.jco().toString(), "transpile", wasm.toString(), "--name", name,
                    "--no-typescript", "-o", out.toString()), Map.of(), 600);
            String script = "import * as app from './transpiled/" + name + ".js';\n"
                    + "const out = [];\n"
                    + "for (const input of " + jsArray(INPUTS.stream().map(SamplesCompositionTest::quote).toList()) + ") {\n"
                    + "  out.push(JSON.stringify(app.report(input)));\n"
                    + "}\n"
                    + "out.push(JSON.stringify(app.greetAll(" + jsArray(NAMES.stream().map(SamplesCompositionTest::quote).toList())
                    + ").map(r => r.tag === 'ok' ? { ok: r.val } : { err: r.val })));\n"
                    + "out.push(JSON.stringify(String(app.total(" + jsArray(VALUES.stream().map(String::valueOf).toList()) + "))));\n"
                    + "console.log(JSON.stringify(out));\n";
            Path file = Files.writeString(dir.resolve("calls.mjs"), script);
            Path node = GuestBuilder.node();
            List<String> command = Processes.command(node, Tools.nodeOptions(node), file);
            String printed = GuestBuilder.check(command, Map.of(), 600).out().strip();
            return parseStrings(printed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jsArray(List<String> items) {
        return items.stream().collect(Collectors.joining(", ", "[", "]"));
    }

    /** The JSON array of strings that the Node script prints. */
    private static List<String> parseStrings(String json) throws IOException {
        return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, String[].class));
    }
}
