package dev.dovetail.runtime;

import java.util.Arrays;

/**
 * The canonical ABI's {@code current_thread()} and {@code current_task()} for the synchronous
 * ABI, per Java thread: the calls into components on the Java stack. Each {@code canon_lift}
 * call, {@code realloc} and destructor runs in a fresh component-model thread, whose storage
 * ({@code Thread.storage}, two slots read by {@code context.get}) starts at zero; each
 * {@code canon_lift} call also makes a {@link Task}.
 *
 * <p>One thread-local lookup per call and no allocation: the storage of all nested threads lives
 * in one array, two slots per level, and the tasks in another.
 */
final class CallStack {
    private static final ThreadLocal<CallStack> CURRENT = ThreadLocal.withInitial(CallStack::new);

    private final Thread owner = Thread.currentThread();
    private long[] storage = new long[16];
    private int threads;
    private Task[] tasks = new Task[8];
    private int depth;

    private CallStack() {}

    /** The calling Java thread's stack. */
    static CallStack current() {
        return CURRENT.get();
    }

    /**
     * Whether this is the calling Java thread's stack: callers that keep the stack they used last
     * skip the thread-local lookup (a hash lookup) while they stay on one thread.
     */
    boolean isCurrent() {
        return owner == Thread.currentThread();
    }

    /** Starts a thread with zeroed storage (for {@code realloc}, destructors, and each task). */
    void enterThread() {
        int i = threads * 2;
        if (i + 2 > storage.length) {
            storage = Arrays.copyOf(storage, storage.length * 2);
        }
        storage[i] = 0;
        storage[i + 1] = 0;
        threads++;
    }

    void exitThread() {
        threads--;
    }

    /** Starts {@code task}, in a thread of its own. */
    void enter(Task task) {
        enterThread();
        if (depth == tasks.length) {
            tasks = Arrays.copyOf(tasks, depth * 2);
        }
        tasks[depth++] = task;
    }

    /** Ends the innermost task and its thread. */
    void leave() {
        tasks[--depth] = null;
        exitThread();
    }

    /** {@code current_task()}, or null outside of any. */
    Task task() {
        return depth == 0 ? null : tasks[depth - 1];
    }

    /** {@code canon_context_get}: slot {@code i} of the current thread's storage (0 outside of any). */
    long contextGet(int i) {
        return threads == 0 ? 0 : storage[(threads - 1) * 2 + i];
    }

    /** {@code canon_context_set}. */
    void contextSet(int i, long v) {
        if (threads > 0) {
            storage[(threads - 1) * 2 + i] = v;
        }
    }
}
