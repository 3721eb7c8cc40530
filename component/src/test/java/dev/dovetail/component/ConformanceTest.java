package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Component Model reference tests: every well-formed binary round-trips byte for byte, every
 * {@code assert_malformed} binary is rejected with {@link ComponentFormatException}.
 */
class ConformanceTest {
    /** Commands whose binary is well-formed (valid, or only invalid/uninstantiable). */
    static final String[] WELL_FORMED = {"component", "component_definition", "assert_invalid", "assert_uninstantiable"};

    /** Expected counts in the suite as shipped; a change means the suite changed (no silent gaps). */
    static final int EXPECTED_WELL_FORMED = 666;

    static final int EXPECTED_MALFORMED = 70;

    @TestFactory
    Stream<DynamicTest> roundTripIsByteIdentical() {
        return Conformance.binaries(WELL_FORMED).stream()
                .map(c -> DynamicTest.dynamicTest(c.label(), () -> {
                    byte[] bytes = Conformance.read(c.wasm());
                    Component component = ComponentDecoder.decode(bytes);
                    byte[] again = ComponentEncoder.encode(component);
                    if (!java.util.Arrays.equals(bytes, again)) {
                        fail("re-encoding differs: first difference at byte " + firstDifference(bytes, again)
                                + " of " + bytes.length + "/" + again.length);
                    }
                    assertEquals(component, ComponentDecoder.decode(again));
                }));
    }

    @TestFactory
    Stream<DynamicTest> malformedIsRejected() {
        return Conformance.binaries("assert_malformed").stream()
                .map(c -> DynamicTest.dynamicTest(c.label(), () -> {
                    byte[] bytes = Conformance.read(c.wasm());
                    ComponentFormatException e = assertThrows(ComponentFormatException.class,
                            () -> ComponentDecoder.decode(bytes),
                            () -> "decoded a malformed binary: " + HexFormat.of().formatHex(bytes));
                    // the suite's texts are wasm-tools' wording; ours follows it where it can
                    assertTrue(e.reason().contains(c.text()),
                            () -> "expected a reason containing \"" + c.text() + "\", got: " + e.getMessage());
                }));
    }

    @Test
    void countsAreComplete() {
        List<Conformance.Case> good = Conformance.binaries(WELL_FORMED);
        List<Conformance.Case> bad = Conformance.binaries("assert_malformed");
        int roundTrips = 0;
        List<String> failures = new ArrayList<>();
        for (Conformance.Case c : good) {
            byte[] bytes = Conformance.read(c.wasm());
            try {
                if (java.util.Arrays.equals(bytes, ComponentEncoder.encode(ComponentDecoder.decode(bytes)))) {
                    roundTrips++;
                } else {
                    failures.add(c.label() + ": differs");
                }
            } catch (ComponentFormatException e) {
                failures.add(c.label() + ": " + e.getMessage());
            }
        }
        int rejected = 0;
        for (Conformance.Case c : bad) {
            try {
                ComponentDecoder.decode(Conformance.read(c.wasm()));
                failures.add(c.label() + ": malformed binary accepted");
            } catch (ComponentFormatException e) {
                rejected++;
            }
        }
        System.out.printf("component-model conformance: round-trip %d/%d, malformed rejected %d/%d%n",
                roundTrips, good.size(), rejected, bad.size());
        assertEquals(EXPECTED_WELL_FORMED, good.size(), "well-formed binaries in the suite");
        assertEquals(EXPECTED_MALFORMED, bad.size(), "malformed binaries in the suite");
        assertEquals(List.of(), failures);
    }

    static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return n;
    }

    @Test
    void identicalBytesGiveEqualModels() {
        byte[] bytes = Conformance.read(Conformance.binaries("component").get(0).wasm());
        assertArrayEquals(bytes, ComponentEncoder.encode(ComponentDecoder.decode(bytes.clone())));
    }
}
