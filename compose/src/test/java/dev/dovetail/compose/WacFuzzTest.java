package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutated WAC documents fail with a {@link CompositionException} (located, if a syntax error), nothing else. */
class WacFuzzTest {
    private static final List<String> SEEDS = List.of("""
            package test:composition@1.0.0;
            /// the logger
            let logger = new test:logger { ... };
            let app = new test:app { log: logger.log, ... };
            export app.run;
            """, """
            package test:composition;
            import sink: test:types/sink;
            let logger = new test:logger { sink };
            let app = new test:app@2.0.0 { ...logger, ... };
            export app.run as "go";
            export app...;
            """, """
            package test:composition;
            import level as "the-level": test:app/get-level;
            let app = new test:app { "test:logger/log@1.0.0": (new test:logger { ... })["test:logger/log@1.0.0"], level };
            export app["get-level"] with "x";
            interface i { use a:b/c.{d}; f: func(x: list<u8>) -> result<_, string>; }
            """);

    private static final List<String> PIECES = List.of("let", "new", "export", "import", "package", "as", "with",
            "{", "}", "(", ")", "[", "]", "<", ">", ",", ";", ":", ".", "...", "=", "\"", "\"x\"", "/*", "*/",
            "//", "@", "@1.0.0", "%", "test:app", "test:logger", "a:b/c", "x", "app", "logger", "sink", "level",
            "interface", "world", "type", "func", "\u0000", "\u202e", "\uD83D\uDE00", "\t", "\n", " ", "-", "_");

    @TempDir
    Path dir;

    @Test
    void mutatedDocumentsOnlyFailWithCompositionException() {
        PackageResolver packages = PackageResolver.directory(WacTestPackages.deps(dir));
        Random random = new Random(20240611L);
        for (int i = 0; i < 3000; i++) {
            String source = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            try {
                Wac.parse(source, Path.of("fuzz.wac"));
            } catch (CompositionException e) {
                assertTrue(e.location().isPresent(), () -> "syntax error without a location for:\n" + source);
                continue;
            } catch (RuntimeException | StackOverflowError e) {
                fail("parse threw " + e + " for:\n" + source, e);
            }
            try {
                Wac.compose(source, Path.of("fuzz.wac"), packages);
            } catch (CompositionException e) {
                // expected for most mutations
            } catch (RuntimeException | StackOverflowError e) {
                fail("compose threw " + e + " for:\n" + source, e);
            }
        }
    }

    @Test
    void deepNestingIsRejectedNotOverflowed() {
        String deep = "package a:b;\nlet x = " + "(".repeat(100_000) + "y" + ")".repeat(100_000) + ";";
        CompositionException e = org.junit.jupiter.api.Assertions.assertThrows(CompositionException.class,
                () -> Wac.parse(deep, null));
        assertTrue(e.reason().startsWith("nesting too deep"), e.reason());
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int k = 0; k < edits; k++) {
            int at = random.nextInt(s.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> s.insert(at, PIECES.get(random.nextInt(PIECES.size())));
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(8)));
                case 2 -> {
                    int end = Math.min(s.length(), at + 1 + random.nextInt(20));
                    s.insert(random.nextInt(s.length() + 1), s.substring(at, end));
                }
                case 3 -> s.setLength(at);
                default -> {
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (32 + random.nextInt(95)));
                    }
                }
            }
        }
        return s.toString();
    }
}
