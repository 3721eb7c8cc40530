package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import dev.dovetail.runtime.core.CoreFunc;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@code canon lift}ed function: {@code Store.lift} of CanonicalABI.md "Embedding". Checks
 * re-entrance ({@code may_enter_from}), then runs {@code canon_lift}; a trap poisons the
 * instance tree.
 */
final class LiftedFunc implements FuncInst {
    private final CoreFunc callee;
    private final FuncType type;
    private final CanonOptions opts;
    private final InstanceState inst;
    private volatile String name;
    private volatile boolean defaultName;

    LiftedFunc(CoreFunc callee, FuncType type, CanonOptions opts, InstanceState inst, String name) {
        this.callee = callee;
        this.type = type;
        this.opts = opts;
        this.inst = inst;
        this.name = name;
        this.defaultName = name.startsWith("func[");
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
