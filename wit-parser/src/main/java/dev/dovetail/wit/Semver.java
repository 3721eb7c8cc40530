package dev.dovetail.wit;

/** Semantic Versioning 2.0 precedence, for package ordering and {@code @since} checks. */
final class Semver {
    private Semver() {}

    static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] ca = core(a).split("\\.");
        String[] cb = core(b).split("\\.");
        for (int i = 0; i < 3; i++) {
            int c = compareNumeric(ca[i], cb[i]);
            if (c != 0) {
                return c;
            }
        }
        String pa = pre(a);
        String pb = pre(b);
        if (pa == null || pb == null) {
            // a version without pre-release ranks above one with
            return pa == null ? (pb == null ? 0 : 1) : -1;
        }
        String[] xa = pa.split("\\.");
        String[] xb = pb.split("\\.");
        for (int i = 0; i < Math.min(xa.length, xb.length); i++) {
            boolean na = isNumeric(xa[i]);
            boolean nb = isNumeric(xb[i]);
            int c;
            if (na && nb) {
                c = compareNumeric(xa[i], xb[i]);
            } else if (na != nb) {
                c = na ? -1 : 1;
            } else {
                c = xa[i].compareTo(xb[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        int c = Integer.compare(xa.length, xb.length);
        if (c != 0) {
            return c;
        }
        // build metadata does not affect precedence, but keeps the order total
        String ba = build(a);
        String bb = build(b);
        return ba == null ? (bb == null ? 0 : -1) : (bb == null ? 1 : ba.compareTo(bb));
    }

    private static String withoutBuild(String v) {
        int plus = v.indexOf('+');
        return plus < 0 ? v : v.substring(0, plus);
    }

    private static String core(String v) {
        String s = withoutBuild(v);
        int dash = s.indexOf('-');
        return dash < 0 ? s : s.substring(0, dash);
    }

    private static String pre(String v) {
        String s = withoutBuild(v);
        int dash = s.indexOf('-');
        return dash < 0 ? null : s.substring(dash + 1);
    }

    private static String build(String v) {
        int plus = v.indexOf('+');
        return plus < 0 ? null : v.substring(plus + 1);
    }

    private static boolean isNumeric(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private static int compareNumeric(String a, String b) {
        String x = stripLeadingZeros(a);
        String y = stripLeadingZeros(b);
        int c = Integer.compare(x.length(), y.length());
        return c != 0 ? c : x.compareTo(y);
    }

    private static String stripLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
