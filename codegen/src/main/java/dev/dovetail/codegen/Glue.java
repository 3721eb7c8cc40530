package dev.dovetail.codegen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import dev.dovetail.codegen.Plan.Res;
import dev.dovetail.codegen.Plan.Side;
import dev.dovetail.runtime.FlatContext;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import dev.dovetail.wit.abi.AbiLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Lifting and lowering code for one generated class (the world class for exports, its {@code
 * Imports} for imports): the canonical ABI's {@code lift_flat}, {@code lower_flat}, {@code load}
 * and {@code store} specialised per WIT type. Primitives are inlined; every other type gets a
 * private helper method in the class, written the first time it is needed, so the class holds
 * exactly the helpers its functions use.
 *
 * <p>Flat values are {@code long}s (i32 in the low 32 bits, floats as bit patterns), so joining
 * the payload slots of variants needs no conversion code: every lift reads the low bits it wants.
 */
final class Glue {
    static final ClassName CX = ClassName.get(FlatContext.class);

    private final Plan plan;
    private final JavaTypes types;
    private final Side side;
    private final TypeSpec.Builder target;
    private final Names.Scope members;
    private final String tables; // how this class reaches the Imports' resource tables
    private final Map<String, String> helpers = new HashMap<>();
    private final List<MethodSpec> pending = new ArrayList<>();

    Glue(Plan plan, JavaTypes types, Side side, TypeSpec.Builder target, Names.Scope members, String tables) {
        this.plan = plan;
        this.types = types;
        this.side = side;
        this.target = target;
        this.members = members;
        this.tables = tables;
    }

    /** Adds the helper methods written so far to the class, in the order they were first needed. */
    void flush() {
        pending.forEach(target::addMethod);
        pending.clear();
    }

    /** An offset or address: {@code base + k}, or just {@code k}. */
    record At(String base, long k) {
        static At of(String base) {
            return new At(base, 0);
        }

        At plus(long d) {
            return new At(base, k + d);
        }

        CodeBlock code() {
            if (base == null) {
                return CodeBlock.of("$L", k);
            }
            return k == 0 ? CodeBlock.of("$L", base) : CodeBlock.of("$L + $L", base, k);
        }
    }

    private TypeName jt(Type t) {
        return types.type(t, side);
    }

    private TypeName boxed(Type t) {
        return types.boxed(t, side);
    }

    private TypeDefKind kind(Type t) {
        return plan.layout.kind(t);
    }

    // ------------------------------------------------------------------ lift_flat

    /** An expression: the value of type {@code t} lifted from {@code arr[at...]}. */
    CodeBlock liftFlat(Type t, String arr, At at) {
        t = plan.layout.dealias(t);
        CodeBlock x = CodeBlock.of("$L[$L]", arr, at.code());
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> CodeBlock.of("(int) $L != 0", x);
                case S8 -> CodeBlock.of("(byte) $L", x);
                case U8 -> CodeBlock.of("(int) ($L & 0xff)", x);
                case S16 -> CodeBlock.of("(short) $L", x);
                case U16 -> CodeBlock.of("(int) ($L & 0xffff)", x);
                case S32 -> CodeBlock.of("(int) $L", x);
                case U32 -> CodeBlock.of("($L & 0xffffffffL)", x);
                case S64, U64 -> x;
                case F32 -> CodeBlock.of("$T.liftF32($L)", CX, x);
                case F64 -> CodeBlock.of("$T.liftF64($L)", CX, x);
                case CHAR -> CodeBlock.of("cx.liftChar($L)", x);
                case STRING -> CodeBlock.of("cx.liftString($L, $L[$L])", x, arr, at.plus(1).code());
                case ERROR_CONTEXT -> unsupported("error-context values");
            };
        }
        return CodeBlock.of("$N(cx, $L, $L)", helper("liftFlat", t), arr, at.code());
    }

    // ------------------------------------------------------------------ lower_flat

    /** Statements: {@code v} of type {@code t} lowered into {@code arr[at...]}. */
    CodeBlock lowerFlat(Type t, CodeBlock v, String arr, At at) {
        t = plan.layout.dealias(t);
        CodeBlock slot = CodeBlock.of("$L[$L]", arr, at.code());
        if (t instanceof Type.Primitive p) {
            CodeBlock e = switch (p) {
                case BOOL -> CodeBlock.of("$L ? 1 : 0", v);
                case S8, S16, S32 -> CodeBlock.of("$L & 0xffffffffL", v);
                case U8 -> CodeBlock.of("$T.checkU8($L)", CX, v);
                case U16 -> CodeBlock.of("$T.checkU16($L)", CX, v);
                case U32 -> CodeBlock.of("$T.checkU32($L)", CX, v);
                case S64, U64 -> v;
                case F32 -> CodeBlock.of("$T.lowerF32($L)", CX, v);
                case F64 -> CodeBlock.of("$T.lowerF64($L)", CX, v);
                case CHAR -> CodeBlock.of("$T.lowerChar($L)", CX, v);
                case STRING -> null;
                case ERROR_CONTEXT -> unsupported("error-context values");
            };
            if (e == null) {
                return CodeBlock.builder().addStatement("$N(cx, $L, $L, $L)", stringHelper(false), v, arr, at.code()).build();
            }
            return CodeBlock.builder().addStatement("$L = $L", slot, e).build();
        }
        return CodeBlock.builder().addStatement("$N(cx, $L, $L, $L)", helper("lowerFlat", t), v, arr, at.code()).build();
    }

    // ------------------------------------------------------------------ load

    /** An expression: the value of type {@code t} loaded from memory at {@code ptr}. */
    CodeBlock load(Type t, At ptr) {
        t = plan.layout.dealias(t);
        CodeBlock p = ptr.code();
        if (t instanceof Type.Primitive prim) {
            return switch (prim) {
                case BOOL -> CodeBlock.of("cx.loadU8($L) != 0", p);
                case S8 -> CodeBlock.of("(byte) cx.loadU8($L)", p);
                case U8 -> CodeBlock.of("cx.loadU8($L)", p);
                case S16 -> CodeBlock.of("(short) cx.loadU16($L)", p);
                case U16 -> CodeBlock.of("cx.loadU16($L)", p);
                case S32 -> CodeBlock.of("cx.loadI32($L)", p);
                case U32 -> CodeBlock.of("(cx.loadI32($L) & 0xffffffffL)", p);
                case S64, U64 -> CodeBlock.of("cx.loadI64($L)", p);
                case F32 -> CodeBlock.of("$T.liftF32(cx.loadI32($L))", CX, p);
                case F64 -> CodeBlock.of("$T.liftF64(cx.loadI64($L))", CX, p);
                case CHAR -> CodeBlock.of("cx.liftChar(cx.loadI32($L))", p);
                case STRING -> CodeBlock.of("cx.liftString(cx.loadI32($L), cx.loadI32($L))", p, ptr.plus(4).code());
                case ERROR_CONTEXT -> unsupported("error-context values");
            };
        }
        return CodeBlock.of("$N(cx, $L)", helper("load", t), p);
    }

    // ------------------------------------------------------------------ store

    /** Statements: {@code v} of type {@code t} stored into memory at {@code ptr}. */
    CodeBlock store(Type t, CodeBlock v, At ptr) {
        t = plan.layout.dealias(t);
        CodeBlock p = ptr.code();
        CodeBlock.Builder b = CodeBlock.builder();
        if (t instanceof Type.Primitive prim) {
            switch (prim) {
                case BOOL -> b.addStatement("cx.storeU8($L, $L ? 1 : 0)", p, v);
                case S8 -> b.addStatement("cx.storeU8($L, $L)", p, v);
                case U8 -> b.addStatement("cx.storeU8($L, $T.checkU8($L))", p, CX, v);
                case S16 -> b.addStatement("cx.storeU16($L, $L)", p, v);
                case U16 -> b.addStatement("cx.storeU16($L, $T.checkU16($L))", p, CX, v);
                case S32 -> b.addStatement("cx.storeI32($L, $L)", p, v);
                case U32 -> b.addStatement("cx.storeI32($L, (int) $T.checkU32($L))", p, CX, v);
                case S64, U64 -> b.addStatement("cx.storeI64($L, $L)", p, v);
                case F32 -> b.addStatement("cx.storeI32($L, (int) $T.lowerF32($L))", p, CX, v);
                case F64 -> b.addStatement("cx.storeI64($L, $T.lowerF64($L))", p, CX, v);
                case CHAR -> b.addStatement("cx.storeI32($L, (int) $T.lowerChar($L))", p, CX, v);
                case STRING -> b.addStatement("$N(cx, $L, $L)", stringHelper(true), v, p);
                case ERROR_CONTEXT -> b.addStatement("cx.storeI32($L, $L)", p, unsupported("error-context values"));
            }
            return b.build();
        }
        return b.addStatement("$N(cx, $L, $L)", helper("store", t), v, p).build();
    }

    // ------------------------------------------------------------------ helpers

    private CodeBlock unsupported(String what) {
        String name = helpers.computeIfAbsent("unsupported", k -> {
            String n = members.claim("unsupported");
            TypeVariableName tv = TypeVariableName.get("T");
            pending.add(MethodSpec.methodBuilder(n)
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addTypeVariable(tv)
                    .returns(tv)
                    .addParameter(String.class, "what")
                    .addStatement("throw new $T(what + $S)", UnsupportedOperationException.class,
                            " need the async ABI, which the runtime does not implement yet")
                    .build());
            return n;
        });
        return CodeBlock.of("$N($S)", name, what);
    }

    private String stringHelper(boolean store) {
        String key = store ? "storeString" : "lowerFlatString";
        return helpers.computeIfAbsent(key, k -> {
            String n = members.claim(key);
            MethodSpec.Builder m = MethodSpec.methodBuilder(n).addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                    .addParameter(CX, "cx").addParameter(String.class, "v");
            if (store) {
                m.addParameter(TypeName.LONG, "p")
                        .addStatement("long[] s = cx.lowerString(v)")
                        .addStatement("cx.storeI32(p, (int) s[0])")
                        .addStatement("cx.storeI32(p + 4, (int) s[1])");
            } else {
                m.addParameter(long[].class, "a").addParameter(TypeName.INT, "o")
                        .addStatement("long[] s = cx.lowerString(v)")
                        .addStatement("a[o] = s[0]")
                        .addStatement("a[o + 1] = s[1]");
            }
            pending.add(m.build());
            return n;
        });
    }

    /** The helper for operation {@code op} on the non-primitive type {@code t}, written on first use. */
    private String helper(String op, Type t) {
        String key = op + "|" + plan.text(t) + "|" + jt(t);
        String existing = helpers.get(key);
        if (existing != null) {
            return existing;
        }
        String name = members.claim(op + suffix(t));
        helpers.put(key, name);
        MethodSpec.Builder m = MethodSpec.methodBuilder(name)
                .addModifiers(Modifier.PRIVATE)
                .addParameter(CX, "cx");
        switch (op) {
            case "liftFlat" -> m.returns(jt(t)).addParameter(long[].class, "a").addParameter(TypeName.INT, "o")
                    .addCode(liftFlatBody(t));
            case "lowerFlat" -> m.addParameter(jt(t), "v").addParameter(long[].class, "a")
                    .addParameter(TypeName.INT, "o").addCode(lowerFlatBody(t));
            case "load" -> m.returns(jt(t)).addParameter(TypeName.LONG, "p").addCode(loadBody(t));
            case "store" -> m.addParameter(jt(t), "v").addParameter(TypeName.LONG, "p").addCode(storeBody(t));
            case "liftList" -> m.returns(jt(t)).addParameter(TypeName.LONG, "ptr").addParameter(TypeName.LONG, "len")
                    .addCode(liftListBody(t));
            case "lowerList" -> m.returns(TypeName.LONG).addParameter(jt(t), "v").addCode(lowerListBody(t));
            default -> throw new IllegalArgumentException(op);
        }
        pending.add(m.build());
        return name;
    }

    /** A readable, WIT-derived method-name suffix: {@code OptionU32}, {@code ApiPoint}. */
    private String suffix(Type t) {
        String s = rawSuffix(t);
        return s.length() > 48 ? s.substring(0, 48) : s;
    }

    private String rawSuffix(Type t) {
        t = plan.layout.dealias(t);
        if (t == null) {
            return "Unit";
        }
        if (t instanceof Type.Primitive p) {
            return Names.upperCamel(p.witName());
        }
        TypeDefKind k = kind(t);
        if (Plan.isNominal(k) || k instanceof TypeDefKind.Handle) {
            TypeName tn = jt(t);
            ClassName c = (ClassName) tn;
            String s = String.join("", c.simpleNames());
            return k instanceof TypeDefKind.Handle h && h.borrow() ? "Borrow" + s : s;
        } else if (k instanceof TypeDefKind.Option o) {
            return "Option" + rawSuffix(o.type());
        } else if (k instanceof TypeDefKind.Result r) {
            return "Result" + rawSuffix(r.ok()) + rawSuffix(r.err());
        } else if (k instanceof TypeDefKind.Tuple tu) {
            StringBuilder b = new StringBuilder("Tuple");
            tu.types().forEach(x -> b.append(rawSuffix(x)));
            return b.toString();
        } else if (k instanceof TypeDefKind.ListOf l) {
            return "List" + rawSuffix(l.element());
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return "Array" + l.length() + rawSuffix(l.element());
        } else if (k instanceof TypeDefKind.MapOf m) {
            return "Map" + rawSuffix(m.key()) + rawSuffix(m.value());
        } else if (k instanceof TypeDefKind.Future f) {
            return "Future" + (f.type() == null ? "" : rawSuffix(f.type()));
        } else if (k instanceof TypeDefKind.Stream s) {
            return "Stream" + (s.type() == null ? "" : rawSuffix(s.type()));
        }
        return "Value";
    }

    /** The cases of a variant-like type: payload types (null for none) and how to build and test each. */
    private record Shape(List<Type> payloads, List<CodeBlock> makers) {}

    private Shape shape(Type t) {
        TypeDefKind k = kind(t);
        List<Type> payloads = new ArrayList<>();
        List<CodeBlock> makers = new ArrayList<>();
        if (k instanceof TypeDefKind.Variant v) {
            ClassName vc = (ClassName) jt(t);
            for (TypeDefKind.Case c : v.cases()) {
                payloads.add(c.type());
                makers.add(CodeBlock.of("new $T", vc.nestedClass(caseName(vc, c.name()))));
            }
        } else if (k instanceof TypeDefKind.Option o) {
            payloads.add(null);
            payloads.add(o.type());
            makers.add(CodeBlock.of("$T.empty", Optional.class));
            makers.add(CodeBlock.of("$T.of", Optional.class));
        } else if (k instanceof TypeDefKind.Result r) {
            payloads.add(r.ok());
            payloads.add(r.err());
            ClassName rc = types.resultClass();
            makers.add(CodeBlock.of("new $T<>", rc.nestedClass("Ok")));
            makers.add(CodeBlock.of("new $T<>", rc.nestedClass("Err")));
        }
        return new Shape(payloads, makers);
    }

    private String caseName(ClassName variant, String witCase) {
        return plan.member(variant, witCase);
    }

    private CodeBlock discriminantLoad(int cases, CodeBlock p) {
        return switch (AbiLayout.discriminantSize(cases)) {
            case 1 -> CodeBlock.of("cx.loadU8($L)", p);
            case 2 -> CodeBlock.of("cx.loadU16($L)", p);
            default -> CodeBlock.of("cx.loadI32($L)", p);
        };
    }

    private String discriminantStore(int cases) {
        return switch (AbiLayout.discriminantSize(cases)) {
            case 1 -> "storeU8";
            case 2 -> "storeU16";
            default -> "storeI32";
        };
    }

    private CodeBlock liftFlatBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.Record r) {
            List<Type> fs = new ArrayList<>();
            r.fields().forEach(f -> fs.add(f.type()));
            b.addStatement("return new $T($L)", jt(t), flatArgs(fs, "a", "o"));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            b.addStatement("return new $T$L($L)", types.tupleClass(tu.types().size()), tu.types().isEmpty() ? "" : "<>",
                    flatArgs(tu.types(), "a", "o"));
        } else if (k instanceof TypeDefKind.Enum e) {
            b.beginControlFlow("switch ((int) a[o])");
            ClassName ec = (ClassName) jt(t);
            for (int i = 0; i < e.cases().size(); i++) {
                b.addStatement("case $L: return $T.$N", i, ec, plan.member(ec, e.cases().get(i).name()));
            }
            b.addStatement("default: throw cx.invalidDiscriminant(a[o], $S)", plan.text(t));
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.Flags f) {
            b.addStatement("return new $T($L)", jt(t), flagsFromWords(f.flags().size(),
                    CodeBlock.of("a[o]"), CodeBlock.of("a[o + 1]")));
        } else if (k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Option || k instanceof TypeDefKind.Result) {
            Shape s = shape(t);
            b.beginControlFlow("switch ((int) a[o])");
            for (int i = 0; i < s.payloads().size(); i++) {
                Type pt = s.payloads().get(i);
                CodeBlock payload = pt == null
                        ? (k instanceof TypeDefKind.Result ? CodeBlock.of("null") : CodeBlock.of(""))
                        : liftFlat(pt, "a", new At("o", 1));
                b.addStatement("case $L: return $L($L)", i, s.makers().get(i), payload);
            }
            b.addStatement("default: throw cx.invalidDiscriminant(a[o], $S)", plan.text(t));
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            b.addStatement("return $N(cx, a[o], a[o + 1])", helper("liftList", t));
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            int per = plan.layout.flatCount(l.element());
            if (types.isBytes(l.element())) {
                b.addStatement("byte[] out = new byte[$L]", l.length());
                b.beginControlFlow("for (int i = 0; i < $L; i++)", l.length());
                b.addStatement("out[i] = (byte) a[o + i]");
            } else {
                b.addStatement("$T out = new $T<>($L)", jt(t), ArrayList.class, l.length());
                b.beginControlFlow("for (int i = 0; i < $L; i++)", l.length());
                b.addStatement("out.add($L)", liftFlat(l.element(), "a", At.of("o + i * " + per)));
            }
            b.endControlFlow();
            b.addStatement("return out");
        } else if (k instanceof TypeDefKind.Handle || k instanceof TypeDefKind.Resource) {
            b.addStatement("return $L", liftHandle(t, CodeBlock.of("a[o]")));
        } else {
            b.addStatement("return $L", unsupported(k instanceof TypeDefKind.Future ? "future values" : "stream values"));
        }
        return b.build();
    }

    private CodeBlock flatArgs(List<Type> fields, String arr, String base) {
        List<CodeBlock> args = new ArrayList<>();
        long k = 0;
        for (Type f : fields) {
            args.add(liftFlat(f, arr, new At(base, k)));
            k += plan.layout.flatCount(f);
        }
        return CodeBlock.join(args, ", ");
    }

    private static CodeBlock flagsFromWords(int n, CodeBlock w0, CodeBlock w1) {
        if (n <= 32) {
            return CodeBlock.of("$L & $LL", w0, mask(n));
        }
        return CodeBlock.of("(($L & 0xffffffffL) | $L << 32) & $LL", w0, w1, mask(n));
    }

    private static String mask(int n) {
        return n >= 64 ? "0xffffffffffffffff" : "0x" + Long.toHexString((1L << n) - 1);
    }

    private CodeBlock lowerFlatBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.Record r) {
            long off = 0;
            for (TypeDefKind.Field f : r.fields()) {
                b.add(lowerFlat(f.type(), CodeBlock.of("v.$N()", plan.member((ClassName) jt(t), f.name())), "a",
                        new At("o", off)));
                off += plan.layout.flatCount(f.type());
            }
        } else if (k instanceof TypeDefKind.Tuple tu) {
            long off = 0;
            for (int i = 0; i < tu.types().size(); i++) {
                b.add(lowerFlat(tu.types().get(i), CodeBlock.of("v.f$L()", i), "a", new At("o", off)));
                off += plan.layout.flatCount(tu.types().get(i));
            }
        } else if (k instanceof TypeDefKind.Enum) {
            b.addStatement("a[o] = v.ordinal()");
        } else if (k instanceof TypeDefKind.Flags f) {
            b.addStatement("a[o] = v.bits() & 0xffffffffL");
            if (f.flags().size() > 32) {
                b.addStatement("a[o + 1] = v.bits() >>> 32");
            }
        } else if (k instanceof TypeDefKind.Option o) {
            b.beginControlFlow("if (v.isPresent())");
            b.addStatement("a[o] = 1");
            b.add(lowerFlat(o.type(), CodeBlock.of("v.get()"), "a", new At("o", 1)));
            b.nextControlFlow("else");
            b.addStatement("a[o] = 0");
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Result) {
            variantSwitch(t, b, (i, payload, value) -> {
                b.addStatement("a[o] = $L", i);
                if (payload != null) {
                    b.add(lowerFlat(payload, value, "a", new At("o", 1)));
                }
            });
        } else if (k instanceof TypeDefKind.ListOf l) {
            b.addStatement("a[o] = $N(cx, v)", helper("lowerList", t));
            b.addStatement("a[o + 1] = v.$L", types.isBytes(l.element()) ? "length" : "size()");
        } else if (k instanceof TypeDefKind.MapOf) {
            b.addStatement("a[o] = $N(cx, v)", helper("lowerList", t));
            b.addStatement("a[o + 1] = v.size()");
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            boolean bytes = types.isBytes(l.element());
            checkFixedLength(b, l, bytes);
            int per = plan.layout.flatCount(l.element());
            b.beginControlFlow("for (int i = 0; i < $L; i++)", l.length());
            if (bytes) {
                b.addStatement("a[o + i] = v[i] & 0xff");
            } else {
                b.add(lowerFlat(l.element(), CodeBlock.of("v.get(i)"), "a", At.of("o + i * " + per)));
            }
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.Handle || k instanceof TypeDefKind.Resource) {
            b.addStatement("a[o] = $L", lowerHandle(t, CodeBlock.of("v")));
        } else {
            b.addStatement("a[o] = $L", unsupported(k instanceof TypeDefKind.Future ? "future values" : "stream values"));
        }
        return b.build();
    }

    private static void checkFixedLength(CodeBlock.Builder b, TypeDefKind.FixedLengthList l, boolean bytes) {
        b.beginControlFlow("if (v.$L != $L)", bytes ? "length" : "size()", l.length());
        b.addStatement("throw new $T($S + v.$L)", IllegalArgumentException.class,
                "expected " + l.length() + " elements, got ", bytes ? "length" : "size()");
        b.endControlFlow();
    }

    /** Each case of a variant or result value {@code v}: an instanceof chain (Java 17 has no pattern switch). */
    private interface CaseBody {
        void emit(int index, Type payload, CodeBlock value);
    }

    private void variantSwitch(Type t, CodeBlock.Builder b, CaseBody body) {
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Result r) {
            ClassName rc = types.resultClass();
            TypeName okT = ParameterizedTypeName.get(rc.nestedClass("Ok"), types.boxedOrVoid(r.ok(), side),
                    types.boxedOrVoid(r.err(), side));
            TypeName errT = ParameterizedTypeName.get(rc.nestedClass("Err"), types.boxedOrVoid(r.ok(), side),
                    types.boxedOrVoid(r.err(), side));
            b.beginControlFlow("if (v instanceof $T ok)", okT);
            body.emit(0, r.ok(), CodeBlock.of("ok.value()"));
            b.nextControlFlow("else");
            b.addStatement("$T err = ($T) v", errT, errT);
            body.emit(1, r.err(), CodeBlock.of("err.error()"));
            b.endControlFlow();
            return;
        }
        TypeDefKind.Variant v = (TypeDefKind.Variant) k;
        ClassName vc = (ClassName) jt(t);
        for (int i = 0; i < v.cases().size(); i++) {
            TypeDefKind.Case c = v.cases().get(i);
            ClassName cc = vc.nestedClass(caseName(vc, c.name()));
            String var = "c" + i;
            if (i == 0) {
                b.beginControlFlow("if (v instanceof $T $L)", cc, var);
            } else {
                b.nextControlFlow("else if (v instanceof $T $L)", cc, var);
            }
            body.emit(i, c.type(), CodeBlock.of("$L.value()", var));
        }
        if (!v.cases().isEmpty()) {
            b.nextControlFlow("else");
            b.addStatement("throw new $T($S)", NullPointerException.class, plan.text(t) + " value is null");
            b.endControlFlow();
        } else {
            b.addStatement("throw new $T($S)", IllegalArgumentException.class, "a variant without cases has no values");
        }
    }

    private CodeBlock loadBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.Record || k instanceof TypeDefKind.Tuple) {
            List<Type> fs = fieldTypes(k);
            long[] offs = plan.layout.fieldOffsets(fs);
            List<CodeBlock> args = new ArrayList<>();
            for (int i = 0; i < fs.size(); i++) {
                args.add(load(fs.get(i), new At("p", offs[i])));
            }
            if (k instanceof TypeDefKind.Tuple) {
                b.addStatement("return new $T$L($L)", types.tupleClass(fs.size()), fs.isEmpty() ? "" : "<>",
                        CodeBlock.join(args, ", "));
            } else {
                b.addStatement("return new $T($L)", jt(t), CodeBlock.join(args, ", "));
            }
        } else if (k instanceof TypeDefKind.Enum e) {
            b.beginControlFlow("switch ($L)", discriminantLoad(e.cases().size(), CodeBlock.of("p")));
            ClassName ec = (ClassName) jt(t);
            for (int i = 0; i < e.cases().size(); i++) {
                b.addStatement("case $L: return $T.$N", i, ec, plan.member(ec, e.cases().get(i).name()));
            }
            b.addStatement("default: throw cx.invalidDiscriminant($L, $S)",
                    discriminantLoad(e.cases().size(), CodeBlock.of("p")), plan.text(t));
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.Flags f) {
            int n = f.flags().size();
            CodeBlock w0 = n <= 8 ? CodeBlock.of("cx.loadU8(p)") : n <= 16 ? CodeBlock.of("cx.loadU16(p)")
                    : CodeBlock.of("cx.loadI32(p)");
            if (n <= 32) {
                b.addStatement("return new $T($L & $LL)", jt(t), w0, mask(n));
            } else {
                b.addStatement("return new $T($L)", jt(t), flagsFromWords(n, w0, CodeBlock.of("(long) cx.loadI32(p + 4)")));
            }
        } else if (k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Option || k instanceof TypeDefKind.Result) {
            Shape s = shape(t);
            long payloadAt = plan.layout.payloadOffset(s.payloads());
            CodeBlock d = discriminantLoad(s.payloads().size(), CodeBlock.of("p"));
            b.beginControlFlow("switch ($L)", d);
            for (int i = 0; i < s.payloads().size(); i++) {
                Type pt = s.payloads().get(i);
                CodeBlock payload = pt == null
                        ? (k instanceof TypeDefKind.Result ? CodeBlock.of("null") : CodeBlock.of(""))
                        : load(pt, new At("p", payloadAt));
                b.addStatement("case $L: return $L($L)", i, s.makers().get(i), payload);
            }
            b.addStatement("default: throw cx.invalidDiscriminant($L, $S)", d, plan.text(t));
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.ListOf || k instanceof TypeDefKind.MapOf) {
            b.addStatement("return $N(cx, cx.loadI32(p), cx.loadI32(p + 4))", helper("liftList", t));
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            long size = plan.layout.elemSize(l.element());
            if (types.isBytes(l.element())) {
                b.addStatement("return cx.loadBytes(p, $L)", l.length());
            } else {
                b.addStatement("$T out = new $T<>($L)", jt(t), ArrayList.class, l.length());
                b.beginControlFlow("for (int i = 0; i < $L; i++)", l.length());
                b.addStatement("out.add($L)", load(l.element(), At.of("p + (long) i * " + size)));
                b.endControlFlow();
                b.addStatement("return out");
            }
        } else if (k instanceof TypeDefKind.Handle || k instanceof TypeDefKind.Resource) {
            b.addStatement("return $L", liftHandle(t, CodeBlock.of("cx.loadI32(p)")));
        } else {
            b.addStatement("return $L", unsupported(k instanceof TypeDefKind.Future ? "future values" : "stream values"));
        }
        return b.build();
    }

    private List<Type> fieldTypes(TypeDefKind k) {
        List<Type> fs = new ArrayList<>();
        if (k instanceof TypeDefKind.Record r) {
            r.fields().forEach(f -> fs.add(f.type()));
        } else if (k instanceof TypeDefKind.Tuple tu) {
            fs.addAll(tu.types());
        }
        return fs;
    }

    private CodeBlock storeBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.Record r) {
            List<Type> fs = fieldTypes(k);
            long[] offs = plan.layout.fieldOffsets(fs);
            for (int i = 0; i < fs.size(); i++) {
                String field = plan.member((ClassName) jt(t), r.fields().get(i).name());
                b.add(store(fs.get(i), CodeBlock.of("v.$N()", field), new At("p", offs[i])));
            }
        } else if (k instanceof TypeDefKind.Tuple) {
            List<Type> fs = fieldTypes(k);
            long[] offs = plan.layout.fieldOffsets(fs);
            for (int i = 0; i < fs.size(); i++) {
                b.add(store(fs.get(i), CodeBlock.of("v.f$L()", i), new At("p", offs[i])));
            }
        } else if (k instanceof TypeDefKind.Enum e) {
            b.addStatement("cx.$L(p, v.ordinal())", discriminantStore(e.cases().size()));
        } else if (k instanceof TypeDefKind.Flags f) {
            int n = f.flags().size();
            if (n <= 8) {
                b.addStatement("cx.storeU8(p, (int) v.bits())");
            } else if (n <= 16) {
                b.addStatement("cx.storeU16(p, (int) v.bits())");
            } else {
                b.addStatement("cx.storeI32(p, (int) v.bits())");
                if (n > 32) {
                    b.addStatement("cx.storeI32(p + 4, (int) (v.bits() >>> 32))");
                }
            }
        } else if (k instanceof TypeDefKind.Option o) {
            long payloadAt = plan.layout.payloadOffset(java.util.Arrays.asList(null, o.type()));
            b.beginControlFlow("if (v.isPresent())");
            b.addStatement("cx.storeU8(p, 1)");
            b.add(store(o.type(), CodeBlock.of("v.get()"), new At("p", payloadAt)));
            b.nextControlFlow("else");
            b.addStatement("cx.storeU8(p, 0)");
            b.endControlFlow();
        } else if (k instanceof TypeDefKind.Variant || k instanceof TypeDefKind.Result) {
            List<Type> payloads = AbiLayout.caseTypes(k);
            long payloadAt = plan.layout.payloadOffset(payloads);
            String ds = discriminantStore(payloads.size());
            variantSwitch(t, b, (i, payload, value) -> {
                b.addStatement("cx.$L(p, $L)", ds, i);
                if (payload != null) {
                    b.add(store(payload, value, new At("p", payloadAt)));
                }
            });
        } else if (k instanceof TypeDefKind.ListOf l) {
            b.addStatement("cx.storeI32(p, (int) $N(cx, v))", helper("lowerList", t));
            b.addStatement("cx.storeI32(p + 4, v.$L)", types.isBytes(l.element()) ? "length" : "size()");
        } else if (k instanceof TypeDefKind.MapOf) {
            b.addStatement("cx.storeI32(p, (int) $N(cx, v))", helper("lowerList", t));
            b.addStatement("cx.storeI32(p + 4, v.size())");
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            boolean bytes = types.isBytes(l.element());
            checkFixedLength(b, l, bytes);
            if (bytes) {
                b.addStatement("cx.storeBytes(p, v)");
            } else {
                long size = plan.layout.elemSize(l.element());
                b.beginControlFlow("for (int i = 0; i < $L; i++)", l.length());
                b.add(store(l.element(), CodeBlock.of("v.get(i)"), At.of("p + (long) i * " + size)));
                b.endControlFlow();
            }
        } else if (k instanceof TypeDefKind.Handle || k instanceof TypeDefKind.Resource) {
            b.addStatement("cx.storeI32(p, (int) $L)", lowerHandle(t, CodeBlock.of("v")));
        } else {
            b.addStatement("cx.storeI32(p, $L)", unsupported(k instanceof TypeDefKind.Future ? "future values" : "stream values"));
        }
        return b.build();
    }

    private CodeBlock liftListBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.ListOf l && types.isBytes(l.element())) {
            b.addStatement("return cx.loadBytes(cx.checkList(ptr, len, 1, 1), (int) (len & 0xffffffffL))");
            return b.build();
        }
        List<Type> elem = elementFields(k);
        long size = plan.layout.recordSize(elem);
        int align = plan.layout.recordAlignment(elem);
        b.addStatement("long p = cx.checkList(ptr, len, $L, $L)", size, align);
        b.addStatement("int n = (int) (len & 0xffffffffL)");
        if (k instanceof TypeDefKind.ListOf l) {
            b.addStatement("$T out = new $T<>(n)", jt(t), ArrayList.class);
            b.beginControlFlow("for (int i = 0; i < n; i++)");
            b.addStatement("out.add($L)", load(l.element(), At.of("p + (long) i * " + size)));
        } else {
            TypeDefKind.MapOf m = (TypeDefKind.MapOf) k;
            long[] offs = plan.layout.fieldOffsets(elem);
            b.addStatement("$T out = new $T<>()", jt(t), LinkedHashMap.class);
            b.beginControlFlow("for (int i = 0; i < n; i++)");
            b.addStatement("long q = p + (long) i * $L", size);
            b.addStatement("out.put($L, $L)", load(m.key(), new At("q", offs[0])), load(m.value(), new At("q", offs[1])));
        }
        b.endControlFlow();
        b.addStatement("return out");
        return b.build();
    }

    /** A list's element as record fields: the element, or a map entry's key and value. */
    private List<Type> elementFields(TypeDefKind k) {
        if (k instanceof TypeDefKind.MapOf m) {
            return List.of(m.key(), m.value());
        }
        return List.of(((TypeDefKind.ListOf) k).element());
    }

    private CodeBlock lowerListBody(Type t) {
        TypeDefKind k = kind(t);
        CodeBlock.Builder b = CodeBlock.builder();
        if (k instanceof TypeDefKind.ListOf l && types.isBytes(l.element())) {
            b.addStatement("long p = cx.allocateList(v.length, 1, 1)");
            b.addStatement("cx.storeBytes(p, v)");
            b.addStatement("return p");
            return b.build();
        }
        List<Type> elem = elementFields(k);
        long size = plan.layout.recordSize(elem);
        int align = plan.layout.recordAlignment(elem);
        b.addStatement("long p = cx.allocateList(v.size(), $L, $L)", size, align);
        b.addStatement("long q = p");
        if (k instanceof TypeDefKind.ListOf l) {
            b.beginControlFlow("for ($T e : v)", boxed(l.element()));
            b.add(store(l.element(), CodeBlock.of("e"), At.of("q")));
        } else {
            TypeDefKind.MapOf m = (TypeDefKind.MapOf) k;
            long[] offs = plan.layout.fieldOffsets(elem);
            b.beginControlFlow("for ($T e : v.entrySet())", ParameterizedTypeName.get(
                    ClassName.get(Map.Entry.class), boxed(m.key()), boxed(m.value())));
            b.add(store(m.key(), CodeBlock.of("e.getKey()"), new At("q", offs[0])));
            b.add(store(m.value(), CodeBlock.of("e.getValue()"), new At("q", offs[1])));
        }
        b.addStatement("q += $L", size);
        b.endControlFlow();
        b.addStatement("return p");
        return b.build();
    }

    // ------------------------------------------------------------------ handles

    private boolean isBorrow(Type t) {
        return kind(t) instanceof TypeDefKind.Handle h && h.borrow();
    }

    private int resourceId(Type t) {
        TypeDefKind k = kind(t);
        if (k instanceof TypeDefKind.Handle h) {
            return plan.resolveResource(h.resource());
        }
        return ((Type.Id) plan.layout.dealias(t)).index();
    }

    /** An expression: the resource object for handle index {@code index}. */
    private CodeBlock liftHandle(Type t, CodeBlock index) {
        int id = resourceId(t);
        Res r = plan.resource(id, side);
        if (plan.isGuestResource(id, side)) {
            if (isBorrow(t)) {
                return unsupported("borrows of a component's own resources given to the host");
            }
            return CodeBlock.of("new $T(this, cx.liftOwn($L, $N))", r.className, index, r.field);
        }
        return CodeBlock.of("cx.$L($L, $L$N)", isBorrow(t) ? "liftBorrow" : "liftOwn", index, tables, r.field);
    }

    /** An expression: the handle index for resource object {@code v}. */
    private CodeBlock lowerHandle(Type t, CodeBlock v) {
        int id = resourceId(t);
        Res r = plan.resource(id, side);
        String op = isBorrow(t) ? "lowerBorrow" : "lowerOwn";
        if (plan.isGuestResource(id, side)) {
            return CodeBlock.of("cx.$L($L.handle, $N)", op, v, r.field);
        }
        return CodeBlock.of("cx.$L($L, $L$N)", op, v, tables, r.field);
    }
}
