package dev.dovetail.component;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Growable output buffer. LEB128 integers are numbered in writing order and padded to the width
 * recorded in the section's {@link SectionEncoding}, if any.
 */
final class Writer {
    private byte[] buf = new byte[64];
    private int len;
    private final Map<Integer, Integer> hints;
    private int ordinal;

    Writer(Map<Integer, Integer> hints) {
        this.hints = hints;
    }

    Writer() {
        this(Map.of());
    }

    int size() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    void u8(int b) {
        ensure(1);
        buf[len++] = (byte) b;
    }

    void bytes(byte[] b) {
        bytes(b, 0, b.length);
    }

    void bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    void bytes(Bytes b) {
        bytes(b.unsafeArray());
    }

    void bytes(Writer w) {
        bytes(w.buf, 0, w.len);
    }

    private int width(int minimal) {
        Integer hint = hints.get(ordinal++);
        return hint == null ? minimal : Math.max(minimal, hint);
    }

    /** Unsigned LEB128 of a u32 held in an int. */
    void u32(int v) {
        unsigned(Integer.toUnsignedLong(v));
    }

    /** Unsigned LEB128 of a u64 held in a long. */
    void u64(long v) {
        unsigned(v);
    }

    private void unsigned(long v) {
        int w = width(Leb.unsignedWidth(v));
        ensure(w);
        for (int i = 0; i < w; i++) {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            buf[len++] = (byte) (i < w - 1 ? b | 0x80 : b);
        }
    }

    /** Signed LEB128 (s33 and friends). */
    void signed(long v) {
        int w = width(Leb.signedWidth(v));
        ensure(w);
        for (int i = 0; i < w; i++) {
            int b = (int) (v & 0x7f);
            v >>= 7;
            buf[len++] = (byte) (i < w - 1 ? b | 0x80 : b);
        }
    }

    /** Section size: a u32 padded to {@code sizeWidth} (not an ordinal-numbered integer). */
    void sectionSize(int size, int sizeWidth) {
        long v = Integer.toUnsignedLong(size);
        int w = Math.max(Leb.unsignedWidth(v), sizeWidth);
        ensure(w);
        for (int i = 0; i < w; i++) {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            buf[len++] = (byte) (i < w - 1 ? b | 0x80 : b);
        }
    }

    /** {@code core:name}. */
    void name(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        u32(b.length);
        bytes(b);
    }

    void bool(boolean b) {
        u8(b ? 1 : 0);
    }
}
