package dev.dovetail.codegen;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every Java name the generator writes comes from here: WIT's kebab-case turned into Java
 * conventions, keywords and clashes escaped by appending {@code _}, deterministically (the
 * first claimant of a name keeps it, in WIT declaration order).
 */
final class Names {
    private Names() {}

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "var", "yield", "record", "sealed", "permits",
            "non-sealed", "_");

    /** Methods of {@link Object}: no generated method or record component may take these names. */
    static final Set<String> OBJECT_METHODS = Set.of(
            "clone", "equals", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

    /**
     * Simple names of the classes generated code refers to without qualification: a generated
     * type of that name would shadow them.
     */
    static final Set<String> REFERENCED_TYPES = Set.of(
            "Object", "String", "Integer", "Long", "Short", "Byte", "Float", "Double", "Boolean", "Void",
            "Character", "Override", "Deprecated", "SuppressWarnings", "AutoCloseable", "Enum", "Record",
            "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "UnsupportedOperationException", "NullPointerException", "Math", "System", "Class",
            "List", "ArrayList", "Map", "LinkedHashMap", "Optional", "EnumSet", "Collection", "Set", "Arrays",
            "Objects", "Iterator", "Linker", "LoadedComponent", "ComponentInstance", "ComponentFunction",
            "FlatCall", "FlatContext", "FlatFunction", "FlatHostFunction", "HostResourceTable", "Resource",
            "ResourceType", "Result");

    /** {@code foo-bar} to {@code FooBar}; an all-caps word keeps its first letter only upper case. */
    static String upperCamel(String kebab) {
        StringBuilder b = new StringBuilder();
        for (String word : words(kebab)) {
            if (!word.isEmpty()) {
                b.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
            }
        }
        return b.length() == 0 ? "X" : b.toString();
    }

    /** {@code foo-bar} to {@code fooBar}. */
    static String lowerCamel(String kebab) {
        String s = upperCamel(kebab);
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code foo-bar} to {@code FOO_BAR}. */
    static String upperSnake(String kebab) {
        return String.join("_", words(kebab)).toUpperCase(Locale.ROOT);
    }

    private static String[] words(String kebab) {
        String s = kebab.startsWith("%") ? kebab.substring(1) : kebab;
        return s.split("[-.:/@]+");
    }

    static boolean isKeyword(String s) {
        return KEYWORDS.contains(s);
    }

    /** A name space of one Java scope: hands out unique, non-keyword names. */
    static final class Scope {
        private final Set<String> taken = new HashSet<>();
        private final Set<String> forbidden;

        Scope(Set<String> forbidden) {
            this.forbidden = forbidden;
        }

        Scope() {
            this(Set.of());
        }

        /** Claims {@code name} for the generator's own use; it must be free. */
        Scope reserve(String... names) {
            for (String name : names) {
                if (!taken.add(name)) {
                    throw new IllegalStateException("name reserved twice: " + name);
                }
            }
            return this;
        }

        boolean isTaken(String name) {
            return taken.contains(name);
        }

        /** {@code suggestion}, or {@code suggestion_}, {@code suggestion__}, ... whichever is free first. */
        String claim(String suggestion) {
            String name = suggestion;
            while (KEYWORDS.contains(name) || forbidden.contains(name) || taken.contains(name)
                    || name.matches("Tuple[0-9]+")) {
                name = name + "_";
            }
            taken.add(name);
            return name;
        }

        /** Like {@link #claim} but for the generator's own helper types ({@code Tuple2}). */
        String claimHelper(String suggestion) {
            String name = suggestion;
            while (taken.contains(name)) {
                name = name + "_";
            }
            taken.add(name);
            return name;
        }
    }
}
