package dev.dovetail.wit.abi;

import static dev.dovetail.wit.abi.CoreType.F32;
import static dev.dovetail.wit.abi.CoreType.F64;
import static dev.dovetail.wit.abi.CoreType.I32;
import static dev.dovetail.wit.abi.CoreType.I64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.wit.Docs;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.Stability;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDef;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.TypeOwner;
import dev.dovetail.wit.WitException;
import dev.dovetail.wit.WitResolver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Layouts of WIT types against values worked out by hand from CanonicalABI.md ({@code alignment},
 * {@code elem_size}, {@code flatten_type}, {@code flatten_functype}); the expected numbers are
 * derived in the comments next to them.
 */
class AbiLayoutTest {
    private static final String WIT = """
            package t:abi;

            interface i {
              record padded { a: u8, b: u32, c: u16, d: u64, e: u8 }
              record small { a: u8, b: u16 }
              type tup = tuple<u8, string, bool>;
              type padded-alias = padded;

              variant mixed32 { a(s32), b(f32), c }
              variant mixed64 { a(s64), b(f32) }
              variant floats { a(f32), b(f64) }
              variant same { a(f64), b(f64) }
              variant wide { a(tuple<f32, f32>), b(tuple<f64>), c(u8) }
              enum e3 { x, y, z }

              type opt-u64 = option<u64>;
              type opt-u8 = option<u8>;
              type opt-str = option<string>;
              type res-u32-str = result<u32, string>;
              type res-none = result;
              type res-f64-u8 = result<f64, u8>;
              type res-f32-s32 = result<f32, s32>;
              type res-err-only = result<_, f32>;

              type strings = list<list<string>>;
              type four-f32 = list<f32, 4>;
              type three-pairs = list<tuple<u8, u16>, 3>;
              type grid = list<list<u8, 3>, 2>;
              type dict = map<string, u64>;
              record with-fixed { a: u8, b: list<u64, 2>, c: u8 }

              resource res;
              type owned = own<res>;
              type fut = future<u8>;
              type bare-future = future;
              type strm = stream<string>;
              type err = error-context;

              %FLAGS%
              %BIG%

              no-args: func();
              sixteen: func(a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string);
              seventeen: func(a: string, b: string, c: string, d: string, e: string, f: string, g: string, h: string, i: u32);
              ret-string: func() -> string;
              ret-u64: func(x: borrow<res>, y: f64) -> u64;
              both: func(a: list<u8, 17>) -> option<f32>;
            }
            """;

    private static final int[] FLAG_COUNTS = {1, 8, 9, 16, 17, 32, 33, 64};

    private final Resolve resolve;
    private final Interface iface;
    private final AbiLayout layout;

    AbiLayoutTest() {
        String flags = IntStream.of(FLAG_COUNTS)
                .mapToObj(n -> "flags flags" + n + " { " + names("l", n) + " }")
                .collect(Collectors.joining("\n  "));
        String big = "variant v257 { " + names("c", 257).replace(",", "(u8),") + "(u8) }\n"
                + "  enum e256 { " + names("c", 256) + " }\n"
                + "  enum e257 { " + names("c", 257) + " }";
        ResolvedWit wit = WitResolver.builder().build()
                .resolveSource("abi.wit", WIT.replace("%FLAGS%", flags).replace("%BIG%", big));
        resolve = wit.resolve();
        iface = resolve.interfaces().stream().filter(x -> "i".equals(x.name())).findFirst().orElseThrow();
        layout = new AbiLayout(resolve);
    }

    private static String names(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).collect(Collectors.joining(", "));
    }

    private Type t(String name) {
        Integer id = iface.types().get(name);
        if (id == null) {
            throw new AssertionError("no type " + name);
        }
        return new Type.Id(id);
    }

    private Function f(String name) {
        return iface.functions().get(name);
    }

    /** Asserts alignment, elem_size and flatten_type of {@code type}. */
    private void check(Type type, int alignment, long size, CoreType... flat) {
        assertEquals(alignment, layout.alignment(type), "alignment");
        assertEquals(size, layout.elemSize(type), "elem_size");
        assertEquals(List.of(flat), layout.flatten(type), "flatten_type");
        assertEquals(flat.length, layout.flatCount(type), "flat count");
    }

    private static CoreType[] times(int n, CoreType... group) {
        List<CoreType> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.addAll(List.of(group));
        }
        return out.toArray(CoreType[]::new);
    }

    @Test
    void primitives() {
        check(Type.Primitive.BOOL, 1, 1, I32);
        check(Type.Primitive.S8, 1, 1, I32);
        check(Type.Primitive.U16, 2, 2, I32);
        check(Type.Primitive.S32, 4, 4, I32);
        check(Type.Primitive.U64, 8, 8, I64);
        check(Type.Primitive.F32, 4, 4, F32);
        check(Type.Primitive.F64, 8, 8, F64);
        check(Type.Primitive.CHAR, 4, 4, I32);
        check(Type.Primitive.STRING, 4, 8, I32, I32); // pointer and length
        check(Type.Primitive.ERROR_CONTEXT, 4, 4, I32);
        check(t("err"), 4, 4, I32);
    }

    @Test
    void recordsAndTuplesPadEachFieldAndTheEnd() {
        // a@0 (1), b aligned to 4 (4..8), c@8 (2), d aligned to 8 (16..24), e@24; 25 rounds up to 32
        check(t("padded"), 8, 32, I32, I32, I32, I64, I32);
        assertArrayEquals(new long[] {0, 4, 8, 16, 24}, layout.fieldOffsets(fields("padded")));
        check(t("padded-alias"), 8, 32, I32, I32, I32, I64, I32);
        // a@0, b@2: size 4, alignment 2
        check(t("small"), 2, 4, I32, I32);
        assertArrayEquals(new long[] {0, 2}, layout.fieldOffsets(fields("small")));
        // u8@0, string@4 (8 bytes), bool@12: 13 rounds up to 16
        check(t("tup"), 4, 16, I32, I32, I32, I32);
        // u8@0, list<u64, 2> at 8 (16 bytes), u8@24: 25 rounds up to 32
        check(t("with-fixed"), 8, 32, I32, I64, I64, I32);
        assertArrayEquals(new long[] {0, 8, 24}, layout.fieldOffsets(fields("with-fixed")));
        assertEquals(8, layout.recordAlignment(fields("padded")));
        assertEquals(32, layout.recordSize(fields("padded")));
        assertEquals(1, layout.recordAlignment(List.of()));
    }

    private List<Type> fields(String record) {
        TypeDefKind.Record r = (TypeDefKind.Record) layout.kind(t(record));
        return r.fields().stream().map(TypeDefKind.Field::type).toList();
    }

    @Test
    void variantsJoinTheirCasesSlotBySlot() {
        // u8 discriminant, payload at 4, 4 bytes: 8; s32 and f32 share an i32
        check(t("mixed32"), 4, 8, I32, I32);
        // payload aligned to 8: 16; s64 joined with f32 widens to i64
        check(t("mixed64"), 8, 16, I32, I64);
        check(t("floats"), 8, 16, I32, I64);
        check(t("same"), 8, 16, I32, F64);
        // slot 0: f32, f64, i32 -> i64; slot 1: f32 from case a only; payload 8 bytes at 8
        check(t("wide"), 8, 16, I32, I64, F32);
        assertEquals(8, layout.payloadOffset(AbiLayout.caseTypes(layout.kind(t("wide")))));
        check(t("e3"), 1, 1, I32);
        // 256 cases still fit a u8 discriminant, 257 need a u16
        check(t("e256"), 1, 1, I32);
        check(t("e257"), 2, 2, I32);
        // u16 discriminant, u8 payload at 2: 3 rounds up to 4
        check(t("v257"), 2, 4, I32, I32);
        assertEquals(2, layout.payloadOffset(AbiLayout.caseTypes(layout.kind(t("v257")))));
    }

    @Test
    void optionsAndResultsAreVariants() {
        check(t("opt-u64"), 8, 16, I32, I64);
        check(t("opt-u8"), 1, 2, I32, I32);
        check(t("opt-str"), 4, 12, I32, I32, I32);
        // payload at 4, the larger case (string) 8 bytes: 12
        check(t("res-u32-str"), 4, 12, I32, I32, I32);
        check(t("res-none"), 1, 1, I32);
        // f64 joined with i32 -> i64
        check(t("res-f64-u8"), 8, 16, I32, I64);
        // f32 joined with i32 -> i32
        check(t("res-f32-s32"), 4, 8, I32, I32);
        check(t("res-err-only"), 4, 8, I32, F32);
        assertEquals(Collections.nCopies(2, null), AbiLayout.caseTypes(layout.kind(t("res-none"))));
        assertEquals(3, AbiLayout.caseTypes(layout.kind(t("e3"))).size());
        assertThrows(IllegalArgumentException.class, () -> AbiLayout.caseTypes(layout.kind(t("padded"))));
    }

    @Test
    void listsAndMaps() {
        check(t("strings"), 4, 8, I32, I32);
        check(t("dict"), 4, 8, I32, I32);
        check(t("four-f32"), 4, 16, F32, F32, F32, F32);
        // tuple<u8, u16> is 4 bytes aligned to 2; three of them flatten like a 3-tuple
        check(t("three-pairs"), 2, 12, times(3, I32, I32));
        check(t("grid"), 1, 6, times(6, I32));
    }

    @Test
    void handlesFuturesAndStreamsAreOneIndex() {
        check(t("owned"), 4, 4, I32);
        check(t("res"), 4, 4, I32);
        check(t("fut"), 4, 4, I32);
        check(t("bare-future"), 4, 4, I32);
        check(t("strm"), 4, 4, I32);
    }

    @Test
    void flagsOfAnyCount() {
        // {labels, alignment, size, i32 count}; beyond 32 labels one i32 per 32
        long[][] expected = {
            {1, 1, 1, 1}, {8, 1, 1, 1}, {9, 2, 2, 1}, {16, 2, 2, 1},
            {17, 4, 4, 1}, {32, 4, 4, 1}, {33, 4, 8, 2}, {64, 4, 8, 2},
        };
        for (long[] e : expected) {
            check(t("flags" + e[0]), (int) e[1], e[2], times((int) e[3], I32));
        }
        // empty flags (the spec no longer allows them) take one byte and one i32
        Resolve empty = new Resolve(List.of(), List.of(), List.of(new TypeDef("none",
                new TypeDefKind.Flags(List.of()), TypeOwner.NONE, Docs.NONE, Stability.UNKNOWN)), List.of());
        AbiLayout l = new AbiLayout(empty);
        assertEquals(1, l.alignment(new Type.Id(0)));
        assertEquals(1, l.elemSize(new Type.Id(0)));
        assertEquals(List.of(I32), l.flatten(new Type.Id(0)));
    }

    @Test
    void discriminantSizes() {
        assertEquals(1, AbiLayout.discriminantSize(1));
        assertEquals(1, AbiLayout.discriminantSize(256));
        assertEquals(2, AbiLayout.discriminantSize(257));
        assertEquals(2, AbiLayout.discriminantSize(1 << 16));
        assertEquals(4, AbiLayout.discriminantSize((1 << 16) + 1));
    }

    @Test
    void join() {
        assertEquals(I32, CoreType.join(I32, F32));
        assertEquals(I32, CoreType.join(F32, I32));
        assertEquals(I64, CoreType.join(I64, F32));
        assertEquals(I64, CoreType.join(F32, F64));
        assertEquals(I64, CoreType.join(I32, F64));
        assertEquals(I64, CoreType.join(I32, I64));
        assertEquals(F64, CoreType.join(F64, F64));
        assertEquals(F32, CoreType.join(F32, F32));
    }

    @Test
    void functionSignatures() {
        FlatSignature none = layout.flattenFunction(f("no-args"), FlatSignature.Context.LIFT);
        assertEquals(new FlatSignature(List.of(), List.of(), false, false), none);

        // eight strings: exactly 16 flat parameters stay flat
        FlatSignature sixteen = layout.flattenFunction(f("sixteen"), FlatSignature.Context.LOWER);
        assertEquals(times(16, I32).length, sixteen.params().size());
        assertFalse(sixteen.paramsSpilled());

        // 17 flat parameters: one pointer to them instead
        for (FlatSignature.Context c : FlatSignature.Context.values()) {
            FlatSignature s = layout.flattenFunction(f("seventeen"), c);
            assertEquals(List.of(I32), s.params());
            assertEquals(List.of(), s.results());
            assertTrue(s.paramsSpilled());
        }

        // a string result is two values: lifted it is returned by pointer, lowered the caller passes one
        assertEquals(new FlatSignature(List.of(), List.of(I32), false, true),
                layout.flattenFunction(f("ret-string"), FlatSignature.Context.LIFT));
        assertEquals(new FlatSignature(List.of(I32), List.of(), false, true),
                layout.flattenFunction(f("ret-string"), FlatSignature.Context.LOWER));

        assertEquals(new FlatSignature(List.of(I32, F64), List.of(I64), false, false),
                layout.flattenFunction(f("ret-u64"), FlatSignature.Context.LOWER));

        // 17 flat u8s and an option<f32> result ([i32, f32]): both sides through memory
        assertEquals(new FlatSignature(List.of(I32), List.of(I32), true, true),
                layout.flattenFunction(f("both"), FlatSignature.Context.LIFT));
        assertEquals(new FlatSignature(List.of(I32, I32), List.of(), true, true),
                layout.flattenFunction(f("both"), FlatSignature.Context.LOWER));
    }

    @Test
    void unresolvedTypeHasNoLayout() {
        Resolve r = new Resolve(List.of(), List.of(), List.of(new TypeDef("ghost", new TypeDefKind.Unknown(),
                TypeOwner.NONE, Docs.NONE, Stability.UNKNOWN)), List.of());
        WitException e = assertThrows(WitException.class, () -> new AbiLayout(r).elemSize(new Type.Id(0)));
        assertTrue(e.getMessage().contains("ghost"), e.getMessage());
    }
}
