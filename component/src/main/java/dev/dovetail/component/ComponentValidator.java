package dev.dovetail.component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validation of a decoded component: the beginning of it.
 *
 * <p>Checked so far: the index spaces of every scope (component, component type, instance type,
 * core module type) are built definition by definition, and every index must be in bounds when it
 * is used; outer alias counts must not exceed the enclosing scopes; the non-emptiness and size
 * rules of defined types (record, variant, tuple, flags, enum, fixed-length list); resource types
 * only in concrete components; the sorts allowed in alias and core instantiate-arg positions.
 *
 * <p>Not checked yet: types of anything (type matching, subtyping, instantiation arguments,
 * canonical ABI signatures), export-name lookups, name uniqueness and syntax, resource and value
 * rules, borrow/stream restrictions, core module contents.
 */
public final class ComponentValidator {
    private ComponentValidator() {}

    /** Throws {@link ComponentValidationException} at the first rule broken. */
    public static void validate(Component component) {
        new ComponentValidator.Run().component(component);
    }

    /** An index-space scope: a component, a component or instance type, or a core module type. */
    private static final class Scope {
        final String kind;
        final Map<Sort, Long> counts = new EnumMap<>(Sort.class);

        Scope(String kind) {
            this.kind = kind;
        }

        long count(Sort s) {
            return counts.getOrDefault(s, 0L);
        }

        void add(Sort s, long n) {
            counts.merge(s, n, Long::sum);
        }
    }

    private static final class Run {
        private final Deque<Scope> scopes = new ArrayDeque<>();
        private final List<String> path = new ArrayList<>();

        private ComponentValidationException fail(String reason) {
            return new ComponentValidationException(String.join(" / ", path), reason);
        }

        private Scope scope() {
            return scopes.peek();
        }

        private void check(Sort sort, int index) {
            check(scope(), sort, index);
        }

        private void check(Scope scope, Sort sort, int index) {
            long i = Integer.toUnsignedLong(index);
            if (i >= scope.count(sort)) {
                throw fail(describe(sort) + " index out of bounds: " + i + " (" + scope.count(sort) + " defined)");
            }
        }

        private static String describe(Sort s) {
            return switch (s) {
                case CORE_FUNC -> "core func";
                case CORE_TABLE -> "core table";
                case CORE_MEMORY -> "core memory";
                case CORE_GLOBAL -> "core global";
                case CORE_TAG -> "core tag";
                case CORE_TYPE -> "core type";
                case CORE_MODULE -> "module";
                case CORE_INSTANCE -> "core instance";
                case FUNC -> "func";
                case VALUE -> "value";
                case TYPE -> "type";
                case COMPONENT -> "component";
                case INSTANCE -> "instance";
            };
        }

        // component: definitions validated in order, each extending the index spaces
        void component(Component c) {
            scopes.push(new Scope("component"));
            int n = 0;
            for (Section s : c.sections()) {
                path.add("section " + n++ + " (" + name(s) + ")");
                section(s);
                path.remove(path.size() - 1);
            }
            scopes.pop();
        }

        private static String name(Section s) {
            String simple = s.getClass().getSimpleName();
            return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }

        private <T> void items(List<T> items, java.util.function.Consumer<T> each) {
            for (int i = 0; i < items.size(); i++) {
                path.add("item " + i);
                each.accept(items.get(i));
                path.remove(path.size() - 1);
            }
        }

        void section(Section s) {
            Scope sc = scope();
            if (s instanceof Section.Custom) {
                return;
            } else if (s instanceof Section.CoreModule) {
                sc.add(Sort.CORE_MODULE, 1);
            } else if (s instanceof Section.CoreInstances x) {
                items(x.instances(), this::coreInstance);
            } else if (s instanceof Section.CoreTypes x) {
                items(x.types(), t -> coreType(t, true));
            } else if (s instanceof Section.NestedComponent x) {
                component(x.component());
                sc.add(Sort.COMPONENT, 1);
            } else if (s instanceof Section.Instances x) {
                items(x.instances(), this::instance);
            } else if (s instanceof Section.Aliases x) {
                items(x.aliases(), a -> alias(a, false));
            } else if (s instanceof Section.Types x) {
                items(x.types(), t -> typeDef(t, true));
            } else if (s instanceof Section.Canons x) {
                items(x.canons(), this::canon);
            } else if (s instanceof Section.StartSection x) {
                check(Sort.FUNC, x.start().func());
                for (int v : x.start().args()) {
                    check(Sort.VALUE, v);
                }
                sc.add(Sort.VALUE, Integer.toUnsignedLong(x.start().results()));
            } else if (s instanceof Section.Imports x) {
                items(x.imports(), i -> sc.add(externType(i.type()), 1));
            } else if (s instanceof Section.Exports x) {
                items(x.exports(), this::export);
            } else if (s instanceof Section.Values x) {
                items(x.values(), v -> {
                    valType(v.type());
                    sc.add(Sort.VALUE, 1);
                });
            } else {
                throw new IllegalStateException("unknown section " + s);
            }
        }

        void coreInstance(CoreInstance i) {
            if (i instanceof CoreInstance.Instantiate x) {
                check(Sort.CORE_MODULE, x.module());
                for (CoreInstance.Arg a : x.args()) {
                    check(Sort.CORE_INSTANCE, a.instance());
                }
            } else if (i instanceof CoreInstance.FromExports x) {
                for (CoreInstance.Export e : x.exports()) {
                    check(Sort.of(e.sort()), e.index());
                }
            }
            scope().add(Sort.CORE_INSTANCE, 1);
        }

        void instance(Instance i) {
            if (i instanceof Instance.Instantiate x) {
                check(Sort.COMPONENT, x.component());
                for (Instance.Arg a : x.args()) {
                    check(a.item().sort(), a.item().index());
                }
            } else if (i instanceof Instance.FromExports x) {
                for (Instance.Export e : x.exports()) {
                    check(e.item().sort(), e.item().index());
                }
            }
            scope().add(Sort.INSTANCE, 1);
        }

        // alias; in a type declarator only some sorts may be aliased (Binary.md)
        void alias(Alias a, boolean declarator) {
            if (a instanceof Alias.InstanceExport x) {
                if (declarator && x.sort() != Sort.INSTANCE && x.sort() != Sort.TYPE) {
                    throw fail("export aliases in types may only alias instances and types");
                }
                check(Sort.INSTANCE, x.instance());
            } else if (a instanceof Alias.CoreInstanceExport x) {
                if (declarator) {
                    throw fail("core export aliases are not allowed in types");
                }
                check(Sort.CORE_INSTANCE, x.instance());
            } else if (a instanceof Alias.Outer x) {
                if (declarator && x.sort() != Sort.CORE_TYPE && x.sort() != Sort.TYPE) {
                    throw fail("outer aliases in types may only alias core types and types");
                }
                long count = Integer.toUnsignedLong(x.count());
                if (count >= scopes.size()) {
                    throw fail("invalid outer alias count of " + count);
                }
                Scope target = nth(count);
                check(target, x.sort(), x.index());
            }
            scope().add(a.sort(), 1);
        }

        private Scope nth(long n) {
            int i = 0;
            for (Scope s : scopes) {
                if (i++ == n) {
                    return s;
                }
            }
            throw new IllegalStateException("no scope " + n);
        }

        // core:type; a module type is only allowed outside module types
        void coreType(CoreType t, boolean moduleTypeAllowed) {
            if (t instanceof CoreType.RecGroup g) {
                long base = scope().count(Sort.CORE_TYPE);
                // types of a recursion group may refer to each other
                scope().add(Sort.CORE_TYPE, g.types().size());
                for (CoreType.SubType st : g.types()) {
                    for (int sup : st.supertypes()) {
                        if (Integer.toUnsignedLong(sup) >= base + g.types().size()) {
                            throw fail("core type index out of bounds: " + Integer.toUnsignedLong(sup));
                        }
                    }
                    compType(st.type());
                }
            } else if (t instanceof CoreType.Module m) {
                if (!moduleTypeAllowed) {
                    throw fail("invalid leading byte: module types cannot be nested in module types");
                }
                scopes.push(new Scope("module type"));
                items(m.declarations(), this::moduleDecl);
                scopes.pop();
                scope().add(Sort.CORE_TYPE, 1);
            }
        }

        void compType(CoreType.CompType ct) {
            if (ct instanceof CoreType.CompType.Func f) {
                f.params().forEach(this::coreValType);
                f.results().forEach(this::coreValType);
            } else if (ct instanceof CoreType.CompType.Struct s) {
                s.fields().forEach(this::fieldType);
            } else if (ct instanceof CoreType.CompType.Array a) {
                fieldType(a.element());
            } else if (ct instanceof CoreType.CompType.Cont c) {
                check(Sort.CORE_TYPE, c.funcType());
            } else if (ct instanceof CoreType.CompType.Shared s) {
                compType(s.type());
            }
        }

        void fieldType(CoreType.FieldType f) {
            if (f.storage() instanceof CoreType.ValType v) {
                coreValType(v);
            }
        }

        void coreValType(CoreType.ValType v) {
            if (v instanceof CoreType.RefType r && r.heap() instanceof CoreType.ConcreteHeap h) {
                check(Sort.CORE_TYPE, h.index());
            }
        }

        void moduleDecl(CoreType.ModuleDecl d) {
            if (d instanceof CoreType.ModuleDecl.Import i) {
                coreExternType(i.type());
            } else if (d instanceof CoreType.ModuleDecl.Type t) {
                coreType(t.type(), false);
            } else if (d instanceof CoreType.ModuleDecl.OuterAlias a) {
                long count = Integer.toUnsignedLong(a.count());
                if (count >= scopes.size()) {
                    throw fail("invalid outer alias count of " + count);
                }
                check(nth(count), Sort.CORE_TYPE, a.index());
                scope().add(Sort.CORE_TYPE, 1);
            } else if (d instanceof CoreType.ModuleDecl.Export e) {
                coreExternType(e.type());
            }
        }

        void coreExternType(CoreType.ExternType t) {
            if (t instanceof CoreType.ExternType.Func f) {
                check(Sort.CORE_TYPE, f.type());
            } else if (t instanceof CoreType.ExternType.Table tt) {
                coreValType(tt.element());
            } else if (t instanceof CoreType.ExternType.Global g) {
                coreValType(g.type());
            } else if (t instanceof CoreType.ExternType.Tag tag) {
                check(Sort.CORE_TYPE, tag.type());
            }
        }

        // type; resource types only in concrete components
        void typeDef(TypeDef t, boolean concrete) {
            if (t instanceof DefinedType d) {
                definedType(d);
            } else if (t instanceof TypeDef.Func f) {
                for (DefinedType.Field p : f.params()) {
                    valType(p.type());
                }
                f.result().ifPresent(this::valType);
            } else if (t instanceof TypeDef.ComponentType c) {
                scopes.push(new Scope("component type"));
                items(c.declarations(), this::declaration);
                scopes.pop();
            } else if (t instanceof TypeDef.InstanceType i) {
                scopes.push(new Scope("instance type"));
                items(i.declarations(), this::declaration);
                scopes.pop();
            } else if (t instanceof TypeDef.Resource r) {
                if (!concrete) {
                    throw fail("resources can only be defined within a concrete component");
                }
                r.destructor().ifPresent(f -> check(Sort.CORE_FUNC, f));
            }
            scope().add(Sort.TYPE, 1);
        }

        void definedType(DefinedType d) {
            if (d instanceof DefinedType.Record r) {
                if (r.fields().isEmpty()) {
                    throw fail("record type must have at least one field");
                }
                r.fields().forEach(f -> valType(f.type()));
            } else if (d instanceof DefinedType.Variant v) {
                if (v.cases().isEmpty()) {
                    throw fail("variant type must have at least one case");
                }
                v.cases().forEach(c -> c.type().ifPresent(this::valType));
            } else if (d instanceof DefinedType.ListType l) {
                valType(l.element());
            } else if (d instanceof DefinedType.FixedList l) {
                if (l.length() == 0) {
                    throw fail("fixed size list length must be greater than zero");
                }
                valType(l.element());
            } else if (d instanceof DefinedType.Tuple t) {
                if (t.types().isEmpty()) {
                    throw fail("tuple type must have at least one type");
                }
                t.types().forEach(this::valType);
            } else if (d instanceof DefinedType.Flags f) {
                if (f.labels().isEmpty()) {
                    throw fail("flags must have at least one entry");
                }
                if (f.labels().size() > 32) {
                    throw fail("cannot have more than 32 flags");
                }
            } else if (d instanceof DefinedType.Enum e) {
                if (e.labels().isEmpty()) {
                    throw fail("enum type must have at least one variant");
                }
            } else if (d instanceof DefinedType.Option o) {
                valType(o.type());
            } else if (d instanceof DefinedType.Result r) {
                r.ok().ifPresent(this::valType);
                r.error().ifPresent(this::valType);
            } else if (d instanceof DefinedType.Own o) {
                check(Sort.TYPE, o.resource());
            } else if (d instanceof DefinedType.Borrow b) {
                check(Sort.TYPE, b.resource());
            } else if (d instanceof DefinedType.Stream s) {
                s.element().ifPresent(this::valType);
            } else if (d instanceof DefinedType.Future f) {
                f.element().ifPresent(this::valType);
            } else if (d instanceof DefinedType.MapType m) {
                valType(m.key());
                valType(m.value());
            }
        }

        void valType(ValType v) {
            if (v instanceof ValType.Index i) {
                check(Sort.TYPE, i.index());
            }
        }

        void declaration(Declaration d) {
            if (d instanceof Declaration.CoreTypeDecl c) {
                coreType(c.type(), true);
            } else if (d instanceof Declaration.TypeDecl t) {
                typeDef(t.type(), false);
            } else if (d instanceof Declaration.AliasDecl a) {
                alias(a.alias(), true);
            } else if (d instanceof Declaration.Import i) {
                scope().add(externType(i.type()), 1);
            } else if (d instanceof Declaration.Export e) {
                scope().add(externType(e.type()), 1);
            }
        }

        /** Checks the indices of an extern type; returns the sort of the index it introduces. */
        Sort externType(ExternType t) {
            if (t instanceof ExternType.CoreModule m) {
                check(Sort.CORE_TYPE, m.coreType());
                return Sort.CORE_MODULE;
            } else if (t instanceof ExternType.Func f) {
                check(Sort.TYPE, f.type());
                return Sort.FUNC;
            } else if (t instanceof ExternType.Value v) {
                if (v.bound() instanceof ExternType.ValueBound.Eq eq) {
                    check(Sort.VALUE, eq.value());
                } else if (v.bound() instanceof ExternType.ValueBound.Of of) {
                    valType(of.type());
                }
                return Sort.VALUE;
            } else if (t instanceof ExternType.Type tt) {
                if (tt.bound() instanceof ExternType.TypeBound.Eq eq) {
                    check(Sort.TYPE, eq.type());
                }
                return Sort.TYPE;
            } else if (t instanceof ExternType.Component c) {
                check(Sort.TYPE, c.type());
                return Sort.COMPONENT;
            } else if (t instanceof ExternType.Instance i) {
                check(Sort.TYPE, i.type());
                return Sort.INSTANCE;
            }
            throw new IllegalStateException("unknown extern type " + t);
        }

        void export(Export e) {
            Sort s = e.item().sort();
            if (s.isCore() && s != Sort.CORE_MODULE) {
                throw fail("exporting a " + describe(s) + " is not allowed");
            }
            check(s, e.item().index());
            e.type().ifPresent(t -> {
                Sort ascribed = externType(t);
                if (ascribed != s) {
                    throw fail("export type of sort " + describe(ascribed) + " does not match the exported "
                            + describe(s));
                }
            });
            scope().add(s, 1);
        }

        void canon(Canon c) {
            if (c instanceof Canon.Lift x) {
                check(Sort.CORE_FUNC, x.coreFunc());
                opts(x.opts());
                check(Sort.TYPE, x.type());
                scope().add(Sort.FUNC, 1);
                return;
            }
            if (c instanceof Canon.Lower x) {
                check(Sort.FUNC, x.func());
                opts(x.opts());
            } else if (c instanceof Canon.ResourceNew x) {
                check(Sort.TYPE, x.resource());
            } else if (c instanceof Canon.ResourceDrop x) {
                check(Sort.TYPE, x.resource());
            } else if (c instanceof Canon.ResourceRep x) {
                check(Sort.TYPE, x.resource());
            } else if (c instanceof Canon.TaskReturn x) {
                x.result().ifPresent(this::valType);
                opts(x.opts());
            } else if (c instanceof Canon.StreamNew x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.StreamRead x) {
                check(Sort.TYPE, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.StreamWrite x) {
                check(Sort.TYPE, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.StreamCancelRead x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.StreamCancelWrite x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.StreamDropReadable x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.StreamDropWritable x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.FutureNew x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.FutureRead x) {
                check(Sort.TYPE, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.FutureWrite x) {
                check(Sort.TYPE, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.FutureCancelRead x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.FutureCancelWrite x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.FutureDropReadable x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.FutureDropWritable x) {
                check(Sort.TYPE, x.type());
            } else if (c instanceof Canon.ErrorContextNew x) {
                opts(x.opts());
            } else if (c instanceof Canon.ErrorContextDebugMessage x) {
                opts(x.opts());
            } else if (c instanceof Canon.WaitableSetWait x) {
                check(Sort.CORE_MEMORY, x.memory());
            } else if (c instanceof Canon.WaitableSetPoll x) {
                check(Sort.CORE_MEMORY, x.memory());
            } else if (c instanceof Canon.ThreadNewIndirect x) {
                check(Sort.CORE_TYPE, x.coreFuncType());
                check(Sort.CORE_TABLE, x.table());
            } else if (c instanceof Canon.ThreadSpawnRef x) {
                check(Sort.CORE_TYPE, x.coreFuncType());
            } else if (c instanceof Canon.ThreadSpawnIndirect x) {
                check(Sort.CORE_TYPE, x.coreFuncType());
                check(Sort.CORE_TABLE, x.table());
            }
            // every other builtin has no index immediates
            scope().add(Sort.CORE_FUNC, 1);
        }

        void opts(List<CanonOpt> opts) {
            for (CanonOpt o : opts) {
                if (o instanceof CanonOpt.Memory m) {
                    check(Sort.CORE_MEMORY, m.memory());
                } else if (o instanceof CanonOpt.Realloc r) {
                    check(Sort.CORE_FUNC, r.func());
                } else if (o instanceof CanonOpt.PostReturn p) {
                    check(Sort.CORE_FUNC, p.func());
                } else if (o instanceof CanonOpt.Callback cb) {
                    check(Sort.CORE_FUNC, cb.func());
                }
            }
        }
    }
}
