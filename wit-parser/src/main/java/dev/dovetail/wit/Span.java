package dev.dovetail.wit;

/** A range of characters [start, end) in one {@link Source}. */
record Span(Source source, int start, int end) {

    WitException error(String message) {
        return source.error(message, this);
    }
}
