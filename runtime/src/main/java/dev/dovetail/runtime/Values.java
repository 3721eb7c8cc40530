package dev.dovetail.runtime;

import dev.dovetail.runtime.ValueType.BorrowType;
import dev.dovetail.runtime.ValueType.Case;
import dev.dovetail.runtime.ValueType.EnumType;
import dev.dovetail.runtime.ValueType.FixedListType;
import dev.dovetail.runtime.ValueType.FlagsType;
import dev.dovetail.runtime.ValueType.ListType;
import dev.dovetail.runtime.ValueType.MapType;
import dev.dovetail.runtime.ValueType.OptionType;
import dev.dovetail.runtime.ValueType.OwnType;
import dev.dovetail.runtime.ValueType.Primitive;
import dev.dovetail.runtime.ValueType.RecordType;
import dev.dovetail.runtime.ValueType.ResultType;
import dev.dovetail.runtime.ValueType.TupleType;
import dev.dovetail.runtime.ValueType.VariantType;
import java.util.List;
import java.util.Optional;

/** Checks that a host-supplied {@link Val} has a {@link ValueType}, before anything is lowered. */
final class Values {
    private Values() {}

    /** Throws {@link IllegalArgumentException} naming the first mismatch. */
    static void check(Val v, ValueType t) {
        if (!matches(v, t)) {
            throw Abi.mismatch(v, t);
        }
    }

    static void checkAll(List<Val> vs, List<ValueType> ts) {
        if (vs.size() != ts.size()) {
            throw new IllegalArgumentException("expected " + ts.size() + " argument(s), got " + vs.size());
        }
        for (int i = 0; i < vs.size(); i++) {
            check(vs.get(i), ts.get(i));
        }
    }

    static boolean matches(Val v, ValueType t) {
        if (t instanceof Primitive p) {
            return switch (p) {
                case BOOL -> v instanceof Val.Bool;
                case S8 -> v instanceof Val.S8;
                case U8 -> v instanceof Val.U8;
                case S16 -> v instanceof Val.S16;
                case U16 -> v instanceof Val.U16;
                case S32 -> v instanceof Val.S32;
                case U32 -> v instanceof Val.U32;
                case S64 -> v instanceof Val.S64;
                case U64 -> v instanceof Val.U64;
                case F32 -> v instanceof Val.F32;
                case F64 -> v instanceof Val.F64;
                case CHAR -> v instanceof Val.Char;
                case STRING -> v instanceof Val.Str;
                case ERROR_CONTEXT -> false;
            };
        }
        if (t instanceof ListType l) {
            return v instanceof Val.List x && x.values().stream().allMatch(e -> matches(e, l.element()));
        }
        if (t instanceof MapType m) {
            TupleType kv = new TupleType(List.of(m.key(), m.value()));
            return v instanceof Val.List x && x.values().stream().allMatch(e -> matches(e, kv));
        }
        if (t instanceof FixedListType f) {
            return v instanceof Val.List x && x.values().size() == f.length()
                    && x.values().stream().allMatch(e -> matches(e, f.element()));
        }
        if (t instanceof RecordType r) {
            if (!(v instanceof Val.Record x) || x.fields().size() != r.fields().size()) {
                return false;
            }
            for (ValueType.Field f : r.fields()) {
                Optional<Val> fv = x.get(f.name());
                if (fv.isEmpty() || !matches(fv.get(), f.type())) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof TupleType tt) {
            if (!(v instanceof Val.Tuple x) || x.values().size() != tt.types().size()) {
                return false;
            }
            for (int i = 0; i < tt.types().size(); i++) {
                if (!matches(x.values().get(i), tt.types().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (t instanceof VariantType vt) {
            if (!(v instanceof Val.Variant x)) {
                return false;
            }
            for (Case c : vt.cases()) {
                if (c.name().equals(x.caseName())) {
                    return payloadMatches(x.payload(), c.type());
                }
            }
            return false;
        }
        if (t instanceof EnumType e) {
            return v instanceof Val.Enum x && e.labels().contains(x.caseName());
        }
        if (t instanceof OptionType o) {
            return v instanceof Val.Option x && x.value().map(p -> matches(p, o.type())).orElse(true);
        }
        if (t instanceof ResultType r) {
            return v instanceof Val.Result x && payloadMatches(x.payload(), x.isOk() ? r.ok() : r.err());
        }
        if (t instanceof FlagsType f) {
            return v instanceof Val.Flags x && f.labels().containsAll(x.set());
        }
        if (t instanceof OwnType o) {
            return v instanceof Val.Own x && x.resource().type() == o.resource() && !x.resource().isBorrowed();
        }
        if (t instanceof BorrowType b) {
            return (v instanceof Val.Borrow x && x.resource().type() == b.resource())
                    || (v instanceof Val.Own y && y.resource().type() == b.resource());
        }
        return false;
    }

    private static boolean payloadMatches(Optional<Val> payload, Optional<ValueType> type) {
        if (payload.isPresent() != type.isPresent()) {
            return false;
        }
        return payload.isEmpty() || matches(payload.get(), type.get());
    }
}
