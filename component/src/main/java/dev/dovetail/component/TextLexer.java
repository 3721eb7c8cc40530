package dev.dovetail.component;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits component text into tokens (the lexical format of the core WebAssembly text format, which
 * Explainer.md's text format reuses): parentheses, strings, identifiers, keywords, integers and
 * other reserved tokens. White space, line comments ({@code ;;}), nested block comments ({@code (;
 * ;)}) and annotations this reader does not know (such as {@code (@foo ...)}) are skipped; the
 * ones it knows ({@code @name}, {@code @custom}, {@code @producers}) open with one token.
 */
final class TextLexer {
    /** Deepest parenthesis nesting accepted; keeps the recursive parser's stack small. */
    static final int MAX_DEPTH = 500;

    /** The annotations with a meaning in component text; all others are skipped. */
    private static final Set<String> KNOWN_ANNOTATIONS = Set.of("name", "custom", "producers");

    /** {@code ANNOTATION} is {@code (@name}, {@code (@custom} or {@code (@producers} as one token. */
    enum Kind { LPAREN, RPAREN, ANNOTATION, STRING, ID, KEYWORD, INTEGER, RESERVED, EOF }

    /**
     * One token. {@code text} is the source text (for identifiers, the name without {@code $});
     * {@code bytes} is the value of a string; {@code value} the value of an integer (-1 if it is
     * too large for a u32).
     */
    record Token(Kind kind, int line, int col, String text, byte[] bytes, long value) {
        String describe() {
            return switch (kind) {
                case LPAREN -> "`(`";
                case ANNOTATION -> "`(@" + text + "`";
                case RPAREN -> "`)`";
                case STRING -> "a string";
                case ID -> "identifier `$" + text + "`";
                case KEYWORD, INTEGER, RESERVED -> "`" + text + "`";
                case EOF -> "end of input";
            };
        }
    }

    private final String src;
    private final String file;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int colPos;
    private int colValue = 1;
    private final List<Token> out = new ArrayList<>();

    private TextLexer(String src, String file) {
        this.src = src;
        this.file = file;
    }

    /** All tokens of {@code src}, ending with an {@link Kind#EOF} token. */
    static List<Token> tokens(String src, String file) {
        TextLexer l = new TextLexer(src, file);
        l.run();
        return l.out;
    }

    private ComponentTextException error(int at, String reason) {
        return new ComponentTextException(file, lineOf(at), colOf(at), reason);
    }

    private int lineOf(int at) {
        int n = 1;
        for (int i = 0; i < at && i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private int colOf(int at) {
        int a = Math.min(at, src.length());
        int start = src.lastIndexOf('\n', a - 1) + 1;
        if (start == 0 && a > 0 && src.charAt(0) == '\uFEFF') {
            start = 1; // a byte order mark takes no column
        }
        return src.codePointCount(start, a) + 1;
    }

    /** The column of {@code pos}; incremental, since tokens only move forward. */
    private int col() {
        if (colPos < lineStart || colPos > pos) {
            colPos = lineStart;
            colValue = 1;
        }
        colValue += src.codePointCount(colPos, pos);
        colPos = pos;
        return colValue;
    }

    private void add(Kind kind, int startLine, int startCol, String text, byte[] bytes, long value) {
        out.add(new Token(kind, startLine, startCol, text, bytes, value));
    }

    private void run() {
        int depth = 0;
        int skipDepth = 0; // > 0 while inside an unknown annotation
        int skipStart = 0;
        if (src.startsWith("\uFEFF")) {
            pos = 1;
            lineStart = 1;
        }
        while (true) {
            skipBlank();
            if (pos >= src.length()) {
                if (skipDepth > 0) {
                    throw error(skipStart, "unterminated annotation");
                }
                add(Kind.EOF, line, col(), "", null, 0);
                return;
            }
            int start = pos;
            int startLine = line;
            int startCol = col();
            char c = src.charAt(pos);
            if (c == '(') {
                pos++;
                if (pos < src.length() && src.charAt(pos) == '@') {
                    int idStart = ++pos;
                    while (pos < src.length() && isIdChar(src.charAt(pos))) {
                        pos++;
                    }
                    String name = src.substring(idStart, pos);
                    if (name.isEmpty()) {
                        throw error(start, "malformed annotation: expected a name after `(@`");
                    }
                    if (skipDepth == 0 && KNOWN_ANNOTATIONS.contains(name)) {
                        requireSeparator();
                        depth++;
                        checkDepth(depth, start);
                        add(Kind.ANNOTATION, startLine, startCol, name, null, 0);
                        continue;
                    }
                    if (skipDepth == 0) {
                        skipStart = start;
                    }
                    skipDepth++;
                    checkDepth(depth + skipDepth, start);
                    continue;
                }
                if (skipDepth > 0) {
                    skipDepth++;
                    checkDepth(depth + skipDepth, start);
                } else {
                    depth++;
                    checkDepth(depth, start);
                    add(Kind.LPAREN, startLine, startCol, "(", null, 0);
                }
            } else if (c == ')') {
                pos++;
                if (skipDepth > 0) {
                    skipDepth--;
                } else {
                    depth--;
                    add(Kind.RPAREN, startLine, startCol, ")", null, 0);
                }
            } else if (c == '"') {
                byte[] value = string();
                requireSeparator();
                if (skipDepth == 0) {
                    add(Kind.STRING, startLine, startCol, src.substring(start, pos), value, 0);
                }
            } else if (isIdChar(c)) {
                while (pos < src.length() && isIdChar(src.charAt(pos))) {
                    pos++;
                }
                String text = src.substring(start, pos);
                if (text.equals("$") && pos < src.length() && src.charAt(pos) == '"') {
                    // $"..." : an identifier written as a string
                    byte[] value = string();
                    requireSeparator();
                    if (skipDepth == 0) {
                        String name = TextParser.utf8(value);
                        if (name == null) {
                            throw error(start, "malformed UTF-8 encoding in identifier");
                        }
                        if (name.isEmpty()) {
                            throw error(start, "empty identifier");
                        }
                        add(Kind.ID, startLine, startCol, name, null, 0);
                    }
                    continue;
                }
                requireSeparator();
                if (skipDepth > 0) {
                    continue;
                }
                if (c == '$') {
                    if (text.length() == 1) {
                        throw error(start, "empty identifier");
                    }
                    add(Kind.ID, startLine, startCol, text.substring(1), null, 0);
                } else if (c >= '0' && c <= '9' && isInteger(text)) {
                    add(Kind.INTEGER, startLine, startCol, text, null, integerValue(text));
                } else if (c == '+' && text.length() > 1 && isInteger(text.substring(1))) {
                    // a u32 may carry a plus sign
                    add(Kind.INTEGER, startLine, startCol, text, null, integerValue(text.substring(1)));
                } else if (c >= 'a' && c <= 'z') {
                    add(Kind.KEYWORD, startLine, startCol, text, null, 0);
                } else {
                    add(Kind.RESERVED, startLine, startCol, text, null, 0);
                }
            } else {
                throw error(start, "unexpected character " + describeChar(src.codePointAt(pos)));
            }
        }
    }

    private void checkDepth(int depth, int at) {
        if (depth > MAX_DEPTH) {
            throw error(at, "parentheses nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private static String describeChar(int cp) {
        if (cp >= 0x21 && cp < 0x7f) {
            return "`" + (char) cp + "`";
        }
        return String.format("U+%04X", cp);
    }

    /** A token must be followed by white space, a parenthesis, a comment or the end. */
    private void requireSeparator() {
        if (pos >= src.length()) {
            return;
        }
        char c = src.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')'
                || (c == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ';')) {
            return;
        }
        throw error(pos, "expected white space or a parenthesis after a token, found " + describeChar(src.codePointAt(pos)));
    }

    /** White space and comments. */
    private void skipBlank() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '(' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                blockComment();
            } else {
                return;
            }
        }
    }

    // blockcomment ::= '(;' (blockchar | blockcomment)* ';)'
    private void blockComment() {
        int start = pos;
        int nesting = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '(' && pos + 1 < src.length() && src.charAt(pos + 1) == ';') {
                nesting++;
                pos += 2;
            } else if (c == ';' && pos + 1 < src.length() && src.charAt(pos + 1) == ')') {
                nesting--;
                pos += 2;
                if (nesting == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                    lineStart = pos + 1;
                }
                pos++;
            }
        }
        throw error(start, "unterminated block comment");
    }

    // string ::= '"' stringelem* '"'
    private byte[] string() {
        int start = pos;
        pos++; // "
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            if (pos >= src.length()) {
                throw error(start, "unterminated string");
            }
            int at = pos;
            int cp = src.codePointAt(pos);
            pos += Character.charCount(cp);
            if (cp == '"') {
                return b.toByteArray();
            }
            if (cp == '\\') {
                escape(b, at);
            } else if (cp < 0x20 || cp == 0x7f) {
                throw error(at, "invalid character in string " + describeChar(cp));
            } else if (Character.isSurrogate((char) cp)) {
                throw error(at, "invalid character in string: unpaired surrogate");
            } else {
                utf8(b, cp);
            }
        }
    }

    private void escape(ByteArrayOutputStream b, int at) {
        if (pos >= src.length()) {
            throw error(at, "unterminated string");
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 't' -> b.write('\t');
            case 'n' -> b.write('\n');
            case 'r' -> b.write('\r');
            case '"' -> b.write('"');
            case '\'' -> b.write('\'');
            case '\\' -> b.write('\\');
            case 'u' -> {
                if (pos >= src.length() || src.charAt(pos) != '{') {
                    throw error(at, "malformed string escape: expected `\\u{...}`");
                }
                pos++;
                int digits = 0;
                long v = 0;
                while (pos < src.length() && (hex(src.charAt(pos)) >= 0 || src.charAt(pos) == '_')) {
                    char h = src.charAt(pos++);
                    if (h == '_') {
                        continue;
                    }
                    digits++;
                    v = Math.min(v * 16 + hex(h), 0x7fff_ffffL);
                }
                if (digits == 0 || pos >= src.length() || src.charAt(pos) != '}') {
                    throw error(at, "malformed string escape: expected `\\u{...}`");
                }
                pos++;
                if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
                    throw error(at, "invalid Unicode scalar value in string escape");
                }
                utf8(b, (int) v);
            }
            default -> {
                if (hex(c) < 0 || pos >= src.length() || hex(src.charAt(pos)) < 0) {
                    throw error(at, "malformed string escape");
                }
                b.write(hex(c) * 16 + hex(src.charAt(pos++)));
            }
        }
    }

    private static void utf8(ByteArrayOutputStream b, int cp) {
        if (cp < 0x80) {
            b.write(cp);
        } else if (cp < 0x800) {
            b.write(0xc0 | (cp >> 6));
            b.write(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            b.write(0xe0 | (cp >> 12));
            b.write(0x80 | ((cp >> 6) & 0x3f));
            b.write(0x80 | (cp & 0x3f));
        } else {
            b.write(0xf0 | (cp >> 18));
            b.write(0x80 | ((cp >> 12) & 0x3f));
            b.write(0x80 | ((cp >> 6) & 0x3f));
            b.write(0x80 | (cp & 0x3f));
        }
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    // idchar ::= '0'..'9' | 'A'..'Z' | 'a'..'z' | '!' | '#' | '$' | '%' | '&' | ''' | '*' | '+'
    //          | '-' | '.' | '/' | ':' | '<' | '=' | '>' | '?' | '@' | '\' | '^' | '_' | '`' | '|' | '~'
    static boolean isIdChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                || "!#$%&'*+-./:<=>?@\\^_`|~".indexOf(c) >= 0;
    }

    // num ::= digit ('_'? digit)* ; hexnum ::= hexdigit ('_'? hexdigit)*
    private static boolean isInteger(String t) {
        boolean isHex = t.startsWith("0x");
        String digits = isHex ? t.substring(2) : t;
        if (digits.isEmpty() || digits.startsWith("_") || digits.endsWith("_") || digits.contains("__")) {
            return false;
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c != '_' && (isHex ? hex(c) < 0 : (c < '0' || c > '9'))) {
                return false;
            }
        }
        return true;
    }

    /** The value of an integer token, or -1 if it does not fit in a u32. */
    private static long integerValue(String t) {
        boolean isHex = t.startsWith("0x");
        String digits = (isHex ? t.substring(2) : t).replace("_", "");
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            v = v * (isHex ? 16 : 10) + (isHex ? hex(digits.charAt(i)) : digits.charAt(i) - '0');
            if (v > 0xffff_ffffL) {
                return -1;
            }
        }
        return v;
    }
}
