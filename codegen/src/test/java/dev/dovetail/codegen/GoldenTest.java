package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generated sources of each world of {@code src/test/resources/wit/*.wit} equal the files under
 * {@code src/test/resources/golden/<file>/<world>/}, and compile. {@code -Dbless=true} rewrites the
 * golden files (and removes stale ones) instead of comparing.
 */
class GoldenTest {
    private static final boolean BLESS = Boolean.getBoolean("bless");

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException {
        Path witDir = TestFiles.module().resolve("src/test/resources/wit");
        Path goldenDir = TestFiles.module().resolve("src/test/resources/golden");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(witDir)) {
            for (Path wit : s.filter(p -> p.toString().endsWith(".wit")).sorted().toList()) {
                String stem = wit.getFileName().toString().replaceFirst("\\.wit$", "");
                ResolvedWit resolved = WitResolver.builder().build().resolve(wit);
                for (Map.Entry<String, Integer> w : resolved.resolve().pkg(resolved.mainPackage()).worlds().entrySet()) {
                    String pkg = "golden." + stem.replace('-', '_') + "." + w.getKey().replace('-', '_');
                    Map<String, String> files = JavaBindgen.generate(resolved.resolve(), w.getValue(),
                            new JavaBindgen.Options(pkg));
                    Path dir = goldenDir.resolve(stem).resolve(w.getKey());
                    tests.add(DynamicTest.dynamicTest(stem + "/" + w.getKey(), () -> check(dir, pkg, files)));
                    tests.add(DynamicTest.dynamicTest(stem + "/" + w.getKey() + " compiles", () -> {
                        JavaSources.Compiled c = JavaSources.compile(files);
                        assertTrue(c.ok(), () -> String.join("\n", c.diagnostics()));
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static void check(Path dir, String pkg, Map<String, String> files) throws IOException {
        String prefix = pkg.replace('.', '/') + "/";
        TreeSet<String> expected = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.forEach(p -> expected.add(prefix + p.getFileName()));
            }
        }
        if (BLESS) {
            Files.createDirectories(dir);
            for (String stale : expected) {
                if (!files.containsKey(stale)) {
                    Files.delete(dir.resolve(stale.substring(prefix.length())));
                }
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey().substring(prefix.length())), f.getValue(), StandardCharsets.UTF_8);
            }
            return;
        }
        assertEquals(expected, new TreeSet<>(files.keySet()), "generated files differ from " + dir
                + " (run with -Dbless=true to update)");
        for (Map.Entry<String, String> f : files.entrySet()) {
            String golden = Files.readString(dir.resolve(f.getKey().substring(prefix.length())), StandardCharsets.UTF_8);
            if (!golden.equals(f.getValue())) {
                fail(f.getKey() + " differs from its golden file at line " + firstDifference(golden, f.getValue())
                        + " (run with -Dbless=true to update)");
            }
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < b.length ? b[i] : "<end>";
            if (!x.equals(y)) {
                return (i + 1) + ":\n  expected: " + x + "\n  actual:   " + y;
            }
        }
        return "?";
    }
}
