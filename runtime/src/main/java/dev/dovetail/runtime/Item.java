package dev.dovetail.runtime;

import dev.dovetail.runtime.core.CoreModule;

/**
 * What a component-level index space, an instance export or an instantiation argument holds
 * at run time: one case per component-level sort (plus core modules).
 */
sealed interface Item {
    /** The sort's name, for messages. */
    String sortName();

    record Func(FuncInst func) implements Item {
        @Override
        public String sortName() {
            return "func";
        }
    }

    /** A type: a {@link ValueType}, {@link FuncType}, {@link ResourceType} or {@link DeclaredType}. */
    record Type(Object type) implements Item {
        @Override
        public String sortName() {
            return "type";
        }
    }

    record Instance(InstanceValue instance) implements Item {
        @Override
        public String sortName() {
            return "instance";
        }
    }

    record Component(ComponentDef component) implements Item {
        @Override
        public String sortName() {
            return "component";
        }
    }

    record Module(CoreModule module) implements Item {
        @Override
        public String sortName() {
            return "core module";
        }
    }

    record Value(Val value) implements Item {
        @Override
        public String sortName() {
            return "value";
        }
    }
}
