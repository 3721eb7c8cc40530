package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.WitEmbedder;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A Rust guest with a hand-written canonical ABI ({@code src/test/resources/rust/guest.rs} and
 * {@code guest.wit}): compiled by Debian's {@code rustc} for {@code wasm32-unknown-unknown}, given
 * its world with {@link WitEmbedder}, made a component with {@code jco new}, then every export is
 * called through the {@link Val} API on both engines, one WIT type kind at a time.
 */
class RustGuestTest {
    static final String KINDS = "dovetail:rust-guest/kinds@0.1.0";

    static Path component;

    @BeforeAll
    static void build() throws IOException {
        Path rustc = GuestTools.rustc();
        Path jco = GuestTools.interopTool("jco");
        Path source = GuestTools.resources("rust").resolve("guest.rs");
        Path wit = GuestTools.resources("rust").resolve("guest.wit");
        List<String> flags = List.of("--edition", "2021", "--target", "wasm32-unknown-unknown", "--crate-type", "cdylib",
                "-O", "-C", "strip=debuginfo");
        String rustcVersion = Processes.check(List.of(rustc.toString(), "--version"), GuestTools.guests(), 60).out();
        Path core = GuestTools.cache().get("rust-guest-core.wasm", List.of(source), rustcVersion + flags,
                out -> Processes.check(Processes.command(rustc, flags, source, "-o", out), GuestTools.guests(), 300));

        ResolvedWit resolved = WitResolver.builder().build().resolve(wit);
        int world = resolved.resolve().pkg(resolved.mainPackage()).worlds().get("guest");
        Path embedded = GuestTools.guests().resolve("rust-guest-embedded.wasm");
        Files.write(embedded, WitEmbedder.embed(Files.readAllBytes(core), resolved.resolve(), world));
        component = GuestTools.cache().get("rust-guest.wasm", List.of(embedded, Tools.interopLock()), "jco new",
                out -> Processes.check(Processes.command(jco, "new", embedded, "-o", out), GuestTools.guests(), 300));
    }

    private static ComponentInstance instantiate(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        return rt.instantiate(rt.load(component));
    }

    private static Val call(ComponentInstance i, String function, Val... args) {
        return i.func(KINDS, function).call(args).orElseThrow();
    }

    static Val s(String v) {
        return new Val.Str(v);
    }

    static Val tuple(Val... vs) {
        return new Val.Tuple(List.of(vs));
    }

    static Val list(Val... vs) {
        return new Val.List(List.of(vs));
    }

    static Val point(double x, double y, String label) {
        return new Val.Record(List.of(new Val.Field("x", new Val.F64(x)), new Val.Field("y", new Val.F64(y)),
                new Val.Field("label", s(label))));
    }

    static Val shape(String name, Val payload) {
        return new Val.Variant(name, Optional.ofNullable(payload));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void scalars(Engine engine) {
        ComponentInstance g = instantiate(engine);
        assertEquals(new Val.Bool(false), call(g, "negate", new Val.Bool(true)));
        assertEquals(new Val.Bool(true), call(g, "negate", new Val.Bool(false)));
        assertEquals(tuple(new Val.U8(2), new Val.S8((byte) -2), new Val.U16(6), new Val.S16((short) 3),
                        new Val.U32(4294967290L), new Val.S32(6), new Val.U64(8), new Val.S64(8)),
                call(g, "ints", new Val.U8(1), new Val.S8((byte) 2), new Val.U16(3), new Val.S16((short) 4),
                        new Val.U32(5), new Val.S32(-6), new Val.U64(7), new Val.S64(-8)));
        // the edges of every integer type, wrapping in the guest
        assertEquals(tuple(new Val.U8(0), new Val.S8(Byte.MIN_VALUE), new Val.U16(14464), new Val.S16(Short.MAX_VALUE),
                        new Val.U32(0xffff_ffffL), new Val.S32(Integer.MIN_VALUE), new Val.U64(0), new Val.S64(Long.MIN_VALUE)),
                call(g, "ints", new Val.U8(255), new Val.S8(Byte.MIN_VALUE), new Val.U16(40000),
                        new Val.S16(Short.MIN_VALUE), new Val.U32(0), new Val.S32(Integer.MIN_VALUE), new Val.U64(-1L),
                        new Val.S64(Long.MIN_VALUE)));
        assertEquals(new Val.F64(-3.375), call(g, "floats", new Val.F32(1.5f), new Val.F64(-2.25)));
        assertEquals(new Val.F64(Double.NEGATIVE_INFINITY),
                call(g, "floats", new Val.F32(Float.MAX_VALUE), new Val.F64(-Double.MAX_VALUE)));
        assertEquals(new Val.Char('b'), call(g, "next-char", new Val.Char('a')));
        assertEquals(new Val.Char(0xe000), call(g, "next-char", new Val.Char(0xd7ff)));
        assertEquals(new Val.Char(0x1f371), call(g, "next-char", new Val.Char(0x1f370)));
        assertEquals(new Val.Enum("medium"), call(g, "bump", new Val.Enum("low")));
        assertEquals(new Val.Enum("high"), call(g, "bump", new Val.Enum("high")));
        assertEquals(new Val.Flags(Set.of("write", "exec")), call(g, "toggle", new Val.Flags(Set.of("read"))));
        assertEquals(new Val.Flags(Set.of("read", "write", "exec")), call(g, "toggle", new Val.Flags(Set.of())));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void stringsAndLists(Engine engine) {
        ComponentInstance g = instantiate(engine);
        assertEquals(s("🍰olléh"), call(g, "reverse", s("héllo🍰")));
        assertEquals(s(""), call(g, "reverse", s("")));
        String big = "abcdefghijklmnopqrstuvwxyzäöü€".repeat(2000);
        assertEquals(s(new StringBuilder(big).reverse().toString()), call(g, "reverse", s(big)));
        assertEquals(new Val.S64(4294967293L), call(g, "sum", list(new Val.S32(1), new Val.S32(-2),
                new Val.S32(Integer.MAX_VALUE), new Val.S32(Integer.MAX_VALUE))));
        assertEquals(new Val.S64(0), call(g, "sum", list()));
        assertEquals(list(s("a"), s("b"), s(""), s("ç🍰")), call(g, "split", s("a,b,,ç🍰"), new Val.Char(',')));
        assertEquals(list(s("x")), call(g, "split", s("x"), new Val.Char(0x1f370)));
        assertEquals(new Val.Option(Optional.of(new Val.U32(8))),
                call(g, "first-even", list(new Val.U32(1), new Val.U32(3), new Val.U32(8), new Val.U32(10))));
        assertEquals(new Val.Option(Optional.empty()), call(g, "first-even", list(new Val.U32(1))));
        assertEquals(new Val.Option(Optional.empty()), call(g, "first-even", list()));
        assertEquals(Optional.of(s("rust-guest 0.1.0")), g.func("version").call());
        // many calls: the guest frees what it returns (post-return) and what it is given
        for (int n = 0; n < 2000; n++) {
            assertEquals(s("cba" + n % 10), call(g, "reverse", s(n % 10 + "abc")));
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void recordsTuplesVariantsResults(Engine engine) {
        ComponentInstance g = instantiate(engine);
        assertEquals(point(1, -2, "a-b"), call(g, "midpoint", point(0, 0, "a"), point(2, -4, "b")));
        assertEquals(tuple(s("seven"), new Val.U32(7)), call(g, "swap", tuple(new Val.U32(7), s("seven"))));
        assertEquals(shape("circle", new Val.F32(4.5f)), call(g, "scale", shape("circle", new Val.F32(1.5f)), new Val.U8(3)));
        assertEquals(shape("square", new Val.U16(900)), call(g, "scale", shape("square", new Val.U16(300)), new Val.U8(3)));
        assertEquals(shape("named", s("abababab")), call(g, "scale", shape("named", s("ab")), new Val.U8(4)));
        assertEquals(shape("empty", null), call(g, "scale", shape("empty", null), new Val.U8(9)));
        assertEquals(new Val.Result(true, Optional.of(new Val.U32(2))), call(g, "checked-sub", new Val.U32(5), new Val.U32(3)));
        assertEquals(new Val.Result(false, Optional.of(s("3 < 4294967295"))),
                call(g, "checked-sub", new Val.U32(3), new Val.U32(0xffff_ffffL)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void resources(Engine engine) {
        ComponentInstance g = instantiate(engine);
        ResourceType counter = g.resourceType(KINDS, "counter").orElseThrow();
        assertEquals(new Val.U32(0), call(g, "dropped"));

        Resource a = assertInstanceOf(Val.Own.class, call(g, "[constructor]counter", new Val.U32(5))).resource();
        assertSame(counter, a.type());
        assertEquals(new Val.U32(8), call(g, "[method]counter.increment", new Val.Borrow(a), new Val.U32(3)));
        assertEquals(new Val.U32(8), call(g, "[method]counter.value", new Val.Borrow(a)));
        Resource b = ((Val.Own) call(g, "[constructor]counter", new Val.U32(10))).resource();

        // both moved into the guest, which reads and drops them (its destructor runs twice)
        Resource merged = ((Val.Own) call(g, "[static]counter.merge", new Val.Own(a), new Val.Own(b))).resource();
        assertEquals(new Val.U32(18), call(g, "[method]counter.value", new Val.Borrow(merged)));
        assertEquals(new Val.U32(2), call(g, "dropped"));
        assertTrue(a.isGone() && b.isGone());

        merged.drop(); // the host drops its handle: the guest's destructor runs
        assertEquals(new Val.U32(3), call(g, "dropped"));
    }
}
