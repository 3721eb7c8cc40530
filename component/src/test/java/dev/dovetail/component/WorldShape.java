package dev.dovetail.component;

import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDef;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.TypeOwner;
import dev.dovetail.wit.World;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A description of a world that does not depend on ids, on item order or on how names were
 * brought into scope: named types are written as where they are defined ({@code ns:pkg/iface.name},
 * following {@code use} aliases), anonymous ones by shape; interfaces by their full name or
 * contents. Two worlds with equal shapes have the same imports and exports with the same types.
 */
final class WorldShape {
    private final Resolve resolve;

    private WorldShape(Resolve resolve) {
        this.resolve = resolve;
    }

    static String of(Resolve resolve, int worldId) {
        return new WorldShape(resolve).world(worldId);
    }

    private String world(int id) {
        TreeSet<String> lines = new TreeSet<>();
        items(id).forEach((k, v) -> lines.add(k + ": " + String.join("; ", v)));
        return String.join("\n", lines);
    }

    /**
     * The world's items by {@code import name} / {@code export name}, each as a set of facts: an
     * interface's name and members, a function's signature, a type's definition.
     */
    static Map<String, Set<String>> items(Resolve resolve, int worldId) {
        return new WorldShape(resolve).items(worldId);
    }

    private Map<String, Set<String>> items(int id) {
        World w = resolve.world(id);
        Map<String, Set<String>> out = new TreeMap<>();
        w.imports().forEach((k, v) -> out.put("import " + key(k), facts(v)));
        w.exports().forEach((k, v) -> out.put("export " + key(k), facts(v)));
        return out;
    }

    private Set<String> facts(WorldItem item) {
        Set<String> out = new TreeSet<>();
        if (item instanceof WorldItem.InterfaceItem i) {
            Interface iface = resolve.iface(i.interfaceId());
            String name = resolve.interfaceName(i.interfaceId());
            out.add("interface " + (name == null ? "<inline>" : name));
            iface.types().forEach((n, t) -> out.add("type " + n + " = " + def(t)));
            iface.functions().values().forEach(f -> out.add(function(f)));
        } else {
            out.add(item(item));
        }
        return out;
    }

    /**
     * Whether {@code sub} is what wit-component keeps of world {@code full} in a component: the
     * same exports, and imports that are each all or part of one of {@code full}'s (it drops
     * imported functions the core module does not use, and interfaces left with nothing needed).
     */
    static String notPrunedFrom(Map<String, Set<String>> sub, Map<String, Set<String>> full) {
        for (Map.Entry<String, Set<String>> e : full.entrySet()) {
            if (e.getKey().startsWith("export ") && !e.getValue().equals(sub.get(e.getKey()))) {
                return e.getKey() + " is " + sub.get(e.getKey()) + " instead of " + e.getValue();
            }
        }
        for (Map.Entry<String, Set<String>> e : sub.entrySet()) {
            Set<String> whole = full.get(e.getKey());
            if (whole == null || !whole.containsAll(e.getValue())) {
                return e.getKey() + " is " + e.getValue() + ", not part of " + whole;
            }
        }
        return null;
    }

    private String key(WorldKey k) {
        return k instanceof WorldKey.Name n ? n.name() : resolve.interfaceName(((WorldKey.InterfaceRef) k).interfaceId());
    }

    private String item(WorldItem item) {
        if (item instanceof WorldItem.InterfaceItem i) {
            return iface(i.interfaceId());
        } else if (item instanceof WorldItem.FunctionItem f) {
            return function(f.function());
        }
        return "type " + def(((WorldItem.TypeItem) item).typeId());
    }

    private String iface(int id) {
        Interface i = resolve.iface(id);
        TreeSet<String> members = new TreeSet<>();
        i.types().forEach((n, t) -> members.add("type " + n + " = " + def(t)));
        i.functions().values().forEach(f -> members.add(function(f)));
        String name = resolve.interfaceName(id);
        return "interface " + (name == null ? "" : name + " ") + "{" + String.join("; ", members) + "}";
    }

    private String function(Function f) {
        String params = f.params().stream().map(p -> p.name() + ": " + ref(p.type())).collect(Collectors.joining(", "));
        return f.name() + " " + f.kind().shape() + (f.kind().async() ? " async" : "")
                + "(" + params + ")" + (f.result() == null ? "" : " -> " + ref(f.result()));
    }

    /** Follows aliases ({@code use}, {@code type a = b}) to the definition. */
    private int origin(int id) {
        while (resolve.type(id).kind() instanceof TypeDefKind.Alias a && a.target() instanceof Type.Id t) {
            id = t.index();
        }
        return id;
    }

    /** A reference to a type: the defining place of a named type, the shape of an anonymous one. */
    private String ref(Type t) {
        if (t instanceof Type.Primitive p) {
            return p.witName();
        }
        int id = origin(((Type.Id) t).index());
        TypeDef d = resolve.type(id);
        if (d.kind() instanceof TypeDefKind.Alias a) {
            return ref(a.target());
        }
        if (d.name() == null) {
            return shape(d.kind());
        }
        String owner;
        if (d.owner() instanceof TypeOwner.OfInterface oi) {
            String n = resolve.interfaceName(oi.interfaceId());
            owner = n == null ? "<inline>" : n;
        } else if (d.owner() instanceof TypeOwner.OfWorld) {
            owner = "<world>";
        } else {
            owner = "";
        }
        return owner + "." + d.name();
    }

    private String def(int id) {
        TypeDef d = resolve.type(origin(id));
        return d.kind() instanceof TypeDefKind.Alias a ? ref(a.target()) : shape(d.kind());
    }

    private String opt(Type t) {
        return t == null ? "_" : ref(t);
    }

    private String shape(TypeDefKind k) {
        if (k instanceof TypeDefKind.Record r) {
            return "record{" + r.fields().stream().map(f -> f.name() + ": " + ref(f.type())).collect(Collectors.joining(", ")) + "}";
        } else if (k instanceof TypeDefKind.Variant v) {
            return "variant{" + v.cases().stream().map(c -> c.name() + "(" + opt(c.type()) + ")").collect(Collectors.joining(", ")) + "}";
        } else if (k instanceof TypeDefKind.Enum e) {
            return "enum{" + e.cases().stream().map(TypeDefKind.EnumCase::name).collect(Collectors.joining(", ")) + "}";
        } else if (k instanceof TypeDefKind.Flags f) {
            return "flags{" + f.flags().stream().map(TypeDefKind.Flag::name).collect(Collectors.joining(", ")) + "}";
        } else if (k instanceof TypeDefKind.Resource) {
            return "resource";
        } else if (k instanceof TypeDefKind.Handle h) {
            return (h.borrow() ? "borrow<" : "own<") + ref(new Type.Id(h.resource())) + ">";
        } else if (k instanceof TypeDefKind.Tuple t) {
            List<String> parts = new ArrayList<>();
            t.types().forEach(x -> parts.add(ref(x)));
            return "tuple<" + String.join(", ", parts) + ">";
        } else if (k instanceof TypeDefKind.Option o) {
            return "option<" + ref(o.type()) + ">";
        } else if (k instanceof TypeDefKind.Result r) {
            return "result<" + opt(r.ok()) + ", " + opt(r.err()) + ">";
        } else if (k instanceof TypeDefKind.ListOf l) {
            return "list<" + ref(l.element()) + ">";
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return "list<" + ref(l.element()) + ", " + l.length() + ">";
        } else if (k instanceof TypeDefKind.MapOf m) {
            return "map<" + ref(m.key()) + ", " + ref(m.value()) + ">";
        } else if (k instanceof TypeDefKind.Future f) {
            return "future<" + opt(f.type()) + ">";
        } else if (k instanceof TypeDefKind.Stream s) {
            return "stream<" + opt(s.type()) + ">";
        } else if (k instanceof TypeDefKind.Alias a) {
            return ref(a.target());
        }
        return k.toString();
    }
}
