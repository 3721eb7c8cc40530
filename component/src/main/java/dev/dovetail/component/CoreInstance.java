package dev.dovetail.component;

import java.util.List;
import java.util.Objects;

/** {@code core:instance} / {@code core:instanceexpr}. */
public sealed interface CoreInstance {
    /** {@code 0x00 m arg*}: instantiate core module {@code module} with named instances. */
    record Instantiate(int module, List<Arg> args) implements CoreInstance {
        public Instantiate {
            args = List.copyOf(args);
        }
    }

    /** {@code 0x01 e*}: an instance made of inline exports. */
    record FromExports(List<Export> exports) implements CoreInstance {
        public FromExports {
            exports = List.copyOf(exports);
        }
    }

    /** {@code core:instantiatearg}: {@code (with name (instance i))}; the sort is always 0x12. */
    record Arg(String name, int instance) {
        public Arg {
            Objects.requireNonNull(name);
        }
    }

    /** {@code core:inlineexport}. */
    record Export(String name, CoreSort sort, int index) {
        public Export {
            Objects.requireNonNull(name);
            Objects.requireNonNull(sort);
        }
    }
}
