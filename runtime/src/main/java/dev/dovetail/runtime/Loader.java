package dev.dovetail.runtime;

import dev.dovetail.component.Component;
import dev.dovetail.component.Section;
import dev.dovetail.runtime.core.CoreEngine;
import dev.dovetail.runtime.core.CoreLinkException;
import dev.dovetail.runtime.core.CoreModule;
import dev.dovetail.runtime.core.SharedTypes;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The core engine and the core modules of one loaded component, each parsed (or compiled) once.
 * The first module asked for brings all of the component's modules, nested components' included,
 * parsed together ({@link SharedTypes}: one type section for all, so that Chicory's
 * {@code call_indirect} check works between modules that share a table).
 */
final class Loader {
    final CoreEngine engine;
    private final Component root;
    private final Map<Section.CoreModule, CoreModule> modules = new IdentityHashMap<>();
    private boolean preloaded;

    Loader(CoreEngine engine, Component root) {
        this.engine = engine;
        this.root = root;
    }

    synchronized CoreModule module(Section.CoreModule section) {
        if (!preloaded) {
            preloaded = true;
            preload();
        }
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

    private void preload() {
        List<Section.CoreModule> sections = new ArrayList<>();
        collect(root, sections);
        List<byte[]> bytes = new ArrayList<>();
        for (Section.CoreModule s : sections) {
            bytes.add(s.module().toArray());
        }
        List<CoreModule> parsed;
        try {
            parsed = SharedTypes.parse(bytes);
        } catch (CoreLinkException e) {
            return; // each module is parsed on its own when used, and the invalid one reports then
        }
        for (int i = 0; i < sections.size(); i++) {
            modules.put(sections.get(i), parsed.get(i));
        }
    }

    private static void collect(Component c, List<Section.CoreModule> out) {
        for (Section s : c.sections()) {
            if (s instanceof Section.CoreModule m) {
                out.add(m);
            } else if (s instanceof Section.NestedComponent n) {
                collect(n.component(), out);
            }
        }
    }
}
