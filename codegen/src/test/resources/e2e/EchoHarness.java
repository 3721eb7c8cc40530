package e2e.echo;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.ComponentTrapException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Calls every export of echo.wasm through the generated bindings. */
public final class EchoHarness {
    private EchoHarness() {}

    static void check(Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }

    public static void run(ComponentRuntime runtime, byte[] wasm) {
        Echo e = Echo.imports(runtime.linker()).instantiate(runtime.load(wasm));
        check(e.echoString("héllo wörld \uD83C\uDF0D"), "héllo wörld \uD83C\uDF0D");
        check(e.posts(), 1L); // echo-string has a post-return that counts
        check(e.echoString16("utf-16 \u20AC \uD83D\uDE00"), "utf-16 \u20AC \uD83D\uDE00");
        check(e.echoLatin1("latin1 \u00E9"), "latin1 \u00E9");
        check(e.echoLatin1("not latin1 \u20AC"), "not latin1 \u20AC");
        check(e.echoList(List.of(1L, 2L, 0xffffffffL)), List.of(1L, 2L, 0xffffffffL));
        check(e.echoList(List.of()), List.of());
        check(e.echoStrings(List.of("a", "", "ccc")), List.of("a", "", "ccc"));
        check(e.idS8((byte) -5), (byte) -5);
        check(e.idU16(65535), 65535);
        check(e.idS32(-7), -7);
        check(e.idU32(4_000_000_000L), 4_000_000_000L);
        check(e.idChar(0x1F600), 0x1F600);
        check(e.idBool(true), true);
        check(e.idBool(false), false);
        check(e.idU64(-1L), -1L);
        check(e.idS64(Long.MIN_VALUE), Long.MIN_VALUE);
        check(e.idF32(1.5f), 1.5f);
        check(Float.isNaN(e.idF32(Float.NaN)), true);
        check(e.idF64(-2.25), -2.25);
        check(e.idFlags(Echo.Abc.of(Echo.Abc.Flag.A, Echo.Abc.Flag.C)), Echo.Abc.of(Echo.Abc.Flag.A, Echo.Abc.Flag.C));
        check(e.idFlags(Echo.Abc.none()), Echo.Abc.none());
        check(e.idEnum(Echo.Color.BLUE), Echo.Color.BLUE);
        check(e.unwrapOrZero(Optional.of(7L)), 7L);
        check(e.unwrapOrZero(Optional.empty()), 0L);
        check(e.echoRecord(new Echo.Rec("rec", 200, 2.5)), new Echo.Rec("rec", 200, 2.5));
        check(e.echoVariant(new Echo.Var.A(255)), new Echo.Var.A(255));
        check(e.echoVariant(new Echo.Var.B("bee")), new Echo.Var.B("bee"));
        check(e.echoVariant(new Echo.Var.C(1.25f)), new Echo.Var.C(1.25f));
        check(e.echoVariant(new Echo.Var.D()), new Echo.Var.D());
        check(e.sum17(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17), 153L);

        // host-side range checks reject the call before entering: the instance stays usable
        expect(IllegalArgumentException.class, () -> e.idU32(-1L));
        expect(IllegalArgumentException.class, () -> e.idU16(70000));
        expect(IllegalArgumentException.class, () -> e.idChar(0xD800));
        check(e.idU32(3), 3L);

        ComponentTrapException trap = expect(ComponentTrapException.class, e::boom);
        check(trap.reason(), ComponentTrapException.Reason.CORE_TRAP);
        ComponentTrapException poisoned = expect(ComponentTrapException.class, () -> e.idS32(1));
        check(poisoned.reason(), ComponentTrapException.Reason.POISONED);
    }

    static <T extends Throwable> T expect(Class<T> kind, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            if (kind.isInstance(t)) {
                return kind.cast(t);
            }
            throw new AssertionError("expected " + kind.getSimpleName() + " but got " + t, t);
        }
        throw new AssertionError("expected " + kind.getSimpleName());
    }
}
