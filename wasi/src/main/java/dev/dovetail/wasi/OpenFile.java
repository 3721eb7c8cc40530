package dev.dovetail.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * An open host file shared by a descriptor and the streams made from it: closed when the last of
 * them is dropped, so a stream outlives the descriptor it came from.
 */
final class OpenFile {
    final FileChannel channel;
    private int holders = 1;

    OpenFile(FileChannel channel) {
        this.channel = channel;
    }

    synchronized OpenFile retain() {
        if (holders == 0) {
            throw new IllegalStateException("file already closed");
        }
        holders++;
        return this;
    }

    synchronized void release() {
        if (holders > 0 && --holders == 0) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to report to: the guest has dropped every handle
            }
        }
    }
}
