package dev.dovetail.cli;

import dev.dovetail.runtime.Val;
import dev.dovetail.runtime.ValueType;
import dev.dovetail.runtime.ValueType.Primitive;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The text form of component values on the command line, typed by the component's own types (the
 * notation of the WAVE format of the wasm-tools family):
 *
 * <pre>
 * true  false                        bool
 * 42  -7                             integers
 * 1.5  -0.25e3  nan  inf  -inf       f32, f64
 * 'x'  '&#92;u{1f370}'               char
 * "text\n"                           string (escapes \" \' \\ \n \r \t &#92;u{hex})
 * [1, 2, 3]                          list
 * (1, "a")                           tuple
 * {name: "x", age: 4}                record (option fields may be left out: none)
 * circle(1.5)  empty                 variant case, with or without payload
 * red                                enum case
 * some(1)  none                      option
 * ok(1)  ok  err("no")  err          result
 * {read, write}  {}                  flags
 * </pre>
 *
 * <p>Labels are kebab-case; one that is also a keyword ({@code true}, {@code none}, ...) is
 * written with a {@code %} in front. A call is {@code name(arg, ...)}, where {@code name} is an
 * export name, or an exported instance's name and a function name joined by {@code #}
 * ({@code ns:pkg/iface#f}).
 */
final class ValueSyntax {
    private static final Set<String> KEYWORDS = Set.of("true", "false", "some", "none", "ok", "err", "inf", "nan");

    private ValueSyntax() {}

    /** A call's function name, split at {@code #} into export path segments, and its argument text. */
    record Call(List<String> path, Parser arguments) {}

    /** Reads {@code name(args)}: the name now, the arguments once the function's type is known. */
    static Call call(String text) {
        int open = text.indexOf('(');
        String name = (open < 0 ? text : text.substring(0, open)).strip();
        if (name.isEmpty()) {
            throw new CliException(error(text, 0, "expected a function name, as in f(1, \"a\")"));
        }
        List<String> path = new ArrayList<>();
        for (String segment : name.split("#", -1)) {
            if (segment.isBlank()) {
                throw new CliException(error(text, 0, "empty name segment in \"" + name + "\""));
            }
            path.add(segment.strip());
        }
        return new Call(path, new Parser(text, open < 0 ? text.length() : open));
    }

    /** Parses one value of type {@code type} (the whole text). */
    static Val parse(String text, ValueType type) {
        Parser p = new Parser(text, 0);
        Val v = p.value(type);
        p.end();
        return v;
    }

    private static String error(String text, int at, String message) {
        return message + " at column " + (at + 1) + "\n  " + text + "\n  " + " ".repeat(at) + "^";
    }

    /** A cursor over the text of a call or value. */
    static final class Parser {
        private final String text;
        private int pos;

        Parser(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        /** {@code (v1, v2, ...)} typed by {@code types}; nothing at all means no arguments. */
        List<Val> arguments(List<ValueType> types) {
            space();
            List<Val> args = new ArrayList<>();
            if (pos == text.length()) {
                if (!types.isEmpty()) {
                    throw fail("expected (...) with " + types.size() + " argument(s)");
                }
                return args;
            }
            expect('(');
            for (int i = 0; i < types.size(); i++) {
                if (i > 0) {
                    expectSeparator(')', "expected ',' and " + (types.size() - i) + " more argument(s) of type "
                            + types.get(i));
                }
                space();
                if (peek(')')) {
                    throw fail("expected " + types.size() + " argument(s), got " + i);
                }
                args.add(value(types.get(i)));
                space();
            }
            if (peek(',')) {
                pos++;
                space();
            }
            if (!peek(')')) {
                throw fail("expected ')': the function takes " + types.size() + " argument(s)");
            }
            pos++;
            end();
            return args;
        }

        void end() {
            space();
            if (pos != text.length()) {
                throw fail("unexpected text after the value");
            }
        }

        Val value(ValueType type) {
            space();
            if (type instanceof Primitive p) {
                return primitive(p);
            }
            if (type instanceof ValueType.ListType l) {
                return new Val.List(sequence('[', ']', n -> l.element(), -1));
            }
            if (type instanceof ValueType.FixedListType l) {
                return new Val.List(sequence('[', ']', n -> l.element(), l.length()));
            }
            if (type instanceof ValueType.MapType m) {
                ValueType entry = new ValueType.TupleType(List.of(m.key(), m.value()));
                return new Val.List(sequence('[', ']', n -> entry, -1));
            }
            if (type instanceof ValueType.TupleType t) {
                return new Val.Tuple(sequence('(', ')', t.types()::get, t.types().size()));
            }
            if (type instanceof ValueType.RecordType r) {
                return record(r);
            }
            if (type instanceof ValueType.FlagsType f) {
                return flags(f);
            }
            if (type instanceof ValueType.EnumType e) {
                int at = pos;
                String label = label();
                if (!e.labels().contains(label)) {
                    throw failAt(at, "no case \"" + label + "\" in " + type);
                }
                return new Val.Enum(label);
            }
            if (type instanceof ValueType.VariantType v) {
                int at = pos;
                String label = label();
                for (ValueType.Case c : v.cases()) {
                    if (c.name().equals(label)) {
                        return new Val.Variant(label, payload(c.type(), label));
                    }
                }
                throw failAt(at, "no case \"" + label + "\" in " + type);
            }
            if (type instanceof ValueType.OptionType o) {
                int at = pos;
                String word = keyword();
                if (word.equals("none")) {
                    return new Val.Option(Optional.empty());
                }
                if (word.equals("some")) {
                    return new Val.Option(payload(Optional.of(o.type()), "some"));
                }
                throw failAt(at, "expected some(...) or none for " + type);
            }
            if (type instanceof ValueType.ResultType r) {
                int at = pos;
                String word = keyword();
                if (word.equals("ok")) {
                    return new Val.Result(true, payload(r.ok(), "ok"));
                }
                if (word.equals("err")) {
                    return new Val.Result(false, payload(r.err(), "err"));
                }
                throw failAt(at, "expected ok or err for " + type);
            }
            throw fail("values of type " + type + " cannot be written on the command line");
        }

        private Val primitive(Primitive p) {
            int at = pos;
            switch (p) {
                case BOOL -> {
                    String word = keyword();
                    if (word.equals("true") || word.equals("false")) {
                        return new Val.Bool(word.equals("true"));
                    }
                    throw failAt(at, "expected true or false");
                }
                case S8, U8, S16, U16, S32, U32, S64, U64 -> {
                    return integer(p);
                }
                case F32, F64 -> {
                    double d = floating(p);
                    return p == Primitive.F32 ? new Val.F32((float) d) : new Val.F64(d);
                }
                case CHAR -> {
                    String s = quoted('\'');
                    if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                        throw failAt(at, "a char is exactly one Unicode scalar value");
                    }
                    return new Val.Char(s.codePointAt(0));
                }
                case STRING -> {
                    return new Val.Str(quoted('"'));
                }
                default -> throw fail("values of type " + p + " cannot be written on the command line");
            }
        }

        private Val integer(Primitive p) {
            int at = pos;
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            int digits = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && text.charAt(pos) < 0x80) {
                pos++;
            }
            if (pos == digits) {
                throw failAt(at, "expected " + article(p) + " " + p);
            }
            if (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                throw failAt(at, "expected " + article(p) + " " + p + " (a whole decimal number)");
            }
            BigInteger n = new BigInteger(text.substring(start, pos));
            BigInteger min;
            BigInteger max;
            switch (p) {
                case S8 -> { min = BigInteger.valueOf(Byte.MIN_VALUE); max = BigInteger.valueOf(Byte.MAX_VALUE); }
                case U8 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xff); }
                case S16 -> { min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); }
                case U16 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xffff); }
                case S32 -> { min = BigInteger.valueOf(Integer.MIN_VALUE); max = BigInteger.valueOf(Integer.MAX_VALUE); }
                case U32 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(0xffff_ffffL); }
                case S64 -> { min = BigInteger.valueOf(Long.MIN_VALUE); max = BigInteger.valueOf(Long.MAX_VALUE); }
                default -> { min = BigInteger.ZERO; max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE); }
            }
            if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
                throw failAt(at, n + " is out of range for " + p + " (" + min + " to " + max + ")");
            }
            return switch (p) {
                case S8 -> new Val.S8(n.byteValue());
                case U8 -> new Val.U8(n.intValue());
                case S16 -> new Val.S16(n.shortValue());
                case U16 -> new Val.U16(n.intValue());
                case S32 -> new Val.S32(n.intValue());
                case U32 -> new Val.U32(n.longValue());
                case S64 -> new Val.S64(n.longValue());
                default -> new Val.U64(n.longValue());
            };
        }

        private double floating(Primitive p) {
            int at = pos;
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            if (text.startsWith("inf", pos) || text.startsWith("nan", pos)) {
                boolean negative = pos > start;
                String word = keyword();
                if (word.equals("inf")) {
                    return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                }
                if (word.equals("nan") && !negative) {
                    return Double.NaN;
                }
                throw failAt(at, "expected " + article(p) + " " + p);
            }
            int digits = digits();
            if (peek('.')) {
                pos++;
                digits += digits();
            }
            if (digits > 0 && (peek('e') || peek('E'))) {
                pos++;
                if (peek('+') || peek('-')) {
                    pos++;
                }
                if (digits() == 0) {
                    throw failAt(at, "expected digits in the exponent");
                }
            }
            if (digits == 0 || (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos)))) {
                throw failAt(at, "expected " + article(p) + " " + p + " (like 1.5, -2e3, nan, inf)");
            }
            String lexeme = text.substring(start, pos);
            return p == Primitive.F32 ? Float.parseFloat(lexeme) : Double.parseDouble(lexeme);
        }

        private int digits() {
            int n = 0;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
                n++;
            }
            return n;
        }

        /** A quoted string or char literal, with its escapes decoded. */
        private String quoted(char quote) {
            int at = pos;
            if (!peek(quote)) {
                throw fail(quote == '"' ? "expected a string in \"double quotes\"" : "expected a char in 'single quotes'");
            }
            pos++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw failAt(at, "unterminated " + (quote == '"' ? "string" : "char"));
                }
                char c = text.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                int esc = pos - 1;
                char e = pos < text.length() ? text.charAt(pos++) : '\0';
                switch (e) {
                    case '"', '\'', '\\' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int close = text.indexOf('}', pos);
                        if (!peek('{') || close < 0 || close - pos < 2 || close - pos > 7) {
                            throw failAt(esc, "expected \\u{hex} with 1 to 6 hex digits");
                        }
                        int cp;
                        try {
                            cp = Integer.parseInt(text.substring(pos + 1, close), 16);
                        } catch (NumberFormatException x) {
                            throw failAt(esc, "expected \\u{hex} with 1 to 6 hex digits");
                        }
                        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
                            throw failAt(esc, "\\u{" + Integer.toHexString(cp) + "} is not a Unicode scalar value");
                        }
                        sb.appendCodePoint(cp);
                        pos = close + 1;
                    }
                    default -> throw failAt(esc, "unknown escape (use \\\" \\' \\\\ \\n \\r \\t or \\u{hex})");
                }
            }
        }

        private Val record(ValueType.RecordType r) {
            int at = pos;
            expect('{');
            Map<String, Val> given = new HashMap<>();
            space();
            while (!peek('}')) {
                int fieldAt = pos;
                String name = label();
                ValueType ft = null;
                for (ValueType.Field f : r.fields()) {
                    if (f.name().equals(name)) {
                        ft = f.type();
                    }
                }
                if (ft == null) {
                    throw failAt(fieldAt, "no field \"" + name + "\" in " + r);
                }
                if (given.containsKey(name)) {
                    throw failAt(fieldAt, "field \"" + name + "\" given twice");
                }
                space();
                expect(':');
                given.put(name, value(ft));
                expectSeparator('}', "expected ',' or '}' in a record");
                space();
            }
            pos++;
            List<Val.Field> fields = new ArrayList<>();
            for (ValueType.Field f : r.fields()) {
                Val v = given.get(f.name());
                if (v == null) {
                    if (!(f.type() instanceof ValueType.OptionType)) {
                        throw failAt(at, "missing field \"" + f.name() + "\" of " + r);
                    }
                    v = new Val.Option(Optional.empty());
                }
                fields.add(new Val.Field(f.name(), v));
            }
            return new Val.Record(fields);
        }

        private Val flags(ValueType.FlagsType f) {
            expect('{');
            Set<String> set = new LinkedHashSet<>();
            space();
            while (!peek('}')) {
                int at = pos;
                String label = label();
                if (!f.labels().contains(label)) {
                    throw failAt(at, "no flag \"" + label + "\" in " + f);
                }
                set.add(label);
                expectSeparator('}', "expected ',' or '}' in flags");
                space();
            }
            pos++;
            Set<String> ordered = new LinkedHashSet<>();
            for (String l : f.labels()) {
                if (set.contains(l)) {
                    ordered.add(l);
                }
            }
            return new Val.Flags(ordered);
        }

        /** Elements between {@code open} and {@code close}, typed by position; exactly {@code count} if not -1. */
        private List<Val> sequence(char open, char close, java.util.function.IntFunction<ValueType> typeAt, int count) {
            int at = pos;
            expect(open);
            List<Val> out = new ArrayList<>();
            space();
            while (!peek(close)) {
                if (count >= 0 && out.size() == count) {
                    throw fail("expected '" + close + "': " + count + " element(s) expected");
                }
                out.add(value(typeAt.apply(out.size())));
                expectSeparator(close, "expected ',' or '" + close + "'");
                space();
            }
            pos++;
            if (count >= 0 && out.size() != count) {
                throw failAt(at, count + " element(s) expected, got " + out.size());
            }
            return out;
        }

        /** After an element: a comma (then maybe the closing bracket), or the closing bracket. */
        private void expectSeparator(char close, String message) {
            space();
            if (peek(',')) {
                pos++;
                return;
            }
            if (!peek(close)) {
                throw fail(message);
            }
        }

        private Optional<Val> payload(Optional<ValueType> type, String label) {
            space();
            if (type.isEmpty()) {
                if (peek('(')) {
                    throw fail("\"" + label + "\" has no payload");
                }
                return Optional.empty();
            }
            if (!peek('(')) {
                throw fail("\"" + label + "\" needs a payload of type " + type.get() + ": " + label + "(...)");
            }
            pos++;
            Val v = value(type.get());
            space();
            expect(')');
            return Optional.of(v);
        }

        /** A kebab-case label, possibly escaped with {@code %}. */
        private String label() {
            space();
            int at = pos;
            boolean escaped = peek('%');
            if (escaped) {
                pos++;
            }
            String word = word();
            if (word.isEmpty()) {
                throw failAt(at, "expected a name");
            }
            if (!escaped && KEYWORDS.contains(word)) {
                throw failAt(at, "\"" + word + "\" is a keyword here; write %" + word + " for the name");
            }
            return word;
        }

        private String keyword() {
            space();
            return word();
        }

        private String word() {
            int start = pos;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (!(c < 0x80 && (Character.isLetterOrDigit(c) || c == '-'))) {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }

        private void space() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            space();
            if (!peek(c)) {
                throw fail("expected '" + c + "'");
            }
            pos++;
        }

        private CliException fail(String message) {
            return failAt(pos, message);
        }

        private CliException failAt(int at, String message) {
            return new CliException(error(text, Math.min(at, text.length()), message));
        }

        /** "an s32", "an f64", "a u8". */
        private static String article(Primitive p) {
            return p.toString().startsWith("u") ? "a" : "an";
        }
    }

    // ------------------------------------------------------------------ printing

    /** The text of {@code v}, a value of type {@code type}, in the syntax {@link #parse} reads. */
    static String print(Val v, ValueType type) {
        StringBuilder sb = new StringBuilder();
        print(sb, v, type);
        return sb.toString();
    }

    private static void print(StringBuilder sb, Val v, ValueType type) {
        if (v instanceof Val.Bool b) {
            sb.append(b.value());
        } else if (v instanceof Val.S8 x) {
            sb.append(x.value());
        } else if (v instanceof Val.U8 x) {
            sb.append(x.value());
        } else if (v instanceof Val.S16 x) {
            sb.append(x.value());
        } else if (v instanceof Val.U16 x) {
            sb.append(x.value());
        } else if (v instanceof Val.S32 x) {
            sb.append(x.value());
        } else if (v instanceof Val.U32 x) {
            sb.append(x.value());
        } else if (v instanceof Val.S64 x) {
            sb.append(x.value());
        } else if (v instanceof Val.U64 x) {
            sb.append(Long.toUnsignedString(x.value()));
        } else if (v instanceof Val.F32 x) {
            sb.append(floating(x.value(), Float.toString(x.value())));
        } else if (v instanceof Val.F64 x) {
            sb.append(floating(x.value(), Double.toString(x.value())));
        } else if (v instanceof Val.Char c) {
            quote(sb, new String(Character.toChars(c.codePoint())), '\'');
        } else if (v instanceof Val.Str s) {
            quote(sb, s.value(), '"');
        } else if (v instanceof Val.List l) {
            ValueType element = type instanceof ValueType.ListType lt ? lt.element()
                    : type instanceof ValueType.FixedListType ft ? ft.element()
                    : type instanceof ValueType.MapType mt ? new ValueType.TupleType(List.of(mt.key(), mt.value()))
                    : null;
            sb.append('[');
            for (int i = 0; i < l.values().size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                print(sb, l.values().get(i), element);
            }
            sb.append(']');
        } else if (v instanceof Val.Tuple t) {
            List<ValueType> types = type instanceof ValueType.TupleType tt ? tt.types() : null;
            sb.append('(');
            for (int i = 0; i < t.values().size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                print(sb, t.values().get(i), types == null ? null : types.get(i));
            }
            sb.append(')');
        } else if (v instanceof Val.Record r) {
            sb.append('{');
            for (int i = 0; i < r.fields().size(); i++) {
                Val.Field f = r.fields().get(i);
                sb.append(i == 0 ? "" : ", ").append(label(f.name())).append(": ");
                print(sb, f.value(), fieldType(type, f.name()));
            }
            sb.append('}');
        } else if (v instanceof Val.Variant x) {
            sb.append(label(x.caseName()));
            ValueType pt = null;
            if (type instanceof ValueType.VariantType vt) {
                for (ValueType.Case c : vt.cases()) {
                    if (c.name().equals(x.caseName())) {
                        pt = c.type().orElse(null);
                    }
                }
            }
            payload(sb, x.payload(), pt);
        } else if (v instanceof Val.Enum e) {
            sb.append(label(e.caseName()));
        } else if (v instanceof Val.Option o) {
            if (o.value().isEmpty()) {
                sb.append("none");
            } else {
                sb.append("some");
                payload(sb, o.value(), type instanceof ValueType.OptionType ot ? ot.type() : null);
            }
        } else if (v instanceof Val.Result r) {
            sb.append(r.isOk() ? "ok" : "err");
            ValueType pt = null;
            if (type instanceof ValueType.ResultType rt) {
                pt = (r.isOk() ? rt.ok() : rt.err()).orElse(null);
            }
            payload(sb, r.payload(), pt);
        } else if (v instanceof Val.Flags f) {
            List<String> labels = new ArrayList<>();
            if (type instanceof ValueType.FlagsType ft) {
                for (String l : ft.labels()) {
                    if (f.set().contains(l)) {
                        labels.add(l);
                    }
                }
            } else {
                labels.addAll(f.set());
            }
            sb.append('{');
            for (int i = 0; i < labels.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(label(labels.get(i)));
            }
            sb.append('}');
        } else if (v instanceof Val.Own o) {
            sb.append("own<").append(o.resource().type().name()).append(">#").append(o.resource().rep());
        } else if (v instanceof Val.Borrow b) {
            sb.append("borrow<").append(b.resource().type().name()).append(">#").append(b.resource().rep());
        }
    }

    private static ValueType fieldType(ValueType type, String name) {
        if (type instanceof ValueType.RecordType rt) {
            for (ValueType.Field f : rt.fields()) {
                if (f.name().equals(name)) {
                    return f.type();
                }
            }
        }
        return null;
    }

    private static void payload(StringBuilder sb, Optional<Val> payload, ValueType type) {
        if (payload.isPresent()) {
            sb.append('(');
            print(sb, payload.get(), type);
            sb.append(')');
        }
    }

    private static String label(String name) {
        return KEYWORDS.contains(name) ? "%" + name : name;
    }

    private static String floating(double d, String javaText) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        return javaText.replace('E', 'e');
    }

    private static void quote(StringBuilder sb, String s, char quote) {
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (cp == quote) {
                        sb.append('\\').append(quote);
                    } else if (cp < 0x20 || cp == 0x7f) {
                        sb.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        }
        sb.append(quote);
    }
}
