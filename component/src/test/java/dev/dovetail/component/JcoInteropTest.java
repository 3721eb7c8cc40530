package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dovetail.testing.Processes;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitException;
import dev.dovetail.wit.WitJson;
import dev.dovetail.wit.WitPrinter;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks against the reference implementation, jco 1.34.0 (wit-component 0.258.0): {@code jco
 * wit} prints the same WIT as {@link WitExtractor} + {@code WitPrinter}, {@code jco embed} writes
 * the same {@code component-type} bytes as {@link WitEmbedder}, and {@code jco new} turns core
 * modules embedded by {@link WitEmbedder} into components whose WIT is the embedded world.
 *
 * <p>Printed WIT is compared with whitespace removed. The two printers order some world items
 * differently (wit-component prints imports and exports in map order; our printer prints {@code
 * use}s first and orders items so that the text resolves back to the same ids): such texts are
 * counted as "equal up to item order" when their sorted lines are equal. {@code @external-id}
 * attributes are not in the WIT model yet, so jco's lines for them are dropped before comparing.
 */
class JcoInteropTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Match { EXACT, ITEM_ORDER, BOTH_REFUSE, DIFFERENT }

    private static Match compare(String jcoWit, String ours) {
        String jco = jcoWit.lines().filter(l -> !l.strip().startsWith("@external-id(")).reduce("", (a, b) -> a + b + "\n");
        if (Jco.squash(jco).equals(Jco.squash(ours))) {
            return Match.EXACT;
        }
        return Jco.lines(jco).equals(Jco.lines(ours)) ? Match.ITEM_ORDER : Match.DIFFERENT;
    }

    // ------------------------------------------------------------------ jco wit

    /**
     * Every suite binary with a non-empty world: {@code jco wit} and our extraction print the same
     * WIT; binaries we cannot describe in WIT are the ones jco cannot either.
     */
    @Test
    void extractionMatchesJcoWit(@TempDir Path tmp) {
        Jco jco = Jco.require();
        record Outcome(String label, Match match, String detail) {}
        List<java.util.concurrent.Callable<Outcome>> work = new ArrayList<>();
        for (Conformance.Case c : Conformance.binaries("component", "component_definition", "assert_uninstantiable")) {
            work.add(() -> {
                String ours;
                try {
                    DecodedWit wit = WitExtractor.extract(Jco.read(c.wasm()));
                    ours = WitPrinter.print(wit.resolve(), wit.packageId());
                } catch (WitExtractionException | ComponentFormatException e) {
                    Processes.Result r = jco.wit(tmp, c.wasm());
                    return new Outcome(c.label(), r.ok() ? Match.DIFFERENT : Match.BOTH_REFUSE,
                            r.ok() ? "we fail (" + e.getMessage() + ") where jco prints\n" + r.out() : "both fail");
                }
                if (Jco.squash(ours).equals("packageroot:component;worldroot{}")) {
                    return null; // nothing to compare: skip the jco run
                }
                Processes.Result r = jco.wit(tmp, c.wasm());
                if (!r.ok()) {
                    return new Outcome(c.label(), Match.DIFFERENT, "jco fails where we print\n" + ours + r.err());
                }
                Match m = compare(r.out(), ours);
                return new Outcome(c.label(), m, "jco:\n" + r.out() + "ours:\n" + ours);
            });
        }
        List<Outcome> outcomes = Jco.parallel(work).stream().filter(o -> o != null).toList();
        long exact = outcomes.stream().filter(o -> o.match() == Match.EXACT).count();
        long refused = outcomes.stream().filter(o -> o.match() == Match.BOTH_REFUSE).count();
        List<Outcome> ordered = outcomes.stream().filter(o -> o.match() == Match.ITEM_ORDER).toList();
        List<Outcome> different = outcomes.stream().filter(o -> o.match() == Match.DIFFERENT).toList();
        System.out.println("jco wit vs WitExtractor on " + outcomes.size() + " binaries: " + exact + " equal, "
                + ordered.size() + " equal up to item order, " + refused + " refused by both, " + different.size() + " different");
        ordered.forEach(o -> System.out.println("  item order: " + o.label()));
        if (!different.isEmpty()) {
            fail(different.size() + " differ, first: " + different.get(0).label() + "\n" + different.get(0).detail());
        }
        assertTrue(outcomes.size() >= 150, "only " + outcomes.size() + " binaries compared");
    }

    // ------------------------------------------------------------------ jco embed

    /** A world to embed: a WIT file or package directory, and the world's name. */
    private record WorldCase(Path wit, String world) {
        String label() {
            return wit.getFileName() + " " + world;
        }
    }

    /** Our resources, and every single-world package of the wit-parser UI cases (jco 1.34 ignores `jco embed -n`). */
    private static List<WorldCase> worldCases() throws IOException {
        List<WorldCase> cases = new ArrayList<>(List.of(
                new WorldCase(WitRoundTripTest.resource("greeter.wit"), "greeter"),
                new WorldCase(WitRoundTripTest.resource("kitchen-sink.wit"), "sink"),
                new WorldCase(WitRoundTripTest.resource("async.wit"), "streamer")));
        try (Stream<Path> entries = Files.list(WitRoundTripTest.witParserUi())) {
            for (Path p : entries.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.equals("parse-fail") || !(Files.isDirectory(p) || name.endsWith(".wit"))) {
                    continue;
                }
                if (hasTextDeps(p)) {
                    // we resolve .wat dependencies (ComponentText), jco 1.34 does not ("failed to parse dependency directory")
                    continue;
                }
                try {
                    ResolvedWit wit = WitRoundTripTest.resolve(p);
                    Map<String, Integer> worlds = wit.resolve().pkg(wit.mainPackage()).worlds();
                    if (worlds.size() == 1) {
                        cases.add(new WorldCase(p, worlds.keySet().iterator().next()));
                    }
                } catch (WitException e) {
                    // not resolvable without features: not a case here
                }
            }
        }
        return cases;
    }

    private static boolean hasTextDeps(Path pkg) throws IOException {
        Path deps = pkg.resolve("deps");
        if (!Files.isDirectory(deps)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(deps)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".wat"));
        }
    }

    /**
     * Cases whose bytes are compared but that are not run through {@code jco new}: on this one
     * jco new runs for more than five minutes even with jco's own dummy module.
     */
    private static final Set<String> SLOW_FOR_JCO_NEW = Set.of("stress-export-elaborate.wit");

    /** The {@code component-type} payload of a core module, without its producers section. */
    static byte[] payloadWithoutProducers(byte[] module) {
        List<byte[]> payloads = new ArrayList<>();
        Reader r = new Reader(module);
        r.skip(8);
        while (!r.atEnd()) {
            int id = r.u8();
            int size = r.u32();
            int end = r.pos() + size;
            if (id == 0) {
                int old = r.pushLimit(end);
                if (r.name().equals("component-type")) {
                    payloads.add(java.util.Arrays.copyOfRange(module, r.pos(), end));
                }
                r.restoreLimit(old);
            }
            r.skip(end - r.pos());
        }
        assertEquals(1, payloads.size(), "component-type sections");
        Component c = ComponentDecoder.decode(payloads.get(0));
        List<Section> kept = c.sections().stream()
                .filter(s -> !(s instanceof Section.Custom cs && cs.name().equals(Producers.SECTION_NAME))).toList();
        return ComponentEncoder.encode(new Component(kept));
    }

    /**
     * {@code jco embed --dummy}'s section and ours hold the same bytes (wit-component adds a
     * producers section, which we do not write); {@code jco new} takes the dummy module with our
     * section instead of its own, and {@code jco wit} of the result is the embedded world.
     */
    @Test
    void embeddingMatchesJcoEmbedAndPassesJcoNew(@TempDir Path tmp) throws IOException {
        Jco jco = Jco.require();
        List<WorldCase> cases = worldCases();
        List<java.util.concurrent.Callable<String>> work = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            WorldCase wc = cases.get(i);
            Path dir = Files.createDirectory(tmp.resolve("case" + i));
            work.add(() -> {
                Path dummy = dir.resolve("dummy.wasm");
                Processes.Result r = jco.run(dir, "embed", "--dummy", "--wit", wc.wit().toString(), "-n", wc.world(), "-o", dummy.toString());
                if (!r.ok()) {
                    return wc.label() + ": jco embed failed: " + r.describe();
                }
                ResolvedWit wit = WitRoundTripTest.resolve(wc.wit());
                int world = wit.resolve().pkg(wit.mainPackage()).worlds().get(wc.world());
                byte[] theirs = Files.readAllBytes(dummy);
                if (!java.util.Arrays.equals(payloadWithoutProducers(theirs), WitEmbedder.encodeWorld(wit.resolve(), world))) {
                    return wc.label() + ": component-type bytes differ from jco embed's";
                }
                if (SLOW_FOR_JCO_NEW.contains(wc.wit().getFileName().toString())) {
                    return null;
                }
                return newComponent(jco, dir, WitEmbedder.strip(theirs), wit, world, wc.label(), false);
            });
        }
        List<String> failures = Jco.parallel(work).stream().filter(s -> s != null).toList();
        System.out.println("jco embed / jco new: " + (cases.size() - failures.size()) + " of " + cases.size() + " worlds agree");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " worlds fail:\n" + String.join("\n\n", failures));
        }
    }

    /**
     * Embeds our section into {@code core}, runs {@code jco new} and {@code jco wit}; null if all
     * agree. The component's world is the embedded one ({@code exactWorld}), or what wit-component
     * keeps of it for a module that does not use all of its imports.
     */
    private static String newComponent(Jco jco, Path dir, byte[] core, ResolvedWit wit, int world, String label,
            boolean exactWorld) throws IOException {
        Path embedded = dir.resolve("embedded.wasm");
        Files.write(embedded, WitEmbedder.embed(core, wit.resolve(), world));
        Path component = dir.resolve("component.wasm");
        Processes.Result r = jco.run(dir, "new", embedded.toString(), "-o", component.toString());
        if (!r.ok()) {
            return label + ": jco new rejects our module: " + r.describe();
        }
        DecodedWit.ComponentWorld back = (DecodedWit.ComponentWorld) WitExtractor.extract(Files.readAllBytes(component));
        Map<String, Set<String>> got = WorldShape.items(back.resolve(), back.worldId());
        Map<String, Set<String>> embeddedWorld = WorldShape.items(wit.resolve(), world);
        String why = exactWorld ? (got.equals(embeddedWorld) ? null : "differs") : WorldShape.notPrunedFrom(got, embeddedWorld);
        if (why != null) {
            return label + ": the component's world is not the embedded one (" + why + "):\n"
                    + WorldShape.of(wit.resolve(), world) + "\n---\n" + WorldShape.of(back.resolve(), back.worldId());
        }
        Processes.Result printed = jco.wit(dir, component);
        String ours = WitPrinter.print(back.resolve(), back.packageId());
        if (!printed.ok() || compare(printed.out(), ours) == Match.DIFFERENT) {
            return label + ": jco wit differs:\n" + printed.describe() + "ours:\n" + ours;
        }
        return null;
    }

    /** A core module written by hand (greeter.wat, canonical ABI signatures), made a component by jco. */
    @Test
    void handWrittenModuleBecomesAComponent(@TempDir Path tmp) throws IOException {
        Jco jco = Jco.require();
        byte[] core = jco.parse(tmp, WitRoundTripTest.resource("greeter.wat"));
        ResolvedWit wit = WitRoundTripTest.resolve(WitRoundTripTest.resource("greeter.wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("greeter");
        String failure = newComponent(jco, tmp, core, wit, world, "greeter.wat", true);
        if (failure != null) {
            fail(failure);
        }
    }

    // ------------------------------------------------------------------ WIT packages in the text format

    /** The two UI cases in the text format, turned into binaries by {@code jco parse}, resolve to the expected JSON. */
    @Test
    void textFormatPackagesViaJcoParse(@TempDir Path tmp) throws IOException {
        Jco jco = Jco.require();
        Path ui = WitRoundTripTest.witParserUi();

        Path simple = tmp.resolve("simple-wasm-text.wasm");
        Files.write(simple, jco.parse(tmp, ui.resolve("simple-wasm-text.wat")));
        ResolvedWit wit = WitResolver.builder().features(Set.of("active")).build().resolve(simple);
        assertEquals(JSON.readTree(Files.readString(ui.resolve("simple-wasm-text.wit.json"))), JSON.readTree(WitJson.toJson(wit.resolve())));

        Path copy = Files.createDirectories(tmp.resolve("kinds-of-deps/deps/b"));
        Files.copy(ui.resolve("kinds-of-deps/a.wit"), copy.resolveSibling("../a.wit").normalize());
        Files.copy(ui.resolve("kinds-of-deps/deps/b/root.wit"), copy.resolve("root.wit"));
        Files.copy(ui.resolve("kinds-of-deps/deps/c.wit"), copy.resolveSibling("c.wit"));
        Files.copy(ui.resolve("kinds-of-deps/deps/e.wasm"), copy.resolveSibling("e.wasm"));
        Files.write(copy.resolveSibling("d.wasm"), jco.parse(tmp, ui.resolve("kinds-of-deps/deps/d.wat")));
        ResolvedWit deps = WitResolver.builder().features(Set.of("active")).build().resolve(tmp.resolve("kinds-of-deps"));
        assertEquals(JSON.readTree(Files.readString(ui.resolve("kinds-of-deps.wit.json"))), JSON.readTree(WitJson.toJson(deps.resolve())));
    }
}
