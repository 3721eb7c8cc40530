package dev.dovetail.component;

import java.util.Objects;

/** {@code import}: {@code na et}. */
public record Import(ExternName name, ExternType type) {
    public Import {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
    }
}
