package dev.dovetail.component;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Bounds-checked cursor over the input. Positions are absolute indices into the whole input, so
 * nested components are read in place and every error carries its absolute offset.
 *
 * <p>While a section payload is read, every LEB128 integer gets an ordinal; non-minimal widths
 * are recorded by ordinal (see {@link SectionEncoding}).
 */
final class Reader {
    private final byte[] buf;
    private int pos;
    private int limit;
    private String section;

    private boolean recording;
    private int lebOrdinal;
    private Map<Integer, Integer> lebWidths = new HashMap<>();

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    Reader(byte[] buf) {
        this.buf = buf;
        this.pos = 0;
        this.limit = buf.length;
    }

    int pos() {
        return pos;
    }

    int limit() {
        return limit;
    }

    int remaining() {
        return limit - pos;
    }

    boolean atEnd() {
        return pos >= limit;
    }

    /** Sets the end of the current region; returns the previous one (for {@link #restoreLimit}). */
    int pushLimit(int end) {
        int old = limit;
        limit = end;
        return old;
    }

    void restoreLimit(int old) {
        limit = old;
    }

    String section() {
        return section;
    }

    void section(String name) {
        section = name;
    }

    ComponentFormatException error(String reason) {
        return new ComponentFormatException(pos, section, reason);
    }

    ComponentFormatException errorAt(int at, String reason) {
        return new ComponentFormatException(at, section, reason);
    }

    ComponentFormatException invalidLeadingByte(int b, int at, String what) {
        return errorAt(at, "invalid leading byte (0x" + Integer.toHexString(b) + ") for " + what);
    }

    // ---- LEB128 width recording

    /** Starts recording LEB128 widths for a section payload. */
    void beginRecording() {
        recording = true;
        lebOrdinal = 0;
        lebWidths = new HashMap<>();
    }

    /** Stops recording and returns the non-minimal widths seen. */
    Map<Integer, Integer> endRecording() {
        recording = false;
        Map<Integer, Integer> out = lebWidths;
        lebWidths = new HashMap<>();
        return out;
    }

    /** Suspends recording (for bytes kept raw); returns the state for {@link #resumeRecording}. */
    boolean pauseRecording() {
        boolean was = recording;
        recording = false;
        return was;
    }

    void resumeRecording(boolean was) {
        recording = was;
    }

    private void noteWidth(int width, int minimal) {
        if (recording) {
            int ordinal = lebOrdinal++;
            if (width != minimal) {
                lebWidths.put(ordinal, width);
            }
        }
    }

    // ---- primitives

    int u8() {
        if (pos >= limit) {
            throw error("unexpected end-of-file");
        }
        return buf[pos++] & 0xff;
    }

    int peek() {
        if (pos >= limit) {
            throw error("unexpected end-of-file");
        }
        return buf[pos] & 0xff;
    }

    /** {@code core:u32}: at most 5 bytes, unused bits of the last byte zero. */
    int u32() {
        int start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            int width = pos - start;
            if (width == 5 && (b & 0xf0) != 0) {
                throw errorAt(pos - 1, (b & 0x80) != 0
                        ? "invalid var_u32: integer representation too long"
                        : "invalid var_u32: integer too large");
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                noteWidth(width, Leb.unsignedWidth(result));
                return (int) result;
            }
            shift += 7;
        }
    }

    /** {@code core:u64}: at most 10 bytes, unused bits of the last byte zero. */
    long u64() {
        int start = pos;
        long result = 0;
        int shift = 0;
        while (true) {
            int b = u8();
            int width = pos - start;
            if (width == 10 && (b & 0xfe) != 0) {
                throw errorAt(pos - 1, (b & 0x80) != 0
                        ? "invalid var_u64: integer representation too long"
                        : "invalid var_u64: integer too large");
            }
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                noteWidth(width, Leb.unsignedWidth(result));
                return result;
            }
            shift += 7;
        }
    }

    /** {@code core:s33}: at most 5 bytes, unused bits of the last byte a sign extension. */
    long s33() {
        int start = pos;
        long result = 0;
        int shift = 0;
        int b;
        while (true) {
            b = u8();
            int width = pos - start;
            if (width == 5) {
                if ((b & 0x80) != 0) {
                    throw errorAt(pos - 1, "invalid var_s33: integer representation too long");
                }
                int high = b & 0x70;
                if (high != 0 && high != 0x70) {
                    throw errorAt(pos - 1, "invalid var_s33: integer too large");
                }
            }
            result |= (long) (b & 0x7f) << shift;
            shift += 7;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        // 5 * 7 = 35 bits read; keep 33 significant bits
        result = (result << 31) >> 31;
        noteWidth(pos - start, Leb.signedWidth(result));
        return result;
    }

    /** Checks that {@code n} bytes remain and returns the current position, then skips them. */
    int skip(long n) {
        if (n < 0 || n > remaining()) {
            throw error("unexpected end-of-file");
        }
        int at = pos;
        pos += (int) n;
        return at;
    }

    /** {@code core:name}: a length-prefixed UTF-8 string. */
    String name() {
        long len = Integer.toUnsignedLong(u32());
        int start = pos;
        skip(len);
        int n = (int) len;
        boolean ascii = true;
        for (int i = start; i < start + n; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, start, n, StandardCharsets.ISO_8859_1);
        }
        try {
            utf8.reset();
            return utf8.decode(ByteBuffer.wrap(buf, start, n)).toString();
        } catch (CharacterCodingException e) {
            throw errorAt(start, "malformed UTF-8 encoding");
        }
    }

    /** A vector length: every item takes at least one byte, so it is bounded by the remaining input. */
    int vecLen() {
        int at = pos;
        long n = Integer.toUnsignedLong(u32());
        if (n > remaining()) {
            throw errorAt(at, "unexpected end-of-file: vector length " + n + " exceeds the remaining "
                    + remaining() + " bytes");
        }
        return (int) n;
    }

    /** {@code 0x00 | 0x01} as false/true. */
    boolean bool() {
        int at = pos;
        int b = u8();
        return switch (b) {
            case 0x00 -> false;
            case 0x01 -> true;
            default -> throw errorAt(at, "invalid boolean value (0x" + Integer.toHexString(b) + ")");
        };
    }

    Bytes bytes(int start, int length) {
        return Bytes.of(buf, start, length);
    }

    byte byteAt(int i) {
        return buf[i];
    }
}
