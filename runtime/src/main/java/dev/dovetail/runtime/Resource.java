package dev.dovetail.runtime;

import java.util.Objects;

/**
 * A resource handle as the host sees it: the resource type and its representation ({@code rep},
 * an {@code i32}). It travels in {@link Val.Own} and {@link Val.Borrow}.
 *
 * <p>An owned resource handed to a component is moved: it cannot be passed again, nor dropped.
 * An owned resource the host keeps should be {@link #drop() dropped}, which runs its destructor.
 */
public final class Resource {
    private final ResourceType type;
    private final int rep;
    private final boolean borrowed;
    private boolean gone;

    /** An owned handle of {@code type} with representation {@code rep} (for host resource types). */
    public Resource(ResourceType type, int rep) {
        this(type, rep, false);
    }

    private Resource(ResourceType type, int rep, boolean borrowed) {
        this.type = Objects.requireNonNull(type);
        this.rep = rep;
        this.borrowed = borrowed;
    }

    /** A handle lent to the host for the duration of a call: it can be lent on, not moved or dropped. */
    static Resource borrowed(ResourceType type, int rep) {
        return new Resource(type, rep, true);
    }

    /** Whether this handle was lent to the host ({@code borrow<T>}) rather than owned by it. */
    public boolean isBorrowed() {
        return borrowed;
    }

    public ResourceType type() {
        return type;
    }

    public int rep() {
        return rep;
    }

    /** Whether this handle was moved into a component or dropped. */
    public synchronized boolean isGone() {
        return gone;
    }

    synchronized void take() {
        if (gone) {
            throw new IllegalStateException("resource " + this + " was already moved or dropped");
        }
        gone = true;
    }

    /**
     * Drops this owned handle: runs the destructor of the resource type (a guest destructor runs
     * like a call into its component instance, and may trap).
     */
    public void drop() {
        if (borrowed) {
            throw new IllegalStateException("resource " + this + " is borrowed: only its owner can drop it");
        }
        take();
        Abi.dropFromHost(type, rep);
    }

    @Override
    public String toString() {
        return type.name() + "#" + rep;
    }
}
