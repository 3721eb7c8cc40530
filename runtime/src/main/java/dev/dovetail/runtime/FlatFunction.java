package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreFunc;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An exported function prepared for calls on flat core values ({@link FlatCall}), for
 * generated bindings. Made once per export, after checking that the export has the type the
 * bindings were generated for; each call then costs the core call plus the canonical ABI's
 * bookkeeping, without {@link Val}s.
 */
public final class FlatFunction {
    final String name;
    final FuncType type;
    final CoreFunc callee;
    final CanonOptions opts;
    final InstanceState inst;
    private final LiftedFunc scalar; // the function when it has a scalar signature, else null
    private final InstanceState soleInst; // its LiftedFunc.soleInst
    private final CoreFunc.Direct soleExport; // and soleExport, here to save a load per call
    FlatCall last; // the last call: FlatCall.enter reuses it once closed
    CallStack stack; // the stack of the thread that made the last call

    private FlatFunction(LiftedFunc lifted) {
        this.name = lifted.name();
        this.type = lifted.type();
        this.callee = lifted.callee();
        this.opts = lifted.opts();
        this.inst = lifted.instance();
        this.scalar = lifted.scalarSig() != null ? lifted : null;
        this.soleInst = lifted.soleInst();
        this.soleExport = lifted.soleExport();
    }

    /**
     * Prepares {@code function} for flat calls.
     *
     * @param signature the function type the caller's code was written for, as {@link
     *     #signature(FuncType)} prints it
     * @throws ComponentLinkException if the function has another type
     * @throws UnsupportedOperationException if it is not lifted synchronously from a core function
     *     (an {@code async} lift, or a host function re-exported)
     */
    public static FlatFunction of(ComponentFunction function, String signature) {
        FuncInst f = function.func();
        String actual = signature(f.type());
        if (!actual.equals(signature)) {
            throw new ComponentLinkException("export " + function.name() + " has type " + actual
                    + " but the bindings expect " + signature);
        }
        if (!(f instanceof LiftedFunc lifted)) {
            throw new UnsupportedOperationException(function.name() + " is not lifted from a core function");
        }
        if (lifted.opts().async()) {
            throw new UnsupportedOperationException(function.name() + " is lifted async, which typed calls do not support");
        }
        return new FlatFunction(lifted);
    }

    /**
     * The whole call of a function whose parameters and result are scalars (bool, integers,
     * floats, char): enter, call with the lowered arguments, check the result ({@code char}),
     * {@code post-return}, leave. Returns the core results, to lift; a {@code char} result is
     * already checked. Cheaper than {@link #begin()}, which such functions do not need.
     *
     * @throws UnsupportedOperationException if a parameter or the result is not a scalar
     */
    public long[] callScalar(long... args) {
        InstanceState sole = soleInst;
        if (sole == null && scalar == null) {
            throw notScalar();
        }
        return LiftedFunc.callScalar(scalar, sole, soleExport, args);
    }

    private UnsupportedOperationException notScalar() {
        return new UnsupportedOperationException(name + " does not take and return scalars only: use begin()");
    }

    /** Enters the instance for one call; close the result. */
    public FlatCall begin() {
        return FlatCall.enter(this);
    }

    public FuncType type() {
        return type;
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }

    /**
     * A function type as WIT-like text without names of parameters or resources, for comparing
     * the type a binding was generated for with the one found at run time:
     * {@code func(u32, list<string>) -> result<own, enum { a, b }>}.
     */
    public static String signature(FuncType type) {
        return (type.async() ? "async " : "") + "func("
                + type.params().stream().map(p -> text(p.type())).collect(Collectors.joining(", ")) + ")"
                + type.result().map(r -> " -> " + text(r)).orElse("");
    }

    private static String text(ValueType t) {
        Objects.requireNonNull(t);
        if (t instanceof ValueType.Primitive p) {
            return p.toString();
        } else if (t instanceof ValueType.ListType l) {
            return "list<" + text(l.element()) + ">";
        } else if (t instanceof ValueType.FixedListType l) {
            return "list<" + text(l.element()) + ", " + l.length() + ">";
        } else if (t instanceof ValueType.RecordType r) {
            return "record { " + r.fields().stream().map(f -> f.name() + ": " + text(f.type()))
                    .collect(Collectors.joining(", ")) + " }";
        } else if (t instanceof ValueType.TupleType tt) {
            return "tuple<" + tt.types().stream().map(FlatFunction::text).collect(Collectors.joining(", ")) + ">";
        } else if (t instanceof ValueType.VariantType v) {
            return "variant { " + v.cases().stream().map(c -> c.name() + c.type().map(x -> "(" + text(x) + ")").orElse(""))
                    .collect(Collectors.joining(", ")) + " }";
        } else if (t instanceof ValueType.EnumType e) {
            return "enum { " + String.join(", ", e.labels()) + " }";
        } else if (t instanceof ValueType.OptionType o) {
            return "option<" + text(o.type()) + ">";
        } else if (t instanceof ValueType.ResultType r) {
            return "result<" + optional(r.ok()) + ", " + optional(r.err()) + ">";
        } else if (t instanceof ValueType.FlagsType f) {
            return "flags { " + String.join(", ", f.labels()) + " }";
        } else if (t instanceof ValueType.OwnType) {
            return "own";
        } else if (t instanceof ValueType.BorrowType) {
            return "borrow";
        } else if (t instanceof ValueType.StreamType s) {
            return "stream<" + optional(s.element()) + ">";
        } else if (t instanceof ValueType.FutureType f) {
            return "future<" + optional(f.element()) + ">";
        } else if (t instanceof ValueType.MapType m) {
            return "map<" + text(m.key()) + ", " + text(m.value()) + ">";
        }
        throw new IllegalArgumentException(String.valueOf(t));
    }

    private static String optional(Optional<ValueType> t) {
        return t.map(FlatFunction::text).orElse("_");
    }
}
