package dev.dovetail.runtime;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Declaration;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.TypeDef;
import dev.dovetail.runtime.core.CoreLinkException;
import dev.dovetail.runtime.core.CoreModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Supplies the imports of a component, by name: host functions, host resource types, instances
 * (nested namespaces of definitions, or the exports of another component instance), core
 * modules, components and values. Then instantiates.
 *
 * <pre>{@code
 * Linker linker = runtime.linker();
 * linker.instance("wasi:cli/stdout@0.2.0")
 *         .resource("output-stream", streamType)
 *         .func("get-stdout", args -> Optional.of(new Val.Own(new Resource(streamType, 1))));
 * linker.instance("acme:dep/api", dependencyInstance);   // imports served by another component
 * ComponentInstance app = linker.instantiate(component);
 * }</pre>
 *
 * <p>Host functions need no declared type: each takes the type of the import it satisfies.
 */
public final class Linker {
    /** One definition. */
    private sealed interface Def {
        record Host(HostFunction body) implements Def {}

        record Guest(FuncInst func) implements Def {}

        record Resource(ResourceType type) implements Def {}

        record Namespace(Linker linker) implements Def {}

        record Instance(InstanceValue instance) implements Def {}

        record Module(byte[] bytes) implements Def {}

        record Component(LoadedComponent component) implements Def {}

        record Value(Val value) implements Def {}

        /** An item of another instance (exports of a {@link Def.Instance}). */
        record Other(Item item) implements Def {}
    }

    private final ComponentRuntime runtime;
    private final String path;
    private final Map<String, Def> defs = new LinkedHashMap<>();

    Linker(ComponentRuntime runtime, String path) {
        this.runtime = runtime;
        this.path = path;
    }

    private Linker define(String name, Def def) {
        Objects.requireNonNull(name);
        if (defs.containsKey(name)) {
            throw new IllegalArgumentException("\"" + path + name + "\" is already defined");
        }
        defs.put(name, def);
        return this;
    }

    /** A host function; it takes the type of the import it satisfies. */
    public Linker func(String name, HostFunction function) {
        return define(name, new Def.Host(Objects.requireNonNull(function)));
    }

    /** A function exported by another component instance. */
    public Linker func(String name, ComponentFunction function) {
        return define(name, new Def.Guest(function.func()));
    }

    /** A resource type, for a {@code (type (sub resource))} import. */
    public Linker resource(String name, ResourceType type) {
        return define(name, new Def.Resource(Objects.requireNonNull(type)));
    }

    /** All exports of another component instance, as an instance import. */
    public Linker instance(String name, ComponentInstance instance) {
        return define(name, new Def.Instance(instance.value()));
    }

    /** A nested namespace for an instance import, created on first use; define its exports on it. */
    public Linker instance(String name) {
        Def d = defs.get(name);
        if (d instanceof Def.Namespace ns) {
            return ns.linker();
        }
        Linker nested = new Linker(runtime, path + name + "/");
        define(name, new Def.Namespace(nested));
        return nested;
    }

    /** A core module (its binary), for a {@code (core module)} import. */
    public Linker module(String name, byte[] coreModule) {
        return define(name, new Def.Module(coreModule.clone()));
    }

    /** A component, for a {@code (component)} import. */
    public Linker component(String name, LoadedComponent component) {
        return define(name, new Def.Component(Objects.requireNonNull(component)));
    }

    /** A value, for a {@code (value)} import. */
    public Linker value(String name, Val value) {
        return define(name, new Def.Value(Objects.requireNonNull(value)));
    }

    /** Instantiates a component; its root instance is called {@code "root"} in traps. */
    public ComponentInstance instantiate(LoadedComponent component) {
        return instantiate(component, Instantiator.componentName(component.model(), "root"));
    }

    /**
     * Instantiates a component, naming its root instance.
     *
     * @throws ComponentLinkException if an import is missing or of the wrong kind
     * @throws ComponentTrapException if a start function traps
     */
    public ComponentInstance instantiate(LoadedComponent component, String name) {
        InstanceState root = new InstanceState(null, name);
        InstanceValue v = Instantiator.instantiate(component.definition(), this::resolve, root);
        return new ComponentInstance(v, name);
    }

    private Item resolve(Import imp, Scope scope) {
        String name = imp.name().name();
        return item(defs.get(name), imp.type(), scope, path + name);
    }

    /** Turns a definition into the item for an import or an instance-type export of type {@code t}. */
    private Item item(Def d, ExternType t, Scope scope, String where) {
        if (d == null) {
            if (t instanceof ExternType.Type ty && ty.bound() instanceof ExternType.TypeBound.Eq eq) {
                return new Item.Type(scope.types.get(eq.type()));
            }
            throw new ComponentLinkException("missing import \"" + where + "\"");
        }
        if (d instanceof Def.Host h && t instanceof ExternType.Func f) {
            Object ft = scope.types.get(f.type());
            if (!(ft instanceof FuncType type)) {
                throw new ComponentLinkException("import \"" + where + "\": type " + f.type() + " is not a function type");
            }
            return new Item.Func(new HostFunc(type, where, h.body()));
        }
        if (d instanceof Def.Guest g && t instanceof ExternType.Func f) {
            return new Item.Func(checked(g.func(), scope.types.get(f.type()), where));
        }
        if (d instanceof Def.Other o) {
            Item it = o.item();
            if (it instanceof Item.Func fn && t instanceof ExternType.Func f) {
                return new Item.Func(checked(fn.func(), scope.types.get(f.type()), where));
            }
            if (it instanceof Item.Instance in && t instanceof ExternType.Instance) {
                return item(new Def.Instance(in.instance()), t, scope, where);
            }
            boolean sameSort = (it instanceof Item.Type && t instanceof ExternType.Type)
                    || (it instanceof Item.Component && t instanceof ExternType.Component)
                    || (it instanceof Item.Module && t instanceof ExternType.CoreModule)
                    || (it instanceof Item.Value && t instanceof ExternType.Value);
            if (sameSort) {
                return it;
            }
        }
        if (d instanceof Def.Resource r && t instanceof ExternType.Type) {
            return new Item.Type(r.type());
        }
        if ((d instanceof Def.Instance || d instanceof Def.Namespace) && t instanceof ExternType.Instance it) {
            Object declared = scope.types.get(it.type());
            if (!(declared instanceof DeclaredType dt) || !(dt.type() instanceof TypeDef.InstanceType type)) {
                throw new ComponentLinkException("import \"" + where + "\": not an instance type");
            }
            if (d instanceof Def.Namespace ns) {
                return new Item.Instance(ns.linker().instanceOf(type, dt.scope(), ns.linker().defs::get, where));
            }
            InstanceValue given = ((Def.Instance) d).instance();
            java.util.function.Function<String, Def> lookup = n -> {
                Item x = given.exports.get(n);
                return x == null ? null : new Def.Other(x);
            };
            return new Item.Instance(instanceOf(type, dt.scope(), lookup, where));
        }
        if (d instanceof Def.Module m && t instanceof ExternType.CoreModule) {
            try {
                CoreModule module = runtime.engine().core.parse(m.bytes());
                return new Item.Module(module);
            } catch (CoreLinkException e) {
                throw new ComponentLinkException("import \"" + where + "\": " + e.getMessage(), e);
            }
        }
        if (d instanceof Def.Component c && t instanceof ExternType.Component) {
            return new Item.Component(c.component().definition());
        }
        if (d instanceof Def.Value v && t instanceof ExternType.Value) {
            return new Item.Value(v.value());
        }
        throw new ComponentLinkException("import \"" + where + "\" has the wrong kind for its definition");
    }

    /** A component function for an import of type {@code declared}, whose type must match. */
    private static FuncInst checked(FuncInst f, Object declared, String where) {
        if (declared instanceof FuncType ft
                && (!ft.paramTypes().equals(f.type().paramTypes()) || !ft.result().equals(f.type().result()))) {
            throw new ComponentLinkException("import \"" + where + "\" has type " + ft + " but was given "
                    + f.name() + " of type " + f.type());
        }
        return f;
    }

    /**
     * Resolves an instance type's declarations against definitions looked up by export name,
     * checking that each declared export is supplied with the right kind (and, for functions,
     * type). The result holds exactly the declared exports.
     */
    private InstanceValue instanceOf(TypeDef.InstanceType type, Scope outer,
            java.util.function.Function<String, Def> lookup, String where) {
        Scope local = new Scope(outer);
        Map<String, Item> exports = new LinkedHashMap<>();
        for (Declaration d : type.declarations()) {
            if (d instanceof Declaration.CoreTypeDecl ct) {
                local.coreTypes.add(ct.type());
            } else if (d instanceof Declaration.TypeDecl td) {
                local.types.add(Instantiator.resolveTypeDef(td.type(), local, null, "type"));
            } else if (d instanceof Declaration.AliasDecl ad) {
                Alias a = ad.alias();
                if (a instanceof Alias.Outer o) {
                    Scope s = local.out(o.count());
                    switch (o.sort()) {
                        case TYPE -> local.types.add(s.types.get(o.index()));
                        case CORE_TYPE -> local.coreTypes.add(s.coreTypes.get(o.index()));
                        case COMPONENT -> local.components.add(s.components.get(o.index()));
                        case CORE_MODULE -> local.coreModules.add(s.coreModules.get(o.index()));
                        default -> throw new ComponentLinkException("outer alias of a " + o.sort());
                    }
                } else if (a instanceof Alias.InstanceExport ie) {
                    Item it = local.instances.get(ie.instance()).exports.get(ie.name());
                    if (it instanceof Item.Type ty) {
                        local.types.add(ty.type());
                    } else if (it instanceof Item.Func f) {
                        local.funcs.add(f.func());
                    } else if (it instanceof Item.Instance in) {
                        local.instances.add(in.instance());
                    }
                } else {
                    throw new ComponentLinkException("core export alias in an instance type");
                }
            } else if (d instanceof Declaration.Export e) {
                String name = e.name().name();
                Item it = item(lookup.apply(name), e.type(), local, where + "/" + name);
                exports.put(name, it);
                if (it instanceof Item.Type ty) {
                    local.types.add(ty.type());
                } else if (it instanceof Item.Func f) {
                    local.funcs.add(f.func());
                } else if (it instanceof Item.Instance in) {
                    local.instances.add(in.instance());
                } else if (it instanceof Item.Component c) {
                    local.components.add(c.component());
                } else if (it instanceof Item.Module m) {
                    local.coreModules.add(m.module());
                }
            }
        }
        return new InstanceValue(exports, null);
    }
}
