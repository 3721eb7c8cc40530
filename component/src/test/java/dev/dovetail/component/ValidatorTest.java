package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The validator is only begun: it must accept every valid component of the suite (no false
 * positives) and rejects a measured share of the {@code assert_invalid} ones, which may only grow.
 */
class ValidatorTest {
    /** Invalid binaries rejected so far; raise it when the validator learns more. */
    static final int MIN_INVALID_REJECTED = 67;

    @TestFactory
    Stream<DynamicTest> validComponentsAreAccepted() {
        return Conformance.binaries("component", "component_definition", "assert_uninstantiable").stream()
                .map(c -> DynamicTest.dynamicTest(c.label(),
                        () -> ComponentValidator.validate(ComponentDecoder.decode(Conformance.read(c.wasm())))));
    }

    @Test
    void invalidComponentsRejectedSoFar() {
        List<Conformance.Case> invalid = Conformance.binaries("assert_invalid");
        int rejected = 0;
        int matching = 0;
        List<String> report = new ArrayList<>();
        for (Conformance.Case c : invalid) {
            try {
                ComponentValidator.validate(ComponentDecoder.decode(Conformance.read(c.wasm())));
            } catch (ComponentValidationException | ComponentFormatException e) {
                rejected++;
                String reason = e instanceof ComponentValidationException v ? v.reason()
                        : ((ComponentFormatException) e).reason();
                if (reason.contains(c.text())) {
                    matching++;
                } else {
                    report.add(c.label() + ": expected \"" + c.text() + "\", got \"" + reason + "\"");
                }
            }
        }
        System.out.printf("validator: rejects %d/%d assert_invalid binaries (%d with the suite's wording)%n",
                rejected, invalid.size(), matching);
        report.forEach(r -> System.out.println("  wording differs: " + r));
        assertTrue(rejected >= MIN_INVALID_REJECTED, "rejected " + rejected);
    }

    @Test
    void indexSpacesGrowWithDefinitions() {
        // (type string) (type (list 0)) is fine; (type (list 2)) with 2 types is not
        Component ok = new Component(List.of(new Section.Types(List.of(
                PrimitiveType.STRING, new DefinedType.ListType(ValType.of(0))))));
        ComponentValidator.validate(ok);
        Component bad = new Component(List.of(new Section.Types(List.of(
                PrimitiveType.STRING, new DefinedType.ListType(ValType.of(1))))));
        ComponentValidationException e = assertThrows(ComponentValidationException.class,
                () -> ComponentValidator.validate(bad));
        assertEquals("type index out of bounds: 1 (1 defined)", e.reason());
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
        assertThrows(ComponentValidationException.class, () -> ComponentValidator.validate(inType));
    }
}
