package dev.dovetail.component;

import dev.dovetail.wit.PackageName;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.World;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code component-type} custom section of a core module, as wit-component's {@code
 * metadata.rs} writes it ({@code wasm-tools component embed}, {@code jco embed}) and reads it
 * ({@code wasm-tools component new}, {@code jco new}).
 *
 * <p>The section payload is a component: a custom section {@code wit-component-encoding} holding
 * the version byte {@code 0x04} and the string encoding ({@code 0x00} utf8, {@code 0x01} utf16,
 * {@code 0x02} compact utf16), then a type section with one component type, which exports the
 * world's component type under the world's full name ({@code ns:pkg/world@version}), then an
 * export of that type under the world's name.
 *
 * <pre>{@code
 * ResolvedWit wit = WitResolver.builder().build().resolve(path);
 * int world = wit.resolve().pkg(wit.mainPackage()).worlds().get("my-world");
 * byte[] module = WitEmbedder.embed(coreModule, wit.resolve(), world);
 * }</pre>
 */
public final class WitEmbedder {
    /** The custom section name {@code wasm-tools component embed} uses. */
    public static final String SECTION_NAME = "component-type";
    /** The version byte of the {@code wit-component-encoding} section this class writes and reads. */
    public static final int ENCODING_VERSION = 0x04;

    private static final String ENCODING_SECTION = "wit-component-encoding";
    private static final byte[] CORE_PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    private WitEmbedder() {}

    /** A world read back from a {@code component-type} payload. */
    public record EmbeddedWorld(Resolve resolve, int packageId, int worldId, CanonOpt.StringEncoding stringEncoding) {
        public EmbeddedWorld {
            Objects.requireNonNull(resolve);
            Objects.requireNonNull(stringEncoding);
        }
    }

    /** One {@code component-type*} custom section of a core module, decoded. */
    public record EmbeddedSection(String name, EmbeddedWorld world) {}

    /** The payload of a {@code component-type} section for world {@code worldId}, strings in UTF-8. */
    public static byte[] encodeWorld(Resolve resolve, int worldId) {
        return encodeWorld(resolve, worldId, CanonOpt.StringEncoding.UTF8);
    }

    /**
     * The payload of a {@code component-type} section for world {@code worldId}.
     *
     * @throws IllegalArgumentException if the world is not in a package or refers to types of
     *     interfaces it does not import
     */
    public static byte[] encodeWorld(Resolve resolve, int worldId, CanonOpt.StringEncoding encoding) {
        Objects.requireNonNull(resolve, "resolve");
        Objects.requireNonNull(encoding, "encoding");
        if (worldId < 0 || worldId >= resolve.worlds().size()) {
            throw new IllegalArgumentException("no world " + worldId);
        }
        World world = resolve.world(worldId);
        if (world.packageId() == null) {
            throw new IllegalArgumentException("world `" + world.name() + "` is not in a package");
        }
        PackageName pkg = resolve.pkg(world.packageId()).name();
        TypeDef.ComponentType worldType = WorldEncoder.encode(resolve, worldId);
        // the wrapper type exports the world under its full name; the component exports the wrapper
        TypeDef.ComponentType wrapper = new TypeDef.ComponentType(List.of(
                new Declaration.TypeDecl(worldType),
                new Declaration.Export(ExternName.of(WorldEncoder.idOf(pkg, world.name())), new ExternType.Component(0))));
        Component c = new Component(List.of(
                new Section.Custom(ENCODING_SECTION,
                        Bytes.of(new byte[] {ENCODING_VERSION, (byte) encoding.ordinal()})),
                new Section.Types(List.of(wrapper)),
                new Section.Exports(List.of(
                        new Export(ExternName.of(world.name()), new SortIndex(Sort.TYPE, 0), Optional.empty())))));
        return ComponentEncoder.encode(c);
    }

    /** Appends a {@code component-type} section for world {@code worldId} (UTF-8) to a core module. */
    public static byte[] embed(byte[] coreModule, Resolve resolve, int worldId) {
        return embed(coreModule, resolve, worldId, CanonOpt.StringEncoding.UTF8, SECTION_NAME);
    }

    /**
     * Appends a custom section {@code sectionName} (which must start with {@code component-type})
     * describing world {@code worldId} to a core module; other sections are kept as they are.
     *
     * @throws ComponentFormatException if {@code coreModule} is not a core module with well-formed
     *     section framing
     */
    public static byte[] embed(byte[] coreModule, Resolve resolve, int worldId, CanonOpt.StringEncoding encoding,
            String sectionName) {
        Objects.requireNonNull(coreModule, "coreModule");
        if (!sectionName.startsWith(SECTION_NAME)) {
            throw new IllegalArgumentException("section name `" + sectionName + "` does not start with " + SECTION_NAME);
        }
        sections(coreModule);
        byte[] payload = encodeWorld(resolve, worldId, encoding);
        Writer body = new Writer();
        body.name(sectionName);
        body.bytes(payload);
        Writer out = new Writer();
        out.bytes(coreModule);
        out.u8(0);
        out.u32(body.size());
        out.bytes(body);
        return out.toByteArray();
    }

    /**
     * Reads a {@code component-type} payload back.
     *
     * @throws ComponentFormatException if the payload is not a well-formed component
     * @throws WitExtractionException if it is not a world encoded as wit-component encodes one,
     *     or its encoding version is not {@link #ENCODING_VERSION}
     */
    public static EmbeddedWorld decodeWorld(byte[] payload) {
        Component c = ComponentDecoder.decode(payload);
        CanonOpt.StringEncoding encoding = CanonOpt.StringEncoding.UTF8;
        for (Section.Custom s : c.customSections(ENCODING_SECTION)) {
            if (s.data().size() != 2) {
                throw new WitExtractionException("the " + ENCODING_SECTION + " section holds " + s.data().size()
                        + " bytes, not a version and a string encoding");
            }
            int version = s.data().get(0) & 0xff;
            if (version != ENCODING_VERSION) {
                throw new WitExtractionException("component-type version " + version
                        + " does not match supported version " + ENCODING_VERSION);
            }
            encoding = switch (s.data().get(1)) {
                case 0x00 -> CanonOpt.StringEncoding.UTF8;
                case 0x01 -> CanonOpt.StringEncoding.UTF16;
                case 0x02 -> CanonOpt.StringEncoding.LATIN1_UTF16;
                default -> throw new WitExtractionException(String.format("invalid string encoding 0x%02x", s.data().get(1)));
            };
        }
        DecodedWit.ComponentWorld w;
        try {
            w = WitDecoder.singleWorld(TypeElaborator.externs(c));
        } catch (StackOverflowError e) {
            throw WitExtractor.tooDeep();
        }
        return new EmbeddedWorld(w.resolve(), w.packageId(), w.worldId(), encoding);
    }

    /** Decodes every custom section of a core module whose name starts with {@code component-type}, in order. */
    public static List<EmbeddedSection> read(byte[] coreModule) {
        List<EmbeddedSection> out = new ArrayList<>();
        for (RawSection s : sections(coreModule)) {
            if (s.customName() != null && s.customName().startsWith(SECTION_NAME)) {
                byte[] payload = Arrays.copyOfRange(coreModule, s.payloadStart(), s.end());
                out.add(new EmbeddedSection(s.customName(), decodeWorld(payload)));
            }
        }
        return out;
    }

    /** The core module without its {@code component-type*} custom sections. */
    public static byte[] strip(byte[] coreModule) {
        Writer out = new Writer();
        out.bytes(CORE_PREAMBLE);
        for (RawSection s : sections(coreModule)) {
            if (s.customName() == null || !s.customName().startsWith(SECTION_NAME)) {
                out.bytes(coreModule, s.start(), s.end() - s.start());
            }
        }
        return out.toByteArray();
    }

    /** A section of a core module: bytes {@code [start, end)}; custom sections also have a name. */
    private record RawSection(int start, int end, String customName, int payloadStart) {}

    /** The sections of a core module (preamble and section framing checked, contents not). */
    private static List<RawSection> sections(byte[] module) {
        Reader r = new Reader(module);
        r.section("preamble");
        if (module.length < 8 || !Arrays.equals(Arrays.copyOf(module, 8), CORE_PREAMBLE)) {
            throw r.error("not a WebAssembly core module (expected \\0asm version 1)");
        }
        r.skip(8);
        List<RawSection> out = new ArrayList<>();
        while (!r.atEnd()) {
            int start = r.pos();
            int id = r.u8();
            r.section("section " + id);
            long size = Integer.toUnsignedLong(r.u32());
            if (size > r.remaining()) {
                throw r.error("section size " + size + " goes past the end of the module");
            }
            int end = r.pos() + (int) size;
            String name = null;
            int payload = r.pos();
            if (id == 0) {
                int old = r.pushLimit(end);
                name = r.name();
                payload = r.pos();
                r.restoreLimit(old);
            }
            r.skip(end - r.pos());
            out.add(new RawSection(start, end, name, payload));
        }
        return out;
    }
}
