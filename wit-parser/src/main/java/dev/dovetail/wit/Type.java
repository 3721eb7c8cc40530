package dev.dovetail.wit;

/**
 * A reference to a WIT type: either a primitive or the id of a {@link TypeDef} in a {@link Resolve}.
 */
public sealed interface Type permits Type.Primitive, Type.Id {

    /** The built-in types, named as in WIT. */
    enum Primitive implements Type {
        BOOL("bool"), U8("u8"), U16("u16"), U32("u32"), U64("u64"),
        S8("s8"), S16("s16"), S32("s32"), S64("s64"),
        F32("f32"), F64("f64"), CHAR("char"), STRING("string"), ERROR_CONTEXT("error-context");

        private final String witName;

        Primitive(String witName) {
            this.witName = witName;
        }

        /** The name as written in WIT, e.g. {@code error-context}. */
        public String witName() {
            return witName;
        }

        /** The primitive written {@code name} in WIT, or null if there is none. */
        public static Primitive ofWitName(String name) {
            for (Primitive p : values()) {
                if (p.witName.equals(name)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** A type defined in {@link Resolve#types()}, by index. */
    record Id(int index) implements Type {}
}
