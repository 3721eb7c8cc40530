package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreFunc;
import dev.dovetail.runtime.core.CoreMemory;

/**
 * {@code CanonicalOptions} of CanonicalABI.md "Canonical ABI Options" (with the
 * {@code LiftOptions} and {@code LiftLowerOptions} fields): resolved {@code canonopt}s.
 * {@code memory}, {@code realloc}, {@code postReturn} and {@code callback} may be null.
 */
record CanonOptions(
        Abi.StringEncoding stringEncoding,
        CoreMemory memory,
        CoreFunc realloc,
        CoreFunc postReturn,
        boolean async,
        CoreFunc callback) {

    static final CanonOptions DEFAULT = new CanonOptions(Abi.StringEncoding.UTF8, null, null, null, false, null);
}
