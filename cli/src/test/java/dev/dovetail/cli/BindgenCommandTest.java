package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.codegen.JavaBindgen;
import dev.dovetail.runtime.FlatFunction;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BindgenCommandTest {
    private static final String WIT = """
            package test:app@0.1.0;

            interface store {
              use test:shared/types.{entry};
              variant failure { missing(string), denied }
              get: func(key: string) -> result<entry, failure>;
              put: func(e: entry) -> option<entry>;
              @unstable(feature = fancy)
              scan: func(prefix: string) -> list<entry>;
            }

            interface api {
              record stats { hits: u64, misses: u64, names: list<string> }
              resource cursor {
                constructor(start: u32);
                next: func() -> option<u32>;
              }
              add: func(a: u32, b: u32) -> u32;
              get-stats: func() -> stats;
            }

            world app {
              import store;
              import clock: func() -> u64;
              export api;
              export run: func(args: list<string>) -> result<_, string>;
            }

            world other {
              export ping: func() -> u32;
            }
            """;

    private static final String DEP = """
            package test:shared;

            interface types {
              record entry { key: string, value: list<u8>, tags: option<list<string>> }
            }
            """;

    @TempDir
    Path tmp;

    private Path wit() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("wit"));
        Samples.write(dir, "app.wit", WIT);
        return dir;
    }

    private Path deps() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("deps"));
        Samples.write(dir, "shared.wit", DEP);
        return dir;
    }

    /** Every file under {@code root}, by path relative to it with {@code /}. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Compiles every {@code .java} file under {@code root} against the runtime; returns the diagnostics. */
    private static List<String> compile(Path root, Path classes) throws IOException, URISyntaxException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        Path runtime = Path.of(FlatFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-Xlint:all", "-Werror", "--release", "17", "-proc:none",
                    "-classpath", runtime.toString(), "-d", Files.createDirectories(classes).toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            List<String> messages = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.NOTE) {
                    messages.add(d.getSource() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
                }
            }
            if (!ok && messages.isEmpty()) {
                messages.add("javac failed without diagnostics");
            }
            return messages;
        }
    }

    @Test
    void writesWhatJavaBindgenGeneratesAndItCompiles() throws Exception {
        Path wit = wit();
        Path deps = deps();
        Path out = tmp.resolve("out/src");
        CliRun run = CliRun.of("bindgen", "--wit", wit.toString(), "--deps", deps.toString(), "--world", "app",
                "--package", "com.example.app", "-o", out.toString(), "--features", "fancy");
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals("", run.err(), run::toString);

        ResolvedWit resolved = WitResolver.builder().dependencyDirs(List.of(deps)).features(java.util.Set.of("fancy"))
                .build().resolve(wit);
        int world = resolved.resolve().pkg(resolved.mainPackage()).worlds().get("app");
        Map<String, String> expected = new TreeMap<>(JavaBindgen.generate(resolved.resolve(), world,
                new JavaBindgen.Options("com.example.app")));
        assertEquals(expected, files(out));
        assertTrue(expected.containsKey("com/example/app/App.java"), expected::toString);
        assertTrue(expected.get("com/example/app/Store.java").contains(" scan("), "the feature-gated function");
        for (String path : expected.keySet()) {
            assertTrue(run.out().contains(out.resolve(path).toString()), run::toString);
        }
        assertTrue(run.out().contains(expected.size() + " files generated, " + expected.size() + " written, 0 unchanged"),
                run::toString);

        List<String> diagnostics = compile(out, tmp.resolve("classes"));
        assertEquals(List.of(), diagnostics);
        assertTrue(Files.isRegularFile(tmp.resolve("classes/com/example/app/App.class")));
        assertTrue(Files.isRegularFile(tmp.resolve("classes/com/example/app/App$Imports.class")));

        // a second run rewrites nothing; without the feature, the gated function is gone
        CliRun again = CliRun.of("bindgen", "--wit", wit.toString(), "--deps", deps.toString(), "-w", "app",
                "-p", "com.example.app", "-o", out.toString(), "--features", "fancy");
        assertEquals(Dovetail.OK, again.exitCode(), again::toString);
        assertTrue(again.out().contains("0 written, " + expected.size() + " unchanged"), again::toString);
        CliRun plain = CliRun.of("bindgen", "--wit", wit.toString(), "--deps", deps.toString(), "-w", "app",
                "-p", "com.example.app", "-o", out.toString(), "--quiet");
        assertEquals(Dovetail.OK, plain.exitCode(), plain::toString);
        assertEquals("", plain.out() + plain.err(), plain::toString);
        assertFalse(Files.readString(out.resolve("com/example/app/Store.java")).contains(" scan("));
    }

    @Test
    void worldByFullName() throws IOException {
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("bindgen", "--wit", wit().toString(), "--deps", deps().toString(),
                "--world", "test:app/other@0.1.0", "--package", "x.y", "-o", out.toString(), "-q");
        assertEquals(Dovetail.OK, run.exitCode(), run::toString);
        assertEquals(List.of("x/y/Other.java"), List.copyOf(files(out).keySet()));
    }

    @Test
    void unknownOrMissingWorld() throws IOException {
        Path out = tmp.resolve("out");
        CliRun unknown = CliRun.of("bindgen", "--wit", wit().toString(), "--deps", deps().toString(), "--world", "nope",
                "--package", "p", "-o", out.toString());
        assertEquals(Dovetail.FAILURE, unknown.exitCode(), unknown::toString);
        assertEquals("error: no world `nope` in package test:app@0.1.0 (its worlds: app, other)\n", unknown.err());

        CliRun none = CliRun.of("bindgen", "--wit", wit().toString(), "--deps", deps().toString(), "--package", "p",
                "-o", out.toString());
        assertEquals(Dovetail.FAILURE, none.exitCode(), none::toString);
        assertTrue(none.err().contains("several worlds (app, other): pick one with --world"), none::toString);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badPackageNames() throws IOException {
        Path wit = wit();
        Path out = tmp.resolve("out");
        Map<String, String> cases = Map.of(
                "com.class.x", "error: --package com.class.x: not a Java package name (`class` is a Java keyword)\n",
                "com.1st", "error: --package com.1st: not a Java package name (`1st` is not a Java identifier)\n",
                "a..b", "error: --package a..b: not a Java package name (`` is not a Java identifier)\n",
                "com.exa-mple", "error: --package com.exa-mple: not a Java package name (`exa-mple` is not a Java identifier)\n",
                "", "error: --package: a Java package name is required (the default package is not supported)\n");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            CliRun run = CliRun.of("bindgen", "--wit", wit.toString(), "--world", "other", "--package", c.getKey(),
                    "-o", out.toString());
            assertEquals(Dovetail.FAILURE, run.exitCode(), run::toString);
            assertEquals(c.getValue(), run.err(), run::toString);
        }
        CliRun missing = CliRun.of("bindgen", "--wit", wit.toString(), "--world", "other", "-o", out.toString());
        assertEquals(Dovetail.USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("Missing required option: '--package=PACKAGE'"), missing::toString);
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badInputWritesNothing() throws IOException {
        Path out = tmp.resolve("out");
        // the dependency folder is missing: the resolve fails before anything is generated
        CliRun unresolved = CliRun.of("bindgen", "--wit", wit().toString(), "--world", "app", "--package", "p",
                "-o", out.toString());
        assertEquals(Dovetail.FAILURE, unresolved.exitCode(), unresolved::toString);
        assertTrue(unresolved.err().startsWith("error: "), unresolved::toString);
        assertTrue(unresolved.err().contains("test:shared"), unresolved::toString);
        assertFalse(Files.exists(out));

        Path file = Samples.write(tmp, "file.txt", "not a folder");
        CliRun notADir = CliRun.of("bindgen", "--wit", wit().toString(), "--world", "other", "--package", "p",
                "-o", file.toString());
        assertEquals(Dovetail.FAILURE, notADir.exitCode(), notADir::toString);
        assertEquals("error: -o " + file + ": not a directory\n", notADir.err());

        CliRun noWit = CliRun.of("bindgen", "--wit", tmp.resolve("missing").toString(), "--package", "p",
                "-o", out.toString());
        assertEquals(Dovetail.FAILURE, noWit.exitCode(), noWit::toString);
        assertEquals("error: no such file or directory: " + tmp.resolve("missing") + "\n", noWit.err());
    }

    @Test
    void listedInTheHelp() {
        CliRun help = CliRun.of("--help");
        assertEquals(Dovetail.OK, help.exitCode(), help::toString);
        assertTrue(help.out().contains("bindgen"), help::toString);
        assertTrue(help.out().contains("Generate typed Java host bindings for a WIT world."), help::toString);
    }
}
