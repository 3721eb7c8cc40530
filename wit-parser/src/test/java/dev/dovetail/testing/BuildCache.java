package dev.dovetail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A folder (under a module's {@code target/}) of tool outputs named by a hash of their inputs, so
 * reruns skip the tools: {@code <name>-<hash>.<ext>}, or {@code <name>-<hash>} when {@code name}
 * has no dot (a folder, e.g. {@code jco transpile} output). A build writes a temporary path in the
 * same folder, moved into place when done, so a failed or concurrent build (two JVMs may share the
 * folder) never leaves a half-written output under the final name. Free of JUnit.
 */
public final class BuildCache {
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();
    private static final AtomicLong PARTIALS = new AtomicLong();

    private final Path dir;

    private BuildCache(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    /** The cache in {@code dir} (created when first used). */
    public static BuildCache in(Path dir) {
        return new BuildCache(dir);
    }

    /** Something that writes a file or folder at the given (absent) path. */
    public interface Build {
        void to(Path out) throws IOException;
    }

    /** The folder, created if absent. */
    public Path dir() {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output {@code name} for {@link #hash hash(key, inputs)}, built when absent. */
    public Path get(String name, List<Path> inputs, String key, Build build) {
        return get(name, hash(key, inputs, List.of()), build);
    }

    /** The output {@code name} for {@code hash} (of {@link #hash}), built when absent. */
    public Path get(String name, String hash, Build build) {
        Path out = dir().resolve(fileName(name, hash));
        // one build per output in this JVM; other outputs build in parallel
        synchronized (LOCKS.computeIfAbsent(out, k -> new Object())) {
            if (Files.exists(out)) {
                return out;
            }
            Path tmp = dir.resolve("partial-" + ProcessHandle.current().pid() + "-" + PARTIALS.incrementAndGet()
                    + "-" + out.getFileName());
            try {
                deleteRecursively(tmp);
                build.to(tmp);
                if (!Files.exists(tmp)) {
                    throw new IllegalStateException("the build of " + out.getFileName() + " wrote nothing");
                }
                try {
                    Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    if (!Files.exists(out)) {
                        throw e;
                    }
                    // another JVM built the same folder meanwhile: same inputs, so the same output
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    deleteRecursively(tmp);
                } catch (IOException e) {
                    // best effort: a stale partial output has a name no lookup asks for
                }
            }
        }
    }

    /** {@code bytes} stored as {@code name} under {@link #hash hash("", [], [bytes])}, unless already there. */
    public Path put(String name, byte[] bytes) {
        return get(name, hash("", List.of(), List.of(bytes)), out -> Files.write(out, bytes));
    }

    /**
     * The first 16 hex digits of the SHA-256 of {@code key} (UTF-8), then each input's file name
     * (UTF-8) and bytes, then each of {@code more}.
     */
    public static String hash(String key, List<Path> inputs, List<byte[]> more) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            for (Path in : inputs) {
                sha.update(in.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(in));
            }
            for (byte[] m : more) {
                sha.update(m);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fileName(String name, String hash) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name + "-" + hash : name.substring(0, dot) + "-" + hash + name.substring(dot);
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
