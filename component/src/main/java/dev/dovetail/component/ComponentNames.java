package dev.dovetail.component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed view of the {@code component-name} custom section (Binary.md, Name Section): the
 * component's own name and, per sort, names of indices. Validity of this section is not required
 * by the spec, so {@link #parse} returns empty instead of failing.
 */
public record ComponentNames(Optional<String> componentName, List<SortNames> sortNames) {
    public static final String SECTION_NAME = "component-name";

    public ComponentNames {
        Objects.requireNonNull(componentName);
        sortNames = List.copyOf(sortNames);
    }

    /** {@code sortnames}: names for indices of one sort. */
    public record SortNames(Sort sort, List<NameAssoc> names) {
        public SortNames {
            Objects.requireNonNull(sort);
            names = List.copyOf(names);
        }
    }

    /** {@code nameassoc}. */
    public record NameAssoc(int index, String name) {
        public NameAssoc {
            Objects.requireNonNull(name);
        }
    }

    /** Parses the data of a {@code component-name} section; empty if it is not well-formed. */
    public static Optional<ComponentNames> parse(Bytes data) {
        Reader r = new Reader(data.unsafeArray());
        try {
            Optional<String> own = Optional.empty();
            List<SortNames> sorts = new ArrayList<>();
            while (!r.atEnd()) {
                int id = r.u8();
                long size = Integer.toUnsignedLong(r.u32());
                int start = r.skip(size);
                int end = start + (int) size;
                Reader sub = new Reader(data.unsafeArray());
                sub.skip(start);
                sub.pushLimit(end);
                if (id == 0) {
                    own = Optional.of(sub.name());
                } else if (id == 1) {
                    Sort sort = sort(sub);
                    int n = sub.vecLen();
                    List<NameAssoc> names = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        int idx = sub.u32();
                        names.add(new NameAssoc(idx, sub.name()));
                    }
                    sorts.add(new SortNames(sort, names));
                } else {
                    continue; // unknown subsection: skipped
                }
                if (!sub.atEnd()) {
                    return Optional.empty();
                }
            }
            return Optional.of(new ComponentNames(own, sorts));
        } catch (ComponentFormatException e) {
            return Optional.empty();
        }
    }

    private static Sort sort(Reader r) {
        int b = r.u8();
        if (b == 0x00) {
            CoreSort cs = CoreSort.fromCode(r.u8());
            if (cs == null) {
                throw r.error("bad core sort");
            }
            return Sort.of(cs);
        }
        Sort s = Sort.componentSort(b);
        if (s == null) {
            throw r.error("bad sort");
        }
        return s;
    }

    /** Encodes this view as a {@code component-name} custom section. */
    public Section.Custom toCustomSection() {
        Writer w = new Writer();
        if (componentName.isPresent()) {
            Writer sub = new Writer();
            sub.name(componentName.get());
            w.u8(0);
            w.u32(sub.size());
            w.bytes(sub);
        }
        for (SortNames s : sortNames) {
            Writer sub = new Writer();
            if (s.sort().isCore()) {
                sub.u8(0x00);
                sub.u8(s.sort().coreSort().code());
            } else {
                sub.u8(s.sort().code());
            }
            sub.u32(s.names().size());
            for (NameAssoc a : s.names()) {
                sub.u32(a.index());
                sub.name(a.name());
            }
            w.u8(1);
            w.u32(sub.size());
            w.bytes(sub);
        }
        return new Section.Custom(SECTION_NAME, Bytes.of(w.toByteArray()));
    }
}
