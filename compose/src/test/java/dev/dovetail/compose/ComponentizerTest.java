package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.Val;
import dev.dovetail.wasi.GuestBuilder;
import dev.dovetail.wasi.Wasi;
import dev.dovetail.wasi.WasiConfig;
import dev.dovetail.wasi.WasiContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The samples componentized by {@link Componentizer}: valid, accepted by jco, and running under Dovetail. */
class ComponentizerTest {
    static Val u32(long v) {
        return new Val.U32(v);
    }

    static Val s(String v) {
        return new Val.Str(v);
    }

    static Val list(Val... vs) {
        return new Val.List(List.of(vs));
    }

    static Val some(int v) {
        return new Val.Option(Optional.of(new Val.S32(v)));
    }

    static Val none() {
        return new Val.Option(Optional.empty());
    }

    static Val stats(long count, long sum, Val min, Val max) {
        return new Val.Record(List.of(new Val.Field("count", u32(count)), new Val.Field("sum", new Val.S64(sum)),
                new Val.Field("min", min), new Val.Field("max", max)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rustMathRuns(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance math = rt.instantiate(rt.load(SampleGuests.rustComponent()));
        assertEquals(u32(5), call(math, SampleGuests.MATH, "add", u32(2), u32(3)));
        assertEquals(u32(1), call(math, SampleGuests.MATH, "add", u32(0xffff_ffffL), u32(2)));
        assertEquals(new Val.U64(0), call(math, SampleGuests.MATH, "fib", u32(0)));
        assertEquals(new Val.U64(55), call(math, SampleGuests.MATH, "fib", u32(10)));
        assertEquals(new Val.U64(12586269025L), call(math, SampleGuests.MATH, "fib", u32(50)));
        assertEquals(stats(4, 2, some(-7), some(6)), call(math, SampleGuests.MATH, "summarize",
                list(new Val.S32(3), new Val.S32(-7), new Val.S32(6), new Val.S32(0))));
        assertEquals(stats(0, 0, none(), none()), call(math, SampleGuests.MATH, "summarize", list()));
        assertEquals(stats(2, 2L * Integer.MAX_VALUE, some(Integer.MAX_VALUE), some(Integer.MAX_VALUE)),
                call(math, SampleGuests.MATH, "summarize", list(new Val.S32(Integer.MAX_VALUE), new Val.S32(Integer.MAX_VALUE))));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void goTextRunsWithWasi(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        Linker linker = rt.linker();
        try (WasiContext wasi = Wasi.addToLinker(linker, WasiConfig.empty())) {
            ComponentInstance text = linker.instantiate(rt.load(SampleGuests.goComponent()));
            assertEquals(s("olléh🍰"), call(text, SampleGuests.TEXT, "reverse", s("🍰hello".replace("hello", "héllo"))));
            assertEquals(s(""), call(text, SampleGuests.TEXT, "reverse", s("")));
            assertEquals(list(s("one"), s("two"), s("çà")), call(text, SampleGuests.TEXT, "words", s("  one two\tçà ")));
            assertEquals(list(), call(text, SampleGuests.TEXT, "words", s("   ")));
            assertEquals(new Val.Result(true, Optional.of(s("Hello, Ada!"))), call(text, SampleGuests.TEXT, "greet", s("Ada")));
            assertEquals(new Val.Result(false, Optional.of(s("empty name"))), call(text, SampleGuests.TEXT, "greet", s("")));
            // many calls: what the guest returns is released by the post-return functions
            for (int i = 0; i < 500; i++) {
                assertEquals(s(i + "cba"), call(text, SampleGuests.TEXT, "reverse", s("abc" + new StringBuilder("" + i).reverse())));
            }
        }
    }

    /**
     * Exported resources: the runtime module's Rust guest ({@code runtime/src/test/resources/rust},
     * a resource with constructor, methods, a static function and a destructor, and a world-level
     * function export) componentized here instead of by {@code jco new}.
     */
    @ParameterizedTest
    @EnumSource(Engine.class)
    void exportedResourcesWork(Engine engine) throws IOException {
        Path dir = GuestBuilder.root().resolve("runtime/src/test/resources/rust");
        Path core = SampleGuests.target().resolve("rust-guest-core.wasm");
        if (!Files.exists(core)) {
            Files.createDirectories(core.getParent());
            GuestBuilder.check(List.of(GuestBuilder.rustc().toString(), "--edition", "2021", "--target", "wasm32-unknown-unknown",
                    "--crate-type", "cdylib", "-O", dir.resolve("guest.rs").toString(), "-o", core.toString()), Map.of(), 600);
        }
        dev.dovetail.wit.ResolvedWit wit = dev.dovetail.wit.WitResolver.builder().build().resolve(dir.resolve("guest.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("guest");
        byte[] component = Componentizer.builder().wit(wit.resolve(), world).build().componentize(Files.readAllBytes(core));
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance g = rt.instantiate(rt.load(component));
        String kinds = "dovetail:rust-guest/kinds@0.1.0";
        assertEquals(Optional.of(s("rust-guest 0.1.0")), g.func("version").call());
        assertEquals(u32(0), call(g, kinds, "dropped"));
        Val.Own a = (Val.Own) call(g, kinds, "[constructor]counter", u32(5));
        assertEquals(u32(8), call(g, kinds, "[method]counter.increment", new Val.Borrow(a.resource()), u32(3)));
        Val.Own b = (Val.Own) call(g, kinds, "[constructor]counter", u32(10));
        Val.Own merged = (Val.Own) call(g, kinds, "[static]counter.merge", a, b);
        assertEquals(u32(18), call(g, kinds, "[method]counter.value", new Val.Borrow(merged.resource())));
        assertEquals(u32(2), call(g, kinds, "dropped"));
        merged.resource().drop(); // through the destructor's trampoline in the shim table
        assertEquals(u32(3), call(g, kinds, "dropped"));
    }

    private static Val call(ComponentInstance i, String iface, String f, Val... args) {
        return i.func(iface, f).call(args).orElseThrow();
    }

    /**
     * The WIT of each component (our extractor and printer) is the sample's interface as written
     * in samples.wit; {@code jco wit} prints the same world as for {@code jco new}'s component of
     * the same input; {@code jco transpile} accepts both.
     */
    @Test
    void theWorldsAreTheSamplesAndJcoAgrees() throws IOException {
        String math = printedInterfaces(SampleGuests.rustComponent());
        for (String line : List.of("interface math {", "record stats {", "count: u32,", "sum: s64,", "min: option<s32>,",
                "max: option<s32>,", "add: func(a: u32, b: u32) -> u32;", "fib: func(n: u32) -> u64;",
                "summarize: func(values: list<s32>) -> stats;")) {
            assertTrue(math.contains(line), line + " in\n" + math);
        }
        String text = printedInterfaces(SampleGuests.goComponent());
        for (String line : List.of("interface text {", "reverse: func(s: string) -> string;",
                "words: func(s: string) -> list<string>;", "greet: func(name: string) -> result<string, string>;")) {
            assertTrue(text.contains(line), line + " in\n" + text);
        }
        Path jco = GuestBuilder.jco();
        SampleGuests.World world = SampleGuests.world("math-provider");
        Path embedded = SampleGuests.target().resolve("math-embedded.wasm");
        Files.write(embedded, dev.dovetail.component.WitEmbedder.embed(Files.readAllBytes(SampleGuests.rustCore()),
                world.resolve(), world.id()));
        Path byJco = SampleGuests.target().resolve("math-jco.wasm");
        jco(jco, "new", embedded, "-o", byJco);
        assertEquals(jco(jco, "wit", byJco), jco(jco, "wit", SampleGuests.rustComponent()));
        String goWorld = jco(jco, "wit", SampleGuests.goComponent());
        assertTrue(goWorld.contains("export dovetail:samples/text@0.1.0;") && goWorld.contains("import wasi:cli/environment@0.2.12;")
                && goWorld.contains("import wasi:filesystem/preopens@0.2.12;"), goWorld);
        for (Path component : List.of(SampleGuests.rustComponent(), SampleGuests.goComponent())) {
            Path dir = Files.createDirectories(SampleGuests.target().resolve("transpiled"))
                    .resolve(component.getFileName().toString().replace(".wasm", ""));
            jco(jco, "transpile", component, "--name", "sample", "-o", dir);
            assertTrue(Files.isRegularFile(dir.resolve("sample.js")));
        }
    }

    /**
     * The reactor adapter is trimmed to what the Go module imports of it, as {@code jco new} does:
     * the component imports the same interfaces with the same functions as jco's component of the
     * same core module and adapter (fewer than the adapter's world: no sockets, no terminals), and
     * {@code jco wit} prints the same world for both.
     */
    @Test
    void theGoComponentImportsWhatJcoNewImports() throws IOException {
        Path jco = GuestBuilder.jco();
        SampleGuests.World world = SampleGuests.world("text-provider");
        Path embedded = SampleGuests.target().resolve("text-embedded.wasm");
        Files.write(embedded, dev.dovetail.component.WitEmbedder.embed(Files.readAllBytes(SampleGuests.goCore()),
                world.resolve(), world.id()));
        Path byJco = SampleGuests.target().resolve("text-jco.wasm");
        jco(jco, "new", embedded, "--adapt", "wasi_snapshot_preview1=" + SampleGuests.reactorAdapter(), "-o", byJco);
        Map<String, java.util.Set<String>> ours = importedFunctions(SampleGuests.goComponent());
        assertEquals(importedFunctions(byJco), ours);
        assertEquals(jco(jco, "wit", byJco), jco(jco, "wit", SampleGuests.goComponent()));
        assertTrue(ours.keySet().stream().noneMatch(i -> i.startsWith("wasi:sockets/") || i.startsWith("wasi:cli/terminal")),
                ours.keySet().toString());
        dev.dovetail.component.WitEmbedder.EmbeddedWorld adapter = dev.dovetail.component.WitEmbedder
                .read(Files.readAllBytes(SampleGuests.reactorAdapter())).get(0).world();
        int adapterWorld = adapter.resolve().world(adapter.worldId()).imports().size();
        assertTrue(ours.size() < adapterWorld, ours.size() + " imports, the adapter's world has " + adapterWorld);
    }

    /**
     * The wasi module's Rust and Go probes (preview1 commands, no world of their own) made
     * components with the command adapter: the same imports as {@code jco new --wasi-command}'s
     * components, and the same output when run. The Go probe imports some preview1 functions
     * twice (its own {@code //go:wasmimport} and the runtime's); one instance export serves both.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rust", "go"})
    void preview1CommandsRunLikeJcoNewOnes(String lang) throws IOException {
        Path core = lang.equals("rust") ? GuestBuilder.rustProbeCore() : GuestBuilder.goProbeCore();
        Path byJco = lang.equals("rust") ? GuestBuilder.rustProbe() : GuestBuilder.goProbe();
        byte[] ours = Componentizer.builder().adapter("wasi_snapshot_preview1",
                Files.readAllBytes(GuestBuilder.commandAdapter())).build().componentize(Files.readAllBytes(core));
        Path oursFile = Files.write(SampleGuests.target().resolve("probe-" + lang + "-ours.wasm"), ours);
        assertEquals(importedFunctions(byJco), importedFunctions(oursFile));
        for (List<String> args : List.of(List.of("probe", "hello"), List.of("probe", "args", "a b", "ç"),
                List.of("probe", "exit", "3"))) {
            assertEquals(runCommand(byJco, args), runCommand(oursFile, args), args.toString());
        }
    }

    private static String runCommand(Path component, List<String> args) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ComponentRuntime rt = ComponentRuntime.create();
        dev.dovetail.wasi.CommandResult r = dev.dovetail.wasi.WasiCommand.run(rt, rt.load(component),
                WasiConfig.builder().args(args).stdout(out).build());
        return "exit " + r.exitCode() + ": " + out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Per imported interface of a component: the names of the functions its instance type has. */
    private static Map<String, java.util.Set<String>> importedFunctions(Path component) throws IOException {
        dev.dovetail.component.DecodedWit.ComponentWorld w = (dev.dovetail.component.DecodedWit.ComponentWorld)
                dev.dovetail.component.WitExtractor.extract(Files.readAllBytes(component));
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        for (dev.dovetail.wit.WorldItem item : w.resolve().world(w.worldId()).imports().values()) {
            if (item instanceof dev.dovetail.wit.WorldItem.InterfaceItem ii) {
                out.put(w.resolve().interfaceName(ii.interfaceId()),
                        new java.util.TreeSet<>(w.resolve().iface(ii.interfaceId()).functions().keySet()));
            }
        }
        return out;
    }

    /** The WIT of package {@code dovetail:samples} as read back from a component. */
    private static String printedInterfaces(Path component) throws IOException {
        dev.dovetail.component.DecodedWit wit = dev.dovetail.component.WitExtractor.extract(Files.readAllBytes(component));
        dev.dovetail.wit.Resolve r = wit.resolve();
        int pkg = r.packageId("dovetail:samples@0.1.0").orElseThrow();
        return dev.dovetail.wit.WitPrinter.print(r, pkg);
    }

    private static String jco(Path jco, Object... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(jco.toString()));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        return GuestBuilder.check(cmd, Map.of(), 300).out();
    }

    // ------------------------------------------------------------------ errors

    private static ComponentizeException fails(Componentizer c, byte[] module) {
        return assertThrows(ComponentizeException.class, () -> c.componentize(module));
    }

    @Test
    void aMissingExportIsNamed() throws IOException {
        SampleGuests.World text = SampleGuests.world("text-provider");
        ComponentizeException e = fails(Componentizer.builder().wit(text.resolve(), text.id()).build(),
                Files.readAllBytes(SampleGuests.rustCore()));
        assertTrue(e.getMessage().contains("no function export `dovetail:samples/text@0.1.0#reverse`"), e.getMessage());
    }

    @Test
    void anImportOutsideTheWorldIsNamed() throws IOException {
        SampleGuests.World text = SampleGuests.world("text-provider");
        ComponentizeException e = fails(Componentizer.builder().wit(text.resolve(), text.id()).build(),
                Files.readAllBytes(SampleGuests.goCore()));
        assertTrue(e.getMessage().matches("(?s)the core module imports `wasi_snapshot_preview1` `\\w+`, which is not in world "
                + "`text-provider` \\(a WASI preview1 module needs an adapter\\).*"), e.getMessage());
    }

    @Test
    void anAdapterWithoutWorldIsNamed() throws IOException {
        SampleGuests.World math = SampleGuests.world("math-provider");
        byte[] module = Files.readAllBytes(SampleGuests.rustCore());
        ComponentizeException e = fails(Componentizer.builder().wit(math.resolve(), math.id())
                .adapter("wasi_snapshot_preview1", Files.readAllBytes(SampleGuests.rustCore())).build(), module);
        assertTrue(e.getMessage().contains("adapter `wasi_snapshot_preview1` has no component-type custom section"),
                e.getMessage());
    }

    @Test
    void badAdaptersAreNamed() throws IOException {
        SampleGuests.World text = SampleGuests.world("text-provider");
        byte[] go = Files.readAllBytes(SampleGuests.goCore());
        ComponentizeException garbage = fails(Componentizer.builder().wit(text.resolve(), text.id())
                .adapter("wasi_snapshot_preview1", new byte[] {1, 2, 3}).build(), go);
        assertTrue(garbage.getMessage().startsWith("adapter `wasi_snapshot_preview1`"), garbage.getMessage());
        // an adapter for another module name leaves the preview1 imports unsatisfied
        ComponentizeException wrongName = fails(Componentizer.builder().wit(text.resolve(), text.id())
                .adapter("wasi_unstable", Files.readAllBytes(SampleGuests.reactorAdapter())).build(), go);
        assertTrue(wrongName.getMessage().contains("imports `wasi_snapshot_preview1`"), wrongName.getMessage());
        // a module that is not an adapter at all (no exports the Go module needs) is named with the import
        SampleGuests.World math = SampleGuests.world("math-provider");
        byte[] notAnAdapter = dev.dovetail.component.WitEmbedder.embed(Files.readAllBytes(SampleGuests.rustCore()),
                math.resolve(), math.id());
        ComponentizeException missing = fails(Componentizer.builder().wit(text.resolve(), text.id())
                .adapter("wasi_snapshot_preview1", notAnAdapter).build(), go);
        assertTrue(missing.getMessage().matches("(?s)the core module imports `wasi_snapshot_preview1` `\\w+`.*but adapter "
                + "`wasi_snapshot_preview1` does not export function `\\w+`"), missing.getMessage());
    }

    @Test
    void aModuleWithoutWorldIsRejected() throws IOException {
        ComponentizeException e = fails(Componentizer.builder().build(), Files.readAllBytes(SampleGuests.rustCore()));
        assertTrue(e.getMessage().contains("has no component-type custom section"), e.getMessage());
        ComponentizeException component = fails(Componentizer.builder().build(), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0});
        assertEquals("the input is a component already, not a core module", component.getMessage());
        ComponentizeException notWasm = fails(Componentizer.builder().build(), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0});
        assertTrue(notWasm.getMessage().startsWith("the core module"), notWasm.getMessage());
    }

    /** The embedded world is used when none is given; the result equals the one made with the world given. */
    @Test
    void theEmbeddedWorldIsUsed() throws IOException {
        SampleGuests.World math = SampleGuests.world("math-provider");
        byte[] core = Files.readAllBytes(SampleGuests.rustCore());
        byte[] embedded = dev.dovetail.component.WitEmbedder.embed(core, math.resolve(), math.id());
        assertEquals(java.util.HexFormat.of().formatHex(Files.readAllBytes(SampleGuests.rustComponent())),
                java.util.HexFormat.of().formatHex(Componentizer.builder().build().componentize(embedded)));
    }

    @Test
    void outputsValidate() throws IOException {
        for (Path p : List.of(SampleGuests.rustComponent(), SampleGuests.goComponent())) {
            ComponentValidator.validate(ComponentDecoder.decode(Files.readAllBytes(p)));
        }
    }
}
