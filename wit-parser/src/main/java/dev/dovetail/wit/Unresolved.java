package dev.dovetail.wit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A package resolved on its own, before its foreign dependencies are known: arenas of mutable
 * drafts, with spans for every item so that later errors can point at the source. Foreign
 * interfaces, worlds and types come first in their arenas (as in wit-parser), so that they can be
 * mapped onto the real ones when the package is appended to a {@link Resolve}.
 */
final class Unresolved {
    PackageName name;
    Span nameSpan;
    Docs docs = Docs.NONE;
    final List<DraftType> types = new ArrayList<>();
    final List<DraftInterface> interfaces = new ArrayList<>();
    final List<DraftWorld> worlds = new ArrayList<>();
    final LinkedHashMap<PackageName, LinkedHashMap<String, ForeignDep>> foreignDeps = new LinkedHashMap<>();
    final List<Span> foreignDepSpans = new ArrayList<>();
    final List<Span> unknownTypeSpans = new ArrayList<>();
    final List<Span> typeSpans = new ArrayList<>();
    final List<InterfaceSpan> interfaceSpans = new ArrayList<>();
    final List<WorldSpan> worldSpans = new ArrayList<>();
    final List<TypeAt> requiredResourceTypes = new ArrayList<>();
    /** Spans of the fields of records and the cases of variants, by type id, for precise errors. */
    final java.util.Map<Integer, List<Span>> memberSpans = new java.util.HashMap<>();

    record ItemRef(boolean world, int id) {}

    static final class ForeignDep {
        final ItemRef item;
        final List<Stability> stabilities = new ArrayList<>();

        ForeignDep(ItemRef item) {
            this.item = item;
        }
    }

    record TypeAt(int type, Span span) {}

    static final class InterfaceSpan {
        final Span span;
        final List<Span> funcs = new ArrayList<>();

        InterfaceSpan(Span span) {
            this.span = span;
        }
    }

    static final class WorldSpan {
        final Span span;
        List<Span> imports = new ArrayList<>();
        List<Span> exports = new ArrayList<>();
        final List<Span> includes = new ArrayList<>();

        WorldSpan(Span span) {
            this.span = span;
        }
    }

    /** A type while it is being resolved; ids inside {@code kind} point into the current arena. */
    static final class DraftType {
        String name;
        TypeDefKind kind;
        TypeOwner owner;
        Docs docs;
        Stability stability;

        DraftType(String name, TypeDefKind kind, TypeOwner owner, Docs docs, Stability stability) {
            this.name = name;
            this.kind = kind;
            this.owner = owner;
            this.docs = docs;
            this.stability = stability;
        }

        DraftType copy() {
            return new DraftType(name, kind, owner, docs, stability);
        }

        TypeDef freeze() {
            return new TypeDef(name, kind, owner, docs, stability);
        }
    }

    static final class DraftInterface {
        String name;
        LinkedHashMap<String, Integer> types = new LinkedHashMap<>();
        LinkedHashMap<String, Function> functions = new LinkedHashMap<>();
        Docs docs = Docs.NONE;
        Stability stability = Stability.UNKNOWN;
        Integer packageId;

        Interface freeze() {
            return new Interface(name, types, functions, docs, stability, packageId);
        }
    }

    record IncludeName(String name, String as) {}

    static final class DraftWorld {
        String name = "";
        LinkedHashMap<WorldKey, WorldItem> imports = new LinkedHashMap<>();
        LinkedHashMap<WorldKey, WorldItem> exports = new LinkedHashMap<>();
        Integer packageId;
        Docs docs = Docs.NONE;
        Stability stability = Stability.UNKNOWN;
        List<Stability> includeStabilities = new ArrayList<>();
        List<Integer> includes = new ArrayList<>();
        List<List<IncludeName>> includeNames = new ArrayList<>();

        World freeze() {
            return new World(name, imports, exports, packageId, docs, stability);
        }
    }

    /** A group parsed from one file or directory: the main package and the nested ones. */
    record Group(Unresolved main, List<Unresolved> nested) {}
}
