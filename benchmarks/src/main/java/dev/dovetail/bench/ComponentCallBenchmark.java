package dev.dovetail.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.Section;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.Val;
import java.nio.charset.StandardCharsets;
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
 * Calls of a component export through the dynamic {@link Val} API against the raw Chicory call of
 * the same core function ({@code calls.wat}): {@code add(u32, u32) -> u32}, and a string echo of
 * 1 KiB and 64 KiB, where the raw baseline does by hand what a generated binding would (encode,
 * realloc, copy in, call, read the return area, decode, post-return; it does not check that the
 * guest's bytes are UTF-8, which the canonical ABI requires and the {@code Val} path does). Each engine runs both paths, so the
 * ratio {@code val/raw} is the cost of the canonical ABI through {@code Val}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ComponentCallBenchmark {
    @Param({"interpreter", "compiler"})
    public String engine;

    private ComponentFunction add;
    private ComponentFunction echo;
    // the arguments, read from fields on every call: constants would let the JIT fold the
    // whole compiled core function (i32.add of two constants) into a constant result
    public int x = 40;
    public int y = 2;
    private Val a;
    private Val b;
    private Val.Str small;
    private Val.Str large;

    private ExportFunction rawAdd;
    private ExportFunction rawRealloc;
    private ExportFunction rawEcho;
    private ExportFunction rawPost;
    private Memory memory;

    /** The component binary {@code calls.wasm} (a class-path resource). */
    static byte[] component() {
        return BenchResources.read("calls.wasm");
    }

    /** The one core module inside the component. */
    static byte[] coreModule(byte[] component) {
        Component c = ComponentDecoder.decode(component);
        return c.sections(Section.CoreModule.class).get(0).module().toArray();
    }

    @Setup
    public void setup() {
        Engine e = Engine.valueOf(engine.toUpperCase(Locale.ROOT));
        byte[] bytes = component();
        ComponentRuntime runtime = ComponentRuntime.create(e);
        ComponentInstance instance = runtime.instantiate(runtime.load(bytes));
        add = instance.func("add");
        echo = instance.func("echo");
        a = new Val.U32(x);
        b = new Val.U32(y);
        small = new Val.Str("a".repeat(1024));
        large = new Val.Str("é".repeat(64 * 1024 / 2));

        Instance.Builder builder = Instance.builder(Parser.parse(coreModule(bytes)));
        if (e == Engine.COMPILER) {
            builder = builder.withMachineFactory(MachineFactoryCompiler::compile);
        }
        Instance raw = builder.build();
        rawAdd = raw.export("add");
        rawRealloc = raw.export("cabi_realloc");
        rawEcho = raw.export("echo");
        rawPost = raw.export("cabi_post_echo");
        memory = raw.memory();
    }

    /** {@code add(40, 2)} through {@link ComponentFunction#call}: check, lower, call, lift. */
    @Benchmark
    public long addVal() {
        return ((Val.U32) add.call(a, b).orElseThrow()).value();
    }

    /** Baseline: the core function {@code add} called on Chicory directly. */
    @Benchmark
    public long addRaw() {
        return rawAdd.apply(x, y)[0];
    }

    /** A 1 KiB (ASCII) string there and back through {@link ComponentFunction#call}. */
    @Benchmark
    public String echo1KiBVal() {
        return ((Val.Str) echo.call(small).orElseThrow()).value();
    }

    /** Baseline: the same echo, with the canonical ABI written out by hand on Chicory. */
    @Benchmark
    public String echo1KiBRaw() {
        return echoByHand(small.value());
    }

    /** A 64 KiB (UTF-8, two bytes per character) string there and back through {@link ComponentFunction#call}. */
    @Benchmark
    public String echo64KiBVal() {
        return ((Val.Str) echo.call(large).orElseThrow()).value();
    }

    /** Baseline for {@link #echo64KiBVal}. */
    @Benchmark
    public String echo64KiBRaw() {
        return echoByHand(large.value());
    }

    private String echoByHand(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int ptr = (int) rawRealloc.apply(0, 0, 1, utf8.length)[0];
        memory.write(ptr, utf8);
        int ret = (int) rawEcho.apply(ptr, utf8.length)[0];
        int p = memory.readInt(ret);
        int n = memory.readInt(ret + 4);
        String echoed = new String(memory.readBytes(p, n), StandardCharsets.UTF_8);
        rawPost.apply(ret);
        return echoed;
    }
}
