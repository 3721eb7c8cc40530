package dev.dovetail.runtime;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code FuncInst} of CanonicalABI.md "Tasks" (synchronous subset): a component-level function,
 * implemented by a guest ({@code canon lift}) or by the host. The callee pulls its lifted
 * arguments from {@code onStart} and pushes its result to {@code onResolve} (before running any
 * {@code post-return}); {@code caller} is the calling component instance, or null for the host.
 */
interface FuncInst {
    FuncType type();

    /** A name for traps and messages. */
    String name();

    void invoke(Supplier<List<Val>> onStart, Consumer<List<Val>> onResolve, InstanceState caller);
}
