package dev.dovetail.bench;

import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.LoadedComponent;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Instantiating a real JavaScript component (componentize-qjs, about 1.6 MB: QuickJS with its
 * heap pre-initialised) once it is loaded: core instances, memory and data segments, nested
 * instances, no guest code beyond start functions. The load (decode, validate, parse or compile
 * the core modules) happens once, in the setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InstantiateBenchmark {
    @Param({"interpreter", "compiler"})
    public String engine;

    private ComponentRuntime runtime;
    private LoadedComponent component;

    @Setup
    public void setup() {
        runtime = ComponentRuntime.create(Engine.valueOf(engine.toUpperCase(Locale.ROOT)));
        component = runtime.load(JsGuest.component());
        runtime.instantiate(component); // parses or compiles the core modules, once
    }

    @Benchmark
    public ComponentInstance instantiateJsComponent() {
        return runtime.instantiate(component);
    }
}
