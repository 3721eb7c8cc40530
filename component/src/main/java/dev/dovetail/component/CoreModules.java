package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.AbsHeap;
import dev.dovetail.component.ValidatorTypes.CArray;
import dev.dovetail.component.ValidatorTypes.CCont;
import dev.dovetail.component.ValidatorTypes.CField;
import dev.dovetail.component.ValidatorTypes.CFunc;
import dev.dovetail.component.ValidatorTypes.CFuncX;
import dev.dovetail.component.ValidatorTypes.CGlobalX;
import dev.dovetail.component.ValidatorTypes.CHeap;
import dev.dovetail.component.ValidatorTypes.CMemoryX;
import dev.dovetail.component.ValidatorTypes.CNum;
import dev.dovetail.component.ValidatorTypes.CRef;
import dev.dovetail.component.ValidatorTypes.CStruct;
import dev.dovetail.component.ValidatorTypes.CTableX;
import dev.dovetail.component.ValidatorTypes.CTagX;
import dev.dovetail.component.ValidatorTypes.CVal;
import dev.dovetail.component.ValidatorTypes.ConcHeap;
import dev.dovetail.component.ValidatorTypes.CoreExtern;
import dev.dovetail.component.ValidatorTypes.CoreSub;
import dev.dovetail.component.ValidatorTypes.ImportKey;
import dev.dovetail.component.ValidatorTypes.ModuleT;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;

/**
 * The type of an embedded core module (its imports and exports), read from the module's type,
 * import, function, table, memory, global, tag and export sections. Function bodies, data and
 * element segments are not read: this is not a core validator. Checked on the way: index bounds of
 * imports and exports, core limits, duplicate export names, and (a component rule) that no two
 * imports share a two-level name, since they would mangle to the same component-level name.
 */
final class CoreModules {
    private final byte[] b;
    private int pos;
    private int end;

    private final List<CoreSub> types = new ArrayList<>();
    private final List<CoreSub> funcs = new ArrayList<>();
    private final List<CTableX> tables = new ArrayList<>();
    private final List<CMemoryX> memories = new ArrayList<>();
    private final List<CGlobalX> globals = new ArrayList<>();
    private final List<CTagX> tags = new ArrayList<>();
    private final LinkedHashMap<ImportKey, CoreExtern> imports = new LinkedHashMap<>();
    private final LinkedHashMap<String, CoreExtern> exports = new LinkedHashMap<>();

    private CoreModules(byte[] b) {
        this.b = b;
        this.end = b.length;
    }

    /** The module type of the core module {@code bytes} (preamble included). */
    static ModuleT moduleType(Bytes bytes) {
        CoreModules m = new CoreModules(bytes.unsafeArray());
        try {
            m.module();
        } catch (IndexOutOfBoundsException e) {
            throw new Invalid("core module: unexpected end of section");
        }
        return ModuleT.of(m.imports, m.exports);
    }

    private void module() {
        pos = 8; // the decoder checked the preamble and section framing
        while (pos < b.length) {
            int id = u8();
            long size = u32();
            int bodyEnd = (int) (pos + size);
            int oldEnd = end;
            end = bodyEnd;
            switch (id) {
                case 1 -> typeSection();
                case 2 -> importSection();
                case 3 -> functionSection();
                case 4 -> tableSection();
                case 5 -> memorySection();
                case 6 -> globalSection();
                case 7 -> exportSection();
                case 13 -> tagSection();
                default -> pos = bodyEnd;
            }
            if (pos != bodyEnd) {
                throw new Invalid("core module: section " + id + " size mismatch");
            }
            end = oldEnd;
        }
    }

    // ---------------------------------------------------------------- sections

    private void typeSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            int form = peek();
            if (form == 0x4e) {
                pos++;
                long count = u32();
                recGroup(count);
            } else {
                recGroup(-1);
            }
        }
    }

    /** A rec group of {@code count} subtypes, or a single subtype when {@code count} is -1. */
    private void recGroup(long count) {
        int base = types.size();
        long n = count < 0 ? 1 : count;
        if (n > end - pos) {
            throw new Invalid("core module: rec group too large");
        }
        List<CoreSub> group = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            CoreSub s = new CoreSub();
            group.add(s);
            types.add(s);
        }
        for (CoreSub s : group) {
            subType(s, base + group.size());
        }
    }

    private void subType(CoreSub s, int limit) {
        int form = peek();
        if (form == 0x50 || form == 0x4f) {
            pos++;
            s.isFinal = form == 0x4f;
            long n = u32();
            List<CoreSub> supers = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                supers.add(typeAt(u32(), limit));
            }
            s.supertypes = List.copyOf(supers);
        }
        if (peek() == 0x65) {
            pos++;
            s.shared = true;
        }
        int c = u8();
        s.comp = switch (c) {
            case 0x60 -> {
                List<CVal> params = valTypes(limit);
                yield new CFunc(params, valTypes(limit));
            }
            case 0x5f -> {
                long n = u32();
                List<CField> fields = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    fields.add(fieldType(limit));
                }
                yield new CStruct(List.copyOf(fields));
            }
            case 0x5e -> new CArray(fieldType(limit));
            case 0x5d -> new CCont(typeAt(u32(), limit));
            default -> throw new Invalid("core module: unknown composite type 0x" + Integer.toHexString(c));
        };
    }

    private CField fieldType(int limit) {
        int t = peek();
        Object storage;
        if (t == 0x78) {
            pos++;
            storage = CoreType.PackedType.I8;
        } else if (t == 0x77) {
            pos++;
            storage = CoreType.PackedType.I16;
        } else {
            storage = valType(limit);
        }
        return new CField(storage, u8() == 1);
    }

    private List<CVal> valTypes(int limit) {
        long n = u32();
        List<CVal> out = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            out.add(valType(limit));
        }
        return List.copyOf(out);
    }

    private CVal valType(int limit) {
        int t = u8();
        CoreType.NumType num = CoreType.NumType.fromCode(t);
        if (num != null) {
            return CNum.of(num);
        }
        if (t == 0x63 || t == 0x64) {
            return new CRef(t == 0x63, heapType(limit));
        }
        if (t == 0x65 || CoreType.AbstractHeap.isAbstractHeapCode(t)) {
            pos--;
            return new CRef(true, heapType(limit));
        }
        throw new Invalid("core module: invalid value type 0x" + Integer.toHexString(t));
    }

    private CHeap heapType(int limit) {
        int t = peek();
        if (t == 0x65) {
            pos++;
            int c = u8();
            if (!CoreType.AbstractHeap.isAbstractHeapCode(c)) {
                throw new Invalid("core module: invalid shared heap type");
            }
            return new AbsHeap(c, true);
        }
        if (CoreType.AbstractHeap.isAbstractHeapCode(t)) {
            pos++;
            return new AbsHeap(t, false);
        }
        long idx = s33();
        if (idx < 0) {
            throw new Invalid("core module: invalid heap type");
        }
        return new ConcHeap(typeAt(idx, limit));
    }

    private CoreSub typeAt(long idx, int limit) {
        if (idx >= limit || idx >= types.size()) {
            throw new Invalid("core module: unknown type " + idx + ": type index out of bounds");
        }
        return types.get((int) idx);
    }

    private CoreSub funcType(long idx) {
        CoreSub s = typeAt(idx, types.size());
        if (!(s.comp instanceof CFunc)) {
            throw new Invalid("core module: type index " + idx + " is not a function type");
        }
        return s;
    }

    private void importSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            String module = name();
            String field = name();
            CoreExtern t = externType();
            ImportKey key = new ImportKey(module, field);
            if (imports.containsKey(key)) {
                throw new Invalid("duplicate import name `" + module + ":" + field + "` in core module");
            }
            imports.put(key, t);
            if (t instanceof CFuncX f) {
                funcs.add(f.type());
            } else if (t instanceof CTableX tt) {
                tables.add(tt);
            } else if (t instanceof CMemoryX m) {
                memories.add(m);
            } else if (t instanceof CGlobalX g) {
                globals.add(g);
            } else if (t instanceof CTagX tag) {
                tags.add(tag);
            }
        }
    }

    private CoreExtern externType() {
        int kind = u8();
        return switch (kind) {
            case 0x00 -> new CFuncX(funcType(u32()));
            case 0x01 -> tableType();
            case 0x02 -> memoryType();
            case 0x03 -> globalType();
            case 0x04 -> {
                if (u8() != 0) {
                    throw new Invalid("core module: invalid tag attribute");
                }
                yield tag(funcType(u32()));
            }
            default -> throw new Invalid("core module: invalid external kind 0x" + Integer.toHexString(kind));
        };
    }

    private static CTagX tag(CoreSub s) {
        if (!((CFunc) s.comp).results().isEmpty()) {
            throw new Invalid("core module: invalid exception type: a tag's function type must have no results");
        }
        return new CTagX(s);
    }

    private CTableX tableType() {
        CVal elem = valType(types.size());
        if (!(elem instanceof CRef r)) {
            throw new Invalid("core module: table element type must be a reference type");
        }
        int flags = u8();
        if (flags > 7) {
            throw new Invalid("core module: invalid table limits flags");
        }
        boolean is64 = (flags & 4) != 0;
        long min = is64 ? u64() : u32();
        OptionalLong max = (flags & 1) != 0 ? OptionalLong.of(is64 ? u64() : u32()) : OptionalLong.empty();
        CoreTypes.checkTableLimits(min, max);
        return new CTableX(r, min, max, (flags & 2) != 0, is64);
    }

    private CMemoryX memoryType() {
        int flags = u8();
        if (flags > 15) {
            throw new Invalid("core module: invalid memory limits flags");
        }
        boolean is64 = (flags & 4) != 0;
        long min = is64 ? u64() : u32();
        OptionalLong max = (flags & 1) != 0 ? OptionalLong.of(is64 ? u64() : u32()) : OptionalLong.empty();
        int page = (flags & 8) != 0 ? (int) u32() : 16;
        CoreTypes.checkMemoryLimits(min, max, (flags & 2) != 0, is64, page);
        return new CMemoryX(min, max, (flags & 2) != 0, is64, page);
    }

    private CGlobalX globalType() {
        CVal t = valType(types.size());
        int m = u8();
        if (m > 3) {
            throw new Invalid("core module: invalid global mutability");
        }
        return new CGlobalX(t, (m & 1) != 0, (m & 2) != 0);
    }

    private void functionSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            funcs.add(funcType(u32()));
        }
    }

    private void tableSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            if (peek() == 0x40) {
                // table with an initializer: 0x40 0x00 tabletype expr
                pos++;
                u8();
                tables.add(tableType());
                constExpr();
            } else {
                tables.add(tableType());
            }
        }
    }

    private void memorySection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            memories.add(memoryType());
        }
    }

    private void globalSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            globals.add(globalType());
            constExpr();
        }
    }

    private void tagSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            if (u8() != 0) {
                throw new Invalid("core module: invalid tag attribute");
            }
            tags.add(tag(funcType(u32())));
        }
    }

    private void exportSection() {
        long n = u32();
        for (long i = 0; i < n; i++) {
            String name = name();
            int kind = u8();
            long idx = u32();
            CoreExtern t = switch (kind) {
                case 0x00 -> new CFuncX(at(funcs, idx, "function"));
                case 0x01 -> at(tables, idx, "table");
                case 0x02 -> at(memories, idx, "memory");
                case 0x03 -> at(globals, idx, "global");
                case 0x04 -> at(tags, idx, "tag");
                default -> throw new Invalid("core module: invalid export kind 0x" + Integer.toHexString(kind));
            };
            if (exports.containsKey(name)) {
                throw new Invalid("core module: duplicate export name `" + name + "` already defined");
            }
            exports.put(name, t);
        }
    }

    private static <T> T at(List<T> list, long idx, String what) {
        if (idx >= list.size()) {
            throw new Invalid("core module: unknown " + what + " " + idx + ": exported " + what
                    + " index out of bounds");
        }
        return list.get((int) idx);
    }

    /** Skips a constant expression up to its {@code end}; only instructions allowed in them. */
    private void constExpr() {
        while (true) {
            int op = u8();
            switch (op) {
                case 0x0b -> {
                    return;
                }
                case 0x41 -> s64(); // i32.const
                case 0x42 -> s64(); // i64.const
                case 0x43 -> skip(4);
                case 0x44 -> skip(8);
                case 0x23, 0xd2 -> u32(); // global.get, ref.func
                case 0xd0 -> heapType(types.size()); // ref.null
                case 0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e, 0xd3, 0xd4 -> {} // extended-const, ref.eq...
                case 0xfd -> {
                    long sub = u32();
                    if (sub != 12) {
                        throw new Invalid("core module: unsupported instruction in constant expression");
                    }
                    skip(16);
                }
                case 0xfb -> gcConstOp(u32());
                default -> throw new Invalid("core module: instruction 0x" + Integer.toHexString(op)
                        + " is not allowed in a constant expression");
            }
        }
    }

    private void gcConstOp(long sub) {
        switch ((int) sub) {
            case 0, 1, 6, 7 -> u32(); // struct.new(_default), array.new(_default) t
            case 8 -> { // array.new_fixed t n
                u32();
                u32();
            }
            case 26, 27, 28 -> {} // any.convert_extern, extern.convert_any, ref.i31
            default -> throw new Invalid("core module: unsupported GC instruction in constant expression");
        }
    }

    // ---------------------------------------------------------------- primitives

    private int u8() {
        if (pos >= end) {
            throw new Invalid("core module: unexpected end of section");
        }
        return b[pos++] & 0xff;
    }

    private int peek() {
        if (pos >= end) {
            throw new Invalid("core module: unexpected end of section");
        }
        return b[pos] & 0xff;
    }

    private void skip(int n) {
        if (n > end - pos) {
            throw new Invalid("core module: unexpected end of section");
        }
        pos += n;
    }

    private long u32() {
        long r = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int x = u8();
            r |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                if (r > 0xffffffffL) {
                    throw new Invalid("core module: integer too large");
                }
                return r;
            }
        }
        throw new Invalid("core module: integer representation too long");
    }

    private long u64() {
        long r = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int x = u8();
            r |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return r;
            }
        }
        throw new Invalid("core module: integer representation too long");
    }

    private long s64() {
        long r = 0;
        int shift = 0;
        int x;
        do {
            if (shift >= 70) {
                throw new Invalid("core module: integer representation too long");
            }
            x = u8();
            r |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0);
        if (shift < 64 && (x & 0x40) != 0) {
            r |= -1L << shift;
        }
        return r;
    }

    private long s33() {
        return s64();
    }

    private String name() {
        long len = u32();
        if (len > end - pos) {
            throw new Invalid("core module: unexpected end of section");
        }
        String s = new String(b, pos, (int) len, StandardCharsets.UTF_8);
        pos += (int) len;
        return s;
    }
}
