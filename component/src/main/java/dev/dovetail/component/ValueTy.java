package dev.dovetail.component;

/** {@code valtype} as the {@link TypeElaborator} sees it: a primitive or a {@link Ty}. */
sealed interface ValueTy permits ValueTy.Prim, Ty {

    /** A primitive value type. */
    record Prim(PrimitiveType type) implements ValueTy {}
}
