package dev.dovetail.runtime;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A component value, for the dynamic host API: one record per value type of Explainer.md.
 * Unsigned integers are held in the next wider Java type ({@link U32} in a {@code long}) except
 * {@link U64}, whose {@code long} holds the 64 bits. Construct-time checks keep every value in
 * its type's range.
 */
public sealed interface Val
        permits Val.Bool,
                Val.S8,
                Val.U8,
                Val.S16,
                Val.U16,
                Val.S32,
                Val.U32,
                Val.S64,
                Val.U64,
                Val.F32,
                Val.F64,
                Val.Char,
                Val.Str,
                Val.List,
                Val.Record,
                Val.Tuple,
                Val.Variant,
                Val.Enum,
                Val.Option,
                Val.Result,
                Val.Flags,
                Val.Own,
                Val.Borrow {

    record Bool(boolean value) implements Val {}

    record S8(byte value) implements Val {}

    record U8(int value) implements Val {
        public U8 {
            if (value < 0 || value > 0xff) {
                throw new IllegalArgumentException("u8 out of range: " + value);
            }
        }
    }

    record S16(short value) implements Val {}

    record U16(int value) implements Val {
        public U16 {
            if (value < 0 || value > 0xffff) {
                throw new IllegalArgumentException("u16 out of range: " + value);
            }
        }
    }

    record S32(int value) implements Val {}

    record U32(long value) implements Val {
        public U32 {
            if (value < 0 || value > 0xffff_ffffL) {
                throw new IllegalArgumentException("u32 out of range: " + value);
            }
        }
    }

    record S64(long value) implements Val {}

    /** A {@code u64}: the 64 bits of {@code value}, read unsigned. */
    record U64(long value) implements Val {
        @Override
        public String toString() {
            return "U64[value=" + Long.toUnsignedString(value) + "]";
        }
    }

    /** An {@code f32}. Equality compares bit patterns ({@link Float#equals}), so NaN equals NaN. */
    record F32(float value) implements Val {}

    record F64(double value) implements Val {}

    /** A {@code char}: a Unicode scalar value (not a surrogate). */
    record Char(int codePoint) implements Val {
        public Char {
            if (codePoint < 0 || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff)) {
                throw new IllegalArgumentException("not a Unicode scalar value: " + codePoint);
            }
        }

        @Override
        public String toString() {
            return "Char[" + new String(Character.toChars(codePoint)) + "]";
        }
    }

    /**
     * A {@code string}. Besides its text, a string lifted from a component remembers the encoding
     * and code-unit count it had there: {@code store_string} uses them as size hints, as the
     * canonical ABI specifies. Equality compares the text only.
     */
    final class Str implements Val {
        private final String value;
        final Abi.StringEncoding hintEncoding; // null: a host string
        final long hintTaggedCodeUnits;

        public Str(String value) {
            this.value = Objects.requireNonNull(value);
            this.hintEncoding = null;
            this.hintTaggedCodeUnits = 0;
        }

        Str(String value, Abi.StringEncoding encoding, long taggedCodeUnits) {
            this.value = value;
            this.hintEncoding = encoding;
            this.hintTaggedCodeUnits = taggedCodeUnits;
        }

        public String value() {
            return value;
        }

        /** The hint for a host string: its UTF-8 length (hosts pass strings as UTF-8). */
        Abi.StringEncoding encoding() {
            return hintEncoding == null ? Abi.StringEncoding.UTF8 : hintEncoding;
        }

        long taggedCodeUnits() {
            return hintEncoding == null ? Utf.utf8Length(value) : hintTaggedCodeUnits;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Str s && s.value.equals(value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "Str[" + value + "]";
        }
    }

    /** A {@code list<T>} (also {@code list<T, N>} and, as key/value tuples, {@code map<K, V>}). */
    record List(java.util.List<Val> values) implements Val {
        public List {
            values = java.util.List.copyOf(values);
        }
    }

    record Field(String name, Val value) {
        public Field {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    /** A {@code record}: fields in the type's order, by name. */
    record Record(java.util.List<Field> fields) implements Val {
        public Record {
            fields = java.util.List.copyOf(fields);
        }

        /** The field with the given name. */
        public Optional<Val> get(String name) {
            for (Field f : fields) {
                if (f.name().equals(name)) {
                    return Optional.of(f.value());
                }
            }
            return Optional.empty();
        }
    }

    record Tuple(java.util.List<Val> values) implements Val {
        public Tuple {
            values = java.util.List.copyOf(values);
        }
    }

    /** A {@code variant} case, by label, with its payload if the case has one. */
    record Variant(String caseName, Optional<Val> payload) implements Val {
        public Variant {
            Objects.requireNonNull(caseName);
            Objects.requireNonNull(payload);
        }
    }

    record Enum(String caseName) implements Val {
        public Enum {
            Objects.requireNonNull(caseName);
        }
    }

    record Option(Optional<Val> value) implements Val {
        public Option {
            Objects.requireNonNull(value);
        }
    }

    /** A {@code result}: {@code ok} or {@code error}, with a payload if that case has a type. */
    record Result(boolean isOk, Optional<Val> payload) implements Val {
        public Result {
            Objects.requireNonNull(payload);
        }
    }

    /** A {@code flags} value: the set labels. */
    record Flags(Set<String> set) implements Val {
        public Flags {
            set = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(set));
        }
    }

    /** An owned handle ({@code own<T>}). */
    record Own(Resource resource) implements Val {
        public Own {
            Objects.requireNonNull(resource);
        }
    }

    /** A borrowed handle ({@code borrow<T>}), valid for the duration of the call it was passed to. */
    record Borrow(Resource resource) implements Val {
        public Borrow {
            Objects.requireNonNull(resource);
        }
    }

    // ------------------------------------------------------------------ factories

    static Val bool(boolean v) {
        return new Bool(v);
    }

    static Val u32(long v) {
        return new U32(v);
    }

    static Val s32(int v) {
        return new S32(v);
    }

    static Val string(String v) {
        return new Str(v);
    }

    static Val list(Val... values) {
        return new List(Arrays.asList(values));
    }

    static Val tuple(Val... values) {
        return new Tuple(Arrays.asList(values));
    }

    static Val some(Val v) {
        return new Option(Optional.of(v));
    }

    static Val none() {
        return new Option(Optional.empty());
    }

    static Val ok(Val v) {
        return new Result(true, Optional.of(v));
    }

    static Val err(Val v) {
        return new Result(false, Optional.of(v));
    }

    static Val variant(String caseName, Val payload) {
        return new Variant(caseName, Optional.of(payload));
    }

    static Val variant(String caseName) {
        return new Variant(caseName, Optional.empty());
    }

    static Val flags(String... labels) {
        return new Flags(Arrays.stream(labels).collect(Collectors.toCollection(LinkedHashSet::new)));
    }
}
