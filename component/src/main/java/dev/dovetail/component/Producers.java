package dev.dovetail.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed view of the {@code producers} custom section (the tool-conventions format shared with
 * core modules): fields such as {@code language}, {@code processed-by} and {@code sdk}, each a
 * list of name/version pairs.
 */
public record Producers(List<Field> fields) {
    public static final String SECTION_NAME = "producers";

    public Producers {
        fields = List.copyOf(fields);
    }

    /** One field: a name and its values. */
    public record Field(String name, List<VersionedName> values) {
        public Field {
            Objects.requireNonNull(name);
            values = List.copyOf(values);
        }
    }

    /** A producer name and version (the version may be empty). */
    public record VersionedName(String name, String version) {
        public VersionedName {
            Objects.requireNonNull(name);
            Objects.requireNonNull(version);
        }
    }

    /** Parses the data of a {@code producers} section; empty if it is not well-formed. */
    public static Optional<Producers> parse(Bytes data) {
        Reader r = new Reader(data.unsafeArray());
        try {
            int n = r.vecLen();
            List<Field> fields = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = r.name();
                int m = r.vecLen();
                List<VersionedName> values = new ArrayList<>(m);
                for (int j = 0; j < m; j++) {
                    String value = r.name();
                    values.add(new VersionedName(value, r.name()));
                }
                fields.add(new Field(name, values));
            }
            return r.atEnd() ? Optional.of(new Producers(fields)) : Optional.empty();
        } catch (ComponentFormatException e) {
            return Optional.empty();
        }
    }

    /** Encodes this view as a {@code producers} custom section. */
    public Section.Custom toCustomSection() {
        Writer w = new Writer();
        w.u32(fields.size());
        for (Field f : fields) {
            w.name(f.name());
            w.u32(f.values().size());
            for (VersionedName v : f.values()) {
                w.name(v.name());
                w.name(v.version());
            }
        }
        return new Section.Custom(SECTION_NAME, Bytes.of(w.toByteArray()));
    }
}
