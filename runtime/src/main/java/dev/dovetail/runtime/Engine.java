package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreEngine;

/** How core modules run: Chicory's interpreter (the default) or its runtime compiler. */
public enum Engine {
    /** Chicory's interpreter: no start-up cost. */
    INTERPRETER(CoreEngine.INTERPRETER),
    /** Chicory's runtime compiler: core modules become JVM bytecode when first instantiated. */
    COMPILER(CoreEngine.COMPILER);

    final CoreEngine core;

    Engine(CoreEngine core) {
        this.core = core;
    }
}
