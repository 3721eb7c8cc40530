package dev.dovetail.wit;

/** The feature gate of an item: {@code @since}, {@code @unstable}, or none (unknown). */
public sealed interface Stability permits Stability.Unknown, Stability.Stable, Stability.Unstable {

    Stability UNKNOWN = new Unknown();

    /** No gate was written. */
    record Unknown() implements Stability {}

    /** {@code @since(version = since)}, optionally {@code @deprecated(version = deprecated)}. */
    record Stable(String since, String deprecated) implements Stability {}

    /** {@code @unstable(feature = feature)}, optionally {@code @deprecated(version = deprecated)}. */
    record Unstable(String feature, String deprecated) implements Stability {}
}
