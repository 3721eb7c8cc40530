package dev.dovetail.runtime;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Tools;
import java.nio.file.Path;

/**
 * The guest toolchains of the interop tests (DESIGN.md, "Guest toolchains"), through the shared
 * {@link Tools}: a missing tool fails the test when {@code CI=true} and skips it elsewhere
 * ({@link Needs}). Built guests are cached in {@code runtime/target/guests} ({@link #cache()}).
 */
final class GuestTools {
    private GuestTools() {}

    /** {@code runtime/target/guests}: built guests keyed by a hash of their inputs, so reruns are fast. */
    static BuildCache cache() {
        return BuildCache.in(Suite.root().resolve("runtime/target/guests"));
    }

    /** {@code interop/node_modules/.bin/<name>} (jco, componentize-qjs). */
    static Path interopTool(String name) {
        return Needs.tool(() -> Tools.interop(name));
    }

    /** {@code node} from the {@code PATH}. */
    static Path node() {
        return Needs.tool(Tools::node);
    }

    /** Debian's rustc with the {@code wasm32-unknown-unknown} standard library. */
    static Path rustc() {
        return Needs.tool(() -> Tools.rustc("wasm32-unknown-unknown"));
    }

    /** {@code runtime/target/guests}, created if absent. */
    static Path guests() {
        return cache().dir();
    }

    /** A test resource folder of the runtime module ({@code src/test/resources/<name>}). */
    static Path resources(String name) {
        return Suite.root().resolve("runtime/src/test/resources").resolve(name);
    }
}
