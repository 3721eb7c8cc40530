package dev.dovetail.codegen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import dev.dovetail.wit.Docs;
import dev.dovetail.wit.Stability;

/** WIT doc comments and feature gates as Javadoc and annotations. */
final class Javadoc {
    private Javadoc() {}

    /** Doc text made safe for a Javadoc comment in a Java source file. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("*/", "*&#47;")
                .replace("@", "&#64;")
                // javac reads \\u escapes even in comments; \\u005c is the backslash itself
                .replace("\\u", "\\u005cu");
    }

    /** Text for inside {@code {@code ...}}, where HTML is not interpreted: only comment-breaking sequences change. */
    static String code(String text) {
        return text.replace("*/", "*&#47;").replace("\\u", "\\u005cu").replace("{", "(").replace("}", ")");
    }

    /** The Javadoc of an item: its WIT docs, then its gate. Ends with a newline unless empty. */
    static CodeBlock of(Docs docs, Stability stability) {
        CodeBlock.Builder b = CodeBlock.builder();
        if (docs != null && !docs.isEmpty() && !docs.contents().isBlank()) {
            b.add("$L\n", escape(docs.contents().strip()));
        }
        String gate = gate(stability);
        if (gate != null) {
            b.add("$L", gate);
        }
        return b.build();
    }

    private static String gate(Stability s) {
        if (s instanceof Stability.Unstable u) {
            return "<p>Unstable: feature {@code " + code(u.feature()) + "}.\n";
        }
        return null;
    }

    /** The block tags of an item's gate ({@code @deprecated}), to close its Javadoc; empty if none. */
    static CodeBlock tags(Stability s) {
        String since = s instanceof Stability.Stable st ? st.deprecated()
                : s instanceof Stability.Unstable u ? u.deprecated() : null;
        return since == null ? CodeBlock.of("") : CodeBlock.of("@deprecated since $L\n", escape(since));
    }

    /** {@code @Deprecated}, for items whose gate deprecates them; null otherwise. */
    static AnnotationSpec deprecated(Stability s) {
        return Plan.deprecated(s) ? AnnotationSpec.builder(Deprecated.class).build() : null;
    }

    /** The text of one {@code @param}-like tag for a WIT item. */
    static String inline(Docs docs) {
        if (docs == null || docs.isEmpty() || docs.contents().isBlank()) {
            return "";
        }
        return escape(docs.contents().strip().replace('\n', ' '));
    }
}
