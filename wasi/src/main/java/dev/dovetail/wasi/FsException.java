package dev.dovetail.wasi;

/** A filesystem operation fails with a {@code wasi:filesystem/types.error-code}. */
final class FsException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    FsException(ErrorCode code, String detail) {
        super(code.wit() + (detail == null ? "" : ": " + detail), null, false, false);
        this.code = code;
    }

    FsException(ErrorCode code) {
        this(code, null);
    }

    ErrorCode code() {
        return code;
    }
}
