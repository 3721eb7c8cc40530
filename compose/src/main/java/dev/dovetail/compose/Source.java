package dev.dovetail.compose;

import java.util.Objects;

/** What satisfies an import of an instance in a {@link CompositionGraph}, or what is exported. */
public sealed interface Source {
    /** The export {@code name} of an instance in the graph. */
    record InstanceExport(CompositionGraph.InstanceId instance, String name) implements Source {
        public InstanceExport {
            Objects.requireNonNull(instance);
            Objects.requireNonNull(name);
        }
    }

    /** A whole instance of the graph, passed as an instance value. */
    record WholeInstance(CompositionGraph.InstanceId instance) implements Source {
        public WholeInstance {
            Objects.requireNonNull(instance);
        }
    }

    /** An import of the composed component (see {@link CompositionGraph#addImport}). */
    record Import(CompositionGraph.ImportId importId) implements Source {
        public Import {
            Objects.requireNonNull(importId);
        }
    }
}
