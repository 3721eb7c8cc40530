package dev.dovetail.cli;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.DecodedWit;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.component.WitExtractionException;
import dev.dovetail.component.WitExtractor;
import dev.dovetail.component.WitPackageEncoder;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitJson;
import dev.dovetail.wit.WitPrinter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dovetail wit}: parses and resolves WIT, then prints it back as WIT or as JSON. A {@code
 * .wasm} input is decoded instead: the world of a component, the package of a WIT package encoded
 * as a component, or the worlds embedded in a core module's {@code component-type} sections.
 */
@Command(
        name = "wit",
        mixinStandardHelpOptions = true,
        header = "Print the resolved WIT of a file or package, or its JSON.",
        description = {
            "Parse and resolve a WIT file or package directory (with its deps/ folder) and print "
                    + "the resolved root package(s) as WIT.",
            "A WebAssembly binary (a .wasm file, or any file starting with the \\0asm magic) is decoded "
                    + "instead, as `wasm-tools component wit` does: a component prints as the world `root` of package "
                    + "`root:component` (its imports and exports), a WIT package encoded as a component "
                    + "as that package, and a core module as the world(s) of its component-type sections. "
                    + "--features and --deps do not apply to binaries.",
            "With --json, print the whole resolve (dependencies included) in wit-parser's JSON format.",
            "With --wasm, write the main package encoded as a component (a binary WIT package, as "
                    + "`wasm-tools component wit --wasm` does) to -o instead of printing it; docs and feature "
                    + "gates are not encoded."
        })
final class WitCommand extends DovetailCommand {
    @Mixin
    WitOptions wit;

    @Option(names = "--json", description = "Print the resolve as JSON instead of WIT.")
    boolean json;

    @Option(names = "--wasm", description = "Write the main package as a binary WIT package to -o.")
    boolean wasm;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTPUT", description = "Where --wasm writes the package.")
    Path output;

    @Parameters(paramLabel = "PATH", description = "A .wit file, a WIT package directory or a .wasm binary.")
    Path path;

    @Override
    protected int run() {
        if (wasm != (output != null)) {
            throw new CliException(wasm ? "--wasm needs -o OUTPUT" : "-o is only used with --wasm");
        }
        if (wasm && json) {
            throw new CliException("--wasm and --json cannot be combined");
        }
        if (path.toString().endsWith(".wasm") || WasmFiles.isWasm(path)) {
            printBinary();
            return Dovetail.OK;
        }
        ResolvedWit resolved = wit.resolve(path);
        if (wasm) {
            WasmFiles.writeAtomically(output, WitPackageEncoder.encode(resolved));
            return Dovetail.OK;
        }
        if (json) {
            emit(WitJson.toJson(resolved.resolve()));
        } else if (resolved.rootPackages().size() == 1) {
            emit(WitPrinter.print(resolved.resolve(), resolved.rootPackages().get(0)));
        } else {
            emit(WitPrinter.printNested(resolved.resolve(), resolved.rootPackages()));
        }
        return Dovetail.OK;
    }

    private void printBinary() {
        if (wasm) {
            throw new CliException(path + ": --wasm encodes WIT text; this is already a binary");
        }
        byte[] bytes = WasmFiles.read(path);
        List<Resolve> resolves = new ArrayList<>();
        List<Integer> packages = new ArrayList<>();
        try {
            if (bytes.length >= 8 && bytes[4] == 0x01 && bytes[5] == 0x00 && bytes[6] == 0x00 && bytes[7] == 0x00) {
                List<WitEmbedder.EmbeddedSection> sections = WitEmbedder.read(bytes);
                if (sections.isEmpty()) {
                    throw new CliException(path + ": a core module without a component-type section has no WIT");
                }
                for (WitEmbedder.EmbeddedSection s : sections) {
                    resolves.add(s.world().resolve());
                    packages.add(s.world().packageId());
                }
            } else {
                Component component = WasmFiles.decode(path, bytes);
                DecodedWit decoded = WitExtractor.extract(component);
                resolves.add(decoded.resolve());
                packages.add(decoded.packageId());
            }
        } catch (ComponentFormatException e) {
            throw new CliException(WasmFiles.malformed(path, e));
        } catch (WitExtractionException e) {
            throw new CliException(path + ": cannot be described in WIT: " + e.getMessage());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < resolves.size(); i++) {
            if (i > 0) {
                out.append('\n');
            }
            out.append(json ? WitJson.toJson(resolves.get(i)) : WitPrinter.print(resolves.get(i), packages.get(i)));
        }
        emit(out.toString());
    }
}
