package dev.dovetail.runtime;

/**
 * The run-time state of one component instance: {@code ComponentInstance} of CanonicalABI.md
 * "Component Instances" (its {@code handles} table, {@code may_enter} and {@code may_leave}),
 * plus the poison flag that a trap sets on the root of the instance tree.
 */
final class InstanceState {
    final InstanceState parent;
    final String name;
    final HandleTable handles = new HandleTable();
    boolean mayEnter = true;
    boolean mayLeave = true;
    int backpressure;
    /**
     * Whether the component defines built-ins that read the current task or thread
     * ({@code context.get}, {@code context.set}, {@code task.return}, the async and thread
     * built-ins): only then must each call into it and each {@code realloc} push a task and a
     * thread with zeroed storage on the {@link CallStack}. Set before any of its code runs.
     */
    boolean needsCallStack = true;
    private boolean poisoned; // meaningful on the root only
    private ComponentTrapException poison;

    InstanceState(InstanceState parent, String name) {
        this.parent = parent;
        this.name = name;
    }

    InstanceState root() {
        InstanceState r = this;
        while (r.parent != null) {
            r = r.parent;
        }
        return r;
    }

    boolean poisoned() {
        return root().poisoned;
    }

    /** The poison flag of this instance, which must be a root. */
    boolean poisonedRoot() {
        return poisoned;
    }

    ComponentTrapException poisonCause() {
        return root().poison;
    }

    void poison(ComponentTrapException cause) {
        InstanceState r = root();
        if (!r.poisoned) {
            r.poisoned = true;
            r.poison = cause;
        }
    }

    /** {@code may_enter_from}. */
    boolean mayEnterFrom(InstanceState caller) {
        for (InstanceState i = this; i != null; i = i.parent) {
            if (entering(i, caller) && !i.mayEnter) {
                return false;
            }
        }
        return true;
    }

    /** {@code enter_from}. */
    void enterFrom(InstanceState caller) {
        for (InstanceState i = this; i != null; i = i.parent) {
            if (entering(i, caller)) {
                i.mayEnter = false;
            }
        }
    }

    /** {@code leave_to}. */
    void leaveTo(InstanceState caller) {
        for (InstanceState i = this; i != null; i = i.parent) {
            if (entering(i, caller)) {
                i.mayEnter = true;
            }
        }
    }

    /**
     * Whether {@code i}, this instance or one of its ancestors, is in {@code entering_set}: self
     * and ancestors, less the caller's self and ancestors. Walks the (short) parent chains instead
     * of building sets, since every call goes through here.
     */
    private static boolean entering(InstanceState i, InstanceState caller) {
        for (InstanceState c = caller; c != null; c = c.parent) {
            if (c == i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
