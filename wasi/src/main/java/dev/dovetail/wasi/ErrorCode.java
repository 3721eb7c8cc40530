package dev.dovetail.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/** {@code wasi:filesystem/types.error-code}, case for case. */
enum ErrorCode {
    ACCESS,
    WOULD_BLOCK,
    ALREADY,
    BAD_DESCRIPTOR,
    BUSY,
    DEADLOCK,
    QUOTA,
    EXIST,
    FILE_TOO_LARGE,
    ILLEGAL_BYTE_SEQUENCE,
    IN_PROGRESS,
    INTERRUPTED,
    INVALID,
    IO,
    IS_DIRECTORY,
    LOOP,
    TOO_MANY_LINKS,
    MESSAGE_SIZE,
    NAME_TOO_LONG,
    NO_DEVICE,
    NO_ENTRY,
    NO_LOCK,
    INSUFFICIENT_MEMORY,
    INSUFFICIENT_SPACE,
    NOT_DIRECTORY,
    NOT_EMPTY,
    NOT_RECOVERABLE,
    UNSUPPORTED,
    NO_TTY,
    NO_SUCH_DEVICE,
    OVERFLOW,
    NOT_PERMITTED,
    PIPE,
    READ_ONLY,
    INVALID_SEEK,
    TEXT_FILE_BUSY,
    CROSS_DEVICE;

    private final String wit = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The WIT case name ({@code not-permitted}). */
    String wit() {
        return wit;
    }

    /** The code for a host I/O failure, from the exception type or the OS's reason text. */
    static ErrorCode of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return NO_ENTRY;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return NOT_EMPTY;
        }
        if (e instanceof NotDirectoryException) {
            return NOT_DIRECTORY;
        }
        if (e instanceof AccessDeniedException) {
            return ACCESS;
        }
        if (e instanceof FileSystemLoopException) {
            return LOOP;
        }
        if (e instanceof NotLinkException) {
            return INVALID;
        }
        if (e instanceof AtomicMoveNotSupportedException) {
            return CROSS_DEVICE;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason == null) {
            return IO;
        }
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.contains("is a directory")) {
            return IS_DIRECTORY;
        }
        if (r.contains("not a directory")) {
            return NOT_DIRECTORY;
        }
        if (r.contains("too many levels of symbolic links")) {
            return LOOP;
        }
        if (r.contains("read-only file system")) {
            return READ_ONLY;
        }
        if (r.contains("no space left")) {
            return INSUFFICIENT_SPACE;
        }
        if (r.contains("file name too long")) {
            return NAME_TOO_LONG;
        }
        if (r.contains("cross-device")) {
            return CROSS_DEVICE;
        }
        if (r.contains("directory not empty")) {
            return NOT_EMPTY;
        }
        if (r.contains("operation not permitted")) {
            return NOT_PERMITTED;
        }
        if (r.contains("permission denied")) {
            return ACCESS;
        }
        if (r.contains("invalid argument")) {
            return INVALID;
        }
        if (r.contains("busy")) {
            return BUSY;
        }
        if (r.contains("file too large")) {
            return FILE_TOO_LARGE;
        }
        if (r.contains("quota")) {
            return QUOTA;
        }
        return IO;
    }
}
