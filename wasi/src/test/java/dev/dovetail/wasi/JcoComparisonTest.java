package dev.dovetail.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.Engine;
import dev.dovetail.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same command components under Dovetail and under {@code jco run} (the ecosystem's host,
 * preview2-shim on Node), granted the same arguments, environment, stdin and directory: same
 * stdout, same exit status.
 */
class JcoComparisonTest {
    /** One run: arguments after the program name, environment, stdin, whether {@code /data} is granted. */
    record Scenario(String name, List<String> args, Map<String, String> env, String stdin, boolean data) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> scenarios() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello there");
        env.put("UNICODE", "ünïcödé ☃");
        List<Scenario> all = List.of(
                new Scenario("hello", List.of("hello"), Map.of(), null, false),
                // no empty argument: jco lowers "" so that Go's runtime panics reading its arguments
                new Scenario("args", List.of("args", "a b", "ünï", "--x=1"), Map.of(), null, false),
                new Scenario("env", List.of("env", "GREETING", "PATH"), env, null, false),
                new Scenario("stdin", List.of("stdin"), Map.of(), "some input\nmore ünïcödé\n".repeat(200), false),
                new Scenario("exit", List.of("exit", "3"), Map.of(), null, false),
                new Scenario("file", List.of("file", "/data/existing"), Map.of(), null, true),
                new Scenario("ls", List.of("ls", "/data"), Map.of(), null, true),
                new Scenario("read", List.of("read", "/data/host.txt"), Map.of(), null, true),
                new Scenario("read missing", List.of("read", "/data/missing.txt"), Map.of(), null, true),
                new Scenario("write", List.of("write", "/data/sub/out.txt", "from the guest"), Map.of(), null, true));
        List<Arguments> out = new ArrayList<>();
        for (Probe.Lang lang : Probe.Lang.values()) {
            for (Scenario s : all) {
                out.add(Arguments.of(lang, s));
            }
        }
        return out.stream();
    }

    /** A fresh directory for one host: a file, subdirectories, a symlink inside ({@code sub/} is where {@code write} writes). */
    static Path dataDir(Path base) throws IOException {
        Files.createDirectories(base.resolve("sub"));
        Files.createDirectories(base.resolve("existing"));
        Files.writeString(base.resolve("existing/nested.txt"), "nested\n");
        Files.writeString(base.resolve("host.txt"), "written by the host\n");
        Files.createSymbolicLink(base.resolve("link"), Path.of("host.txt"));
        return base;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void sameOutputAsJco(Probe.Lang lang, Scenario s, @TempDir Path dir) throws IOException {
        Path component = lang.component();
        List<String> args = new ArrayList<>(List.of("probe"));
        args.addAll(s.args());
        byte[] stdin = s.stdin() == null ? null : s.stdin().getBytes(StandardCharsets.UTF_8);
        Path forDovetail = dataDir(dir.resolve("dovetail"));
        Path forJco = dataDir(dir.resolve("jco"));

        Probe.Output mine = Probe.run(Engine.INTERPRETER, lang, args, b -> {
            b.env(s.env());
            if (stdin != null) {
                b.stdin(stdin);
            }
            if (s.data()) {
                b.preopen(forDovetail, "/data", DirAccess.READ_WRITE);
            }
        });
        Processes.Result theirs = JcoRun.run(component, args, s.env(), s.data() ? Map.of("/data", forJco) : Map.of(), stdin);

        assertEquals(theirs.out(), mine.out(), () -> "stdout differs from jco run's\n" + theirs.describe());
        assertEquals(theirs.exit(), mine.result().exitCode(), () -> "exit status differs\n" + theirs.describe());
        if (s.data()) {
            assertEquals(listing(forJco), listing(forDovetail), "the directories differ afterwards");
        }
    }

    /**
     * The escape attempts both hosts refuse, the same way: {@code ..} and absolute paths. (jco's
     * preview2-shim resolves paths lexically and follows symlinks on the host, so symlinks out of
     * a preopen are followed there; it has no read-only preopens. Those lines differ by design.)
     */
    @ParameterizedTest
    @EnumSource(Probe.Lang.class)
    void escapesRefusedLikeJco(Probe.Lang lang, @TempDir Path dir) {
        EscapeFixture mineTree = new EscapeFixture(dir.resolve("dovetail"));
        EscapeFixture theirTree = new EscapeFixture(dir.resolve("jco"));
        List<String> args = List.of("probe", "escape", "/data", "/ro");
        Probe.Output mine = Probe.run(Engine.INTERPRETER, lang, args, mineTree::grant);
        Processes.Result theirs = JcoRun.run(lang.component(), args, Map.of(),
                Map.of("/data", theirTree.rw, "/ro", theirTree.ro), null);
        List<String> common = List.of("dotdot read", "dotdot create", "dotdot mkdir", "absolute read", "raw dotdot",
                "raw nested dotdot", "raw absolute", "raw absolute create", "rename out", "env");
        assertEquals(select(theirs.out(), common), select(mine.out(), common), theirs::describe);
        assertEquals(common.size(), select(mine.out(), common).size());
        assertTrue(select(mine.out(), common).stream().allMatch(l -> l.contains(": denied (")), mine.out());
    }

    private static List<String> select(String out, List<String> prefixes) {
        return out.lines().filter(l -> prefixes.stream().anyMatch(p -> l.startsWith(p + ":"))).toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<String> out = new ArrayList<>();
            for (Path p : s.sorted().toList()) {
                String rel = dir.relativize(p).toString();
                out.add(Files.isSymbolicLink(p) ? rel + " -> " + Files.readSymbolicLink(p)
                        : Files.isDirectory(p) ? rel + "/" : rel + " " + Files.readString(p));
            }
            return out;
        }
    }
}
