package dev.dovetail.component;

import dev.dovetail.wit.PackageName;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An import or export name read the way WIT reads it (Explainer.md "Import and Export
 * Definitions", {@code externname}): a plain label, a resource function annotation, or an
 * interface name {@code ns:pkg/iface@version}. Anything else is {@link Other}.
 */
sealed interface WitName {

    record Label(String name) implements WitName {}

    record Constructor(String resource) implements WitName {}

    record Method(String resource, String name) implements WitName {}

    record Static(String resource, String name) implements WitName {}

    /** {@code namespace:package/interface@version}; {@code version} is null when absent. */
    record Interface(String namespace, String pkg, String iface, String version) implements WitName {
        PackageName packageName() {
            return new PackageName(namespace, pkg, version);
        }
    }

    /** A name WIT has no reading for (nested namespaces, URLs, hashes, ...). */
    record Other(String name) implements WitName {}

    // label ::= fragment ('-' fragment)*, each fragment all-lowercase or all-uppercase
    String LABEL = "(?:[a-z][0-9a-z]*|[A-Z][0-9A-Z]*)(?:-(?:[0-9a-z]+|[0-9A-Z]+))*";
    String WORDS = "[a-z][0-9a-z]*(?:-[0-9a-z]+)*";
    Pattern LABEL_RE = Pattern.compile(LABEL);
    Pattern INTERFACE_RE = Pattern.compile("(" + WORDS + "):(" + WORDS + ")/(" + LABEL + ")(?:@(\\S+))?");
    Pattern METHOD_RE = Pattern.compile("\\[(method|static)\\](" + LABEL + ")\\.(" + LABEL + ")");
    Pattern CONSTRUCTOR_RE = Pattern.compile("\\[constructor\\](" + LABEL + ")");

    static WitName parse(String name) {
        if (LABEL_RE.matcher(name).matches()) {
            return new Label(name);
        }
        Matcher m = INTERFACE_RE.matcher(name);
        if (m.matches()) {
            return new Interface(m.group(1), m.group(2), m.group(3), m.group(4));
        }
        m = METHOD_RE.matcher(name);
        if (m.matches()) {
            return m.group(1).equals("method") ? new Method(m.group(2), m.group(3)) : new Static(m.group(2), m.group(3));
        }
        m = CONSTRUCTOR_RE.matcher(name);
        if (m.matches()) {
            return new Constructor(m.group(1));
        }
        return new Other(name);
    }
}
