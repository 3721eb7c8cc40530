package dev.dovetail.codegen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.component.Component;
import dev.dovetail.runtime.Engine;
import dev.dovetail.runtime.FlatFunction;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated bindings against real components (the runtime's test components): the WIT of each is
 * in {@code src/test/resources/e2e}, with a harness class that is compiled together with the
 * bindings and calls them. Run on both engines.
 */
class EndToEndTest {

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Engine engine : Engine.values()) {
            b.add(Arguments.of("echo", "EchoHarness", engine));
            b.add(Arguments.of("adder", "AdderHarness", engine));
            b.add(Arguments.of("resources", "ResourcesHarness", engine));
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} [{2}]")
    @MethodSource("cases")
    void bindingsCallTheComponent(String name, String harness, Engine engine) throws Exception {
        Path e2e = TestFiles.module().resolve("src/test/resources/e2e");
        ResolvedWit wit = WitResolver.builder().build().resolve(e2e.resolve(name + ".wit"));
        int world = wit.resolve().pkg(wit.mainPackage()).worlds().values().iterator().next();
        String pkg = "e2e." + name;
        Map<String, String> sources = new HashMap<>(JavaBindgen.generate(wit.resolve(), world, new JavaBindgen.Options(pkg)));
        sources.put("e2e/" + name + "/" + harness + ".java", Files.readString(e2e.resolve(harness + ".java")));
        // the harness also uses the runtime's loading API, which names the component model classes
        JavaSources.Compiled compiled = JavaSources.compile(sources, List.of(
                JavaSources.classesOf(FlatFunction.class), JavaSources.classesOf(Component.class)));
        assertTrue(compiled.ok(), () -> String.join("\n", compiled.diagnostics()));

        byte[] wasm = Files.readAllBytes(TestFiles.projectRoot()
                .resolve("runtime/src/test/resources/components/" + name + ".wasm"));
        Method run = JavaSources.load(compiled, getClass().getClassLoader(), pkg + "." + harness)
                .getMethod("run", ComponentRuntime.class, byte[].class);
        try {
            run.invoke(null, ComponentRuntime.create(engine), wasm);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw (Error) e.getCause();
        }
    }
}
