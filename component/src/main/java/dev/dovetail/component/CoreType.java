package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@code core:type} / {@code core:deftype}: a core recursion group (WebAssembly 3.0 types) or a
 * core module type, plus the core value, heap and extern types they are made of.
 */
public sealed interface CoreType permits CoreType.RecGroup, CoreType.Module {

    /**
     * {@code core:rectype}: {@code explicit} is the {@code 0x4e vec(subtype)} form; otherwise the
     * group holds exactly one subtype written on its own (a non-final {@code sub} then takes the
     * {@code 0x00} prefix, see Binary.md).
     */
    record RecGroup(boolean explicit, List<SubType> types) implements CoreType {
        public RecGroup {
            types = List.copyOf(types);
            if (!explicit && types.size() != 1) {
                throw new IllegalArgumentException("an implicit rec group holds exactly one subtype");
            }
        }

        /** A single final type without {@code sub} prefix, e.g. a plain core func type. */
        public static RecGroup of(CompType type) {
            return new RecGroup(false, List.of(new SubType(true, false, List.of(), type)));
        }
    }

    /** {@code core:moduletype}: {@code 0x50 md*}. */
    record Module(List<ModuleDecl> declarations) implements CoreType {
        public Module {
            declarations = List.copyOf(declarations);
        }
    }

    /**
     * {@code core:subtype}: {@code prefixed} is true for the {@code 0x50}/{@code 0x4f} forms
     * ({@code sub} / {@code sub final}), false for a bare (final) composite type.
     */
    record SubType(boolean isFinal, boolean prefixed, List<Integer> supertypes, CompType type) {
        public SubType {
            supertypes = List.copyOf(supertypes);
            Objects.requireNonNull(type);
            if (!prefixed && (!isFinal || !supertypes.isEmpty())) {
                throw new IllegalArgumentException("a subtype without prefix is final and has no supertypes");
            }
        }
    }

    /** {@code core:comptype}. */
    sealed interface CompType {
        /** {@code 0x60}. */
        record Func(List<ValType> params, List<ValType> results) implements CompType {
            public Func {
                params = List.copyOf(params);
                results = List.copyOf(results);
            }
        }

        /** {@code 0x5f}. */
        record Struct(List<FieldType> fields) implements CompType {
            public Struct {
                fields = List.copyOf(fields);
            }
        }

        /** {@code 0x5e}. */
        record Array(FieldType element) implements CompType {
            public Array {
                Objects.requireNonNull(element);
            }
        }

        /** {@code 0x5d}: a continuation type (stack switching). */
        record Cont(int funcType) implements CompType {}

        /** {@code 0x65 ct}: a shared composite type (shared-everything threads). */
        record Shared(CompType type) implements CompType {
            public Shared {
                Objects.requireNonNull(type);
            }
        }
    }

    /** {@code core:fieldtype}. */
    record FieldType(StorageType storage, boolean mutable) {
        public FieldType {
            Objects.requireNonNull(storage);
        }
    }

    /** {@code core:storagetype}. */
    sealed interface StorageType permits ValType, PackedType {}

    /** {@code core:packedtype}. */
    enum PackedType implements StorageType {
        I8(0x78),
        I16(0x77);

        private final int code;

        PackedType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** {@code core:valtype}. */
    sealed interface ValType extends StorageType permits NumType, RefType {}

    /** {@code core:numtype} and {@code core:vectype}. */
    enum NumType implements ValType {
        I32(0x7f),
        I64(0x7e),
        F32(0x7d),
        F64(0x7c),
        V128(0x7b);

        private final int code;

        NumType(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static NumType fromCode(int code) {
            return code >= 0x7b && code <= 0x7f ? values()[0x7f - code] : null;
        }
    }

    /**
     * {@code core:reftype}: {@code shorthand} is the one-byte form (e.g. {@code funcref} for
     * {@code (ref null func)}), only possible for nullable abstract heap types.
     */
    record RefType(boolean nullable, HeapType heap, boolean shorthand) implements ValType {
        public RefType {
            Objects.requireNonNull(heap);
            if (shorthand && !(nullable && heap instanceof AbstractHeap)) {
                throw new IllegalArgumentException("only nullable abstract reference types have a shorthand");
            }
        }
    }

    /** {@code core:heaptype}. */
    sealed interface HeapType permits AbstractHeap, ConcreteHeap {}

    /**
     * {@code core:absheaptype}: {@code code} is the opcode (0x68 cont ... 0x75 nocont, e.g. 0x70
     * func, 0x6f extern); {@code shared} adds the {@code 0x65} prefix.
     */
    record AbstractHeap(int code, boolean shared) implements HeapType {
        public AbstractHeap {
            if (!isAbstractHeapCode(code)) {
                throw new IllegalArgumentException("not an abstract heap type: 0x" + Integer.toHexString(code));
            }
        }

        public static boolean isAbstractHeapCode(int code) {
            return code >= 0x68 && code <= 0x75;
        }
    }

    /** A type index as heap type (encoded as a non-negative s33; u32 held in an int). */
    record ConcreteHeap(int index) implements HeapType {}

    /** {@code core:moduledecl}. */
    sealed interface ModuleDecl {
        /** {@code 0x00 core:import}. */
        record Import(String module, String name, ExternType type) implements ModuleDecl {
            public Import {
                Objects.requireNonNull(module);
                Objects.requireNonNull(name);
                Objects.requireNonNull(type);
            }
        }

        /** {@code 0x01 core:type}. */
        record Type(CoreType type) implements ModuleDecl {
            public Type {
                Objects.requireNonNull(type);
            }
        }

        /** {@code 0x02 core:alias}: {@code 0x10 0x01 ct idx}, an outer alias of a core type. */
        record OuterAlias(int count, int index) implements ModuleDecl {}

        /** {@code 0x03 core:exportdecl}. */
        record Export(String name, ExternType type) implements ModuleDecl {
            public Export {
                Objects.requireNonNull(name);
                Objects.requireNonNull(type);
            }
        }
    }

    /** {@code core:externtype}. */
    sealed interface ExternType {
        /** {@code 0x00 typeidx}. */
        record Func(int type) implements ExternType {}

        /** {@code 0x01 tabletype}. */
        record Table(RefType element, Limits limits) implements ExternType {
            public Table {
                Objects.requireNonNull(element);
                Objects.requireNonNull(limits);
            }
        }

        /** {@code 0x02 memtype}. */
        record Memory(Limits limits) implements ExternType {
            public Memory {
                Objects.requireNonNull(limits);
            }
        }

        /** {@code 0x03 globaltype}. */
        record Global(ValType type, boolean mutable, boolean shared) implements ExternType {
            public Global {
                Objects.requireNonNull(type);
            }
        }

        /** {@code 0x04 0x00 typeidx}: an exception tag. */
        record Tag(int type) implements ExternType {}
    }

    /**
     * {@code core:limits} with the flags byte as written: bit 0 max present, bit 1 shared, bit 2
     * 64-bit (min and max are u64), bit 3 custom page size (memories only, followed by its log2).
     */
    record Limits(int flags, long min, OptionalLong max, OptionalInt pageSizeLog2) {
        public Limits {
            Objects.requireNonNull(max);
            Objects.requireNonNull(pageSizeLog2);
            if (flags < 0 || flags > 0x0f) {
                throw new IllegalArgumentException("bad limits flags " + flags);
            }
            if (((flags & 1) != 0) != max.isPresent()) {
                throw new IllegalArgumentException("limits flag bit 0 must match the presence of max");
            }
            if (((flags & 8) != 0) != pageSizeLog2.isPresent()) {
                throw new IllegalArgumentException("limits flag bit 3 must match the presence of a page size");
            }
        }

        public boolean is64() {
            return (flags & 4) != 0;
        }

        public boolean shared() {
            return (flags & 2) != 0;
        }
    }
}
