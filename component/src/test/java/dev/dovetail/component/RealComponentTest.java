package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitPrinter;
import dev.dovetail.wit.WitResolver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Components made by the ecosystem's toolchains ({@link RealComponents}): the JavaScript guest by
 * componentize-qjs, and the Rust guest by rustc, {@link WitEmbedder} and {@code jco new}. They
 * decode and re-encode to the same bytes, validate, and {@link WitExtractor} + {@link WitPrinter}
 * print the same WIT as {@code jco wit} (whitespace aside). For the Rust guest, our {@code
 * component-type} section holds the same bytes as {@code jco embed}'s, and the world {@code jco
 * wit} prints for the component {@code jco new} makes of our module is the embedded world.
 */
class RealComponentTest {

    private static Component roundTrip(Path file) {
        byte[] bytes = RealComponents.read(file);
        Component c = ComponentDecoder.decode(bytes);
        assertArrayEquals(bytes, ComponentEncoder.encode(c), () -> file + ": re-encoded bytes differ");
        assertEquals(c, ComponentDecoder.decode(ComponentEncoder.encode(c)), () -> file + ": decoded again, a different model");
        ComponentValidator.validate(c);
        return c;
    }

    private static String ourWit(Path component) {
        DecodedWit wit = WitExtractor.extract(RealComponents.read(component));
        assertInstanceOf(DecodedWit.ComponentWorld.class, wit);
        return WitPrinter.print(wit.resolve(), wit.packageId());
    }

    @Test
    void jsComponentRoundTripsAndValidates() {
        Path js = RealComponents.js();
        Component c = roundTrip(js);
        // componentize-qjs composes its output: the core modules sit in nested components
        assertTrue(coreModules(c) >= 4, () -> "core modules: " + coreModules(c));
        assertTrue(c.imports().size() > 5, () -> "WASI imports: " + c.imports());
        System.out.printf("real: %s, %d bytes, %d sections, %d imports, %d exports%n", js.getFileName(),
                RealComponents.read(js).length, c.sections().size(), c.imports().size(), c.exports().size());
    }

    @Test
    void rustComponentRoundTripsAndValidates() {
        Path rust = RealComponents.rust();
        Component c = roundTrip(rust);
        assertFalse(c.exports().isEmpty());
        System.out.printf("real: %s, %d bytes, %d sections, %d imports, %d exports%n", rust.getFileName(),
                RealComponents.read(rust).length, c.sections().size(), c.imports().size(), c.exports().size());
    }

    @Test
    void jsWitIsJcoWit() {
        Path js = RealComponents.js();
        String jco = RealComponents.jcoWit(js);
        String ours = ourWit(js);
        assertEquals(RealComponents.squash(jco), RealComponents.squash(ours), () -> "jco wit:\n" + jco + "\nours:\n" + ours);
    }

    @Test
    void rustWitIsJcoWit() {
        Path rust = RealComponents.rust();
        String jco = RealComponents.jcoWit(rust);
        String ours = ourWit(rust);
        assertEquals(RealComponents.squash(jco), RealComponents.squash(ours), () -> "jco wit:\n" + jco + "\nours:\n" + ours);
    }

    /**
     * The world {@code jco wit} prints for the component {@code jco new} made of our embedded module,
     * resolved against the guest's WIT package, is the world we embedded: same imports and exports,
     * same types (compared by {@link WorldShape}, which ignores ids, order and {@code use}s).
     */
    @Test
    void jcoNewOfOurModuleHasTheEmbeddedWorld() {
        String jco = RealComponents.jcoWit(RealComponents.rust());
        ResolvedWit printed = WitResolver.builder().dependencyDirs(List.of(RealComponents.rustWit().getParent())).build()
                .resolveSource("jco-wit.wit", jco);
        int root = printed.resolve().pkg(printed.mainPackage()).worlds().get("root");
        ResolvedWit source = RealComponents.rustResolved();
        int world = RealComponents.rustWorld(source);
        assertEquals(WorldShape.items(source.resolve(), world), WorldShape.items(printed.resolve(), root),
                () -> "jco wit:\n" + jco);
        assertTrue(WorldShape.items(source.resolve(), world).size() > 1);
    }

    /** Our module is rustc's plus one section, which reads back as the embedded world; strip undoes it. */
    @Test
    void embeddedModuleReadsBack() {
        byte[] core = RealComponents.read(RealComponents.rustCore());
        byte[] embedded = RealComponents.rustEmbedded();
        assertArrayEquals(core, Arrays.copyOf(embedded, core.length), "the core module comes first, unchanged");
        assertArrayEquals(core, WitEmbedder.strip(embedded));
        List<WitEmbedder.EmbeddedSection> read = WitEmbedder.read(embedded);
        assertEquals(1, read.size());
        assertEquals(WitEmbedder.SECTION_NAME, read.get(0).name());
        ResolvedWit source = RealComponents.rustResolved();
        WitEmbedder.EmbeddedWorld back = read.get(0).world();
        assertEquals(WorldShape.items(source.resolve(), RealComponents.rustWorld(source)),
                WorldShape.items(back.resolve(), back.worldId()));
        assertEquals(CanonOpt.StringEncoding.UTF8, back.stringEncoding());
    }

    /**
     * {@code jco embed} writes the same {@code component-type} payload as {@link WitEmbedder} but
     * for a {@code producers} section inside it, and otherwise leaves the module as rustc wrote it.
     */
    @Test
    void embeddedSectionIsJcoEmbedSection() {
        byte[] core = RealComponents.read(RealComponents.rustCore());
        byte[] theirs = RealComponents.read(RealComponents.rustEmbeddedByJco());
        byte[] ours = RealComponents.rustEmbedded();
        Map<String, byte[]> theirSections = customSections(theirs);
        Map<String, byte[]> ourSections = customSections(ours);
        assertTrue(theirSections.containsKey(WitEmbedder.SECTION_NAME), () -> "jco embed's sections: " + theirSections.keySet());
        assertArrayEquals(withoutProducers(theirSections.get(WitEmbedder.SECTION_NAME)), ourSections.get(WitEmbedder.SECTION_NAME));
        assertArrayEquals(core, WitEmbedder.strip(theirs), "jco embed changes nothing else");
    }

    private static int coreModules(Component c) {
        int n = c.sections(Section.CoreModule.class).size();
        for (Section.NestedComponent nested : c.sections(Section.NestedComponent.class)) {
            n += coreModules(nested.component());
        }
        return n;
    }

    /** The custom sections of a core module by name (the last of a name wins). */
    static Map<String, byte[]> customSections(byte[] module) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int[] pos = {8};
        while (pos[0] < module.length) {
            int id = module[pos[0]++] & 0xff;
            int size = (int) leb(module, pos);
            int end = pos[0] + size;
            if (id == 0) {
                int len = (int) leb(module, pos);
                String name = new String(module, pos[0], len, StandardCharsets.UTF_8);
                out.put(name, Arrays.copyOfRange(module, pos[0] + len, end));
            }
            pos[0] = end;
        }
        return out;
    }

    private static long leb(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
    }

    private static byte[] withoutProducers(byte[] payload) {
        Component c = ComponentDecoder.decode(payload);
        List<Section> kept = new ArrayList<>();
        for (Section s : c.sections()) {
            if (!(s instanceof Section.Custom cs && cs.name().equals(Producers.SECTION_NAME))) {
                kept.add(s);
            }
        }
        return ComponentEncoder.encode(new Component(kept));
    }
}
