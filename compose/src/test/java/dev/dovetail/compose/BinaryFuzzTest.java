package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile binaries: mutated core modules given to {@link Componentizer} (the Rust sample, alone and
 * with a mutated adapter) and mutated components given to {@link Plug} end in a result that
 * validates or in the operation's own exception, never another exception.
 */
class BinaryFuzzTest {
    private static final int ROUNDS = 2000;

    @Test
    void mutatedCoreModulesOnlyFailWithComponentizeException() throws IOException {
        SampleGuests.World world = SampleGuests.world("math-provider");
        byte[] core = Files.readAllBytes(SampleGuests.rustCore());
        byte[] adapter = Files.readAllBytes(SampleGuests.reactorAdapter());
        Random random = new Random(7_2026_11_26L);
        int succeeded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            boolean withAdapter = i % 3 == 2;
            byte[] input = withAdapter ? core : mutate(core, random);
            byte[] adapt = withAdapter ? mutate(adapter, random) : null;
            Componentizer.Builder b = Componentizer.builder().wit(world.resolve(), world.id());
            if (adapt != null) {
                b.adapter("wasi_snapshot_preview1", adapt);
            }
            try {
                byte[] out = b.build().componentize(input);
                ComponentValidator.validate(ComponentDecoder.decode(out));
                succeeded++;
            } catch (ComponentizeException expected) {
                // the point: a clear error
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + i + (withAdapter ? " (mutated adapter)" : " (mutated module)") + " threw " + e, e);
            }
        }
        System.out.printf("componentize fuzz: %d of %d mutated inputs still made a valid component%n", succeeded, ROUNDS);
    }

    @Test
    void mutatedComponentsOnlyFailWithCompositionException() {
        byte[] socket = Fixtures.wasm("socket");
        byte[] plug = Fixtures.wasm("adder");
        Random random = new Random(11_2026_11_26L);
        int succeeded = 0;
        for (int i = 0; i < ROUNDS; i++) {
            boolean mutateSocket = random.nextBoolean();
            byte[] s = mutateSocket ? mutate(socket, random) : socket;
            byte[] p = mutateSocket ? plug : mutate(plug, random);
            try {
                byte[] out = Plug.plug(s, List.of(p));
                ComponentValidator.validate(ComponentDecoder.decode(out));
                succeeded++;
            } catch (CompositionException expected) {
                // the point: a clear error
            } catch (RuntimeException | StackOverflowError e) {
                fail("round " + i + " threw " + e, e);
            }
        }
        System.out.printf("plug fuzz: %d of %d mutated inputs still composed%n", succeeded, ROUNDS);
    }

    /** Bit flips, byte overwrites, truncation, or a duplicated slice. */
    static byte[] mutate(byte[] in, Random random) {
        byte[] b = in.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    int at = 8 + random.nextInt(b.length - 8);
                    b[at] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> {
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[8 + random.nextInt(b.length - 8)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> b = Arrays.copyOf(b, 8 + random.nextInt(b.length - 8));
            default -> {
                int from = 8 + random.nextInt(b.length - 8);
                int len = Math.min(1 + random.nextInt(64), b.length - from);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, from + len);
                System.arraycopy(b, from, out, from + len, b.length - from);
                b = out;
            }
        }
        return b;
    }
}
