package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * Mutation fuzzing with a fixed seed: bit flips, byte overwrites, truncations, insertions,
 * deletions, LEB128 garbage, and corrupted length fields (section sizes of components, nested
 * components and core modules, custom section name lengths), applied to the conformance binaries
 * and to the two real components of {@link RealComponents} (1% of the inputs each: the Rust
 * guest's, and the 1.6 MB componentize-qjs one, which costs about 20 ms an input). Only {@link
 * ComponentFormatException} may escape the decoder, each input takes well under a second (decode,
 * re-encode and validate), whatever does decode must re-encode to the very same bytes, and the
 * validator may only throw {@link ComponentValidationException} on it.
 *
 * <p>Without node, jco, componentize-qjs or rustc the real components are left out (the test fails
 * on CI instead, as {@link RealComponents} does).
 */
class FuzzTest {
    /** Fixed by default; {@code -Dfuzz.seed} and {@code -Dfuzz.inputs} allow longer local runs. */
    static final long SEED = Long.getLong("fuzz.seed", 0x0D0E_7A11L);

    static final int INPUTS = Integer.getInteger("fuzz.inputs", 10_000);
    static final long MAX_NANOS_PER_INPUT = 1_000_000_000L;

    /** The number of mutation kinds of {@link #mutate}. */
    static final int KINDS = 8;

    @Test
    void onlyComponentFormatExceptionEscapes() {
        List<byte[]> seeds = Conformance.binaries(ConformanceTest.WELL_FORMED).stream()
                .map(c -> Conformance.read(c.wasm()))
                .toList();
        assertTrue(seeds.size() > 100, "seed corpus");
        List<byte[]> real = new ArrayList<>();
        addReal(real, RealComponents::rust, "the Rust component");
        addReal(real, RealComponents::js, "the componentize-qjs component");
        for (byte[] r : real) {
            // unmutated, and warms the JIT up for the large inputs
            ComponentValidator.validate(ComponentDecoder.decode(r));
        }
        Random rnd = new Random(SEED);
        int rejected = 0;
        int accepted = 0;
        int fromReal = 0;
        int[] perKind = new int[KINDS];
        int[] rejectedPerKind = new int[KINDS];
        long slowest = 0;
        for (int i = 0; i < INPUTS; i++) {
            int pick = rnd.nextInt(100);
            byte[] base;
            if (pick < real.size()) {
                base = real.get(pick);
                fromReal++;
            } else {
                base = seeds.get(rnd.nextInt(seeds.size()));
            }
            int kind = rnd.nextInt(KINDS);
            perKind[kind]++;
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
                rejectedPerKind[kind]++;
            } catch (Throwable t) {
                fail("input #" + i + " (mutation " + kind + ") threw " + t + ": " + hex(input), t);
            }
            long dt = System.nanoTime() - t0;
            slowest = Math.max(slowest, dt);
            if (dt > MAX_NANOS_PER_INPUT) {
                fail("input #" + i + " took " + dt / 1_000_000 + " ms: " + hex(input));
            }
        }
        System.out.printf("fuzz: %d inputs (%d of them from %d real components), %d rejected, %d decoded "
                + "(and re-encoded identically), slowest %.1f ms%n", INPUTS, fromReal, real.size(), rejected, accepted,
                slowest / 1e6);
        System.out.printf("fuzz: rejected per mutation kind (flip, truncate, overwrite, LEB garbage, insert, delete, "
                + "duplicate, length field): %s of %s%n", Arrays.toString(rejectedPerKind), Arrays.toString(perKind));
        assertTrue(rejected > INPUTS / 2, "most mutants should be malformed");
    }

    private static void addReal(List<byte[]> out, Supplier<Path> build, String what) {
        try {
            out.add(RealComponents.read(build.get()));
        } catch (TestAbortedException e) {
            System.out.println("fuzz: without " + what + ": " + e.getMessage());
        }
    }

    static byte[] mutate(byte[] base, int kind, Random rnd) {
        if (kind == 7) {
            return corruptLengthField(base, rnd);
        }
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

    /** A LEB128 length field: where it starts, how many bytes it takes, and its value. */
    record LengthField(int offset, int width, long value) {}

    /**
     * The length fields of a component's framing: every section size, recursively in nested
     * components and in core modules, and the name length of every custom section.
     */
    static List<LengthField> lengthFields(byte[] b) {
        List<LengthField> out = new ArrayList<>();
        sections(b, 0, b.length, out);
        return out;
    }

    private static void sections(byte[] b, int start, int end, List<LengthField> out) {
        boolean component = end - start >= 8 && b[start + 4] == 0x0d;
        int p = start + 8;
        while (p < end) {
            int id = b[p++] & 0xff;
            LengthField size = leb(b, p, end);
            if (size == null) {
                return;
            }
            out.add(size);
            p += size.width();
            int payloadEnd = (int) Math.min(end, p + size.value());
            if (id == 0) {
                LengthField name = leb(b, p, payloadEnd);
                if (name != null) {
                    out.add(name);
                }
            } else if (component && (id == 1 || id == 4) && payloadEnd - p >= 8) {
                sections(b, p, payloadEnd, out);
            }
            p = payloadEnd;
        }
    }

    private static LengthField leb(byte[] b, int at, int end) {
        long v = 0;
        for (int k = 0; k < 5 && at + k < end; k++) {
            int x = b[at + k] & 0xff;
            v |= (long) (x & 0x7f) << (7 * k);
            if (x < 0x80) {
                return new LengthField(at, k + 1, v);
            }
        }
        return null;
    }

    /**
     * Gives a random length field a nearby or an extreme value, written in its old width when it
     * fits (so the rest of the input stays aligned), else in as few bytes as it needs.
     */
    static byte[] corruptLengthField(byte[] base, Random rnd) {
        List<LengthField> fields = lengthFields(base);
        if (fields.isEmpty()) {
            return Arrays.copyOf(base, base.length / 2);
        }
        LengthField f = fields.get(rnd.nextInt(fields.size()));
        long v = switch (rnd.nextInt(6)) {
            case 0 -> f.value() + 1;
            case 1 -> Math.max(0, f.value() - 1);
            case 2 -> 0;
            case 3 -> f.value() + 1 + rnd.nextInt(64);
            case 4 -> 0xffff_ffffL;
            default -> (long) rnd.nextInt(Integer.MAX_VALUE);
        };
        int minimal = 1;
        while (minimal < 5 && v >>> (7 * minimal) != 0) {
            minimal++;
        }
        int width = Math.max(minimal, f.width());
        byte[] leb = new byte[width];
        for (int k = 0; k < width; k++) {
            leb[k] = (byte) ((v >>> (7 * k)) & 0x7f | (k < width - 1 ? 0x80 : 0));
        }
        byte[] out = new byte[base.length - f.width() + width];
        System.arraycopy(base, 0, out, 0, f.offset());
        System.arraycopy(leb, 0, out, f.offset(), width);
        System.arraycopy(base, f.offset() + f.width(), out, f.offset() + width, base.length - f.offset() - f.width());
        return out;
    }

    static String hex(byte[] b) {
        return b.length <= 256 ? HexFormat.of().formatHex(b) : HexFormat.of().formatHex(b, 0, 256) + "...";
    }
}
