package dev.dovetail.wasi;

import java.nio.file.Path;
import java.util.List;

/**
 * A preopened directory as the host holds it: its real path (symlinks resolved once, when the
 * context is made), what the guest may do in it, and the guest's name for it.
 */
record Root(Path dir, DirAccess access, String guestPath) {
    boolean writable() {
        return access == DirAccess.READ_WRITE;
    }

    /** The host path of {@code rel}, components below {@link #dir()} checked by {@link Sandbox}. */
    Path host(List<String> rel) {
        Path p = dir;
        for (String c : rel) {
            p = p.resolve(c);
        }
        return p;
    }
}
