package dev.dovetail.component;

import java.util.List;
import java.util.Optional;

/**
 * The parsed component text, before inline types are hoisted and names resolved (see {@link
 * TextLowering}). Only the type-definition subset of Explainer.md's grammar is represented.
 * Identifiers are kept without their {@code $}; {@code null} means "no identifier".
 */
final class TextAst {
    private TextAst() {}

    /** A 1-based source position. */
    record Pos(int line, int col) {}

    /** {@code idx ::= <u32> | <core:id>}: exactly one of {@code id} and {@code num} is meaningful. */
    record Idx(Pos pos, String id, int num) {}

    /**
     * {@code {X}idx} with the inline export alias sugar {@code (X <idx> <name>+)}: each name
     * projects an export of the instance before it.
     */
    record ItemRef(Idx idx, List<String> exportNames) {
        ItemRef {
            exportNames = List.copyOf(exportNames);
        }
    }

    // ---------------------------------------------------------------- value types

    /** {@code valtype ::= <typeidx> | <defvaltype>}. */
    sealed interface Val permits Prim, Ref, Inline {}

    /** A primitive {@code defvaltype} used as a {@code valtype}. */
    record Prim(PrimitiveType type) implements Val {}

    /** A {@code typeidx}. */
    record Ref(Idx idx) implements Val {}

    /** An inline non-primitive {@code defvaltype}: hoisted into its own type definition. */
    record Inline(Defined type) implements Val {}

    /** {@code labelvaltype}: record fields and function parameters. */
    record Labeled(String label, Val type) {}

    /** {@code case}. */
    record Case(String label, Optional<Val> type) {}

    // ---------------------------------------------------------------- type definitions

    /** {@code deftype}. */
    sealed interface DefType permits Defined, FuncT, ComponentT, InstanceT, ResourceT {}

    /** {@code defvaltype}. */
    sealed interface Defined extends DefType
            permits PrimDef, RecordT, VariantT, ListT, TupleT, FlagsT, EnumT, OptionT, ResultT, OwnT, BorrowT,
                    StreamT, FutureT, MapT {}

    record PrimDef(PrimitiveType type) implements Defined {}

    record RecordT(List<Labeled> fields) implements Defined {}

    record VariantT(List<Case> cases) implements Defined {}

    /** {@code (list t)}, or {@code (list t len)} when {@code length} is present. */
    record ListT(Val element, Optional<Integer> length) implements Defined {}

    record TupleT(List<Val> types) implements Defined {}

    record FlagsT(List<String> labels) implements Defined {}

    record EnumT(List<String> labels) implements Defined {}

    record OptionT(Val type) implements Defined {}

    record ResultT(Optional<Val> ok, Optional<Val> error) implements Defined {}

    record OwnT(Idx resource) implements Defined {}

    record BorrowT(Idx resource) implements Defined {}

    record StreamT(Optional<Val> element) implements Defined {}

    record FutureT(Optional<Val> element) implements Defined {}

    record MapT(Val key, Val value) implements Defined {}

    /** {@code functype}. */
    record FuncT(boolean async, List<Labeled> params, Optional<Val> result) implements DefType {}

    /** {@code componenttype}. */
    record ComponentT(List<Decl> decls) implements DefType {}

    /** {@code instancetype}. */
    record InstanceT(List<Decl> decls) implements DefType {}

    /** {@code resourcetype} without a destructor. */
    record ResourceT(CoreType.NumType rep) implements DefType {}

    // ---------------------------------------------------------------- declarators

    /** {@code componentdecl} / {@code instancedecl}. */
    sealed interface Decl permits TypeDecl, AliasDecl, ImportDecl, ExportDecl {}

    record TypeDecl(Pos pos, String id, DefType type) implements Decl {}

    record AliasDecl(Pos pos, String id, String name, Sort sort, AliasTarget target) implements Decl {}

    /** {@code importdecl}: {@code id} is the one bound by {@code bind-id(<externtype>)}. */
    record ImportDecl(Pos pos, ExternName externName, String id, Sig sig) implements Decl {}

    record ExportDecl(Pos pos, ExternName externName, String id, Sig sig) implements Decl {}

    /** The target of an {@code alias}. */
    sealed interface AliasTarget permits ExportOf, OuterOf {}

    /** {@code export <idx> <name>}. */
    record ExportOf(Idx instance, String name) implements AliasTarget {}

    /** {@code outer <idx> <idx>}. */
    record OuterOf(Idx outer, Idx index) implements AliasTarget {}

    // ---------------------------------------------------------------- extern types

    /** {@code externtype} (without the bound identifier). */
    sealed interface Sig permits FuncSig, ComponentSig, InstanceSig, TypeSig {}

    record FuncSig(TypeUse use) implements Sig {}

    record ComponentSig(TypeUse use) implements Sig {}

    record InstanceSig(TypeUse use) implements Sig {}

    record TypeSig(Bound bound) implements Sig {}

    /** {@code (type <idx>)} or an inline type, following the precedent of {@code core:typeuse}. */
    sealed interface TypeUse permits UseRef, UseInline {}

    record UseRef(ItemRef ref) implements TypeUse {}

    record UseInline(DefType type) implements TypeUse {}

    /** {@code typebound}. */
    sealed interface Bound permits Eq, SubResource {}

    record Eq(Idx type) implements Bound {}

    record SubResource() implements Bound {}

    // ---------------------------------------------------------------- component definitions

    /**
     * {@code definition}: the supported ones. {@code name} is an {@code (@name "...")} annotation
     * (it names the item in the {@code component-name} section instead of its identifier); {@code
     * exports} are inline {@code (export "n")}s.
     */
    sealed interface Definition
            permits TypeDefinition, ImportDefinition, ExportDefinition, AliasDefinition, NestedDefinition,
                    CustomDefinition {}

    record TypeDefinition(Pos pos, String id, String name, List<String> exports, DefType type) implements Definition {}

    /** {@code import}, also written inverted: {@code (func $f (import "n") ...)}. */
    record ImportDefinition(Pos pos, ExternName externName, String id, String name, Sig sig, List<String> exports)
            implements Definition {}

    /** {@code export}: {@code id} is the one bound right after {@code export}. */
    record ExportDefinition(Pos pos, String id, String name, ExternName externName, Sort sort, ItemRef item,
            Optional<Sig> ascribed) implements Definition {}

    /** {@code alias}, also written inverted: {@code (func $f (alias export $i "f"))}. */
    record AliasDefinition(Pos pos, String id, String name, Sort sort, AliasTarget target, List<String> exports)
            implements Definition {}

    /** A nested {@code component}. */
    record NestedDefinition(Pos pos, List<String> exports, ComponentAst component) implements Definition {}

    /** {@code (@custom "name" "data"*)} or {@code (@producers ...)}: a custom section, in place. */
    record CustomDefinition(Section.Custom section) implements Definition {}

    /** {@code component ::= (component <id>? <definition>*)}. */
    record ComponentAst(Pos pos, String id, String name, List<Definition> definitions) {}
}
