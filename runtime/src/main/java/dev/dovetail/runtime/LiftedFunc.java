package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import dev.dovetail.runtime.ValueType.Primitive;
import dev.dovetail.runtime.core.CoreFunc;
import dev.dovetail.runtime.core.CoreTrap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@code canon lift}ed function: {@code Store.lift} of CanonicalABI.md "Embedding". Checks
 * re-entrance ({@code may_enter_from}), then runs {@code canon_lift}; a trap poisons the
 * instance tree.
 */
final class LiftedFunc implements FuncInst {
    private static final long[] NONE = new long[0];
    private final CoreFunc callee;
    private final FuncType type;
    private final CanonOptions opts;
    private final InstanceState inst;
    private volatile String name;
    private volatile boolean defaultName;
    /**
     * For a synchronous lift whose parameters and result are all scalars (no string, list,
     * handle or compound type): the primitive of each parameter, then of the result if any;
     * null otherwise. Such a call needs no memory, no {@code realloc} and no borrow scope, so
     * {@link #callScalarFromHost} runs it without {@link Val}s, lists or a {@link Task}.
     */
    private final Primitive[] scalarSig;
    private final boolean charResult; // scalarSig's result is a char, checked when lifted
    private final CoreFunc postReturn;
    /**
     * For a {@link #scalarSig} call that needs nothing but the guards and the core call: the
     * instance, which has no parent and no built-in that reads the {@link CallStack}, and the
     * Chicory function; there is no {@code char} result and no {@code post-return}. Null
     * otherwise. {@link #callScalarFromHost} then does its steps on these two fields only.
     */
    private final InstanceState soleInst;
    private final CoreFunc.Direct soleExport;

    LiftedFunc(CoreFunc callee, FuncType type, CanonOptions opts, InstanceState inst, String name) {
        this.callee = callee;
        this.type = type;
        this.opts = opts;
        this.inst = inst;
        this.name = name;
        this.defaultName = name.startsWith("func[");
        this.scalarSig = opts.async() || type.async() ? null : scalarSignature(type);
        this.charResult = scalarSig != null && type.result().isPresent() && type.result().get() == Primitive.CHAR;
        this.postReturn = opts.postReturn();
        CoreFunc.Direct direct = callee.direct();
        boolean sole = scalarSig != null && !charResult && postReturn == null && inst.parent == null
                && !inst.needsCallStack && direct != null;
        this.soleInst = sole ? inst : null;
        this.soleExport = sole ? direct : null;
    }

    /** The primitives of an all-scalar function type, parameters then result; null if it has another type. */
    static Primitive[] scalarSignature(FuncType type) {
        int n = type.params().size();
        if (n > Abi.MAX_FLAT_PARAMS) {
            return null; // spilled to memory
        }
        Primitive[] sig = new Primitive[n + (type.result().isPresent() ? 1 : 0)];
        for (int i = 0; i < sig.length; i++) {
            ValueType t = i < n ? type.params().get(i).type() : type.result().get();
            if (!(t instanceof Primitive p) || p == Primitive.STRING || p == Primitive.ERROR_CONTEXT) {
                return null;
            }
            sig[i] = p;
        }
        return sig;
    }

    /** The scalar signature ({@link #scalarSignature}), or null: callers must not change it. */
    Primitive[] scalarSig() {
        return scalarSig;
    }

    /** Names a function without a name-section name after its first export, for traps. */
    void nameIfDefault(String exportName) {
        if (defaultName) {
            name = exportName;
            defaultName = false;
        }
    }

    @Override
    public FuncType type() {
        return type;
    }

    @Override
    public String name() {
        return name;
    }

    InstanceState instance() {
        return inst;
    }

    CoreFunc callee() {
        return callee;
    }

    CanonOptions opts() {
        return opts;
    }

    @Override
    public void invoke(Supplier<List<Val>> onStart, Consumer<List<Val>> onResolve, InstanceState caller) {
        checkEnter(inst, caller, name);
        inst.enterFrom(caller);
        try {
            Abi.canonLift(callee, type, opts, inst, name, onStart, onResolve);
        } catch (ComponentTrapException e) {
            inst.poison(e);
            throw e;
        } finally {
            inst.leaveTo(caller);
        }
    }

    /**
     * {@code Store.invoke} from the host of a function with a {@link #scalarSig}, on flat values:
     * the same steps as {@link #invoke} and {@code canon_lift} with nothing to lower or lift
     * through memory. The guards and traps are those of {@link #invoke}; a {@code char} result is
     * checked here, before {@code post-return}, as lifting it would. Returns the core results.
     */
    long[] callScalarFromHost(long[] flatArgs) {
        return callScalar(this, soleInst, soleExport, flatArgs);
    }

    /**
     * {@link #callScalarFromHost} of {@code f}, given its {@link #soleInst} and {@link
     * #soleExport}, which callers on a hot path keep in fields of their own (one load less). With
     * them, and when the instance may be entered, the steps are {@code enter_from(None)}, the core
     * call, {@code leave_to(None)}; everything else is out of line, so that this stays small
     * enough to inline with Chicory's call.
     */
    static long[] callScalar(LiftedFunc f, InstanceState inst, CoreFunc.Direct export, long[] flatArgs) {
        if (inst == null || !inst.mayEnter || inst.poisonedRoot()) {
            return f.callScalarChecked(flatArgs);
        }
        inst.mayEnter = false;
        long[] results;
        try {
            results = export.apply(flatArgs);
        } catch (Throwable t) {
            throw f.leaveOnThrow(CoreFunc.trapOf(t), null);
        }
        inst.mayEnter = true;
        return results == null ? NONE : results;
    }

    InstanceState soleInst() {
        return soleInst;
    }

    CoreFunc.Direct soleExport() {
        return soleExport;
    }

    /** {@link #callScalarFromHost} in general: an instance tree, a task to push, a char result, post-return. */
    private long[] callScalarChecked(long[] flatArgs) {
        InstanceState inst = this.inst;
        if (!mayEnterFromHost(inst)) {
            checkEnter(inst, null, name); // throws the right trap
        }
        for (InstanceState i = inst; i != null; i = i.parent) { // enter_from(None)
            i.mayEnter = false;
        }
        // current_task() and the thread's storage are only read by built-ins of the component
        // (context.get/set, task.return); without them, pushing the task is unobservable
        CallStack stack = inst.needsCallStack ? pushTask() : null;
        long[] results;
        try {
            results = callee.call(flatArgs);
            if (charResult) {
                Abi.convertI32ToChar(new LiftLowerContext(opts, inst, null, name), results[0]);
            }
            if (postReturn != null) {
                postReturn(results);
            }
        } catch (Throwable t) { // the rare path, out of line: the hot one stays small enough to inline
            throw leaveOnThrow(t, stack);
        }
        leave(stack);
        return results;
    }

    private CallStack pushTask() {
        CallStack stack = CallStack.current();
        stack.enter(new Task(type, opts, inst, r -> {}));
        return stack;
    }

    /** {@code post-return}, with {@code may_leave} cleared. */
    private void postReturn(long[] results) {
        inst.mayLeave = false;
        try {
            postReturn.call(results);
        } catch (CoreTrap e) {
            throw Abi.coreTrap(e, "post-return", inst, name);
        } finally {
            inst.mayLeave = true;
        }
    }

    /** {@code leave_to(None)}, and the task off the stack. */
    private void leave(CallStack stack) {
        if (stack != null) {
            stack.leave();
        }
        for (InstanceState i = inst; i != null; i = i.parent) {
            i.mayEnter = true;
        }
    }

    /** Leaves after {@code t} was thrown; a trap (a core one made a component trap) poisons the instance tree. */
    private RuntimeException leaveOnThrow(Throwable t, CallStack stack) {
        try {
            if (t instanceof CoreTrap e) {
                t = Abi.coreTrap(e, "", inst, name);
            }
            if (t instanceof ComponentTrapException e) {
                inst.poison(e);
            }
        } finally {
            leave(stack);
        }
        if (t instanceof Error e) {
            throw e;
        }
        return (RuntimeException) t;
    }

    /** Not poisoned and {@code may_enter_from(None)}: every instance up to the root may be entered. */
    private static boolean mayEnterFromHost(InstanceState inst) {
        InstanceState i = inst;
        while (true) {
            if (!i.mayEnter) {
                return false;
            }
            if (i.parent == null) {
                return !i.poisonedRoot();
            }
            i = i.parent;
        }
    }

    /** The guards before entering {@code inst}: not poisoned, and {@code may_enter_from(caller)}. */
    static void checkEnter(InstanceState inst, InstanceState caller, String name) {
        if (inst.poisoned()) {
            throw new ComponentTrapException(Reason.POISONED, "cannot enter component instance: it trapped before",
                    inst.name, name, inst.poisonCause());
        }
        if (!inst.mayEnterFrom(caller)) {
            ComponentTrapException e = new ComponentTrapException(Reason.CANNOT_ENTER,
                    "cannot enter component instance" + (caller == null ? " from the host" : " from " + caller.name),
                    inst.name, name, null);
            inst.poison(e);
            throw e;
        }
    }
}
