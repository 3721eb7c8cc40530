package dev.dovetail.wasi;

import dev.dovetail.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Runs a command component under {@code jco run} (jco's transpiler and preview2-shim on Node),
 * granted what a {@link WasiConfig} would grant: jco 1.34's {@code run} has no flags for that, so
 * a module given with {@code --jco-import} configures preview2-shim before the component starts
 * ({@code _setArgs}, {@code _setEnv}, {@code _setPreopens}; by default the shim would pass the
 * host's whole environment and preopen {@code /}).
 */
final class JcoRun {
    private JcoRun() {}

    static Processes.Result run(Path component, List<String> args, Map<String, String> env, Map<String, Path> preopens,
            byte[] stdin) {
        Path jco = Guests.jco();
        try {
            Path work = Files.createTempDirectory(Files.createDirectories(Guests.guests().resolve("tmp")), "jco-run");
            try {
                Path setup = work.resolve("setup.mjs");
                Files.writeString(setup, setupModule(args, env, preopens));
                Path in = null;
                if (stdin != null) {
                    in = work.resolve("stdin.bin");
                    Files.write(in, stdin);
                }
                List<String> command = Processes.command(jco, "run", "--jco-dir", work, "--jco-import", setup, component);
                return Guests.run(command, Map.of(), in, 300);
            } finally {
                deleteTree(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String setupModule(List<String> args, Map<String, String> env, Map<String, Path> preopens) {
        String envJs = env.entrySet().stream().map(e -> js(e.getKey()) + ": " + js(e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
        String preopensJs = preopens.entrySet().stream()
                .map(e -> js(e.getKey()) + ": " + js(e.getValue().toAbsolutePath().toString()))
                .collect(Collectors.joining(", ", "{", "}"));
        String argsJs = args.stream().map(JcoRun::js).collect(Collectors.joining(", ", "[", "]"));
        return "import { _setArgs, _setEnv } from '@bytecodealliance/preview2-shim/cli';\n"
                + "import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';\n"
                + "_setArgs(" + argsJs + ");\n"
                + "_setEnv(" + envJs + ");\n"
                + "_setPreopens(" + preopensJs + ");\n";
    }

    /** A JavaScript string literal. */
    static String js(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            try (var s = Files.list(p)) {
                for (Path c : s.toList()) {
                    deleteTree(c);
                }
            }
        }
        Files.delete(p);
    }
}
