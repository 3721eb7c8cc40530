package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict UTF-8 decoder of {@code load_string_from_range}, fast path and slow path alike. */
class UtfTest {
    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    @Test
    void wellFormedInputDecodes() throws Utf.DecodeException {
        for (String s : new String[] {"", "ascii", "é€", "🍰 cake", "\u0000\u007f\u0080\u07ff\u0800\uffff", "\ud83c\udf70"}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            assertEquals(s, Utf.decodeUtf8(b));
            assertEquals(s, Utf.decodeUtf8Strictly(b));
        }
    }

    @Test
    void utf8LengthIsTheEncodedLength() {
        for (String s : new String[] {"", "a", "é", "€", "🍰", "a\ud800b", "\udc00", "\ud83c", "x\ud83c\udf70\u07ff\u0800"}) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Utf.utf8Length(s), s);
        }
    }

    @Test
    void malformedInputIsRejectedWithItsReason() {
        int[][] bad = {
            {0x80}, {0xc0, 0x80}, {0xc1, 0xbf}, {0xe0, 0x80, 0x80}, {0xed, 0xa0, 0x80}, {0xed, 0xbf, 0xbf},
            {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0xff}, {0xe2, 0x82}, {0x61, 0xf0, 0x9f, 0x8d},
            {0xef, 0xbf, 0xbd, 0x80}, {0xc3, 0x28}
        };
        for (int[] b : bad) {
            Utf.DecodeException e = assertThrows(Utf.DecodeException.class, () -> Utf.decodeUtf8(bytes(b)));
            assertEquals(true, e.getMessage().contains("utf-8"), e.getMessage());
        }
        assertEquals("incomplete utf-8 byte sequence",
                assertThrows(Utf.DecodeException.class, () -> Utf.decodeUtf8(bytes(0xe2, 0x82))).getMessage());
    }
}
