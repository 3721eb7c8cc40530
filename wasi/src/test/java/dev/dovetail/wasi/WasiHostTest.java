package dev.dovetail.wasi;

import static dev.dovetail.wasi.Host.borrow;
import static dev.dovetail.wasi.Host.bytes;
import static dev.dovetail.wasi.Host.bytesOf;
import static dev.dovetail.wasi.Host.err;
import static dev.dovetail.wasi.Host.ok;
import static dev.dovetail.wasi.Host.u64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.Val;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code wasi:cli}, {@code wasi:clocks}, {@code wasi:random}, {@code wasi:io} and {@code wasi:sockets} at the host boundary. */
class WasiHostTest {

    private static List<Val> list(Val v) {
        return ((Val.List) v).values();
    }

    @Test
    void everyInterfaceOfTheCommandWorldIsDefined() {
        try (Host h = new Host(WasiConfig.empty())) {
            assertEquals(Set.copyOf(Wasi.INTERFACES), h.interfaces.names());
        }
        assertEquals(13, Wasi.VERSIONS.size());
        assertEquals("0.2.0", Wasi.VERSIONS.get(0));
        assertEquals("0.2.12", Wasi.VERSIONS.get(12));
    }

    @Test
    void environmentArgumentsAndCwd() {
        WasiConfig c = WasiConfig.builder().args("app", "x y").env("A", "1").env("B", "=2").initialCwd("/data").build();
        try (Host h = new Host(c)) {
            assertEquals(List.of(new Val.Str("app"), new Val.Str("x y")), list(h.call("wasi:cli/environment", "get-arguments")));
            assertEquals(List.of(V.tuple(V.str("A"), V.str("1")), V.tuple(V.str("B"), V.str("=2"))),
                    list(h.call("wasi:cli/environment", "get-environment")));
            assertEquals(V.option(V.str("/data")), h.call("wasi:cli/environment", "initial-cwd"));
        }
        try (Host h = new Host(WasiConfig.empty())) {
            assertEquals(List.of(), list(h.call("wasi:cli/environment", "get-environment")));
            assertEquals(List.of(), list(h.call("wasi:cli/environment", "get-arguments")));
            assertEquals(V.NONE, h.call("wasi:cli/environment", "initial-cwd"));
            assertEquals(V.NONE, h.call("wasi:cli/terminal-stdout", "get-terminal-stdout"));
        }
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().env("A=B", "x"));
        assertThrows(IllegalArgumentException.class, () -> WasiConfig.builder().preopen(Path.of("no/such/dir"), "/x",
                DirAccess.READ_ONLY));
    }

    @Test
    void exitBecomesAnException() {
        try (Host h = new Host(WasiConfig.empty())) {
            assertEquals(0, assertThrows(WasiExit.class,
                    () -> h.call("wasi:cli/exit", "exit", new Val.Result(true, Optional.empty()))).code());
            assertEquals(1, assertThrows(WasiExit.class,
                    () -> h.call("wasi:cli/exit", "exit", new Val.Result(false, Optional.empty()))).code());
            assertEquals(42, assertThrows(WasiExit.class,
                    () -> h.call("wasi:cli/exit", "exit-with-code", new Val.U8(42))).code());
        }
        WasiExit e = new WasiExit(3);
        assertEquals(Optional.of(e), WasiExit.in(new RuntimeException(new IllegalStateException(e))));
        assertEquals(Optional.empty(), WasiExit.in(new RuntimeException()));
    }

    @Test
    void stdoutAndStderrAreTheConfiguredStreams() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Host h = new Host(WasiConfig.builder().stdout(out).stderr(err).build())) {
            Val so = h.call("wasi:cli/stdout", "get-stdout");
            Val se = h.call("wasi:cli/stderr", "get-stderr");
            assertEquals(u64(HostOutput.PERMIT), ok(h.io("output-stream", "check-write", borrow(so))));
            ok(h.io("output-stream", "write", borrow(so), bytes("hel".getBytes())));
            ok(h.io("output-stream", "flush", borrow(so)));
            ok(h.io("output-stream", "blocking-write-and-flush", borrow(so), bytes("lo".getBytes())));
            ok(h.io("output-stream", "write-zeroes", borrow(so), u64(2)));
            ok(h.io("output-stream", "blocking-write-zeroes-and-flush", borrow(se), u64(1)));
            ok(h.io("output-stream", "blocking-flush", borrow(se)));
            Val p = h.io("output-stream", "subscribe", borrow(so));
            assertEquals(new Val.Bool(true), h.call("wasi:io/poll", "[method]pollable.ready", borrow(p)));
            Host.drop(p);
            Host.drop(so);
            Host.drop(se);
            assertArrayEquals("hello\0\0".getBytes(), out.toByteArray());
            assertArrayEquals(new byte[1], err.toByteArray());
            assertEquals(0, h.cx.openHandles());
        }
    }

    @Test
    void writingBeyondThePermitTraps() {
        try (Host h = new Host(WasiConfig.empty())) {
            Val so = h.call("wasi:cli/stdout", "get-stdout");
            assertThrows(IllegalStateException.class,
                    () -> h.io("output-stream", "write-zeroes", borrow(so), u64(HostOutput.PERMIT + 1)));
        }
    }

    @Test
    void aFailingStreamReportsAnErrorResourceThenClosed() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk on fire");
            }
        };
        try (Host h = new Host(WasiConfig.builder().stdout(broken).build())) {
            Val so = h.call("wasi:cli/stdout", "get-stdout");
            Val r = h.io("output-stream", "blocking-write-and-flush", borrow(so), bytes(new byte[] {1}));
            assertEquals("last-operation-failed", err(r));
            Val error = ((Val.Variant) ((Val.Result) r).payload().orElseThrow()).payload().orElseThrow();
            assertEquals(new Val.Str("disk on fire"),
                    h.call("wasi:io/error", "[method]error.to-debug-string", borrow(error)));
            assertEquals(V.option(V.enumCase("io")),
                    h.call("wasi:filesystem/types", "filesystem-error-code", borrow(error)));
            assertEquals("closed", err(h.io("output-stream", "check-write", borrow(so))));
        }
    }

    @Test
    void stdinBlockingAndNonBlockingReadsSkipAndSplice() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] input = "abcdefghij".getBytes();
        try (Host h = new Host(WasiConfig.builder().stdin(input).stdout(out).build())) {
            Val in = h.call("wasi:cli/stdin", "get-stdin");
            assertEquals("ab", new String(bytesOf(ok(h.io("input-stream", "blocking-read", borrow(in), u64(2))))));
            assertEquals(u64(2), ok(h.io("input-stream", "skip", borrow(in), u64(2))));
            assertEquals("ef", new String(bytesOf(ok(h.io("input-stream", "read", borrow(in), u64(2))))));
            Val so = h.call("wasi:cli/stdout", "get-stdout");
            assertEquals(u64(3), ok(h.io("output-stream", "splice", borrow(so), borrow(in), u64(3))));
            assertEquals(u64(1), ok(h.io("output-stream", "blocking-splice", borrow(so), borrow(in), u64(100))));
            assertEquals("closed", err(h.io("input-stream", "blocking-read", borrow(in), u64(1))));
            assertEquals("closed", err(h.io("output-stream", "blocking-splice", borrow(so), borrow(in), u64(1))));
            assertEquals("ghij", out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    @Timeout(20)
    void stdinPollablesAreReal() throws Exception {
        PipedOutputStream feed = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(feed);
        WasiConfig c = WasiConfig.builder().stdin(pipe).monotonicClock(MonotonicClock.system()).build();
        try (Host h = new Host(c)) {
            Val in = h.call("wasi:cli/stdin", "get-stdin");
            // nothing yet: a non-blocking read returns nothing, the pollable is not ready
            assertEquals(0, bytesOf(ok(h.io("input-stream", "read", borrow(in), u64(10)))).length);
            Val p = h.io("input-stream", "subscribe", borrow(in));
            assertEquals(new Val.Bool(false), h.call("wasi:io/poll", "[method]pollable.ready", borrow(p)));
            // a 50 ms timer wins the poll while stdin stays silent
            Val timer = h.call("wasi:clocks/monotonic-clock", "subscribe-duration", u64(50_000_000L));
            Val ready = h.call("wasi:io/poll", "poll", new Val.List(List.of(borrow(p), borrow(timer))));
            assertEquals(List.of(new Val.U32(1)), list(ready));
            // data arrives on another thread: poll wakes for it
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    feed.write("hi".getBytes());
                    feed.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            Val far = h.call("wasi:clocks/monotonic-clock", "subscribe-duration", u64(60_000_000_000L));
            ready = h.call("wasi:io/poll", "poll", new Val.List(List.of(borrow(far), borrow(p))));
            assertEquals(List.of(new Val.U32(1)), list(ready));
            writer.join();
            h.call("wasi:io/poll", "[method]pollable.block", borrow(p));
            assertEquals("hi", new String(bytesOf(ok(h.io("input-stream", "blocking-read", borrow(in), u64(10))))));
            assertEquals("closed", err(h.io("input-stream", "read", borrow(in), u64(10))));
        }
    }

    @Test
    void simulatedClocksMakeTimeDeterministic() {
        Instant t = Instant.parse("2030-01-02T03:04:05.123456789Z");
        WasiConfig c = WasiConfig.builder().wallClock(WallClock.fixed(t))
                .monotonicClock(MonotonicClock.simulated(1_000, 10)).build();
        try (Host h = new Host(c)) {
            Val now = h.call("wasi:clocks/wall-clock", "now");
            assertEquals(V.datetime(t), now);
            assertEquals(u64(1_000), h.call("wasi:clocks/monotonic-clock", "now"));
            assertEquals(u64(1_010), h.call("wasi:clocks/monotonic-clock", "now"));
            assertEquals(u64(10), h.call("wasi:clocks/monotonic-clock", "resolution"));
            // a one-hour sleep passes at once
            Val hour = h.call("wasi:clocks/monotonic-clock", "subscribe-duration", u64(3_600_000_000_000L));
            long start = System.nanoTime();
            h.call("wasi:io/poll", "[method]pollable.block", borrow(hour));
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            long after = ((Val.U64) h.call("wasi:clocks/monotonic-clock", "now")).value();
            assertTrue(after >= 3_600_000_000_000L, "time moved on: " + after);
            Val past = h.call("wasi:clocks/monotonic-clock", "subscribe-instant", u64(5));
            assertEquals(new Val.Bool(true), h.call("wasi:io/poll", "[method]pollable.ready", borrow(past)));
        }
    }

    @Test
    void seededRandomIsDeterministic() {
        WasiConfig c1 = WasiConfig.builder().random(RandomSource.seeded(42)).build();
        WasiConfig c2 = WasiConfig.builder().random(RandomSource.seeded(42)).build();
        try (Host a = new Host(c1); Host b = new Host(c2)) {
            Val x = a.call("wasi:random/random", "get-random-bytes", u64(33));
            assertEquals(33, list(x).size());
            assertEquals(x, b.call("wasi:random/random", "get-random-bytes", u64(33)));
            assertEquals(a.call("wasi:random/random", "get-random-u64"), b.call("wasi:random/random", "get-random-u64"));
            assertNotEquals(a.call("wasi:random/random", "get-random-u64"), a.call("wasi:random/random", "get-random-u64"));
            Val seed = a.call("wasi:random/insecure-seed", "insecure-seed");
            assertEquals(seed, a.call("wasi:random/insecure-seed", "insecure-seed"));
            assertEquals(8, list(a.call("wasi:random/insecure", "get-insecure-random-bytes", u64(8))).size());
        }
        WasiConfig split = WasiConfig.builder().random(RandomSource.seeded(1)).insecureRandom(RandomSource.seeded(2)).build();
        assertEquals(split.random().getClass(), split.insecureRandom().getClass());
        byte[] r1 = new byte[8];
        byte[] r2 = new byte[8];
        split.random().nextBytes(r1);
        split.insecureRandom().nextBytes(r2);
        assertFalse(java.util.Arrays.equals(r1, r2));
    }

    @Test
    void socketsDenyEverything() {
        try (Host h = new Host(WasiConfig.empty())) {
            Val net = h.call("wasi:sockets/instance-network", "instance-network");
            assertEquals("access-denied", err(h.call("wasi:sockets/tcp-create-socket", "create-tcp-socket",
                    V.enumCase("ipv4"))));
            assertEquals("access-denied", err(h.call("wasi:sockets/udp-create-socket", "create-udp-socket",
                    V.enumCase("ipv6"))));
            assertEquals("access-denied", err(h.call("wasi:sockets/ip-name-lookup", "resolve-addresses",
                    borrow(net), V.str("example.com"))));
            Host.drop(net);
            assertEquals(0, h.cx.openHandles());
        }
    }

}
