package dev.dovetail.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.dovetail.runtime.Val;
import dev.dovetail.runtime.ValueType;
import dev.dovetail.runtime.ValueType.Primitive;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value syntax of {@code --invoke} without a component: parse, print, parse again. */
class ValueSyntaxTest {
    private static void roundTrip(String text, ValueType type, Val expected) {
        Val v = ValueSyntax.parse(text, type);
        assertEquals(expected, v, text);
        assertEquals(text, ValueSyntax.print(v, type));
        assertEquals(v, ValueSyntax.parse(ValueSyntax.print(v, type), type));
    }

    @Test
    void scalars() {
        roundTrip("-128", Primitive.S8, new Val.S8((byte) -128));
        roundTrip("65535", Primitive.U16, new Val.U16(65535));
        roundTrip("18446744073709551615", Primitive.U64, new Val.U64(-1L));
        roundTrip("1.0e10", Primitive.F32, new Val.F32(1e10f));
        roundTrip("-0.0", Primitive.F64, new Val.F64(-0.0));
        roundTrip("inf", Primitive.F32, new Val.F32(Float.POSITIVE_INFINITY));
        roundTrip("'\\n'", Primitive.CHAR, new Val.Char('\n'));
        roundTrip("\"\\u{7}\"", Primitive.STRING, new Val.Str("\u0007"));
        assertEquals(new Val.F64(2.0), ValueSyntax.parse("2", Primitive.F64));
        assertEquals(new Val.F64(0.5), ValueSyntax.parse(".5", Primitive.F64));
        assertThrows(CliException.class, () -> ValueSyntax.parse("256", Primitive.U8));
        assertThrows(CliException.class, () -> ValueSyntax.parse("-nan", Primitive.F64));
        assertThrows(CliException.class, () -> ValueSyntax.parse("1 2", Primitive.S32));
        assertThrows(CliException.class, () -> ValueSyntax.parse("'\\u{d800}'", Primitive.CHAR));
    }

    @Test
    void aggregates() {
        ValueType nested = new ValueType.OptionType(new ValueType.OptionType(Primitive.U8));
        roundTrip("some(none)", nested, new Val.Option(Optional.of(new Val.Option(Optional.empty()))));
        ValueType res = new ValueType.ResultType(Optional.empty(), Optional.of(Primitive.STRING));
        roundTrip("ok", res, new Val.Result(true, Optional.empty()));
        roundTrip("err(\"x\")", res, new Val.Result(false, Optional.of(new Val.Str("x"))));
        ValueType map = new ValueType.MapType(Primitive.STRING, Primitive.U32);
        roundTrip("[(\"a\", 1)]", map, new Val.List(List.of(new Val.Tuple(List.of(new Val.Str("a"), new Val.U32(1))))));
        ValueType fixed = new ValueType.FixedListType(Primitive.BOOL, 2);
        roundTrip("[true, false]", fixed, new Val.List(List.of(new Val.Bool(true), new Val.Bool(false))));
        assertThrows(CliException.class, () -> ValueSyntax.parse("[true]", fixed));
        // a record field and a flag named like keywords
        ValueType rec = new ValueType.RecordType(List.of(new ValueType.Field("ok", Primitive.BOOL)));
        roundTrip("{%ok: true}", rec, new Val.Record(List.of(new Val.Field("ok", new Val.Bool(true)))));
        // flags print in the type's order
        ValueType flags = new ValueType.FlagsType(List.of("a", "b", "c"));
        Val f = ValueSyntax.parse("{c, a, a}", flags);
        assertEquals("{a, c}", ValueSyntax.print(f, flags));
        ValueType tuple = new ValueType.TupleType(List.of(Primitive.U8, Primitive.STRING));
        assertThrows(CliException.class, () -> ValueSyntax.parse("(1)", tuple));
        assertThrows(CliException.class, () -> ValueSyntax.parse("(1, \"a\", 2)", tuple));
    }

    @Test
    void callNamesSplitAtTheHash() {
        assertEquals(List.of("wasi:cli/run@0.2.0", "run"), ValueSyntax.call("wasi:cli/run@0.2.0#run()").path());
        assertEquals(List.of("f"), ValueSyntax.call(" f ").path());
        assertThrows(CliException.class, () -> ValueSyntax.call("(1)"));
        assertThrows(CliException.class, () -> ValueSyntax.call("a#(1)"));
    }
}
