package dev.dovetail.component;

import java.util.Objects;

/**
 * Reads the component text format (Explainer.md, whose grammar doubles as the text format),
 * limited to what WIT packages encoded as components use: type definitions, not code.
 *
 * <p>Supported: {@code (component $id? ...)} with {@code type} definitions (every {@code
 * defvaltype}, {@code func} types incl. {@code async}, {@code component} and {@code instance}
 * types, {@code (resource (rep i32|i64))}), {@code import}s (also written inverted, e.g. {@code
 * (instance $i (import "n") ...)}), {@code export}s with optional type ascription, {@code alias
 * export} / {@code alias outer}, nested {@code component}s, name attributes ({@code implements},
 * {@code versionsuffix}, {@code external-id}), identifiers and numeric indices, inline type
 * expressions, inline export aliases {@code (type $i "name")}, inline {@code (export "n")}s,
 * identifiers of enclosing scopes (desugared to outer aliases), strings with escapes, and
 * comments. Unknown annotations {@code (@...)} are skipped.
 *
 * <p>Rejected, with a message saying that only type definitions are supported: core modules,
 * instances and types, {@code canon}, {@code start}, value definitions and {@code value} types,
 * component instances other than imports, resource destructors, and the {@code @name}, {@code
 * @custom} and {@code @producers} annotations.
 *
 * <p>The result is what {@link ComponentDecoder} returns for the binary the reference text parser
 * ({@code wasm-tools parse}, {@code jco parse}) writes for the same text, so {@link
 * ComponentEncoder#encode} gives the same bytes: inline types are hoisted the same way, sections
 * are grouped the same way, and identifiers are recorded in a {@code component-name} custom
 * section. Nothing is validated beyond the grammar and name resolution.
 */
public final class ComponentText {
    private ComponentText() {}

    /**
     * Parses {@code text}, a single {@code (component ...)}.
     *
     * @param fileName used in messages only
     * @throws ComponentTextException on malformed text, unknown or duplicate identifiers, or
     *     definitions outside the supported subset, with line and column
     */
    public static Component parse(String text, String fileName) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(fileName, "fileName");
        return TextLowering.lower(TextParser.parse(text, fileName), fileName);
    }
}
