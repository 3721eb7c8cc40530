package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code deftype}: one entry of a type section (or a type declarator). */
public sealed interface TypeDef
        permits DefinedType, TypeDef.Func, TypeDef.ComponentType, TypeDef.InstanceType, TypeDef.Resource {

    /**
     * {@code functype}: {@code 0x40} (sync) or {@code 0x43} (async); {@code result} is empty for
     * the {@code 0x01 0x00} result list.
     */
    record Func(boolean async, List<DefinedType.Field> params, Optional<ValType> result) implements TypeDef {
        public Func {
            params = List.copyOf(params);
            Objects.requireNonNull(result);
        }
    }

    /** {@code componenttype}: {@code 0x41 cd*}. */
    record ComponentType(List<Declaration> declarations) implements TypeDef {
        public ComponentType {
            declarations = List.copyOf(declarations);
        }
    }

    /** {@code instancetype}: {@code 0x42 id*}; imports are not allowed here. */
    record InstanceType(List<Declaration> declarations) implements TypeDef {
        public InstanceType {
            declarations = List.copyOf(declarations);
            for (Declaration d : declarations) {
                if (d instanceof Declaration.Import) {
                    throw new IllegalArgumentException("an instance type cannot declare imports");
                }
            }
        }
    }

    /** {@code resourcetype}: {@code 0x3f rep dtor?}. */
    record Resource(CoreType.ValType rep, Optional<Integer> destructor) implements TypeDef {
        public Resource {
            Objects.requireNonNull(rep);
            Objects.requireNonNull(destructor);
        }
    }
}
