package dev.dovetail.wit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates real WIT files (byte flips, deletions, duplications, truncations, token swaps) and
 * checks that every input either resolves or fails with a {@link WitException}: never another
 * exception, never a hang.
 */
class WitFuzzTest {
    private static final int INPUTS = 3000;
    private static final String[] TOKENS = {
        "{", "}", "<", ">", "(", ")", ";", ",", ":", "/", ".", "@", "%", "->", "=", "_", "use", "type", "list<",
        "resource", "borrow<", "own<", "func", "async", "interface", "world", "package a:b;", "include", "with",
        "@since(version = 1.0.0)", "@unstable(feature = x)", "@deprecated(version = 9.9.9)", "/*", "*/", "///",
        "\u0000", "\u202e", "\uD83D\uDE00", "9999999999999999999999", "-", "--", "%%", "future", "stream",
    };

    @Test
    void mutatedInputsFailCleanly() throws IOException {
        List<String> corpus = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SharedFiles.witParserUi())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".wit")).sorted().toList()) {
                corpus.add(Files.readString(p));
            }
        }
        assertTrue(corpus.size() > 100, "corpus too small: " + corpus.size());
        Random random = new Random(0x5eed);
        WitResolver resolver = WitResolver.builder().allFeatures(true).build();
        int rejected = 0;
        for (int i = 0; i < INPUTS; i++) {
            String input = mutate(corpus.get(random.nextInt(corpus.size())), random);
            int n = i;
            boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    resolver.resolveSource("fuzz-" + n + ".wit", input);
                    return true;
                } catch (WitException e) {
                    return false;
                } catch (RuntimeException | StackOverflowError e) {
                    fail("input " + n + " ended in " + e + " instead of a WitException:\n" + input, e);
                    return false;
                }
            }, "input " + n + " took too long:\n" + input);
            rejected += ok ? 0 : 1;
        }
        // most mutations break the input; a fuzzer that never reaches the resolver tests little
        assertTrue(rejected > INPUTS / 4 && rejected < INPUTS, "rejected " + rejected + " of " + INPUTS);
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(6)) {
                case 0 -> sb.setCharAt(at, (char) (sb.charAt(at) ^ (1 << random.nextInt(7))));
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(20)));
                case 2 -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 3 -> sb.setLength(at);
                case 4 -> {
                    int len = Math.min(sb.length() - at, 1 + random.nextInt(40));
                    sb.insert(at, sb.substring(at, at + len));
                }
                default -> sb.insert(at, "list<".repeat(random.nextInt(300)));
            }
        }
        return sb.toString();
    }
}
