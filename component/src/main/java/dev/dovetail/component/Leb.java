package dev.dovetail.component;

/** LEB128 widths. */
final class Leb {
    private Leb() {}

    /** Minimal unsigned LEB128 width of {@code v} (treated as unsigned). */
    static int unsignedWidth(long v) {
        int w = 1;
        while ((v >>>= 7) != 0) {
            w++;
        }
        return w;
    }

    /** Minimal signed LEB128 width of {@code v}. */
    static int signedWidth(long v) {
        int w = 1;
        while (true) {
            long b = v & 0x7f;
            v >>= 7;
            if ((v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0)) {
                return w;
            }
            w++;
        }
    }
}
