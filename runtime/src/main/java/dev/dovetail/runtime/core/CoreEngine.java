package dev.dovetail.runtime.core;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportTag;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import java.util.function.Function;

/**
 * The core WebAssembly engine: Chicory's interpreter, or Chicory's runtime compiler (core
 * modules translated to JVM bytecode on first instantiation). Both behave identically.
 */
public enum CoreEngine {
    INTERPRETER,
    COMPILER;

    /** Parses (and validates) a core module. */
    public CoreModule parse(byte[] bytes) {
        try {
            return new CoreModule(Parser.parse(bytes));
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new CoreLinkException("invalid core module: " + e.getMessage(), e);
        }
    }

    /**
     * Instantiates a core module, running its start function. {@code imports} supplies the
     * value of each import; it may throw to reject the instantiation.
     */
    public CoreInstance instantiate(CoreModule module, Function<CoreImport, CoreExtern> imports) {
        ImportValues.Builder values = ImportValues.builder();
        for (int i = 0; i < module.imports().size(); i++) {
            CoreImport imp = module.imports().get(i);
            CoreExtern e = imports.apply(imp);
            String m = imp.module();
            String n = imp.name();
            if (!e.kind().equals(imp.kind())) {
                throw new CoreLinkException("import \"" + m + "\" \"" + n + "\" needs a " + imp.kind()
                        + " but was given a " + e.kind());
            }
            if (e instanceof CoreFunc f) {
                com.dylibso.chicory.wasm.types.Import decl = module.wasm.importSection().getImport(i);
                FunctionType declared = decl instanceof FunctionImport fi
                        ? module.wasm.typeSection().getType(fi.typeIndex())
                        : null;
                values.addFunction(f.asImport(m, n, declared));
            } else if (e instanceof CoreMemory mem) {
                values.addMemory(new ImportMemory(m, n, mem.memory));
            } else if (e instanceof CoreTable t) {
                values.addTable(new ImportTable(m, n, t.table));
            } else if (e instanceof CoreGlobal g) {
                values.addGlobal(new ImportGlobal(m, n, g.global));
            } else if (e instanceof CoreTag t) {
                values.addTag(new ImportTag(m, n, t.tag));
            }
        }
        // withStart(false): Chicory would otherwise call an exported "_start" (a WASI command's
        // entry point) while instantiating; only the start section runs at instantiation
        Instance.Builder b = Instance.builder(module.wasm).withImportValues(values.build()).withStart(false);
        if (this == COMPILER) {
            b = b.withMachineFactory(module.compiled(MachineFactoryCompiler::compile));
        }
        try {
            return new CoreInstance(module, b.build());
        } catch (TrapException | UninstantiableException e) {
            throw new CoreTrap(e.getMessage(), e);
        } catch (WasmException e) {
            throw new CoreTrap("uncaught wasm exception", e);
        } catch (StackOverflowError e) {
            throw new CoreTrap("call stack exhausted", e);
        } catch (ChicoryException e) {
            throw new CoreLinkException(e.getMessage(), e);
        }
    }
}
