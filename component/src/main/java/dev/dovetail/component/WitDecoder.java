package dev.dovetail.component;

import dev.dovetail.wit.Docs;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.Package;
import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Stability;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDef;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns elaborated component types into a WIT {@link Resolve}, following the reading rules of
 * wit-parser's {@code decoding.rs}:
 *
 * <ul>
 *   <li>an instance named by an interface name is an interface of a foreign package (filled in
 *       with just what is used) or of the package being decoded; one with a plain name is an
 *       inline interface;
 *   <li>a type export whose type (through its chain of {@code (eq ...)} aliases) is already
 *       known becomes {@code type x = y} (a {@code use}), otherwise it is defined in full;
 *   <li>anonymous value types become anonymous type definitions, reused per type identity;
 *   <li>foreign packages come first, sorted by their dependencies, the main package last.
 * </ul>
 */
final class WitDecoder {

    private static final class TypeDraft {
        final String name;
        final TypeDefKind kind;
        final TypeOwner owner;

        TypeDraft(String name, TypeDefKind kind, TypeOwner owner) {
            this.name = name;
            this.kind = kind;
            this.owner = owner;
        }
    }

    private static final class IfaceDraft {
        final String name;
        final LinkedHashMap<String, Integer> types = new LinkedHashMap<>();
        final LinkedHashMap<String, Function> functions = new LinkedHashMap<>();
        Integer pkg;

        IfaceDraft(String name) {
            this.name = name;
        }
    }

    private static final class WorldDraft {
        final String name;
        final LinkedHashMap<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        final LinkedHashMap<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        Integer pkg;

        WorldDraft(String name) {
            this.name = name;
        }
    }

    /** A package's interfaces and worlds by name (wit-parser's {@code PackageFields}). */
    private static final class PkgDraft {
        final PackageName name;
        final LinkedHashMap<String, Integer> interfaces = new LinkedHashMap<>();
        final LinkedHashMap<String, Integer> worlds = new LinkedHashMap<>();

        PkgDraft(PackageName name) {
            this.name = name;
        }
    }

    private final List<TypeDraft> types = new ArrayList<>();
    private final List<IfaceDraft> interfaces = new ArrayList<>();
    private final List<WorldDraft> worlds = new ArrayList<>();
    private final List<PkgDraft> packages = new ArrayList<>();
    private final Map<PackageName, Integer> packageNames = new HashMap<>();

    private final List<PkgDraft> foreign = new ArrayList<>();
    private final Map<PackageName, Integer> foreignIndex = new HashMap<>();
    private final Map<Integer, Integer> ifaceToForeign = new HashMap<>();
    private final Map<String, Integer> namedInterfaces = new HashMap<>();
    private final Map<TypeOwner, Map<String, Integer>> resources = new HashMap<>();
    private final IdentityHashMap<Ty, Integer> typeMap = new IdentityHashMap<>();
    /** How deep the conversion of nested value types is, bounded by {@link TypeElaborator#MAX_DEPTH}. */
    private int depth;

    private WitDecoder() {}

    // ------------------------------------------------------------------ entry points

    /** Whether the externs are a WIT package: only exports, all of component types. */
    static boolean isWitPackage(List<TypeElaborator.Extern> externs) {
        if (externs.isEmpty()) {
            return false;
        }
        for (TypeElaborator.Extern e : externs) {
            if (e.isImport() || !(e.entity() instanceof Ty.Entity.Type t) || !(Ty.peel(t.referenced()) instanceof Ty.Comp)) {
                return false;
            }
        }
        WitName first = WitName.parse(externs.get(0).name());
        return first instanceof WitName.Label || first instanceof WitName.Interface i && i.iface().equals("wit");
    }

    /** A component's imports and exports as world {@code root} of package {@code root:component}. */
    static DecodedWit.ComponentWorld component(List<TypeElaborator.Extern> externs) {
        WitDecoder d = new WitDecoder();
        int world = d.worlds.size();
        d.worlds.add(new WorldDraft("root"));
        PkgDraft main = new PkgDraft(new PackageName("root", "component", null));
        main.worlds.put("root", world);
        for (TypeElaborator.Extern e : externs) {
            if (e.isImport()) {
                d.componentImport(e.name(), e.implementsName(), e.entity(), world, main);
            } else {
                d.componentExport(e.name(), e.implementsName(), e.entity(), world, main);
            }
        }
        Built b = d.finish(main);
        return new DecodedWit.ComponentWorld(b.resolve(), b.pkg(), world);
    }

    /** A WIT package encoded as a component (the current encoding, or the older {@code ns:pkg/wit} one). */
    static DecodedWit.WitPackage witPackage(List<TypeElaborator.Extern> externs) {
        WitDecoder d = new WitDecoder();
        WitName first = WitName.parse(externs.get(0).name());
        if (first instanceof WitName.Interface i) {
            // the older encoding: one component type named `ns:pkg/wit`
            if (externs.size() != 1) {
                throw new WitExtractionException("more than one top-level exported component type found");
            }
            PkgDraft pkg = new PkgDraft(i.packageName());
            d.context(() -> d.packageV1(comp(externs.get(0)), pkg), "failed to decode document `" + externs.get(0).name() + "`");
            Built b = d.finish(pkg);
            return new DecodedWit.WitPackage(b.resolve(), b.pkg());
        }
        PkgDraft fields = new PkgDraft(null);
        PackageName name = null;
        for (TypeElaborator.Extern e : externs) {
            Ty.Comp c = comp(e);
            if (c.exports.size() != 1) {
                throw new WitExtractionException("expected a single export, but found " + c.exports.size() + " instead");
            }
            Map.Entry<String, Ty.Entity> only = c.exports.entrySet().iterator().next();
            PackageName itemPackage;
            if (only.getValue() instanceof Ty.Entity.Component w) {
                itemPackage = d.world(only.getKey(), asComp(w.type()), fields);
            } else if (only.getValue() instanceof Ty.Entity.Instance inst) {
                itemPackage = d.iface(only.getKey(), c.imports, asInst(inst.type()), fields);
            } else {
                throw new WitExtractionException("export `" + only.getKey() + "` is not an interface or a world");
            }
            if (name != null && !name.equals(itemPackage)) {
                throw new WitExtractionException("item defined with mismatched package name");
            }
            name = itemPackage;
        }
        PkgDraft pkg = new PkgDraft(name);
        pkg.interfaces.putAll(fields.interfaces);
        pkg.worlds.putAll(fields.worlds);
        Built b = d.finish(pkg);
        return new DecodedWit.WitPackage(b.resolve(), b.pkg());
    }

    /**
     * A single world encoded as by wit-component's {@code encode_world}: one un-ascribed export
     * of a component type that exports the world's component type under its full name.
     */
    static DecodedWit.ComponentWorld singleWorld(List<TypeElaborator.Extern> externs) {
        if (externs.size() != 1 || externs.get(0).isImport()) {
            throw new WitExtractionException("expected one export in component");
        }
        TypeElaborator.Extern e = externs.get(0);
        if (!(e.entity() instanceof Ty.Entity.Type)) {
            throw new WitExtractionException("expected an export of a type");
        }
        if (e.ascribed().isPresent()) {
            throw new WitExtractionException("expected an un-ascribed exported type");
        }
        Ty.Comp outer = comp(e);
        if (!outer.imports.isEmpty() || outer.exports.size() != 1
                || !(outer.exports.values().iterator().next() instanceof Ty.Entity.Component w)) {
            throw new WitExtractionException("expected a component type that only exports a component type");
        }
        WitDecoder d = new WitDecoder();
        PkgDraft fields = new PkgDraft(null);
        PackageName name = d.world(outer.exports.keySet().iterator().next(), asComp(w.type()), fields);
        PkgDraft pkg = new PkgDraft(name);
        pkg.interfaces.putAll(fields.interfaces);
        pkg.worlds.putAll(fields.worlds);
        Built b = d.finish(pkg);
        int world = b.resolve().pkg(b.pkg()).worlds().values().iterator().next();
        return new DecodedWit.ComponentWorld(b.resolve(), b.pkg(), world);
    }

    private static Ty.Comp comp(TypeElaborator.Extern e) {
        return asComp(((Ty.Entity.Type) e.entity()).referenced());
    }

    private static Ty.Comp asComp(Ty t) {
        if (Ty.peel(t) instanceof Ty.Comp c) {
            return c;
        }
        throw new WitExtractionException("expected a component type");
    }

    private static Ty.Inst asInst(Ty t) {
        if (Ty.peel(t) instanceof Ty.Inst i) {
            return i;
        }
        throw new WitExtractionException("expected an instance type");
    }

    private static Ty.Fn asFn(Ty t) {
        if (Ty.peel(t) instanceof Ty.Fn f) {
            return f;
        }
        throw new WitExtractionException("expected a function type");
    }

    private <T> T context(Supplier<T> body, String context) {
        try {
            return body.get();
        } catch (WitExtractionException e) {
            throw e.withContext(context);
        }
    }

    private void context(Runnable body, String context) {
        context(() -> {
            body.run();
            return null;
        }, context);
    }

    // ------------------------------------------------------------------ packages, worlds, interfaces

    private void packageV1(Ty.Comp c, PkgDraft pkg) {
        c.imports.forEach((name, e) -> {
            if (!(e instanceof Ty.Entity.Instance i)) {
                throw new WitExtractionException("import `" + name + "` is not an instance");
            }
            context(() -> registerImport(name, asInst(i.type())), "failed to process import `" + name + "`");
        });
        c.exports.forEach((name, e) -> {
            if (e instanceof Ty.Entity.Instance i) {
                context(() -> registerInterface(name, asInst(i.type()), pkg), "failed to process export `" + name + "`");
            } else if (e instanceof Ty.Entity.Component w) {
                context(() -> registerWorld(name, asComp(w.type()), pkg), "failed to process export `" + name + "`");
            } else {
                throw new WitExtractionException("component export `" + name + "` is not an instance or component");
            }
        });
    }

    private PackageName iface(String name, Map<String, Ty.Entity> imports, Ty.Inst ty, PkgDraft fields) {
        if (!(WitName.parse(name) instanceof WitName.Interface id)) {
            throw new WitExtractionException("expected interface name to be fully qualified: " + name);
        }
        imports.forEach((n, e) -> {
            if (!(e instanceof Ty.Entity.Instance i)) {
                throw new WitExtractionException("import `" + n + "` is not an instance");
            }
            context(() -> registerImport(n, asInst(i.type())), "failed to process import `" + n + "`");
        });
        registerInterface(name, ty, fields);
        return id.packageName();
    }

    private PackageName world(String name, Ty.Comp ty, PkgDraft fields) {
        if (!(WitName.parse(name) instanceof WitName.Interface id)) {
            throw new WitExtractionException("expected world name to be fully qualified: " + name);
        }
        registerWorld(name, ty, fields);
        return id.packageName();
    }

    private void componentImport(String name, String implementsName, Ty.Entity e, int world, PkgDraft pkg) {
        TypeOwner owner = new TypeOwner.OfWorld(world);
        WorldKey key;
        WorldItem item;
        if (e instanceof Ty.Entity.Instance i) {
            Registered r = context(() -> worldInterface(name, implementsName, asInst(i.type()), pkg),
                    "failed to decode WIT from import `" + name + "`");
            key = r.key();
            item = new WorldItem.InterfaceItem(r.id(), Stability.UNKNOWN);
        } else if (e instanceof Ty.Entity.Func f) {
            key = new WorldKey.Name(name);
            item = new WorldItem.FunctionItem(context(() -> convertFunction(name, asFn(f.type()), owner),
                    "failed to decode function from import `" + name + "`"));
        } else if (e instanceof Ty.Entity.Type t) {
            key = new WorldKey.Name(name);
            item = new WorldItem.TypeItem(context(() -> registerTypeExport(name, owner, t.referenced(), t.created()),
                    "failed to decode type from import `" + name + "`"));
        } else {
            // imports of modules, components and values are not part of a world
            return;
        }
        worlds.get(world).imports.put(key, item);
    }

    private void componentExport(String name, String implementsName, Ty.Entity e, int world, PkgDraft pkg) {
        WorldKey key;
        WorldItem item;
        if (e instanceof Ty.Entity.Func f) {
            key = new WorldKey.Name(name);
            item = new WorldItem.FunctionItem(context(() -> convertFunction(name, asFn(f.type()), new TypeOwner.OfWorld(world)),
                    "failed to decode function from export `" + name + "`"));
        } else if (e instanceof Ty.Entity.Instance i) {
            Registered r = context(() -> worldInterface(name, implementsName, asInst(i.type()), pkg),
                    "failed to decode WIT from export `" + name + "`");
            key = r.key();
            item = new WorldItem.InterfaceItem(r.id(), Stability.UNKNOWN);
        } else {
            throw new WitExtractionException("component export `" + name + "` was not a function or instance");
        }
        worlds.get(world).exports.put(key, item);
    }

    /**
     * An instance named {@code name} (an interface name): either an interface of the package
     * being decoded, whose items must all be known already, or one of a foreign package, filled
     * in with what this instance shows of it.
     */
    private int registerImport(String name, Ty.Inst ty) {
        Integer local = namedInterfaces.get(name);
        boolean isLocal = local != null;
        int iface = isLocal ? local : depInterface(name);
        TypeOwner owner = new TypeOwner.OfInterface(iface);
        for (Map.Entry<String, Ty.Entity> x : ty.exports.entrySet()) {
            String n = x.getKey();
            if (x.getValue() instanceof Ty.Entity.Type t) {
                Integer existing = interfaces.get(iface).types.get(n);
                if (existing != null) {
                    // connect this view's anonymous types with the ones already decoded
                    if (Ty.peel(t.referenced()) instanceof Ty.Def def) {
                        registerDefined(existing, def.shape);
                    }
                    typeMap.put(t.created(), existing);
                } else {
                    if (isLocal) {
                        throw new WitExtractionException("instance type export `" + n + "` not defined in interface");
                    }
                    int id = registerTypeExport(n, owner, t.referenced(), t.created());
                    interfaces.get(iface).types.put(n, id);
                }
            } else if (x.getValue() instanceof Ty.Entity.Func f) {
                if (interfaces.get(iface).functions.containsKey(n)) {
                    continue;
                }
                if (isLocal) {
                    throw new WitExtractionException("instance function export `" + n + "` not defined in interface");
                }
                Function func = convertFunction(n, asFn(f.type()), owner);
                interfaces.get(iface).functions.put(n, func);
            } else {
                throw new WitExtractionException("instance type export `" + n + "` is not a type");
            }
        }
        return iface;
    }

    /** The interface {@code ns:pkg/name@v} of a foreign package, created on first use. */
    private int depInterface(String name) {
        if (!(WitName.parse(name) instanceof WitName.Interface id)) {
            throw new WitExtractionException("package name is not a valid id: " + name);
        }
        PackageName pkgName = id.packageName();
        Integer index = foreignIndex.get(pkgName);
        if (index == null) {
            index = foreign.size();
            foreign.add(new PkgDraft(pkgName));
            foreignIndex.put(pkgName, index);
        }
        PkgDraft pkg = foreign.get(index);
        Integer iface = pkg.interfaces.get(id.iface());
        if (iface == null) {
            iface = interfaces.size();
            interfaces.add(new IfaceDraft(id.iface()));
            pkg.interfaces.put(id.iface(), iface);
        }
        ifaceToForeign.put(iface, index);
        return iface;
    }

    private record Registered(WorldKey key, int id) {}

    /** A new interface from an instance type: named if {@code name} is an interface name, inline otherwise. */
    private Registered registerInterface(String name, Ty.Inst ty, PkgDraft pkg) {
        if (namedInterfaces.containsKey(name)) {
            int id = registerImport(name, ty);
            return new Registered(new WorldKey.InterfaceRef(id), id);
        }
        String ifaceName = interfaceName(name);
        int id = interfaces.size();
        IfaceDraft iface = new IfaceDraft(ifaceName);
        interfaces.add(iface);
        TypeOwner owner = new TypeOwner.OfInterface(id);
        for (Map.Entry<String, Ty.Entity> x : ty.exports.entrySet()) {
            String n = x.getKey();
            if (x.getValue() instanceof Ty.Entity.Type t) {
                int tid = context(() -> registerTypeExport(n, owner, t.referenced(), t.created()),
                        "failed to register type export '" + n + "'");
                iface.types.put(n, tid);
            } else if (x.getValue() instanceof Ty.Entity.Func f) {
                Function func = context(() -> convertFunction(n, asFn(f.type()), owner), "failed to convert function '" + n + "'");
                iface.functions.put(n, func);
            } else {
                throw new WitExtractionException("instance type export `" + n + "` is not a type or function");
            }
        }
        if (ifaceName == null) {
            return new Registered(new WorldKey.Name(name), id);
        }
        if (pkg.interfaces.putIfAbsent(ifaceName, id) != null) {
            throw new WitExtractionException("interface `" + ifaceName + "` is defined twice");
        }
        namedInterfaces.put(name, id);
        return new Registered(new WorldKey.InterfaceRef(id), id);
    }

    /** The interface part of an interface name, or null for a plain label. */
    private static String interfaceName(String name) {
        WitName n = WitName.parse(name);
        if (n instanceof WitName.Interface i) {
            return i.iface();
        } else if (n instanceof WitName.Label) {
            return null;
        }
        throw new WitExtractionException("cannot extract item name from: " + name);
    }

    private int registerTypeExport(String name, TypeOwner owner, Ty referenced, Ty created) {
        Integer prev = findAlias(referenced);
        TypeDefKind kind;
        if (prev != null) {
            kind = new TypeDefKind.Alias(new Type.Id(prev));
        } else {
            Ty def = Ty.peel(referenced);
            if (def instanceof Ty.Def d) {
                kind = context(() -> convertDefined(d.shape), "failed to convert unaliased type");
            } else if (def instanceof Ty.Res) {
                kind = new TypeDefKind.Resource();
            } else {
                throw new WitExtractionException("type `" + name + "` is not a value type or a resource");
            }
        }
        int id = alloc(name, kind, owner);
        if (kind instanceof TypeDefKind.Resource) {
            resources.computeIfAbsent(owner, k -> new HashMap<>()).put(name, id);
        }
        typeMap.put(created, id);
        return id;
    }

    /** The WIT type already decoded for {@code ty} or for anything its alias chain leads to. */
    private Integer findAlias(Ty ty) {
        for (Ty cur = ty; ; ) {
            Integer prev = typeMap.get(cur);
            if (prev != null) {
                return prev;
            }
            if (!(cur instanceof Ty.Alias a)) {
                return null;
            }
            cur = a.target;
        }
    }

    private int registerWorld(String name, Ty.Comp ty, PkgDraft pkg) {
        String worldName = interfaceName(name);
        if (worldName == null) {
            throw new WitExtractionException("expected world name to have an ID form: " + name);
        }
        int id = worlds.size();
        WorldDraft world = new WorldDraft(worldName);
        worlds.add(world);
        TypeOwner owner = new TypeOwner.OfWorld(id);
        for (Map.Entry<String, Ty.Entity> x : ty.imports.entrySet()) {
            String n = x.getKey();
            if (x.getValue() instanceof Ty.Entity.Instance i) {
                Registered r = worldInterface(n, ty.importsImplement.get(n), asInst(i.type()), pkg);
                world.imports.put(r.key(), new WorldItem.InterfaceItem(r.id(), Stability.UNKNOWN));
            } else if (x.getValue() instanceof Ty.Entity.Type t) {
                int tid = registerTypeExport(n, owner, t.referenced(), t.created());
                world.imports.put(new WorldKey.Name(n), new WorldItem.TypeItem(tid));
            } else if (x.getValue() instanceof Ty.Entity.Func f) {
                world.imports.put(new WorldKey.Name(n), new WorldItem.FunctionItem(convertFunction(n, asFn(f.type()), owner)));
            } else {
                throw new WitExtractionException("component import `" + n + "` is not an instance, func, or type");
            }
        }
        for (Map.Entry<String, Ty.Entity> x : ty.exports.entrySet()) {
            String n = x.getKey();
            if (x.getValue() instanceof Ty.Entity.Instance i) {
                Registered r = worldInterface(n, ty.exportsImplement.get(n), asInst(i.type()), pkg);
                world.exports.put(r.key(), new WorldItem.InterfaceItem(r.id(), Stability.UNKNOWN));
            } else if (x.getValue() instanceof Ty.Entity.Func f) {
                world.exports.put(new WorldKey.Name(n), new WorldItem.FunctionItem(convertFunction(n, asFn(f.type()), owner)));
            } else {
                throw new WitExtractionException("component export `" + n + "` is not an instance or function");
            }
        }
        if (pkg.worlds.putIfAbsent(worldName, id) != null) {
            throw new WitExtractionException("world `" + worldName + "` is defined twice");
        }
        return id;
    }

    /**
     * An instance imported or exported by a world: an interface named by its interface name, a
     * plain name for an interface given by {@code (implements "I")}, or an inline interface.
     */
    private Registered worldInterface(String name, String implementsName, Ty.Inst ty, PkgDraft pkg) {
        if (implementsName != null) {
            return new Registered(new WorldKey.Name(name), registerImport(implementsName, ty));
        }
        if (name.contains("/")) {
            int id = registerImport(name, ty);
            return new Registered(new WorldKey.InterfaceRef(id), id);
        }
        return registerInterface(name, ty, pkg);
    }

    // ------------------------------------------------------------------ functions and types

    private Function convertFunction(String name, Ty.Fn ty, TypeOwner owner) {
        List<Function.Param> params = new ArrayList<>();
        context(() -> {
            for (Ty.Param p : ty.params) {
                params.add(new Function.Param(p.name(), convertValtype(p.type())));
            }
        }, "failed to convert params");
        Type result = ty.result == null ? null
                : context(() -> convertValtype(ty.result), "failed to convert anonymous result type");
        WitName n = WitName.parse(name);
        Function.Kind kind;
        if (n instanceof WitName.Label) {
            kind = new Function.Kind(Function.Shape.FREESTANDING, -1, ty.async);
        } else if (n instanceof WitName.Constructor c) {
            kind = new Function.Kind(Function.Shape.CONSTRUCTOR, resource(owner, c.resource()), ty.async);
        } else if (n instanceof WitName.Method m) {
            kind = new Function.Kind(Function.Shape.METHOD, resource(owner, m.resource()), ty.async);
        } else if (n instanceof WitName.Static s) {
            kind = new Function.Kind(Function.Shape.STATIC, resource(owner, s.resource()), ty.async);
        } else {
            throw new WitExtractionException("`" + name + "` is not a function name");
        }
        return new Function(name, kind, params, result, Docs.NONE, Stability.UNKNOWN);
    }

    private int resource(TypeOwner owner, String name) {
        Integer id = resources.getOrDefault(owner, Map.of()).get(name);
        if (id == null) {
            throw new WitExtractionException("resource `" + name + "` is not defined next to its functions");
        }
        return id;
    }

    private Type convertValtype(ValueTy vt) {
        if (vt instanceof ValueTy.Prim p) {
            return primitive(p.type());
        }
        TypeElaborator.enter(++depth);
        try {
            return convertNamedOrNew((Ty) vt);
        } finally {
            depth--;
        }
    }

    private Type convertNamedOrNew(Ty ty) {
        Integer known = typeMap.get(ty);
        if (known != null) {
            return new Type.Id(known);
        }
        if (!(Ty.peel(ty) instanceof Ty.Def def)) {
            throw new WitExtractionException("a resource or non-value type is used as a value type");
        }
        TypeDefKind kind = convertDefined(def.shape);
        String unnamed = kind instanceof TypeDefKind.Record ? "record"
                : kind instanceof TypeDefKind.Variant ? "variant"
                : kind instanceof TypeDefKind.Enum ? "enum"
                : kind instanceof TypeDefKind.Flags ? "flags"
                : null;
        if (unnamed != null) {
            throw new WitExtractionException("unexpected unnamed type of kind '" + unnamed + "'");
        }
        int id = alloc(null, kind, TypeOwner.NONE);
        typeMap.put(ty, id);
        return new Type.Id(id);
    }

    private TypeDefKind convertDefined(Ty.Shape s) {
        if (s instanceof Ty.Shape.Primitive p) {
            return new TypeDefKind.Alias(primitive(p.type()));
        } else if (s instanceof Ty.Shape.ListOf l) {
            return new TypeDefKind.ListOf(convertValtype(l.element()));
        } else if (s instanceof Ty.Shape.FixedList l) {
            return new TypeDefKind.FixedLengthList(convertValtype(l.element()), l.length());
        } else if (s instanceof Ty.Shape.Tuple t) {
            List<Type> ts = new ArrayList<>();
            for (ValueTy v : t.types()) {
                ts.add(convertValtype(v));
            }
            return new TypeDefKind.Tuple(ts);
        } else if (s instanceof Ty.Shape.Option o) {
            return new TypeDefKind.Option(convertValtype(o.type()));
        } else if (s instanceof Ty.Shape.Result r) {
            return new TypeDefKind.Result(r.ok() == null ? null : convertValtype(r.ok()),
                    r.err() == null ? null : convertValtype(r.err()));
        } else if (s instanceof Ty.Shape.Record r) {
            List<TypeDefKind.Field> fields = new ArrayList<>();
            for (Ty.Shape.Field f : r.fields()) {
                Type t = context(() -> convertValtype(f.type()), "failed to convert record field '" + f.name() + "'");
                fields.add(new TypeDefKind.Field(f.name(), t, Docs.NONE));
            }
            return new TypeDefKind.Record(fields);
        } else if (s instanceof Ty.Shape.Variant v) {
            List<TypeDefKind.Case> cases = new ArrayList<>();
            for (Ty.Shape.Case c : v.cases()) {
                cases.add(new TypeDefKind.Case(c.name(), c.type() == null ? null : convertValtype(c.type()), Docs.NONE));
            }
            return new TypeDefKind.Variant(cases);
        } else if (s instanceof Ty.Shape.Flags f) {
            return new TypeDefKind.Flags(f.names().stream().map(n -> new TypeDefKind.Flag(n, Docs.NONE)).toList());
        } else if (s instanceof Ty.Shape.Enum e) {
            return new TypeDefKind.Enum(e.names().stream().map(n -> new TypeDefKind.EnumCase(n, Docs.NONE)).toList());
        } else if (s instanceof Ty.Shape.Own o) {
            return new TypeDefKind.Handle(false, handleTarget(o.resource()));
        } else if (s instanceof Ty.Shape.Borrow b) {
            return new TypeDefKind.Handle(true, handleTarget(b.resource()));
        } else if (s instanceof Ty.Shape.Future f) {
            return new TypeDefKind.Future(f.element() == null ? null : convertValtype(f.element()));
        } else if (s instanceof Ty.Shape.Stream st) {
            return new TypeDefKind.Stream(st.element() == null ? null : convertValtype(st.element()));
        }
        Ty.Shape.MapOf m = (Ty.Shape.MapOf) s;
        return new TypeDefKind.MapOf(convertValtype(m.key()), convertValtype(m.value()));
    }

    private int handleTarget(Ty resource) {
        Integer id = findAlias(resource);
        if (id == null) {
            throw new WitExtractionException("a handle refers to a resource that is not exported or imported by name");
        }
        return id;
    }

    private static Type primitive(PrimitiveType p) {
        return Type.Primitive.ofWitName(p.text());
    }

    private int alloc(String name, TypeDefKind kind, TypeOwner owner) {
        types.add(new TypeDraft(name, kind, owner));
        return types.size() - 1;
    }

    // ------------------------------------------------------------------ unifying two views of a type

    /**
     * Walks a type already decoded ({@code id}) together with another view of it ({@code def}),
     * so that anonymous types of the second view map onto the ones of the first (wit-parser's
     * {@code Registrar}); stops at named types.
     */
    private void registerDefined(int id, Ty.Shape def) {
        TypeDefKind kind = types.get(id).kind;
        if (kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id) {
            return;
        }
        if (def instanceof Ty.Shape.ListOf l) {
            valtype(l.element(), expect(kind, TypeDefKind.ListOf.class, "a list").element());
        } else if (def instanceof Ty.Shape.FixedList l) {
            valtype(l.element(), expect(kind, TypeDefKind.FixedLengthList.class, "a fixed-length list").element());
        } else if (def instanceof Ty.Shape.MapOf m) {
            TypeDefKind.MapOf k = expect(kind, TypeDefKind.MapOf.class, "a map");
            valtype(m.key(), k.key());
            valtype(m.value(), k.value());
        } else if (def instanceof Ty.Shape.Tuple t) {
            TypeDefKind.Tuple k = expect(kind, TypeDefKind.Tuple.class, "a tuple");
            if (k.types().size() != t.types().size()) {
                throw new WitExtractionException("mismatched number of tuple fields");
            }
            for (int i = 0; i < t.types().size(); i++) {
                valtype(t.types().get(i), k.types().get(i));
            }
        } else if (def instanceof Ty.Shape.Option o) {
            valtype(o.type(), expect(kind, TypeDefKind.Option.class, "an option").type());
        } else if (def instanceof Ty.Shape.Result r) {
            TypeDefKind.Result k = expect(kind, TypeDefKind.Result.class, "a result");
            optional(r.ok(), k.ok(), "result");
            optional(r.err(), k.err(), "result");
        } else if (def instanceof Ty.Shape.Record r) {
            TypeDefKind.Record k = expect(kind, TypeDefKind.Record.class, "a record");
            if (k.fields().size() != r.fields().size()) {
                throw new WitExtractionException("mismatched number of record fields");
            }
            for (int i = 0; i < r.fields().size(); i++) {
                if (!r.fields().get(i).name().equals(k.fields().get(i).name())) {
                    throw new WitExtractionException("mismatched field order");
                }
                valtype(r.fields().get(i).type(), k.fields().get(i).type());
            }
        } else if (def instanceof Ty.Shape.Variant v) {
            TypeDefKind.Variant k = expect(kind, TypeDefKind.Variant.class, "a variant");
            if (k.cases().size() != v.cases().size()) {
                throw new WitExtractionException("mismatched number of variant cases");
            }
            for (int i = 0; i < v.cases().size(); i++) {
                if (!v.cases().get(i).name().equals(k.cases().get(i).name())) {
                    throw new WitExtractionException("mismatched case order");
                }
                optional(v.cases().get(i).type(), k.cases().get(i).type(), "case");
            }
        } else if (def instanceof Ty.Shape.Future f) {
            optional(f.element(), expect(kind, TypeDefKind.Future.class, "a future").type(), "future");
        } else if (def instanceof Ty.Shape.Stream st) {
            optional(st.element(), expect(kind, TypeDefKind.Stream.class, "a stream").type(), "stream");
        }
        // primitives, flags, enums and handles have no anonymous parts
    }

    private static <K extends TypeDefKind> K expect(TypeDefKind kind, Class<K> type, String what) {
        if (!type.isInstance(kind)) {
            throw new WitExtractionException("expected " + what);
        }
        return type.cast(kind);
    }

    private void optional(ValueTy wasm, Type wit, String what) {
        if ((wasm == null) != (wit == null)) {
            throw new WitExtractionException("disagreement on " + what + " structure");
        }
        if (wasm != null) {
            valtype(wasm, wit);
        }
    }

    private void valtype(ValueTy wasm, Type wit) {
        if (!(wasm instanceof Ty t)) {
            return;
        }
        if (!(wit instanceof Type.Id id)) {
            throw new WitExtractionException("expected id-based type");
        }
        if (typeMap.put(t, id.index()) == null && Ty.peel(t) instanceof Ty.Def def) {
            TypeElaborator.enter(++depth);
            try {
                registerDefined(id.index(), def.shape);
            } finally {
                depth--;
            }
        }
    }

    // ------------------------------------------------------------------ finishing

    private record Built(Resolve resolve, int pkg) {}

    /** Inserts the foreign packages in dependency order, then {@code main}; builds the {@link Resolve}. */
    private Built finish(PkgDraft main) {
        LinkedHashSet<Integer> order = new LinkedHashSet<>();
        Set<Integer> visiting = new HashSet<>();
        for (int i = 0; i < foreign.size(); i++) {
            visitPackage(i, order, visiting);
        }
        for (int i : order) {
            insertPackage(foreign.get(i));
        }
        int pkg = insertPackage(main);

        List<TypeDef> outTypes = new ArrayList<>();
        for (TypeDraft t : types) {
            outTypes.add(new TypeDef(t.name, t.kind, t.owner, Docs.NONE, Stability.UNKNOWN));
        }
        List<Interface> outInterfaces = new ArrayList<>();
        for (IfaceDraft i : interfaces) {
            outInterfaces.add(new Interface(i.name, i.types, i.functions, Docs.NONE, Stability.UNKNOWN, i.pkg));
        }
        List<World> outWorlds = new ArrayList<>();
        for (WorldDraft w : worlds) {
            outWorlds.add(new World(w.name, w.imports, w.exports, w.pkg, Docs.NONE, Stability.UNKNOWN));
        }
        List<Package> outPackages = new ArrayList<>();
        for (PkgDraft p : packages) {
            outPackages.add(new Package(p.name, Docs.NONE, p.interfaces, p.worlds));
        }
        return new Built(new Resolve(outWorlds, outInterfaces, outTypes, outPackages), pkg);
    }

    private int insertPackage(PkgDraft from) {
        Integer pkg = packageNames.get(from.name);
        if (pkg == null) {
            // a package is inserted twice when a world refers to interfaces of its own package
            pkg = packages.size();
            packages.add(new PkgDraft(from.name));
            packageNames.put(from.name, pkg);
        }
        PkgDraft into = packages.get(pkg);
        for (Map.Entry<String, Integer> e : from.interfaces.entrySet()) {
            if (into.interfaces.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new WitExtractionException("interface `" + e.getKey() + "` is defined twice in package " + from.name);
            }
            interfaces.get(e.getValue()).pkg = pkg;
        }
        for (Map.Entry<String, Integer> e : from.worlds.entrySet()) {
            if (into.worlds.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new WitExtractionException("world `" + e.getKey() + "` is defined twice in package " + from.name);
            }
            WorldDraft world = worlds.get(e.getValue());
            world.pkg = pkg;
            for (Map<WorldKey, WorldItem> items : List.of(world.imports, world.exports)) {
                for (Map.Entry<WorldKey, WorldItem> item : items.entrySet()) {
                    // inline interfaces belong to the world's package
                    if (item.getKey() instanceof WorldKey.Name && item.getValue() instanceof WorldItem.InterfaceItem ii
                            && interfaces.get(ii.interfaceId()).name == null) {
                        interfaces.get(ii.interfaceId()).pkg = pkg;
                    }
                }
            }
        }
        return pkg;
    }

    private void visitPackage(int index, LinkedHashSet<Integer> order, Set<Integer> visiting) {
        if (order.contains(index) || !visiting.add(index)) {
            return;
        }
        PkgDraft pkg = foreign.get(index);
        List<Integer> ifaces = new ArrayList<>(pkg.interfaces.values());
        for (int w : pkg.worlds.values()) {
            for (Map<WorldKey, WorldItem> items : List.of(worlds.get(w).imports, worlds.get(w).exports)) {
                for (WorldItem item : items.values()) {
                    if (item instanceof WorldItem.InterfaceItem ii) {
                        ifaces.add(ii.interfaceId());
                    }
                }
            }
        }
        for (int iface : ifaces) {
            for (int dep : interfaceDirectDeps(iface)) {
                Integer depIndex = ifaceToForeign.get(dep);
                if (depIndex != null && depIndex != index) {
                    visitPackage(depIndex, order, visiting);
                }
            }
        }
        visiting.remove(index);
        order.add(index);
    }

    /** The interfaces whose types the interface's {@code use}s refer to. */
    private List<Integer> interfaceDirectDeps(int iface) {
        List<Integer> deps = new ArrayList<>();
        for (int id : interfaces.get(iface).types.values()) {
            TypeDraft ty = types.get(id);
            if (ty.kind instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id dep) {
                TypeDraft other = types.get(dep.index());
                if (!other.owner.equals(ty.owner) && other.owner instanceof TypeOwner.OfInterface oi) {
                    deps.add(oi.interfaceId());
                }
            }
        }
        return deps;
    }
}
