package dev.dovetail.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Component values as jco's JavaScript bindings represent them ({@code jco transpile}): as
 * JavaScript source for arguments, and as the JSON that {@code JSON.stringify} makes of results
 * (with BigInts and typed arrays turned into strings and arrays by the script). Records and flags
 * are objects with camelCase keys, variants {@code {tag, val}}, enums their label, an option none is
 * {@code undefined} (absent from objects, {@code null} in arrays) unless nested in an option, u64
 * and s64 are BigInts.
 */
final class JcoValues {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JcoValues() {}

    /** {@code kebab-case} to jco's {@code camelCase}. */
    static String camel(String label) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : label.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    /** A JavaScript expression for an argument {@code v} of type {@code t}. */
    static String js(Val v, ValueType t) {
        if (t instanceof ValueType.Primitive p) {
            return switch (p) {
                case BOOL -> String.valueOf(((Val.Bool) v).value());
                case S8 -> String.valueOf(((Val.S8) v).value());
                case U8 -> String.valueOf(((Val.U8) v).value());
                case S16 -> String.valueOf(((Val.S16) v).value());
                case U16 -> String.valueOf(((Val.U16) v).value());
                case S32 -> String.valueOf(((Val.S32) v).value());
                case U32 -> String.valueOf(((Val.U32) v).value());
                case S64 -> ((Val.S64) v).value() + "n";
                case U64 -> Long.toUnsignedString(((Val.U64) v).value()) + "n";
                case F32 -> number(((Val.F32) v).value());
                case F64 -> number(((Val.F64) v).value());
                case CHAR -> F.textNode(new String(Character.toChars(((Val.Char) v).codePoint()))).toString();
                case STRING -> F.textNode(((Val.Str) v).value()).toString();
                case ERROR_CONTEXT -> throw new IllegalArgumentException(p.toString());
            };
        }
        if (t instanceof ValueType.ListType l) {
            String elements = ((Val.List) v).values().stream().map(e -> js(e, l.element()))
                    .collect(Collectors.joining(", "));
            return l.element() == ValueType.Primitive.U8 ? "new Uint8Array([" + elements + "])" : "[" + elements + "]";
        }
        if (t instanceof ValueType.TupleType tt) {
            List<Val> vs = ((Val.Tuple) v).values();
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < vs.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(js(vs.get(i), tt.types().get(i)));
            }
            return sb.append(']').toString();
        }
        if (t instanceof ValueType.RecordType r) {
            Val.Record rec = (Val.Record) v;
            return "{" + r.fields().stream().map(f -> camel(f.name()) + ": " + js(rec.get(f.name()).orElseThrow(), f.type()))
                    .collect(Collectors.joining(", ")) + "}";
        }
        if (t instanceof ValueType.VariantType vt) {
            Val.Variant x = (Val.Variant) v;
            ValueType pt = vt.cases().stream().filter(c -> c.name().equals(x.caseName())).findFirst().orElseThrow()
                    .type().orElse(null);
            return tagged(x.caseName(), x.payload(), pt);
        }
        if (t instanceof ValueType.EnumType) {
            return F.textNode(((Val.Enum) v).caseName()).toString();
        }
        if (t instanceof ValueType.OptionType o) {
            Optional<Val> x = ((Val.Option) v).value();
            if (o.type() instanceof ValueType.OptionType) {
                return x.isEmpty() ? "{tag: \"none\"}" : tagged("some", x, o.type());
            }
            return x.map(p -> js(p, o.type())).orElse("undefined");
        }
        if (t instanceof ValueType.ResultType r) {
            Val.Result x = (Val.Result) v;
            return tagged(x.isOk() ? "ok" : "err", x.payload(), (x.isOk() ? r.ok() : r.err()).orElse(null));
        }
        if (t instanceof ValueType.FlagsType f) {
            Val.Flags x = (Val.Flags) v;
            return "{" + f.labels().stream().map(l -> camel(l) + ": " + x.set().contains(l))
                    .collect(Collectors.joining(", ")) + "}";
        }
        throw new IllegalArgumentException("no JavaScript form for " + t);
    }

    private static String tagged(String tag, Optional<Val> payload, ValueType type) {
        return payload.map(p -> "{tag: \"" + tag + "\", val: " + js(p, type) + "}").orElse("{tag: \"" + tag + "\"}");
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(d);
    }

    /**
     * What the node script prints for a call that returned {@code result}: {@code {"ok": value}},
     * or, for a function whose result type is a {@code result}, {@code {"err": payload}} for an
     * error (jco throws a {@code ComponentError} carrying it).
     */
    static JsonNode outcome(Optional<Val> result, Optional<ValueType> type) {
        ObjectNode o = F.objectNode();
        if (result.isEmpty()) {
            return o;
        }
        if (type.orElseThrow() instanceof ValueType.ResultType r) {
            Val.Result x = (Val.Result) result.get();
            put(o, x.isOk() ? "ok" : "err", x.payload().map(p -> json(p, (x.isOk() ? r.ok() : r.err()).orElseThrow()))
                    .orElse(null));
            return o;
        }
        put(o, "ok", json(result.get(), type.get()));
        return o;
    }

    private static void put(ObjectNode o, String key, JsonNode v) {
        if (v != null) { // undefined: JSON.stringify leaves the member out
            o.set(key, v);
        }
    }

    /** A result value as JSON; {@code null} stands for JavaScript's {@code undefined}. */
    static JsonNode json(Val v, ValueType t) {
        if (t instanceof ValueType.Primitive p) {
            return switch (p) {
                case BOOL -> F.booleanNode(((Val.Bool) v).value());
                case S8 -> F.numberNode(((Val.S8) v).value());
                case U8 -> F.numberNode(((Val.U8) v).value());
                case S16 -> F.numberNode(((Val.S16) v).value());
                case U16 -> F.numberNode(((Val.U16) v).value());
                case S32 -> F.numberNode(((Val.S32) v).value());
                case U32 -> F.numberNode(((Val.U32) v).value());
                case S64 -> F.textNode(Long.toString(((Val.S64) v).value()));
                case U64 -> F.textNode(Long.toUnsignedString(((Val.U64) v).value()));
                case F32 -> F.numberNode((double) ((Val.F32) v).value());
                case F64 -> F.numberNode(((Val.F64) v).value());
                case CHAR -> F.textNode(new String(Character.toChars(((Val.Char) v).codePoint())));
                case STRING -> F.textNode(((Val.Str) v).value());
                case ERROR_CONTEXT -> throw new IllegalArgumentException(p.toString());
            };
        }
        if (t instanceof ValueType.ListType l) {
            return array(((Val.List) v).values(), i -> l.element());
        }
        if (t instanceof ValueType.TupleType tt) {
            return array(((Val.Tuple) v).values(), tt.types()::get);
        }
        if (t instanceof ValueType.RecordType r) {
            ObjectNode o = F.objectNode();
            Val.Record rec = (Val.Record) v;
            for (ValueType.Field f : r.fields()) {
                put(o, camel(f.name()), json(rec.get(f.name()).orElseThrow(), f.type()));
            }
            return o;
        }
        if (t instanceof ValueType.VariantType vt) {
            Val.Variant x = (Val.Variant) v;
            ValueType pt = vt.cases().stream().filter(c -> c.name().equals(x.caseName())).findFirst().orElseThrow()
                    .type().orElse(null);
            return taggedJson(x.caseName(), x.payload(), pt);
        }
        if (t instanceof ValueType.EnumType) {
            return F.textNode(((Val.Enum) v).caseName());
        }
        if (t instanceof ValueType.OptionType o) {
            Optional<Val> x = ((Val.Option) v).value();
            if (o.type() instanceof ValueType.OptionType) {
                return taggedJson(x.isPresent() ? "some" : "none", x, o.type());
            }
            return x.map(p -> json(p, o.type())).orElse(null);
        }
        if (t instanceof ValueType.ResultType r) {
            Val.Result x = (Val.Result) v;
            return taggedJson(x.isOk() ? "ok" : "err", x.payload(), (x.isOk() ? r.ok() : r.err()).orElse(null));
        }
        if (t instanceof ValueType.FlagsType f) {
            ObjectNode o = F.objectNode();
            for (String l : f.labels()) {
                o.put(camel(l), ((Val.Flags) v).set().contains(l));
            }
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + t);
    }

    private static JsonNode taggedJson(String tag, Optional<Val> payload, ValueType type) {
        ObjectNode o = F.objectNode();
        o.put("tag", tag);
        payload.ifPresent(p -> put(o, "val", json(p, type)));
        return o;
    }

    private static ArrayNode array(List<Val> values, java.util.function.IntFunction<ValueType> typeAt) {
        ArrayNode a = F.arrayNode();
        for (int i = 0; i < values.size(); i++) {
            JsonNode e = json(values.get(i), typeAt.apply(i));
            a.add(e == null ? F.nullNode() : e);
        }
        return a;
    }

    /** JSON equality with numbers compared by value (JavaScript prints {@code 2}, Java {@code 2.0}). */
    static boolean same(JsonNode a, JsonNode b) {
        return a.equals((x, y) -> x.equals(y) || (x.isNumber() && y.isNumber() && x.doubleValue() == y.doubleValue())
                ? 0 : 1, b);
    }
}
