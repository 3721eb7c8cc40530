package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code section}: one section of a component, in file order. Sections may repeat and
 * interleave freely; each keeps the {@link SectionEncoding} needed to re-encode it byte for byte.
 */
public sealed interface Section {
    /** The section id byte. */
    int id();

    /** Non-minimal LEB128 widths seen when decoding ({@link SectionEncoding#MINIMAL} if none). */
    SectionEncoding encoding();

    /** {@code section_0(core:custom)}: a name and raw data. */
    record Custom(String name, Bytes data, SectionEncoding encoding) implements Section {
        public Custom {
            Objects.requireNonNull(name);
            Objects.requireNonNull(data);
            Objects.requireNonNull(encoding);
        }

        public Custom(String name, Bytes data) {
            this(name, data, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 0;
        }

        /** The parsed {@code component-name} section, if this is one and it is well-formed. */
        public Optional<ComponentNames> componentNames() {
            return name.equals(ComponentNames.SECTION_NAME) ? ComponentNames.parse(data) : Optional.empty();
        }

        /** The parsed {@code producers} section, if this is one and it is well-formed. */
        public Optional<Producers> producers() {
            return name.equals(Producers.SECTION_NAME) ? Producers.parse(data) : Optional.empty();
        }
    }

    /** {@code section_1(core:module)}: a core module, kept as its bytes (preamble included). */
    record CoreModule(Bytes module, SectionEncoding encoding) implements Section {
        public CoreModule {
            Objects.requireNonNull(module);
            Objects.requireNonNull(encoding);
        }

        public CoreModule(Bytes module) {
            this(module, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 1;
        }
    }

    /** {@code section_2(vec(core:instance))}. */
    record CoreInstances(List<CoreInstance> instances, SectionEncoding encoding) implements Section {
        public CoreInstances {
            instances = List.copyOf(instances);
            Objects.requireNonNull(encoding);
        }

        public CoreInstances(List<CoreInstance> instances) {
            this(instances, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 2;
        }
    }

    /** {@code section_3(vec(core:type))}. */
    record CoreTypes(List<CoreType> types, SectionEncoding encoding) implements Section {
        public CoreTypes {
            types = List.copyOf(types);
            Objects.requireNonNull(encoding);
        }

        public CoreTypes(List<CoreType> types) {
            this(types, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 3;
        }
    }

    /** {@code section_4(component)}: a nested component. */
    record NestedComponent(Component component, SectionEncoding encoding) implements Section {
        public NestedComponent {
            Objects.requireNonNull(component);
            Objects.requireNonNull(encoding);
        }

        public NestedComponent(Component component) {
            this(component, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 4;
        }
    }

    /** {@code section_5(vec(instance))}. */
    record Instances(List<Instance> instances, SectionEncoding encoding) implements Section {
        public Instances {
            instances = List.copyOf(instances);
            Objects.requireNonNull(encoding);
        }

        public Instances(List<Instance> instances) {
            this(instances, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 5;
        }
    }

    /** {@code section_6(vec(alias))}. */
    record Aliases(List<Alias> aliases, SectionEncoding encoding) implements Section {
        public Aliases {
            aliases = List.copyOf(aliases);
            Objects.requireNonNull(encoding);
        }

        public Aliases(List<Alias> aliases) {
            this(aliases, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 6;
        }
    }

    /** {@code section_7(vec(type))}. */
    record Types(List<TypeDef> types, SectionEncoding encoding) implements Section {
        public Types {
            types = List.copyOf(types);
            Objects.requireNonNull(encoding);
        }

        public Types(List<TypeDef> types) {
            this(types, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 7;
        }
    }

    /** {@code section_8(vec(canon))}. */
    record Canons(List<Canon> canons, SectionEncoding encoding) implements Section {
        public Canons {
            canons = List.copyOf(canons);
            Objects.requireNonNull(encoding);
        }

        public Canons(List<Canon> canons) {
            this(canons, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 8;
        }
    }

    /** {@code section_9(start)}. */
    record StartSection(Start start, SectionEncoding encoding) implements Section {
        public StartSection {
            Objects.requireNonNull(start);
            Objects.requireNonNull(encoding);
        }

        public StartSection(Start start) {
            this(start, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 9;
        }
    }

    /** {@code section_10(vec(import))}. */
    record Imports(List<Import> imports, SectionEncoding encoding) implements Section {
        public Imports {
            imports = List.copyOf(imports);
            Objects.requireNonNull(encoding);
        }

        public Imports(List<Import> imports) {
            this(imports, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 10;
        }
    }

    /** {@code section_11(vec(export))}. */
    record Exports(List<Export> exports, SectionEncoding encoding) implements Section {
        public Exports {
            exports = List.copyOf(exports);
            Objects.requireNonNull(encoding);
        }

        public Exports(List<Export> exports) {
            this(exports, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 11;
        }
    }

    /** {@code section_12(vec(value))}. */
    record Values(List<Value> values, SectionEncoding encoding) implements Section {
        public Values {
            values = List.copyOf(values);
            Objects.requireNonNull(encoding);
        }

        public Values(List<Value> values) {
            this(values, SectionEncoding.MINIMAL);
        }

        @Override
        public int id() {
            return 12;
        }
    }
}
