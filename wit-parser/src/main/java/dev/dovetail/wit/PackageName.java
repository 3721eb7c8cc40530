package dev.dovetail.wit;

/** A package name {@code namespace:name@version}; the version is null when absent. */
public record PackageName(String namespace, String name, String version) {

    /** The name without its version, e.g. {@code wasi:io}. */
    public String withoutVersion() {
        return namespace + ":" + name;
    }

    @Override
    public String toString() {
        return version == null ? withoutVersion() : withoutVersion() + "@" + version;
    }
}
