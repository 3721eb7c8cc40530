package dev.dovetail.runtime.core;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmException;
import com.dylibso.chicory.wasm.ChicoryException;
import java.util.Objects;

/**
 * A core function: an export of a core instance, or a host function implemented in Java (the
 * canonical built-ins: {@code canon lower}, {@code resource.new}, ...).
 */
public final class CoreFunc implements CoreExtern {
    /** The Java side of a host core function: core arguments in, core results out. */
    @FunctionalInterface
    public interface Body {
        long[] call(long[] args);
    }

    private static final long[] NONE = new long[0];

    private final CoreFuncType type;
    private final Instance instance; // null for host functions
    private final String exportName;
    private final ExportFunction export;
    private final Body body;

    private CoreFunc(CoreFuncType type, Instance instance, String exportName, ExportFunction export, Body body) {
        this.type = type;
        this.instance = instance;
        this.exportName = exportName;
        this.export = export;
        this.body = body;
    }

    static CoreFunc exported(Instance instance, String name) {
        return new CoreFunc(
                CoreFuncType.of(instance.exportType(name)), instance, name, instance.export(name), null);
    }

    /**
     * A host function that takes the type of whatever import it satisfies (for built-ins whose
     * core signature this runtime does not model; they trap when called).
     */
    public static CoreFunc hostOfAnyType(Body body) {
        return new CoreFunc(null, null, null, null, Objects.requireNonNull(body));
    }

    /** A host function of the given type. */
    public static CoreFunc host(CoreFuncType type, Body body) {
        return new CoreFunc(Objects.requireNonNull(type), null, null, null, Objects.requireNonNull(body));
    }

    /** The type, or null for {@link #hostOfAnyType}. */
    public CoreFuncType type() {
        return type;
    }

    @Override
    public String kind() {
        return "func";
    }

    /**
     * Calls the function. Core traps and uncaught core exceptions become {@link CoreTrap};
     * any other exception (such as a trap raised by a host function further down) passes
     * through unchanged.
     */
    public long[] call(long... args) {
        try {
            long[] r = body != null ? body.call(args) : export.apply(args);
            return r == null ? NONE : r;
        } catch (WasmException | ChicoryException | StackOverflowError e) {
            throw trap(e); // out of line: keeps the calls that inline this one small
        }
    }

    /** A core function called with flat arguments and nothing else: no trap conversion, no checks. */
    @FunctionalInterface
    public interface Direct {
        long[] apply(long[] args);
    }

    /**
     * This function (an export of a core instance) as a {@link Direct} call, for callers that
     * call it on their hot path and pass what it throws through {@link #trapOf}; null for a host
     * function. The engine's function type stays behind this seam.
     */
    public Direct direct() {
        ExportFunction target = export;
        return target == null ? null : target::apply;
    }

    /**
     * What {@link #call} throws for {@code t}, thrown by the function: a {@link CoreTrap} for a
     * core trap or exception, else {@code t} itself.
     */
    public static Throwable trapOf(Throwable t) {
        return t instanceof WasmException || t instanceof ChicoryException || t instanceof StackOverflowError
                ? trap(t)
                : t;
    }

    private static CoreTrap trap(Throwable e) {
        if (e instanceof WasmException) {
            return new CoreTrap("uncaught wasm exception", e);
        } else if (e instanceof StackOverflowError) {
            return new CoreTrap("call stack exhausted", e);
        }
        return new CoreTrap(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
    }

    ImportFunction asImport(String module, String name, com.dylibso.chicory.wasm.types.FunctionType declared) {
        if (instance != null) {
            // not ImportFunction.exportAsImport: Chicory then checks the signature against the
            // source export named like the *import*, which breaks renaming instance arguments
            ExportFunction target = export;
            return new ImportFunction(module, name, instance.exportType(exportName), (inst, args) -> target.apply(args));
        }
        return new HostFunction(
                module, name, type == null ? declared : type.chicory(), (inst, args) -> body.call(args));
    }
}
