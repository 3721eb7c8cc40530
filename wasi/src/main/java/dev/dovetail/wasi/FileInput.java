package dev.dovetail.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** {@code descriptor#read-via-stream}: reads a file from an offset; the end of the file closes it. */
final class FileInput implements HostInput, ResourceTable.Releasable {
    private final OpenFile file;
    private long position;
    private boolean closed;

    FileInput(OpenFile file, long offset) {
        this.file = file.retain();
        this.position = offset;
    }

    @Override
    public synchronized byte[] read(long len) throws StreamError {
        if (closed) {
            throw StreamError.closed();
        }
        int max = (int) Math.min(len, MAX_READ);
        if (max == 0) {
            return new byte[0];
        }
        try {
            long size = file.channel.size();
            int n = (int) Math.min(max, Math.max(0, size - position));
            if (n == 0) {
                closed = true;
                throw StreamError.closed();
            }
            ByteBuffer buf = ByteBuffer.allocate(n);
            while (buf.hasRemaining()) {
                int r = file.channel.read(buf, position + buf.position());
                if (r < 0) {
                    break;
                }
            }
            position += buf.position();
            byte[] out = buf.array();
            return buf.position() == out.length ? out : Arrays.copyOf(out, buf.position());
        } catch (IOException e) {
            closed = true;
            throw StreamError.failed(e);
        }
    }

    @Override
    public byte[] blockingRead(long len) throws StreamError {
        return read(len);
    }

    @Override
    public Pollable subscribe() {
        return Pollable.Ready.INSTANCE;
    }

    @Override
    public void release() {
        file.release();
    }
}
