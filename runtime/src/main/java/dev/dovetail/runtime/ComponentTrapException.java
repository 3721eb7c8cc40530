package dev.dovetail.runtime;

import java.util.Objects;

/**
 * A trap: core code trapped, or a canonical ABI guard ({@code trap_if} in CanonicalABI.md)
 * failed. Carries the component instance and the function in which it happened, and the spec's
 * reason. Once an instance has trapped, it (and every instance of its component tree) refuses
 * further calls with {@link Reason#POISONED}.
 */
public final class ComponentTrapException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the trap happened, named after the guard of CanonicalABI.md that failed. */
    public enum Reason {
        /** Core WebAssembly trapped ({@code unreachable}, out-of-bounds access, ...). */
        CORE_TRAP("wasm trap"),
        /** Core code threw an exception that it did not catch ({@code call_and_trap_on_throw}). */
        UNCAUGHT_EXCEPTION("uncaught wasm exception"),
        /** {@code may_enter_from}: the call would re-enter a component instance (Component Invariant #2). */
        CANNOT_ENTER("cannot enter component instance"),
        /** {@code may_leave}: an import, {@code resource.new} or {@code resource.drop} during {@code realloc} or {@code post-return}. */
        CANNOT_LEAVE("cannot leave component instance"),
        /** The instance trapped before and may not be used any more. */
        POISONED("component instance has trapped before"),
        /** {@code trap_if(ptr != align_to(ptr, alignment))}. */
        UNALIGNED_POINTER("unaligned pointer"),
        /** {@code trap_if(ptr + length > len(memory))}. */
        OUT_OF_BOUNDS("pointer/length out of bounds of memory"),
        /** {@code MAX_STRING_BYTE_LENGTH} or {@code MAX_LIST_BYTE_LENGTH} exceeded. */
        TOO_LONG("byte length too large"),
        /** {@code load_string}: the bytes do not decode in the declared encoding. */
        INVALID_STRING("invalid string encoding"),
        /** {@code convert_i32_to_char}: not a Unicode scalar value. */
        INVALID_CHAR("invalid `char` bit pattern"),
        /** {@code trap_if(case_index >= len(cases))}. */
        INVALID_DISCRIMINANT("invalid variant discriminant"),
        /** {@code Table.get}: no element at this handle index. */
        UNKNOWN_HANDLE("unknown handle index"),
        /** The handle's resource type (or kind) is not the expected one. */
        WRONG_HANDLE_TYPE("handle used with the wrong type"),
        /** {@code lift_own} of a borrowed handle. */
        NOT_OWNED("handle is not an owning handle"),
        /** {@code trap_if(h.num_lends != 0)}: the owned handle is lent out. */
        HANDLE_LENT("cannot remove owned resource while borrowed"),
        /** {@code Task.return_}: {@code trap_if(num_borrows > 0)}. */
        BORROWS_REMAIN("borrowed handles still remain at the end of the call"),
        /** An {@code async} task ended without {@code task.return}, or called it wrongly. */
        TASK_NOT_RETURNED("task did not return a value"),
        /** {@code unpack_callback_result}: an unknown callback code. */
        INVALID_CALLBACK_CODE("invalid callback code"),
        /** {@code Table.MAX_LENGTH} reached. */
        TABLE_FULL("handle table full"),
        /** A built-in this runtime does not implement (async, threads, streams, futures). */
        UNSUPPORTED("unsupported built-in"),
        /** A host function failed or returned a value of the wrong type. */
        HOST_FAILURE("host function failed");

        private final String text;

        Reason(String text) {
            this.text = text;
        }

        /** The spec's wording of this reason. */
        public String text() {
            return text;
        }
    }

    private final Reason reason;
    private final String detail;
    private final String instance;
    private final String function;

    public ComponentTrapException(Reason reason, String detail, String instance, String function, Throwable cause) {
        super(message(reason, detail, instance, function), cause);
        this.reason = Objects.requireNonNull(reason);
        this.detail = detail == null ? "" : detail;
        this.instance = instance;
        this.function = function;
    }

    private static String message(Reason reason, String detail, String instance, String function) {
        StringBuilder sb = new StringBuilder();
        if (detail == null || detail.isEmpty()) {
            sb.append(reason.text());
        } else if (detail.contains(reason.text())) {
            sb.append(detail);
        } else {
            sb.append(reason.text()).append(": ").append(detail);
        }
        sb.append(" (component instance ").append(instance).append(", function ").append(function).append(')');
        return sb.toString();
    }

    public Reason reason() {
        return reason;
    }

    /** What exactly failed, e.g. {@code "unknown handle index 5"} or the core trap's message. */
    public String detail() {
        return detail;
    }

    /** The component instance, as a path from the root instance (e.g. {@code "root/$c"}). */
    public String instance() {
        return instance;
    }

    /** The function being lifted or lowered, or the built-in being called. */
    public String function() {
        return function;
    }
}
