package dev.dovetail.component;

import java.util.Map;
import java.util.Objects;

/**
 * How a section's integers were written, where the binary format allows a choice.
 *
 * <p>LEB128 integers may be padded ("overlong") as long as the padding bits are zero (or
 * sign bits). To re-encode a decoded component byte for byte, the decoder records every
 * non-minimal width: {@code sizeWidth} for the section's size field, and {@code lebWidths}
 * mapping the ordinal of a LEB128 integer inside the section payload (0 for the first one
 * written, in encoding order) to its width in bytes. The encoder writes each integer with
 * {@code max(minimal width, recorded width)}, so a hint never produces an invalid encoding,
 * even if the section's content was changed. {@link #MINIMAL} (no hints) is what freshly
 * built sections use.
 *
 * @param sizeWidth width of the section size field in bytes, or 0 for minimal
 * @param lebWidths non-minimal widths by LEB128 ordinal within the payload
 */
public record SectionEncoding(int sizeWidth, Map<Integer, Integer> lebWidths) {
    public static final SectionEncoding MINIMAL = new SectionEncoding(0, Map.of());

    public SectionEncoding {
        lebWidths = Map.copyOf(Objects.requireNonNull(lebWidths));
    }

    public boolean isMinimal() {
        return sizeWidth == 0 && lebWidths.isEmpty();
    }
}
