package dev.dovetail.cli;

import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentLinkException;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.ComponentTrapException;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.Val;
import dev.dovetail.wasi.CommandResult;
import dev.dovetail.wasi.DirAccess;
import dev.dovetail.wasi.Wasi;
import dev.dovetail.wasi.WasiCommand;
import dev.dovetail.wasi.WasiConfig;
import dev.dovetail.wasi.WasiContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code dovetail run}: runs a {@code wasi:cli/command} component like {@code wasmtime run}, or
 * instantiates any component and calls one of its exported functions ({@code --invoke}).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "Run a WASI command component, or call one export of a component.",
        description = {
            "Without --invoke, the component must be a wasi:cli/command (it exports wasi:cli/run@0.2.x): it "
                    + "runs with the WASI 0.2 host and the exit code is passed through. The guest gets only what "
                    + "is granted: ARGS, --env variables (nothing inherited unless --inherit-env), --dir "
                    + "preopens; stdin, stdout and stderr are the terminal's. Put -- before guest arguments "
                    + "that start with a dash.",
            "",
            "With --invoke, the component is instantiated (its WASI imports, if any, served as above), the "
                    + "export is called with the given arguments, and the result is printed in the same "
                    + "value syntax.",
            "",
            "Values: true, 42, -1.5, nan, 'c', \"text\", [1, 2], (1, \"a\"), {field: 1}, case(payload), "
                    + "some(x), none, ok(x), err(e), {flag-a, flag-b}; labels that are keywords take a %%.",
            "",
            "Exit code 1 on a trap, with the trap's reason."
        })
final class RunCommand extends DovetailCommand {
    @Mixin
    EngineOption engine;

    @Option(
            names = "--invoke",
            paramLabel = "CALL",
            description = "The call to make: NAME(ARG, ...), e.g. 'add(1, 2)' or 'ns:pkg/iface#greet(\"you\")' "
                    + "for a function of an exported instance. Without it, the exported functions are listed.")
    String invoke;

    @Option(
            names = "--dir",
            paramLabel = "HOST::GUEST[:ro]",
            description = "Preopen host directory HOST as GUEST in the guest, read-write, or read-only with :ro "
                    + "(HOST alone: the same path in the guest). Repeatable.")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Give the guest an environment variable. Repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--inherit-env", description = "Give the guest all of this process's environment variables.")
    boolean inheritEnv;

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "The component binary (.wasm).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments for the guest (after its name).")
    List<String> guestArgs = new ArrayList<>();

    @Override
    protected int run() {
        ComponentRuntime runtime = ComponentRuntime.create(engine.engine());
        LoadedComponent component = load(runtime, file);
        WasiConfig config = wasiConfig();
        if (invoke == null && isCommand(component)) {
            return runCommand(runtime, component, config);
        }
        Linker linker = runtime.linker();
        ComponentInstance instance;
        try (WasiContext wasi = Wasi.addToLinker(linker, config)) {
            try {
                instance = linker.instantiate(component);
            } catch (ComponentLinkException e) {
                throw new CliException("cannot link " + file + ": " + e.getMessage()
                        + " (dovetail run supplies the WASI 0.2 interfaces and nothing else)");
            } catch (ComponentTrapException e) {
                throw new CliException("instantiating " + file + " trapped " + trap(e));
            }
            return invoke(instance);
        }
    }

    private int invoke(ComponentInstance instance) {
        if (invoke == null) {
            throw new CliException("nothing to call: pass --invoke 'NAME(ARGS)'; "
                    + describe(instance.functions()));
        }
        ValueSyntax.Call call = ValueSyntax.call(invoke);
        ComponentFunction f = instance.findFunc(call.path().toArray(String[]::new)).orElseThrow(
                () -> new CliException("no exported function " + String.join("#", call.path()) + "; "
                        + describe(instance.functions())));
        List<Val> args = call.arguments().arguments(f.type().paramTypes());
        Optional<Val> result;
        try {
            result = f.call(args);
        } catch (ComponentTrapException e) {
            throw new CliException(String.join("#", call.path()) + " trapped " + trap(e));
        }
        result.ifPresent(r -> emit(ValueSyntax.print(r, f.type().result().orElseThrow())));
        return Dovetail.OK;
    }

    private int runCommand(ComponentRuntime runtime, LoadedComponent component, WasiConfig config) {
        try {
            CommandResult result = WasiCommand.run(runtime, component, config);
            return result.exitCode();
        } catch (ComponentLinkException e) {
            throw new CliException("cannot link " + file + ": " + e.getMessage()
                    + " (dovetail run supplies the WASI 0.2 interfaces and nothing else)");
        } catch (ComponentTrapException e) {
            throw new CliException(file + " trapped " + trap(e));
        }
    }

    /** A {@code wasi:cli/command}: exports {@code wasi:cli/run@0.2.x}. */
    private static boolean isCommand(LoadedComponent component) {
        return component.model().exports().stream().anyMatch(e -> e.name().name().startsWith("wasi:cli/run@0.2."));
    }

    /** What the guest is granted: its name and ARGS, --env, --inherit-env, --dir; the terminal's stdio. */
    private WasiConfig wasiConfig() {
        WasiConfig.Builder b = WasiConfig.builder().inheritStdio();
        b.arg(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        guestArgs.forEach(b::arg);
        if (inheritEnv) {
            b.inheritEnv();
        }
        for (String kv : env) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new CliException("--env needs NAME=VALUE, got `" + kv + "`");
            }
            b.env(kv.substring(0, eq), kv.substring(eq + 1));
        }
        for (String dir : dirs) {
            boolean readOnly = dir.endsWith(":ro");
            String spec = readOnly ? dir.substring(0, dir.length() - 3) : dir;
            int sep = spec.indexOf("::");
            String host = sep < 0 ? spec : spec.substring(0, sep);
            String guest = sep < 0 ? spec : spec.substring(sep + 2);
            Path hostDir = Path.of(host);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new CliException("--dir needs HOST::GUEST[:ro], got `" + dir + "`");
            }
            if (!Files.isDirectory(hostDir)) {
                throw new CliException("--dir " + dir + ": no such directory " + host);
            }
            b.preopen(hostDir, guest, readOnly ? DirAccess.READ_ONLY : DirAccess.READ_WRITE);
        }
        return b.build();
    }

    /** Reads, decodes and validates a component file, turning failures into messages. */
    static LoadedComponent load(ComponentRuntime runtime, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": "
                    + (Files.exists(file) ? String.valueOf(e.getMessage()) : "no such file"));
        }
        try {
            return runtime.load(bytes);
        } catch (ComponentFormatException e) {
            throw new CliException(file + " is not a well-formed component: " + e.getMessage());
        } catch (ComponentValidationException e) {
            throw new CliException(file + " is not a valid component: " + e.getMessage());
        }
    }

    private static String trap(ComponentTrapException e) {
        return "[" + e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-') + "]: " + e.getMessage();
    }

    private static String describe(List<ComponentFunction> functions) {
        if (functions.isEmpty()) {
            return "the component exports no functions";
        }
        return "exported functions:" + functions.stream()
                .map(f -> "\n  " + String.join("#", f.path()) + ": " + f.type())
                .collect(Collectors.joining());
    }
}
