package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Guest components built by the tests with the interop tools ({@code npm ci --prefix interop}),
 * cached in {@code codegen/target/guests} under a hash of their inputs. A missing tool fails the
 * test when {@code CI=true} and skips it elsewhere.
 */
final class Guests {
    private Guests() {}

    /** Fails (CI) or skips (elsewhere) a test that needs something not installed or not built. */
    static AssertionError missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    /** {@code interop/node_modules/.bin/<name>}. */
    static Path interopTool(String name) {
        Path exe = TestFiles.projectRoot().resolve("interop/node_modules/.bin").resolve(name);
        if (!Files.isExecutable(exe)) {
            throw missing(name + " not found at " + exe + ": install the interop tools with "
                    + "`npm ci --prefix interop` from the project root");
        }
        return exe;
    }

    /**
     * A componentize-qjs component ({@code --sync --stub-wasi}) of {@code js} for {@code wit}, built
     * into {@code codegen/target/guests/<name>-<hash>.wasm} unless already there.
     */
    static Path componentizeQjs(String name, Path wit, Path js) {
        Path qjs = interopTool("componentize-qjs");
        Path lock = TestFiles.projectRoot().resolve("interop/package-lock.json");
        List<Path> inputs = new ArrayList<>(List.of(wit, js));
        if (Files.exists(lock)) {
            inputs.add(lock);
        }
        return cached(name + ".wasm", inputs, "componentize-qjs --sync --stub-wasi", out -> run(List.of(qjs.toString(),
                "--sync", "--stub-wasi", "--wit", wit.toString(), "--js", js.toString(), "-o", out.toString())));
    }

    private interface Build {
        void to(Path out) throws IOException;
    }

    private static Path cached(String name, List<Path> inputs, String key, Build build) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            for (Path in : inputs) {
                sha.update(in.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(in));
            }
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            int dot = name.lastIndexOf('.');
            Path dir = Files.createDirectories(TestFiles.module().resolve("target/guests"));
            Path out = dir.resolve(name.substring(0, dot) + "-" + hash + name.substring(dot));
            if (Files.exists(out)) {
                return out;
            }
            Path tmp = dir.resolve(out.getFileName() + "." + ProcessHandle.current().pid() + ".partial");
            Files.deleteIfExists(tmp);
            build.to(tmp);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs {@code command} (at most 5 minutes) and fails the test unless it succeeds. */
    private static void run(List<String> command) throws IOException {
        Path log = Files.createTempFile("guest-build", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("timed out after 300 s: " + String.join(" ", command));
            }
            if (p.exitValue() != 0) {
                fail(String.join(" ", command) + " failed with exit " + p.exitValue() + ":\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
