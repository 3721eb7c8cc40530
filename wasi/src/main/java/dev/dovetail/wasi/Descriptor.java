package dev.dovetail.wasi;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The host object of a {@code wasi:filesystem/types.descriptor}: a directory or an open file. */
sealed interface Descriptor {
    /** The preopen it was reached through. */
    Root root();

    /** Its path: components below the root. */
    List<String> rel();

    /** {@code descriptor-flags}. */
    Set<String> flags();

    default Path host() {
        return root().host(rel());
    }

    /** A directory: its rights are those of its preopen. */
    record Dir(Root root, List<String> rel) implements Descriptor {
        @Override
        public Set<String> flags() {
            return root.writable() ? Set.of("read", "mutate-directory") : Set.of("read");
        }
    }

    /** An open regular file (or other non-directory), readable and writable as {@code flags} say. */
    record File(Root root, List<String> rel, OpenFile file, Set<String> flags)
            implements Descriptor, ResourceTable.Releasable {
        boolean readable() {
            return flags.contains("read");
        }

        boolean writable() {
            return flags.contains("write");
        }

        @Override
        public void release() {
            file.release();
        }
    }
}
