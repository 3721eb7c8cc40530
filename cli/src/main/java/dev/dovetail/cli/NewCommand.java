package dev.dovetail.cli;

import dev.dovetail.compose.Componentizer;
import dev.dovetail.wit.ResolvedWit;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code dovetail new}: makes a component of a core module (like {@code wasm-tools component new}). */
@Command(
        name = "new",
        mixinStandardHelpOptions = true,
        header = "Make a component of a core module (like `wasm-tools component new`).",
        description = {
            "The world comes from the module's `component-type` section (as `dovetail embed` or `jco embed` "
                    + "write it), or from --wit and --world, which replace an embedded one. Core imports named "
                    + "after the world's interfaces are lowered from component imports; exports named "
                    + "`ns:pkg/iface@v#func` or after world functions are lifted.",
            "--adapt gives an adapter module for the core imports of module NAME: for a WASI preview1 module, "
                    + "the preview1 reactor or command adapter (`wasi_snapshot_preview1.reactor.wasm` or "
                    + "`.command.wasm`, shipped in the npm package @bytecodealliance/jco, lib/). Without NAME=, the "
                    + "name is the adapter's file name up to its first dot. A module without a world of its own "
                    + "(a preview1 command) then becomes a component of the adapter's world.",
            "The output is validated, then written to a temporary file next to OUTPUT and renamed over it, "
                    + "so a failed run leaves no file behind."
        })
final class NewCommand extends DovetailCommand {
    @Mixin
    WitOptions witOptions;

    @Parameters(paramLabel = "CORE", description = "A core WebAssembly module (.wasm).")
    Path core;

    @Option(names = "--wit", paramLabel = "PATH", description = "A .wit file or a WIT package directory.")
    Path wit;

    @Option(names = {"-w", "--world"}, paramLabel = "WORLD",
            description = "The world (with --wit): a name in the main package, or NAMESPACE:PACKAGE/WORLD[@VERSION]; "
                    + "optional when the main package has exactly one world.")
    String world;

    @Option(names = "--adapt", paramLabel = "[NAME=]PATH", description = "An adapter module (repeatable).")
    List<String> adapters = List.of();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Where to write the component.")
    Path output;

    @Override
    protected int run() {
        if (world != null && wit == null) {
            throw new ParameterException(spec.commandLine(), "--world needs --wit");
        }
        byte[] module = WasmFiles.read(core);
        Componentizer.Builder builder = Componentizer.builder();
        if (wit != null) {
            ResolvedWit resolved = witOptions.resolve(wit);
            builder.wit(resolved.resolve(), WorldSelection.select(resolved, world));
        }
        Map<String, Path> byName = new LinkedHashMap<>();
        for (String spec : adapters) {
            int eq = spec.indexOf('=');
            Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
            String name = eq < 0 ? defaultName(file) : spec.substring(0, eq);
            if (name.isEmpty() || byName.put(name, file) != null) {
                throw new CliException(name.isEmpty() ? "--adapt " + spec + ": no adapter name"
                        : "--adapt: adapter `" + name + "` is given twice");
            }
        }
        byName.forEach((name, file) -> builder.adapter(name, WasmFiles.read(file)));
        byte[] out = builder.build().componentize(module);
        WasmFiles.writeAtomically(output, out);
        return Dovetail.OK;
    }

    /** {@code wasi_snapshot_preview1.reactor.wasm} adapts module {@code wasi_snapshot_preview1}, as in wasm-tools. */
    private static String defaultName(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
