package dev.dovetail.component;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The validator's resolved view of types (Explainer.md, Type Definitions and Type Checking):
 * index-free type trees built as definitions are validated.
 *
 * <p>Object identity matters in two places, so these objects are only ever put in identity-based
 * collections ({@link #identitySet()}) and compared with {@code ==} where identity is meant:
 *
 * <ul>
 *   <li>a {@link Res} is one resource type; resource types are generative, so two resources are
 *       equal only if they are the same object;
 *   <li>every type import and export creates a new type object (see {@link #unique}) so that
 *       "externally visible names" (Explainer.md, External Visibility of Types) and the resource
 *       names used by {@code [method]} etc. can be attached to that particular type index.
 * </ul>
 *
 * <p>Structural type checks live in {@link Subtyping}.
 */
final class ValidatorTypes {
    private ValidatorTypes() {}

    /** Upper bound on the number of nodes of any type tree (keeps every type walk linear). */
    static final int MAX_TYPE_SIZE = 1_000_000;

    /** Upper bound on type nesting (keeps every type walk's recursion shallow). */
    static final int MAX_TYPE_DEPTH = 100;

    /** {@code elem_size(t, 'i64')} must stay below this (Binary.md, CanonicalABI.md Element Size). */
    static final long MAX_ELEM_SIZE = 1L << 28;

    static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    // ---------------------------------------------------------------- resources

    /** A resource type. Fresh for every resource definition, abstract import and instantiation. */
    static final class Res {
        private static int next;
        private final int id;

        Res() {
            synchronized (Res.class) {
                this.id = next++;
            }
        }

        @Override
        public String toString() {
            return "resource#" + id;
        }
    }

    // ---------------------------------------------------------------- type info

    /**
     * Facts about a type tree computed once when it is built: node count and nesting depth (both
     * bounded), whether it transitively contains a {@code borrow} or a pointer ({@code list} /
     * {@code string}, CanonicalABI.md "requires memory"), and its {@code i64}-ABI element size and
     * alignment (saturated far above {@link #MAX_ELEM_SIZE}).
     */
    record Info(int size, int depth, boolean borrow, boolean ptr, long elemSize, int align) {
        static final Info LEAF = new Info(1, 1, false, false, 0, 1);

        static Info of(int size, int depth, boolean borrow, boolean ptr, long elemSize, int align) {
            return new Info(size, depth, borrow, ptr, Math.min(elemSize, 1L << 40), align);
        }

        /** The info of a node with the given children (size and depth only). */
        static Info node(List<Info> children) {
            long size = 1;
            int depth = 0;
            boolean borrow = false;
            boolean ptr = false;
            for (Info c : children) {
                size += c.size;
                depth = Math.max(depth, c.depth);
                borrow |= c.borrow;
                ptr |= c.ptr;
            }
            return new Info((int) Math.min(size, Integer.MAX_VALUE), depth + 1, borrow, ptr, 0, 1);
        }
    }

    // ---------------------------------------------------------------- component types

    /** Anything in a component-level type index space. */
    sealed interface AnyT permits ResT, DefT, FuncT, InstT, CompT {
        Info info();

        /** How error messages name the kind of type. */
        String desc();
    }

    /**
     * A type index that names a resource. The object is the "alias" that names and visibility
     * attach to; {@link #res()} is the resource itself, which is what type checking compares.
     */
    record ResT(Res res) implements AnyT {
        @Override
        public Info info() {
            return Info.LEAF;
        }

        @Override
        public String desc() {
            return "resource";
        }
    }

    /** A defined value type ({@code defvaltype}); value types are always one of these. */
    sealed interface DefT extends AnyT
            permits PrimT, RecordT, VariantT, ListT, FixedListT, TupleT, FlagsT, EnumT, OptionT, ResultT,
                    OwnT, BorrowT, StreamT, FutureT, MapT {
        @Override
        default String desc() {
            return kind();
        }

        /** The type constructor's name, e.g. {@code record}; the primitive's name for primitives. */
        String kind();
    }

    /**
     * A primitive; {@code inline} when written as a {@code valtype} rather than defined by a type
     * definition (only error messages tell the two apart).
     */
    record PrimT(PrimitiveType prim, boolean inline, Info info) implements DefT {
        @Override
        public String kind() {
            return prim.text();
        }
    }

    record Field(String name, DefT type) {}

    record RecordT(List<Field> fields, Info info) implements DefT {
        @Override
        public String kind() {
            return "record";
        }
    }

    /** A case; {@code type} is null for a case without payload. */
    record Case(String name, DefT type) {}

    record VariantT(List<Case> cases, Info info) implements DefT {
        @Override
        public String kind() {
            return "variant";
        }
    }

    record ListT(DefT element, Info info) implements DefT {
        @Override
        public String kind() {
            return "list";
        }
    }

    record FixedListT(DefT element, long length, Info info) implements DefT {
        @Override
        public String kind() {
            return "list";
        }
    }

    record TupleT(List<DefT> types, Info info) implements DefT {
        @Override
        public String kind() {
            return "tuple";
        }
    }

    record FlagsT(List<String> names, Info info) implements DefT {
        @Override
        public String kind() {
            return "flags";
        }
    }

    record EnumT(List<String> names, Info info) implements DefT {
        @Override
        public String kind() {
            return "enum";
        }
    }

    record OptionT(DefT type, Info info) implements DefT {
        @Override
        public String kind() {
            return "option";
        }
    }

    /** {@code ok} / {@code error} are null when absent. */
    record ResultT(DefT ok, DefT error, Info info) implements DefT {
        @Override
        public String kind() {
            return "result";
        }
    }

    record OwnT(ResT resource, Info info) implements DefT {
        @Override
        public String kind() {
            return "own";
        }
    }

    record BorrowT(ResT resource, Info info) implements DefT {
        @Override
        public String kind() {
            return "borrow";
        }
    }

    /** {@code element} is null for {@code (stream)}. */
    record StreamT(DefT element, Info info) implements DefT {
        @Override
        public String kind() {
            return "stream";
        }
    }

    /** {@code element} is null for {@code (future)}. */
    record FutureT(DefT element, Info info) implements DefT {
        @Override
        public String kind() {
            return "future";
        }
    }

    record MapT(DefT key, DefT value, Info info) implements DefT {
        @Override
        public String kind() {
            return "map";
        }
    }

    record Param(String name, DefT type) {}

    /** {@code functype}; {@code result} is null when there is none. */
    record FuncT(boolean async, List<Param> params, DefT result, Info info) implements AnyT {
        @Override
        public String desc() {
            return "func";
        }
    }

    /**
     * {@code instancetype}, also the type of a concrete instance. {@code defined} are the resources
     * introduced by {@code (export ... (type (sub resource)))} declarators of an instance type that
     * is not yet attached to anything (always empty for concrete instances); {@code explicit} maps
     * every resource exported somewhere inside to its export path (indices into export lists).
     */
    record InstT(Map<String, Entity> exports, List<Res> defined, Map<Res, List<Integer>> explicit, Info info)
            implements AnyT {
        @Override
        public String desc() {
            return "instance";
        }
    }

    /**
     * {@code componenttype}, also the type of a component. {@code imported} are the abstract
     * resources of its imports and {@code defined} the resources its instances generate, each with
     * its import or export path.
     */
    record CompT(
            Map<String, Entity> imports,
            Map<String, Entity> exports,
            Map<Res, List<Integer>> imported,
            Map<Res, List<Integer>> defined,
            Map<Res, List<Integer>> explicit,
            Info info)
            implements AnyT {
        @Override
        public String desc() {
            return "component";
        }
    }

    /**
     * A copy of {@code t} with a new identity: the type that an import or export of {@code (type
     * (eq t))} introduces (type-equal to {@code t}, but named separately).
     */
    static AnyT unique(AnyT t) {
        if (t instanceof ResT r) {
            return new ResT(r.res());
        } else if (t instanceof PrimT p) {
            return new PrimT(p.prim(), p.inline(), p.info());
        } else if (t instanceof RecordT r) {
            return new RecordT(r.fields(), r.info());
        } else if (t instanceof VariantT v) {
            return new VariantT(v.cases(), v.info());
        } else if (t instanceof ListT l) {
            return new ListT(l.element(), l.info());
        } else if (t instanceof FixedListT l) {
            return new FixedListT(l.element(), l.length(), l.info());
        } else if (t instanceof TupleT tt) {
            return new TupleT(tt.types(), tt.info());
        } else if (t instanceof FlagsT f) {
            return new FlagsT(f.names(), f.info());
        } else if (t instanceof EnumT e) {
            return new EnumT(e.names(), e.info());
        } else if (t instanceof OptionT o) {
            return new OptionT(o.type(), o.info());
        } else if (t instanceof ResultT r) {
            return new ResultT(r.ok(), r.error(), r.info());
        } else if (t instanceof OwnT o) {
            return new OwnT(o.resource(), o.info());
        } else if (t instanceof BorrowT b) {
            return new BorrowT(b.resource(), b.info());
        } else if (t instanceof StreamT s) {
            return new StreamT(s.element(), s.info());
        } else if (t instanceof FutureT f) {
            return new FutureT(f.element(), f.info());
        } else if (t instanceof MapT m) {
            return new MapT(m.key(), m.value(), m.info());
        } else if (t instanceof FuncT f) {
            return new FuncT(f.async(), f.params(), f.result(), f.info());
        } else if (t instanceof InstT i) {
            return new InstT(i.exports(), i.defined(), i.explicit(), i.info());
        } else if (t instanceof CompT c) {
            return new CompT(c.imports(), c.exports(), c.imported(), c.defined(), c.explicit(), c.info());
        }
        throw new IllegalStateException("unknown type " + t);
    }

    // ---------------------------------------------------------------- entities

    /** The type of an item in a component index space / of an import or export ({@code externtype}). */
    sealed interface Entity permits ModuleE, FuncE, ValueE, TypeE, InstanceE, ComponentE {
        String desc();

        Info info();
    }

    record ModuleE(ModuleT type) implements Entity {
        @Override
        public String desc() {
            return "module";
        }

        @Override
        public Info info() {
            return Info.LEAF;
        }
    }

    record FuncE(FuncT type) implements Entity {
        @Override
        public String desc() {
            return "func";
        }

        @Override
        public Info info() {
            return type.info();
        }
    }

    record ValueE(DefT type) implements Entity {
        @Override
        public String desc() {
            return "value";
        }

        @Override
        public Info info() {
            return type.info();
        }
    }

    /** A type import/export: {@code referenced} is the type given, {@code created} the new index's type. */
    record TypeE(AnyT referenced, AnyT created) implements Entity {
        @Override
        public String desc() {
            return "type";
        }

        @Override
        public Info info() {
            return created.info();
        }
    }

    record InstanceE(InstT type) implements Entity {
        @Override
        public String desc() {
            return "instance";
        }

        @Override
        public Info info() {
            return type.info();
        }
    }

    record ComponentE(CompT type) implements Entity {
        @Override
        public String desc() {
            return "component";
        }

        @Override
        public Info info() {
            return type.info();
        }
    }

    // ---------------------------------------------------------------- core types

    /** An entry of a core type index space: a core (sub)type or a core module type. */
    sealed interface CoreEntry permits CoreSub, ModuleT {}

    /**
     * A core {@code subtype}: composite type, finality and declared supertypes. Mutable only while
     * its recursion group is being built (members may refer to each other).
     */
    static final class CoreSub implements CoreEntry {
        boolean isFinal = true;
        boolean shared;
        List<CoreSub> supertypes = List.of();
        CoreComp comp;

        static CoreSub func(List<CVal> params, List<CVal> results) {
            CoreSub s = new CoreSub();
            s.comp = new CFunc(List.copyOf(params), List.copyOf(results));
            return s;
        }

        CFunc funcOrNull() {
            return comp instanceof CFunc f ? f : null;
        }

        @Override
        public String toString() {
            return CoreTypes.describe(this);
        }
    }

    sealed interface CoreComp permits CFunc, CStruct, CArray, CCont {}

    record CFunc(List<CVal> params, List<CVal> results) implements CoreComp {}

    record CStruct(List<CField> fields) implements CoreComp {}

    record CArray(CField element) implements CoreComp {}

    record CCont(CoreSub func) implements CoreComp {}

    /** A field; {@code storage} is a {@link CVal} or a {@link CoreType.PackedType}. */
    record CField(Object storage, boolean mutable) {}

    /** A core value type. */
    sealed interface CVal permits CNum, CRef {}

    record CNum(CoreType.NumType type) implements CVal {
        static final CNum I32 = new CNum(CoreType.NumType.I32);
        static final CNum I64 = new CNum(CoreType.NumType.I64);
        static final CNum F32 = new CNum(CoreType.NumType.F32);
        static final CNum F64 = new CNum(CoreType.NumType.F64);
        static final CNum V128 = new CNum(CoreType.NumType.V128);

        static CNum of(CoreType.NumType t) {
            return switch (t) {
                case I32 -> I32;
                case I64 -> I64;
                case F32 -> F32;
                case F64 -> F64;
                case V128 -> V128;
            };
        }
    }

    /** A reference type; {@code heap} is an abstract heap type or a concrete {@link CoreSub}. */
    record CRef(boolean nullable, CHeap heap) implements CVal {}

    sealed interface CHeap permits AbsHeap, ConcHeap {}

    /** An abstract heap type by opcode, e.g. 0x70 func, 0x6f extern. */
    record AbsHeap(int code, boolean shared) implements CHeap {}

    record ConcHeap(CoreSub type) implements CHeap {}

    /** A core extern type ({@code core:externtype}). */
    sealed interface CoreExtern permits CFuncX, CTableX, CMemoryX, CGlobalX, CTagX {
        String desc();
    }

    record CFuncX(CoreSub type) implements CoreExtern {
        @Override
        public String desc() {
            return "func";
        }
    }

    record CTableX(CRef element, long min, OptionalLong max, boolean shared, boolean is64) implements CoreExtern {
        @Override
        public String desc() {
            return "table";
        }
    }

    record CMemoryX(long min, OptionalLong max, boolean shared, boolean is64, int pageSizeLog2) implements CoreExtern {
        @Override
        public String desc() {
            return "memory";
        }
    }

    record CGlobalX(CVal type, boolean mutable, boolean shared) implements CoreExtern {
        @Override
        public String desc() {
            return "global";
        }
    }

    record CTagX(CoreSub type) implements CoreExtern {
        @Override
        public String desc() {
            return "tag";
        }
    }

    /** A two-level core import name. */
    record ImportKey(String module, String name) {
        @Override
        public String toString() {
            return module + "::" + name;
        }
    }

    /** A core module type: imports and exports in declaration order. */
    record ModuleT(Map<ImportKey, CoreExtern> imports, Map<String, CoreExtern> exports) implements CoreEntry {
        static ModuleT of(LinkedHashMap<ImportKey, CoreExtern> imports, LinkedHashMap<String, CoreExtern> exports) {
            return new ModuleT(Collections.unmodifiableMap(imports), Collections.unmodifiableMap(exports));
        }
    }

    /** The type of a core instance: its exports. */
    record CoreInstT(Map<String, CoreExtern> exports) {}
}
