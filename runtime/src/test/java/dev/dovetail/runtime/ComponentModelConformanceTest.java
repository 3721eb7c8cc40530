package dev.dovetail.runtime;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dovetail.runtime.wast.WastRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Component Model reference tests ({@code ../shared/conformance/component-model/json}) in
 * folders {@code values}, {@code resources}, {@code linking} and {@code async}, once per engine.
 * Prints one summary line per engine, writes {@code target/conformance/component-model-<mode>.json}
 * and checks the outcome against {@code component-model-known-failures.txt}: the build fails if
 * a listed case passes or an unlisted one fails. A line ending in {@code /**} lists a folder whose
 * cases may fail or pass (the async ABI, not implemented).
 */
class ComponentModelConformanceTest {
    static final List<String> DIRS = List.of("values", "resources", "linking", "async");

    @Test
    void interpreter() throws IOException {
        run(Engine.INTERPRETER);
    }

    @Test
    void compiler() throws IOException {
        run(Engine.COMPILER);
    }

    private static void run(Engine engine) throws IOException {
        String mode = engine.name().toLowerCase(Locale.ROOT);
        WastRunner runner = new WastRunner(ComponentRuntime.create(engine));
        Path json = Suite.componentModel().resolve("json");
        for (String dir : DIRS) {
            List<Path> scripts;
            try (Stream<Path> s = Files.list(json.resolve(dir))) {
                scripts = s.sorted().toList();
            }
            for (Path d : scripts) {
                String stem = d.getFileName().toString();
                runner.run(d.resolve(stem + ".json"), dir + "/" + stem, SCRIPT_TIMEOUT);
            }
        }
        List<WastRunner.Outcome> outcomes = runner.outcomes();
        int[] ret = count(outcomes, WastRunner.Kind.RETURN, false);
        int[] trap = count(outcomes, WastRunner.Kind.TRAP, false);
        int[] async = count(outcomes, null, true);
        String summary = String.format("component-model [%s]: return %d/%d, trap %d/%d, async %d/%d",
                mode, ret[0], ret[1], trap[0], trap[1], async[0], async[1]);
        System.out.println(summary);
        writeReport(mode, summary, runner);

        KnownFailures known = KnownFailures.read(mode);
        List<String> problems = new ArrayList<>();
        for (WastRunner.Outcome o : outcomes) {
            if (known.mayFail(o.id())) {
                continue;
            }
            boolean listed = known.listed(o.id());
            if (o.passed() && listed) {
                problems.add("listed as a known failure but passes: " + o.id());
            } else if (!o.passed() && !listed) {
                problems.add("fails: " + o.id() + " (" + o.kind() + "): " + o.detail());
            }
        }
        for (String id : known.exact()) {
            if (outcomes.stream().noneMatch(o -> o.id().equals(id))) {
                problems.add("listed as a known failure but no such case: " + id);
            }
        }
        if (!problems.isEmpty()) {
            fail(summary + "\n" + String.join("\n", problems));
        }
    }

    /** How long a script may run; then its thread is interrupted (Chicory checks for interrupts). */
    static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);

    /** {passed, total} of one kind outside async (kind null: every kind), or inside async. */
    private static int[] count(List<WastRunner.Outcome> outcomes, WastRunner.Kind kind, boolean inAsync) {
        int passed = 0;
        int total = 0;
        for (WastRunner.Outcome o : outcomes) {
            if (o.id().startsWith("async/") != inAsync || (kind != null && o.kind() != kind)) {
                continue;
            }
            total++;
            if (o.passed()) {
                passed++;
            }
        }
        return new int[] {passed, total};
    }

    private static void writeReport(String mode, String summary, WastRunner runner) throws IOException {
        Path out = Path.of("target", "conformance", "component-model-" + mode + ".json");
        Files.createDirectories(out.getParent());
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("summary", summary);
        report.put("skipped_validator_commands", runner.skipped().size());
        List<Map<String, Object>> cases = new ArrayList<>();
        for (WastRunner.Outcome o : runner.outcomes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", o.id());
            c.put("kind", o.kind().name().toLowerCase(Locale.ROOT));
            c.put("passed", o.passed());
            c.put("detail", o.detail());
            cases.add(c);
        }
        report.put("cases", cases);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report);
    }

    /** {@code component-model-known-failures.txt}: {@code id reason}, or {@code [mode] id reason}. */
    record KnownFailures(List<String> exact, List<String> prefixes) {
        static KnownFailures read(String mode) throws IOException {
            List<String> exact = new ArrayList<>();
            List<String> prefixes = new ArrayList<>();
            try (InputStream in = ComponentModelConformanceTest.class.getResourceAsStream(
                    "/component-model-known-failures.txt")) {
                if (in == null) {
                    throw new AssertionError("component-model-known-failures.txt is missing");
                }
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    line = line.strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    if (line.startsWith("[")) {
                        String m = line.substring(1, line.indexOf(']'));
                        if (!m.equals(mode)) {
                            continue;
                        }
                        line = line.substring(line.indexOf(']') + 1).strip();
                    }
                    String id = line.split("\\s+", 2)[0];
                    if (id.endsWith("/**")) {
                        prefixes.add(id.substring(0, id.length() - 2));
                    } else {
                        exact.add(id);
                    }
                }
            }
            return new KnownFailures(exact, prefixes);
        }

        boolean mayFail(String id) {
            return prefixes.stream().anyMatch(id::startsWith);
        }

        boolean listed(String id) {
            return exact.contains(id);
        }
    }
}
