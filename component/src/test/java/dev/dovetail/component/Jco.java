package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The reference tool jco (wit-component inside), installed by {@code npm ci --prefix interop} at
 * {@code <project root>/interop/node_modules/.bin/jco}. Missing jco fails the test on CI
 * ({@code CI=true}) and skips it elsewhere.
 */
public final class Jco {
    private final Path exe;

    private Jco(Path exe) {
        this.exe = exe;
    }

    /**
     * The project root: system property {@code dovetail.root} (set by the root POM), else the
     * working directory or its parent, whichever holds the {@code component} module.
     */
    public static Path projectRoot() {
        String prop = System.getProperty("dovetail.root");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path cwd = Path.of("").toAbsolutePath();
        return Files.isDirectory(cwd.resolve("component")) || cwd.getParent() == null ? cwd : cwd.getParent();
    }

    /** jco, or a failure (CI) or skip (elsewhere) saying how to install it. */
    public static Jco require() {
        Path exe = projectRoot().resolve("interop/node_modules/.bin/jco");
        if (Files.isExecutable(exe)) {
            return new Jco(exe);
        }
        String message = "jco not found at " + exe + ": install it with `npm ci --prefix interop` from the project root";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
        throw new AssertionError(message);
    }

    public record Result(int exit, String out, String err) {
        public boolean ok() {
            return exit == 0;
        }

        public String describe() {
            return "exit " + exit + "\n" + out + err;
        }
    }

    /** Runs {@code jco args...} (at most two minutes). */
    public Result run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(exe.toString());
        cmd.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "jco", ".out");
            Path err = Files.createTempFile(dir, "jco", ".err");
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("jco timed out: " + cmd);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code jco wit file}: the WIT of a component, or a failed result. */
    public Result wit(Path dir, Path component) {
        return run(dir, "wit", component.toString());
    }

    /** {@code jco parse file.wat -o out}: the WebAssembly text format to binary. */
    public byte[] parse(Path dir, Path wat) {
        Path out = dir.resolve(wat.getFileName() + ".wasm");
        Result r = run(dir, "parse", wat.toString(), "-o", out.toString());
        if (!r.ok()) {
            fail("jco parse " + wat + " failed: " + r.describe());
        }
        return read(out);
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WIT text with all whitespace removed. */
    public static String squash(String wit) {
        return wit.replaceAll("\\s+", "");
    }

    /** The non-blank lines of WIT text, trimmed and sorted: equal for texts that only order items differently. */
    static List<String> lines(String wit) {
        List<String> out = new ArrayList<>();
        for (String l : wit.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty()) {
                // `{}` and `{` + `}` are the same empty block
                out.add(t.endsWith("{}") ? t.substring(0, t.length() - 1) : t);
                if (t.endsWith("{}")) {
                    out.add("}");
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Runs {@code work} on two threads (the machines this runs on are small). */
    static <T> List<T> parallel(List<Callable<T>> work) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(work)) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
