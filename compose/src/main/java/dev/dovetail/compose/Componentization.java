package dev.dovetail.compose;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Canon;
import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.Component;
import dev.dovetail.component.CoreInstance;
import dev.dovetail.component.CoreSort;
import dev.dovetail.component.CoreType;
import dev.dovetail.component.Declaration;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Instance;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.TypeDef;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.TypeOwner;
import dev.dovetail.wit.World;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One run of {@link Componentizer}: the layout of wit-component's {@code component new}.
 *
 * <ol>
 *   <li>the world's imports (and the adapters' worlds' imports) as instance and function imports,
 *       only those the core modules use (see {@code usage()});
 *   <li>a shim core module with one {@code call_indirect} trampoline per import that cannot be
 *       lowered before the main module exists (it needs the main memory or {@code cabi_realloc},
 *       or it is an adapter's export: main and adapters import each other);
 *   <li>exported resource types, the main module instantiated, then each adapter;
 *   <li>the fixup module, which fills the shim's table with the real functions;
 *   <li>each export lifted; each exported interface re-exported through a small nested component
 *       that gives its types their names (Explainer.md: exported types must be named);
 *   <li>a core module whose start function calls the reactor's {@code _initialize}, last.
 * </ol>
 */
final class Componentization {
    private static final String MAIN_MODULE = "__main_module__";
    private static final String ROOT = "$root";
    private static final String EXPORT_PREFIX = "[export]";

    /** A core module with its world: the main module or an adapter. */
    record Part(String name, byte[] bytes, CoreWasm.Module module, Resolve resolve, int worldId,
            CanonOpt.StringEncoding encoding) {
        boolean isMain() {
            return name == null;
        }

        World world() {
            return resolve.world(worldId);
        }

        String describe() {
            return isMain() ? "the core module" : "adapter `" + name + "`";
        }
    }

    /** How one core import is satisfied. */
    private sealed interface Binding {}

    /** A function of an imported interface (or a world-level function), lowered. */
    private record Lowered(String instance, Resolve resolve, Function function, WitTypes.Abi abi) implements Binding {}

    /** {@code [resource-drop]} of an imported resource. */
    private record ImportedDrop(Resolve resolve, int typeId) implements Binding {}

    /** {@code [resource-new|rep|drop]} of a resource this component exports. */
    private record ExportedResource(String op, Resolve resolve, int typeId) implements Binding {}

    /** An export of an adapter (the main module imports it). */
    private record AdapterExport(String adapter, String name) implements Binding {}

    /** The main module's memory (an adapter's {@code env.memory}). */
    private record MainMemory() implements Binding {}

    /** A function the main module exports ({@code __main_module__} imports of an adapter). */
    private record MainExport(String name) implements Binding {}

    /** One planned core import: what it is bound to, and its trampoline slot if it has one. */
    private record Planned(CoreWasm.Import imp, Binding binding, int slot) {}

    private final Part main;
    private final List<Part> adapters;
    private final List<Part> parts = new ArrayList<>();
    private final ComponentBuilder out = new ComponentBuilder();

    // slots of the shim table, in order: their core types and what fills them
    private final List<CoreWasm.FuncType> slotTypes = new ArrayList<>();
    private final List<Object> slotFillers = new ArrayList<>();

    private final Map<Part, List<Planned>> plans = new IdentityHashMap<>();
    private final Map<String, Integer> importedInstances = new HashMap<>();
    private final Map<Resolve, Map<Integer, Integer>> instanceOf = new IdentityHashMap<>();
    private final Map<String, Integer> importedFuncs = new HashMap<>();
    private final Map<Part, Integer> coreInstances = new IdentityHashMap<>();
    private int shimInstance = -1;
    private int mainMemory = -1;
    private final Map<String, Integer> mainExports = new HashMap<>();
    private final TopScope top = new TopScope();

    Componentization(Part main, List<Part> adapters) {
        this.main = main;
        this.adapters = List.copyOf(adapters);
        parts.add(main);
        parts.addAll(adapters);
    }

    Component run() {
        for (Part p : parts) {
            plan(p);
        }
        planDestructors();
        checkExports();
        usage();
        imports();
        int mainModule = out.coreModule(main.bytes());
        Map<Part, Integer> adapterModules = new IdentityHashMap<>();
        for (Part a : adapters) {
            adapterModules.put(a, out.coreModule(a.bytes()));
        }
        if (!slotTypes.isEmpty()) {
            shimInstance = out.coreInstantiate(out.coreModule(CoreWasm.shim(slotTypes)), List.of());
        }
        exportedResources();
        coreInstances.put(main, out.coreInstantiate(mainModule, importArgs(main)));
        for (Part a : adapters) {
            coreInstances.put(a, out.coreInstantiate(adapterModules.get(a), importArgs(a)));
        }
        fixup();
        for (Part p : parts) {
            exports(p);
        }
        initialize();
        return out.build();
    }

    // ------------------------------------------------------------------ planning

    private static String importName(Resolve resolve, WorldKey key) {
        return key instanceof WorldKey.Name n ? n.name() : resolve.interfaceName(((WorldKey.InterfaceRef) key).interfaceId());
    }

    private static ExternName externName(Resolve resolve, WorldKey key, WorldItem item) {
        if (key instanceof WorldKey.Name n && item instanceof WorldItem.InterfaceItem ii
                && resolve.interfaceName(ii.interfaceId()) != null) {
            return new ExternName(ExternName.Form.ATTRIBUTED, n.name(),
                    List.of(new ExternName.Attribute.Implements(resolve.interfaceName(ii.interfaceId()))));
        }
        return ExternName.of(importName(resolve, key));
    }

    private void plan(Part p) {
        World w = p.world();
        Map<String, Integer> importedIfaces = new HashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : w.imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                importedIfaces.put(importName(p.resolve(), e.getKey()), ii.interfaceId());
            }
        }
        Map<String, Integer> exportedIfaces = new HashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : w.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                exportedIfaces.put(EXPORT_PREFIX + importName(p.resolve(), e.getKey()), ii.interfaceId());
            }
        }
        List<Planned> planned = new ArrayList<>();
        Map<List<String>, Planned> seen = new HashMap<>();
        for (CoreWasm.Import imp : p.module().imports()) {
            String where = p.describe() + " imports `" + imp.module() + "` `" + imp.name() + "`";
            // a repeated import, renamed `f [vN]` (CoreWasm.renameRepeatedImports), is bound like the first
            String base = CoreWasm.repeatedImportBase(imp.name()).orElse(null);
            Planned first = base == null ? null : seen.get(List.of(imp.module(), base));
            if (first != null) {
                if (first.imp().kind() != imp.kind() || !Objects.equals(first.imp().type(), imp.type())) {
                    throw new ComponentizeException(p.describe() + " imports `" + imp.module() + "` `" + base
                            + "` twice, with different types");
                }
                planned.add(new Planned(imp, first.binding(), first.slot()));
                continue;
            }
            Binding b;
            if (!p.isMain() && imp.module().equals("env") && imp.name().equals("memory") && imp.kind() == CoreWasm.Kind.MEMORY) {
                b = new MainMemory();
            } else if (imp.kind() != CoreWasm.Kind.FUNC) {
                throw new ComponentizeException(where + ", a " + imp.kind().name().toLowerCase()
                        + "; only functions can be imported (and an adapter's env.memory)");
            } else if (!p.isMain() && imp.module().equals(MAIN_MODULE) && imp.name().equals("cabi_realloc")
                    && main.module().funcExport("cabi_realloc_adapter").isEmpty()
                    && (main.module().funcExport("_initialize").isPresent() || main.module().funcExport("cabi_realloc").isEmpty())) {
                checkType(where, imp.type(), new CoreWasm.FuncType(List.of(CoreWasm.I32, CoreWasm.I32, CoreWasm.I32,
                        CoreWasm.I32), List.of(CoreWasm.I32)), "`cabi_realloc`");
                b = new MainExport(imp.name());
            } else if (!p.isMain() && imp.module().equals(MAIN_MODULE)) {
                CoreWasm.Export e = main.module().funcExport(imp.name()).orElseThrow(() -> new ComponentizeException(
                        where + ", but the core module does not export function `" + imp.name() + "`"));
                checkType(where, imp.type(), e.type(), "the core module's export");
                b = new MainExport(imp.name());
            } else if (p.isMain() && adapter(imp.module()) != null) {
                Part a = adapter(imp.module());
                CoreWasm.Export e = a.module().funcExport(imp.name()).orElseThrow(() -> new ComponentizeException(
                        where + ", but adapter `" + a.name() + "` does not export function `" + imp.name() + "`"));
                checkType(where, imp.type(), e.type(), "adapter `" + a.name() + "`'s export");
                b = new AdapterExport(a.name(), imp.name());
            } else if (imp.module().equals(ROOT)) {
                b = rootImport(p, imp, where);
            } else if (compatible(importedIfaces, imp.module()) != null) {
                b = interfaceImport(p, imp, compatible(importedIfaces, imp.module()), where);
            } else if (exportedIfaces.containsKey(imp.module())) {
                b = exportedResource(p, imp, exportedIfaces.get(imp.module()), where);
            } else {
                throw new ComponentizeException(where + ", which is not in world `" + w.name() + "`"
                        + (p.isMain() && adapters.isEmpty() && imp.module().startsWith("wasi_snapshot")
                                ? " (a WASI preview1 module needs an adapter)" : "")
                        + "; the world imports " + (importedIfaces.isEmpty() ? "no interfaces"
                                : importedIfaces.size() + " interfaces: " + String.join(", ",
                                        importedIfaces.keySet().stream().sorted().limit(6).toList())
                                        + (importedIfaces.size() > 6 ? ", ..." : "")));
            }
            int slot = -1;
            if (needsSlot(p, b)) {
                slot = slotTypes.size();
                slotTypes.add(imp.type());
                slotFillers.add(new Object[] {p, b});
            }
            Planned pl = new Planned(imp, b, slot);
            planned.add(pl);
            seen.putIfAbsent(List.of(imp.module(), imp.name()), pl);
        }
        plans.put(p, planned);
    }

    /**
     * The world import of a core import module: the same name, or the same interface at a
     * semver-compatible version (as wit-component matches them: an adapter built against
     * {@code wasi:filesystem/preopens@0.2.6} uses the world's {@code @0.2.12}).
     */
    private static String compatibleName(Map<String, Integer> ifaces, String module) {
        if (ifaces.containsKey(module)) {
            return module;
        }
        int at = module.lastIndexOf('@');
        if (at < 0) {
            return null;
        }
        String base = module.substring(0, at);
        String want = compatibilityTrack(module.substring(at + 1));
        for (String name : ifaces.keySet()) {
            int a = name.lastIndexOf('@');
            if (a >= 0 && name.substring(0, a).equals(base) && compatibilityTrack(name.substring(a + 1)).equals(want)) {
                return name;
            }
        }
        return null;
    }

    private static Integer compatible(Map<String, Integer> ifaces, String module) {
        String name = compatibleName(ifaces, module);
        return name == null ? null : ifaces.get(name);
    }

    /** {@code 1.2.3 -> 1}, {@code 0.2.3 -> 0.2}, {@code 0.0.3 -> 0.0.3}; pre-releases only match themselves. */
    private static String compatibilityTrack(String version) {
        String[] v = version.split("\\.", 3);
        if (v.length < 3 || version.contains("-")) {
            return version;
        }
        if (!v[0].equals("0")) {
            return v[0];
        }
        return v[1].equals("0") ? version : "0." + v[1];
    }

    private Part adapter(String name) {
        for (Part a : adapters) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** Whether a binding cannot be made before the part's module is instantiated. */
    private boolean needsSlot(Part p, Binding b) {
        if (b instanceof AdapterExport) {
            return true;
        }
        if (b instanceof Lowered l) {
            if (p.isMain()) {
                return l.abi().memory() || l.abi().realloc();
            }
            return l.abi().realloc() && reallocOwner(p) == p;
        }
        return false;
    }

    /** The part whose {@code cabi_realloc} (an adapter's own {@code cabi_import_realloc} first) lowerings of {@code p} use. */
    private Part reallocOwner(Part p) {
        if (!p.isMain() && (p.module().funcExport("cabi_import_realloc").isPresent()
                || p.module().funcExport("cabi_realloc").isPresent())) {
            return p;
        }
        return main;
    }

    private static String reallocName(Part p) {
        return !p.isMain() && p.module().funcExport("cabi_import_realloc").isPresent() ? "cabi_import_realloc" : "cabi_realloc";
    }

    private Binding rootImport(Part p, CoreWasm.Import imp, String where) {
        for (Map.Entry<WorldKey, WorldItem> e : p.world().imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.FunctionItem fi && fi.function().name().equals(imp.name())) {
                return lowered(p, imp, ROOT + importName(p.resolve(), e.getKey()), fi.function(), where);
            }
            if (e.getValue() instanceof WorldItem.TypeItem ti && imp.name().equals("[resource-drop]" + p.resolve().type(ti.typeId()).name())
                    && WitTypes.isResource(p.resolve(), ti.typeId())) {
                checkType(where, imp.type(), drop(), "`resource.drop`");
                return new ImportedDrop(p.resolve(), ti.typeId());
            }
        }
        throw new ComponentizeException(where + ", but world `" + p.world().name() + "` imports no function `"
                + imp.name() + "`");
    }

    private Binding interfaceImport(Part p, CoreWasm.Import imp, int ifaceId, String where) {
        Interface iface = p.resolve().iface(ifaceId);
        Function f = iface.functions().get(imp.name());
        if (f != null) {
            return lowered(p, imp, importedInstanceName(p, ifaceId), f, where);
        }
        if (imp.name().startsWith("[resource-drop]")) {
            Integer t = iface.types().get(imp.name().substring("[resource-drop]".length()));
            if (t != null && WitTypes.isResource(p.resolve(), t)) {
                checkType(where, imp.type(), drop(), "`resource.drop`");
                return new ImportedDrop(p.resolve(), t);
            }
        }
        throw new ComponentizeException(where + ", but interface `" + importedInstanceName(p, ifaceId) + "` has no function or resource `"
                + imp.name() + "`");
    }

    private static String importedInstanceName(Part p, int ifaceId) {
        for (Map.Entry<WorldKey, WorldItem> e : p.world().imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii && ii.interfaceId() == ifaceId) {
                return importName(p.resolve(), e.getKey());
            }
        }
        return null;
    }

    private Binding exportedResource(Part p, CoreWasm.Import imp, int ifaceId, String where) {
        Interface iface = p.resolve().iface(ifaceId);
        for (String op : List.of("[resource-new]", "[resource-rep]", "[resource-drop]")) {
            if (imp.name().startsWith(op)) {
                Integer t = iface.types().get(imp.name().substring(op.length()));
                if (t != null && WitTypes.isResource(p.resolve(), t)) {
                    CoreWasm.FuncType expected = op.equals("[resource-drop]") ? drop()
                            : new CoreWasm.FuncType(List.of(CoreWasm.I32), List.of(CoreWasm.I32));
                    checkType(where, imp.type(), expected, "`" + op + "`");
                    return new ExportedResource(op, p.resolve(), t);
                }
            }
        }
        throw new ComponentizeException(where + ", but exported interface `" + imp.module().substring(EXPORT_PREFIX.length())
                + "` has no resource for it (expected [resource-new|resource-rep|resource-drop]NAME)");
    }

    private static CoreWasm.FuncType drop() {
        return new CoreWasm.FuncType(List.of(CoreWasm.I32), List.of());
    }

    private Lowered lowered(Part p, CoreWasm.Import imp, String instance, Function f, String where) {
        WitTypes.Abi abi = WitTypes.lower(p.resolve(), f);
        checkType(where, imp.type(), abi.core(), "the canonical ABI of `" + f.name() + "`");
        if (abi.memory() && main.module().export("memory").filter(e -> e.kind() == CoreWasm.Kind.MEMORY).isEmpty()) {
            throw new ComponentizeException(where + ", which passes values in linear memory, but the core module does not export `memory`");
        }
        if (abi.realloc() && reallocOwner(p).module().funcExport(reallocName(reallocOwner(p))).isEmpty()) {
            throw new ComponentizeException(where + ", which returns strings or lists, but " + reallocOwner(p).describe()
                    + " does not export `cabi_realloc`");
        }
        return new Lowered(instance, p.resolve(), f, abi);
    }

    private static void checkType(String where, CoreWasm.FuncType actual, CoreWasm.FuncType expected, String what) {
        if (!actual.equals(expected)) {
            throw new ComponentizeException(where + " with type " + actual + ", but " + what + " has type " + expected);
        }
    }

    /** Every function a world exports must be a core export of the right type. */
    private void checkExports() {
        for (Part p : parts) {
            for (Map.Entry<WorldKey, WorldItem> e : p.world().exports().entrySet()) {
                String name = importName(p.resolve(), e.getKey());
                if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                    for (Function f : p.resolve().iface(ii.interfaceId()).functions().values()) {
                        liftTarget(p, name + "#" + f.name(), f, "function `" + f.name() + "` of interface `" + name + "`");
                    }
                } else if (e.getValue() instanceof WorldItem.FunctionItem fi) {
                    liftTarget(p, fi.function().name(), fi.function(), "function `" + fi.function().name() + "`");
                } else {
                    throw new ComponentizeException("world `" + p.world().name() + "` exports type `" + name
                            + "`, which a component cannot export from a core module");
                }
            }
        }
    }

    private WitTypes.Abi liftTarget(Part p, String coreName, Function f, String what) {
        WitTypes.Abi abi = WitTypes.lift(p.resolve(), f);
        String head = "world `" + p.world().name() + "` exports " + what + ", but " + p.describe();
        CoreWasm.Export e = p.module().funcExport(coreName).orElseThrow(() -> new ComponentizeException(
                head + " has no function export `" + coreName + "`"));
        if (!e.type().equals(abi.core())) {
            throw new ComponentizeException(head + " exports `" + coreName + "` with type " + e.type()
                    + ", but the canonical ABI needs " + abi.core());
        }
        if (abi.memory() && main.module().export("memory").filter(x -> x.kind() == CoreWasm.Kind.MEMORY).isEmpty()) {
            throw new ComponentizeException(head + " does not export `memory`, which `" + coreName + "` needs");
        }
        if (abi.realloc() && p.module().funcExport("cabi_realloc").isEmpty()) {
            throw new ComponentizeException(head + " does not export `cabi_realloc`, which `" + coreName
                    + "` needs for its string or list arguments");
        }
        return abi;
    }

    // ------------------------------------------------------------------ imports

    /** The component's index space: named types come from imported instances, else are defined in place. */
    private final class TopScope extends WitTypes.Scope {
        @Override
        int define(TypeDef def) {
            return out.type(def);
        }

        @Override
        int named(Resolve resolve, int id) {
            dev.dovetail.wit.TypeDef ty = resolve.type(id);
            if (ty.owner() instanceof TypeOwner.OfInterface oi) {
                Integer inst = instance(resolve, oi.interfaceId());
                if (inst != null) {
                    return out.aliasExport(Sort.TYPE, inst, ty.name());
                }
            }
            if (ty.kind() instanceof TypeDefKind.Resource) {
                throw new ComponentizeException("resource `" + ty.name() + "` is neither imported nor exported by the world");
            }
            return shapeIndex(resolve, id);
        }
    }

    private Integer instance(Resolve resolve, int ifaceId) {
        Map<Integer, Integer> m = instanceOf.get(resolve);
        return m == null ? null : m.get(ifaceId);
    }

    /** An instance type for an imported interface: its own types exported, others aliased from the outer scope. */
    private final class InstanceScope extends WitTypes.Scope {
        final List<Declaration> decls = new ArrayList<>();
        final int ifaceId;
        final Resolve resolve;
        int count;

        InstanceScope(Resolve resolve, int ifaceId) {
            this.resolve = resolve;
            this.ifaceId = ifaceId;
        }

        @Override
        int define(TypeDef def) {
            decls.add(new Declaration.TypeDecl(def));
            return count++;
        }

        @Override
        int named(Resolve r, int id) {
            dev.dovetail.wit.TypeDef ty = r.type(id);
            if (r == resolve && ty.owner() instanceof TypeOwner.OfInterface oi && oi.interfaceId() == ifaceId) {
                ExternType.TypeBound bound = ty.kind() instanceof TypeDefKind.Resource ? new ExternType.TypeBound.SubResource()
                        : new ExternType.TypeBound.Eq(shapeIndex(r, id));
                decls.add(new Declaration.Export(ExternName.of(ty.name()), new ExternType.Type(bound)));
                return count++;
            }
            int outer = top.index(r, new Type.Id(id));
            decls.add(new Declaration.AliasDecl(new Alias.Outer(Sort.TYPE, 1, outer)));
            return count++;
        }

    }

    // ------------------------------------------------------------------ what is imported

    /** Per imported instance (or {@code $root} function): the functions some core import lowers. */
    private final Map<String, Set<String>> usedFunctions = new HashMap<>();
    /** Per imported instance: the names of its types that something needs. */
    private final Map<String, Set<String>> usedTypes = new HashMap<>();
    /** The types something needs, per resolve; the closure over the types they name. */
    private final Map<Resolve, Set<Integer>> liveTypes = new IdentityHashMap<>();

    /**
     * What the component imports, as wit-component decides it: the functions the core modules'
     * imports lower (the adapters' after they are trimmed), and the types those functions, the
     * resource drops and the exports need, transitively. A world import with neither is not
     * imported, so an adapter's unused WASI interfaces disappear with its unused exports.
     */
    private void usage() {
        for (Part p : parts) {
            for (Planned pl : plans.get(p)) {
                if (pl.binding() instanceof Lowered l) {
                    usedFunctions.computeIfAbsent(l.instance(), k -> new HashSet<>()).add(l.function().name());
                    liveFunction(l.resolve(), l.function());
                } else if (pl.binding() instanceof ImportedDrop d) {
                    liveType(d.resolve(), new Type.Id(d.typeId()));
                }
            }
            for (WorldItem item : p.world().exports().values()) {
                if (item instanceof WorldItem.FunctionItem fi) {
                    liveFunction(p.resolve(), fi.function());
                } else if (item instanceof WorldItem.InterfaceItem ii) {
                    Interface iface = p.resolve().iface(ii.interfaceId());
                    iface.types().values().forEach(t -> liveType(p.resolve(), new Type.Id(t)));
                    iface.functions().values().forEach(f -> liveFunction(p.resolve(), f));
                }
            }
        }
        for (Part p : parts) {
            Set<Integer> live = liveTypes.getOrDefault(p.resolve(), Set.of());
            for (Map.Entry<WorldKey, WorldItem> e : p.world().imports().entrySet()) {
                if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                    for (Map.Entry<String, Integer> t : p.resolve().iface(ii.interfaceId()).types().entrySet()) {
                        if (live.contains(t.getValue())) {
                            usedTypes.computeIfAbsent(importName(p.resolve(), e.getKey()), k -> new HashSet<>()).add(t.getKey());
                        }
                    }
                }
            }
        }
    }

    private void liveFunction(Resolve r, Function f) {
        for (Function.Param param : f.params()) {
            liveType(r, param.type());
        }
        liveType(r, f.result());
        if (f.kind().resource() >= 0) {
            liveType(r, new Type.Id(f.kind().resource()));
        }
    }

    private void liveType(Resolve r, Type t) {
        if (!(t instanceof Type.Id id) || !liveTypes.computeIfAbsent(r, k -> new HashSet<>()).add(id.index())) {
            return;
        }
        TypeDefKind k = r.type(id.index()).kind();
        if (k instanceof TypeDefKind.Record rec) {
            rec.fields().forEach(f -> liveType(r, f.type()));
        } else if (k instanceof TypeDefKind.Variant v) {
            v.cases().forEach(c -> liveType(r, c.type()));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            tu.types().forEach(x -> liveType(r, x));
        } else if (k instanceof TypeDefKind.Handle h) {
            liveType(r, new Type.Id(h.resource()));
        } else if (k instanceof TypeDefKind.Option o) {
            liveType(r, o.type());
        } else if (k instanceof TypeDefKind.Result res) {
            liveType(r, res.ok());
            liveType(r, res.err());
        } else if (k instanceof TypeDefKind.ListOf l) {
            liveType(r, l.element());
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            liveType(r, l.element());
        } else if (k instanceof TypeDefKind.MapOf m) {
            liveType(r, m.key());
            liveType(r, m.value());
        } else if (k instanceof TypeDefKind.Future fu) {
            liveType(r, fu.type());
        } else if (k instanceof TypeDefKind.Stream st) {
            liveType(r, st.type());
        } else if (k instanceof TypeDefKind.Alias a) {
            liveType(r, a.target());
        }
    }

    private void imports() {
        for (Part p : parts) {
            for (Map.Entry<WorldKey, WorldItem> e : p.world().imports().entrySet()) {
                String name = importName(p.resolve(), e.getKey());
                WorldItem item = e.getValue();
                if (item instanceof WorldItem.InterfaceItem ii) {
                    Set<String> funcs = usedFunctions.getOrDefault(name, Set.of());
                    Set<String> types = usedTypes.getOrDefault(name, Set.of());
                    if (funcs.isEmpty() && types.isEmpty()) {
                        continue;
                    }
                    Integer known = importedInstances.get(name);
                    if (known == null) {
                        InstanceScope scope = new InstanceScope(p.resolve(), ii.interfaceId());
                        Interface iface = p.resolve().iface(ii.interfaceId());
                        for (Map.Entry<String, Integer> ty : iface.types().entrySet()) {
                            if (types.contains(ty.getKey())) {
                                scope.valType(p.resolve(), new Type.Id(ty.getValue()));
                            }
                        }
                        for (Map.Entry<String, Function> f : iface.functions().entrySet()) {
                            if (funcs.contains(f.getKey())) {
                                int ft = scope.funcType(p.resolve(), f.getValue());
                                scope.decls.add(new Declaration.Export(ExternName.of(f.getKey()), new ExternType.Func(ft)));
                            }
                        }
                        int type = out.type(new TypeDef.InstanceType(scope.decls));
                        known = out.importItem(externName(p.resolve(), e.getKey(), item), new ExternType.Instance(type));
                        importedInstances.put(name, known);
                    }
                    instanceOf.computeIfAbsent(p.resolve(), r -> new HashMap<>()).put(ii.interfaceId(), known);
                } else if (item instanceof WorldItem.FunctionItem fi) {
                    if (usedFunctions.containsKey(ROOT + name) && !importedFuncs.containsKey(ROOT + name)) {
                        int type = top.funcType(p.resolve(), fi.function());
                        importedFuncs.put(ROOT + name, out.importItem(ExternName.of(name), new ExternType.Func(type)));
                    }
                } else if (item instanceof WorldItem.TypeItem ti) {
                    if (liveTypes.getOrDefault(p.resolve(), Set.of()).contains(ti.typeId())
                            && top.known(p.resolve(), ti.typeId()) == null) {
                        ExternType.TypeBound bound = WitTypes.isResource(p.resolve(), ti.typeId())
                                ? new ExternType.TypeBound.SubResource()
                                : new ExternType.TypeBound.Eq(top.shapeIndex(p.resolve(), ti.typeId()));
                        top.bind(p.resolve(), ti.typeId(), out.importItem(ExternName.of(name), new ExternType.Type(bound)));
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ resources and instances

    /** Resource types this component defines: {@code (resource (rep i32) (dtor ...))}, the destructor through a slot. */
    private void exportedResources() {
        for (Part p : parts) {
            for (Map.Entry<WorldKey, WorldItem> e : p.world().exports().entrySet()) {
                if (!(e.getValue() instanceof WorldItem.InterfaceItem ii)) {
                    continue;
                }
                String name = importName(p.resolve(), e.getKey());
                for (Map.Entry<String, Integer> t : p.resolve().iface(ii.interfaceId()).types().entrySet()) {
                    if (!WitTypes.isResource(p.resolve(), t.getValue())) {
                        continue;
                    }
                    String dtorName = name + "#[dtor]" + t.getKey();
                    Optional<Integer> dtor = Optional.empty();
                    Optional<CoreWasm.Export> dtorExport = p.module().funcExport(dtorName);
                    if (dtorExport.isPresent()) {
                        checkType(p.describe() + " exports `" + dtorName + "`", dtorExport.get().type(), drop(), "a destructor");
                        dtor = Optional.of(dtorSlot(p, dtorName));
                    }
                    top.bind(p.resolve(), t.getValue(), out.type(new TypeDef.Resource(CoreType.NumType.I32, dtor)));
                }
            }
        }
    }

    /** The shim's trampoline for a destructor (the main module is not instantiated yet). */
    private int dtorSlot(Part p, String coreName) {
        Integer slot = dtorSlots.get(coreName);
        if (slot == null) {
            throw new IllegalStateException("unplanned destructor " + coreName);
        }
        return out.aliasCore(Sort.CORE_FUNC, shimInstance, Integer.toString(slot));
    }

    private final Map<String, Integer> dtorSlots = new HashMap<>();

    /** The core instances a part is instantiated with, one per imported module name. */
    private List<CoreInstance.Arg> importArgs(Part p) {
        Map<String, List<CoreInstance.Export>> byModule = new LinkedHashMap<>();
        for (Planned pl : plans.get(p)) {
            CoreSort sort = pl.binding() instanceof MainMemory ? CoreSort.MEMORY : CoreSort.FUNC;
            int index = pl.slot() >= 0 ? out.aliasCore(Sort.CORE_FUNC, shimInstance, Integer.toString(pl.slot()))
                    : direct(p, pl.binding());
            byModule.computeIfAbsent(pl.imp().module(), m -> new ArrayList<>())
                    .add(new CoreInstance.Export(pl.imp().name(), sort, index));
        }
        List<CoreInstance.Arg> args = new ArrayList<>();
        for (Map.Entry<String, List<CoreInstance.Export>> e : byModule.entrySet()) {
            args.add(new CoreInstance.Arg(e.getKey(), out.coreInstanceOf(e.getValue())));
        }
        return args;
    }

    /** The core function (or memory) for a binding that needs no slot, or a slot's real function. */
    private int direct(Part p, Binding b) {
        if (b instanceof Lowered l) {
            List<CanonOpt> opts = new ArrayList<>();
            if (l.abi().memory()) {
                opts.add(new CanonOpt.Memory(memory()));
            }
            if (l.abi().realloc()) {
                Part owner = reallocOwner(p);
                opts.add(new CanonOpt.Realloc(out.aliasCore(Sort.CORE_FUNC, coreInstances.get(owner), reallocName(owner))));
            }
            if (l.abi().strings()) {
                opts.add(p.encoding());
            }
            return out.lower(func(l), opts);
        } else if (b instanceof ImportedDrop d) {
            return out.resourceCanon(new Canon.ResourceDrop(top.index(d.resolve(), new Type.Id(d.typeId()))));
        } else if (b instanceof ExportedResource r) {
            int type = top.known(r.resolve(), r.typeId());
            return out.resourceCanon(switch (r.op()) {
                case "[resource-new]" -> new Canon.ResourceNew(type);
                case "[resource-rep]" -> new Canon.ResourceRep(type);
                default -> new Canon.ResourceDrop(type);
            });
        } else if (b instanceof AdapterExport a) {
            return out.aliasCore(Sort.CORE_FUNC, coreInstances.get(adapter(a.adapter())), a.name());
        } else if (b instanceof MainMemory) {
            return memory();
        } else if (b instanceof MainExport m) {
            return m.name().equals("cabi_realloc") ? adapterRealloc() : mainExport(m.name());
        }
        throw new IllegalStateException(String.valueOf(b));
    }

    /**
     * The {@code cabi_realloc} an adapter gets for its own state: the main module's
     * {@code cabi_realloc_adapter} if it has one, as wit-component does; for a reactor (it exports
     * {@code _initialize}) a page allocator instead, since the adapter allocates on the first WASI
     * call, which may come from {@code _initialize} itself, before the module's exports may run
     * (Go's do not), and for a module without {@code cabi_realloc} (wit-component's gc makes one on
     * {@code memory.grow} then too); else the main module's {@code cabi_realloc}.
     */
    private int adapterRealloc() {
        if (main.module().funcExport("cabi_realloc_adapter").isPresent()) {
            return mainExport("cabi_realloc_adapter");
        }
        if (main.module().funcExport("_initialize").isEmpty() && main.module().funcExport("cabi_realloc").isPresent()) {
            return mainExport("cabi_realloc");
        }
        if (pageAllocator < 0) {
            int args = out.coreInstanceOf(List.of(new CoreInstance.Export("memory", CoreSort.MEMORY, memory())));
            int inst = out.coreInstantiate(out.coreModule(CoreWasm.pageAllocator()), List.of(new CoreInstance.Arg("", args)));
            pageAllocator = out.aliasCore(Sort.CORE_FUNC, inst, "realloc");
        }
        return pageAllocator;
    }

    private int pageAllocator = -1;

    private int func(Lowered l) {
        if (l.instance().startsWith(ROOT)) {
            return importedFuncs.get(l.instance());
        }
        return out.aliasExport(Sort.FUNC, importedInstances.get(l.instance()), l.function().name());
    }

    private int memory() {
        if (mainMemory < 0) {
            mainMemory = out.aliasCore(Sort.CORE_MEMORY, coreInstances.get(main), "memory");
        }
        return mainMemory;
    }

    private int mainExport(String name) {
        return mainExports.computeIfAbsent(name, n -> out.aliasCore(Sort.CORE_FUNC, coreInstances.get(main), n));
    }

    /** Fills the shim's table with the real functions. */
    private void fixup() {
        if (slotTypes.isEmpty()) {
            return;
        }
        List<CoreInstance.Export> exports = new ArrayList<>();
        for (int i = 0; i < slotFillers.size(); i++) {
            Object filler = slotFillers.get(i);
            int index;
            if (filler instanceof String dtor) {
                Part owner = dtorOwners.get(dtor);
                index = out.aliasCore(Sort.CORE_FUNC, coreInstances.get(owner), dtor);
            } else {
                Object[] pb = (Object[]) filler;
                index = direct((Part) pb[0], (Binding) pb[1]);
            }
            exports.add(new CoreInstance.Export(Integer.toString(i), CoreSort.FUNC, index));
        }
        exports.add(new CoreInstance.Export("$imports", CoreSort.TABLE, out.aliasCore(Sort.CORE_TABLE, shimInstance, "$imports")));
        int args = out.coreInstanceOf(exports);
        out.coreInstantiate(out.coreModule(CoreWasm.fixup(slotTypes)), List.of(new CoreInstance.Arg("", args)));
    }

    private final Map<String, Part> dtorOwners = new HashMap<>();

    /** Destructors of exported resources get slots too (the resource type precedes the module instance). */
    private void planDestructors() {
        for (Part p : parts) {
            for (Map.Entry<WorldKey, WorldItem> e : p.world().exports().entrySet()) {
                if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                    String name = importName(p.resolve(), e.getKey());
                    for (Map.Entry<String, Integer> t : p.resolve().iface(ii.interfaceId()).types().entrySet()) {
                        String dtor = name + "#[dtor]" + t.getKey();
                        if (WitTypes.isResource(p.resolve(), t.getValue()) && p.module().funcExport(dtor).isPresent()) {
                            dtorSlots.put(dtor, slotTypes.size());
                            dtorOwners.put(dtor, p);
                            slotTypes.add(drop());
                            slotFillers.add(dtor);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ exports

    private void exports(Part p) {
        int instance = coreInstances.get(p);
        for (Map.Entry<WorldKey, WorldItem> e : p.world().exports().entrySet()) {
            String name = importName(p.resolve(), e.getKey());
            if (e.getValue() instanceof WorldItem.FunctionItem fi) {
                int f = lift(p, instance, fi.function().name(), fi.function());
                out.export(ExternName.of(name), Sort.FUNC, f, Optional.empty());
            } else if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                Interface iface = p.resolve().iface(ii.interfaceId());
                Map<String, Integer> lifted = new LinkedHashMap<>();
                for (Map.Entry<String, Function> f : iface.functions().entrySet()) {
                    lifted.put(f.getKey(), lift(p, instance, name + "#" + f.getKey(), f.getValue()));
                }
                ExportShim shim = new ExportShim(p.resolve(), ii.interfaceId(), top);
                Component c = shim.build(lifted.keySet());
                int component = out.nested(c);
                List<Instance.Arg> args = new ArrayList<>();
                for (Map.Entry<String, Integer> t : shim.typeArgs().entrySet()) {
                    args.add(new Instance.Arg(t.getKey(), new SortIndex(Sort.TYPE, t.getValue())));
                }
                for (Map.Entry<String, Integer> f : lifted.entrySet()) {
                    args.add(new Instance.Arg(shim.funcImport(f.getKey()), new SortIndex(Sort.FUNC, f.getValue())));
                }
                int inst = out.instantiate(component, args);
                out.export(externName(p.resolve(), e.getKey(), e.getValue()), Sort.INSTANCE, inst, Optional.empty());
            }
        }
    }

    private int lift(Part p, int instance, String coreName, Function f) {
        WitTypes.Abi abi = WitTypes.lift(p.resolve(), f);
        int type = top.funcType(p.resolve(), f);
        int core = out.aliasCore(Sort.CORE_FUNC, instance, coreName);
        List<CanonOpt> opts = new ArrayList<>();
        if (abi.memory()) {
            opts.add(new CanonOpt.Memory(memory()));
        }
        if (abi.realloc()) {
            opts.add(new CanonOpt.Realloc(out.aliasCore(Sort.CORE_FUNC, instance, "cabi_realloc")));
        }
        if (abi.strings()) {
            opts.add(p.encoding());
        }
        String post = "cabi_post_" + coreName;
        Optional<CoreWasm.Export> postExport = p.module().funcExport(post);
        if (postExport.isPresent()) {
            checkType(p.describe() + " exports `" + post + "`", postExport.get().type(),
                    new CoreWasm.FuncType(abi.core().results(), List.of()), "the post-return of `" + coreName + "`");
            opts.add(new CanonOpt.PostReturn(out.aliasCore(Sort.CORE_FUNC, instance, post)));
        }
        return out.lift(core, opts, type);
    }

    /** A reactor's {@code _initialize}: called by a start function once everything is linked. */
    private void initialize() {
        Optional<CoreWasm.Export> init = main.module().funcExport("_initialize");
        if (init.isEmpty()) {
            return;
        }
        checkType("the core module exports `_initialize`", init.get().type(),
                new CoreWasm.FuncType(List.of(), List.of()), "a reactor's initializer");
        int args = out.coreInstanceOf(List.of(new CoreInstance.Export("initialize", CoreSort.FUNC, mainExport("_initialize"))));
        out.coreInstantiate(out.coreModule(CoreWasm.starter()), List.of(new CoreInstance.Arg("", args)));
    }
}
