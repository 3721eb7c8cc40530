package dev.dovetail.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An elaborated world: includes are merged in and used interfaces are imported. */
public record World(
        String name,
        Map<WorldKey, WorldItem> imports,
        Map<WorldKey, WorldItem> exports,
        Integer packageId,
        Docs docs,
        Stability stability) {

    public World {
        imports = Collections.unmodifiableMap(new LinkedHashMap<>(imports));
        exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    }
}
