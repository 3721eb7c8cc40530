package dev.dovetail.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dovetail.wasi.Guests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark method once on the interpreter, so that a broken benchmark fails the build;
 * no timing here. Needs the guest toolchains: fails without them when {@code CI=true}, skips elsewhere.
 */
class WasiCommandBenchmarkTest {
    static WasiCommandBenchmark bench;

    @BeforeAll
    static void setup() {
        Guests.rustProbe(); // fails (CI) or skips here when a tool is missing
        Guests.goProbe();
        bench = new WasiCommandBenchmark();
        bench.engine = "interpreter";
        bench.setup();
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (bench != null) {
            bench.tearDown();
        }
    }

    @Test
    void stdout1MiB() {
        assertEquals(1 << 20, bench.stdout1MiB());
    }

    @Test
    void fileRead1MiB() {
        assertEquals("1048576 bytes, first 7, last " + (((1 << 20) - 1) * 31 + 7 & 0xff) + "\n", bench.fileRead1MiB());
    }

    @Test
    void rustStartup() {
        assertEquals("hello from rust\n", bench.rustStartup());
    }

    @Test
    void goStartup() {
        assertEquals("hello from go\n", bench.goStartup());
    }
}
