package dev.dovetail.runtime;

import dev.dovetail.component.Component;

/**
 * A decoded and validated component, ready to be instantiated any number of times. Its core
 * modules are parsed (or compiled) once, on first instantiation.
 */
public final class LoadedComponent {
    private final Component model;
    final Loader loader;

    LoadedComponent(Component model, Loader loader) {
        this.model = model;
        this.loader = loader;
    }

    /** The component's model ({@code dev.dovetail.component}). */
    public Component model() {
        return model;
    }

    ComponentDef definition() {
        return new ComponentDef(model, null, loader);
    }
}
