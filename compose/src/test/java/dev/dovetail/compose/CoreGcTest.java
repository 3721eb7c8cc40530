package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import com.dylibso.chicory.wasm.types.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CoreGc} on a hand-made module (run before and after with Chicory) and on jco's reactor adapter. */
class CoreGcTest {
    // function indices of the hand-made module: 2 imported, then the defined ones
    private static final int DEAD_HELPER = 2;
    private static final int LIVE_HELPER = 3;
    private static final int RUN = 4;
    private static final int TABLE_TARGET = 5;
    private static final int REFERENCED = 6;
    private static final int DROPPED_EXPORT = 7;
    private static final int IN_DEAD_TABLE = 8;

    /**
     * Two function imports (one used), two global imports (one used), a memory; a defined global
     * initialized from the used imported global and another only a dropped export names; two
     * tables, the live one filled by an active segment; {@code run} calls a helper, goes through
     * {@code call_indirect}, writes and reads memory, uses a multi-value block with a type index
     * and {@code ref.func} of a function declared by a declarative segment that also lists a dead one.
     */
    static byte[] handMade() {
        W types = new W().u(5);
        types.type(List.of(), List.of()); // 0
        types.type(List.of(0x7f), List.of(0x7f)); // 1
        types.type(List.of(), List.of(0x7f)); // 2
        types.type(List.of(0x7c), List.of()); // 3: only the dead import
        types.type(List.of(0x7f), List.of(0x7f, 0x7f)); // 4: a block type
        W imports = new W().u(5);
        imports.name("env").name("dead_import").b(0).u(3);
        imports.name("env").name("live_import").b(0).u(1);
        imports.name("env").name("g_dead").b(3).b(0x7f).b(0);
        imports.name("env").name("g_live").b(3).b(0x7f).b(0);
        imports.name("env").name("memory").b(2).b(0).u(1);
        W funcs = new W().u(7).u(0).u(1).u(2).u(1).u(0).u(2).u(0);
        W tables = new W().u(2).b(0x70).b(0).u(1).b(0x70).b(0).u(1);
        W globals = new W().u(2);
        globals.b(0x7f).b(1).b(0x23).u(1).b(0x0b); // 2: mut i32 = global.get 1
        globals.b(0x7f).b(0).b(0x41).s(9).b(0x0b); // 3: i32 = 9
        W exports = new W().u(3);
        exports.name("run").b(0).u(RUN);
        exports.name("dropped").b(0).u(DROPPED_EXPORT);
        exports.name("g3").b(3).u(3);
        W elems = new W().u(3);
        elems.u(0).b(0x41).s(0).b(0x0b).u(1).u(TABLE_TARGET); // table 0 at 0: table_target
        elems.u(2).u(1).b(0x41).s(0).b(0x0b).b(0).u(1).u(IN_DEAD_TABLE); // table 1 (never used)
        elems.u(3).b(0).u(2).u(REFERENCED).u(DEAD_HELPER); // declarative
        W code = new W().u(7);
        code.body(new W().u(0).b(0x44).f64(1.0).b(0x10).u(0).b(0x0b)); // dead_helper: dead_import(1.0)
        code.body(new W().u(0).b(0x20).u(0).b(0x10).u(1).b(0x23).u(1).b(0x6a).b(0x0b)); // live_import(x) + g_live
        code.body(new W().u(0)
                .b(0x41).s(5).b(0x10).u(LIVE_HELPER) // live_helper(5)
                .b(0x41).s(0).b(0x11).u(1).u(0) // table[0](..)
                .b(0x24).u(2) // global.set 2
                .b(0x41).s(16).b(0x23).u(2).b(0x36).u(2).u(0) // mem[16] = global 2
                .b(0x41).s(3).b(0x02).s(4).b(0x41).s(100).b(0x0b).b(0x6a) // block (type 4): 3 + 100
                .b(0x41).s(16).b(0x28).u(2).u(0).b(0x6a) // + mem[16]
                .b(0xd2).u(REFERENCED).b(0xd1).b(0x6a) // + ref.is_null(ref.func referenced)
                .b(0x0b));
        code.body(new W().u(0).b(0x20).u(0).b(0x41).s(1).b(0x6a).b(0x0b)); // table_target: x + 1
        code.body(new W().u(0).b(0x0b)); // referenced
        code.body(new W().u(0).b(0x10).u(DEAD_HELPER).b(0x23).u(3).b(0x0b)); // dropped_export
        code.body(new W().u(0).b(0x0b)); // in_dead_table
        W data = new W().u(1).u(0).b(0x41).s(32).b(0x0b).u(2).b('h').b('i');
        W names = new W().name("name");
        W fnames = new W().u(2).u(RUN).name("run_impl").u(TABLE_TARGET).name("table_target");
        names.b(1).u(fnames.size()).raw(fnames);
        W module = new W().raw(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        module.section(1, types).section(2, imports).section(3, funcs).section(4, tables).section(6, globals)
                .section(7, exports).section(9, elems).section(10, code).section(11, data).section(0, names);
        return module.toByteArray();
    }

    private static Instance instantiate(byte[] module) {
        ImportValues imports = ImportValues.builder()
                .addFunction(new HostFunction("env", "live_import", FunctionType.of(List.of(ValType.I32), List.of(ValType.I32)),
                        (inst, args) -> new long[] {args[0] * 10}))
                .addFunction(new HostFunction("env", "dead_import", FunctionType.of(List.of(ValType.F64), List.of()),
                        (inst, args) -> null))
                .addGlobal(new ImportGlobal("env", "g_live", new GlobalInstance(Value.i32(7))))
                .addGlobal(new ImportGlobal("env", "g_dead", new GlobalInstance(Value.i32(0))))
                .addMemory(new ImportMemory("env", "memory", new ByteArrayMemory(new MemoryLimits(1))))
                .build();
        return Instance.builder(Parser.parse(module)).withImportValues(imports).build();
    }

    @Test
    void deadFunctionsImportsAndSegmentsGoAndRunStillWorks() {
        byte[] original = handMade();
        // live_helper(5) = 5 * 10 + 7 = 57; table_target(57) = 58, stored; (3 + 100) + 58 + 0
        assertEquals(161, instantiate(original).export("run").apply()[0]);

        byte[] trimmed = CoreGc.run(original, "run"::equals);
        CoreWasm.Module m = CoreWasm.read(trimmed);
        assertEquals(List.of("live_import", "g_live", "memory"), m.imports().stream().map(CoreWasm.Import::name).toList());
        assertEquals(List.of("run"), m.exports().stream().map(CoreWasm.Export::name).toList());
        // live_import 0, live_helper 1, run 2, table_target 3, referenced 4: the export and names follow
        assertEquals(2, m.exports().get(0).index());
        WasmModule parsed = Parser.parse(trimmed);
        assertEquals(4, parsed.functionSection().functionCount());
        assertEquals(4, parsed.typeSection().typeCount()); // the dead import's type is gone
        assertEquals(1, parsed.tableSection().tableCount());
        assertEquals(1, parsed.globalSection().globalCount());
        assertEquals(2, parsed.elementSection().elementCount()); // the dead table's segment is gone
        assertEquals("run_impl", parsed.nameSection().nameOfFunction(2));
        assertEquals("table_target", parsed.nameSection().nameOfFunction(3));
        assertEquals(161, instantiate(trimmed).export("run").apply()[0]);
        assertTrue(trimmed.length < original.length);
    }

    @Test
    void keepingMoreKeepsMore() {
        byte[] trimmed = CoreGc.run(handMade(), Set.of("run", "dropped", "g3")::contains);
        CoreWasm.Module m = CoreWasm.read(trimmed);
        // nothing ever reads g_dead
        assertEquals(List.of("dead_import", "live_import", "g_live", "memory"),
                m.imports().stream().map(CoreWasm.Import::name).toList());
        assertEquals(List.of("run", "dropped", "g3"), m.exports().stream().map(CoreWasm.Export::name).toList());
        Instance i = instantiate(trimmed);
        assertEquals(161, i.export("run").apply()[0]);
        assertEquals(9, i.export("dropped").apply()[0]);
    }

    @Test
    void unknownInstructionsAreRejected() {
        byte[] module = handMade();
        // turn live_helper's `local.get 0` (0x20 0x00) into a `try` (0x06, exception handling)
        byte[] pattern = {0x20, 0x00, 0x10, 0x01};
        int at = indexOf(module, pattern);
        module[at] = 0x06;
        module[at + 1] = 0x40;
        CoreWasm.Malformed e = assertThrows(CoreWasm.Malformed.class, () -> CoreGc.run(module, "run"::equals));
        assertTrue(e.getMessage().matches("instruction opcode 0x06 at offset \\d+ is not supported by the adapter gc"),
                e.getMessage());
        // the same instruction in a dead function is not read
        assertEquals(List.of("memory"), CoreWasm.read(CoreGc.run(module, Set.of()::contains)).imports().stream()
                .map(CoreWasm.Import::name).toList()); // the data segment keeps the memory
    }

    /** Truncated and mutated modules are trimmed or rejected as malformed, never with another exception. */
    @Test
    void badModulesAreMalformedNotCrashes() {
        byte[] module = handMade();
        for (int n = 0; n < module.length; n++) {
            tryRun(java.util.Arrays.copyOf(module, n));
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 3000; i++) {
            byte[] m = module.clone();
            m[8 + random.nextInt(m.length - 8)] = (byte) random.nextInt(256);
            tryRun(m);
        }
    }

    private static void tryRun(byte[] module) {
        try {
            CoreGc.run(module, "run"::equals);
        } catch (CoreWasm.Malformed expected) {
            assertFalse(expected.getMessage().isBlank());
        }
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    /**
     * The reactor adapter kept to {@code fd_write}: no sockets, random or clocks imports are left,
     * the stack convention's globals and {@code cabi_realloc} import survive, so the stack
     * allocation is still added, and Chicory reads the result.
     */
    @Test
    void theReactorAdapterShrinks() throws IOException {
        byte[] adapter = dev.dovetail.component.WitEmbedder.strip(Files.readAllBytes(SampleGuests.reactorAdapter()));
        CoreWasm.Module before = CoreWasm.read(adapter);
        byte[] trimmed = CoreGc.run(adapter, Set.of("fd_write", "cabi_import_realloc", "cabi_export_realloc")::contains);
        CoreWasm.Module after = CoreWasm.read(trimmed);
        assertTrue(after.imports().size() < before.imports().size() / 2, after.imports().size() + " imports of " + before.imports().size());
        assertFalse(after.imports().stream().anyMatch(i -> i.module().startsWith("wasi:sockets/") || i.module().startsWith("wasi:random/")),
                after.imports().toString());
        assertTrue(after.imports().stream().anyMatch(i -> i.module().equals("__main_module__") && i.name().equals("cabi_realloc")));
        assertTrue(after.imports().stream().anyMatch(i -> i.module().equals("wasi:io/streams@0.2.12")
                && i.name().equals("[method]output-stream.blocking-write-and-flush")), after.imports().toString());
        assertTrue(after.funcExport("fd_write").isPresent());
        assertTrue(after.funcExport("fd_read").isEmpty());
        byte[] stacked = CoreWasm.withStackAllocation(trimmed);
        assertTrue(stacked.length > trimmed.length, "the stack allocation is added");
        assertEquals(after.exports().size(), Parser.parse(stacked).exportSection().exportCount());
    }

    /** A little writer for hand-made modules: {@link CoreWasm.Out} with short names that chain as {@code W}. */
    private static final class W extends CoreWasm.Out {
        W b(int v) {
            u8(v);
            return this;
        }

        W u(long v) {
            u32(v);
            return this;
        }

        W s(int v) {
            s32(v);
            return this;
        }

        W f64(double d) {
            long bits = Double.doubleToLongBits(d);
            for (int i = 0; i < 8; i++) {
                write((int) (bits >>> (8 * i)) & 0xff);
            }
            return this;
        }

        @Override
        W name(String s) {
            super.name(s);
            return this;
        }

        @Override
        W raw(byte[] bytes) {
            super.raw(bytes);
            return this;
        }

        W raw(W w) {
            return raw(w.toByteArray());
        }

        W type(List<Integer> params, List<Integer> results) {
            b(0x60).u(params.size());
            params.forEach(this::b);
            u(results.size());
            results.forEach(this::b);
            return this;
        }

        W body(W f) {
            return u(f.size()).raw(f);
        }

        W section(int id, W body) {
            return b(id).u(body.size()).raw(body);
        }
    }
}
