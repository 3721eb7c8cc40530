package dev.dovetail.wasi;

/**
 * The host object of a {@code wasi:io/error.error}: what failed, and the filesystem error code
 * when the stream belonged to a file ({@code filesystem-error-code}).
 *
 * @param message for {@code to-debug-string}
 * @param fsCode the filesystem error code, or null
 */
record IoError(String message, ErrorCode fsCode) {}
