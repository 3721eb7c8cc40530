package dev.dovetail.component;

import java.util.Objects;

/** {@code sortidx}: an index into the index space of {@code sort}. */
public record SortIndex(Sort sort, int index) {
    public SortIndex {
        Objects.requireNonNull(sort);
    }
}
