package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.some;
import static dev.dovetail.wasi.V.u64;
import static dev.dovetail.wasi.V.u64Arg;

import dev.dovetail.runtime.Val;
import java.nio.ByteBuffer;

/** {@code wasi:random/random}, {@code insecure} and {@code insecure-seed}. */
final class RandomHost {
    private RandomHost() {}

    /** The most bytes one call may ask for (the guest must hold them in its memory anyway). */
    static final long MAX_BYTES = 64L << 20;

    static void define(WasiContext cx, HostInterfaces hi) {
        RandomSource secure = cx.config.random();
        RandomSource insecure = cx.config.insecureRandom();
        hi.iface("wasi:random/random")
                // random#get-random-bytes
                .func("get-random-bytes", a -> some(V.bytes(bytes(secure, u64Arg(a.get(0))))))
                // random#get-random-u64
                .func("get-random-u64", a -> some(u64(ByteBuffer.wrap(bytes(secure, 8)).getLong())));
        hi.iface("wasi:random/insecure")
                // insecure#get-insecure-random-bytes
                .func("get-insecure-random-bytes", a -> some(V.bytes(bytes(insecure, u64Arg(a.get(0))))))
                // insecure#get-insecure-random-u64
                .func("get-insecure-random-u64", a -> some(u64(ByteBuffer.wrap(bytes(insecure, 8)).getLong())));
        Val[] seed = new Val[1];
        hi.iface("wasi:random/insecure-seed")
                // insecure-seed#insecure-seed: drawn once, the same on every call
                .func("insecure-seed", a -> {
                    synchronized (seed) {
                        if (seed[0] == null) {
                            ByteBuffer b = ByteBuffer.wrap(bytes(insecure, 16));
                            seed[0] = V.tuple(u64(b.getLong()), u64(b.getLong()));
                        }
                        return some(seed[0]);
                    }
                });
    }

    private static byte[] bytes(RandomSource source, long len) {
        if (len > MAX_BYTES) {
            throw new IllegalArgumentException("asked for " + len + " random bytes; the host gives at most " + MAX_BYTES);
        }
        byte[] b = new byte[(int) len];
        source.nextBytes(b);
        return b;
    }
}
