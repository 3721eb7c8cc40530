package dev.dovetail.runtime;

import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentDecoder;
import dev.dovetail.component.ComponentValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The entry point: loads components and hands out {@link Linker}s to instantiate them.
 *
 * <pre>{@code
 * ComponentRuntime runtime = ComponentRuntime.create();
 * LoadedComponent component = runtime.load(bytes);
 * ComponentInstance instance = runtime.linker()
 *         .func("log", args -> { System.out.println(args); return Optional.empty(); })
 *         .instantiate(component);
 * Optional<Val> r = instance.func("greet").call(new Val.Str("world"));
 * }</pre>
 */
public final class ComponentRuntime {
    private final Engine engine;

    private ComponentRuntime(Engine engine) {
        this.engine = engine;
    }

    /** A runtime that interprets core modules. */
    public static ComponentRuntime create() {
        return new ComponentRuntime(Engine.INTERPRETER);
    }

    /** A runtime using the given core engine. */
    public static ComponentRuntime create(Engine engine) {
        return new ComponentRuntime(Objects.requireNonNull(engine));
    }

    public Engine engine() {
        return engine;
    }

    /**
     * Decodes and validates a component binary.
     *
     * @throws dev.dovetail.component.ComponentFormatException if it is malformed
     * @throws dev.dovetail.component.ComponentValidationException if it is invalid
     */
    public LoadedComponent load(byte[] bytes) {
        Component c = ComponentDecoder.decode(bytes);
        ComponentValidator.validate(c);
        return new LoadedComponent(c, new Loader(engine.core, c));
    }

    /** Reads, decodes and validates a component file. */
    public LoadedComponent load(Path file) {
        try {
            return load(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Uses an already decoded component; it is validated first. */
    public LoadedComponent load(Component component) {
        ComponentValidator.validate(component);
        return new LoadedComponent(component, new Loader(engine.core, component));
    }

    /** A new, empty linker. */
    public Linker linker() {
        return new Linker(this, "");
    }

    /** Instantiates a component that imports nothing. */
    public ComponentInstance instantiate(LoadedComponent component) {
        return linker().instantiate(component);
    }
}
