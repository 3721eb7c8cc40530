package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The host API on small components ({@code src/test/resources/components/*.wat}; regenerate a
 * binary with {@code jco parse x.wat -o x.wasm}), on both engines.
 */
class RuntimeApiTest {
    private static LoadedComponent load(ComponentRuntime rt, String name) {
        try (InputStream in = RuntimeApiTest.class.getResourceAsStream("/components/" + name + ".wasm")) {
            return rt.load(in.readAllBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Val one(Optional<Val> v) {
        return v.orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void scalarsRoundTrip(Engine engine) {
        ComponentInstance i = ComponentRuntime.create(engine).instantiate(load(ComponentRuntime.create(engine), "echo"));
        assertEquals(new Val.S8((byte) -5), one(i.func("id-s8").call(new Val.S8((byte) -5))));
        assertEquals(new Val.U16(65535), one(i.func("id-u16").call(new Val.U16(65535))));
        assertEquals(new Val.S32(-7), one(i.func("id-s32").call(new Val.S32(-7))));
        assertEquals(new Val.U32(0xffff_ffffL), one(i.func("id-u32").call(new Val.U32(0xffff_ffffL))));
        assertEquals(new Val.U64(-1L), one(i.func("id-u64").call(new Val.U64(-1L))));
        assertEquals(new Val.S64(Long.MIN_VALUE), one(i.func("id-s64").call(new Val.S64(Long.MIN_VALUE))));
        assertEquals(new Val.Bool(true), one(i.func("id-bool").call(new Val.Bool(true))));
        assertEquals(new Val.Char(0x1f370), one(i.func("id-char").call(new Val.Char(0x1f370))));
        assertEquals(new Val.F64(-0.0), one(i.func("id-f64").call(new Val.F64(-0.0))));
        assertEquals(new Val.F32(1.5f), one(i.func("id-f32").call(new Val.F32(1.5f))));
        // canonicalize_nan32: any NaN comes back as the canonical NaN
        Val nan = one(i.func("id-f32").call(new Val.F32(Float.intBitsToFloat(0x7fa00001))));
        assertEquals(0x7fc00000, Float.floatToRawIntBits(((Val.F32) nan).value()));
        assertEquals(new Val.Flags(Set.of("a", "c")), one(i.func("id-flags").call(new Val.Flags(Set.of("a", "c")))));
        assertEquals(new Val.Enum("blue"), one(i.func("id-enum").call(new Val.Enum("blue"))));
        assertEquals(new Val.U32(9), one(i.func("unwrap-or-zero").call(new Val.Option(Optional.of(new Val.U32(9))))));
        assertEquals(new Val.U32(0), one(i.func("unwrap-or-zero").call(new Val.Option(Optional.empty()))));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void stringsInEveryEncoding(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.instantiate(load(rt, "echo"));
        for (String s : List.of("", "a", "héllo", "☃☺️öツ", "🍰 cake", "ÿ latin1 only ©")) {
            assertEquals(new Val.Str(s), one(i.func("echo-string").call(new Val.Str(s))), "utf8 " + s);
            assertEquals(new Val.Str(s), one(i.func("echo-string16").call(new Val.Str(s))), "utf16 " + s);
            assertEquals(new Val.Str(s), one(i.func("echo-latin1").call(new Val.Str(s))), "latin1+utf16 " + s);
        }
        // post-return ran once per call of echo-string
        assertEquals(new Val.U32(6), one(i.func("posts").call()));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aggregates(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.instantiate(load(rt, "echo"));
        Val list = new Val.List(IntStream.range(0, 1000).mapToObj(n -> (Val) new Val.U32(n)).toList());
        assertEquals(list, one(i.func("echo-list").call(list)));
        Val strings = new Val.List(List.of(new Val.Str("x"), new Val.Str(""), new Val.Str("ツ")));
        assertEquals(strings, one(i.func("echo-strings").call(strings)));
        Val rec = new Val.Record(List.of(
                new Val.Field("s", new Val.Str("v=")), new Val.Field("n", new Val.U8(7)), new Val.Field("x", new Val.F64(2.5))));
        assertEquals(rec, one(i.func("echo-record").call(rec)));
        for (Val v : List.of(
                new Val.Variant("a", Optional.of(new Val.U8(200))),
                new Val.Variant("b", Optional.of(new Val.Str("hi"))),
                new Val.Variant("c", Optional.of(new Val.F32(-3.25f))),
                new Val.Variant("d", Optional.empty()))) {
            assertEquals(v, one(i.func("echo-variant").call(v)));
        }
        List<Val> args = new ArrayList<>();
        for (int n = 0; n < 17; n++) {
            args.add(new Val.U32(n));
        }
        assertEquals(new Val.U32(136), one(i.func("sum17").call(args))); // MAX_FLAT_PARAMS spilling
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void scalarFunctionsInOneFlatCall(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.instantiate(load(rt, "echo"));
        FlatFunction id = FlatFunction.of(i.func("id-u32"), "func(u32) -> u32");
        assertEquals(0xffff_ffffL, id.callScalar(0xffff_ffffL)[0] & 0xffff_ffffL);
        FlatFunction ch = FlatFunction.of(i.func("id-char"), "func(char) -> char");
        assertEquals(0x1f370L, ch.callScalar(0x1f370L)[0]);
        // the result is checked like a lifted char: a surrogate traps and poisons the instance
        ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> ch.callScalar(0xd800L));
        assertEquals(Reason.INVALID_CHAR, e.reason());
        e = assertThrows(ComponentTrapException.class, () -> id.callScalar(1));
        assertEquals(Reason.POISONED, e.reason());
        FlatFunction s = FlatFunction.of(i.func("echo-string"), "func(string) -> string");
        assertThrows(UnsupportedOperationException.class, () -> s.callScalar(0, 0));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void wrongArgumentsAreRejectedBeforeTheCall(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.instantiate(load(rt, "echo"));
        assertThrows(IllegalArgumentException.class, () -> i.func("id-u32").call(new Val.S32(1)));
        assertThrows(IllegalArgumentException.class, () -> i.func("id-u32").call());
        assertThrows(IllegalArgumentException.class, () -> i.func("id-enum").call(new Val.Enum("purple")));
        assertEquals(new Val.U32(1), one(i.func("id-u32").call(new Val.U32(1)))); // and the instance is fine
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void trapNamesInstanceAndFunctionAndPoisons(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.linker().instantiate(load(rt, "echo"), "app");
        ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> i.func("boom").call());
        assertEquals(Reason.CORE_TRAP, e.reason());
        assertEquals("app", e.instance());
        assertEquals("boom", e.function());
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
        ComponentTrapException again = assertThrows(ComponentTrapException.class, () -> i.func("id-u32").call(new Val.U32(1)));
        assertEquals(Reason.POISONED, again.reason());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void reentranceFromTheHostTraps(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        AtomicReference<ComponentInstance> self = new AtomicReference<>();
        List<String> log = new ArrayList<>();
        ComponentInstance i = rt.linker().func("callback", args -> {
            log.add("callback");
            self.get().func("noop").call(); // may_enter_from(None) is false: the instance is on the stack
            return Optional.empty();
        }).instantiate(load(rt, "reenter"));
        self.set(i);
        ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> i.func("run").call());
        assertEquals(Reason.CANNOT_ENTER, e.reason());
        assertEquals(List.of("callback"), log);
        assertEquals(Reason.POISONED, assertThrows(ComponentTrapException.class, () -> i.func("noop").call()).reason());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aTrapTheHostSwallowedStillPoisons(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        AtomicReference<ComponentInstance> self = new AtomicReference<>();
        ComponentInstance i = rt.linker().func("callback", args -> {
            // the re-entrance traps and poisons; the host hides the trap and returns normally
            assertThrows(ComponentTrapException.class, () -> self.get().func("noop").call());
            return Optional.empty();
        }).instantiate(load(rt, "reenter"));
        self.set(i);
        i.func("run").call(); // leaves normally
        assertEquals(Reason.POISONED, assertThrows(ComponentTrapException.class, () -> i.func("noop").call()).reason());
        FlatFunction noop = FlatFunction.of(i.func("noop"), "func()");
        assertEquals(Reason.POISONED, assertThrows(ComponentTrapException.class, noop::callScalar).reason());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void hostFunctionFailureTrapsTheCaller(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = rt.linker().func("callback", args -> {
            throw new IllegalStateException("no");
        }).instantiate(load(rt, "reenter"));
        ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> i.func("run").call());
        assertEquals(Reason.HOST_FAILURE, e.reason());
        assertTrue(e.getCause() instanceof IllegalStateException);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void guestResourcesThroughTheHost(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = resources(rt, new ArrayList<>());
        ResourceType counter = i.resourceType("counter").orElseThrow();
        Val.Own own = (Val.Own) one(i.func("make").call(new Val.U32(5)));
        assertTrue(own.resource().type() == counter);
        assertEquals(5, own.resource().rep());
        // lower_borrow into the defining instance passes the rep itself
        assertEquals(new Val.U32(5), one(i.func("rep-of").call(new Val.Borrow(own.resource()))));
        assertEquals(new Val.U32(0), one(i.func("dropped").call()));
        own.resource().drop(); // runs the guest destructor
        assertEquals(new Val.U32(1), one(i.func("dropped").call()));
        assertEquals(new Val.U32(5), one(i.func("last-dropped").call()));
        assertThrows(IllegalStateException.class, () -> own.resource().drop());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void hostResourcesThroughTheGuest(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        List<Integer> dropped = new ArrayList<>();
        ComponentInstance i = resources(rt, dropped);
        // make-h (own), use-h (borrow), resource.drop (host destructor)
        assertEquals(new Val.U32(14), one(i.func("host-roundtrip").call(new Val.U32(7))));
        assertEquals(List.of(7), dropped);
        ResourceType host = i.resourceType("host-res").orElseThrow();
        assertEquals(new Val.U32(1), one(i.func("drop-borrow").call(new Val.Borrow(new Resource(host, 3)))));
        ComponentTrapException e = assertThrows(ComponentTrapException.class,
                () -> i.func("keep-borrow").call(new Val.Borrow(new Resource(host, 3))));
        assertEquals(Reason.BORROWS_REMAIN, e.reason());
        assertEquals(List.of(7), dropped); // dropping a borrow runs no destructor
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void borrowedResourcesCannotBeDroppedOrMovedByTheHost(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ResourceType host = ResourceType.host("host-res");
        List<String> seen = new ArrayList<>();
        ComponentInstance i = rt.linker()
                .resource("host-res", host)
                .func("make-h", args -> Optional.of(new Val.Own(new Resource(host, 1))))
                .func("use-h", args -> {
                    Resource r = ((Val.Borrow) args.get(0)).resource();
                    seen.add(r.isBorrowed() + " " + r.rep());
                    assertThrows(IllegalStateException.class, r::drop);
                    assertFalse(Values.matches(new Val.Own(r), new ValueType.OwnType(host)));
                    return Optional.of(new Val.U32(0));
                })
                .instantiate(load(rt, "resources"));
        assertEquals(new Val.U32(0), one(i.func("host-roundtrip").call(new Val.U32(1))));
        assertEquals(List.of("true 1"), seen);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void handleTableTraps(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance i = resources(rt, new ArrayList<>());
        ComponentTrapException e = assertThrows(ComponentTrapException.class, () -> i.func("double-drop").call(new Val.U32(1)));
        assertEquals(Reason.UNKNOWN_HANDLE, e.reason());
        assertTrue(e.getMessage().contains("unknown handle index 1"), e.getMessage());
    }

    private static ComponentInstance resources(ComponentRuntime rt, List<Integer> dropped) {
        ResourceType host = ResourceType.host("host-res", dropped::add);
        return rt.linker()
                .resource("host-res", host)
                .func("make-h", args -> Optional.of(new Val.Own(new Resource(host, (int) ((Val.U32) args.get(0)).value()))))
                .func("use-h", args -> Optional.of(new Val.U32(2L * ((Val.Borrow) args.get(0)).resource().rep())))
                .instantiate(load(rt, "resources"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void linkingTwoInstances(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance adder = rt.instantiate(load(rt, "adder"));
        Linker linker = rt.linker();
        linker.instance("math", adder);
        linker.func("twice", args -> Optional.of(new Val.U32(2 * ((Val.U32) args.get(0)).value())));
        ComponentInstance user = linker.instantiate(load(rt, "user"));
        assertEquals(new Val.U32(42), one(user.func("inc").call(new Val.U32(41))));
        assertEquals(new Val.U32(12), one(user.func("quad").call(new Val.U32(3))));

        // the same import served from a host namespace instead
        Linker other = rt.linker();
        other.instance("math").func("add", args -> Optional.of(new Val.U32(100)));
        other.func("twice", args -> Optional.of(args.get(0)));
        ComponentInstance user2 = other.instantiate(load(rt, "user"));
        assertEquals(new Val.U32(100), one(user2.func("inc").call(new Val.U32(1))));
        assertEquals(new Val.U32(5), one(user2.func("quad").call(new Val.U32(5))));

        // a guest function of the wrong type is a link error
        Linker wrong = rt.linker();
        wrong.instance("math", adder);
        wrong.func("twice", adder.func("add"));
        ComponentLinkException e = assertThrows(ComponentLinkException.class, () -> wrong.instantiate(load(rt, "user")));
        assertTrue(e.getMessage().contains("twice"), e.getMessage());
        // an instance that lacks a declared export is a link error
        Linker lacking = rt.linker();
        lacking.instance("math", user);
        lacking.func("twice", args -> Optional.of(args.get(0)));
        assertThrows(ComponentLinkException.class, () -> lacking.instantiate(load(rt, "user")));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void coreModuleAndComponentImports(Engine engine) throws IOException {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        byte[] seven;
        try (InputStream in = RuntimeApiTest.class.getResourceAsStream("/components/seven.wasm")) {
            seven = in.readAllBytes();
        }
        ComponentInstance i = rt.linker()
                .module("m", seven)
                .component("c", load(rt, "adder"))
                .instantiate(load(rt, "importer"));
        assertEquals(new Val.U32(7), one(i.func("seven").call()));
        assertEquals(new Val.U32(5), one(i.func("add").call(new Val.U32(2), new Val.U32(3))));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void missingImportIsALinkError(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentLinkException e = assertThrows(ComponentLinkException.class, () -> rt.instantiate(load(rt, "reenter")));
        assertTrue(e.getMessage().contains("callback"), e.getMessage());
        assertFalse(rt.instantiate(load(rt, "adder")).exports().isEmpty());
    }
}
