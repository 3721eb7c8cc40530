package dev.dovetail.runtime;

import java.util.HashSet;
import java.util.Set;

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
        for (InstanceState i : enteringSet(caller)) {
            if (!i.mayEnter) {
                return false;
            }
        }
        return true;
    }

    /** {@code enter_from}. */
    void enterFrom(InstanceState caller) {
        for (InstanceState i : enteringSet(caller)) {
            i.mayEnter = false;
        }
    }

    /** {@code leave_to}. */
    void leaveTo(InstanceState caller) {
        for (InstanceState i : enteringSet(caller)) {
            i.mayEnter = true;
        }
    }

    /** {@code entering_set}: self and ancestors, less the caller's self and ancestors. */
    private Set<InstanceState> enteringSet(InstanceState caller) {
        Set<InstanceState> s = selfAndAncestors();
        if (caller != null) {
            s.removeAll(caller.selfAndAncestors());
        }
        return s;
    }

    private Set<InstanceState> selfAndAncestors() {
        Set<InstanceState> s = new HashSet<>();
        for (InstanceState i = this; i != null; i = i.parent) {
            s.add(i);
        }
        return s;
    }

    @Override
    public String toString() {
        return name;
    }
}
