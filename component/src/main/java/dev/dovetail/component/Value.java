package dev.dovetail.component;

import java.util.Objects;

/**
 * {@code value}: {@code t len v}. The encoded value {@code v} is kept as bytes: reading it needs
 * the type index space, which is the validator's business.
 */
public record Value(ValType type, Bytes bytes) {
    public Value {
        Objects.requireNonNull(type);
        Objects.requireNonNull(bytes);
    }
}
