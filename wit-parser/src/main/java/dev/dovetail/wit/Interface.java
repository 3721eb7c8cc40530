package dev.dovetail.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An interface. {@code name} is null for an inline interface of a world, {@code packageId} null for
 * such interfaces; maps keep declaration order.
 */
public record Interface(
        String name,
        Map<String, Integer> types,
        Map<String, Function> functions,
        Docs docs,
        Stability stability,
        Integer packageId) {

    public Interface {
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
    }
}
