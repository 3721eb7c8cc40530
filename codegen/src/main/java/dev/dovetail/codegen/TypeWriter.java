package dev.dovetail.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.dovetail.codegen.Plan.Side;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDef;
import dev.dovetail.wit.TypeDefKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The Java types of WIT's nominal types: records as records, variants as sealed interfaces with
 * a record per case, enums as enums, flags as a record of bits with a nested enum; and the
 * generic helper types {@code Result} and {@code TupleN}.
 */
final class TypeWriter {
    private final Plan plan;
    private final JavaTypes types;

    TypeWriter(Plan plan, JavaTypes types) {
        this.plan = plan;
        this.types = types;
    }

    /** The nested type for nominal type {@code id} (not a resource), seen from {@code side}. */
    TypeSpec write(int id, Side side) {
        TypeDef td = plan.resolve.type(id);
        ClassName cn = plan.typeName(id, side);
        TypeDefKind k = td.kind();
        TypeSpec.Builder b;
        if (k instanceof TypeDefKind.Record r) {
            b = record(cn, r, side);
        } else if (k instanceof TypeDefKind.Variant v) {
            b = variant(cn, v, side);
        } else if (k instanceof TypeDefKind.Enum e) {
            b = TypeSpec.enumBuilder(cn.simpleName());
            for (TypeDefKind.EnumCase c : e.cases()) {
                CodeBlock doc = Javadoc.of(c.docs(), null);
                b.addEnumConstant(plan.member(cn, c.name()), TypeSpec.anonymousClassBuilder("").addJavadoc(doc).build());
            }
        } else if (k instanceof TypeDefKind.Flags f) {
            b = flags(cn, f);
        } else {
            throw new IllegalArgumentException("not a data type: " + k);
        }
        b.addModifiers(Modifier.PUBLIC, Modifier.STATIC);
        b.addJavadoc(doc(td));
        if (k instanceof TypeDefKind.Record r) {
            b.addJavadoc("\n");
            for (TypeDefKind.Field f : r.fields()) {
                String text = Javadoc.inline(f.docs());
                b.addJavadoc("@param $L $L{@code $L}\n", plan.member(cn, f.name()), text.isEmpty() ? "" : text + " ",
                        Javadoc.code(witType(f.type())));
            }
        } else if (k instanceof TypeDefKind.Flags f) {
            b.addJavadoc("\nA set of the labels, immutable, held as bits (bit {@code i} is label {@code i}).\n\n"
                    + "@param bits the labels in the set, as bits\n");
        }
        b.addJavadoc(Javadoc.tags(td.stability()));
        annotate(b, td.stability());
        return b.build();
    }

    private CodeBlock doc(TypeDef td) {
        CodeBlock own = Javadoc.of(td.docs(), td.stability());
        return CodeBlock.builder().add(own).add(own.isEmpty() ? "" : "\n<p>").add("WIT: {@code $L}.\n", Javadoc.code(td.name())).build();
    }

    static void annotate(TypeSpec.Builder b, dev.dovetail.wit.Stability s) {
        AnnotationSpec d = Javadoc.deprecated(s);
        if (d != null) {
            b.addAnnotation(d);
        }
    }

    private TypeSpec.Builder record(ClassName cn, TypeDefKind.Record r, Side side) {
        TypeSpec.Builder b = TypeSpec.recordBuilder(cn.simpleName());
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (TypeDefKind.Field f : r.fields()) {
            String name = plan.member(cn, f.name());
            ctor.addParameter(types.type(f.type(), side), name);
        }
        return b.recordConstructor(ctor.build());
    }

    private TypeSpec.Builder variant(ClassName cn, TypeDefKind.Variant v, Side side) {
        TypeSpec.Builder b = TypeSpec.interfaceBuilder(cn.simpleName()).addModifiers(Modifier.SEALED);
        for (TypeDefKind.Case c : v.cases()) {
            ClassName cc = cn.nestedClass(plan.member(cn, c.name()));
            b.addPermittedSubclass(cc);
            TypeSpec.Builder cb = TypeSpec.recordBuilder(cc.simpleName()).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                    .addSuperinterface(cn);
            MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
            if (c.type() != null) {
                ctor.addParameter(types.type(c.type(), side), "value");
            }
            cb.recordConstructor(ctor.build());
            CodeBlock doc = Javadoc.of(c.docs(), null);
            cb.addJavadoc(doc).addJavadoc("$LWIT case: {@code $L}$L.\n", doc.isEmpty() ? "" : "\n<p>", c.name(),
                    c.type() == null ? "" : Javadoc.code("(" + witType(c.type()) + ")"));
            b.addType(cb.build());
        }
        return b;
    }

    private TypeSpec.Builder flags(ClassName cn, TypeDefKind.Flags f) {
        int n = f.flags().size();
        if (n > 64) {
            throw new IllegalArgumentException("flags " + cn.simpleName() + " has " + n
                    + " labels; generated bindings support at most 64");
        }
        if (n == 0) {
            return TypeSpec.recordBuilder(cn.simpleName())
                    .recordConstructor(MethodSpec.constructorBuilder().addParameter(TypeName.LONG, "bits").build())
                    .addMethod(MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
                            .beginControlFlow("if (bits != 0)")
                            .addStatement("throw new $T($S)", IllegalArgumentException.class, "no labels to set")
                            .endControlFlow().build())
                    .addMethod(MethodSpec.methodBuilder("none").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                            .addJavadoc("The empty set.\n").returns(cn).addStatement("return new $T(0)", cn).build());
        }
        ClassName flag = plan.flagEnum(cn);
        TypeSpec.Builder e = TypeSpec.enumBuilder(flag.simpleName()).addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .addJavadoc("The labels of {@link $T}, in WIT order: label {@code i} is bit {@code i}.\n", cn);
        for (TypeDefKind.Flag x : f.flags()) {
            e.addEnumConstant(plan.member(cn, x.name()),
                    TypeSpec.anonymousClassBuilder("").addJavadoc(Javadoc.of(x.docs(), null)).build());
        }
        String all = n == 64 ? "0xffffffffffffffffL" : "0x" + Long.toHexString((1L << n) - 1) + "L";
        TypeName flagSet = ParameterizedTypeName.get(ClassName.get(EnumSet.class), flag);
        TypeSpec.Builder b = TypeSpec.recordBuilder(cn.simpleName())
                .recordConstructor(MethodSpec.constructorBuilder().addParameter(TypeName.LONG, "bits").build())
                .addType(e.build())
                .addField(FieldSpec.builder(TypeName.LONG, "ALL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$L", all).build())
                .addMethod(MethodSpec.compactConstructorBuilder().addModifiers(Modifier.PUBLIC)
                        .beginControlFlow("if ((bits & ~ALL) != 0)")
                        .addStatement("throw new $T($S + Long.toHexString(bits))", IllegalArgumentException.class,
                                "bits beyond the labels of " + cn.simpleName() + ": 0x")
                        .endControlFlow()
                        .build())
                .addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("The set of {@code flags}.\n")
                        .returns(cn).addParameter(ArrayTypeNameOf(flag), "flags").varargs()
                        .addStatement("long b = 0")
                        .beginControlFlow("for ($T x : flags)", flag)
                        .addStatement("b |= 1L << x.ordinal()")
                        .endControlFlow()
                        .addStatement("return new $T(b)", cn).build())
                .addMethod(MethodSpec.methodBuilder("of").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("The set of {@code flags}.\n")
                        .returns(cn).addParameter(ParameterizedTypeName.get(ClassName.get(Collection.class), flag), "flags")
                        .addStatement("long b = 0")
                        .beginControlFlow("for ($T x : flags)", flag)
                        .addStatement("b |= 1L << x.ordinal()")
                        .endControlFlow()
                        .addStatement("return new $T(b)", cn).build())
                .addMethod(MethodSpec.methodBuilder("none").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("The empty set.\n")
                        .returns(cn).addStatement("return new $T(0)", cn).build())
                .addMethod(MethodSpec.methodBuilder("all").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addJavadoc("The set of every label.\n")
                        .returns(cn).addStatement("return new $T(ALL)", cn).build())
                .addMethod(MethodSpec.methodBuilder("contains").addModifiers(Modifier.PUBLIC)
                        .returns(TypeName.BOOLEAN).addParameter(flag, "flag")
                        .addStatement("return (bits & 1L << flag.ordinal()) != 0").build())
                .addMethod(MethodSpec.methodBuilder("with").addModifiers(Modifier.PUBLIC)
                        .addJavadoc("This set and {@code flag}.\n")
                        .returns(cn).addParameter(flag, "flag")
                        .addStatement("return new $T(bits | 1L << flag.ordinal())", cn).build())
                .addMethod(MethodSpec.methodBuilder("without").addModifiers(Modifier.PUBLIC)
                        .addJavadoc("This set less {@code flag}.\n")
                        .returns(cn).addParameter(flag, "flag")
                        .addStatement("return new $T(bits & ~(1L << flag.ordinal()))", cn).build())
                .addMethod(MethodSpec.methodBuilder("toSet").addModifiers(Modifier.PUBLIC)
                        .addJavadoc("The labels as a new, mutable {@link EnumSet}.\n")
                        .returns(flagSet)
                        .addStatement("$T set = $T.noneOf($T.class)", flagSet, EnumSet.class, flag)
                        .beginControlFlow("for ($T x : $T.values())", flag, flag)
                        .beginControlFlow("if (contains(x))")
                        .addStatement("set.add(x)")
                        .endControlFlow()
                        .endControlFlow()
                        .addStatement("return set").build())
                .addMethod(MethodSpec.methodBuilder("toString").addAnnotation(Override.class).addModifiers(Modifier.PUBLIC)
                        .returns(String.class)
                        .addStatement("return $S + toSet()", cn.simpleName()).build());
        return b;
    }

    private static TypeName ArrayTypeNameOf(ClassName c) {
        return com.palantir.javapoet.ArrayTypeName.of(c);
    }

    /** A short WIT spelling of a type for documentation: named types by name. */
    String witType(Type t) {
        if (t == null) {
            return "_";
        }
        if (t instanceof Type.Primitive p) {
            return p.witName();
        }
        TypeDef td = plan.resolve.type(((Type.Id) t).index());
        if (td.name() != null) {
            return td.name();
        }
        TypeDefKind k = td.kind();
        if (k instanceof TypeDefKind.Option o) {
            return "option<" + witType(o.type()) + ">";
        } else if (k instanceof TypeDefKind.Result r) {
            return r.ok() == null && r.err() == null ? "result" : "result<" + witType(r.ok()) + ", " + witType(r.err()) + ">";
        } else if (k instanceof TypeDefKind.ListOf l) {
            return "list<" + witType(l.element()) + ">";
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return "list<" + witType(l.element()) + ", " + l.length() + ">";
        } else if (k instanceof TypeDefKind.MapOf m) {
            return "map<" + witType(m.key()) + ", " + witType(m.value()) + ">";
        } else if (k instanceof TypeDefKind.Tuple tu) {
            List<String> parts = new ArrayList<>();
            tu.types().forEach(x -> parts.add(witType(x)));
            return "tuple<" + String.join(", ", parts) + ">";
        } else if (k instanceof TypeDefKind.Handle h) {
            return (h.borrow() ? "borrow<" : "own<") + plan.resolve.type(h.resource()).name() + ">";
        } else if (k instanceof TypeDefKind.Future f) {
            return f.type() == null ? "future" : "future<" + witType(f.type()) + ">";
        } else if (k instanceof TypeDefKind.Stream s) {
            return s.type() == null ? "stream" : "stream<" + witType(s.type()) + ">";
        } else if (k instanceof TypeDefKind.Alias a) {
            return witType(a.target());
        }
        return "?";
    }

    // ------------------------------------------------------------------ helper types

    /** {@code Result<T, E>}: WIT's {@code result}, for every position a result can take. */
    TypeSpec.Builder result(ClassName rc) {
        TypeVariableName t = TypeVariableName.get("T");
        TypeVariableName e = TypeVariableName.get("E");
        ClassName ok = rc.nestedClass("Ok");
        ClassName err = rc.nestedClass("Err");
        return TypeSpec.interfaceBuilder(rc.simpleName())
                .addModifiers(Modifier.PUBLIC, Modifier.SEALED)
                .addTypeVariables(List.of(t, e))
                .addPermittedSubclass(ok)
                .addPermittedSubclass(err)
                .addJavadoc("WIT's {@code result<T, E>}: {@link Ok} with a value or {@link Err} with an error. A side\n"
                        + "without a type ({@code result<_, E>}, {@code result<T>}) is {@link Void}, its payload null.\n\n"
                        + "@param <T> the type of the value\n@param <E> the type of the error\n")
                .addType(TypeSpec.recordBuilder("Ok").addModifiers(Modifier.PUBLIC, Modifier.STATIC).addTypeVariables(List.of(t, e))
                        .addSuperinterface(ParameterizedTypeName.get(rc, t, e))
                        .addJavadoc("Success.\n\n@param value the value (null when {@code T} is {@link Void})\n"
                                + "@param <T> the type of the value\n@param <E> the type of the error\n")
                        .recordConstructor(MethodSpec.constructorBuilder().addParameter(t, "value").build()).build())
                .addType(TypeSpec.recordBuilder("Err").addModifiers(Modifier.PUBLIC, Modifier.STATIC).addTypeVariables(List.of(t, e))
                        .addSuperinterface(ParameterizedTypeName.get(rc, t, e))
                        .addJavadoc("Failure.\n\n@param error the error (null when {@code E} is {@link Void})\n"
                                + "@param <T> the type of the value\n@param <E> the type of the error\n")
                        .recordConstructor(MethodSpec.constructorBuilder().addParameter(e, "error").build()).build())
                .addMethod(MethodSpec.methodBuilder("ok").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addTypeVariables(List.of(t, e)).returns(ParameterizedTypeName.get(rc, t, e))
                        .addParameter(t, "value").addStatement("return new $T<>(value)", ok).build())
                .addMethod(MethodSpec.methodBuilder("err").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                        .addTypeVariables(List.of(t, e)).returns(ParameterizedTypeName.get(rc, t, e))
                        .addParameter(e, "error").addStatement("return new $T<>(error)", err).build())
                .addMethod(MethodSpec.methodBuilder("isOk").addModifiers(Modifier.PUBLIC, Modifier.DEFAULT)
                        .returns(TypeName.BOOLEAN).addStatement("return this instanceof $T", ok).build());
    }

    /** {@code TupleN<T0, ..>}: WIT's {@code tuple<..>} of that arity. */
    TypeSpec.Builder tuple(ClassName tc, int arity) {
        TypeSpec.Builder b = TypeSpec.recordBuilder(tc.simpleName()).addModifiers(Modifier.PUBLIC)
                .addJavadoc("WIT's {@code tuple} of $L element$L.\n", arity, arity == 1 ? "" : "s");
        MethodSpec.Builder ctor = MethodSpec.constructorBuilder();
        for (int i = 0; i < arity; i++) {
            TypeVariableName tv = TypeVariableName.get("T" + i);
            b.addTypeVariable(tv);
            ctor.addParameter(ParameterSpec.builder(tv, "f" + i).build());
            b.addJavadoc("@param f$L element $L\n", i, i);
        }
        for (int i = 0; i < arity; i++) {
            b.addJavadoc("@param <T$L> the type of element $L\n", i, i);
        }
        return b.recordConstructor(ctor.build());
    }
}
