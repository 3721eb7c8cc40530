package dev.dovetail.component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates {@code ../shared/conformance/component-model} and lists its binaries by command kind. */
final class Conformance {
    private Conformance() {}

    /** A binary named by a JSON command. */
    record Case(String json, int line, String type, Path wasm, String text) {
        String label() {
            return json + ":" + line + " " + type + " " + wasm.getFileName();
        }
    }

    /**
     * The suite folder. Tries the {@code dovetail.root} system property (set by the root POM),
     * then the working directory and its parent; fails (never skips) if none has {@code ../shared}.
     */
    static Path suiteRoot() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("dovetail.root");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd);
        if (cwd.getParent() != null) {
            candidates.add(cwd.getParent());
        }
        for (Path root : candidates) {
            Path suite = root.resolve("../shared/conformance/component-model").normalize();
            if (Files.isDirectory(suite.resolve("json"))) {
                return suite;
            }
        }
        throw new AssertionError("conformance suite not found: no ../shared/conformance/component-model/json "
                + "next to any of " + candidates + " (set -Ddovetail.root to the project root)");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** All commands of the given types that carry a binary ({@code module_type: "binary"}). */
    static List<Case> binaries(String... types) {
        Path json = suiteRoot().resolve("json");
        List<Case> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(json)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode root = JSON.readTree(f.toFile());
                for (JsonNode c : root.path("commands")) {
                    String type = c.path("type").asText();
                    if (!List.of(types).contains(type)) {
                        continue;
                    }
                    if (!"binary".equals(c.path("module_type").asText()) || !c.hasNonNull("filename")) {
                        continue;
                    }
                    Path wasm = f.getParent().resolve(c.get("filename").asText());
                    out.add(new Case(json.relativize(f).toString(), c.path("line").asInt(), type, wasm,
                            c.path("text").asText("")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
