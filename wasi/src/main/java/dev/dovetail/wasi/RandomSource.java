package dev.dovetail.wasi;

import java.security.SecureRandom;

/** The source of {@code wasi:random/*} bytes. */
@FunctionalInterface
public interface RandomSource {
    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** The host's {@link SecureRandom}: for {@code wasi:random/random}. */
    static RandomSource secure() {
        SecureRandom random = new SecureRandom();
        return random::nextBytes;
    }

    /**
     * A deterministic sequence (SplitMix64) for reproducible tests: the same seed gives the same
     * bytes on every JVM. Never use it where the guest needs real randomness.
     */
    static RandomSource seeded(long seed) {
        return new RandomSource() {
            private long state = seed;
            private long word;
            private int left;

            @Override
            public synchronized void nextBytes(byte[] bytes) {
                for (int i = 0; i < bytes.length; i++) {
                    if (left == 0) {
                        long z = (state += 0x9E3779B97F4A7C15L);
                        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                        word = z ^ (z >>> 31);
                        left = 8;
                    }
                    bytes[i] = (byte) word;
                    word >>>= 8;
                    left--;
                }
            }
        };
    }
}
