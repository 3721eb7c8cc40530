package dev.dovetail.wit;

/** Where a type is defined: an interface, a world, or nowhere (anonymous types). */
public sealed interface TypeOwner permits TypeOwner.None, TypeOwner.OfInterface, TypeOwner.OfWorld {

    TypeOwner NONE = new None();

    record None() implements TypeOwner {}

    record OfInterface(int interfaceId) implements TypeOwner {}

    record OfWorld(int worldId) implements TypeOwner {}
}
