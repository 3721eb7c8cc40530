package dev.dovetail.component;

import java.util.Objects;

/** {@code componentdecl} / {@code instancedecl}: the declarators of component and instance types. */
public sealed interface Declaration {
    /** {@code 0x00 core:type}. */
    record CoreTypeDecl(CoreType type) implements Declaration {
        public CoreTypeDecl {
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x01 type}. */
    record TypeDecl(TypeDef type) implements Declaration {
        public TypeDecl {
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x02 alias}. */
    record AliasDecl(Alias alias) implements Declaration {
        public AliasDecl {
            Objects.requireNonNull(alias);
        }
    }

    /** {@code 0x03 importdecl} (component types only). */
    record Import(ExternName name, ExternType type) implements Declaration {
        public Import {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }

    /** {@code 0x04 exportdecl}. */
    record Export(ExternName name, ExternType type) implements Declaration {
        public Export {
            Objects.requireNonNull(name);
            Objects.requireNonNull(type);
        }
    }
}
