package dev.dovetail.component;

import java.util.List;
import java.util.Objects;

/** {@code instance} / {@code instanceexpr}. */
public sealed interface Instance {
    /** {@code 0x00 c arg*}: instantiate component {@code component}. */
    record Instantiate(int component, List<Arg> args) implements Instance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** {@code 0x01 e*}: an instance made of inline exports. */
    record FromExports(List<Export> exports) implements Instance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code instantiatearg}: {@code (with name si)}. */
    record Arg(String name, SortIndex item) {
        public Arg {
            Objects.requireNonNull(name);
            Objects.requireNonNull(item);
        }
    }

    /** {@code inlineexport}. */
    record Export(ExternName name, SortIndex item) {
        public Export {
            Objects.requireNonNull(name);
            Objects.requireNonNull(item);
        }
    }
}
