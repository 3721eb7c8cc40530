package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A function exported by a component instance, called with {@link Val}s. */
public final class ComponentFunction {
    private final FuncInst func;
    private final List<String> path;
    private final String name;

    ComponentFunction(FuncInst func, List<String> path) {
        this.func = func;
        this.path = List.copyOf(path);
        this.name = String.join("/", path);
    }

    FuncInst func() {
        return func;
    }

    /** The export name it was found under: its {@link #path()} joined with {@code /}. */
    public String name() {
        return name;
    }

    /**
     * The export names that lead to it: names of exported instances, then the function's
     * ({@code [wasi:cli/run@0.2.0, run]}), as {@link ComponentInstance#func(String...)} takes them.
     */
    public List<String> path() {
        return path;
    }

    public FuncType type() {
        return func.type();
    }

    /** Calls the function ({@code Store.invoke}). */
    public Optional<Val> call(Val... args) {
        return call(Arrays.asList(args));
    }

    /**
     * Calls the function with the host as caller.
     *
     * @throws IllegalArgumentException if the arguments do not match the parameter types
     * @throws ComponentTrapException if the call traps
     */
    public Optional<Val> call(List<Val> args) {
        FuncType type = func.type();
        Values.checkAll(args, type.paramTypes());
        List<Val> argsCopy = List.copyOf(args);
        List<List<Val>> out = new ArrayList<>(1);
        func.invoke(() -> argsCopy, out::add, null);
        if (out.isEmpty()) {
            throw new IllegalStateException(name + " returned without a result");
        }
        List<Val> r = out.get(0);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    @Override
    public String toString() {
        return name + ": " + func.type();
    }
}
