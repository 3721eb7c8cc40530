package dev.dovetail.cli;

import dev.dovetail.component.Component;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dovetail inspect}: the outline of a component binary. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        header = "Show the imports, exports, core modules and nested components of a component.",
        description = {
            "Decode FILE and print its outline as a tree: imports and exports (kind and name), the core "
                    + "modules and components it defines with their index, name (from the component-name "
                    + "section) and size in bytes, nested components recursively, and its custom sections.",
            "The component is decoded, not validated (see `dovetail validate`); `dovetail wit` prints the "
                    + "types of its imports and exports."
        })
final class InspectCommand extends DovetailCommand {
    @Option(names = "--json", description = "Print the outline as JSON.")
    boolean json;

    @Parameters(paramLabel = "FILE", description = "A component binary (.wasm).")
    Path file;

    @Override
    protected int run() {
        byte[] bytes = WasmFiles.read(file);
        Component component = WasmFiles.decode(file, bytes);
        ComponentSummary summary = ComponentSummary.of(component);
        if (json) {
            emit(summary.json(file.toString(), bytes.length));
        } else {
            String name = summary.name().map(n -> " \"" + n + "\"").orElse("");
            emit(summary.tree(file + ": component" + name + ", " + bytes.length + " bytes"));
        }
        return Dovetail.OK;
    }
}
