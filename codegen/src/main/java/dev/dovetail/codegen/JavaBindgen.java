package dev.dovetail.codegen;

import dev.dovetail.wit.Resolve;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * Typed Java host bindings for a WIT world. The entry point of this module:
 *
 * <pre>{@code
 * ResolvedWit wit = WitResolver.builder().build().resolve(Path.of("wit"));
 * int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("my-world");
 * Map<String, String> files = JavaBindgen.generate(wit.resolve(), world, new JavaBindgen.Options("com.example.bindings"));
 * // write each value to the path of its key, under a source root
 * }</pre>
 *
 * <p>For the world, one Java package holds: a class named after the world (typed calls of the
 * exports, and its {@code Imports} that registers host implementations in a {@code Linker}); a
 * Java interface per imported interface, which the host implements; a class per exported
 * interface; and the helper types {@code Result} and {@code TupleN} when used. The mapping of
 * WIT types to Java is documented in the module's README and on the generated world class.
 */
public final class JavaBindgen {
    private JavaBindgen() {}

    /**
     * How to generate.
     *
     * @param packageName the Java package of every generated type (one package per world: each
     *     world has its own helpers); empty for the default package
     */
    public record Options(String packageName) {
        public Options {
            Objects.requireNonNull(packageName);
            if (!packageName.isEmpty() && !packageName.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
                throw new IllegalArgumentException("not a Java package name: " + packageName);
            }
        }
    }

    /**
     * Generates the bindings of world {@code worldId} of {@code resolve}.
     *
     * @return the Java sources, by path relative to a source root ({@code com/example/X.java}),
     *     in path order; nothing is written
     * @throws IllegalArgumentException if the world has something the generator cannot map
     *     (flags with more than 64 labels)
     */
    public static Map<String, String> generate(Resolve resolve, int worldId, Options options) {
        Objects.requireNonNull(resolve);
        Objects.requireNonNull(options);
        if (worldId < 0 || worldId >= resolve.worlds().size()) {
            throw new IllegalArgumentException("no world " + worldId + " in the resolve");
        }
        Plan plan = new Plan(resolve, worldId, options.packageName());
        return Collections.unmodifiableMap(new WorldWriter(plan).write());
    }
}
