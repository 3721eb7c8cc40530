package e2e.rust;

import dev.dovetail.runtime.ComponentRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runtime's Rust guest (runtime/src/test/resources/rust) through generated bindings: every
 * kind of type, and a component-defined resource (constructor, methods, a static function that
 * takes two owned handles, drop).
 */
public final class RustGuestHarness {
    private RustGuestHarness() {}

    static void check(Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }

    public static void run(ComponentRuntime runtime, byte[] wasm) {
        Guest g = Guest.of(runtime.instantiate(runtime.load(wasm)));
        Kinds k = g.kinds();
        check(g.version(), "rust-guest 0.1.0");
        check(k.negate(true), false);
        check(k.ints(255, (byte) -128, 65535, (short) -32768, 0xffffffffL, Integer.MIN_VALUE, -1L, Long.MIN_VALUE),
                new Tuple8<>(0, (byte) -128, 65534, (short) 32767, 0L, Integer.MIN_VALUE, 0L, Long.MIN_VALUE));
        check(k.floats(1.5f, 2.25), 3.375);
        check(k.nextChar(0xD7FF), 0xE000);
        check(k.reverse("héllo"), "olléh");
        check(k.sum(List.of(1, 2, 3)), 6L);
        check(k.midpoint(new Kinds.Point(0, 0, "a"), new Kinds.Point(2, 4, "b")), new Kinds.Point(1, 2, "a-b"));
        check(k.swap(new Tuple2<>(7L, "x")), new Tuple2<>("x", 7L));
        check(k.scale(new Kinds.Shape.Named("n"), 2), new Kinds.Shape.Named("nn"));
        check(k.scale(new Kinds.Shape.Square(3), 2), new Kinds.Shape.Square(6));
        check(k.scale(new Kinds.Shape.Circle(1.5f), 2), new Kinds.Shape.Circle(3.0f));
        check(k.scale(new Kinds.Shape.Empty(), 2), new Kinds.Shape.Empty());
        check(k.bump(Kinds.Level.LOW), Kinds.Level.MEDIUM);
        check(k.toggle(Kinds.Perms.of(Kinds.Perms.Flag.READ)), Kinds.Perms.of(Kinds.Perms.Flag.WRITE, Kinds.Perms.Flag.EXEC));
        check(k.firstEven(List.of(1L, 3L, 4L)), Optional.of(4L));
        check(k.firstEven(List.of(1L)), Optional.empty());
        check(k.checkedSub(5, 3), Result.ok(2L));
        check(k.checkedSub(3, 5), Result.err("3 < 5"));
        check(k.split("a,b,,c", ','), List.of("a", "b", "", "c"));

        long before = k.dropped();
        try (Kinds.Counter a = k.newCounter(10); Kinds.Counter b = k.newCounter(5)) {
            check(a.increment(2), 12L);
            check(a.value(), 12L);
            try (Kinds.Counter merged = k.counterMerge(a, b)) { // a and b move into the component
                check(merged.value(), 17L);
                try {
                    a.value();
                    throw new AssertionError("a moved handle was lent");
                } catch (IllegalStateException expected) {
                    // moved
                }
            }
        }
        check(k.dropped() - before, 3L); // a and b by the guest, merged by close()
    }

    /** The {@code counter} resource by hand, for comparison with the same steps through the {@code Val} API. */
    public static List<Long> counters(Guest g) {
        Kinds k = g.kinds();
        List<Long> out = new ArrayList<>();
        out.add(k.dropped());
        try (Kinds.Counter a = k.newCounter(10); Kinds.Counter b = k.newCounter(0xfffffff0L)) {
            out.add(a.increment(7));
            out.add(b.increment(0x20));
            try (Kinds.Counter merged = k.counterMerge(a, b)) {
                out.add(merged.value());
            }
        }
        out.add(k.dropped());
        return out;
    }
}
