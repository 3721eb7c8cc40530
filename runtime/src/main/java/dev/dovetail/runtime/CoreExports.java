package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreExtern;
import java.util.Optional;

/** A core instance as seen by the component: instantiated from a module, or built from exports. */
@FunctionalInterface
interface CoreExports {
    Optional<CoreExtern> export(String name);
}
