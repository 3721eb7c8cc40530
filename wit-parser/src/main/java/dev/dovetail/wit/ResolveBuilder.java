package dev.dovetail.wit;

import dev.dovetail.wit.Unresolved.DraftInterface;
import dev.dovetail.wit.Unresolved.DraftType;
import dev.dovetail.wit.Unresolved.DraftWorld;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link Resolve} under construction: packages are appended one by one in dependency order,
 * each one's ids remapped into the shared arenas, feature gates applied, includes merged and
 * worlds elaborated (wit-parser's {@code Remap::append} and {@code elaborate_world}).
 */
final class ResolveBuilder {
    private final Set<String> features;
    private final boolean allFeatures;

    final List<DraftType> types = new ArrayList<>();
    final List<DraftInterface> interfaces = new ArrayList<>();
    final List<DraftWorld> worlds = new ArrayList<>();
    final List<PackageDraft> packages = new ArrayList<>();
    final Map<PackageName, Integer> packageNames = new LinkedHashMap<>();

    static final class PackageDraft {
        final PackageName name;
        final Docs docs;
        final LinkedHashMap<String, Integer> interfaces = new LinkedHashMap<>();
        final LinkedHashMap<String, Integer> worlds = new LinkedHashMap<>();

        PackageDraft(PackageName name, Docs docs) {
            this.name = name;
            this.docs = docs;
        }
    }

    ResolveBuilder(Set<String> features, boolean allFeatures) {
        this.features = features;
        this.allFeatures = allFeatures;
    }

    Resolve build() {
        List<World> w = new ArrayList<>();
        for (DraftWorld d : worlds) {
            w.add(d.freeze());
        }
        List<Interface> i = new ArrayList<>();
        for (DraftInterface d : interfaces) {
            i.add(d.freeze());
        }
        List<TypeDef> t = new ArrayList<>();
        for (DraftType d : types) {
            t.add(d.freeze());
        }
        List<Package> p = new ArrayList<>();
        for (PackageDraft d : packages) {
            p.add(new Package(d.name, d.docs, d.interfaces, d.worlds));
        }
        return new Resolve(w, i, t, p);
    }

    int append(Unresolved unresolved) {
        return new Remap().append(unresolved);
    }

    // ------------------------------------------------------------------ feature gates

    /** Whether an item with this stability is part of the resolved package. */
    private boolean includeStability(Stability stability, int pkgId, Span span) {
        if (stability instanceof Stability.Unknown) {
            return true;
        }
        if (stability instanceof Stability.Stable s) {
            PackageName name = packages.get(pkgId).name;
            if (name.version() == null) {
                throw error(span, "package [" + name + "] contains a feature gate with a version specifier, so it must have a version");
            }
            if (Semver.compare(s.since(), name.version()) > 0) {
                throw error(span, "feature gate cannot reference unreleased version " + s.since() + " of package ["
                        + name + "] (current version " + name.version() + ")");
            }
            return true;
        }
        Stability.Unstable u = (Stability.Unstable) stability;
        return allFeatures || features.contains(u.feature());
    }

    private static WitException error(Span span, String message) {
        return span == null ? new WitException(message, null) : span.error(message);
    }

    // ------------------------------------------------------------------ elaboration

    /** The interface that a type alias refers into, when it is owned by a different item. */
    Integer typeInterfaceDep(int id) {
        DraftType ty = types.get(id);
        if (!(ty.kind instanceof TypeDefKind.Alias a) || !(a.target() instanceof Type.Id dep)) {
            return null;
        }
        DraftType other = types.get(dep.index());
        if (ty.owner.equals(other.owner)) {
            return null;
        }
        return other.owner instanceof TypeOwner.OfInterface oi ? oi.interfaceId() : null;
    }

    List<Integer> interfaceDirectDeps(int id) {
        List<Integer> deps = new ArrayList<>();
        for (int ty : interfaces.get(id).types.values()) {
            Integer dep = typeInterfaceDep(ty);
            if (dep != null) {
                deps.add(dep);
            }
        }
        return deps;
    }

    private int sortKey(WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem) {
            return 0;
        }
        if (item instanceof WorldItem.TypeItem t) {
            DraftType ty = types.get(t.typeId());
            if (ty.kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id target
                    && !types.get(target.index()).owner.equals(ty.owner)) {
                return 1;
            }
            return 2;
        }
        Function f = ((WorldItem.FunctionItem) item).function();
        return f.kind().resource() < 0 ? 3 : 4;
    }

    private LinkedHashMap<WorldKey, WorldItem> sortedByKey(Map<WorldKey, WorldItem> items) {
        List<Map.Entry<WorldKey, WorldItem>> entries = new ArrayList<>(items.entrySet());
        // List.sort is stable, as the elaboration requires
        entries.sort((a, b) -> Integer.compare(sortKey(a.getValue()), sortKey(b.getValue())));
        LinkedHashMap<WorldKey, WorldItem> out = new LinkedHashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : entries) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Lists every interface the world's imports and exports need, in dependency order. */
    private void elaborateWorld(int worldId, Span span) {
        DraftWorld world = worlds.get(worldId);
        LinkedHashMap<WorldKey, WorldItem> newImports = new LinkedHashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : sortedByKey(world.imports).entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.InterfaceItem ii) {
                elaborateImport(newImports, e.getKey(), ii.interfaceId(), ii.stability());
            } else if (item instanceof WorldItem.FunctionItem) {
                newImports.put(e.getKey(), item);
            } else {
                int typeId = ((WorldItem.TypeItem) item).typeId();
                Integer dep = typeInterfaceDep(typeId);
                if (dep != null) {
                    elaborateImport(newImports, new WorldKey.InterfaceRef(dep), dep, types.get(typeId).stability);
                }
                newImports.put(e.getKey(), item);
            }
        }
        LinkedHashMap<WorldKey, WorldItem> newExports = new LinkedHashMap<>();
        LinkedHashMap<Integer, ExportedInterface> exportInterfaces = new LinkedHashMap<>();
        for (Map.Entry<WorldKey, WorldItem> e : world.exports.entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                exportInterfaces.put(ii.interfaceId(), new ExportedInterface(e.getKey(), ii.stability()));
            } else {
                newExports.put(e.getKey(), e.getValue());
            }
        }
        Set<Integer> requiredImports = new HashSet<>();
        for (Map.Entry<Integer, ExportedInterface> e : exportInterfaces.entrySet()) {
            WorldKey key = e.getValue().key();
            Stability stability = e.getValue().stability();
            if (!addWorldExport(newImports, newExports, exportInterfaces, requiredImports, e.getKey(), key, true, stability)) {
                String name = key instanceof WorldKey.Name n ? n.name() : interfaceName(((WorldKey.InterfaceRef) key).interfaceId());
                throw error(span, "failed to elaborate world imports/exports of `" + world.name + "`: interface `"
                        + name + "` transitively depends on an interface in incompatible ways");
            }
        }
        world.imports = sortedByKey(newImports);
        world.exports = newExports;
    }

    private record ExportedInterface(WorldKey key, Stability stability) {}

    private String interfaceName(int id) {
        DraftInterface iface = interfaces.get(id);
        if (iface.name == null || iface.packageId == null) {
            return iface.name == null ? "<anonymous>" : iface.name;
        }
        PackageName pkg = packages.get(iface.packageId).name;
        return pkg.withoutVersion() + "/" + iface.name + (pkg.version() == null ? "" : "@" + pkg.version());
    }

    private void elaborateImport(LinkedHashMap<WorldKey, WorldItem> imports, WorldKey key, int id, Stability stability) {
        if (imports.containsKey(key)) {
            return;
        }
        for (int dep : interfaceDirectDeps(id)) {
            elaborateImport(imports, new WorldKey.InterfaceRef(dep), dep, stability);
        }
        imports.put(key, new WorldItem.InterfaceItem(id, stability));
    }

    private boolean addWorldExport(
            LinkedHashMap<WorldKey, WorldItem> imports,
            LinkedHashMap<WorldKey, WorldItem> exports,
            LinkedHashMap<Integer, ExportedInterface> exportInterfaces,
            Set<Integer> requiredImports,
            int id,
            WorldKey key,
            boolean addExport,
            Stability stability) {
        if (exports.containsKey(key)) {
            return addExport;
        }
        if (!addExport && requiredImports.contains(id)) {
            return true;
        }
        for (int dep : interfaceDirectDeps(id)) {
            boolean depExport = addExport && exportInterfaces.containsKey(dep);
            if (!addWorldExport(imports, exports, exportInterfaces, requiredImports, dep,
                    new WorldKey.InterfaceRef(dep), depExport, stability)) {
                return false;
            }
        }
        WorldItem item = new WorldItem.InterfaceItem(id, stability);
        if (addExport) {
            if (requiredImports.contains(id)) {
                return false;
            }
            exports.put(key, item);
        } else {
            requiredImports.add(id);
            imports.put(key, item);
        }
        return true;
    }

    // ------------------------------------------------------------------ remapping one package

    /** Maps the ids of one unresolved package onto this resolve's arenas; null marks gated-out items. */
    private final class Remap {
        final List<Integer> typeMap = new ArrayList<>();
        final List<Integer> interfaceMap = new ArrayList<>();
        final List<Integer> worldMap = new ArrayList<>();
        final Map<Integer, Integer> ownHandles = new HashMap<>();
        final Map<Integer, Boolean> hasBorrow = new HashMap<>();

        private int apply(List<Integer> map, int id, String desc, Span span) {
            Integer mapped = map.get(id);
            if (mapped == null) {
                throw error(span, "found a reference to a " + desc + " which is excluded due to its feature not being activated");
            }
            return mapped;
        }

        int mapType(int id, Span span) {
            return apply(typeMap, id, "type", span);
        }

        int mapInterface(int id, Span span) {
            return apply(interfaceMap, id, "interface", span);
        }

        int mapWorld(int id, Span span) {
            return apply(worldMap, id, "world", span);
        }

        int append(Unresolved u) {
            int pkgId = packages.size();
            if (packageNames.containsKey(u.name)) {
                throw new WitException("attempting to re-add package `" + u.name + "` when it's already present in this `Resolve`", null);
            }
            packages.add(new PackageDraft(u.name, u.docs));
            packageNames.put(u.name, pkgId);

            processForeignDeps(u, pkgId);

            int foreignTypes = typeMap.size();
            int foreignInterfaces = interfaceMap.size();
            int foreignWorlds = worldMap.size();

            for (int i = foreignTypes; i < u.types.size(); i++) {
                DraftType ty = u.types.get(i).copy();
                Span span = u.typeSpans.get(i);
                if (!includeType(ty, pkgId, span)) {
                    typeMap.add(null);
                    continue;
                }
                updateTypeDef(ty, span, u.memberSpans.get(i));
                types.add(ty);
                int newId = types.size() - 1;
                if (ty.name == null && ty.owner instanceof TypeOwner.None
                        && ty.kind instanceof TypeDefKind.Handle h && !h.borrow()) {
                    newId = ownHandles.computeIfAbsent(h.resource(), k -> types.size() - 1);
                }
                typeMap.add(newId);
            }

            for (int i = foreignInterfaces; i < u.interfaces.size(); i++) {
                DraftInterface iface = copy(u.interfaces.get(i));
                Unresolved.InterfaceSpan span = u.interfaceSpans.get(i);
                if (!includeStability(iface.stability, pkgId, span.span)) {
                    interfaceMap.add(null);
                    continue;
                }
                iface.packageId = pkgId;
                updateInterface(iface, span);
                interfaces.add(iface);
                interfaceMap.add(interfaces.size() - 1);
            }

            for (int i = foreignTypes; i < typeMap.size(); i++) {
                Integer id = typeMap.get(i);
                if (id == null) {
                    continue;
                }
                DraftType ty = types.get(id);
                if (ty.owner instanceof TypeOwner.OfInterface oi) {
                    Integer mapped = interfaceMap.get(oi.interfaceId());
                    if (mapped == null) {
                        throw error(u.typeSpans.get(i), "found a reference to a interface which is excluded due to its feature not being activated");
                    }
                    ty.owner = new TypeOwner.OfInterface(mapped);
                }
            }

            for (int i = foreignWorlds; i < u.worlds.size(); i++) {
                DraftWorld world = copy(u.worlds.get(i));
                Unresolved.WorldSpan span = u.worldSpans.get(i);
                if (!includeStability(world.stability, pkgId, span.span)) {
                    worldMap.add(null);
                    continue;
                }
                updateWorld(world, pkgId, span);
                worlds.add(world);
                worldMap.add(worlds.size() - 1);
            }

            for (int i = foreignTypes; i < typeMap.size(); i++) {
                Integer id = typeMap.get(i);
                if (id == null) {
                    continue;
                }
                DraftType ty = types.get(id);
                if (ty.owner instanceof TypeOwner.OfWorld ow) {
                    Integer mapped = worldMap.get(ow.worldId());
                    if (mapped == null) {
                        throw error(u.typeSpans.get(i), "found a reference to a world which is excluded due to its feature not being activated");
                    }
                    ty.owner = new TypeOwner.OfWorld(mapped);
                }
            }

            for (int i = foreignWorlds; i < worldMap.size(); i++) {
                Integer id = worldMap.get(i);
                if (id == null) {
                    continue;
                }
                Unresolved.WorldSpan span = u.worldSpans.get(i);
                processWorldIncludes(id, pkgId, span);
                elaborateWorld(id, span.span);
            }

            for (int i = foreignInterfaces; i < interfaceMap.size(); i++) {
                Integer id = interfaceMap.get(i);
                if (id == null) {
                    continue;
                }
                DraftInterface iface = interfaces.get(id);
                iface.packageId = pkgId;
                if (iface.name != null) {
                    packages.get(pkgId).interfaces.put(iface.name, id);
                }
            }
            for (int i = foreignWorlds; i < worldMap.size(); i++) {
                Integer id = worldMap.get(i);
                if (id == null) {
                    continue;
                }
                DraftWorld world = worlds.get(id);
                world.packageId = pkgId;
                packages.get(pkgId).worlds.put(world.name, id);
            }
            return pkgId;
        }

        private DraftInterface copy(DraftInterface from) {
            DraftInterface to = new DraftInterface();
            to.name = from.name;
            to.types = new LinkedHashMap<>(from.types);
            to.functions = new LinkedHashMap<>(from.functions);
            to.docs = from.docs;
            to.stability = from.stability;
            to.packageId = from.packageId;
            return to;
        }

        private DraftWorld copy(DraftWorld from) {
            DraftWorld to = new DraftWorld();
            to.name = from.name;
            to.imports = new LinkedHashMap<>(from.imports);
            to.exports = new LinkedHashMap<>(from.exports);
            to.packageId = from.packageId;
            to.docs = from.docs;
            to.stability = from.stability;
            to.includeStabilities = new ArrayList<>(from.includeStabilities);
            to.includes = new ArrayList<>(from.includes);
            to.includeNames = new ArrayList<>(from.includeNames);
            return to;
        }

        private boolean includeType(DraftType ty, int pkgId, Span span) {
            return includeStability(ty.stability, pkgId, span);
        }

        /** Where a foreign interface or world of the package comes from. */
        private record ForeignRef(PackageName pkg, String name, Span pkgSpan, List<Stability> stabilities) {}

        private void processForeignDeps(Unresolved u, int pkgId) {
            Map<Integer, ForeignRef> interfaceToPackage = new HashMap<>();
            Map<Integer, ForeignRef> worldToPackage = new HashMap<>();
            int i = 0;
            for (Map.Entry<PackageName, LinkedHashMap<String, Unresolved.ForeignDep>> e : u.foreignDeps.entrySet()) {
                Span span = u.foreignDepSpans.get(i++);
                for (Map.Entry<String, Unresolved.ForeignDep> d : e.getValue().entrySet()) {
                    ForeignRef ref = new ForeignRef(e.getKey(), d.getKey(), span, d.getValue().stabilities);
                    (d.getValue().item.world() ? worldToPackage : interfaceToPackage).put(d.getValue().item.id(), ref);
                }
            }
            // foreign interfaces and worlds come first in their arenas
            for (int id = 0; id < u.interfaces.size() && interfaceToPackage.containsKey(id); id++) {
                ForeignRef ref = interfaceToPackage.get(id);
                Span span = u.interfaceSpans.get(id).span;
                PackageDraft pkg = foreignPackage(ref);
                if (!anyIncluded(ref, pkgId, span)) {
                    interfaceMap.add(null);
                    continue;
                }
                Integer ifaceId = pkg.interfaces.get(ref.name());
                if (ifaceId == null) {
                    throw span.error("interface '" + ref.name() + "' not found in package '" + ref.pkg() + "'");
                }
                interfaceMap.add(ifaceId);
            }
            for (int id = 0; id < u.worlds.size() && worldToPackage.containsKey(id); id++) {
                ForeignRef ref = worldToPackage.get(id);
                Span span = u.worldSpans.get(id).span;
                PackageDraft pkg = foreignPackage(ref);
                if (!anyIncluded(ref, pkgId, span)) {
                    worldMap.add(null);
                    continue;
                }
                Integer worldId = pkg.worlds.get(ref.name());
                if (worldId == null) {
                    throw span.error("world '" + ref.name() + "' not found in package '" + ref.pkg() + "'");
                }
                worldMap.add(worldId);
            }
            for (int id = 0; id < u.types.size() && u.types.get(id).kind instanceof TypeDefKind.Unknown; id++) {
                DraftType ty = u.types.get(id);
                if (!includeType(ty, pkgId, u.typeSpans.get(id))) {
                    typeMap.add(null);
                    continue;
                }
                int ifaceId = mapInterface(((TypeOwner.OfInterface) ty.owner).interfaceId(), null);
                Integer typeId = interfaces.get(ifaceId).types.get(ty.name);
                if (typeId == null) {
                    throw u.unknownTypeSpans.get(id).error("type `" + ty.name + "` not defined in interface");
                }
                typeMap.add(typeId);
            }
            for (Unresolved.TypeAt required : u.requiredResourceTypes) {
                Integer mapped = required.type() < typeMap.size() ? typeMap.get(required.type()) : null;
                if (mapped == null) {
                    // gated out: any use of it is reported on its own
                    continue;
                }
                int id = mapped;
                while (types.get(id).kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id t) {
                    id = t.index();
                }
                if (!(types.get(id).kind instanceof TypeDefKind.Resource)) {
                    throw required.span().error("type used in a handle must be a resource");
                }
            }
        }

        private PackageDraft foreignPackage(ForeignRef ref) {
            Integer depPkg = packageNames.get(ref.pkg());
            if (depPkg == null) {
                throw packageNotFound(ref.pkgSpan(), ref.pkg());
            }
            return packages.get(depPkg);
        }

        private boolean anyIncluded(ForeignRef ref, int pkgId, Span span) {
            for (Stability s : ref.stabilities()) {
                if (includeStability(s, pkgId, span)) {
                    return true;
                }
            }
            return false;
        }

        private WitException packageNotFound(Span span, PackageName name) {
            StringBuilder msg = new StringBuilder("package '" + name + "' not found.");
            List<String> known = new ArrayList<>();
            for (PackageName known1 : packageNames.keySet()) {
                known.add(known1.toString());
            }
            if (known.isEmpty()) {
                msg.append(" no known packages.");
            } else {
                msg.append(" known packages:");
                for (String k : known) {
                    msg.append("\n    ").append(k);
                }
            }
            return span.error(msg.toString());
        }

        private void updateTypeDef(DraftType ty, Span span, List<Span> memberSpans) {
            TypeDefKind kind = ty.kind;
            // errors in a field or case point at that field or case
            if (memberSpans != null && kind instanceof TypeDefKind.Record r) {
                List<TypeDefKind.Field> fields = new ArrayList<>();
                for (int i = 0; i < r.fields().size(); i++) {
                    TypeDefKind.Field f = r.fields().get(i);
                    fields.add(new TypeDefKind.Field(f.name(), updateTy(f.type(), memberSpans.get(i)), f.docs()));
                }
                ty.kind = new TypeDefKind.Record(fields);
                return;
            }
            if (memberSpans != null && kind instanceof TypeDefKind.Variant v) {
                List<TypeDefKind.Case> cases = new ArrayList<>();
                for (int i = 0; i < v.cases().size(); i++) {
                    TypeDefKind.Case c = v.cases().get(i);
                    Type t = c.type() == null ? null : updateTy(c.type(), memberSpans.get(i));
                    cases.add(new TypeDefKind.Case(c.name(), t, c.docs()));
                }
                ty.kind = new TypeDefKind.Variant(cases);
                return;
            }
            if (kind instanceof TypeDefKind.Handle h) {
                ty.kind = new TypeDefKind.Handle(h.borrow(), mapType(h.resource(), span));
            } else if (kind instanceof TypeDefKind.Alias a) {
                if (a.target() instanceof Type.Id id) {
                    ty.kind = new TypeDefKind.Alias(new Type.Id(mapType(id.index(), span)));
                }
            } else {
                ty.kind = mapTypes(kind, t -> updateTy(t, span));
            }
        }

        /** Maps a value-position type; a reference to a resource becomes an {@code own<T>} handle. */
        private Type updateTy(Type ty, Span span) {
            if (!(ty instanceof Type.Id id)) {
                return ty;
            }
            int mapped = mapType(id.index(), span);
            int cur = mapped;
            boolean resource;
            while (true) {
                TypeDefKind kind = types.get(cur).kind;
                if (kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id t) {
                    cur = t.index();
                } else {
                    resource = kind instanceof TypeDefKind.Resource;
                    break;
                }
            }
            if (resource) {
                Integer own = ownHandles.get(mapped);
                if (own == null) {
                    types.add(new DraftType(null, new TypeDefKind.Handle(false, mapped), TypeOwner.NONE, Docs.NONE, Stability.UNKNOWN));
                    own = types.size() - 1;
                    ownHandles.put(mapped, own);
                }
                return new Type.Id(own);
            }
            return new Type.Id(mapped);
        }

        private void updateInterface(DraftInterface iface, Unresolved.InterfaceSpan spans) {
            iface.types.entrySet().removeIf(e -> typeMap.get(e.getValue()) == null);
            for (Map.Entry<String, Integer> e : iface.types.entrySet()) {
                e.setValue(mapType(e.getValue(), spans.span));
            }
            LinkedHashMap<String, Function> functions = new LinkedHashMap<>();
            int i = 0;
            for (Map.Entry<String, Function> e : iface.functions.entrySet()) {
                Span span = spans.funcs.get(i++);
                if (!includeStability(e.getValue().stability(), iface.packageId, span)) {
                    continue;
                }
                functions.put(e.getKey(), updateFunction(e.getValue(), span));
            }
            iface.functions = functions;
        }

        private Function updateFunction(Function f, Span span) {
            Function.Kind kind = f.kind();
            if (kind.resource() >= 0) {
                kind = new Function.Kind(kind.shape(), mapType(kind.resource(), span), kind.async());
            }
            List<Function.Param> params = new ArrayList<>();
            for (Function.Param p : f.params()) {
                params.add(new Function.Param(p.name(), updateTy(p.type(), span)));
            }
            Type result = f.result() == null ? null : updateTy(f.result(), span);
            if (result != null && typeHasBorrow(result)) {
                String name = f.name();
                throw error(span, "function `" + name + "` returns a type which contains a `borrow<T>` which is not supported");
            }
            return new Function(f.name(), kind, params, result, f.docs(), f.stability());
        }

        private boolean typeHasBorrow(Type ty) {
            if (!(ty instanceof Type.Id id)) {
                return false;
            }
            Boolean cached = hasBorrow.get(id.index());
            if (cached != null) {
                return cached;
            }
            TypeDefKind kind = types.get(id.index()).kind;
            boolean result;
            if (kind instanceof TypeDefKind.Handle h) {
                result = h.borrow();
            } else {
                boolean[] any = {false};
                mapTypes(kind, t -> {
                    any[0] |= typeHasBorrow(t);
                    return t;
                });
                if (kind instanceof TypeDefKind.Alias a) {
                    any[0] |= typeHasBorrow(a.target());
                }
                result = any[0];
            }
            hasBorrow.put(id.index(), result);
            return result;
        }

        private void updateWorld(DraftWorld world, int pkgId, Unresolved.WorldSpan spans) {
            List<Map.Entry<WorldKey, WorldItem>> imports = new ArrayList<>(world.imports.entrySet());
            List<Map.Entry<WorldKey, WorldItem>> exports = new ArrayList<>(world.exports.entrySet());
            world.imports = new LinkedHashMap<>();
            world.exports = new LinkedHashMap<>();
            for (int pass = 0; pass < 2; pass++) {
                boolean isImport = pass == 0;
                List<Map.Entry<WorldKey, WorldItem>> entries = isImport ? imports : exports;
                List<Span> spanList = isImport ? spans.imports : spans.exports;
                for (int i = 0; i < entries.size(); i++) {
                    Span span = spanList.get(i);
                    WorldKey key = entries.get(i).getKey();
                    WorldItem item = entries.get(i).getValue();
                    if (item instanceof WorldItem.TypeItem t) {
                        item = new WorldItem.TypeItem(mapType(t.typeId(), span));
                    }
                    Stability stability = itemStability(item);
                    if (!includeStability(stability, pkgId, span)) {
                        continue;
                    }
                    if (key instanceof WorldKey.InterfaceRef ref) {
                        key = new WorldKey.InterfaceRef(mapInterface(ref.interfaceId(), span));
                    }
                    if (item instanceof WorldItem.InterfaceItem ii) {
                        item = new WorldItem.InterfaceItem(mapInterface(ii.interfaceId(), span), ii.stability());
                    } else if (item instanceof WorldItem.FunctionItem fi) {
                        item = new WorldItem.FunctionItem(updateFunction(fi.function(), span));
                    }
                    (isImport ? world.imports : world.exports).put(key, item);
                }
            }
        }

        private Stability itemStability(WorldItem item) {
            if (item instanceof WorldItem.InterfaceItem ii) {
                return ii.stability();
            } else if (item instanceof WorldItem.FunctionItem fi) {
                return fi.function().stability();
            }
            return types.get(((WorldItem.TypeItem) item).typeId()).stability;
        }

        private void processWorldIncludes(int id, int pkgId, Unresolved.WorldSpan spans) {
            DraftWorld world = worlds.get(id);
            List<Integer> includes = world.includes;
            List<Stability> stabilities = world.includeStabilities;
            List<List<Unresolved.IncludeName>> names = world.includeNames;
            world.includes = new ArrayList<>();
            world.includeStabilities = new ArrayList<>();
            world.includeNames = new ArrayList<>();
            for (int i = 0; i < includes.size(); i++) {
                Span span = spans.includes.get(i);
                if (!includeStability(stabilities.get(i), pkgId, span)) {
                    continue;
                }
                resolveInclude(id, includes.get(i), names.get(i), span, pkgId);
            }
            validateCaseInsensitive(id, spans.span);
        }

        private void validateCaseInsensitive(int worldId, Span span) {
            DraftWorld world = worlds.get(worldId);
            checkNames(world.imports, "import", world.name, span);
            checkNames(world.exports, "export", world.name, span);
        }

        private void checkNames(Map<WorldKey, WorldItem> items, String what, String worldName, Span span) {
            Map<String, String> seen = new HashMap<>();
            for (WorldKey key : items.keySet()) {
                if (key instanceof WorldKey.Name n) {
                    String lower = n.name().toLowerCase(java.util.Locale.ROOT);
                    String existing = seen.get(lower);
                    if (existing != null && !existing.equals(n.name())) {
                        throw error(span, what + " `" + n.name() + "` in world `" + worldName + "` conflicts with "
                                + what + " `" + existing + "` (kebab-case identifiers are case-insensitive)");
                    }
                    seen.put(lower, n.name());
                }
            }
        }

        private void resolveInclude(int id, int includeOrig, List<Unresolved.IncludeName> names, Span span, int pkgId) {
            int includeId = mapWorld(includeOrig, span);
            DraftWorld world = worlds.get(id);
            DraftWorld include = worlds.get(includeId);
            boolean external = !java.util.Objects.equals(world.packageId, include.packageId);
            List<Unresolved.IncludeName> unmatched = new ArrayList<>(names);
            for (WorldKey key : include.imports.keySet()) {
                removeMatching(key, unmatched);
            }
            for (WorldKey key : include.exports.keySet()) {
                removeMatching(key, unmatched);
            }
            if (!unmatched.isEmpty()) {
                throw span.error("no import or export kebab-name `" + unmatched.get(0).name()
                        + "`. Note that an ID does not support renaming");
            }
            Cloner cloner = new Cloner(new TypeOwner.OfWorld(includeId), new TypeOwner.OfWorld(id), pkgId);
            for (Map.Entry<WorldKey, WorldItem> e : new ArrayList<>(include.imports.entrySet())) {
                includeItem(cloner, names, worlds.get(id).imports, e.getKey(), e.getValue(), span, "import", external);
            }
            for (Map.Entry<WorldKey, WorldItem> e : new ArrayList<>(include.exports.entrySet())) {
                includeItem(cloner, names, worlds.get(id).exports, e.getKey(), e.getValue(), span, "export", external);
            }
        }

        private void includeItem(Cloner cloner, List<Unresolved.IncludeName> names, LinkedHashMap<WorldKey, WorldItem> into,
                WorldKey key, WorldItem item, Span span, String what, boolean external) {
            if (key instanceof WorldKey.Name n) {
                String name = n.name();
                for (Unresolved.IncludeName in : names) {
                    String renamed = rename(n.name(), in);
                    if (renamed != null) {
                        name = renamed;
                        break;
                    }
                }
                WorldItem newItem = cloner.worldItem(item);
                if (newItem instanceof WorldItem.FunctionItem fi) {
                    Function f = fi.function();
                    newItem = new WorldItem.FunctionItem(new Function(name, f.kind(), f.params(), f.result(), f.docs(), f.stability()));
                } else if (newItem instanceof WorldItem.TypeItem ti) {
                    types.get(ti.typeId()).name = name;
                }
                WorldKey newKey = new WorldKey.Name(name);
                if (into.containsKey(newKey)) {
                    throw span.error(what + " of `" + name + "` shadows previously " + what + "ed items");
                }
                into.put(newKey, newItem);
            } else {
                WorldItem prev = into.get(key);
                if (prev == null) {
                    into.put(key, item);
                    prev = item;
                }
                Stability from = ((WorldItem.InterfaceItem) item).stability();
                WorldItem.InterfaceItem existing = (WorldItem.InterfaceItem) prev;
                Stability merged = mergeIncludeStability(from, existing.stability(), external, span);
                into.put(key, new WorldItem.InterfaceItem(existing.interfaceId(), merged));
            }
        }

        private Stability mergeIncludeStability(Stability from, Stability into, boolean external, Span span) {
            if (external && from instanceof Stability.Stable) {
                return Stability.UNKNOWN;
            }
            if (from.equals(into) || from instanceof Stability.Unknown) {
                return into;
            }
            if (into instanceof Stability.Unknown) {
                return from;
            }
            throw span.error("mismatch in stability from '" + from + "' to '" + into + "'");
        }

        private void removeMatching(WorldKey key, List<Unresolved.IncludeName> names) {
            if (key instanceof WorldKey.Name n) {
                names.removeIf(in -> rename(n.name(), in) != null);
            }
        }
    }

    /** The new name of {@code original} under {@code include ... with { name as as }}, or null. */
    static String rename(String original, Unresolved.IncludeName in) {
        if (original.equals(in.name())) {
            return in.as();
        }
        int bracket = original.indexOf(']');
        if (bracket < 0) {
            return null;
        }
        String kind = original.substring(0, bracket);
        String rest = original.substring(bracket + 1);
        int dot = rest.indexOf('.');
        if (dot >= 0 && rest.substring(0, dot).equals(in.name())) {
            return kind + "]" + in.as() + "." + rest.substring(dot + 1);
        }
        if (rest.equals(in.name())) {
            return kind + "]" + in.as();
        }
        return null;
    }

    /** Deep-copies world-owned items when one world includes another (wit-parser's Cloner). */
    private final class Cloner {
        final TypeOwner prevOwner;
        final TypeOwner newOwner;
        final Integer newPackage;
        final Map<Integer, Integer> cloned = new HashMap<>();

        Cloner(TypeOwner prevOwner, TypeOwner newOwner, Integer newPackage) {
            this.prevOwner = prevOwner;
            this.newOwner = newOwner;
            this.newPackage = newPackage;
        }

        WorldItem worldItem(WorldItem item) {
            if (item instanceof WorldItem.TypeItem t) {
                return new WorldItem.TypeItem(typeId(t.typeId()));
            } else if (item instanceof WorldItem.FunctionItem f) {
                return new WorldItem.FunctionItem(function(f.function()));
            }
            WorldItem.InterfaceItem ii = (WorldItem.InterfaceItem) item;
            return new WorldItem.InterfaceItem(iface(ii.interfaceId()), ii.stability());
        }

        int typeId(int id) {
            Integer done = cloned.get(id);
            if (done != null) {
                return done;
            }
            DraftType copy = types.get(id).copy();
            typeDef(copy);
            types.add(copy);
            int newId = types.size() - 1;
            cloned.put(id, newId);
            return newId;
        }

        private void typeDef(DraftType def) {
            if (!(def.owner instanceof TypeOwner.None)) {
                def.owner = newOwner;
            }
            TypeDefKind kind = def.kind;
            if (kind instanceof TypeDefKind.Alias a) {
                if (a.target() instanceof Type.Id target && types.get(target.index()).owner.equals(prevOwner)) {
                    def.kind = new TypeDefKind.Alias(new Type.Id(typeId(target.index())));
                }
            } else if (kind instanceof TypeDefKind.Handle h) {
                def.kind = new TypeDefKind.Handle(h.borrow(), typeId(h.resource()));
            } else {
                def.kind = mapTypes(kind, this::ty);
            }
        }

        private Type ty(Type t) {
            return t instanceof Type.Id id ? new Type.Id(typeId(id.index())) : t;
        }

        Function function(Function f) {
            Function.Kind kind = f.kind();
            if (kind.resource() >= 0) {
                kind = new Function.Kind(kind.shape(), typeId(kind.resource()), kind.async());
            }
            List<Function.Param> params = new ArrayList<>();
            for (Function.Param p : f.params()) {
                params.add(new Function.Param(p.name(), ty(p.type())));
            }
            return new Function(f.name(), kind, params, f.result() == null ? null : ty(f.result()), f.docs(), f.stability());
        }

        int iface(int id) {
            DraftInterface from = interfaces.get(id);
            DraftInterface copy = new DraftInterface();
            int nextId = interfaces.size();
            Cloner inner = new Cloner(new TypeOwner.OfInterface(id), new TypeOwner.OfInterface(nextId), null);
            copy.name = from.name;
            copy.docs = from.docs;
            copy.stability = from.stability;
            for (Map.Entry<String, Integer> e : from.types.entrySet()) {
                copy.types.put(e.getKey(), inner.typeId(e.getValue()));
            }
            for (Map.Entry<String, Function> e : from.functions.entrySet()) {
                copy.functions.put(e.getKey(), inner.function(e.getValue()));
            }
            copy.packageId = newPackage;
            interfaces.add(copy);
            return interfaces.size() - 1;
        }
    }

    /** Applies {@code f} to every type directly inside a composite kind (not aliases or handles). */
    static TypeDefKind mapTypes(TypeDefKind kind, UnaryOperator<Type> f) {
        if (kind instanceof TypeDefKind.Record r) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            for (TypeDefKind.Field field : r.fields()) {
                fields.add(new TypeDefKind.Field(field.name(), f.apply(field.type()), field.docs()));
            }
            return new TypeDefKind.Record(fields);
        } else if (kind instanceof TypeDefKind.Tuple t) {
            List<Type> ts = new ArrayList<>();
            for (Type ty : t.types()) {
                ts.add(f.apply(ty));
            }
            return new TypeDefKind.Tuple(ts);
        } else if (kind instanceof TypeDefKind.Variant v) {
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : f.apply(c.type()), c.docs()));
            }
            return new TypeDefKind.Variant(cases);
        } else if (kind instanceof TypeDefKind.Option o) {
            return new TypeDefKind.Option(f.apply(o.type()));
        } else if (kind instanceof TypeDefKind.ListOf l) {
            return new TypeDefKind.ListOf(f.apply(l.element()));
        } else if (kind instanceof TypeDefKind.FixedLengthList l) {
            return new TypeDefKind.FixedLengthList(f.apply(l.element()), l.length());
        } else if (kind instanceof TypeDefKind.MapOf m) {
            Type k = f.apply(m.key());
            return new TypeDefKind.MapOf(k, f.apply(m.value()));
        } else if (kind instanceof TypeDefKind.Result r) {
            Type ok = r.ok() == null ? null : f.apply(r.ok());
            Type err = r.err() == null ? null : f.apply(r.err());
            return new TypeDefKind.Result(ok, err);
        } else if (kind instanceof TypeDefKind.Future fu) {
            return new TypeDefKind.Future(fu.type() == null ? null : f.apply(fu.type()));
        } else if (kind instanceof TypeDefKind.Stream s) {
            return new TypeDefKind.Stream(s.type() == null ? null : f.apply(s.type()));
        }
        return kind;
    }
}
