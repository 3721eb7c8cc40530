package dev.dovetail.compose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Just enough of core WebAssembly for componentizing: the imports, exports and function types of
 * a module (function bodies are not read here; {@link CoreGc} reads them), and a writer for the
 * small glue modules the componentizer generates (the indirect-call shim, its fixup and the {@code _initialize} starter).
 */
final class CoreWasm {
    private CoreWasm() {}

    static final byte I32 = 0x7f;
    static final byte I64 = 0x7e;
    static final byte F32 = 0x7d;
    static final byte F64 = 0x7c;

    /** A core function type; value types as their binary codes. */
    record FuncType(List<Byte> params, List<Byte> results) {
        FuncType {
            params = List.copyOf(params);
            results = List.copyOf(results);
        }

        @Override
        public String toString() {
            return "(func" + (params.isEmpty() ? "" : " (param" + names(params) + ")")
                    + (results.isEmpty() ? "" : " (result" + names(results) + ")") + ")";
        }

        private static String names(List<Byte> types) {
            StringBuilder s = new StringBuilder();
            for (byte t : types) {
                s.append(' ').append(switch (t) {
                    case I32 -> "i32";
                    case I64 -> "i64";
                    case F32 -> "f32";
                    case F64 -> "f64";
                    default -> String.format("0x%02x", t);
                });
            }
            return s.toString();
        }
    }

    enum Kind { FUNC, TABLE, MEMORY, GLOBAL, TAG }

    /** An import; {@code type} is set for functions. */
    record Import(String module, String name, Kind kind, FuncType type) {}

    /** An export; {@code type} is set for functions. */
    record Export(String name, Kind kind, int index, FuncType type) {}

    /** What a module imports and exports. */
    record Module(List<Import> imports, List<Export> exports) {
        Module {
            imports = List.copyOf(imports);
            exports = List.copyOf(exports);
        }

        Optional<Export> export(String name) {
            return exports.stream().filter(e -> e.name().equals(name)).findFirst();
        }

        Optional<Export> funcExport(String name) {
            return export(name).filter(e -> e.kind() == Kind.FUNC);
        }
    }

    /** Thrown for a malformed module; the caller turns it into a {@link ComponentizeException}. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ reading

    static Module read(byte[] b) {
        if (b.length < 8 || b[0] != 0 || b[1] != 'a' || b[2] != 's' || b[3] != 'm' || b[4] != 1 || b[5] != 0
                || b[6] != 0 || b[7] != 0) {
            throw new Malformed("not a WebAssembly core module (expected \\0asm version 1)");
        }
        try {
            return new Parser(b).module();
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new Malformed("unexpected end of the module");
        }
    }

    static final class Parser {
        final byte[] b;
        int pos = 8;
        final List<FuncType> types = new ArrayList<>();
        final List<Integer> funcTypes = new ArrayList<>();
        final List<Import> imports = new ArrayList<>();
        final List<Export> exports = new ArrayList<>();

        Parser(byte[] b) {
            this.b = b;
        }

        Module module() {
            List<int[]> exportRaw = new ArrayList<>();
            List<String> exportNames = new ArrayList<>();
            while (pos < b.length) {
                int id = b[pos++] & 0xff;
                int size = (int) u32();
                int end = pos + size;
                if (end > b.length || size < 0) {
                    throw new Malformed("section " + id + " goes past the end of the module");
                }
                switch (id) {
                    case 1 -> typeSection();
                    case 2 -> importSection();
                    case 3 -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            funcTypes.add((int) u32());
                        }
                    }
                    case 7 -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            exportNames.add(name());
                            exportRaw.add(new int[] {b[pos++] & 0xff, (int) u32()});
                        }
                    }
                    default -> { }
                }
                pos = end;
            }
            for (int i = 0; i < exportNames.size(); i++) {
                int[] raw = exportRaw.get(i);
                Kind kind = kind(raw[0]);
                FuncType type = null;
                if (kind == Kind.FUNC) {
                    if (raw[1] < 0 || raw[1] >= funcTypes.size()) {
                        throw new Malformed("export `" + exportNames.get(i) + "` names function " + raw[1]
                                + ", which does not exist");
                    }
                    type = type(funcTypes.get(raw[1]));
                }
                exports.add(new Export(exportNames.get(i), kind, raw[1], type));
            }
            return new Module(imports, exports);
        }

        void typeSection() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                int form = b[pos++] & 0xff;
                if (form != 0x60) {
                    // GC and recursion groups: only function types take part in componentizing
                    throw new Malformed(String.format("type %d has form 0x%02x; only function types are supported", i, form));
                }
                List<Byte> params = valtypes();
                List<Byte> results = valtypes();
                types.add(new FuncType(params, results));
            }
        }

        List<Byte> valtypes() {
            long n = u32();
            List<Byte> out = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                byte t = b[pos++];
                if (t != I32 && t != I64 && t != F32 && t != F64 && t != 0x7b && t != 0x70 && t != 0x6f) {
                    throw new Malformed(String.format("unsupported value type 0x%02x", t));
                }
                out.add(t);
            }
            return out;
        }

        void importSection() {
            long n = u32();
            for (long i = 0; i < n; i++) {
                String module = name();
                String field = name();
                int desc = pos;
                Kind kind = kind(b[pos] & 0xff);
                importDesc();
                FuncType type = null;
                if (kind == Kind.FUNC) {
                    int end = pos;
                    pos = desc + 1;
                    int t = (int) u32();
                    pos = end;
                    type = type(t);
                    funcTypes.add(t);
                }
                imports.add(new Import(module, field, kind, type));
            }
        }

        /** Skips one import descriptor (kind and type), as {@link #importSection} reads it. */
        void importDesc() {
            switch (kind(b[pos++] & 0xff)) {
                case FUNC -> u32();
                case TABLE -> {
                    pos++; // reftype
                    limits();
                }
                case MEMORY -> limits();
                case GLOBAL -> pos += 2;
                case TAG -> {
                    pos++;
                    u32();
                }
            }
        }

        void limits() {
            int flags = b[pos++] & 0xff;
            u64();
            if ((flags & 1) != 0) {
                u64();
            }
        }

        FuncType type(int index) {
            if (index < 0 || index >= types.size()) {
                throw new Malformed("type index " + index + " out of bounds");
            }
            return types.get(index);
        }

        Kind kind(int code) {
            return switch (code) {
                case 0 -> Kind.FUNC;
                case 1 -> Kind.TABLE;
                case 2 -> Kind.MEMORY;
                case 3 -> Kind.GLOBAL;
                case 4 -> Kind.TAG;
                default -> throw new Malformed(String.format("unknown external kind 0x%02x", code));
            };
        }

        String name() {
            int len = (int) u32();
            if (len < 0 || pos + len > b.length) {
                throw new Malformed("name goes past the end of the module");
            }
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        long u32() {
            long v = u64();
            if (v > 0xffff_ffffL) {
                throw new Malformed("u32 out of range");
            }
            return v;
        }

        long u64() {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = b[pos++] & 0xff;
                v |= (long) (x & 0x7f) << shift;
                if (x < 0x80) {
                    return v;
                }
                shift += 7;
                if (shift > 63) {
                    throw new Malformed("LEB128 number too long");
                }
            }
        }
    }

    // ------------------------------------------------------------------ writing

    /**
     * The shim module: a table of {@code types.size()} entries and one exported function per entry,
     * named by its position, that forwards its arguments with {@code call_indirect}; the table is
     * exported as {@code $imports} for the fixup module to fill.
     */
    static byte[] shim(List<FuncType> types) {
        Out typeSec = new Out();
        typeSec.u32(types.size());
        types.forEach(typeSec::funcType);
        Out funcSec = new Out();
        funcSec.u32(types.size());
        for (int i = 0; i < types.size(); i++) {
            funcSec.u32(i);
        }
        Out tableSec = new Out();
        tableSec.u32(1).u8(0x70).u8(0x01).u32(types.size()).u32(types.size());
        Out exportSec = new Out();
        exportSec.u32(types.size() + 1);
        for (int i = 0; i < types.size(); i++) {
            exportSec.name(Integer.toString(i)).u8(0).u32(i);
        }
        exportSec.name("$imports").u8(1).u32(0);
        Out codeSec = new Out();
        codeSec.u32(types.size());
        for (int i = 0; i < types.size(); i++) {
            Out body = new Out();
            body.u32(0); // no locals
            for (int p = 0; p < types.get(i).params().size(); p++) {
                body.u8(0x20).u32(p); // local.get
            }
            body.u8(0x41).s32(i); // i32.const slot
            body.u8(0x11).u32(i).u32(0); // call_indirect (type i) table 0
            body.u8(0x0b);
            codeSec.u32(body.size()).bytes(body);
        }
        return module(List.of(section(1, typeSec), section(3, funcSec), section(4, tableSec), section(7, exportSec),
                section(10, codeSec)));
    }

    /**
     * The fixup module: imports the shim's table ({@code "" "$imports"}) and the real functions
     * ({@code "" "0"}, {@code "" "1"}, ...), and an active element segment puts them in the table.
     */
    static byte[] fixup(List<FuncType> types) {
        Out typeSec = new Out();
        typeSec.u32(types.size());
        types.forEach(typeSec::funcType);
        Out importSec = new Out();
        importSec.u32(types.size() + 1);
        for (int i = 0; i < types.size(); i++) {
            importSec.name("").name(Integer.toString(i)).u8(0).u32(i);
        }
        importSec.name("").name("$imports").u8(1).u8(0x70).u8(0x01).u32(types.size()).u32(types.size());
        Out elemSec = new Out();
        elemSec.u32(1).u32(0).u8(0x41).s32(0).u8(0x0b).u32(types.size());
        for (int i = 0; i < types.size(); i++) {
            elemSec.u32(i);
        }
        return module(List.of(section(1, typeSec), section(2, importSec), section(9, elemSec)));
    }

    /**
     * {@code (module (import "" "initialize" (func)) (start 0))}: calls a reactor's
     * {@code _initialize} when instantiated. (A non-empty field name: Chicory 1.7 rejects empty ones.)
     */
    static byte[] starter() {
        Out typeSec = new Out();
        typeSec.u32(1).funcType(new FuncType(List.of(), List.of()));
        Out importSec = new Out();
        importSec.u32(1).name("").name("initialize").u8(0).u32(0);
        Out startSec = new Out();
        startSec.u32(0);
        return module(List.of(section(1, typeSec), section(2, importSec), section(8, startSec)));
    }

    /**
     * A {@code cabi_realloc} for an adapter's own state that takes fresh pages with
     * {@code memory.grow} (imports {@code "" "memory"}, exports {@code realloc}); it traps on a
     * resize or on more than one page, which the adapters never ask for.
     */
    static byte[] pageAllocator() {
        FuncType realloc = new FuncType(List.of(I32, I32, I32, I32), List.of(I32));
        Out typeSec = new Out();
        typeSec.u32(1).funcType(realloc);
        Out importSec = new Out();
        importSec.u32(1).name("").name("memory").u8(2).u8(0).u32(0);
        Out funcSec = new Out();
        funcSec.u32(1).u32(0);
        Out exportSec = new Out();
        exportSec.u32(1).name("realloc").u8(0).u32(0);
        Out body = new Out();
        body.u32(1).u32(1).u8(I32); // one i32 local
        body.u8(0x20).u32(0).u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // old pointer set: unreachable
        body.u8(0x20).u32(3).u8(0x41).s32(65536).u8(0x4b).u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // > one page
        body.u8(0x41).s32(1).u8(0x40).u8(0x00).u8(0x22).u32(4); // memory.grow 1, local.tee
        body.u8(0x41).s32(-1).u8(0x46).u8(0x04).u8(0x40).u8(0x00).u8(0x0b); // out of memory
        body.u8(0x20).u32(4).u8(0x41).s32(16).u8(0x74).u8(0x0b); // page index << 16
        Out codeSec = new Out();
        codeSec.u32(1).u32(body.size()).bytes(body);
        return module(List.of(section(1, typeSec), section(2, importSec), section(3, funcSec), section(7, exportSec),
                section(10, codeSec)));
    }

    /**
     * An adapter whose exported functions first give it a stack, as wit-component does: the
     * adapters are built with {@code __stack_pointer} at 0 and an {@code allocation_state} global
     * (found by the name section), and expect the linker to add a function that, on the first call,
     * takes 64 KiB from the {@code cabi_realloc} they import from {@code __main_module__}. The new
     * function is appended, so no index changes. A module without those globals is returned as is.
     */
    /**
     * The module with its repeated imports renamed: the second {@code m} {@code f} becomes
     * {@code m} {@code "f [v2]"}, the third {@code "f [v3]"}, and so on (wit-component's
     * convention). A component's core modules may not import a name twice (the two-level name
     * must be unique), which Go's wasip1 modules do. The module is returned as is when no import
     * repeats.
     */
    static byte[] renameRepeatedImports(byte[] module) {
        Parser p = new Parser(module);
        Out out = new Out();
        out.raw(java.util.Arrays.copyOf(module, 8));
        boolean renamed = false;
        try {
            while (p.pos < module.length) {
                int id = module[p.pos++] & 0xff;
                int size = (int) p.u32();
                int start = p.pos;
                int end = start + size;
                if (id != 2) {
                    out.u8(id).u32(size).write(module, start, size);
                    p.pos = end;
                    continue;
                }
                Out body = new Out();
                long n = p.u32();
                body.u32(n);
                Map<List<String>, Integer> seen = new java.util.HashMap<>();
                for (long i = 0; i < n; i++) {
                    String m = p.name();
                    String f = p.name();
                    int descStart = p.pos;
                    p.importDesc();
                    int count = seen.merge(List.of(m, f), 1, Integer::sum);
                    renamed |= count > 1;
                    body.name(m).name(count > 1 ? repeatedImportName(f, count) : f).write(module, descStart, p.pos - descStart);
                }
                if (p.pos != end) {
                    throw new Malformed("the import section does not end where its size says");
                }
                out.u8(2).u32(body.size()).bytes(body);
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new Malformed("unexpected end of the module");
        }
        return renamed ? out.toByteArray() : module;
    }

    private static final java.util.regex.Pattern REPEATED_IMPORT = java.util.regex.Pattern.compile("(.*) \\[v[0-9]+\\]");

    /** The name {@link #renameRepeatedImports} gives the {@code n}th import of {@code name}. */
    private static String repeatedImportName(String name, int n) {
        return name + " [v" + n + "]";
    }

    /** The original name of an import {@link #renameRepeatedImports} renamed, or empty. */
    static java.util.Optional<String> repeatedImportBase(String name) {
        java.util.regex.Matcher m = REPEATED_IMPORT.matcher(name);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    static byte[] withStackAllocation(byte[] module) {
        List<int[]> sections = new ArrayList<>(); // id, start of body, end
        Parser p = new Parser(module);
        while (p.pos < module.length) {
            int id = module[p.pos++] & 0xff;
            int size = (int) p.u32();
            sections.add(new int[] {id, p.pos, p.pos + size});
            p.pos += size;
        }
        Map<String, Integer> globals = new java.util.HashMap<>();
        int funcImports = 0;
        int realloc = -1;
        int types = 0;
        int defined = 0;
        List<Integer> exported = new ArrayList<>();
        for (int[] s : sections) {
            p.pos = s[1];
            if (s[0] == 0 && p.name().equals("name")) {
                while (p.pos < s[2]) {
                    int sub = module[p.pos++] & 0xff;
                    int end = (int) p.u32() + p.pos;
                    if (sub == 7) {
                        long n = p.u32();
                        for (long i = 0; i < n; i++) {
                            int idx = (int) p.u32();
                            globals.put(p.name(), idx);
                        }
                    }
                    p.pos = end;
                }
            } else if (s[0] == 1) {
                types = (int) p.u32();
            } else if (s[0] == 2) {
                long n = p.u32();
                for (long i = 0; i < n; i++) {
                    String m = p.name();
                    String f = p.name();
                    int kind = module[p.pos++] & 0xff;
                    switch (kind) {
                        case 0 -> {
                            if (m.equals("__main_module__") && f.equals("cabi_realloc")) {
                                realloc = funcImports;
                            }
                            funcImports++;
                            p.u32();
                        }
                        case 1 -> {
                            p.pos++;
                            p.limits();
                        }
                        case 2 -> p.limits();
                        case 3 -> p.pos += 2;
                        default -> {
                            p.pos++;
                            p.u32();
                        }
                    }
                }
            } else if (s[0] == 3) {
                defined = (int) p.u32();
            } else if (s[0] == 7) {
                long n = p.u32();
                for (long i = 0; i < n; i++) {
                    p.name();
                    int kind = module[p.pos++] & 0xff;
                    int idx = (int) p.u32();
                    if (kind == 0) {
                        exported.add(idx);
                    }
                }
            }
        }
        Integer sp = globals.get("__stack_pointer");
        Integer state = globals.get("allocation_state");
        if (sp == null || state == null || realloc < 0) {
            return module;
        }
        int allocate = funcImports + defined;
        Out out = new Out();
        out.raw(java.util.Arrays.copyOf(module, 8));
        for (int[] s : sections) {
            Out body = new Out();
            p.pos = s[1];
            if (s[0] == 1) {
                p.u32();
                body.u32(types + 1).write(module, p.pos, s[2] - p.pos);
                body.funcType(new FuncType(List.of(), List.of()));
            } else if (s[0] == 3) {
                p.u32();
                body.u32(defined + 1).write(module, p.pos, s[2] - p.pos);
                body.u32(types);
            } else if (s[0] == 10) {
                long n = p.u32();
                body.u32(n + 1);
                for (int i = 0; i < n; i++) {
                    int size = (int) p.u32();
                    int end = p.pos + size;
                    if (exported.contains(funcImports + i)) {
                        Out f = new Out();
                        int start = p.pos;
                        long groups = p.u32();
                        for (long g = 0; g < groups; g++) {
                            p.u32();
                            p.pos++;
                        }
                        f.write(module, start, p.pos - start);
                        f.u8(0x10).u32(allocate); // call allocate_stack
                        f.write(module, p.pos, end - p.pos);
                        body.u32(f.size()).bytes(f);
                    } else {
                        body.u32(size).write(module, p.pos, size);
                    }
                    p.pos = end;
                }
                Out f = new Out();
                f.u32(0);
                // if allocation_state == 0: state = 1; sp = realloc(0, 0, 8, 65536) + 65536; state = 2
                f.u8(0x23).u32(state).u8(0x45).u8(0x04).u8(0x40);
                f.u8(0x41).s32(1).u8(0x24).u32(state);
                f.u8(0x41).s32(0).u8(0x41).s32(0).u8(0x41).s32(8).u8(0x41).s32(65536).u8(0x10).u32(realloc);
                f.u8(0x41).s32(65536).u8(0x6a).u8(0x24).u32(sp);
                f.u8(0x41).s32(2).u8(0x24).u32(state);
                f.u8(0x0b).u8(0x0b);
                body.u32(f.size()).bytes(f);
            } else {
                body.write(module, s[1], s[2] - s[1]);
            }
            out.u8(s[0]).u32(body.size()).bytes(body);
        }
        return out.toByteArray();
    }

    private static byte[] section(int id, Out body) {
        Out s = new Out();
        s.u8(id).u32(body.size()).bytes(body);
        return s.toByteArray();
    }

    private static byte[] module(List<byte[]> sections) {
        Out m = new Out();
        m.raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        sections.forEach(m::raw);
        return m.toByteArray();
    }

    static class Out extends ByteArrayOutputStream {
        Out u8(int v) {
            write(v);
            return this;
        }

        Out u32(long v) {
            do {
                int x = (int) (v & 0x7f);
                v >>>= 7;
                write(v != 0 ? x | 0x80 : x);
            } while (v != 0);
            return this;
        }

        Out s32(int v) {
            while (true) {
                int x = v & 0x7f;
                v >>= 7;
                boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
                write(done ? x : x | 0x80);
                if (done) {
                    return this;
                }
            }
        }

        Out name(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u32(b.length);
            write(b, 0, b.length);
            return this;
        }

        Out bytes(Out o) {
            write(o.buf, 0, o.count);
            return this;
        }

        Out raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out funcType(FuncType t) {
            u8(0x60).u32(t.params().size());
            t.params().forEach(this::write);
            u32(t.results().size());
            t.results().forEach(this::write);
            return this;
        }
    }
}
