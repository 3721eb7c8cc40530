package dev.dovetail.cli;

import dev.dovetail.compose.PackageResolver;
import dev.dovetail.compose.Wac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dovetail compose}: composes components as a WAC document describes. */
@Command(
        name = "compose",
        mixinStandardHelpOptions = true,
        header = "Compose components from a WAC file (like `wac compose`).",
        description = {
            "FILE is a WAC document: `package`, `let x = new ns:pkg { ... }`, `x.export`, `import` and `export` "
                    + "statements. Each package it names is a component found by --dep, or in the --deps folder "
                    + "(ns:pkg is DIR/ns/pkg.wasm, ns:pkg@1.2.3 is DIR/ns/pkg/1.2.3.wasm). Every connection is "
                    + "type-checked; errors in FILE are reported with FILE:LINE:COLUMN.",
            "The output is written to a temporary file next to OUTPUT and renamed over it when complete, "
                    + "so a failed run leaves no file behind."
        })
final class ComposeCommand extends DovetailCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The WAC document (.wac).")
    Path file;

    @Option(names = {"-d", "--dep"}, paramLabel = "NS:PKG=PATH",
            description = "The component of a package (repeatable); takes precedence over --deps.")
    List<String> deps = List.of();

    @Option(names = "--deps", paramLabel = "DIR",
            description = "A folder of packages laid out as wac's deps/ (default: `deps` beside FILE, if present).")
    Path depsDir;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Where to write the component.")
    Path output;

    @Override
    protected int run() {
        if (!Files.isRegularFile(file)) {
            throw new CliException(Files.isDirectory(file) ? file + ": is a directory, not a WAC file" : "no such file: " + file);
        }
        Map<String, Path> explicit = new LinkedHashMap<>();
        for (String spec : deps) {
            Map.Entry<String, Path> dep = PackageResolver.parseDependency(spec);
            if (explicit.put(dep.getKey(), dep.getValue()) != null) {
                throw new CliException("--dep " + dep.getKey() + " is given twice");
            }
        }
        Path dir = depsDir;
        if (dir == null) {
            Path beside = file.toAbsolutePath().resolveSibling("deps");
            dir = Files.isDirectory(beside) ? beside : null;
        } else if (!Files.isDirectory(dir)) {
            throw new CliException("--deps " + dir + ": no such directory");
        }
        byte[] out = Wac.compose(file, PackageResolver.of(explicit, dir));
        WasmFiles.writeAtomically(output, out);
        return Dovetail.OK;
    }
}
