package dev.dovetail.wasi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The host objects behind the handles of one {@link WasiContext}, by rep. Every host resource
 * type of the context shares this table, so a rep names one object whatever its type; the
 * runtime has already checked the handle's type before a rep arrives here.
 */
final class ResourceTable {
    /** A host object that holds something to release when its last handle is dropped. */
    interface Releasable {
        void release();
    }

    private final Map<Integer, Object> entries = new HashMap<>();
    private int next = 1;

    synchronized int add(Object value) {
        while (entries.containsKey(next) || next == 0) {
            next++;
        }
        int rep = next++;
        entries.put(rep, value);
        return rep;
    }

    synchronized <T> T get(int rep, Class<T> type) {
        Object o = entries.get(rep);
        if (!type.isInstance(o)) {
            throw new IllegalStateException("no " + type.getSimpleName() + " with rep " + rep);
        }
        return type.cast(o);
    }

    /** The destructor of every host resource type: forget the rep, release what it held. */
    void drop(int rep) {
        Object o;
        synchronized (this) {
            o = entries.remove(rep);
        }
        if (o instanceof Releasable r) {
            r.release();
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** Releases everything still held (the guest is done). */
    void clear() {
        List<Object> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (Object o : all) {
            if (o instanceof Releasable r) {
                r.release();
            }
        }
    }
}
