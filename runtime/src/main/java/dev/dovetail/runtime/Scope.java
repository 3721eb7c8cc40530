package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreFunc;
import dev.dovetail.runtime.core.CoreGlobal;
import dev.dovetail.runtime.core.CoreMemory;
import dev.dovetail.runtime.core.CoreModule;
import dev.dovetail.runtime.core.CoreTable;
import dev.dovetail.runtime.core.CoreTag;
import java.util.ArrayList;
import java.util.List;

/**
 * The 13 index spaces of one component instance being built (Explainer.md "Index Spaces"), or
 * of a component/instance type being resolved; {@code outer} is the enclosing scope that outer
 * aliases count into.
 */
final class Scope {
    final Scope outer;

    final List<CoreFunc> coreFuncs = new ArrayList<>();
    final List<CoreTable> coreTables = new ArrayList<>();
    final List<CoreMemory> coreMemories = new ArrayList<>();
    final List<CoreGlobal> coreGlobals = new ArrayList<>();
    final List<CoreTag> coreTags = new ArrayList<>();
    final List<Object> coreTypes = new ArrayList<>();
    final List<CoreModule> coreModules = new ArrayList<>();
    final List<CoreExports> coreInstances = new ArrayList<>();

    final List<FuncInst> funcs = new ArrayList<>();
    final List<Val> values = new ArrayList<>();
    final List<Object> types = new ArrayList<>();
    final List<ComponentDef> components = new ArrayList<>();
    final List<InstanceValue> instances = new ArrayList<>();

    Scope(Scope outer) {
        this.outer = outer;
    }

    /** The scope {@code count} levels out ({@code outer} alias). */
    Scope out(int count) {
        Scope s = this;
        for (int i = 0; i < count; i++) {
            if (s.outer == null) {
                throw new ComponentLinkException("outer alias reaches beyond the outermost component");
            }
            s = s.outer;
        }
        return s;
    }
}
