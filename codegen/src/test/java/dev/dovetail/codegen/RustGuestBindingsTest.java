package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.dovetail.codegen.CrossCheck.Call;
import dev.dovetail.codegen.CrossCheck.Outcome;
import dev.dovetail.component.Component;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.FlatFunction;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Resource;
import dev.dovetail.runtime.Val;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated bindings of the runtime's Rust guest (built by the runtime's {@code RustGuestTest} into
 * {@code runtime/target/guests}, which the reactor build runs first): a hand-written harness
 * ({@code e2e/RustGuestHarness.java}), and {@link #CALLS} made through the bindings and through
 * the {@code Val} API, compared value by value. Without that build the tests fail on CI
 * ({@code CI=true}) and are skipped elsewhere, like the runtime's guest tests.
 */
class RustGuestBindingsTest {

    static Optional<Path> builtGuest() throws IOException {
        Path dir = TestFiles.projectRoot().resolve("runtime/target/guests");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("rust-guest-[0-9a-f]+\\.wasm"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()));
        }
    }

    static final String KINDS = "dovetail:rust-guest/kinds@0.1.0";

    static Call k(String function, Val... args) {
        return new Call(KINDS, function, List.of(args));
    }

    static Val point(double x, double y, String label) {
        return new Val.Record(List.of(new Val.Field("x", new Val.F64(x)), new Val.Field("y", new Val.F64(y)),
                new Val.Field("label", new Val.Str(label))));
    }

    static Val list(Val... vs) {
        return new Val.List(List.of(vs));
    }

    static final List<Call> CALLS = List.of(
            new Call(null, "version", List.of()),
            k("negate", new Val.Bool(true)),
            k("negate", new Val.Bool(false)),
            k("ints", new Val.U8(255), new Val.S8((byte) -128), new Val.U16(65535), new Val.S16((short) -32768),
                    new Val.U32(0xffffffffL), new Val.S32(Integer.MIN_VALUE), new Val.U64(-1L), new Val.S64(Long.MIN_VALUE)),
            k("ints", new Val.U8(0), new Val.S8((byte) 1), new Val.U16(2), new Val.S16((short) 3), new Val.U32(4),
                    new Val.S32(-5), new Val.U64(1L << 63), new Val.S64(7)),
            k("floats", new Val.F32(1.5f), new Val.F64(2.25)),
            k("floats", new Val.F32(Float.NaN), new Val.F64(-0.0)),
            k("next-char", new Val.Char(0xd7ff)),
            k("next-char", new Val.Char(0x10ffff)),
            k("reverse", new Val.Str("héllo 🍰")),
            k("reverse", new Val.Str("")),
            k("reverse", new Val.Str("ab€".repeat(5000))),
            k("sum", list(new Val.S32(1), new Val.S32(2), new Val.S32(Integer.MAX_VALUE))),
            k("sum", list()),
            k("midpoint", point(0, 0, "a"), point(2, 4.5, "b")),
            k("swap", new Val.Tuple(List.of(new Val.U32(7), new Val.Str("x")))),
            k("scale", new Val.Variant("named", Optional.of(new Val.Str("n"))), new Val.U8(3)),
            k("scale", new Val.Variant("square", Optional.of(new Val.U16(3))), new Val.U8(2)),
            k("scale", new Val.Variant("circle", Optional.of(new Val.F32(1.5f))), new Val.U8(2)),
            k("scale", new Val.Variant("empty", Optional.empty()), new Val.U8(2)),
            k("bump", new Val.Enum("low")),
            k("bump", new Val.Enum("high")),
            k("toggle", new Val.Flags(Set.of("read"))),
            k("toggle", new Val.Flags(Set.of())),
            k("first-even", list(new Val.U32(1), new Val.U32(3), new Val.U32(4))),
            k("first-even", list(new Val.U32(1))),
            k("checked-sub", new Val.U32(5), new Val.U32(3)),
            k("checked-sub", new Val.U32(3), new Val.U32(5)),
            k("split", new Val.Str("a,b,,c"), new Val.Char(',')),
            k("split", new Val.Str("x🍰y🍰"), new Val.Char(0x1f370)),
            k("dropped"));

    private static Path guest() throws IOException {
        Optional<Path> wasm = builtGuest();
        if (wasm.isEmpty()) {
            assumeTrue("true".equals(System.getenv("CI")), "runtime/target/guests has no Rust guest: run the runtime's tests first");
            throw new AssertionError("runtime/target/guests has no Rust guest (the runtime's RustGuestTest builds it)");
        }
        return wasm.get();
    }

    private static ResolvedWit wit() {
        return WitResolver.builder().build().resolve(TestFiles.projectRoot().resolve("runtime/src/test/resources/rust/guest.wit"));
    }

    private static Class<?> harness(ResolvedWit resolved) throws IOException, ClassNotFoundException {
        int world = resolved.resolve().pkg(resolved.mainPackage()).worlds().get("guest");
        Map<String, String> sources = new HashMap<>(JavaBindgen.generate(resolved.resolve(), world,
                new JavaBindgen.Options("e2e.rust")));
        sources.put("e2e/rust/RustGuestHarness.java",
                Files.readString(TestFiles.module().resolve("src/test/resources/e2e/RustGuestHarness.java")));
        JavaSources.Compiled compiled = JavaSources.compile(sources, List.of(
                JavaSources.classesOf(FlatFunction.class), JavaSources.classesOf(Component.class)));
        assertTrue(compiled.ok(), () -> String.join("\n", compiled.diagnostics()));
        return JavaSources.load(compiled, RustGuestBindingsTest.class.getClassLoader(), "e2e.rust.RustGuestHarness");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void rustGuest(Engine engine) throws Exception {
        Path wasm = guest();
        Method run = harness(wit()).getMethod("run", ComponentRuntime.class, byte[].class);
        CrossCheck.invoke(run, null, ComponentRuntime.create(engine), Files.readAllBytes(wasm));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void sameResultsThroughBindingsAndValApi(Engine engine) throws Exception {
        Path wasm = guest();
        ResolvedWit resolved = wit();
        Class<?> harness = harness(resolved);
        Class<?> guestClass = harness.getClassLoader().loadClass("e2e.rust.Guest");
        ComponentRuntime runtime = ComponentRuntime.create(engine);
        LoadedComponent loaded = runtime.load(Files.readAllBytes(wasm));
        int world = resolved.resolve().pkg(resolved.mainPackage()).worlds().get("guest");

        Object bindings = CrossCheck.invoke(guestClass.getMethod("of", ComponentInstance.class),
                null, runtime.instantiate(loaded));
        List<Outcome> typed = new CrossCheck(resolved.resolve(), world).typed(bindings, CALLS);
        ComponentInstance instance = runtime.instantiate(loaded);
        List<Outcome> dynamic = CrossCheck.dynamic(instance, CALLS);
        assertEquals(List.of(), CrossCheck.differences(CALLS, typed, dynamic));
        assertEquals(Optional.of(new Val.Str("rust-guest 0.1.0")), dynamic.get(0).result());
        assertEquals(Optional.of(list(new Val.Str("x"), new Val.Str("y"), new Val.Str(""))), dynamic.get(29).result());
        assertEquals(Optional.of(new Val.Result(false, Optional.of(new Val.Str("3 < 5")))), dynamic.get(27).result());

        @SuppressWarnings("unchecked")
        List<Long> typedCounters = (List<Long>) CrossCheck.invoke(harness.getMethod("counters", guestClass), null, bindings);
        assertEquals(counters(instance), typedCounters);
    }

    /** {@code RustGuestHarness.counters} through the {@code Val} API. */
    private static List<Long> counters(ComponentInstance instance) {
        ComponentFunction dropped = instance.func(KINDS, "dropped");
        ComponentFunction ctor = instance.func(KINDS, "[constructor]counter");
        ComponentFunction increment = instance.func(KINDS, "[method]counter.increment");
        ComponentFunction value = instance.func(KINDS, "[method]counter.value");
        ComponentFunction merge = instance.func(KINDS, "[static]counter.merge");
        List<Long> out = new ArrayList<>();
        out.add(u32(dropped.call()));
        Resource a = ((Val.Own) ctor.call(new Val.U32(10)).orElseThrow()).resource();
        Resource b = ((Val.Own) ctor.call(new Val.U32(0xfffffff0L)).orElseThrow()).resource();
        out.add(u32(increment.call(new Val.Borrow(a), new Val.U32(7))));
        out.add(u32(increment.call(new Val.Borrow(b), new Val.U32(0x20))));
        Resource merged = ((Val.Own) merge.call(new Val.Own(a), new Val.Own(b)).orElseThrow()).resource();
        out.add(u32(value.call(new Val.Borrow(merged))));
        merged.drop();
        out.add(u32(dropped.call()));
        return out;
    }

    private static long u32(Optional<Val> v) {
        return ((Val.U32) v.orElseThrow()).value();
    }
}
