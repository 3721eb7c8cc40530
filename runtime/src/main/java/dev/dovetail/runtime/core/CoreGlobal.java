package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.GlobalInstance;

/** A core global, shared by reference between the instances that import it. */
public final class CoreGlobal implements CoreExtern {
    final GlobalInstance global;

    CoreGlobal(GlobalInstance global) {
        this.global = global;
    }

    @Override
    public String kind() {
        return "global";
    }

    /** The raw value (see the package documentation for the encoding). */
    public long value() {
        return global.getValue();
    }
}
