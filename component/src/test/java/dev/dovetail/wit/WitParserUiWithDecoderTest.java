package dev.dovetail.wit;

/**
 * The WIT parser's conformance test again, now with {@code dovetail-component} on the class path:
 * WIT packages encoded as components ({@code .wasm}, and {@code .wat} in the text format) are
 * decoded, so the cases that hold them must pass too and the known-failures list is empty.
 */
class WitParserUiWithDecoderTest extends WitParserConformanceTest {

    @Override
    String label() {
        return "wit-parser-ui (with component decoder)";
    }

    @Override
    String knownFailuresResource() {
        return "/wit-parser-ui-with-decoder-known-failures.txt";
    }
}
