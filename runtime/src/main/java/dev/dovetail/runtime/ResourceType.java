package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreFunc;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * A resource type at run time ({@code ResourceType} of CanonicalABI.md "Resource State").
 * Compared by identity: every instantiation of a component that defines a resource creates a
 * fresh one. The host creates its own with {@link #host(String, IntConsumer)}.
 */
public final class ResourceType {
    private volatile String name;
    private volatile boolean defaultName;
    final InstanceState impl; // the defining instance; null for host resources
    final CoreFunc dtor; // guest destructor, may be null
    final IntConsumer hostDtor; // host destructor, may be null

    ResourceType(String name, InstanceState impl, CoreFunc dtor, IntConsumer hostDtor) {
        this.name = Objects.requireNonNull(name);
        this.defaultName = impl != null;
        this.impl = impl;
        this.dtor = dtor;
        this.hostDtor = hostDtor;
    }

    /** A resource type implemented by the host; {@code destructor} receives the rep when an owned handle is dropped. */
    public static ResourceType host(String name, IntConsumer destructor) {
        return new ResourceType(name, null, null, Objects.requireNonNull(destructor));
    }

    /** A resource type implemented by the host, with no destructor. */
    public static ResourceType host(String name) {
        return new ResourceType(name, null, null, rep -> {});
    }

    /** A name for messages (the type's name in its defining component, or the host's name). */
    public String name() {
        return name;
    }

    /** Names a guest resource after its first export, for messages. */
    void nameIfDefault(String exportName) {
        if (defaultName) {
            name = exportName;
            defaultName = false;
        }
    }

    /** Whether the host implements this type. */
    public boolean isHost() {
        return impl == null;
    }

    @Override
    public String toString() {
        return name;
    }
}
