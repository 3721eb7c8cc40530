package dev.dovetail.component;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitException;
import dev.dovetail.wit.spi.BinaryPackageDecoder;
import java.nio.file.Path;

/**
 * Lets the WIT parser read WIT packages encoded as components ({@code .wasm} files, and
 * {@code .wat} files in the text format, WIT.md "Package Format"): registered for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 * Use {@link WitExtractor} directly otherwise.
 */
public final class ComponentPackageDecoder implements BinaryPackageDecoder {

    @Override
    public ResolvedWit decode(byte[] bytes, Path path) {
        DecodedWit wit;
        try {
            wit = WitExtractor.extract(bytes);
        } catch (ComponentFormatException | WitExtractionException e) {
            throw new WitException("failed to decode WIT package from component [" + path + "]: " + e.getMessage(), path);
        }
        if (!(wit instanceof DecodedWit.WitPackage)) {
            throw new WitException("found an actual component instead of an encoded WIT package [" + path + "]", path);
        }
        return wit.toResolvedWit();
    }

    @Override
    public ResolvedWit decodeText(String text, Path path) {
        DecodedWit wit;
        try {
            wit = WitExtractor.extract(ComponentText.parse(text, String.valueOf(path)));
        } catch (ComponentTextException | ComponentFormatException | WitExtractionException e) {
            throw new WitException("failed to decode WIT package from component text [" + path + "]: " + e.getMessage(), path);
        }
        if (!(wit instanceof DecodedWit.WitPackage)) {
            throw new WitException("found an actual component instead of an encoded WIT package [" + path + "]", path);
        }
        return wit.toResolvedWit();
    }
}
