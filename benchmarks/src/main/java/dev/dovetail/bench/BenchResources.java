package dev.dovetail.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The small component binaries the benchmarks ship as class-path resources beside their classes. */
final class BenchResources {
    private BenchResources() {}

    static byte[] read(String name) {
        try (InputStream in = BenchResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
