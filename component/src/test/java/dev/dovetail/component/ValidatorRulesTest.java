package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ValidatorTypes.CNum;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Single validation rules on hand-built components, and the name and ABI helpers. */
class ValidatorRulesTest {

    private static String reason(Component c) {
        return assertThrows(ComponentValidationException.class, () -> ComponentValidator.validate(c)).reason();
    }

    private static Component component(Section... sections) {
        return new Component(List.of(sections));
    }

    // ---------------------------------------------------------------- names

    @Test
    void labelsAreKebabCase() {
        for (String ok : List.of("a", "a1", "a-1", "B-1-C-2", "a11-B11-123-ABC-abc", "is-XML")) {
            assertTrue(ExternNames.isLabel(ok), ok);
        }
        for (String bad : List.of("", "1", "1-a", "a-", "a--b", "aBc", "a-Bc", "a_b", "a.b")) {
            assertFalse(ExternNames.isLabel(bad), bad);
        }
    }

    @Test
    void externNames() {
        ExternNames.Name n = ExternNames.parse("wasi:http/types@0.2.1");
        assertEquals(ExternNames.Kind.INTERFACE, n.kind());
        assertEquals("0.2.1", n.version());
        assertEquals(ExternNames.Kind.METHOD, ExternNames.parse("[method]file.read-at").kind());
        assertEquals("file", ExternNames.parse("[static]file.open").resource());
        assertEquals("expected `/` after package name",
                assertThrows(Invalid.class, () -> ExternNames.parse("foo:bar:baz/qux")).getMessage());
        assertEquals("trailing characters found: `/qux`",
                assertThrows(Invalid.class, () -> ExternNames.parse("foo:bar/baz/qux")).getMessage());
        assertEquals("failed to find `.` character",
                assertThrows(Invalid.class, () -> ExternNames.parse("[method]a")).getMessage());
        assertThrows(Invalid.class, () -> ExternNames.parse("Ns:pkg/i"));
    }

    @Test
    void strongUniqueness() {
        // Explainer.md, Name Uniqueness: the examples that clash with `foo`, `[method]foo.bar` etc.
        assertEquals(key("foo"), key("FOO"));
        assertEquals(key("foo"), key("[method]foo.foo"));
        assertEquals(key("[method]foo.bar"), key("[static]foo.BAR"));
        assertEquals(key("foo:bar/baz"), key("foo:bar/BAZ"));
        assertNotEquals(key("foo"), key("[constructor]foo"));
        assertNotEquals(key("foo-bar"), key("[method]foo.bar"));
    }

    private static String key(String name) {
        return ExternNames.parse(name).uniquenessKey();
    }

    @Test
    void semanticVersions() {
        assertNull(ExternNames.semverError("1.0.0"));
        assertNull(ExternNames.semverError("0.0.0-abcd.1.2+efg.4.ee.5"));
        assertTrue(ExternNames.semverError("01.0.0").contains("leading zero"));
        assertTrue(ExternNames.semverError("1.0").contains("unexpected end of input"));
        assertTrue(ExternNames.semverError("1.0.0+").contains("empty identifier segment"));
        assertTrue(ExternNames.isCanonVersion("0.2"));
        assertFalse(ExternNames.isCanonVersion("0.2.1"));
    }

    // ---------------------------------------------------------------- canonical ABI

    @Test
    void flattening() {
        CanonicalAbi.Flat f = new CanonicalAbi.Flat(16);
        CanonicalAbi.flatten(CanonicalAbi.prim(PrimitiveType.STRING, true), CNum.I32, f);
        assertEquals(List.of(CNum.I32, CNum.I32), f.types);

        // variant payloads are joined: i32|f32 -> i32, f32|u64 -> i64
        ValidatorTypes.DefT v = CanonicalAbi.variant(List.of(
                new ValidatorTypes.Case("a", CanonicalAbi.prim(PrimitiveType.U32, true)),
                new ValidatorTypes.Case("b", CanonicalAbi.prim(PrimitiveType.F32, true)),
                new ValidatorTypes.Case("c", null)));
        f = new CanonicalAbi.Flat(16);
        CanonicalAbi.flatten(v, CNum.I32, f);
        assertEquals(List.of(CNum.I32, CNum.I32), f.types);
        ValidatorTypes.DefT r = CanonicalAbi.result(CanonicalAbi.prim(PrimitiveType.F32, true),
                CanonicalAbi.prim(PrimitiveType.U64, true));
        f = new CanonicalAbi.Flat(16);
        CanonicalAbi.flatten(r, CNum.I32, f);
        assertEquals(List.of(CNum.I32, CNum.I64), f.types);

        // a fixed-length list overflows without being expanded
        f = new CanonicalAbi.Flat(16);
        assertFalse(CanonicalAbi.flatten(CanonicalAbi.fixedList(CanonicalAbi.prim(PrimitiveType.U8, true),
                4_000_000_000L), CNum.I32, f));
        assertTrue(f.overflow);
    }

    @Test
    void elementSizeBound() {
        assertEquals(16, CanonicalAbi.prim(PrimitiveType.STRING, false).info().elemSize());
        assertEquals(12, CanonicalAbi.tuple(List.of(CanonicalAbi.prim(PrimitiveType.U8, true),
                CanonicalAbi.prim(PrimitiveType.U32, true), CanonicalAbi.prim(PrimitiveType.U16, true)))
                .info().elemSize());
        // (list string 16777216) is 2^28 bytes with 64-bit pointers
        String why = reason(component(new Section.Types(List.of(
                new DefinedType.FixedList(PrimitiveType.STRING, 16777216)))));
        assertTrue(why.contains("exceeds maximum byte size"), why);
    }

    @Test
    void typeSizeIsBounded() {
        // t0 = u8, t(i+1) = (tuple ti ti): a 2^40-node tree described in 40 definitions
        List<TypeDef> types = new ArrayList<>();
        types.add(PrimitiveType.U8);
        for (int i = 0; i < 40; i++) {
            types.add(new DefinedType.Tuple(List.of(ValType.of(i), ValType.of(i))));
        }
        String why = reason(component(new Section.Types(types)));
        assertTrue(why.contains("effective type size exceeds the limit"), why);
    }

    // ---------------------------------------------------------------- resources

    /** (type R1 (resource)) (type R2 (resource)) and a component importing `a` and `b` = `a`. */
    private static Component twoResourcesInstantiated(int a, int b) {
        TypeDef.Resource r = new TypeDef.Resource(CoreType.NumType.I32, Optional.empty());
        Component eq = component(new Section.Imports(List.of(
                new Import(ExternName.of("a"), new ExternType.Type(new ExternType.TypeBound.SubResource())),
                new Import(ExternName.of("b"), new ExternType.Type(new ExternType.TypeBound.Eq(0))))));
        return component(new Section.Types(List.of(r, r)), new Section.NestedComponent(eq),
                new Section.Instances(List.of(new Instance.Instantiate(0, List.of(
                        new Instance.Arg("a", new SortIndex(Sort.TYPE, a)),
                        new Instance.Arg("b", new SortIndex(Sort.TYPE, b)))))));
    }

    @Test
    void resourceTypesAreGenerative() {
        ComponentValidator.validate(twoResourcesInstantiated(0, 0));
        String why = reason(twoResourcesInstantiated(0, 1));
        assertTrue(why.startsWith("type mismatch for import `b`: resource types are not the same"), why);
    }

    @Test
    void ownNeedsAResource() {
        String why = reason(component(new Section.Types(List.of(PrimitiveType.U8, new DefinedType.Own(0)))));
        assertEquals("type index 0 is not a resource type", why);
    }

    // ---------------------------------------------------------------- values

    private static Import valueImport(String name) {
        return new Import(ExternName.of(name), new ExternType.Value(new ExternType.ValueBound.Of(PrimitiveType.U32)));
    }

    @Test
    void valuesAreUsedExactlyOnce() {
        assertTrue(reason(component(new Section.Imports(List.of(valueImport("v"))))).startsWith("value 0 was not used"));
        ComponentValidator.validate(component(new Section.Imports(List.of(valueImport("v"))),
                new Section.Exports(List.of(new Export(ExternName.of("w"), new SortIndex(Sort.VALUE, 0),
                        Optional.empty())))));
        String why = reason(component(new Section.Imports(List.of(valueImport("v"))),
                new Section.Exports(List.of(
                        new Export(ExternName.of("w"), new SortIndex(Sort.VALUE, 0), Optional.empty()),
                        new Export(ExternName.of("x"), new SortIndex(Sort.VALUE, 0), Optional.empty())))));
        assertEquals("value 0 cannot be used more than once", why);
    }

    // ---------------------------------------------------------------- canon lift

    /** A core module exporting {@code (func (export "f"))}. */
    private static final byte[] MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // type section: (func)
        0x03, 0x02, 0x01, 0x00, // function section
        0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, // export "f"
        0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b // code
    };

    private static Component lifted(TypeDef.Func type) {
        return component(new Section.CoreModule(Bytes.of(MODULE)),
                new Section.CoreInstances(List.of(new CoreInstance.Instantiate(0, List.of()))),
                new Section.Aliases(List.of(new Alias.CoreInstanceExport(Sort.CORE_FUNC, 0, "f"))),
                new Section.Types(List.of(type)),
                new Section.Canons(List.of(new Canon.Lift(0, List.of(), 0))));
    }

    @Test
    void liftChecksTheFlattenedSignature() {
        ComponentValidator.validate(lifted(new TypeDef.Func(false, List.of(), Optional.empty())));
        String why = reason(lifted(new TypeDef.Func(false,
                List.of(new DefinedType.Field("x", PrimitiveType.U32)), Optional.empty())));
        assertEquals("lowered parameter types `[I32]` do not match parameter types `[]` of core function 0", why);
        why = reason(lifted(new TypeDef.Func(false, List.of(new DefinedType.Field("s", PrimitiveType.STRING)),
                Optional.empty())));
        assertEquals("canonical option `memory` is required", why);
    }

    @Test
    void coreModuleImportsAreChecked() {
        Component missing = component(new Section.CoreModule(Bytes.of(new byte[] {
            0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // (type (func))
            0x02, 0x07, 0x01, 0x01, 0x6d, 0x01, 0x66, 0x00, 0x00 // (import "m" "f" (func (type 0)))
        })), new Section.CoreInstances(List.of(new CoreInstance.Instantiate(0, List.of()))));
        assertEquals("missing module instantiation argument named `m`", reason(missing));
    }
}
