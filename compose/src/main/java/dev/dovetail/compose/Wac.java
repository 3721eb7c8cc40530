package dev.dovetail.compose;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * WAC, the composition language of the {@code wac} tool (bytecodealliance/wac, LANGUAGE.md):
 * {@code let} instantiates packages with {@code new ns:pkg { arg: expr, ... }}, {@code import}
 * and {@code export} name the composition's imports and exports. The packages are components
 * found by a {@link PackageResolver}; the result is one component, built with a {@link
 * CompositionGraph}.
 *
 * <p>Not supported (reported as such, with the location): type statements ({@code interface},
 * {@code world}, {@code type}, {@code record}, ..., {@code use}), imports of inline types,
 * {@code targets}, {@code new} of an imported component, and access to the exports of imports or
 * of exported instances.
 */
public final class Wac {
    private Wac() {}

    /**
     * Parses a WAC document.
     *
     * @param file shown in error locations; may be null
     * @throws CompositionException on a syntax error, with its location
     */
    public static WacAst.Document parse(String source, Path file) {
        Objects.requireNonNull(source, "source");
        return WacAstBuilder.parse(new WacSource(file, source));
    }

    /**
     * Composes the WAC file {@code wacFile} into a component binary.
     *
     * @throws CompositionException if the file cannot be read or parsed, a package is unknown, or the
     *     composition is invalid; errors in the file carry its location
     */
    public static byte[] compose(Path wacFile, PackageResolver packages) {
        Objects.requireNonNull(wacFile, "wacFile");
        return compose(read(wacFile), wacFile, packages);
    }

    /** Composes WAC {@code source} ({@code file} is for messages and may be null). */
    public static byte[] compose(String source, Path file, PackageResolver packages) {
        return compose(parse(source, file), packages);
    }

    /** Composes a parsed document. */
    public static byte[] compose(WacAst.Document document, PackageResolver packages) {
        return graph(document, packages).encode();
    }

    /**
     * The graph a document describes, every statement applied but not encoded, for callers that
     * add to it or inspect it first.
     */
    public static CompositionGraph graph(WacAst.Document document, PackageResolver packages) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(packages, "packages");
        return WacResolver.resolve(document, packages);
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CompositionException("cannot read `" + file + "`: " + e.getMessage(), e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CompositionException("`" + file + "` is not valid UTF-8", e);
        }
    }
}
