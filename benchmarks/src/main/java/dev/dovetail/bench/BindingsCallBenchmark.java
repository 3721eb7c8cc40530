package dev.dovetail.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import dev.dovetail.bench.bindings.BenchCalls;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.Section;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Val;
import java.util.ArrayList;
import java.util.List;
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
 * Calls through generated bindings ({@link BenchCalls}, generated from {@code bindings.wit} and
 * checked in) against the same calls through the dynamic {@link Val} API and, for {@code add},
 * the raw Chicory call of the core function the component lifts ({@code bindings.wat}): the cost
 * of the typed call path over the core call, and what it saves over {@code Val}s. The lists and
 * strings are 64 KiB each way (the string: 32 Ki two-byte UTF-8 characters).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BindingsCallBenchmark {
    @Param({"interpreter", "compiler"})
    public String engine;

    private BenchCalls bindings;
    private ComponentFunction add;
    private ComponentFunction echo;
    private ComponentFunction echoBytes;
    private ExportFunction rawAdd;

    // the arguments, read from fields on every call: constants would let the JIT fold the
    // whole compiled core function (i32.add of two constants) into a constant result
    public int x = 40;
    public int y = 2;
    private Val a;
    private Val b;
    private byte[] bytes;
    private Val valBytes;
    private String string;
    private Val valString;

    /** The component binary {@code bindings.wasm} (a class-path resource). */
    static byte[] component() {
        return BenchResources.read("bindings.wasm");
    }

    @Setup
    public void setup() {
        Engine e = Engine.valueOf(engine.toUpperCase(Locale.ROOT));
        byte[] wasm = component();
        ComponentRuntime runtime = ComponentRuntime.create(e);
        LoadedComponent loaded = runtime.load(wasm);
        // one instance per path, so that neither sees the other's state
        bindings = BenchCalls.of(runtime.instantiate(loaded));
        ComponentInstance dynamic = runtime.instantiate(loaded);
        add = dynamic.func("add");
        echo = dynamic.func("echo");
        echoBytes = dynamic.func("echo-bytes");

        Component c = ComponentDecoder.decode(wasm);
        byte[] core = c.sections(Section.CoreModule.class).get(0).module().toArray();
        Instance.Builder builder = Instance.builder(Parser.parse(core));
        if (e == Engine.COMPILER) {
            builder = builder.withMachineFactory(MachineFactoryCompiler::compile);
        }
        rawAdd = builder.build().export("add");

        a = new Val.U32(x);
        b = new Val.U32(y);
        bytes = new byte[64 * 1024];
        List<Val> us = new ArrayList<>(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
            us.add(new Val.U8(bytes[i] & 0xff));
        }
        valBytes = new Val.List(us);
        string = "é".repeat(32 * 1024);
        valString = new Val.Str(string);
    }

    /** {@code add(40, 2)} through the generated bindings: lower, call, lift, with the ABI's bookkeeping. */
    @Benchmark
    public long addBindings() {
        return bindings.add(x, y);
    }

    /** The same through {@link ComponentFunction#call}: check, lower, call, lift, with {@code Val}s. */
    @Benchmark
    public long addVal() {
        return ((Val.U32) add.call(a, b).orElseThrow()).value();
    }

    /** Baseline: the core function {@code add} called on Chicory directly. */
    @Benchmark
    public long addRaw() {
        return rawAdd.apply(x, y)[0];
    }

    /** 64 KiB of {@code list<u8>} there and back through the generated bindings ({@code byte[]}). */
    @Benchmark
    public byte[] bytes64KiBBindings() {
        return bindings.echoBytes(bytes);
    }

    /** The same through the {@code Val} API: a {@code Val.List} of 65536 {@code Val.U8}s. */
    @Benchmark
    public Val bytes64KiBVal() {
        return echoBytes.call(valBytes).orElseThrow();
    }

    /** A 64 KiB (UTF-8) string there and back through the generated bindings. */
    @Benchmark
    public String string64KiBBindings() {
        return bindings.echo(string);
    }

    /** The same through the {@code Val} API. */
    @Benchmark
    public String string64KiBVal() {
        return ((Val.Str) echo.call(valString).orElseThrow()).value();
    }
}
