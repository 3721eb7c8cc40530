package dev.dovetail.compose;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The syntax tree of a WAC document (bytecodealliance/wac, LANGUAGE.md), as {@link Wac#parse}
 * returns it. Names are as written, without a keyword-escaping {@code %}; strings without quotes.
 * Type statements ({@code interface}, {@code world}, {@code type}, ...) are kept as their kind,
 * name and span only: the composer rejects them.
 */
public final class WacAst {
    private WacAst() {}

    /** Characters [start, end) of the source; {@code line} and {@code column} (1-based) of start. */
    public record Span(int start, int end, int line, int column) {
        public CompositionException.Location location(Path file) {
            return new CompositionException.Location(file, line, column);
        }
    }

    /**
     * A whole document: {@code package ns:name@version;} and the statements in order. {@code file}
     * (may be null) and {@code source} are kept for error messages.
     */
    public record Document(Path file, String source, PackageDecl packageDecl, List<Statement> statements) {
        public Document {
            Objects.requireNonNull(source);
            Objects.requireNonNull(packageDecl);
            statements = List.copyOf(statements);
        }
    }

    /** {@code package ns:name@version (targets ns:pkg/world)?;} */
    public record PackageDecl(List<String> docs, PackageName name, Optional<PackagePath> targets, Span span) {
        public PackageDecl {
            docs = List.copyOf(docs);
            Objects.requireNonNull(name);
            Objects.requireNonNull(targets);
        }
    }

    /** What a {@code new} expression instantiates: a package name or a local name. */
    public sealed interface ComponentRef permits PackageName, Ident {
        Span span();
    }

    /** {@code ns:name} or {@code ns:name@1.2.3}; {@code name} has no version. */
    public record PackageName(String name, Optional<String> version, Span span) implements ComponentRef {
        public PackageName {
            Objects.requireNonNull(name);
            Objects.requireNonNull(version);
        }

        /** The name as written, with {@code @version} if there is one. */
        public String text() {
            return version.map(v -> name + "@" + v).orElse(name);
        }
    }

    /** {@code ns:name/item/...@1.2.3}: a package, the path of an item in it, and a version. */
    public record PackagePath(String packageName, List<String> segments, Optional<String> version, Span span) {
        public PackagePath {
            Objects.requireNonNull(packageName);
            segments = List.copyOf(segments);
            Objects.requireNonNull(version);
        }

        /** The path as written. */
        public String text() {
            return packageName + "/" + String.join("/", segments) + version.map(v -> "@" + v).orElse("");
        }
    }

    /** A kebab-case identifier, without the escaping {@code %}. */
    public record Ident(String name, Span span) implements ComponentRef {
        public Ident {
            Objects.requireNonNull(name);
        }
    }

    /** An import or export name after {@code as} or {@code with}: an identifier or a string. */
    public record ExternName(String value, boolean quoted, Span span) {
        public ExternName {
            Objects.requireNonNull(value);
        }
    }

    /** A statement; {@code docs} are the {@code ///} and {@code /** *}{@code /} comments before it. */
    public sealed interface Statement {
        List<String> docs();

        Span span();
    }

    /** {@code import id (as name)?: type;} */
    public record Import(List<String> docs, Ident id, Optional<ExternName> name, ImportType type, Span span)
            implements Statement {
        public Import {
            docs = List.copyOf(docs);
            Objects.requireNonNull(id);
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    /** {@code let id = expr;} */
    public record Let(List<String> docs, Ident id, Expr expr, Span span) implements Statement {
        public Let {
            docs = List.copyOf(docs);
            Objects.requireNonNull(id);
            Objects.requireNonNull(expr);
        }
    }

    /**
     * {@code export expr;}, {@code export expr as name;} ({@code name} present) or {@code export
     * expr...;} ({@code spread}).
     */
    public record Export(List<String> docs, Expr expr, Optional<ExternName> name, boolean spread, Span span)
            implements Statement {
        public Export {
            docs = List.copyOf(docs);
            Objects.requireNonNull(expr);
            Objects.requireNonNull(name);
        }
    }

    /** An {@code interface}, {@code world}, type definition or {@code use}: parsed, not composed. */
    public record TypeStatement(List<String> docs, String keyword, Optional<Ident> id, Span span)
            implements Statement {
        public TypeStatement {
            docs = List.copyOf(docs);
            Objects.requireNonNull(keyword);
            Objects.requireNonNull(id);
        }
    }

    /** The type after {@code import id:}. */
    public sealed interface ImportType {
        Span span();
    }

    /** {@code ns:pkg/item@version}: an item of a package. */
    public record ImportPath(PackagePath path) implements ImportType {
        public ImportPath {
            Objects.requireNonNull(path);
        }

        @Override
        public Span span() {
            return path.span();
        }
    }

    /** {@code func(...) -> ...}, {@code interface { ... }} or a local type name. */
    public record ImportInlineType(String keyword, Span span) implements ImportType {
        public ImportInlineType {
            Objects.requireNonNull(keyword);
        }
    }

    /** An expression. */
    public sealed interface Expr {
        Span span();
    }

    /** {@code new ns:pkg { args }}. */
    public record New(ComponentRef component, List<Argument> arguments, Span span) implements Expr {
        public New {
            Objects.requireNonNull(component);
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code ( expr )}. */
    public record Nested(Expr inner, Span span) implements Expr {
        public Nested {
            Objects.requireNonNull(inner);
        }
    }

    /** A local name. */
    public record Local(Ident id) implements Expr {
        public Local {
            Objects.requireNonNull(id);
        }

        @Override
        public Span span() {
            return id.span();
        }
    }

    /** {@code target.member}: an export, the name inferred from {@code member}. */
    public record Access(Expr target, Ident member, Span span) implements Expr {
        public Access {
            Objects.requireNonNull(target);
            Objects.requireNonNull(member);
        }
    }

    /** {@code target["name"]}: the export of exactly that name. {@code nameSpan} is the string's. */
    public record NamedAccess(Expr target, String name, Span nameSpan, Span span) implements Expr {
        public NamedAccess {
            Objects.requireNonNull(target);
            Objects.requireNonNull(name);
        }
    }

    /** An instantiation argument of {@code new}. */
    public sealed interface Argument {
        Span span();
    }

    /** {@code local}: the import name is inferred. */
    public record Inferred(Ident id) implements Argument {
        public Inferred {
            Objects.requireNonNull(id);
        }

        @Override
        public Span span() {
            return id.span();
        }
    }

    /** {@code name: expr}, the name an identifier or a string. */
    public record Named(ExternName name, Expr value, Span span) implements Argument {
        public Named {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    /** {@code ...local}: the exports of an instance satisfy the imports of the same names. */
    public record Spread(Ident id, Span span) implements Argument {
        public Spread {
            Objects.requireNonNull(id);
        }
    }

    /** {@code ...}: the remaining imports become imports of the composition. */
    public record Fill(Span span) implements Argument {}
}
