package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import dev.dovetail.wit.World;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bindings of every world in {@code ../shared/wit} (the WASI 0.2 packages, {@code wasi:cli/command}
 * and {@code wasi:http/proxy} among them) and of every world of every pass case of the wit-parser
 * UI suite compile with {@code -Xlint:all -Werror} against the runtime. All sources go to javac in
 * one run (one package per world), then each world passes or fails on its own diagnostics.
 */
class CompileEveryWorldTest {

    private record Target(String label, String pkg, Map<String, String> files, String error) {}

    @TestFactory
    Stream<DynamicTest> everyWorldCompiles() throws IOException {
        List<Target> targets = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();

        Path wasi = TestFiles.shared().resolve("wit");
        for (Path version : list(wasi)) {
            if (!Files.isDirectory(version)) {
                continue;
            }
            WitResolver resolver = WitResolver.builder().dependencyDirs(List.of(version)).build();
            for (Path pkg : list(version)) {
                if (Files.isDirectory(pkg)) {
                    addWorlds(targets, "wit/" + version.getFileName() + "/" + pkg.getFileName(), resolver.resolve(pkg), true);
                }
            }
        }
        Path ui = TestFiles.shared().resolve("conformance/wit-parser-ui/ui");
        // the upstream runner enables exactly the feature `active`
        WitResolver uiResolver = WitResolver.builder().features(Set.of("active")).build();
        for (Path entry : list(ui)) {
            String name = entry.getFileName().toString();
            boolean isCase = Files.isDirectory(entry) ? !name.equals("parse-fail")
                    : name.endsWith(".wit") || name.endsWith(".wat") || name.endsWith(".wasm") || name.endsWith(".md");
            if (!isCase) {
                continue;
            }
            ResolvedWit wit;
            try {
                wit = uiResolver.resolve(entry);
            } catch (RuntimeException e) {
                unresolved.add(name + ": " + e.getMessage().lines().findFirst().orElse(""));
                continue;
            }
            addWorlds(targets, "ui/" + name, wit, false);
        }

        Map<String, String> all = new LinkedHashMap<>();
        targets.forEach(t -> all.putAll(t.files()));
        long start = System.nanoTime();
        JavaSources.Compiled compiled = JavaSources.compile(all);
        long millis = (System.nanoTime() - start) / 1_000_000;

        int wasiWorlds = 0;
        int uiWorlds = 0;
        int ok = 0;
        List<DynamicTest> tests = new ArrayList<>();
        for (Target t : targets) {
            List<String> mine = new ArrayList<>();
            String dir = "/" + t.pkg().replace('.', '/') + "/";
            for (String d : compiled.diagnostics()) {
                if (d.contains(dir)) {
                    mine.add(d);
                }
            }
            boolean passed = t.error() == null && mine.isEmpty();
            ok += passed ? 1 : 0;
            if (t.label().startsWith("wit/")) {
                wasiWorlds++;
            } else {
                uiWorlds++;
            }
            tests.add(DynamicTest.dynamicTest(t.label(), () -> {
                if (t.error() != null) {
                    fail("generation failed: " + t.error());
                }
                assertTrue(mine.isEmpty(), () -> String.join("\n", mine));
            }));
        }
        System.out.printf("codegen: %d/%d worlds compile with -Xlint:all -Werror (%d from shared/wit, %d from "
                + "wit-parser-ui); %d files, javac %d ms; %d ui cases not resolved%n",
                ok, targets.size(), wasiWorlds, uiWorlds, all.size(), millis, unresolved.size());
        unresolved.forEach(u -> System.out.println("  not resolved: " + u));
        List<String> unattributed = compiled.diagnostics().stream()
                .filter(d -> targets.stream().noneMatch(t -> d.contains("/" + t.pkg().replace('.', '/') + "/")))
                .toList();
        tests.add(DynamicTest.dynamicTest("no diagnostics outside the worlds' packages",
                () -> assertEquals(List.of(), unattributed)));
        int expectedWasi = wasiWorlds;
        tests.add(DynamicTest.dynamicTest("wasi:cli/command and wasi:http/proxy are among them", () -> {
            assertTrue(targets.stream().anyMatch(t -> t.label().equals("wit/wasi-0.2.12/cli: wasi:cli/command@0.2.12")));
            assertTrue(targets.stream().anyMatch(t -> t.label().equals("wit/wasi-0.2.12/http: wasi:http/proxy@0.2.12")));
            assertTrue(expectedWasi >= 10, "WASI worlds: " + expectedWasi);
        }));
        return tests.stream();
    }

    private void addWorlds(List<Target> targets, String source, ResolvedWit wit, boolean mainOnly) {
        var resolve = wit.resolve();
        List<Integer> worlds = new ArrayList<>();
        if (mainOnly) {
            worlds.addAll(resolve.pkg(wit.mainPackage()).worlds().values());
        } else {
            for (int i = 0; i < resolve.worlds().size(); i++) {
                worlds.add(i);
            }
        }
        for (int id : worlds) {
            World w = resolve.world(id);
            String worldName = w.packageId() == null ? w.name() : resolve.pkg(w.packageId()).name() + "/" + w.name();
            worldName = worldName.replaceFirst("/", ":").replaceFirst(":", "/");
            String label = source + ": " + (w.packageId() == null ? w.name()
                    : resolve.pkg(w.packageId()).name().withoutVersion() + "/" + w.name()
                    + (resolve.pkg(w.packageId()).name().version() == null ? "" : "@" + resolve.pkg(w.packageId()).name().version()));
            String pkg = "gen.t" + targets.size();
            try {
                targets.add(new Target(label, pkg, JavaBindgen.generate(resolve, id, new JavaBindgen.Options(pkg)), null));
            } catch (RuntimeException e) {
                targets.add(new Target(label, pkg, Map.of(), String.valueOf(e)));
            }
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
