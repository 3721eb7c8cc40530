package dev.dovetail.cli;

import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.ComponentTextException;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.component.WitExtractionException;
import dev.dovetail.compose.ComponentizeException;
import dev.dovetail.compose.CompositionException;
import dev.dovetail.wit.WitException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions thrown by subcommands to messages and exit codes: errors in the user's input
 * are printed as {@code error: <message>} with exit code {@link Dovetail#FAILURE}, never with a
 * stack trace; anything else is a bug and keeps its stack trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (isUserError(ex)) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return Dovetail.FAILURE;
        }
        err.println("internal error in dovetail " + cmd.getCommandName() + " (this is a bug, please report it):");
        ex.printStackTrace(err);
        err.flush();
        return Dovetail.INTERNAL;
    }

    private static boolean isUserError(Exception ex) {
        return ex instanceof WitException || ex instanceof CliException
                || ex instanceof ComponentFormatException || ex instanceof ComponentValidationException
                || ex instanceof ComponentTextException || ex instanceof WitExtractionException
                || ex instanceof CompositionException || ex instanceof ComponentizeException;
    }
}
