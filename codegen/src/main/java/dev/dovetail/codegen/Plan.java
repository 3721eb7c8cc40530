package dev.dovetail.codegen;

import com.palantir.javapoet.ClassName;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDef;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.World;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import dev.dovetail.wit.abi.AbiLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What to generate for one world, decided before any code is written: the Java type of every
 * interface on each side, the Java name of every type, function, parameter and glue member,
 * and how each function's values travel (flat or through memory). The writers only walk it.
 */
final class Plan {

    /** Imports are implemented by the host; exports are called by it. */
    enum Side { IMPORT, EXPORT }

    /** A WIT interface (or the world's own imports or exports) as one Java type. */
    static final class Unit {
        final Side side;
        final Integer ifaceId; // null: the world itself
        final String instanceName; // the import or export name; null: world level
        final ClassName className;
        final String accessor; // setter on Imports, or accessor on the world class
        final List<Integer> types = new ArrayList<>(); // nominal types nested in className
        final List<Fn> functions = new ArrayList<>(); // freestanding, constructors and statics
        final Map<Integer, Res> resources = new LinkedHashMap<>();
        final dev.dovetail.wit.Docs docs;
        final dev.dovetail.wit.Stability stability;

        Unit(Side side, Integer ifaceId, String instanceName, ClassName className, String accessor,
                dev.dovetail.wit.Docs docs, dev.dovetail.wit.Stability stability) {
            this.side = side;
            this.ifaceId = ifaceId;
            this.instanceName = instanceName;
            this.className = className;
            this.accessor = accessor;
            this.docs = docs;
            this.stability = stability;
        }
    }

    /** A resource defined by a unit, with its methods. */
    static final class Res {
        final int typeId;
        final String witName;
        final ClassName className;
        final List<Fn> methods = new ArrayList<>();
        String field; // Imports: its HostResourceTable; world class: its ResourceType

        Res(int typeId, String witName, ClassName className) {
            this.typeId = typeId;
            this.witName = witName;
            this.className = className;
        }
    }

    /** One function: its Java names and calling convention. */
    static final class Fn {
        final Function f;
        final Unit unit;
        final String name; // method on the facade (or on the resource type for methods)
        final List<String> params; // Java parameter names, without self for methods
        final List<Type> paramTypes; // WIT types, without self for methods
        final boolean method;
        final String signature;
        final int flatParams;
        final int flatResults;
        String glue; // exports: the world class's method that does the call
        String flatField; // exports: the world class's FlatFunction field

        Fn(Function f, Unit unit, String name, List<String> params, List<Type> paramTypes, boolean method,
                String signature, int flatParams, int flatResults) {
            this.f = f;
            this.unit = unit;
            this.name = name;
            this.params = params;
            this.paramTypes = paramTypes;
            this.method = method;
            this.signature = signature;
            this.flatParams = flatParams;
            this.flatResults = flatResults;
        }

        boolean spillParams() {
            return flatParams > AbiLayout.MAX_FLAT_PARAMS;
        }

        boolean spillResults() {
            return flatResults > AbiLayout.MAX_FLAT_RESULTS;
        }

        /** The WIT types of every parameter, self included. */
        List<Type> allParamTypes() {
            List<Type> out = new ArrayList<>();
            f.params().forEach(p -> out.add(p.type()));
            return out;
        }
    }

    final Resolve resolve;
    final AbiLayout layout;
    final World world;
    final String pkg;
    final ClassName worldClass;
    final ClassName importsClass;
    final ClassName functionsClass; // null when the world imports no functions or types itself
    final Unit worldImports; // world-level imported functions and types
    final Unit worldExports; // world-level exported functions
    final List<Unit> imports = new ArrayList<>();
    final List<Unit> exports = new ArrayList<>();
    final boolean anyDeprecated;
    private final Map<Integer, ClassName> importTypes = new HashMap<>();
    private final Map<Integer, ClassName> exportTypes = new HashMap<>();
    private final Map<Integer, Res> importResources = new HashMap<>();
    private final Map<Integer, Res> exportResources = new HashMap<>();
    private final Map<Integer, Unit> exportResourceUnits = new HashMap<>();
    final Names.Scope topLevel = new Names.Scope(Names.REFERENCED_TYPES);
    final Names.Scope worldMembers = new Names.Scope(Names.OBJECT_METHODS);
    final Names.Scope importsMembers = new Names.Scope(Names.OBJECT_METHODS);
    final Map<ClassName, Names.Scope> nestedTypeScopes = new HashMap<>();
    /** Java names of the members of nominal types: record fields, variant cases, enum and flag constants. */
    private final Map<ClassName, Map<String, String>> members = new HashMap<>();
    /** The nested enum of each flags type. */
    private final Map<ClassName, ClassName> flagEnums = new HashMap<>();

    Plan(Resolve resolve, int worldId, String pkg) {
        this.resolve = resolve;
        this.layout = new AbiLayout(resolve);
        this.world = resolve.world(worldId);
        this.pkg = pkg;

        // top-level names: the world class first, then the helper types, then interfaces
        this.worldClass = ClassName.get(pkg, topLevel.claim(Names.upperCamel(world.name())));
        topLevel.reserve("Result");
        Names.Scope worldNested = nestedScope(worldClass);
        this.importsClass = worldClass.nestedClass(worldNested.claim("Imports"));
        boolean worldLevelImports = world.imports().values().stream()
                .anyMatch(i -> i instanceof WorldItem.FunctionItem || (i instanceof WorldItem.TypeItem t
                        && resolve.type(t.typeId()).kind() instanceof TypeDefKind.Resource));
        this.functionsClass = worldLevelImports ? worldClass.nestedClass(worldNested.claim("Functions")) : null;
        worldMembers.reserve("of", "imports", "instance");
        importsMembers.reserve("instantiate");

        this.worldImports = new Unit(Side.IMPORT, null, null, worldClass, "functions", world.docs(), world.stability());
        this.worldExports = new Unit(Side.EXPORT, null, null, worldClass, null, world.docs(), world.stability());
        if (functionsClass != null) {
            importsMembers.reserve("functions");
        }

        Set<Integer> imported = new HashSet<>();
        for (Map.Entry<WorldKey, WorldItem> e : world.imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                imported.add(ii.interfaceId());
            }
        }
        // interface units, imports first; names qualified only as far as needed
        List<Object[]> pending = new ArrayList<>();
        for (Map.Entry<WorldKey, WorldItem> e : world.imports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                pending.add(new Object[] {Side.IMPORT, e.getKey(), ii});
            }
        }
        for (Map.Entry<WorldKey, WorldItem> e : world.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                pending.add(new Object[] {Side.EXPORT, e.getKey(), ii});
            }
        }
        Map<String, Integer> simpleCounts = new HashMap<>();
        for (Object[] p : pending) {
            simpleCounts.merge(simpleName((WorldKey) p[1], (WorldItem.InterfaceItem) p[2]), 1, Integer::sum);
        }
        for (Object[] p : pending) {
            Side side = (Side) p[0];
            WorldKey key = (WorldKey) p[1];
            WorldItem.InterfaceItem ii = (WorldItem.InterfaceItem) p[2];
            String className = className(side, key, ii, simpleCounts, imported);
            ClassName cn = ClassName.get(pkg, className);
            Interface iface = resolve.iface(ii.interfaceId());
            String instance = key instanceof WorldKey.Name n ? n.name() : resolve.interfaceName(ii.interfaceId());
            String accessor = (side == Side.IMPORT ? importsMembers : worldMembers)
                    .claim(Character.toLowerCase(className.charAt(0)) + className.substring(1));
            Unit u = new Unit(side, ii.interfaceId(), instance, cn, accessor, iface.docs(), iface.stability());
            (side == Side.IMPORT ? imports : exports).add(u);
        }

        // nominal types of every unit, named in their class
        for (Unit u : imports) {
            nameTypes(u, resolve.iface(u.ifaceId).types().values(), importTypes, importResources);
        }
        List<Integer> worldTypes = new ArrayList<>();
        for (WorldItem item : world.imports().values()) {
            if (item instanceof WorldItem.TypeItem t) {
                worldTypes.add(t.typeId());
            }
        }
        nameTypes(worldImports, worldTypes, importTypes, importResources);
        for (Unit u : exports) {
            nameTypes(u, resolve.iface(u.ifaceId).types().values(), exportTypes, exportResources);
            u.resources.keySet().forEach(id -> exportResourceUnits.put(id, u));
        }

        // functions
        for (Unit u : imports) {
            planFunctions(u, resolve.iface(u.ifaceId).functions().values(), importResources);
        }
        List<Function> worldImportFns = new ArrayList<>();
        for (WorldItem item : world.imports().values()) {
            if (item instanceof WorldItem.FunctionItem f) {
                worldImportFns.add(f.function());
            }
        }
        planFunctions(worldImports, worldImportFns, importResources);
        List<Function> worldExportFns = new ArrayList<>();
        for (WorldItem item : world.exports().values()) {
            if (item instanceof WorldItem.FunctionItem f) {
                worldExportFns.add(f.function());
            }
        }
        planFunctions(worldExports, worldExportFns, exportResources);
        for (Unit u : exports) {
            planFunctions(u, resolve.iface(u.ifaceId).functions().values(), exportResources);
        }

        // members of the world class and of Imports that hold run-time state
        for (Unit u : allImportUnits()) {
            for (Res r : u.resources.values()) {
                r.field = importsMembers.claim(Names.lowerCamel(u.className.simpleName()) + r.className.simpleName());
            }
        }
        for (Unit u : allExportUnits()) {
            for (Fn fn : allFunctions(u)) {
                String base = u.ifaceId == null ? fn.name : Names.lowerCamel(u.className.simpleName())
                        + Character.toUpperCase(fn.name.charAt(0)) + fn.name.substring(1);
                if (fn.method) {
                    base = Names.lowerCamel(u.className.simpleName()) + resourceOf(fn).className.simpleName()
                            + Character.toUpperCase(fn.name.charAt(0)) + fn.name.substring(1);
                }
                fn.glue = u.ifaceId == null ? fn.name : worldMembers.claim(base);
                fn.flatField = worldMembers.claim(base + "Fn");
            }
            for (Res r : u.resources.values()) {
                r.field = worldMembers.claim(Names.lowerCamel(u.className.simpleName()) + r.className.simpleName() + "Type");
            }
        }
        this.anyDeprecated = computeAnyDeprecated();
    }

    // ------------------------------------------------------------------ naming

    Names.Scope nestedScope(ClassName owner) {
        return nestedTypeScopes.computeIfAbsent(owner, o -> {
            Set<String> forbidden = new HashSet<>(Names.REFERENCED_TYPES);
            for (ClassName c = o; c != null; c = c.enclosingClassName()) {
                forbidden.add(c.simpleName());
            }
            return new Names.Scope(forbidden);
        });
    }

    private String simpleName(WorldKey key, WorldItem.InterfaceItem ii) {
        if (key instanceof WorldKey.Name n) {
            return Names.upperCamel(n.name());
        }
        return Names.upperCamel(resolve.iface(ii.interfaceId()).name());
    }

    private String className(Side side, WorldKey key, WorldItem.InterfaceItem ii, Map<String, Integer> counts,
            Set<Integer> imported) {
        String simple = simpleName(key, ii);
        List<String> candidates = new ArrayList<>();
        if (side == Side.EXPORT && imported.contains(ii.interfaceId())) {
            candidates.add(simple + "Export");
        } else if (counts.get(simple) == 1) {
            candidates.add(simple);
        }
        Integer pkgId = resolve.iface(ii.interfaceId()).packageId();
        if (key instanceof WorldKey.InterfaceRef && pkgId != null) {
            PackageName pn = resolve.pkg(pkgId).name();
            String suffix = side == Side.EXPORT && imported.contains(ii.interfaceId()) ? "Export" : "";
            candidates.add(Names.upperCamel(pn.name()) + simple + suffix);
            candidates.add(Names.upperCamel(pn.namespace()) + Names.upperCamel(pn.name()) + simple + suffix);
            if (pn.version() != null) {
                candidates.add(Names.upperCamel(pn.namespace()) + Names.upperCamel(pn.name()) + simple
                        + "V" + pn.version().replaceAll("[^A-Za-z0-9]", "_") + suffix);
            }
        }
        candidates.add(simple);
        for (String c : candidates) {
            if (!topLevel.isTaken(c) && !Names.REFERENCED_TYPES.contains(c) && !Names.isKeyword(c)) {
                return topLevel.claim(c);
            }
        }
        return topLevel.claim(candidates.get(candidates.size() - 1));
    }

    private void nameTypes(Unit u, Iterable<Integer> typeIds, Map<Integer, ClassName> names, Map<Integer, Res> resources) {
        Names.Scope scope = nestedScope(u.className);
        for (int id : typeIds) {
            TypeDef td = resolve.type(id);
            if (!isNominal(td.kind()) || td.name() == null) {
                continue;
            }
            ClassName cn = u.className.nestedClass(scope.claim(Names.upperCamel(td.name())));
            names.put(id, cn);
            u.types.add(id);
            nameMembers(cn, td.kind());
            if (td.kind() instanceof TypeDefKind.Resource) {
                Res r = new Res(id, td.name(), cn);
                u.resources.put(id, r);
                resources.put(id, r);
            }
        }
    }

    private void nameMembers(ClassName cn, TypeDefKind k) {
        Map<String, String> m = new LinkedHashMap<>();
        if (k instanceof TypeDefKind.Record r) {
            Names.Scope fields = new Names.Scope(Names.OBJECT_METHODS);
            r.fields().forEach(f -> m.put(f.name(), fields.claim(Names.lowerCamel(f.name()))));
        } else if (k instanceof TypeDefKind.Variant v) {
            Names.Scope cases = nestedScope(cn);
            v.cases().forEach(c -> m.put(c.name(), cases.claim(Names.upperCamel(c.name()))));
        } else if (k instanceof TypeDefKind.Enum e) {
            Names.Scope constants = new Names.Scope(Set.of("values", "valueOf"));
            e.cases().forEach(c -> m.put(c.name(), constants.claim(Names.upperSnake(c.name()))));
        } else if (k instanceof TypeDefKind.Flags f) {
            flagEnums.put(cn, cn.nestedClass(nestedScope(cn).claim("Flag")));
            Names.Scope constants = new Names.Scope(Set.of("values", "valueOf"));
            f.flags().forEach(c -> m.put(c.name(), constants.claim(Names.upperSnake(c.name()))));
        }
        members.put(cn, m);
    }

    /** The Java name of member {@code witName} (field, case or constant) of nominal type {@code cn}. */
    String member(ClassName cn, String witName) {
        return members.get(cn).get(witName);
    }

    Map<String, String> members(ClassName cn) {
        return members.get(cn);
    }

    ClassName flagEnum(ClassName flags) {
        return flagEnums.get(flags);
    }

    static boolean isNominal(TypeDefKind k) {
        return k instanceof TypeDefKind.Record || k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Enum
                || k instanceof TypeDefKind.Flags || k instanceof TypeDefKind.Resource;
    }

    private void planFunctions(Unit u, Iterable<Function> fns, Map<Integer, Res> resources) {
        Set<String> forbidden = new HashSet<>(Names.OBJECT_METHODS);
        Names.Scope scope = u.ifaceId == null ? (u.side == Side.EXPORT ? worldMembers : new Names.Scope(forbidden))
                : new Names.Scope(forbidden);
        Map<Integer, Names.Scope> resourceScopes = new HashMap<>();
        for (Function f : fns) {
            Function.Kind kind = f.kind();
            String plain = plainName(f);
            boolean method = kind.shape() == Function.Shape.METHOD;
            Res res = kind.resource() >= 0 ? resources.get(resolveResource(kind.resource())) : null;
            String name;
            if (method && res != null) {
                Names.Scope rs = resourceScopes.computeIfAbsent(res.typeId, k -> {
                    Set<String> fb = new HashSet<>(Names.OBJECT_METHODS);
                    fb.add("close");
                    return new Names.Scope(fb);
                });
                name = rs.claim(Names.lowerCamel(plain));
            } else if (kind.shape() == Function.Shape.CONSTRUCTOR && res != null) {
                name = scope.claim("new" + res.className.simpleName());
            } else if (kind.shape() == Function.Shape.STATIC && res != null) {
                name = scope.claim(Names.lowerCamel(res.witName) + Names.upperCamel(plain));
            } else {
                name = scope.claim(Names.lowerCamel(plain));
            }
            Names.Scope params = new Names.Scope();
            List<String> paramNames = new ArrayList<>();
            List<Type> paramTypes = new ArrayList<>();
            for (int i = method ? 1 : 0; i < f.params().size(); i++) {
                paramNames.add(params.claim(Names.lowerCamel(f.params().get(i).name())));
                paramTypes.add(f.params().get(i).type());
            }
            List<Type> all = new ArrayList<>();
            f.params().forEach(p -> all.add(p.type()));
            int flatResults = f.result() == null ? 0 : layout.flatCount(f.result());
            Fn fn = new Fn(f, u, name, paramNames, paramTypes, method && res != null, signature(f),
                    layout.flatCount(all), flatResults);
            if (fn.method) {
                res.methods.add(fn);
            } else {
                u.functions.add(fn);
            }
        }
    }

    /** The function's own name: {@code m} of {@code [method]r.m}, {@code r} of {@code [constructor]r}. */
    static String plainName(Function f) {
        String n = f.name();
        if (n.startsWith("[")) {
            n = n.substring(n.indexOf(']') + 1);
            int dot = n.indexOf('.');
            if (dot >= 0) {
                n = n.substring(dot + 1);
            }
        }
        return n;
    }

    int resolveResource(int typeId) {
        Type t = layout.dealias(new Type.Id(typeId));
        return ((Type.Id) t).index();
    }

    // ------------------------------------------------------------------ queries

    List<Unit> allImportUnits() {
        List<Unit> out = new ArrayList<>(imports);
        out.add(worldImports);
        return out;
    }

    List<Unit> allExportUnits() {
        List<Unit> out = new ArrayList<>();
        out.add(worldExports);
        out.addAll(exports);
        return out;
    }

    /** Freestanding functions, constructors and statics, then resource methods. */
    static List<Fn> allFunctions(Unit u) {
        List<Fn> out = new ArrayList<>(u.functions);
        u.resources.values().forEach(r -> out.addAll(r.methods));
        return out;
    }

    Res resourceOf(Fn fn) {
        int id = resolveResource(fn.f.kind().resource());
        Res r = (fn.unit.side == Side.EXPORT ? exportResources : importResources).get(id);
        return r;
    }

    /** The Java class of a nominal type seen from {@code side}. */
    ClassName typeName(int typeId, Side side) {
        if (side == Side.EXPORT && exportTypes.containsKey(typeId)) {
            return exportTypes.get(typeId);
        }
        ClassName c = importTypes.get(typeId);
        if (c == null) {
            throw new IllegalStateException("type " + resolve.type(typeId).name() + " is not imported by world "
                    + world.name());
        }
        return c;
    }

    /** A resource seen from {@code side}: exported (the guest implements it) or imported (the host does). */
    Res resource(int typeId, Side side) {
        int id = resolveResource(typeId);
        if (side == Side.EXPORT && exportResources.containsKey(id)) {
            return exportResources.get(id);
        }
        Res r = importResources.get(id);
        if (r == null) {
            throw new IllegalStateException("resource " + resolve.type(id).name() + " is not imported by world "
                    + world.name());
        }
        return r;
    }

    boolean isGuestResource(int typeId, Side side) {
        return side == Side.EXPORT && exportResources.containsKey(resolveResource(typeId));
    }

    Unit exportUnitOf(Res r) {
        return exportResourceUnits.get(r.typeId);
    }

    /** The path of export names that lead to a unit's functions and resources. */
    static List<String> exportPath(Unit u) {
        return u.instanceName == null ? List.of() : List.of(u.instanceName);
    }

    private boolean computeAnyDeprecated() {
        for (TypeDef td : resolve.types()) {
            if (deprecated(td.stability())) {
                return true;
            }
        }
        for (Interface i : resolve.interfaces()) {
            if (deprecated(i.stability()) || i.functions().values().stream().anyMatch(f -> deprecated(f.stability()))) {
                return true;
            }
        }
        for (WorldItem item : world.imports().values()) {
            if (item instanceof WorldItem.FunctionItem f && deprecated(f.function().stability())) {
                return true;
            }
        }
        for (WorldItem item : world.exports().values()) {
            if (item instanceof WorldItem.FunctionItem f && deprecated(f.function().stability())) {
                return true;
            }
        }
        return false;
    }

    static boolean deprecated(dev.dovetail.wit.Stability s) {
        return (s instanceof dev.dovetail.wit.Stability.Stable st && st.deprecated() != null)
                || (s instanceof dev.dovetail.wit.Stability.Unstable u && u.deprecated() != null);
    }

    // ------------------------------------------------------------------ signatures

    /** The function type as {@code FlatFunction.signature} prints the component's. */
    String signature(Function f) {
        return (f.kind().async() ? "async " : "") + "func("
                + f.params().stream().map(p -> text(p.type())).collect(Collectors.joining(", ")) + ")"
                + (f.result() == null ? "" : " -> " + text(f.result()));
    }

    String text(Type t) {
        t = layout.dealias(t);
        if (t instanceof Type.Primitive p) {
            return p.witName();
        }
        TypeDefKind k = layout.kind(t);
        if (k instanceof TypeDefKind.Record r) {
            return "record { " + r.fields().stream().map(f -> f.name() + ": " + text(f.type()))
                    .collect(Collectors.joining(", ")) + " }";
        } else if (k instanceof TypeDefKind.Tuple tu) {
            return "tuple<" + tu.types().stream().map(this::text).collect(Collectors.joining(", ")) + ">";
        } else if (k instanceof TypeDefKind.Variant v) {
            return "variant { " + v.cases().stream().map(c -> c.name() + (c.type() == null ? "" : "(" + text(c.type()) + ")"))
                    .collect(Collectors.joining(", ")) + " }";
        } else if (k instanceof TypeDefKind.Enum e) {
            return "enum { " + e.cases().stream().map(TypeDefKind.EnumCase::name).collect(Collectors.joining(", ")) + " }";
        } else if (k instanceof TypeDefKind.Flags f) {
            return "flags { " + f.flags().stream().map(TypeDefKind.Flag::name).collect(Collectors.joining(", ")) + " }";
        } else if (k instanceof TypeDefKind.Option o) {
            return "option<" + text(o.type()) + ">";
        } else if (k instanceof TypeDefKind.Result r) {
            return "result<" + opt(r.ok()) + ", " + opt(r.err()) + ">";
        } else if (k instanceof TypeDefKind.ListOf l) {
            return "list<" + text(l.element()) + ">";
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return "list<" + text(l.element()) + ", " + l.length() + ">";
        } else if (k instanceof TypeDefKind.MapOf m) {
            return "map<" + text(m.key()) + ", " + text(m.value()) + ">";
        } else if (k instanceof TypeDefKind.Handle h) {
            return h.borrow() ? "borrow" : "own";
        } else if (k instanceof TypeDefKind.Resource) {
            return "own";
        } else if (k instanceof TypeDefKind.Future f) {
            return "future<" + opt(f.type()) + ">";
        } else if (k instanceof TypeDefKind.Stream s) {
            return "stream<" + opt(s.type()) + ">";
        }
        throw new IllegalStateException("type " + k + " in a function signature");
    }

    private String opt(Type t) {
        return t == null ? "_" : text(t);
    }
}
