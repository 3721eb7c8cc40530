package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code defvaltype}: the defined value types. */
public sealed interface DefinedType extends TypeDef
        permits PrimitiveType,
                DefinedType.Record,
                DefinedType.Variant,
                DefinedType.ListType,
                DefinedType.FixedList,
                DefinedType.Tuple,
                DefinedType.Flags,
                DefinedType.Enum,
                DefinedType.Option,
                DefinedType.Result,
                DefinedType.Own,
                DefinedType.Borrow,
                DefinedType.Stream,
                DefinedType.Future,
                DefinedType.MapType {

    /** {@code labelvaltype}: a record field or function parameter. */
    record Field(String label, ValType type) {
        public Field {
            Objects.requireNonNull(label);
            Objects.requireNonNull(type);
        }
    }

    /** {@code case}: a variant case with an optional payload. */
    record Case(String label, Optional<ValType> type) {
        public Case {
            Objects.requireNonNull(label);
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x72}. */
    record Record(List<Field> fields) implements DefinedType {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** {@code 0x71}. */
    record Variant(List<Case> cases) implements DefinedType {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    /** {@code 0x70}: {@code (list t)}. */
    record ListType(ValType element) implements DefinedType {
        public ListType {
            Objects.requireNonNull(element);
        }
    }

    /** {@code 0x67}: {@code (list t len)}, a fixed-length list. */
    record FixedList(ValType element, int length) implements DefinedType {
        public FixedList {
            Objects.requireNonNull(element);
        }
    }

    /** {@code 0x6f}. */
    record Tuple(List<ValType> types) implements DefinedType {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    /** {@code 0x6e}. */
    record Flags(List<String> labels) implements DefinedType {
        public Flags {
            labels = List.copyOf(labels);
        }
    }

    /** {@code 0x6d}. */
    record Enum(List<String> labels) implements DefinedType {
        public Enum {
            labels = List.copyOf(labels);
        }
    }

    /** {@code 0x6b}. */
    record Option(ValType type) implements DefinedType {
        public Option {
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x6a}: {@code (result t? (error u)?)}. */
    record Result(Optional<ValType> ok, Optional<ValType> error) implements DefinedType {
        public Result {
            Objects.requireNonNull(ok);
            Objects.requireNonNull(error);
        }
    }

    /** {@code 0x69}: {@code (own i)}. */
    record Own(int resource) implements DefinedType {}

    /** {@code 0x68}: {@code (borrow i)}. */
    record Borrow(int resource) implements DefinedType {}

    /** {@code 0x66}: {@code (stream t?)}. */
    record Stream(Optional<ValType> element) implements DefinedType {
        public Stream {
            Objects.requireNonNull(element);
        }
    }

    /** {@code 0x65}: {@code (future t?)}. */
    record Future(Optional<ValType> element) implements DefinedType {
        public Future {
            Objects.requireNonNull(element);
        }
    }

    /** {@code 0x63}: {@code (map k v)}. */
    record MapType(ValType key, ValType value) implements DefinedType {
        public MapType {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }
    }
}
