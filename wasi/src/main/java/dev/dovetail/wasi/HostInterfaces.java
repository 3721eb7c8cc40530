package dev.dovetail.wasi;

import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.ResourceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host definitions of each WASI interface, by unversioned name ({@code wasi:io/streams}),
 * defined into a {@link Linker} once per supported version: a guest's imports of any of those
 * versions find the same functions and the same resource types.
 */
final class HostInterfaces {
    private final Map<String, Iface> interfaces = new LinkedHashMap<>();

    /** The interface named {@code name} (created on first use). */
    Iface iface(String name) {
        return interfaces.computeIfAbsent(name, n -> new Iface());
    }

    /** The interfaces' names, unversioned. */
    java.util.Set<String> names() {
        return interfaces.keySet();
    }

    /** One definition ({@link HostFunction} or {@link ResourceType}), or null. */
    Object definition(String iface, String name) {
        Iface i = interfaces.get(iface);
        return i == null ? null : i.defs.get(name);
    }

    /** Defines every interface in {@code linker} as {@code name@version}, for each version. */
    void defineAll(Linker linker, List<String> versions) {
        for (String version : versions) {
            for (Map.Entry<String, Iface> e : interfaces.entrySet()) {
                Linker ns = linker.instance(e.getKey() + "@" + version);
                for (Map.Entry<String, Object> d : e.getValue().defs.entrySet()) {
                    if (d.getValue() instanceof HostFunction f) {
                        ns.func(d.getKey(), TRACE ? traced(e.getKey() + "#" + d.getKey(), f) : f);
                    } else {
                        ns.resource(d.getKey(), (ResourceType) d.getValue());
                    }
                }
            }
        }
    }

    /** {@code -Ddovetail.wasi.trace=true}: every WASI call and its result go to stderr (for debugging). */
    private static final boolean TRACE = Boolean.getBoolean("dovetail.wasi.trace");
    private static final long T0 = System.nanoTime();

    private static HostFunction traced(String name, HostFunction f) {
        return args -> {
            String shown = String.valueOf(args);
            try {
                java.util.Optional<dev.dovetail.runtime.Val> r = f.call(args);
                System.err.printf("[wasi %.3f] %s%s -> %s%n", (System.nanoTime() - T0) / 1e9, name, abbreviate(shown),
                        abbreviate(String.valueOf(r)));
                return r;
            } catch (RuntimeException e) {
                System.err.printf("[wasi %.3f] %s%s threw %s%n", (System.nanoTime() - T0) / 1e9, name, abbreviate(shown), e);
                throw e;
            }
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "...(" + s.length() + " chars)" : s;
    }

    /** The functions and resource types of one interface. */
    static final class Iface {
        private final Map<String, Object> defs = new LinkedHashMap<>();

        Iface func(String name, HostFunction f) {
            defs.put(name, f);
            return this;
        }

        Iface resource(String name, ResourceType type) {
            defs.put(name, type);
            return this;
        }
    }
}
