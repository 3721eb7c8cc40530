package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real JavaScript component: {@code src/test/resources/js/guest.js} and {@code guest.wit}, built by
 * componentize-qjs ({@code --sync}, and {@code --stub-wasi} so that it imports nothing). Every call
 * of {@link #CALLS} goes through the {@link Val} API on both engines and through {@code jco
 * transpile} + Node, and the results are compared value by value (jco's JavaScript forms:
 * {@link JcoValues}).
 */
class JsGuestTest {
    static final String SHAPES = "dovetail:js-guest/shapes@0.1.0";

    /** One call: the export path (a function, or an instance and a function) and the arguments. */
    record Call(List<String> path, List<Val> args) {
        static Call of(String function, Val... args) {
            return new Call(List.of(function), List.of(args));
        }

        static Call shapes(String function, Val... args) {
            return new Call(List.of(SHAPES, function), List.of(args));
        }

        String js() {
            return path.size() == 1 ? "guest." + JcoValues.camel(path.get(0))
                    : "guest.shapes." + JcoValues.camel(path.get(1));
        }

        @Override
        public String toString() {
            return String.join("#", path) + args;
        }
    }

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

    static Val point(int x, int y) {
        return new Val.Record(List.of(new Val.Field("x", s32(x)), new Val.Field("y", s32(y))));
    }

    static Val person(String name, int age, String nick, List<String> tags, String color) {
        return new Val.Record(List.of(
                new Val.Field("name", s(name)),
                new Val.Field("age", new Val.U8(age)),
                new Val.Field("nick-name", new Val.Option(Optional.ofNullable(nick).map(Val.Str::new))),
                new Val.Field("tags", new Val.List(tags.stream().map(t -> (Val) s(t)).toList())),
                new Val.Field("favorite", new Val.Enum(color))));
    }

    static Val perms(String... set) {
        return new Val.Flags(Set.of(set));
    }

    static final List<Call> CALLS = List.of(
            Call.of("greet", s("world")),
            Call.of("greet", s("héllo ☃ 🍰")),
            Call.of("greet", s("")),
            Call.of("shout", list(s("a"), s("straße"), s("ǆ"))),
            Call.of("shout", list()),
            Call.of("find", list(s("x"), s("y"), s("z")), s("z")),
            Call.of("find", list(s("x")), s("q")),
            Call.of("parse-number", s("-12345678901")),
            Call.of("parse-number", s("12a")),
            Call.of("checked-div", s32(-7), s32(2)),
            Call.of("checked-div", s32(1), s32(0)),
            Call.of("stats", list(new Val.F64(1.5), new Val.F64(-2.25), new Val.F64(10))),
            Call.of("stats", list()),
            Call.of("code-points", s("a😀é")),
            Call.of("maybe-upper", new Val.Option(Optional.of(s("shout")))),
            Call.of("maybe-upper", new Val.Option(Optional.empty())),
            Call.of("utf8-length", s("€uro 🍰")),
            Call.of("echo-bytes", list(new Val.U8(0), new Val.U8(7), new Val.U8(255))),
            Call.of("wide", new Val.U64(1L << 40), new Val.S64(-123456789012L)),
            Call.of("tally", list(new Val.Result(true, Optional.of(u32(5))), new Val.Result(false, Optional.of(s("bad"))),
                    new Val.Result(true, Optional.of(u32(7))))),
            Call.shapes("area", new Val.Variant("circle", Optional.of(new Val.F64(2)))),
            Call.shapes("area", new Val.Variant("rect", Optional.of(new Val.Tuple(List.of(point(1, 1), point(4, -3)))))),
            Call.shapes("area", new Val.Variant("nothing", Optional.empty())),
            Call.shapes("translate", point(3, 4), s32(-10), s32(Integer.MAX_VALUE - 4)),
            Call.shapes("bounds", list(point(1, 5), point(-2, 3), point(0, 9))),
            Call.shapes("bounds", list()),
            Call.shapes("classify", s32(-1)),
            Call.shapes("classify", s32(0)),
            Call.shapes("classify", s32(6)),
            Call.shapes("classify", s32(7)),
            Call.shapes("describe", person("Ada", 36, "countess", List.of("math", "engines"), "dark-blue")),
            Call.shapes("describe", person("Bob", 7, null, List.of(), "red")),
            Call.shapes("older", person("Cy", 250, null, List.of("x"), "green"), new Val.U8(5)),
            Call.shapes("mix", new Val.Enum("red"), new Val.Enum("dark-blue")),
            Call.shapes("grant", perms("read"), perms("write", "exec")),
            Call.shapes("grant", perms("read", "exec"), perms("exec")),
            Call.shapes("shapes-of", list(s32(2), s32(-5), s32(3), s32(0))));

    /** The last call: the guest throws from a function without a result type, which traps. */
    static final Call TRAP = Call.of("fail", s("on purpose"));

    static Path component;

    @BeforeAll
    static void build() {
        Path qjs = GuestTools.interopTool("componentize-qjs");
        Path wit = GuestTools.resources("js").resolve("guest.wit");
        Path js = GuestTools.resources("js").resolve("guest.js");
        component = GuestTools.cache().get("js-guest.wasm", List.of(wit, js, Tools.interopLock()), "qjs --sync --stub-wasi",
                out -> Processes.check(Processes.command(qjs, "--sync", "--stub-wasi", "--wit", wit, "--js", js,
                        "-o", out), GuestTools.guests(), 300));
    }

    private static List<JsonNode> dovetail(Engine engine) {
        ComponentRuntime rt = ComponentRuntime.create(engine);
        ComponentInstance guest = rt.instantiate(rt.load(component));
        List<JsonNode> out = new ArrayList<>();
        for (Call c : CALLS) {
            ComponentFunction f = guest.func(c.path().toArray(String[]::new));
            out.add(JcoValues.outcome(f.call(c.args()), f.type().result()));
        }
        ComponentTrapException trap = assertThrows(ComponentTrapException.class,
                () -> guest.func(TRAP.path().toArray(String[]::new)).call(TRAP.args()));
        assertEquals(ComponentTrapException.Reason.CORE_TRAP, trap.reason(), trap::getMessage);
        // the trap poisons the instance, as in jco (which reports "cannot enter component instance")
        ComponentTrapException after = assertThrows(ComponentTrapException.class,
                () -> guest.func("greet").call(s("again")));
        assertEquals(ComponentTrapException.Reason.POISONED, after.reason());
        return out;
    }

    /** The same calls through {@code jco transpile} and Node: one JSON outcome per call, then the trap's. */
    private static List<JsonNode> node() throws IOException {
        Path jco = GuestTools.interopTool("jco");
        Path node = GuestTools.node();
        Path transpiled = GuestTools.cache().get("js-guest-transpiled", List.of(component, Tools.interopLock()),
                "jco transpile", out -> Processes.check(Processes.command(jco, "transpile", component, "-o", out,
                        "--name", "guest", "--no-typescript"), GuestTools.guests(), 300));
        ComponentRuntime rt = ComponentRuntime.create();
        ComponentInstance types = rt.instantiate(rt.load(component));
        StringBuilder script = new StringBuilder();
        script.append("import * as guest from './").append(transpiled.getFileName()).append("/guest.js';\n");
        script.append("const calls = [\n");
        List<Call> all = new ArrayList<>(CALLS);
        all.add(TRAP);
        for (Call c : all) {
            FuncType ft = types.func(c.path().toArray(String[]::new)).type();
            List<String> args = new ArrayList<>();
            for (int i = 0; i < c.args().size(); i++) {
                args.add(JcoValues.js(c.args().get(i), ft.paramTypes().get(i)));
            }
            script.append("  () => ").append(c.js()).append('(').append(String.join(", ", args)).append("),\n");
        }
        script.append("""
                ];
                const plain = (k, v) => typeof v === 'bigint' ? v.toString()
                  : ArrayBuffer.isView(v) ? Array.from(v, x => typeof x === 'bigint' ? x.toString() : x) : v;
                const out = [];
                for (const call of calls) {
                  try {
                    out.push({ ok: call() });
                  } catch (e) {
                    out.push(e !== null && typeof e === 'object' && 'payload' in e ? { err: e.payload } : { trap: String(e) });
                  }
                }
                console.log(JSON.stringify(out, plain));
                """);
        Path file = GuestTools.guests().resolve("js-guest-calls.mjs");
        Files.writeString(file, script, StandardCharsets.UTF_8);
        Processes.Result r = Processes.check(Processes.command(node, Tools.nodeOptions(node), file),
                GuestTools.guests(), 300);
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).forEach(out::add);
        assertEquals(all.size(), out.size(), r::describe);
        return out;
    }

    @Test
    void exportsAndTypesAreTheWorlds() {
        ComponentRuntime rt = ComponentRuntime.create();
        ComponentInstance guest = rt.instantiate(rt.load(component));
        assertTrue(guest.exports().contains(SHAPES), () -> guest.exports().toString());
        assertEquals("func(s: option<string>) -> option<string>", guest.func("maybe-upper").type().toString());
        assertEquals("func(a: s32, b: s32) -> result<s32, string>", guest.func("checked-div").type().toString());
        assertEquals("func(p: record { x: s32, y: s32 }, dx: s32, dy: s32) -> record { x: s32, y: s32 }",
                guest.func(SHAPES, "translate").type().toString());
    }

    @Test
    void valApiMatchesJcoAndNode() throws IOException {
        List<JsonNode> expected = node();
        for (Engine engine : Engine.values()) {
            List<JsonNode> actual = dovetail(engine);
            List<String> mismatches = new ArrayList<>();
            for (int i = 0; i < CALLS.size(); i++) {
                if (!JcoValues.same(expected.get(i), actual.get(i))) {
                    mismatches.add(CALLS.get(i) + "\n    node:     " + expected.get(i) + "\n    dovetail: " + actual.get(i));
                }
            }
            if (!mismatches.isEmpty()) {
                fail(engine + ": " + mismatches.size() + " of " + CALLS.size() + " calls differ:\n  "
                        + String.join("\n  ", mismatches));
            }
        }
        JsonNode trap = expected.get(CALLS.size());
        assertTrue(trap.has("trap") && trap.get("trap").asText().contains("unreachable"), trap::toString);
    }

    /** A few results spelled out, so that a broken comparison cannot hide a broken guest. */
    @Test
    void resultsAreTheGuestsOwn() {
        ComponentRuntime rt = ComponentRuntime.create(Engine.COMPILER);
        ComponentInstance guest = rt.instantiate(rt.load(component));
        assertEquals(Optional.of(s("Hello, héllo ☃ 🍰!")), guest.func("greet").call(s("héllo ☃ 🍰")));
        assertEquals(Optional.of(list(s("A!"), s("STRASSE!"), s("Ǆ!"))),
                guest.func("shout").call(list(s("a"), s("straße"), s("ǆ"))));
        assertEquals(Optional.of(new Val.Result(false, Optional.of(s("division by zero")))),
                guest.func("checked-div").call(s32(1), s32(0)));
        assertEquals(Optional.of(new Val.Result(true, Optional.of(new Val.S64(-12345678901L)))),
                guest.func("parse-number").call(s("-12345678901")));
        assertEquals(Optional.of(new Val.Option(Optional.of(u32(2)))),
                guest.func("find").call(list(s("x"), s("y"), s("z")), s("z")));
        assertEquals(Optional.of(list(new Val.Char('a'), new Val.Char(0x1f600), new Val.Char('é'))),
                guest.func("code-points").call(s("a😀é")));
        assertEquals(Optional.of(u32(11)), guest.func("utf8-length").call(s("€uro 🍰")));
        assertEquals(Optional.of(new Val.Variant("rect", Optional.of(new Val.Tuple(List.of(point(0, 0), point(6, 3)))))),
                guest.func(SHAPES, "classify").call(s32(6)));
        assertEquals(Optional.of(perms("read", "write")),
                guest.func(SHAPES, "grant").call(perms("read"), perms("write", "exec")));
        assertEquals(Optional.of(s("Ada \"countess\" (36), likes dark-blue, tags: math/engines")),
                guest.func(SHAPES, "describe").call(person("Ada", 36, "countess", List.of("math", "engines"), "dark-blue")));
    }
}
