package dev.dovetail.compose;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.component.Declaration;
import dev.dovetail.component.DecodedWit;
import dev.dovetail.component.Section;
import dev.dovetail.component.Sort;
import dev.dovetail.component.TypeDef;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.component.WitExtractionException;
import dev.dovetail.component.WitExtractor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A composition of components, written as one new component (what {@code wac compose} builds):
 * registered components ("packages") are instantiated, the imports of each instance are
 * satisfied by exports of other instances or by imports of the composed component, and chosen
 * items are exported.
 *
 * <pre>{@code
 * CompositionGraph g = CompositionGraph.create();
 * var app = g.instantiate(g.addPackage("my:app", appBytes), "app");
 * var lib = g.instantiate(g.addPackage("my:lib", libBytes), "lib");
 * g.connect(app, "my:lib/math", new Source.InstanceExport(lib, "my:lib/math"));
 * g.importRemaining(app);
 * g.export(new Source.InstanceExport(app, "run"), "run");
 * byte[] composed = g.encode();
 * }</pre>
 *
 * <p>Connections are type-checked (subtyping, with resource substitution: Explainer.md "Type
 * Checking") when the graph is encoded; every failure is a {@link CompositionException} naming
 * both ends. Not thread-safe.
 */
public final class CompositionGraph {
    /** A component registered under a package name. */
    public record PackageId(int index, String name) {}

    /** An instantiation of a package. */
    public record InstanceId(int index, String name) {}

    /** An import of the composed component. */
    public record ImportId(int index, String name) {}

    private static final Pattern PACKAGE_NAME =
            Pattern.compile("[a-z][a-z0-9-]*(:[a-z][a-z0-9-]*)+(/[a-z][a-z0-9-]*)*(@[0-9A-Za-z.+-]+)?");

    /** A registered package: a component, or a WIT package (types only). */
    static final class Pkg {
        final String name;
        final byte[] bytes;
        final Component component;
        final boolean typeOnly;
        final TypeSpace space;
        /** The types of the package's exports (or a WIT package's interfaces); built on first use. */
        Map<String, Typed> exportTypes;

        Pkg(String name, byte[] bytes, Component component, boolean typeOnly) {
            this.name = name;
            this.bytes = bytes;
            this.component = component;
            this.typeOnly = typeOnly;
            this.space = TypeSpace.of(component);
        }
    }

    /** An instance: its package and what satisfies each of its imports, in connection order. */
    static final class Node {
        final InstanceId id;
        final Pkg pkg;
        final Map<String, Source> args = new LinkedHashMap<>();

        Node(InstanceId id, Pkg pkg) {
            this.id = id;
            this.pkg = pkg;
        }
    }

    /** How an outer import gets its type. */
    sealed interface ImportOrigin {
        /** Like import {@code importName} of an instance (resolved in that instance's context). */
        record OfInstance(Node node, String importName) implements ImportOrigin {}

        /** Like item {@code item} of a package's world, exported or imported (a type-only context). */
        record OfPackage(Pkg pkg, TypeSpace space, String item, boolean imported) implements ImportOrigin {}
    }

    record OuterImport(ImportId id, ImportOrigin origin) {}

    /** Item {@code item} of the component type declarations {@code space}. */
    record Typed(TypeSpace space, String item) {}

    private final List<Pkg> packages = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<OuterImport> imports = new ArrayList<>();
    private final Map<String, Source> exports = new LinkedHashMap<>();

    private CompositionGraph() {}

    public static CompositionGraph create() {
        return new CompositionGraph();
    }

    /**
     * Registers a component under a package name ({@code ns:pkg} or {@code ns:pkg@1.0.0}). The
     * bytes are decoded and validated. A WIT package encoded as a component is accepted too: it
     * cannot be instantiated, but its interfaces can type imports ({@link #addImport(String,
     * PackageId, String)}).
     */
    public PackageId addPackage(String name, byte[] componentBytes) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(componentBytes, "componentBytes");
        if (!PACKAGE_NAME.matcher(name).matches()) {
            throw new CompositionException("invalid package name `" + name + "`: expected `namespace:name` or "
                    + "`namespace:name@version`");
        }
        for (Pkg p : packages) {
            if (p.name.equals(name)) {
                throw new CompositionException("package `" + name + "` is already registered");
            }
        }
        Component c;
        try {
            c = ComponentDecoder.decode(componentBytes);
            ComponentValidator.validate(c);
        } catch (ComponentFormatException | ComponentValidationException e) {
            throw new CompositionException("package `" + name + "` is not a valid component: " + e.getMessage(), e);
        }
        Pkg p = new Pkg(name, componentBytes.clone(), c, isWitPackage(c));
        packages.add(p);
        return new PackageId(packages.size() - 1, name);
    }

    /** A WIT package (WIT.md "Package Format"): no imports, only type exports, no code. */
    private static boolean isWitPackage(Component c) {
        if (!c.imports().isEmpty() || c.exports().isEmpty()
                || c.exports().stream().anyMatch(e -> e.item().sort() != Sort.TYPE)) {
            return false;
        }
        for (Section s : c.sections()) {
            if (s instanceof Section.CoreModule || s instanceof Section.NestedComponent
                    || s instanceof Section.Canons || s instanceof Section.Instances) {
                return false;
            }
        }
        try {
            return WitExtractor.extract(c) instanceof DecodedWit.WitPackage;
        } catch (WitExtractionException e) {
            return false;
        }
    }

    /** A new instance of a registered component; {@code name} (unique) names it in messages. */
    public InstanceId instantiate(PackageId pkg, String name) {
        Pkg p = pkg(pkg);
        Objects.requireNonNull(name, "name");
        if (p.typeOnly) {
            throw new CompositionException("package `" + p.name + "` is a WIT package (types only) and cannot be "
                    + "instantiated");
        }
        for (Node n : nodes) {
            if (n.id.name().equals(name)) {
                throw new CompositionException("an instance named `" + name + "` already exists");
            }
        }
        InstanceId id = new InstanceId(nodes.size(), name);
        nodes.add(new Node(id, p));
        return id;
    }

    /** Satisfies import {@code importName} (its full name) of {@code target} with {@code source}. */
    public void connect(InstanceId target, String importName, Source source) {
        Node n = node(target);
        Objects.requireNonNull(importName, "importName");
        Objects.requireNonNull(source, "source");
        if (!n.pkg.space.imports().containsKey(importName)) {
            throw new CompositionException("instance `" + n.id.name() + "` (package `" + n.pkg.name
                    + "`) has no import named `" + importName + "`; its imports are: "
                    + names(n.pkg.space.imports().keySet()));
        }
        if (n.args.containsKey(importName)) {
            throw new CompositionException("import `" + importName + "` of instance `" + n.id.name()
                    + "` is already satisfied by " + describe(n.args.get(importName)));
        }
        check(source);
        if (source instanceof Source.InstanceExport x && x.instance().equals(target)
                || source instanceof Source.WholeInstance w && w.instance().equals(target)) {
            throw new CompositionException("instance `" + n.id.name() + "` cannot satisfy its own import `"
                    + importName + "`");
        }
        n.args.put(importName, source);
    }

    /**
     * Adds an import of the composed component named {@code name}, typed like import {@code
     * importName} of instance {@code from} (types it refers to through other imports of that
     * instance are taken from whatever satisfies those).
     */
    public ImportId addImport(String name, InstanceId from, String importName) {
        Node n = node(from);
        if (!n.pkg.space.imports().containsKey(importName)) {
            throw new CompositionException("instance `" + n.id.name() + "` (package `" + n.pkg.name
                    + "`) has no import named `" + importName + "`");
        }
        return newImport(name, new ImportOrigin.OfInstance(n, importName));
    }

    /**
     * Adds an import of the composed component named {@code name}, typed like export {@code
     * itemName} of a package (a component), or like interface {@code itemName} of a WIT package.
     * Interfaces that item refers to become imports as well, under their own names (merged with
     * existing imports of the same name).
     */
    public ImportId addImport(String name, PackageId pkg, String itemName) {
        Pkg p = pkg(pkg);
        Objects.requireNonNull(itemName, "itemName");
        Typed typed = exportTypes(p).get(itemName);
        if (typed == null) {
            throw new CompositionException("package `" + p.name + "` has no " + (p.typeOnly ? "interface" : "export")
                    + " named `" + itemName + "`; it has: " + names(exportTypes(p).keySet()));
        }
        return newImport(name, new ImportOrigin.OfPackage(p, typed.space(), typed.item(), false));
    }

    /**
     * Each import of {@code instance} not yet satisfied becomes an import of the composed
     * component under the same name; an existing import of that name is used instead (its type
     * must be one the instance accepts, checked by {@link #encode()}).
     */
    public void importRemaining(InstanceId instance) {
        Node n = node(instance);
        for (String name : n.pkg.space.imports().keySet()) {
            if (!n.args.containsKey(name)) {
                ImportId id = findImport(name);
                if (id == null) {
                    id = newImport(name, new ImportOrigin.OfInstance(n, name));
                }
                n.args.put(name, new Source.Import(id));
            }
        }
    }

    /** Exports {@code source} from the composed component as {@code name}. */
    public void export(Source source, String name) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(name, "name");
        check(source);
        if (exports.containsKey(name)) {
            throw new CompositionException("the composition already exports `" + name + "` (from "
                    + describe(exports.get(name)) + ")");
        }
        exports.put(name, source);
    }

    /** The imports of {@code instance} that nothing satisfies yet, in the component's order. */
    public List<String> unsatisfiedImports(InstanceId instance) {
        Node n = node(instance);
        return n.pkg.space.imports().keySet().stream().filter(k -> !n.args.containsKey(k)).toList();
    }

    /** The package {@code instance} instantiates. */
    public PackageId packageOf(InstanceId instance) {
        Pkg p = node(instance).pkg;
        return new PackageId(packages.indexOf(p), p.name);
    }

    /** The import names of a registered package, in order. */
    public List<String> importNames(PackageId pkg) {
        return List.copyOf(pkg(pkg).space.imports().keySet());
    }

    /** The export names of a registered package (for a WIT package, its interfaces and worlds), in order. */
    public List<String> exportNames(PackageId pkg) {
        Pkg p = pkg(pkg);
        return List.copyOf((p.typeOnly ? exportTypes(p).keySet() : p.space.exports().keySet()));
    }

    /** The import of the composed component named {@code name}, if there is one. */
    public java.util.Optional<ImportId> findImportByName(String name) {
        return java.util.Optional.ofNullable(findImport(name));
    }

    /**
     * The composed component: checks that every import is satisfied and every connection
     * type-checks, then writes the binary. Each registered component an instance uses is embedded
     * once, byte for byte.
     */
    public byte[] encode() {
        List<String> missing = new ArrayList<>();
        for (Node n : nodes) {
            List<String> open = unsatisfiedImports(n.id);
            if (!open.isEmpty()) {
                missing.add("instance `" + n.id.name() + "` (package `" + n.pkg.name + "`): " + names(open));
            }
        }
        if (!missing.isEmpty()) {
            throw new CompositionException("unsatisfied imports: " + String.join("; ", missing));
        }
        return new GraphEncoder(this).encode();
    }

    // ---------------------------------------------------------------- for the encoder

    List<Node> nodes() {
        return nodes;
    }

    List<OuterImport> outerImports() {
        return imports;
    }

    Map<String, Source> exportMap() {
        return exports;
    }

    Node node(InstanceId id) {
        Objects.requireNonNull(id, "instance");
        if (id.index() < 0 || id.index() >= nodes.size() || !nodes.get(id.index()).id.equals(id)) {
            throw new CompositionException("unknown instance " + id);
        }
        return nodes.get(id.index());
    }

    OuterImport outerImport(ImportId id) {
        Objects.requireNonNull(id, "import");
        if (id.index() < 0 || id.index() >= imports.size() || !imports.get(id.index()).id().equals(id)) {
            throw new CompositionException("unknown import " + id);
        }
        return imports.get(id.index());
    }

    /** An outer import that types a package world's import of that name, created if missing. */
    ImportId importForPackageImport(Pkg pkg, TypeSpace space, String name) {
        ImportId id = findImport(name);
        return id != null ? id : newImport(name, new ImportOrigin.OfPackage(pkg, space, name, true));
    }

    String describe(Source s) {
        if (s instanceof Source.Import i) {
            return "import `" + i.importId().name() + "`";
        } else if (s instanceof Source.InstanceExport x) {
            return "export `" + x.name() + "` of instance `" + x.instance().name() + "`";
        }
        return "instance `" + ((Source.WholeInstance) s).instance().name() + "`";
    }

    /** The sort of what {@code s} stands for. */
    Sort sortOf(Source s) {
        if (s instanceof Source.Import i) {
            OuterImport o = outerImport(i.importId());
            return importItem(o.origin()).sort();
        } else if (s instanceof Source.InstanceExport x) {
            return node(x.instance()).pkg.space.exports().get(x.name()).sort();
        }
        return Sort.INSTANCE;
    }

    static TypeSpace.Item importItem(ImportOrigin o) {
        if (o instanceof ImportOrigin.OfInstance i) {
            return i.node().pkg.space.imports().get(i.importName());
        }
        ImportOrigin.OfPackage p = (ImportOrigin.OfPackage) o;
        return p.imported() ? p.space().imports().get(p.item()) : p.space().exports().get(p.item());
    }

    /** The type of export {@code name} of a package's world, or null. */
    Typed exportType(Pkg p, String name) {
        return exportTypes(p).get(name);
    }

    // ---------------------------------------------------------------- internals

    private ImportId newImport(String name, ImportOrigin origin) {
        Objects.requireNonNull(name, "name");
        if (findImport(name) != null) {
            throw new CompositionException("the composition already imports `" + name + "`");
        }
        ImportId id = new ImportId(imports.size(), name);
        imports.add(new OuterImport(id, origin));
        return id;
    }

    private ImportId findImport(String name) {
        for (OuterImport o : imports) {
            if (o.id().name().equals(name)) {
                return o.id();
            }
        }
        return null;
    }

    private Pkg pkg(PackageId id) {
        Objects.requireNonNull(id, "package");
        if (id.index() < 0 || id.index() >= packages.size() || !packages.get(id.index()).name.equals(id.name())) {
            throw new CompositionException("unknown package " + id);
        }
        return packages.get(id.index());
    }

    private void check(Source s) {
        if (s instanceof Source.Import i) {
            outerImport(i.importId());
        } else if (s instanceof Source.WholeInstance w) {
            node(w.instance());
        } else if (s instanceof Source.InstanceExport x) {
            Node n = node(x.instance());
            if (!n.pkg.space.exports().containsKey(x.name())) {
                throw new CompositionException("instance `" + n.id.name() + "` (package `" + n.pkg.name
                        + "`) has no export named `" + x.name() + "`; its exports are: "
                        + names(n.pkg.space.exports().keySet()));
            }
        }
    }

    /**
     * The types of a package's exports: a component's world re-encoded from its WIT (so that
     * exports built from nested instances get a declared type), or a WIT package's interfaces.
     */
    private static Map<String, Typed> exportTypes(Pkg p) {
        if (p.exportTypes == null) {
            p.exportTypes = p.typeOnly ? witPackageItems(p) : worldOf(p);
        }
        return p.exportTypes;
    }

    private static Map<String, Typed> worldOf(Pkg p) {
        DecodedWit wit;
        try {
            wit = WitExtractor.extract(p.component);
        } catch (WitExtractionException e) {
            throw new CompositionException("the exports of package `" + p.name + "` cannot be described in WIT: "
                    + e.getMessage(), e);
        }
        DecodedWit.ComponentWorld world = (DecodedWit.ComponentWorld) wit;
        Component typeComponent = ComponentDecoder.decode(WitEmbedder.encodeWorld(world.resolve(), world.worldId()));
        // one type section: the wrapper component type, whose first declaration is the world's type
        TypeDef.ComponentType wrapper =
                (TypeDef.ComponentType) typeComponent.sections(Section.Types.class).get(0).types().get(0);
        TypeDef.ComponentType worldType =
                (TypeDef.ComponentType) ((Declaration.TypeDecl) wrapper.declarations().get(0)).type();
        TypeSpace space = TypeSpace.of(worldType.declarations());
        Map<String, Typed> out = new LinkedHashMap<>();
        space.exports().keySet().forEach(k -> out.put(k, new Typed(space, k)));
        return out;
    }

    /**
     * A WIT package (WIT.md "Package Format"): each interface is a type export, a component type
     * that exports one instance under the interface's full name and imports the interfaces it
     * uses. Keyed by the export name and by the full name.
     */
    private static Map<String, Typed> witPackageItems(Pkg p) {
        Map<String, Typed> out = new LinkedHashMap<>();
        for (var e : p.component.exports()) {
            TypeSpace.TypeOrigin origin = p.space.types.get(e.item().index());
            if (origin instanceof TypeSpace.TypeOrigin.Defined d && d.def() instanceof TypeDef.ComponentType ct) {
                TypeSpace space = TypeSpace.of(ct.declarations());
                List<String> instances = space.exports().values().stream()
                        .filter(i -> i.sort() == Sort.INSTANCE).map(i -> i.name().name()).toList();
                if (space.exports().size() == 1 && instances.size() == 1) {
                    Typed t = new Typed(space, instances.get(0));
                    out.put(e.name().name(), t);
                    out.putIfAbsent(instances.get(0), t);
                }
            }
        }
        return out;
    }

    private static String names(java.util.Collection<String> names) {
        return names.isEmpty() ? "(none)" : "`" + String.join("`, `", names) + "`";
    }
}
