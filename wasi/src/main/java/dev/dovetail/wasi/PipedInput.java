package dev.dovetail.wasi;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A guest input stream over a Java {@link InputStream} (stdin). Blocking reads read on the
 * guest's thread as long as nothing asked for non-blocking behaviour; the first non-blocking read
 * or readiness check that would block starts a daemon reader thread, which then buffers (up to
 * 64 KiB ahead) for all later reads and makes the stream's pollable a real one.
 */
final class PipedInput implements HostInput {
    private static final int CHUNK = 16 * 1024;
    private static final int AHEAD = 64 * 1024;

    private static PipedInput systemIn;

    private final InputStream in;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int headOffset;
    private long buffered;
    private boolean eof;
    private IOException failure;
    private Thread reader;

    PipedInput(InputStream in) {
        this.in = in;
    }

    /** The one reader of the host process's stdin, shared by every context that inherits it. */
    static synchronized PipedInput systemIn() {
        if (systemIn == null) {
            systemIn = new PipedInput(System.in);
        }
        return systemIn;
    }

    @Override
    public synchronized byte[] read(long len) throws StreamError {
        int max = (int) Math.min(len, MAX_READ);
        if (reader == null) {
            int available = available();
            if (available > 0 || max == 0) {
                return max == 0 ? new byte[0] : readDirect(Math.min(max, available));
            }
            startReader();
        }
        return take(max);
    }

    @Override
    public byte[] blockingRead(long len) throws StreamError, InterruptedException {
        int max = (int) Math.min(len, MAX_READ);
        synchronized (this) {
            if (reader == null) {
                if (eof) {
                    throw StreamError.closed();
                }
                if (max == 0) {
                    return new byte[0];
                }
                return readDirect(max);
            }
            while (chunks.isEmpty() && !eof && failure == null) {
                wait();
            }
            return take(max);
        }
    }

    @Override
    public Pollable subscribe() {
        return new Pollable.Readable(this);
    }

    /** Whether a read would return something (bytes, end of stream or an error) without blocking. */
    synchronized boolean ready() {
        if (reader == null) {
            if (eof || available() > 0) {
                return true;
            }
            startReader();
        }
        return !chunks.isEmpty() || eof || failure != null;
    }

    private int available() {
        try {
            return in.available();
        } catch (IOException e) {
            return 0;
        }
    }

    /** One read of the underlying stream on this thread (no reader thread yet). */
    private byte[] readDirect(int max) throws StreamError {
        byte[] buf = new byte[Math.min(max, CHUNK * 4)];
        try {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                throw StreamError.closed();
            }
            return n == buf.length ? buf : Arrays.copyOf(buf, n);
        } catch (IOException e) {
            eof = true;
            throw StreamError.failed(e);
        }
    }

    /** Takes up to {@code max} buffered bytes; empty if none yet; the end or the failure once drained. */
    private byte[] take(int max) throws StreamError {
        if (chunks.isEmpty()) {
            if (failure != null) {
                IOException e = failure;
                failure = null;
                eof = true;
                throw StreamError.failed(e);
            }
            if (eof) {
                throw StreamError.closed();
            }
            return new byte[0];
        }
        byte[] out = new byte[(int) Math.min(max, buffered)];
        int filled = 0;
        while (filled < out.length) {
            byte[] head = chunks.peekFirst();
            int n = Math.min(out.length - filled, head.length - headOffset);
            System.arraycopy(head, headOffset, out, filled, n);
            filled += n;
            headOffset += n;
            if (headOffset == head.length) {
                chunks.removeFirst();
                headOffset = 0;
            }
        }
        buffered -= filled;
        notifyAll();
        return out;
    }

    private void startReader() {
        if (reader != null || eof) {
            return;
        }
        reader = new Thread(this::pump, "wasi-stdin-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump() {
        byte[] buf = new byte[CHUNK];
        try {
            while (true) {
                synchronized (this) {
                    while (buffered >= AHEAD) {
                        wait();
                    }
                }
                int n;
                try {
                    n = in.read(buf);
                } catch (IOException e) {
                    synchronized (this) {
                        failure = e;
                        notifyAll();
                    }
                    Poller.wake();
                    return;
                }
                synchronized (this) {
                    if (n < 0) {
                        eof = true;
                    } else if (n > 0) {
                        chunks.addLast(Arrays.copyOf(buf, n));
                        buffered += n;
                    }
                    notifyAll();
                }
                Poller.wake();
                if (n < 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
