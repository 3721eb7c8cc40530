package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageResolverTest {
    @TempDir
    Path dir;

    @Test
    void directoryLayoutIsWacs() throws Exception {
        Path deps = dir.resolve("deps");
        Files.createDirectories(deps.resolve("a/b/1.2.3"));
        Files.createDirectories(deps.resolve("x/y"));
        Files.write(deps.resolve("a/b.wasm"), new byte[] {1});
        Files.write(deps.resolve("a/b/1.2.3.wasm"), new byte[] {2});
        Files.write(deps.resolve("x/y/z.wasm"), new byte[] {3});
        PackageResolver r = PackageResolver.directory(deps);
        assertArrayEquals(new byte[] {1}, r.find("a:b", Optional.empty()).orElseThrow());
        // `1.2.3` gets `.wasm` appended, not its last segment replaced
        assertArrayEquals(new byte[] {2}, r.find("a:b", Optional.of("1.2.3")).orElseThrow());
        assertArrayEquals(new byte[] {3}, r.find("x:y:z", Optional.empty()).orElseThrow());
        assertTrue(r.find("a:c", Optional.empty()).isEmpty());
        assertTrue(r.find("a:b", Optional.of("2.0.0")).isEmpty());
        String searched = r.searched("a:c", Optional.empty());
        assertTrue(searched.contains(deps.resolve("a/c.wasm").toString()), searched);
    }

    @Test
    void watFilesAreEncodedAndWasmComesFirst() throws Exception {
        Path deps = WacTestPackages.deps(dir);
        PackageResolver r = PackageResolver.directory(deps);
        assertArrayEquals(WacTestPackages.binary(WacTestPackages.LOGGER), r.find("test:logger", Optional.empty()).orElseThrow());
        WacTestPackages.write(deps.resolve("test/app.wat"), "(component)");
        assertArrayEquals(WacTestPackages.binary(WacTestPackages.APP), r.find("test:app", Optional.empty()).orElseThrow());
    }

    @Test
    void malformedWatIsACompositionException() {
        Path deps = dir.resolve("deps");
        WacTestPackages.write(deps.resolve("bad/pkg.wat"), "(component (import");
        CompositionException e = assertThrows(CompositionException.class,
                () -> PackageResolver.directory(deps).find("bad:pkg", Optional.empty()));
        assertTrue(e.getMessage().contains("bad:pkg"), e.getMessage());
    }

    @Test
    void explicitPathsWinAndMayCarryAVersion() throws Exception {
        Path deps = dir.resolve("deps");
        Files.createDirectories(deps.resolve("a"));
        Files.write(deps.resolve("a/b.wasm"), new byte[] {1});
        Path mine = Files.write(dir.resolve("mine.wasm"), new byte[] {9});
        Path versioned = Files.write(dir.resolve("v2.wasm"), new byte[] {8});
        PackageResolver r = PackageResolver.of(Map.of("a:b", mine, "a:b@2.0.0", versioned), deps);
        assertArrayEquals(new byte[] {9}, r.find("a:b", Optional.empty()).orElseThrow());
        assertArrayEquals(new byte[] {8}, r.find("a:b", Optional.of("2.0.0")).orElseThrow());
        assertArrayEquals(new byte[] {9}, r.find("a:b", Optional.of("1.0.0")).orElseThrow());
    }

    @Test
    void aMissingExplicitFileIsAnError() {
        PackageResolver r = PackageResolver.explicit(Map.of("a:b", dir.resolve("nowhere.wasm")));
        CompositionException e = assertThrows(CompositionException.class, () -> r.find("a:b", Optional.empty()));
        assertTrue(e.getMessage().contains("nowhere.wasm"), e.getMessage());
        assertTrue(r.find("c:d", Optional.empty()).isEmpty());
        assertEquals("no dependencies were given", PackageResolver.explicit(Map.of()).searched("c:d", Optional.empty()));
    }

    @Test
    void dependencySpecs() {
        assertEquals(Map.entry("ns:pkg", Path.of("dir/x.wasm")), PackageResolver.parseDependency("ns:pkg=dir/x.wasm"));
        assertEquals(Map.entry("ns:pkg@1.0.0", Path.of("x.wasm")), PackageResolver.parseDependency("ns:pkg@1.0.0=x.wasm"));
        for (String bad : new String[] {"ns:pkg", "pkg=x.wasm", "=x.wasm", "ns:pkg=", "ns pkg=x"}) {
            CompositionException e = assertThrows(CompositionException.class, () -> PackageResolver.parseDependency(bad));
            assertTrue(e.getMessage().contains("expected ns:pkg=PATH"), e.getMessage());
        }
    }

    @Test
    void anUnknownPackageNamesWhereItWasLookedFor() {
        PackageResolver r = PackageResolver.directory(dir.resolve("deps"));
        CompositionException e = assertThrows(CompositionException.class,
                () -> Wac.compose("package a:b;\nlet x = new c:d@1.0.0 { ... };", Path.of("t.wac"), r));
        String first = e.reason().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("unknown package `c:d@1.0.0` (looked for "), first);
        assertTrue(first.contains(dir.resolve("deps/c/d/1.0.0.wasm").toString()), first);
    }
}
