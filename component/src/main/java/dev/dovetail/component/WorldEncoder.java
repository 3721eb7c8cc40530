package dev.dovetail.component;

import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.TypeOwner;
import dev.dovetail.wit.World;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Encodes a WIT world as a component type (WIT.md "Package Format"), laid out as wit-component's
 * {@code encode_world}: each imported or exported interface becomes an instance type holding all
 * of its types and functions, types of other interfaces are brought in by an {@code alias export}
 * of the instance that was imported for them (and an {@code alias outer} into the instance type);
 * world-level types are type imports; anonymous types and function types are defined once per
 * type index space.
 */
final class WorldEncoder {
    private final Resolve resolve;

    // the world's component type
    private final List<Declaration> outer = new ArrayList<>();
    private int outerTypes;
    // the instance type being encoded, or null at the world level
    private List<Declaration> inst;
    private int instTypes;

    private Maps maps = new Maps();
    private Maps saved;
    private final Map<Integer, Integer> importMap = new HashMap<>();
    private final Map<Integer, Integer> outerTypeMap = new HashMap<>();
    private int instances;
    private boolean importTypes;
    private Integer iface;

    /** What is already defined in one type index space. */
    private static final class Maps {
        final Map<Integer, Integer> idToIndex = new HashMap<>();
        final Map<TypeDefKind, Integer> defToIndex = new HashMap<>();
        final Map<FuncKey, Integer> funcTypes = new HashMap<>();
    }

    private record FuncKey(boolean async, List<Function.Param> params, Type result) {}

    private WorldEncoder(Resolve resolve) {
        this.resolve = resolve;
    }

    /** The component type of world {@code worldId}. */
    static TypeDef.ComponentType encode(Resolve resolve, int worldId) {
        WorldEncoder e = new WorldEncoder(resolve);
        World world = resolve.world(worldId);
        for (Map.Entry<WorldKey, WorldItem> item : world.imports().entrySet()) {
            ExternName name = e.name(item.getKey(), item.getValue());
            ExternType type;
            if (item.getValue() instanceof WorldItem.InterfaceItem ii) {
                e.iface = ii.interfaceId();
                type = new ExternType.Instance(e.instance(ii.interfaceId()));
            } else if (item.getValue() instanceof WorldItem.FunctionItem fi) {
                e.iface = null;
                type = new ExternType.Func(e.funcType(fi.function()));
            } else {
                e.iface = null;
                e.importTypes = true;
                e.valtype(new Type.Id(((WorldItem.TypeItem) item.getValue()).typeId()));
                e.importTypes = false;
                continue;
            }
            e.outer.add(new Declaration.Import(name, type));
        }
        for (Map.Entry<WorldKey, WorldItem> item : world.exports().entrySet()) {
            ExternName name = e.name(item.getKey(), item.getValue());
            ExternType type;
            if (item.getValue() instanceof WorldItem.InterfaceItem ii) {
                e.iface = ii.interfaceId();
                type = new ExternType.Instance(e.instance(ii.interfaceId()));
            } else if (item.getValue() instanceof WorldItem.FunctionItem fi) {
                e.iface = null;
                type = new ExternType.Func(e.funcType(fi.function()));
            } else {
                throw new IllegalArgumentException("world `" + world.name() + "` exports type `" + name.name() + "`");
            }
            e.outer.add(new Declaration.Export(name, type));
        }
        return new TypeDef.ComponentType(e.outer);
    }

    /**
     * The component type of interface {@code interfaceId} in a WIT package (WIT.md "Package
     * Format"): every interface it depends on through {@code use}, dependencies first, is imported
     * as an instance type holding just its types, then the interface itself is exported under its
     * full name as an instance type with its types and functions.
     */
    static TypeDef.ComponentType encodeInterface(Resolve resolve, int interfaceId) {
        WorldEncoder e = new WorldEncoder(resolve);
        LinkedHashSet<Integer> live = new LinkedHashSet<>();
        e.addLive(live, interfaceId);
        for (int id : live) {
            e.iface = id;
            String name = resolve.interfaceName(id);
            if (name == null) {
                throw new IllegalArgumentException("interface " + id + " has no package or no name");
            }
            if (id == interfaceId) {
                int idx = e.instance(id);
                e.outer.add(new Declaration.Export(ExternName.of(name), new ExternType.Instance(idx)));
            } else {
                e.pushInstance();
                for (int ty : resolve.iface(id).types().values()) {
                    e.valtype(new Type.Id(ty));
                }
                List<Declaration> decls = e.popInstance();
                int idx = e.outerTypes++;
                e.outer.add(new Declaration.TypeDecl(new TypeDef.InstanceType(decls)));
                e.importMap.put(id, e.instances++);
                e.outer.add(new Declaration.Import(ExternName.of(name), new ExternType.Instance(idx)));
            }
        }
        e.iface = null;
        return new TypeDef.ComponentType(e.outer);
    }

    /** Adds the interfaces {@code id} uses types of (transitively, dependencies first), then {@code id}. */
    private void addLive(LinkedHashSet<Integer> live, int id) {
        if (live.contains(id)) {
            return;
        }
        for (int ty : resolve.iface(id).types().values()) {
            if (resolve.type(ty).kind() instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id target
                    && resolve.type(target.index()).owner() instanceof TypeOwner.OfInterface oi
                    && oi.interfaceId() != id) {
                addLive(live, oi.interfaceId());
            }
        }
        live.add(id);
    }

    /**
     * The import or export name of a world item: its label, or the interface's full name; a label
     * naming an interface of a package says which with {@code (implements "I")}.
     */
    private ExternName name(WorldKey key, WorldItem item) {
        if (key instanceof WorldKey.Name n) {
            if (item instanceof WorldItem.InterfaceItem ii && resolve.interfaceName(ii.interfaceId()) != null) {
                return new ExternName(ExternName.Form.ATTRIBUTED, n.name(),
                        List.of(new ExternName.Attribute.Implements(resolve.interfaceName(ii.interfaceId()))));
            }
            return ExternName.of(n.name());
        }
        int id = ((WorldKey.InterfaceRef) key).interfaceId();
        String name = resolve.interfaceName(id);
        if (name == null) {
            throw new IllegalArgumentException("interface " + id + " is keyed by id but has no package");
        }
        return ExternName.of(name);
    }

    /** {@code ns:pkg/item@version}, the full name of a world or interface of {@code pkg}. */
    static String idOf(PackageName pkg, String item) {
        String base = pkg.withoutVersion() + "/" + item;
        return pkg.version() == null ? base : base + "@" + pkg.version();
    }

    // ------------------------------------------------------------------ instances

    /** Encodes an interface as an instance type in the world; returns its type index. */
    private int instance(int id) {
        pushInstance();
        Interface i = resolve.iface(id);
        List<Integer> typeOrder = new ArrayList<>();
        for (int ty : i.types().values()) {
            valtype(new Type.Id(ty));
            typeOrder.add(ty);
        }
        // resource functions first, in the order of their resources, then freestanding ones
        List<Map.Entry<String, Function>> funcs = new ArrayList<>(i.functions().entrySet());
        funcs.sort(Comparator.comparingInt(f -> {
            int r = f.getValue().kind().resource();
            int at = r < 0 ? -1 : typeOrder.indexOf(r);
            return at < 0 ? typeOrder.size() : at;
        }));
        for (Map.Entry<String, Function> f : funcs) {
            int ty = funcType(f.getValue());
            inst.add(new Declaration.Export(ExternName.of(f.getKey()), new ExternType.Func(ty)));
        }
        List<Declaration> decls = popInstance();
        int idx = outerTypes++;
        outer.add(new Declaration.TypeDecl(new TypeDef.InstanceType(decls)));
        importMap.put(id, instances++);
        return idx;
    }

    private void pushInstance() {
        saved = maps;
        maps = new Maps();
        inst = new ArrayList<>();
        instTypes = 0;
    }

    private List<Declaration> popInstance() {
        maps = saved;
        saved = null;
        List<Declaration> decls = inst;
        inst = null;
        return decls;
    }

    // ------------------------------------------------------------------ types

    private int funcType(Function f) {
        FuncKey key = new FuncKey(f.kind().async(), f.params(), f.result());
        Integer known = maps.funcTypes.get(key);
        if (known != null) {
            return known;
        }
        List<DefinedType.Field> params = new ArrayList<>();
        for (Function.Param p : f.params()) {
            params.add(new DefinedType.Field(p.name(), valtype(p.type())));
        }
        Optional<ValType> result = f.result() == null ? Optional.empty() : Optional.of(valtype(f.result()));
        int idx = define(new TypeDef.Func(f.kind().async(), params, result));
        maps.funcTypes.put(key, idx);
        return idx;
    }

    /** Encodes a value type, defining (and for named types, exporting) what is not defined yet. */
    private ValType valtype(Type t) {
        if (t instanceof Type.Primitive p) {
            return primitive(p);
        }
        int id = ((Type.Id) t).index();
        Integer known = maps.idToIndex.get(id);
        if (known != null) {
            return ValType.of(known);
        }
        dev.dovetail.wit.TypeDef ty = resolve.type(id);
        if (ty.name() == null) {
            Integer same = maps.defToIndex.get(ty.kind());
            if (same != null) {
                return ValType.of(same);
            }
        }
        if (ty.owner() instanceof TypeOwner.OfInterface oi && !Integer.valueOf(oi.interfaceId()).equals(iface)) {
            int idx = importType(oi.interfaceId(), id);
            maps.idToIndex.put(id, idx);
            return ValType.of(idx);
        }
        ValType encoded = definedValtype(ty, id);
        if (encoded == null) {
            // a resource: its index is the (sub resource) export itself
            return ValType.of(maps.idToIndex.get(id));
        }
        if (ty.name() != null) {
            int index = encoded instanceof ValType.Index i ? i.index() : define((PrimitiveType) encoded);
            encoded = ValType.of(exportType(index, ty.name()));
        }
        if (encoded instanceof ValType.Index i) {
            maps.idToIndex.put(id, i.index());
            if (ty.name() == null) {
                maps.defToIndex.put(ty.kind(), i.index());
            }
        }
        return encoded;
    }

    /** The definition of a type by shape; null for a resource (exported here as {@code (sub resource)}). */
    private ValType definedValtype(dev.dovetail.wit.TypeDef ty, int id) {
        TypeDefKind k = ty.kind();
        if (k instanceof TypeDefKind.Record r) {
            List<DefinedType.Field> fields = new ArrayList<>();
            for (TypeDefKind.Field f : r.fields()) {
                fields.add(new DefinedType.Field(f.name(), valtype(f.type())));
            }
            return ValType.of(define(new DefinedType.Record(fields)));
        } else if (k instanceof TypeDefKind.Tuple t) {
            List<ValType> types = new ArrayList<>();
            for (Type x : t.types()) {
                types.add(valtype(x));
            }
            return ValType.of(define(new DefinedType.Tuple(types)));
        } else if (k instanceof TypeDefKind.Flags f) {
            return ValType.of(define(new DefinedType.Flags(f.flags().stream().map(TypeDefKind.Flag::name).toList())));
        } else if (k instanceof TypeDefKind.Variant v) {
            List<DefinedType.Case> cases = new ArrayList<>();
            for (TypeDefKind.Case c : v.cases()) {
                cases.add(new DefinedType.Case(c.name(), optional(c.type())));
            }
            return ValType.of(define(new DefinedType.Variant(cases)));
        } else if (k instanceof TypeDefKind.Option o) {
            return ValType.of(define(new DefinedType.Option(valtype(o.type()))));
        } else if (k instanceof TypeDefKind.Result r) {
            Optional<ValType> ok = optional(r.ok());
            Optional<ValType> err = optional(r.err());
            return ValType.of(define(new DefinedType.Result(ok, err)));
        } else if (k instanceof TypeDefKind.Enum e) {
            return ValType.of(define(new DefinedType.Enum(e.cases().stream().map(TypeDefKind.EnumCase::name).toList())));
        } else if (k instanceof TypeDefKind.ListOf l) {
            return ValType.of(define(new DefinedType.ListType(valtype(l.element()))));
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            ValType element = valtype(l.element());
            return ValType.of(define(new DefinedType.FixedList(element, (int) l.length())));
        } else if (k instanceof TypeDefKind.MapOf m) {
            ValType key = valtype(m.key());
            return ValType.of(define(new DefinedType.MapType(key, valtype(m.value()))));
        } else if (k instanceof TypeDefKind.Future f) {
            return ValType.of(define(new DefinedType.Future(optional(f.type()))));
        } else if (k instanceof TypeDefKind.Stream s) {
            return ValType.of(define(new DefinedType.Stream(optional(s.type()))));
        } else if (k instanceof TypeDefKind.Alias a) {
            return valtype(a.target());
        } else if (k instanceof TypeDefKind.Resource) {
            if (ty.name() == null) {
                throw new IllegalArgumentException("resource type " + id + " has no name");
            }
            maps.idToIndex.put(id, exportResource(ty.name()));
            return null;
        } else if (k instanceof TypeDefKind.Handle h) {
            ValType target = valtype(new Type.Id(h.resource()));
            int index = ((ValType.Index) target).index();
            return ValType.of(define(h.borrow() ? new DefinedType.Borrow(index) : new DefinedType.Own(index)));
        }
        throw new IllegalArgumentException("type " + id + " is not resolved");
    }

    private Optional<ValType> optional(Type t) {
        return t == null ? Optional.empty() : Optional.of(valtype(t));
    }

    private static PrimitiveType primitive(Type.Primitive p) {
        for (PrimitiveType x : PrimitiveType.values()) {
            if (x.text().equals(p.witName())) {
                return x;
            }
        }
        throw new IllegalArgumentException("no component type for " + p);
    }

    // ------------------------------------------------------------------ the two index spaces

    /** Adds a type definition to the current index space; returns its index. */
    private int define(TypeDef def) {
        if (inst != null) {
            inst.add(new Declaration.TypeDecl(def));
            return instTypes++;
        }
        outer.add(new Declaration.TypeDecl(def));
        return outerTypes++;
    }

    /** {@code (export "name" (type (eq index)))} (or an import for world-level types); returns the new index. */
    private int exportType(int index, String name) {
        ExternType type = new ExternType.Type(new ExternType.TypeBound.Eq(index));
        if (inst != null) {
            inst.add(new Declaration.Export(ExternName.of(name), type));
            return instTypes++;
        }
        outer.add(importTypes ? new Declaration.Import(ExternName.of(name), type) : new Declaration.Export(ExternName.of(name), type));
        return outerTypes++;
    }

    private int exportResource(String name) {
        ExternType type = new ExternType.Type(new ExternType.TypeBound.SubResource());
        if (inst != null) {
            inst.add(new Declaration.Export(ExternName.of(name), type));
            return instTypes++;
        }
        outer.add(importTypes ? new Declaration.Import(ExternName.of(name), type) : new Declaration.Export(ExternName.of(name), type));
        return outerTypes++;
    }

    /** A type of another interface: an alias of the export of its instance, outer-aliased into an instance type. */
    private int importType(int owner, int id) {
        Integer instance = importMap.get(owner);
        if (instance == null) {
            throw new IllegalArgumentException("type `" + resolve.type(id).name() + "` belongs to interface "
                    + owner + ", which is not imported before it is used");
        }
        Integer outerIdx = outerTypeMap.get(id);
        if (outerIdx == null) {
            outerIdx = outerTypes++;
            outer.add(new Declaration.AliasDecl(new Alias.InstanceExport(Sort.TYPE, instance, resolve.type(id).name())));
            outerTypeMap.put(id, outerIdx);
        }
        if (inst != null) {
            inst.add(new Declaration.AliasDecl(new Alias.Outer(Sort.TYPE, 1, outerIdx)));
            return instTypes++;
        }
        return outerIdx;
    }
}
