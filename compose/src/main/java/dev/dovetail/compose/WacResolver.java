package dev.dovetail.compose;

import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.Sort;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Evaluates a WAC document top-down (LANGUAGE.md "Statements") into calls on a {@link
 * CompositionGraph}: {@code new} instantiates and connects arguments, {@code ...} imports the rest,
 * {@code import} adds imports typed by package items, {@code export} exports. Names of arguments
 * and exports are inferred as wac infers them. Every error carries the location of the construct
 * it is about, including errors the graph reports.
 */
final class WacResolver {

    /** What a name or an expression stands for. */
    private sealed interface Value {}

    /** An instance made by {@code new}. */
    private record InstanceValue(CompositionGraph.InstanceId id, Loaded pkg) implements Value {}

    /** An export of an instance made by {@code new}. */
    private record ExportValue(CompositionGraph.InstanceId instance, Loaded pkg, String name, Sort sort)
            implements Value {}

    /** An import of the composition; {@code interfaceId} when it is an instance of a named interface. */
    private record ImportValue(CompositionGraph.ImportId id, String name, Optional<String> interfaceId)
            implements Value {}

    private record Binding(Value value, WacAst.Span span) {}

    private record Loaded(CompositionGraph.PackageId id, String name, PackageInfo info) {}

    private final WacAst.Document document;
    private final WacSource source;
    private final PackageResolver packages;
    private final CompositionGraph graph = CompositionGraph.create();
    private final Map<String, Binding> scope = new HashMap<>();
    private final Map<String, Loaded> loaded = new HashMap<>();
    private final Map<String, WacAst.Span> explicitImports = new HashMap<>();
    private final Map<String, WacAst.Span> exports = new LinkedHashMap<>();

    private WacResolver(WacAst.Document document, PackageResolver packages) {
        this.document = document;
        this.source = new WacSource(document.file(), document.source());
        this.packages = packages;
    }

    /** The graph of {@code document}, every statement applied; not yet encoded. */
    static CompositionGraph resolve(WacAst.Document document, PackageResolver packages) {
        return new WacResolver(document, packages).run();
    }

    private CompositionGraph run() {
        document.packageDecl().targets().ifPresent(t -> {
            throw source.error(t.span(), "`targets` is not supported: the composition cannot be checked against world `"
                    + t.text() + "`");
        });
        for (WacAst.Statement s : document.statements()) {
            if (s instanceof WacAst.Import i) {
                importStatement(i);
            } else if (s instanceof WacAst.Let let) {
                checkUnbound(let.id());
                Value value = expr(let.expr(), Optional.of(let.id().name()));
                bind(let.id(), value);
            } else if (s instanceof WacAst.Export e) {
                exportStatement(e);
            } else {
                WacAst.TypeStatement t = (WacAst.TypeStatement) s;
                throw source.error(t.span(), unsupportedType(t.keyword()));
            }
        }
        return graph;
    }

    private static String unsupportedType(String keyword) {
        String what = switch (keyword) {
            case "use" -> "`use` statements are";
            case "interface", "world" -> "`" + keyword + "` declarations are";
            default -> "type declarations (`" + keyword + "`) are";
        };
        return what + " not supported: compositions here only instantiate, import and export package items"
                + " (declare types in WIT packages)";
    }

    // ------------------------------------------------------------------ statements

    private void importStatement(WacAst.Import stmt) {
        checkUnbound(stmt.id());
        if (!(stmt.type() instanceof WacAst.ImportPath ip)) {
            WacAst.ImportInlineType t = (WacAst.ImportInlineType) stmt.type();
            String what = switch (t.keyword()) {
                case "func" -> "imports of an inline function type are";
                case "interface" -> "imports of an inline interface are";
                default -> "imports of a locally declared type are";
            };
            throw source.error(t.span(), what + " not supported: import an item of a package, as in `import "
                    + stmt.id().name() + ": ns:pkg/item;`");
        }
        WacAst.PackagePath path = ip.path();
        if (path.packageName().equals(document.packageDecl().name().name())) {
            throw source.error(path.span(), "`" + path.text() + "` names an item of the package being defined;"
                    + " declarations in the document are not supported");
        }
        Loaded pkg = load(path.packageName(), path.version(), path.span());
        String itemName;
        Optional<String> interfaceId;
        if (pkg.info().wit().isPresent()) {
            PackageInfo.WitItems wit = pkg.info().wit().get();
            String item = path.segments().get(0);
            boolean isInterface = wit.interfaces().contains(item);
            if (path.segments().size() != 1 || !(isInterface || wit.worlds().contains(item))) {
                List<String> all = new ArrayList<>(wit.interfaces());
                all.addAll(wit.worlds());
                throw source.error(path.span(), "package `" + pkg.name() + "` has no interface or world `"
                        + String.join("/", path.segments()) + "`; " + listing("it defines", all));
            }
            itemName = item;
            interfaceId = isInterface
                    ? Optional.of(path.version().map(v -> wit.packageName() + "/" + item + "@" + v)
                            .orElse(wit.interfaceId(item)))
                    : Optional.empty();
        } else {
            String wanted = String.join("/", path.segments());
            Map<String, Sort> exported = pkg.info().exports();
            Optional<String> found = exported.containsKey(wanted)
                    ? Optional.of(wanted)
                    : matchInterfaceName(wanted, List.copyOf(exported.keySet()));
            if (found.isEmpty()) {
                throw source.error(path.span(), "package `" + pkg.name() + "` has no export `" + wanted + "`; "
                        + listing("its exports are", exported.keySet()));
            }
            itemName = found.get();
            interfaceId = exported.get(itemName) == Sort.INSTANCE && itemName.contains(":")
                    ? Optional.of(itemName)
                    : Optional.empty();
        }
        String importName = stmt.name().map(WacAst.ExternName::value).orElse(interfaceId.orElse(stmt.id().name()));
        WacAst.Span nameSpan = stmt.name().map(WacAst.ExternName::span).orElse(stmt.id().span());
        WacAst.Span previous = explicitImports.get(importName);
        if (previous != null) {
            throw source.error(nameSpan, "import `" + importName + "` is already defined at " + at(previous)
                    + (stmt.name().isEmpty() ? "; use `as \"name\"` to import it under another name" : ""));
        }
        CompositionGraph.ImportId id = call(nameSpan, () -> graph.addImport(importName, pkg.id(), itemName));
        explicitImports.put(importName, nameSpan);
        bind(stmt.id(), new ImportValue(id, importName, interfaceId));
    }

    private void exportStatement(WacAst.Export stmt) {
        Value value = expr(stmt.expr(), Optional.empty());
        if (stmt.spread()) {
            if (!(value instanceof InstanceValue instance)) {
                throw source.error(stmt.expr().span(), "only an instance made by `new` can have its exports spread; this is "
                        + describe(value));
            }
            boolean any = false;
            for (Map.Entry<String, Sort> e : instance.pkg().info().exports().entrySet()) {
                if (!exports.containsKey(e.getKey())) {
                    String name = e.getKey();
                    call(stmt.span(), () -> {
                        graph.export(new Source.InstanceExport(instance.id(), name), name);
                        return null;
                    });
                    exports.put(name, stmt.span());
                    any = true;
                }
            }
            if (!any) {
                throw source.error(stmt.expr().span(), instance.pkg().info().exports().isEmpty()
                        ? "package `" + instance.pkg().name() + "` has no exports to spread"
                        : "the spread exports nothing: every export of `" + instance.pkg().name() + "` is exported already");
            }
            return;
        }
        String name;
        WacAst.Span span;
        if (stmt.name().isPresent()) {
            name = stmt.name().get().value();
            span = stmt.name().get().span();
        } else {
            span = stmt.expr().span();
            if (value instanceof ExportValue e) {
                name = e.name();
            } else if (value instanceof ImportValue i) {
                name = i.interfaceId().orElse(i.name());
            } else {
                throw source.error(span, "an instance of `" + ((InstanceValue) value).pkg().name()
                        + "` has no name to export it under: add `as \"name\"`, or write `...` after it to export its exports");
            }
        }
        WacAst.Span previous = exports.get(name);
        if (previous != null) {
            throw source.error(span, "export `" + name + "` is already defined at " + at(previous)
                    + (stmt.name().isEmpty() ? "; use `as \"name\"` to export it under another name" : ""));
        }
        call(span, () -> {
            graph.export(sourceOf(value), name);
            return null;
        });
        exports.put(name, span);
    }

    /** Local names are bound once (LANGUAGE.md "Let Statements"). */
    private void checkUnbound(WacAst.Ident id) {
        Binding previous = scope.get(id.name());
        if (previous != null) {
            throw source.error(id.span(), "`" + id.name() + "` is already defined at " + at(previous.span()));
        }
    }

    private void bind(WacAst.Ident id, Value value) {
        checkUnbound(id);
        scope.put(id.name(), new Binding(value, id.span()));
    }

    // ------------------------------------------------------------------ expressions

    private Value expr(WacAst.Expr expr, Optional<String> boundTo) {
        if (expr instanceof WacAst.New n) {
            return newExpr(n, boundTo);
        }
        if (expr instanceof WacAst.Nested n) {
            return expr(n.inner(), boundTo);
        }
        if (expr instanceof WacAst.Local l) {
            return lookup(l.id());
        }
        if (expr instanceof WacAst.Access a) {
            return access(expr(a.target(), Optional.empty()), a.target().span(), a.member().name(), true,
                    a.member().span());
        }
        WacAst.NamedAccess a = (WacAst.NamedAccess) expr;
        return access(expr(a.target(), Optional.empty()), a.target().span(), a.name(), false, a.nameSpan());
    }

    private Value lookup(WacAst.Ident id) {
        Binding b = scope.get(id.name());
        if (b == null) {
            throw source.error(id.span(), "undefined name `" + id.name() + "`");
        }
        return b.value();
    }

    private Value access(Value target, WacAst.Span targetSpan, String member, boolean infer, WacAst.Span memberSpan) {
        if (!(target instanceof InstanceValue instance)) {
            throw source.error(targetSpan, "cannot access `" + member + "`: " + describe(target)
                    + (target instanceof ExportValue e && e.sort() == Sort.INSTANCE
                            ? "; accessing the exports of an exported instance is not supported"
                            : target instanceof ImportValue
                                    ? "; accessing the exports of an import is not supported"
                                    : " is not an instance"));
        }
        Map<String, Sort> exported = instance.pkg().info().exports();
        String name = infer ? matchInterfaceName(member, List.copyOf(exported.keySet())).orElse(member) : member;
        Sort sort = exported.get(name);
        if (sort == null) {
            throw source.error(memberSpan, "package `" + instance.pkg().name() + "` has no export named `" + name
                    + "`; " + listing("its exports are", exported.keySet()));
        }
        return new ExportValue(instance.id(), instance.pkg(), name, sort);
    }

    private Value newExpr(WacAst.New expr, Optional<String> boundTo) {
        if (!(expr.component() instanceof WacAst.PackageName pkgName)) {
            WacAst.Ident id = (WacAst.Ident) expr.component();
            throw source.error(id.span(), "instantiating an imported component (`new " + id.name()
                    + "`) is not supported: instantiate a package, as in `new ns:pkg { ... }`");
        }
        if (pkgName.name().equals(document.packageDecl().name().name())) {
            throw source.error(pkgName.span(), "cannot instantiate `" + pkgName.name()
                    + "`: it is the package being defined");
        }
        Loaded pkg = load(pkgName.name(), pkgName.version(), pkgName.span());
        CompositionGraph.InstanceId instance = call(pkgName.span(),
                () -> graph.instantiate(pkg.id(), boundTo.orElse(pkgName.text())));
        List<String> imports = List.copyOf(graph.unsatisfiedImports(instance));

        Map<String, WacAst.Span> given = new HashMap<>();
        WacAst.Fill fill = null;
        for (WacAst.Argument arg : expr.arguments()) {
            String name;
            Value value;
            WacAst.Span span;
            if (arg instanceof WacAst.Inferred inferred) {
                value = lookup(inferred.id());
                name = inferArgumentName(inferred.id().name(), value, imports);
                span = inferred.id().span();
            } else if (arg instanceof WacAst.Named named) {
                value = expr(named.value(), Optional.empty());
                String written = named.name().value();
                name = named.name().quoted() ? written : matchInterfaceName(written, imports).orElse(written);
                span = named.name().span();
            } else {
                if (arg instanceof WacAst.Fill f) {
                    fill = f;
                }
                continue;
            }
            if (!imports.contains(name)) {
                throw source.error(span, "package `" + pkg.name() + "` has no import named `" + name + "`; "
                        + listing("its imports are", imports));
            }
            WacAst.Span previous = given.put(name, span);
            if (previous != null) {
                throw source.error(span, "argument `" + name + "` is already given at " + at(previous));
            }
            call(span, () -> {
                graph.connect(instance, name, sourceOf(value));
                return null;
            });
        }
        // spreads come after the other arguments and only fill what is still open, in order
        for (WacAst.Argument arg : expr.arguments()) {
            if (arg instanceof WacAst.Spread s) {
                spread(s, pkg, instance, imports, given);
            }
        }
        List<String> remaining = graph.unsatisfiedImports(instance);
        if (fill != null) {
            for (String name : remaining) {
                WacAst.Span explicit = explicitImports.get(name);
                if (explicit != null) {
                    throw source.error(fill.span(), "`...` would import `" + name + "` of `" + pkg.name()
                            + "`, which conflicts with the explicit import at " + at(explicit)
                            + "; pass the import as an argument instead");
                }
            }
            call(fill.span(), () -> {
                graph.importRemaining(instance);
                return null;
            });
        } else if (!remaining.isEmpty()) {
            throw source.error(pkgName.span(), "missing " + (remaining.size() == 1 ? "argument " : "arguments ")
                    + quoted(remaining) + " for package `" + pkg.name()
                    + "`; give " + (remaining.size() == 1 ? "it" : "them") + ", or end the arguments with `...` to import "
                    + (remaining.size() == 1 ? "it" : "them"));
        }
        return new InstanceValue(instance, pkg);
    }

    private void spread(WacAst.Spread s, Loaded pkg, CompositionGraph.InstanceId instance, List<String> imports,
            Map<String, WacAst.Span> given) {
        Value value = lookup(s.id());
        if (!(value instanceof InstanceValue from)) {
            throw source.error(s.id().span(), "only an instance made by `new` can be spread; `" + s.id().name()
                    + "` is " + describe(value));
        }
        boolean any = false;
        for (String name : imports) {
            if (!given.containsKey(name) && from.pkg().info().exports().containsKey(name)) {
                call(s.span(), () -> {
                    graph.connect(instance, name, new Source.InstanceExport(from.id(), name));
                    return null;
                });
                given.put(name, s.span());
                any = true;
            }
        }
        if (!any) {
            throw source.error(s.span(), "spreading `" + s.id().name() + "` satisfies no import of `" + pkg.name()
                    + "`: no open import has the name of an export of `" + from.pkg().name() + "`");
        }
    }

    /**
     * LANGUAGE.md "Inferred Arguments": the interface or import/export name the value carries, if
     * the component imports it; else the one import whose last path segment is the local name;
     * else the local name.
     */
    private static String inferArgumentName(String local, Value value, List<String> imports) {
        List<String> carried = new ArrayList<>();
        if (value instanceof ImportValue i) {
            i.interfaceId().ifPresent(carried::add);
            carried.add(i.name());
        } else if (value instanceof ExportValue e) {
            carried.add(e.name());
        }
        for (String name : carried) {
            if (imports.contains(name)) {
                return name;
            }
        }
        return matchInterfaceName(local, imports).orElse(local);
    }

    /**
     * The one name among {@code names} whose interface (last path segment, without version) is
     * {@code name}, as in {@code ns:pkg/name@1.0.0}; empty if {@code name} itself is present, or
     * if no or several names match.
     */
    static Optional<String> matchInterfaceName(String name, List<String> names) {
        if (names.contains(name)) {
            return Optional.empty();
        }
        String match = null;
        for (String n : names) {
            int slash = n.lastIndexOf('/');
            if (slash < 0) {
                continue;
            }
            String last = n.substring(slash + 1);
            int at = last.indexOf('@');
            if (at >= 0) {
                last = last.substring(0, at);
            }
            if (last.equals(name)) {
                if (match != null) {
                    return Optional.empty();
                }
                match = n;
            }
        }
        return Optional.ofNullable(match);
    }

    // ------------------------------------------------------------------ packages and the graph

    private Loaded load(String name, Optional<String> version, WacAst.Span span) {
        String key = version.map(v -> name + "@" + v).orElse(name);
        Loaded existing = loaded.get(key);
        if (existing != null) {
            return existing;
        }
        Optional<byte[]> bytes = call(span, () -> packages.find(name, version));
        if (bytes.isEmpty()) {
            String searched = packages.searched(name, version);
            throw source.error(span, "unknown package `" + key + "`" + (searched.isEmpty() ? "" : " (" + searched + ")"));
        }
        CompositionGraph.PackageId id = call(span, () -> graph.addPackage(key, bytes.get()));
        PackageInfo info;
        try {
            info = PackageInfo.read(bytes.get());
        } catch (ComponentFormatException e) {
            throw source.error(span, "package `" + key + "` is not a valid component: " + e.getMessage(), e);
        }
        Loaded result = new Loaded(id, key, info);
        loaded.put(key, result);
        return result;
    }

    /** Runs a graph call, giving its error the location of the WAC construct that made it. */
    private <T> T call(WacAst.Span span, Supplier<T> call) {
        try {
            return call.get();
        } catch (CompositionException e) {
            if (e.location().isPresent()) {
                throw e;
            }
            throw source.error(span, e.reason(), e);
        }
    }

    private static Source sourceOf(Value value) {
        if (value instanceof InstanceValue i) {
            return new Source.WholeInstance(i.id());
        }
        if (value instanceof ExportValue e) {
            return new Source.InstanceExport(e.instance(), e.name());
        }
        return new Source.Import(((ImportValue) value).id());
    }

    private static String describe(Value value) {
        if (value instanceof InstanceValue i) {
            return "an instance of `" + i.pkg().name() + "`";
        }
        if (value instanceof ExportValue e) {
            return "export `" + e.name() + "` of `" + e.pkg().name() + "` (" + sortName(e.sort()) + ")";
        }
        return "import `" + ((ImportValue) value).name() + "`";
    }

    private static String sortName(Sort sort) {
        return switch (sort) {
            case FUNC -> "a function";
            case INSTANCE -> "an instance";
            case TYPE -> "a type";
            case COMPONENT -> "a component";
            case VALUE -> "a value";
            case CORE_MODULE -> "a core module";
            default -> sort.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String listing(String intro, Collection<String> names) {
        if (names.isEmpty()) {
            return intro.startsWith("it defines") ? "it defines nothing" : intro.replace(" are", "") + ": none";
        }
        return intro + " " + quoted(names);
    }

    private static String quoted(Collection<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("`" + n + "`");
        }
        return String.join(", ", q);
    }

    private static String at(WacAst.Span span) {
        return span.line() + ":" + span.column();
    }
}
