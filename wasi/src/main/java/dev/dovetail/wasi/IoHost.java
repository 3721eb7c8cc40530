package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.bool;
import static dev.dovetail.wasi.V.bytes;
import static dev.dovetail.wasi.V.bytesArg;
import static dev.dovetail.wasi.V.err;
import static dev.dovetail.wasi.V.ok;
import static dev.dovetail.wasi.V.own;
import static dev.dovetail.wasi.V.rep;
import static dev.dovetail.wasi.V.some;
import static dev.dovetail.wasi.V.str;
import static dev.dovetail.wasi.V.u32;
import static dev.dovetail.wasi.V.u64;
import static dev.dovetail.wasi.V.u64Arg;

import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
final class IoHost {
    private IoHost() {}

    /** A stream operation: its {@code ok} payload (null for none), or a {@link StreamError}. */
    @FunctionalInterface
    interface StreamOp {
        Val call(List<Val> args) throws StreamError, InterruptedException;
    }

    /** Something that blocks and may be interrupted (the host interrupts the guest's thread to stop it). */
    @FunctionalInterface
    interface Blocking {
        Optional<Val> call(List<Val> args) throws InterruptedException;
    }

    static HostFunction interruptible(Blocking body) {
        return args -> {
            try {
                return body.call(args);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked in WASI", e);
            }
        };
    }

    static void define(WasiContext cx, HostInterfaces hi) {
        hi.iface("wasi:io/error")
                .resource("error", cx.error)
                // error#to-debug-string
                .func("[method]error.to-debug-string",
                        a -> some(str(cx.table.get(rep(a.get(0)), IoError.class).message())));

        hi.iface("wasi:io/poll")
                .resource("pollable", cx.pollable)
                // pollable#ready
                .func("[method]pollable.ready", a -> some(bool(pollable(cx, a.get(0)).ready())))
                // pollable#block
                .func("[method]pollable.block", interruptible(a -> {
                    Poller.block(pollable(cx, a.get(0)));
                    return Optional.empty();
                }))
                // poll
                .func("poll", interruptible(a -> {
                    List<Pollable> in = new ArrayList<>();
                    for (Val v : ((Val.List) a.get(0)).values()) {
                        in.add(pollable(cx, v));
                    }
                    List<Val> ready = new ArrayList<>();
                    for (int i : Poller.poll(in)) {
                        ready.add(u32(i));
                    }
                    return some(new Val.List(ready));
                }));

        hi.iface("wasi:io/streams")
                .resource("input-stream", cx.inputStream)
                .resource("output-stream", cx.outputStream)
                // input-stream#read
                .func("[method]input-stream.read", stream(cx, a -> bytes(input(cx, a).read(u64Arg(a.get(1))))))
                // input-stream#blocking-read
                .func("[method]input-stream.blocking-read",
                        stream(cx, a -> bytes(input(cx, a).blockingRead(u64Arg(a.get(1))))))
                // input-stream#skip
                .func("[method]input-stream.skip",
                        stream(cx, a -> u64(input(cx, a).read(u64Arg(a.get(1))).length)))
                // input-stream#blocking-skip
                .func("[method]input-stream.blocking-skip",
                        stream(cx, a -> u64(input(cx, a).blockingRead(u64Arg(a.get(1))).length)))
                // input-stream#subscribe
                .func("[method]input-stream.subscribe",
                        a -> some(own(cx.pollable, cx.table.add(input(cx, a).subscribe()))))
                // output-stream#check-write
                .func("[method]output-stream.check-write", stream(cx, a -> u64(output(cx, a).checkWrite())))
                // output-stream#write
                .func("[method]output-stream.write", stream(cx, a -> {
                    byte[] b = bytesArg(a.get(1));
                    checkPermit(b.length, "write");
                    output(cx, a).write(b);
                    return null;
                }))
                // output-stream#blocking-write-and-flush
                .func("[method]output-stream.blocking-write-and-flush", stream(cx, a -> {
                    HostOutput out = output(cx, a);
                    out.write(bytesArg(a.get(1)));
                    out.flush();
                    return null;
                }))
                // output-stream#flush
                .func("[method]output-stream.flush", stream(cx, a -> {
                    output(cx, a).flush();
                    return null;
                }))
                // output-stream#blocking-flush
                .func("[method]output-stream.blocking-flush", stream(cx, a -> {
                    output(cx, a).flush();
                    return null;
                }))
                // output-stream#subscribe
                .func("[method]output-stream.subscribe",
                        a -> some(own(cx.pollable, cx.table.add(output(cx, a).subscribe()))))
                // output-stream#write-zeroes
                .func("[method]output-stream.write-zeroes", stream(cx, a -> {
                    long n = u64Arg(a.get(1));
                    checkPermit(n, "write-zeroes");
                    output(cx, a).write(new byte[(int) n]);
                    return null;
                }))
                // output-stream#blocking-write-zeroes-and-flush
                .func("[method]output-stream.blocking-write-zeroes-and-flush", stream(cx, a -> {
                    long n = u64Arg(a.get(1));
                    checkPermit(n, "blocking-write-zeroes-and-flush");
                    HostOutput out = output(cx, a);
                    out.write(new byte[(int) n]);
                    out.flush();
                    return null;
                }))
                // output-stream#splice
                .func("[method]output-stream.splice", stream(cx, a -> {
                    HostOutput out = output(cx, a);
                    long n = Math.min(u64Arg(a.get(2)), out.checkWrite());
                    byte[] b = cx.table.get(rep(a.get(1)), HostInput.class).read(n);
                    out.write(b);
                    return u64(b.length);
                }))
                // output-stream#blocking-splice
                .func("[method]output-stream.blocking-splice", stream(cx, a -> {
                    HostOutput out = output(cx, a);
                    long n = Math.min(u64Arg(a.get(2)), out.checkWrite());
                    byte[] b = cx.table.get(rep(a.get(1)), HostInput.class).blockingRead(n);
                    out.write(b);
                    return u64(b.length);
                }));
    }

    /** Calling {@code write} beyond what {@code check-write} permits traps, as the spec says. */
    private static void checkPermit(long n, String what) {
        if (n > HostOutput.PERMIT) {
            throw new IllegalStateException(what + " of " + n + " bytes exceeds the check-write permit of "
                    + HostOutput.PERMIT);
        }
    }

    private static Pollable pollable(WasiContext cx, Val v) {
        return cx.table.get(rep(v), Pollable.class);
    }

    private static HostInput input(WasiContext cx, List<Val> a) {
        return cx.table.get(rep(a.get(0)), HostInput.class);
    }

    private static HostOutput output(WasiContext cx, List<Val> a) {
        return cx.table.get(rep(a.get(0)), HostOutput.class);
    }

    /** A stream operation returning {@code result<T, stream-error>}. */
    static HostFunction stream(WasiContext cx, StreamOp op) {
        return interruptible(a -> {
            try {
                Val v = op.call(a);
                return some(v == null ? V.OK : ok(v));
            } catch (StreamError e) {
                return some(err(streamError(cx, e)));
            }
        });
    }

    /** {@code stream-error}: {@code closed}, or {@code last-operation-failed} with a new {@code error}. */
    static Val streamError(WasiContext cx, StreamError e) {
        IoError failure = e.failure();
        if (failure == null) {
            return V.variant("closed");
        }
        return V.variant("last-operation-failed", own(cx.error, cx.table.add(failure)));
    }
}
