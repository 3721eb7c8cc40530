package dev.dovetail.wasi;

import dev.dovetail.runtime.Linker;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The WASI 0.2 host: every interface of the {@code wasi:cli/command} world, defined into a
 * runtime {@link Linker} in one call.
 *
 * <pre>{@code
 * ComponentRuntime runtime = ComponentRuntime.create();
 * Linker linker = runtime.linker();
 * try (WasiContext wasi = Wasi.addToLinker(linker, config)) {
 *     ComponentInstance app = linker.instantiate(runtime.load(bytes));
 *     app.func("wasi:cli/run@0.2.12", "run").call();
 * }
 * }</pre>
 */
public final class Wasi {
    private Wasi() {}

    /** The versions a guest may import: {@code 0.2.0} to {@code 0.2.12}. */
    public static final List<String> VERSIONS =
            IntStream.rangeClosed(0, 12).mapToObj(i -> "0.2." + i).toList();

    /** The interfaces defined, without version. */
    public static final List<String> INTERFACES = List.of(
            "wasi:cli/environment", "wasi:cli/exit", "wasi:cli/stdin", "wasi:cli/stdout", "wasi:cli/stderr",
            "wasi:cli/terminal-input", "wasi:cli/terminal-output", "wasi:cli/terminal-stdin",
            "wasi:cli/terminal-stdout", "wasi:cli/terminal-stderr",
            "wasi:clocks/monotonic-clock", "wasi:clocks/wall-clock", "wasi:clocks/timezone",
            "wasi:random/random", "wasi:random/insecure", "wasi:random/insecure-seed",
            "wasi:io/error", "wasi:io/poll", "wasi:io/streams",
            "wasi:filesystem/types", "wasi:filesystem/preopens",
            "wasi:sockets/network", "wasi:sockets/instance-network", "wasi:sockets/ip-name-lookup",
            "wasi:sockets/tcp", "wasi:sockets/tcp-create-socket", "wasi:sockets/udp",
            "wasi:sockets/udp-create-socket");

    /**
     * Defines every WASI interface, at every version of {@link #VERSIONS}, in {@code linker}, for
     * one guest granted what {@code config} grants. Instantiate one component with the linker, then
     * close the returned context when done.
     *
     * @throws IllegalArgumentException if a name is already defined in the linker
     * @throws java.io.UncheckedIOException if a preopened directory cannot be resolved
     */
    public static WasiContext addToLinker(Linker linker, WasiConfig config) {
        WasiContext cx = new WasiContext(config);
        interfaces(cx).defineAll(linker, VERSIONS);
        return cx;
    }

    /** The host definitions of every interface, for one context. */
    static HostInterfaces interfaces(WasiContext cx) {
        HostInterfaces interfaces = new HostInterfaces();
        IoHost.define(cx, interfaces);
        CliHost.define(cx, interfaces);
        ClocksHost.define(cx, interfaces);
        RandomHost.define(cx, interfaces);
        FilesystemHost.define(cx, interfaces);
        SocketsHost.define(cx, interfaces);
        return interfaces;
    }
}
