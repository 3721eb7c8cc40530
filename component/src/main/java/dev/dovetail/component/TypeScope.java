package dev.dovetail.component;

import java.util.ArrayList;
import java.util.List;

/**
 * The component-level index spaces of one component, component type or instance type while the
 * {@link TypeElaborator} walks it (Explainer.md "Index Spaces"). Core index spaces and values are
 * not tracked: nothing in WIT depends on them.
 */
final class TypeScope {
    final TypeScope parent;
    final List<Ty> types = new ArrayList<>();
    final List<Ty> funcs = new ArrayList<>();
    final List<Ty> instances = new ArrayList<>();
    final List<Ty> components = new ArrayList<>();

    TypeScope(TypeScope parent) {
        this.parent = parent;
    }

    /** Whether this scope is {@code outer} or nested (at any depth) inside it. */
    boolean within(TypeScope outer) {
        for (TypeScope s = this; s != null; s = s.parent) {
            if (s == outer) {
                return true;
            }
        }
        return false;
    }

    /** The scope {@code count} levels out, for {@code alias outer}. */
    TypeScope outer(long count) {
        TypeScope s = this;
        for (long i = 0; i < count; i++) {
            s = s.parent;
            if (s == null) {
                throw new WitExtractionException("outer alias count " + count + " goes beyond the outermost component");
            }
        }
        return s;
    }

    Ty type(int index) {
        return get(types, index, "type");
    }

    Ty func(int index) {
        return get(funcs, index, "function");
    }

    Ty instance(int index) {
        return get(instances, index, "instance");
    }

    Ty component(int index) {
        return get(components, index, "component");
    }

    private static Ty get(List<Ty> space, int index, String what) {
        long i = Integer.toUnsignedLong(index);
        if (i >= space.size()) {
            throw new WitExtractionException(what + " index " + i + " out of bounds (" + space.size() + " defined)");
        }
        return space.get((int) i);
    }
}
