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
        try {
            List<TypeElaborator.Extern> externs = TypeElaborator.externs(component);
            if (WitDecoder.isWitPackage(externs)) {
                return WitDecoder.witPackage(externs);
            }
            return WitDecoder.component(externs);
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /**
     * {@link TypeElaborator#MAX_DEPTH} keeps the recursion over nested types bounded, but how many
     * of those levels fit in a thread's stack depends on its size and on how the JIT compiled the
     * recursive methods (the full test suite once overflowed a 1 MB stack at 1,000 levels): a stack
     * overflow is reported as the limit it stands for, as {@link ComponentDecoder} does.
     */
    static WitExtractionException tooDeep() {
        return new WitExtractionException("types are nested more than the thread's stack allows (the limit is "
                + TypeElaborator.MAX_DEPTH + " levels)");
    }
}
