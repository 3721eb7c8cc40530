package dev.dovetail.component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A component-level type as the {@link TypeElaborator} sees it: one object per type definition,
 * compared by identity (Explainer.md "Type Definitions", "Type Checking"). Identity is what
 * matters for WIT: two exports that name the same resource, or a type export that is an alias of
 * another one, are told apart by object identity, never by shape.
 *
 * <p>Every node remembers the {@link TypeScope} it was declared in, so that instantiating a
 * component type (or importing an instance type) can copy exactly the types declared inside it
 * and keep those reached through outer aliases.
 */
abstract sealed class Ty implements ValueTy permits Ty.Def, Ty.Res, Ty.Fn, Ty.Inst, Ty.Comp, Ty.Alias {
    final TypeScope scope;

    Ty(TypeScope scope) {
        this.scope = scope;
    }

    /** Follows {@code (eq ...)} aliases to the type they stand for. */
    static Ty peel(Ty t) {
        while (t instanceof Alias a) {
            t = a.target;
        }
        return t;
    }

    /** {@code defvaltype}, with its value types resolved. */
    static final class Def extends Ty {
        final Shape shape;

        Def(Shape shape, TypeScope scope) {
            super(scope);
            this.shape = shape;
        }
    }

    /** {@code resource}: a defined resource, or the abstract one of a {@code (sub resource)} bound. */
    static final class Res extends Ty {
        Res(TypeScope scope) {
            super(scope);
        }
    }

    /** {@code functype}. {@code result} is null for no result. */
    static final class Fn extends Ty {
        final boolean async;
        final List<Param> params;
        final ValueTy result;

        Fn(boolean async, List<Param> params, ValueTy result, TypeScope scope) {
            super(scope);
            this.async = async;
            this.params = List.copyOf(params);
            this.result = result;
        }
    }

    record Param(String name, ValueTy type) {}

    /** {@code instancetype}, or the type of a concrete instance; {@code body} holds its declarations. */
    static final class Inst extends Ty {
        final Map<String, Entity> exports;
        final TypeScope body;

        Inst(Map<String, Entity> exports, TypeScope body, TypeScope scope) {
            super(scope);
            this.exports = new LinkedHashMap<>(exports);
            this.body = body;
        }
    }

    /**
     * {@code componenttype}, or the type of a concrete component. {@code implemented} maps the
     * import and export names that carry an {@code (implements "I")} attribute to {@code I}
     * (Explainer.md "Import and Export Definitions").
     */
    static final class Comp extends Ty {
        final Map<String, Entity> imports;
        final Map<String, Entity> exports;
        final Map<String, String> importsImplement;
        final Map<String, String> exportsImplement;
        final TypeScope body;

        Comp(Map<String, Entity> imports, Map<String, Entity> exports, Map<String, String> importsImplement,
                Map<String, String> exportsImplement, TypeScope body, TypeScope scope) {
            super(scope);
            this.imports = new LinkedHashMap<>(imports);
            this.exports = new LinkedHashMap<>(exports);
            this.importsImplement = Map.copyOf(importsImplement);
            this.exportsImplement = Map.copyOf(exportsImplement);
            this.body = body;
        }
    }

    /**
     * A type created by an {@code (eq T)} bound or by exporting a type: the same type as {@code
     * target}, under a new identity (what wasmparser calls the "created" id).
     */
    static final class Alias extends Ty {
        final Ty target;

        Alias(Ty target, TypeScope scope) {
            super(scope);
            this.target = target;
        }
    }

    /** The shapes of {@code defvaltype} (Binary.md "Type Definitions"). */
    sealed interface Shape {
        /** Applies {@code f} to every value type directly inside. */
        Shape map(UnaryOperator<ValueTy> f);

        record Primitive(PrimitiveType type) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return this;
            }
        }

        record Field(String name, ValueTy type) {}

        record Record(List<Field> fields) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Record(fields.stream().map(x -> new Field(x.name(), f.apply(x.type()))).toList());
            }
        }

        /** A case's type is null when it has no payload. */
        record Case(String name, ValueTy type) {}

        record Variant(List<Case> cases) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Variant(cases.stream()
                        .map(c -> new Case(c.name(), c.type() == null ? null : f.apply(c.type())))
                        .toList());
            }
        }

        record ListOf(ValueTy element) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new ListOf(f.apply(element));
            }
        }

        record FixedList(ValueTy element, long length) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new FixedList(f.apply(element), length);
            }
        }

        record Tuple(List<ValueTy> types) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Tuple(types.stream().map(f).toList());
            }
        }

        record Flags(List<String> names) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return this;
            }
        }

        record Enum(List<String> names) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return this;
            }
        }

        record Option(ValueTy type) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Option(f.apply(type));
            }
        }

        /** Either side may be null. */
        record Result(ValueTy ok, ValueTy err) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Result(ok == null ? null : f.apply(ok), err == null ? null : f.apply(err));
            }
        }

        record Own(Ty resource) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Own((Ty) f.apply(resource));
            }
        }

        record Borrow(Ty resource) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Borrow((Ty) f.apply(resource));
            }
        }

        /** {@code element} null for a bare {@code stream}. */
        record Stream(ValueTy element) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Stream(element == null ? null : f.apply(element));
            }
        }

        /** {@code element} null for a bare {@code future}. */
        record Future(ValueTy element) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new Future(element == null ? null : f.apply(element));
            }
        }

        record MapOf(ValueTy key, ValueTy value) implements Shape {
            public Shape map(UnaryOperator<ValueTy> f) {
                return new MapOf(f.apply(key), f.apply(value));
            }
        }
    }

    /** What an import or export is (wasmparser's {@code ComponentEntityType}). */
    sealed interface Entity {
        record Func(Ty type) implements Entity {}

        record Instance(Ty type) implements Entity {}

        record Component(Ty type) implements Entity {}

        /**
         * A type: {@code referenced} is the type named by the bound, {@code created} the new
         * identity the import or export introduces (the same resource for {@code (sub resource)}).
         */
        record Type(Ty referenced, Ty created) implements Entity {}

        record Module() implements Entity {}

        record Value() implements Entity {}
    }
}
