package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitException;
import dev.dovetail.wit.WitJson;
import dev.dovetail.wit.WitPrinter;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * WIT and component types without external tools: worlds encoded as {@code component-type}
 * sections and decoded back, WIT packages encoded as components read by the WIT parser, and the
 * WIT of every valid binary of the component-model suite.
 */
class WitRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path resource(String name) {
        try {
            return Path.of(WitRoundTripTest.class.getResource("/wit-embed/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Path witParserUi() {
        Path ui = Conformance.suiteRoot().resolve("../wit-parser-ui/ui").normalize();
        assertTrue(Files.isDirectory(ui), "wit-parser UI cases not found at " + ui);
        return ui;
    }

    static ResolvedWit resolve(Path path) {
        return WitResolver.builder().build().resolve(path);
    }

    /** The packages here hold one world that uses every interface, without docs: the decoded package prints the same. */
    @ParameterizedTest
    @CsvSource({"greeter.wit, greeter", "kitchen-sink.wit, sink", "async.wit, streamer"})
    void encodedWorldDecodesToTheSamePackage(String file, String world) {
        ResolvedWit wit = resolve(resource(file));
        int worldId = wit.resolve().pkg(wit.mainPackage()).worlds().get(world);

        byte[] payload = WitEmbedder.encodeWorld(wit.resolve(), worldId);
        WitEmbedder.EmbeddedWorld back = WitEmbedder.decodeWorld(payload);

        assertEquals(WitPrinter.print(wit.resolve(), wit.mainPackage()), WitPrinter.print(back.resolve(), back.packageId()));
        assertEquals(world, back.resolve().world(back.worldId()).name());
        assertEquals(CanonOpt.StringEncoding.UTF8, back.stringEncoding());
        assertEquals(WorldShape.of(wit.resolve(), worldId), WorldShape.of(back.resolve(), back.worldId()));
        assertArrayEquals(payload, WitEmbedder.encodeWorld(back.resolve(), back.worldId()), "decode then encode changes the bytes");
    }

    /**
     * The wit-parser UI pass cases the WIT parser resolves (feature {@code active} on), by file
     * name in order; the cases it does not pass are its own tests' business.
     */
    static Map<String, ResolvedWit> resolvedUiCases() throws IOException {
        Map<String, ResolvedWit> out = new java.util.LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(witParserUi())) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("parse-fail") || !(Files.isDirectory(p) || name.endsWith(".wit"))) {
                    continue;
                }
                try {
                    out.put(name, WitResolver.builder().features(Set.of("active")).build().resolve(p));
                } catch (WitException e) {
                    // not resolvable: skipped here
                }
            }
        }
        return out;
    }

    /** Every world of the wit-parser UI cases: same shape after a round trip, same bytes when encoded again. */
    @TestFactory
    Stream<DynamicTest> witParserUiWorldsRoundTrip() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        int worlds = 0;
        for (Map.Entry<String, ResolvedWit> c : resolvedUiCases().entrySet()) {
            String name = c.getKey();
            ResolvedWit wit = c.getValue();
            for (int pkg : wit.rootPackages()) {
                for (Map.Entry<String, Integer> w : wit.resolve().pkg(pkg).worlds().entrySet()) {
                    worlds++;
                    tests.add(DynamicTest.dynamicTest(name + " world " + w.getKey(), () -> {
                        byte[] payload = WitEmbedder.encodeWorld(wit.resolve(), w.getValue());
                        WitEmbedder.EmbeddedWorld back = WitEmbedder.decodeWorld(payload);
                        assertEquals(WorldShape.of(wit.resolve(), w.getValue()), WorldShape.of(back.resolve(), back.worldId()));
                        assertArrayEquals(payload, WitEmbedder.encodeWorld(back.resolve(), back.worldId()));
                    }));
                }
            }
        }
        assertTrue(worlds >= 90, "only " + worlds + " worlds found");
        return tests.stream();
    }

    /** A core module with nothing but a type section: the smallest host for the section. */
    private static final byte[] CORE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00};

    @Test
    void embedAppendsOneCustomSectionAndStripRemovesIt() {
        ResolvedWit wit = resolve(resource("greeter.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("greeter");

        byte[] module = WitEmbedder.embed(CORE, wit.resolve(), world);
        byte[] payload = WitEmbedder.encodeWorld(wit.resolve(), world);
        // custom section id 0, size, name "component-type", payload, after the original bytes
        assertArrayEquals(CORE, java.util.Arrays.copyOf(module, CORE.length));
        assertEquals(CORE.length + 1 + Leb.unsignedWidth(15 + payload.length) + 15 + payload.length, module.length);

        List<WitEmbedder.EmbeddedSection> sections = WitEmbedder.read(module);
        assertEquals(1, sections.size());
        assertEquals("component-type", sections.get(0).name());
        WitEmbedder.EmbeddedWorld back = sections.get(0).world();
        assertEquals(WorldShape.of(wit.resolve(), world), WorldShape.of(back.resolve(), back.worldId()));
        assertArrayEquals(CORE, WitEmbedder.strip(module));
    }

    @Test
    void stringEncodingAndSectionNameAreKept() {
        ResolvedWit wit = resolve(resource("async.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("streamer");
        byte[] module = WitEmbedder.embed(CORE, wit.resolve(), world, CanonOpt.StringEncoding.UTF16, "component-type:streamer");
        module = WitEmbedder.embed(module, wit.resolve(), world, CanonOpt.StringEncoding.LATIN1_UTF16, "component-type:again");

        List<WitEmbedder.EmbeddedSection> sections = WitEmbedder.read(module);
        assertEquals(List.of("component-type:streamer", "component-type:again"), sections.stream().map(WitEmbedder.EmbeddedSection::name).toList());
        assertEquals(CanonOpt.StringEncoding.UTF16, sections.get(0).world().stringEncoding());
        assertEquals(CanonOpt.StringEncoding.LATIN1_UTF16, sections.get(1).world().stringEncoding());
        assertArrayEquals(CORE, WitEmbedder.strip(module));
    }

    @Test
    void rejectsWhatIsNotAModuleOrNotAWorld() {
        ResolvedWit wit = resolve(resource("greeter.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("greeter");
        byte[] payload = WitEmbedder.encodeWorld(wit.resolve(), world);

        // a component is not a core module
        assertThrows(ComponentFormatException.class, () -> WitEmbedder.embed(payload, wit.resolve(), world));
        // a section size that runs past the end
        byte[] truncated = java.util.Arrays.copyOf(CORE, CORE.length - 1);
        assertThrows(ComponentFormatException.class, () -> WitEmbedder.read(truncated));
        assertThrows(IllegalArgumentException.class,
                () -> WitEmbedder.embed(CORE, wit.resolve(), world, CanonOpt.StringEncoding.UTF8, "types"));

        // wit-component-encoding: version 4 only
        byte[] v3 = payload.clone();
        int at = indexOf(v3, "wit-component-encoding".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) + 22;
        assertEquals(4, v3[at]);
        v3[at] = 3;
        WitExtractionException e = assertThrows(WitExtractionException.class, () -> WitEmbedder.decodeWorld(v3));
        assertTrue(e.getMessage().contains("version 3"), e.getMessage());

        // a real component is not an encoded world
        byte[] plain = ComponentEncoder.encode(new Component(List.of()));
        assertThrows(WitExtractionException.class, () -> WitEmbedder.decodeWorld(plain));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void extractReadsAnEncodedWorldAsAWitPackage() {
        ResolvedWit wit = resolve(resource("kitchen-sink.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("sink");
        DecodedWit d = WitExtractor.extract(WitEmbedder.encodeWorld(wit.resolve(), world));
        DecodedWit.WitPackage pkg = assertInstanceOf(DecodedWit.WitPackage.class, d);
        assertEquals("test:sink@1.2.3", pkg.resolve().pkg(pkg.packageId()).name().toString());
        assertEquals(WitPrinter.print(wit.resolve(), wit.mainPackage()), WitPrinter.print(d.resolve(), d.packageId()));
    }

    /** A chain of 20,000 nested lists is refused with an exception, not a stack overflow; 50 are fine. */
    @Test
    void deeplyNestedTypesAreRefused() {
        for (int n : new int[] {50, 20_000}) {
            List<TypeDef> types = new ArrayList<>();
            types.add(new DefinedType.ListType(PrimitiveType.U8));
            for (int i = 1; i < n; i++) {
                types.add(new DefinedType.ListType(ValType.of(i - 1)));
            }
            types.add(new TypeDef.Func(false, List.of(new DefinedType.Field("x", ValType.of(n - 1))), java.util.Optional.empty()));
            byte[] bytes = ComponentEncoder.encode(new Component(List.of(new Section.Types(types),
                    new Section.Imports(List.of(new Import(ExternName.of("f"), new ExternType.Func(n)))))));
            if (n == 50) {
                assertInstanceOf(DecodedWit.ComponentWorld.class, WitExtractor.extract(bytes));
            } else {
                WitExtractionException e = assertThrows(WitExtractionException.class, () -> WitExtractor.extract(bytes));
                assertTrue(e.getMessage().contains("nested more than"), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ the WIT parser reading .wasm

    /** {@code kinds-of-deps}: its {@code deps/d.wat} is in the text format, which stays unsupported. */
    /** {@code kinds-of-deps}: deps written as WIT, as a directory, as {@code .wat} text and as {@code .wasm}. */
    @Test
    void kindsOfDepsMatchesTheExpectedJson() throws IOException {
        Path ui = witParserUi();
        ResolvedWit wit = WitResolver.builder().features(Set.of("active")).build().resolve(ui.resolve("kinds-of-deps"));
        assertEquals(JSON.readTree(Files.readString(ui.resolve("kinds-of-deps.wit.json"))), JSON.readTree(WitJson.toJson(wit.resolve())));
    }

    @Test
    void aWatFileIsAPackage() throws IOException {
        Path ui = witParserUi();
        ResolvedWit wit = resolve(ui.resolve("simple-wasm-text.wat"));
        assertEquals(JSON.readTree(Files.readString(ui.resolve("simple-wasm-text.wit.json"))), JSON.readTree(WitJson.toJson(wit.resolve())));
    }

    @Test
    void malformedWatIsAWitExceptionWithLocation(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("bad.wat");
        Files.writeString(bad, "(component\n  (type $x (component (export \"a:b/x\" (instance (type $nope))))))\n");
        WitException e = assertThrows(WitException.class, () -> resolve(bad));
        assertTrue(e.getMessage().contains("bad.wat:2:"), e.getMessage());
    }

    @Test
    void aWasmFileIsAPackage() {
        Path e = witParserUi().resolve("kinds-of-deps/deps/e.wasm");
        ResolvedWit wit = resolve(e);
        assertEquals("e:e", wit.resolve().pkg(wit.mainPackage()).name().toString());
        assertEquals(Set.of("e"), wit.resolve().pkg(wit.mainPackage()).interfaces().keySet());
    }

    @Test
    void aComponentIsNotAPackage(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("c.wasm");
        Files.write(file, ComponentEncoder.encode(new Component(List.of())));
        WitException e = assertThrows(WitException.class, () -> resolve(file));
        assertTrue(e.getMessage().contains("instead of an encoded WIT package"), e.getMessage());
    }

    // ------------------------------------------------------------------ the component-model suite

    /**
     * The WIT of every valid binary of the suite: it is extracted and printed, or the component
     * cannot be described in WIT ({@link WitExtractionException}, e.g. it exports a type or a
     * core module), or it is not a component at all ({@link ComponentFormatException}).
     */
    @Test
    void extractsTheSuite() {
        Map<String, Integer> outcomes = new TreeMap<>();
        List<String> crashes = new ArrayList<>();
        int extracted = 0;
        for (Conformance.Case c : Conformance.binaries("component", "component_definition", "assert_uninstantiable")) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(c.wasm());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                DecodedWit wit = WitExtractor.extract(bytes);
                WitPrinter.print(wit.resolve(), wit.packageId());
                extracted++;
            } catch (WitExtractionException e) {
                outcomes.merge("not WIT: " + e.getMessage().replaceAll("`[^`]*`|'[^']*'", "_"), 1, Integer::sum);
            } catch (ComponentFormatException e) {
                outcomes.merge("not a component: " + e.reason(), 1, Integer::sum);
            } catch (RuntimeException e) {
                crashes.add(c.label() + ": " + e);
            }
        }
        System.out.println("component-model suite: " + extracted + " extracted");
        outcomes.forEach((k, v) -> System.out.println("  " + v + " x " + k));
        if (!crashes.isEmpty()) {
            fail(crashes.size() + " binaries crash the extractor:\n" + String.join("\n", crashes));
        }
        assertTrue(extracted >= 260, "only " + extracted + " binaries extracted");
    }

    /**
     * Mutants of the suite's valid binaries (bit flips, byte overwrites, truncations; fixed
     * seed; {@code -Dwit.fuzz.inputs=N -Dwit.fuzz.seed=S} for more): extracting their WIT
     * throws nothing but the two documented exceptions.
     */
    @Test
    void mutantsThrowOnlyDocumentedExceptions() {
        List<byte[]> seeds = new ArrayList<>();
        for (Conformance.Case c : Conformance.binaries("component", "component_definition")) {
            seeds.add(Conformance.read(c.wasm()));
        }
        java.util.Random random = new java.util.Random(Long.getLong("wit.fuzz.seed", 20240611L));
        int inputs = Integer.getInteger("wit.fuzz.inputs", 3000);
        int extracted = 0;
        for (int i = 0; i < inputs; i++) {
            byte[] b = seeds.get(random.nextInt(seeds.size())).clone();
            int at = 8 + random.nextInt(Math.max(1, b.length - 8));
            switch (random.nextInt(3)) {
                case 0 -> b[Math.min(at, b.length - 1)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[Math.min(at, b.length - 1)] = (byte) random.nextInt(256);
                default -> b = java.util.Arrays.copyOf(b, Math.min(at, b.length));
            }
            try {
                DecodedWit wit = WitExtractor.extract(b);
                WitPrinter.print(wit.resolve(), wit.packageId());
                extracted++;
            } catch (ComponentFormatException | WitExtractionException e) {
                // documented
            } catch (RuntimeException e) {
                throw new AssertionError("mutant " + i + " escapes with " + e, e);
            }
        }
        System.out.println("extractor fuzz: " + inputs + " mutants, " + extracted + " extracted");
    }
}
