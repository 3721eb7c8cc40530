package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The host's side of a host-implemented resource type: maps each {@code rep} handed to
 * components to the Java object it stands for. Generated bindings keep one per imported
 * resource; when a component drops the last owned handle, the object leaves the table and
 * {@code onDrop} receives it.
 *
 * <p>Reps are small positive integers, reused after removal.
 */
public final class HostResourceTable<T> {
    private final ResourceType type;
    private final List<T> values = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    private HostResourceTable(String name, Consumer<? super T> onDrop) {
        this.type = ResourceType.host(name, rep -> onDrop.accept(remove(rep)));
    }

    /** A table with a fresh host resource type named {@code name}. */
    public static <T> HostResourceTable<T> create(String name, Consumer<? super T> onDrop) {
        return new HostResourceTable<>(Objects.requireNonNull(name), Objects.requireNonNull(onDrop));
    }

    /** The resource type to define in a {@link Linker} for the import. */
    public ResourceType type() {
        return type;
    }

    /** Adds {@code value} and returns its rep. */
    public synchronized int add(T value) {
        Objects.requireNonNull(value);
        if (!free.isEmpty()) {
            int i = free.remove(free.size() - 1);
            values.set(i, value);
            return i + 1;
        }
        values.add(value);
        return values.size();
    }

    /** The object of {@code rep}. */
    public synchronized T get(int rep) {
        T v = rep > 0 && rep <= values.size() ? values.get(rep - 1) : null;
        if (v == null) {
            throw new IllegalStateException("no " + type.name() + " with rep " + rep);
        }
        return v;
    }

    /** Removes the object of {@code rep} and returns it. */
    public synchronized T remove(int rep) {
        T v = get(rep);
        values.set(rep - 1, null);
        free.add(rep - 1);
        return v;
    }

    /** How many objects the table holds. */
    public synchronized int size() {
        return values.size() - free.size();
    }

    @Override
    public String toString() {
        return "HostResourceTable[" + type.name() + "]";
    }
}
