package dev.dovetail.cli;

import dev.dovetail.component.Bytes;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentText;
import dev.dovetail.component.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small components and core modules for the CLI tests, built in memory. */
final class Samples {
    private Samples() {}

    /** An empty core module with one custom section ({@code \0asm}, version 1). */
    static final byte[] CORE_MODULE = {
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
        0x00, 0x05, 0x04, 'n', 'o', 't', 'e',
    };

    /**
     * A valid component: an imported WASI instance and function, a nested component {@code $inner},
     * an export, and (added to the parsed text) a core module.
     */
    static byte[] component() {
        Component parsed = ComponentText.parse("""
                (component
                  (import "wasi:io/poll@0.2.0" (instance (export "pollable" (type (sub resource)))))
                  (type $f (func (param "x" u32) (result string)))
                  (import "f" (func $f (type $f)))
                  (component $inner (import "g" (func)))
                  (export "f2" (func $f)))
                """, "sample.wat");
        List<Section> sections = new ArrayList<>(parsed.sections());
        sections.add(1, new Section.CoreModule(Bytes.of(CORE_MODULE)));
        return ComponentEncoder.encode(new Component(sections));
    }

    /** A well-formed component that exports a function that does not exist. */
    static byte[] invalid() {
        return ComponentEncoder.encode(ComponentText.parse("(component (export \"f\" (func 0)))", "invalid.wat"));
    }

    /** {@link #component()} cut short in the middle of a section. */
    static byte[] truncated() {
        byte[] c = component();
        return Arrays.copyOf(c, 20);
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
