package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/** An instantiated component: find its exports by name and call them. */
public final class ComponentInstance {
    private final InstanceValue value;
    private final String name;

    ComponentInstance(InstanceValue value, String name) {
        this.value = value;
        this.name = name;
    }

    InstanceValue value() {
        return value;
    }

    /** The name of the root instance, as used in traps. */
    public String name() {
        return name;
    }

    /** The names of the top-level exports. */
    public Set<String> exports() {
        return value.exports.keySet();
    }

    /**
     * The exported function at {@code path}: a top-level export name, or the names of exported
     * instances followed by a function name ({@code func("wasi:cli/run@0.2.0", "run")}).
     *
     * @throws NoSuchElementException if there is no such function
     */
    public ComponentFunction func(String... path) {
        return findFunc(path).orElseThrow(() -> new NoSuchElementException(
                "no exported function " + String.join("/", path) + " in " + name));
    }

    /** The exported function at {@code path}, if any. */
    public Optional<ComponentFunction> findFunc(String... path) {
        return find(path).filter(Item.Func.class::isInstance)
                .map(it -> new ComponentFunction(((Item.Func) it).func(), List.of(path)));
    }

    /**
     * Every exported function: the top-level ones and those of exported instances (at any depth),
     * in export order.
     */
    public List<ComponentFunction> functions() {
        List<ComponentFunction> out = new ArrayList<>();
        collect(value, new ArrayList<>(), out);
        return out;
    }

    private static void collect(InstanceValue v, List<String> prefix, List<ComponentFunction> out) {
        for (Map.Entry<String, Item> e : v.exports.entrySet()) {
            prefix.add(e.getKey());
            if (e.getValue() instanceof Item.Func f) {
                out.add(new ComponentFunction(f.func(), prefix));
            } else if (e.getValue() instanceof Item.Instance in) {
                collect(in.instance(), prefix, out);
            }
            prefix.remove(prefix.size() - 1);
        }
    }

    /** The exported resource type at {@code path}, if any. */
    public Optional<ResourceType> resourceType(String... path) {
        return find(path).filter(it -> it instanceof Item.Type t && t.type() instanceof ResourceType)
                .map(it -> (ResourceType) ((Item.Type) it).type());
    }

    private Optional<Item> find(String... path) {
        InstanceValue v = value;
        for (int i = 0; i < path.length; i++) {
            Item it = v.exports.get(path[i]);
            if (it == null) {
                return Optional.empty();
            }
            if (i == path.length - 1) {
                return Optional.of(it);
            }
            if (!(it instanceof Item.Instance in)) {
                return Optional.empty();
            }
            v = in.instance();
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ComponentInstance[" + name + "]";
    }
}
