package dev.dovetail.component;

import java.util.Objects;
import java.util.Optional;

/** {@code export}: {@code na si et?}, with an optional ascribed type. */
public record Export(ExternName name, SortIndex item, Optional<ExternType> type) {
    public Export {
        Objects.requireNonNull(name);
        Objects.requireNonNull(item);
        Objects.requireNonNull(type);
    }
}
