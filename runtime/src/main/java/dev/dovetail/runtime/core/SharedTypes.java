package dev.dovetail.runtime.core;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.CustomSection;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionSection;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ImportSection;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.TagImport;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TagType;
import com.dylibso.chicory.wasm.types.TypeSection;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core modules of one component, parsed together so that they share one type section.
 *
 * <p>Why: Chicory 1.7.5 checks a {@code call_indirect} by comparing the caller's type
 * <em>index</em> with the callee's, looked up in the callee's module. Modules that call each
 * other's functions through a shared table (the dynamically linked modules of a componentize-qjs
 * guest, which call the host through function pointers) then trap with "indirect call type
 * mismatch" wherever their type sections differ. Giving every module the same type section (the
 * union of theirs, each type once) makes equal types equal indices, which is the check the spec
 * means (type equivalence). The modules are otherwise unchanged.
 *
 * <p>Only plain modules are rewritten: function types without GC rec groups or subtyping and
 * without typed references (no value type naming a type index), the only type-index operands
 * being those of {@code call_indirect}, {@code return_call_indirect}, {@code call_ref},
 * {@code return_call_ref} and block types. When any module of the component is not plain, all
 * are left as they are.
 */
public final class SharedTypes {
    /** Chicory reads a block type operand that equals 0x40 or a value type code as that, not as a type index. */
    private static final int MAX_BLOCK_TYPE_INDEX = 0x40;

    private SharedTypes() {}

    /**
     * Parses (and validates) the core modules of one component, in order; when all are plain and
     * there are several, they share one type section.
     *
     * @throws CoreLinkException if a module is invalid
     */
    public static List<CoreModule> parse(List<byte[]> modules) {
        List<CoreModule> out = new ArrayList<>();
        try {
            for (WasmModule m : share(modules)) {
                out.add(new CoreModule(m));
            }
        } catch (ChicoryException | IllegalArgumentException e) {
            throw new CoreLinkException("invalid core module: " + e.getMessage(), e);
        }
        return out;
    }

    static List<WasmModule> share(List<byte[]> modules) {
        List<WasmModule> parsed = new ArrayList<>();
        for (byte[] bytes : modules) {
            parsed.add(Parser.parse(bytes));
        }
        if (parsed.size() < 2 || !parsed.stream().allMatch(SharedTypes::isPlain)) {
            return parsed;
        }
        // the union, types used as block types first (they must get indices below 0x40)
        Map<FunctionType, Integer> union = new LinkedHashMap<>();
        for (WasmModule m : parsed) {
            for (FunctionBody body : m.codeSection().functionBodies()) {
                for (AnnotatedInstruction in : body.instructions()) {
                    if (isBlock(in.opcode()) && isTypeIndex(in.operand(0))) {
                        union.putIfAbsent(m.typeSection().getType((int) in.operand(0)), union.size());
                    }
                }
            }
        }
        if (union.size() > MAX_BLOCK_TYPE_INDEX) {
            return parsed;
        }
        for (WasmModule m : parsed) {
            for (FunctionType t : m.typeSection().types()) {
                union.putIfAbsent(t, union.size());
            }
        }
        TypeSection.Builder types = TypeSection.builder();
        union.keySet().forEach(types::addFunctionType);
        TypeSection shared = types.build();
        String digest = Integer.toHexString(union.keySet().hashCode());
        List<WasmModule> out = new ArrayList<>();
        for (WasmModule m : parsed) {
            out.add(rewrite(m, shared, union, digest));
        }
        return out;
    }

    private static boolean isBlock(OpCode op) {
        return op == OpCode.BLOCK || op == OpCode.LOOP || op == OpCode.IF || op == OpCode.TRY_TABLE;
    }

    /** Whether a block type operand names a type (rather than being empty or one value type). */
    private static boolean isTypeIndex(long operand) {
        return operand >= 0 && operand != MAX_BLOCK_TYPE_INDEX && !ValType.isValid(operand);
    }

    private static boolean isPlain(WasmModule m) {
        TypeSection ts = m.typeSection();
        for (int i = 0; i < ts.typeCount(); i++) {
            if (!ts.getRecType(i).isLegacy()) {
                return false;
            }
        }
        if (ts.typeCount() != ts.subTypeCount()) {
            return false;
        }
        for (FunctionType t : ts.types()) {
            if (!untyped(t.params()) || !untyped(t.returns())) {
                return false;
            }
        }
        for (int i = 0; i < m.globalSection().globalCount(); i++) {
            if (!untyped(List.of(m.globalSection().getGlobal(i).valueType()))) {
                return false;
            }
        }
        for (int i = 0; i < m.tableSection().tableCount(); i++) {
            if (!untyped(List.of(m.tableSection().getTable(i).elementType()))) {
                return false;
            }
        }
        for (FunctionBody body : m.codeSection().functionBodies()) {
            if (!untyped(body.localTypes())) {
                return false;
            }
            for (AnnotatedInstruction in : body.instructions()) {
                String name = in.opcode().name();
                if (name.startsWith("REF_TEST") || name.startsWith("REF_CAST") || name.startsWith("BR_ON_CAST")
                        || name.startsWith("STRUCT_") || name.startsWith("ARRAY_") || in.opcode() == OpCode.SELECT_T
                        || (in.opcode() == OpCode.REF_NULL && in.operand(0) >= 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** No value type names a type index ({@code (ref $t)}). */
    private static boolean untyped(List<ValType> types) {
        for (ValType t : types) {
            if (t.isReference() && t.typeIdx() >= 0) {
                return false;
            }
        }
        return true;
    }

    private static WasmModule rewrite(WasmModule m, TypeSection shared, Map<FunctionType, Integer> union, String digest) {
        TypeSection own = m.typeSection();
        int[] map = new int[own.typeCount()];
        for (int i = 0; i < map.length; i++) {
            map[i] = union.get(own.getType(i));
        }
        ImportSection.Builder imports = ImportSection.builder();
        for (int i = 0; i < m.importSection().importCount(); i++) {
            Import imp = m.importSection().getImport(i);
            if (imp instanceof FunctionImport f) {
                imp = new FunctionImport(f.module(), f.name(), map[f.typeIndex()]);
            } else if (imp instanceof TagImport t) {
                imp = new TagImport(t.module(), t.name(), t.tagType().attribute(), map[t.tagType().typeIdx()]);
            }
            imports.addImport(imp);
        }
        FunctionSection.Builder functions = FunctionSection.builder();
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            functions.addFunctionType(map[m.functionSection().getFunctionType(i)]);
        }
        for (FunctionBody body : m.codeSection().functionBodies()) {
            for (AnnotatedInstruction in : body.instructions()) {
                OpCode op = in.opcode();
                if (op == OpCode.CALL_INDIRECT || op == OpCode.RETURN_CALL_INDIRECT || op == OpCode.CALL_REF
                        || op == OpCode.RETURN_CALL_REF || (isBlock(op) && isTypeIndex(in.operand(0)))) {
                    in.setOperand(0, map[(int) in.operand(0)]);
                }
            }
        }
        WasmModule.Builder b = WasmModule.builder()
                .setTypeSection(shared)
                .setImportSection(imports.build())
                .setFunctionSection(functions.build())
                .setTableSection(m.tableSection())
                .setGlobalSection(m.globalSection())
                .setExportSection(m.exportSection())
                .setElementSection(m.elementSection())
                .setCodeSection(m.codeSection())
                .setDataSection(m.dataSection())
                .withDigest(m.digest() == null ? null : m.digest() + "+types-" + digest);
        m.memorySection().ifPresent(b::setMemorySection);
        m.startSection().ifPresent(b::setStartSection);
        m.dataCountSection().ifPresent(b::setDataCountSection);
        Optional<TagSection> tags = m.tagSection();
        if (tags.isPresent()) {
            TagSection.Builder tb = TagSection.builder();
            for (TagType t : tags.get().types()) {
                tb.addTagType(new TagType(t.attribute(), map[t.typeIdx()]));
            }
            b.setTagSection(tb.build());
        }
        for (CustomSection c : m.customSections()) {
            b.addCustomSection(c.name(), c);
        }
        m.ignoredSections().forEach(b::addIgnoredSection);
        // the module was validated when parsed, and renumbering its types keeps it valid: no
        // second validation of the function bodies (a large module's instantiation would double)
        return b.withValidation(false).build();
    }
}
