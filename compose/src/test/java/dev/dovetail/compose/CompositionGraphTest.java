package dev.dovetail.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.Section;
import dev.dovetail.compose.CompositionGraph.ImportId;
import dev.dovetail.compose.CompositionGraph.InstanceId;
import dev.dovetail.compose.CompositionGraph.PackageId;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.Val;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CompositionGraphTest {
    private static final String MATH = "dovetail:samples/math@0.1.0";
    private final ComponentRuntime runtime = ComponentRuntime.create();

    @Test
    void componentsInstantiatedTwiceAreEmbeddedOnce() {
        CompositionGraph g = CompositionGraph.create();
        PackageId adder = g.addPackage("test:adder", Fixtures.wasm("adder"));
        PackageId socket = g.addPackage("test:socket@1.0.0", Fixtures.wasm("socket"));
        InstanceId lib = g.instantiate(adder, "lib");
        InstanceId a = g.instantiate(socket, "a");
        InstanceId b = g.instantiate(socket, "b");
        g.connect(a, MATH, new Source.InstanceExport(lib, MATH));
        g.connect(b, MATH, new Source.InstanceExport(g.instantiate(adder, "lib2"), MATH));
        g.export(new Source.InstanceExport(a, "twice-sum"), "first");
        g.export(new Source.InstanceExport(b, "twice-sum"), "second");
        g.export(new Source.InstanceExport(lib, MATH), MATH);
        byte[] composed = g.encode();
        Fixtures.assertAccepted(composed, "twice");

        Component c = ComponentDecoder.decode(composed);
        assertEquals(2, c.sections(Section.NestedComponent.class).size());
        ComponentInstance app = runtime.linker().instantiate(runtime.load(composed));
        assertEquals(Optional.of(new Val.U32(10)), app.func("first").call(new Val.U32(2), new Val.U32(3)));
        assertEquals(Optional.of(new Val.U32(12)), app.func("second").call(new Val.U32(2), new Val.U32(4)));
        assertEquals(Optional.of(new Val.U32(9)), app.func(MATH, "add").call(new Val.U32(4), new Val.U32(5)));
    }

    @Test
    void anImportTypedLikeAPackageExportIsSuppliedByTheHost() {
        CompositionGraph g = CompositionGraph.create();
        PackageId adder = g.addPackage("test:adder", Fixtures.wasm("adder"));
        InstanceId app = g.instantiate(g.addPackage("test:socket", Fixtures.wasm("socket")), "app");
        ImportId math = g.addImport(MATH, adder, MATH);
        g.connect(app, MATH, new Source.Import(math));
        g.export(new Source.InstanceExport(app, "twice-sum"), "twice-sum");
        byte[] composed = g.encode();
        Fixtures.assertAccepted(composed, "host-math");
        assertEquals(List.of(MATH), ComponentDecoder.decode(composed).imports().stream()
                .map(i -> i.name().name()).toList());
        // the adder is not instantiated: only its type is used
        assertEquals(1, ComponentDecoder.decode(composed).sections(Section.NestedComponent.class).size());

        Linker linker = runtime.linker();
        linker.instance(MATH).func("add", args -> Optional.of(new Val.U32(
                ((Val.U32) args.get(0)).value() * 10 + ((Val.U32) args.get(1)).value())));
        ComponentInstance instance = linker.instantiate(runtime.load(composed));
        assertEquals(Optional.of(new Val.U32(2 * 34)), instance.func("twice-sum").call(new Val.U32(3), new Val.U32(4)));
    }

    @Test
    void anImportTypedLikeAnInterfaceOfAWitPackage() {
        CompositionGraph g = CompositionGraph.create();
        PackageId wit = g.addPackage("dovetail:samples@0.1.0", Fixtures.wasm("math-wit"));
        assertThrows(CompositionException.class, () -> g.instantiate(wit, "types"));
        InstanceId app = g.instantiate(g.addPackage("test:socket", Fixtures.wasm("socket")), "app");
        g.connect(app, MATH, new Source.Import(g.addImport(MATH, wit, "math")));
        g.export(new Source.InstanceExport(app, "twice-sum"), "twice-sum");
        byte[] composed = g.encode();
        Fixtures.assertAccepted(composed, "wit-math");
        assertEquals(1, ComponentDecoder.decode(composed).sections(Section.NestedComponent.class).size());

        Linker linker = runtime.linker();
        linker.instance(MATH).func("add", args -> Optional.of(new Val.U32(
                ((Val.U32) args.get(0)).value() - ((Val.U32) args.get(1)).value())));
        ComponentInstance instance = linker.instantiate(runtime.load(composed));
        assertEquals(Optional.of(new Val.U32(10)), instance.func("twice-sum").call(new Val.U32(9), new Val.U32(4)));
    }

    @Test
    void unsatisfiedImportsAreListedWithTheirInstance() {
        CompositionGraph g = CompositionGraph.create();
        InstanceId app = g.instantiate(g.addPackage("test:socket", Fixtures.wasm("socket")), "app");
        assertEquals(List.of(MATH), g.unsatisfiedImports(app));
        CompositionException e = assertThrows(CompositionException.class, g::encode);
        assertEquals("unsatisfied imports: instance `app` (package `test:socket`): `" + MATH + "`", e.getMessage());
    }

    @Test
    void unknownNamesAreRefusedWhenConnecting() {
        CompositionGraph g = CompositionGraph.create();
        InstanceId lib = g.instantiate(g.addPackage("test:adder", Fixtures.wasm("adder")), "lib");
        InstanceId app = g.instantiate(g.addPackage("test:socket", Fixtures.wasm("socket")), "app");
        CompositionException e = assertThrows(CompositionException.class,
                () -> g.connect(app, MATH, new Source.InstanceExport(lib, "dovetail:samples/maths@0.1.0")));
        assertEquals("instance `lib` (package `test:adder`) has no export named `dovetail:samples/maths@0.1.0`; "
                + "its exports are: `" + MATH + "`", e.getMessage());
        e = assertThrows(CompositionException.class,
                () -> g.connect(app, "math", new Source.InstanceExport(lib, MATH)));
        assertTrue(e.getMessage().startsWith("instance `app` (package `test:socket`) has no import named `math`"));
        g.connect(app, MATH, new Source.InstanceExport(lib, MATH));
        e = assertThrows(CompositionException.class,
                () -> g.connect(app, MATH, new Source.InstanceExport(lib, MATH)));
        assertTrue(e.getMessage().contains("already satisfied by export `" + MATH + "` of instance `lib`"));
        assertThrows(CompositionException.class, () -> g.addPackage("Not A Name", Fixtures.wasm("adder")));
    }

    @Test
    void aWrongKindOfSourceIsAMismatch() {
        CompositionGraph g = CompositionGraph.create();
        InstanceId lib = g.instantiate(g.addPackage("test:adder", Fixtures.wasm("adder")), "lib");
        InstanceId app = g.instantiate(g.addPackage("test:socket", Fixtures.wasm("socket")), "app");
        // the whole adder instance has an export named like the interface, not `add`
        g.connect(app, MATH, new Source.WholeInstance(lib));
        CompositionException e = assertThrows(CompositionException.class, g::encode);
        assertEquals("instance `app` import `" + MATH + "`: instance `lib` does not match: "
                + "missing expected export `add`", e.getMessage());
    }

    @Test
    void cyclesAreRefused() {
        CompositionGraph g = CompositionGraph.create();
        PackageId doubler = g.addPackage("test:doubler", Fixtures.wasm("doubler"));
        InstanceId d = g.instantiate(doubler, "d");
        InstanceId d2 = g.instantiate(doubler, "d2");
        // each needs the other's export (of the wrong type too, but the cycle is found first)
        g.connect(d, MATH, new Source.InstanceExport(d2, "test:app/doubler"));
        g.connect(d2, MATH, new Source.InstanceExport(d, "test:app/doubler"));
        CompositionException e = assertThrows(CompositionException.class, g::encode);
        assertTrue(e.getMessage().contains("depends on itself"), e.getMessage());
    }
}
