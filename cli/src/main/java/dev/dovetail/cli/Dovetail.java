package dev.dovetail.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code dovetail} command: a thin picocli front end over the library modules. Each
 * subcommand is a {@link DovetailCommand} listed in {@code subcommands} below.
 *
 * <p>Exit codes: {@link #OK}, {@link #FAILURE} for bad input (the error is printed on stderr,
 * without a stack trace), {@link #USAGE} for a bad command line, {@link #INTERNAL} for a bug in
 * Dovetail itself.
 */
@Command(
        name = "dovetail",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "WebAssembly Component Model toolkit for the JVM.",
        subcommands = {WitCommand.class, ValidateCommand.class, InspectCommand.class, EmbedCommand.class, NewCommand.class,
            PlugCommand.class, ComposeCommand.class, RunCommand.class, WastCommand.class, BindgenCommand.class,
            CommandLine.HelpCommand.class})
public final class Dovetail implements Runnable {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** The input was bad (malformed or invalid WIT, a missing file, ...). */
    public static final int FAILURE = 1;
    /** The command line was bad (unknown option, missing argument, ...). */
    public static final int USAGE = 2;
    /** An unexpected exception: a bug in Dovetail (like sysexits' EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(out, err, args));
    }

    /** Runs the command line {@code args} with the given streams and returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured picocli command line, for callers that need more than {@link #execute}. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Dovetail());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler(new ErrorHandler());
        return cmd;
    }
}
