package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.WitPrinter;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * WIT packages encoded as components ({@link WitPackageEncoder}): the binary validates, and the
 * package read back from it prints as the original (docs and feature gates, which the binary
 * does not carry, left out of both).
 */
class WitPackageEncoderTest {

    static Path sharedWit() {
        Path wit = Conformance.suiteRoot().resolve("../../wit").normalize();
        assertTrue(Files.isDirectory(wit.resolve("wasi-0.2.12")), "WASI WIT not found at " + wit);
        return wit;
    }

    /** The printed package without doc comments and {@code @since}/{@code @unstable}/{@code @deprecated} lines. */
    static String withoutDocsAndGates(String wit) {
        return wit.lines()
                .filter(l -> {
                    String t = l.strip();
                    return !(t.startsWith("///") || t.startsWith("@since(") || t.startsWith("@unstable(")
                            || t.startsWith("@deprecated("));
                })
                .collect(Collectors.joining("\n"));
    }

    /** Encodes the main package, checks the binary and returns the package read back from it. */
    static DecodedWit roundTrip(ResolvedWit wit, int pkg) {
        byte[] bytes = WitPackageEncoder.encode(wit.resolve(), pkg);
        Component c = ComponentDecoder.decode(bytes);
        ComponentValidator.validate(c);
        DecodedWit back = WitExtractor.extract(c);
        assertInstanceOf(DecodedWit.WitPackage.class, back, () -> "read back as a component: " + wit.resolve().pkg(pkg).name());
        return back;
    }

    /**
     * The package prints the same after a round trip, but for the order of an interface's
     * functions: the encoding puts resource functions first (as wit-component does).
     */
    static void assertSamePackage(ResolvedWit wit, int pkg) {
        DecodedWit back = roundTrip(wit, pkg);
        String expected = withoutDocsAndGates(WitPrinter.print(wit.resolve(), pkg));
        String actual = withoutDocsAndGates(WitPrinter.print(back.resolve(), back.packageId()));
        if (!expected.equals(actual)) {
            assertEquals(Jco.lines(expected), Jco.lines(actual), () -> "differs beyond item order:\n" + actual);
        }
    }

    /**
     * Whether a package can be encoded at all: one without interfaces and worlds leaves no trace of
     * its name, and empty records, flags, variants, enums and tuples are not valid component types.
     */
    static boolean encodable(dev.dovetail.wit.Resolve resolve, int pkg) {
        var p = resolve.pkg(pkg);
        if (p.interfaces().isEmpty() && p.worlds().isEmpty()) {
            return false;
        }
        for (var t : resolve.types()) {
            boolean empty = t.kind() instanceof TypeDefKind.Record r && r.fields().isEmpty()
                    || t.kind() instanceof TypeDefKind.Flags f && f.flags().isEmpty()
                    || t.kind() instanceof TypeDefKind.Variant v && v.cases().isEmpty()
                    || t.kind() instanceof TypeDefKind.Enum e && e.cases().isEmpty()
                    || t.kind() instanceof TypeDefKind.Tuple u && u.types().isEmpty();
            if (empty) {
                return false;
            }
        }
        return true;
    }

    /** Every WASI 0.2.12 and 0.3.0 package, all features enabled. */
    @TestFactory
    Stream<DynamicTest> wasiPackagesRoundTrip() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String version : List.of("wasi-0.2.12", "wasi-0.3.0")) {
            Path dir = sharedWit().resolve(version);
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path p : entries.filter(Files::isDirectory).sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(version + "/" + p.getFileName(), () -> {
                        ResolvedWit wit = WitResolver.builder().allFeatures(true).dependencyDirs(List.of(dir)).build().resolve(p);
                        assertSamePackage(wit, wit.mainPackage());
                    }));
                }
            }
        }
        assertEquals(13, tests.size());
        return tests.stream();
    }

    /** Every root package of the wit-parser UI pass cases that the WIT parser resolves. */
    @TestFactory
    Stream<DynamicTest> witParserUiPackagesRoundTrip() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, ResolvedWit> c : WitRoundTripTest.resolvedUiCases().entrySet()) {
            ResolvedWit wit = c.getValue();
            for (int pkg : wit.rootPackages()) {
                if (encodable(wit.resolve(), pkg)) {
                    tests.add(DynamicTest.dynamicTest(c.getKey() + " " + wit.resolve().pkg(pkg).name(),
                            () -> assertSamePackage(wit, pkg)));
                }
            }
        }
        assertTrue(tests.size() >= 80, "only " + tests.size() + " packages found");
        return tests.stream();
    }

    /** The WIT parser reads an encoded package as a dependency-free {@code .wasm} package. */
    @Test
    void theWitParserReadsTheBinary(@TempDir Path tmp) throws IOException {
        Path dir = sharedWit().resolve("wasi-0.2.12");
        ResolvedWit wit = WitResolver.builder().dependencyDirs(List.of(dir)).build().resolve(dir.resolve("http"));
        Path file = tmp.resolve("http.wasm");
        Files.write(file, WitPackageEncoder.encode(wit));
        ResolvedWit back = WitResolver.builder().build().resolve(file);
        assertEquals("wasi:http@0.2.12", back.resolve().pkg(back.mainPackage()).name().toString());
        assertEquals(Jco.lines(withoutDocsAndGates(WitPrinter.print(wit.resolve(), wit.mainPackage()))),
                Jco.lines(withoutDocsAndGates(WitPrinter.print(back.resolve(), back.mainPackage()))));
    }

    @Test
    void rejectsAMissingPackage() {
        ResolvedWit wit = WitRoundTripTest.resolve(WitRoundTripTest.resource("greeter.wit"));
        assertThrows(IllegalArgumentException.class, () -> WitPackageEncoder.encode(wit.resolve(), 99));
    }

    /**
     * jco's WIT parser reads the encoded package ({@code jco embed --wit pkg.wasm}) and embeds each
     * of its worlds with the same bytes as {@link WitEmbedder} does from the original WIT.
     */
    @TestFactory
    Stream<DynamicTest> jcoReadsTheBinary(@TempDir Path tmp) {
        Jco jco = Jco.require();
        List<DynamicTest> tests = new ArrayList<>();
        // packages with one world: jco 1.34 ignores -n for a binary package and asks for a world otherwise
        for (String pkg : List.of("wasi-0.2.12/io", "wasi-0.2.12/filesystem", "wasi-0.2.12/sockets", "wasi-0.3.0/sockets",
                "wasi-0.3.0/filesystem", "wasi-0.3.0/clocks")) {
            Path dir = sharedWit().resolve(pkg).getParent();
            ResolvedWit wit = WitResolver.builder().dependencyDirs(List.of(dir)).build().resolve(sharedWit().resolve(pkg));
            for (var w : wit.resolve().pkg(wit.mainPackage()).worlds().entrySet()) {
                tests.add(DynamicTest.dynamicTest(pkg + " world " + w.getKey(), () -> {
                    String stem = pkg.replace('/', '-') + "-" + w.getKey();
                    Path file = tmp.resolve(stem + ".wasm");
                    Files.write(file, WitPackageEncoder.encode(wit));
                    Path dummy = tmp.resolve(stem + "-dummy.wasm");
                    var r = jco.run(tmp, "embed", "--dummy", "--wit", file.toString(), "-o", dummy.toString());
                    assertTrue(r.ok(), r.describe());
                    assertArrayEquals(WitEmbedder.encodeWorld(wit.resolve(), w.getValue()),
                            JcoInteropTest.payloadWithoutProducers(Files.readAllBytes(dummy)));
                }));
            }
        }
        assertTrue(tests.size() >= 6, tests.size() + " worlds");
        return tests.stream();
    }
}
