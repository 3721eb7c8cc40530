package dev.dovetail.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;

/** {@code descriptor#write-via-stream} and {@code append-via-stream}. */
final class FileOutput implements HostOutput, ResourceTable.Releasable {
    private final OpenFile file;
    private final boolean append;
    private long position;
    private boolean closed;

    FileOutput(OpenFile file, long offset, boolean append) {
        this.file = file.retain();
        this.position = offset;
        this.append = append;
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
            if (append) {
                position = file.channel.size();
            }
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                position += file.channel.write(buf, position);
            }
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
    }

    @Override
    public void release() {
        file.release();
    }
}
