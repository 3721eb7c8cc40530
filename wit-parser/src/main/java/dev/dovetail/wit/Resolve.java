package dev.dovetail.wit;

import java.util.List;
import java.util.OptionalInt;

/**
 * The resolved meaning of one or more WIT packages: four arenas addressed by index, in allocation
 * order (dependencies before dependents), as the Rust {@code wit-parser} crate lays them out.
 */
public final class Resolve {
    private final List<World> worlds;
    private final List<Interface> interfaces;
    private final List<TypeDef> types;
    private final List<Package> packages;

    public Resolve(List<World> worlds, List<Interface> interfaces, List<TypeDef> types, List<Package> packages) {
        this.worlds = List.copyOf(worlds);
        this.interfaces = List.copyOf(interfaces);
        this.types = List.copyOf(types);
        this.packages = List.copyOf(packages);
    }

    public List<World> worlds() {
        return worlds;
    }

    public List<Interface> interfaces() {
        return interfaces;
    }

    public List<TypeDef> types() {
        return types;
    }

    public List<Package> packages() {
        return packages;
    }

    public World world(int id) {
        return worlds.get(id);
    }

    public Interface iface(int id) {
        return interfaces.get(id);
    }

    public TypeDef type(int id) {
        return types.get(id);
    }

    public Package pkg(int id) {
        return packages.get(id);
    }

    /** The id of the package named {@code name} (with version, as printed), if present. */
    public OptionalInt packageId(String name) {
        for (int i = 0; i < packages.size(); i++) {
            if (packages.get(i).name().toString().equals(name)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** The fully qualified name of a named interface, e.g. {@code wasi:io/streams@0.2.12}. */
    public String interfaceName(int id) {
        Interface iface = interfaces.get(id);
        if (iface.name() == null || iface.packageId() == null) {
            return null;
        }
        PackageName pkg = packages.get(iface.packageId()).name();
        String base = pkg.withoutVersion() + "/" + iface.name();
        return pkg.version() == null ? base : base + "@" + pkg.version();
    }
}
