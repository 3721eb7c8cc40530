/**
 * Internal: the one seam between Dovetail and the core WebAssembly engine (Chicory).
 *
 * <p>Every call into {@code com.dylibso.chicory} lives in this package, so that another engine
 * with the same API under another package (Endive, {@code run.endive}) can be dropped in by
 * changing only these classes. Nothing here is part of Dovetail's public API: the types are
 * public only because Java packages cannot share package-private members.
 *
 * <p>Core values cross the seam as {@code long}s, Chicory's convention: {@code i32} sign-extended
 * (read it with {@code (int) v}), {@code i64} as is, {@code f32} and {@code f64} as their raw
 * IEEE-754 bit patterns.
 */
package dev.dovetail.runtime.core;
