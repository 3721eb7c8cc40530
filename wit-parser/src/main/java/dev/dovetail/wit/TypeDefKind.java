package dev.dovetail.wit;

import java.util.List;

/** What a {@link TypeDef} is: the shapes of WIT types. */
public sealed interface TypeDefKind {

    record Field(String name, Type type, Docs docs) {}

    record Case(String name, Type type, Docs docs) {}

    record Flag(String name, Docs docs) {}

    record EnumCase(String name, Docs docs) {}

    /** {@code record r { ... }}. */
    record Record(List<Field> fields) implements TypeDefKind {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** {@code resource r}. */
    record Resource() implements TypeDefKind {}

    /** {@code own<r>} or {@code borrow<r>}; {@code resource} is a type id. */
    record Handle(boolean borrow, int resource) implements TypeDefKind {}

    record Flags(List<Flag> flags) implements TypeDefKind {
        public Flags {
            flags = List.copyOf(flags);
        }
    }

    record Tuple(List<Type> types) implements TypeDefKind {
        public Tuple {
            types = List.copyOf(types);
        }
    }

    /** A variant; a case's type is null when it has no payload. */
    record Variant(List<Case> cases) implements TypeDefKind {
        public Variant {
            cases = List.copyOf(cases);
        }
    }

    record Enum(List<EnumCase> cases) implements TypeDefKind {
        public Enum {
            cases = List.copyOf(cases);
        }
    }

    record Option(Type type) implements TypeDefKind {}

    /** {@code result<ok, err>}; either side may be null. */
    record Result(Type ok, Type err) implements TypeDefKind {}

    record ListOf(Type element) implements TypeDefKind {}

    /** {@code list<T, N>}. */
    record FixedLengthList(Type element, long length) implements TypeDefKind {}

    /** {@code map<K, V>}. */
    record MapOf(Type key, Type value) implements TypeDefKind {}

    /** {@code future<T>}; {@code type} null for a bare {@code future}. */
    record Future(Type type) implements TypeDefKind {}

    /** {@code stream<T>}; {@code type} null for a bare {@code stream}. */
    record Stream(Type type) implements TypeDefKind {}

    /** {@code type a = b}, and names brought in by {@code use}. */
    record Alias(Type target) implements TypeDefKind {}

    /**
     * A type named by a {@code use} of a foreign package whose definition is not known yet; never
     * present in a finished {@link Resolve}.
     */
    record Unknown() implements TypeDefKind {}
}
