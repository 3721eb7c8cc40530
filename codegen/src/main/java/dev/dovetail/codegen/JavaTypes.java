package dev.dovetail.codegen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.dovetail.codegen.Plan.Side;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Java type of each WIT type (the mapping documented in the README), and the generic helper
 * types ({@code Result}, {@code TupleN}) that the mapping needs, created only when used.
 */
final class JavaTypes {
    private final Plan plan;
    private boolean usesResult;
    private final Map<Integer, ClassName> tuples = new TreeMap<>();

    JavaTypes(Plan plan) {
        this.plan = plan;
    }

    ClassName resultClass() {
        usesResult = true;
        return ClassName.get(plan.pkg, "Result");
    }

    boolean usesResult() {
        return usesResult;
    }

    ClassName tupleClass(int arity) {
        return tuples.computeIfAbsent(arity, n -> ClassName.get(plan.pkg, plan.topLevel.claimHelper("Tuple" + n)));
    }

    Map<Integer, ClassName> tuples() {
        return tuples;
    }

    /** The type of a value of WIT type {@code t}, primitive where Java has one. */
    TypeName type(Type t, Side side) {
        t = plan.layout.dealias(t);
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> TypeName.BOOLEAN;
                case S8 -> TypeName.BYTE;
                case S16 -> TypeName.SHORT;
                case S32, U8, U16, CHAR, ERROR_CONTEXT -> TypeName.INT;
                case U32, S64, U64 -> TypeName.LONG;
                case F32 -> TypeName.FLOAT;
                case F64 -> TypeName.DOUBLE;
                case STRING -> ClassName.get(String.class);
            };
        }
        int id = ((Type.Id) t).index();
        TypeDefKind k = plan.resolve.type(id).kind();
        if (Plan.isNominal(k)) {
            return plan.typeName(id, side);
        } else if (k instanceof TypeDefKind.Handle h) {
            return plan.resource(h.resource(), side).className;
        } else if (k instanceof TypeDefKind.Option o) {
            return ParameterizedTypeName.get(ClassName.get(Optional.class), boxed(o.type(), side));
        } else if (k instanceof TypeDefKind.Result r) {
            return ParameterizedTypeName.get(resultClass(), boxedOrVoid(r.ok(), side), boxedOrVoid(r.err(), side));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            List<TypeName> args = new ArrayList<>();
            tu.types().forEach(x -> args.add(boxed(x, side)));
            ClassName c = tupleClass(args.size());
            return args.isEmpty() ? c : ParameterizedTypeName.get(c, args.toArray(new TypeName[0]));
        } else if (k instanceof TypeDefKind.ListOf l) {
            return isBytes(l.element()) ? ArrayTypeName.of(TypeName.BYTE)
                    : ParameterizedTypeName.get(ClassName.get(List.class), boxed(l.element(), side));
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return isBytes(l.element()) ? ArrayTypeName.of(TypeName.BYTE)
                    : ParameterizedTypeName.get(ClassName.get(List.class), boxed(l.element(), side));
        } else if (k instanceof TypeDefKind.MapOf m) {
            return ParameterizedTypeName.get(ClassName.get(Map.class), boxed(m.key(), side), boxed(m.value(), side));
        } else if (k instanceof TypeDefKind.Future || k instanceof TypeDefKind.Stream) {
            return TypeName.INT;
        }
        throw new IllegalStateException("no Java type for " + k);
    }

    TypeName boxed(Type t, Side side) {
        return type(t, side).box();
    }

    TypeName boxedOrVoid(Type t, Side side) {
        return t == null ? ClassName.get(Void.class) : boxed(t, side);
    }

    /** {@code list<u8>} is {@code byte[]}. */
    boolean isBytes(Type element) {
        return plan.layout.dealias(element) == Type.Primitive.U8;
    }
}
