package dev.dovetail.component;

import dev.dovetail.component.ValidatorScope.ScopeKind;
import dev.dovetail.component.ValidatorTypes.CoreEntry;
import dev.dovetail.component.ValidatorTypes.CoreExtern;
import dev.dovetail.component.ValidatorTypes.CoreSub;
import dev.dovetail.component.ValidatorTypes.ImportKey;
import dev.dovetail.component.ValidatorTypes.ModuleT;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Validation of a decoded component, following Explainer.md (and the validation notes of
 * Binary.md and CanonicalABI.md).
 *
 * <p>Definitions are validated in order, each extending the index spaces of its scope (component,
 * component type or instance type). Checked: index bounds of every sort; alias rules (outer alias
 * sorts and counts, no resource-dependent types across component boundaries, export aliases
 * naming an existing export of the right sort); instantiation arguments against the imports by
 * subtyping, with resource substitution and generativity; core module instantiation against the
 * module's imports; defined types (labels, uniqueness, emptiness, flags limit, {@code own}/{@code
 * borrow} of resources, no {@code borrow} in results or streams/futures, {@code stream<char>},
 * element size below 2^28, type size and depth limits); canonical options and the flattened core
 * signatures of {@code canon lift}/{@code lower} and the built-ins; resources (where they may be
 * defined, destructor signature, local resources for {@code resource.new}/{@code rep}); start
 * functions; values used exactly once; import/export names (kebab case, interface names and
 * versions, annotations and their function types, attributes, strong uniqueness); external
 * visibility of types; export ascription.
 *
 * <p>Core modules are read for their imports and exports only (index bounds, limits, duplicate
 * names); function bodies are not validated.
 */
public final class ComponentValidator {
    private ComponentValidator() {}

    /** Throws {@link ComponentValidationException} at the first rule broken. */
    public static void validate(Component component) {
        Run run = new Run();
        try {
            run.component(component);
        } catch (Invalid e) {
            throw new ComponentValidationException(String.join(" / ", run.path), e.getMessage());
        }
    }

    private static final class Run {
        /** Enclosing scopes, outermost first. */
        private final List<ValidatorScope> scopes = new ArrayList<>();

        private final List<String> path = new ArrayList<>();

        private ValidatorScope scope() {
            return scopes.get(scopes.size() - 1);
        }

        private ValidatorTypes.CompT component(Component c) {
            scopes.add(new ValidatorScope(ScopeKind.COMPONENT));
            int n = 0;
            for (Section s : c.sections()) {
                path.add("section " + n++ + " (" + name(s) + ")");
                section(s);
                path.remove(path.size() - 1);
            }
            ValidatorTypes.CompT type = scope().finishComponent();
            scopes.remove(scopes.size() - 1);
            return type;
        }

        private static String name(Section s) {
            String simple = s.getClass().getSimpleName();
            return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
        }

        private <T> void items(List<T> items, Consumer<T> each) {
            for (int i = 0; i < items.size(); i++) {
                path.add("item " + i);
                each.accept(items.get(i));
                path.remove(path.size() - 1);
            }
        }

        private void section(Section s) {
            ValidatorScope sc = scope();
            if (s instanceof Section.Custom) {
                return;
            } else if (s instanceof Section.CoreModule m) {
                sc.addCoreModule(m.module());
            } else if (s instanceof Section.CoreInstances x) {
                items(x.instances(), this::coreInstance);
            } else if (s instanceof Section.CoreTypes x) {
                items(x.types(), this::coreType);
            } else if (s instanceof Section.NestedComponent x) {
                sc.addComponent(component(x.component()));
            } else if (s instanceof Section.Instances x) {
                items(x.instances(), this::instance);
            } else if (s instanceof Section.Aliases x) {
                items(x.aliases(), this::alias);
            } else if (s instanceof Section.Types x) {
                items(x.types(), this::typeDef);
            } else if (s instanceof Section.Canons x) {
                items(x.canons(), this::canon);
            } else if (s instanceof Section.StartSection x) {
                sc.start(x.start());
            } else if (s instanceof Section.Imports x) {
                items(x.imports(), i -> sc.addImport(i.name(), i.type()));
            } else if (s instanceof Section.Exports x) {
                items(x.exports(), sc::export);
            } else if (s instanceof Section.Values x) {
                items(x.values(), sc::addValue);
            } else {
                throw new IllegalStateException("unknown section " + s);
            }
        }

        private void coreInstance(CoreInstance i) {
            if (i instanceof CoreInstance.Instantiate x) {
                scope().instantiateCore(x.module(), x.args());
            } else if (i instanceof CoreInstance.FromExports x) {
                scope().coreInstanceFromExports(x.exports());
            }
        }

        private void instance(Instance i) {
            if (i instanceof Instance.Instantiate x) {
                scope().instantiate(x.component(), x.args());
            } else if (i instanceof Instance.FromExports x) {
                scope().instanceFromExports(x.exports());
            }
        }

        // ---------------------------------------------------------------- aliases

        private void alias(Alias a) {
            ValidatorScope sc = scope();
            if (sc.kind != ScopeKind.COMPONENT) {
                // alias declarators: export aliases of instances and types, outer aliases of types
                boolean ok = a instanceof Alias.InstanceExport x && (x.sort() == Sort.INSTANCE || x.sort() == Sort.TYPE)
                        || a instanceof Alias.Outer o && (o.sort() == Sort.TYPE || o.sort() == Sort.CORE_TYPE);
                if (!ok) {
                    throw new Invalid("aliases in a component or instance type may only refer to types or instances");
                }
            }
            if (a instanceof Alias.InstanceExport x) {
                sc.aliasInstanceExport(x.sort(), x.instance(), x.name());
            } else if (a instanceof Alias.CoreInstanceExport x) {
                sc.aliasCoreInstanceExport(x.sort(), x.instance(), x.name());
            } else if (a instanceof Alias.Outer x) {
                long count = Integer.toUnsignedLong(x.count());
                if (count >= scopes.size()) {
                    throw new Invalid("invalid outer alias count of " + count + " (" + scopes.size()
                            + " enclosing scopes)");
                }
                int target = scopes.size() - 1 - (int) count;
                // crossing a component boundary: the scope just inside the target is a component
                boolean crosses = count > 0 && scopes.get(target + 1).kind == ScopeKind.COMPONENT;
                sc.aliasOuter(scopes.get(target), x.sort(), x.index(), crosses);
            }
        }

        // ---------------------------------------------------------------- types

        private void coreType(CoreType t) {
            if (t instanceof CoreType.RecGroup g) {
                scope().addCoreRecGroup(g);
            } else if (t instanceof CoreType.Module m) {
                scope().addCoreType(moduleType(m));
            }
        }

        /**
         * {@code core:moduletype}: its own core type index space (types, outer aliases of core
         * types); no nested module types; imports with unique two-level names, unique exports.
         */
        private ModuleT moduleType(CoreType.Module m) {
            List<CoreSub> local = new ArrayList<>();
            IntFunction<CoreEntry> lookup = idx -> {
                long i = Integer.toUnsignedLong(idx);
                if (i >= local.size()) {
                    throw new Invalid("unknown type " + i + ": type index out of bounds (" + local.size()
                            + " defined in the module type)");
                }
                return local.get((int) i);
            };
            IntFunction<CoreSub> types = idx -> (CoreSub) lookup.apply(idx);
            LinkedHashMap<ImportKey, CoreExtern> imports = new LinkedHashMap<>();
            LinkedHashMap<String, CoreExtern> exports = new LinkedHashMap<>();
            path.add("module type");
            int n = 0;
            for (CoreType.ModuleDecl d : m.declarations()) {
                path.add("declaration " + n++);
                if (d instanceof CoreType.ModuleDecl.Type t) {
                    if (!(t.type() instanceof CoreType.RecGroup g)) {
                        throw new Invalid("invalid leading byte: module types cannot be defined inside module types");
                    }
                    local.addAll(CoreTypes.recGroup(g, local.size(), lookup));
                } else if (d instanceof CoreType.ModuleDecl.OuterAlias a) {
                    long count = Integer.toUnsignedLong(a.count());
                    CoreEntry e;
                    if (count == 0) {
                        e = lookup.apply(a.index());
                    } else {
                        if (count - 1 >= scopes.size()) {
                            throw new Invalid("invalid outer alias count of " + count);
                        }
                        e = scopes.get(scopes.size() - (int) count).coreTypeAt(a.index());
                    }
                    if (!(e instanceof CoreSub s)) {
                        throw new Invalid("module types cannot alias core module types");
                    }
                    local.add(s);
                } else if (d instanceof CoreType.ModuleDecl.Import i) {
                    CoreExtern t = CoreTypes.externType(i.type(), types);
                    if (imports.put(new ImportKey(i.module(), i.name()), t) != null) {
                        throw new Invalid("duplicate import name `" + i.module() + ":" + i.name() + "` in module type");
                    }
                } else if (d instanceof CoreType.ModuleDecl.Export e) {
                    CoreExtern t = CoreTypes.externType(e.type(), types);
                    if (exports.put(e.name(), t) != null) {
                        throw new Invalid("export name `" + e.name() + "` already defined in module type");
                    }
                }
                path.remove(path.size() - 1);
            }
            path.remove(path.size() - 1);
            return ModuleT.of(imports, exports);
        }

        private void typeDef(TypeDef t) {
            ValidatorScope sc = scope();
            if (t instanceof DefinedType d) {
                sc.addType(sc.definedType(d));
            } else if (t instanceof TypeDef.Func f) {
                sc.addType(sc.funcType(f));
            } else if (t instanceof TypeDef.ComponentType c) {
                scopes.add(new ValidatorScope(ScopeKind.COMPONENT_TYPE));
                items(c.declarations(), this::declaration);
                ValidatorTypes.CompT type = scope().finishComponent();
                scopes.remove(scopes.size() - 1);
                sc.addType(type);
            } else if (t instanceof TypeDef.InstanceType i) {
                scopes.add(new ValidatorScope(ScopeKind.INSTANCE_TYPE));
                items(i.declarations(), this::declaration);
                ValidatorTypes.InstT type = scope().finishInstanceType();
                scopes.remove(scopes.size() - 1);
                sc.addType(type);
            } else if (t instanceof TypeDef.Resource r) {
                sc.defineResource(r);
            }
        }

        private void declaration(Declaration d) {
            ValidatorScope sc = scope();
            if (d instanceof Declaration.CoreTypeDecl c) {
                coreType(c.type());
            } else if (d instanceof Declaration.TypeDecl t) {
                typeDef(t.type());
            } else if (d instanceof Declaration.AliasDecl a) {
                alias(a.alias());
            } else if (d instanceof Declaration.Import i) {
                sc.addImport(i.name(), i.type());
            } else if (d instanceof Declaration.Export e) {
                sc.addExportDecl(e.name(), e.type());
            }
        }

        // ---------------------------------------------------------------- canonical definitions

        private void canon(Canon c) {
            CanonChecks sc = new CanonChecks(scope());
            if (c instanceof Canon.Lift x) {
                sc.lift(x.coreFunc(), x.opts(), x.type());
            } else if (c instanceof Canon.Lower x) {
                sc.lower(x.func(), x.opts());
            } else if (c instanceof Canon.ResourceNew x) {
                sc.resourceNew(x.resource());
            } else if (c instanceof Canon.ResourceDrop x) {
                sc.resourceDrop(x.resource());
            } else if (c instanceof Canon.ResourceRep x) {
                sc.resourceRep(x.resource());
            } else {
                sc.builtin(c);
            }
        }
    }
}
