package dev.dovetail.cli;

import dev.dovetail.runtime.Engine;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --engine interpreter|compiler}: how core WebAssembly runs. Use it as a picocli {@code @Mixin}. */
public final class EngineOption {
    @Option(
            names = "--engine",
            paramLabel = "ENGINE",
            defaultValue = "interpreter",
            converter = Converter.class,
            completionCandidates = Names.class,
            description = "How core WebAssembly code runs: interpreter (Chicory's interpreter, no start-up cost) "
                    + "or compiler (Chicory's runtime compiler to JVM bytecode). Default: ${DEFAULT-VALUE}.")
    Engine engine = Engine.INTERPRETER;

    /** The chosen engine. */
    public Engine engine() {
        return engine;
    }

    /** The engine's name as written on the command line. */
    static String name(Engine engine) {
        return engine.name().toLowerCase(Locale.ROOT);
    }

    static final class Converter implements ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            for (Engine e : Engine.values()) {
                if (name(e).equals(value.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
            throw new TypeConversionException("expected interpreter or compiler, not '" + value + "'");
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("interpreter", "compiler").iterator();
        }
    }
}
