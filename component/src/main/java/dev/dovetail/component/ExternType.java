package dev.dovetail.component;

import java.util.Objects;

/** {@code externtype}: the type of an import or export. */
public sealed interface ExternType {
    /** {@code 0x00 0x11 i}: {@code (core module (type i))}. */
    record CoreModule(int coreType) implements ExternType {}

    /** {@code 0x01 i}: {@code (func (type i))}. */
    record Func(int type) implements ExternType {}

    /** {@code 0x02 b}: {@code (value b)}. */
    record Value(ValueBound bound) implements ExternType {
        public Value {
            Objects.requireNonNull(bound);
        }
    }

    /** {@code 0x03 b}: {@code (type b)}. */
    record Type(TypeBound bound) implements ExternType {
        public Type {
            Objects.requireNonNull(bound);
        }
    }

    /** {@code 0x04 i}: {@code (component (type i))}. */
    record Component(int type) implements ExternType {}

    /** {@code 0x05 i}: {@code (instance (type i))}. */
    record Instance(int type) implements ExternType {}

    /** {@code typebound}. */
    sealed interface TypeBound {
        /** {@code 0x00 i}: {@code (eq i)}. */
        record Eq(int type) implements TypeBound {}

        /** {@code 0x01}: {@code (sub resource)}. */
        record SubResource() implements TypeBound {}
    }

    /** {@code valuebound}. */
    sealed interface ValueBound {
        /** {@code 0x00 i}: {@code (eq i)} of a value index. */
        record Eq(int value) implements ValueBound {}

        /** {@code 0x01 t}: a value of type {@code t}. */
        record Of(ValType type) implements ValueBound {
            public Of {
                Objects.requireNonNull(type);
            }
        }
    }
}
