package dev.dovetail.wasi;

import dev.dovetail.runtime.Resource;
import dev.dovetail.runtime.ResourceType;
import dev.dovetail.runtime.Val;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Short constructors and accessors for the {@link Val}s of the WASI interfaces. */
final class V {
    private V() {}

    private static final Val.U8[] BYTES = new Val.U8[256];

    static {
        for (int i = 0; i < 256; i++) {
            BYTES[i] = new Val.U8(i);
        }
    }

    static final Val OK = new Val.Result(true, Optional.empty());
    static final Val NONE = new Val.Option(Optional.empty());
    static final Val EMPTY_BYTES = new Val.List(List.of());

    static Optional<Val> some(Val v) {
        return Optional.of(v);
    }

    static Val ok(Val v) {
        return new Val.Result(true, Optional.of(v));
    }

    static Val err(Val v) {
        return new Val.Result(false, Optional.of(v));
    }

    static Val option(Val v) {
        return new Val.Option(Optional.of(v));
    }

    static Val u8(int v) {
        return BYTES[v & 0xff];
    }

    static Val u32(long v) {
        return new Val.U32(v);
    }

    static Val u64(long v) {
        return new Val.U64(v);
    }

    static Val bool(boolean v) {
        return new Val.Bool(v);
    }

    static Val str(String v) {
        return new Val.Str(v);
    }

    static Val tuple(Val... vs) {
        return new Val.Tuple(List.of(vs));
    }

    static Val enumCase(String name) {
        return new Val.Enum(name);
    }

    static Val flags(Set<String> set) {
        return new Val.Flags(set);
    }

    static Val variant(String name) {
        return new Val.Variant(name, Optional.empty());
    }

    static Val variant(String name, Val payload) {
        return new Val.Variant(name, Optional.of(payload));
    }

    /** A record from alternating field names and values. */
    static Val record(Object... nameValue) {
        List<Val.Field> fields = new ArrayList<>(nameValue.length / 2);
        for (int i = 0; i < nameValue.length; i += 2) {
            fields.add(new Val.Field((String) nameValue[i], (Val) nameValue[i + 1]));
        }
        return new Val.Record(fields);
    }

    /** A {@code wasi:clocks/wall-clock.datetime}; instants before the epoch read as the epoch. */
    static Val datetime(Instant t) {
        if (t.getEpochSecond() < 0) {
            t = Instant.EPOCH;
        }
        return record("seconds", u64(t.getEpochSecond()), "nanoseconds", u32(t.getNano()));
    }

    static Val own(ResourceType type, int rep) {
        return new Val.Own(new Resource(type, rep));
    }

    /** A {@code list<u8>}. */
    static Val bytes(byte[] b, int off, int len) {
        if (len == 0) {
            return EMPTY_BYTES;
        }
        Val[] vs = new Val[len];
        for (int i = 0; i < len; i++) {
            vs[i] = BYTES[b[off + i] & 0xff];
        }
        // List.of makes the one immutable copy, which Val.List then keeps as it is
        return new Val.List(List.of(vs));
    }

    static Val bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    // ------------------------------------------------------------------ arguments

    /** The bytes of a {@code list<u8>} argument. */
    static byte[] bytesArg(Val v) {
        List<Val> vs = ((Val.List) v).values();
        byte[] out = new byte[vs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((Val.U8) vs.get(i)).value();
        }
        return out;
    }

    /** A {@code u64} argument, clamped to {@link Long#MAX_VALUE}. */
    static long u64Arg(Val v) {
        long x = ((Val.U64) v).value();
        return x < 0 ? Long.MAX_VALUE : x;
    }

    static int u8Arg(Val v) {
        return ((Val.U8) v).value();
    }

    static String strArg(Val v) {
        return ((Val.Str) v).value();
    }

    static Set<String> flagsArg(Val v) {
        return ((Val.Flags) v).set();
    }

    /** The rep of a {@code borrow<T>} (or {@code own<T>}) argument. */
    static int rep(Val v) {
        if (v instanceof Val.Borrow b) {
            return b.resource().rep();
        }
        return ((Val.Own) v).resource().rep();
    }
}
