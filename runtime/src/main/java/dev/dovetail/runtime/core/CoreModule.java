package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** A parsed (and, for the compiler engine, compiled) core module; instantiate it many times. */
public final class CoreModule {
    final WasmModule wasm;
    private final List<CoreImport> imports;
    final Map<String, Export> exports = new HashMap<>();
    private volatile Function<Instance, Machine> compiled;

    CoreModule(WasmModule wasm) {
        this.wasm = wasm;
        List<CoreImport> is = new ArrayList<>();
        for (int i = 0; i < wasm.importSection().importCount(); i++) {
            Import imp = wasm.importSection().getImport(i);
            is.add(new CoreImport(imp.module(), imp.name(), kindText(imp.importType())));
        }
        this.imports = List.copyOf(is);
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export e = wasm.exportSection().getExport(i);
            exports.put(e.name(), e);
        }
    }

    /** The imports, in order. */
    public List<CoreImport> imports() {
        return imports;
    }

    Function<Instance, Machine> compiled(Function<WasmModule, Function<Instance, Machine>> compiler) {
        Function<Instance, Machine> c = compiled;
        if (c == null) {
            synchronized (this) {
                c = compiled;
                if (c == null) {
                    c = compiler.apply(wasm);
                    compiled = c;
                }
            }
        }
        return c;
    }

    static String kindText(ExternalType t) {
        return switch (t) {
            case FUNCTION -> "func";
            case TABLE -> "table";
            case MEMORY -> "memory";
            case GLOBAL -> "global";
            case TAG -> "tag";
        };
    }
}
