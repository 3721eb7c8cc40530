package dev.dovetail.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dovetail.testing.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The component text reader ({@link ComponentText}) against the reference text parser: {@code jco
 * parse} (jco 1.34.0, crate {@code wast} 258) must write the very bytes {@link ComponentEncoder}
 * writes for what the reader returns, for a corpus of type-only components (hand-written ones,
 * WIT packages printed by {@code jco print}, and the two {@code .wat} files of the wit-parser UI
 * suite). The type-only components of the conformance suite's {@code .wast} scripts are checked
 * against the binaries converted from them, without jco. Then error locations, the rejection of
 * everything but type definitions, and a mutation fuzzer.
 */
class ComponentTextTest {
    private static final String TYPE_DEFINITIONS_ONLY = "supports type definitions only";

    // ------------------------------------------------------------------ helpers

    private static Path resourceDir() {
        try {
            return Path.of(ComponentTextTest.class.getResource("/component-text").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus: {@code component-text/*.wat} and the wit-parser UI suite's two {@code .wat} files. */
    private static List<Path> corpus() {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(resourceDir())) {
            files.filter(p -> p.toString().endsWith(".wat")).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path ui = Conformance.suiteRoot().resolveSibling("wit-parser-ui").resolve("ui");
        out.add(ui.resolve("simple-wasm-text.wat"));
        out.add(ui.resolve("kinds-of-deps/deps/d.wat"));
        for (Path p : out) {
            assertTrue(Files.isRegularFile(p), "missing corpus file " + p);
        }
        return out;
    }

    private static Component parse(String text) {
        return ComponentText.parse(text, "test.wat");
    }

    private static ComponentTextException rejected(String text) {
        return assertThrows(ComponentTextException.class, () -> parse(text), text);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    // ------------------------------------------------------------------ jco parse

    @Test
    void corpusMatchesJcoParseByteForByte(@TempDir Path dir) {
        Jco jco = Jco.require();
        List<Path> files = corpus();
        assertTrue(files.size() >= 19, "corpus size " + files.size());
        List<Callable<String>> work = new ArrayList<>();
        for (Path f : files) {
            work.add(() -> {
                byte[] reference = jco.parse(dir, f);
                Component c = ComponentText.parse(read(f), f.getFileName().toString());
                byte[] ours = ComponentEncoder.encode(c);
                if (!java.util.Arrays.equals(reference, ours)) {
                    return f.getFileName() + ":\n  jco  " + hex(reference) + "\n  ours " + hex(ours);
                }
                assertEquals(ComponentDecoder.decode(reference), c, "model of " + f.getFileName());
                return null;
            });
        }
        List<String> diffs = Jco.parallel(work).stream().filter(s -> s != null).toList();
        assertTrue(diffs.isEmpty(), diffs.size() + " of " + files.size() + " differ:\n" + String.join("\n", diffs));
    }

    /** Text that jco's parser rejects is rejected here too (and with our one exception type). */
    private static final List<String> MALFORMED = List.of(
            "(component (type $t u8) (type $t u8))",
            "(component (type (list $nope)))",
            "(component (import \"f\" (func $f)) (import \"f\" (func $f)))",
            "(component (type (variant (case \"a\") (case \"b\" u8 (refines 0)))))",
            "(component (type (variant (case $a \"a\") (case $a \"b\"))))",
            "(component (type (func (result \"a\" u8))))",
            "(component (import \"a\" (versionsuffix \"1\") (implements \"a:b/c\") (instance)))",
            "(component (import \"b\" (external-id \"zz\") (versionsuffix \"1\") (instance)))",
            "(component (import \"i\" (instance $i)) (type (instance (alias export $i \"x\" (type)))))",
            "(component (import \"f\" (func $f)) (component (export \"f\" (func $f))))",
            "(component (type (instance (type $t (export \"x\") u8))))",
            "(component (type u8) (import \"a\" (instance (type 0) (export \"x\" (type (eq 0))))))",
            "(component (import \"f\" (func $f)) (export \"x\" (func $f) (func $z (type 0))))",
            "(component (type (instance (import \"x\" (func)))))",
            "(component (type (alias outer 0 0)))",
            "(component (alias outer $nope 0 (type)))",
            "(component (alias outer 5 $x (type)))",
            "(component (type (list u8 0x1_0000_0000)))",
            "(component (import \"\\ff\" (instance)))",
            "(component (type (record (field \"a\" u8\n))",
            "(component (type \"unterminated))",
            "(component (; unterminated comment)",
            "(component) (component)",
            "(component (type u8)",
            "(component (type (list u8 1__0)))",
            "(component (type \"a\"u8))",
            "(component (type $ u8))",
            "(component (import \"x\" (func (param \"a\" (own)))))",
            "(component (type (map u8)))",
            "(component (@custom \"c\" (after first) \"ab\"))",
            "(component (type (own 0) (own 1)))",
            "(component (type (tuple u8 (error u8))))",
            "(component (type (result (error u8) u8)))",
            "(component (type (func (result u8) (param \"a\" u8))))",
            "(component (type \"\\u{d800}\"))",
            "(component (export \"x\" (type 0) (type (sub resource))) (type u8) 7)");

    @Test
    void malformedTextIsRejectedLikeJco(@TempDir Path dir) {
        Jco jco = Jco.require();
        List<Callable<String>> work = new ArrayList<>();
        for (int k = 0; k < MALFORMED.size(); k++) {
            String text = MALFORMED.get(k);
            Path f = dir.resolve("malformed-" + k + ".wat");
            Path out = dir.resolve("malformed-" + k + ".wasm");
            work.add(() -> {
                Files.writeString(f, text, StandardCharsets.UTF_8);
                Processes.Result r = jco.run(dir, "parse", f.toString(), "-o", out.toString());
                String ours;
                try {
                    parse(text);
                    ours = "accepted";
                } catch (ComponentTextException e) {
                    ours = null;
                }
                if (r.ok() || ours != null) {
                    return text + ": jco " + (r.ok() ? "accepts" : "rejects") + ", ours " + (ours == null ? "rejects" : ours);
                }
                return null;
            });
        }
        List<String> diffs = Jco.parallel(work).stream().filter(s -> s != null).toList();
        assertTrue(diffs.isEmpty(), String.join("\n", diffs));
    }

    // ------------------------------------------------------------------ conformance suite, no jco

    /**
     * Every component written as text in the suite's {@code .wast} scripts that the reader accepts
     * (the type-only ones) gives the binary the suite holds for it (converted by jco 1.35.0, crate
     * {@code wast} 259); every one it rejects is rejected for being outside the supported subset.
     *
     * <p>One difference between the two parser versions is allowed: {@code wast} 259 no longer
     * names the outer aliases it synthesizes for identifiers of enclosing components in the
     * {@code component-name} section, 258 (the version this reader follows) does. Such binaries
     * must be equal once the name sections are dropped.
     */
    @Test
    void suiteTypeOnlyComponentsMatchTheirBinaries() throws IOException {
        Path suite = Conformance.suiteRoot();
        ObjectMapper json = new ObjectMapper();
        int matched = 0;
        int namesOnly = 0;
        int outside = 0;
        List<String> failures = new ArrayList<>();
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(suite.resolve("json"))) {
            scripts = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path script : scripts) {
            Path rel = suite.resolve("json").relativize(script.getParent());
            Path wast = suite.resolve("wast").resolve(rel.getParent() == null ? "" : rel.getParent().toString())
                    .resolve(rel.getFileName() + ".wast");
            String src = read(wast);
            Map<Integer, int[]> forms = WastForms.topLevel(src);
            for (JsonNode c : json.readTree(script.toFile()).path("commands")) {
                if (!"binary".equals(c.path("module_type").asText()) || !c.hasNonNull("filename")) {
                    continue;
                }
                int[] form = forms.get(c.path("line").asInt());
                Optional<String> text = form == null ? Optional.empty() : WastForms.componentText(src, form[0], form[1]);
                if (text.isEmpty()) {
                    continue; // (component binary ...) / (component quote ...)
                }
                String label = rel + ".wast:" + c.path("line").asInt();
                byte[] expected = Conformance.read(script.getParent().resolve(c.get("filename").asText()));
                try {
                    byte[] ours = ComponentEncoder.encode(ComponentText.parse(text.get(), label));
                    if (java.util.Arrays.equals(expected, ours)) {
                        matched++;
                    } else if (java.util.Arrays.equals(
                            ComponentEncoder.encode(withoutNames(ComponentDecoder.decode(expected))),
                            ComponentEncoder.encode(withoutNames(ComponentDecoder.decode(ours))))) {
                        namesOnly++;
                    } else {
                        failures.add(label + ": bytes differ\n  suite " + hex(expected) + "\n  ours  " + hex(ours));
                    }
                } catch (ComponentTextException e) {
                    if (e.reason().contains(TYPE_DEFINITIONS_ONLY)) {
                        outside++;
                    } else {
                        failures.add(label + ": " + e.getMessage());
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertTrue(matched >= 50, "type-only components matched: " + matched + " (outside the subset: " + outside + ")");
        assertTrue(namesOnly <= 5, "differing in names only: " + namesOnly);
        System.out.printf("component text vs suite: %d equal, %d equal but for synthesized alias names, %d outside "
                + "the subset%n", matched, namesOnly, outside);
    }

    /** {@code c} without {@code component-name} sections, nested components included. */
    private static Component withoutNames(Component c) {
        List<Section> out = new ArrayList<>();
        for (Section s : c.sections()) {
            if (s instanceof Section.Custom cs && cs.name().equals(ComponentNames.SECTION_NAME)) {
                continue;
            }
            out.add(s instanceof Section.NestedComponent n
                    ? new Section.NestedComponent(withoutNames(n.component()), n.encoding())
                    : s);
        }
        return new Component(out);
    }

    /** Splits a {@code .wast} script into its top-level forms and finds the component text in one. */
    static final class WastForms {
        private WastForms() {}

        /** Top-level forms by 1-based starting line: {start, end} offsets. */
        static Map<Integer, int[]> topLevel(String s) {
            Map<Integer, int[]> out = new TreeMap<>();
            int line = 1;
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\n') {
                    line++;
                    i++;
                } else if (c == '(' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    int end = skipBlock(s, i);
                    line += count(s, i, end);
                    i = end;
                } else if (c == ';' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '(') {
                    int end = skipForm(s, i);
                    out.put(line, new int[] {i, end});
                    line += count(s, i, end);
                    i = end;
                } else {
                    i++;
                }
            }
            return out;
        }

        /**
         * The {@code (component ...)} of a top-level form (the form itself, or the first form
         * inside an {@code assert_*}), with a {@code definition} keyword blanked out as the
         * converter did; empty for {@code binary} and {@code quote} components.
         */
        static Optional<String> componentText(String s, int start, int end) {
            int i = start + 1;
            String head = word(s, i);
            if (!head.equals("component")) {
                i = skipBlank(s, i + head.length());
                if (i >= end || s.charAt(i) != '(') {
                    return Optional.empty();
                }
                start = i;
                end = skipForm(s, i);
                if (!word(s, start + 1).equals("component")) {
                    return Optional.empty();
                }
            }
            StringBuilder text = new StringBuilder(s.substring(start, end));
            int j = skipBlank(s, start + 1 + "component".length());
            String next = word(s, j);
            if (next.equals("definition")) {
                for (int k = 0; k < next.length(); k++) {
                    text.setCharAt(j - start + k, ' ');
                }
                j = skipBlank(s, j + next.length());
                next = word(s, j);
            }
            if (next.startsWith("$")) {
                next = word(s, skipBlank(s, j + next.length()));
            }
            if (next.equals("binary") || next.equals("quote")) {
                return Optional.empty();
            }
            return Optional.of(text.toString());
        }

        private static String word(String s, int i) {
            int j = i;
            while (j < s.length() && TextLexer.isIdChar(s.charAt(j))) {
                j++;
            }
            return s.substring(i, j);
        }

        private static int skipBlank(String s, int i) {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == ';' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '(' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    i = skipBlock(s, i);
                } else {
                    return i;
                }
            }
            return i;
        }

        private static int count(String s, int from, int to) {
            int n = 0;
            for (int k = from; k < to; k++) {
                if (s.charAt(k) == '\n') {
                    n++;
                }
            }
            return n;
        }

        private static int skipBlock(String s, int i) {
            int depth = 0;
            while (i < s.length()) {
                if (s.startsWith("(;", i)) {
                    depth++;
                    i += 2;
                } else if (s.startsWith(";)", i)) {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            return i;
        }

        /** From a {@code (}, the offset after its matching {@code )}. */
        private static int skipForm(String s, int i) {
            int depth = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    i++;
                    while (i < s.length() && s.charAt(i) != '"') {
                        i += s.charAt(i) == '\\' ? 2 : 1;
                    }
                    i++;
                } else if (c == ';' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    while (i < s.length() && s.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '(' && i + 1 < s.length() && s.charAt(i + 1) == ';') {
                    i = skipBlock(s, i);
                } else if (c == '(') {
                    depth++;
                    i++;
                } else if (c == ')') {
                    depth--;
                    i++;
                    if (depth == 0) {
                        return i;
                    }
                } else {
                    i++;
                }
            }
            return i;
        }
    }

    // ------------------------------------------------------------------ the model

    @Test
    void hoistsInlineTypesAndResolvesOuterIdentifiers() {
        Component c = parse("""
                (component $C
                  (type $X u8)
                  (type (component
                    (type (func (param "a" $X) (param "b" (list u8)))))))
                """);
        Section.Types types = c.sections(Section.Types.class).get(0);
        assertEquals(PrimitiveType.U8, types.types().get(0));
        TypeDef.ComponentType ct = (TypeDef.ComponentType) types.types().get(1);
        // the inline list first, then the outer alias for $X, then the function
        assertEquals(List.of(
                new Declaration.TypeDecl(new DefinedType.ListType(PrimitiveType.U8)),
                new Declaration.AliasDecl(new Alias.Outer(Sort.TYPE, 1, 0)),
                new Declaration.TypeDecl(new TypeDef.Func(false, List.of(
                        new DefinedType.Field("a", ValType.of(1)),
                        new DefinedType.Field("b", ValType.of(0))), Optional.empty()))),
                ct.declarations());
        ComponentNames names = c.customSections(ComponentNames.SECTION_NAME).get(0).componentNames().orElseThrow();
        assertEquals(Optional.of("C"), names.componentName());
        assertEquals(List.of(new ComponentNames.SortNames(Sort.TYPE, List.of(new ComponentNames.NameAssoc(0, "X")))),
                names.sortNames());
    }

    @Test
    void inlineExportAliasesAndInlineExports() {
        Component c = parse("""
                (component
                  (import "i" (instance $i (export "a" (instance (export "b" (type (sub resource)))))))
                  (type $t (export "t") u8)
                  (export "b" (type $i "a" "b")))
                """);
        assertEquals(List.of(
                new Alias.InstanceExport(Sort.INSTANCE, 0, "a"),
                new Alias.InstanceExport(Sort.TYPE, 1, "b")), c.sections(Section.Aliases.class).get(0).aliases());
        // type 0: the instance type; type 1: $t; type 2: the alias; the inline export comes last
        assertEquals(List.of(
                new Export(ExternName.of("b"), new SortIndex(Sort.TYPE, 2), Optional.empty()),
                new Export(ExternName.of("t"), new SortIndex(Sort.TYPE, 1), Optional.empty())), c.exports());
    }

    @Test
    void attributesUseTheAttributedForm() {
        Component c = parse("(component (import \"a\" (implements \"a:b/c\") (versionsuffix \"1\") (instance)))");
        assertEquals(new ExternName(ExternName.Form.ATTRIBUTED, "a", List.of(
                new ExternName.Attribute.Implements("a:b/c"), new ExternName.Attribute.VersionSuffix("1"))),
                c.imports().get(0).name());
    }

    // ------------------------------------------------------------------ errors

    private static void assertError(String text, int line, int col, String fragment) {
        ComponentTextException e = rejected(text);
        assertEquals("test.wat", e.fileName());
        assertEquals(line + ":" + col, e.line() + ":" + e.column(), e.getMessage());
        assertTrue(e.reason().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith("test.wat:" + line + ":" + col + ": "), e.getMessage());
    }

    @Test
    void errorsCarryLineAndColumn() {
        assertError("(component\n  (type (list $nope)))", 2, 15, "unknown type `$nope`");
        assertError("(component\n  (type $t u8)\n  (type $t u16))", 3, 3, "duplicate type identifier `$t`");
        assertError("(component\n  (type \"abc\n", 2, 13, "invalid character in string U+000A");
        assertError("(component\n  (type \"abc", 2, 9, "unterminated string");
        assertError("(component (; a (; nested ;) comment", 1, 12, "unterminated block comment");
        assertError("(component\n\t(type (list u8 4294967296)))", 2, 17, "out of range for u32");
        assertError("(component (type (record (field \"\\ff\" u8))))", 1, 33, "malformed UTF-8");
        assertError("(component (type (record (field \"\\u{110000}\" u8))))", 1, 34, "invalid Unicode scalar");
        assertError("(component (type u8)) extra", 1, 23, "after the component");
        assertError("(component (type u8)", 1, 21, "expected `)`, found end of input");
        assertError("(component (type (list u8 4 5)))", 1, 29, "expected `)`");
        assertError("(component (type wat))", 1, 18, "expected a type definition");
        assertError("(component (type (tuple u8 \"s\")))", 1, 28, "expected a value type");
        assertError("(component (type $x u8) ,)", 1, 25, "unexpected character `,`");
        assertError("(component (type $x u8) #)", 1, 25, "expected `(`, found `#`");
        assertError("(component (type (list u8)) \u00e9)", 1, 29, "unexpected character U+00E9");
        // columns count code points: the emoji is one column, though two chars
        assertError("(component (type (enum \"\uD83D\uDE00\" \"x\")) (type $z (list $y)))", 1, 49, "unknown type `$y`");
        assertError("(component (type (instance (import \"x\" (func)))))", 1, 29, "instance types cannot contain imports");
        assertError("(component (type (instance (alias export $nope \"x\" (type)))))", 1, 42, "unknown instance");
        assertError("(component (import \"f\" (func $f)) (component (export \"f\" (func $f))))", 1, 64,
                "outer item `$f` is not a module, type, or component");
        assertError("(component (type (component (alias outer $nope 0 (type)))))", 1, 42,
                "outer component `$nope` not found");
        assertError("(component (type (component (alias outer 3 $x (type)))))", 1, 42, "outer count of `3` is too large");
        assertError("(component (alias outer 0 0 (func)))", 1, 30, "an outer alias can only refer to");
        assertError("(component (type u8) (@name \"x\"))", 1, 22, "unexpected `(@name`, expected a definition");
    }

    @Test
    void deepNestingIsRejectedWithoutStackOverflow() {
        String deep = "(component (type " + "(list ".repeat(2000) + "u8" + ")".repeat(2000) + "))";
        ComponentTextException e = rejected(deep);
        assertTrue(e.reason().contains("nested deeper than"), e.getMessage());
        String ok = "(component (type " + "(list ".repeat(450) + "u8" + ")".repeat(450) + "))";
        Component c = parse(ok);
        assertEquals(450, c.sections(Section.Types.class).get(0).types().size());
    }

    @Test
    void longInputsTakeLinearTime() {
        String wide = "(component " + "(type (list u8)) ".repeat(100_000) + ")";
        long t0 = System.nanoTime();
        Component c = parse(wide);
        assertEquals(100_000, c.sections(Section.Types.class).get(0).types().size());
        ComponentTextException e = rejected(wide.substring(0, wide.length() - 1));
        assertEquals("1:" + (wide.length()), e.line() + ":" + e.column());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "took " + ms + " ms");
    }

    // ------------------------------------------------------------------ outside the subset

    @Test
    void everythingButTypeDefinitionsIsRejectedWithALocation() {
        Map<String, String> cases = new TreeMap<>();
        cases.put("(component\n  (core module))", "2:4 core definitions");
        cases.put("(module)", "1:2 core modules");
        cases.put("(component\n  (core type (func)))", "2:4 core definitions");
        cases.put("(component (canon lift (core func 0) (func (type 0))))", "1:13 canonical definitions");
        cases.put("(component (start 0))", "1:13 `start` definitions");
        cases.put("(component (value $v u32 42))", "1:13 `value` definitions");
        cases.put("(component (instance (instantiate 0)))", "1:23 instance definitions with code");
        cases.put("(component (instance (export \"x\" (func 0))))", "1:13 instance definitions other than imports");
        cases.put("(component (func (canon lift (core func 0))))", "1:19 function definitions with code");
        cases.put("(component (import \"v\" (value u32)))", "1:25 values");
        cases.put("(component (import \"m\" (core module)))", "1:25 core modules");
        cases.put("(component (type (component (core type (module)))))", "1:30 core types");
        cases.put("(component (type (resource (rep i32) (dtor (core func 0)))))", "1:39 resource destructors");
        cases.put("(component (alias core export 0 \"m\" (core memory)))", "1:19 core export aliases");
        cases.put("(component (export \"m\" (core module 0)))", "1:25 core modules");
        cases.put("(component binary \"\\00asm\")", "1:12 `binary` and `quote` components");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            ComponentTextException e = rejected(c.getKey());
            String[] expect = c.getValue().split(" ", 2);
            assertEquals(expect[0], e.line() + ":" + e.column(), c.getKey() + " -> " + e.getMessage());
            assertTrue(e.reason().contains(TYPE_DEFINITIONS_ONLY), e.getMessage());
            assertTrue(e.reason().contains(expect[1]), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ fuzz

    static final long SEED = Long.getLong("fuzz.seed", 0x7E47_0001L);
    static final int INPUTS = Integer.getInteger("fuzz.inputs", 4_000);
    static final long MAX_NANOS_PER_INPUT = 1_000_000_000L;

    private static final String[] SNIPPETS = {
        "(", ")", "((", "))", " ", "\n", "$x", "$", "$\"q\"", "\"a\"", "\"", "\\", "\"\\u{1F600}\"", "\"\\ff\"",
        "0", "4294967296", "0x", "1_", "-1", "u8", "string", "(list u8)", "(type 0)", "(type $t u8)",
        "(export \"e\")", "(import \"i\")", "(alias outer 1 0 (type))", "(alias export 0 \"x\" (type))",
        "(instance", "(component", "(func", "(sub resource)", "(eq 0)", "(@name \"n\")", "(@x (y))", "(@custom \"c\"",
        ";;", "(;", ";)", "(; c ;)", "core", "canon", "\u00e9", "\uD83D\uDE00", "\uD800", "\t", "\u0000",
    };

    private static String mutate(String base, Random rnd) {
        StringBuilder s = new StringBuilder(base);
        int n = 1 + rnd.nextInt(3);
        for (int k = 0; k < n; k++) {
            int at = s.length() == 0 ? 0 : rnd.nextInt(s.length() + 1);
            switch (rnd.nextInt(6)) {
                case 0 -> s.insert(at, SNIPPETS[rnd.nextInt(SNIPPETS.length)]);
                case 1 -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(8)));
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, (char) (rnd.nextBoolean() ? 32 + rnd.nextInt(95) : rnd.nextInt(0x3000)));
                    }
                }
                case 3 -> s.setLength(at);
                case 4 -> {
                    int from = rnd.nextInt(s.length() + 1);
                    int to = Math.min(s.length(), from + rnd.nextInt(40));
                    s.insert(at, s.substring(from, to));
                }
                default -> {
                    int from = rnd.nextInt(s.length() + 1);
                    s.delete(from, Math.min(s.length(), from + rnd.nextInt(40)));
                }
            }
        }
        return s.toString();
    }

    @Test
    void fuzzOnlyComponentTextExceptionEscapes() {
        List<String> seeds = new ArrayList<>();
        for (Path p : corpus()) {
            seeds.add(read(p));
        }
        seeds.addAll(MALFORMED);
        Random rnd = new Random(SEED);
        int accepted = 0;
        int rejected = 0;
        long slowest = 0;
        for (int k = 0; k < INPUTS; k++) {
            String input = mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
            long t0 = System.nanoTime();
            try {
                Component c = ComponentText.parse(input, "fuzz.wat");
                byte[] bytes = ComponentEncoder.encode(c);
                accepted++;
                Component back;
                try {
                    back = ComponentDecoder.decode(bytes);
                } catch (ComponentFormatException e) {
                    continue; // e.g. nested deeper than the decoder's limit: the text reader has its own
                }
                assertEquals(c, back, "decoded encoding of fuzz input #" + k);
            } catch (ComponentTextException e) {
                rejected++;
                assertTrue(e.line() >= 1 && e.column() >= 1, "location of " + e.getMessage());
            } catch (RuntimeException | StackOverflowError e) {
                fail("fuzz input #" + k + " threw " + e + ":\n" + input, e);
            }
            long t = System.nanoTime() - t0;
            slowest = Math.max(slowest, t);
            assertTrue(t < MAX_NANOS_PER_INPUT, "fuzz input #" + k + " took " + t / 1_000_000 + " ms");
        }
        assertTrue(rejected > INPUTS / 2, "rejected " + rejected);
        assertFalse(accepted == 0, "nothing accepted");
        System.out.printf("component text fuzz: %d inputs, %d accepted, %d rejected, slowest %.1f ms%n",
                INPUTS, accepted, rejected, slowest / 1e6);
    }
}
