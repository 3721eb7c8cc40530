package dev.dovetail.compose;

import dev.dovetail.component.Alias;
import dev.dovetail.component.CoreType;
import dev.dovetail.component.Declaration;
import dev.dovetail.component.DefinedType;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.PrimitiveType;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.TypeDef;
import dev.dovetail.component.ValType;
import dev.dovetail.compose.TypeSpace.InstanceOrigin;
import dev.dovetail.compose.TypeSpace.TypeOrigin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Copies types of one scope (a component's top level, or a component type's declarations) into
 * the composed component's type index space, on demand and once each.
 *
 * <p>Indices are rewritten: those of the scope itself, and outer aliases inside instance and
 * component types that reach the scope (count equal to the nesting depth, Explainer.md "Alias
 * Definitions"). A type the scope takes from one of its imports — a resource aliased from an
 * imported instance, like {@code output-stream} of {@code wasi:io/streams} used by {@code
 * wasi:cli/stdout} — is aliased from whatever satisfies that import in the composition, so that
 * resource identities are kept.
 */
final class TypeCopier {
    private final GraphEncoder out;
    private final TypeSpace space;
    private final Function<String, SortIndex> resolveImport;
    private final Function<String, Integer> resolveExport;
    private final Map<Integer, Integer> types = new HashMap<>();
    private final Map<InstanceOrigin, Integer> instances = new IdentityHashMap<>();

    TypeCopier(GraphEncoder out, TypeSpace space, Function<String, SortIndex> resolveImport) {
        this(out, space, resolveImport, null);
    }

    /** {@code resolveExport}: the outer type index of a type export of the scope, or null if there is none. */
    TypeCopier(GraphEncoder out, TypeSpace space, Function<String, SortIndex> resolveImport,
            Function<String, Integer> resolveExport) {
        this.out = out;
        this.space = space;
        this.resolveImport = resolveImport;
        this.resolveExport = resolveExport;
    }

    ExternType externType(ExternType t) {
        if (t instanceof ExternType.Instance i) {
            return new ExternType.Instance(type(i.type()));
        } else if (t instanceof ExternType.Func f) {
            return new ExternType.Func(type(f.type()));
        } else if (t instanceof ExternType.Component c) {
            return new ExternType.Component(type(c.type()));
        } else if (t instanceof ExternType.Type ty) {
            if (ty.bound() instanceof ExternType.TypeBound.Eq eq) {
                return new ExternType.Type(new ExternType.TypeBound.Eq(type(eq.type())));
            }
            return t;
        } else if (t instanceof ExternType.Value v && v.bound() instanceof ExternType.ValueBound.Of of) {
            return new ExternType.Value(new ExternType.ValueBound.Of(valType(of.type())));
        }
        throw new CompositionException("copying the type of a " + TypeSpace.sortName(TypeSpace.sortOf(t))
                + " import is not supported");
    }

    /** The outer index of type {@code index} of the scope. */
    int type(int index) {
        Integer done = types.get(index);
        if (done != null) {
            return done;
        }
        TypeOrigin origin = space.types.get(index);
        int result;
        if (origin instanceof TypeOrigin.Defined d) {
            result = out.type(top(d.def()));
        } else if (origin instanceof TypeOrigin.AliasExport a) {
            result = out.alias(Sort.TYPE, instance(a.instance()), a.name());
        } else if (origin instanceof TypeOrigin.Imported i) {
            SortIndex si = resolveImport.apply(i.name());
            if (si.sort() != Sort.TYPE) {
                throw new CompositionException("type import `" + i.name() + "` is satisfied by a "
                        + TypeSpace.sortName(si.sort()));
            }
            result = si.index();
        } else if (origin instanceof TypeOrigin.Exported e) {
            Integer exported = resolveExport == null ? null : resolveExport.apply(e.name());
            if (exported == null) {
                throw new CompositionException("it refers to the type export `" + e.name() + "`, which is not "
                        + "exported here");
            }
            result = exported;
        } else {
            throw new CompositionException("it refers to " + ((TypeOrigin.Other) origin).what()
                    + ", which an import's type cannot refer to");
        }
        types.put(index, result);
        return result;
    }

    private int instance(InstanceOrigin origin) {
        Integer done = instances.get(origin);
        if (done != null) {
            return done;
        }
        int result;
        if (origin instanceof InstanceOrigin.Imported i) {
            SortIndex si = resolveImport.apply(i.name());
            if (si.sort() != Sort.INSTANCE) {
                throw new CompositionException("its type refers to instance import `" + i.name()
                        + "`, which is satisfied by a " + TypeSpace.sortName(si.sort()));
            }
            result = si.index();
        } else if (origin instanceof InstanceOrigin.AliasExport a) {
            result = out.alias(Sort.INSTANCE, instance(a.instance()), a.name());
        } else {
            throw new CompositionException("its type refers to types of " + ((InstanceOrigin.Other) origin).what()
                    + ", which an import's type cannot refer to");
        }
        instances.put(origin, result);
        return result;
    }

    /** A type definition of the scope, its indices rewritten to the composed component's. */
    private TypeDef top(TypeDef d) {
        if (d instanceof TypeDef.InstanceType i) {
            return new TypeDef.InstanceType(declarations(i.declarations(), 1));
        } else if (d instanceof TypeDef.ComponentType c) {
            return new TypeDef.ComponentType(declarations(c.declarations(), 1));
        } else if (d instanceof TypeDef.Func f) {
            return new TypeDef.Func(f.async(),
                    f.params().stream().map(p -> new DefinedType.Field(p.label(), valType(p.type()))).toList(),
                    f.result().map(this::valType));
        } else if (d instanceof TypeDef.Resource) {
            throw new CompositionException("it refers to a resource the component defines itself");
        }
        return defined((DefinedType) d);
    }

    private DefinedType defined(DefinedType d) {
        if (d instanceof PrimitiveType p) {
            return p;
        } else if (d instanceof DefinedType.Record r) {
            return new DefinedType.Record(
                    r.fields().stream().map(f -> new DefinedType.Field(f.label(), valType(f.type()))).toList());
        } else if (d instanceof DefinedType.Variant v) {
            return new DefinedType.Variant(
                    v.cases().stream().map(c -> new DefinedType.Case(c.label(), c.type().map(this::valType))).toList());
        } else if (d instanceof DefinedType.ListType l) {
            return new DefinedType.ListType(valType(l.element()));
        } else if (d instanceof DefinedType.FixedList l) {
            return new DefinedType.FixedList(valType(l.element()), l.length());
        } else if (d instanceof DefinedType.Tuple t) {
            return new DefinedType.Tuple(t.types().stream().map(this::valType).toList());
        } else if (d instanceof DefinedType.Option o) {
            return new DefinedType.Option(valType(o.type()));
        } else if (d instanceof DefinedType.Result r) {
            return new DefinedType.Result(r.ok().map(this::valType), r.error().map(this::valType));
        } else if (d instanceof DefinedType.Own o) {
            return new DefinedType.Own(type(o.resource()));
        } else if (d instanceof DefinedType.Borrow b) {
            return new DefinedType.Borrow(type(b.resource()));
        } else if (d instanceof DefinedType.Stream s) {
            return new DefinedType.Stream(s.element().map(this::valType));
        } else if (d instanceof DefinedType.Future f) {
            return new DefinedType.Future(f.element().map(this::valType));
        } else if (d instanceof DefinedType.MapType m) {
            return new DefinedType.MapType(valType(m.key()), valType(m.value()));
        }
        // flags and enums have no indices
        return d;
    }

    private ValType valType(ValType v) {
        return v instanceof ValType.Index i ? ValType.of(type(i.index())) : v;
    }

    /**
     * The declarations of an instance or component type {@code depth} levels inside the scope:
     * local indices stay, outer aliases that reach the scope are rewritten.
     */
    private List<Declaration> declarations(List<Declaration> decls, int depth) {
        List<Declaration> result = new ArrayList<>(decls.size());
        for (Declaration d : decls) {
            if (d instanceof Declaration.TypeDecl t && t.type() instanceof TypeDef.InstanceType i) {
                result.add(new Declaration.TypeDecl(new TypeDef.InstanceType(declarations(i.declarations(), depth + 1))));
            } else if (d instanceof Declaration.TypeDecl t && t.type() instanceof TypeDef.ComponentType c) {
                result.add(new Declaration.TypeDecl(
                        new TypeDef.ComponentType(declarations(c.declarations(), depth + 1))));
            } else if (d instanceof Declaration.AliasDecl a && a.alias() instanceof Alias.Outer o
                    && Integer.toUnsignedLong(o.count()) >= depth) {
                if (o.count() != depth || o.sort() != Sort.TYPE) {
                    throw new CompositionException("it has an outer alias of a " + TypeSpace.sortName(o.sort())
                            + " beyond its component, which is not supported");
                }
                result.add(new Declaration.AliasDecl(new Alias.Outer(Sort.TYPE, depth, type(o.index()))));
            } else if (d instanceof Declaration.CoreTypeDecl c && reachesScope(c.type(), depth)) {
                throw new CompositionException("it has a core module type with an outer alias beyond its "
                        + "component, which is not supported");
            } else {
                result.add(d);
            }
        }
        return result;
    }

    private static boolean reachesScope(CoreType t, int depth) {
        if (t instanceof CoreType.Module m) {
            for (CoreType.ModuleDecl d : m.declarations()) {
                // count 1 is the enclosing type declaration; depth + 1 is the scope itself
                if (d instanceof CoreType.ModuleDecl.OuterAlias a && Integer.toUnsignedLong(a.count()) > depth) {
                    return true;
                }
            }
        }
        return false;
    }
}
