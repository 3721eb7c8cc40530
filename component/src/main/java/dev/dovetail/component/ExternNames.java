package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.BorrowT;
import dev.dovetail.component.ValidatorTypes.Entity;
import dev.dovetail.component.ValidatorTypes.FuncE;
import dev.dovetail.component.ValidatorTypes.FuncT;
import dev.dovetail.component.ValidatorTypes.InstanceE;
import dev.dovetail.component.ValidatorTypes.OwnT;
import dev.dovetail.component.ValidatorTypes.Param;
import dev.dovetail.component.ValidatorTypes.ResT;
import dev.dovetail.component.ValidatorTypes.ResultT;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The lexical rules for import and export names (Explainer.md, Import and Export Definitions):
 * {@code label} (kebab case), {@code plainname} with the {@code [constructor]}, {@code [method]}
 * and {@code [static]} annotations, {@code interfacename} ({@code ns:pkg/iface@version}), semantic
 * versions, and the canonical form used to decide whether two names are strongly-unique (Name
 * Uniqueness). Also the rules every import and export name is checked against: attributes,
 * annotations and their function types, uniqueness within the scope.
 */
final class ExternNames {
    private ExternNames() {}

    enum Kind {
        LABEL,
        CONSTRUCTOR,
        METHOD,
        STATIC,
        INTERFACE
    }

    /**
     * A parsed name: for {@code [constructor]r}, {@code [method]r.f} and {@code [static]r.f},
     * {@code resource} is {@code r} and {@code label} the whole label after the annotation's
     * resource ({@code f}); for interface names {@code version} is the text after {@code @}, if
     * any.
     */
    record Name(String raw, Kind kind, String resource, String label, String version) {
        /** Plain label without annotation. */
        boolean isBareLabel() {
            return kind == Kind.LABEL;
        }

        /**
         * Strong-uniqueness canonical form: acronyms lowercased; {@code [method]l.l} and {@code
         * [static]l.l} become {@code l}; other annotations except {@code [constructor]} dropped.
         */
        String uniquenessKey() {
            return switch (kind) {
                case LABEL -> lower(raw);
                case CONSTRUCTOR -> "[constructor]" + lower(resource);
                case METHOD, STATIC -> lower(resource).equals(lower(label))
                        ? lower(resource)
                        : lower(resource) + "." + lower(label);
                case INTERFACE -> {
                    int at = raw.indexOf('@');
                    yield at < 0 ? lower(raw) : lower(raw.substring(0, at)) + raw.substring(at);
                }
            };
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- labels

    /** {@code label ::= first-fragment ('-' fragment)*}: words ([a-z0-9]) or acronyms ([A-Z0-9]). */
    static boolean isLabel(String s) {
        if (s.isEmpty()) {
            return false;
        }
        String[] fragments = s.split("-", -1);
        for (int i = 0; i < fragments.length; i++) {
            String f = fragments[i];
            if (f.isEmpty()) {
                return false;
            }
            if (i == 0 && !(isLower(f.charAt(0)) || isUpper(f.charAt(0)))) {
                return false;
            }
            if (!(allOf(f, true) || allOf(f, false))) {
                return false;
            }
        }
        return true;
    }

    /** {@code words ::= first-word ('-' word)*}: lowercase only (namespaces and packages). */
    static boolean isWords(String s) {
        if (!isLabel(s)) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (isUpper(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOf(String f, boolean lowerCase) {
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            boolean ok = c >= '0' && c <= '9' || (lowerCase ? isLower(c) : isUpper(c));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static String kebab(String s) {
        if (!isLabel(s)) {
            throw new Invalid("`" + s + "` is not in kebab case");
        }
        return s;
    }

    // ---------------------------------------------------------------- extern names

    /** Parses {@code externname ::= plainname | interfacename}; throws {@link Invalid} otherwise. */
    static Name parse(String name) {
        if (name.startsWith("[constructor]")) {
            String r = kebab(name.substring("[constructor]".length()));
            return new Name(name, Kind.CONSTRUCTOR, r, r, null);
        }
        if (name.startsWith("[method]") || name.startsWith("[static]")) {
            String rest = name.substring(8);
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new Invalid("failed to find `.` character");
            }
            String r = kebab(rest.substring(0, dot));
            String f = kebab(rest.substring(dot + 1));
            return new Name(name, name.startsWith("[method]") ? Kind.METHOD : Kind.STATIC, r, f, null);
        }
        int colon = name.indexOf(':');
        if (colon < 0) {
            return new Name(kebab(name), Kind.LABEL, null, name, null);
        }
        // interfacename ::= namespace words projection interfaceversion?
        String ns = name.substring(0, colon);
        words(ns, "namespace");
        int i = colon + 1;
        int pkgEnd = stop(name, i);
        words(name.substring(i, pkgEnd), "package");
        if (pkgEnd >= name.length() || name.charAt(pkgEnd) != '/') {
            throw new Invalid("expected `/` after package name");
        }
        i = pkgEnd + 1;
        int ifaceEnd = stop(name, i);
        String iface = kebab(name.substring(i, ifaceEnd));
        String version = null;
        if (ifaceEnd < name.length()) {
            if (name.charAt(ifaceEnd) != '@') {
                throw new Invalid("trailing characters found: `" + name.substring(ifaceEnd) + "`");
            }
            version = name.substring(ifaceEnd + 1);
            String err = semverError(version);
            if (err != null) {
                throw new Invalid("`" + version + "` is not a valid semver: " + err);
            }
        }
        return new Name(name, Kind.INTERFACE, null, iface, version);
    }

    /** The end of a name segment: the next {@code :}, {@code /} or {@code @}. */
    private static int stop(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) != ':' && s.charAt(i) != '/' && s.charAt(i) != '@') {
            i++;
        }
        return i;
    }

    private static void words(String s, String what) {
        kebab(s);
        if (!isWords(s)) {
            throw new Invalid("`" + s + "` is not a valid " + what + " (lowercase words only)");
        }
    }

    // ---------------------------------------------------------------- versions

    /**
     * {@code canonversion ::= [1-9][0-9]* | '0.' [1-9][0-9]* | '0.0.' [1-9][0-9]* | '0.0.0'}
     * (Canonical Interface Name).
     */
    static boolean isCanonVersion(String v) {
        if (v.matches("[1-9][0-9]*") || v.matches("0\\.[1-9][0-9]*") || v.matches("0\\.0\\.[1-9][0-9]*")) {
            return true;
        }
        return v.equals("0.0.0");
    }

    /** Why {@code v} is not a valid Semantic Versioning 2.0 version, or null if it is. */
    static String semverError(String v) {
        if (v.isEmpty()) {
            return "empty string, expected a semver version";
        }
        int[] pos = {0};
        String[] parts = {"major", "minor", "patch"};
        for (int p = 0; p < 3; p++) {
            if (p > 0) {
                if (pos[0] >= v.length()) {
                    return "unexpected end of input while parsing " + parts[p] + " version number";
                }
                if (v.charAt(pos[0]) != '.') {
                    return "unexpected character '" + v.charAt(pos[0]) + "' after " + parts[p - 1]
                            + " version number, expected '.'";
                }
                pos[0]++;
            }
            String err = number(v, pos, parts[p]);
            if (err != null) {
                return err;
            }
        }
        if (pos[0] < v.length() && v.charAt(pos[0]) == '-') {
            pos[0]++;
            String err = identifiers(v, pos, "pre-release identifier", true);
            if (err != null) {
                return err;
            }
        }
        if (pos[0] < v.length() && v.charAt(pos[0]) == '+') {
            pos[0]++;
            String err = identifiers(v, pos, "build metadata", false);
            if (err != null) {
                return err;
            }
        }
        if (pos[0] < v.length()) {
            return "unexpected character '" + v.charAt(pos[0]) + "' after patch version number";
        }
        return null;
    }

    private static String number(String v, int[] pos, String part) {
        int start = pos[0];
        if (start >= v.length()) {
            return "unexpected end of input while parsing " + part + " version number";
        }
        while (pos[0] < v.length() && Character.isDigit(v.charAt(pos[0])) && v.charAt(pos[0]) < 128) {
            pos[0]++;
        }
        if (pos[0] == start) {
            return "unexpected character '" + v.charAt(start) + "' while parsing " + part + " version number";
        }
        if (pos[0] - start > 1 && v.charAt(start) == '0') {
            return "invalid leading zero in " + part + " version number";
        }
        if (pos[0] - start > 20 || Double.parseDouble(v.substring(start, pos[0])) > 1.8e19) {
            return "value of " + part + " version number exceeds u64::MAX";
        }
        return null;
    }

    private static String identifiers(String v, int[] pos, String what, boolean numericNoLeadingZero) {
        while (true) {
            int start = pos[0];
            while (pos[0] < v.length() && isIdentChar(v.charAt(pos[0]))) {
                pos[0]++;
            }
            if (pos[0] == start) {
                if (pos[0] < v.length() && v.charAt(pos[0]) != '.' && v.charAt(pos[0]) != '+') {
                    return "unexpected character '" + v.charAt(pos[0]) + "' while parsing " + what;
                }
                return "empty identifier segment in " + what;
            }
            String seg = v.substring(start, pos[0]);
            if (numericNoLeadingZero && seg.length() > 1 && seg.charAt(0) == '0' && seg.chars().allMatch(c -> c >= '0'
                    && c <= '9')) {
                return "invalid leading zero in " + what;
            }
            if (pos[0] < v.length() && v.charAt(pos[0]) == '.') {
                pos[0]++;
                continue;
            }
            return null;
        }
    }

    private static boolean isIdentChar(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-';
    }

    // ---------------------------------------------------------------- rules of imports and exports

    /** The top-level resource names of one scope's imports or exports, for annotated names. */
    static final class ResourceNames {
        final Map<ResT, String> byResource = new IdentityHashMap<>();
        final Set<String> names = new HashSet<>();

        void register(String name, ResT r) {
            byResource.put(r, name);
            names.add(name);
        }

        /** {@code [constructor]}, {@code [method]} and {@code [static]} rules (Binary.md). */
        void validate(Name n, Entity e) {
            switch (n.kind()) {
                case CONSTRUCTOR -> {
                    FuncT f = func(e);
                    if (f.async()) {
                        throw new Invalid("constructor function cannot be async");
                    }
                    if (f.result() == null) {
                        throw new Invalid("function should return one value");
                    }
                    ResT r = null;
                    if (f.result() instanceof OwnT o) {
                        r = o.resource();
                    } else if (f.result() instanceof ResultT res && res.ok() instanceof OwnT o) {
                        r = o.resource();
                    }
                    if (r == null) {
                        throw new Invalid("function should return `(own $T)` or `(result (own $T))`");
                    }
                    resourceName(r, n.resource());
                }
                case METHOD -> {
                    FuncT f = func(e);
                    if (f.params().isEmpty()) {
                        throw new Invalid("function should have at least one argument");
                    }
                    Param self = f.params().get(0);
                    if (!self.name().equals("self")) {
                        throw new Invalid("function should have a first argument called `self`");
                    }
                    if (!(self.type() instanceof BorrowT b)) {
                        throw new Invalid("function should take a first argument of `(borrow $T)`");
                    }
                    resourceName(b.resource(), n.resource());
                }
                case STATIC -> {
                    func(e);
                    if (!names.contains(n.resource())) {
                        throw new Invalid("static resource name is not known in this context");
                    }
                }
                case LABEL, INTERFACE -> {}
            }
        }

        private static FuncT func(Entity e) {
            if (e instanceof FuncE f) {
                return f.type();
            }
            throw new Invalid("item is not a func");
        }

        private void resourceName(ResT r, String expected) {
            String name = byResource.get(r);
            if (name == null) {
                throw new Invalid("resource used in function does not have a name in this context");
            }
            if (!name.equals(expected)) {
                throw new Invalid("function does not match expected resource name `" + name + "`");
            }
        }
    }

    /**
     * Name rules of an import or export (Import and Export Definitions, Name Uniqueness): syntax,
     * attributes, annotations, strong uniqueness among the scope's imports (exports).
     */
    static void validateExtern(ExternName en, Subtyping.Kind kind, Entity e, Map<String, String> uniqueNames,
            Map<String, Entity> items, ResourceNames cx) {
        String name = en.name();
        Name parsed;
        try {
            parsed = parse(name);
        } catch (Invalid x) {
            throw x.context(kind.desc + " name `" + name + "` is not a valid extern name");
        }
        String implementsName = null;
        String suffix = null;
        Map<Class<?>, Boolean> seen = new HashMap<>();
        for (ExternName.Attribute a : en.attributes()) {
            if (seen.put(a.getClass(), true) != null) {
                String what = a instanceof ExternName.Attribute.Implements ? "implements"
                        : a instanceof ExternName.Attribute.VersionSuffix ? "versionsuffix" : "external-id";
                throw new Invalid("duplicate '" + what + "' option in name");
            }
            if (a instanceof ExternName.Attribute.Implements i) {
                implementsName = i.interfaceName();
            } else if (a instanceof ExternName.Attribute.VersionSuffix v) {
                suffix = v.suffix();
            }
        }
        if (suffix != null) {
            if (!(e instanceof InstanceE)) {
                throw new Invalid("only instances can have a `versionsuffix`");
            }
            if (implementsName == null && parsed.kind() != Kind.INTERFACE) {
                throw new Invalid("`versionsuffix` requires an interface name or `implements`");
            }
        }
        if (implementsName != null) {
            if (!parsed.isBareLabel()) {
                throw new Invalid("name `" + name + "` is not valid with `implements`");
            }
            if (!(e instanceof InstanceE)) {
                throw new Invalid("only instances can have an `implements`");
            }
            Name impl;
            try {
                impl = parse(implementsName);
            } catch (Invalid x) {
                throw x.context("`" + implementsName + "` is not a valid name");
            }
            if (impl.kind() != Kind.INTERFACE) {
                throw new Invalid("name `" + implementsName + "` must be an interface");
            }
            checkVersionSuffix(impl, suffix);
        } else if (parsed.kind() == Kind.INTERFACE) {
            checkVersionSuffix(parsed, suffix);
        }
        try {
            cx.validate(parsed, e);
        } catch (Invalid x) {
            throw x.context(kind.desc + " name `" + name + "` is not valid");
        }
        String prev = uniqueNames.putIfAbsent(parsed.uniquenessKey(), name);
        if (prev != null || items.containsKey(name)) {
            throw new Invalid(kind.desc + " name `" + name + "` conflicts with previous name `"
                    + (prev != null ? prev : name) + "`");
        }
        items.put(name, e);
    }

    /** A {@code versionsuffix} needs a canonical version; together they must be a valid semver. */
    private static void checkVersionSuffix(Name n, String suffix) {
        if (suffix == null) {
            return;
        }
        if (n.version() == null || !isCanonVersion(n.version())) {
            throw new Invalid("invalid interface version: a `versionsuffix` needs a canonical version in `" + n.raw()
                    + "`");
        }
        String err = semverError(n.version() + suffix);
        if (err != null) {
            throw new Invalid("invalid interface version: `" + n.version() + suffix + "` is not a valid semver: "
                    + err);
        }
    }
}
