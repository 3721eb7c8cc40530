package dev.dovetail.compose;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Why a composition (graph, {@code plug} or WAC file) cannot be built: a type mismatch between an
 * export and the import it satisfies, an unsatisfied import, an unknown package or item, or a
 * malformed WAC file. {@link #location()} is present for errors in a WAC file.
 */
public final class CompositionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A position in a source file: 1-based line and column. */
    public record Location(Path file, int line, int column) {
        @Override
        public String toString() {
            return (file == null ? "<input>" : file.toString()) + ":" + line + ":" + column;
        }
    }

    private final String reason;
    private final transient Location location;

    public CompositionException(String reason) {
        this(reason, null, null);
    }

    public CompositionException(String reason, Throwable cause) {
        this(reason, null, cause);
    }

    public CompositionException(String reason, Location location, Throwable cause) {
        super(location == null ? reason : location + ": " + reason, cause);
        this.reason = reason;
        this.location = location;
    }

    /** The message without the location. */
    public String reason() {
        return reason;
    }

    /** Where in a WAC file, if the error comes from one. */
    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }
}
