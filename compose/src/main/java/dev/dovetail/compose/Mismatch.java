package dev.dovetail.compose;

import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.compose.CompositionGraph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a validation failure of the composed component into a message about the graph: which
 * instance, which of its imports, what was connected to it, and the first type that differs
 * (the validator's chain of "type mismatch in ..." reasons, shortened).
 */
final class Mismatch {
    private static final Pattern LOCATION = Pattern.compile("^section (\\d+) \\((\\w+)\\)(?: / item (\\d+))?.*");
    private static final Pattern IMPORT = Pattern.compile(
            "^(?:type mismatch for import `([^`]*)`: |missing import named `([^`]*)`)(.*)$", Pattern.DOTALL);
    /** One step of a reason chain: text (backtick-quoted names may hold colons), then ": ". */
    private static final Pattern STEP =
            Pattern.compile("^type mismatch (?:in|with|for) ((?:[^`:]|`[^`]*`)*): (.*)$", Pattern.DOTALL);
    private static final Pattern PRIMITIVES =
            Pattern.compile("^expected primitive `([^`]*)` found primitive `([^`]*)`$");

    private Mismatch() {}

    static CompositionException explain(CompositionGraph graph, ComponentValidationException e,
            Map<Integer, Node> instanceSections, Map<Integer, List<String>> importSections) {
        Matcher at = LOCATION.matcher(e.path());
        if (at.matches()) {
            int section = Integer.parseInt(at.group(1));
            Node node = instanceSections.get(section);
            Matcher m = IMPORT.matcher(e.reason());
            if (node != null && m.matches()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                Source source = node.args.get(name);
                String what = source == null ? "nothing" : graph.describe(source);
                String detail = m.group(1) != null ? shorten(m.group(3)) : "missing";
                return new CompositionException("instance `" + node.id.name() + "` import `" + name + "`: " + what
                        + " does not match: " + detail, e);
            }
            if (node != null) {
                return new CompositionException("instance `" + node.id.name() + "`: " + e.reason(), e);
            }
            List<String> imports = importSections.get(section);
            if (imports != null && at.group(3) != null) {
                int item = Integer.parseInt(at.group(3));
                if (item < imports.size()) {
                    return new CompositionException("import `" + imports.get(item) + "` of the composition: "
                            + e.reason(), e);
                }
            }
        }
        return new CompositionException("the composed component is not valid: " + e.getMessage(), e);
    }

    /**
     * "type mismatch in instance export `add`: type mismatch in function parameter `b`: expected
     * primitive `u32` found primitive `string`" becomes "function `add` parameter `b`: expected
     * u32, found string".
     */
    static String shorten(String reason) {
        List<String> steps = new ArrayList<>();
        String rest = reason;
        for (Matcher m = STEP.matcher(rest); m.matches(); m = STEP.matcher(rest)) {
            steps.add(step(m.group(1)));
            rest = m.group(2);
        }
        for (int i = 0; i + 1 < steps.size(); i++) {
            String next = steps.get(i + 1);
            if (steps.get(i).startsWith("export ") && (next.startsWith("parameter ") || next.equals("result"))) {
                steps.set(i, "function " + steps.get(i).substring("export ".length()));
            }
        }
        Matcher p = PRIMITIVES.matcher(rest);
        String leaf = p.matches() ? "expected " + p.group(1) + ", found " + p.group(2) : rest;
        return steps.isEmpty() ? leaf : String.join(" ", steps) + ": " + leaf;
    }

    private static String step(String s) {
        if (s.startsWith("instance export ")) {
            return "export " + s.substring("instance export ".length());
        } else if (s.startsWith("function parameter ")) {
            return "parameter " + s.substring("function parameter ".length());
        } else if (s.equals("result type")) {
            return "result";
        } else if (s.startsWith("record field ")) {
            return "field " + s.substring("record field ".length());
        } else if (s.startsWith("variant case ")) {
            return "case " + s.substring("variant case ".length());
        }
        return s;
    }
}
