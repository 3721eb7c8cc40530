package dev.dovetail.component;

import dev.dovetail.component.TextAst.AliasDecl;
import dev.dovetail.component.TextAst.AliasDefinition;
import dev.dovetail.component.TextAst.AliasTarget;
import dev.dovetail.component.TextAst.ComponentAst;
import dev.dovetail.component.TextAst.Decl;
import dev.dovetail.component.TextAst.DefType;
import dev.dovetail.component.TextAst.Defined;
import dev.dovetail.component.TextAst.Definition;
import dev.dovetail.component.TextAst.ExportDecl;
import dev.dovetail.component.TextAst.ExportDefinition;
import dev.dovetail.component.TextAst.Idx;
import dev.dovetail.component.TextAst.ImportDecl;
import dev.dovetail.component.TextAst.ImportDefinition;
import dev.dovetail.component.TextAst.ItemRef;
import dev.dovetail.component.TextAst.NestedDefinition;
import dev.dovetail.component.TextAst.Pos;
import dev.dovetail.component.TextAst.Sig;
import dev.dovetail.component.TextAst.TypeDecl;
import dev.dovetail.component.TextAst.TypeDefinition;
import dev.dovetail.component.TextAst.TypeUse;
import dev.dovetail.component.TextAst.Val;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link ComponentAst} into the {@link Component} model, desugaring the text format the
 * way the reference text parser (the {@code wast} crate behind {@code wasm-tools parse} and
 * {@code jco parse}) does, so that both produce the same binary:
 *
 * <ul>
 *   <li>inline type expressions (non-primitive value types inside types, inline function,
 *       component and instance types of imports and exports) become type definitions of their
 *       own, inserted right before the definition or declarator that uses them, innermost first;
 *       they are never shared;
 *   <li>identifiers resolve to indices; an identifier found only in an enclosing component or type
 *       becomes an {@code (alias outer ...)} inserted before the item that uses it and bound to the
 *       same identifier (Explainer.md: "the inline use ... are syntactic sugar for outer aliases");
 *   <li>the inline export alias {@code (X $i "a" "b")} becomes a chain of {@code alias export}s;
 *   <li>inline {@code (export "n")} abbreviations become exports at the end of the component;
 *   <li>consecutive definitions of one kind share a section, and every component with identifiers
 *       gets a {@code component-name} section naming them.
 * </ul>
 *
 * <p>Inside one definition, inline types are hoisted before any of its names resolve, so the
 * aliases an item needs come right after the inline types it contains.
 */
final class TextLowering {
    private enum FrameKind { COMPONENT, COMPONENT_TYPE, INSTANCE_TYPE }

    // the section ids of Binary.md that consecutive definitions share
    private static final int ALIASES = 6;
    private static final int TYPES = 7;
    private static final int IMPORTS = 10;
    private static final int EXPORTS = 11;

    /** One index space: its size and the identifiers bound in it. */
    private static final class Space {
        int count;
        final Map<String, Integer> ids = new HashMap<>();
    }

    /** The identifier an item binds and the {@code @name} it is given (either may be null). */
    private record Named(String id, String name) {
        static final Named NONE = new Named(null, null);

        static Named id(String id) {
            return new Named(id, null);
        }
    }

    /** An inline {@code (export "n")}: exported at the end of its component. */
    private record PendingExport(String name, Sort sort, int index) {}

    /** A component, component type or instance type being built, with its index spaces. */
    private final class Frame {
        final Named named;
        final FrameKind kind;
        final Map<Sort, Space> spaces = new EnumMap<>(Sort.class);
        // component type and instance type output
        final List<Declaration> decls = new ArrayList<>();
        // component output: sections, the section being filled, names, inline exports
        final List<Section> sections = new ArrayList<>();
        int groupId = -1;
        final List<Object> group = new ArrayList<>();
        final Map<Sort, List<String>> names = new EnumMap<>(Sort.class);
        final List<PendingExport> pendingExports = new ArrayList<>();

        Frame(Named named, FrameKind kind) {
            this.named = named;
            this.kind = kind;
        }

        void custom(Section.Custom section) {
            flush();
            sections.add(section);
        }

        Integer find(Sort sort, String name) {
            Space s = spaces.get(sort);
            return s == null ? null : s.ids.get(name);
        }

        /**
         * Appends to the index space of {@code sort}, binding {@code id} if not null; the new
         * index is named {@code name}, else {@code id}, in the {@code component-name} section.
         */
        int register(Sort sort, Named named, Pos pos) {
            Space s = spaces.computeIfAbsent(sort, k -> new Space());
            if (named.id() != null) {
                if (s.ids.containsKey(named.id())) {
                    throw error(pos, "duplicate " + sortWord(sort) + " identifier `$" + named.id() + "`");
                }
                s.ids.put(named.id(), s.count);
            }
            if (kind == FrameKind.COMPONENT) {
                names.computeIfAbsent(sort, k -> new ArrayList<>())
                        .add(named.name() != null ? named.name() : named.id());
            }
            return s.count++;
        }

        /** Adds an item to the section with id {@code sectionId}, starting a new one if needed. */
        void add(int sectionId, Object item) {
            if (groupId != sectionId) {
                flush();
                groupId = sectionId;
            }
            group.add(item);
        }

        void flush() {
            if (groupId < 0) {
                return;
            }
            sections.add(switch (groupId) {
                case ALIASES -> new Section.Aliases(cast(group, Alias.class));
                case TYPES -> new Section.Types(cast(group, TypeDef.class));
                case IMPORTS -> new Section.Imports(cast(group, Import.class));
                case EXPORTS -> new Section.Exports(cast(group, Export.class));
                default -> throw new IllegalStateException("section " + groupId);
            });
            group.clear();
            groupId = -1;
        }

        int emitType(TypeDef def, Named named, Pos pos) {
            if (kind == FrameKind.COMPONENT) {
                add(TYPES, def);
            } else {
                decls.add(new Declaration.TypeDecl(def));
            }
            return register(Sort.TYPE, named, pos);
        }

        int emitAlias(Alias alias, Named named, Pos pos) {
            if (kind == FrameKind.COMPONENT) {
                add(ALIASES, alias);
            } else {
                decls.add(new Declaration.AliasDecl(alias));
            }
            return register(alias.sort(), named, pos);
        }

        int emitImport(ExternName externName, ExternType type, Sort sort, Named named, Pos pos) {
            switch (kind) {
                case COMPONENT -> add(IMPORTS, new Import(externName, type));
                case COMPONENT_TYPE -> decls.add(new Declaration.Import(externName, type));
                case INSTANCE_TYPE -> throw error(pos, "instance types cannot contain imports");
            }
            return register(sort, named, pos);
        }

        /** An export declarator (types) or an export definition (components). */
        int emitExport(ExternName externName, Sort sort, int index, Optional<ExternType> type, Named named, Pos pos) {
            if (kind == FrameKind.COMPONENT) {
                add(EXPORTS, new Export(externName, new SortIndex(sort, index), type));
            } else {
                decls.add(new Declaration.Export(externName, type.orElseThrow()));
            }
            return register(sort, named, pos);
        }

        int emitNested(Component component, Named named, Pos pos) {
            flush();
            sections.add(new Section.NestedComponent(component));
            return register(Sort.COMPONENT, named, pos);
        }

        /** The finished component: pending inline exports, then the {@code component-name} section. */
        Component finish() {
            for (PendingExport e : pendingExports) {
                emitExport(ExternName.of(e.name()), e.sort(), e.index(), Optional.empty(), Named.NONE, null);
            }
            flush();
            List<ComponentNames.SortNames> sortNames = new ArrayList<>();
            // the order of wasm-encoder's ComponentNameSection: func, value, type, component, instance
            for (Sort sort : List.of(Sort.FUNC, Sort.VALUE, Sort.TYPE, Sort.COMPONENT, Sort.INSTANCE)) {
                List<String> list = names.getOrDefault(sort, List.of());
                List<ComponentNames.NameAssoc> assocs = new ArrayList<>();
                for (int k = 0; k < list.size(); k++) {
                    if (list.get(k) != null) {
                        assocs.add(new ComponentNames.NameAssoc(k, list.get(k)));
                    }
                }
                if (!assocs.isEmpty()) {
                    sortNames.add(new ComponentNames.SortNames(sort, assocs));
                }
            }
            Optional<String> own = Optional.ofNullable(named.name() != null ? named.name() : named.id());
            if (own.isPresent() || !sortNames.isEmpty()) {
                sections.add(new ComponentNames(own, sortNames).toCustomSection());
            }
            return new Component(sections);
        }
    }

    private final String file;
    private final List<Frame> stack = new ArrayList<>();

    private TextLowering(String file) {
        this.file = file;
    }

    static Component lower(ComponentAst ast, String file) {
        return new TextLowering(file).component(ast);
    }

    private static <T> List<T> cast(List<Object> items, Class<T> type) {
        List<T> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(type.cast(o));
        }
        return out;
    }

    private ComponentTextException error(Pos pos, String reason) {
        return new ComponentTextException(file, pos == null ? 0 : pos.line(), pos == null ? 0 : pos.col(), reason);
    }

    private static String sortWord(Sort sort) {
        return switch (sort) {
            case FUNC -> "func";
            case VALUE -> "value";
            case TYPE -> "type";
            case COMPONENT -> "component";
            case INSTANCE -> "instance";
            case CORE_FUNC -> "core func";
            case CORE_TABLE -> "core table";
            case CORE_MEMORY -> "core memory";
            case CORE_GLOBAL -> "core global";
            case CORE_TAG -> "core tag";
            case CORE_TYPE -> "core type";
            case CORE_MODULE -> "core module";
            case CORE_INSTANCE -> "core instance";
        };
    }

    private Frame current() {
        return stack.get(stack.size() - 1);
    }

    // ------------------------------------------------------------------ components

    // component ::= (component <id>? <definition>*)
    private Component component(ComponentAst ast) {
        Frame frame = new Frame(new Named(ast.id(), ast.name()), FrameKind.COMPONENT);
        stack.add(frame);
        for (Definition d : ast.definitions()) {
            definition(frame, d);
        }
        Component out = frame.finish();
        stack.remove(stack.size() - 1);
        return out;
    }

    private void definition(Frame frame, Definition d) {
        if (d instanceof TypeDefinition t) {
            int index = frame.emitType(defType(t.type(), t.id()), new Named(t.id(), t.name()), t.pos());
            pending(frame, t.exports(), Sort.TYPE, index);
        } else if (d instanceof ImportDefinition im) {
            ExternType type = sig(im.sig());
            Sort sort = sortOf(im.sig());
            int index = frame.emitImport(im.externName(), type, sort, new Named(im.id(), im.name()), im.pos());
            pending(frame, im.exports(), sort, index);
        } else if (d instanceof ExportDefinition ex) {
            // the ascribed type's names resolve before the exported item's, as in the reference parser
            Optional<ExternType> ascribed = ex.ascribed().map(this::sig);
            int item = itemRef(ex.item(), ex.sort());
            frame.emitExport(ex.externName(), ex.sort(), item, ascribed, new Named(ex.id(), ex.name()), ex.pos());
        } else if (d instanceof AliasDefinition a) {
            int index = frame.emitAlias(alias(a.sort(), a.target()), new Named(a.id(), a.name()), a.pos());
            pending(frame, a.exports(), a.sort(), index);
        } else if (d instanceof NestedDefinition n) {
            ComponentAst c = n.component();
            int index = frame.emitNested(component(c), new Named(c.id(), c.name()), c.pos());
            pending(frame, n.exports(), Sort.COMPONENT, index);
        } else if (d instanceof TextAst.CustomDefinition c) {
            frame.custom(c.section());
        } else {
            throw new IllegalStateException("unknown definition " + d);
        }
    }

    private static void pending(Frame frame, List<String> exports, Sort sort, int index) {
        for (String name : exports) {
            frame.pendingExports.add(new PendingExport(name, sort, index));
        }
    }

    // ------------------------------------------------------------------ declarators

    // componentdecl ::= <importdecl> | <instancedecl>; instancedecl ::= <type> | <alias> | <exportdecl>
    private void decl(Frame frame, Decl d) {
        if (d instanceof TypeDecl t) {
            frame.emitType(defType(t.type(), t.id()), Named.id(t.id()), t.pos());
        } else if (d instanceof AliasDecl a) {
            frame.emitAlias(alias(a.sort(), a.target()), Named.id(a.id()), a.pos());
        } else if (d instanceof ImportDecl im) {
            frame.emitImport(im.externName(), sig(im.sig()), sortOf(im.sig()), Named.id(im.id()), im.pos());
        } else if (d instanceof ExportDecl ex) {
            frame.emitExport(ex.externName(), sortOf(ex.sig()), 0, Optional.of(sig(ex.sig())), Named.id(ex.id()),
                    ex.pos());
        } else {
            throw new IllegalStateException("unknown declarator " + d);
        }
    }

    private static Sort sortOf(Sig sig) {
        if (sig instanceof TextAst.FuncSig) {
            return Sort.FUNC;
        } else if (sig instanceof TextAst.ComponentSig) {
            return Sort.COMPONENT;
        } else if (sig instanceof TextAst.InstanceSig) {
            return Sort.INSTANCE;
        }
        return Sort.TYPE;
    }

    // externtype ::= (<sort> (type <idx>)) | <functype> | <componenttype> | <instancetype> | (type <typebound>)
    private ExternType sig(Sig sig) {
        if (sig instanceof TextAst.FuncSig f) {
            return new ExternType.Func(typeUse(f.use()));
        } else if (sig instanceof TextAst.ComponentSig c) {
            return new ExternType.Component(typeUse(c.use()));
        } else if (sig instanceof TextAst.InstanceSig i) {
            return new ExternType.Instance(typeUse(i.use()));
        } else if (sig instanceof TextAst.TypeSig t) {
            // typebound ::= (eq <typeidx>) | (sub resource)
            return new ExternType.Type(t.bound() instanceof TextAst.Eq eq
                    ? new ExternType.TypeBound.Eq(resolve(eq.type(), Sort.TYPE))
                    : new ExternType.TypeBound.SubResource());
        }
        throw new IllegalStateException("unknown extern type " + sig);
    }

    /** A type use: a reference, or an inline type hoisted into a definition of its own. */
    private int typeUse(TypeUse use) {
        if (use instanceof TextAst.UseRef r) {
            return itemRef(r.ref(), Sort.TYPE);
        }
        return hoist(((TextAst.UseInline) use).type());
    }

    private int hoist(DefType type) {
        return current().emitType(defType(type, null), Named.NONE, null);
    }

    // alias ::= (alias export <idx> <name> (<sort> <id>?)) | (alias outer <idx> <idx> (<outeraliassort> <id>?))
    private Alias alias(Sort sort, AliasTarget target) {
        if (target instanceof TextAst.ExportOf e) {
            return new Alias.InstanceExport(sort, resolve(e.instance(), Sort.INSTANCE), e.name());
        }
        TextAst.OuterOf o = (TextAst.OuterOf) target;
        return outerAlias(sort, o.outer(), o.index());
    }

    private Alias outerAlias(Sort sort, Idx outer, Idx index) {
        if (outer.id() == null && index.id() == null) {
            return new Alias.Outer(sort, outer.num(), index.num());
        }
        int depth;
        if (outer.id() != null) {
            depth = -1;
            for (int d = 0; d < stack.size(); d++) {
                if (outer.id().equals(stack.get(stack.size() - 1 - d).named.id())) {
                    depth = d;
                    break;
                }
            }
            if (depth < 0) {
                throw error(outer.pos(), "outer component `$" + outer.id() + "` not found");
            }
        } else {
            long n = Integer.toUnsignedLong(outer.num());
            if (n >= stack.size()) {
                throw error(outer.pos(), "outer count of `" + n + "` is too large");
            }
            depth = (int) n;
        }
        int target = index.num();
        if (index.id() != null) {
            Integer found = stack.get(stack.size() - 1 - depth).find(sort, index.id());
            if (found == null) {
                throw error(index.pos(), "unknown " + sortWord(sort) + " `$" + index.id() + "`");
            }
            target = found;
        }
        return new Alias.Outer(sort, depth, target);
    }

    /** {@code {X}idx} with the inline export alias sugar: one {@code alias export} per name. */
    private int itemRef(ItemRef ref, Sort sort) {
        if (ref.exportNames().isEmpty()) {
            return resolve(ref.idx(), sort);
        }
        int index = resolve(ref.idx(), Sort.INSTANCE);
        List<String> names = ref.exportNames();
        for (int k = 0; k < names.size(); k++) {
            Sort s = k == names.size() - 1 ? sort : Sort.INSTANCE;
            index = current().emitAlias(new Alias.InstanceExport(s, index, names.get(k)), Named.NONE, ref.idx().pos());
        }
        return index;
    }

    /**
     * An index: a number as is, an identifier of the current scope, or an identifier of an
     * enclosing one, for which an outer alias bound to the same identifier is inserted.
     */
    private int resolve(Idx idx, Sort sort) {
        if (idx.id() == null) {
            return idx.num();
        }
        for (int depth = 0; depth < stack.size(); depth++) {
            Integer found = stack.get(stack.size() - 1 - depth).find(sort, idx.id());
            if (found == null) {
                continue;
            }
            if (depth == 0) {
                return found;
            }
            if (!sort.isOuterAliasSort()) {
                throw error(idx.pos(), "outer item `$" + idx.id() + "` is not a module, type, or component");
            }
            return current().emitAlias(new Alias.Outer(sort, depth, found), Named.id(idx.id()), idx.pos());
        }
        throw error(idx.pos(), "unknown " + sortWord(sort) + " `$" + idx.id() + "`");
    }

    // ------------------------------------------------------------------ types

    // deftype ::= <defvaltype> | <resourcetype> | <functype> | <componenttype> | <instancetype>
    private TypeDef defType(DefType type, String id) {
        if (type instanceof Defined d) {
            return defined(d);
        } else if (type instanceof TextAst.FuncT f) {
            // functype ::= (func async? (param <labellit> <valtype>)* (result <valtype>)?)
            List<Val> vals = new ArrayList<>();
            f.params().forEach(p -> vals.add(p.type()));
            f.result().ifPresent(vals::add);
            ValType[] lowered = vals(vals);
            List<DefinedType.Field> params = new ArrayList<>();
            for (int k = 0; k < f.params().size(); k++) {
                params.add(new DefinedType.Field(f.params().get(k).label(), lowered[k]));
            }
            Optional<ValType> result = f.result().map(r -> lowered[lowered.length - 1]);
            return new TypeDef.Func(f.async(), params, result);
        } else if (type instanceof TextAst.ComponentT c) {
            // componenttype ::= (component <componentdecl>*)
            return new TypeDef.ComponentType(decls(id, FrameKind.COMPONENT_TYPE, c.decls()));
        } else if (type instanceof TextAst.InstanceT c) {
            // instancetype ::= (instance <instancedecl>*)
            return new TypeDef.InstanceType(decls(id, FrameKind.INSTANCE_TYPE, c.decls()));
        } else if (type instanceof TextAst.ResourceT r) {
            // resourcetype ::= (resource (rep i32|i64))
            return new TypeDef.Resource(r.rep(), Optional.empty());
        }
        throw new IllegalStateException("unknown type " + type);
    }

    /** The declarators of a component or instance type, in a scope of their own. */
    private List<Declaration> decls(String id, FrameKind kind, List<Decl> decls) {
        Frame frame = new Frame(Named.id(id), kind);
        stack.add(frame);
        decls.forEach(d -> decl(frame, d));
        stack.remove(stack.size() - 1);
        return frame.decls;
    }

    /**
     * Lowers the value types directly inside one type: first every inline one is hoisted (in
     * order), then the references resolve (in order), as in the reference parser, whose expansion
     * pass runs before name resolution.
     */
    private ValType[] vals(List<Val> vals) {
        ValType[] out = new ValType[vals.size()];
        for (int k = 0; k < out.length; k++) {
            Val v = vals.get(k);
            if (v instanceof TextAst.Inline in) {
                out[k] = ValType.of(hoist(in.type()));
            } else if (v instanceof TextAst.Prim p) {
                out[k] = p.type();
            }
        }
        for (int k = 0; k < out.length; k++) {
            if (vals.get(k) instanceof TextAst.Ref r) {
                out[k] = ValType.of(resolve(r.idx(), Sort.TYPE));
            }
        }
        return out;
    }

    // defvaltype
    private DefinedType defined(Defined d) {
        if (d instanceof TextAst.PrimDef p) {
            return p.type();
        } else if (d instanceof TextAst.RecordT r) {
            // (record (field <labellit> <valtype>)+)
            ValType[] t = vals(r.fields().stream().map(TextAst.Labeled::type).toList());
            List<DefinedType.Field> fields = new ArrayList<>();
            for (int k = 0; k < t.length; k++) {
                fields.add(new DefinedType.Field(r.fields().get(k).label(), t[k]));
            }
            return new DefinedType.Record(fields);
        } else if (d instanceof TextAst.VariantT v) {
            // (variant (case <labellit> <valtype>?)+)
            List<Val> present = new ArrayList<>();
            v.cases().forEach(c -> c.type().ifPresent(present::add));
            ValType[] t = vals(present);
            List<DefinedType.Case> cases = new ArrayList<>();
            int next = 0;
            for (TextAst.Case c : v.cases()) {
                cases.add(new DefinedType.Case(c.label(),
                        c.type().isPresent() ? Optional.of(t[next++]) : Optional.empty()));
            }
            return new DefinedType.Variant(cases);
        } else if (d instanceof TextAst.ListT l) {
            // (list <valtype>) | (list <valtype> <u32>)
            ValType element = vals(List.of(l.element()))[0];
            return l.length().isPresent()
                    ? new DefinedType.FixedList(element, l.length().get())
                    : new DefinedType.ListType(element);
        } else if (d instanceof TextAst.TupleT t) {
            return new DefinedType.Tuple(List.of(vals(t.types())));
        } else if (d instanceof TextAst.FlagsT f) {
            return new DefinedType.Flags(f.labels());
        } else if (d instanceof TextAst.EnumT e) {
            return new DefinedType.Enum(e.labels());
        } else if (d instanceof TextAst.OptionT o) {
            return new DefinedType.Option(vals(List.of(o.type()))[0]);
        } else if (d instanceof TextAst.ResultT r) {
            // (result <valtype>? (error <valtype>)?)
            List<Val> present = new ArrayList<>();
            r.ok().ifPresent(present::add);
            r.error().ifPresent(present::add);
            ValType[] t = vals(present);
            return new DefinedType.Result(r.ok().map(x -> t[0]), r.error().map(x -> t[t.length - 1]));
        } else if (d instanceof TextAst.OwnT o) {
            return new DefinedType.Own(resolve(o.resource(), Sort.TYPE));
        } else if (d instanceof TextAst.BorrowT b) {
            return new DefinedType.Borrow(resolve(b.resource(), Sort.TYPE));
        } else if (d instanceof TextAst.StreamT st) {
            return new DefinedType.Stream(optional(st.element()));
        } else if (d instanceof TextAst.FutureT f) {
            return new DefinedType.Future(optional(f.element()));
        } else if (d instanceof TextAst.MapT m) {
            // (map <keytype> <valtype>)
            ValType[] t = vals(List.of(m.key(), m.value()));
            return new DefinedType.MapType(t[0], t[1]);
        }
        throw new IllegalStateException("unknown defined type " + d);
    }

    private Optional<ValType> optional(Optional<Val> val) {
        return val.map(v -> vals(List.of(v))[0]);
    }
}
