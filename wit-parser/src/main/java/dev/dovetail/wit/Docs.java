package dev.dovetail.wit;

/** Documentation attached to an item: the text of its doc comments, or null if there were none. */
public record Docs(String contents) {
    public static final Docs NONE = new Docs(null);

    public boolean isEmpty() {
        return contents == null;
    }
}
