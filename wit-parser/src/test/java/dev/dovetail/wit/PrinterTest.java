package dev.dovetail.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The printer on hand-built {@link Resolve}s (exact text) and on WIT sources that exercise what the
 * conformance inputs do not (round trip). PrinterRoundTripTest covers the conformance inputs.
 */
class PrinterTest {

    /** Arenas filled by hand; ids are list positions. */
    private static final class Model {
        final List<World> worlds = new ArrayList<>();
        final List<Interface> interfaces = new ArrayList<>();
        final List<TypeDef> types = new ArrayList<>();
        final List<Package> packages = new ArrayList<>();

        Type.Id type(String name, TypeDefKind kind, TypeOwner owner) {
            return type(name, kind, owner, Docs.NONE, Stability.UNKNOWN);
        }

        Type.Id type(String name, TypeDefKind kind, TypeOwner owner, Docs docs, Stability stability) {
            types.add(new TypeDef(name, kind, owner, docs, stability));
            return new Type.Id(types.size() - 1);
        }

        Type.Id anon(TypeDefKind kind) {
            return type(null, kind, TypeOwner.NONE);
        }

        String print(int pkg) {
            return WitPrinter.print(new Resolve(worlds, interfaces, types, packages), pkg);
        }
    }

    private static Function func(String name, List<Function.Param> params, Type result) {
        return new Function(name, Function.Kind.FREESTANDING, params, result, Docs.NONE, Stability.UNKNOWN);
    }

    private static Function.Param param(String name, Type type) {
        return new Function.Param(name, type);
    }

    private static TypeOwner.OfInterface ownedBy(int iface) {
        return new TypeOwner.OfInterface(iface);
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> ordered(Object... keysAndValues) {
        Map<K, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((K) keysAndValues[i], (V) keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void keywordsAreEscapedEverywhere() {
        Model m = new Model();
        Type.Id record = m.type("type", new TypeDefKind.Record(List.of(
                new TypeDefKind.Field("list", Type.Primitive.U8, Docs.NONE))), ownedBy(0));
        Type.Id variant = m.type("enum", new TypeDefKind.Variant(List.of(
                new TypeDefKind.Case("own", record, Docs.NONE), new TypeDefKind.Case("borrow", null, Docs.NONE))),
                ownedBy(0));
        m.interfaces.add(new Interface("interface", ordered("type", record.index(), "enum", variant.index()),
                ordered("func", func("func", List.of(param("static", Type.Primitive.STRING)), variant)),
                Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("test", "async", null), Docs.NONE, Map.of("interface", 0), Map.of()));

        assertEquals("""
                package test:%async;

                interface %interface {
                  record %type {
                    %list: u8,
                  }

                  variant %enum {
                    %own(%type),
                    %borrow,
                  }

                  %func: func(%static: string) -> %enum;
                }
                """, m.print(0));
    }

    @Test
    void anonymousTypesAreWrittenInline() {
        Model m = new Model();
        Type.Id r = m.type("r", new TypeDefKind.Resource(), ownedBy(0));
        Type.Id own = m.anon(new TypeDefKind.Handle(false, r.index()));
        Type.Id borrow = m.anon(new TypeDefKind.Handle(true, r.index()));
        List<Type> anon = List.of(
                m.anon(new TypeDefKind.ListOf(Type.Primitive.U8)),
                m.anon(new TypeDefKind.FixedLengthList(Type.Primitive.F32, 4)),
                m.anon(new TypeDefKind.Option(own)),
                m.anon(new TypeDefKind.Result(Type.Primitive.U32, Type.Primitive.STRING)),
                m.anon(new TypeDefKind.Result(null, Type.Primitive.STRING)),
                m.anon(new TypeDefKind.Result(Type.Primitive.U32, null)),
                m.anon(new TypeDefKind.Result(null, null)),
                m.anon(new TypeDefKind.Tuple(List.of(Type.Primitive.S8, borrow))),
                m.anon(new TypeDefKind.MapOf(Type.Primitive.STRING, Type.Primitive.ERROR_CONTEXT)),
                m.anon(new TypeDefKind.Future(null)),
                m.anon(new TypeDefKind.Future(Type.Primitive.CHAR)),
                m.anon(new TypeDefKind.Stream(null)),
                m.anon(new TypeDefKind.Stream(Type.Primitive.BOOL)));
        List<Function.Param> params = new ArrayList<>();
        for (int i = 0; i < anon.size(); i++) {
            params.add(param("p" + i, anon.get(i)));
        }
        Type.Id ownAlias = m.type("owned", new TypeDefKind.Handle(false, r.index()), ownedBy(0));
        Type.Id borrowAlias = m.type("borrowed", new TypeDefKind.Handle(true, r.index()), ownedBy(0));
        Type.Id alias = m.type("same", new TypeDefKind.Alias(r), ownedBy(0));
        m.interfaces.add(new Interface("i",
                ordered("r", r.index(), "owned", ownAlias.index(), "borrowed", borrowAlias.index(), "same", alias.index()),
                ordered("f", func("f", params, null)), Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "b", "1.2.3-rc.1"), Docs.NONE, Map.of("i", 0), Map.of()));

        assertEquals("""
                package a:b@1.2.3-rc.1;

                interface i {
                  resource r;

                  type owned = own<r>;

                  type borrowed = borrow<r>;

                  type same = r;

                  f: func(p0: list<u8>, p1: list<f32, 4>, p2: option<r>, p3: result<u32, string>, \
                p4: result<_, string>, p5: result<u32>, p6: result, p7: tuple<s8, borrow<r>>, \
                p8: map<string, error-context>, p9: future, p10: future<char>, p11: stream, p12: stream<bool>);
                }
                """, m.print(0));
    }

    @Test
    void usesAreGroupedByInterfaceAndGate() {
        Model m = new Model();
        // Package 0, a dependency: interface 0 with two types.
        Type.Id a = m.type("a", new TypeDefKind.Alias(Type.Primitive.U8), ownedBy(0));
        Type.Id b = m.type("b", new TypeDefKind.Alias(Type.Primitive.U16), ownedBy(0));
        m.interfaces.add(new Interface("types", ordered("a", a.index(), "b", b.index()), Map.of(), Docs.NONE,
                Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("dep", "pkg", "0.2.0"), Docs.NONE, Map.of("types", 0), Map.of()));
        // Package 1: interface 1 defines c; interface 2 uses from both.
        Type.Id c = m.type("c", new TypeDefKind.Alias(Type.Primitive.U32), ownedBy(1));
        m.interfaces.add(new Interface("local", ordered("c", c.index()), Map.of(), Docs.NONE, Stability.UNKNOWN, 1));
        Stability gate = new Stability.Unstable("x", null);
        Type.Id ua = m.type("a", new TypeDefKind.Alias(a), ownedBy(2));
        Type.Id ub = m.type("bee", new TypeDefKind.Alias(b), ownedBy(2));
        Type.Id ub2 = m.type("b", new TypeDefKind.Alias(b), ownedBy(2), Docs.NONE, gate);
        Type.Id uc = m.type("c", new TypeDefKind.Alias(c), ownedBy(2));
        Type.Id own = m.type("d", new TypeDefKind.Alias(uc), ownedBy(2));
        m.interfaces.add(new Interface("user", ordered("a", ua.index(), "bee", ub.index(), "b", ub2.index(),
                "c", uc.index(), "d", own.index()), Map.of(), Docs.NONE, Stability.UNKNOWN, 1));
        m.packages.add(new Package(new PackageName("my", "pkg", null), Docs.NONE,
                ordered("local", 1, "user", 2), Map.of()));

        assertEquals("""
                package my:pkg;

                interface local {
                  type c = u32;
                }

                interface user {
                  use dep:pkg/types@0.2.0.{a, b as bee};
                  @unstable(feature = x)
                  use dep:pkg/types@0.2.0.{b};
                  use local.{c};

                  type d = c;
                }
                """, m.print(1));
    }

    @Test
    void resourcesStandWhereTheirFunctionsAreAndGroupTheirFunctions() {
        Model m = new Model();
        Type.Id r = m.type("r", new TypeDefKind.Resource(), ownedBy(0));
        Type.Id e = m.type("e", new TypeDefKind.Enum(List.of(new TypeDefKind.EnumCase("bad", Docs.NONE))), ownedBy(0));
        Type.Id s = m.type("s", new TypeDefKind.Resource(), ownedBy(0));
        Type.Id ownR = m.anon(new TypeDefKind.Handle(false, r.index()));
        Type.Id borrowR = m.anon(new TypeDefKind.Handle(true, r.index()));
        Type.Id ownS = m.anon(new TypeDefKind.Handle(false, s.index()));
        Type.Id fallible = m.anon(new TypeDefKind.Result(ownS, e));
        Map<String, Function> funcs = new LinkedHashMap<>();
        funcs.put("first", func("first", List.of(), null));
        funcs.put("[constructor]r", new Function("[constructor]r", new Function.Kind(Function.Shape.CONSTRUCTOR,
                r.index(), false), List.of(param("x", Type.Primitive.U32)), ownR, Docs.NONE, Stability.UNKNOWN));
        funcs.put("[method]r.get", new Function("[method]r.get", new Function.Kind(Function.Shape.METHOD, r.index(),
                true), List.of(param("self", borrowR)), Type.Primitive.U32, new Docs("Reads."), Stability.UNKNOWN));
        funcs.put("[static]r.make", new Function("[static]r.make", new Function.Kind(Function.Shape.STATIC, r.index(),
                true), List.of(), ownR, Docs.NONE, new Stability.Stable("1.0.0", "1.1.0")));
        funcs.put("middle", new Function("middle", Function.Kind.ASYNC_FREESTANDING, List.of(), null, Docs.NONE,
                Stability.UNKNOWN));
        funcs.put("[constructor]s", new Function("[constructor]s", new Function.Kind(Function.Shape.CONSTRUCTOR,
                s.index(), false), List.of(), fallible, Docs.NONE, Stability.UNKNOWN));
        funcs.put("last", func("last", List.of(param("r", ownR)), null));
        m.interfaces.add(new Interface("i", ordered("r", r.index(), "e", e.index(), "s", s.index()), funcs,
                Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "b", null), Docs.NONE, Map.of("i", 0), Map.of()));

        assertEquals("""
                package a:b;

                interface i {
                  first: func();

                  resource r {
                    constructor(x: u32);
                    /// Reads.
                    get: async func() -> u32;
                    @since(version = 1.0.0)
                    @deprecated(version = 1.1.0)
                    make: static async func() -> r;
                  }

                  enum e {
                    bad,
                  }

                  middle: async func();

                  resource s {
                    constructor() -> result<s, e>;
                  }

                  last: func(r: r);
                }
                """, m.print(0));
    }

    @Test
    void worldsPrintUsesTypesImportsAndExports() {
        Model m = new Model();
        // Package 0 (a:dep) with interface 0 `types` and type t.
        Type.Id t = m.type("t", new TypeDefKind.Alias(Type.Primitive.U8), ownedBy(0));
        m.interfaces.add(new Interface("types", ordered("t", t.index()), Map.of(), Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "dep", null), Docs.NONE, Map.of("types", 0), Map.of()));
        // Package 1 (a:main): interface 1 `api`, inline interface 2, world 0.
        m.interfaces.add(new Interface("api", Map.of(), ordered("ping", func("ping", List.of(), null)), Docs.NONE,
                new Stability.Stable("0.1.0", null), 1));
        m.interfaces.add(new Interface(null, Map.of(), ordered("log", func("log", List.of(param("m", Type.Primitive.STRING)),
                null)), new Docs("Inline."), Stability.UNKNOWN, 1));
        TypeOwner.OfWorld w = new TypeOwner.OfWorld(0);
        Type.Id ut = m.type("t", new TypeDefKind.Alias(t), w);
        Type.Id res = m.type("res", new TypeDefKind.Resource(), w);
        Type.Id list = m.anon(new TypeDefKind.ListOf(ut));
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        imports.put(new WorldKey.InterfaceRef(0), new WorldItem.InterfaceItem(0, Stability.UNKNOWN));
        imports.put(new WorldKey.Name("t"), new WorldItem.TypeItem(ut.index()));
        imports.put(new WorldKey.Name("res"), new WorldItem.TypeItem(res.index()));
        imports.put(new WorldKey.Name("logger"), new WorldItem.InterfaceItem(2, Stability.UNKNOWN));
        imports.put(new WorldKey.Name("now"), new WorldItem.FunctionItem(func("now", List.of(), Type.Primitive.U64)));
        imports.put(new WorldKey.Name("[constructor]res"), new WorldItem.FunctionItem(new Function("[constructor]res",
                new Function.Kind(Function.Shape.CONSTRUCTOR, res.index(), false), List.of(), res, Docs.NONE,
                Stability.UNKNOWN)));
        Map<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        exports.put(new WorldKey.Name("run"), new WorldItem.FunctionItem(new Function("run", Function.Kind.FREESTANDING,
                List.of(param("args", list)), null, new Docs("Runs."), Stability.UNKNOWN)));
        exports.put(new WorldKey.InterfaceRef(1), new WorldItem.InterfaceItem(1, new Stability.Stable("0.1.0", null)));
        m.worlds.add(new World("cmd", imports, exports, 1, Docs.NONE, Stability.UNKNOWN));
        m.packages.add(new Package(new PackageName("a", "main", null), new Docs("The main package."),
                ordered("api", 1), ordered("cmd", 0)));

        assertEquals("""
                /// The main package.
                package a:main;

                @since(version = 0.1.0)
                interface api {
                  ping: func();
                }

                world cmd {
                  use a:dep/types.{t};

                  import a:dep/types;

                  /// Inline.
                  import logger: interface {
                    log: func(m: string);
                  }

                  import now: func() -> u64;

                  resource res {
                    constructor();
                  }

                  /// Runs.
                  export run: func(args: list<t>);
                  @since(version = 0.1.0)
                  export api;
                }
                """, m.print(1));
    }

    @Test
    void docsAreWrittenSoThatTheResolverReadsThemBack() {
        Model m = new Model();
        List<String> texts = List.of(
                "plain\n\nwith a blank line",
                " indented\n  more\n* ends */",
                "\ttab first\n\ttab second",
                "",
                "trailing\n");
        Map<String, Integer> types = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            types.put("t" + i, m.type("t" + i, new TypeDefKind.Alias(Type.Primitive.U8), ownedBy(0),
                    new Docs(texts.get(i)), Stability.UNKNOWN).index());
        }
        m.interfaces.add(new Interface("i", types, Map.of(), Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "b", null), Docs.NONE, Map.of("i", 0), Map.of()));
        String printed = m.print(0);

        // Whatever layout was chosen, the resolver must read back the same text.
        Resolve back = WitResolver.builder().build().resolveSource("docs.wit", printed).resolve();
        for (int i = 0; i < texts.size() - 1; i++) {
            assertEquals(texts.get(i), back.type(back.iface(0).types().get("t" + i)).docs().contents(), printed);
        }
        assertEquals("""
                package a:b;

                interface i {
                  /// plain
                  ///
                  /// with a blank line
                  type t0 = u8;

                  ///  indented
                  ///   more
                  /// * ends */
                  type t1 = u8;

                  ///\ttab first
                  ///\ttab second
                  type t2 = u8;

                  ///
                  type t3 = u8;

                  /// trailing
                  ///
                  type t4 = u8;
                }
                """, printed);
    }

    @Test
    void nestedPackagesFollowTheRoot() {
        Model m = new Model();
        m.interfaces.add(new Interface("dep", Map.of(), Map.of(), Docs.NONE, Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "dep", "1.0.0"), new Docs("Dependency."), Map.of("dep", 0),
                Map.of()));
        Map<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        imports.put(new WorldKey.InterfaceRef(0), new WorldItem.InterfaceItem(0, Stability.UNKNOWN));
        m.worlds.add(new World("w", imports, Map.of(), 1, Docs.NONE, Stability.UNKNOWN));
        m.packages.add(new Package(new PackageName("a", "root", null), Docs.NONE, Map.of(), Map.of("w", 0)));
        Resolve resolve = new Resolve(m.worlds, m.interfaces, m.types, m.packages);

        String printed = WitPrinter.printNested(resolve, List.of(0, 1));
        assertEquals("""
                package a:root;

                world w {
                  import a:dep/dep@1.0.0;
                }

                /// Dependency.
                package a:dep@1.0.0 {
                  interface dep {}
                }
                """, printed);
        assertEquals(WitJson.toJson(resolve),
                WitJson.toJson(WitResolver.builder().build().resolveSource("nested.wit", printed).resolve()));
    }

    @Test
    void unnamedRecordsCannotBePrinted() {
        Model m = new Model();
        Type.Id rec = m.anon(new TypeDefKind.Record(List.of()));
        m.interfaces.add(new Interface("i", Map.of(), ordered("f", func("f", List.of(), rec)), Docs.NONE,
                Stability.UNKNOWN, 0));
        m.packages.add(new Package(new PackageName("a", "b", null), Docs.NONE, Map.of("i", 0), Map.of()));
        assertThrows(IllegalStateException.class, () -> m.print(0));
    }

    @Test
    void trickySourceRoundTrips() {
        assertRoundTrip("""
                /// Package docs.
                package my:%world@1.0.0-alpha.1+build.5;

                interface base {
                  resource res {
                    constructor();
                    get: func() -> list<u8, 4>;
                  }
                  type bytes = list<u8>;
                }

                interface mixed {
                  use base.{res, bytes as data};
                  f1: func(a: tuple<u8, u16>) -> option<string>;
                  resource r2 {
                    m: async func(x: option<string>) -> result<tuple<u8, u16>>;
                    s: static async func() -> future<list<u8>>;
                  }
                  f2: func() -> stream<data>;
                  record rec { %type: res, b: option<borrow<res>>, m: map<string, list<res>> }
                  f3: func(r: rec) -> result<_, data>;
                  f4: func(r: borrow<res>, s: option<borrow<res>>);
                }

                world w {
                  export e1: func() -> list<string>;
                  import i1: func() -> option<u64>;
                  @unstable(feature = active)
                  @deprecated(version = 0.9.0)
                  import inline-a: interface {
                    use base.{res};
                    type t = list<option<res>>;
                    g: func(t: t) -> list<list<string>>;
                  }
                  resource wr {
                    constructor(x: list<s64>);
                    n: func() -> list<list<string>>;
                  }
                  export inline-b: interface {
                    h: func() -> tuple<s64, s64>;
                  }
                  import named: base;
                  use mixed.{rec};
                  export e2: func(r: rec) -> list<tuple<s64, s64>>;
                  import mixed;
                }
                """);
    }

    @Test
    void multiPackageSourceRoundTrips() {
        assertRoundTrip("""
                package root:app@1.3.0;

                /**   block docs
                 *    with stars
                 */
                interface a {
                  /// Tabbed:
                  ///\tcode
                  resource x {
                    constructor() -> result<x, string>;
                  }
                  f: func(b: list<tuple<x, borrow<x>>>) -> list<x>;
                  resource y {
                    s: static func(a: list<option<x>>) -> y;
                  }
                  g: func(p: option<x>);
                  variant v { none, some(list<list<y>>) }
                }

                world w {
                  @since(version = 1.2.3)
                  use a.{x as ex, y};
                  use dep:lib/types@2.0.0.{big};
                  export z: func() -> big;
                  import p: func(q: list<list<string>>, r: list<big>);
                  export dep:lib/types@2.0.0;
                  import q: func() -> list<string>;
                }

                package dep:lib@2.0.0 {
                  interface types {
                    type big = list<list<u64>>;
                    record r { a: big, b: option<big> }
                  }
                  world base {
                    use types.{r};
                    export run: func(r: r) -> option<r>;
                  }
                }
                """);
    }

    @Test
    void packageOrderIsKeptWhenPrintedMentionsWouldChangeIt() {
        // The world names z:one before the interface names z:two, so the resolver puts z:one
        // first; printed interfaces come before worlds, so `use` items restore the order.
        String source = """
                package a:root;

                world w {
                  import z:one/i;
                }

                interface x {
                  use z:two/j.{t};
                }

                package z:two {
                  interface j {
                    type t = u8;
                  }
                }

                package z:one {
                  interface i {
                    type s = u8;
                  }
                }
                """;
        assertRoundTrip(source);
        Resolve resolve = WitResolver.builder().build().resolveSource("source.wit", source).resolve();
        assertEquals("""
                package a:root;

                use z:one/i as dep-i;
                use z:two/j as dep-j;

                interface x {
                  use z:two/j.{t};
                }

                world w {
                  import z:one/i;
                }

                package z:one {
                  interface i {
                    type s = u8;
                  }
                }

                package z:two {
                  interface j {
                    type t = u8;
                  }
                }
                """, WitPrinter.printNested(resolve, List.of(0, 1, 2)));
    }

    /** Source -> Resolve -> printed -> Resolve must give the same JSON. */
    private static void assertRoundTrip(String source) {
        WitResolver resolver = WitResolver.builder().features(Set.of("active")).build();
        Resolve first = resolver.resolveSource("source.wit", source).resolve();
        List<Integer> all = IntStream.range(0, first.packages().size()).boxed().toList();
        String printed = WitPrinter.printNested(first, all);
        Resolve second;
        try {
            second = resolver.resolveSource("printed.wit", printed).resolve();
        } catch (WitException e) {
            throw new AssertionError(e.getMessage() + "\n" + printed, e);
        }
        assertEquals(WitJson.toJson(first), WitJson.toJson(second), printed);
    }
}
