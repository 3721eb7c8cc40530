package dev.dovetail.wit;

/**
 * Writes a {@link Resolve} as JSON in the format of the Rust {@code wit-parser}'s {@code .wit.json}
 * files (serde's pretty printer: two-space indent).
 */
public final class WitJson {
    private WitJson() {}

    public static String toJson(Resolve resolve) {
        return new JsonWriter(resolve).write();
    }
}
