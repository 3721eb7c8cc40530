package dev.dovetail.compose;

import dev.dovetail.component.CanonOpt;
import dev.dovetail.component.Component;
import dev.dovetail.component.ComponentEncoder;
import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.component.ComponentValidator;
import dev.dovetail.component.WitEmbedder;
import dev.dovetail.component.WitExtractionException;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import dev.dovetail.wit.WitResolver;
import dev.dovetail.wit.World;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes a component of a core module, as {@code wasm-tools component new} does: the world comes
 * from the module's {@code component-type} custom section (see {@link WitEmbedder}) or is given
 * here; imports named {@code ns:pkg/iface@v} + function (or {@code $root}) are lowered from
 * component imports, exports named {@code ns:pkg/iface@v#function} are lifted, with the
 * canonical options the types need ({@code memory}, {@code cabi_realloc}, {@code string-encoding},
 * {@code cabi_post_*}). Adapters ({@code --adapt NAME=PATH}) provide the imports of module
 * {@code NAME}, e.g. the WASI preview1 adapters for {@code wasi_snapshot_preview1}; they are
 * trimmed to what the module imports of them first, and the component imports only the
 * interfaces, functions and types the core imports use, as {@code jco new} does.
 *
 * <pre>{@code
 * byte[] component = Componentizer.builder()
 *         .wit(resolve, worldId)                         // optional if the module embeds its world
 *         .adapter("wasi_snapshot_preview1", reactorAdapter)
 *         .build()
 *         .componentize(coreModule);
 * }</pre>
 *
 * The result is validated before it is returned; every failure is a {@link ComponentizeException}.
 */
public final class Componentizer {
    private final Resolve resolve;
    private final int worldId;
    private final Map<String, byte[]> adapters;

    private Componentizer(Builder b) {
        this.resolve = b.resolve;
        this.worldId = b.worldId;
        this.adapters = new LinkedHashMap<>(b.adapters);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a {@link Componentizer}. */
    public static final class Builder {
        private Resolve resolve;
        private int worldId = -1;
        private final Map<String, byte[]> adapters = new LinkedHashMap<>();

        private Builder() {}

        /** The world to target, embedded into the module first (replacing any embedded one). */
        public Builder wit(Resolve resolve, int worldId) {
            this.resolve = Objects.requireNonNull(resolve, "resolve");
            if (worldId < 0 || worldId >= resolve.worlds().size()) {
                throw new IllegalArgumentException("no world " + worldId);
            }
            this.worldId = worldId;
            return this;
        }

        /** An adapter module that provides the core module's imports of module {@code name}. */
        public Builder adapter(String name, byte[] adapterModule) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(adapterModule, "adapterModule");
            if (adapters.containsKey(name)) {
                throw new IllegalArgumentException("adapter `" + name + "` given twice");
            }
            adapters.put(name, adapterModule.clone());
            return this;
        }

        public Componentizer build() {
            return new Componentizer(this);
        }
    }

    /**
     * The component made of {@code coreModule}.
     *
     * @throws ComponentizeException if the module or an adapter is malformed, has no world, or does
     *     not match its world
     */
    public byte[] componentize(byte[] coreModule) {
        Objects.requireNonNull(coreModule, "coreModule");
        if (coreModule.length >= 8 && coreModule[0] == 0 && coreModule[1] == 'a' && coreModule[2] == 's'
                && coreModule[3] == 'm' && coreModule[6] == 1 && coreModule[7] == 0) {
            throw new ComponentizeException("the input is a component already, not a core module");
        }
        byte[] module = coreModule;
        if (resolve != null) {
            module = WitEmbedder.embed(strip(module, "the core module"), resolve, worldId);
        } else if (!adapters.isEmpty() && worldSections(module, "the core module").isEmpty()) {
            // a preview1 command has no world of its own: the adapter's world is the component's
            // (wit-component reads a missing section as an empty world too)
            ResolvedWit empty = WitResolver.builder().build().resolveSource("empty.wit", "package root:component;\nworld root {}\n");
            module = WitEmbedder.embed(module, empty.resolve(), empty.resolve().pkg(empty.mainPackage()).worlds().get("root"));
        }
        try {
            module = CoreWasm.renameRepeatedImports(module);
        } catch (CoreWasm.Malformed e) {
            throw new ComponentizeException("the core module is malformed: " + e.getMessage(), e);
        }
        Componentization.Part main = part(null, module, null);
        List<Componentization.Part> parts = new ArrayList<>();
        for (Map.Entry<String, byte[]> a : adapters.entrySet()) {
            parts.add(part(a.getKey(), a.getValue(), main.module()));
        }
        Component c;
        try {
            c = new Componentization(main, parts).run();
        } catch (IllegalArgumentException e) {
            throw new ComponentizeException("cannot encode the world: " + e.getMessage(), e);
        }
        try {
            ComponentValidator.validate(c);
        } catch (ComponentValidationException e) {
            throw new ComponentizeException("the component made of the core module is not valid: " + e.getMessage(), e);
        }
        return ComponentEncoder.encode(c);
    }

    private static byte[] strip(byte[] module, String what) {
        try {
            return WitEmbedder.strip(module);
        } catch (ComponentFormatException e) {
            throw new ComponentizeException(what + " is not a core module: " + e.getMessage(), e);
        }
    }

    private static List<WitEmbedder.EmbeddedSection> worldSections(byte[] module, String what) {
        try {
            return WitEmbedder.read(module);
        } catch (ComponentFormatException | WitExtractionException e) {
            throw new ComponentizeException(what + " has a malformed component-type section or is not a core module: "
                    + e.getMessage(), e);
        }
    }

    /** The main module ({@code name} null) or an adapter, trimmed to what {@code main} imports of it. */
    private static Componentization.Part part(String name, byte[] bytes, CoreWasm.Module main) {
        String what = name == null ? "the core module" : "adapter `" + name + "`";
        List<WitEmbedder.EmbeddedSection> sections = worldSections(bytes, what);
        if (sections.isEmpty()) {
            throw new ComponentizeException(what + " has no component-type custom section: give its world with "
                    + (name == null ? "wit(resolve, world)" : "an adapter module built with its world embedded"));
        }
        if (sections.size() > 1) {
            throw new ComponentizeException(what + " has " + sections.size()
                    + " component-type sections; merging several worlds is not supported");
        }
        WitEmbedder.EmbeddedWorld w = sections.get(0).world();
        byte[] stripped = strip(bytes, what);
        CoreWasm.Module m;
        try {
            if (name != null) {
                stripped = CoreGc.run(stripped, adapterRoots(name, main, w));
            }
            m = CoreWasm.read(stripped);
            if (name != null) {
                stripped = CoreWasm.withStackAllocation(stripped);
            }
        } catch (CoreWasm.Malformed | ArrayIndexOutOfBoundsException e) {
            throw new ComponentizeException(what + " is malformed: " + e.getMessage(), e);
        }
        CanonOpt.StringEncoding enc = w.stringEncoding();
        return new Componentization.Part(name, stripped, m, w.resolve(), w.worldId(), enc);
    }

    /**
     * The exports of adapter {@code name} that stay when it is trimmed (wit-component keeps the
     * same): the functions the main module imports from it, its {@code cabi_realloc},
     * {@code cabi_import_realloc} and {@code cabi_export_realloc}, and what its own world exports
     * ({@code iface#f}, {@code f}, their {@code cabi_post_} and the {@code iface#[dtor]r} of
     * exported resources), e.g. {@code wasi:cli/run#run} of the command adapter.
     */
    private static Predicate<String> adapterRoots(String name, CoreWasm.Module main, WitEmbedder.EmbeddedWorld w) {
        Set<String> imported = new HashSet<>();
        for (CoreWasm.Import i : main.imports()) {
            if (i.module().equals(name)) {
                imported.add(i.name());
            }
        }
        Set<String> functions = new HashSet<>();
        List<String> interfaces = new ArrayList<>();
        World world = w.resolve().world(w.worldId());
        for (Map.Entry<WorldKey, WorldItem> e : world.exports().entrySet()) {
            if (e.getValue() instanceof WorldItem.FunctionItem f) {
                functions.add(f.function().name());
            } else if (e.getValue() instanceof WorldItem.InterfaceItem ii) {
                interfaces.add(e.getKey() instanceof WorldKey.Name n ? n.name() : w.resolve().interfaceName(ii.interfaceId()));
            }
        }
        return export -> {
            if (imported.contains(export) || ALWAYS_KEPT.contains(export)) {
                return true;
            }
            String lifted = export.startsWith("cabi_post_") ? export.substring("cabi_post_".length()) : export;
            return functions.contains(lifted) || interfaces.stream().anyMatch(i -> lifted.startsWith(i + "#"));
        };
    }

    private static final Set<String> ALWAYS_KEPT = Set.of("cabi_realloc", "cabi_import_realloc", "cabi_export_realloc");
}
