package dev.dovetail.runtime.wast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value, as much of it as the command scripts need, and a strict reader (RFC 8259). The
 * accessors follow the script's shape: {@link #path} of an absent member or of a non-object is
 * {@link #MISSING}, whose {@link #text()} is empty, so a reader can walk a path without checks.
 * Numbers keep their text; the scripts write every wide number as a string anyway.
 */
final class Json implements Iterable<Json> {
    private enum Kind {
        OBJECT,
        ARRAY,
        STRING,
        NUMBER,
        BOOLEAN,
        NULL,
        MISSING
    }

    /** What {@link #path} returns for an absent member. */
    static final Json MISSING = new Json(Kind.MISSING, null);
    private static final Json NULL = new Json(Kind.NULL, null);
    private static final Json TRUE = new Json(Kind.BOOLEAN, true);
    private static final Json FALSE = new Json(Kind.BOOLEAN, false);

    private final Kind kind;
    private final Object value; // Map<String, Json>, List<Json>, String (string or number text), Boolean

    private Json(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    /** Parses a complete JSON text. */
    static Json parse(String text) {
        Reader r = new Reader(text);
        r.skipSpace();
        Json v = r.value(0);
        r.skipSpace();
        if (r.pos != text.length()) {
            throw r.error("trailing characters");
        }
        return v;
    }

    /** The member {@code name} of an object; {@link #MISSING} if there is none. */
    Json path(String name) {
        if (kind == Kind.OBJECT) {
            Json v = members().get(name);
            return v == null ? MISSING : v;
        }
        return MISSING;
    }

    /** Whether this is an object with a member {@code name} (which may be {@code null}). */
    boolean has(String name) {
        return kind == Kind.OBJECT && members().containsKey(name);
    }

    /** The {@code i}-th element of an array, or {@link #MISSING}. */
    Json get(int i) {
        if (kind == Kind.ARRAY && i >= 0 && i < elements().size()) {
            return elements().get(i);
        }
        return MISSING;
    }

    /** The member {@code name}, or {@link #MISSING}. */
    Json get(String name) {
        return path(name);
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean isMissing() {
        return kind == Kind.MISSING;
    }

    /** The number of elements or members; 0 for anything else. */
    int size() {
        return switch (kind) {
            case ARRAY -> elements().size();
            case OBJECT -> members().size();
            default -> 0;
        };
    }

    /** A string's value, a number's or boolean's text, {@code "null"}, or {@code ""} for the rest. */
    String text() {
        return switch (kind) {
            case STRING, NUMBER -> (String) value;
            case BOOLEAN -> value.toString();
            case NULL -> "null";
            default -> "";
        };
    }

    /** {@link #text()}, or {@code fallback} for {@code null} and {@link #MISSING}. */
    String text(String fallback) {
        return kind == Kind.NULL || kind == Kind.MISSING ? fallback : text();
    }

    /** A boolean, a number's or string's truth as an integer; {@code false} otherwise. */
    boolean bool() {
        return switch (kind) {
            case BOOLEAN -> (Boolean) value;
            case STRING -> "true".equals(value);
            case NUMBER -> asLong() != 0;
            default -> false;
        };
    }

    /** An integral number (or a string holding one); 0 otherwise. */
    int asInt() {
        return (int) asLong();
    }

    private long asLong() {
        if (kind != Kind.NUMBER && kind != Kind.STRING) {
            return 0;
        }
        try {
            return Long.parseLong((String) value);
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble((String) value);
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    /** The elements of an array, the member values of an object, nothing for the rest. */
    @Override
    public Iterator<Json> iterator() {
        return switch (kind) {
            case ARRAY -> elements().iterator();
            case OBJECT -> members().values().iterator();
            default -> Collections.emptyIterator();
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Json> members() {
        return (Map<String, Json>) value;
    }

    @SuppressWarnings("unchecked")
    private List<Json> elements() {
        return (List<Json>) value;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        write(sb);
        return sb.toString();
    }

    private void write(StringBuilder sb) {
        switch (kind) {
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, Json> e : members().entrySet()) {
                    sb.append(first ? "" : ",");
                    first = false;
                    quote(sb, e.getKey());
                    sb.append(':');
                    e.getValue().write(sb);
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                for (int i = 0; i < elements().size(); i++) {
                    sb.append(i == 0 ? "" : ",");
                    elements().get(i).write(sb);
                }
                sb.append(']');
            }
            case STRING -> quote(sb, (String) value);
            case NUMBER, BOOLEAN -> sb.append(value);
            case NULL -> sb.append("null");
            case MISSING -> sb.append("");
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A recursive-descent reader; nesting is limited so that bad input cannot overflow the stack. */
    private static final class Reader {
        private static final int MAX_DEPTH = 512;
        private final String s;
        private int pos;

        Reader(String s) {
            this.s = s;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("malformed JSON at offset " + pos + ": " + what);
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    break;
                }
                pos++;
            }
        }

        Json value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested too deeply");
            }
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Json> members = new LinkedHashMap<>();
                    skipSpace();
                    if (peek('}')) {
                        pos++;
                        return new Json(Kind.OBJECT, members);
                    }
                    while (true) {
                        skipSpace();
                        if (!peek('"')) {
                            throw error("expected a member name");
                        }
                        String name = string();
                        skipSpace();
                        expect(':');
                        skipSpace();
                        members.put(name, value(depth + 1));
                        skipSpace();
                        if (peek(',')) {
                            pos++;
                        } else {
                            expect('}');
                            return new Json(Kind.OBJECT, members);
                        }
                    }
                }
                case '[' -> {
                    pos++;
                    List<Json> elements = new ArrayList<>();
                    skipSpace();
                    if (peek(']')) {
                        pos++;
                        return new Json(Kind.ARRAY, elements);
                    }
                    while (true) {
                        skipSpace();
                        elements.add(value(depth + 1));
                        skipSpace();
                        if (peek(',')) {
                            pos++;
                        } else {
                            expect(']');
                            return new Json(Kind.ARRAY, elements);
                        }
                    }
                }
                case '"' -> {
                    return new Json(Kind.STRING, string());
                }
                case 't' -> {
                    literal("true");
                    return TRUE;
                }
                case 'f' -> {
                    literal("false");
                    return FALSE;
                }
                case 'n' -> {
                    literal("null");
                    return NULL;
                }
                default -> {
                    return number();
                }
            }
        }

        private boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
        }

        private Json number() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            int digits = digits();
            if (digits == 0) {
                throw error("unexpected character");
            }
            if (digits > 1 && s.charAt(pos - digits) == '0') {
                throw error("leading zero");
            }
            if (peek('.')) {
                pos++;
                if (digits() == 0) {
                    throw error("digits expected after '.'");
                }
            }
            if (peek('e') || peek('E')) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw error("digits expected in the exponent");
                }
            }
            return new Json(Kind.NUMBER, s.substring(start, pos));
        }

        private int digits() {
            int n = 0;
            while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                pos++;
                n++;
            }
            return n;
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        int unit = 0;
                        for (int i = 0; i < 4; i++) {
                            int d = Character.digit(s.charAt(pos + i), 16);
                            if (d < 0) {
                                throw error("bad \\u escape");
                            }
                            unit = unit * 16 + d;
                        }
                        sb.append((char) unit);
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }
    }
}
