package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.wasi.GuestBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code dovetail run} on a real {@code wasi:cli/command} component (the WASI module's Rust probe,
 * made with the preview1 command adapter): arguments, environment, preopens and the exit code.
 */
class RunWasiCommandTest {
    @TempDir
    Path tmp;

    /** The WASI module's probe command, built from Rust and from Go sources. */
    enum Guest {
        RUST("rust", GuestBuilder::rustProbe),
        GO("go", GuestBuilder::goProbe);

        final String word;
        final Supplier<Path> build;

        Guest(String word, Supplier<Path> build) {
            this.word = word;
            this.build = build;
        }
    }

    @ParameterizedTest
    @EnumSource(Guest.class)
    void helloFileListingClockAndRandom(Guest guest) throws IOException {
        Path probe = guest.build.get();
        int[] exit = {-1};
        String[] out = runCapturing(exit, "run", probe.toString(), "hello");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertEquals("hello from " + guest.word + "\n", out[0]);

        Path data = Files.createDirectories(tmp.resolve(guest.word));
        out = runCapturing(exit, "run", "--dir", data + "::/data", probe.toString(), "file", "/data");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertTrue(out[0].startsWith("written by the probe\nappended\n"), out[0]);
        assertTrue(out[0].contains("cleaned up"), out[0]);

        Files.createDirectories(data.resolve("dir"));
        Files.writeString(data.resolve("a.txt"), "a");
        out = runCapturing(exit, "run", "--dir", data + "::/data:ro", probe.toString(), "ls", "/data");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertEquals("a.txt\ndir/\n", out[0]);

        out = runCapturing(exit, "run", probe.toString(), "clock");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertTrue(out[0].contains("monotonic advanced true"), out[0]);

        out = runCapturing(exit, "run", probe.toString(), "random");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertTrue(out[0].matches("random [0-9a-f]{32}\n"), out[0]);
    }

    /** Runs the CLI with the guest's stdout (inherited: this process's System.out) captured. */
    private static String[] runCapturing(int[] exit, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream guestOut = new ByteArrayOutputStream();
        System.setOut(new PrintStream(guestOut, true, StandardCharsets.UTF_8));
        try {
            CliRun r = CliRun.of(args);
            exit[0] = r.exitCode();
            return new String[] {guestOut.toString(StandardCharsets.UTF_8), r.err()};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void argumentsAndExitCodePassThrough() {
        Path probe = GuestBuilder.rustProbe();
        int[] exit = {-1};
        String[] out = runCapturing(exit, "run", probe.toString(), "args", "one", "two words");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertTrue(out[0].contains("arg[1]=args\narg[2]=one\narg[3]=two words\n"), out[0]);

        // the preview1 command adapter turns every non-zero exit status into 1 (as under jco run)
        out = runCapturing(exit, "run", probe.toString(), "exit", "7");
        assertEquals(1, exit[0], out[1]);
        assertTrue(out[0].contains("exiting with 7"), out[0]);
        out = runCapturing(exit, "run", probe.toString(), "exit", "0");
        assertEquals(0, exit[0], out[1]);
    }

    @Test
    void onlyGrantedEnvironmentIsVisible() {
        Path probe = GuestBuilder.rustProbe();
        int[] exit = {-1};
        String[] out = runCapturing(exit, "run", "--env", "GREETING=hi", probe.toString(), "env", "GREETING", "HOME");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertTrue(out[0].contains("GREETING is set to hi"), out[0]);
        assertTrue(out[0].contains("HOME is not set"), out[0]);
    }

    @Test
    void preopenedDirectoriesAndReadOnlyRights() throws IOException {
        Path probe = GuestBuilder.rustProbe();
        Path data = Files.createDirectories(tmp.resolve("data"));
        Files.writeString(data.resolve("note.txt"), "from the host\n");
        Files.writeString(tmp.resolve("secret.txt"), "outside\n");
        int[] exit = {-1};
        String[] out = runCapturing(exit, "run", "--dir", data + "::/data:ro", probe.toString(), "read", "/data/note.txt");
        assertEquals(Dovetail.OK, exit[0], out[1]);
        assertEquals("from the host\n", out[0]);

        out = runCapturing(exit, "run", "--dir", data + "::/data", probe.toString(), "read", "/data/../secret.txt");
        assertEquals(1, exit[0], out[1]);
        assertFalse(out[0].contains("outside"), out[0]);
    }

    @Test
    void badDirectoryOptionIsAUserError() {
        Path probe = GuestBuilder.rustProbe();
        CliRun r = CliRun.of("run", "--dir", tmp.resolve("missing") + "::/x", probe.toString());
        assertEquals(Dovetail.FAILURE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no such directory"), r::toString);
    }
}
