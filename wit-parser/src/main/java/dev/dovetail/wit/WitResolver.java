package dev.dovetail.wit;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The entry point of the WIT parser: reads a {@code .wit} file or a package directory (with its
 * {@code deps/} folder), parses, resolves and elaborates it, and applies feature gates.
 *
 * <pre>{@code
 * ResolvedWit wit = WitResolver.builder().features(Set.of("my-feature")).build().resolve(path);
 * String json = WitJson.toJson(wit.resolve());
 * }</pre>
 */
public final class WitResolver {
    private final Set<String> features;
    private final boolean allFeatures;
    private final List<Path> dependencyDirs;

    private WitResolver(Set<String> features, boolean allFeatures, List<Path> dependencyDirs) {
        this.features = Set.copyOf(features);
        this.allFeatures = allFeatures;
        this.dependencyDirs = List.copyOf(dependencyDirs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Resolves a {@code .wit} file or a package directory; every failure is a {@link WitException}. */
    public ResolvedWit resolve(Path path) {
        return new PackageLoader(features, allFeatures, dependencyDirs).load(path);
    }

    /** Resolves WIT source text as if read from a file named {@code fileName}. */
    public ResolvedWit resolveSource(String fileName, String source) {
        return new PackageLoader(features, allFeatures, dependencyDirs).loadSource(Path.of(fileName), source);
    }

    public static final class Builder {
        private Set<String> features = Set.of();
        private boolean allFeatures;
        private List<Path> dependencyDirs = List.of();

        private Builder() {}

        /**
         * Extra folders laid out like a {@code deps/} folder (one package per sub-directory or
         * {@code .wit} file), searched for dependencies besides the root's own {@code deps/}.
         */
        public Builder dependencyDirs(List<Path> dirs) {
            this.dependencyDirs = List.copyOf(dirs);
            return this;
        }

        /** Enables the named {@code @unstable} features; items of other features are left out. */
        public Builder features(Set<String> features) {
            this.features = Set.copyOf(features);
            return this;
        }

        /** Enables every {@code @unstable} feature. */
        public Builder allFeatures(boolean allFeatures) {
            this.allFeatures = allFeatures;
            return this;
        }

        public WitResolver build() {
            return new WitResolver(features, allFeatures, dependencyDirs);
        }
    }
}
