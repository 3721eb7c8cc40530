package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.Import;
import dev.dovetail.component.RealComponents;
import dev.dovetail.component.Section;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Val;
import dev.dovetail.wasi.Wasi;
import dev.dovetail.wasi.WasiConfig;
import dev.dovetail.wasi.WasiContext;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlugTest {
    private final ComponentRuntime runtime = ComponentRuntime.create();

    @Test
    void adderPlugSatisfiesTheSocket() {
        byte[] socket = Fixtures.wasm("socket");
        byte[] adder = Fixtures.wasm("adder");
        byte[] composed = Plug.plug(socket, List.of(adder));
        Fixtures.assertAccepted(composed, "adder-plugged");

        Component c = ComponentDecoder.decode(composed);
        assertEquals(List.of(), c.imports());
        List<Section.NestedComponent> nested = c.sections(Section.NestedComponent.class);
        assertEquals(2, nested.size());
        // embedded as they were given, byte for byte
        assertTrue(Arrays.equals(socket, ComponentEncoder.encode(nested.get(0).component())));
        assertTrue(Arrays.equals(adder, ComponentEncoder.encode(nested.get(1).component())));
        assertEquals(List.of("twice-sum"), c.exports().stream().map(e -> e.name().name()).toList());

        ComponentInstance app = runtime.linker().instantiate(runtime.load(composed));
        assertEquals(Optional.of(new Val.U32(14)), app.func("twice-sum").call(new Val.U32(3), new Val.U32(4)));
        assertEquals(Optional.of(new Val.U32(2000)), app.func("twice-sum").call(new Val.U32(999), new Val.U32(1)));
    }

    @Test
    void resourcesCrossTheConnection() {
        byte[] composed = Plug.plug(Fixtures.wasm("counting"), List.of(Fixtures.wasm("counters")));
        Fixtures.assertAccepted(composed, "counters-plugged");
        ComponentInstance app = runtime.linker().instantiate(runtime.load(composed));
        assertEquals(Optional.of(new Val.U32(7)), app.func("count").call(new Val.U32(5)));
        assertEquals(Optional.of(new Val.U32(2)), app.func("count").call(new Val.U32(0)));
    }

    @Test
    void importsWhoseTypesAliasEarlierImportsAreMergedAndKept() throws Exception {
        byte[] composed = Plug.plug(new Plug.Named("app", Fixtures.wasm("stdout-socket")),
                List.of(new Plug.Named("logger", Fixtures.wasm("logger"))));
        Fixtures.assertAccepted(composed, "logger-plugged");

        Component c = ComponentDecoder.decode(composed);
        // one import per name for both instances; stdout's type refers to the streams import
        assertEquals(List.of("wasi:io/streams@0.2.0", "wasi:cli/stdout@0.2.0"),
                c.imports().stream().map(i -> i.name().name()).toList());
        assertEquals(2, c.sections(Section.NestedComponent.class).size());

        var linker = runtime.linker();
        try (WasiContext wasi = Wasi.addToLinker(linker, WasiConfig.empty())) {
            ComponentInstance app = linker.instantiate(runtime.load(composed));
            assertEquals(Optional.of(new Val.U32(102)), app.func("run").call());
            assertEquals(Optional.of(new Val.U32(102)), app.func("run").call());
        }
    }

    @Test
    void plugsArePluggedTransitively() {
        // the socket needs the doubler, which needs the adder
        byte[] composed = Plug.plug(new Plug.Named("outer", Fixtures.wasm("quad-socket")),
                List.of(new Plug.Named("adder", Fixtures.wasm("adder")),
                        new Plug.Named("doubler", Fixtures.wasm("doubler"))));
        Fixtures.assertAccepted(composed, "transitive");
        assertEquals(3, ComponentDecoder.decode(composed).sections(Section.NestedComponent.class).size());
        ComponentInstance app = runtime.linker().instantiate(runtime.load(composed));
        // outer: quad(a, b) = twice-sum(a, b) * 2 = 4 * (a + b)
        assertEquals(Optional.of(new Val.U32(20)), app.func("quad").call(new Val.U32(2), new Val.U32(3)));
    }

    @Test
    void typeMismatchNamesBothEndsAndTheType() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> Plug.plug(new Plug.Named("app", Fixtures.wasm("socket")),
                        List.of(new Plug.Named("wide", Fixtures.wasm("adder-wide")))));
        assertEquals("instance `app` import `dovetail:samples/math@0.1.0`: export `dovetail:samples/math@0.1.0` of "
                + "instance `wide` does not match: function `add` parameter `b`: expected u32, found u64",
                e.getMessage());
    }

    @Test
    void aPlugThatSatisfiesNothingIsAnError() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> Plug.plug(new Plug.Named("app", Fixtures.wasm("socket")),
                        List.of(new Plug.Named("adder", Fixtures.wasm("adder")),
                                new Plug.Named("other", Fixtures.wasm("unrelated")))));
        assertTrue(e.getMessage().startsWith("plug `other` satisfies no import of socket `app`"), e.getMessage());
        assertTrue(e.getMessage().contains("other:thing/api"), e.getMessage());
    }

    @Test
    void invalidInputIsNamed() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> Plug.plug(new Plug.Named("app", Fixtures.wasm("socket")),
                        List.of(new Plug.Named("junk.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}))));
        assertTrue(e.getMessage().startsWith("`junk.wasm` is not a valid component: "), e.getMessage());
    }

    @Test
    void theJavaScriptComponentIsPluggedOnceAndRuns() throws Exception {
        byte[] js = RealComponents.read(RealComponents.js());
        byte[] socket = Fixtures.wasm("js-socket");
        byte[] composed = Plug.plug(new Plug.Named("mixer", socket), List.of(new Plug.Named("js", js)));
        Fixtures.assertAccepted(composed, "js-plugged");

        int inputs = socket.length + js.length;
        double overhead = (composed.length - inputs) / (double) inputs;
        assertTrue(composed.length > inputs && overhead < 0.02, "overhead " + overhead);
        Component c = ComponentDecoder.decode(composed);
        assertEquals(2, c.sections(Section.NestedComponent.class).size());
        // the JS guest's WASI imports are the composition's, with their types
        List<String> imports = c.imports().stream().map(Import::name).map(n -> n.name()).toList();
        assertEquals(ComponentDecoder.decode(js).imports().stream().map(i -> i.name().name()).toList(), imports);

        var linker = runtime.linker();
        try (WasiContext wasi = Wasi.addToLinker(linker, WasiConfig.empty())) {
            ComponentInstance app = linker.instantiate(runtime.load(composed));
            // colors 0 red, 1 green, 2 dark-blue; mix(red, green) = green; mix(green, green) = green
            assertEquals(Optional.of(new Val.U32(1)), app.func("mix-twice").call(new Val.U32(0), new Val.U32(1)));
            // mix(green, dark-blue) = red; mix(red, dark-blue) = dark-blue
            assertEquals(Optional.of(new Val.U32(2)), app.func("mix-twice").call(new Val.U32(1), new Val.U32(2)));
            // mix(dark-blue, red) = dark-blue; mix(dark-blue, red) = dark-blue
            assertEquals(Optional.of(new Val.U32(2)), app.func("mix-twice").call(new Val.U32(2), new Val.U32(0)));
        }
    }
}
