package dev.dovetail.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the Rust wit-parser's UI tests ({@code shared/conformance/wit-parser-ui}):
 * pass cases must resolve to the same JSON (compared as JSON values), fail cases must be rejected
 * with a {@link WitException}, ideally at the same line:column. Cases listed in
 * {@code wit-parser-ui-known-failures.txt} may fail (with a reason); if one of them passes, the
 * build fails so that the list stays honest.
 */
class WitParserConformanceTest {

    /** The name of the run in its summary line and report file. */
    String label() {
        return "wit-parser-ui";
    }

    /** The known-failures list of this run, a class path resource. */
    String knownFailuresResource() {
        return "/wit-parser-ui-known-failures.txt";
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LOCATION = Pattern.compile("(?m)(?:-->\\s+|^)\\S+?:(\\d+):(\\d+)(?::|$)");

    private record Outcome(String name, String kind, boolean ok, String detail, Boolean sameLocation) {}

    @TestFactory
    Stream<DynamicTest> witParserUi() throws IOException {
        Path ui = SharedFiles.witParserUi();
        Map<String, String> known = knownFailures(knownFailuresResource());
        List<Outcome> outcomes = new ArrayList<>();

        for (Path entry : sorted(ui)) {
            String name = entry.getFileName().toString();
            if (name.equals("parse-fail") || !isTest(entry)) {
                continue;
            }
            outcomes.add(runPass(entry, ui.resolve(stem(name) + ".wit.json")));
        }
        for (Path entry : sorted(ui.resolve("parse-fail"))) {
            if (!isTest(entry)) {
                continue;
            }
            String name = entry.getFileName().toString();
            outcomes.add(runFail(entry, ui.resolve("parse-fail/" + stem(name) + ".wit.result")));
        }

        int passTotal = 0;
        int passOk = 0;
        int failTotal = 0;
        int failOk = 0;
        int locTotal = 0;
        int locSame = 0;
        for (Outcome o : outcomes) {
            if (o.kind().equals("pass")) {
                passTotal++;
                passOk += o.ok() ? 1 : 0;
            } else {
                failTotal++;
                failOk += o.ok() ? 1 : 0;
                if (o.sameLocation() != null) {
                    locTotal++;
                    locSame += o.sameLocation() ? 1 : 0;
                }
            }
        }
        String summary = String.format("%s: json-equal %d/%d, rejected %d/%d, same-location %d/%d",
                label(), passOk, passTotal, failOk, failTotal, locSame, locTotal);
        System.out.println(summary);
        writeReport(outcomes, summary, label());

        List<DynamicTest> tests = new ArrayList<>();
        for (Outcome o : outcomes) {
            String key = o.kind() + "/" + o.name();
            String reason = known.remove(key);
            tests.add(DynamicTest.dynamicTest(key, () -> {
                if (reason != null) {
                    assertTrue(!o.ok(), key + " is listed as a known failure (" + reason + ") but passes: remove it from the list");
                } else if (!o.ok()) {
                    fail(o.detail());
                }
            }));
        }
        int sameLocation = locSame;
        int withLocation = locTotal;
        tests.add(DynamicTest.dynamicTest("same location for at least 90% of rejected cases", () ->
                assertTrue(sameLocation * 10 >= withLocation * 9, summary)));
        tests.add(DynamicTest.dynamicTest("known-failures list names only existing cases", () ->
                assertEquals(Map.of(), known, "stale entries in " + knownFailuresResource())));
        return tests.stream();
    }

    private static boolean isTest(Path entry) {
        if (Files.isDirectory(entry)) {
            return true;
        }
        String name = entry.getFileName().toString();
        return name.endsWith(".wit") || name.endsWith(".wat") || name.endsWith(".wasm") || name.endsWith(".md");
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? fileName : fileName.substring(0, dot);
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    static WitResolver resolver() {
        // the upstream runner enables exactly the feature `active`
        return WitResolver.builder().features(Set.of("active")).build();
    }

    private static Outcome runPass(Path input, Path expectedJson) {
        String name = input.getFileName().toString();
        try {
            ResolvedWit wit = resolver().resolve(input);
            JsonNode actual = JSON.readTree(WitJson.toJson(wit.resolve()));
            JsonNode expected = JSON.readTree(Files.readString(expectedJson, StandardCharsets.UTF_8));
            if (actual.equals(expected)) {
                return new Outcome(name, "pass", true, "", null);
            }
            return new Outcome(name, "pass", false, "JSON differs from " + expectedJson.getFileName() + ": "
                    + firstDifference("", expected, actual), null);
        } catch (WitException e) {
            return new Outcome(name, "pass", false, "rejected: " + e.getMessage(), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(name, "pass", false, "internal error: " + e, null);
        }
    }

    private static Outcome runFail(Path input, Path expectedResult) throws IOException {
        String name = input.getFileName().toString();
        String expected = Files.exists(expectedResult) ? Files.readString(expectedResult, StandardCharsets.UTF_8) : "";
        int[] expectedLoc = location(expected);
        try {
            resolver().resolve(input);
            return new Outcome(name, "fail", false, "accepted, but upstream rejects it with: " + expected.trim(),
                    expectedLoc == null ? null : false);
        } catch (WitException e) {
            Boolean same = null;
            String detail = e.getMessage();
            if (expectedLoc != null) {
                same = e.line() == expectedLoc[0] && e.column() == expectedLoc[1];
                if (!same) {
                    detail = "location " + e.line() + ":" + e.column() + " but upstream says " + expectedLoc[0] + ":"
                            + expectedLoc[1] + "\nours:\n" + e.getMessage() + "\nupstream:\n" + expected.trim();
                }
            }
            return new Outcome(name, "fail", true, detail, same);
        } catch (RuntimeException e) {
            return new Outcome(name, "fail", false, "internal error instead of WitException: " + e,
                    expectedLoc == null ? null : false);
        }
    }

    /** The first {@code file:line:col} of an upstream error, from its {@code -->} line or its compact form. */
    static int[] location(String rendered) {
        Matcher m = LOCATION.matcher(rendered);
        if (!m.find()) {
            return null;
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    static String firstDifference(String path, JsonNode expected, JsonNode actual) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            List<String> names = new ArrayList<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(n -> {
                if (!names.contains(n)) {
                    names.add(n);
                }
            });
            for (String n : names) {
                JsonNode e = expected.get(n);
                JsonNode a = actual.get(n);
                if (e == null || a == null) {
                    return path + "/" + n + ": expected " + e + " but was " + a;
                }
                String d = firstDifference(path + "/" + n, e, a);
                if (d != null) {
                    return d;
                }
            }
        }
        if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
                String d = firstDifference(path + "/" + i, expected.get(i), actual.get(i));
                if (d != null) {
                    return d;
                }
            }
            return path + ": expected " + expected.size() + " elements but was " + actual.size();
        }
        String e = expected.toString();
        String a = actual.toString();
        return path + ": expected " + (e.length() > 300 ? e.substring(0, 300) + "..." : e) + " but was "
                + (a.length() > 300 ? a.substring(0, 300) + "..." : a);
    }

    static Map<String, String> knownFailures(String resource) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        try (var in = WitParserConformanceTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class path resource " + resource);
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(": ");
                if (colon < 0) {
                    throw new IllegalStateException("known-failures line needs `kind/case: reason`: " + line);
                }
                known.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return known;
    }

    private static void writeReport(List<Outcome> outcomes, String summary, String label) throws IOException {
        Path dir = Path.of("target", "conformance");
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("summary", summary);
        ArrayNode cases = root.putArray("cases");
        for (Outcome o : outcomes) {
            ObjectNode c = cases.addObject();
            c.put("case", o.kind() + "/" + o.name());
            c.put("ok", o.ok());
            if (o.sameLocation() != null) {
                c.put("sameLocation", o.sameLocation());
            }
            if (!o.detail().isEmpty()) {
                c.put("detail", o.detail());
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(label.replaceAll("[^A-Za-z0-9.-]+", "-") + ".json").toFile(), root);
    }
}
