package e2e.resources;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.ComponentTrapException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Host resources through the generated bindings of resources.wasm: own, borrow, drop, borrow rules. */
public final class ResourcesHarness {
    private ResourcesHarness() {}

    static void check(Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }

    static final class Thing implements Resources.HostRes {
        final long rep;
        boolean closed;

        Thing(long rep) {
            this.rep = rep;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    public static void run(ComponentRuntime runtime, byte[] wasm) {
        List<Thing> made = new ArrayList<>();
        Resources r = Resources.imports(runtime.linker())
                .functions(new Resources.Functions() {
                    @Override
                    public Resources.HostRes makeH(long rep) {
                        Thing t = new Thing(rep);
                        made.add(t);
                        return t;
                    }

                    @Override
                    public long useH(Resources.HostRes h) {
                        return ((Thing) h).rep * 10;
                    }
                })
                .instantiate(runtime.load(wasm));
        // the guest makes a host resource, lends it back to the host, drops it
        check(r.hostRoundtrip(4), 40L);
        check(made.size(), 1);
        check(made.get(0).closed, true);

        // the host lends one of its objects; the guest drops the borrow in time
        Thing lent = new Thing(9);
        check(r.dropBorrow(lent), 1L);
        check(lent.closed, false);

        // a borrow the guest keeps past the call traps (borrow rules are the runtime's)
        ComponentTrapException trap = expect(() -> r.keepBorrow(new Thing(1)));
        check(trap.reason(), ComponentTrapException.Reason.BORROWS_REMAIN);
    }

    static ComponentTrapException expect(Runnable r) {
        try {
            r.run();
        } catch (ComponentTrapException t) {
            return t;
        }
        throw new AssertionError("expected a trap");
    }
}
