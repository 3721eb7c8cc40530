package dev.dovetail.cli;

import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.wit.ResolvedWit;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code dovetail embed}: adds a {@code component-type} section for a WIT world to a core module. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        header = "Embed a WIT world into a core module (like `wasm-tools component embed`).",
        description = {
            "Resolve the WIT at --wit, select a world, and write CORE with a `component-type` custom "
                    + "section describing that world appended, as wit-component encodes it; "
                    + "`jco new` or `wasm-tools component new` turn the result into a component.",
            "The output is written to a temporary file next to OUTPUT and renamed over it when complete, "
                    + "so a failed run leaves no partial file."
        })
final class EmbedCommand extends DovetailCommand {
    @Mixin
    WitOptions witOptions;

    @Option(names = "--wit", required = true, paramLabel = "PATH", description = "A .wit file or a WIT package directory.")
    Path wit;

    @Option(
            names = {"-w", "--world"},
            paramLabel = "WORLD",
            description = "The world: a name in the main package, or NAMESPACE:PACKAGE/WORLD[@VERSION]; "
                    + "optional when the main package has exactly one world.")
    String world;

    @Option(
            names = "--encoding",
            paramLabel = "ENCODING",
            defaultValue = "utf8",
            description = "The string encoding recorded in the section: utf8 (default), utf16 or compact-utf16.")
    String encoding;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Where to write the module.")
    Path output;

    @Parameters(paramLabel = "CORE", description = "A core WebAssembly module (.wasm).")
    Path core;

    @Override
    protected int run() {
        CanonOpt.StringEncoding stringEncoding = switch (encoding) {
            case "utf8" -> CanonOpt.StringEncoding.UTF8;
            case "utf16" -> CanonOpt.StringEncoding.UTF16;
            case "compact-utf16" -> CanonOpt.StringEncoding.LATIN1_UTF16;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '--encoding': `" + encoding + "` (expected utf8, utf16 or compact-utf16)");
        };
        byte[] module = WasmFiles.read(core);
        ResolvedWit resolved = witOptions.resolve(wit);
        int worldId = WorldSelection.select(resolved, world);
        byte[] out;
        try {
            out = WitEmbedder.embed(module, resolved.resolve(), worldId, stringEncoding, WitEmbedder.SECTION_NAME);
        } catch (ComponentFormatException e) {
            throw new CliException(core + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            String name = resolved.resolve().world(worldId).name();
            throw new CliException("cannot embed world `" + name + "`: " + e.getMessage());
        }
        WasmFiles.writeAtomically(output, out);
        return Dovetail.OK;
    }
}
