package dev.dovetail.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base class of every {@code dovetail} subcommand. A subcommand parses its options (picocli
 * fields and {@code @Mixin}s such as {@link WitOptions}), calls one library entry point, and
 * writes the result to {@link #out()}.
 *
 * <p>Failures are thrown, not printed: a library exception for bad input (such as
 * {@code WitException}) or a {@link CliException}; {@link ErrorHandler} turns them into a message
 * on stderr and exit code {@link Dovetail#FAILURE}.
 */
public abstract class DovetailCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** Does the work and returns the exit code, normally {@link Dovetail#OK}. */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** Standard output, where results go. */
    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Standard error, for warnings and progress; errors should be thrown instead. */
    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Writes {@code text} to stdout, ending it with a newline if it has none. */
    protected void emit(String text) {
        PrintWriter out = out();
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }
}
