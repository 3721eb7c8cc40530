package dev.dovetail.wasi;

import java.io.IOException;
import java.io.OutputStream;

/** stdout and stderr: a Java {@link OutputStream}, written and flushed on the guest's thread. */
final class JavaOutput implements HostOutput {
    private final OutputStream out;
    private boolean closed;

    JavaOutput(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized long checkWrite() throws StreamError {
        if (closed) {
            throw StreamError.closed();
        }
        return PERMIT;
    }

    @Override
    public synchronized void write(byte[] bytes) throws StreamError {
        if (closed) {
            throw StreamError.closed();
        }
        try {
            out.write(bytes);
        } catch (IOException e) {
            closed = true;
            throw StreamError.failed(e);
        }
    }

    @Override
    public synchronized void flush() throws StreamError {
        if (closed) {
            throw StreamError.closed();
        }
        try {
            out.flush();
        } catch (IOException e) {
            closed = true;
            throw StreamError.failed(e);
        }
    }

    /** Flushes what the guest left unflushed; the stream stays open (the host owns it). */
    synchronized void flushQuietly() {
        try {
            out.flush();
        } catch (IOException e) {
            closed = true;
        }
    }
}
