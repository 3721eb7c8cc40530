package dev.dovetail.compose;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Canon;
import dev.dovetail.component.Component;
import dev.dovetail.component.Declaration;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.TypeDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each type and instance index of one scope comes from: the top level of a component, or
 * the declarations of a component type (Explainer.md "Index Spaces"). Only what an import's type
 * can refer to is told apart: defined types, types and instances of imports, and export aliases
 * of those; anything else (instantiations, exports) is recorded as {@link TypeOrigin.Other}.
 */
final class TypeSpace {
    /** Where a type index comes from. */
    sealed interface TypeOrigin {
        /** A type definition of this scope; its indices refer to this scope. */
        record Defined(TypeDef def) implements TypeOrigin {}

        /** {@code (alias export $i "name" (type))}. */
        record AliasExport(InstanceOrigin instance, String name) implements TypeOrigin {}

        /** {@code (import "name" (type ...))}. */
        record Imported(String name) implements TypeOrigin {}

        /** A type export of the scope (a new identity for the type it exports). */
        record Exported(String name) implements TypeOrigin {}

        /** Anything an import's type cannot be copied from (a local resource...). */
        record Other(String what) implements TypeOrigin {}
    }

    /** Where an instance index comes from. */
    sealed interface InstanceOrigin {
        record Imported(String name) implements InstanceOrigin {}

        record AliasExport(InstanceOrigin instance, String name) implements InstanceOrigin {}

        record Other(String what) implements InstanceOrigin {}
    }

    /** An import or export of the scope: its name as written, its sort and its type if declared. */
    record Item(ExternName name, Sort sort, ExternType type) {}

    final List<TypeOrigin> types = new ArrayList<>();
    /** The type index of each function of a component's top level, -1 where unknown (aliases). */
    final List<Integer> funcTypes = new ArrayList<>();
    final List<InstanceOrigin> instances = new ArrayList<>();
    private final Map<String, Item> imports = new LinkedHashMap<>();
    private final Map<String, Item> exports = new LinkedHashMap<>();

    private TypeSpace() {}

    Map<String, Item> imports() {
        return Collections.unmodifiableMap(imports);
    }

    Map<String, Item> exports() {
        return Collections.unmodifiableMap(exports);
    }

    /** The top level of a (valid) component. */
    static TypeSpace of(Component c) {
        TypeSpace s = new TypeSpace();
        for (Section section : c.sections()) {
            if (section instanceof Section.Types t) {
                t.types().forEach(d -> s.types.add(new TypeOrigin.Defined(d)));
            } else if (section instanceof Section.Imports im) {
                for (Import i : im.imports()) {
                    s.imported(i.name(), i.type());
                }
            } else if (section instanceof Section.Aliases a) {
                a.aliases().forEach(s::alias);
            } else if (section instanceof Section.Instances in) {
                in.instances().forEach(i -> s.instances.add(new InstanceOrigin.Other("an instantiation")));
            } else if (section instanceof Section.Canons cs) {
                for (Canon canon : cs.canons()) {
                    if (canon instanceof Canon.Lift l) {
                        s.funcTypes.add(l.type());
                    }
                }
            } else if (section instanceof Section.Exports ex) {
                for (Export e : ex.exports()) {
                    ExternType type = e.type().orElse(null);
                    if (e.item().sort() == Sort.FUNC) {
                        int of = type instanceof ExternType.Func f ? f.type() : s.funcTypes.get(e.item().index());
                        // a function export's declared type: ascribed, or that of the function
                        type = of < 0 ? type : new ExternType.Func(of);
                    }
                    s.exported(e.name(), e.item().sort(), type);
                }
            }
        }
        return s;
    }

    /** The declarations of a component type. */
    static TypeSpace of(List<Declaration> declarations) {
        TypeSpace s = new TypeSpace();
        for (Declaration d : declarations) {
            if (d instanceof Declaration.TypeDecl t) {
                s.types.add(new TypeOrigin.Defined(t.type()));
            } else if (d instanceof Declaration.Import i) {
                s.imported(i.name(), i.type());
            } else if (d instanceof Declaration.AliasDecl a) {
                s.alias(a.alias());
            } else if (d instanceof Declaration.Export e) {
                s.exported(e.name(), sortOf(e.type()), e.type());
            }
        }
        return s;
    }

    private void imported(ExternName name, ExternType type) {
        Sort sort = sortOf(type);
        imports.put(name.name(), new Item(name, sort, type));
        if (sort == Sort.FUNC) {
            funcTypes.add(((ExternType.Func) type).type());
        } else if (sort == Sort.TYPE) {
            types.add(new TypeOrigin.Imported(name.name()));
        } else if (sort == Sort.INSTANCE) {
            instances.add(new InstanceOrigin.Imported(name.name()));
        }
    }

    private void exported(ExternName name, Sort sort, ExternType type) {
        exports.put(name.name(), new Item(name, sort, type));
        // exports add an index too (Explainer.md "Import and Export Definitions")
        if (sort == Sort.FUNC) {
            funcTypes.add(type instanceof ExternType.Func f ? f.type() : -1);
        } else if (sort == Sort.TYPE) {
            types.add(new TypeOrigin.Exported(name.name()));
        } else if (sort == Sort.INSTANCE) {
            instances.add(new InstanceOrigin.Other("the instance export `" + name.name() + "`"));
        }
    }

    private void alias(Alias a) {
        if (a instanceof Alias.InstanceExport x && x.sort() == Sort.TYPE) {
            types.add(new TypeOrigin.AliasExport(instances.get(x.instance()), x.name()));
        } else if (a instanceof Alias.InstanceExport x && x.sort() == Sort.FUNC) {
            funcTypes.add(-1);
        } else if (a instanceof Alias.InstanceExport x && x.sort() == Sort.INSTANCE) {
            instances.add(new InstanceOrigin.AliasExport(instances.get(x.instance()), x.name()));
        } else if (a instanceof Alias.Outer o && o.sort() == Sort.TYPE) {
            // at the top level only count 0 (this scope) is valid
            types.add(o.count() == 0 ? types.get(o.index()) : new TypeOrigin.Other("an outer alias"));
        }
    }

    static Sort sortOf(ExternType t) {
        if (t instanceof ExternType.Instance) {
            return Sort.INSTANCE;
        } else if (t instanceof ExternType.Func) {
            return Sort.FUNC;
        } else if (t instanceof ExternType.Type) {
            return Sort.TYPE;
        } else if (t instanceof ExternType.Component) {
            return Sort.COMPONENT;
        } else if (t instanceof ExternType.CoreModule) {
            return Sort.CORE_MODULE;
        }
        return Sort.VALUE;
    }

    static String sortName(Sort s) {
        return switch (s) {
            case INSTANCE -> "instance";
            case FUNC -> "function";
            case TYPE -> "type";
            case COMPONENT -> "component";
            case CORE_MODULE -> "core module";
            case VALUE -> "value";
            default -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
