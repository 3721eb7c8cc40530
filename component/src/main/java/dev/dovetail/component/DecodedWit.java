package dev.dovetail.component;

import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.ResolvedWit;
import java.util.List;
import java.util.Objects;

/**
 * The WIT that {@link WitExtractor} read from a binary: either the world of a component, or a
 * WIT package encoded as a component (WIT.md "Package Format"). {@link #packageId()} is the main
 * package, the one to print; the {@link Resolve} also holds the foreign packages it refers to,
 * each with just the interfaces and items that were used.
 */
public sealed interface DecodedWit permits DecodedWit.ComponentWorld, DecodedWit.WitPackage {

    Resolve resolve();

    int packageId();

    /** The same as a {@link ResolvedWit} whose only root package is {@link #packageId()}. */
    default ResolvedWit toResolvedWit() {
        return new ResolvedWit(resolve(), List.of(packageId()));
    }

    /**
     * A component's imports and exports as a world: package {@code root:component}, world
     * {@code root} (the names wit-component gives them, as a binary component has none).
     */
    record ComponentWorld(Resolve resolve, int packageId, int worldId) implements DecodedWit {
        public ComponentWorld {
            Objects.requireNonNull(resolve);
        }
    }

    /** A WIT package encoded as a component: the package's interfaces and worlds. */
    record WitPackage(Resolve resolve, int packageId) implements DecodedWit {
        public WitPackage {
            Objects.requireNonNull(resolve);
        }
    }
}
