package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.own;
import static dev.dovetail.wasi.V.some;
import static dev.dovetail.wasi.V.u64;
import static dev.dovetail.wasi.V.u64Arg;

import java.time.Duration;
import java.time.Instant;

/** {@code wasi:clocks/monotonic-clock}, {@code wall-clock} and the unstable {@code timezone} (always UTC). */
final class ClocksHost {
    private ClocksHost() {}

    static void define(WasiContext cx, HostInterfaces hi) {
        MonotonicClock mono = cx.config.monotonicClock();
        WallClock wall = cx.config.wallClock();
        hi.iface("wasi:clocks/monotonic-clock")
                // monotonic-clock#now
                .func("now", a -> some(u64(mono.now())))
                // monotonic-clock#resolution
                .func("resolution", a -> some(u64(mono.resolution())))
                // monotonic-clock#subscribe-instant
                .func("subscribe-instant",
                        a -> some(own(cx.pollable, cx.table.add(new Pollable.Timer(mono, u64Arg(a.get(0)))))))
                // monotonic-clock#subscribe-duration
                .func("subscribe-duration", a -> {
                    long now = mono.now();
                    long when = now + u64Arg(a.get(0));
                    if (when - now < 0) {
                        when = Long.MAX_VALUE;
                    }
                    return some(own(cx.pollable, cx.table.add(new Pollable.Timer(mono, when))));
                });

        hi.iface("wasi:clocks/wall-clock")
                // wall-clock#now
                .func("now", a -> some(V.datetime(wall.now())))
                // wall-clock#resolution
                .func("resolution", a -> {
                    Duration r = wall.resolution();
                    return some(V.datetime(Instant.ofEpochSecond(r.getSeconds(), r.getNano())));
                });

        hi.iface("wasi:clocks/timezone")
                // timezone#display
                .func("display", a -> some(V.record("utc-offset", new dev.dovetail.runtime.Val.S32(0),
                        "name", V.str("UTC"), "in-daylight-saving-time", V.bool(false))))
                // timezone#utc-offset
                .func("utc-offset", a -> some(new dev.dovetail.runtime.Val.S32(0)));
    }
}
