package dev.dovetail.wasi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A host tree for escape attempts: {@code rw/} (granted read-write as {@code /data}), {@code ro/}
 * (granted read-only as {@code /ro}) and {@code outside/} (not granted), with symlinks from
 * {@code rw/} that point out of it. {@link #snapshot()} records every path, its kind, content or
 * link target, and modification time, to show that a guest changed nothing it should not have.
 */
final class EscapeFixture {
    final Path base;
    final Path rw;
    final Path ro;
    final Path outside;

    EscapeFixture(Path base) {
        this.base = base;
        this.rw = base.resolve("rw");
        this.ro = base.resolve("ro");
        this.outside = base.resolve("outside");
        try {
            Files.createDirectories(rw.resolve("a"));
            Files.createDirectories(rw.resolve("sub"));
            Files.createDirectories(ro);
            Files.createDirectories(outside);
            Files.writeString(outside.resolve("secret.txt"), "the secret\n");
            Files.writeString(rw.resolve("inside.txt"), "inside\n");
            Files.writeString(ro.resolve("readonly.txt"), "read only\n");
            Files.createSymbolicLink(rw.resolve("link-abs"), outside.resolve("secret.txt").toAbsolutePath());
            Files.createSymbolicLink(rw.resolve("link-rel"), Path.of("../outside/secret.txt"));
            Files.createSymbolicLink(rw.resolve("link-dir"), Path.of("../outside"));
            Files.createSymbolicLink(rw.resolve("link-inside"), Path.of("sub/../inside.txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The grants of the escape scenario. */
    WasiConfig.Builder grant(WasiConfig.Builder b) {
        return b.preopen(rw, "/data", DirAccess.READ_WRITE).preopen(ro, "/ro", DirAccess.READ_ONLY);
    }

    /** Every path below the base: kind, content or target, modification time. */
    Map<String, String> snapshot() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what;
                if (a.isSymbolicLink()) {
                    what = "link -> " + Files.readSymbolicLink(p);
                } else if (a.isDirectory()) {
                    what = "dir";
                } else {
                    what = "file " + Files.readString(p);
                }
                out.put(base.relativize(p).toString(), what + " @" + a.lastModifiedTime().toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
