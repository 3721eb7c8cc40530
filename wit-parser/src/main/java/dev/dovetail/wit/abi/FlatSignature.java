package dev.dovetail.wit.abi;

import java.util.List;

/**
 * The core function type of a component function ({@code flatten_functype}, synchronous case).
 * {@code paramsSpilled}: the parameters were too many and travel as one pointer to a tuple in
 * memory; {@code resultsSpilled}: the results travel through memory, as a returned pointer
 * ({@code canon lift}) or as a pointer parameter appended by the caller ({@code canon lower}).
 */
public record FlatSignature(List<CoreType> params, List<CoreType> results, boolean paramsSpilled,
        boolean resultsSpilled) {

    public FlatSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    /** Which side of the boundary the core function is on. */
    public enum Context {
        /** {@code canon lift}: a core export that the component function calls. */
        LIFT,
        /** {@code canon lower}: a core import that calls the component function. */
        LOWER
    }
}
