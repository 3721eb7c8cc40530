package dev.dovetail.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the external tools of the tests with a time limit and captures their output. Free of JUnit. */
public final class Processes {
    private Processes() {}

    /** The outcome of a finished process. */
    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        public String describe() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /** Runs {@code command} in {@code dir}, no input, at most {@code timeoutSeconds}. */
    public static Result run(List<String> command, Path dir, int timeoutSeconds) {
        return run(command, dir, Map.of(), null, timeoutSeconds);
    }

    /**
     * Runs {@code command} in {@code dir} with {@code env} added to this process's environment and
     * {@code stdin} (a file, or null for none); a process still running after {@code timeoutSeconds}
     * is killed and an {@link IllegalStateException} thrown. Output goes through temporary files,
     * never pipes, so a chatty process cannot block on a full pipe.
     */
    public static Result run(List<String> command, Path dir, Map<String, String> env, Path stdin, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("dovetail-", ".out");
            Path err = Files.createTempFile("dovetail-", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                if (stdin != null) {
                    pb.redirectInput(stdin.toFile());
                }
                pb.environment().putAll(env);
                Process p = pb.start();
                if (stdin == null) {
                    p.getOutputStream().close();
                }
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out after " + timeoutSeconds + " s: "
                            + String.join(" ", command));
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@link #run} without environment or input, throwing {@link IllegalStateException} unless it exits 0. */
    public static Result check(List<String> command, Path dir, int timeoutSeconds) {
        return check(command, dir, Map.of(), timeoutSeconds);
    }

    /** {@link #run} without input, throwing {@link IllegalStateException} unless it exits 0. */
    public static Result check(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) {
        Result r = run(command, dir, env, null, timeoutSeconds);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + r.describe());
        }
        return r;
    }

    /** A command line of {@code parts}, each as {@link String#valueOf}; a list part adds its elements. */
    public static List<String> command(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                l.forEach(x -> out.add(String.valueOf(x)));
            } else {
                out.add(String.valueOf(p));
            }
        }
        return List.copyOf(out);
    }
}
