/**
 * Runs the Component Model reference tests, converted from {@code .wast} to JSON command scripts
 * and component binaries, on a {@link dev.dovetail.runtime.ComponentRuntime}: {@link
 * dev.dovetail.runtime.wast.WastRunner}. Shared by the conformance test and {@code dovetail wast}.
 */
package dev.dovetail.runtime.wast;
