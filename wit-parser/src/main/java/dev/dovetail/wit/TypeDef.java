package dev.dovetail.wit;

/** A type in {@link Resolve#types()}; {@code name} is null for anonymous types such as {@code list<u8>}. */
public record TypeDef(String name, TypeDefKind kind, TypeOwner owner, Docs docs, Stability stability) {}
