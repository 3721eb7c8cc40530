package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.codegen.CrossCheck.Call;
import dev.dovetail.codegen.CrossCheck.HostCall;
import dev.dovetail.codegen.CrossCheck.Outcome;
import dev.dovetail.component.Component;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.FlatFunction;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Resource;
import dev.dovetail.runtime.Val;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A JavaScript component ({@code src/test/resources/js/kinds.js} and {@code kinds.wit}, built by
 * componentize-qjs {@code --sync}) through its generated bindings and through the {@code Val} API:
 * every call of {@link #CALLS} is made both ways on a fresh instance of the same component, and
 * the results are compared value by value. The guest exports values of every kind and calls the
 * imported {@code catalog} (records, lists, strings, results, options, variants, tuples), which
 * one Java class implements through the generated interface ({@code e2e/JsCatalog.java}); what
 * the guest passed to the host is compared too. Without componentize-qjs the test fails on CI
 * ({@code CI=true}) and is skipped elsewhere.
 */
class JsGuestBindingsTest {
    static final String KINDS = "dovetail:js-kinds/kinds@0.1.0";
    static final String CATALOG = "dovetail:js-kinds/catalog@0.1.0";

    static Val s(String v) {
        return new Val.Str(v);
    }

    static Val u32(long v) {
        return new Val.U32(v);
    }

    static Val s32(int v) {
        return new Val.S32(v);
    }

    static Val list(Val... vs) {
        return new Val.List(List.of(vs));
    }

    static Val strings(String... vs) {
        return new Val.List(Arrays.stream(vs).map(v -> (Val) new Val.Str(v)).toList());
    }

    static Val some(Val v) {
        return new Val.Option(Optional.of(v));
    }

    static Val none() {
        return new Val.Option(Optional.empty());
    }

    static Val tuple(Val... vs) {
        return new Val.Tuple(List.of(vs));
    }

    static Val record(Object... namesAndValues) {
        List<Val.Field> fields = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.add(new Val.Field((String) namesAndValues[i], (Val) namesAndValues[i + 1]));
        }
        return new Val.Record(fields);
    }

    static Val variant(String name, Val payload) {
        return new Val.Variant(name, Optional.ofNullable(payload));
    }

    static Val point(int x, int y) {
        return record("x", s32(x), "y", s32(y));
    }

    static Val item(long id, String name, List<String> tags, Double price) {
        return record("id", u32(id), "name", s(name), "tags", strings(tags.toArray(String[]::new)),
                "price", price == null ? none() : some(new Val.F64(price)));
    }

    static Val ok(Val v) {
        return new Val.Result(true, Optional.ofNullable(v));
    }

    static Val err(Val v) {
        return new Val.Result(false, Optional.ofNullable(v));
    }

    static Call k(String function, Val... args) {
        return new Call(KINDS, function, List.of(args));
    }

    static Val primitives(boolean b, int s8, int u8, int s16, int u16, int s32, long u32, long s64, long u64, float f32,
            double f64, int c, String str) {
        return record("a-bool", new Val.Bool(b), "a-s8", new Val.S8((byte) s8), "a-u8", new Val.U8(u8),
                "a-s16", new Val.S16((short) s16), "a-u16", new Val.U16(u16), "a-s32", s32(s32), "a-u32", u32(u32),
                "a-s64", new Val.S64(s64), "a-u64", new Val.U64(u64), "a-f32", new Val.F32(f32), "a-f64", new Val.F64(f64),
                "a-char", new Val.Char(c), "a-string", s(str));
    }

    static final List<Call> CALLS = List.of(
            new Call(null, "version", List.of()),
            k("scalars", new Val.Bool(true), new Val.S8((byte) -100), new Val.U8(200), new Val.S16((short) -30000),
                    new Val.U16(65535), s32(123456), u32(0xffffffffL), new Val.S64(-(1L << 40)), new Val.U64(1L << 52),
                    new Val.F32(1.5f), new Val.F64(-2.75), new Val.Char(0xd7ff)),
            k("scalars", new Val.Bool(false), new Val.S8((byte) 127), new Val.U8(0), new Val.S16((short) 32767),
                    new Val.U16(0), s32(Integer.MIN_VALUE), u32(0), new Val.S64(0), new Val.U64(0),
                    new Val.F32(Float.NaN), new Val.F64(-0.0), new Val.Char(0x1f600)),
            k("next-primitives", primitives(false, 127, 255, -1, 65535, Integer.MAX_VALUE, 0xffffffffL, -(1L << 50),
                    (1L << 53) - 2, 0.25f, 1e300, 'z', "héllo")),
            k("next-primitives", primitives(true, -128, 0, 32767, 0, -1, 0, 0, 0, Float.MAX_VALUE, Double.MIN_VALUE,
                    0x10ffff, "")),
            k("upper", s("héllo wörld 🍰 straße")),
            k("upper", s("")),
            k("reverse-bytes", list(new Val.U8(0), new Val.U8(1), new Val.U8(127), new Val.U8(128), new Val.U8(255))),
            k("reverse-bytes", list()),
            k("words", s("  the quick\tbrown  fox ")),
            k("transpose", list(list(s32(1), s32(2), s32(3)), list(s32(4), s32(5), s32(6)))),
            k("transpose", list()),
            k("swap", tuple(s("abc"), new Val.U64(21), point(3, -4))),
            k("scale", variant("circle", new Val.F32(1.25f)), new Val.U16(3)),
            k("scale", variant("rect", tuple(new Val.U16(10), new Val.U16(20))), new Val.U16(2)),
            k("scale", variant("named", s("ab")), new Val.U16(3)),
            k("scale", variant("points", list(point(1, 2), point(-3, 4))), new Val.U16(2)),
            k("scale", variant("nothing", null), new Val.U16(5)),
            k("next-color", new Val.Enum("red")),
            k("next-color", new Val.Enum("dark-blue")),
            k("toggle", new Val.Flags(Set.of("read"))),
            k("toggle", new Val.Flags(Set.of())),
            k("toggle", new Val.Flags(Set.of("read", "write", "exec"))),
            k("first-long", strings("a", "abcd", "xyz"), u32(3)),
            k("first-long", strings("a"), u32(5)),
            k("nested", none()),
            k("nested", some(none())),
            k("nested", some(some(s32(21)))),
            k("parse", s("-42")),
            k("parse", s("4x2")),
            k("divide", new Val.F64(1), new Val.F64(4)),
            k("divide", new Val.F64(1), new Val.F64(0)),
            k("verify", s("x")),
            k("verify", s("")),
            k("tally-results", list(ok(u32(5)), err(s("bad")), ok(u32(7)), err(s("worse")))),
            k("counts", strings("b", "a", "b", "c", "b")),
            k("counts", strings()),
            // through the imported catalog
            k("find", variant("by-id", u32(2)), new Val.Enum("by-id"), none()),
            k("find", variant("by-id", u32(42)), new Val.Enum("by-id"), none()),
            k("find", variant("by-tags", strings()), new Val.Enum("by-name"), none()),
            k("find", variant("by-tags", strings("heavy")), new Val.Enum("by-name"), none()),
            k("find", variant("by-name", s("o")), new Val.Enum("by-name"), some(u32(1))),
            k("find", variant("everything", null), new Val.Enum("by-id"), some(u32(0))),
            k("describe", variant("by-tags", strings("iron"))),
            k("describe", variant("by-id", u32(9))),
            k("describe", variant("everything", null)),
            k("restock", list(item(5, "dynamo", List.of("electric"), 12.0), item(2, "bolt M8", List.of("iron"), null)),
                    s("restock ✓")),
            k("restock", list(item(6, "", List.of(), null)), s("")),
            k("inventory", list(u32(1), u32(5), u32(77))),
            k("find", variant("everything", null), new Val.Enum("by-name"), none()));

    static Path component;
    static ResolvedWit wit;
    static int world;
    static JavaSources.Compiled compiled;

    @BeforeAll
    static void build() throws Exception {
        Path dir = TestFiles.module().resolve("src/test/resources/js");
        component = Guests.componentizeQjs("js-kinds", dir.resolve("kinds.wit"), dir.resolve("kinds.js"));
        wit = WitResolver.builder().build().resolve(dir.resolve("kinds.wit"));
        world = wit.resolve().pkg(wit.mainPackage()).worlds().get("kinds-guest");
        Map<String, String> sources = new HashMap<>(JavaBindgen.generate(wit.resolve(), world, new JavaBindgen.Options("e2e.js")));
        for (String harness : List.of("JsCatalog.java", "JsKindsHarness.java")) {
            sources.put("e2e/js/" + harness, Files.readString(TestFiles.module().resolve("src/test/resources/e2e").resolve(harness)));
        }
        compiled = JavaSources.compile(sources, List.of(
                JavaSources.classesOf(FlatFunction.class), JavaSources.classesOf(Component.class)));
        assertTrue(compiled.ok(), () -> String.join("\n", compiled.diagnostics()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sameResultsThroughBindingsAndValApi(Engine engine) throws Exception {
        Class<?> harness = JavaSources.load(compiled, getClass().getClassLoader(), "e2e.js.JsKindsHarness");
        ClassLoader loader = harness.getClassLoader();
        Class<?> catalogApi = loader.loadClass("e2e.js.Catalog");
        Class<?> catalogImpl = loader.loadClass("e2e.js.JsCatalog");
        CrossCheck check = new CrossCheck(wit.resolve(), world);
        ComponentRuntime runtime = ComponentRuntime.create(engine);
        LoadedComponent loaded = runtime.load(Files.readAllBytes(component));

        // generated bindings, the host implementation behind the generated glue
        List<HostCall> typedLog = new ArrayList<>();
        Object catalog = check.logging(catalogApi, CATALOG, catalogImpl.getConstructor().newInstance(), typedLog);
        Object bindings = CrossCheck.invoke(harness.getMethod("instantiate", ComponentRuntime.class,
                LoadedComponent.class, catalogApi), null, runtime, loaded, catalog);
        List<Outcome> typed = check.typed(bindings, CALLS);

        // the Val API, the same host implementation behind Val host functions
        List<HostCall> dynamicLog = new ArrayList<>();
        Linker linker = runtime.linker();
        check.defineDynamic(linker, catalogApi, CATALOG, catalogImpl.getConstructor().newInstance(), dynamicLog);
        ComponentInstance instance = linker.instantiate(loaded);
        List<Outcome> dynamic = CrossCheck.dynamic(instance, CALLS);
        assertEquals(List.of(), CrossCheck.differences(CALLS, typed, dynamic));
        assertEquals(dynamicLog, typedLog);

        // the resource, by hand on both sides
        @SuppressWarnings("unchecked")
        List<Long> typedTallies = (List<Long>) CrossCheck.invoke(harness.getMethod("tallies", bindings.getClass()), null, bindings);
        assertEquals(tallies(instance), typedTallies);

        // a few results spelled out, so that "both wrong the same way" would show
        assertEquals(Optional.of(s("js-kinds 0.1.0")), dynamic.get(0).result());
        assertEquals(Optional.of(s("HÉLLO WÖRLD 🍰 STRASSE")), dynamic.get(5).result());
        assertEquals(Optional.of(new Val.Flags(Set.of("write", "exec"))), dynamic.get(20).result());
        assertEquals(Optional.of(ok(list(item(2, "bolt", List.of("iron"), 0.25)))), dynamic.get(37).result());
        assertEquals(Optional.of(err(variant("not-found", s("no item 42")))), dynamic.get(38).result());
        assertEquals(Optional.of(s("id 9: failed with not-found \"no item 9\"")), dynamic.get(44).result());
        assertEquals(Optional.of(tuple(ok(u32(5)), some(s("noted 11 bytes: restock ✓")))), dynamic.get(46).result());
        assertEquals(List.of(15L, (1L << 40) - 7, (1L << 40) + 8, (1L << 40) + 7, 15L, (1L << 40) - 7), typedTallies);
        assertEquals(15, typedLog.size(), typedLog::toString);
    }

    /** {@code JsKindsHarness.tallies} through the {@code Val} API. */
    private static List<Long> tallies(ComponentInstance instance) {
        ComponentFunction ctor = instance.func(KINDS, "[constructor]tally");
        ComponentFunction add = instance.func(KINDS, "[method]tally.add");
        ComponentFunction total = instance.func(KINDS, "[method]tally.total");
        ComponentFunction merge = instance.func(KINDS, "[static]tally.merge");
        List<Long> out = new ArrayList<>();
        Resource a = ((Val.Own) ctor.call(new Val.S64(5)).orElseThrow()).resource();
        Resource b = ((Val.Own) ctor.call(new Val.S64(-7)).orElseThrow()).resource();
        out.add(s64(add.call(new Val.Borrow(a), new Val.S64(10))));
        out.add(s64(add.call(new Val.Borrow(b), new Val.S64(1L << 40))));
        Resource merged = ((Val.Own) merge.call(new Val.Borrow(a), new Val.Borrow(b)).orElseThrow()).resource();
        out.add(s64(total.call(new Val.Borrow(merged))));
        out.add(s64(add.call(new Val.Borrow(merged), new Val.S64(-1))));
        merged.drop();
        out.add(s64(total.call(new Val.Borrow(a))));
        out.add(s64(total.call(new Val.Borrow(b))));
        b.drop();
        a.drop();
        return out;
    }

    private static long s64(Optional<Val> v) {
        return ((Val.S64) v.orElseThrow()).value();
    }
}
