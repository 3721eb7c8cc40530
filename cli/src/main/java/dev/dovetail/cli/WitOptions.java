package dev.dovetail.cli;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The options of every subcommand that reads WIT ({@code wit}, and later {@code bindgen},
 * {@code embed}, {@code new}, ...): feature gates and extra dependency folders. Use it as a
 * picocli {@code @Mixin}.
 */
public final class WitOptions {
    @Option(
            names = "--features",
            split = ",",
            paramLabel = "FEATURE",
            description = "Enable these @unstable features (comma-separated, repeatable).")
    List<String> features = new ArrayList<>();

    @Option(names = "--all-features", description = "Enable every @unstable feature.")
    boolean allFeatures;

    @Option(
            names = "--deps",
            paramLabel = "DIR",
            description = "A folder laid out like deps/ (one package per sub-folder or .wit file), "
                    + "searched for dependencies; repeatable.")
    List<Path> deps = new ArrayList<>();

    /** A resolver configured from these options. */
    public WitResolver resolver() {
        Set<String> enabled = new LinkedHashSet<>();
        for (String feature : features) {
            if (!feature.isBlank()) {
                enabled.add(feature.strip());
            }
        }
        for (Path dir : deps) {
            requireDirectory(dir, "--deps");
        }
        return WitResolver.builder()
                .features(enabled)
                .allFeatures(allFeatures)
                .dependencyDirs(deps)
                .build();
    }

    /** Resolves a {@code .wit} file or package directory with these options. */
    public ResolvedWit resolve(Path path) {
        if (!Files.exists(path)) {
            throw new CliException("no such file or directory: " + path);
        }
        return resolver().resolve(path);
    }

    private static void requireDirectory(Path dir, String option) {
        if (!Files.isDirectory(dir)) {
            throw new CliException(option + " " + dir + ": "
                    + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
    }
}
