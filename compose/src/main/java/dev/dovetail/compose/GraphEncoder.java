package dev.dovetail.compose;

import dev.dovetail.component.Alias;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.component.Export;
import dev.dovetail.component.ExternName;
import dev.dovetail.component.ExternType;
import dev.dovetail.component.Import;
import dev.dovetail.component.Instance;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.SortIndex;
import dev.dovetail.component.TypeDef;
import dev.dovetail.compose.CompositionGraph.ImportOrigin;
import dev.dovetail.compose.CompositionGraph.Node;
import dev.dovetail.compose.CompositionGraph.OuterImport;
import dev.dovetail.compose.CompositionGraph.Pkg;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a {@link CompositionGraph} as one component: the used components nested once each, the
 * outer imports (their types copied in, {@link TypeCopier}), one {@code instantiate} per instance
 * with its {@code with} arguments, and the exports. Items are emitted on first use, so that
 * everything an item refers to comes before it; the result is validated and a failure is mapped
 * back to the graph edge it comes from ({@link Mismatch}).
 */
final class GraphEncoder {
    private final CompositionGraph graph;

    /** The sections written so far; a section is open for appending while it is the last one. */
    private final List<Section> sections = new ArrayList<>();
    private final List<Object> open = new ArrayList<>();
    private final Map<Sort, Integer> counts = new EnumMap<>(Sort.class);

    private final Map<Pkg, Integer> components = new IdentityHashMap<>();
    private final Map<Node, Integer> instances = new IdentityHashMap<>();
    private final Map<Node, Boolean> instancing = new IdentityHashMap<>();
    private final Map<Integer, SortIndex> imports = new HashMap<>();
    private final Map<Integer, Boolean> importing = new HashMap<>();
    private final Map<String, Integer> aliases = new HashMap<>();
    private final Map<Object, TypeCopier> copiers = new HashMap<>();

    /** The outer index each exported source got. */
    private final Map<Source, Integer> exported = new HashMap<>();

    /** For error messages: which section index instantiates which instance, and which imports what. */
    private final Map<Integer, Node> instanceSections = new HashMap<>();
    private final Map<Integer, List<String>> importSections = new HashMap<>();

    GraphEncoder(CompositionGraph graph) {
        this.graph = graph;
    }

    byte[] encode() {
        // by index: importing an interface that uses types of another one adds that one's import
        for (int i = 0; i < graph.outerImports().size(); i++) {
            importIndex(graph.outerImports().get(i));
        }
        for (Node n : graph.nodes()) {
            instance(n);
        }
        // imports created while copying types (interfaces a package's export refers to)
        for (int i = 0; i < graph.outerImports().size(); i++) {
            importIndex(graph.outerImports().get(i));
        }
        for (Map.Entry<String, Source> e : graph.exportMap().entrySet()) {
            SortIndex si = source(e.getValue());
            Optional<ExternType> ascribed = si.sort() == Sort.FUNC ? ascription(e.getValue()) : Optional.empty();
            add(Section.Exports.class, new Export(ExternName.of(e.getKey()), si, ascribed));
            exported.put(e.getValue(), count(si.sort()));
        }
        flush();
        Component result = new Component(sections);
        try {
            ComponentValidator.validate(result);
        } catch (ComponentValidationException e) {
            throw Mismatch.explain(graph, e, instanceSections, importSections);
        }
        return write(result);
    }

    // ---------------------------------------------------------------- graph items

    /** The outer index of the instance of {@code n}, instantiating it (and what it needs) first. */
    int instance(Node n) {
        Integer done = instances.get(n);
        if (done != null) {
            return done;
        }
        if (instancing.put(n, true) != null) {
            throw new CompositionException("instance `" + n.id.name() + "` depends on itself (a cycle of "
                    + "connections or of types between instances)");
        }
        int component = component(n.pkg);
        List<Instance.Arg> args = new ArrayList<>();
        for (String name : n.pkg.space.imports().keySet()) {
            args.add(new Instance.Arg(name, source(n.args.get(name))));
        }
        flush();
        instanceSections.put(sections.size(), n);
        sections.add(new Section.Instances(List.of(new Instance.Instantiate(component, args))));
        int idx = count(Sort.INSTANCE);
        instances.put(n, idx);
        return idx;
    }

    private int component(Pkg p) {
        Integer done = components.get(p);
        if (done == null) {
            flush();
            sections.add(new Section.NestedComponent(p.component));
            done = count(Sort.COMPONENT);
            components.put(p, done);
        }
        return done;
    }

    /** The outer item {@code s} stands for. */
    SortIndex source(Source s) {
        if (s instanceof Source.Import i) {
            return importIndex(graph.outerImport(i.importId()));
        } else if (s instanceof Source.WholeInstance w) {
            return new SortIndex(Sort.INSTANCE, instance(graph.node(w.instance())));
        }
        Source.InstanceExport x = (Source.InstanceExport) s;
        Sort sort = graph.sortOf(s);
        return new SortIndex(sort, alias(sort, instance(graph.node(x.instance())), x.name()));
    }

    private SortIndex importIndex(OuterImport o) {
        int key = o.id().index();
        SortIndex done = imports.get(key);
        if (done != null) {
            return done;
        }
        if (importing.put(key, true) != null) {
            throw new CompositionException("the type of import `" + o.id().name() + "` depends on itself");
        }
        TypeSpace.Item item = CompositionGraph.importItem(o.origin());
        if (item.type() == null) {
            throw new CompositionException("import `" + o.id().name() + "`: the item it is typed like has no "
                    + "declared type");
        }
        ExternType type;
        String name = o.id().name();
        try {
            type = copier(o.origin()).externType(item.type());
        } catch (CompositionException e) {
            throw new CompositionException("import `" + name + "`: " + e.reason(), e);
        }
        ExternName outerName = item.name().name().equals(name) ? item.name() : ExternName.of(name);
        int section = add(Section.Imports.class, new Import(outerName, type));
        importSections.computeIfAbsent(section, k -> new ArrayList<>()).add(name);
        SortIndex si = new SortIndex(item.sort(), count(item.sort()));
        imports.put(key, si);
        return si;
    }

    private TypeCopier copier(ImportOrigin origin) {
        if (origin instanceof ImportOrigin.OfInstance i) {
            Node n = i.node();
            return copiers.computeIfAbsent(n, k -> new TypeCopier(this, n.pkg.space, name -> {
                Source s = n.args.get(name);
                if (s == null) {
                    throw new CompositionException("its type refers to import `" + name + "` of instance `"
                            + n.id.name() + "`, which nothing satisfies");
                }
                return source(s);
            }));
        }
        ImportOrigin.OfPackage p = (ImportOrigin.OfPackage) origin;
        return copiers.computeIfAbsent(p.space(), k -> new TypeCopier(this, p.space(),
                name -> importIndex(graph.outerImport(graph.importForPackageImport(p.pkg(), p.space(), name)))));
    }

    /**
     * The type to export a function of an instance with: its type in the package, where the
     * package's type exports stand for the composition's exports of them (External Visibility of
     * Types: the function's own type refers to the instance's types, which have no name outside).
     * Empty if it cannot be copied, e.g. a type it uses is not exported: validation then reports it.
     */
    private Optional<ExternType> ascription(Source s) {
        if (!(s instanceof Source.InstanceExport x)) {
            return Optional.empty();
        }
        Node n = graph.node(x.instance());
        ExternType type = n.pkg.space.exports().get(x.name()).type();
        if (type == null) {
            return Optional.empty();
        }
        TypeCopier copier = new TypeCopier(this, n.pkg.space, name -> {
            Source arg = n.args.get(name);
            if (arg == null) {
                throw new CompositionException("no import `" + name + "`");
            }
            return source(arg);
        }, name -> exported.get(new Source.InstanceExport(x.instance(), name)));
        try {
            return Optional.of(copier.externType(type));
        } catch (CompositionException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- index spaces

    /** {@code (alias export $instance "name" (sort))}, once per instance and name. */
    int alias(Sort sort, int instance, String name) {
        return aliases.computeIfAbsent(sort + " " + instance + " " + name, k -> {
            add(Section.Aliases.class, new Alias.InstanceExport(sort, instance, name));
            return count(sort);
        });
    }

    int type(TypeDef def) {
        add(Section.Types.class, def);
        return count(Sort.TYPE);
    }

    /** Adds one to the index space of {@code sort}; returns the new index. */
    private int count(Sort sort) {
        int n = counts.getOrDefault(sort, 0);
        counts.put(sort, n + 1);
        return n;
    }

    private Class<?> openKind;

    /**
     * Appends {@code item} to the open section of {@code kind}, starting one if another kind is
     * open; returns the index the section will have.
     */
    private int add(Class<? extends Section> kind, Object item) {
        if (openKind != kind) {
            flush();
            openKind = kind;
        }
        open.add(item);
        return sections.size();
    }

    @SuppressWarnings("unchecked")
    private void flush() {
        if (open.isEmpty()) {
            openKind = null;
            return;
        }
        List<Object> items = List.copyOf(open);
        Section s;
        if (openKind == Section.Imports.class) {
            s = new Section.Imports((List<Import>) (List<?>) items);
        } else if (openKind == Section.Aliases.class) {
            s = new Section.Aliases((List<Alias>) (List<?>) items);
        } else if (openKind == Section.Types.class) {
            s = new Section.Types((List<TypeDef>) (List<?>) items);
        } else {
            s = new Section.Exports((List<Export>) (List<?>) items);
        }
        sections.add(s);
        open.clear();
        openKind = null;
    }

    // ---------------------------------------------------------------- binary

    /** The binary: nested components are copied from their input bytes, the rest is encoded. */
    private byte[] write(Component c) {
        Map<Component, byte[]> raw = new IdentityHashMap<>();
        components.keySet().forEach(p -> raw.put(p.component, p.bytes));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00});
        for (Section s : c.sections()) {
            if (s instanceof Section.NestedComponent n && raw.containsKey(n.component())) {
                byte[] bytes = raw.get(n.component());
                out.write(4);
                leb(out, bytes.length);
                out.writeBytes(bytes);
            } else {
                byte[] encoded = ComponentEncoder.encode(new Component(List.of(s)));
                out.write(encoded, 8, encoded.length - 8);
            }
        }
        return out.toByteArray();
    }

    private static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v == 0 ? b : b | 0x80);
        } while (v != 0);
    }
}
