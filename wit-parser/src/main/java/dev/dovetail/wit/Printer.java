package dev.dovetail.wit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Prints resolved packages as WIT text, in the manner of wit-component's printer. Beyond being
 * valid WIT, the text is laid out so that resolving it again allocates packages, interfaces and
 * types in the same order, which makes the resulting {@link Resolve} (and its JSON) identical to
 * the one printed:
 *
 * <ul>
 *   <li>interfaces and worlds are printed in id order (a fixed point of the resolver's
 *       topological sort), types in the order of their owner's type map, {@code use}s first;
 *   <li>resources sit between freestanding functions where their methods sit in the function
 *       map, since the resolver resolves functions in source order;
 *   <li>world imports and exports are interleaved so that the anonymous types, owned handles and
 *       inline interfaces they allocate come in the same order as in the printed {@link Resolve};
 *   <li>in a file of several packages, dependencies are mentioned in an order that sorts the
 *       packages as their ids are;
 *   <li>doc comments are written so that the resolver's comment normalization gives back the
 *       same text.
 * </ul>
 *
 * <p>What WIT text cannot express is not reproduced: the traces of items removed by feature gates
 * (their anonymous types, their dependencies) and types that {@code include} copied into a world.
 */
final class Printer {

    /** Every word the lexer treats as a keyword; such names are printed with a {@code %}. */
    private static final Set<String> KEYWORDS = Set.of(
            "as", "async", "bool", "borrow", "char", "constructor", "enum", "error-context", "export",
            "f32", "f64", "flags", "from", "func", "future", "import", "include", "interface", "list",
            "map", "option", "own", "package", "record", "resource", "result", "s16", "s32", "s64", "s8",
            "static", "stream", "string", "tuple", "type", "u16", "u32", "u64", "u8", "use", "variant",
            "with", "world");

    private final Resolve resolve;
    private final StringBuilder out = new StringBuilder();
    private int indent;
    // Whether the block being printed already has an item, so the next one gets a blank line first.
    private boolean anyItems;
    // Anonymous types the resolver will have allocated so far in the package being printed.
    private Set<Integer> allocated = new HashSet<>();
    // Owned handles the resolver will have made for function signatures so far in the package:
    // it makes those after all types, interfaces' functions first, then worlds' functions.
    private Set<Integer> ownHandles = new HashSet<>();
    // Types that some type definition refers to (lazily computed).
    private Set<Integer> referencedByTypes;
    // Whether we are inside a world body (functions there are imports), and the keyword of the
    // previous item if it was a one-line import or export: a run of those has no blank lines.
    private boolean inWorld;
    private String lastKeyword;
    // Interfaces of other packages named by paths, in the order the resolver visits paths: it
    // orders the packages of a file by first mention (see keepPackageOrder).
    private List<Integer> mentions = new ArrayList<>();
    private List<Integer> importMentions = new ArrayList<>();
    private List<Integer> exportMentions = new ArrayList<>();

    Printer(Resolve resolve) {
        this.resolve = resolve;
    }

    /** Prints one package with a {@code package a:b;} header; other packages are named by full path. */
    String printPackage(int packageId) {
        out.setLength(0);
        indent = 0;
        printPackage(packageId, true);
        return out.toString();
    }

    /**
     * Prints several packages as one file: the last id is the root package ({@code package a:b;}
     * header, required by WIT), every other one becomes a nested {@code package a:b { ... }}
     * block after it.
     */
    String printNested(List<Integer> packageIds) {
        if (packageIds.isEmpty()) {
            throw new IllegalArgumentException("no package to print");
        }
        out.setLength(0);
        indent = 0;
        int root = packageIds.get(packageIds.size() - 1);
        List<Printed> printed = new ArrayList<>();
        printed.add(printPackage(root, true));
        for (int id : packageIds.subList(0, packageIds.size() - 1)) {
            out.append('\n');
            printed.add(printPackage(id, false));
        }
        keepPackageOrder(printed);
        return out.toString();
    }

    /** Where a package's text starts (after its header) and the paths it mentions. */
    private record Printed(int packageId, boolean root, int bodyStart, List<Integer> mentions) {}

    // ------------------------------------------------------------------ packages

    private Printed printPackage(int packageId, boolean root) {
        Package pkg = resolve.pkg(packageId);
        // Anonymous types are interned per package, so the simulation starts over.
        allocated = new HashSet<>();
        ownHandles = new HashSet<>();
        for (int i = 0; i < resolve.interfaces().size(); i++) {
            if (Objects.equals(resolve.iface(i).packageId(), packageId)) {
                for (Function f : resolve.iface(i).functions().values()) {
                    ownHandles.addAll(signatureOwnHandles(f));
                }
            }
        }
        mentions = new ArrayList<>();
        docs(pkg.docs());
        String header = "package " + packageName(pkg.name());
        if (root) {
            line(header + ";");
        } else {
            line(header + " {");
            indent++;
        }
        int bodyStart = out.length();
        boolean prevItems = anyItems;
        anyItems = root;
        for (int id : sortedIds(pkg.interfaces())) {
            newItem();
            Interface iface = resolve.iface(id);
            docs(iface.docs());
            stability(iface.stability());
            blockOpen("interface " + name(iface.name()));
            int mark = out.length();
            interfaceBody(id, packageId);
            blockClose(mark);
        }
        for (int id : sortedIds(pkg.worlds())) {
            newItem();
            World world = resolve.world(id);
            docs(world.docs());
            stability(world.stability());
            blockOpen("world " + name(world.name()));
            int mark = out.length();
            worldBody(id, packageId);
            blockClose(mark);
        }
        anyItems = prevItems;
        if (!root) {
            indent--;
            line("}");
        }
        return new Printed(packageId, root, bodyStart, mentions);
    }

    private static List<Integer> sortedIds(Map<String, Integer> items) {
        List<Integer> ids = new ArrayList<>(items.values());
        ids.sort(null);
        return ids;
    }

    private String packageName(PackageName name) {
        String s = name(name.namespace()) + ":" + name(name.name());
        return name.version() == null ? s : s + "@" + name.version();
    }

    // ------------------------------------------------------------------ interfaces

    /** One thing printed at the level of interface or world items, in resolver order. */
    private sealed interface Unit permits FreeFunc, ResourceFuncs, WorldIface {}

    /** A freestanding function of an interface, or an imported/exported function of a world. */
    private record FreeFunc(Function function, boolean export) implements Unit {}

    /** The functions of one resource, printed inside its declaration. */
    private record ResourceFuncs(int resource, List<Function> functions) implements Unit {}

    /** An imported or exported interface of a world. */
    private record WorldIface(WorldKey key, WorldItem.InterfaceItem item, boolean export) implements Unit {}

    /** A run of consecutive {@code use}d names from one interface, with one gate. */
    private record UseGroup(int from, Stability stability, List<String[]> names) {}

    private void interfaceBody(int ifaceId, int packageId) {
        Interface iface = resolve.iface(ifaceId);
        TypeOwner owner = new TypeOwner.OfInterface(ifaceId);
        List<Unit> units = new ArrayList<>();
        Map<Integer, ResourceFuncs> groups = new LinkedHashMap<>();
        for (Function f : iface.functions().values()) {
            if (f.kind().shape() == Function.Shape.FREESTANDING) {
                units.add(new FreeFunc(f, false));
            } else {
                ResourceFuncs group = groups.get(f.kind().resource());
                if (group == null) {
                    group = new ResourceFuncs(f.kind().resource(), new ArrayList<>());
                    groups.put(f.kind().resource(), group);
                    units.add(group);
                }
                group.functions().add(f);
            }
        }
        List<UseGroup> uses = new ArrayList<>();
        List<Integer> defs = new ArrayList<>();
        partitionTypes(owner, iface.types(), uses, defs);
        for (int def : defs) {
            simulateTypeDef(def, allocated);
        }
        for (Unit u : units) {
            simulateUnit(u, allocated);
        }
        printUses(uses, packageId);
        printTypesAndUnits(defs, units, groups, packageId);
    }

    /**
     * Splits a type map into {@code use}d names (aliases of types owned elsewhere, grouped like
     * {@code use} statements) and types defined here.
     */
    private void partitionTypes(TypeOwner owner, Map<String, Integer> types, List<UseGroup> uses, List<Integer> defs) {
        for (Map.Entry<String, Integer> e : types.entrySet()) {
            int id = e.getValue();
            TypeDef def = resolve.type(id);
            Integer from = usedFrom(owner, def);
            if (from == null) {
                defs.add(id);
                continue;
            }
            TypeDef target = resolve.type(((Type.Id) ((TypeDefKind.Alias) def.kind()).target()).index());
            String[] pair = {target.name(), e.getKey()};
            UseGroup last = uses.isEmpty() ? null : uses.get(uses.size() - 1);
            if (last != null && last.from() == from && last.stability().equals(def.stability())) {
                last.names().add(pair);
            } else {
                List<String[]> names = new ArrayList<>();
                names.add(pair);
                uses.add(new UseGroup(from, def.stability(), names));
            }
        }
    }

    /** The interface a type is {@code use}d from, or null if the type is defined by {@code owner}. */
    private Integer usedFrom(TypeOwner owner, TypeDef def) {
        if (def.kind() instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id target) {
            TypeDef other = resolve.type(target.index());
            if (other.name() != null
                    && other.owner() instanceof TypeOwner.OfInterface from
                    && !other.owner().equals(owner)) {
                return from.interfaceId();
            }
        }
        return null;
    }

    private void printUses(List<UseGroup> uses, int packageId) {
        for (UseGroup use : uses) {
            anyItems = true;
            mention(use.from(), packageId);
            stability(use.stability());
            StringBuilder s = new StringBuilder("use ").append(interfacePath(use.from(), packageId)).append(".{");
            for (int i = 0; i < use.names().size(); i++) {
                String[] pair = use.names().get(i);
                if (i > 0) {
                    s.append(", ");
                }
                s.append(name(pair[0]));
                if (!pair[0].equals(pair[1])) {
                    s.append(" as ").append(name(pair[1]));
                }
            }
            line(s.append("};").toString());
        }
    }

    /**
     * Prints type definitions in their map order, interleaved with the units: a resource is
     * printed, with its functions, where those functions stand among the units, and the other
     * types as early as that allows.
     */
    private void printTypesAndUnits(List<Integer> defs, List<Unit> units, Map<Integer, ResourceFuncs> groups,
            int packageId) {
        Set<Unit> printed = new HashSet<>();
        int next = 0;
        for (int def : defs) {
            ResourceFuncs group = groups.get(def);
            if (group != null) {
                int at = units.indexOf(group);
                for (; next < at; next++) {
                    Unit u = units.get(next);
                    if (!(u instanceof ResourceFuncs) && printed.add(u)) {
                        unit(u, packageId);
                    }
                }
                printed.add(group);
            }
            newItem();
            typeDef(def, group == null ? List.of() : group.functions());
        }
        for (Unit u : units) {
            if (u instanceof ResourceFuncs r && !printed.contains(u)) {
                // WIT declares resource functions inside the resource; a valid Resolve has none such.
                throw new IllegalStateException("functions of resource " + resolve.type(r.resource()).name()
                        + " in a scope that does not define it");
            }
            if (printed.add(u)) {
                unit(u, packageId);
            }
        }
    }

    private void unit(Unit u, int packageId) {
        if (u instanceof FreeFunc f) {
            freeFunction(f);
        } else if (u instanceof WorldIface w) {
            worldInterface(w, packageId);
        } else if (u instanceof ResourceFuncs) {
            throw new IllegalStateException("resource functions are printed with their resource");
        }
    }

    private void freeFunction(FreeFunc f) {
        Function func = f.function();
        String keyword = f.export() ? "export" : inWorld ? "import" : null;
        worldItemStart(keyword);
        docs(func.docs());
        stability(func.stability());
        String prefix = keyword == null ? "" : keyword + " ";
        line(prefix + name(func.name()) + ": " + signature(func) + ";");
        lastKeyword = keyword;
    }

    private void worldItemStart(String keyword) {
        if (keyword == null || !keyword.equals(lastKeyword)) {
            newItem();
        }
    }

    // ------------------------------------------------------------------ worlds

    private void worldBody(int worldId, int packageId) {
        World world = resolve.world(worldId);
        TypeOwner owner = new TypeOwner.OfWorld(worldId);
        Map<String, Integer> types = new LinkedHashMap<>();
        Map<Integer, ResourceFuncs> groups = new LinkedHashMap<>();
        Deque<Unit> importIfaces = new ArrayDeque<>();
        Deque<Unit> importFuncs = new ArrayDeque<>();
        Deque<Unit> exportFuncs = new ArrayDeque<>();
        Deque<Unit> exportIfaces = new ArrayDeque<>();
        // An interface imported under a name and also by its path can only come from elaboration
        // (a `use` or a dependency needs it); WIT text cannot import it twice, elaboration re-adds it.
        Set<Integer> importedByName = new HashSet<>();
        for (Map.Entry<WorldKey, WorldItem> e : world.imports().entrySet()) {
            if (e.getKey() instanceof WorldKey.Name && e.getValue() instanceof WorldItem.InterfaceItem i) {
                importedByName.add(i.interfaceId());
            }
        }
        for (Map.Entry<WorldKey, WorldItem> e : world.imports().entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.TypeItem t) {
                types.put(keyName(e.getKey(), resolve.type(t.typeId()).name()), t.typeId());
            } else if (item instanceof WorldItem.InterfaceItem i) {
                if (e.getKey() instanceof WorldKey.InterfaceRef && importedByName.contains(i.interfaceId())) {
                    continue;
                }
                importIfaces.add(new WorldIface(e.getKey(), i, false));
            } else if (item instanceof WorldItem.FunctionItem f) {
                Function func = f.function();
                if (func.kind().shape() == Function.Shape.FREESTANDING) {
                    importFuncs.add(new FreeFunc(func, false));
                } else {
                    groups.computeIfAbsent(func.kind().resource(), r -> new ResourceFuncs(r, new ArrayList<>()))
                            .functions().add(func);
                }
            }
        }
        for (Map.Entry<WorldKey, WorldItem> e : world.exports().entrySet()) {
            WorldItem item = e.getValue();
            if (item instanceof WorldItem.InterfaceItem i) {
                exportIfaces.add(new WorldIface(e.getKey(), i, true));
            } else if (item instanceof WorldItem.FunctionItem f) {
                exportFuncs.add(new FreeFunc(f.function(), true));
            }
            // Worlds never export types.
        }
        List<UseGroup> uses = new ArrayList<>();
        List<Integer> defs = new ArrayList<>();
        partitionTypes(owner, types, uses, defs);
        for (int def : defs) {
            simulateTypeDef(def, allocated);
        }
        Deque<Unit> resources = new ArrayDeque<>();
        for (int def : defs) {
            if (groups.containsKey(def)) {
                resources.add(groups.get(def));
            }
        }
        if (resources.size() != groups.size()) {
            throw new IllegalStateException("world " + world.name() + " imports functions of a resource it does not define");
        }
        List<Unit> units = orderWorldUnits(List.of(importIfaces, importFuncs, resources, exportFuncs, exportIfaces));

        boolean prevInWorld = inWorld;
        inWorld = true;
        lastKeyword = null;
        // The resolver visits a world's `use` paths, then those of imports, then of exports.
        List<Integer> packageMentions = mentions;
        mentions = new ArrayList<>();
        importMentions = new ArrayList<>();
        exportMentions = new ArrayList<>();
        printUses(uses, packageId);
        printTypesAndUnits(defs, units, groups, packageId);
        packageMentions.addAll(mentions);
        packageMentions.addAll(importMentions);
        packageMentions.addAll(exportMentions);
        mentions = packageMentions;
        inWorld = prevInWorld;
        lastKeyword = null;
    }

    private static String keyName(WorldKey key, String fallback) {
        return key instanceof WorldKey.Name n ? n.name() : fallback;
    }

    /**
     * Orders world items so that resolving the printed text allocates types and inline interfaces
     * as the {@link Resolve} has them. The resolver turns source order into map order per kind of
     * item (imported interfaces, imported functions, resources, exported functions, exported
     * interfaces), so each queue keeps its order and only the interleaving between queues is
     * chosen: next comes a queue head whose allocations are exactly the next ones still to be
     * made (items that allocate nothing always qualify). Two kinds of allocation are followed:
     * anonymous types, in source order, and the owned handles of function signatures, made later
     * for imports in source order, then for exports.
     */
    private List<Unit> orderWorldUnits(List<Deque<Unit>> queues) {
        List<Unit> order = new ArrayList<>();
        while (true) {
            List<Integer> pendingTypes = new ArrayList<>();
            List<Integer> pendingImportHandles = new ArrayList<>();
            List<Integer> pendingExportHandles = new ArrayList<>();
            int minIface = Integer.MAX_VALUE;
            boolean any = false;
            for (Deque<Unit> q : queues) {
                for (Unit u : q) {
                    any = true;
                    pendingTypes.addAll(freshTypes(u));
                    (isExport(u) ? pendingExportHandles : pendingImportHandles).addAll(freshOwnHandles(u));
                    minIface = Math.min(minIface, inlineInterface(u));
                }
            }
            if (!any) {
                return order;
            }
            pendingTypes = pendingTypes.stream().distinct().sorted().toList();
            pendingImportHandles = pendingImportHandles.stream().distinct().sorted().toList();
            pendingExportHandles = pendingExportHandles.stream().distinct().sorted().toList();
            Deque<Unit> pick = null;
            for (Deque<Unit> q : queues) {
                if (q.isEmpty()) {
                    continue;
                }
                Unit head = q.peekFirst();
                List<Integer> fresh = freshTypes(head);
                List<Integer> handles = freshOwnHandles(head);
                List<Integer> pendingHandles = isExport(head) ? pendingExportHandles : pendingImportHandles;
                int iface = inlineInterface(head);
                if (fresh.equals(pendingTypes.subList(0, fresh.size()))
                        && handles.equals(pendingHandles.subList(0, handles.size()))
                        && (iface == Integer.MAX_VALUE || iface == minIface)) {
                    pick = q;
                    break;
                }
            }
            if (pick == null) {
                // No head fits exactly (the queues disagree with the Resolve): take the one whose
                // first allocation comes first.
                long best = Long.MAX_VALUE;
                for (Deque<Unit> q : queues) {
                    if (!q.isEmpty()) {
                        Unit head = q.peekFirst();
                        List<Integer> fresh = freshTypes(head);
                        long first = fresh.isEmpty() ? Integer.MAX_VALUE : fresh.get(0);
                        long key = (first << 32) | inlineInterface(head);
                        if (key < best) {
                            best = key;
                            pick = q;
                        }
                    }
                }
            }
            Unit u = pick.pollFirst();
            simulateUnit(u, allocated);
            ownHandles.addAll(freshOwnHandles(u));
            order.add(u);
        }
    }

    private static boolean isExport(Unit u) {
        return u instanceof FreeFunc f ? f.export() : u instanceof WorldIface w && w.export();
    }

    /** The owned handles of world function signatures that {@code u} would be the first to use. */
    private List<Integer> freshOwnHandles(Unit u) {
        List<Function> funcs = u instanceof FreeFunc f ? List.of(f.function())
                : u instanceof ResourceFuncs r ? r.functions() : List.of();
        List<Integer> fresh = new ArrayList<>();
        for (Function f : funcs) {
            for (int id : signatureOwnHandles(f)) {
                if (!ownHandles.contains(id) && !fresh.contains(id)) {
                    fresh.add(id);
                }
            }
        }
        return fresh;
    }

    /**
     * The anonymous {@code own<r>} types a signature uses directly and no type definition uses:
     * those the resolver makes when it gets to the function, not with the types.
     */
    private List<Integer> signatureOwnHandles(Function f) {
        if (referencedByTypes == null) {
            referencedByTypes = new HashSet<>();
            for (TypeDef def : resolve.types()) {
                TypeDefKind kind = def.kind();
                for (Type t : children(kind)) {
                    if (t instanceof Type.Id id) {
                        referencedByTypes.add(id.index());
                    }
                }
                if (kind instanceof TypeDefKind.Handle h) {
                    referencedByTypes.add(h.resource());
                }
            }
        }
        List<Type> types = new ArrayList<>();
        f.params().forEach(p -> types.add(p.type()));
        types.add(f.result());
        List<Integer> handles = new ArrayList<>();
        for (Type t : types) {
            if (t instanceof Type.Id id && !referencedByTypes.contains(id.index())) {
                TypeDef def = resolve.type(id.index());
                if (def.name() == null && def.kind() instanceof TypeDefKind.Handle h && !h.borrow()) {
                    handles.add(id.index());
                }
            }
        }
        return handles;
    }

    /** The types resolving {@code u} would allocate now, in allocation order. */
    private List<Integer> freshTypes(Unit u) {
        List<Integer> fresh = new ArrayList<>();
        simulateUnit(u, new HashSet<>(allocated), fresh);
        return fresh;
    }

    private int inlineInterface(Unit u) {
        if (u instanceof WorldIface w && w.key() instanceof WorldKey.Name
                && resolve.iface(w.item().interfaceId()).name() == null) {
            return w.item().interfaceId();
        }
        return Integer.MAX_VALUE;
    }

    private void worldInterface(WorldIface w, int packageId) {
        String keyword = w.export() ? "export" : "import";
        int id = w.item().interfaceId();
        Interface iface = resolve.iface(id);
        List<Integer> worldMentions = mentions;
        mentions = w.export() ? exportMentions : importMentions;
        if (w.key() instanceof WorldKey.Name n && iface.name() == null) {
            newItem();
            docs(iface.docs());
            stability(w.item().stability());
            blockOpen(keyword + " " + name(n.name()) + ": interface");
            int mark = out.length();
            boolean prevInWorld = inWorld;
            inWorld = false;
            interfaceBody(id, packageId);
            inWorld = prevInWorld;
            blockClose(mark);
        } else {
            worldItemStart(keyword);
            stability(w.item().stability());
            mention(id, packageId);
            if (w.key() instanceof WorldKey.Name n) {
                line(keyword + " " + name(n.name()) + ": " + interfacePath(id, packageId) + ";");
            } else {
                line(keyword + " " + interfacePath(id, packageId) + ";");
            }
            lastKeyword = keyword;
        }
        mentions = worldMentions;
    }

    private void mention(int ifaceId, int packageId) {
        if (!Objects.equals(resolve.iface(ifaceId).packageId(), packageId)) {
            mentions.add(ifaceId);
        }
    }

    private String interfacePath(int ifaceId, int packageId) {
        Interface iface = resolve.iface(ifaceId);
        if (iface.name() == null) {
            throw new IllegalStateException("an inline interface has no path");
        }
        if (Objects.equals(iface.packageId(), packageId)) {
            return name(iface.name());
        }
        PackageName pkg = resolve.pkg(iface.packageId()).name();
        String path = name(pkg.namespace()) + ":" + name(pkg.name()) + "/" + name(iface.name());
        return pkg.version() == null ? path : path + "@" + pkg.version();
    }

    // ------------------------------------------------------------------ package order

    /**
     * The resolver sorts the packages of a file by dependencies, visiting them by name and each
     * one's dependencies in the order the package first mentions them. Where the printed text
     * would mention them in an order that sorts the packages differently from their ids, this
     * adds top-level {@code use} items (which count as mentions, and are otherwise unused) right
     * after the package header, naming the dependencies in an order that gives back the ids.
     */
    private void keepPackageOrder(List<Printed> printed) {
        Map<Integer, List<Integer>> deps = new LinkedHashMap<>();
        Map<Integer, Map<Integer, Integer>> viaInterface = new LinkedHashMap<>();
        for (Printed p : printed) {
            List<Integer> pkgDeps = new ArrayList<>();
            Map<Integer, Integer> via = new LinkedHashMap<>();
            for (int iface : p.mentions()) {
                int dep = resolve.iface(iface).packageId();
                if (via.putIfAbsent(dep, iface) == null) {
                    pkgDeps.add(dep);
                }
            }
            deps.put(p.packageId(), pkgDeps);
            viaInterface.put(p.packageId(), via);
        }
        List<Integer> byName = new ArrayList<>(deps.keySet());
        byName.sort((a, b) -> PackageLoader.comparePackageNames(resolve.pkg(a).name(), resolve.pkg(b).name()));
        List<Integer> target = new ArrayList<>(deps.keySet());
        target.sort(null);
        Map<Integer, List<Integer>> wanted = new PackageOrder(deps, target).mentionOrders(byName);
        if (wanted == null) {
            // No mention order gives back the ids (say a dependency only a gated item had).
            return;
        }
        // Insert from the end so that earlier offsets stay valid.
        List<Printed> backwards = new ArrayList<>(printed);
        backwards.sort((a, b) -> Integer.compare(b.bodyStart(), a.bodyStart()));
        for (Printed p : backwards) {
            List<Integer> natural = inGroup(deps.get(p.packageId()), deps.keySet());
            List<Integer> order = wanted.get(p.packageId());
            if (order.equals(natural)) {
                continue;
            }
            Package pkg = resolve.pkg(p.packageId());
            Set<String> taken = new HashSet<>(pkg.interfaces().keySet());
            taken.addAll(pkg.worlds().keySet());
            String pad = p.root() ? "" : "  ";
            StringBuilder uses = new StringBuilder(p.root() ? "\n" : "");
            for (int dep : order) {
                int iface = viaInterface.get(p.packageId()).get(dep);
                String alias = "dep-" + resolve.iface(iface).name();
                while (!taken.add(alias)) {
                    alias += "-x";
                }
                uses.append(pad).append("use ").append(interfacePath(iface, p.packageId())).append(" as ")
                        .append(alias).append(";\n");
            }
            if (!p.root()) {
                uses.append('\n');
            }
            out.insert(p.bodyStart(), uses);
        }
    }

    private static List<Integer> inGroup(List<Integer> ids, Set<Integer> group) {
        return ids.stream().filter(group::contains).toList();
    }

    /**
     * Replays the resolver's depth-first package sort, choosing at each package which dependency
     * to descend into so that packages finish in {@code target} order.
     */
    private static final class PackageOrder {
        private final Map<Integer, List<Integer>> deps;
        private final List<Integer> target;
        private final Set<Integer> done = new HashSet<>();
        private final Set<Integer> active = new HashSet<>();
        private final Map<Integer, List<Integer>> chosen = new LinkedHashMap<>();
        private int next;

        PackageOrder(Map<Integer, List<Integer>> deps, List<Integer> target) {
            this.deps = new LinkedHashMap<>();
            deps.forEach((pkg, list) -> this.deps.put(pkg, inGroup(list, deps.keySet())));
            this.target = target;
        }

        /** Each package's dependencies in the order to mention them, or null if impossible. */
        Map<Integer, List<Integer>> mentionOrders(List<Integer> byName) {
            for (int pkg : byName) {
                if (!done.contains(pkg) && !visit(pkg)) {
                    return null;
                }
            }
            Map<Integer, List<Integer>> orders = new LinkedHashMap<>();
            for (Map.Entry<Integer, List<Integer>> e : deps.entrySet()) {
                List<Integer> order = new ArrayList<>(chosen.getOrDefault(e.getKey(), List.of()));
                for (int dep : e.getValue()) {
                    if (!order.contains(dep)) {
                        order.add(dep);
                    }
                }
                orders.put(e.getKey(), order);
            }
            return orders;
        }

        private boolean visit(int pkg) {
            active.add(pkg);
            List<Integer> order = chosen.computeIfAbsent(pkg, k -> new ArrayList<>());
            while (next < target.size() && target.get(next) != pkg) {
                Integer via = null;
                for (int dep : deps.get(pkg)) {
                    if (!done.contains(dep) && !active.contains(dep) && reaches(dep, target.get(next))) {
                        via = dep;
                        break;
                    }
                }
                if (via == null) {
                    return false;
                }
                order.add(via);
                if (!visit(via)) {
                    return false;
                }
            }
            for (int dep : deps.get(pkg)) {
                if (!done.contains(dep)) {
                    // It would be visited (or be a cycle) before this package finishes.
                    return false;
                }
            }
            if (next == target.size()) {
                return false;
            }
            active.remove(pkg);
            done.add(pkg);
            next++;
            return true;
        }

        /** Whether {@code to} can be reached from {@code from} through packages not yet visited. */
        private boolean reaches(int from, int to) {
            Deque<Integer> work = new ArrayDeque<>(List.of(from));
            Set<Integer> seen = new HashSet<>(work);
            while (!work.isEmpty()) {
                int p = work.poll();
                if (p == to) {
                    return true;
                }
                for (int d : deps.get(p)) {
                    if (!done.contains(d) && !active.contains(d) && seen.add(d)) {
                        work.add(d);
                    }
                }
            }
            return false;
        }
    }

    // ------------------------------------------------------------------ allocation simulation

    private void simulateUnit(Unit u, Set<Integer> seen) {
        simulateUnit(u, seen, new ArrayList<>());
    }

    /**
     * Records in {@code fresh} the types the resolver allocates while resolving {@code u}, in
     * order, given the anonymous types {@code seen} already; adds them to {@code seen}.
     */
    private void simulateUnit(Unit u, Set<Integer> seen, List<Integer> fresh) {
        if (u instanceof FreeFunc f) {
            simulateFunction(f.function(), seen, fresh);
        } else if (u instanceof ResourceFuncs r) {
            for (Function f : r.functions()) {
                simulateFunction(f, seen, fresh);
            }
        } else if (u instanceof WorldIface w) {
            Interface iface = resolve.iface(w.item().interfaceId());
            if (iface.name() != null) {
                return;
            }
            for (int id : iface.types().values()) {
                simulateTypeDef(id, seen, fresh);
                fresh.add(id);
            }
            for (Function f : iface.functions().values()) {
                simulateFunction(f, seen, fresh);
            }
        }
    }

    private void simulateFunction(Function f, Set<Integer> seen, List<Integer> fresh) {
        for (Function.Param p : f.params()) {
            simulateType(p.type(), seen, fresh);
        }
        if (f.result() != null) {
            simulateType(f.result(), seen, fresh);
        }
    }

    private void simulateTypeDef(int id, Set<Integer> seen) {
        simulateTypeDef(id, seen, new ArrayList<>());
    }

    /** The anonymous types allocated while resolving the definition of named type {@code id}. */
    private void simulateTypeDef(int id, Set<Integer> seen, List<Integer> fresh) {
        for (Type t : children(resolve.type(id).kind())) {
            simulateType(t, seen, fresh);
        }
    }

    /** Post-order, like the resolver: an anonymous type is allocated after its components. */
    private void simulateType(Type type, Set<Integer> seen, List<Integer> fresh) {
        if (!(type instanceof Type.Id id)) {
            return;
        }
        TypeDef def = resolve.type(id.index());
        if (def.name() != null) {
            return;
        }
        // An anonymous `own<r>` is just `r` to the parser; its handle type is made later.
        if (def.kind() instanceof TypeDefKind.Handle h && !h.borrow()) {
            return;
        }
        for (Type t : children(def.kind())) {
            simulateType(t, seen, fresh);
        }
        if (seen.add(id.index())) {
            fresh.add(id.index());
        }
    }

    private static List<Type> children(TypeDefKind kind) {
        List<Type> types = new ArrayList<>();
        if (kind instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> types.add(f.type()));
        } else if (kind instanceof TypeDefKind.Variant v) {
            v.cases().forEach(c -> types.add(c.type()));
        } else if (kind instanceof TypeDefKind.Tuple t) {
            types.addAll(t.types());
        } else if (kind instanceof TypeDefKind.Option o) {
            types.add(o.type());
        } else if (kind instanceof TypeDefKind.Result r) {
            types.add(r.ok());
            types.add(r.err());
        } else if (kind instanceof TypeDefKind.ListOf l) {
            types.add(l.element());
        } else if (kind instanceof TypeDefKind.FixedLengthList l) {
            types.add(l.element());
        } else if (kind instanceof TypeDefKind.MapOf m) {
            types.add(m.key());
            types.add(m.value());
        } else if (kind instanceof TypeDefKind.Future f) {
            types.add(f.type());
        } else if (kind instanceof TypeDefKind.Stream s) {
            types.add(s.type());
        } else if (kind instanceof TypeDefKind.Alias a) {
            types.add(a.target());
        }
        types.removeIf(Objects::isNull);
        return types;
    }

    // ------------------------------------------------------------------ type definitions

    private void typeDef(int id, List<Function> resourceFuncs) {
        TypeDef def = resolve.type(id);
        docs(def.docs());
        stability(def.stability());
        String name = name(def.name());
        TypeDefKind kind = def.kind();
        if (kind instanceof TypeDefKind.Resource) {
            resource(name, resourceFuncs);
        } else if (kind instanceof TypeDefKind.Record r) {
            blockOpen("record " + name);
            int mark = out.length();
            for (TypeDefKind.Field f : r.fields()) {
                docs(f.docs());
                line(name(f.name()) + ": " + typeName(f.type()) + ",");
            }
            blockClose(mark);
        } else if (kind instanceof TypeDefKind.Variant v) {
            blockOpen("variant " + name);
            int mark = out.length();
            for (TypeDefKind.Case c : v.cases()) {
                docs(c.docs());
                line(name(c.name()) + (c.type() == null ? "" : "(" + typeName(c.type()) + ")") + ",");
            }
            blockClose(mark);
        } else if (kind instanceof TypeDefKind.Enum e) {
            blockOpen("enum " + name);
            int mark = out.length();
            for (TypeDefKind.EnumCase c : e.cases()) {
                docs(c.docs());
                line(name(c.name()) + ",");
            }
            blockClose(mark);
        } else if (kind instanceof TypeDefKind.Flags f) {
            blockOpen("flags " + name);
            int mark = out.length();
            for (TypeDefKind.Flag flag : f.flags()) {
                docs(flag.docs());
                line(name(flag.name()) + ",");
            }
            blockClose(mark);
        } else if (kind instanceof TypeDefKind.Handle h && !h.borrow()) {
            // A named own handle must stay `own<r>`: `type x = r` would be an alias of `r`.
            line("type " + name + " = own<" + name(resolve.type(h.resource()).name()) + ">;");
        } else {
            line("type " + name + " = " + inlineType(kind) + ";");
        }
    }

    private void resource(String name, List<Function> funcs) {
        if (funcs.isEmpty()) {
            line("resource " + name + ";");
            return;
        }
        line("resource " + name + " {");
        indent++;
        for (Function f : funcs) {
            docs(f.docs());
            stability(f.stability());
            line(switch (f.kind().shape()) {
                case CONSTRUCTOR -> signature(f);
                case STATIC -> name(itemName(f)) + ": static " + signature(f);
                case METHOD, FREESTANDING -> name(itemName(f)) + ": " + signature(f);
            } + ";");
        }
        indent--;
        line("}");
    }

    /** The name a resource function is declared with: the part after the dot. */
    private static String itemName(Function f) {
        int dot = f.name().indexOf('.');
        return dot < 0 ? f.name() : f.name().substring(dot + 1);
    }

    /** {@code func(a: t) -> r}, {@code async func()}, or {@code constructor(a: t)}. */
    private String signature(Function f) {
        Function.Kind kind = f.kind();
        StringBuilder s = new StringBuilder();
        if (kind.async() && kind.shape() != Function.Shape.CONSTRUCTOR) {
            s.append("async ");
        }
        s.append(kind.shape() == Function.Shape.CONSTRUCTOR ? "constructor(" : "func(");
        List<Function.Param> params = f.params();
        // Methods have an implicit `self`.
        int skip = kind.shape() == Function.Shape.METHOD && !params.isEmpty() ? 1 : 0;
        for (int i = skip; i < params.size(); i++) {
            if (i > skip) {
                s.append(", ");
            }
            Function.Param p = params.get(i);
            s.append(name(p.name())).append(": ").append(typeName(p.type()));
        }
        s.append(')');
        if (f.result() != null && !(kind.shape() == Function.Shape.CONSTRUCTOR && ownsResource(f.result(), kind.resource()))) {
            s.append(" -> ").append(typeName(f.result()));
        }
        return s.toString();
    }

    /** Whether {@code t} is an owned handle to {@code resource}: a constructor's implicit result. */
    private boolean ownsResource(Type t, int resource) {
        if (!(t instanceof Type.Id id)) {
            return false;
        }
        if (id.index() == resource) {
            return true;
        }
        TypeDef def = resolve.type(id.index());
        return def.name() == null && def.kind() instanceof TypeDefKind.Handle h && !h.borrow()
                && h.resource() == resource;
    }

    /** How a type is referred to: its name, or its structure if anonymous. */
    private String typeName(Type type) {
        if (type instanceof Type.Primitive p) {
            return p.witName();
        }
        if (type instanceof Type.Id id) {
            TypeDef def = resolve.type(id.index());
            if (def.name() != null) {
                return name(def.name());
            }
            return inlineType(def.kind());
        }
        throw new IllegalStateException("missing type");
    }

    private String inlineType(TypeDefKind kind) {
        if (kind instanceof TypeDefKind.Handle h) {
            String resource = name(resource(h.resource()));
            return h.borrow() ? "borrow<" + resource + ">" : resource;
        } else if (kind instanceof TypeDefKind.Tuple t) {
            StringBuilder s = new StringBuilder("tuple<");
            for (int i = 0; i < t.types().size(); i++) {
                s.append(i > 0 ? ", " : "").append(typeName(t.types().get(i)));
            }
            return s.append('>').toString();
        } else if (kind instanceof TypeDefKind.Option o) {
            return "option<" + typeName(o.type()) + ">";
        } else if (kind instanceof TypeDefKind.Result r) {
            if (r.ok() == null && r.err() == null) {
                return "result";
            } else if (r.err() == null) {
                return "result<" + typeName(r.ok()) + ">";
            } else if (r.ok() == null) {
                return "result<_, " + typeName(r.err()) + ">";
            }
            return "result<" + typeName(r.ok()) + ", " + typeName(r.err()) + ">";
        } else if (kind instanceof TypeDefKind.ListOf l) {
            return "list<" + typeName(l.element()) + ">";
        } else if (kind instanceof TypeDefKind.FixedLengthList l) {
            return "list<" + typeName(l.element()) + ", " + l.length() + ">";
        } else if (kind instanceof TypeDefKind.MapOf m) {
            return "map<" + typeName(m.key()) + ", " + typeName(m.value()) + ">";
        } else if (kind instanceof TypeDefKind.Future f) {
            return f.type() == null ? "future" : "future<" + typeName(f.type()) + ">";
        } else if (kind instanceof TypeDefKind.Stream s) {
            return s.type() == null ? "stream" : "stream<" + typeName(s.type()) + ">";
        } else if (kind instanceof TypeDefKind.Alias a) {
            return typeName(a.target());
        } else if (kind instanceof TypeDefKind.Record || kind instanceof TypeDefKind.Variant
                || kind instanceof TypeDefKind.Enum || kind instanceof TypeDefKind.Flags
                || kind instanceof TypeDefKind.Resource || kind instanceof TypeDefKind.Unknown) {
            throw new IllegalStateException("a " + kind.getClass().getSimpleName().toLowerCase()
                    + " type must have a name to be printed");
        }
        throw new IllegalStateException("unknown type kind " + kind);
    }

    private String resource(int id) {
        String name = resolve.type(id).name();
        if (name == null) {
            throw new IllegalStateException("a handle to an unnamed resource");
        }
        return name;
    }

    // ------------------------------------------------------------------ docs and gates

    private void stability(Stability stability) {
        if (stability instanceof Stability.Stable s) {
            line("@since(version = " + s.since() + ")");
            deprecated(s.deprecated());
        } else if (stability instanceof Stability.Unstable u) {
            line("@unstable(feature = " + name(u.feature()) + ")");
            deprecated(u.deprecated());
        }
    }

    private void deprecated(String version) {
        if (version != null) {
            line("@deprecated(version = " + version + ")");
        }
    }

    /**
     * Prints doc comments. Every comment before an item counts as documentation, and the
     * resolver strips the leading slashes, trailing whitespace and the common leading whitespace;
     * the first layout that comes back unchanged through that is used.
     */
    private void docs(Docs docs) {
        if (docs == null || docs.isEmpty()) {
            return;
        }
        String contents = docs.contents();
        String[] lines = contents.split("\n", -1);
        List<String> spaced = new ArrayList<>();
        List<String> tight = new ArrayList<>();
        for (String l : lines) {
            spaced.add(l.isEmpty() ? "///" : "/// " + l);
            tight.add("///" + l);
        }
        if (normalizedDocs(spaced).equals(contents)) {
            spaced.forEach(this::line);
        } else if (normalizedDocs(tight).equals(contents)) {
            tight.forEach(this::line);
        } else {
            String block = "/**" + contents + "*/";
            if (!contents.contains("*/") && !contents.contains("/*")
                    && normalizedDocs(List.of(block)).equals(contents)) {
                // Continuation lines are written as they are: indenting them would change the text.
                indentIfNeeded();
                out.append(block).append('\n');
            } else {
                spaced.forEach(this::line);
            }
        }
    }

    /** The documentation the resolver makes of these comments. */
    private static String normalizedDocs(List<String> comments) {
        return AstResolver.docs(new Ast.DocComments(comments, null)).contents();
    }

    // ------------------------------------------------------------------ output

    private static String name(String name) {
        return KEYWORDS.contains(name) ? "%" + name : name;
    }

    private void newItem() {
        if (anyItems) {
            out.append('\n');
        }
        anyItems = true;
        lastKeyword = null;
    }

    private void blockOpen(String head) {
        line(head + " {");
        indent++;
        anyItems = false;
    }

    /** Closes a block; one with nothing in it since {@code mark} is folded into {@code {}}. */
    private void blockClose(int mark) {
        indent--;
        if (out.length() == mark) {
            // Remove " {\n" and write " {}" instead.
            out.setLength(mark - 1);
            out.append("}\n");
        } else {
            line("}");
        }
        anyItems = true;
        lastKeyword = null;
    }

    private void line(String s) {
        indentIfNeeded();
        out.append(s).append('\n');
    }

    private void indentIfNeeded() {
        for (int i = 0; i < indent; i++) {
            out.append("  ");
        }
    }
}
