package dev.dovetail.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decodes a component binary (Binary.md) into a {@link Component}.
 *
 * <p>The decoder checks the grammar only (well-formedness), not validation rules such as index
 * bounds or type matching. Core modules are kept as bytes; their preamble and section framing
 * (ids, sizes, order) are checked. On any malformed input it throws {@link
 * ComponentFormatException} and nothing else; every length is bounded by the remaining input
 * before anything is allocated, and nesting is limited to {@value #MAX_DEPTH} levels.
 */
public final class ComponentDecoder {
    /** Maximum nesting of components, component/instance/module types and declarations. */
    public static final int MAX_DEPTH = 100;

    private static final int[] CORE_SECTION_ORDER = {
        // id -> rank; custom (0) is unordered, -1 is an unknown id
        0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6
    };

    private final Reader in;

    private ComponentDecoder(byte[] bytes) {
        this.in = new Reader(bytes);
    }

    /** Decodes a whole component; the input must contain nothing after it. */
    public static Component decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        ComponentDecoder d = new ComponentDecoder(bytes);
        try {
            return d.component(0);
        } catch (StackOverflowError e) {
            // MAX_DEPTH keeps recursion shallow; this is a last line of defence
            throw new ComponentFormatException(d.in.pos(), d.in.section(), "nesting too deep");
        }
    }

    // component ::= preamble section*
    private Component component(int depth) {
        if (depth > MAX_DEPTH) {
            throw in.error("nesting too deep (more than " + MAX_DEPTH + " levels)");
        }
        String outerSection = in.section();
        in.section("preamble");
        preamble();
        in.section(null);
        List<Section> sections = new ArrayList<>();
        while (!in.atEnd()) {
            sections.add(section(depth));
        }
        in.section(outerSection);
        return new Component(sections);
    }

    // preamble ::= magic version layer
    private void preamble() {
        int at = in.pos();
        if (in.remaining() < 4) {
            throw in.error("unexpected end-of-file");
        }
        if (in.u8() != 0x00 || in.u8() != 0x61 || in.u8() != 0x73 || in.u8() != 0x6d) {
            throw in.errorAt(at, "magic header not detected");
        }
        if (in.remaining() < 4) {
            throw in.error("unexpected end-of-file");
        }
        int v0 = in.u8();
        int v1 = in.u8();
        int l0 = in.u8();
        int l1 = in.u8();
        if (l0 == 0x00 && l1 == 0x00) {
            throw in.errorAt(at + 4, "expected a version header for a component, found a core module");
        }
        if (v0 != 0x0d || v1 != 0x00) {
            throw in.errorAt(at + 4, "unknown binary version: 0x" + Integer.toHexString(v1 << 8 | v0));
        }
        if (l0 != 0x01 || l1 != 0x00) {
            throw in.errorAt(at + 6, "unknown binary layer: 0x" + Integer.toHexString(l1 << 8 | l0));
        }
    }

    private static String sectionName(int id) {
        return switch (id) {
            case 0 -> "custom section";
            case 1 -> "core module section";
            case 2 -> "core instance section";
            case 3 -> "core type section";
            case 4 -> "component section";
            case 5 -> "instance section";
            case 6 -> "alias section";
            case 7 -> "type section";
            case 8 -> "canon section";
            case 9 -> "start section";
            case 10 -> "import section";
            case 11 -> "export section";
            case 12 -> "value section";
            default -> "section " + id;
        };
    }

    // section ::= section_N(...)
    private Section section(int depth) {
        int idAt = in.pos();
        int id = in.u8();
        if (id > 12) {
            throw in.errorAt(idAt, "malformed section id: " + id);
        }
        in.section(sectionName(id));
        int sizeAt = in.pos();
        long size = Integer.toUnsignedLong(in.u32());
        int sizeWidth = in.pos() - sizeAt;
        if (size > in.remaining()) {
            throw in.errorAt(sizeAt, "unexpected end-of-file: section size " + size + " exceeds the remaining "
                    + in.remaining() + " bytes");
        }
        int start = in.pos();
        int end = start + (int) size;
        int recordedSizeWidth = sizeWidth == Leb.unsignedWidth(size) ? 0 : sizeWidth;
        int outerLimit = in.pushLimit(end);
        Section s;
        if (id == 4) {
            Component nested = component(depth + 1);
            s = new Section.NestedComponent(nested, new SectionEncoding(recordedSizeWidth, Map.of()));
            in.section(sectionName(id));
        } else {
            in.beginRecording();
            s = switch (id) {
                case 0 -> {
                    String name = in.name();
                    int dataStart = in.pos();
                    in.skip(end - dataStart);
                    yield new Section.Custom(name, in.bytes(dataStart, end - dataStart), enc(recordedSizeWidth));
                }
                case 1 -> {
                    Bytes module = coreModule(start, end);
                    yield new Section.CoreModule(module, enc(recordedSizeWidth));
                }
                case 2 -> {
                    List<CoreInstance> items = vec(this::coreInstance);
                    yield new Section.CoreInstances(items, enc(recordedSizeWidth));
                }
                case 3 -> {
                    List<CoreType> items = vec(() -> coreType(depth + 1));
                    yield new Section.CoreTypes(items, enc(recordedSizeWidth));
                }
                case 5 -> {
                    List<Instance> items = vec(this::instance);
                    yield new Section.Instances(items, enc(recordedSizeWidth));
                }
                case 6 -> {
                    List<Alias> items = vec(this::alias);
                    yield new Section.Aliases(items, enc(recordedSizeWidth));
                }
                case 7 -> {
                    List<TypeDef> items = vec(() -> typeDef(depth + 1));
                    yield new Section.Types(items, enc(recordedSizeWidth));
                }
                case 8 -> {
                    List<Canon> items = vec(this::canon);
                    yield new Section.Canons(items, enc(recordedSizeWidth));
                }
                case 9 -> {
                    Start item = start();
                    yield new Section.StartSection(item, enc(recordedSizeWidth));
                }
                case 10 -> {
                    List<Import> items = vec(this::importDef);
                    yield new Section.Imports(items, enc(recordedSizeWidth));
                }
                case 11 -> {
                    List<Export> items = vec(this::exportDef);
                    yield new Section.Exports(items, enc(recordedSizeWidth));
                }
                case 12 -> {
                    List<Value> items = vec(this::value);
                    yield new Section.Values(items, enc(recordedSizeWidth));
                }
                default -> throw new IllegalStateException("unreachable: section id " + id);
            };
        }
        if (in.pos() != end) {
            throw in.error("section size mismatch: " + (end - in.pos()) + " unread bytes at the end of the section");
        }
        in.restoreLimit(outerLimit);
        in.section(null);
        return s;
    }

    private SectionEncoding enc(int sizeWidth) {
        return new SectionEncoding(sizeWidth, in.endRecording());
    }

    // core:module, kept as bytes; checks the core preamble and section framing
    private Bytes coreModule(int start, int end) {
        if (in.remaining() < 8) {
            throw in.error("unexpected end-of-file: core module preamble");
        }
        if (in.u8() != 0x00 || in.u8() != 0x61 || in.u8() != 0x73 || in.u8() != 0x6d) {
            throw in.errorAt(start, "magic header not detected in core module");
        }
        int v0 = in.u8();
        int v1 = in.u8();
        int l0 = in.u8();
        int l1 = in.u8();
        if (v0 != 0x01 || v1 != 0x00 || l0 != 0x00 || l1 != 0x00) {
            throw in.errorAt(start + 4, "expected a version header for a module");
        }
        int lastRank = 0;
        while (!in.atEnd()) {
            int idAt = in.pos();
            int id = in.u8();
            if (id >= CORE_SECTION_ORDER.length) {
                throw in.errorAt(idAt, "malformed section id in core module: " + id);
            }
            long size = Integer.toUnsignedLong(u32Unrecorded());
            if (size > in.remaining()) {
                throw in.errorAt(idAt, "unexpected end-of-file: core module section size " + size);
            }
            int bodyEnd = in.pos() + (int) size;
            if (id == 0) {
                int old = in.pushLimit(bodyEnd);
                nameUnrecorded();
                in.restoreLimit(old);
            } else {
                int rank = CORE_SECTION_ORDER[id];
                if (rank <= lastRank) {
                    throw in.errorAt(idAt, "section out of order in core module (id " + id + ")");
                }
                lastRank = rank;
            }
            in.skip(bodyEnd - in.pos());
        }
        return in.bytes(start, end - start);
    }

    private int u32Unrecorded() {
        boolean p = in.pauseRecording();
        try {
            return in.u32();
        } finally {
            in.resumeRecording(p);
        }
    }

    private void nameUnrecorded() {
        boolean p = in.pauseRecording();
        try {
            in.name();
        } finally {
            in.resumeRecording(p);
        }
    }

    private interface Item<T> {
        T read();
    }

    // vec(T)
    private <T> List<T> vec(Item<T> item) {
        int n = in.vecLen();
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(item.read());
        }
        return out;
    }

    // core:instance ::= core:instanceexpr
    private CoreInstance coreInstance() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                int module = in.u32();
                yield new CoreInstance.Instantiate(module, vec(this::coreInstantiateArg));
            }
            case 0x01 -> new CoreInstance.FromExports(vec(this::coreInlineExport));
            default -> throw in.invalidLeadingByte(b, at, "core instance");
        };
    }

    // core:instantiatearg ::= n 0x12 i
    private CoreInstance.Arg coreInstantiateArg() {
        String name = in.name();
        int at = in.pos();
        int b = in.u8();
        if (b != 0x12) {
            throw in.invalidLeadingByte(b, at, "instantiation arg kind");
        }
        return new CoreInstance.Arg(name, in.u32());
    }

    // core:inlineexport ::= n core:sortidx
    private CoreInstance.Export coreInlineExport() {
        String name = in.name();
        CoreSort sort = coreSort();
        return new CoreInstance.Export(name, sort, in.u32());
    }

    // core:sort
    private CoreSort coreSort() {
        int at = in.pos();
        int b = in.u8();
        CoreSort s = CoreSort.fromCode(b);
        if (s == null) {
            throw in.invalidLeadingByte(b, at, "core sort");
        }
        return s;
    }

    // sort ::= 0x00 core:sort | 0x01 .. 0x05
    private Sort sort() {
        int at = in.pos();
        int b = in.u8();
        if (b == 0x00) {
            return Sort.of(coreSort());
        }
        Sort s = Sort.componentSort(b);
        if (s == null) {
            throw in.invalidLeadingByte(b, at, "component external kind");
        }
        return s;
    }

    private SortIndex sortIndex() {
        Sort s = sort();
        return new SortIndex(s, in.u32());
    }

    // instance ::= instanceexpr
    private Instance instance() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                int component = in.u32();
                yield new Instance.Instantiate(component, vec(() -> new Instance.Arg(in.name(), sortIndex())));
            }
            case 0x01 -> new Instance.FromExports(vec(() -> new Instance.Export(externName(), sortIndex())));
            default -> throw in.invalidLeadingByte(b, at, "instance");
        };
    }

    // alias ::= s 0x00 i n | s 0x01 i n | s 0x02 ct idx
    private Alias alias() {
        // the sort bytes are interpreted once the target byte tells which sorts are allowed
        int sortAt = in.pos();
        int b1 = in.u8();
        int b2 = b1 == 0x00 ? in.u8() : -1;
        int at = in.pos();
        int target = in.u8();
        return switch (target) {
            case 0x00 -> {
                Sort s = aliasSort(b1, b2, sortAt, "component external kind");
                int instance = in.u32();
                yield new Alias.InstanceExport(s, instance, in.name());
            }
            case 0x01 -> {
                if (b1 != 0x00) {
                    throw in.invalidLeadingByte(b1, sortAt, "core instance export kind");
                }
                Sort s = aliasSort(b1, b2, sortAt, "core instance export kind");
                int instance = in.u32();
                yield new Alias.CoreInstanceExport(s, instance, in.name());
            }
            case 0x02 -> {
                Sort s = aliasSort(b1, b2, sortAt, "component outer alias kind");
                if (!s.isOuterAliasSort()) {
                    throw s.isCore()
                            ? in.invalidLeadingByte(b2, sortAt + 1, "component outer alias kind")
                            : in.invalidLeadingByte(b1, sortAt, "component outer alias kind");
                }
                int count = in.u32();
                yield new Alias.Outer(s, count, in.u32());
            }
            default -> throw in.invalidLeadingByte(target, at, "alias");
        };
    }

    private Sort aliasSort(int b1, int b2, int at, String what) {
        if (b1 == 0x00) {
            CoreSort cs = CoreSort.fromCode(b2);
            if (cs == null) {
                throw in.invalidLeadingByte(b2, at + 1, what);
            }
            return Sort.of(cs);
        }
        Sort s = Sort.componentSort(b1);
        if (s == null) {
            throw in.invalidLeadingByte(b1, at, what);
        }
        return s;
    }

    // ---- core types

    // core:type ::= core:deftype (with the 0x00 0x50 prefix for a lone non-final sub)
    private CoreType coreType(int depth) {
        if (depth > MAX_DEPTH) {
            throw in.error("nesting too deep (more than " + MAX_DEPTH + " levels)");
        }
        int b = in.peek();
        if (b == 0x00) {
            in.u8();
            int at = in.pos();
            int c = in.u8();
            if (c != 0x50) {
                throw in.invalidLeadingByte(c, at, "non-final sub type");
            }
            List<Integer> supers = vec(in::u32);
            return new CoreType.RecGroup(false, List.of(new CoreType.SubType(false, true, supers, compType(0))));
        }
        if (b == 0x50) {
            in.u8();
            return new CoreType.Module(vec(() -> moduleDecl(depth)));
        }
        if (b == 0x4e) {
            in.u8();
            return new CoreType.RecGroup(true, vec(this::subType));
        }
        return new CoreType.RecGroup(false, List.of(subType()));
    }

    // core:subtype ::= 0x50 x* ct | 0x4f x* ct | ct
    private CoreType.SubType subType() {
        int b = in.peek();
        if (b == 0x50 || b == 0x4f) {
            in.u8();
            List<Integer> supers = vec(in::u32);
            return new CoreType.SubType(b == 0x4f, true, supers, compType(0));
        }
        return new CoreType.SubType(true, false, List.of(), compType(0));
    }

    // core:comptype
    private CoreType.CompType compType(int sharedDepth) {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x60 -> {
                List<CoreType.ValType> params = vec(this::coreValType);
                yield new CoreType.CompType.Func(params, vec(this::coreValType));
            }
            case 0x5f -> new CoreType.CompType.Struct(vec(this::fieldType));
            case 0x5e -> new CoreType.CompType.Array(fieldType());
            case 0x5d -> new CoreType.CompType.Cont(in.u32());
            case 0x65 -> {
                if (sharedDepth > 0) {
                    throw in.invalidLeadingByte(b, at, "composite type (shared twice)");
                }
                yield new CoreType.CompType.Shared(compType(sharedDepth + 1));
            }
            default -> throw in.invalidLeadingByte(b, at, "composite type");
        };
    }

    // core:fieldtype ::= storagetype mut
    private CoreType.FieldType fieldType() {
        int b = in.peek();
        CoreType.StorageType st;
        if (b == 0x78) {
            in.u8();
            st = CoreType.PackedType.I8;
        } else if (b == 0x77) {
            in.u8();
            st = CoreType.PackedType.I16;
        } else {
            st = coreValType();
        }
        int at = in.pos();
        int m = in.u8();
        if (m > 1) {
            throw in.invalidLeadingByte(m, at, "field mutability");
        }
        return new CoreType.FieldType(st, m == 1);
    }

    // core:valtype
    private CoreType.ValType coreValType() {
        int at = in.pos();
        int b = in.peek();
        CoreType.NumType num = CoreType.NumType.fromCode(b);
        if (num != null) {
            in.u8();
            return num;
        }
        if (b == 0x63 || b == 0x64 || b == 0x65 || CoreType.AbstractHeap.isAbstractHeapCode(b)) {
            return refType();
        }
        in.u8();
        throw in.invalidLeadingByte(b, at, "core value type");
    }

    // core:reftype ::= 0x64 ht | 0x63 ht | absheaptype (shorthand)
    private CoreType.RefType refType() {
        int at = in.pos();
        int b = in.peek();
        if (b == 0x63 || b == 0x64) {
            in.u8();
            return new CoreType.RefType(b == 0x63, heapType(), false);
        }
        if (b == 0x65 || CoreType.AbstractHeap.isAbstractHeapCode(b)) {
            return new CoreType.RefType(true, heapType(), true);
        }
        in.u8();
        throw in.invalidLeadingByte(b, at, "reference type");
    }

    // core:heaptype ::= absheaptype | 0x65 absheaptype | s33 type index
    private CoreType.HeapType heapType() {
        int at = in.pos();
        int b = in.peek();
        if (b == 0x65) {
            in.u8();
            int c = in.u8();
            if (!CoreType.AbstractHeap.isAbstractHeapCode(c)) {
                throw in.invalidLeadingByte(c, at + 1, "shared heap type");
            }
            return new CoreType.AbstractHeap(c, true);
        }
        if (CoreType.AbstractHeap.isAbstractHeapCode(b)) {
            in.u8();
            return new CoreType.AbstractHeap(b, false);
        }
        long idx = in.s33();
        if (idx < 0) {
            throw in.invalidLeadingByte(b, at, "heap type");
        }
        return new CoreType.ConcreteHeap((int) idx);
    }

    // core:moduledecl
    private CoreType.ModuleDecl moduleDecl(int depth) {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                String module = in.name();
                String name = in.name();
                yield new CoreType.ModuleDecl.Import(module, name, coreExternType());
            }
            case 0x01 -> new CoreType.ModuleDecl.Type(coreType(depth + 1));
            case 0x02 -> {
                int kAt = in.pos();
                int k = in.u8();
                if (k != 0x10) {
                    throw in.invalidLeadingByte(k, kAt, "outer alias kind");
                }
                int tAt = in.pos();
                int t = in.u8();
                if (t != 0x01) {
                    throw in.invalidLeadingByte(t, tAt, "outer alias target");
                }
                int count = in.u32();
                yield new CoreType.ModuleDecl.OuterAlias(count, in.u32());
            }
            case 0x03 -> {
                String name = in.name();
                yield new CoreType.ModuleDecl.Export(name, coreExternType());
            }
            default -> throw in.invalidLeadingByte(b, at, "type definition");
        };
    }

    // core:externtype
    private CoreType.ExternType coreExternType() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> new CoreType.ExternType.Func(in.u32());
            case 0x01 -> {
                CoreType.RefType rt = refType();
                yield new CoreType.ExternType.Table(rt, limits(false));
            }
            case 0x02 -> new CoreType.ExternType.Memory(limits(true));
            case 0x03 -> {
                CoreType.ValType vt = coreValType();
                int mAt = in.pos();
                int m = in.u8();
                if (m > 3) {
                    throw in.invalidLeadingByte(m, mAt, "global mutability");
                }
                yield new CoreType.ExternType.Global(vt, (m & 1) != 0, (m & 2) != 0);
            }
            case 0x04 -> {
                int aAt = in.pos();
                int a = in.u8();
                if (a != 0x00) {
                    throw in.invalidLeadingByte(a, aAt, "tag attribute");
                }
                yield new CoreType.ExternType.Tag(in.u32());
            }
            default -> throw in.invalidLeadingByte(b, at, "external kind");
        };
    }

    // core:limits (with memory64, threads and custom-page-sizes flag bits)
    private CoreType.Limits limits(boolean memory) {
        int at = in.pos();
        int flags = in.u8();
        if (flags > (memory ? 0x0f : 0x07)) {
            throw in.invalidLeadingByte(flags, at, memory ? "memory limits flags" : "table limits flags");
        }
        boolean is64 = (flags & 4) != 0;
        long min = is64 ? in.u64() : Integer.toUnsignedLong(in.u32());
        OptionalLong max = OptionalLong.empty();
        if ((flags & 1) != 0) {
            max = OptionalLong.of(is64 ? in.u64() : Integer.toUnsignedLong(in.u32()));
        }
        OptionalInt page = OptionalInt.empty();
        if ((flags & 8) != 0) {
            page = OptionalInt.of(in.u32());
        }
        return new CoreType.Limits(flags, min, max, page);
    }

    // ---- component types

    // type ::= deftype
    private TypeDef typeDef(int depth) {
        if (depth > MAX_DEPTH) {
            throw in.error("nesting too deep (more than " + MAX_DEPTH + " levels)");
        }
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x3f -> {
                CoreType.ValType rep = coreValType();
                int dAt = in.pos();
                int d = in.u8();
                Optional<Integer> dtor = switch (d) {
                    case 0x00 -> Optional.empty();
                    case 0x01 -> Optional.of(in.u32());
                    default -> throw in.invalidLeadingByte(d, dAt, "resource destructor");
                };
                yield new TypeDef.Resource(rep, dtor);
            }
            case 0x40, 0x43 -> {
                List<DefinedType.Field> params = vec(this::labelValType);
                yield new TypeDef.Func(b == 0x43, params, resultList());
            }
            case 0x41 -> new TypeDef.ComponentType(vec(() -> componentDecl(depth)));
            case 0x42 -> new TypeDef.InstanceType(vec(() -> instanceDecl(depth)));
            default -> definedType(b, at);
        };
    }

    // defvaltype (the opcode byte is already consumed)
    private DefinedType definedType(int b, int at) {
        PrimitiveType p = PrimitiveType.fromCode(b);
        if (p != null) {
            return p;
        }
        return switch (b) {
            case 0x72 -> new DefinedType.Record(vec(this::labelValType));
            case 0x71 -> new DefinedType.Variant(vec(this::variantCase));
            case 0x70 -> new DefinedType.ListType(valType());
            case 0x67 -> {
                ValType t = valType();
                yield new DefinedType.FixedList(t, in.u32());
            }
            case 0x6f -> new DefinedType.Tuple(vec(this::valType));
            case 0x6e -> new DefinedType.Flags(vec(in::name));
            case 0x6d -> new DefinedType.Enum(vec(in::name));
            case 0x6b -> new DefinedType.Option(valType());
            case 0x6a -> {
                Optional<ValType> ok = optionalValType();
                yield new DefinedType.Result(ok, optionalValType());
            }
            case 0x69 -> new DefinedType.Own(in.u32());
            case 0x68 -> new DefinedType.Borrow(in.u32());
            case 0x66 -> new DefinedType.Stream(optionalValType());
            case 0x65 -> new DefinedType.Future(optionalValType());
            case 0x63 -> {
                ValType k = valType();
                yield new DefinedType.MapType(k, valType());
            }
            default -> throw in.invalidLeadingByte(b, at, "component defined type");
        };
    }

    // labelvaltype ::= l t
    private DefinedType.Field labelValType() {
        String label = in.name();
        return new DefinedType.Field(label, valType());
    }

    // case ::= l t? 0x00
    private DefinedType.Case variantCase() {
        String label = in.name();
        Optional<ValType> t = optionalValType();
        int at = in.pos();
        int z = in.u8();
        if (z != 0x00) {
            throw in.invalidLeadingByte(z, at, "zero byte required");
        }
        return new DefinedType.Case(label, t);
    }

    // <valtype>?
    private Optional<ValType> optionalValType() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> Optional.empty();
            case 0x01 -> Optional.of(valType());
            default -> throw in.invalidLeadingByte(b, at, "optional component value type");
        };
    }

    // valtype ::= typeidx (non-negative s33) | primvaltype
    private ValType valType() {
        int at = in.pos();
        int b = in.peek();
        PrimitiveType p = PrimitiveType.fromCode(b);
        if (p != null) {
            in.u8();
            return p;
        }
        long idx = in.s33();
        if (idx < 0) {
            throw in.invalidLeadingByte(b, at, "component value type");
        }
        return new ValType.Index((int) idx);
    }

    // resultlist ::= 0x00 t | 0x01 0x00
    private Optional<ValType> resultList() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> Optional.of(valType());
            case 0x01 -> {
                int zAt = in.pos();
                int z = in.u8();
                if (z != 0x00) {
                    throw in.invalidLeadingByte(z, zAt, "number of results");
                }
                yield Optional.empty();
            }
            default -> throw in.invalidLeadingByte(b, at, "component function results");
        };
    }

    // componentdecl ::= 0x03 importdecl | instancedecl
    private Declaration componentDecl(int depth) {
        if (in.peek() == 0x03) {
            in.u8();
            ExternName name = externName();
            return new Declaration.Import(name, externType());
        }
        return instanceDecl(depth);
    }

    // instancedecl ::= 0x00 core:type | 0x01 type | 0x02 alias | 0x04 exportdecl
    private Declaration instanceDecl(int depth) {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> new Declaration.CoreTypeDecl(coreType(depth + 1));
            case 0x01 -> new Declaration.TypeDecl(typeDef(depth + 1));
            case 0x02 -> new Declaration.AliasDecl(alias());
            case 0x04 -> {
                ExternName name = externName();
                yield new Declaration.Export(name, externType());
            }
            default -> throw in.invalidLeadingByte(b, at, "component or instance type declaration");
        };
    }

    // externtype
    private ExternType externType() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                int cAt = in.pos();
                int c = in.u8();
                if (c != 0x11) {
                    throw in.invalidLeadingByte(c, cAt, "component external kind");
                }
                yield new ExternType.CoreModule(in.u32());
            }
            case 0x01 -> new ExternType.Func(in.u32());
            case 0x02 -> {
                int vAt = in.pos();
                int v = in.u8();
                yield switch (v) {
                    case 0x00 -> new ExternType.Value(new ExternType.ValueBound.Eq(in.u32()));
                    case 0x01 -> new ExternType.Value(new ExternType.ValueBound.Of(valType()));
                    default -> throw in.invalidLeadingByte(v, vAt, "value bound");
                };
            }
            case 0x03 -> {
                int tAt = in.pos();
                int t = in.u8();
                yield switch (t) {
                    case 0x00 -> new ExternType.Type(new ExternType.TypeBound.Eq(in.u32()));
                    case 0x01 -> new ExternType.Type(new ExternType.TypeBound.SubResource());
                    default -> throw in.invalidLeadingByte(t, tAt, "type bound");
                };
            }
            case 0x04 -> new ExternType.Component(in.u32());
            case 0x05 -> new ExternType.Instance(in.u32());
            default -> throw in.invalidLeadingByte(b, at, "component external kind");
        };
    }

    // nameattributes ::= 0x00 en | 0x01 en | 0x02 en a*
    private ExternName externName() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> new ExternName(ExternName.Form.PLAIN, in.name(), List.of());
            case 0x01 -> new ExternName(ExternName.Form.PLAIN_01, in.name(), List.of());
            case 0x02 -> {
                String name = in.name();
                yield new ExternName(ExternName.Form.ATTRIBUTED, name, vec(this::attribute));
            }
            default -> throw in.invalidLeadingByte(b, at, "component name");
        };
    }

    // attribute ::= 0x00 in | 0x01 vs | 0x02 n
    private ExternName.Attribute attribute() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> new ExternName.Attribute.Implements(in.name());
            case 0x01 -> new ExternName.Attribute.VersionSuffix(in.name());
            case 0x02 -> new ExternName.Attribute.ExternalId(in.name());
            default -> throw in.invalidLeadingByte(b, at, "name option");
        };
    }

    // ---- canon

    // canon
    private Canon canon() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> {
                expectZero("canonical function lift");
                int f = in.u32();
                List<CanonOpt> opts = opts();
                yield new Canon.Lift(f, opts, in.u32());
            }
            case 0x01 -> {
                expectZero("canonical function lower");
                int f = in.u32();
                yield new Canon.Lower(f, opts());
            }
            case 0x02 -> new Canon.ResourceNew(in.u32());
            case 0x03 -> new Canon.ResourceDrop(in.u32());
            case 0x04 -> new Canon.ResourceRep(in.u32());
            case 0x24 -> new Canon.BackpressureInc();
            case 0x25 -> new Canon.BackpressureDec();
            case 0x09 -> {
                Optional<ValType> r = resultList();
                yield new Canon.TaskReturn(r, opts());
            }
            case 0x05 -> new Canon.TaskCancel();
            case 0x0a -> {
                CoreType.ValType t = coreValType();
                yield new Canon.ContextGet(t, in.u32());
            }
            case 0x0b -> {
                CoreType.ValType t = coreValType();
                yield new Canon.ContextSet(t, in.u32());
            }
            case 0x06 -> new Canon.SubtaskCancel(in.bool());
            case 0x0d -> new Canon.SubtaskDrop();
            case 0x0e -> new Canon.StreamNew(in.u32());
            case 0x0f -> {
                int t = in.u32();
                yield new Canon.StreamRead(t, opts());
            }
            case 0x10 -> {
                int t = in.u32();
                yield new Canon.StreamWrite(t, opts());
            }
            case 0x11 -> {
                int t = in.u32();
                yield new Canon.StreamCancelRead(t, in.bool());
            }
            case 0x12 -> {
                int t = in.u32();
                yield new Canon.StreamCancelWrite(t, in.bool());
            }
            case 0x13 -> new Canon.StreamDropReadable(in.u32());
            case 0x14 -> new Canon.StreamDropWritable(in.u32());
            case 0x15 -> new Canon.FutureNew(in.u32());
            case 0x16 -> {
                int t = in.u32();
                yield new Canon.FutureRead(t, opts());
            }
            case 0x17 -> {
                int t = in.u32();
                yield new Canon.FutureWrite(t, opts());
            }
            case 0x18 -> {
                int t = in.u32();
                yield new Canon.FutureCancelRead(t, in.bool());
            }
            case 0x19 -> {
                int t = in.u32();
                yield new Canon.FutureCancelWrite(t, in.bool());
            }
            case 0x1a -> new Canon.FutureDropReadable(in.u32());
            case 0x1b -> new Canon.FutureDropWritable(in.u32());
            case 0x1c -> new Canon.ErrorContextNew(opts());
            case 0x1d -> new Canon.ErrorContextDebugMessage(opts());
            case 0x1e -> new Canon.ErrorContextDrop();
            case 0x1f -> new Canon.WaitableSetNew();
            case 0x20 -> {
                boolean c = in.bool();
                yield new Canon.WaitableSetWait(c, in.u32());
            }
            case 0x21 -> {
                boolean c = in.bool();
                yield new Canon.WaitableSetPoll(c, in.u32());
            }
            case 0x22 -> new Canon.WaitableSetDrop();
            case 0x23 -> new Canon.WaitableJoin();
            case 0x26 -> new Canon.ThreadIndex();
            case 0x27 -> {
                int ft = in.u32();
                yield new Canon.ThreadNewIndirect(ft, in.u32());
            }
            case 0x28 -> new Canon.ThreadResumeLater();
            case 0x29 -> new Canon.ThreadSuspend(in.bool());
            case 0x0c -> new Canon.ThreadYield(in.bool());
            case 0x2a -> new Canon.ThreadSuspendThenResume(in.bool());
            case 0x2b -> new Canon.ThreadYieldThenResume(in.bool());
            case 0x2c -> new Canon.ThreadSuspendThenPromote(in.bool());
            case 0x2d -> new Canon.ThreadYieldThenPromote(in.bool());
            case 0x40 -> new Canon.ThreadSpawnRef(in.bool(), in.u32());
            case 0x41 -> {
                boolean sh = in.bool();
                int ft = in.u32();
                yield new Canon.ThreadSpawnIndirect(sh, ft, in.u32());
            }
            case 0x42 -> new Canon.ThreadAvailableParallelism(in.bool());
            default -> throw in.invalidLeadingByte(b, at, "canonical function");
        };
    }

    private void expectZero(String what) {
        int at = in.pos();
        int z = in.u8();
        if (z != 0x00) {
            throw in.invalidLeadingByte(z, at, what);
        }
    }

    // opts ::= vec(canonopt)
    private List<CanonOpt> opts() {
        return vec(this::canonOpt);
    }

    // canonopt
    private CanonOpt canonOpt() {
        int at = in.pos();
        int b = in.u8();
        return switch (b) {
            case 0x00 -> CanonOpt.StringEncoding.UTF8;
            case 0x01 -> CanonOpt.StringEncoding.UTF16;
            case 0x02 -> CanonOpt.StringEncoding.LATIN1_UTF16;
            case 0x03 -> new CanonOpt.Memory(in.u32());
            case 0x04 -> new CanonOpt.Realloc(in.u32());
            case 0x05 -> new CanonOpt.PostReturn(in.u32());
            case 0x06 -> new CanonOpt.Async();
            case 0x07 -> new CanonOpt.Callback(in.u32());
            default -> throw in.invalidLeadingByte(b, at, "canonical option");
        };
    }

    // ---- start, import, export, value

    // start ::= f arg* r
    private Start start() {
        int f = in.u32();
        List<Integer> args = vec(in::u32);
        return new Start(f, args, in.u32());
    }

    // import ::= na et
    private Import importDef() {
        ExternName name = externName();
        return new Import(name, externType());
    }

    // export ::= na si et?
    private Export exportDef() {
        ExternName name = externName();
        SortIndex item = sortIndex();
        int at = in.pos();
        int b = in.u8();
        Optional<ExternType> type = switch (b) {
            case 0x00 -> Optional.empty();
            case 0x01 -> Optional.of(externType());
            default -> throw in.invalidLeadingByte(b, at, "optional component export type");
        };
        return new Export(name, item, type);
    }

    // value ::= t len v
    private Value value() {
        ValType t = valType();
        long len = Integer.toUnsignedLong(in.u32());
        int start = in.skip(len);
        return new Value(t, in.bytes(start, (int) len));
    }
}
