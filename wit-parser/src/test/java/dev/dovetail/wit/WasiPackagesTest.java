package dev.dovetail.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every official WASI package in {@code shared/wit} resolves together with its dependencies. */
class WasiPackagesTest {

    private static WitResolver resolverFor(Path versionDir) {
        return WitResolver.builder().dependencyDirs(List.of(versionDir)).build();
    }

    @TestFactory
    Stream<DynamicTest> everyPackageResolves() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> versions = Files.list(SharedFiles.wasiWit())) {
            for (Path versionDir : versions.filter(Files::isDirectory).sorted().toList()) {
                String version = versionDir.getFileName().toString().replace("wasi-", "");
                try (Stream<Path> pkgs = Files.list(versionDir)) {
                    for (Path pkg : pkgs.filter(Files::isDirectory).sorted().toList()) {
                        String expected = "wasi:" + pkg.getFileName() + "@" + version;
                        tests.add(DynamicTest.dynamicTest(expected, () -> {
                            ResolvedWit wit = resolverFor(versionDir).resolve(pkg);
                            Package main = wit.resolve().pkg(wit.mainPackage());
                            assertEquals(expected, main.name().toString());
                            assertFalse(main.interfaces().isEmpty() && main.worlds().isEmpty(), "empty package");
                        }));
                    }
                }
            }
        }
        assertTrue(tests.size() >= 13, "expected the WASI 0.2 and 0.3 packages, found " + tests.size());
        return tests.stream();
    }

    @Test
    void cliCommandWorldIsElaborated() {
        Path versionDir = SharedFiles.wasiWit().resolve("wasi-0.2.12");
        ResolvedWit wit = resolverFor(versionDir).resolve(versionDir.resolve("cli"));
        Resolve resolve = wit.resolve();
        Package cli = resolve.pkg(wit.mainPackage());
        World command = resolve.world(cli.worlds().get("command"));

        List<String> imports = new ArrayList<>();
        for (WorldKey key : command.imports().keySet()) {
            if (key instanceof WorldKey.InterfaceRef ref) {
                imports.add(resolve.interfaceName(ref.interfaceId()));
            }
        }
        // `include imports` pulled in the CLI interfaces, and elaboration added what they use
        assertTrue(imports.contains("wasi:cli/environment@0.2.12"), imports.toString());
        assertTrue(imports.contains("wasi:io/streams@0.2.12"), imports.toString());
        assertTrue(imports.contains("wasi:filesystem/preopens@0.2.12"), imports.toString());
        // dependencies come before the interfaces that use them
        assertTrue(imports.indexOf("wasi:io/error@0.2.12") < imports.indexOf("wasi:io/streams@0.2.12"));
        assertTrue(imports.indexOf("wasi:io/streams@0.2.12") < imports.indexOf("wasi:cli/stdout@0.2.12"));

        List<String> exports = new ArrayList<>();
        for (WorldKey key : command.exports().keySet()) {
            exports.add(resolve.interfaceName(((WorldKey.InterfaceRef) key).interfaceId()));
        }
        assertEquals(List.of("wasi:cli/run@0.2.12"), exports);
    }

    @Test
    void unstableItemsFollowTheFeatureSet() {
        Path versionDir = SharedFiles.wasiWit().resolve("wasi-0.2.12");
        Path clocks = versionDir.resolve("clocks");
        Resolve without = resolverFor(versionDir).resolve(clocks).resolve();
        Resolve with = WitResolver.builder().dependencyDirs(List.of(versionDir)).allFeatures(true).build()
                .resolve(clocks).resolve();
        int clocksWithout = without.packageId("wasi:clocks@0.2.12").getAsInt();
        int clocksWith = with.packageId("wasi:clocks@0.2.12").getAsInt();
        // wasi:clocks/timezone is `@unstable(feature = clocks-timezone)`
        assertFalse(without.pkg(clocksWithout).interfaces().containsKey("timezone"));
        assertTrue(with.pkg(clocksWith).interfaces().containsKey("timezone"));
        Resolve named = WitResolver.builder().dependencyDirs(List.of(versionDir))
                .features(Set.of("clocks-timezone")).build().resolve(clocks).resolve();
        assertTrue(named.pkg(named.packageId("wasi:clocks@0.2.12").getAsInt()).interfaces().containsKey("timezone"));
    }
}
