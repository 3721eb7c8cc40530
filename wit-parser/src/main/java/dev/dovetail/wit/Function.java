package dev.dovetail.wit;

import java.util.List;

/**
 * A function of an interface or world. Resource functions carry their mangled names
 * ({@code [method]r.m}, {@code [static]r.s}, {@code [constructor]r}); {@code result} is null when the
 * function returns nothing.
 */
public record Function(String name, Kind kind, List<Param> params, Type result, Docs docs, Stability stability) {

    public Function {
        params = List.copyOf(params);
    }

    public record Param(String name, Type type) {}

    /** How a function relates to a resource: {@code resource} is the resource's type id, or -1. */
    public record Kind(Shape shape, int resource, boolean async) {
        public static final Kind FREESTANDING = new Kind(Shape.FREESTANDING, -1, false);
        public static final Kind ASYNC_FREESTANDING = new Kind(Shape.FREESTANDING, -1, true);
    }

    public enum Shape { FREESTANDING, METHOD, STATIC, CONSTRUCTOR }
}
