package dev.dovetail.component;

import java.util.List;
import java.util.Objects;

/**
 * {@code nameattributes}: an import or export name, with the encoding form and attributes.
 *
 * <p>The binary format has two redundant plain forms ({@code 0x00} and {@code 0x01}) and one
 * with attributes ({@code 0x02}); {@link Form} records which one was used. Attributes are only
 * allowed with {@link Form#ATTRIBUTED}.
 */
public record ExternName(Form form, String name, List<Attribute> attributes) {
    /** The leading byte of {@code nameattributes}. */
    public enum Form {
        PLAIN(0x00),
        PLAIN_01(0x01),
        ATTRIBUTED(0x02);

        private final int code;

        Form(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public ExternName {
        Objects.requireNonNull(form);
        Objects.requireNonNull(name);
        attributes = List.copyOf(attributes);
        if (form != Form.ATTRIBUTED && !attributes.isEmpty()) {
            throw new IllegalArgumentException("attributes need the ATTRIBUTED form");
        }
    }

    /** A plain name ({@code 0x00} form, no attributes). */
    public static ExternName of(String name) {
        return new ExternName(Form.PLAIN, name, List.of());
    }

    /** {@code attribute}. */
    public sealed interface Attribute {
        /** {@code 0x00}: {@code (implements "in")}. */
        record Implements(String interfaceName) implements Attribute {
            public Implements {
                Objects.requireNonNull(interfaceName);
            }
        }

        /** {@code 0x01}: {@code (versionsuffix "vs")}. */
        record VersionSuffix(String suffix) implements Attribute {
            public VersionSuffix {
                Objects.requireNonNull(suffix);
            }
        }

        /** {@code 0x02}: {@code (external-id n)}. */
        record ExternalId(String id) implements Attribute {
            public ExternalId {
                Objects.requireNonNull(id);
            }
        }
    }
}
