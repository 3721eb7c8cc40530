package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutation fuzzing with a fixed seed: bit flips, byte overwrites, truncations, insertions,
 * deletions and corrupted LEB128 length fields, applied to the conformance binaries. Only {@link
 * ComponentFormatException} may escape the decoder, each input decodes well under a second,
 * whatever does decode must re-encode to the very same bytes, and the validator may only throw
 * {@link ComponentValidationException} on it.
 */
class FuzzTest {
    /** Fixed by default; {@code -Dfuzz.seed} and {@code -Dfuzz.inputs} allow longer local runs. */
    static final long SEED = Long.getLong("fuzz.seed", 0x0D0E_7A11L);

    static final int INPUTS = Integer.getInteger("fuzz.inputs", 2_000);
    static final long MAX_NANOS_PER_INPUT = 1_000_000_000L;

    @Test
    void onlyComponentFormatExceptionEscapes() {
        List<byte[]> seeds = Conformance.binaries(ConformanceTest.WELL_FORMED).stream()
                .map(c -> Conformance.read(c.wasm()))
                .toList();
        assertTrue(seeds.size() > 100, "seed corpus");
        Random rnd = new Random(SEED);
        int rejected = 0;
        int accepted = 0;
        long slowest = 0;
        for (int i = 0; i < INPUTS; i++) {
            byte[] base = seeds.get(rnd.nextInt(seeds.size()));
            int kind = rnd.nextInt(7);
            byte[] input = mutate(base, kind, rnd);
            long t0 = System.nanoTime();
            try {
                Component c = ComponentDecoder.decode(input);
                accepted++;
                assertArrayEquals(input, ComponentEncoder.encode(c), "re-encoding of a decoded mutant #" + i);
                for (Section.Custom s : c.sections(Section.Custom.class)) {
                    s.componentNames();
                    s.producers();
                }
                try {
                    ComponentValidator.validate(c);
                } catch (ComponentValidationException e) {
                    // expected for most mutants; anything else is a bug
                }
            } catch (ComponentFormatException e) {
                rejected++;
            } catch (Throwable t) {
                fail("input #" + i + " (mutation " + kind + ") threw " + t + ": " + hex(input), t);
            }
            long dt = System.nanoTime() - t0;
            slowest = Math.max(slowest, dt);
            if (dt > MAX_NANOS_PER_INPUT) {
                fail("input #" + i + " took " + dt / 1_000_000 + " ms: " + hex(input));
            }
        }
        System.out.printf("fuzz: %d inputs, %d rejected, %d decoded (and re-encoded identically), slowest %.1f ms%n",
                INPUTS, rejected, accepted, slowest / 1e6);
        assertTrue(rejected > INPUTS / 2, "most mutants should be malformed");
    }

    static byte[] mutate(byte[] base, int kind, Random rnd) {
        byte[] b = base.clone();
        switch (kind) {
            case 0 -> { // bit flips
                int flips = 1 + rnd.nextInt(3);
                for (int k = 0; k < flips; k++) {
                    int p = rnd.nextInt(b.length);
                    b[p] ^= (byte) (1 << rnd.nextInt(8));
                }
                return b;
            }
            case 1 -> { // truncation
                return Arrays.copyOf(b, rnd.nextInt(b.length));
            }
            case 2 -> { // byte overwrite, biased to the area after the preamble
                int p = b.length > 8 ? 8 + rnd.nextInt(b.length - 8) : rnd.nextInt(b.length);
                b[p] = (byte) rnd.nextInt(256);
                return b;
            }
            case 3 -> { // corrupt a length field with a huge or overlong LEB128
                int p = b.length > 9 ? 9 + rnd.nextInt(b.length - 9) : rnd.nextInt(b.length);
                byte[][] lebs = {
                    {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},
                    {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07},
                    {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00},
                    {(byte) 0xbf, (byte) 0x84, 0x3d},
                    {(byte) 0x80},
                };
                byte[] leb = lebs[rnd.nextInt(lebs.length)];
                for (int k = 0; k < leb.length && p + k < b.length; k++) {
                    b[p + k] = leb[k];
                }
                return b;
            }
            case 4 -> { // insertion of random bytes
                int p = rnd.nextInt(b.length + 1);
                byte[] extra = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(extra);
                byte[] out = new byte[b.length + extra.length];
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(extra, 0, out, p, extra.length);
                System.arraycopy(b, p, out, p + extra.length, b.length - p);
                return out;
            }
            case 5 -> { // deletion of a range
                int p = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(16, b.length - p));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, p);
                System.arraycopy(b, p + n, out, p, b.length - p - n);
                return out;
            }
            default -> { // duplicate a range (structure-shaped garbage)
                int p = rnd.nextInt(b.length);
                int n = 1 + rnd.nextInt(Math.min(32, b.length - p));
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, p + n);
                System.arraycopy(b, p, out, p + n, b.length - p);
                return out;
            }
        }
    }

    static String hex(byte[] b) {
        return b.length <= 256 ? HexFormat.of().formatHex(b) : HexFormat.of().formatHex(b, 0, 256) + "...";
    }
}
