package dev.dovetail.compose;

import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentText;
import dev.dovetail.component.ComponentTextException;
import dev.dovetail.component.WitPackageEncoder;
import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitException;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The file-based {@link PackageResolver}: explicit paths, then a wac-style {@code deps} directory. */
final class FilePackageResolver implements PackageResolver {
    static final Pattern NAME = Pattern.compile(
            "%?[a-zA-Z][a-zA-Z0-9-]*(:%?[a-zA-Z][a-zA-Z0-9-]*)+(@[0-9A-Za-z.+-]+)?");

    private final Map<String, Path> explicit;
    private final Path deps;

    FilePackageResolver(Map<String, Path> explicit, Path deps) {
        this.explicit = explicit;
        this.deps = deps;
    }

    @Override
    public Optional<byte[]> find(String name, Optional<String> version) {
        for (Path p : candidates(name, version)) {
            boolean wit = Files.isDirectory(p) || p.getFileName().toString().endsWith(".wit");
            if (wit && Files.exists(p)) {
                return Optional.of(encodeWit(name, p));
            }
            if (Files.isRegularFile(p)) {
                return Optional.of(read(name, p));
            }
            if (isExplicit(name, version, p)) {
                throw new CompositionException("the file `" + p + "` given for package `" + name
                        + "` does not exist");
            }
        }
        return Optional.empty();
    }

    @Override
    public String searched(String name, Optional<String> version) {
        List<String> paths = new ArrayList<>();
        for (Path p : candidates(name, version)) {
            paths.add(p.toString());
        }
        return paths.isEmpty() ? "no dependencies were given" : "looked for " + String.join(", ", paths);
    }

    private boolean isExplicit(String name, Optional<String> version, Path p) {
        return p.equals(explicit.get(version.map(v -> name + "@" + v).orElse(name))) || p.equals(explicit.get(name));
    }

    private List<Path> candidates(String name, Optional<String> version) {
        List<Path> out = new ArrayList<>();
        version.map(v -> explicit.get(name + "@" + v)).ifPresent(out::add);
        Path plain = explicit.get(name);
        if (plain != null) {
            out.add(plain);
        }
        if (!out.isEmpty() || deps == null) {
            return out;
        }
        Path base = deps;
        for (String segment : name.split(":")) {
            base = base.resolve(segment);
        }
        // `1.2.3` must not be treated as having the extension `3`: append, do not replace
        Path file = version.isPresent() ? base.resolve(version.get()) : base;
        out.add(file.resolveSibling(file.getFileName() + ".wasm"));
        out.add(file.resolveSibling(file.getFileName() + ".wat"));
        return out;
    }

    /**
     * A {@code .wit} file or WIT package folder (with its {@code deps/}), resolved and encoded as
     * a binary WIT package (WIT.md "Package Format"), the form the graph takes for {@code import
     * x: ns:pkg/iface;}. Its main package must be the one asked for.
     */
    private static byte[] encodeWit(String name, Path p) {
        ResolvedWit wit;
        try {
            wit = WitResolver.builder().build().resolve(p);
        } catch (WitException e) {
            throw new CompositionException("cannot read package `" + name + "` from `" + p + "`: " + e.getMessage(), e);
        }
        PackageName found = wit.resolve().pkg(wit.mainPackage()).name();
        if (!found.withoutVersion().equals(name)) {
            throw new CompositionException("`" + p + "` holds WIT package `" + found + "`, not `" + name + "`");
        }
        try {
            return WitPackageEncoder.encode(wit);
        } catch (IllegalArgumentException e) {
            throw new CompositionException("cannot encode WIT package `" + found + "` from `" + p + "`: " + e.getMessage(), e);
        }
    }

    private static byte[] read(String name, Path p) {
        try {
            byte[] bytes = Files.readAllBytes(p);
            if (p.getFileName().toString().endsWith(".wat")) {
                String text = new String(bytes, StandardCharsets.UTF_8);
                return ComponentEncoder.encode(ComponentText.parse(text, p.toString()));
            }
            return bytes;
        } catch (IOException e) {
            throw new CompositionException("cannot read package `" + name + "` from `" + p + "`: " + e.getMessage(), e);
        } catch (ComponentTextException e) {
            throw new CompositionException("cannot read package `" + name + "` from `" + p + "`: " + e.getMessage(), e);
        }
    }
}
