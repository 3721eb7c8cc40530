package dev.dovetail.compose;

import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small components for the WAC tests, in the component text format: they only route imports to
 * exports, which is enough for composition and keeps them independent of any toolchain.
 */
final class WacTestPackages {
    private WacTestPackages() {}

    /** Imports {@code host:env/sink}, exports it as {@code test:logger/log@1.0.0}. */
    static final String LOGGER = """
            (component
              (import "host:env/sink" (instance $sink (export "write" (func (param "msg" string)))))
              (export "test:logger/log@1.0.0" (instance $sink))
            )
            """;

    /** Imports {@code test:logger/log@1.0.0} and {@code level}; exports {@code run} and {@code get-level}. */
    static final String APP = """
            (component
              (import "test:logger/log@1.0.0" (instance $log (export "write" (func (param "msg" string)))))
              (import "level" (func $level (result u32)))
              (alias export $log "write" (func $w))
              (export "run" (func $w))
              (export "get-level" (func $level))
            )
            """;

    /** An encoded WIT package {@code test:types@1.0.0} with one interface, {@code sink}. */
    static final String TYPES = """
            (component
              (type $c (component
                (type $i (instance
                  (type $f (func (param "msg" string)))
                  (export "write" (func (type $f)))))
                (export "test:types/sink@1.0.0" (instance (type $i)))))
              (export "sink" (type $c))
            )
            """;

    /**
     * A wac-style {@code deps} directory: {@code test:logger} and {@code test:types} as {@code
     * .wat}, {@code test:app} as {@code .wasm} and {@code test:app@2.0.0} as {@code .wat}.
     */
    static Path deps(Path dir) {
        Path deps = dir.resolve("deps");
        write(deps.resolve("test/logger.wat"), LOGGER);
        write(deps.resolve("test/types.wat"), TYPES);
        writeBinary(deps.resolve("test/app.wasm"), APP);
        write(deps.resolve("test/app/2.0.0.wat"), APP);
        return deps;
    }

    static byte[] binary(String text) {
        return ComponentEncoder.encode(ComponentText.parse(text, "test.wat"));
    }

    static void writeBinary(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, binary(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
