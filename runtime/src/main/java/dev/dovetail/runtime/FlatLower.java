package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;

/**
 * A component calling a {@link FlatHostFunction}: the synchronous {@code canon_lower} of
 * CanonicalABI.md with the lifting and lowering left to the generated body.
 */
final class FlatLower extends FlatContext {

    private FlatLower(LiftLowerContext cx) {
        super(cx);
    }

    /** {@code canon_lower} of {@code f}, called by {@code inst} with its flat arguments. */
    static long[] call(FlatHostFunction f, String name, CanonOptions opts, InstanceState inst, long[] args) {
        if (!inst.mayLeave) {
            throw Abi.trap(inst, name, Reason.CANNOT_LEAVE, "cannot leave component instance to call " + name);
        }
        if (opts.async()) {
            throw Abi.trap(inst, name, Reason.UNSUPPORTED, "an async lower of a typed host function");
        }
        Subtask subtask = new Subtask();
        FlatLower cx = new FlatLower(new LiftLowerContext(opts, inst, subtask, name));
        long[] results;
        try {
            results = f.body().call(cx, args);
        } catch (ComponentTrapException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ComponentTrapException(Reason.HOST_FAILURE, String.valueOf(e), inst.name, name, e);
        }
        subtask.deliverResolve();
        return results == null ? NONE : results;
    }

    @Override
    public <T> long lowerBorrow(T value, HostResourceTable<T> table) {
        throw new IllegalStateException("a host function cannot return a borrow");
    }
}
