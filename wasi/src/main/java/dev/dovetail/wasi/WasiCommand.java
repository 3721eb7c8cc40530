package dev.dovetail.wasi;

import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.ComponentTrapException;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Val;
import java.util.Comparator;
import java.util.Optional;

/**
 * Runs a {@code wasi:cli/command} component: instantiates it with the WASI host, calls its
 * {@code wasi:cli/run#run} export (any 0.2.x version) and reports the exit status.
 *
 * <pre>{@code
 * ComponentRuntime runtime = ComponentRuntime.create();
 * CommandResult r = WasiCommand.run(runtime, runtime.load(Path.of("app.wasm")),
 *         WasiConfig.builder().args("app").inheritStdio().build());
 * System.exit(r.exitCode());
 * }</pre>
 */
public final class WasiCommand {
    private WasiCommand() {}

    /** The name of the root instance in traps. */
    public static final String INSTANCE_NAME = "command";

    /**
     * Runs the command with a fresh linker of {@code runtime}.
     *
     * @throws IllegalArgumentException if the component exports no {@code wasi:cli/run}
     * @throws dev.dovetail.runtime.ComponentLinkException if it imports something the host does not have
     * @throws ComponentTrapException if the guest traps (not counting {@code exit})
     */
    public static CommandResult run(ComponentRuntime runtime, LoadedComponent component, WasiConfig config) {
        return run(runtime.linker(), component, config);
    }

    /**
     * Runs the command with {@code linker}, which may already define the component's other imports;
     * the WASI interfaces are added to it.
     */
    public static CommandResult run(Linker linker, LoadedComponent component, WasiConfig config) {
        WasiContext wasi = Wasi.addToLinker(linker, config);
        try {
            ComponentInstance instance = linker.instantiate(component, INSTANCE_NAME);
            ComponentFunction run = runExport(instance).orElseThrow(() -> new IllegalArgumentException(
                    "the component exports no wasi:cli/run@0.2.x instance with a run function: not a command"));
            Optional<Val> r = run.call();
            boolean ok = r.isPresent() && r.get() instanceof Val.Result res && res.isOk();
            return new CommandResult(ok ? 0 : 1, false);
        } catch (ComponentTrapException e) {
            Optional<WasiExit> exit = WasiExit.in(e);
            if (exit.isPresent()) {
                return new CommandResult(exit.get().code(), true);
            }
            throw e;
        } finally {
            wasi.close(); // flushes stdout and stderr, releases what the guest left open
        }
    }

    /** The {@code run} function of the newest {@code wasi:cli/run@0.2.x} the instance exports. */
    public static Optional<ComponentFunction> runExport(ComponentInstance instance) {
        return instance.exports().stream()
                .filter(n -> n.startsWith("wasi:cli/run@0.2."))
                .max(Comparator.comparingInt(WasiCommand::patch))
                .flatMap(n -> instance.findFunc(n, "run"));
    }

    private static int patch(String exportName) {
        String v = exportName.substring("wasi:cli/run@0.2.".length());
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? -1 : Integer.parseInt(v.substring(0, end));
    }
}
