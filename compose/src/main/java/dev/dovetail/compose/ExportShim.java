package dev.dovetail.compose;

import dev.dovetail.component.Component;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Sort;
import dev.dovetail.component.TypeDef;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Interface;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.TypeOwner;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The nested component through which an exported interface is exported: it imports the lifted
 * functions ({@code import-func-*}) and every type they use ({@code import-type-*}), then exports
 * the interface's own types under their names and the functions with types that refer to those
 * exports, so the instance it makes has exactly the interface's instance type.
 */
final class ExportShim {
    private final Resolve resolve;
    private final int ifaceId;
    private final WitTypes.Scope outer;
    private final ComponentBuilder b = new ComponentBuilder();
    private final Map<String, Integer> typeArgs = new LinkedHashMap<>();
    private final Map<String, String> funcImports = new HashMap<>();
    private final Set<String> names = new HashSet<>();

    ExportShim(Resolve resolve, int ifaceId, WitTypes.Scope outer) {
        this.resolve = resolve;
        this.ifaceId = ifaceId;
        this.outer = outer;
    }

    /** Type imports of the shim and the outer type index that satisfies each. */
    Map<String, Integer> typeArgs() {
        return typeArgs;
    }

    /** The import name of the lifted function {@code name}. */
    String funcImport(String name) {
        return funcImports.get(name);
    }

    private final WitTypes.Scope imports = new WitTypes.Scope() {
        @Override
        int define(TypeDef def) {
            return b.type(def);
        }

        @Override
        int named(Resolve r, int id) {
            dev.dovetail.wit.TypeDef ty = r.type(id);
            String name = unique("import-type-" + kebab(ty.name()));
            ExternType.TypeBound bound = ty.kind() instanceof TypeDefKind.Resource
                    ? new ExternType.TypeBound.SubResource() : new ExternType.TypeBound.Eq(shapeIndex(r, id));
            int idx = b.importItem(ExternName.of(name), new ExternType.Type(bound));
            typeArgs.put(name, outer.index(r, new Type.Id(id)));
            return idx;
        }
    };

    private final WitTypes.Scope exports = new WitTypes.Scope() {
        @Override
        int define(TypeDef def) {
            return b.type(def);
        }

        @Override
        int named(Resolve r, int id) {
            dev.dovetail.wit.TypeDef ty = r.type(id);
            if (r == resolve && ty.owner() instanceof TypeOwner.OfInterface oi && oi.interfaceId() == ifaceId) {
                int shape = ty.kind() instanceof TypeDefKind.Resource ? imports.index(r, new Type.Id(id)) : shapeIndex(r, id);
                return b.export(ExternName.of(ty.name()), Sort.TYPE, shape, Optional.empty());
            }
            return imports.index(r, new Type.Id(id));
        }
    };

    Component build(Collection<String> functions) {
        Interface iface = resolve.iface(ifaceId);
        for (int ty : iface.types().values()) {
            imports.valType(resolve, new Type.Id(ty));
        }
        Map<String, Integer> funcs = new LinkedHashMap<>();
        for (String name : functions) {
            Function f = iface.functions().get(name);
            int type = imports.funcType(resolve, f);
            String importName = unique("import-func-" + kebab(name));
            funcImports.put(name, importName);
            funcs.put(name, b.importItem(ExternName.of(importName), new ExternType.Func(type)));
        }
        for (int ty : iface.types().values()) {
            exports.valType(resolve, new Type.Id(ty));
        }
        for (Map.Entry<String, Integer> f : funcs.entrySet()) {
            int type = exports.funcType(resolve, iface.functions().get(f.getKey()));
            b.export(ExternName.of(f.getKey()), Sort.FUNC, f.getValue(), Optional.of(new ExternType.Func(type)));
        }
        return b.build();
    }

    /** {@code [method]r.m} and the like as a kebab-case label: {@code method-r-m}. */
    static String kebab(String name) {
        String s = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "x" : s;
    }

    private String unique(String name) {
        String n = name;
        while (!names.add(n)) {
            n = n + "-x";
        }
        return n;
    }
}
