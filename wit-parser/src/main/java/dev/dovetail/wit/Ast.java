package dev.dovetail.wit;

import java.util.List;

/**
 * What was written: the syntax tree of one WIT file, with spans. Built from the ANTLR parse tree
 * by {@link AstBuilder}; given meaning by {@link AstResolver}.
 */
final class Ast {
    private Ast() {}

    record Id(String name, Span span) {}

    /** The raw doc comments ({@code ///} or {@code /** *}{@code /}) before an item. */
    record DocComments(List<String> comments, Span span) {
        static final DocComments NONE = new DocComments(List.of(), null);
    }

    sealed interface Attribute {
        Span span();
    }

    record Since(String version, Span span) implements Attribute {}

    record Unstable(Id feature, Span span) implements Attribute {}

    record Deprecated(String version, Span span) implements Attribute {}

    /** {@code package ns:name@version}. */
    record PackageDecl(DocComments docs, List<Attribute> attributes, String namespace, String name, String version, Span span) {
        PackageName packageName() {
            return new PackageName(namespace, name, version);
        }
    }

    /** A file, or the body of a nested {@code package a:b { ... }} block. */
    record PackageFile(PackageDecl packageDecl, List<Item> items) {}

    sealed interface Item {}

    record NestedPackage(PackageFile file) implements Item {}

    record ToplevelUse(List<Attribute> attributes, UsePath item, Id as, Span span) implements Item {
        Id localName() {
            return as != null ? as : item.name();
        }
    }

    record InterfaceDecl(DocComments docs, List<Attribute> attributes, Id name, List<InterfaceItem> items) implements Item {}

    record WorldDecl(DocComments docs, List<Attribute> attributes, Id name, List<WorldItem> items) implements Item {}

    /** A path to an interface or world: local ({@code foo}) or in a package ({@code a:b/foo@1.0.0}). */
    sealed interface UsePath {
        Id name();

        Span span();
    }

    record LocalPath(Id name) implements UsePath {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record PackagePath(PackageName packageName, Span packageSpan, Id name) implements UsePath {
        @Override
        public Span span() {
            return new Span(packageSpan.source(), packageSpan.start(), name.span().end());
        }
    }

    sealed interface InterfaceItem {}

    record Use(List<Attribute> attributes, UsePath from, List<UseName> names, Span span) implements InterfaceItem, WorldItem {}

    record UseName(Id name, Id as) {
        Id localName() {
            return as != null ? as : name;
        }
    }

    record TypeDef(DocComments docs, List<Attribute> attributes, Id name, TypeNode type) implements InterfaceItem, WorldItem {}

    record NamedFunc(DocComments docs, List<Attribute> attributes, Id name, Func func) implements InterfaceItem {}

    record Func(boolean async, List<Param> params, TypeNode result, Span span) {}

    record Param(Id name, TypeNode type) {}

    sealed interface WorldItem {}

    record Import(DocComments docs, List<Attribute> attributes, ExternKind kind) implements WorldItem {}

    record Export(DocComments docs, List<Attribute> attributes, ExternKind kind) implements WorldItem {}

    record Include(List<Attribute> attributes, UsePath from, List<IncludeName> names, Span span) implements WorldItem {}

    record IncludeName(Id name, Id as) {}

    sealed interface ExternKind {
        Span span();
    }

    record ExternInterface(Id name, List<InterfaceItem> items) implements ExternKind {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record ExternPath(UsePath path) implements ExternKind {
        @Override
        public Span span() {
            return path.span();
        }
    }

    /** {@code import name: a:b/c;} — an interface imported under a plain name. */
    record ExternNamedPath(Id name, UsePath path) implements ExternKind {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record ExternFunc(Id name, Func func) implements ExternKind {
        @Override
        public Span span() {
            return name.span();
        }
    }

    // ------------------------------------------------------------------ types

    sealed interface TypeNode {
        Span span();
    }

    record PrimitiveNode(Type.Primitive primitive, Span span) implements TypeNode {}

    record NameNode(Id name) implements TypeNode {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record ListNode(TypeNode element, Span span) implements TypeNode {}

    record FixedListNode(TypeNode element, long length, Span span) implements TypeNode {}

    record MapNode(TypeNode key, TypeNode value, Span span) implements TypeNode {}

    record HandleNode(boolean borrow, Id resource, Span span) implements TypeNode {}

    record ResourceNode(List<ResourceFunc> funcs, Span span) implements TypeNode {}

    enum ResourceFuncKind { METHOD, STATIC, CONSTRUCTOR }

    /** A function inside a resource; a constructor's name is the {@code constructor} keyword. */
    record ResourceFunc(ResourceFuncKind kind, NamedFunc func) {}

    record RecordNode(List<Field> fields, Span span) implements TypeNode {}

    record Field(DocComments docs, Id name, TypeNode type) {}

    record FlagsNode(List<Flag> flags, Span span) implements TypeNode {}

    record Flag(DocComments docs, Id name) {}

    record VariantNode(List<Case> cases, Span span) implements TypeNode {}

    record Case(DocComments docs, Id name, TypeNode type) {}

    record EnumNode(List<EnumCase> cases, Span span) implements TypeNode {}

    record EnumCase(DocComments docs, Id name) {}

    record OptionNode(TypeNode type, Span span) implements TypeNode {}

    record ResultNode(TypeNode ok, TypeNode err, Span span) implements TypeNode {}

    record TupleNode(List<TypeNode> types, Span span) implements TypeNode {}

    record FutureNode(TypeNode type, Span span) implements TypeNode {}

    record StreamNode(TypeNode type, Span span) implements TypeNode {}
}
