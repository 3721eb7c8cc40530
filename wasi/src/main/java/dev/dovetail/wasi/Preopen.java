package dev.dovetail.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory handed to the guest as a preopened directory descriptor
 * ({@code wasi:filesystem/preopens#get-directories}), under the name {@code guestPath}.
 *
 * @param hostDir the host directory; everything the guest reaches through it stays inside it
 * @param guestPath the name the guest sees (such as {@code /data} or {@code .})
 * @param access read-only or read-write
 */
public record Preopen(Path hostDir, String guestPath, DirAccess access) {
    public Preopen {
        Objects.requireNonNull(hostDir, "hostDir");
        Objects.requireNonNull(guestPath, "guestPath");
        Objects.requireNonNull(access, "access");
        if (guestPath.isEmpty()) {
            throw new IllegalArgumentException("the guest path of a preopen must not be empty");
        }
    }
}
