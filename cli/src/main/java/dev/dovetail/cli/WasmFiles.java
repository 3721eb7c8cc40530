package dev.dovetail.cli;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reading and writing WebAssembly binaries for the subcommands: missing files, folders and I/O
 * errors become {@link CliException}s naming the file, and outputs are written atomically.
 */
final class WasmFiles {
    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6d};

    private WasmFiles() {}

    /** The bytes of {@code file}. */
    static byte[] read(Path file) {
        if (!Files.exists(file)) {
            throw new CliException("no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new CliException(file + ": is a directory, not a .wasm file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Whether {@code file} is a regular file that starts with the WebAssembly magic {@code \0asm}. */
    static boolean isWasm(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Decodes the component in {@code bytes}, read from {@code file}; malformed input names the file. */
    static Component decode(Path file, byte[] bytes) {
        try {
            return ComponentDecoder.decode(bytes);
        } catch (ComponentFormatException e) {
            throw new CliException(malformed(file, e));
        }
    }

    /** {@code FILE: malformed component: REASON (at byte offset N, in SECTION)}. */
    static String malformed(Path file, ComponentFormatException e) {
        return file + ": malformed component: " + e.getMessage();
    }

    /**
     * Writes {@code bytes} to {@code out} through a temporary file in the same folder, renamed over
     * {@code out} when complete: {@code out} is either left as it was or fully written.
     */
    static void writeAtomically(Path out, byte[] bytes) {
        Path dir = out.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new CliException("cannot write " + out + ": no such directory: " + dir);
        }
        if (Files.isDirectory(out)) {
            throw new CliException("cannot write " + out + ": is a directory");
        }
        Path tmp = null;
        try {
            // CREATE_NEW gives the file the default permissions, as a plain write would (createTempFile's are 0600)
            tmp = dir.resolve("." + out.getFileName() + "." + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(System.nanoTime()) + ".partial");
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CliException("cannot write " + out + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write has failed already; that error is the one to report
                }
            }
        }
    }
}
