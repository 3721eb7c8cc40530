package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.fail;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Needs;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Components built by the ecosystem's toolchains from sources in the repository (DESIGN.md, "Guest
 * toolchains"), for the tests of this module and of the CLI (through this module's test jar):
 *
 * <ul>
 *   <li>{@link #js()}: the runtime's JavaScript guest ({@code runtime/src/test/resources/js/guest.js}
 *       and {@code guest.wit}) made a component by componentize-qjs {@code --sync} (WASI imports
 *       kept, unlike the runtime's build, which stubs them);
 *   <li>{@link #rustCore()}: the runtime's Rust guest ({@code runtime/src/test/resources/rust/guest.rs})
 *       compiled by Debian's {@code /usr/bin/rustc} for {@code wasm32-unknown-unknown};
 *       {@link #rustEmbedded()} is that module with {@link WitEmbedder}'s {@code component-type}
 *       section for world {@link #RUST_WORLD} of {@code guest.wit}, {@link #rustEmbeddedByJco()} the
 *       same by {@code jco embed}, and {@link #rust()} the component {@code jco new} makes of ours.
 * </ul>
 *
 * <p>Tool outputs are cached in {@code component/target/real} ({@link BuildCache}), named by a hash
 * of their inputs (sources, tool versions, options), so reruns cost nothing. A missing tool fails
 * the test when {@code CI=true} and skips it elsewhere ({@link Needs}).
 */
public final class RealComponents {
    /** The world of the Rust guest's WIT that the core module implements. */
    public static final String RUST_WORLD = "guest";

    private static final List<String> RUSTC_FLAGS = List.of("--edition", "2021", "--target", "wasm32-unknown-unknown",
            "--crate-type", "cdylib", "-O", "-C", "strip=debuginfo");

    private RealComponents() {}

    /** The project root ({@link Tools#root()}). */
    public static Path root() {
        return Tools.root();
    }

    public static Path jsSource() {
        return root().resolve("runtime/src/test/resources/js/guest.js");
    }

    public static Path jsWit() {
        return root().resolve("runtime/src/test/resources/js/guest.wit");
    }

    public static Path rustSource() {
        return root().resolve("runtime/src/test/resources/rust/guest.rs");
    }

    public static Path rustWit() {
        return root().resolve("runtime/src/test/resources/rust/guest.wit");
    }

    /** The componentize-qjs {@code --sync} component of the JavaScript guest. */
    public static Path js() {
        Path qjs = interopTool("componentize-qjs");
        Path wit = existing(jsWit());
        Path js = existing(jsSource());
        return cache().get("js-guest.wasm", List.of(wit, js, interopLock()), "componentize-qjs --sync",
                out -> check(List.of(qjs.toString(), "--sync", "--wit", wit.toString(), "--js", js.toString(),
                        "-o", out.toString()), 300));
    }

    /** The Rust guest's core module, as rustc wrote it (no component-type section). */
    public static Path rustCore() {
        Path rustc = rustc();
        Path source = existing(rustSource());
        String version = check(List.of(rustc.toString(), "--version"), 60).out();
        return cache().get("rust-guest-core.wasm", List.of(source), version + RUSTC_FLAGS,
                out -> check(Processes.command(rustc, RUSTC_FLAGS, source, "-o", out), 300));
    }

    /** The Rust guest's WIT, resolved. */
    public static ResolvedWit rustResolved() {
        return WitResolver.builder().build().resolve(existing(rustWit()));
    }

    /** The id of {@link #RUST_WORLD} in {@code resolved}. */
    public static int rustWorld(ResolvedWit resolved) {
        Integer id = resolved.resolve().pkg(resolved.mainPackage()).worlds().get(RUST_WORLD);
        if (id == null) {
            fail("no world `" + RUST_WORLD + "` in " + rustWit());
        }
        return id;
    }

    /** {@link #rustCore()} with our {@code component-type} section (never cached: it is the code under test). */
    public static byte[] rustEmbedded() {
        ResolvedWit wit = rustResolved();
        return WitEmbedder.embed(read(rustCore()), wit.resolve(), rustWorld(wit));
    }

    /** {@link #rustCore()} with the {@code component-type} section of {@code jco embed}. */
    public static Path rustEmbeddedByJco() {
        Path jco = interopTool("jco");
        Path core = rustCore();
        Path wit = existing(rustWit());
        return cache().get("rust-guest-jco-embed.wasm", List.of(core, wit, interopLock()), "jco embed -n " + RUST_WORLD,
                out -> check(List.of(jco.toString(), "embed", "--wit", wit.toString(), "-n", RUST_WORLD,
                        core.toString(), "-o", out.toString()), 300));
    }

    /** The component {@code jco new} makes of {@link #rustEmbedded()}. */
    public static Path rust() {
        Path jco = interopTool("jco");
        byte[] embedded = rustEmbedded();
        Path input = cache().put("rust-guest-embedded.wasm", embedded);
        return cache().get("rust-guest.wasm", List.of(input, interopLock()), "jco new",
                out -> check(List.of(jco.toString(), "new", input.toString(), "-o", out.toString()), 300));
    }

    /** {@code jco wit FILE}: the WIT of a component as wit-component prints it. */
    public static String jcoWit(Path component) {
        Path jco = interopTool("jco");
        return check(List.of(jco.toString(), "wit", component.toString()), 120).out();
    }

    public static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** WIT text with all whitespace removed, for comparisons that ignore layout. */
    public static String squash(String wit) {
        return Jco.squash(wit);
    }

    // ------------------------------------------------------------------ tools and cache

    /** {@code interop/node_modules/.bin/<name>} (jco, componentize-qjs), or a failure (CI) or skip. */
    static Path interopTool(String name) {
        return Needs.tool(() -> Tools.interop(name));
    }

    /** Debian's rustc with the {@code wasm32-unknown-unknown} standard library, or a failure (CI) or skip. */
    static Path rustc() {
        return Needs.tool(() -> Tools.rustc("wasm32-unknown-unknown"));
    }

    private static Path interopLock() {
        return existing(Tools.interopLock());
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) {
            fail("missing input " + p);
        }
        return p;
    }

    /** {@code component/target/real}: tool outputs named by a hash of their inputs. */
    private static BuildCache cache() {
        return BuildCache.in(root().resolve("component/target/real"));
    }

    private static Processes.Result check(List<String> command, int timeoutSeconds) {
        return Processes.check(command, cache().dir(), timeoutSeconds);
    }
}
