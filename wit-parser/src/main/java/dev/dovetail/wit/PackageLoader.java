package dev.dovetail.wit;

import dev.dovetail.wit.spi.BinaryPackageDecoder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads WIT from the filesystem as wit-parser's {@code Resolve::push_path} does: a file is one
 * package group; a directory is a package (all its {@code .wit} files) plus its {@code deps/}
 * folder; all packages are sorted by their dependencies and appended to one {@link Resolve}.
 * WIT packages encoded as components ({@code .wasm}) are decoded by a {@link BinaryPackageDecoder}
 * found with {@link ServiceLoader} and merged in before the packages written as text.
 */
final class PackageLoader {
    private final Set<String> features;
    private final boolean allFeatures;
    private final List<Path> dependencyDirs;

    PackageLoader(Set<String> features, boolean allFeatures, List<Path> dependencyDirs) {
        this.features = features;
        this.allFeatures = allFeatures;
        this.dependencyDirs = dependencyDirs;
    }

    ResolvedWit load(Path path) {
        if (!Files.exists(path)) {
            throw new WitException("no such file or directory", path);
        }
        if (Files.isDirectory(path)) {
            try {
                Unresolved.Group main = parseDir(path);
                Deps deps = parseDepsDir(path.resolve("deps"), path);
                return sortAndPush(main, deps, extraDeps(path));
            } catch (WitException e) {
                throw e.withContext("failed to resolve directory while parsing WIT for path [" + path + "]");
            }
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (name.endsWith(".wat")) {
            return decoder(path).decodeText(text(readBytes(path), path), path);
        }
        byte[] bytes = readBytes(path);
        if (name.endsWith(".wasm") || looksLikeWasm(bytes)) {
            // a binary package is complete on its own: WIT.md "Package Format"
            return decodeBinary(bytes, path);
        }
        return sortAndPush(parseSource(new Source(path, text(bytes, path))), Deps.NONE, extraDeps(path));
    }

    ResolvedWit loadSource(Path name, String text) {
        return sortAndPush(parseSource(new Source(name, text)), Deps.NONE, extraDeps(null));
    }

    /** Dependencies: packages written as WIT text, and packages decoded from components. */
    private record Deps(List<Unresolved.Group> text, List<Binary> binary) {
        static final Deps NONE = new Deps(List.of(), List.of());
    }

    private record Binary(ResolvedWit wit, Path path) {}

    private Deps extraDeps(Path root) {
        List<Unresolved.Group> groups = new ArrayList<>();
        List<Binary> binary = new ArrayList<>();
        for (Path dir : dependencyDirs) {
            if (!Files.isDirectory(dir)) {
                throw new WitException("dependency directory does not exist", dir);
            }
            Deps deps = parseDepsDir(dir, root);
            groups.addAll(deps.text());
            binary.addAll(deps.binary());
        }
        return new Deps(groups, binary);
    }

    // ------------------------------------------------------------------ reading

    private static String read(Path path) {
        byte[] bytes = readBytes(path);
        if (looksLikeWasm(bytes)) {
            throw new WitException("this file holds a WebAssembly binary: a WIT package encoded as a component "
                    + "is read from a `.wasm` file", path);
        }
        return text(bytes, path);
    }

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new WitException("failed to read path for WIT [" + path + "]: " + e.getMessage(), path);
        }
    }

    private static String text(byte[] bytes, Path path) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WitException("input file is not valid utf-8 [" + path + "]", path);
        }
    }

    private static boolean looksLikeWasm(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm';
    }

    private Unresolved.Group parseFile(Path path) {
        return parseSource(new Source(path, read(path)));
    }

    /** Decodes a WIT package encoded as a component with the {@link BinaryPackageDecoder} on the class path. */
    private static ResolvedWit decodeBinary(byte[] bytes, Path path) {
        return decoder(path).decode(bytes, path);
    }

    private static BinaryPackageDecoder decoder(Path path) {
        ServiceLoader<BinaryPackageDecoder> loader =
                ServiceLoader.load(BinaryPackageDecoder.class, PackageLoader.class.getClassLoader());
        for (BinaryPackageDecoder decoder : loader) {
            return decoder;
        }
        throw new WitException("decoding WIT packages encoded as WebAssembly components needs the "
                + "dovetail-component module on the class path", path);
    }

    private Unresolved.Group parseDir(Path dir) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".wit") && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new WitException("failed to read directory: " + e.getMessage(), dir);
        }
        List<Source> sources = new ArrayList<>();
        for (Path f : files) {
            sources.add(new Source(f, read(f)));
        }
        try {
            return parseSources(sources);
        } catch (WitException e) {
            throw e.withContext("failed to parse package: " + dir);
        }
    }

    private Deps parseDepsDir(Path deps, Path root) {
        List<Unresolved.Group> groups = new ArrayList<>();
        List<Binary> binary = new ArrayList<>();
        if (!Files.isDirectory(deps)) {
            return Deps.NONE;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(deps)) {
            entries = list.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new WitException("failed to read directory: " + e.getMessage(), deps);
        }
        for (Path entry : entries) {
            if (root != null && sameFile(entry, root)) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                groups.add(parseDir(entry));
            } else {
                String name = entry.getFileName().toString();
                if (name.endsWith(".wit")) {
                    groups.add(parseFile(entry));
                } else if (name.endsWith(".wasm")) {
                    binary.add(new Binary(decodeBinary(readBytes(entry), entry), entry));
                } else if (name.endsWith(".wat")) {
                    binary.add(new Binary(decoder(entry).decodeText(text(readBytes(entry), entry), entry), entry));
                }
            }
        }
        return new Deps(groups, binary);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private Unresolved.Group parseSource(Source source) {
        return parseSources(List.of(source));
    }

    /** Parses the files of one package; nested {@code package} blocks become packages of their own. */
    private static Unresolved.Group parseSources(List<Source> sources) {
        AstResolver main = new AstResolver();
        List<Unresolved> nested = new ArrayList<>();
        for (Source source : sources) {
            checkCharacters(source);
            Ast.PackageFile file = AstBuilder.parse(source);
            List<Ast.Item> rest = new ArrayList<>();
            for (Ast.Item item : file.items()) {
                if (item instanceof Ast.NestedPackage np) {
                    AstResolver r = new AstResolver();
                    r.push(np.file());
                    nested.add(r.resolve(source));
                } else {
                    rest.add(item);
                }
            }
            main.push(new Ast.PackageFile(file.packageDecl(), List.copyOf(rest)));
        }
        Unresolved mainPackage = main.resolve(sources.isEmpty() ? null : sources.get(0));
        return new Unresolved.Group(mainPackage, List.copyOf(nested));
    }

    /** WIT.md "Lexical structure": no control codes but tab/newline/return, no bidirectional overrides. */
    private static void checkCharacters(Source source) {
        String text = source.text();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f;
            boolean bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
            if (control || bidi) {
                throw new Span(source, i, i + 1).error(String.format(
                        "%s character U+%04X is not allowed in WIT", bidi ? "bidirectional override" : "control", (int) c));
            }
        }
    }

    // ------------------------------------------------------------------ ordering

    private record Entry(Unresolved pkg, boolean root, boolean strict) {}

    private ResolvedWit sortAndPush(Unresolved.Group main, Deps deps, Deps extra) {
        TreeMap<PackageName, Entry> byName = new TreeMap<>(PackageLoader::comparePackageNames);
        insert(byName, main, true, true);
        for (Unresolved.Group dep : deps.text()) {
            insert(byName, dep, false, true);
        }
        for (Unresolved.Group dep : extra.text()) {
            // extra dependency folders never override what the path itself defines
            insert(byName, dep, false, false);
        }

        LinkedHashSet<PackageName> order = new LinkedHashSet<>();
        Set<PackageName> visiting = new HashSet<>();
        for (Entry e : byName.values()) {
            visit(e.pkg(), byName, order, visiting);
        }

        ResolveBuilder builder = new ResolveBuilder(features, allFeatures);
        // packages decoded from components come first, complete, as in wit-parser's push_dir
        for (Binary b : deps.binary()) {
            PackageName name = b.wit().resolve().pkg(b.wit().mainPackage()).name();
            Entry clash = byName.get(name);
            if (clash != null && clash.strict()) {
                throw new WitException("package " + name + " is defined in two different locations:\n  * "
                        + b.path() + "\n  * " + location(clash.pkg().nameSpan), b.path());
            }
            ResolveMerger.merge(builder, b.wit().resolve(), b.path());
        }
        for (Binary b : extra.binary()) {
            if (!byName.containsKey(b.wit().resolve().pkg(b.wit().mainPackage()).name())) {
                ResolveMerger.merge(builder, b.wit().resolve(), b.path());
            }
        }
        List<Integer> roots = new ArrayList<>();
        int mainId = -1;
        for (PackageName name : order) {
            Entry e = byName.get(name);
            if (!e.strict() && builder.packageNames.containsKey(name)) {
                continue;
            }
            int id = builder.append(e.pkg());
            if (e.pkg() == main.main()) {
                mainId = id;
            } else if (e.root()) {
                roots.add(id);
            }
        }
        roots.add(mainId);
        return new ResolvedWit(builder.build(), roots);
    }

    private static void insert(Map<PackageName, Entry> byName, Unresolved.Group group, boolean root, boolean strict) {
        List<Unresolved> pkgs = new ArrayList<>(group.nested());
        pkgs.add(group.main());
        for (Unresolved pkg : pkgs) {
            Entry prev = byName.get(pkg.name);
            if (prev != null) {
                if (!strict) {
                    continue;
                }
                throw new WitException("package " + pkg.name + " is defined in two different locations:\n  * "
                        + location(pkg.nameSpan) + "\n  * " + location(prev.pkg().nameSpan), pkg.nameSpan.source().path());
            }
            byName.put(pkg.name, new Entry(pkg, root, strict));
        }
    }

    private static String location(Span span) {
        WitException e = span.error("");
        return span.source().path() + ":" + e.line() + ":" + e.column();
    }

    private static void visit(Unresolved pkg, Map<PackageName, Entry> byName, LinkedHashSet<PackageName> order, Set<PackageName> visiting) {
        if (order.contains(pkg.name)) {
            return;
        }
        int i = 0;
        for (PackageName dep : pkg.foreignDeps.keySet()) {
            Span span = pkg.foreignDepSpans.get(i++);
            if (!visiting.add(dep)) {
                throw span.error("package `" + dep + "` creates a dependency cycle");
            }
            Entry e = byName.get(dep);
            if (e != null) {
                visit(e.pkg(), byName, order, visiting);
            }
            visiting.remove(dep);
        }
        order.add(pkg.name);
    }

    static int comparePackageNames(PackageName a, PackageName b) {
        int c = a.namespace().compareTo(b.namespace());
        if (c != 0) {
            return c;
        }
        c = a.name().compareTo(b.name());
        if (c != 0) {
            return c;
        }
        return Semver.compare(a.version(), b.version());
    }

}
