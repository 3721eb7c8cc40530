package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.component.Jco;
import dev.dovetail.testing.Processes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The test components: WAT sources in {@code src/test/resources/wat}, made binary by {@code jco parse}. */
public final class Fixtures {
    private static final Map<String, byte[]> BINARIES = new ConcurrentHashMap<>();
    private static Path dir;

    private Fixtures() {}

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("dovetail-compose");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    /** {@code wat/<name>.wat} as a binary component. */
    public static byte[] wasm(String name) {
        return BINARIES.computeIfAbsent(name, n -> Jco.require().parse(dir(), source(n)));
    }

    /** The WAT source, copied out of the class path (which may be a jar) into {@link #dir()}. */
    private static Path source(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/wat/" + name + ".wat")) {
            if (in == null) {
                throw new IllegalArgumentException("no test component wat/" + name + ".wat");
            }
            Path wat = dir().resolve(name + ".wat");
            Files.write(wat, in.readAllBytes());
            return wat;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a composed component with our validator and with {@code jco transpile}. */
    public static void assertAccepted(byte[] composed, String name) {
        ComponentValidator.validate(ComponentDecoder.decode(composed));
        Path file = dir().resolve(name + ".wasm");
        try {
            Files.write(file, composed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out;
        try {
            out = Files.createTempDirectory(dir(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Processes.Result r = Jco.require().run(out, "transpile", file.toString(), "-o", out.resolve("transpiled").toString());
        assertTrue(r.ok(), () -> "jco transpile " + name + ": " + r.describe());
    }
}
