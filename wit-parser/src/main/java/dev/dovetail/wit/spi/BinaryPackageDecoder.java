package dev.dovetail.wit.spi;

import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitException;
import java.nio.file.Path;

/**
 * Decodes a WIT package encoded as a WebAssembly component (WIT.md "Package Format"), so that the
 * WIT parser can read {@code .wasm} files, in a {@code deps/} folder or given directly. The
 * parser does not know the component binary format; an implementation is found with {@link
 * java.util.ServiceLoader} (the {@code dovetail-component} module provides one).
 */
public interface BinaryPackageDecoder {

    /**
     * Decodes {@code bytes}, read from {@code path} (for messages only).
     *
     * @return the packages decoded: the main one as the single root package, and the foreign
     *     packages it refers to
     * @throws WitException if the bytes are not a component or not a WIT package
     */
    ResolvedWit decode(byte[] bytes, Path path);
}
