package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** jco, or a failure (CI) or skip (elsewhere) saying how to install it. */
    public static Jco require() {
        return new Jco(Needs.tool(Tools::jco));
    }

    /** Runs {@code jco args...} in {@code dir} (at most two minutes). */
    public Processes.Result run(Path dir, String... args) {
        return Processes.run(Processes.command(exe, List.of(args)), dir, 120);
    }

    /** {@code jco wit file}: the WIT of a component, or a failed result. */
    public Processes.Result wit(Path dir, Path component) {
        return run(dir, "wit", component.toString());
    }

    /** {@code jco parse file.wat -o out}: the WebAssembly text format to binary. */
    public byte[] parse(Path dir, Path wat) {
        Path out = dir.resolve(wat.getFileName() + ".wasm");
        Processes.Result r = run(dir, "parse", wat.toString(), "-o", out.toString());
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
