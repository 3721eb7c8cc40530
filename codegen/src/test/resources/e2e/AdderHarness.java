package e2e.adder;

import dev.dovetail.runtime.ComponentRuntime;

/** add(u32, u32) through the generated bindings of adder.wasm, including u32 wrap-around. */
public final class AdderHarness {
    private AdderHarness() {}

    public static void run(ComponentRuntime runtime, byte[] wasm) {
        Adder a = Adder.of(runtime.instantiate(runtime.load(wasm)));
        long sum = a.add(40, 2);
        if (sum != 42) {
            throw new AssertionError("40 + 2 = " + sum);
        }
        long wrapped = a.add(0xffffffffL, 2);
        if (wrapped != 1) {
            throw new AssertionError("u32 max + 2 = " + wrapped);
        }
    }
}
