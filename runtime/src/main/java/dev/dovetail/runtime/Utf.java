package dev.dovetail.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Strict decoders for {@code load_string_from_range}: they reject what Python's {@code decode} rejects. */
final class Utf {
    private Utf() {}

    /** Thrown with the wording of the failure ({@code "invalid utf-8"}, ...). */
    static final class DecodeException extends Exception {
        private static final long serialVersionUID = 1L;

        DecodeException(String message) {
            super(message, null, false, false);
        }
    }

    static String decodeUtf8(byte[] b) throws DecodeException {
        // fast path, the JDK's (vectorised) decoder and encoder: the encoder only ever writes
        // well-formed UTF-8, so bytes that survive the round trip are well-formed, and
        // well-formed bytes always do; anything else goes the slow way, for the exact message
        String fast = new String(b, StandardCharsets.UTF_8);
        if (Arrays.equals(fast.getBytes(StandardCharsets.UTF_8), b)) {
            return fast;
        }
        return decodeUtf8Strictly(b);
    }

    /** The decoder that tells why input is not UTF-8. */
    static String decodeUtf8Strictly(byte[] b) throws DecodeException {
        StringBuilder sb = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                sb.append((char) c);
                i++;
                continue;
            }
            int n;
            int cp;
            int min;
            if (c >= 0xc2 && c <= 0xdf) {
                n = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                n = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                n = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                throw new DecodeException("invalid utf-8");
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length) {
                    throw new DecodeException("incomplete utf-8 byte sequence");
                }
                int cc = b[i + k] & 0xff;
                if ((cc & 0xc0) != 0x80) {
                    throw new DecodeException("invalid utf-8");
                }
                cp = (cp << 6) | (cc & 0x3f);
            }
            if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                throw new DecodeException("invalid utf-8");
            }
            sb.appendCodePoint(cp);
            i += n + 1;
        }
        return sb.toString();
    }

    static String decodeUtf16le(byte[] b) throws DecodeException {
        StringBuilder sb = new StringBuilder(b.length / 2);
        int n = b.length / 2;
        for (int i = 0; i < n; i++) {
            char c = (char) ((b[2 * i] & 0xff) | (b[2 * i + 1] & 0xff) << 8);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= n) {
                    throw new DecodeException("invalid utf-16: unpaired surrogate");
                }
                char d = (char) ((b[2 * i + 2] & 0xff) | (b[2 * i + 3] & 0xff) << 8);
                if (!Character.isLowSurrogate(d)) {
                    throw new DecodeException("invalid utf-16: unpaired surrogate");
                }
                sb.append(c).append(d);
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new DecodeException("invalid utf-16: unpaired surrogate");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * {@code s.getBytes(UTF_8).length}, without encoding: a lone surrogate counts one byte, as the
     * JDK's encoder replaces it with {@code ?}.
     */
    static long utf8Length(String s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static String decodeLatin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    static byte[] encodeUtf16le(String s) {
        byte[] out = new byte[s.length() * 2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out[2 * i] = (byte) c;
            out[2 * i + 1] = (byte) (c >> 8);
        }
        return out;
    }
}
