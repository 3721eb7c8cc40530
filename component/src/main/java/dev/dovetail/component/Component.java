package dev.dovetail.component;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code component}: the preamble (magic, version {@code 0x0d 0x00}, layer {@code 0x01 0x00}) and
 * its sections in file order. Immutable; nested components are {@link Section.NestedComponent}s.
 */
public record Component(List<Section> sections) {
    public Component {
        sections = List.copyOf(sections);
    }

    /** All sections of the given kind, in order (e.g. {@code sections(Section.Imports.class)}). */
    public <S extends Section> List<S> sections(Class<S> kind) {
        List<S> out = new ArrayList<>();
        for (Section s : sections) {
            if (kind.isInstance(s)) {
                out.add(kind.cast(s));
            }
        }
        return List.copyOf(out);
    }

    /** All imports of this component (not of nested ones), in order. */
    public List<Import> imports() {
        List<Import> out = new ArrayList<>();
        for (Section.Imports s : sections(Section.Imports.class)) {
            out.addAll(s.imports());
        }
        return List.copyOf(out);
    }

    /** All exports of this component (not of nested ones), in order. */
    public List<Export> exports() {
        List<Export> out = new ArrayList<>();
        for (Section.Exports s : sections(Section.Exports.class)) {
            out.addAll(s.exports());
        }
        return List.copyOf(out);
    }

    /** All custom sections with the given name, in order. */
    public List<Section.Custom> customSections(String name) {
        List<Section.Custom> out = new ArrayList<>();
        for (Section.Custom s : sections(Section.Custom.class)) {
            if (s.name().equals(name)) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }
}
