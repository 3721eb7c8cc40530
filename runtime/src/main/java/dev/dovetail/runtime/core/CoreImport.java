package dev.dovetail.runtime.core;

/** One import of a core module: {@code (import "module" "name" (kind ...))}. */
public record CoreImport(String module, String name, String kind) {}
