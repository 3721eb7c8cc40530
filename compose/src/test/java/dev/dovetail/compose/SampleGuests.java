package dev.dovetail.compose;

import dev.dovetail.testing.BuildCache;
import dev.dovetail.testing.Processes;
import dev.dovetail.testing.Tools;
import dev.dovetail.wasi.GuestBuilder;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The composition samples of {@code compose/src/test/resources/samples}: the Rust {@code math}
 * provider (Debian's rustc, {@code wasm32-unknown-unknown}) and the Go {@code text} provider
 * ({@code GOOS=wasip1 -buildmode=c-shared}, a reactor), as core modules and as components made by
 * {@link Componentizer} with their world of {@code samples.wit} (Go with the preview1 reactor
 * adapter of the pinned jco). Outputs are cached in {@code compose/target/samples}, named by a hash
 * of their inputs and tool versions. A missing tool throws {@link Tools.MissingToolException}.
 */
public final class SampleGuests {
    private SampleGuests() {}

    public static final String MATH = "dovetail:samples/math@0.1.0";
    public static final String TEXT = "dovetail:samples/text@0.1.0";

    /** {@code samples/wit/samples.wit}. */
    public static Path wit() {
        return samples().resolve("wit/samples.wit");
    }

    /** The Rust sample as a core module (no component-type section). */
    public static Path rustCore() {
        Path rustc = Tools.rustc("wasm32-unknown-unknown");
        Path source = samples().resolve("rust/math.rs");
        List<String> flags = List.of("--edition", "2021", "--target", "wasm32-unknown-unknown", "--crate-type", "cdylib",
                "-O", "-C", "strip=debuginfo");
        String version = GuestBuilder.check(List.of(rustc.toString(), "--version"), Map.of(), 60).out().strip();
        return cached("math-core.wasm", List.of(source), version + flags, out ->
                GuestBuilder.check(Processes.command(rustc, flags, source, "-o", out), Map.of(), 600));
    }

    /** The Go sample as a core module (a reactor exporting {@code _initialize}). */
    public static Path goCore() {
        Path go = GuestBuilder.go();
        Path dir = samples().resolve("go");
        Map<String, String> env = Tools.goEnv(target().resolve("go-cache"));
        String version = GuestBuilder.check(List.of(go.toString(), "version"), env, 60).out().strip();
        return cached("text-core.wasm", List.of(dir.resolve("main.go"), dir.resolve("go.mod")),
                version + " memory " + GuestBuilder.GO_INITIAL_PAGES, out -> {
                    GuestBuilder.check(List.of("sh", "-c", "cd \"$0\" && exec \"$1\" build -buildmode=c-shared -trimpath -o \"$2\" .",
                            dir.toString(), go.toString(), out.toString()), env, 900);
                    Files.write(out, GuestBuilder.withInitialMemory(Files.readAllBytes(out), GuestBuilder.GO_INITIAL_PAGES));
                });
    }

    /** The preview1 reactor adapter shipped in the jco package. */
    public static Path reactorAdapter() {
        return Tools.preview1Adapter("reactor");
    }

    /** The Rust sample made a component (world {@code math-provider}) by {@link Componentizer}. */
    public static Path rustComponent() {
        Path core = rustCore();
        return cached("math.wasm", List.of(core, wit()), "componentize", out ->
                Files.write(out, Componentizer.builder().wit(world("math-provider").resolve(), world("math-provider").id())
                        .build().componentize(Files.readAllBytes(core))));
    }

    /** The Go sample made a component (world {@code text-provider}, reactor adapter) by {@link Componentizer}. */
    public static Path goComponent() {
        Path core = goCore();
        Path adapter = reactorAdapter();
        return cached("text.wasm", List.of(core, wit(), adapter), "componentize --adapt", out ->
                Files.write(out, Componentizer.builder().wit(world("text-provider").resolve(), world("text-provider").id())
                        .adapter("wasi_snapshot_preview1", Files.readAllBytes(adapter))
                        .build().componentize(Files.readAllBytes(core))));
    }

    /** The JavaScript socket (world {@code app}), made a component by componentize-qjs ({@code --sync}, no WASI). */
    public static Path jsComponent() {
        Path qjs = Tools.interop("componentize-qjs");
        Path js = samples().resolve("js/app.js");
        return cached("app.wasm", List.of(js, wit(), Tools.interopLock()), "componentize-qjs --sync --stub-wasi", out ->
                GuestBuilder.check(List.of(qjs.toString(), "--sync", "--stub-wasi", "--wit", wit().getParent().toString(),
                        "-n", "app", "--js", js.toString(), "-o", out.toString()), Map.of(), 600));
    }

    /** {@code samples/app.wac}: the three samples composed in WAC. */
    public static Path wac() {
        return samples().resolve("app.wac");
    }

    /** A world of {@code samples.wit}. */
    public record World(dev.dovetail.wit.Resolve resolve, int id) {}

    public static World world(String name) {
        ResolvedWit wit = WitResolver.builder().build().resolve(wit());
        Integer id = wit.resolve().pkg(wit.mainPackage()).worlds().get(name);
        if (id == null) {
            throw new IllegalArgumentException("no world " + name + " in " + wit());
        }
        return new World(wit.resolve(), id);
    }

    // ------------------------------------------------------------------ cache

    static Path samples() {
        return Tools.root().resolve("compose/src/test/resources/samples");
    }

    /** {@code compose/target/samples}. */
    public static Path target() {
        return Tools.root().resolve("compose/target/samples");
    }

    /**
     * {@code target()/<name>-<hash>.wasm}, built when absent. The hash of a component made by
     * {@link Componentizer} also covers the componentizer's own classes, so a changed Componentizer
     * rebuilds them (not the toolchains' outputs: the core modules and the componentize-qjs app).
     */
    private static Path cached(String name, List<Path> inputs, String key, BuildCache.Build build) {
        List<byte[]> classes = new ArrayList<>();
        if (!name.endsWith("-core.wasm") && !name.equals("app.wasm")) {
            try (Stream<Path> files = Files.walk(classesOf(Componentizer.class))) {
                for (Path c : files.filter(Files::isRegularFile).sorted().toList()) {
                    classes.add(Files.readAllBytes(c));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return BuildCache.in(target()).get(name, BuildCache.hash(key, inputs, classes), build);
    }

    private static Path classesOf(Class<?> c) {
        try {
            Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(p) ? p.resolve(c.getPackageName().replace('.', '/')) : p;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
