package dev.dovetail.wit;

/** The key of a world import or export: a plain name, or an interface imported by its path. */
public sealed interface WorldKey permits WorldKey.Name, WorldKey.InterfaceRef {

    record Name(String name) implements WorldKey {}

    record InterfaceRef(int interfaceId) implements WorldKey {}
}
