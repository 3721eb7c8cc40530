package dev.dovetail.component;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Encodes a {@link Component} into the binary format of Binary.md.
 *
 * <p>Sections are written in model order. LEB128 integers are minimal unless the section's {@link
 * SectionEncoding} asks for a wider form, so a decoded component is re-encoded byte for byte.
 * The encoder does not validate: it writes whatever the model says.
 */
public final class ComponentEncoder {
    private static final byte[] PREAMBLE = {0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00};

    private ComponentEncoder() {}

    /** Encodes {@code component}, preamble included. */
    public static byte[] encode(Component component) {
        Objects.requireNonNull(component, "component");
        Writer out = new Writer();
        component(out, component);
        return out.toByteArray();
    }

    // component ::= preamble section*
    private static void component(Writer out, Component c) {
        out.bytes(PREAMBLE);
        for (Section s : c.sections()) {
            section(out, s);
        }
    }

    // section ::= section_N(...)
    private static void section(Writer out, Section s) {
        SectionEncoding enc = s.encoding();
        Writer body = new Writer(enc.lebWidths());
        new Payload(body).section(s);
        out.u8(s.id());
        out.sectionSize(body.size(), enc.sizeWidth());
        out.bytes(body);
    }

    /** Writes one section payload. */
    private static final class Payload {
        private final Writer w;

        Payload(Writer w) {
            this.w = w;
        }

        void section(Section s) {
            if (s instanceof Section.Custom c) {
                w.name(c.name());
                w.bytes(c.data());
            } else if (s instanceof Section.CoreModule c) {
                w.bytes(c.module());
            } else if (s instanceof Section.CoreInstances c) {
                vec(c.instances(), this::coreInstance);
            } else if (s instanceof Section.CoreTypes c) {
                vec(c.types(), this::coreType);
            } else if (s instanceof Section.NestedComponent c) {
                component(w, c.component());
            } else if (s instanceof Section.Instances c) {
                vec(c.instances(), this::instance);
            } else if (s instanceof Section.Aliases c) {
                vec(c.aliases(), this::alias);
            } else if (s instanceof Section.Types c) {
                vec(c.types(), this::typeDef);
            } else if (s instanceof Section.Canons c) {
                vec(c.canons(), this::canon);
            } else if (s instanceof Section.StartSection c) {
                start(c.start());
            } else if (s instanceof Section.Imports c) {
                vec(c.imports(), this::importDef);
            } else if (s instanceof Section.Exports c) {
                vec(c.exports(), this::exportDef);
            } else if (s instanceof Section.Values c) {
                vec(c.values(), this::value);
            } else {
                throw new IllegalStateException("unknown section " + s);
            }
        }

        private interface ItemWriter<T> {
            void write(T item);
        }

        // vec(T)
        private <T> void vec(List<T> items, ItemWriter<T> item) {
            w.u32(items.size());
            for (T t : items) {
                item.write(t);
            }
        }

        // core:instance
        void coreInstance(CoreInstance i) {
            if (i instanceof CoreInstance.Instantiate x) {
                w.u8(0x00);
                w.u32(x.module());
                vec(x.args(), a -> {
                    w.name(a.name());
                    w.u8(0x12);
                    w.u32(a.instance());
                });
            } else if (i instanceof CoreInstance.FromExports x) {
                w.u8(0x01);
                vec(x.exports(), e -> {
                    w.name(e.name());
                    w.u8(e.sort().code());
                    w.u32(e.index());
                });
            } else {
                throw new IllegalStateException("unknown core instance " + i);
            }
        }

        // sort
        void sort(Sort s) {
            if (s.isCore()) {
                w.u8(0x00);
                w.u8(s.coreSort().code());
            } else {
                w.u8(s.code());
            }
        }

        void sortIndex(SortIndex si) {
            sort(si.sort());
            w.u32(si.index());
        }

        // instance
        void instance(Instance i) {
            if (i instanceof Instance.Instantiate x) {
                w.u8(0x00);
                w.u32(x.component());
                vec(x.args(), a -> {
                    w.name(a.name());
                    sortIndex(a.item());
                });
            } else if (i instanceof Instance.FromExports x) {
                w.u8(0x01);
                vec(x.exports(), e -> {
                    externName(e.name());
                    sortIndex(e.item());
                });
            } else {
                throw new IllegalStateException("unknown instance " + i);
            }
        }

        // alias
        void alias(Alias a) {
            sort(a.sort());
            if (a instanceof Alias.InstanceExport x) {
                w.u8(0x00);
                w.u32(x.instance());
                w.name(x.name());
            } else if (a instanceof Alias.CoreInstanceExport x) {
                w.u8(0x01);
                w.u32(x.instance());
                w.name(x.name());
            } else if (a instanceof Alias.Outer x) {
                w.u8(0x02);
                w.u32(x.count());
                w.u32(x.index());
            } else {
                throw new IllegalStateException("unknown alias " + a);
            }
        }

        // ---- core types

        // core:type
        void coreType(CoreType t) {
            if (t instanceof CoreType.Module m) {
                w.u8(0x50);
                vec(m.declarations(), this::moduleDecl);
            } else if (t instanceof CoreType.RecGroup g) {
                if (g.explicit()) {
                    w.u8(0x4e);
                    vec(g.types(), this::subType);
                } else {
                    CoreType.SubType st = g.types().get(0);
                    if (st.prefixed() && !st.isFinal()) {
                        w.u8(0x00); // the 0x00 0x50 form of Binary.md
                    }
                    subType(st);
                }
            } else {
                throw new IllegalStateException("unknown core type " + t);
            }
        }

        // core:subtype
        void subType(CoreType.SubType st) {
            if (st.prefixed()) {
                w.u8(st.isFinal() ? 0x4f : 0x50);
                vec(st.supertypes(), w::u32);
            }
            compType(st.type());
        }

        // core:comptype
        void compType(CoreType.CompType ct) {
            if (ct instanceof CoreType.CompType.Func f) {
                w.u8(0x60);
                vec(f.params(), this::coreValType);
                vec(f.results(), this::coreValType);
            } else if (ct instanceof CoreType.CompType.Struct s) {
                w.u8(0x5f);
                vec(s.fields(), this::fieldType);
            } else if (ct instanceof CoreType.CompType.Array a) {
                w.u8(0x5e);
                fieldType(a.element());
            } else if (ct instanceof CoreType.CompType.Cont c) {
                w.u8(0x5d);
                w.u32(c.funcType());
            } else if (ct instanceof CoreType.CompType.Shared s) {
                w.u8(0x65);
                compType(s.type());
            } else {
                throw new IllegalStateException("unknown composite type " + ct);
            }
        }

        void fieldType(CoreType.FieldType f) {
            if (f.storage() instanceof CoreType.PackedType p) {
                w.u8(p.code());
            } else if (f.storage() instanceof CoreType.ValType v) {
                coreValType(v);
            } else {
                throw new IllegalStateException("unknown storage type " + f.storage());
            }
            w.bool(f.mutable());
        }

        // core:valtype
        void coreValType(CoreType.ValType v) {
            if (v instanceof CoreType.NumType n) {
                w.u8(n.code());
            } else if (v instanceof CoreType.RefType r) {
                refType(r);
            } else {
                throw new IllegalStateException("unknown core value type " + v);
            }
        }

        // core:reftype
        void refType(CoreType.RefType r) {
            if (!r.shorthand()) {
                w.u8(r.nullable() ? 0x63 : 0x64);
            }
            heapType(r.heap());
        }

        // core:heaptype
        void heapType(CoreType.HeapType h) {
            if (h instanceof CoreType.AbstractHeap a) {
                if (a.shared()) {
                    w.u8(0x65);
                }
                w.u8(a.code());
            } else if (h instanceof CoreType.ConcreteHeap c) {
                w.signed(Integer.toUnsignedLong(c.index()));
            } else {
                throw new IllegalStateException("unknown heap type " + h);
            }
        }

        // core:moduledecl
        void moduleDecl(CoreType.ModuleDecl d) {
            if (d instanceof CoreType.ModuleDecl.Import i) {
                w.u8(0x00);
                w.name(i.module());
                w.name(i.name());
                coreExternType(i.type());
            } else if (d instanceof CoreType.ModuleDecl.Type t) {
                w.u8(0x01);
                coreType(t.type());
            } else if (d instanceof CoreType.ModuleDecl.OuterAlias a) {
                w.u8(0x02);
                w.u8(0x10);
                w.u8(0x01);
                w.u32(a.count());
                w.u32(a.index());
            } else if (d instanceof CoreType.ModuleDecl.Export e) {
                w.u8(0x03);
                w.name(e.name());
                coreExternType(e.type());
            } else {
                throw new IllegalStateException("unknown module declaration " + d);
            }
        }

        // core:externtype
        void coreExternType(CoreType.ExternType t) {
            if (t instanceof CoreType.ExternType.Func f) {
                w.u8(0x00);
                w.u32(f.type());
            } else if (t instanceof CoreType.ExternType.Table tt) {
                w.u8(0x01);
                refType(tt.element());
                limits(tt.limits());
            } else if (t instanceof CoreType.ExternType.Memory m) {
                w.u8(0x02);
                limits(m.limits());
            } else if (t instanceof CoreType.ExternType.Global g) {
                w.u8(0x03);
                coreValType(g.type());
                w.u8((g.mutable() ? 1 : 0) | (g.shared() ? 2 : 0));
            } else if (t instanceof CoreType.ExternType.Tag tag) {
                w.u8(0x04);
                w.u8(0x00);
                w.u32(tag.type());
            } else {
                throw new IllegalStateException("unknown core extern type " + t);
            }
        }

        // core:limits
        void limits(CoreType.Limits l) {
            w.u8(l.flags());
            if (l.is64()) {
                w.u64(l.min());
            } else {
                w.u32((int) l.min());
            }
            if (l.max().isPresent()) {
                if (l.is64()) {
                    w.u64(l.max().getAsLong());
                } else {
                    w.u32((int) l.max().getAsLong());
                }
            }
            if (l.pageSizeLog2().isPresent()) {
                w.u32(l.pageSizeLog2().getAsInt());
            }
        }

        // ---- component types

        // type ::= deftype
        void typeDef(TypeDef t) {
            if (t instanceof DefinedType d) {
                definedType(d);
            } else if (t instanceof TypeDef.Func f) {
                w.u8(f.async() ? 0x43 : 0x40);
                vec(f.params(), this::field);
                resultList(f.result());
            } else if (t instanceof TypeDef.ComponentType c) {
                w.u8(0x41);
                vec(c.declarations(), this::declaration);
            } else if (t instanceof TypeDef.InstanceType i) {
                w.u8(0x42);
                vec(i.declarations(), this::declaration);
            } else if (t instanceof TypeDef.Resource r) {
                w.u8(0x3f);
                coreValType(r.rep());
                optional(r.destructor(), w::u32);
            } else {
                throw new IllegalStateException("unknown type " + t);
            }
        }

        // defvaltype
        void definedType(DefinedType d) {
            if (d instanceof PrimitiveType p) {
                w.u8(p.code());
            } else if (d instanceof DefinedType.Record r) {
                w.u8(0x72);
                vec(r.fields(), this::field);
            } else if (d instanceof DefinedType.Variant v) {
                w.u8(0x71);
                vec(v.cases(), c -> {
                    w.name(c.label());
                    optional(c.type(), this::valType);
                    w.u8(0x00);
                });
            } else if (d instanceof DefinedType.ListType l) {
                w.u8(0x70);
                valType(l.element());
            } else if (d instanceof DefinedType.FixedList l) {
                w.u8(0x67);
                valType(l.element());
                w.u32(l.length());
            } else if (d instanceof DefinedType.Tuple t) {
                w.u8(0x6f);
                vec(t.types(), this::valType);
            } else if (d instanceof DefinedType.Flags f) {
                w.u8(0x6e);
                vec(f.labels(), w::name);
            } else if (d instanceof DefinedType.Enum e) {
                w.u8(0x6d);
                vec(e.labels(), w::name);
            } else if (d instanceof DefinedType.Option o) {
                w.u8(0x6b);
                valType(o.type());
            } else if (d instanceof DefinedType.Result r) {
                w.u8(0x6a);
                optional(r.ok(), this::valType);
                optional(r.error(), this::valType);
            } else if (d instanceof DefinedType.Own o) {
                w.u8(0x69);
                w.u32(o.resource());
            } else if (d instanceof DefinedType.Borrow b) {
                w.u8(0x68);
                w.u32(b.resource());
            } else if (d instanceof DefinedType.Stream s) {
                w.u8(0x66);
                optional(s.element(), this::valType);
            } else if (d instanceof DefinedType.Future f) {
                w.u8(0x65);
                optional(f.element(), this::valType);
            } else if (d instanceof DefinedType.MapType m) {
                w.u8(0x63);
                valType(m.key());
                valType(m.value());
            } else {
                throw new IllegalStateException("unknown defined type " + d);
            }
        }

        // <T>? ::= 0x00 | 0x01 t
        private <T> void optional(Optional<T> o, ItemWriter<T> item) {
            if (o.isPresent()) {
                w.u8(0x01);
                item.write(o.get());
            } else {
                w.u8(0x00);
            }
        }

        // labelvaltype
        void field(DefinedType.Field f) {
            w.name(f.label());
            valType(f.type());
        }

        // valtype
        void valType(ValType v) {
            if (v instanceof PrimitiveType p) {
                w.u8(p.code());
            } else if (v instanceof ValType.Index i) {
                w.signed(Integer.toUnsignedLong(i.index()));
            } else {
                throw new IllegalStateException("unknown value type " + v);
            }
        }

        // resultlist
        void resultList(Optional<ValType> r) {
            if (r.isPresent()) {
                w.u8(0x00);
                valType(r.get());
            } else {
                w.u8(0x01);
                w.u8(0x00);
            }
        }

        // componentdecl / instancedecl
        void declaration(Declaration d) {
            if (d instanceof Declaration.CoreTypeDecl c) {
                w.u8(0x00);
                coreType(c.type());
            } else if (d instanceof Declaration.TypeDecl t) {
                w.u8(0x01);
                typeDef(t.type());
            } else if (d instanceof Declaration.AliasDecl a) {
                w.u8(0x02);
                alias(a.alias());
            } else if (d instanceof Declaration.Import i) {
                w.u8(0x03);
                externName(i.name());
                externType(i.type());
            } else if (d instanceof Declaration.Export e) {
                w.u8(0x04);
                externName(e.name());
                externType(e.type());
            } else {
                throw new IllegalStateException("unknown declaration " + d);
            }
        }

        // externtype
        void externType(ExternType t) {
            if (t instanceof ExternType.CoreModule m) {
                w.u8(0x00);
                w.u8(0x11);
                w.u32(m.coreType());
            } else if (t instanceof ExternType.Func f) {
                w.u8(0x01);
                w.u32(f.type());
            } else if (t instanceof ExternType.Value v) {
                w.u8(0x02);
                if (v.bound() instanceof ExternType.ValueBound.Eq eq) {
                    w.u8(0x00);
                    w.u32(eq.value());
                } else if (v.bound() instanceof ExternType.ValueBound.Of of) {
                    w.u8(0x01);
                    valType(of.type());
                } else {
                    throw new IllegalStateException("unknown value bound " + v.bound());
                }
            } else if (t instanceof ExternType.Type tt) {
                w.u8(0x03);
                if (tt.bound() instanceof ExternType.TypeBound.Eq eq) {
                    w.u8(0x00);
                    w.u32(eq.type());
                } else if (tt.bound() instanceof ExternType.TypeBound.SubResource) {
                    w.u8(0x01);
                } else {
                    throw new IllegalStateException("unknown type bound " + tt.bound());
                }
            } else if (t instanceof ExternType.Component c) {
                w.u8(0x04);
                w.u32(c.type());
            } else if (t instanceof ExternType.Instance i) {
                w.u8(0x05);
                w.u32(i.type());
            } else {
                throw new IllegalStateException("unknown extern type " + t);
            }
        }

        // nameattributes
        void externName(ExternName n) {
            w.u8(n.form().code());
            w.name(n.name());
            if (n.form() == ExternName.Form.ATTRIBUTED) {
                vec(n.attributes(), a -> {
                    if (a instanceof ExternName.Attribute.Implements x) {
                        w.u8(0x00);
                        w.name(x.interfaceName());
                    } else if (a instanceof ExternName.Attribute.VersionSuffix x) {
                        w.u8(0x01);
                        w.name(x.suffix());
                    } else if (a instanceof ExternName.Attribute.ExternalId x) {
                        w.u8(0x02);
                        w.name(x.id());
                    } else {
                        throw new IllegalStateException("unknown attribute " + a);
                    }
                });
            }
        }

        // ---- canon

        // canon
        void canon(Canon c) {
            if (c instanceof Canon.Lift x) {
                w.u8(0x00);
                w.u8(0x00);
                w.u32(x.coreFunc());
                opts(x.opts());
                w.u32(x.type());
            } else if (c instanceof Canon.Lower x) {
                w.u8(0x01);
                w.u8(0x00);
                w.u32(x.func());
                opts(x.opts());
            } else if (c instanceof Canon.ResourceNew x) {
                op(0x02, x.resource());
            } else if (c instanceof Canon.ResourceDrop x) {
                op(0x03, x.resource());
            } else if (c instanceof Canon.ResourceRep x) {
                op(0x04, x.resource());
            } else if (c instanceof Canon.BackpressureInc) {
                w.u8(0x24);
            } else if (c instanceof Canon.BackpressureDec) {
                w.u8(0x25);
            } else if (c instanceof Canon.TaskReturn x) {
                w.u8(0x09);
                resultList(x.result());
                opts(x.opts());
            } else if (c instanceof Canon.TaskCancel) {
                w.u8(0x05);
            } else if (c instanceof Canon.ContextGet x) {
                w.u8(0x0a);
                coreValType(x.type());
                w.u32(x.index());
            } else if (c instanceof Canon.ContextSet x) {
                w.u8(0x0b);
                coreValType(x.type());
                w.u32(x.index());
            } else if (c instanceof Canon.SubtaskCancel x) {
                flag(0x06, x.async());
            } else if (c instanceof Canon.SubtaskDrop) {
                w.u8(0x0d);
            } else if (c instanceof Canon.StreamNew x) {
                op(0x0e, x.type());
            } else if (c instanceof Canon.StreamRead x) {
                op(0x0f, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.StreamWrite x) {
                op(0x10, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.StreamCancelRead x) {
                op(0x11, x.type());
                w.bool(x.async());
            } else if (c instanceof Canon.StreamCancelWrite x) {
                op(0x12, x.type());
                w.bool(x.async());
            } else if (c instanceof Canon.StreamDropReadable x) {
                op(0x13, x.type());
            } else if (c instanceof Canon.StreamDropWritable x) {
                op(0x14, x.type());
            } else if (c instanceof Canon.FutureNew x) {
                op(0x15, x.type());
            } else if (c instanceof Canon.FutureRead x) {
                op(0x16, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.FutureWrite x) {
                op(0x17, x.type());
                opts(x.opts());
            } else if (c instanceof Canon.FutureCancelRead x) {
                op(0x18, x.type());
                w.bool(x.async());
            } else if (c instanceof Canon.FutureCancelWrite x) {
                op(0x19, x.type());
                w.bool(x.async());
            } else if (c instanceof Canon.FutureDropReadable x) {
                op(0x1a, x.type());
            } else if (c instanceof Canon.FutureDropWritable x) {
                op(0x1b, x.type());
            } else if (c instanceof Canon.ErrorContextNew x) {
                w.u8(0x1c);
                opts(x.opts());
            } else if (c instanceof Canon.ErrorContextDebugMessage x) {
                w.u8(0x1d);
                opts(x.opts());
            } else if (c instanceof Canon.ErrorContextDrop) {
                w.u8(0x1e);
            } else if (c instanceof Canon.WaitableSetNew) {
                w.u8(0x1f);
            } else if (c instanceof Canon.WaitableSetWait x) {
                flag(0x20, x.cancellable());
                w.u32(x.memory());
            } else if (c instanceof Canon.WaitableSetPoll x) {
                flag(0x21, x.cancellable());
                w.u32(x.memory());
            } else if (c instanceof Canon.WaitableSetDrop) {
                w.u8(0x22);
            } else if (c instanceof Canon.WaitableJoin) {
                w.u8(0x23);
            } else if (c instanceof Canon.ThreadIndex) {
                w.u8(0x26);
            } else if (c instanceof Canon.ThreadNewIndirect x) {
                op(0x27, x.coreFuncType());
                w.u32(x.table());
            } else if (c instanceof Canon.ThreadResumeLater) {
                w.u8(0x28);
            } else if (c instanceof Canon.ThreadSuspend x) {
                flag(0x29, x.cancellable());
            } else if (c instanceof Canon.ThreadYield x) {
                flag(0x0c, x.cancellable());
            } else if (c instanceof Canon.ThreadSuspendThenResume x) {
                flag(0x2a, x.cancellable());
            } else if (c instanceof Canon.ThreadYieldThenResume x) {
                flag(0x2b, x.cancellable());
            } else if (c instanceof Canon.ThreadSuspendThenPromote x) {
                flag(0x2c, x.cancellable());
            } else if (c instanceof Canon.ThreadYieldThenPromote x) {
                flag(0x2d, x.cancellable());
            } else if (c instanceof Canon.ThreadSpawnRef x) {
                flag(0x40, x.shared());
                w.u32(x.coreFuncType());
            } else if (c instanceof Canon.ThreadSpawnIndirect x) {
                flag(0x41, x.shared());
                w.u32(x.coreFuncType());
                w.u32(x.table());
            } else if (c instanceof Canon.ThreadAvailableParallelism x) {
                flag(0x42, x.shared());
            } else {
                throw new IllegalStateException("unknown canon " + c);
            }
        }

        private void op(int opcode, int index) {
            w.u8(opcode);
            w.u32(index);
        }

        private void flag(int opcode, boolean flag) {
            w.u8(opcode);
            w.bool(flag);
        }

        void opts(List<CanonOpt> opts) {
            vec(opts, o -> {
                if (o instanceof CanonOpt.StringEncoding e) {
                    w.u8(e.ordinal());
                } else if (o instanceof CanonOpt.Memory m) {
                    w.u8(0x03);
                    w.u32(m.memory());
                } else if (o instanceof CanonOpt.Realloc r) {
                    w.u8(0x04);
                    w.u32(r.func());
                } else if (o instanceof CanonOpt.PostReturn p) {
                    w.u8(0x05);
                    w.u32(p.func());
                } else if (o instanceof CanonOpt.Async) {
                    w.u8(0x06);
                } else if (o instanceof CanonOpt.Callback cb) {
                    w.u8(0x07);
                    w.u32(cb.func());
                } else {
                    throw new IllegalStateException("unknown canon option " + o);
                }
            });
        }

        // start ::= f arg* r
        void start(Start s) {
            w.u32(s.func());
            vec(s.args(), w::u32);
            w.u32(s.results());
        }

        // import ::= na et
        void importDef(Import i) {
            externName(i.name());
            externType(i.type());
        }

        // export ::= na si et?
        void exportDef(Export e) {
            externName(e.name());
            sortIndex(e.item());
            optional(e.type(), this::externType);
        }

        // value ::= t len v
        void value(Value v) {
            valType(v.type());
            w.u32(v.bytes().size());
            w.bytes(v.bytes());
        }
    }
}
