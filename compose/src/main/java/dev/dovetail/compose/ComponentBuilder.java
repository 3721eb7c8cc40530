package dev.dovetail.compose;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Bytes;
import dev.dovetail.component.Canon;
import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.Component;
import dev.dovetail.component.CoreInstance;
import dev.dovetail.component.CoreSort;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.Instance;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.TypeDef;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends definitions to a component in order and counts every index space (Binary.md: each
 * definition, import and alias adds one index to the space of its sort). Consecutive items of
 * the same section kind share one section.
 */
final class ComponentBuilder {
    private final List<Section> sections = new ArrayList<>();
    private final List<Object> pending = new ArrayList<>();
    private Class<?> pendingKind;
    private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);

    private int next(Sort sort) {
        int n = counts.getOrDefault(sort, 0);
        counts.put(sort, n + 1);
        return n;
    }

    private void add(Class<?> kind, Object item) {
        if (pendingKind != kind) {
            flush();
            pendingKind = kind;
        }
        pending.add(item);
    }

    @SuppressWarnings("unchecked")
    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Object> items = List.copyOf(pending);
        Section s;
        if (pendingKind == TypeDef.class) {
            s = new Section.Types((List<TypeDef>) (List<?>) items);
        } else if (pendingKind == Alias.class) {
            s = new Section.Aliases((List<Alias>) (List<?>) items);
        } else if (pendingKind == Import.class) {
            s = new Section.Imports((List<Import>) (List<?>) items);
        } else if (pendingKind == Export.class) {
            s = new Section.Exports((List<Export>) (List<?>) items);
        } else if (pendingKind == Canon.class) {
            s = new Section.Canons((List<Canon>) (List<?>) items);
        } else if (pendingKind == CoreInstance.class) {
            s = new Section.CoreInstances((List<CoreInstance>) (List<?>) items);
        } else if (pendingKind == Instance.class) {
            s = new Section.Instances((List<Instance>) (List<?>) items);
        } else {
            throw new IllegalStateException(String.valueOf(pendingKind));
        }
        sections.add(s);
        pending.clear();
        pendingKind = null;
    }

    private void section(Section s) {
        flush();
        sections.add(s);
    }

    int type(TypeDef def) {
        add(TypeDef.class, def);
        return next(Sort.TYPE);
    }

    int aliasExport(Sort sort, int instance, String name) {
        add(Alias.class, new Alias.InstanceExport(sort, instance, name));
        return next(sort);
    }

    int aliasCore(Sort sort, int coreInstance, String name) {
        add(Alias.class, new Alias.CoreInstanceExport(sort, coreInstance, name));
        return next(sort);
    }

    /** An import; returns the new index in the space of the imported sort. */
    int importItem(ExternName name, ExternType type) {
        add(Import.class, new Import(name, type));
        return next(sortOf(type));
    }

    int export(ExternName name, Sort sort, int index, Optional<ExternType> type) {
        add(Export.class, new Export(name, new SortIndex(sort, index), type));
        return next(sort);
    }

    int coreModule(byte[] bytes) {
        section(new Section.CoreModule(Bytes.of(bytes)));
        return next(Sort.CORE_MODULE);
    }

    int coreInstantiate(int module, List<CoreInstance.Arg> args) {
        add(CoreInstance.class, new CoreInstance.Instantiate(module, args));
        return next(Sort.CORE_INSTANCE);
    }

    int coreInstanceOf(List<CoreInstance.Export> exports) {
        add(CoreInstance.class, new CoreInstance.FromExports(exports));
        return next(Sort.CORE_INSTANCE);
    }

    int lower(int func, List<CanonOpt> opts) {
        add(Canon.class, new Canon.Lower(func, opts));
        return next(Sort.CORE_FUNC);
    }

    int lift(int coreFunc, List<CanonOpt> opts, int type) {
        add(Canon.class, new Canon.Lift(coreFunc, opts, type));
        return next(Sort.FUNC);
    }

    int resourceCanon(Canon canon) {
        add(Canon.class, canon);
        return next(Sort.CORE_FUNC);
    }

    int nested(Component component) {
        section(new Section.NestedComponent(component));
        return next(Sort.COMPONENT);
    }

    int instantiate(int component, List<Instance.Arg> args) {
        add(Instance.class, new Instance.Instantiate(component, args));
        return next(Sort.INSTANCE);
    }

    void custom(Section.Custom custom) {
        section(custom);
    }

    Component build() {
        flush();
        return new Component(sections);
    }

    private static Sort sortOf(ExternType type) {
        if (type instanceof ExternType.Func) {
            return Sort.FUNC;
        } else if (type instanceof ExternType.Instance) {
            return Sort.INSTANCE;
        } else if (type instanceof ExternType.Type) {
            return Sort.TYPE;
        } else if (type instanceof ExternType.Component) {
            return Sort.COMPONENT;
        } else if (type instanceof ExternType.CoreModule) {
            return Sort.CORE_MODULE;
        }
        return Sort.VALUE;
    }

    static CoreInstance.Export coreExport(String name, CoreSort sort, int index) {
        return new CoreInstance.Export(name, sort, index);
    }
}
