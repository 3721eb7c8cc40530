package dev.dovetail.wit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A package and its interfaces and worlds, by name, in declaration order. */
public record Package(PackageName name, Docs docs, Map<String, Integer> interfaces, Map<String, Integer> worlds) {

    public Package {
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        worlds = Collections.unmodifiableMap(new LinkedHashMap<>(worlds));
    }
}
