package dev.dovetail.runtime;

import java.util.List;
import java.util.Optional;

/**
 * A component function implemented by the host: lifted arguments in, an optional result out.
 * Throwing makes the calling component trap ({@link ComponentTrapException.Reason#HOST_FAILURE}).
 */
@FunctionalInterface
public interface HostFunction {
    Optional<Val> call(List<Val> args);
}
