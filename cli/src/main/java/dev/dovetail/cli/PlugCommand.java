package dev.dovetail.cli;

import dev.dovetail.compose.Plug;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dovetail plug}: satisfies a socket component's imports with plug components' exports. */
@Command(
        name = "plug",
        mixinStandardHelpOptions = true,
        header = "Plug components into a socket component (like `wac plug`).",
        description = {
            "Each import of SOCKET that has the name of an export of a plug is satisfied by that export; "
                    + "plugs may in turn be satisfied by other plugs. Every connection is type-checked. "
                    + "Imports left unsatisfied become imports of the result; the socket's exports are its exports. "
                    + "Each input is embedded once.",
            "The output is written to a temporary file next to OUTPUT and renamed over it when complete, "
                    + "so a failed run leaves no file behind."
        })
final class PlugCommand extends DovetailCommand {
    @Parameters(index = "0", paramLabel = "SOCKET", description = "The component whose imports are plugged.")
    Path socket;

    @Option(names = {"-p", "--plug"}, required = true, paramLabel = "PLUG",
            description = "A component whose exports satisfy imports of the socket (repeatable).")
    List<Path> plugs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUTPUT", description = "Where to write the component.")
    Path output;

    @Override
    protected int run() {
        Plug.Named socketInput = new Plug.Named(socket.toString(), WasmFiles.read(socket));
        List<Plug.Named> plugInputs = new ArrayList<>();
        for (Path p : plugs) {
            plugInputs.add(new Plug.Named(p.toString(), WasmFiles.read(p)));
        }
        byte[] out = Plug.plug(socketInput, plugInputs);
        WasmFiles.writeAtomically(output, out);
        return Dovetail.OK;
    }
}
