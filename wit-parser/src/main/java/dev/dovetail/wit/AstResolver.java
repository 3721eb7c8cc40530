package dev.dovetail.wit;

import dev.dovetail.wit.Unresolved.DraftInterface;
import dev.dovetail.wit.Unresolved.DraftType;
import dev.dovetail.wit.Unresolved.DraftWorld;
import dev.dovetail.wit.Unresolved.ItemRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves the files of one package into an {@link Unresolved} package: names are looked up,
 * types are defined in dependency order and anonymous types interned, while references to other
 * packages stay symbolic. Mirrors the order of allocation of the Rust wit-parser so that ids match.
 */
final class AstResolver {
    private PackageName packageName;
    private Span packageNameSpan;
    private Docs packageDocs = Docs.NONE;
    private final List<Ast.PackageFile> files = new ArrayList<>();

    private final Unresolved out = new Unresolved();
    private final Map<List<Object>, Integer> anonTypes = new HashMap<>();
    private int currentFile;
    /** Per file: the top-level names in scope (interfaces, worlds and top-level `use`). */
    private final List<Map<String, ItemRef>> fileItems = new ArrayList<>();
    private final Map<String, ItemRef> packageItems = new LinkedHashMap<>();
    /** Per interface (same length as the interface arena): its names, type ids or "function". */
    private final List<LinkedHashMap<String, Named>> interfaceTypes = new ArrayList<>();
    private final Set<Integer> foreignInterfaces = new HashSet<>();
    private LinkedHashMap<String, Named> typeLookup = new LinkedHashMap<>();

    /** A name inside an interface or world: a type id, or a function. */
    private record Named(Integer typeId, String item, Span span) {}

    /** Adds one file (or the body of a nested package block) to this package. */
    void push(Ast.PackageFile file) {
        Ast.PackageDecl decl = file.packageDecl();
        if (decl != null) {
            PackageName name = decl.packageName();
            if (packageName != null && !packageName.equals(name)) {
                throw decl.span().error("package identifier `" + name + "` does not match previous package name of `" + packageName + "`");
            }
            packageName = name;
            packageNameSpan = decl.span();
            Docs docs = docs(decl.docs());
            if (docs.contents() != null) {
                if (packageDocs.contents() != null) {
                    throw decl.docs().span().error("found doc comments on multiple 'package' items");
                }
                packageDocs = docs;
            }
        }
        for (Ast.Item item : file.items()) {
            if (item instanceof Ast.NestedPackage nested) {
                throw nested.file().packageDecl().span().error("nested packages must be placed at the top-level");
            }
        }
        files.add(file);
    }

    boolean hasPackageName() {
        return packageName != null;
    }

    Unresolved resolve(Source anySource) {
        if (packageName == null) {
            throw new WitException("no `package` header was found in any WIT file for this package",
                    anySource == null ? null : anySource.path());
        }
        out.name = packageName;
        out.nameSpan = packageNameSpan;
        out.docs = packageDocs;
        populateForeignDeps();
        List<int[]> order = populateAstItems();
        populateForeignTypes();

        Map<Integer, InFile<Ast.InterfaceDecl>> ifaceAst = new HashMap<>();
        Map<Integer, InFile<Ast.WorldDecl>> worldAst = new HashMap<>();
        for (int i = 0; i < files.size(); i++) {
            for (Ast.Item item : files.get(i).items()) {
                if (item instanceof Ast.InterfaceDecl iface) {
                    ifaceAst.put(fileItems.get(i).get(iface.name().name()).id(), new InFile<>(iface, i));
                } else if (item instanceof Ast.WorldDecl world) {
                    worldAst.put(fileItems.get(i).get(world.name().name()).id(), new InFile<>(world, i));
                }
            }
        }
        for (int id : order.get(0)) {
            InFile<Ast.InterfaceDecl> entry = ifaceAst.get(id);
            currentFile = entry.file();
            resolveInterface(id, entry.item().items(), entry.item().docs(), entry.item().attributes());
        }
        for (int id : order.get(1)) {
            InFile<Ast.WorldDecl> entry = worldAst.get(id);
            currentFile = entry.file();
            resolveWorld(id, entry.item());
        }
        return out;
    }

    /** An item and the index of the file it is written in (each file has its own top-level `use` scope). */
    private record InFile<T>(T item, int file) {}

    // ------------------------------------------------------------------ paths

    /** Callback for each path to another interface or world in the package's files. */
    private interface PathVisitor {
        void visit(Ast.Id inInterface, List<Ast.Attribute> attrs, Ast.UsePath path, List<Ast.UseName> names, Boolean world);
    }

    /** The order in which wit-parser visits paths: per item, world imports before exports. */
    private static void forEachPath(Ast.PackageFile file, PathVisitor f) {
        for (Ast.Item item : file.items()) {
            if (item instanceof Ast.WorldDecl world) {
                // imports are visited before exports, whatever their order in the source
                List<Ast.WorldItem> externs = new ArrayList<>();
                for (Ast.WorldItem wi : world.items()) {
                    if (wi instanceof Ast.Use u) {
                        f.visit(null, u.attributes(), u.from(), u.names(), false);
                    } else if (wi instanceof Ast.Include inc) {
                        // includes order worlds among themselves, like `use` orders interfaces
                        f.visit(world.name(), inc.attributes(), inc.from(), null, true);
                    } else if (wi instanceof Ast.Import) {
                        externs.add(wi);
                    }
                }
                for (Ast.WorldItem wi : world.items()) {
                    if (wi instanceof Ast.Export) {
                        externs.add(wi);
                    }
                }
                for (Ast.WorldItem wi : externs) {
                    Ast.ExternKind kind = wi instanceof Ast.Import imp ? imp.kind() : ((Ast.Export) wi).kind();
                    List<Ast.Attribute> attrs = wi instanceof Ast.Import imp ? imp.attributes() : ((Ast.Export) wi).attributes();
                    if (kind instanceof Ast.ExternInterface ei) {
                        for (Ast.InterfaceItem ii : ei.items()) {
                            if (ii instanceof Ast.Use u) {
                                f.visit(null, u.attributes(), u.from(), u.names(), false);
                            }
                        }
                    } else if (kind instanceof Ast.ExternPath p) {
                        f.visit(null, attrs, p.path(), null, false);
                    } else if (kind instanceof Ast.ExternNamedPath p) {
                        f.visit(null, attrs, p.path(), null, false);
                    }
                }
            } else if (item instanceof Ast.InterfaceDecl iface) {
                for (Ast.InterfaceItem ii : iface.items()) {
                    if (ii instanceof Ast.Use u) {
                        f.visit(iface.name(), u.attributes(), u.from(), u.names(), false);
                    }
                }
            } else if (item instanceof Ast.ToplevelUse u) {
                f.visit(null, u.attributes(), u.item(), null, null);
            }
        }
    }

    private void populateForeignDeps() {
        for (Ast.PackageFile file : files) {
            forEachPath(file, (iface, attrs, path, names, world) -> {
                if (!(path instanceof Ast.PackagePath pp)) {
                    return;
                }
                Stability stability = stability(attrs);
                LinkedHashMap<String, Unresolved.ForeignDep> deps = out.foreignDeps.get(pp.packageName());
                if (deps == null) {
                    deps = new LinkedHashMap<>();
                    out.foreignDeps.put(pp.packageName(), deps);
                    out.foreignDepSpans.add(pp.packageSpan());
                }
                Unresolved.ForeignDep dep = deps.get(pp.name().name());
                if (dep == null) {
                    ItemRef ref = Boolean.TRUE.equals(world)
                            ? new ItemRef(true, allocWorld(pp.name().span()))
                            : new ItemRef(false, allocInterface(pp.name().span()));
                    dep = new Unresolved.ForeignDep(ref);
                    deps.put(pp.name().name(), dep);
                }
                dep.stabilities.add(stability);
                if (!dep.item.world()) {
                    foreignInterfaces.add(dep.item.id());
                }
            });
        }
    }

    private int allocInterface(Span span) {
        interfaceTypes.add(new LinkedHashMap<>());
        out.interfaceSpans.add(new Unresolved.InterfaceSpan(span));
        out.interfaces.add(new DraftInterface());
        return out.interfaces.size() - 1;
    }

    private int allocWorld(Span span) {
        out.worldSpans.add(new Unresolved.WorldSpan(span));
        out.worlds.add(new DraftWorld());
        return out.worlds.size() - 1;
    }

    /** Allocates the package's own interfaces and worlds in dependency order; returns both orders. */
    private List<int[]> populateAstItems() {
        Map<String, Span> itemSpans = new LinkedHashMap<>();
        Map<String, Ast.Item> names = new HashMap<>();
        LinkedHashMap<String, List<Ast.Id>> order = new LinkedHashMap<>();
        for (Ast.PackageFile file : files) {
            for (Ast.Item item : file.items()) {
                Ast.Id name;
                if (item instanceof Ast.InterfaceDecl i) {
                    name = i.name();
                } else if (item instanceof Ast.WorldDecl w) {
                    name = w.name();
                } else {
                    continue;
                }
                if (itemSpans.containsKey(name.name())) {
                    throw name.span().error("duplicate item named `" + name.name() + "`");
                }
                itemSpans.put(name.name(), name.span());
                order.put(name.name(), new ArrayList<>());
                names.put(name.name(), item);
            }
        }

        for (Ast.PackageFile file : files) {
            // names in scope in this file, and whether they are local or foreign
            Map<String, Ast.Id> local = new HashMap<>();
            Set<String> foreign = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (Ast.Item item : file.items()) {
                Ast.Id name;
                if (item instanceof Ast.ToplevelUse u) {
                    name = u.localName();
                    if (u.item() instanceof Ast.LocalPath lp) {
                        local.put(name.name(), lp.name());
                    } else {
                        foreign.add(name.name());
                    }
                } else if (item instanceof Ast.InterfaceDecl i) {
                    name = i.name();
                    local.put(name.name(), name);
                } else if (item instanceof Ast.WorldDecl w) {
                    name = w.name();
                    local.put(name.name(), name);
                } else {
                    continue;
                }
                if (!seen.add(name.name())) {
                    throw name.span().error("duplicate name `" + name.name() + "` in this file");
                }
            }
            forEachPath(file, (iface, attrs, path, useNames, world) -> {
                if (iface == null || !(path instanceof Ast.LocalPath lp)) {
                    return;
                }
                String used = lp.name().name();
                if (foreign.contains(used)) {
                    return;
                }
                Ast.Id target = local.get(used);
                if (target != null) {
                    order.get(iface.name()).add(target);
                } else if (itemSpans.containsKey(used)) {
                    order.get(iface.name()).add(lp.name());
                } else {
                    throw lp.name().span().error("interface or world `" + used + "` not found in package");
                }
            });
        }

        List<String> sorted = Toposort.sort("interface or world", order);
        Map<String, ItemRef> ids = new HashMap<>();
        List<Integer> ifaceOrder = new ArrayList<>();
        List<Integer> worldOrder = new ArrayList<>();
        for (String name : sorted) {
            if (names.get(name) instanceof Ast.InterfaceDecl) {
                int id = allocInterface(itemSpans.get(name));
                out.interfaces.get(id).name = name;
                ids.put(name, new ItemRef(false, id));
                ifaceOrder.add(id);
            } else {
                int id = allocWorld(itemSpans.get(name));
                out.worlds.get(id).name = name;
                ids.put(name, new ItemRef(true, id));
                worldOrder.add(id);
            }
        }
        for (Ast.PackageFile file : files) {
            Map<String, ItemRef> items = new HashMap<>();
            for (Ast.Item item : file.items()) {
                if (item instanceof Ast.ToplevelUse u) {
                    if (!u.attributes().isEmpty()) {
                        throw u.span().error("attributes not allowed on top-level use");
                    }
                    ItemRef ref;
                    if (u.item() instanceof Ast.LocalPath lp) {
                        ref = ids.get(lp.name().name());
                        if (ref == null) {
                            throw lp.name().span().error("interface or world `" + lp.name().name() + "` does not exist");
                        }
                    } else {
                        Ast.PackagePath pp = (Ast.PackagePath) u.item();
                        ref = out.foreignDeps.get(pp.packageName()).get(pp.name().name()).item;
                    }
                    items.put(u.localName().name(), ref);
                } else if (item instanceof Ast.InterfaceDecl i) {
                    items.put(i.name().name(), ids.get(i.name().name()));
                    packageItems.put(i.name().name(), ids.get(i.name().name()));
                } else if (item instanceof Ast.WorldDecl w) {
                    items.put(w.name().name(), ids.get(w.name().name()));
                    packageItems.put(w.name().name(), ids.get(w.name().name()));
                }
            }
            fileItems.add(items);
        }
        return List.of(toArray(ifaceOrder), toArray(worldOrder));
    }

    private static int[] toArray(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Creates an Unknown type for every name used from a foreign interface. */
    private void populateForeignTypes() {
        for (int i = 0; i < files.size(); i++) {
            currentFile = i;
            forEachPath(files.get(i), (iface, attrs, path, names, world) -> {
                if (names == null) {
                    return;
                }
                Stability stability = stability(attrs);
                ItemRef item = resolvePath(path);
                int ifaceId = ifaceFromItem(item, path);
                if (!foreignInterfaces.contains(ifaceId)) {
                    return;
                }
                LinkedHashMap<String, Named> lookup = interfaceTypes.get(ifaceId);
                for (Ast.UseName name : names) {
                    if (lookup.containsKey(name.name().name())) {
                        continue;
                    }
                    int id = allocType(new DraftType(name.name().name(), new TypeDefKind.Unknown(),
                            new TypeOwner.OfInterface(ifaceId), Docs.NONE, stability), name.name().span());
                    out.unknownTypeSpans.add(name.name().span());
                    lookup.put(name.name().name(), new Named(id, null, name.name().span()));
                    out.interfaces.get(ifaceId).types.put(name.name().name(), id);
                }
            });
        }
    }

    private int allocType(DraftType type, Span span) {
        out.types.add(type);
        out.typeSpans.add(span);
        return out.types.size() - 1;
    }

    // ------------------------------------------------------------------ worlds

    private void resolveWorld(int worldId, Ast.WorldDecl world) {
        DraftWorld w = out.worlds.get(worldId);
        w.docs = docs(world.docs());
        w.stability = stability(world.attributes());
        List<Object> typeItems = new ArrayList<>();
        for (Ast.WorldItem item : world.items()) {
            if (item instanceof Ast.Use || item instanceof Ast.TypeDef) {
                typeItems.add(item);
            }
        }
        resolveTypes(new TypeOwner.OfWorld(worldId), typeItems);

        for (Ast.WorldItem item : world.items()) {
            if (item instanceof Ast.Include inc) {
                resolveInclude(worldId, inc);
            }
        }

        List<Span> exportSpans = new ArrayList<>();
        List<Span> importSpans = new ArrayList<>();
        for (Map.Entry<String, Named> e : typeLookup.entrySet()) {
            WorldItem prev = w.imports.put(new WorldKey.Name(e.getKey()), new WorldItem.TypeItem(e.getValue().typeId()));
            if (prev != null) {
                throw e.getValue().span().error("import `" + e.getKey() + "` conflicts with prior import of same name");
            }
            importSpans.add(e.getValue().span());
        }

        Set<Integer> importedInterfaces = new HashSet<>();
        Set<Integer> exportedInterfaces = new HashSet<>();
        for (Ast.WorldItem item : world.items()) {
            Ast.DocComments docs;
            List<Ast.Attribute> attrs;
            Ast.ExternKind kind;
            boolean isImport;
            if (item instanceof Ast.Import imp) {
                docs = imp.docs();
                attrs = imp.attributes();
                kind = imp.kind();
                isImport = true;
            } else if (item instanceof Ast.Export exp) {
                docs = exp.docs();
                attrs = exp.attributes();
                kind = exp.kind();
                isImport = false;
            } else if (item instanceof Ast.TypeDef td && td.type() instanceof Ast.ResourceNode r) {
                for (Ast.ResourceFunc func : r.funcs()) {
                    importSpans.add(func.func().name().span());
                    Function f = resolveResourceFunc(func, td.name());
                    WorldItem prev = w.imports.put(new WorldKey.Name(f.name()), new WorldItem.FunctionItem(f));
                    if (prev != null) {
                        throw func.func().name().span().error("import `" + f.name() + "` conflicts with prior import of same name");
                    }
                }
                continue;
            } else {
                continue;
            }
            String desc = isImport ? "import" : "export";
            WorldItem worldItem = resolveWorldItem(docs, attrs, kind);
            WorldKey key;
            if (kind instanceof Ast.ExternInterface ei) {
                key = new WorldKey.Name(ei.name().name());
            } else if (kind instanceof Ast.ExternFunc) {
                key = new WorldKey.Name(((WorldItem.FunctionItem) worldItem).function().name());
            } else if (kind instanceof Ast.ExternNamedPath np) {
                key = new WorldKey.Name(np.name().name());
            } else {
                Ast.UsePath path = ((Ast.ExternPath) kind).path();
                key = new WorldKey.InterfaceRef(ifaceFromItem(resolvePath(path), path));
            }
            if (worldItem instanceof WorldItem.InterfaceItem ii) {
                Set<Integer> seen = isImport ? importedInterfaces : exportedInterfaces;
                if (!seen.add(ii.interfaceId()) && !(kind instanceof Ast.ExternNamedPath)) {
                    throw kind.span().error("interface cannot be " + desc + "ed more than once");
                }
            }
            LinkedHashMap<WorldKey, WorldItem> dst = isImport ? w.imports : w.exports;
            if (dst.containsKey(key)) {
                WorldItem prev = dst.get(key);
                String prevDesc = prev instanceof WorldItem.InterfaceItem ? "interface"
                        : prev instanceof WorldItem.FunctionItem ? "func" : "type";
                String name = key instanceof WorldKey.Name n ? n.name() : "?";
                throw kind.span().error(desc + " `" + name + "` conflicts with prior " + prevDesc + " of same name");
            }
            dst.put(key, worldItem);
            (isImport ? importSpans : exportSpans).add(kind.span());
        }
        out.worldSpans.get(worldId).imports = importSpans;
        out.worldSpans.get(worldId).exports = exportSpans;
        typeLookup.clear();
    }

    private WorldItem resolveWorldItem(Ast.DocComments docs, List<Ast.Attribute> attrs, Ast.ExternKind kind) {
        if (kind instanceof Ast.ExternInterface ei) {
            LinkedHashMap<String, Named> prev = typeLookup;
            typeLookup = new LinkedHashMap<>();
            int id = allocInterface(ei.name().span());
            resolveInterface(id, ei.items(), docs, attrs);
            typeLookup = prev;
            return new WorldItem.InterfaceItem(id, out.interfaces.get(id).stability);
        }
        if (kind instanceof Ast.ExternPath p) {
            Stability stability = stability(attrs);
            return new WorldItem.InterfaceItem(ifaceFromItem(resolvePath(p.path()), p.path()), stability);
        }
        if (kind instanceof Ast.ExternNamedPath p) {
            Stability stability = stability(attrs);
            return new WorldItem.InterfaceItem(ifaceFromItem(resolvePath(p.path()), p.path()), stability);
        }
        Ast.ExternFunc f = (Ast.ExternFunc) kind;
        Function.Kind fk = f.func().async() ? Function.Kind.ASYNC_FREESTANDING : Function.Kind.FREESTANDING;
        return new WorldItem.FunctionItem(resolveFunction(docs, attrs, f.name().name(), f.func(), fk));
    }

    private void resolveInclude(int worldId, Ast.Include inc) {
        Stability stability = stability(inc.attributes());
        ItemRef item = resolvePath(inc.from());
        if (!item.world()) {
            throw inc.from().name().span().error("name `" + inc.from().name().name() + "` is defined as an interface, not a world");
        }
        DraftWorld w = out.worlds.get(worldId);
        w.includeStabilities.add(stability);
        w.includes.add(item.id());
        List<Unresolved.IncludeName> names = new ArrayList<>();
        for (Ast.IncludeName n : inc.names()) {
            names.add(new Unresolved.IncludeName(n.name().name(), n.as().name()));
        }
        w.includeNames.add(List.copyOf(names));
        out.worldSpans.get(worldId).includes.add(inc.from().name().span());
    }

    // ------------------------------------------------------------------ interfaces

    private void resolveInterface(int ifaceId, List<Ast.InterfaceItem> items, Ast.DocComments docs, List<Ast.Attribute> attrs) {
        DraftInterface iface = out.interfaces.get(ifaceId);
        iface.docs = docs(docs);
        iface.stability = stability(attrs);
        List<Object> typeItems = new ArrayList<>();
        for (Ast.InterfaceItem item : items) {
            if (item instanceof Ast.Use || item instanceof Ast.TypeDef) {
                typeItems.add(item);
            }
        }
        resolveTypes(new TypeOwner.OfInterface(ifaceId), typeItems);
        for (Map.Entry<String, Named> e : typeLookup.entrySet()) {
            iface.types.put(e.getKey(), e.getValue().typeId());
        }
        List<Function> funcs = new ArrayList<>();
        for (Ast.InterfaceItem item : items) {
            if (item instanceof Ast.NamedFunc f) {
                defineName(f.name(), new Named(null, "function", f.name().span()));
                Function.Kind fk = f.func().async() ? Function.Kind.ASYNC_FREESTANDING : Function.Kind.FREESTANDING;
                funcs.add(resolveFunction(f.docs(), f.attributes(), f.name().name(), f.func(), fk));
                out.interfaceSpans.get(ifaceId).funcs.add(f.name().span());
            } else if (item instanceof Ast.TypeDef td && td.type() instanceof Ast.ResourceNode r) {
                for (Ast.ResourceFunc func : r.funcs()) {
                    funcs.add(resolveResourceFunc(func, td.name()));
                    out.interfaceSpans.get(ifaceId).funcs.add(func.func().name().span());
                }
            }
        }
        for (Function f : funcs) {
            iface.functions.put(f.name(), f);
        }
        interfaceTypes.set(ifaceId, typeLookup);
        typeLookup = new LinkedHashMap<>();
    }

    private void resolveTypes(TypeOwner owner, List<Object> items) {
        for (Object item : items) {
            if (item instanceof Ast.Use u) {
                resolveUse(owner, u);
            }
        }
        LinkedHashMap<String, List<Ast.Id>> typeDeps = new LinkedHashMap<>();
        LinkedHashMap<String, Ast.TypeDef> typeDefs = new LinkedHashMap<>();
        for (Object item : items) {
            if (item instanceof Ast.TypeDef t) {
                if (typeDefs.containsKey(t.name().name())) {
                    throw t.name().span().error("name `" + t.name().name() + "` is defined more than once");
                }
                typeDefs.put(t.name().name(), t);
                List<Ast.Id> deps = new ArrayList<>();
                collectDeps(t.type(), deps);
                typeDeps.put(t.name().name(), deps);
            } else {
                for (Ast.UseName name : ((Ast.Use) item).names()) {
                    typeDeps.put(name.localName().name(), new ArrayList<>());
                    typeDefs.put(name.localName().name(), null);
                }
            }
        }
        List<String> order;
        try {
            order = Toposort.sort("type", typeDeps);
        } catch (Toposort.NotFound e) {
            String renamed = switch (e.id.name()) {
                case "float32" -> "f32";
                case "float64" -> "f64";
                default -> null;
            };
            if (renamed == null) {
                throw e.error;
            }
            throw e.id.span().error("the `" + e.id.name() + "` type has been renamed to `" + renamed
                    + "` and is no longer accepted, but the `WIT_REQUIRE_F32_F64=0` environment variable can be "
                    + "used to temporarily disable this error: type `" + e.id.name() + "` does not exist");
        }
        for (String name : order) {
            Ast.TypeDef def = typeDefs.remove(name);
            if (def == null) {
                continue;
            }
            Docs docs = docs(def.docs());
            Stability stability = stability(def.attributes());
            TypeDefKind kind = resolveTypeDef(def.type(), stability);
            int id = allocType(new DraftType(def.name().name(), kind, owner, docs, stability), def.name().span());
            if (def.type() instanceof Ast.RecordNode r) {
                out.memberSpans.put(id, r.fields().stream().map(f -> f.name().span()).toList());
            } else if (def.type() instanceof Ast.VariantNode v) {
                out.memberSpans.put(id, v.cases().stream().map(c -> c.name().span()).toList());
            }
            defineName(def.name(), new Named(id, null, def.name().span()));
        }
    }

    private void resolveUse(TypeOwner owner, Ast.Use u) {
        ItemRef item = resolvePath(u.from());
        int useFrom = ifaceFromItem(item, u.from());
        Stability stability = stability(u.attributes());
        for (Ast.UseName name : u.names()) {
            Named named = interfaceTypes.get(useFrom).get(name.name().name());
            if (named == null) {
                throw name.name().span().error("name `" + name.name().name() + "` is not defined");
            }
            if (named.typeId() == null) {
                throw name.name().span().error("cannot import " + named.item() + " `" + name.name().name() + "`");
            }
            Ast.Id local = name.localName();
            int id = allocType(new DraftType(local.name(), new TypeDefKind.Alias(new Type.Id(named.typeId())), owner,
                    Docs.NONE, stability), name.name().span());
            defineName(local, new Named(id, null, local.span()));
        }
    }

    private Function resolveResourceFunc(Ast.ResourceFunc func, Ast.Id resource) {
        Named named = typeLookup.get(resource.name());
        int resourceId = Objects.requireNonNull(named.typeId());
        Ast.NamedFunc f = func.func();
        boolean async = f.func().async();
        String name;
        Function.Kind kind;
        switch (func.kind()) {
            case METHOD -> {
                name = "[method]" + resource.name() + "." + f.name().name();
                kind = new Function.Kind(Function.Shape.METHOD, resourceId, async);
            }
            case STATIC -> {
                name = "[static]" + resource.name() + "." + f.name().name();
                kind = new Function.Kind(Function.Shape.STATIC, resourceId, async);
            }
            default -> {
                name = "[constructor]" + resource.name();
                kind = new Function.Kind(Function.Shape.CONSTRUCTOR, resourceId, false);
            }
        }
        return resolveFunction(f.docs(), f.attributes(), name, f.func(), kind);
    }

    private Function resolveFunction(Ast.DocComments docs, List<Ast.Attribute> attrs, String name, Ast.Func func, Function.Kind kind) {
        Docs d = docs(docs);
        Stability stability = stability(attrs);
        List<Function.Param> params = resolveParams(func, kind);
        Type result = resolveResult(func, kind);
        return new Function(name, kind, params, result, d, stability);
    }

    private List<Function.Param> resolveParams(Ast.Func func, Function.Kind kind) {
        LinkedHashMap<String, Type> ret = new LinkedHashMap<>();
        if (kind.shape() == Function.Shape.METHOD) {
            TypeDefKind handle = new TypeDefKind.Handle(true, kind.resource());
            Stability stability = findStability(handle, Stability.UNKNOWN);
            ret.put("self", anonType(new DraftType(null, handle, TypeOwner.NONE, Docs.NONE, stability), func.span()));
        }
        for (Ast.Param p : func.params()) {
            Type t = resolveType(p.type(), Stability.UNKNOWN);
            if (ret.containsKey(p.name().name())) {
                throw p.name().span().error("param `" + p.name().name() + "` is defined more than once");
            }
            ret.put(p.name().name(), t);
        }
        List<Function.Param> params = new ArrayList<>();
        ret.forEach((n, t) -> params.add(new Function.Param(n, t)));
        return params;
    }

    private Type resolveResult(Ast.Func func, Function.Kind kind) {
        if (kind.shape() != Function.Shape.CONSTRUCTOR) {
            return func.result() == null ? null : resolveType(func.result(), Stability.UNKNOWN);
        }
        if (func.result() == null) {
            return new Type.Id(kind.resource());
        }
        Type result = resolveType(func.result(), Stability.UNKNOWN);
        Type ok = null;
        boolean isResult = false;
        if (result instanceof Type.Id id && out.types.get(id.index()).kind instanceof TypeDefKind.Result r) {
            isResult = true;
            ok = r.ok();
        }
        if (!isResult) {
            throw func.result().span().error("if a constructor return type is declared it must be a `result`");
        }
        if (ok instanceof Type.Id okId && okId.index() == kind.resource()) {
            return result;
        }
        Span okSpan = func.result() instanceof Ast.ResultNode rn && rn.ok() != null ? rn.ok().span() : func.result().span();
        throw okSpan.error("the `ok` type must be the resource being constructed");
    }

    // ------------------------------------------------------------------ lookups

    private ItemRef resolvePath(Ast.UsePath path) {
        if (path instanceof Ast.LocalPath lp) {
            ItemRef item = fileItems.get(currentFile).get(lp.name().name());
            if (item == null) {
                item = packageItems.get(lp.name().name());
            }
            if (item == null) {
                throw lp.name().span().error("interface or world `" + lp.name().name() + "` does not exist");
            }
            return item;
        }
        Ast.PackagePath pp = (Ast.PackagePath) path;
        return out.foreignDeps.get(pp.packageName()).get(pp.name().name()).item;
    }

    private static int ifaceFromItem(ItemRef item, Ast.UsePath path) {
        if (item.world()) {
            throw path.name().span().error("name `" + path.name().name() + "` is defined as a world, not an interface");
        }
        return item.id();
    }

    private void defineName(Ast.Id name, Named item) {
        if (typeLookup.containsKey(name.name())) {
            throw name.span().error("name `" + name.name() + "` is defined more than once");
        }
        typeLookup.put(name.name(), item);
    }

    private int resolveTypeName(Ast.Id name) {
        Named named = typeLookup.get(name.name());
        if (named == null) {
            throw name.span().error("name `" + name.name() + "` is not defined");
        }
        if (named.typeId() == null) {
            throw name.span().error("cannot use " + named.item() + " `" + name.name() + "` as a type");
        }
        return named.typeId();
    }

    private int validateResource(Ast.Id name) {
        int id = resolveTypeName(name);
        int cur = id;
        while (true) {
            TypeDefKind kind = out.types.get(cur).kind;
            if (kind instanceof TypeDefKind.Resource) {
                return id;
            } else if (kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id t) {
                cur = t.index();
            } else if (kind instanceof TypeDefKind.Unknown) {
                out.requiredResourceTypes.add(new Unresolved.TypeAt(cur, name.span()));
                return id;
            } else {
                throw name.span().error("type `" + name.name() + "` used in a handle must be a resource");
            }
        }
    }

    // ------------------------------------------------------------------ types

    private TypeDefKind resolveTypeDef(Ast.TypeNode node, Stability stability) {
        if (node instanceof Ast.PrimitiveNode p) {
            return new TypeDefKind.Alias(p.primitive());
        } else if (node instanceof Ast.NameNode n) {
            return new TypeDefKind.Alias(new Type.Id(resolveTypeName(n.name())));
        } else if (node instanceof Ast.ListNode l) {
            return new TypeDefKind.ListOf(resolveType(l.element(), stability));
        } else if (node instanceof Ast.MapNode m) {
            Type key = resolveType(m.key(), stability);
            Type value = resolveType(m.value(), stability);
            boolean validKey = key instanceof Type.Primitive p && p != Type.Primitive.F32 && p != Type.Primitive.F64
                    && p != Type.Primitive.ERROR_CONTEXT;
            if (!validKey) {
                throw m.span().error("invalid map key type: map keys must be bool, u8, u16, u32, u64, s8, s16, s32, s64, char, or string");
            }
            return new TypeDefKind.MapOf(key, value);
        } else if (node instanceof Ast.FixedListNode l) {
            return new TypeDefKind.FixedLengthList(resolveType(l.element(), stability), l.length());
        } else if (node instanceof Ast.HandleNode h) {
            return new TypeDefKind.Handle(h.borrow(), validateResource(h.resource()));
        } else if (node instanceof Ast.ResourceNode r) {
            int ctors = 0;
            Set<String> names = new HashSet<>();
            for (Ast.ResourceFunc f : r.funcs()) {
                if (f.kind() == Ast.ResourceFuncKind.CONSTRUCTOR) {
                    if (++ctors > 1) {
                        throw f.func().name().span().error("duplicate constructors");
                    }
                } else if (!names.add(f.func().name().name())) {
                    throw f.func().name().span().error("duplicate function name `" + f.func().name().name() + "`");
                }
            }
            return new TypeDefKind.Resource();
        } else if (node instanceof Ast.RecordNode r) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            for (Ast.Field f : r.fields()) {
                fields.add(new TypeDefKind.Field(f.name().name(), resolveType(f.type(), stability), docs(f.docs())));
            }
            return new TypeDefKind.Record(fields);
        } else if (node instanceof Ast.FlagsNode f) {
            List<TypeDefKind.Flag> flags = new ArrayList<>();
            for (Ast.Flag flag : f.flags()) {
                flags.add(new TypeDefKind.Flag(flag.name().name(), docs(flag.docs())));
            }
            return new TypeDefKind.Flags(flags);
        } else if (node instanceof Ast.TupleNode t) {
            List<Type> types = new ArrayList<>();
            for (Ast.TypeNode ty : t.types()) {
                types.add(resolveType(ty, stability));
            }
            return new TypeDefKind.Tuple(types);
        } else if (node instanceof Ast.VariantNode v) {
            if (v.cases().isEmpty()) {
                throw v.span().error("empty variant");
            }
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (Ast.Case c : v.cases()) {
                Type t = c.type() == null ? null : resolveType(c.type(), stability);
                cases.add(new TypeDefKind.Case(c.name().name(), t, docs(c.docs())));
            }
            return new TypeDefKind.Variant(cases);
        } else if (node instanceof Ast.EnumNode e) {
            if (e.cases().isEmpty()) {
                throw e.span().error("empty enum");
            }
            List<TypeDefKind.EnumCase> cases = new ArrayList<>();
            for (Ast.EnumCase c : e.cases()) {
                cases.add(new TypeDefKind.EnumCase(c.name().name(), docs(c.docs())));
            }
            return new TypeDefKind.Enum(cases);
        } else if (node instanceof Ast.OptionNode o) {
            return new TypeDefKind.Option(resolveType(o.type(), stability));
        } else if (node instanceof Ast.ResultNode r) {
            Type ok = r.ok() == null ? null : resolveType(r.ok(), stability);
            Type err = r.err() == null ? null : resolveType(r.err(), stability);
            return new TypeDefKind.Result(ok, err);
        } else if (node instanceof Ast.FutureNode f) {
            return new TypeDefKind.Future(f.type() == null ? null : resolveType(f.type(), stability));
        } else if (node instanceof Ast.StreamNode s) {
            return new TypeDefKind.Stream(s.type() == null ? null : resolveType(s.type(), stability));
        }
        throw new IllegalStateException("unhandled type node " + node);
    }

    private Type resolveType(Ast.TypeNode node, Stability stability) {
        TypeDefKind kind = resolveTypeDef(node, stability);
        Stability found = findStability(kind, stability);
        return anonType(new DraftType(null, kind, TypeOwner.NONE, Docs.NONE, found), node.span());
    }

    /** An anonymous type inherits the stability of the first type it refers to that has one. */
    private Stability findStability(TypeDefKind kind, Stability stability) {
        if (!(stability instanceof Stability.Unknown)) {
            return stability;
        }
        Stability found = null;
        if (kind instanceof TypeDefKind.Alias a) {
            found = stabilityOf(a.target());
        } else if (kind instanceof TypeDefKind.Handle h) {
            found = stabilityOf(new Type.Id(h.resource()));
        } else if (kind instanceof TypeDefKind.Tuple t) {
            for (Type ty : t.types()) {
                found = stabilityOf(ty);
                if (found != null) {
                    break;
                }
            }
        } else if (kind instanceof TypeDefKind.ListOf l) {
            found = stabilityOf(l.element());
        } else if (kind instanceof TypeDefKind.FixedLengthList l) {
            found = stabilityOf(l.element());
        } else if (kind instanceof TypeDefKind.Option o) {
            found = stabilityOf(o.type());
        } else if (kind instanceof TypeDefKind.MapOf m) {
            found = stabilityOf(m.key());
            if (found == null) {
                found = stabilityOf(m.value());
            }
        } else if (kind instanceof TypeDefKind.Future f) {
            found = stabilityOf(f.type());
        } else if (kind instanceof TypeDefKind.Stream s) {
            found = stabilityOf(s.type());
        } else if (kind instanceof TypeDefKind.Result r) {
            found = stabilityOf(r.ok());
            if (found == null) {
                found = stabilityOf(r.err());
            }
        }
        return found == null ? Stability.UNKNOWN : found;
    }

    private Stability stabilityOf(Type t) {
        if (t instanceof Type.Id id) {
            Stability s = out.types.get(id.index()).stability;
            return s instanceof Stability.Unknown ? null : s;
        }
        return null;
    }

    /** Interns anonymous types such as {@code list<u8>} so each shape exists once per package. */
    private Type anonType(DraftType ty, Span span) {
        TypeDefKind kind = ty.kind;
        List<Object> key;
        if (kind instanceof TypeDefKind.Alias a) {
            return a.target();
        } else if (kind instanceof TypeDefKind.Handle h && !h.borrow()) {
            // an anonymous own<T> is the same as a reference to T
            return new Type.Id(h.resource());
        } else if (kind instanceof TypeDefKind.Variant v) {
            List<Object> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(List.of(c.name(), String.valueOf(c.type())));
            }
            key = List.of("variant", cases);
        } else if (kind instanceof TypeDefKind.Record r) {
            List<Object> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) {
                fields.add(List.of(f.name(), f.type()));
            }
            key = List.of("record", fields);
        } else if (kind instanceof TypeDefKind.Flags f) {
            key = List.of("flags", f.flags().stream().map(TypeDefKind.Flag::name).toList());
        } else if (kind instanceof TypeDefKind.Enum e) {
            key = List.of("enum", e.cases().stream().map(TypeDefKind.EnumCase::name).toList());
        } else {
            // the remaining kinds are records of types: equal shapes are equal records
            key = List.of("kind", kind);
        }
        Integer existing = anonTypes.get(key);
        if (existing != null) {
            return new Type.Id(existing);
        }
        int id = allocType(ty, span);
        anonTypes.put(key, id);
        return new Type.Id(id);
    }

    private static void collectDeps(Ast.TypeNode node, List<Ast.Id> deps) {
        if (node instanceof Ast.NameNode n) {
            deps.add(n.name());
        } else if (node instanceof Ast.HandleNode h) {
            deps.add(h.resource());
        } else if (node instanceof Ast.RecordNode r) {
            r.fields().forEach(f -> collectDeps(f.type(), deps));
        } else if (node instanceof Ast.TupleNode t) {
            t.types().forEach(ty -> collectDeps(ty, deps));
        } else if (node instanceof Ast.VariantNode v) {
            v.cases().forEach(c -> {
                if (c.type() != null) {
                    collectDeps(c.type(), deps);
                }
            });
        } else if (node instanceof Ast.OptionNode o) {
            collectDeps(o.type(), deps);
        } else if (node instanceof Ast.ListNode l) {
            collectDeps(l.element(), deps);
        } else if (node instanceof Ast.FixedListNode l) {
            collectDeps(l.element(), deps);
        } else if (node instanceof Ast.MapNode m) {
            collectDeps(m.key(), deps);
            collectDeps(m.value(), deps);
        } else if (node instanceof Ast.ResultNode r) {
            if (r.ok() != null) {
                collectDeps(r.ok(), deps);
            }
            if (r.err() != null) {
                collectDeps(r.err(), deps);
            }
        } else if (node instanceof Ast.FutureNode f && f.type() != null) {
            collectDeps(f.type(), deps);
        } else if (node instanceof Ast.StreamNode s && s.type() != null) {
            collectDeps(s.type(), deps);
        }
    }

    // ------------------------------------------------------------------ docs and gates

    /** wit-parser's doc normalisation: strip comment markers and the common leading indentation. */
    static Docs docs(Ast.DocComments comments) {
        if (comments == null || comments.comments().isEmpty()) {
            return Docs.NONE;
        }
        List<String> lines = new ArrayList<>();
        for (String c : comments.comments()) {
            String contents;
            if (c.startsWith("/**")) {
                contents = c.substring(3, c.length() - 2);
            } else {
                int i = 0;
                while (i < c.length() && c.charAt(i) == '/') {
                    i++;
                }
                contents = c.substring(i);
            }
            lines.add(stripTrailing(contents));
        }
        int minWs = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int ws = 0;
            while (ws < line.length() && isAsciiWhitespace(line.charAt(ws))) {
                ws++;
            }
            minWs = Math.min(minWs, ws);
        }
        if (minWs != Integer.MAX_VALUE && minWs > 0) {
            String prefix = " ".repeat(minWs);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).startsWith(prefix)) {
                    lines.set(i, lines.get(i).substring(minWs));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            if (line.isEmpty()) {
                sb.append('\n');
            } else {
                // like Rust's str::lines: split at \n, dropping a \r before it
                for (String part : line.split("\n", -1)) {
                    sb.append(part.endsWith("\r") ? part.substring(0, part.length() - 1) : part).append('\n');
                }
            }
        }
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\n') {
            sb.setLength(sb.length() - 1);
        }
        return new Docs(sb.toString());
    }

    private static boolean isAsciiWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static String stripTrailing(String s) {
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    static Stability stability(List<Ast.Attribute> attrs) {
        if (attrs.isEmpty()) {
            return Stability.UNKNOWN;
        }
        if (attrs.size() == 1) {
            Ast.Attribute a = attrs.get(0);
            if (a instanceof Ast.Since s) {
                return new Stability.Stable(s.version(), null);
            } else if (a instanceof Ast.Unstable u) {
                return new Stability.Unstable(u.feature().name(), null);
            }
            throw a.span().error("must pair @deprecated with either @since or @unstable");
        }
        if (attrs.size() == 2) {
            Ast.Attribute a = attrs.get(0);
            Ast.Attribute b = attrs.get(1);
            if (a instanceof Ast.Since s && b instanceof Ast.Deprecated d) {
                return new Stability.Stable(s.version(), d.version());
            } else if (a instanceof Ast.Deprecated d && b instanceof Ast.Since s) {
                return new Stability.Stable(s.version(), d.version());
            } else if (a instanceof Ast.Unstable u && b instanceof Ast.Deprecated d) {
                return new Stability.Unstable(u.feature().name(), d.version());
            } else if (a instanceof Ast.Deprecated d && b instanceof Ast.Unstable u) {
                return new Stability.Unstable(u.feature().name(), d.version());
            }
        }
        throw attrs.get(1).span().error("unsupported combination of attributes");
    }
}
