package dev.dovetail.runtime;

import dev.dovetail.runtime.ValueType.Primitive;
import dev.dovetail.runtime.core.CoreFunc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A function exported by a component instance, called with {@link Val}s. */
public final class ComponentFunction {
    private final FuncInst func;
    private final List<String> path;
    private final String name;
    private final LiftedFunc scalar; // a lift of scalars only: called without lists or Tasks
    private final Primitive[] sig; // its scalarSig
    private final int scalarParams; // the number of parameters, when scalar
    private final InstanceState soleInst; // scalar's LiftedFunc.soleInst
    private final CoreFunc.Direct soleExport; // and soleExport, here to save a load per call

    ComponentFunction(FuncInst func, List<String> path) {
        this.func = func;
        this.path = List.copyOf(path);
        this.name = String.join("/", path);
        this.scalar = func instanceof LiftedFunc l && l.scalarSig() != null ? l : null;
        this.sig = scalar == null ? null : scalar.scalarSig();
        this.scalarParams = func.type().params().size();
        this.soleInst = scalar == null ? null : scalar.soleInst();
        this.soleExport = scalar == null ? null : scalar.soleExport();
    }

    FuncInst func() {
        return func;
    }

    /** The export name it was found under: its {@link #path()} joined with {@code /}. */
    public String name() {
        return name;
    }

    /**
     * The export names that lead to it: names of exported instances, then the function's
     * ({@code [wasi:cli/run@0.2.0, run]}), as {@link ComponentInstance#func(String...)} takes them.
     */
    public List<String> path() {
        return path;
    }

    public FuncType type() {
        return func.type();
    }

    /** Calls the function ({@code Store.invoke}). */
    public Optional<Val> call(Val... args) {
        return scalar != null ? callScalar(args) : call(Arrays.asList(args));
    }

    /**
     * Calls the function with the host as caller.
     *
     * @throws IllegalArgumentException if the arguments do not match the parameter types
     * @throws ComponentTrapException if the call traps
     */
    public Optional<Val> call(List<Val> args) {
        if (scalar != null) {
            return callScalar(args.toArray(new Val[0]));
        }
        FuncType type = func.type();
        Values.checkAll(args, type.paramTypes());
        List<Val> argsCopy = List.copyOf(args);
        List<List<Val>> out = new ArrayList<>(1);
        func.invoke(() -> argsCopy, out::add, null);
        if (out.isEmpty()) {
            throw new IllegalStateException(name + " returned without a result");
        }
        List<Val> r = out.get(0);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** {@link #call} of a function of scalars: the same checks, lowering and lifting, per primitive. */
    private Optional<Val> callScalar(Val[] args) {
        long[] results = LiftedFunc.callScalar(scalar, soleInst, soleExport, lowerScalars(args));
        int n = scalarParams;
        return n == sig.length ? Optional.empty() : Optional.of(liftScalar(results[0], sig[n]));
    }

    /** The arguments checked and lowered (a method of its own, which keeps {@link #callScalar} small). */
    private long[] lowerScalars(Val[] args) {
        Primitive[] sig = this.sig;
        int n = scalarParams;
        if (args.length != n) {
            throw new IllegalArgumentException("expected " + n + " argument(s), got " + args.length);
        }
        long[] flat = new long[n];
        for (int i = 0; i < n; i++) {
            flat[i] = lowerScalar(args[i], sig[i]);
        }
        return flat;
    }

    /**
     * {@code lower_flat} of a scalar, after the check of {@link Values#check}. (Tests in a row,
     * commonest first, in two methods: each small enough for the JIT to inline.)
     */
    private static long lowerScalar(Val v, Primitive p) {
        if (p == Primitive.U32 && v instanceof Val.U32 x) {
            return x.value();
        } else if (p == Primitive.S32 && v instanceof Val.S32 x) {
            return Integer.toUnsignedLong(x.value());
        } else if (p == Primitive.U64 && v instanceof Val.U64 x) {
            return x.value();
        } else if (p == Primitive.S64 && v instanceof Val.S64 x) {
            return x.value();
        } else if (p == Primitive.BOOL && v instanceof Val.Bool x) {
            return x.value() ? 1 : 0;
        }
        return lowerOtherScalar(v, p);
    }

    private static long lowerOtherScalar(Val v, Primitive p) {
        if (p == Primitive.F64 && v instanceof Val.F64 x) {
            return Abi.encodeFloatAsI64(x.value());
        } else if (p == Primitive.F32 && v instanceof Val.F32 x) {
            return Abi.encodeFloatAsI32(x.value());
        } else if (p == Primitive.U8 && v instanceof Val.U8 x) {
            return x.value();
        } else if (p == Primitive.S8 && v instanceof Val.S8 x) {
            return Integer.toUnsignedLong(x.value());
        } else if (p == Primitive.U16 && v instanceof Val.U16 x) {
            return x.value();
        } else if (p == Primitive.S16 && v instanceof Val.S16 x) {
            return Integer.toUnsignedLong(x.value());
        } else if (p == Primitive.CHAR && v instanceof Val.Char x) {
            return x.codePoint();
        }
        throw Abi.mismatch(v, p);
    }

    /**
     * {@code lift_flat} of a scalar; a {@code char} was checked by {@link LiftedFunc#callScalarFromHost}.
     * (Tests in a row, commonest first, in two methods, as in {@link #lowerScalar}.)
     */
    private static Val liftScalar(long x, Primitive p) {
        if (p == Primitive.U32) {
            return new Val.U32(x & 0xffff_ffffL);
        } else if (p == Primitive.S32) {
            return new Val.S32((int) x);
        } else if (p == Primitive.U64) {
            return new Val.U64(x);
        } else if (p == Primitive.S64) {
            return new Val.S64(x);
        } else if (p == Primitive.BOOL) {
            return new Val.Bool((int) x != 0);
        }
        return liftOtherScalar(x, p);
    }

    private static Val liftOtherScalar(long x, Primitive p) {
        return switch (p) {
            case U8 -> new Val.U8((int) (x & 0xff));
            case U16 -> new Val.U16((int) (x & 0xffff));
            case S8 -> new Val.S8((byte) x);
            case S16 -> new Val.S16((short) x);
            case F32 -> Abi.decodeI32AsFloat(x);
            case F64 -> Abi.decodeI64AsFloat(x);
            case CHAR -> new Val.Char((int) (x & 0xffff_ffffL));
            default -> throw new IllegalStateException(p + " is not a scalar here");
        };
    }

    @Override
    public String toString() {
        return name + ": " + func.type();
    }
}
