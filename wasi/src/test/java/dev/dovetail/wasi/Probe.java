package dev.dovetail.wasi;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.LoadedComponent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Runs a probe guest under Dovetail through {@link WasiCommand}, capturing stdout and stderr. */
final class Probe {
    private Probe() {}

    /** The guests, by language. */
    enum Lang {
        RUST,
        GO;

        Path component() {
            return switch (this) {
                case RUST -> Guests.rustProbe();
                case GO -> Guests.goProbe();
            };
        }

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What a run printed and how it ended. */
    record Output(CommandResult result, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static final Map<String, LoadedComponent> LOADED = new HashMap<>();

    static synchronized LoadedComponent load(Engine engine, Path component) {
        return LOADED.computeIfAbsent(engine + " " + component,
                k -> ComponentRuntime.create(engine).load(component));
    }

    /** Runs {@code probe args...} with whatever else {@code grant} grants. */
    static Output run(Engine engine, Lang lang, List<String> args, Consumer<WasiConfig.Builder> grant) {
        LoadedComponent component = load(engine, lang.component());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig.Builder b = WasiConfig.builder().args(args).stdout(out).stderr(err);
        grant.accept(b);
        CommandResult r = WasiCommand.run(ComponentRuntime.create(engine), component, b.build());
        return new Output(r, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Output run(Engine engine, Lang lang, List<String> args) {
        return run(engine, lang, args, b -> {});
    }
}
