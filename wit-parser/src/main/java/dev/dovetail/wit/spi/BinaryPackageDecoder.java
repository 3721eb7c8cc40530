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

    /**
     * Decodes a WIT package encoded as a component written in the WebAssembly text format
     * ({@code .wat}), read from {@code path}. Implementations that cannot read text keep this
     * default, which rejects it.
     *
     * @throws WitException if the text is malformed or not a WIT package
     */
    default ResolvedWit decodeText(String text, Path path) {
        throw new WitException("WIT packages encoded as components in the WebAssembly text format (.wat) are not "
                + "supported by " + getClass().getName() + ": convert the file to binary (.wasm) first", path);
    }
}
