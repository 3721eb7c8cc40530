package dev.dovetail.wit;

import dev.dovetail.wit.ResolveBuilder.PackageDraft;
import dev.dovetail.wit.Unresolved.DraftInterface;
import dev.dovetail.wit.Unresolved.DraftType;
import dev.dovetail.wit.Unresolved.DraftWorld;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends an already resolved {@link Resolve} (a WIT package decoded from a component) to a
 * {@link ResolveBuilder}, as wit-parser's {@code Resolve::merge} does: a package that is already
 * present is unified with it by name (its interfaces must then hold every type and function the
 * merged one has), everything else is copied with its ids renumbered.
 */
final class ResolveMerger {
    private final ResolveBuilder into;
    private final Resolve from;
    private final Path path;
    private final int[] typeMap;
    private final int[] ifaceMap;
    private final int[] worldMap;
    private final int[] pkgMap;

    private ResolveMerger(ResolveBuilder into, Resolve from, Path path) {
        this.into = into;
        this.from = from;
        this.path = path;
        typeMap = unmapped(from.types().size());
        ifaceMap = unmapped(from.interfaces().size());
        worldMap = unmapped(from.worlds().size());
        pkgMap = unmapped(from.packages().size());
    }

    private static int[] unmapped(int n) {
        int[] a = new int[n];
        Arrays.fill(a, -1);
        return a;
    }

    /** Merges {@code from} into {@code into}; returns the new ids of {@code from}'s packages, by old id. */
    static int[] merge(ResolveBuilder into, Resolve from, Path path) {
        ResolveMerger m = new ResolveMerger(into, from, path);
        m.unify();
        m.copy();
        return m.pkgMap;
    }

    /** Maps the packages already present, and their interfaces, types and worlds, by name. */
    private void unify() {
        for (int p = 0; p < from.packages().size(); p++) {
            Package pkg = from.pkg(p);
            Integer existing = into.packageNames.get(pkg.name());
            if (existing == null) {
                continue;
            }
            pkgMap[p] = existing;
            PackageDraft target = into.packages.get(existing);
            pkg.interfaces().forEach((name, id) -> {
                Integer same = target.interfaces.get(name);
                if (same != null) {
                    unifyInterface(id, same, pkg.name() + "/" + name);
                }
            });
            pkg.worlds().forEach((name, id) -> {
                Integer same = target.worlds.get(name);
                if (same != null) {
                    worldMap[id] = same;
                }
            });
        }
    }

    private void unifyInterface(int fromId, int intoId, String name) {
        ifaceMap[fromId] = intoId;
        DraftInterface target = into.interfaces.get(intoId);
        Interface iface = from.iface(fromId);
        iface.types().forEach((n, t) -> {
            Integer same = target.types.get(n);
            if (same == null) {
                throw new WitException("failed to merge package: type `" + n + "` is not in interface `" + name + "`", path);
            }
            typeMap[t] = same;
        });
        for (String f : iface.functions().keySet()) {
            if (!target.functions.containsKey(f)) {
                throw new WitException("failed to merge package: function `" + f + "` is not in interface `" + name + "`", path);
            }
        }
    }

    /** Copies everything not unified, in arena order, renumbered. */
    private void copy() {
        int typesBefore = into.types.size();
        int ifacesBefore = into.interfaces.size();
        int worldsBefore = into.worlds.size();
        int nextType = typesBefore;
        for (int i = 0; i < typeMap.length; i++) {
            if (typeMap[i] < 0) {
                typeMap[i] = nextType++;
            }
        }
        int nextIface = ifacesBefore;
        for (int i = 0; i < ifaceMap.length; i++) {
            if (ifaceMap[i] < 0) {
                ifaceMap[i] = nextIface++;
            }
        }
        int nextWorld = worldsBefore;
        for (int i = 0; i < worldMap.length; i++) {
            if (worldMap[i] < 0) {
                worldMap[i] = nextWorld++;
            }
        }
        for (int p = 0; p < pkgMap.length; p++) {
            if (pkgMap[p] < 0) {
                Package pkg = from.pkg(p);
                pkgMap[p] = into.packages.size();
                into.packages.add(new PackageDraft(pkg.name(), pkg.docs()));
                into.packageNames.put(pkg.name(), pkgMap[p]);
            }
        }

        for (int i = 0; i < typeMap.length; i++) {
            if (typeMap[i] >= typesBefore) {
                TypeDef t = from.type(i);
                into.types.add(new DraftType(t.name(), kind(t.kind()), owner(t.owner()), t.docs(), t.stability()));
            }
        }
        for (int i = 0; i < ifaceMap.length; i++) {
            if (ifaceMap[i] >= ifacesBefore) {
                Interface iface = from.iface(i);
                DraftInterface d = new DraftInterface();
                d.name = iface.name();
                iface.types().forEach((n, t) -> d.types.put(n, typeMap[t]));
                iface.functions().forEach((n, f) -> d.functions.put(n, function(f)));
                d.docs = iface.docs();
                d.stability = iface.stability();
                d.packageId = iface.packageId() == null ? null : pkgMap[iface.packageId()];
                into.interfaces.add(d);
            }
        }
        for (int i = 0; i < worldMap.length; i++) {
            if (worldMap[i] >= worldsBefore) {
                World world = from.world(i);
                DraftWorld d = new DraftWorld();
                d.name = world.name();
                d.imports = items(world.imports());
                d.exports = items(world.exports());
                d.packageId = world.packageId() == null ? null : pkgMap[world.packageId()];
                d.docs = world.docs();
                d.stability = world.stability();
                into.worlds.add(d);
            }
        }
        for (int p = 0; p < pkgMap.length; p++) {
            PackageDraft target = into.packages.get(pkgMap[p]);
            from.pkg(p).interfaces().forEach((n, id) -> target.interfaces.putIfAbsent(n, ifaceMap[id]));
            from.pkg(p).worlds().forEach((n, id) -> target.worlds.putIfAbsent(n, worldMap[id]));
        }
    }

    private Type type(Type t) {
        return t instanceof Type.Id id ? new Type.Id(typeMap[id.index()]) : t;
    }

    private TypeDefKind kind(TypeDefKind k) {
        if (k instanceof TypeDefKind.Alias a) {
            return new TypeDefKind.Alias(type(a.target()));
        } else if (k instanceof TypeDefKind.Handle h) {
            return new TypeDefKind.Handle(h.borrow(), typeMap[h.resource()]);
        }
        return ResolveBuilder.mapTypes(k, this::type);
    }

    private TypeOwner owner(TypeOwner o) {
        if (o instanceof TypeOwner.OfInterface i) {
            return new TypeOwner.OfInterface(ifaceMap[i.interfaceId()]);
        } else if (o instanceof TypeOwner.OfWorld w) {
            return new TypeOwner.OfWorld(worldMap[w.worldId()]);
        }
        return o;
    }

    private Function function(Function f) {
        Function.Kind kind = f.kind();
        if (kind.resource() >= 0) {
            kind = new Function.Kind(kind.shape(), typeMap[kind.resource()], kind.async());
        }
        List<Function.Param> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            params.add(new Function.Param(p.name(), type(p.type())));
        }
        return new Function(f.name(), kind, params, f.result() == null ? null : type(f.result()), f.docs(), f.stability());
    }

    private LinkedHashMap<WorldKey, WorldItem> items(Map<WorldKey, WorldItem> items) {
        LinkedHashMap<WorldKey, WorldItem> out = new LinkedHashMap<>();
        items.forEach((k, v) -> {
            WorldKey key = k instanceof WorldKey.InterfaceRef r ? new WorldKey.InterfaceRef(ifaceMap[r.interfaceId()]) : k;
            WorldItem item;
            if (v instanceof WorldItem.InterfaceItem ii) {
                item = new WorldItem.InterfaceItem(ifaceMap[ii.interfaceId()], ii.stability());
            } else if (v instanceof WorldItem.FunctionItem fi) {
                item = new WorldItem.FunctionItem(function(fi.function()));
            } else {
                item = new WorldItem.TypeItem(typeMap[((WorldItem.TypeItem) v).typeId()]);
            }
            out.put(key, item);
        });
        return out;
    }
}
