package dev.dovetail.cli;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.wast.WastRunner;
import dev.dovetail.runtime.wast.WastRunner.Kind;
import dev.dovetail.runtime.wast.WastRunner.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dovetail wast}: runs a Component Model reference test converted to JSON commands. */
@Command(
        name = "wast",
        mixinStandardHelpOptions = true,
        header = "Run a converted Component Model reference test and print a pass/fail summary.",
        description = {
            "Run the commands of a .wast test converted to JSON (the json-from-wast format: a <stem>.json "
                    + "script with its component binaries beside it) and report each failed assertion, then "
                    + "a summary. assert_invalid and assert_malformed are left to the validator and only counted.",
            "Exit code 0 when every counted assertion passes, 1 otherwise."
        })
final class WastCommand extends DovetailCommand {
    @Mixin
    EngineOption engine;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "Stop the script after this many seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = {"-v", "--verbose"}, description = "Print every assertion, not only the failed ones.")
    boolean verbose;

    @Parameters(paramLabel = "FILE",
            description = "The JSON script, or the folder that holds it as <folder name>.json.")
    Path path;

    @Override
    protected int run() {
        Path script = script(path);
        if (timeoutSeconds <= 0) {
            throw new CliException("--timeout must be positive, not " + timeoutSeconds);
        }
        String name = script.getFileName().toString();
        String stem = name.substring(0, name.length() - ".json".length());
        WastRunner runner = new WastRunner(ComponentRuntime.create(engine.engine()));
        try {
            runner.run(script, stem, Duration.ofSeconds(timeoutSeconds));
        } catch (IOException e) {
            throw new CliException("cannot read " + script + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliException(script + ": " + e.getMessage());
        }
        List<Outcome> outcomes = runner.outcomes();
        for (Outcome o : outcomes) {
            if (!o.passed()) {
                out().println("FAIL " + o.id() + " " + kind(o.kind()) + ": " + o.detail());
            } else if (verbose) {
                out().println("ok   " + o.id() + " " + kind(o.kind()));
            }
        }
        int passed = (int) outcomes.stream().filter(Outcome::passed).count();
        List<String> parts = new ArrayList<>();
        for (Kind k : Kind.values()) {
            long total = outcomes.stream().filter(o -> o.kind() == k).count();
            if (total > 0) {
                long ok = outcomes.stream().filter(o -> o.kind() == k && o.passed()).count();
                parts.add(kind(k) + " " + ok + "/" + total);
            }
        }
        String summary = stem + " [" + EngineOption.name(engine.engine()) + "]: " + passed + "/" + outcomes.size()
                + " passed" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        if (!runner.skipped().isEmpty()) {
            summary += "; " + runner.skipped().size() + " command(s) not run (validator or unknown)";
        }
        emit(summary);
        return passed == outcomes.size() ? Dovetail.OK : Dovetail.FAILURE;
    }

    private static String kind(Kind k) {
        return switch (k) {
            case RETURN -> "assert_return";
            case TRAP -> "assert_trap";
            case UNINSTANTIABLE -> "assert_uninstantiable";
            case ACTION -> "action";
        };
    }

    /** A script file, or the script inside a folder named after it. */
    private static Path script(Path path) {
        if (Files.isDirectory(path)) {
            Path inside = path.resolve(path.toAbsolutePath().normalize().getFileName() + ".json");
            if (!Files.isRegularFile(inside)) {
                throw new CliException(path + " is a folder without " + inside.getFileName());
            }
            return inside;
        }
        if (!Files.isRegularFile(path)) {
            throw new CliException("no such file: " + path);
        }
        if (!path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new CliException(path + " is not a .json script (convert .wast files first; see the suite's README)");
        }
        return path;
    }
}
