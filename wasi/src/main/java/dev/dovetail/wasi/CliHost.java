package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.own;
import static dev.dovetail.wasi.V.some;
import static dev.dovetail.wasi.V.str;

import dev.dovetail.runtime.Val;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code wasi:cli/*}: environment, exit, the standard streams and the terminal interfaces. */
final class CliHost {
    private CliHost() {}

    static void define(WasiContext cx, HostInterfaces hi) {
        List<Val> env = new ArrayList<>();
        for (Map.Entry<String, String> e : cx.config.env().entrySet()) {
            env.add(V.tuple(str(e.getKey()), str(e.getValue())));
        }
        Val environment = new Val.List(env);
        Val arguments = new Val.List(cx.config.args().stream().map(V::str).toList());
        Val cwd = cx.config.initialCwd().map(c -> V.option(str(c))).orElse(V.NONE);
        hi.iface("wasi:cli/environment")
                // environment#get-environment
                .func("get-environment", a -> some(environment))
                // environment#get-arguments
                .func("get-arguments", a -> some(arguments))
                // environment#initial-cwd
                .func("initial-cwd", a -> some(cwd));

        hi.iface("wasi:cli/exit")
                // exit#exit
                .func("exit", a -> {
                    throw new WasiExit(((Val.Result) a.get(0)).isOk() ? 0 : 1);
                })
                // exit#exit-with-code
                .func("exit-with-code", a -> {
                    throw new WasiExit(V.u8Arg(a.get(0)));
                });

        // stdin#get-stdin, stdout#get-stdout, stderr#get-stderr: a new handle on the one stream
        hi.iface("wasi:cli/stdin").func("get-stdin", a -> some(own(cx.inputStream, cx.table.add(cx.stdin))));
        hi.iface("wasi:cli/stdout").func("get-stdout", a -> some(own(cx.outputStream, cx.table.add(cx.stdout))));
        hi.iface("wasi:cli/stderr").func("get-stderr", a -> some(own(cx.outputStream, cx.table.add(cx.stderr))));

        // the guest's streams are never terminals: get-terminal-* return none
        hi.iface("wasi:cli/terminal-input").resource("terminal-input", cx.terminalInput);
        hi.iface("wasi:cli/terminal-output").resource("terminal-output", cx.terminalOutput);
        hi.iface("wasi:cli/terminal-stdin").func("get-terminal-stdin", a -> some(V.NONE));
        hi.iface("wasi:cli/terminal-stdout").func("get-terminal-stdout", a -> some(V.NONE));
        hi.iface("wasi:cli/terminal-stderr").func("get-terminal-stderr", a -> some(V.NONE));
    }
}
