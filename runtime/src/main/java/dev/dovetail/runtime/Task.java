package dev.dovetail.runtime;

import java.util.List;
import java.util.function.Consumer;

/**
 * {@code Task} (CanonicalABI.md "Tasks"), without concurrency: created by {@code canon_lift} for
 * each call into a component. It counts the borrowed handles lowered into the callee, which must
 * all be dropped before the call returns, and, for {@code async}-lifted functions, receives the
 * result from {@code task.return}.
 */
final class Task {
    final FuncType ft;
    final CanonOptions opts;
    final InstanceState inst;
    final Consumer<List<Val>> onResolve;
    int numBorrows;
    boolean resolved;

    Task(FuncType ft, CanonOptions opts, InstanceState inst, Consumer<List<Val>> onResolve) {
        this.ft = ft;
        this.opts = opts;
        this.inst = inst;
        this.onResolve = onResolve;
    }
}
