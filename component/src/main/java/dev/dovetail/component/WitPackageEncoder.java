package dev.dovetail.component;

import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Encodes a WIT package as a component (WIT.md "Package Format"), the binary form that {@code
 * wasm-tools component wit --wasm} writes and {@link WitExtractor} (and the WIT parser, through
 * {@link ComponentPackageDecoder}) read back.
 *
 * <p>Each interface of the package becomes a component type that imports the interfaces it uses
 * types of and exports the interface under its full name ({@code ns:pkg/iface@version}); each
 * world becomes a component type exporting the world's own component type under its full name.
 * The component exports every such type under the interface's or world's plain name, interfaces
 * first, in declaration order. Docs and {@code @since}/{@code @unstable} gates are not encoded.
 *
 * <pre>{@code
 * ResolvedWit wit = WitResolver.builder().build().resolve(path);
 * byte[] wasm = WitPackageEncoder.encode(wit.resolve(), wit.mainPackage());
 * }</pre>
 */
public final class WitPackageEncoder {
    private WitPackageEncoder() {}

    /** The main package of {@code wit}, encoded. */
    public static byte[] encode(ResolvedWit wit) {
        Objects.requireNonNull(wit, "wit");
        return encode(wit.resolve(), wit.mainPackage());
    }

    /** Package {@code packageId} of {@code resolve} as a binary component. */
    public static byte[] encode(Resolve resolve, int packageId) {
        return ComponentEncoder.encode(toComponent(resolve, packageId));
    }

    /**
     * Package {@code packageId} of {@code resolve} as a component model.
     *
     * @throws IllegalArgumentException if there is no such package, or an item of it refers to
     *     types of an interface it does not import
     */
    public static Component toComponent(Resolve resolve, int packageId) {
        Objects.requireNonNull(resolve, "resolve");
        if (packageId < 0 || packageId >= resolve.packages().size()) {
            throw new IllegalArgumentException("no package " + packageId);
        }
        dev.dovetail.wit.Package pkg = resolve.pkg(packageId);
        List<TypeDef> types = new ArrayList<>();
        List<Export> exports = new ArrayList<>();
        for (Map.Entry<String, Integer> i : pkg.interfaces().entrySet()) {
            exports.add(export(i.getKey(), types.size()));
            types.add(WorldEncoder.encodeInterface(resolve, i.getValue()));
        }
        for (Map.Entry<String, Integer> w : pkg.worlds().entrySet()) {
            World world = resolve.world(w.getValue());
            PackageName name = pkg.name();
            // like an embedded world: a wrapper type exports the world's type under its full name
            TypeDef.ComponentType wrapper = new TypeDef.ComponentType(List.of(
                    new Declaration.TypeDecl(WorldEncoder.encode(resolve, w.getValue())),
                    new Declaration.Export(ExternName.of(WorldEncoder.idOf(name, world.name())), new ExternType.Component(0))));
            exports.add(export(w.getKey(), types.size()));
            types.add(wrapper);
        }
        return new Component(List.of(new Section.Types(types), new Section.Exports(exports)));
    }

    private static Export export(String name, int type) {
        return new Export(ExternName.of(name), new SortIndex(Sort.TYPE, type), Optional.empty());
    }
}
