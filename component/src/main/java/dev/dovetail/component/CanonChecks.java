package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.CFunc;
import dev.dovetail.component.ValidatorTypes.CMemoryX;
import dev.dovetail.component.ValidatorTypes.CNum;
import dev.dovetail.component.ValidatorTypes.CRef;
import dev.dovetail.component.ValidatorTypes.CTableX;
import dev.dovetail.component.ValidatorTypes.CVal;
import dev.dovetail.component.ValidatorTypes.ConcHeap;
import dev.dovetail.component.ValidatorTypes.CoreEntry;
import dev.dovetail.component.ValidatorTypes.CoreSub;
import dev.dovetail.component.ValidatorTypes.DefT;
import dev.dovetail.component.ValidatorTypes.FuncT;
import dev.dovetail.component.ValidatorTypes.FutureT;
import dev.dovetail.component.ValidatorTypes.Param;
import dev.dovetail.component.ValidatorTypes.ResT;
import dev.dovetail.component.ValidatorTypes.StreamT;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The canonical definitions (Explainer.md, Canonical Definitions; CanonicalABI.md, Canonical
 * Definitions): {@code canonopt} validation, the core signatures of {@code canon lift} and {@code
 * canon lower} by flattening, and the built-ins with their core signatures and type requirements.
 * Each definition adds a function to the index spaces of the scope {@code s}.
 */
final class CanonChecks {
    private final ValidatorScope s;

    CanonChecks(ValidatorScope s) {
        this.s = s;
    }

    /** Validated {@code canonopt}s ({@code ptr} is the memory's address type, i32 by default). */
    private record Opts(CanonOpt.StringEncoding encoding, Integer memory, CNum ptr, Integer realloc, Integer postReturn,
            boolean async, Integer callback) {}

    /** canonopt validation (CanonicalABI.md): at most once each, realloc typed and with memory. */
    private Opts options(List<CanonOpt> opts) {
        CanonOpt.StringEncoding encoding = null;
        Integer memory = null;
        CNum ptr = CNum.I32;
        Integer realloc = null;
        Integer postReturn = null;
        boolean async = false;
        Integer callback = null;
        for (CanonOpt o : opts) {
            if (o instanceof CanonOpt.StringEncoding e) {
                if (encoding != null) {
                    throw new Invalid("canonical encoding option `" + encodingName(encoding)
                            + "` conflicts with option `" + encodingName(e) + "`");
                }
                encoding = e;
            } else if (o instanceof CanonOpt.Memory m) {
                if (memory != null) {
                    throw new Invalid("canonical option `memory` is specified more than once");
                }
                ptr = abiMemory(m.memory());
                memory = m.memory();
            } else if (o instanceof CanonOpt.Realloc r) {
                if (realloc != null) {
                    throw new Invalid("canonical option `realloc` is specified more than once");
                }
                realloc = r.func();
            } else if (o instanceof CanonOpt.PostReturn p) {
                if (postReturn != null) {
                    throw new Invalid("canonical option `post-return` is specified more than once");
                }
                postReturn = p.func();
            } else if (o instanceof CanonOpt.Async) {
                if (async) {
                    throw new Invalid("canonical option `async` is specified more than once");
                }
                async = true;
            } else if (o instanceof CanonOpt.Callback c) {
                if (callback != null) {
                    throw new Invalid("canonical option `callback` is specified more than once");
                }
                callback = c.func();
            }
        }
        if (callback != null && !async) {
            throw new Invalid("cannot specify callback without async");
        }
        if (async && postReturn != null) {
            throw new Invalid("cannot specify post-return function in async");
        }
        if (realloc != null) {
            if (memory == null) {
                throw new Invalid("canonical option `realloc` requires `memory` to also be specified");
            }
            if (!CoreTypes.isFunc(s.coreFuncAt(realloc), List.of(ptr, ptr, ptr, ptr), List.of(ptr))) {
                throw new Invalid("canonical option `realloc` uses a core function with an incorrect signature: "
                        + "expected (func (param " + (ptr == CNum.I32 ? "i32 i32 i32 i32) (result i32))"
                        : "i64 i64 i64 i64) (result i64))") + ", found " + s.coreFuncAt(realloc));
            }
        }
        return new Opts(encoding, memory, ptr, realloc, postReturn, async, callback);
    }

    private static String encodingName(CanonOpt.StringEncoding e) {
        return switch (e) {
            case UTF8 -> "utf8";
            case UTF16 -> "utf16";
            case LATIN1_UTF16 -> "latin1-utf16";
        };
    }

    /** The memory option must be a plain (unshared) linear memory; returns its address type. */
    private CNum abiMemory(int index) {
        CMemoryX m = s.memoryAt(index);
        if (m.shared()) {
            throw new Invalid("canonical option `memory` must not be a shared memory");
        }
        return m.is64() ? CNum.I64 : CNum.I32;
    }

    private static void requireMemory(Opts o) {
        if (o.memory() == null) {
            throw new Invalid("canonical option `memory` is required");
        }
    }

    private static void requireRealloc(Opts o) {
        requireMemory(o);
        if (o.realloc() == null) {
            throw new Invalid("canonical option `realloc` is required");
        }
    }

    private static void checkLower(Opts o) {
        if (o.postReturn() != null) {
            throw new Invalid("canonical option `post-return` cannot be specified for lowerings");
        }
        if (o.callback() != null) {
            throw new Invalid("canonical option `callback` cannot be specified for lowerings");
        }
    }

    private static void requireSync(Opts o, String where) {
        if (o.async()) {
            throw new Invalid("cannot specify `async` option on `" + where + "`");
        }
    }

    /**
     * {@code flatten_functype} (CanonicalABI.md Flattening) for {@code canon lift} ({@code lift})
     * or {@code canon lower}, checking on the way the options that lifting and lowering the
     * parameters and result require.
     */
    private static CoreSub flattenFunctype(FuncT ft, Opts o, boolean lift) {
        int maxParams = !lift && o.async() ? CanonicalAbi.MAX_FLAT_ASYNC_PARAMS : CanonicalAbi.MAX_FLAT_PARAMS;
        CanonicalAbi.Flat params = new CanonicalAbi.Flat(maxParams);
        for (Param p : ft.params()) {
            if (p.type().info().ptr()) {
                if (lift) {
                    requireRealloc(o); // lift(param): the callee receives lists allocated with realloc
                } else {
                    requireMemory(o); // lower(param)
                }
            }
            if (!CanonicalAbi.flatten(p.type(), o.ptr(), params)) {
                break;
            }
        }
        List<CVal> flatParams = new ArrayList<>(params.types);
        if (params.overflow) {
            flatParams = new ArrayList<>(List.of(o.ptr()));
            if (lift) {
                requireRealloc(o);
            } else {
                requireMemory(o);
            }
        }
        List<CVal> flatResults = new ArrayList<>();
        DefT result = ft.result();
        if (result != null && result.info().ptr()) {
            if (lift) {
                requireMemory(o); // lower(result)
            } else {
                requireRealloc(o); // lift(result)
            }
        }
        if (!o.async()) {
            if (result != null) {
                CanonicalAbi.Flat r = new CanonicalAbi.Flat(CanonicalAbi.MAX_FLAT_RESULTS);
                CanonicalAbi.flatten(result, o.ptr(), r);
                if (r.overflow) {
                    requireMemory(o);
                    if (lift) {
                        flatResults.add(o.ptr());
                    } else {
                        flatParams.add(o.ptr());
                    }
                } else {
                    flatResults.addAll(r.types);
                }
            }
        } else if (lift) {
            if (result != null) {
                CanonicalAbi.Flat r = new CanonicalAbi.Flat(CanonicalAbi.MAX_FLAT_PARAMS);
                CanonicalAbi.flatten(result, o.ptr(), r);
                if (r.overflow) {
                    requireMemory(o);
                }
            }
            if (o.callback() != null) {
                flatResults.add(CNum.I32);
            }
        } else {
            if (result != null) {
                requireMemory(o);
                flatParams.add(o.ptr());
            }
            flatResults.add(CNum.I32);
        }
        return CoreSub.func(flatParams, flatResults);
    }

    private static String flatList(List<CVal> vs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < vs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(CoreTypes.describe(vs.get(i)).toUpperCase(Locale.ROOT));
        }
        return b.append(']').toString();
    }

    /** {@code canon lift}: the core function must have exactly the flattened signature. */
    void lift(int coreFunc, List<CanonOpt> opts, int typeIndex) {
        FuncT ft = s.funcTypeAt(typeIndex);
        CoreSub core = s.coreFuncAt(coreFunc);
        Opts o = options(opts);
        CFunc coreFt = core.funcOrNull();
        if (coreFt == null) {
            throw new Invalid("core function " + Integer.toUnsignedLong(coreFunc) + " is not a function type");
        }
        if (o.postReturn() != null) {
            CoreSub pr = s.coreFuncAt(o.postReturn());
            if (!CoreTypes.isFunc(pr, coreFt.results(), List.of())) {
                throw new Invalid("canonical option `post-return` uses a core function with an incorrect signature: "
                        + "expected parameters " + flatList(coreFt.results()) + " and no results, found " + pr);
            }
        }
        if (o.callback() != null) {
            CoreSub cb = s.coreFuncAt(o.callback());
            boolean ok = CoreTypes.isFunc(cb, List.of(CNum.I32, CNum.I32, CNum.I32), List.of(CNum.I32));
            if (!ok) {
                throw new Invalid("canonical option `callback` uses a core function with an incorrect signature: "
                        + "expected (func (param i32 i32 i32) (result i32)), found " + cb);
            }
        }
        if (o.async() && !ft.async()) {
            throw new Invalid("the `async` canonical option requires an async function type");
        }
        CFunc lowered = (CFunc) flattenFunctype(ft, o, true).comp;
        if (!CoreTypes.isFunc(core, lowered.params(), lowered.results())) {
            if (!CoreTypes.isFunc(CoreSub.func(coreFt.params(), List.of()), lowered.params(), List.of())) {
                throw new Invalid("lowered parameter types `" + flatList(lowered.params())
                        + "` do not match parameter types `" + flatList(coreFt.params()) + "` of core function "
                        + Integer.toUnsignedLong(coreFunc));
            }
            throw new Invalid("lowered result types `" + flatList(lowered.results()) + "` do not match result types `"
                    + flatList(coreFt.results()) + "` of core function " + Integer.toUnsignedLong(coreFunc));
        }
        s.addFunc(ft);
    }

    /** {@code canon lower}: defines a core function of the flattened signature. */
    void lower(int func, List<CanonOpt> opts) {
        FuncT ft = s.funcAt(func);
        Opts o = options(opts);
        checkLower(o);
        if (o.async() && !ft.async()) {
            throw new Invalid("the `async` canonical option requires an async function type");
        }
        s.addCoreFunc(flattenFunctype(ft, o, false));
    }

    private void coreFunc(List<CVal> params, List<CVal> results) {
        s.addCoreFunc(CoreSub.func(params, results));
    }

    private static final CNum I32 = CNum.I32;

    /** The resource built-ins; {@code resource.new} / {@code .rep} only for resources defined here. */
    void resourceNew(int resource) {
        coreFunc(List.of(localResourceRep(resource)), List.of(I32));
    }

    void resourceDrop(int resource) {
        s.resourceAt(resource);
        coreFunc(List.of(I32), List.of());
    }

    void resourceRep(int resource) {
        coreFunc(List.of(I32), List.of(localResourceRep(resource)));
    }

    private CVal localResourceRep(int index) {
        ResT r = s.resourceAt(index);
        CVal rep = s.localResourceRep(r.res());
        if (rep == null) {
            throw new Invalid("type " + Integer.toUnsignedLong(index) + " is not a local resource: "
                    + "resource.new and resource.rep need a resource defined in this component");
        }
        return rep;
    }

    /** The other built-ins (Explainer.md Canonical Built-ins; signatures from their synopses). */
    void builtin(Canon c) {
        if (c instanceof Canon.BackpressureInc || c instanceof Canon.BackpressureDec || c instanceof Canon.TaskCancel) {
            coreFunc(List.of(), List.of());
        } else if (c instanceof Canon.TaskReturn t) {
            taskReturn(t);
        } else if (c instanceof Canon.ContextGet g) {
            coreFunc(List.of(), List.of(contextType(g.type(), g.index(), "context.get")));
        } else if (c instanceof Canon.ContextSet s) {
            coreFunc(List.of(contextType(s.type(), s.index(), "context.set")), List.of());
        } else if (c instanceof Canon.SubtaskCancel) {
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.SubtaskDrop) {
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.StreamNew s) {
            stream(s.type(), "stream.new");
            coreFunc(List.of(), List.of(CNum.I64));
        } else if (c instanceof Canon.StreamRead s) {
            StreamT t = stream(s.type(), "stream.read");
            CNum ptr = copyOptions(s.opts(), t.element(), true);
            coreFunc(List.of(I32, ptr, ptr), List.of(ptr));
        } else if (c instanceof Canon.StreamWrite s) {
            StreamT t = stream(s.type(), "stream.write");
            CNum ptr = copyOptions(s.opts(), t.element(), false);
            coreFunc(List.of(I32, ptr, ptr), List.of(ptr));
        } else if (c instanceof Canon.StreamCancelRead s) {
            stream(s.type(), "stream.cancel-read");
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.StreamCancelWrite s) {
            stream(s.type(), "stream.cancel-write");
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.StreamDropReadable s) {
            stream(s.type(), "stream.drop-readable");
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.StreamDropWritable s) {
            stream(s.type(), "stream.drop-writable");
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.FutureNew f) {
            future(f.type(), "future.new");
            coreFunc(List.of(), List.of(CNum.I64));
        } else if (c instanceof Canon.FutureRead f) {
            FutureT t = future(f.type(), "future.read");
            CNum ptr = copyOptions(f.opts(), t.element(), true);
            coreFunc(List.of(I32, ptr), List.of(I32));
        } else if (c instanceof Canon.FutureWrite f) {
            FutureT t = future(f.type(), "future.write");
            CNum ptr = copyOptions(f.opts(), t.element(), false);
            coreFunc(List.of(I32, ptr), List.of(I32));
        } else if (c instanceof Canon.FutureCancelRead f) {
            future(f.type(), "future.cancel-read");
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.FutureCancelWrite f) {
            future(f.type(), "future.cancel-write");
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.FutureDropReadable f) {
            future(f.type(), "future.drop-readable");
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.FutureDropWritable f) {
            future(f.type(), "future.drop-writable");
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.ErrorContextNew e) {
            Opts o = options(e.opts());
            requireMemory(o);
            requireSync(o, "error-context.new");
            checkLower(o);
            coreFunc(List.of(o.ptr(), o.ptr()), List.of(I32));
        } else if (c instanceof Canon.ErrorContextDebugMessage e) {
            Opts o = options(e.opts());
            requireRealloc(o);
            requireSync(o, "error-context.debug-message");
            checkLower(o);
            coreFunc(List.of(I32, o.ptr()), List.of());
        } else if (c instanceof Canon.ErrorContextDrop || c instanceof Canon.WaitableSetDrop
                || c instanceof Canon.ThreadResumeLater) {
            coreFunc(List.of(I32), List.of());
        } else if (c instanceof Canon.WaitableSetNew || c instanceof Canon.ThreadIndex
                || c instanceof Canon.ThreadSuspend || c instanceof Canon.ThreadYield
                || c instanceof Canon.ThreadAvailableParallelism) {
            coreFunc(List.of(), List.of(I32));
        } else if (c instanceof Canon.WaitableSetWait w) {
            coreFunc(List.of(I32, abiMemory(w.memory())), List.of(I32));
        } else if (c instanceof Canon.WaitableSetPoll p) {
            coreFunc(List.of(I32, abiMemory(p.memory())), List.of(I32));
        } else if (c instanceof Canon.WaitableJoin) {
            coreFunc(List.of(I32, I32), List.of());
        } else if (c instanceof Canon.ThreadSuspendThenResume || c instanceof Canon.ThreadYieldThenResume
                || c instanceof Canon.ThreadSuspendThenPromote || c instanceof Canon.ThreadYieldThenPromote) {
            coreFunc(List.of(I32), List.of(I32));
        } else if (c instanceof Canon.ThreadNewIndirect t) {
            CVal closure = threadStartType(t.coreFuncType());
            CTableX table = s.tableAt(t.table());
            if (!(table.element().heap() instanceof ValidatorTypes.AbsHeap h) || h.code() != 0x70 || h.shared()) {
                throw new Invalid("table " + Integer.toUnsignedLong(t.table()) + " is not a table of `funcref`");
            }
            coreFunc(List.of(table.is64() ? CNum.I64 : I32, closure), List.of(I32));
        } else if (c instanceof Canon.ThreadSpawnRef t) {
            CoreSub ft = spawnType(t.coreFuncType());
            coreFunc(List.of(new CRef(true, new ConcHeap(ft)), I32), List.of(I32));
        } else if (c instanceof Canon.ThreadSpawnIndirect t) {
            spawnType(t.coreFuncType());
            CTableX table = s.tableAt(t.table());
            if (!(table.element().heap() instanceof ValidatorTypes.AbsHeap h) || h.code() != 0x70) {
                throw new Invalid("table " + Integer.toUnsignedLong(t.table()) + " is not a table of `funcref`");
            }
            coreFunc(List.of(I32, I32), List.of(I32));
        } else {
            throw new IllegalStateException("unknown canonical definition " + c);
        }
    }

    /** {@code task.return}: only memory and string-encoding; the result is passed as parameters. */
    private void taskReturn(Canon.TaskReturn t) {
        DefT result = t.result().map(s::valType).orElse(null);
        Opts o = options(t.opts());
        if (o.realloc() != null) {
            throw new Invalid("cannot specify `realloc` option on `task.return`");
        }
        if (o.postReturn() != null) {
            throw new Invalid("cannot specify `post-return` option on `task.return`");
        }
        checkLower(o);
        requireSync(o, "task.return");
        List<CVal> params = new ArrayList<>();
        if (result != null) {
            if (result.info().ptr()) {
                requireMemory(o);
            }
            CanonicalAbi.Flat f = new CanonicalAbi.Flat(CanonicalAbi.MAX_FLAT_PARAMS);
            CanonicalAbi.flatten(result, o.ptr(), f);
            if (f.overflow) {
                requireMemory(o);
                params.add(o.ptr());
            } else {
                params.addAll(f.types);
            }
        }
        coreFunc(params, List.of());
    }

    private CVal contextType(CoreType.ValType type, int index, String what) {
        CVal t = CoreTypes.val(type, i -> {
            throw new Invalid("`" + what + "` only supports `i32` or `i64`");
        });
        if (t != CNum.I32 && t != CNum.I64) {
            throw new Invalid("`" + what + "` only supports `i32` or `i64`");
        }
        if (Integer.toUnsignedLong(index) > 1) {
            throw new Invalid("`" + what + "` immediate must be zero or one: " + Integer.toUnsignedLong(index));
        }
        s.useContextType(t, what);
        return t;
    }

    private StreamT stream(int type, String what) {
        if (s.definedTypeAt(type) instanceof StreamT s) {
            return s;
        }
        throw new Invalid("`" + what + "` requires a stream type");
    }

    private FutureT future(int type, String what) {
        if (s.definedTypeAt(type) instanceof FutureT f) {
            return f;
        }
        throw new Invalid("`" + what + "` requires a future type");
    }

    /** Options of stream/future read and write; returns the memory's address type. */
    private CNum copyOptions(List<CanonOpt> opts, DefT element, boolean read) {
        Opts o = options(opts);
        if (element != null) {
            requireMemory(o);
            if (read && element.info().ptr()) {
                requireRealloc(o);
            }
        }
        checkLower(o);
        return o.ptr();
    }

    /** {@code thread.new-indirect}: the function type must be {@code (func (param i32))}. */
    private CVal threadStartType(int index) {
        CoreEntry e = s.coreTypeAt(index);
        CFunc f = e instanceof CoreSub s ? s.funcOrNull() : null;
        if (f == null) {
            throw new Invalid("core type " + Integer.toUnsignedLong(index) + " is not a function type");
        }
        if (f.params().size() != 1 || (f.params().get(0) != CNum.I32 && f.params().get(0) != CNum.I64)) {
            throw new Invalid("start function must take a single `i32` argument (currently)");
        }
        if (!f.results().isEmpty()) {
            throw new Invalid("start function must not return any values");
        }
        return f.params().get(0);
    }

    private CoreSub spawnType(int index) {
        CoreEntry e = s.coreTypeAt(index);
        if (!(e instanceof CoreSub s) || s.funcOrNull() == null) {
            throw new Invalid("spawn type must be a function");
        }
        if (!s.shared) {
            throw new Invalid("spawn type must be shared");
        }
        if (!CoreTypes.isFunc(s, List.of(I32), List.of())) {
            throw new Invalid("spawn function must take a single `i32` argument and return nothing");
        }
        return s;
    }
}
