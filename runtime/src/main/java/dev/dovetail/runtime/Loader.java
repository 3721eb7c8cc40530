package dev.dovetail.runtime;

import dev.dovetail.component.Section;
import dev.dovetail.runtime.core.CoreEngine;
import dev.dovetail.runtime.core.CoreLinkException;
import dev.dovetail.runtime.core.CoreModule;
import java.util.IdentityHashMap;
import java.util.Map;

/** The core engine and the core modules of one loaded component, each parsed (or compiled) once. */
final class Loader {
    final CoreEngine engine;
    private final Map<Section.CoreModule, CoreModule> modules = new IdentityHashMap<>();

    Loader(CoreEngine engine) {
        this.engine = engine;
    }

    synchronized CoreModule module(Section.CoreModule section) {
        CoreModule m = modules.get(section);
        if (m == null) {
            try {
                m = engine.parse(section.module().toArray());
            } catch (CoreLinkException e) {
                throw new ComponentLinkException(e.getMessage(), e);
            }
            modules.put(section, m);
        }
        return m;
    }
}
