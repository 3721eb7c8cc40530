package dev.dovetail.compose;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Dead-code removal for a core module, run on adapters before they are linked (what wit-component's
 * gc does): the kept exports, the start function and the data segments are the roots; every
 * function, table, memory, global, type and element segment they reach stays, everything else —
 * imports included — goes, and the module is re-encoded with every index rewritten. Fewer imports
 * of the adapter mean fewer component imports.
 *
 * <p>Reachability (Core spec, "Modules" and "Instructions"): a function reaches what its body names
 * ({@code call}, {@code ref.func}, {@code global.*}, {@code table.*}, {@code call_indirect}'s type
 * and table, memory instructions, block types); a live table keeps its active element segments,
 * whose functions are live; a global reaches what its initializer names. Passive element segments
 * live through {@code table.init}/{@code elem.drop}; declarative ones are kept with their live
 * functions only. Data segments are all kept (their indices stay). Instructions are read one by one
 * (MVP, sign extension, non-trapping conversions, multi-value, bulk memory, reference types, tail
 * calls, SIMD, relaxed SIMD, threads); anything else is rejected rather than copied blindly.
 *
 * <p>The adapters' stack convention survives: if {@code __stack_pointer} stays live, so do the
 * {@code allocation_state} global and the {@code __main_module__ cabi_realloc} import that
 * {@link CoreWasm#withStackAllocation} needs. The {@code name} section keeps function and global
 * names (renumbered); other name subsections are dropped.
 */
final class CoreGc {
    private enum Space { TYPE, FUNC, TABLE, MEMORY, GLOBAL, ELEM, DATA }

    private static final int SPACES = Space.values().length;

    /** An import: its names, kind and descriptor bytes; {@code type} for functions. */
    private record Imp(String module, String name, int kind, int descStart, int descEnd, int type) {}

    /** An element segment; items are function indices ({@code funcs}) or expressions ({@code exprs}). */
    private record Elem(int flags, int table, int offsetStart, int kindByte, int[] funcs, List<int[]> exprs) {
        boolean active() {
            return (flags & 1) == 0;
        }

        boolean declarative() {
            return (flags & 3) == 3;
        }
    }

    /** The module's pieces, as byte ranges of the input where they need no rewriting. */
    private final byte[] b;
    private final CoreWasm.Parser p;
    private final List<int[]> types = new ArrayList<>(); // start, end of each function type
    private final List<Imp> imports = new ArrayList<>();
    private final List<Integer> funcType = new ArrayList<>();
    private final List<int[]> bodies = new ArrayList<>(); // defined functions: start, end
    private int funcImports;
    private final List<int[]> tables = new ArrayList<>(); // defined: start, end of the table type
    private int tableImports;
    private final List<int[]> memories = new ArrayList<>();
    private int memoryImports;
    private final List<int[]> globals = new ArrayList<>(); // defined: start of type, start of init, end
    private int globalImports;
    private final List<Object[]> exports = new ArrayList<>(); // name, kind, index
    private int start = -1;
    private final List<Elem> elems = new ArrayList<>();
    private final List<int[]> data = new ArrayList<>(); // flags, memory, offset start, bytes start, end
    private int[] dataCount;
    private final List<int[]> customs = new ArrayList<>(); // start, end of sections to copy as they are
    private final Map<Integer, String> funcNames = new HashMap<>();
    private final Map<Integer, String> globalNames = new HashMap<>();

    private final boolean[][] live = new boolean[SPACES][];
    private final int[][] remap = new int[SPACES][];
    private final Deque<int[]> work = new ArrayDeque<>();

    private CoreGc(byte[] module) {
        this.b = module;
        this.p = new CoreWasm.Parser(module);
    }

    /**
     * The module with only the exports {@code keep} accepts and what they reach.
     *
     * @throws CoreWasm.Malformed if the module is malformed or uses a feature this pass does not know
     */
    static byte[] run(byte[] module, Predicate<String> keep) {
        CoreWasm.read(module); // the header and the sections the componentizer reads
        CoreGc gc = new CoreGc(module);
        try {
            gc.parse();
            gc.liveness(keep);
            return gc.encode(keep);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new CoreWasm.Malformed("unexpected end of the module");
        }
    }

    // ------------------------------------------------------------------ parsing

    private void parse() {
        p.pos = 8;
        while (p.pos < b.length) {
            int sectionStart = p.pos;
            int id = b[p.pos++] & 0xff;
            int size = (int) p.u32();
            int end = p.pos + size;
            if (size < 0 || end > b.length) {
                throw new CoreWasm.Malformed("section " + id + " goes past the end of the module");
            }
            switch (id) {
                case 0 -> custom(sectionStart, end);
                case 1 -> typeSection();
                case 2 -> importSection();
                case 3 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        funcType.add(index("type", p.u32()));
                    }
                }
                case 4 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        int s = p.pos;
                        tableType();
                        tables.add(new int[] {s, p.pos});
                    }
                }
                case 5 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        int s = p.pos;
                        p.limits();
                        memories.add(new int[] {s, p.pos});
                    }
                }
                case 6 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        int s = p.pos;
                        globalType();
                        int init = p.pos;
                        skipConst();
                        globals.add(new int[] {s, init, p.pos});
                    }
                }
                case 7 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        String name = p.name();
                        int kind = b[p.pos++] & 0xff;
                        if (kind > 3) {
                            throw new CoreWasm.Malformed(String.format("export `%s` has kind 0x%02x; tags are not supported", name, kind));
                        }
                        exports.add(new Object[] {name, kind, index("export", p.u32())});
                    }
                }
                case 8 -> start = index("start function", p.u32());
                case 9 -> elementSection();
                case 10 -> {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        long size1 = p.u32();
                        if (size1 > end - p.pos) {
                            throw new CoreWasm.Malformed("function body " + i + " goes past the end of the code section");
                        }
                        bodies.add(new int[] {p.pos, p.pos + (int) size1});
                        p.pos += (int) size1;
                    }
                }
                case 11 -> dataSection();
                case 12 -> dataCount = new int[] {(int) p.u32()};
                default -> throw new CoreWasm.Malformed("section " + id + " is not supported by the adapter gc"
                        + (id == 13 ? " (exception tags)" : ""));
            }
            if (p.pos != end) {
                throw new CoreWasm.Malformed("section " + id + " has " + (end - p.pos) + " bytes more or less than its contents");
            }
        }
        if (bodies.size() != funcType.size()) {
            throw new CoreWasm.Malformed(funcType.size() + " functions declared but " + bodies.size() + " bodies");
        }
        int funcs = funcImports + funcType.size();
        int[] sizes = {types.size(), funcs, tableImports + tables.size(), memoryImports + memories.size(),
                globalImports + globals.size(), elems.size(), data.size()};
        for (Space s : Space.values()) {
            live[s.ordinal()] = new boolean[sizes[s.ordinal()]];
        }
        for (int t : funcType) {
            check(Space.TYPE, t);
        }
        for (Imp i : imports) {
            if (i.kind() == 0) {
                check(Space.TYPE, i.type());
            }
        }
    }

    private int index(String what, long v) {
        if (v > Integer.MAX_VALUE) {
            throw new CoreWasm.Malformed(what + " index " + v + " out of range");
        }
        return (int) v;
    }

    private void check(Space s, int index) {
        if (index < 0 || index >= live[s.ordinal()].length) {
            throw new CoreWasm.Malformed(s.name().toLowerCase() + " index " + index + " out of bounds");
        }
    }

    private void custom(int s, int end) {
        String name = p.name();
        if (name.equals("name")) {
            while (p.pos < end) {
                int sub = b[p.pos++] & 0xff;
                int subEnd = (int) p.u32() + p.pos;
                if (sub == 1 || sub == 7) {
                    long n = p.u32();
                    for (long i = 0; i < n; i++) {
                        int idx = (int) p.u32();
                        (sub == 1 ? funcNames : globalNames).put(idx, p.name());
                    }
                }
                p.pos = subEnd;
            }
        } else {
            customs.add(new int[] {s, end});
        }
        p.pos = end;
    }

    private void typeSection() {
        long n = p.u32();
        for (long i = 0; i < n; i++) {
            int s = p.pos;
            int form = b[p.pos++] & 0xff;
            if (form != 0x60) {
                throw new CoreWasm.Malformed(String.format("type %d has form 0x%02x; only function types are supported", i, form));
            }
            for (int side = 0; side < 2; side++) {
                long k = p.u32();
                for (long j = 0; j < k; j++) {
                    valType();
                }
            }
            types.add(new int[] {s, p.pos});
        }
    }

    private void valType() {
        valType(p);
    }

    private void valType(CoreWasm.Parser r) {
        int t = b[r.pos++] & 0xff;
        if (t != 0x7f && t != 0x7e && t != 0x7d && t != 0x7c && t != 0x7b && t != 0x70 && t != 0x6f) {
            throw new CoreWasm.Malformed(String.format("value type 0x%02x is not supported by the adapter gc", t));
        }
    }

    private void tableType() {
        int t = b[p.pos] & 0xff;
        if (t != 0x70 && t != 0x6f) {
            throw new CoreWasm.Malformed(String.format("table type 0x%02x is not supported by the adapter gc", t));
        }
        p.pos++;
        p.limits();
    }

    private void globalType() {
        valType();
        p.pos++; // mutability
    }

    private void importSection() {
        long n = p.u32();
        for (long i = 0; i < n; i++) {
            String module = p.name();
            String name = p.name();
            int kind = b[p.pos++] & 0xff;
            int s = p.pos;
            int type = -1;
            switch (kind) {
                case 0 -> {
                    type = index("type", p.u32());
                    funcImports++;
                }
                case 1 -> {
                    tableType();
                    tableImports++;
                }
                case 2 -> {
                    p.limits();
                    memoryImports++;
                }
                case 3 -> {
                    globalType();
                    globalImports++;
                }
                default -> throw new CoreWasm.Malformed(String.format("import `%s` `%s` has kind 0x%02x, which the adapter gc "
                        + "does not support", module, name, kind));
            }
            imports.add(new Imp(module, name, kind, s, p.pos, type));
        }
    }

    private void elementSection() {
        long n = p.u32();
        for (long i = 0; i < n; i++) {
            int flags = (int) p.u32();
            if (flags > 7) {
                throw new CoreWasm.Malformed("element segment " + i + " has flags " + flags);
            }
            int table = 0;
            int offset = -1;
            if ((flags & 1) == 0) {
                if ((flags & 2) != 0) {
                    table = index("table", p.u32());
                }
                offset = p.pos;
                skipConst();
            }
            int kindByte = -1;
            if ((flags & 3) != 0) {
                kindByte = b[p.pos++] & 0xff;
            }
            long k = p.u32();
            if (k > b.length - p.pos) {
                throw new CoreWasm.Malformed("element segment " + i + " has more items than the module has bytes");
            }
            int[] funcs = null;
            List<int[]> exprs = null;
            if ((flags & 4) == 0) {
                funcs = new int[(int) k];
                for (int j = 0; j < k; j++) {
                    funcs[j] = index("function", p.u32());
                }
            } else {
                exprs = new ArrayList<>();
                for (long j = 0; j < k; j++) {
                    int s = p.pos;
                    skipConst();
                    exprs.add(new int[] {s, p.pos});
                }
            }
            elems.add(new Elem(flags, table, offset, kindByte, funcs, exprs));
        }
    }

    private void dataSection() {
        long n = p.u32();
        for (long i = 0; i < n; i++) {
            int flags = (int) p.u32();
            int memory = 0;
            int offset = -1;
            if (flags == 2) {
                memory = index("memory", p.u32());
            } else if (flags != 0 && flags != 1) {
                throw new CoreWasm.Malformed("data segment " + i + " has flags " + flags);
            }
            if (flags != 1) {
                offset = p.pos;
                skipConst();
            }
            int bytes = p.pos;
            long len = p.u32();
            if (len > b.length - p.pos) {
                throw new CoreWasm.Malformed("data segment " + i + " goes past the end of the module");
            }
            p.pos += (int) len;
            data.add(new int[] {flags, memory, offset, bytes, p.pos});
        }
    }

    /** Skips a constant expression (checked later, when it is walked). */
    private void skipConst() {
        p.pos = instructions(p.pos, b.length, true, (s, i) -> i, null);
    }

    // ------------------------------------------------------------------ liveness

    private void liveness(Predicate<String> keep) {
        for (Object[] e : exports) {
            if (keep.test((String) e[0])) {
                mark(kindSpace((int) e[1]), (int) e[2]);
            }
        }
        if (start >= 0) {
            mark(Space.FUNC, start);
        }
        for (int[] d : data) {
            if (d[0] != 1) {
                mark(Space.MEMORY, d[1]);
                instructions(d[2], b.length, true, this::use, null);
            }
        }
        drain();
        Integer sp = named(globalNames, "__stack_pointer");
        if (sp != null && sp < live[Space.GLOBAL.ordinal()].length && live[Space.GLOBAL.ordinal()][sp]) {
            Integer state = named(globalNames, "allocation_state");
            if (state != null) {
                mark(Space.GLOBAL, state);
            }
            int f = 0;
            for (Imp i : imports) {
                if (i.kind() == 0) {
                    if (i.module().equals("__main_module__") && i.name().equals("cabi_realloc")) {
                        mark(Space.FUNC, f);
                    }
                    f++;
                }
            }
            drain();
        }
    }

    private static Integer named(Map<Integer, String> names, String name) {
        for (Map.Entry<Integer, String> e : names.entrySet()) {
            if (e.getValue().equals(name)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Space kindSpace(int kind) {
        return switch (kind) {
            case 0 -> Space.FUNC;
            case 1 -> Space.TABLE;
            case 2 -> Space.MEMORY;
            default -> Space.GLOBAL;
        };
    }

    /** Marks an index live; what it reaches is walked from the work list. */
    private int use(Space s, int index) {
        mark(s, index);
        return index;
    }

    private void mark(Space s, int index) {
        check(s, index);
        boolean[] l = live[s.ordinal()];
        if (!l[index]) {
            l[index] = true;
            work.push(new int[] {s.ordinal(), index});
        }
    }

    private void drain() {
        while (!work.isEmpty()) {
            int[] w = work.pop();
            Space s = Space.values()[w[0]];
            int i = w[1];
            switch (s) {
                case FUNC -> {
                    mark(Space.TYPE, typeOf(i));
                    if (i >= funcImports) {
                        int[] body = bodies.get(i - funcImports);
                        instructions(locals(body[0]), body[1], false, this::use, null);
                    }
                }
                case GLOBAL -> {
                    if (i >= globalImports) {
                        instructions(globals.get(i - globalImports)[1], b.length, true, this::use, null);
                    }
                }
                case TABLE -> {
                    for (int e = 0; e < elems.size(); e++) {
                        if (elems.get(e).active() && elems.get(e).table() == i) {
                            mark(Space.ELEM, e);
                        }
                    }
                }
                case ELEM -> {
                    Elem e = elems.get(i);
                    if (e.active()) {
                        mark(Space.TABLE, e.table());
                        instructions(e.offsetStart(), b.length, true, this::use, null);
                    }
                    if (!e.declarative()) {
                        if (e.funcs() != null) {
                            for (int f : e.funcs()) {
                                mark(Space.FUNC, f);
                            }
                        } else {
                            for (int[] x : e.exprs()) {
                                instructions(x[0], x[1], true, this::use, null);
                            }
                        }
                    }
                }
                default -> { }
            }
        }
    }

    private int typeOf(int func) {
        if (func < funcImports) {
            int f = 0;
            for (Imp i : imports) {
                if (i.kind() == 0 && f++ == func) {
                    return i.type();
                }
            }
        }
        return funcType.get(func - funcImports);
    }

    /** The position after a function body's local declarations. */
    private int locals(int pos) {
        p.pos = pos;
        long groups = p.u32();
        for (long g = 0; g < groups; g++) {
            p.u32();
            valType();
        }
        return p.pos;
    }

    // ------------------------------------------------------------------ instructions

    /** How an index in an instruction is used: marked live, or rewritten. */
    private interface IndexUse {
        int apply(Space s, int index);
    }

    /**
     * Walks instructions from {@code pos}: to {@code end} for a function body, or through the
     * closing {@code end} of a constant expression. Each index goes through {@code use}; with an
     * {@code out}, the instructions are written there with the indices it returns. Returns the
     * position after the last instruction.
     */
    private int instructions(int pos, int end, boolean constExpr, IndexUse use, CoreWasm.Out out) {
        CoreWasm.Parser r = new CoreWasm.Parser(b);
        r.pos = pos;
        int depth = 0;
        while (r.pos < end) {
            int at = r.pos;
            int op = b[r.pos++] & 0xff;
            if (out != null) {
                out.u8(op);
            }
            switch (op) {
                case 0x00, 0x01, 0x05, 0x0f, 0x1a, 0x1b, 0xd1 -> { }
                case 0x0b -> {
                    if (depth == 0 && constExpr) {
                        return r.pos;
                    }
                    depth--;
                }
                case 0x02, 0x03, 0x04 -> {
                    depth++;
                    blockType(r, use, out);
                }
                case 0x0c, 0x0d, 0x20, 0x21, 0x22 -> copyLeb(r, out);
                case 0x0e -> {
                    long n = r.u32();
                    if (out != null) {
                        out.u32(n);
                    }
                    for (long i = 0; i <= n; i++) {
                        copyLeb(r, out);
                    }
                }
                case 0x10, 0x12, 0xd2 -> index(r, Space.FUNC, use, out);
                case 0x11, 0x13 -> {
                    index(r, Space.TYPE, use, out);
                    index(r, Space.TABLE, use, out);
                }
                case 0x1c -> {
                    long n = r.u32();
                    if (out != null) {
                        out.u32(n);
                    }
                    for (long i = 0; i < n; i++) {
                        int t = b[r.pos] & 0xff;
                        valType(r);
                        if (out != null) {
                            out.u8(t);
                        }
                    }
                }
                case 0x23, 0x24 -> index(r, Space.GLOBAL, use, out);
                case 0x25, 0x26 -> index(r, Space.TABLE, use, out);
                case 0x3f, 0x40 -> index(r, Space.MEMORY, use, out);
                case 0x41, 0x42 -> copyLeb(r, out);
                case 0x43 -> copy(r, 4, out);
                case 0x44 -> copy(r, 8, out);
                case 0xd0 -> {
                    int t = b[r.pos] & 0xff;
                    if (t != 0x70 && t != 0x6f) {
                        throw unsupported(at, String.format("ref.null of heap type 0x%02x", t));
                    }
                    copy(r, 1, out);
                }
                case 0xfc -> prefixFc(r, at, use, out);
                case 0xfd -> prefixFd(r, at, use, out);
                case 0xfe -> prefixFe(r, at, use, out);
                default -> {
                    if (op >= 0x28 && op <= 0x3e) {
                        memArg(r, use, out);
                    } else if (op < 0x45 || op > 0xc4) {
                        throw unsupported(at, String.format("opcode 0x%02x", op));
                    }
                }
            }
            if (constExpr && depth < 0) {
                throw new CoreWasm.Malformed("unbalanced `end` at offset " + at);
            }
        }
        if (constExpr || r.pos != end) {
            throw new CoreWasm.Malformed("instructions run past their end at offset " + r.pos);
        }
        return r.pos;
    }

    private void prefixFc(CoreWasm.Parser r, int at, IndexUse use, CoreWasm.Out out) {
        int sub = (int) r.u32();
        if (out != null) {
            out.u32(sub);
        }
        switch (sub) {
            case 0, 1, 2, 3, 4, 5, 6, 7 -> { }
            case 8 -> {
                index(r, Space.DATA, use, out);
                index(r, Space.MEMORY, use, out);
            }
            case 9 -> index(r, Space.DATA, use, out);
            case 10 -> {
                index(r, Space.MEMORY, use, out);
                index(r, Space.MEMORY, use, out);
            }
            case 11 -> index(r, Space.MEMORY, use, out);
            case 12 -> {
                index(r, Space.ELEM, use, out);
                index(r, Space.TABLE, use, out);
            }
            case 13 -> index(r, Space.ELEM, use, out);
            case 14 -> {
                index(r, Space.TABLE, use, out);
                index(r, Space.TABLE, use, out);
            }
            case 15, 16, 17 -> index(r, Space.TABLE, use, out);
            default -> throw unsupported(at, "0xfc " + sub);
        }
    }

    /** SIMD and relaxed SIMD (0xfd): memory arguments, lanes and constants are the only immediates. */
    private void prefixFd(CoreWasm.Parser r, int at, IndexUse use, CoreWasm.Out out) {
        int sub = (int) r.u32();
        if (out != null) {
            out.u32(sub);
        }
        if (sub <= 11 || sub == 92 || sub == 93) {
            memArg(r, use, out);
        } else if (sub == 12 || sub == 13) {
            copy(r, 16, out);
        } else if (sub >= 21 && sub <= 34) {
            copy(r, 1, out);
        } else if (sub >= 84 && sub <= 91) {
            memArg(r, use, out);
            copy(r, 1, out);
        } else if (sub > 0x113) {
            throw unsupported(at, "0xfd " + sub);
        }
    }

    /** Threads (0xfe): atomics take a memory argument, {@code atomic.fence} a zero byte. */
    private void prefixFe(CoreWasm.Parser r, int at, IndexUse use, CoreWasm.Out out) {
        int sub = (int) r.u32();
        if (out != null) {
            out.u32(sub);
        }
        if (sub == 3) {
            copy(r, 1, out);
        } else if (sub <= 2 || (sub >= 0x10 && sub <= 0x4e)) {
            memArg(r, use, out);
        } else {
            throw unsupported(at, "0xfe " + sub);
        }
    }

    private CoreWasm.Malformed unsupported(int at, String what) {
        return new CoreWasm.Malformed("instruction " + what + " at offset " + at + " is not supported by the adapter gc");
    }

    private void blockType(CoreWasm.Parser r, IndexUse use, CoreWasm.Out out) {
        int t = b[r.pos] & 0xff;
        if (t == 0x40 || t == 0x7f || t == 0x7e || t == 0x7d || t == 0x7c || t == 0x7b || t == 0x70 || t == 0x6f) {
            copy(r, 1, out);
            return;
        }
        long v = s33(r);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CoreWasm.Malformed(String.format("block type 0x%02x at offset %d is not supported", t, r.pos));
        }
        int n = use.apply(Space.TYPE, (int) v);
        if (out != null) {
            out.s32(n);
        }
    }

    private long s33(CoreWasm.Parser r) {
        long v = 0;
        int shift = 0;
        int x;
        do {
            x = b[r.pos++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            shift += 7;
        } while ((x & 0x80) != 0 && shift < 35);
        if ((x & 0x80) != 0) {
            throw new CoreWasm.Malformed("block type too long at offset " + r.pos);
        }
        if (shift < 64 && (x & 0x40) != 0) {
            v |= -1L << shift;
        }
        return v;
    }

    /** A memory argument: alignment (bit 6 set: a memory index follows) and offset. */
    private void memArg(CoreWasm.Parser r, IndexUse use, CoreWasm.Out out) {
        long align = r.u32();
        int memory = 0;
        if ((align & 0x40) != 0) {
            memory = index("memory", r.u32());
        }
        int n = use.apply(Space.MEMORY, memory);
        if (out != null) {
            out.u32(n == 0 ? align & ~0x40L : align | 0x40L);
            if (n != 0) {
                out.u32(n);
            }
        }
        copyLeb(r, out);
    }

    private void index(CoreWasm.Parser r, Space s, IndexUse use, CoreWasm.Out out) {
        int n = use.apply(s, index(s.name().toLowerCase(), r.u32()));
        if (out != null) {
            out.u32(n);
        }
    }

    private void copyLeb(CoreWasm.Parser r, CoreWasm.Out out) {
        int s = r.pos;
        while ((b[r.pos++] & 0x80) != 0) {
            if (r.pos - s > 10) {
                throw new CoreWasm.Malformed("LEB128 number too long at offset " + s);
            }
        }
        if (out != null) {
            out.write(b, s, r.pos - s);
        }
    }

    private void copy(CoreWasm.Parser r, int n, CoreWasm.Out out) {
        if (r.pos + n > b.length) {
            throw new CoreWasm.Malformed("unexpected end of the module");
        }
        if (out != null) {
            out.write(b, r.pos, n);
        }
        r.pos += n;
    }

    // ------------------------------------------------------------------ encoding

    private int rewrite(Space s, int index) {
        check(s, index);
        int n = remap[s.ordinal()][index];
        if (n < 0) {
            throw new IllegalStateException(s + " " + index + " is used but was not found live");
        }
        return n;
    }

    private byte[] encode(Predicate<String> keep) {
        for (Space s : Space.values()) {
            boolean[] l = live[s.ordinal()];
            int[] m = new int[l.length];
            int next = 0;
            for (int i = 0; i < l.length; i++) {
                // data segments keep their indices (all are kept)
                m[i] = s == Space.DATA || l[i] ? next++ : -1;
            }
            remap[s.ordinal()] = m;
        }
        List<byte[]> sections = new ArrayList<>();
        CoreWasm.Out typeSec = new CoreWasm.Out();
        typeSec.u32(count(Space.TYPE));
        for (int i = 0; i < types.size(); i++) {
            if (live[Space.TYPE.ordinal()][i]) {
                typeSec.write(b, types.get(i)[0], types.get(i)[1] - types.get(i)[0]);
            }
        }
        sections.add(section(1, typeSec));
        CoreWasm.Out importSec = new CoreWasm.Out();
        int[] seen = new int[4];
        List<Imp> kept = new ArrayList<>();
        for (Imp i : imports) {
            Space s = kindSpace(i.kind());
            if (live[s.ordinal()][seen[i.kind()]++]) {
                kept.add(i);
            }
        }
        importSec.u32(kept.size());
        for (Imp i : kept) {
            importSec.name(i.module()).name(i.name()).u8(i.kind());
            if (i.kind() == 0) {
                importSec.u32(rewrite(Space.TYPE, i.type()));
            } else {
                importSec.write(b, i.descStart(), i.descEnd() - i.descStart());
            }
        }
        sections.add(section(2, importSec));
        CoreWasm.Out funcSec = new CoreWasm.Out();
        CoreWasm.Out codeSec = new CoreWasm.Out();
        int defined = 0;
        for (int i = 0; i < funcType.size(); i++) {
            if (live[Space.FUNC.ordinal()][funcImports + i]) {
                defined++;
            }
        }
        funcSec.u32(defined);
        codeSec.u32(defined);
        for (int i = 0; i < funcType.size(); i++) {
            if (!live[Space.FUNC.ordinal()][funcImports + i]) {
                continue;
            }
            funcSec.u32(rewrite(Space.TYPE, funcType.get(i)));
            int[] body = bodies.get(i);
            int code = locals(body[0]);
            CoreWasm.Out f = new CoreWasm.Out();
            f.write(b, body[0], code - body[0]);
            instructions(code, body[1], false, this::rewrite, f);
            codeSec.u32(f.size()).bytes(f);
        }
        sections.add(section(3, funcSec));
        sections.add(definitions(4, Space.TABLE, tableImports, tables));
        sections.add(definitions(5, Space.MEMORY, memoryImports, memories));
        sections.add(definitions(6, Space.GLOBAL, globalImports, globals));
        CoreWasm.Out exportSec = new CoreWasm.Out();
        List<Object[]> keptExports = exports.stream().filter(e -> keep.test((String) e[0])).toList();
        exportSec.u32(keptExports.size());
        for (Object[] e : keptExports) {
            int kind = (int) e[1];
            exportSec.name((String) e[0]).u8(kind).u32(rewrite(kindSpace(kind), (int) e[2]));
        }
        sections.add(section(7, exportSec));
        if (start >= 0) {
            sections.add(section(8, new CoreWasm.Out().u32(rewrite(Space.FUNC, start))));
        }
        if (!elems.isEmpty()) {
            sections.add(elementSectionOut());
        }
        if (dataCount != null) {
            sections.add(section(12, new CoreWasm.Out().u32(dataCount[0])));
        }
        sections.add(section(10, codeSec));
        if (!data.isEmpty()) {
            CoreWasm.Out dataSec = new CoreWasm.Out();
            dataSec.u32(data.size());
            for (int[] d : data) {
                dataSec.u32(d[0]);
                if (d[0] == 2) {
                    dataSec.u32(rewrite(Space.MEMORY, d[1]));
                } else if (d[0] == 0 && rewrite(Space.MEMORY, 0) != 0) {
                    throw new IllegalStateException("memory 0 is live but not first");
                }
                if (d[0] != 1) {
                    instructions(d[2], b.length, true, this::rewrite, dataSec);
                }
                dataSec.write(b, d[3], d[4] - d[3]);
            }
            sections.add(section(11, dataSec));
        }
        for (int[] c : customs) {
            sections.add(Arrays.copyOfRange(b, c[0], c[1]));
        }
        sections.add(nameSection());
        CoreWasm.Out m = new CoreWasm.Out();
        m.raw(Arrays.copyOf(b, 8));
        sections.stream().filter(s -> s.length > 0).forEach(m::raw);
        return m.toByteArray();
    }

    private int count(Space s) {
        int n = 0;
        for (boolean l : live[s.ordinal()]) {
            n += l ? 1 : 0;
        }
        return n;
    }

    /** The table, memory or global section: the live defined entries, globals' initializers rewritten. */
    private byte[] definitions(int id, Space s, int imported, List<int[]> defs) {
        CoreWasm.Out sec = new CoreWasm.Out();
        int n = 0;
        for (int i = 0; i < defs.size(); i++) {
            if (live[s.ordinal()][imported + i]) {
                n++;
            }
        }
        if (n == 0) {
            return new byte[0];
        }
        sec.u32(n);
        for (int i = 0; i < defs.size(); i++) {
            if (!live[s.ordinal()][imported + i]) {
                continue;
            }
            int[] d = defs.get(i);
            if (s == Space.GLOBAL) {
                sec.write(b, d[0], d[1] - d[0]);
                instructions(d[1], b.length, true, this::rewrite, sec);
            } else {
                sec.write(b, d[0], d[1] - d[0]);
            }
        }
        return section(id, sec);
    }

    private byte[] elementSectionOut() {
        CoreWasm.Out sec = new CoreWasm.Out();
        List<Elem> kept = new ArrayList<>();
        for (int i = 0; i < elems.size(); i++) {
            if (live[Space.ELEM.ordinal()][i] || elems.get(i).declarative()) {
                kept.add(elems.get(i));
            }
        }
        if (kept.isEmpty()) {
            return new byte[0];
        }
        sec.u32(kept.size());
        for (Elem e : kept) {
            sec.u32(e.flags());
            if (e.active()) {
                if ((e.flags() & 2) != 0) {
                    sec.u32(rewrite(Space.TABLE, e.table()));
                } else if (rewrite(Space.TABLE, 0) != 0) {
                    throw new IllegalStateException("table 0 is live but not first");
                }
                instructions(e.offsetStart(), b.length, true, this::rewrite, sec);
            }
            if ((e.flags() & 3) != 0) {
                sec.u8(e.kindByte());
            }
            if (e.funcs() != null) {
                int[] fs = Arrays.stream(e.funcs()).filter(f -> live[Space.FUNC.ordinal()][f]).toArray();
                if (!e.declarative() && fs.length != e.funcs().length) {
                    throw new IllegalStateException("a live element segment has dead functions");
                }
                sec.u32(fs.length);
                for (int f : fs) {
                    sec.u32(rewrite(Space.FUNC, f));
                }
            } else {
                List<int[]> xs = e.exprs().stream().filter(x -> !e.declarative() || allLive(x)).toList();
                sec.u32(xs.size());
                for (int[] x : xs) {
                    instructions(x[0], x[1], true, this::rewrite, sec);
                }
            }
        }
        return section(9, sec);
    }

    /** Whether an element expression names only live items (a declarative segment keeps only those). */
    private boolean allLive(int[] expr) {
        boolean[] ok = {true};
        instructions(expr[0], expr[1], true, (s, i) -> {
            check(s, i);
            ok[0] &= s == Space.DATA || live[s.ordinal()][i];
            return i;
        }, null);
        return ok[0];
    }

    private byte[] nameSection() {
        CoreWasm.Out body = new CoreWasm.Out();
        body.name("name");
        boolean any = false;
        for (int sub : new int[] {1, 7}) {
            Map<Integer, String> names = sub == 1 ? funcNames : globalNames;
            Space s = sub == 1 ? Space.FUNC : Space.GLOBAL;
            List<Integer> kept = names.keySet().stream()
                    .filter(i -> i >= 0 && i < live[s.ordinal()].length && live[s.ordinal()][i]).sorted().toList();
            if (kept.isEmpty()) {
                continue;
            }
            CoreWasm.Out m = new CoreWasm.Out();
            m.u32(kept.size());
            for (int i : kept) {
                m.u32(remap[s.ordinal()][i]).name(names.get(i));
            }
            body.u8(sub).u32(m.size()).bytes(m);
            any = true;
        }
        return any ? section(0, body) : new byte[0];
    }

    private static byte[] section(int id, CoreWasm.Out body) {
        CoreWasm.Out s = new CoreWasm.Out();
        s.u8(id).u32(body.size()).bytes(body);
        return s.toByteArray();
    }
}
