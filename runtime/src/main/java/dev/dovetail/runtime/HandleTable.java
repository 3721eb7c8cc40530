package dev.dovetail.runtime;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code Table} of CanonicalABI.md "Table State": a growable array with a free list; index 0 is
 * reserved. One per component instance ({@code handles}).
 */
final class HandleTable {
    static final long MAX_LENGTH = (1L << 28) - 1;

    private final List<Object> array = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();

    HandleTable() {
        array.add(null);
    }

    /** {@code get}: returns null when {@code i} is out of range or a hole; the caller traps. */
    Object get(long i) {
        if (i < 0 || i >= array.size()) {
            return null;
        }
        return array.get((int) i);
    }

    /** {@code add}: returns -1 when the table is full; the caller traps. */
    long add(Object e) {
        if (!free.isEmpty()) {
            int i = free.remove(free.size() - 1);
            array.set(i, e);
            return i;
        }
        long i = array.size();
        if (i > MAX_LENGTH) {
            return -1;
        }
        array.add(e);
        return i;
    }

    /** {@code remove}: returns null (and removes nothing) when there is no element at {@code i}. */
    Object remove(long i) {
        Object e = get(i);
        if (e != null) {
            array.set((int) i, null);
            free.add((int) i);
        }
        return e;
    }
}
