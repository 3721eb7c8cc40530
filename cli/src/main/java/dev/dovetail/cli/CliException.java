package dev.dovetail.cli;

/** A user error found by the command line itself, such as a missing input file. */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }
}
