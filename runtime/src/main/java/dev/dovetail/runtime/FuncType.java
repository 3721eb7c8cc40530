package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** A component function type ({@code functype}): named parameters and an optional result. */
public record FuncType(boolean async, List<Param> params, Optional<ValueType> result) {
    public record Param(String name, ValueType type) {
        public Param {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    public FuncType {
        params = List.copyOf(params);
        Objects.requireNonNull(result);
    }

    /** {@code param_types()} of CanonicalABI.md. */
    public List<ValueType> paramTypes() {
        List<ValueType> out = new ArrayList<>(params.size());
        for (Param p : params) {
            out.add(p.type());
        }
        return out;
    }

    /** {@code result_type()} of CanonicalABI.md: zero or one type. */
    public List<ValueType> resultTypes() {
        return result.map(List::of).orElse(List.of());
    }

    @Override
    public String toString() {
        return (async ? "async " : "") + "func("
                + params.stream().map(p -> p.name() + ": " + p.type()).collect(Collectors.joining(", ")) + ")"
                + result.map(r -> " -> " + r).orElse("");
    }
}
