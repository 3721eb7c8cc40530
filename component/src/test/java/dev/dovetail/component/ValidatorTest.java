package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The validator against the conformance suite: every valid component must be accepted (no false
 * positives), and the {@code assert_invalid} ones must be rejected, except the cases listed in
 * {@code validator-known-failures.txt}, a list that may only shrink.
 */
class ValidatorTest {
    /** Invalid binaries rejected; raise it when the validator learns more, never lower it. */
    static final int MIN_INVALID_REJECTED = 379;

    static final String KNOWN_FAILURES = "/validator-known-failures.txt";

    /** Valid binaries: components, definitions (also those instantiated by component_instance). */
    static final String[] VALID = {"component", "component_definition", "assert_uninstantiable"};

    @TestFactory
    Stream<DynamicTest> validComponentsAreAccepted() {
        return Conformance.binaries(VALID).stream()
                .map(c -> DynamicTest.dynamicTest(c.label(),
                        () -> ComponentValidator.validate(ComponentDecoder.decode(Conformance.read(c.wasm())))));
    }

    @Test
    void invalidComponentsAreRejected() {
        List<Conformance.Case> valid = Conformance.binaries(VALID);
        int validAccepted = 0;
        List<String> falsePositives = new ArrayList<>();
        for (Conformance.Case c : valid) {
            try {
                ComponentValidator.validate(ComponentDecoder.decode(Conformance.read(c.wasm())));
                validAccepted++;
            } catch (ComponentValidationException | ComponentFormatException e) {
                falsePositives.add(c.label() + ": " + e.getMessage());
            }
        }

        List<Conformance.Case> invalid = Conformance.binaries("assert_invalid");
        Map<String, String> known = knownFailures();
        Map<String, Boolean> knownSeen = new LinkedHashMap<>();
        known.keySet().forEach(k -> knownSeen.put(k, false));
        int rejected = 0;
        int matching = 0;
        List<String> unexpected = new ArrayList<>();
        List<String> nowRejected = new ArrayList<>();
        for (Conformance.Case c : invalid) {
            String key = c.json().replace('\\', '/') + ":" + c.line();
            knownSeen.computeIfPresent(key, (k, v) -> true);
            try {
                ComponentValidator.validate(ComponentDecoder.decode(Conformance.read(c.wasm())));
                if (!known.containsKey(key)) {
                    unexpected.add(key + " (" + c.wasm().getFileName() + ", expected \"" + c.text() + "\")");
                }
            } catch (ComponentValidationException | ComponentFormatException e) {
                rejected++;
                String reason = e instanceof ComponentValidationException v ? v.reason()
                        : ((ComponentFormatException) e).reason();
                if (reason.contains(c.text())) {
                    matching++;
                }
                if (known.containsKey(key)) {
                    nowRejected.add(key + " (now rejected: " + reason + ")");
                }
            }
        }
        System.out.printf("component-model validator: valid accepted %d/%d, invalid rejected %d/%d%n",
                validAccepted, valid.size(), rejected, invalid.size());
        System.out.printf("  (%d of the %d rejections with the suite's wording)%n", matching, rejected);

        assertEquals(List.of(), falsePositives, "valid components rejected");
        assertEquals(List.of(), unexpected, "assert_invalid cases accepted but not listed in " + KNOWN_FAILURES);
        assertEquals(List.of(), nowRejected, "listed in " + KNOWN_FAILURES + " but rejected now: delete these lines");
        List<String> stale = new ArrayList<>();
        knownSeen.forEach((k, seen) -> {
            if (!seen) {
                stale.add(k);
            }
        });
        assertEquals(List.of(), stale, "entries of " + KNOWN_FAILURES + " that name no assert_invalid case");
        assertTrue(rejected * 10L >= invalid.size() * 9L, "rejected " + rejected + " of " + invalid.size()
                + ", less than 90%");
        assertTrue(rejected >= MIN_INVALID_REJECTED, "rejected " + rejected + ", fewer than the floor "
                + MIN_INVALID_REJECTED);
    }

    /** {@code <json file>:<line>: reason} per line; {@code #} starts a comment line. */
    static Map<String, String> knownFailures() {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = ValidatorTest.class.getResourceAsStream(KNOWN_FAILURES)) {
            assertTrue(in != null, KNOWN_FAILURES + " missing from the test resources");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                int second = colon < 0 ? -1 : line.indexOf(':', colon + 1);
                assertTrue(second > 0 && !line.substring(second + 1).isBlank(),
                        "malformed line (want `<json file>:<line>: reason`): " + line);
                String key = line.substring(0, second);
                assertTrue(out.put(key, line.substring(second + 1).trim()) == null, "listed twice: " + key);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Test
    void indexSpacesGrowWithDefinitions() {
        // (type string) (type (list 0)) is fine; (type (list 1)) with 1 type is not
        Component ok = new Component(List.of(new Section.Types(List.of(
                PrimitiveType.STRING, new DefinedType.ListType(ValType.of(0))))));
        ComponentValidator.validate(ok);
        Component bad = new Component(List.of(new Section.Types(List.of(
                PrimitiveType.STRING, new DefinedType.ListType(ValType.of(1))))));
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> ComponentValidator.validate(bad));
        assertEquals("unknown type 1: type index out of bounds (1 defined)", e.reason());
        assertEquals("section 0 (types) / item 1", e.path());
    }

    @Test
    void outerAliasesCountEnclosingScopes() {
        Component inner = new Component(List.of(new Section.Aliases(List.of(new Alias.Outer(Sort.TYPE, 1, 0)))));
        ComponentValidator.validate(new Component(List.of(
                new Section.Types(List.of(PrimitiveType.U8)), new Section.NestedComponent(inner))));
        assertThrows(ComponentValidationException.class, () -> ComponentValidator.validate(inner));
    }

    @Test
    void resourcesOnlyInConcreteComponents() {
        TypeDef.Resource r = new TypeDef.Resource(CoreType.NumType.I32, Optional.empty());
        ComponentValidator.validate(new Component(List.of(new Section.Types(List.of(r)))));
        Component inType = new Component(List.of(new Section.Types(List.of(
                new TypeDef.ComponentType(List.of(new Declaration.TypeDecl(r)))))));
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> ComponentValidator.validate(inType));
        assertEquals("resources can only be defined within a concrete component", e.reason());
        assertEquals("section 0 (types) / item 0 / item 0", e.path());
    }
}
