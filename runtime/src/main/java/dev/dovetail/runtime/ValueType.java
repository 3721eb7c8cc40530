package dev.dovetail.runtime;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A component value type ({@code valtype} in Explainer.md), with every type index resolved and
 * resource types bound to the {@link ResourceType} of the running instance that defines them.
 * Equality is structural, except for resource types, which are compared by identity.
 */
public sealed interface ValueType
        permits ValueType.Primitive,
                ValueType.ListType,
                ValueType.FixedListType,
                ValueType.RecordType,
                ValueType.TupleType,
                ValueType.VariantType,
                ValueType.EnumType,
                ValueType.OptionType,
                ValueType.ResultType,
                ValueType.FlagsType,
                ValueType.OwnType,
                ValueType.BorrowType,
                ValueType.StreamType,
                ValueType.FutureType,
                ValueType.MapType {

    /** The primitive value types. */
    enum Primitive implements ValueType {
        BOOL("bool"),
        S8("s8"),
        U8("u8"),
        S16("s16"),
        U16("u16"),
        S32("s32"),
        U32("u32"),
        S64("s64"),
        U64("u64"),
        F32("f32"),
        F64("f64"),
        CHAR("char"),
        STRING("string"),
        ERROR_CONTEXT("error-context");

        private final String text;

        Primitive(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record ListType(ValueType element) implements ValueType {
        public ListType {
            Objects.requireNonNull(element);
        }

        @Override
        public String toString() {
            return "list<" + element + ">";
        }
    }

    record FixedListType(ValueType element, int length) implements ValueType {
        public FixedListType {
            Objects.requireNonNull(element);
        }

        @Override
        public String toString() {
            return "list<" + element + ", " + length + ">";
        }
    }

    record Field(String name, ValueType type) {
        public Field {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    record RecordType(List<Field> fields) implements ValueType {
        public RecordType {
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            return "record { " + fields.stream().map(f -> f.name() + ": " + f.type()).collect(Collectors.joining(", "))
                    + " }";
        }
    }

    record TupleType(List<ValueType> types) implements ValueType {
        public TupleType {
            types = List.copyOf(types);
        }

        @Override
        public String toString() {
            return "tuple<" + types.stream().map(Object::toString).collect(Collectors.joining(", ")) + ">";
        }
    }

    record Case(String name, Optional<ValueType> type) {
        public Case {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    record VariantType(List<Case> cases) implements ValueType {
        public VariantType {
            cases = List.copyOf(cases);
        }

        @Override
        public String toString() {
            return "variant { " + cases.stream().map(c -> c.name() + c.type().map(t -> "(" + t + ")").orElse(""))
                    .collect(Collectors.joining(", ")) + " }";
        }
    }

    record EnumType(List<String> labels) implements ValueType {
        public EnumType {
            labels = List.copyOf(labels);
        }

        @Override
        public String toString() {
            return "enum { " + String.join(", ", labels) + " }";
        }
    }

    record OptionType(ValueType type) implements ValueType {
        public OptionType {
            Objects.requireNonNull(type);
        }

        @Override
        public String toString() {
            return "option<" + type + ">";
        }
    }

    record ResultType(Optional<ValueType> ok, Optional<ValueType> err) implements ValueType {
        public ResultType {
            Objects.requireNonNull(ok);
            Objects.requireNonNull(err);
        }

        @Override
        public String toString() {
            return "result<" + ok.map(Object::toString).orElse("_") + ", " + err.map(Object::toString).orElse("_")
                    + ">";
        }
    }

    record FlagsType(List<String> labels) implements ValueType {
        public FlagsType {
            labels = List.copyOf(labels);
        }

        @Override
        public String toString() {
            return "flags { " + String.join(", ", labels) + " }";
        }
    }

    record OwnType(ResourceType resource) implements ValueType {
        public OwnType {
            Objects.requireNonNull(resource);
        }

        @Override
        public String toString() {
            return "own<" + resource + ">";
        }
    }

    record BorrowType(ResourceType resource) implements ValueType {
        public BorrowType {
            Objects.requireNonNull(resource);
        }

        @Override
        public String toString() {
            return "borrow<" + resource + ">";
        }
    }

    record StreamType(Optional<ValueType> element) implements ValueType {
        public StreamType {
            Objects.requireNonNull(element);
        }
    }

    record FutureType(Optional<ValueType> element) implements ValueType {
        public FutureType {
            Objects.requireNonNull(element);
        }
    }

    /** {@code map<K, V>}: lifted and lowered as a list of key/value tuples. */
    record MapType(ValueType key, ValueType value) implements ValueType {
        public MapType {
            Objects.requireNonNull(key);
            Objects.requireNonNull(value);
        }
    }
}
