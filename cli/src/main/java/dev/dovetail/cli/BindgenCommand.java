package dev.dovetail.cli;

import dev.dovetail.codegen.JavaBindgen;
import dev.dovetail.wit.ResolvedWit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dovetail bindgen}: typed Java host bindings of a WIT world ({@link JavaBindgen}). */
@Command(
        name = "bindgen",
        mixinStandardHelpOptions = true,
        header = "Generate typed Java host bindings for a WIT world.",
        description = {
            "Resolve the WIT at --wit, select a world, and write its Java bindings (package --package) "
                    + "under the source root OUT: a class named after the world, an interface per imported "
                    + "interface, a class per exported interface, and the helper types they use.",
            "Every file is generated before anything is written, so bad input writes nothing; each file "
                    + "is then written to a temporary file and renamed over its target, and files whose "
                    + "content is unchanged are left alone. Files of an earlier run that this one does not "
                    + "generate are not deleted."
        })
final class BindgenCommand extends DovetailCommand {
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
            names = {"-p", "--package"},
            required = true,
            paramLabel = "PACKAGE",
            description = "The Java package of the generated types, such as com.example.bindings.")
    String javaPackage;

    @Option(
            names = {"-o", "--output"},
            required = true,
            paramLabel = "OUT",
            description = "The source root to write into (created if missing): files go to OUT/<package path>/.")
    Path output;

    @Option(names = {"-q", "--quiet"}, description = "Do not list the files written.")
    boolean quiet;

    @Override
    protected int run() {
        String pkg = checkPackage(javaPackage);
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new CliException("-o " + output + ": not a directory");
        }
        ResolvedWit resolved = witOptions.resolve(wit);
        int worldId = WorldSelection.select(resolved, world);
        Map<String, String> files;
        try {
            files = JavaBindgen.generate(resolved.resolve(), worldId, new JavaBindgen.Options(pkg));
        } catch (IllegalArgumentException e) {
            String name = resolved.resolve().world(worldId).name();
            throw new CliException("cannot generate bindings of world `" + name + "`: " + e.getMessage());
        }
        int written = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = output.resolve(f.getKey());
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            if (write(target, bytes)) {
                written++;
                if (!quiet) {
                    out().println(target);
                }
            }
        }
        if (!quiet) {
            out().println(files.size() + " files generated, " + written + " written, "
                    + (files.size() - written) + " unchanged");
        }
        out().flush();
        return Dovetail.OK;
    }

    /** A non-empty Java package name without keywords, or a {@link CliException} saying why not. */
    static String checkPackage(String name) {
        String pkg = name.strip();
        if (pkg.isEmpty()) {
            throw new CliException("--package: a Java package name is required (the default package is not supported)");
        }
        if (!SourceVersion.isName(pkg, SourceVersion.RELEASE_17)) {
            String bad = Arrays.stream(pkg.split("\\.", -1))
                    .filter(part -> !SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part, SourceVersion.RELEASE_17))
                    .findFirst()
                    .orElse(pkg);
            throw new CliException("--package " + name + ": not a Java package name (`" + bad + "` is "
                    + (SourceVersion.isKeyword(bad, SourceVersion.RELEASE_17) ? "a Java keyword" : "not a Java identifier")
                    + ")");
        }
        return pkg;
    }

    /** Writes {@code target} unless it already holds {@code bytes}; returns whether it wrote. */
    private static boolean write(Path target, byte[] bytes) {
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), bytes)) {
                return false;
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new CliException("cannot write " + target + ": " + e.getMessage());
        }
        WasmFiles.writeAtomically(target, bytes);
        return true;
    }
}
