/**
 * Running components on Chicory: {@link dev.dovetail.runtime.ComponentRuntime} loads,
 * {@link dev.dovetail.runtime.Linker} supplies imports and instantiates,
 * {@link dev.dovetail.runtime.ComponentInstance} finds exports, and
 * {@link dev.dovetail.runtime.ComponentFunction} calls them with {@link dev.dovetail.runtime.Val}s
 * through the canonical ABI of CanonicalABI.md. Traps are
 * {@link dev.dovetail.runtime.ComponentTrapException}s. The package {@code core} is internal.
 */
package dev.dovetail.runtime;
