package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code canon}: the canonical definitions of Binary.md. {@link Lift} defines a component
 * function; every other case defines a core function.
 */
public sealed interface Canon {
    /** {@code 0x00 0x00}: {@code (canon lift f opts type)}. */
    record Lift(int coreFunc, List<CanonOpt> opts, int type) implements Canon {
        public Lift {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x01 0x00}: {@code (canon lower f opts)}. */
    record Lower(int func, List<CanonOpt> opts) implements Canon {
        public Lower {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x02}: {@code (canon resource.new rt)}. */
    record ResourceNew(int resource) implements Canon {}

    /** {@code 0x03}: {@code (canon resource.drop rt)}. */
    record ResourceDrop(int resource) implements Canon {}

    /** {@code 0x04}: {@code (canon resource.rep rt)}. */
    record ResourceRep(int resource) implements Canon {}

    /** {@code 0x24}: {@code (canon backpressure.inc)}. */
    record BackpressureInc() implements Canon {}

    /** {@code 0x25}: {@code (canon backpressure.dec)}. */
    record BackpressureDec() implements Canon {}

    /** {@code 0x09}: {@code (canon task.return rs opts)}; an empty result is the {@code 0x01 0x00} result list. */
    record TaskReturn(Optional<ValType> result, List<CanonOpt> opts) implements Canon {
        public TaskReturn {
            Objects.requireNonNull(result);
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x05}: {@code (canon task.cancel)}. */
    record TaskCancel() implements Canon {}

    /** {@code 0x0a}: {@code (canon context.get t i)}. */
    record ContextGet(CoreType.ValType type, int index) implements Canon {
        public ContextGet {
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x0b}: {@code (canon context.set t i)}. */
    record ContextSet(CoreType.ValType type, int index) implements Canon {
        public ContextSet {
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x06}: {@code (canon subtask.cancel async?)}. */
    record SubtaskCancel(boolean async) implements Canon {}

    /** {@code 0x0d}: {@code (canon subtask.drop)}. */
    record SubtaskDrop() implements Canon {}

    /** {@code 0x0e}: {@code (canon stream.new t)}. */
    record StreamNew(int type) implements Canon {}

    /** {@code 0x0f}: {@code (canon stream.read t opts)}. */
    record StreamRead(int type, List<CanonOpt> opts) implements Canon {
        public StreamRead {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x10}: {@code (canon stream.write t opts)}. */
    record StreamWrite(int type, List<CanonOpt> opts) implements Canon {
        public StreamWrite {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x11}: {@code (canon stream.cancel-read t async?)}. */
    record StreamCancelRead(int type, boolean async) implements Canon {}

    /** {@code 0x12}: {@code (canon stream.cancel-write t async?)}. */
    record StreamCancelWrite(int type, boolean async) implements Canon {}

    /** {@code 0x13}: {@code (canon stream.drop-readable t)}. */
    record StreamDropReadable(int type) implements Canon {}

    /** {@code 0x14}: {@code (canon stream.drop-writable t)}. */
    record StreamDropWritable(int type) implements Canon {}

    /** {@code 0x15}: {@code (canon future.new t)}. */
    record FutureNew(int type) implements Canon {}

    /** {@code 0x16}: {@code (canon future.read t opts)}. */
    record FutureRead(int type, List<CanonOpt> opts) implements Canon {
        public FutureRead {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x17}: {@code (canon future.write t opts)}. */
    record FutureWrite(int type, List<CanonOpt> opts) implements Canon {
        public FutureWrite {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x18}: {@code (canon future.cancel-read t async?)}. */
    record FutureCancelRead(int type, boolean async) implements Canon {}

    /** {@code 0x19}: {@code (canon future.cancel-write t async?)}. */
    record FutureCancelWrite(int type, boolean async) implements Canon {}

    /** {@code 0x1a}: {@code (canon future.drop-readable t)}. */
    record FutureDropReadable(int type) implements Canon {}

    /** {@code 0x1b}: {@code (canon future.drop-writable t)}. */
    record FutureDropWritable(int type) implements Canon {}

    /** {@code 0x1c}: {@code (canon error-context.new opts)}. */
    record ErrorContextNew(List<CanonOpt> opts) implements Canon {
        public ErrorContextNew {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x1d}: {@code (canon error-context.debug-message opts)}. */
    record ErrorContextDebugMessage(List<CanonOpt> opts) implements Canon {
        public ErrorContextDebugMessage {
            opts = List.copyOf(opts);
        }
    }

    /** {@code 0x1e}: {@code (canon error-context.drop)}. */
    record ErrorContextDrop() implements Canon {}

    /** {@code 0x1f}: {@code (canon waitable-set.new)}. */
    record WaitableSetNew() implements Canon {}

    /** {@code 0x20}: {@code (canon waitable-set.wait cancel? (memory m))}. */
    record WaitableSetWait(boolean cancellable, int memory) implements Canon {}

    /** {@code 0x21}: {@code (canon waitable-set.poll cancel? (memory m))}. */
    record WaitableSetPoll(boolean cancellable, int memory) implements Canon {}

    /** {@code 0x22}: {@code (canon waitable-set.drop)}. */
    record WaitableSetDrop() implements Canon {}

    /** {@code 0x23}: {@code (canon waitable.join)}. */
    record WaitableJoin() implements Canon {}

    /** {@code 0x26}: {@code (canon thread.index)}. */
    record ThreadIndex() implements Canon {}

    /** {@code 0x27}: {@code (canon thread.new-indirect ft tbl)}. */
    record ThreadNewIndirect(int coreFuncType, int table) implements Canon {}

    /** {@code 0x28}: {@code (canon thread.resume-later)}. */
    record ThreadResumeLater() implements Canon {}

    /** {@code 0x29}: {@code (canon thread.suspend cancel?)}. */
    record ThreadSuspend(boolean cancellable) implements Canon {}

    /** {@code 0x0c}: {@code (canon thread.yield cancel?)}. */
    record ThreadYield(boolean cancellable) implements Canon {}

    /** {@code 0x2a}: {@code (canon thread.suspend-then-resume cancel?)}. */
    record ThreadSuspendThenResume(boolean cancellable) implements Canon {}

    /** {@code 0x2b}: {@code (canon thread.yield-then-resume cancel?)}. */
    record ThreadYieldThenResume(boolean cancellable) implements Canon {}

    /** {@code 0x2c}: {@code (canon thread.suspend-then-promote cancel?)}. */
    record ThreadSuspendThenPromote(boolean cancellable) implements Canon {}

    /** {@code 0x2d}: {@code (canon thread.yield-then-promote cancel?)}. */
    record ThreadYieldThenPromote(boolean cancellable) implements Canon {}

    /** {@code 0x40}: {@code (canon thread.spawn-ref shared? ft)}. */
    record ThreadSpawnRef(boolean shared, int coreFuncType) implements Canon {}

    /** {@code 0x41}: {@code (canon thread.spawn-indirect shared? ft tbl)}. */
    record ThreadSpawnIndirect(boolean shared, int coreFuncType, int table) implements Canon {}

    /** {@code 0x42}: {@code (canon thread.available-parallelism shared?)}. */
    record ThreadAvailableParallelism(boolean shared) implements Canon {}
}
