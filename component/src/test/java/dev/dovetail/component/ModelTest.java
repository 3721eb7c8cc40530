package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {
    static final byte[] EMPTY_CORE_MODULE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void handBuiltComponentEncodesAsSpecified() {
        Component c = new Component(List.of(
                new Section.Types(List.of(
                        new TypeDef.Func(false, List.of(new DefinedType.Field("s", PrimitiveType.STRING)),
                                Optional.of(PrimitiveType.U32)))),
                new Section.Imports(List.of(new Import(ExternName.of("f"), new ExternType.Func(0))))));
        byte[] bytes = ComponentEncoder.encode(c);
        assertArrayEquals(hex("0061736d 0d000100"
                + "07 08 01 40 01 01 73 73 00 79" // type section: (func (param "s" string) (result u32))
                + "0a 06 01 00 01 66 01 00"), // import section: "f" (func (type 0))
                bytes);
        assertEquals(c, ComponentDecoder.decode(bytes));
    }

    @Test
    void everySectionKindRoundTrips() {
        Component inner = new Component(List.of(new Section.Types(List.of(PrimitiveType.STRING))));
        Component c = new Component(List.of(
                new Section.Custom("hello", Bytes.of(new byte[] {1, 2, 3})),
                new Section.CoreModule(Bytes.of(EMPTY_CORE_MODULE)),
                new Section.CoreInstances(List.of(
                        new CoreInstance.Instantiate(0, List.of()),
                        new CoreInstance.FromExports(List.of(new CoreInstance.Export("m", CoreSort.MEMORY, 0))))),
                new Section.CoreTypes(List.of(
                        CoreType.RecGroup.of(new CoreType.CompType.Func(
                                List.of(CoreType.NumType.I32), List.of(CoreType.NumType.I64))),
                        new CoreType.RecGroup(false, List.of(new CoreType.SubType(false, true, List.of(),
                                new CoreType.CompType.Struct(List.of(new CoreType.FieldType(
                                        CoreType.PackedType.I8, true)))))),
                        new CoreType.Module(List.of(
                                new CoreType.ModuleDecl.Type(CoreType.RecGroup.of(
                                        new CoreType.CompType.Func(List.of(), List.of()))),
                                new CoreType.ModuleDecl.Import("a", "b", new CoreType.ExternType.Func(0)),
                                new CoreType.ModuleDecl.OuterAlias(1, 0),
                                new CoreType.ModuleDecl.Export("mem", new CoreType.ExternType.Memory(
                                        new CoreType.Limits(0x05, 1, java.util.OptionalLong.of(1L << 40),
                                                java.util.OptionalInt.empty()))))))),
                new Section.NestedComponent(inner),
                new Section.Instances(List.of(
                        new Instance.Instantiate(0, List.of(new Instance.Arg("x", new SortIndex(Sort.FUNC, 0)))),
                        new Instance.FromExports(List.of(new Instance.Export(
                                new ExternName(ExternName.Form.ATTRIBUTED, "i", List.of(
                                        new ExternName.Attribute.Implements("a:b/c"),
                                        new ExternName.Attribute.VersionSuffix("-rc"),
                                        new ExternName.Attribute.ExternalId("id"))),
                                new SortIndex(Sort.CORE_MODULE, 0)))))),
                new Section.Aliases(List.of(
                        new Alias.InstanceExport(Sort.FUNC, 0, "f"),
                        new Alias.CoreInstanceExport(Sort.CORE_FUNC, 0, "g"),
                        new Alias.Outer(Sort.TYPE, 1, 2))),
                new Section.Types(List.of(
                        new DefinedType.Record(List.of(new DefinedType.Field("a", new ValType.Index(100)))),
                        new DefinedType.Variant(List.of(new DefinedType.Case("c", Optional.empty()))),
                        new DefinedType.FixedList(PrimitiveType.U8, 4),
                        new DefinedType.Result(Optional.empty(), Optional.of(PrimitiveType.ERROR_CONTEXT)),
                        new DefinedType.MapType(PrimitiveType.STRING, PrimitiveType.U32),
                        new TypeDef.Resource(CoreType.NumType.I32, Optional.of(3)),
                        new TypeDef.InstanceType(List.of(
                                new Declaration.CoreTypeDecl(new CoreType.Module(List.of())),
                                new Declaration.Export(ExternName.of("t"), new ExternType.Type(
                                        new ExternType.TypeBound.SubResource())))),
                        new TypeDef.ComponentType(List.of(
                                new Declaration.Import(ExternName.of("v"), new ExternType.Value(
                                        new ExternType.ValueBound.Of(PrimitiveType.BOOL))))))),
                new Section.Canons(List.of(
                        new Canon.Lift(0, List.of(CanonOpt.StringEncoding.UTF16, new CanonOpt.Memory(0),
                                new CanonOpt.Realloc(1), new CanonOpt.Async(), new CanonOpt.Callback(2)), 0),
                        new Canon.TaskReturn(Optional.empty(), List.of()),
                        new Canon.ContextGet(CoreType.NumType.I32, 0),
                        new Canon.WaitableSetPoll(true, 0),
                        new Canon.ThreadSpawnIndirect(true, 1, 2))),
                new Section.StartSection(new Start(0, List.of(1, 2), 1)),
                new Section.Exports(List.of(new Export(ExternName.of("e"), new SortIndex(Sort.FUNC, 0),
                        Optional.of(new ExternType.Func(0))))),
                new Section.Values(List.of(new Value(PrimitiveType.U8, Bytes.of(new byte[] {7}))))));
        byte[] bytes = ComponentEncoder.encode(c);
        Component back = ComponentDecoder.decode(bytes);
        assertEquals(c, back);
        assertArrayEquals(bytes, ComponentEncoder.encode(back));
    }

    @Test
    void valTypeIndexUsesSignedLeb() {
        // type index 64 is 0xc0 0x00 as s33 (a lone 0x40 would read as -64)
        Component c = new Component(List.of(new Section.Types(List.of(new DefinedType.ListType(ValType.of(64))))));
        assertArrayEquals(hex("0061736d0d000100 07 04 01 70 c000"), ComponentEncoder.encode(c));
    }

    @Test
    void overlongLebWidthsAreKept() {
        // type section with a 5-byte size and a 3-byte vector count
        byte[] bytes = hex("0061736d0d000100 07 8480808000 818000 73");
        Component c = ComponentDecoder.decode(bytes);
        Section.Types types = c.sections(Section.Types.class).get(0);
        assertEquals(new SectionEncoding(5, Map.of(0, 3)), types.encoding());
        assertArrayEquals(bytes, ComponentEncoder.encode(c));
        // the same content built fresh encodes minimally
        assertArrayEquals(hex("0061736d0d000100 07 02 01 73"),
                ComponentEncoder.encode(new Component(List.of(new Section.Types(types.types())))));
        // a hint never truncates: with more content, the count still fits
        List<TypeDef> many = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            many.add(PrimitiveType.BOOL);
        }
        byte[] wide = ComponentEncoder.encode(new Component(List.of(new Section.Types(many, types.encoding()))));
        assertEquals(300, ComponentDecoder.decode(wide).sections(Section.Types.class).get(0).types().size());
    }

    @Test
    void errorsCarryOffsetAndSection() {
        ComponentFormatException e = assertThrows(ComponentFormatException.class,
                () -> ComponentDecoder.decode(hex("0061736d0d000100 08 02 01 07")));
        assertEquals(11, e.offset());
        assertEquals("canon section", e.section());
        assertEquals("invalid leading byte (0x7) for canonical function", e.reason());
    }

    @Test
    void trailingBytesInASectionAreMalformed() {
        ComponentFormatException e = assertThrows(ComponentFormatException.class,
                () -> ComponentDecoder.decode(hex("0061736d0d000100 07 03 01 73 73")));
        assertTrue(e.reason().startsWith("section size mismatch"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        // 10,000 nested instance types: 0x42 0x01 0x01 ... each one declaring the next
        int depth = 10_000;
        byte[] body = new byte[3 * depth + 2];
        for (int i = 0; i < depth; i++) {
            body[3 * i] = 0x42;
            body[3 * i + 1] = 0x01;
            body[3 * i + 2] = 0x01;
        }
        body[3 * depth] = 0x42;
        body[3 * depth + 1] = 0x00;
        Writer w = new Writer();
        w.bytes(hex("0061736d0d000100"));
        w.u8(7);
        w.u32(body.length + 1);
        w.u8(1);
        w.bytes(body);
        ComponentFormatException e = assertThrows(ComponentFormatException.class,
                () -> ComponentDecoder.decode(w.toByteArray()));
        assertTrue(e.reason().contains("nesting too deep"), e.getMessage());

        // nested components, 1,000 deep
        byte[] comp = hex("0061736d0d000100");
        for (int i = 0; i < 1000; i++) {
            Writer n = new Writer();
            n.bytes(hex("0061736d0d000100"));
            n.u8(4);
            n.u32(comp.length);
            n.bytes(comp);
            comp = n.toByteArray();
        }
        byte[] deep = comp;
        assertThrows(ComponentFormatException.class, () -> ComponentDecoder.decode(deep));
    }

    @Test
    void componentNameSectionView() {
        Conformance.Case named = Conformance.binaries("component").stream()
                .filter(c -> c.wasm().getFileName().toString().equals("async-calls-sync.0.wasm"))
                .findFirst().orElseThrow();
        Component c = ComponentDecoder.decode(Conformance.read(named.wasm()));
        List<Section.Custom> names = c.customSections(ComponentNames.SECTION_NAME);
        assertFalse(names.isEmpty());
        ComponentNames view = names.get(0).componentNames().orElseThrow();
        assertFalse(view.sortNames().isEmpty());
        // the view re-encodes to the same section data
        assertEquals(names.get(0).data(), view.toCustomSection().data());
        // garbage is tolerated, as the spec asks
        assertEquals(Optional.empty(),
                new Section.Custom(ComponentNames.SECTION_NAME, Bytes.of(new byte[] {(byte) 0xff})).componentNames());
    }

    @Test
    void producersSectionView() {
        Producers p = new Producers(List.of(
                new Producers.Field("language", List.of(new Producers.VersionedName("Java", "17"))),
                new Producers.Field("processed-by", List.of(new Producers.VersionedName("dovetail", "0.1.0")))));
        Section.Custom s = p.toCustomSection();
        assertEquals(Optional.of(p), s.producers());
        Component c = ComponentDecoder.decode(ComponentEncoder.encode(new Component(List.of(s))));
        assertEquals(Optional.of(p), c.sections(Section.Custom.class).get(0).producers());
    }

    @Test
    void modelRejectsInconsistentValues() {
        assertThrows(IllegalArgumentException.class, () -> new Alias.Outer(Sort.FUNC, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ExternName(ExternName.Form.PLAIN, "x", List.of(new ExternName.Attribute.ExternalId("i"))));
        assertThrows(IllegalArgumentException.class, () -> new TypeDef.InstanceType(List.of(
                new Declaration.Import(ExternName.of("x"), new ExternType.Func(0)))));
        List<Section> sections = new ArrayList<>();
        Component c = new Component(sections);
        sections.add(new Section.Types(List.of()));
        assertTrue(c.sections().isEmpty(), "the model copies its lists");
    }
}
