package dev.dovetail.cli;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitJson;
import dev.dovetail.wit.WitPrinter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dovetail wit}: parses and resolves WIT, then prints it back as WIT or as JSON. */
@Command(
        name = "wit",
        mixinStandardHelpOptions = true,
        header = "Print the resolved WIT of a file or package, or its JSON.",
        description = {
            "Parse and resolve a WIT file or package directory (with its deps/ folder) and print "
                    + "the resolved root package(s) as WIT.",
            "With --json, print the whole resolve (dependencies included) in wit-parser's JSON format."
        })
final class WitCommand extends DovetailCommand {
    @Mixin
    WitOptions wit;

    @Option(names = "--json", description = "Print the resolve as JSON instead of WIT.")
    boolean json;

    @Parameters(paramLabel = "PATH", description = "A .wit file or a WIT package directory.")
    Path path;

    @Override
    protected int run() {
        ResolvedWit resolved = wit.resolve(path);
        if (json) {
            emit(WitJson.toJson(resolved.resolve()));
        } else if (resolved.rootPackages().size() == 1) {
            emit(WitPrinter.print(resolved.resolve(), resolved.rootPackages().get(0)));
        } else {
            emit(WitPrinter.printNested(resolved.resolve(), resolved.rootPackages()));
        }
        return Dovetail.OK;
    }
}
