package dev.dovetail.component;

import java.util.List;
import java.util.Objects;

/**
 * Reads the WIT of a component, as {@code wasm-tools component wit} does: a component becomes
 * world {@code root} of package {@code root:component}, whose imports and exports are the
 * component's; a WIT package encoded as a component (WIT.md "Package Format": only exports, each
 * a component type) becomes that package.
 *
 * <pre>{@code
 * DecodedWit wit = WitExtractor.extract(bytes);
 * String text = WitPrinter.print(wit.resolve(), wit.packageId());
 * }</pre>
 */
public final class WitExtractor {
    private WitExtractor() {}

    /**
     * Decodes and reads {@code bytes}.
     *
     * @throws ComponentFormatException if the bytes are not a well-formed component
     * @throws WitExtractionException if the component cannot be described in WIT
     */
    public static DecodedWit extract(byte[] bytes) {
        return extract(ComponentDecoder.decode(bytes));
    }

    /**
     * Reads a decoded component.
     *
     * @throws WitExtractionException if the component cannot be described in WIT
     */
    public static DecodedWit extract(Component component) {
        Objects.requireNonNull(component, "component");
        List<TypeElaborator.Extern> externs = TypeElaborator.externs(component);
        if (WitDecoder.isWitPackage(externs)) {
            return WitDecoder.witPackage(externs);
        }
        return WitDecoder.component(externs);
    }
}
