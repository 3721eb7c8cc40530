package e2e.js;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.LoadedComponent;
import java.util.ArrayList;
import java.util.List;

/** The parts of the JavaScript guest's bindings that are driven by hand: its resource. */
public final class JsKindsHarness {
    private JsKindsHarness() {}

    /** Instantiates the guest with {@code catalog} (an implementation of {@link Catalog}, maybe a proxy). */
    public static KindsGuest instantiate(ComponentRuntime runtime, LoadedComponent component, Catalog catalog) {
        return KindsGuest.imports(runtime.linker()).catalog(catalog).instantiate(component);
    }

    /** The {@code tally} resource: constructor, methods, a static function taking two borrows, drops. */
    public static List<Long> tallies(KindsGuest guest) {
        Kinds k = guest.kinds();
        List<Long> out = new ArrayList<>();
        try (Kinds.Tally a = k.newTally(5); Kinds.Tally b = k.newTally(-7)) {
            out.add(a.add(10));
            out.add(b.add(1L << 40));
            try (Kinds.Tally merged = k.tallyMerge(a, b)) {
                out.add(merged.total());
                out.add(merged.add(-1));
            }
            out.add(a.total());
            out.add(b.total());
        }
        return out;
    }
}
