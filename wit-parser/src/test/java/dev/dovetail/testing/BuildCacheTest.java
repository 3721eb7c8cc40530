package dev.dovetail.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCacheTest {
    @TempDir
    Path tmp;

    @Test
    void theHashIsPinned() throws IOException {
        // CI caches the folders by these names: a change of the scheme rebuilds every guest
        Path a = Files.writeString(tmp.resolve("a.txt"), "x");
        assertEquals("314de13ba689962e",
                BuildCache.hash("key", List.of(a), List.of("more".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void buildsOnceAndNamesTheOutputByItsInputs() throws IOException {
        Path in = Files.writeString(tmp.resolve("in.txt"), "one");
        BuildCache cache = BuildCache.in(tmp.resolve("cache"));
        AtomicInteger builds = new AtomicInteger();
        BuildCache.Build build = out -> {
            builds.incrementAndGet();
            Files.writeString(out, "built");
        };
        Path first = cache.get("out.wasm", List.of(in), "k", build);
        Path again = cache.get("out.wasm", List.of(in), "k", build);
        assertEquals(first, again);
        assertEquals(1, builds.get());
        assertEquals("out-" + BuildCache.hash("k", List.of(in), List.of()) + ".wasm", first.getFileName().toString());
        assertEquals("built", Files.readString(first));

        Files.writeString(in, "two");
        assertNotEquals(first, cache.get("out.wasm", List.of(in), "k", build));
        assertNotEquals(first, cache.get("out.wasm", List.of(tmp.resolve("in.txt")), "other key", build));
        assertEquals(3, builds.get());
    }

    @Test
    void aNameWithoutExtensionIsAFolder() {
        Path out = BuildCache.in(tmp).get("transpiled", List.of(), "k", dir -> {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("x.js"), "x");
        });
        assertEquals("transpiled-" + BuildCache.hash("k", List.of(), List.of()), out.getFileName().toString());
        assertTrue(Files.isRegularFile(out.resolve("x.js")));
    }

    @Test
    void aFailedBuildLeavesNothing() throws IOException {
        BuildCache cache = BuildCache.in(tmp.resolve("cache"));
        assertThrows(UncheckedIOException.class, () -> cache.get("out.wasm", List.of(), "k", out -> {
            Files.writeString(out, "half");
            throw new IOException("tool failed");
        }));
        IllegalStateException none = assertThrows(IllegalStateException.class,
                () -> cache.get("out.wasm", List.of(), "k", out -> {}));
        assertTrue(none.getMessage().contains("wrote nothing"), none::getMessage);
        try (Stream<Path> left = Files.list(cache.dir())) {
            assertEquals(List.of(), left.toList());
        }
    }

    @Test
    void putStoresBytesUnderTheirHash() throws IOException {
        BuildCache cache = BuildCache.in(tmp);
        Path a = cache.put("e.wasm", new byte[] {1, 2});
        assertEquals(a, cache.put("e.wasm", new byte[] {1, 2}));
        assertNotEquals(a, cache.put("e.wasm", new byte[] {1, 3}));
        assertArrayEquals(new byte[] {1, 2}, Files.readAllBytes(a));
    }
}
