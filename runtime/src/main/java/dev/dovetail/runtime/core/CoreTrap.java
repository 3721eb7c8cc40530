package dev.dovetail.runtime.core;

/**
 * A core WebAssembly trap (e.g. {@code unreachable}, an out-of-bounds access, call stack
 * exhaustion) or an exception thrown by core code and not caught there; the canonical ABI turns
 * both into a trap at the component boundary ({@code call_and_trap_on_throw}).
 */
public final class CoreTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CoreTrap(String message, Throwable cause) {
        super(message, cause);
    }
}
