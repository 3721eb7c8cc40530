package dev.dovetail.component;

import java.util.Objects;

/** {@code alias}: every alias introduces a new index in the index space of its sort. */
public sealed interface Alias {
    Sort sort();

    /** {@code s 0x00 i n}: {@code (alias export i n (s))}. */
    record InstanceExport(Sort sort, int instance, String name) implements Alias {
        public InstanceExport {
            Objects.requireNonNull(sort);
            Objects.requireNonNull(name);
        }
    }

    /** {@code s 0x01 i n}: {@code (alias core export i n (s))}; {@code s} is a core sort. */
    record CoreInstanceExport(Sort sort, int instance, String name) implements Alias {
        public CoreInstanceExport {
            Objects.requireNonNull(sort);
            Objects.requireNonNull(name);
        }
    }

    /** {@code s 0x02 ct idx}: {@code (alias outer ct idx (s))}; {@code s} is an outer-alias sort. */
    record Outer(Sort sort, int count, int index) implements Alias {
        public Outer {
            if (!sort.isOuterAliasSort()) {
                throw new IllegalArgumentException(sort + " is not an outer alias sort");
            }
        }
    }
}
