package dev.dovetail.runtime;

import dev.dovetail.component.TypeDef;

/**
 * A component or instance type ({@code componenttype}, {@code instancetype}), kept with the
 * scope it was defined in so that its declarations can be resolved when the host supplies an
 * import of that type.
 */
record DeclaredType(TypeDef type, Scope scope) {}
