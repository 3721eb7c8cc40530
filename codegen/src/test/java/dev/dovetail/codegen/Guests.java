package dev.dovetail.codegen;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Guest components built by the tests with the interop tools ({@code npm ci --prefix interop}),
 * cached in {@code codegen/target/guests} under a hash of their inputs ({@link BuildCache}). A
 * missing tool fails the test when {@code CI=true} and skips it elsewhere ({@link Needs}).
 */
final class Guests {
    private Guests() {}

    /**
     * A componentize-qjs component ({@code --sync --stub-wasi}) of {@code js} for {@code wit}, built
     * into {@code codegen/target/guests/<name>-<hash>.wasm} unless already there.
     */
    static Path componentizeQjs(String name, Path wit, Path js) {
        Path qjs = Needs.tool(() -> Tools.interop("componentize-qjs"));
        List<Path> inputs = new ArrayList<>(List.of(wit, js));
        if (Files.exists(Tools.interopLock())) {
            inputs.add(Tools.interopLock());
        }
        BuildCache cache = BuildCache.in(TestFiles.module().resolve("target/guests"));
        return cache.get(name + ".wasm", inputs, "componentize-qjs --sync --stub-wasi", out -> Processes.check(
                Processes.command(qjs, "--sync", "--stub-wasi", "--wit", wit, "--js", js, "-o", out), cache.dir(), 300));
    }
}
