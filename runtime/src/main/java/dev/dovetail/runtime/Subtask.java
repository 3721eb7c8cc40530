package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * The synchronous part of {@code Subtask} (CanonicalABI.md "Subtask State"): created by
 * {@code canon_lower}, it records the caller's handles lent to the callee as borrows.
 */
final class Subtask {
    private final List<ResourceHandle> lenders = new ArrayList<>();

    /** {@code add_lender}. */
    void addLender(ResourceHandle h) {
        h.numLends++;
        lenders.add(h);
    }

    /** {@code deliver_resolve}: the borrows are returned to the caller. */
    void deliverResolve() {
        for (ResourceHandle h : lenders) {
            h.numLends--;
        }
        lenders.clear();
    }
}
