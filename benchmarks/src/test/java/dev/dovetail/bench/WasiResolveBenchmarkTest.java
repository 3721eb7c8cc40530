package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.World;
import org.junit.jupiter.api.Test;

/** Runs each benchmark method once, so that a broken benchmark fails the build; no timing here. */
class WasiResolveBenchmarkTest {

    @Test
    void everyWasiPackageResolves() {
        WasiResolveBenchmark bench = new WasiResolveBenchmark();
        bench.setup();
        assertEquals(7, bench.packageDirs().size(), () -> "WASI 0.2 package folders: " + bench.packageDirs());
        assertTrue(bench.resolveEachPackage() >= 7);
    }

    @Test
    void commandAndProxyWorldResolves() {
        WasiResolveBenchmark bench = new WasiResolveBenchmark();
        bench.setup();
        ResolvedWit wit = bench.resolveCommandAndProxyWorld();
        World world = wit.resolve().world(wit.resolve().pkg(wit.mainPackage()).worlds().get("command-and-proxy"));
        assertTrue(world.imports().size() > 10, () -> "imports: " + world.imports().keySet());
        assertEquals(2, world.exports().size(), () -> "exports: " + world.exports().keySet());
    }

    @Test
    void baselineReadsTheWitFiles() throws Exception {
        WasiResolveBenchmark bench = new WasiResolveBenchmark();
        bench.setup();
        assertTrue(bench.readFilesBaseline() > 10_000, "the WASI 0.2 WIT files hold more text than that");
    }
}
