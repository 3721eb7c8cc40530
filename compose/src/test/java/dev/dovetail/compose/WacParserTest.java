package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WacParserTest {
    private static final Path FILE = Path.of("test.wac");

    private static WacAst.Document parse(String source) {
        return Wac.parse(source, FILE);
    }

    @Test
    void packageDirectiveWithVersionAndDocs() {
        WacAst.Document doc = parse("/// The composition.\n/** More. */\npackage example:composition@1.2.3-rc.1+b5;\n");
        WacAst.PackageDecl decl = doc.packageDecl();
        assertEquals("example:composition", decl.name().name());
        assertEquals(Optional.of("1.2.3-rc.1+b5"), decl.name().version());
        assertEquals(List.of("The composition.", "More."), decl.docs());
        assertEquals(3, decl.span().line());
        assertEquals(1, decl.span().column());
        assertTrue(doc.statements().isEmpty());
        assertEquals(FILE, doc.file());
    }

    @Test
    void letWithEveryKindOfArgument() {
        WacAst.Document doc = parse("""
                package a:b;
                let x = new c:d@1.0.0 { a: b, c, ...e, "s": y.z, ... };
                """);
        WacAst.Let let = assertInstanceOf(WacAst.Let.class, doc.statements().get(0));
        assertEquals("x", let.id().name());
        WacAst.New n = assertInstanceOf(WacAst.New.class, let.expr());
        WacAst.PackageName pkg = assertInstanceOf(WacAst.PackageName.class, n.component());
        assertEquals("c:d@1.0.0", pkg.text());
        assertEquals(13, pkg.span().column());
        List<WacAst.Argument> args = n.arguments();
        assertEquals(5, args.size());
        WacAst.Named a = assertInstanceOf(WacAst.Named.class, args.get(0));
        assertEquals("a", a.name().value());
        assertFalse(a.name().quoted());
        assertEquals("b", assertInstanceOf(WacAst.Local.class, a.value()).id().name());
        assertEquals("c", assertInstanceOf(WacAst.Inferred.class, args.get(1)).id().name());
        WacAst.Spread spread = assertInstanceOf(WacAst.Spread.class, args.get(2));
        assertEquals("e", spread.id().name());
        assertEquals(34, spread.span().column());
        WacAst.Named s = assertInstanceOf(WacAst.Named.class, args.get(3));
        assertEquals("s", s.name().value());
        assertTrue(s.name().quoted());
        WacAst.Access access = assertInstanceOf(WacAst.Access.class, s.value());
        assertEquals("z", access.member().name());
        WacAst.Fill fill = assertInstanceOf(WacAst.Fill.class, args.get(4));
        assertEquals(2, fill.span().line());
        assertEquals(50, fill.span().column());
    }

    @Test
    void postfixAccessChainsAndNesting() {
        WacAst.Document doc = parse("package a:b;\nexport (new c:d {}).e[\"f:g/h@2.0.0\"].i;\n");
        WacAst.Export export = assertInstanceOf(WacAst.Export.class, doc.statements().get(0));
        WacAst.Access outer = assertInstanceOf(WacAst.Access.class, export.expr());
        assertEquals("i", outer.member().name());
        WacAst.NamedAccess named = assertInstanceOf(WacAst.NamedAccess.class, outer.target());
        assertEquals("f:g/h@2.0.0", named.name());
        assertEquals(23, named.nameSpan().column());
        WacAst.Access inner = assertInstanceOf(WacAst.Access.class, named.target());
        WacAst.Nested nested = assertInstanceOf(WacAst.Nested.class, inner.target());
        assertInstanceOf(WacAst.New.class, nested.inner());
        assertEquals(8, outer.span().column());
        assertEquals(outer.span().end(), doc.source().indexOf(';', 13));
    }

    @Test
    void exportForms() {
        WacAst.Document doc = parse("""
                package a:b;
                export x;
                export x.y as "z";
                export x.y as z-z;
                export x with "w";
                export x...;
                """);
        List<WacAst.Statement> s = doc.statements();
        WacAst.Export plain = (WacAst.Export) s.get(0);
        assertTrue(plain.name().isEmpty());
        assertFalse(plain.spread());
        assertEquals("z", ((WacAst.Export) s.get(1)).name().orElseThrow().value());
        assertEquals("z-z", ((WacAst.Export) s.get(2)).name().orElseThrow().value());
        assertEquals("w", ((WacAst.Export) s.get(3)).name().orElseThrow().value());
        WacAst.Export spread = (WacAst.Export) s.get(4);
        assertTrue(spread.spread());
        assertTrue(spread.name().isEmpty());
    }

    @Test
    void importForms() {
        WacAst.Document doc = parse("""
                package a:b;
                /// the greeter
                import greeter: example:greeter/greeter;
                import g2 as "my-greeter": example:greeter/greeter@0.1.0;
                import g3 with "full:name/x@1.0.0": a:b:c/d/e;
                import f: func(x: string) -> string;
                import i: interface { g: func(); };
                import t: some-type;
                """);
        List<WacAst.Statement> s = doc.statements();
        WacAst.Import g = (WacAst.Import) s.get(0);
        assertEquals(List.of("the greeter"), g.docs());
        assertEquals("greeter", g.id().name());
        WacAst.PackagePath path = ((WacAst.ImportPath) g.type()).path();
        assertEquals("example:greeter", path.packageName());
        assertEquals(List.of("greeter"), path.segments());
        assertEquals(Optional.empty(), path.version());
        assertEquals(17, path.span().column());
        WacAst.Import g2 = (WacAst.Import) s.get(1);
        assertEquals("my-greeter", g2.name().orElseThrow().value());
        assertEquals(Optional.of("0.1.0"), ((WacAst.ImportPath) g2.type()).path().version());
        WacAst.Import g3 = (WacAst.Import) s.get(2);
        assertEquals("full:name/x@1.0.0", g3.name().orElseThrow().value());
        WacAst.PackagePath nested = ((WacAst.ImportPath) g3.type()).path();
        assertEquals("a:b:c", nested.packageName());
        assertEquals(List.of("d", "e"), nested.segments());
        assertEquals("func", ((WacAst.ImportInlineType) ((WacAst.Import) s.get(3)).type()).keyword());
        assertEquals("interface", ((WacAst.ImportInlineType) ((WacAst.Import) s.get(4)).type()).keyword());
        assertEquals("local", ((WacAst.ImportInlineType) ((WacAst.Import) s.get(5)).type()).keyword());
    }

    @Test
    void typeStatementsAreParsedWithTheirKindAndName() {
        WacAst.Document doc = parse("""
                package a:b;
                interface i {
                    use a:b/c.{d as e, f};
                    resource r { constructor(x: u32); m: static func() -> u8; }
                    g: func(x: list<tuple<u8, s8>>) -> result<_, string>;
                    h: func() -> (a: u32, b: option<borrow<r>>);
                }
                world w {
                    import x: func();
                    export a:b/c;
                    export y: interface { z: func(); };
                    include a:b/w with { a as b };
                }
                /// documented
                record r { a: u32, b: string, }
                variant v { a(u8), b }
                enum e { a, b }
                flags f { a }
                type t = func(a: f64) -> char;
                use a:b/c as d;
                """);
        List<String> kinds = doc.statements().stream().map(s -> ((WacAst.TypeStatement) s).keyword()).toList();
        assertEquals(List.of("interface", "world", "record", "variant", "enum", "flags", "type", "use"), kinds);
        WacAst.TypeStatement record = (WacAst.TypeStatement) doc.statements().get(2);
        assertEquals("r", record.id().orElseThrow().name());
        assertEquals(List.of("documented"), record.docs());
        assertEquals(15, record.span().line());
    }

    @Test
    void commentsAndEscapes() {
        WacAst.Document doc = parse("""
                // a comment
                package a:b; /* block /* nested */ still comment **/ /**/
                let %export = new %c:d { %with: %let };
                """);
        WacAst.Let let = (WacAst.Let) doc.statements().get(0);
        assertEquals("export", let.id().name());
        WacAst.New n = (WacAst.New) let.expr();
        assertEquals("c:d", ((WacAst.PackageName) n.component()).name());
        WacAst.Named arg = (WacAst.Named) n.arguments().get(0);
        assertEquals("with", arg.name().value());
        assertEquals("let", ((WacAst.Local) arg.value()).id().name());
    }

    @Test
    void newOfALocalName() {
        WacAst.New n = (WacAst.New) ((WacAst.Let) parse("package a:b;\nlet x = new comp {};").statements().get(0)).expr();
        assertEquals("comp", assertInstanceOf(WacAst.Ident.class, n.component()).name());
    }

    @Test
    void columnsCountCodePoints() {
        // the emoji is two chars but one column
        CompositionException e = assertThrows(CompositionException.class,
                () -> parse("package a:b; /* \uD83D\uDE00 */ let x = ;"));
        assertEquals(30, e.location().orElseThrow().column());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("let x = new a:b {};", 1, 1, "expected `package`, found keyword `let`"),
                Arguments.of("package a:b", 1, 12, "expected `targets` or `;`, found end of input"),
                Arguments.of("package a:b;\nlet x = new c:d {}\n", 2, 19, "expected `;`, found end of input"),
                Arguments.of("package a:b;\nlet x = new c:d { ..., a };", 2, 19, "`...` must be the last argument"),
                Arguments.of("package a:b;\nlet x = \"abc;\n", 2, 9, "unterminated string"),
                Arguments.of("package a:b;\n  /* never /* closed */\n", 2, 3, "unterminated block comment"),
                Arguments.of("package a:b;\n/* a */ /*/", 2, 9, "unterminated block comment"),
                Arguments.of("package a:b@1.0;", 1, 13, "invalid version `1.0`"),
                Arguments.of("package a:b;\nlet x = new c:d@01.0.0 {};", 2, 17, "invalid version `01.0.0`"),
                Arguments.of("package a:b;\nimport x: c:d/e@1.x;", 2, 17, "invalid version `1.x`"),
                Arguments.of("package a:b;\nlet x = new c:d {a:b};", 2, 18,
                        "expected an identifier, a string, `...` or `}`, found package name `a:b`"),
                Arguments.of("package a:b;\nlet $x = 1;", 2, 5, "unexpected character '$'"),
                Arguments.of("package a:b;\nexport x... as \"y\";", 2, 13, "expected `;`, found keyword `as`"),
                Arguments.of("package a:b;\nlet let = x;", 2, 5, "expected an identifier, found keyword `let`"),
                Arguments.of("package a:b;\nlet x = y.;", 2, 11, "expected an identifier, found `;`"),
                Arguments.of("package a:b;\nlet x = y[z];", 2, 11, "expected a string, found identifier `z`"),
                Arguments.of("package a:b;\nimport x with y: c:d/e;", 2, 15, "expected a string, found identifier `y`"),
                Arguments.of("package a:b;\nimport x: c:d;", 2, 11, "found package name `c:d`"),
                Arguments.of("package a:b;\nexport new c:d { x: };", 2, 21, "found `}`"),
                Arguments.of("package a:b;\nlet Foo = x;", 2, 6, "expected `=`, found identifier `oo`"),
                Arguments.of("package a:b;\nrecord r { a: u32 ", 2, 18, "expected `,` or `}`, found end of input"),
                Arguments.of("package a:b;\ntype t = list<>;", 2, 15, "expected a type, found `>`"),
                Arguments.of("package a:b;\nlet x = y;\n\u0007", 3, 1, "disallowed control character U+0007"),
                Arguments.of("package a:b;\nlet x = \"\u202e\";", 2, 10, "disallowed bidirectional override U+202E"),
                Arguments.of("package a:b;\nlet x = y @1.0.0;", 2, 11, "unexpected `@`"),
                Arguments.of("package a:b;\n" + "let x = " + "(".repeat(200) + "y" + ")".repeat(200) + ";", 2, 109,
                        "nesting too deep"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedDocumentsReportExactLocations(String source, int line, int column, String message) {
        CompositionException e = assertThrows(CompositionException.class, () -> parse(source));
        CompositionException.Location at = e.location().orElseThrow();
        assertEquals(FILE, at.file());
        assertEquals(line + ":" + column, at.line() + ":" + at.column(), e.getMessage());
        String first = e.reason().lines().findFirst().orElseThrow();
        assertTrue(first.contains(message), () -> "`" + first + "` does not contain `" + message + "`");
        assertTrue(e.getMessage().startsWith("test.wac:" + line + ":" + column + ": "), e.getMessage());
    }

    @Test
    void errorsShowTheLineWithACaret() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> parse("package a:b;\nlet x = new c:d@1.0 {};\n"));
        List<String> lines = e.reason().lines().toList();
        assertEquals("   2 | let x = new c:d@1.0 {};", lines.get(2));
        assertEquals("     |                 ^--", lines.get(3));
    }
}
