package dev.dovetail.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A component instance as a value: its exports by name. {@code state} is the instance's run-time
 * state when it was made by instantiating a component, null for an instance built from exports
 * ({@code (instance (export ...))}) or by the host.
 */
final class InstanceValue {
    final Map<String, Item> exports;
    final InstanceState state;

    InstanceValue(Map<String, Item> exports, InstanceState state) {
        this.exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
        this.state = state;
    }
}
