package dev.dovetail.compose;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the component (or encoded WIT package) a WAC document refers to by package name.
 *
 * <p>{@link #of} looks first at explicit {@code ns:pkg=PATH} pairs (the CLI's {@code --dep}), then
 * in a directory laid out as wac's {@code deps/}: {@code ns:pkg} is {@code deps/ns/pkg.wasm} and
 * {@code ns:pkg@1.2.3} is {@code deps/ns/pkg/1.2.3.wasm}; each namespace segment of a nested name
 * ({@code a:b:c}) is one directory. A {@code .wat} file of the same name, in the component text
 * format, is used when there is no {@code .wasm}. An explicit path may also be a {@code .wit} file
 * or a WIT package folder (with its {@code deps/}): it is resolved and handed on as the encoded
 * WIT package, whose interfaces a document can import ({@code import x: ns:pkg/iface;}).
 */
@FunctionalInterface
public interface PackageResolver {

    /**
     * The bytes of package {@code name} ({@code ns:pkg}) at {@code version} (empty: unversioned),
     * or empty if this resolver does not know it.
     *
     * @throws CompositionException if the package is known but cannot be read
     */
    Optional<byte[]> find(String name, Optional<String> version);

    /** Where {@link #find} looked for a package, for the message when it is unknown. */
    default String searched(String name, Optional<String> version) {
        return "";
    }

    /** Explicit packages only: {@code "ns:pkg"} (or {@code "ns:pkg@1.2.3"}) to a file. */
    static PackageResolver explicit(Map<String, Path> packages) {
        return of(packages, null);
    }

    /** Packages in a wac-style {@code deps} directory only. */
    static PackageResolver directory(Path deps) {
        return of(Map.of(), Objects.requireNonNull(deps));
    }

    /**
     * Explicit packages first, then the directory {@code deps} (may be null). An explicit key
     * without a version also serves requests with a version, as wac's overrides do not; a key with
     * a version serves only that version.
     */
    static PackageResolver of(Map<String, Path> packages, Path deps) {
        Map<String, Path> explicit = new LinkedHashMap<>();
        packages.forEach((k, v) -> explicit.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return new FilePackageResolver(Map.copyOf(explicit), deps);
    }

    /** Parses a {@code --dep} value {@code ns:pkg=PATH} (or {@code ns:pkg@1.2.3=PATH}). */
    static Map.Entry<String, Path> parseDependency(String spec) {
        int eq = spec.indexOf('=');
        String name = eq < 0 ? "" : spec.substring(0, eq).strip();
        String path = eq < 0 ? "" : spec.substring(eq + 1).strip();
        if (!FilePackageResolver.NAME.matcher(name).matches() || path.isEmpty()) {
            throw new CompositionException("invalid dependency `" + spec + "`: expected ns:pkg=PATH");
        }
        return Map.entry(name, Path.of(path));
    }
}
