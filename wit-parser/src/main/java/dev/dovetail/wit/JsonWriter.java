package dev.dovetail.wit;

import java.util.List;
import java.util.Map;

/**
 * Serializes a {@link Resolve} exactly as the Rust {@code wit-parser} does with
 * {@code serde_json::to_string_pretty}: two-space indent, {@code "key": value}, {@code []} and
 * {@code {}} for empty containers, and the field order and omission rules of its serde derives
 * (empty docs and unknown stability are left out, a missing function result is left out, a
 * missing payload is {@code null}).
 */
final class JsonWriter {
    private final Resolve resolve;
    private final StringBuilder out = new StringBuilder();
    private int depth;
    // Whether the container being written has an element yet (for commas and "{}"/"[]").
    private boolean containerHasItems;

    JsonWriter(Resolve resolve) {
        this.resolve = resolve;
    }

    String write() {
        out.setLength(0);
        depth = 0;
        beginObject();
        key("worlds");
        beginArray();
        for (World world : resolve.worlds()) {
            element();
            world(world);
        }
        endArray();
        key("interfaces");
        beginArray();
        for (Interface iface : resolve.interfaces()) {
            element();
            iface(iface);
        }
        endArray();
        key("types");
        beginArray();
        for (TypeDef type : resolve.types()) {
            element();
            typeDef(type);
        }
        endArray();
        key("packages");
        beginArray();
        for (Package pkg : resolve.packages()) {
            element();
            pkg(pkg);
        }
        endArray();
        endObject();
        return out.toString();
    }

    // ------------------------------------------------------------------ model

    private void world(World world) {
        beginObject();
        key("name");
        string(world.name());
        key("imports");
        worldItems(world.imports());
        key("exports");
        worldItems(world.exports());
        key("package");
        optionalId(world.packageId());
        docs(world.docs());
        stability(world.stability());
        endObject();
    }

    private void worldItems(Map<WorldKey, WorldItem> items) {
        beginObject();
        for (Map.Entry<WorldKey, WorldItem> e : items.entrySet()) {
            key(worldKey(e.getKey()));
            worldItem(e.getValue());
        }
        endObject();
    }

    private static String worldKey(WorldKey key) {
        if (key instanceof WorldKey.Name n) {
            return n.name();
        } else if (key instanceof WorldKey.InterfaceRef r) {
            return "interface-" + r.interfaceId();
        }
        throw new IllegalStateException("unknown world key " + key);
    }

    private void worldItem(WorldItem item) {
        beginObject();
        if (item instanceof WorldItem.InterfaceItem i) {
            key("interface");
            beginObject();
            key("id");
            number(i.interfaceId());
            stability(i.stability());
            endObject();
        } else if (item instanceof WorldItem.FunctionItem f) {
            key("function");
            function(f.function());
        } else if (item instanceof WorldItem.TypeItem t) {
            key("type");
            number(t.typeId());
        }
        endObject();
    }

    private void iface(Interface iface) {
        beginObject();
        key("name");
        optionalString(iface.name());
        key("types");
        idMap(iface.types());
        key("functions");
        beginObject();
        for (Map.Entry<String, Function> e : iface.functions().entrySet()) {
            key(e.getKey());
            function(e.getValue());
        }
        endObject();
        docs(iface.docs());
        stability(iface.stability());
        key("package");
        optionalId(iface.packageId());
        endObject();
    }

    private void typeDef(TypeDef type) {
        beginObject();
        key("name");
        optionalString(type.name());
        key("kind");
        kind(type.kind());
        key("owner");
        owner(type.owner());
        docs(type.docs());
        stability(type.stability());
        endObject();
    }

    private void kind(TypeDefKind kind) {
        if (kind instanceof TypeDefKind.Resource) {
            string("resource");
            return;
        }
        if (kind instanceof TypeDefKind.Unknown) {
            string("unknown");
            return;
        }
        beginObject();
        if (kind instanceof TypeDefKind.Record r) {
            key("record");
            beginObject();
            key("fields");
            beginArray();
            for (TypeDefKind.Field f : r.fields()) {
                element();
                beginObject();
                key("name");
                string(f.name());
                key("type");
                type(f.type());
                docs(f.docs());
                endObject();
            }
            endArray();
            endObject();
        } else if (kind instanceof TypeDefKind.Handle h) {
            key("handle");
            beginObject();
            key(h.borrow() ? "borrow" : "own");
            number(h.resource());
            endObject();
        } else if (kind instanceof TypeDefKind.Flags f) {
            key("flags");
            beginObject();
            key("flags");
            beginArray();
            for (TypeDefKind.Flag flag : f.flags()) {
                element();
                beginObject();
                key("name");
                string(flag.name());
                docs(flag.docs());
                endObject();
            }
            endArray();
            endObject();
        } else if (kind instanceof TypeDefKind.Tuple t) {
            key("tuple");
            beginObject();
            key("types");
            typeList(t.types());
            endObject();
        } else if (kind instanceof TypeDefKind.Variant v) {
            key("variant");
            beginObject();
            key("cases");
            beginArray();
            for (TypeDefKind.Case c : v.cases()) {
                element();
                beginObject();
                key("name");
                string(c.name());
                key("type");
                optionalType(c.type());
                docs(c.docs());
                endObject();
            }
            endArray();
            endObject();
        } else if (kind instanceof TypeDefKind.Enum e) {
            key("enum");
            beginObject();
            key("cases");
            beginArray();
            for (TypeDefKind.EnumCase c : e.cases()) {
                element();
                beginObject();
                key("name");
                string(c.name());
                docs(c.docs());
                endObject();
            }
            endArray();
            endObject();
        } else if (kind instanceof TypeDefKind.Option o) {
            key("option");
            type(o.type());
        } else if (kind instanceof TypeDefKind.Result r) {
            key("result");
            beginObject();
            key("ok");
            optionalType(r.ok());
            key("err");
            optionalType(r.err());
            endObject();
        } else if (kind instanceof TypeDefKind.ListOf l) {
            key("list");
            type(l.element());
        } else if (kind instanceof TypeDefKind.FixedLengthList l) {
            // A Rust tuple variant `FixedLengthList(Type, u32)` serializes as a two-element array.
            key("fixed-length-list");
            beginArray();
            element();
            type(l.element());
            element();
            out.append(l.length());
            endArray();
        } else if (kind instanceof TypeDefKind.MapOf m) {
            key("map");
            beginArray();
            element();
            type(m.key());
            element();
            type(m.value());
            endArray();
        } else if (kind instanceof TypeDefKind.Future f) {
            key("future");
            optionalType(f.type());
        } else if (kind instanceof TypeDefKind.Stream s) {
            key("stream");
            optionalType(s.type());
        } else if (kind instanceof TypeDefKind.Alias a) {
            key("type");
            type(a.target());
        } else {
            throw new IllegalStateException("unknown type kind " + kind);
        }
        endObject();
    }

    private void owner(TypeOwner owner) {
        if (owner instanceof TypeOwner.None) {
            out.append("null");
        } else if (owner instanceof TypeOwner.OfInterface i) {
            beginObject();
            key("interface");
            number(i.interfaceId());
            endObject();
        } else if (owner instanceof TypeOwner.OfWorld w) {
            beginObject();
            key("world");
            number(w.worldId());
            endObject();
        }
    }

    private void function(Function f) {
        beginObject();
        key("name");
        string(f.name());
        key("kind");
        functionKind(f.kind());
        key("params");
        beginArray();
        for (Function.Param p : f.params()) {
            element();
            beginObject();
            key("name");
            string(p.name());
            key("type");
            type(p.type());
            endObject();
        }
        endArray();
        if (f.result() != null) {
            key("result");
            type(f.result());
        }
        docs(f.docs());
        stability(f.stability());
        endObject();
    }

    private void functionKind(Function.Kind kind) {
        String prefix = kind.async() ? "async-" : "";
        switch (kind.shape()) {
            case FREESTANDING -> string(prefix + "freestanding");
            case METHOD -> resourceKind(prefix + "method", kind.resource());
            case STATIC -> resourceKind(prefix + "static", kind.resource());
            // wit-parser has no async constructors.
            case CONSTRUCTOR -> resourceKind("constructor", kind.resource());
        }
    }

    private void resourceKind(String name, int resource) {
        beginObject();
        key(name);
        number(resource);
        endObject();
    }

    private void pkg(Package pkg) {
        beginObject();
        key("name");
        string(pkg.name().toString());
        docs(pkg.docs());
        key("interfaces");
        idMap(pkg.interfaces());
        key("worlds");
        idMap(pkg.worlds());
        endObject();
    }

    private void docs(Docs docs) {
        if (docs == null || docs.isEmpty()) {
            return;
        }
        key("docs");
        beginObject();
        key("contents");
        string(docs.contents());
        endObject();
    }

    private void stability(Stability stability) {
        if (stability == null || stability instanceof Stability.Unknown) {
            return;
        }
        key("stability");
        beginObject();
        if (stability instanceof Stability.Stable s) {
            key("stable");
            beginObject();
            key("since");
            string(s.since());
            if (s.deprecated() != null) {
                key("deprecated");
                string(s.deprecated());
            }
            endObject();
        } else if (stability instanceof Stability.Unstable u) {
            key("unstable");
            beginObject();
            key("feature");
            string(u.feature());
            if (u.deprecated() != null) {
                key("deprecated");
                string(u.deprecated());
            }
            endObject();
        }
        endObject();
    }

    private void idMap(Map<String, Integer> map) {
        beginObject();
        for (Map.Entry<String, Integer> e : map.entrySet()) {
            key(e.getKey());
            number(e.getValue());
        }
        endObject();
    }

    private void typeList(List<Type> types) {
        beginArray();
        for (Type t : types) {
            element();
            type(t);
        }
        endArray();
    }

    private void type(Type type) {
        if (type instanceof Type.Primitive p) {
            string(p.witName());
        } else if (type instanceof Type.Id id) {
            number(id.index());
        } else {
            throw new IllegalStateException("missing type");
        }
    }

    private void optionalType(Type type) {
        if (type == null) {
            out.append("null");
        } else {
            type(type);
        }
    }

    private void optionalId(Integer id) {
        if (id == null) {
            out.append("null");
        } else {
            number(id);
        }
    }

    private void optionalString(String s) {
        if (s == null) {
            out.append("null");
        } else {
            string(s);
        }
    }

    // ------------------------------------------------------------------ pretty printer

    private void beginObject() {
        out.append('{');
        depth++;
        containerHasItems = false;
    }

    private void endObject() {
        close('}');
    }

    private void beginArray() {
        out.append('[');
        depth++;
        containerHasItems = false;
    }

    private void endArray() {
        close(']');
    }

    private void close(char c) {
        depth--;
        if (containerHasItems) {
            newline();
        }
        out.append(c);
        // The enclosing container necessarily has an item: the one just closed.
        containerHasItems = true;
    }

    /** Starts an object member: comma if needed, newline, indent, key and colon. */
    private void key(String key) {
        element();
        string(key);
        out.append(": ");
    }

    /** Starts an array element (or object member): comma if needed, newline and indent. */
    private void element() {
        if (containerHasItems) {
            out.append(',');
        }
        newline();
        containerHasItems = true;
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void number(long n) {
        out.append(n);
    }

    /** Appends a JSON string escaped like serde_json: only quote, backslash and control chars. */
    private void string(String s) {
        out.append('"');
        escape(out, s);
        out.append('"');
    }

    static void escape(StringBuilder out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00");
                        out.append(Character.forDigit(c >> 4, 16));
                        out.append(Character.forDigit(c & 0xf, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
