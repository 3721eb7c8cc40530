package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import java.util.ArrayList;
import java.util.List;

/**
 * One call from the host into a component export, on flat core values: {@code Store.lift} and
 * {@code canon_lift} of CanonicalABI.md taken apart so that generated code can lower the
 * arguments and lift the result itself. Created by {@link FlatFunction#begin()}, which enters
 * the instance; then, in order:
 *
 * <pre>{@code
 * try (FlatCall c = add.begin()) {
 *     long[] r = c.call(FlatContext.checkU32(a), FlatContext.checkU32(b)); // lower, call
 *     long sum = r[0] & 0xffffffffL;                                     // lift
 *     c.finish(r);                                                       // task.return, post-return
 *     return sum;
 * }
 * }</pre>
 *
 * <p>{@link #close()} leaves the instance whatever happened. A trap raised through the call
 * poisons the instance tree, as {@link ComponentFunction#call} does. A closed call must not be
 * used again: its function hands it out for its next call (an instance is used by one thread at a
 * time, so per-call objects are not allocated again).
 */
public final class FlatCall extends FlatContext implements AutoCloseable {
    private final FlatFunction function;
    private final Task task;
    private List<Object> lent; // pairs of (table, rep) lent for this call
    private boolean closed;

    private FlatCall(FlatFunction function, Task task) {
        super(new LiftLowerContext(function.opts, function.inst, task, function.name));
        this.function = function;
        this.task = task;
    }

    /** {@code Store.lift}'s guards and {@code canon_lift}'s set-up, from the host (no caller instance). */
    static FlatCall enter(FlatFunction f) {
        InstanceState inst = f.inst;
        if (inst.poisoned() || !mayEnter(inst)) {
            throw cannotEnter(f);
        }
        for (InstanceState i = inst; i != null; i = i.parent) {
            i.mayEnter = false;
        }
        // the function's last call, once closed, is reused (with a fresh task): while a call is
        // open the instance cannot be entered, so one call per function is the most there can be
        FlatCall call = f.last;
        if (call != null && call.closed) {
            call.closed = false;
            call.task.numBorrows = 0;
            call.task.resolved = false;
        } else {
            call = new FlatCall(f, new Task(f.type, f.opts, inst, r -> {}));
            f.last = call;
        }
        if (inst.needsCallStack) { // else no built-in of the component reads the task or thread
            CallStack stack = f.stack;
            if (stack == null || !stack.isCurrent()) {
                stack = CallStack.current();
                f.stack = stack;
            }
            stack.enter(call.task);
        }
        return call;
    }

    /** {@code may_enter_from(None)}: the instance and its ancestors; no sets, this is the hot path. */
    private static boolean mayEnter(InstanceState inst) {
        for (InstanceState i = inst; i != null; i = i.parent) {
            if (!i.mayEnter) {
                return false;
            }
        }
        return true;
    }

    /** The trap of a call that cannot start (kept out of {@link #enter}, which is inlined into every call). */
    private static ComponentTrapException cannotEnter(FlatFunction f) {
        InstanceState inst = f.inst;
        if (inst.poisoned()) {
            return new ComponentTrapException(Reason.POISONED, "cannot enter component instance: it trapped before",
                    inst.name, f.name, inst.poisonCause());
        }
        ComponentTrapException e = new ComponentTrapException(Reason.CANNOT_ENTER,
                "cannot enter component instance from the host", inst.name, f.name, null);
        inst.poison(e);
        return e;
    }

    @Override
    ComponentTrapException onTrap(ComponentTrapException e) {
        function.inst.poison(e);
        return e;
    }

    /** Calls the core function with the lowered arguments and returns its core results. */
    public long[] call(long... args) {
        try {
            return Abi.callCore(cx, function.callee, "", args);
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        }
    }

    /**
     * Ends the call once the result is lifted: {@code Task.return_}'s check that every borrow
     * lent to the callee was dropped, then {@code post-return} with the core results.
     */
    public void finish(long[] results) {
        if (task.resolved) {
            throw new IllegalStateException("finish called twice");
        }
        if (task.numBorrows > 0) {
            throw borrowsRemain();
        }
        task.resolved = true;
        if (function.opts.postReturn() != null) {
            postReturn(results);
        }
    }

    private ComponentTrapException borrowsRemain() {
        return onTrap(Abi.trap(cx, Reason.BORROWS_REMAIN,
                task.numBorrows + " borrowed handle(s) not dropped before the call returned"));
    }

    private void postReturn(long[] results) {
        InstanceState inst = function.inst;
        inst.mayLeave = false;
        try {
            Abi.callCore(cx, function.opts.postReturn(), "post-return", results);
        } catch (ComponentTrapException e) {
            throw onTrap(e);
        } finally {
            inst.mayLeave = true;
        }
    }

    @Override
    public <T> long lowerBorrow(T value, HostResourceTable<T> table) {
        int rep = table.add(value);
        if (lent == null) {
            lent = new ArrayList<>(2);
        }
        lent.add(table);
        lent.add(rep);
        return lowerBorrowRep(table.type(), rep);
    }

    /** Leaves the instance ({@code leave_to}); host objects lent for the call leave their tables. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (function.inst.needsCallStack) {
            function.stack.leave(); // the stack of this thread: the function's last call is this one
        }
        for (InstanceState i = function.inst; i != null; i = i.parent) {
            i.mayEnter = true;
        }
        if (lent != null && !lent.isEmpty()) {
            for (int k = 0; k < lent.size(); k += 2) {
                ((HostResourceTable<?>) lent.get(k)).remove((Integer) lent.get(k + 1));
            }
            lent.clear();
        }
    }
}
