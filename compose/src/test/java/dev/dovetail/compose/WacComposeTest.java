package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** WAC documents composed with the public API only: {@link Wac}, {@link PackageResolver}, the graph. */
class WacComposeTest {
    private static final Path FILE = Path.of("comp.wac");

    @TempDir
    Path dir;

    private PackageResolver packages;

    @BeforeEach
    void setUp() {
        packages = PackageResolver.directory(WacTestPackages.deps(dir));
    }

    private Component compose(String source) {
        byte[] bytes = Wac.compose(source, FILE, packages);
        Component component = ComponentDecoder.decode(bytes);
        ComponentValidator.validate(component);
        return component;
    }

    private static Set<String> imports(Component c) {
        return c.imports().stream().map(i -> i.name().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> exports(Component c) {
        return c.exports().stream().map(e -> e.name().name()).collect(Collectors.toCollection(TreeSet::new));
    }

    // ------------------------------------------------------------------ compositions

    @Test
    void namedArgumentsAccessAndFill() {
        Component c = compose("""
                package test:composition;
                let logger = new test:logger { ... };
                let app = new test:app { log: logger.log, ... };
                export app.run;
                """);
        // `log` and `logger.log` both resolve to test:logger/log@1.0.0 by their last path segment
        assertEquals(Set.of("host:env/sink", "level"), imports(c));
        assertEquals(Set.of("run"), exports(c));
    }

    @Test
    void importOfAWitInterfaceSpreadArgumentsAndExportNames() {
        Component c = compose("""
                package test:composition;
                import sink: test:types/sink;
                let logger = new test:logger { sink };
                let app = new test:app@2.0.0 { ...logger, ... };
                export app.run as "go";
                export app.run with "start";
                export app...;
                """);
        assertEquals(Set.of("test:types/sink@1.0.0", "level"), imports(c));
        assertEquals(Set.of("go", "start", "run", "get-level"), exports(c));
    }

    /** A WIT package folder (with its deps/) given for a package name: its interfaces can be imported. */
    @Test
    void importsInterfacesOfAWitFolder() {
        Path wit = dir.resolve("wit/types");
        WacTestPackages.write(wit.resolve("sink.wit"), """
                package test:types@1.0.0;

                interface sink {
                  write: func(msg: string);
                }

                interface levels {
                  use test:base/kinds.{level};
                  current: func() -> level;
                }
                """);
        WacTestPackages.write(wit.resolve("deps/base.wit"), """
                package test:base;

                interface kinds {
                  enum level { low, high }
                }
                """);
        packages = PackageResolver.of(Map.of("test:types", wit), WacTestPackages.deps(dir));
        Component c = compose("""
                package test:composition;
                import sink: test:types/sink;
                import levels: test:types/levels;
                let logger = new test:logger { sink };
                export logger.log;
                """);
        // `levels` uses a type of test:base/kinds (from the folder's deps/), which is imported first
        assertEquals(Set.of("test:base/kinds", "test:types/sink@1.0.0", "test:types/levels@1.0.0"), imports(c));
        assertEquals(Set.of("test:logger/log@1.0.0"), exports(c));

        // a single .wit file serves as well
        Path file = dir.resolve("sink.wit");
        WacTestPackages.write(file, "package test:types;\n\ninterface sink {\n  write: func(msg: string);\n}\n");
        packages = PackageResolver.of(Map.of("test:types", file), null);
        assertEquals(Set.of("test:types/sink"), imports(compose("""
                package test:composition;
                import sink: test:types/sink;
                """)));
    }

    @Test
    void aWitFolderOfAnotherPackageOrWithErrorsIsRefused() {
        Path file = dir.resolve("other.wit");
        WacTestPackages.write(file, "package test:other;\n\ninterface sink {\n  write: func(msg: string);\n}\n");
        packages = PackageResolver.of(Map.of("test:types", file), null);
        CompositionException e = assertThrows(CompositionException.class,
                () -> compose("package test:composition;\nimport sink: test:types/sink;\n"));
        assertTrue(e.getMessage().contains("holds WIT package `test:other`, not `test:types`"), e.getMessage());

        Path bad = dir.resolve("bad.wit");
        WacTestPackages.write(bad, "package test:types;\n\ninterface sink {\n  write: func(msg: nope);\n}\n");
        packages = PackageResolver.of(Map.of("test:types", bad), null);
        e = assertThrows(CompositionException.class,
                () -> compose("package test:composition;\nimport sink: test:types/sink;\n"));
        assertTrue(e.getMessage().contains("cannot read package `test:types`"), e.getMessage());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void nestedNewNamedAccessAndRenamedImport() {
        Component c = compose("""
                package test:composition;
                import level as "the-level": test:app/get-level;
                let app = new test:app { "test:logger/log@1.0.0": (new test:logger { ... })["test:logger/log@1.0.0"], level };
                export app["get-level"];
                """);
        assertEquals(Set.of("host:env/sink", "the-level"), imports(c));
        assertEquals(Set.of("get-level"), exports(c));
    }

    @Test
    void explicitDependenciesOverrideTheDirectory() throws Exception {
        Path logger = dir.resolve("elsewhere/my-logger.wasm");
        WacTestPackages.writeBinary(logger, WacTestPackages.LOGGER);
        PackageResolver both = PackageResolver.of(Map.of("my:logger", logger), WacTestPackages.deps(dir));
        Path wac = dir.resolve("comp.wac");
        Files.writeString(wac, """
                package test:composition;
                let app = new test:app { log: new my:logger { ... }.log, ... };
                export app.run;
                """);
        Component c = ComponentDecoder.decode(Wac.compose(wac, both));
        assertEquals(Set.of("host:env/sink", "level"), imports(c));
        assertEquals(Set.of("run"), exports(c));
    }

    // ------------------------------------------------------------------ errors, with their locations

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("let x = new test:nope {};", 2, 13, "unknown package `test:nope`"),
                Arguments.of("let x = new test:app@9.9.9 {};", 2, 13, "unknown package `test:app@9.9.9`"),
                Arguments.of("let l = new test:logger { ... };\nexport l.nope;", 3, 10,
                        "package `test:logger` has no export named `nope`; its exports are `test:logger/log@1.0.0`"),
                Arguments.of("let l = new test:logger { ... };\nexport l[\"log\"];", 3, 10,
                        "has no export named `log`"),
                Arguments.of("let l = new test:logger {};", 2, 13,
                        "missing argument `host:env/sink` for package `test:logger`"),
                Arguments.of("let a = new test:app {};", 2, 13,
                        "missing arguments `test:logger/log@1.0.0`, `level` for package `test:app`"),
                Arguments.of("let x = new test:logger { ... };\nlet x = new test:logger { ... };", 3, 5,
                        "`x` is already defined at 2:5"),
                Arguments.of("import x: test:types/sink;\nlet x = new test:logger { ... };", 3, 5,
                        "`x` is already defined at 2:8"),
                Arguments.of("import s: test:types/sink;\nlet l = new test:logger { nope: s, ... };", 3, 27,
                        "package `test:logger` has no import named `nope`; its imports are `host:env/sink`"),
                Arguments.of("import s: test:types/sink;\nlet l = new test:logger { sink: s, \"host:env/sink\": s };", 3, 36,
                        "argument `host:env/sink` is already given at 3:27"),
                Arguments.of("let l = new test:logger { ... };\nlet l2 = new test:logger { ...l };", 3, 28,
                        "spreading `l` satisfies no import of `test:logger`"),
                Arguments.of("let l = new test:logger { undefined-name };", 2, 27, "undefined name `undefined-name`"),
                Arguments.of("let l = new test:logger { ... };\nexport l;", 3, 8,
                        "an instance of `test:logger` has no name to export it under"),
                Arguments.of("let a = new test:app { ... };\nexport a.run;\nexport a.get-level as \"run\";", 4, 23,
                        "export `run` is already defined at 3:8"),
                Arguments.of("import s: test:types/sink;\nimport t: test:types/sink;", 3, 8,
                        "import `test:types/sink@1.0.0` is already defined at 2:8"),
                Arguments.of("import s as \"host:env/sink\": test:types/sink;\nlet l = new test:logger { ... };", 3, 27,
                        "`...` would import `host:env/sink` of `test:logger`, which conflicts with the explicit import at 2:13"),
                Arguments.of("import s: test:types/nope;", 2, 11,
                        "package `test:types` has no interface or world `nope`; it defines `sink`"),
                Arguments.of("import s: test:logger/nope;", 2, 11,
                        "package `test:logger` has no export `nope`; its exports are `test:logger/log@1.0.0`"),
                Arguments.of("let a = new test:app { ... };\nexport a.run.x;", 3, 8,
                        "cannot access `x`: export `run` of `test:app` (a function) is not an instance"),
                Arguments.of("import s: test:types/sink;\nexport s.write;", 3, 8,
                        "accessing the exports of an import is not supported"),
                Arguments.of("interface i { f: func(); }", 2, 1, "`interface` declarations are not supported"),
                Arguments.of("world w { }", 2, 1, "`world` declarations are not supported"),
                Arguments.of("record r { a: u32 }", 2, 1, "type declarations (`record`) are not supported"),
                Arguments.of("use a:b/c;", 2, 1, "`use` statements are not supported"),
                Arguments.of("import f: func();", 2, 11, "imports of an inline function type are not supported"),
                Arguments.of("import i: interface { };", 2, 11, "imports of an inline interface are not supported"),
                Arguments.of("let x = new comp {};", 2, 13, "instantiating an imported component (`new comp`) is not supported"),
                Arguments.of("let x = new test:composition {};", 2, 13, "it is the package being defined"),
                Arguments.of("import x: test:composition/i;", 2, 11, "names an item of the package being defined"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameTheProblemAndItsLocation(String statements, int line, int column, String message) {
        String source = "package test:composition;\n" + statements + "\n";
        CompositionException e = assertThrows(CompositionException.class, () -> Wac.compose(source, FILE, packages));
        CompositionException.Location at = e.location().orElseThrow(() -> new AssertionError(e.getMessage()));
        assertEquals(FILE, at.file());
        assertEquals(line + ":" + column, at.line() + ":" + at.column(), e.getMessage());
        String first = e.reason().lines().findFirst().orElseThrow();
        assertTrue(first.contains(message), () -> "`" + first + "` does not contain `" + message + "`");
    }

    @Test
    void targetsIsReportedAsUnsupported() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> Wac.compose("package a:b targets wasi:cli/command;\n", FILE, packages));
        assertEquals("1:21", e.location().orElseThrow().line() + ":" + e.location().orElseThrow().column());
        assertTrue(e.reason().startsWith("`targets` is not supported"), e.reason());
    }

    @Test
    void anInvalidPackageIsReportedWhereItIsUsed() throws Exception {
        Files.write(dir.resolve("deps/test/broken.wasm"), new byte[] {0, 'a', 's', 'm', 13, 0, 1, 0, 99});
        CompositionException e = assertThrows(CompositionException.class,
                () -> Wac.compose("package a:b;\n\nlet x = new test:broken { ... };\n", FILE, packages));
        assertEquals("3:13", e.location().orElseThrow().line() + ":" + e.location().orElseThrow().column());
    }

    @Test
    void aMissingFileIsReportedWithoutLocation() {
        CompositionException e = assertThrows(CompositionException.class,
                () -> Wac.compose(dir.resolve("missing.wac"), packages));
        assertTrue(e.location().isEmpty());
        assertTrue(e.getMessage().contains("missing.wac"), e.getMessage());
    }
}
