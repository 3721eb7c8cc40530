package dev.dovetail.component;

import dev.dovetail.component.ValidatorTypes.AnyT;
import dev.dovetail.component.ValidatorTypes.BorrowT;
import dev.dovetail.component.ValidatorTypes.Case;
import dev.dovetail.component.ValidatorTypes.CompT;
import dev.dovetail.component.ValidatorTypes.ComponentE;
import dev.dovetail.component.ValidatorTypes.CoreExtern;
import dev.dovetail.component.ValidatorTypes.DefT;
import dev.dovetail.component.ValidatorTypes.Entity;
import dev.dovetail.component.ValidatorTypes.EnumT;
import dev.dovetail.component.ValidatorTypes.Field;
import dev.dovetail.component.ValidatorTypes.FixedListT;
import dev.dovetail.component.ValidatorTypes.FlagsT;
import dev.dovetail.component.ValidatorTypes.FuncE;
import dev.dovetail.component.ValidatorTypes.FuncT;
import dev.dovetail.component.ValidatorTypes.FutureT;
import dev.dovetail.component.ValidatorTypes.ImportKey;
import dev.dovetail.component.ValidatorTypes.InstT;
import dev.dovetail.component.ValidatorTypes.InstanceE;
import dev.dovetail.component.ValidatorTypes.ListT;
import dev.dovetail.component.ValidatorTypes.MapT;
import dev.dovetail.component.ValidatorTypes.ModuleE;
import dev.dovetail.component.ValidatorTypes.ModuleT;
import dev.dovetail.component.ValidatorTypes.OptionT;
import dev.dovetail.component.ValidatorTypes.OwnT;
import dev.dovetail.component.ValidatorTypes.Param;
import dev.dovetail.component.ValidatorTypes.PrimT;
import dev.dovetail.component.ValidatorTypes.RecordT;
import dev.dovetail.component.ValidatorTypes.Res;
import dev.dovetail.component.ValidatorTypes.ResT;
import dev.dovetail.component.ValidatorTypes.ResultT;
import dev.dovetail.component.ValidatorTypes.StreamT;
import dev.dovetail.component.ValidatorTypes.TupleT;
import dev.dovetail.component.ValidatorTypes.TypeE;
import dev.dovetail.component.ValidatorTypes.ValueE;
import dev.dovetail.component.ValidatorTypes.VariantT;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Type checking (Explainer.md, Type Checking): subtyping of component, instance, module and
 * function types, structural equality of value types, and the resource substitution that
 * instantiation performs (Binary.md: "after each individual type-import is supplied via
 * {@code with}, the actual type supplied is immediately substituted for all uses of the import").
 *
 * <p>Like the reference implementation, value types and function types are compared for
 * equality (no width subtyping); only instance, component and module types use "export more,
 * import less" subtyping.
 */
final class Subtyping {
    private Subtyping() {}

    enum Kind {
        IMPORT("import"),
        EXPORT("export");

        final String desc;

        Kind(String desc) {
            this.desc = desc;
        }
    }

    // ---------------------------------------------------------------- subtyping

    /** Checks that an item of type {@code a} may be used where {@code b} is expected. */
    static void entity(Entity a, Entity b) {
        if (b instanceof ModuleE mb) {
            if (!(a instanceof ModuleE ma)) {
                throw kind(a, b);
            }
            module(ma.type(), mb.type());
        } else if (b instanceof FuncE fb) {
            if (!(a instanceof FuncE fa)) {
                throw kind(a, b);
            }
            func(fa.type(), fb.type());
        } else if (b instanceof ValueE vb) {
            if (!(a instanceof ValueE va)) {
                throw kind(a, b);
            }
            value(va.type(), vb.type());
        } else if (b instanceof TypeE tb) {
            if (!(a instanceof TypeE ta)) {
                throw kind(a, b);
            }
            anyType(ta.referenced(), tb.referenced());
        } else if (b instanceof InstanceE ib) {
            if (!(a instanceof InstanceE ia)) {
                throw kind(a, b);
            }
            instance(ia.type(), ib.type());
        } else if (b instanceof ComponentE cb) {
            if (!(a instanceof ComponentE ca)) {
                throw kind(a, b);
            }
            component(ca.type(), cb.type());
        }
    }

    private static Invalid kind(Entity a, Entity b) {
        return new Invalid("expected " + b.desc() + ", found " + a.desc());
    }

    static void anyType(AnyT a, AnyT b) {
        if (b instanceof ResT rb) {
            if (!(a instanceof ResT ra)) {
                throw new Invalid("expected resource, found " + anyDesc(a));
            }
            if (ra.res() != rb.res()) {
                throw new Invalid("resource types are not the same (" + ra.res() + " vs. " + rb.res() + ")");
            }
        } else if (b instanceof DefT db) {
            if (!(a instanceof DefT da)) {
                throw new Invalid("expected defined type, found " + anyDesc(a));
            }
            value(da, db);
        } else if (b instanceof FuncT fb) {
            if (!(a instanceof FuncT fa)) {
                throw new Invalid("expected func type, found " + anyDesc(a));
            }
            func(fa, fb);
        } else if (b instanceof InstT ib) {
            if (!(a instanceof InstT ia)) {
                throw new Invalid("expected instance type, found " + anyDesc(a));
            }
            instance(ia, ib);
        } else if (b instanceof CompT cb) {
            if (!(a instanceof CompT ca)) {
                throw new Invalid("expected component type, found " + anyDesc(a));
            }
            component(ca, cb);
        }
    }

    private static String anyDesc(AnyT t) {
        return t instanceof DefT ? "defined type" : t.desc() + (t instanceof ResT ? "" : " type");
    }

    /** Component subtyping: accepts the supertype's imports, provides the supertype's exports. */
    static void component(CompT a, CompT b) {
        // b's imports must satisfy a's imports; this maps a's imported resources to b's
        Remap importMapping = openInstanceType(b.imports(), a, Kind.IMPORT);
        Map<String, Entity> aExports = new LinkedHashMap<>();
        for (Map.Entry<String, Entity> e : a.exports().entrySet()) {
            aExports.put(e.getKey(), remap(e.getValue(), importMapping));
        }
        // a's exports, so substituted, must satisfy b's exports
        openInstanceType(aExports, b, Kind.EXPORT);
    }

    /** Instance subtyping: every export of {@code b} must be exported by {@code a} with a subtype. */
    static void instance(InstT a, InstT b) {
        for (Map.Entry<String, Entity> e : b.exports().entrySet()) {
            Entity actual = a.exports().get(e.getKey());
            if (actual == null) {
                throw new Invalid("missing expected export `" + e.getKey() + "`");
            }
            try {
                entity(actual, e.getValue());
            } catch (Invalid x) {
                throw x.context("type mismatch in instance export `" + e.getKey() + "`");
            }
        }
    }

    /** Function types must be equal (the reference validator's conservative choice). */
    static void func(FuncT a, FuncT b) {
        if (a.async() != b.async()) {
            throw new Invalid("expected " + (b.async() ? "async" : "sync") + " function, found "
                    + (a.async() ? "async" : "sync") + " function");
        }
        if (a.params().size() != b.params().size()) {
            throw new Invalid("expected " + b.params().size() + " parameters, found " + a.params().size());
        }
        for (int i = 0; i < a.params().size(); i++) {
            Param pa = a.params().get(i);
            Param pb = b.params().get(i);
            if (!pa.name().equals(pb.name())) {
                throw new Invalid("expected parameter named `" + pb.name() + "`, found `" + pa.name() + "`");
            }
            try {
                value(pa.type(), pb.type());
            } catch (Invalid x) {
                throw x.context("type mismatch in function parameter `" + pa.name() + "`");
            }
        }
        if (a.result() != null && b.result() != null) {
            try {
                value(a.result(), b.result());
            } catch (Invalid x) {
                throw x.context("type mismatch with result type");
            }
        } else if (a.result() != null) {
            throw new Invalid("expected no result, found one");
        } else if (b.result() != null) {
            throw new Invalid("expected a result, found none");
        }
    }

    /** Module subtyping: imports contravariant (may import less), exports covariant. */
    static void module(ModuleT a, ModuleT b) {
        for (Map.Entry<ImportKey, CoreExtern> e : a.imports().entrySet()) {
            CoreExtern provided = b.imports().get(e.getKey());
            if (provided == null) {
                throw new Invalid("missing expected import `" + e.getKey() + "`");
            }
            try {
                CoreTypes.checkExtern(provided, e.getValue());
            } catch (Invalid x) {
                throw x.context("type mismatch in import `" + e.getKey() + "`");
            }
        }
        for (Map.Entry<String, CoreExtern> e : b.exports().entrySet()) {
            CoreExtern actual = a.exports().get(e.getKey());
            if (actual == null) {
                throw new Invalid("missing expected export `" + e.getKey() + "`");
            }
            try {
                CoreTypes.checkExtern(actual, e.getValue());
            } catch (Invalid x) {
                throw x.context("type mismatch in export `" + e.getKey() + "`");
            }
        }
    }

    /** Value types: structural equality; resources by identity. */
    static void value(DefT a, DefT b) {
        if (a == b) {
            return;
        }
        if (b instanceof PrimT pb) {
            if (!(a instanceof PrimT pa)) {
                throw new Invalid("expected " + (pb.inline() ? pb.kind() : "primitive") + ", found " + a.kind());
            }
            if (pa.prim() != pb.prim()) {
                throw new Invalid("expected primitive `" + pb.kind() + "` found primitive `" + pa.kind() + "`");
            }
            return;
        }
        if (a instanceof PrimT pa) {
            throw new Invalid("expected " + b.kind() + ", found " + pa.kind());
        }
        if (a.getClass() != b.getClass()) {
            throw new Invalid("expected " + b.kind() + ", found " + a.kind());
        }
        if (a instanceof RecordT ra) {
            RecordT rb = (RecordT) b;
            if (ra.fields().size() != rb.fields().size()) {
                throw new Invalid("expected " + rb.fields().size() + " fields, found " + ra.fields().size());
            }
            for (int i = 0; i < ra.fields().size(); i++) {
                Field fa = ra.fields().get(i);
                Field fb = rb.fields().get(i);
                if (!fa.name().equals(fb.name())) {
                    throw new Invalid("expected field name `" + fb.name() + "`, found `" + fa.name() + "`");
                }
                try {
                    value(fa.type(), fb.type());
                } catch (Invalid x) {
                    throw x.context("type mismatch in record field `" + fa.name() + "`");
                }
            }
        } else if (a instanceof VariantT va) {
            VariantT vb = (VariantT) b;
            if (va.cases().size() != vb.cases().size()) {
                throw new Invalid("expected " + vb.cases().size() + " cases, found " + va.cases().size());
            }
            for (int i = 0; i < va.cases().size(); i++) {
                Case ca = va.cases().get(i);
                Case cb = vb.cases().get(i);
                if (!ca.name().equals(cb.name())) {
                    throw new Invalid("expected case named `" + cb.name() + "`, found `" + ca.name() + "`");
                }
                if (ca.type() != null && cb.type() != null) {
                    try {
                        value(ca.type(), cb.type());
                    } catch (Invalid x) {
                        throw x.context("type mismatch in variant case `" + ca.name() + "`");
                    }
                } else if (cb.type() != null) {
                    throw new Invalid("expected case `" + ca.name() + "` to have a type, found none");
                } else if (ca.type() != null) {
                    throw new Invalid("expected case `" + ca.name() + "` to have no type");
                }
            }
        } else if (a instanceof ListT la) {
            value(la.element(), ((ListT) b).element());
        } else if (a instanceof FixedListT la) {
            FixedListT lb = (FixedListT) b;
            if (la.length() != lb.length()) {
                throw new Invalid("expected fixed size " + lb.length() + ", found size " + la.length());
            }
            value(la.element(), lb.element());
        } else if (a instanceof OptionT oa) {
            value(oa.type(), ((OptionT) b).type());
        } else if (a instanceof TupleT ta) {
            TupleT tb = (TupleT) b;
            if (ta.types().size() != tb.types().size()) {
                throw new Invalid("expected " + tb.types().size() + " types, found " + ta.types().size());
            }
            for (int i = 0; i < ta.types().size(); i++) {
                try {
                    value(ta.types().get(i), tb.types().get(i));
                } catch (Invalid x) {
                    throw x.context("type mismatch in tuple field " + i);
                }
            }
        } else if (a instanceof FlagsT fa) {
            if (!fa.names().equals(((FlagsT) b).names())) {
                throw new Invalid("mismatch in flags elements");
            }
        } else if (a instanceof EnumT ea) {
            if (!ea.names().equals(((EnumT) b).names())) {
                throw new Invalid("mismatch in enum elements");
            }
        } else if (a instanceof ResultT ra) {
            ResultT rb = (ResultT) b;
            optional(ra.ok(), rb.ok(), "ok type", "type mismatch in ok variant", "expected ok type, but found none",
                    "expected ok type to not be present");
            optional(ra.error(), rb.error(), "err type", "type mismatch in err variant",
                    "expected err type, but found none", "expected err type to not be present");
        } else if (a instanceof OwnT oa) {
            sameResource(oa.resource(), ((OwnT) b).resource());
        } else if (a instanceof BorrowT ba) {
            sameResource(ba.resource(), ((BorrowT) b).resource());
        } else if (a instanceof FutureT fa) {
            optional(fa.element(), ((FutureT) b).element(), "future type", "type mismatch in future",
                    "expected future type, but found none", "expected future type to not be present");
        } else if (a instanceof StreamT sa) {
            optional(sa.element(), ((StreamT) b).element(), "stream type", "type mismatch in stream",
                    "expected stream type, but found none", "expected stream type to not be present");
        } else if (a instanceof MapT ma) {
            MapT mb = (MapT) b;
            try {
                value(ma.key(), mb.key());
            } catch (Invalid x) {
                throw x.context("type mismatch in map key");
            }
            try {
                value(ma.value(), mb.value());
            } catch (Invalid x) {
                throw x.context("type mismatch in map value");
            }
        }
    }

    private static void optional(DefT a, DefT b, String what, String mismatch, String missing, String extra) {
        if (a != null && b != null) {
            try {
                value(a, b);
            } catch (Invalid x) {
                throw x.context(mismatch);
            }
        } else if (b != null) {
            throw new Invalid(missing);
        } else if (a != null) {
            throw new Invalid(extra);
        }
    }

    private static void sameResource(ResT a, ResT b) {
        if (a.res() != b.res()) {
            throw new Invalid("resource types are not the same");
        }
    }

    // ---------------------------------------------------------------- instantiation

    /**
     * Checks that the named items {@code args} satisfy the imports (or exports) of component type
     * {@code b}. First maps each abstract resource of {@code b} (imported, or defined for
     * exports) to the resource supplied at the same name path, then checks every item of {@code b}
     * with that substitution applied. Returns the substitution, including renamings of the types
     * of matched type imports (so the instance's export types can refer to the supplied types).
     */
    static Remap openInstanceType(Map<String, Entity> args, CompT b, Kind kind) {
        Map<String, Entity> entities = kind == Kind.IMPORT ? b.imports() : b.exports();
        Map<Res, List<Integer>> resources = kind == Kind.IMPORT ? b.imported() : b.defined();
        List<Map.Entry<String, Entity>> entityList = new ArrayList<>(entities.entrySet());
        Remap mapping = new Remap();
        outer:
        for (Map.Entry<Res, List<Integer>> r : resources.entrySet()) {
            List<Integer> path = r.getValue();
            Map.Entry<String, Entity> first = entityList.get(path.get(0));
            Entity ty = first.getValue();
            Entity arg = args.get(first.getKey());
            for (int p = 1; p < path.size(); p++) {
                InstT inst = ((InstanceE) ty).type();
                Map.Entry<String, Entity> next = new ArrayList<>(inst.exports().entrySet()).get(path.get(p));
                ty = next.getValue();
                if (!(arg instanceof InstanceE ai)) {
                    continue outer;
                }
                arg = ai.type().exports().get(next.getKey());
            }
            if (arg instanceof TypeE te && te.created() instanceof ResT rt) {
                mapping.resources.put(r.getKey(), rt.res());
            }
        }
        Map<AnyT, AnyT> renamings = new IdentityHashMap<>();
        for (Map.Entry<String, Entity> e : entityList) {
            Entity actual = args.get(e.getKey());
            if (actual == null) {
                throw new Invalid("missing " + kind.desc + " named `" + e.getKey() + "`");
            }
            mapping.types.clear();
            Entity expected = remap(e.getValue(), mapping);
            try {
                entity(actual, expected);
            } catch (Invalid x) {
                throw x.context("type mismatch for " + kind.desc + " `" + e.getKey() + "`");
            }
            registerRenamings(actual, expected, renamings);
        }
        mapping.types.clear();
        mapping.types.putAll(renamings);
        return mapping;
    }

    private static void registerRenamings(Entity actual, Entity expected, Map<AnyT, AnyT> renamings) {
        if (expected instanceof TypeE te && actual instanceof TypeE ta) {
            renamings.put(te.created(), ta.created());
        } else if (expected instanceof InstanceE ie && actual instanceof InstanceE ia) {
            for (Map.Entry<String, Entity> e : ie.type().exports().entrySet()) {
                Entity a = ia.type().exports().get(e.getKey());
                if (a != null) {
                    registerRenamings(a, e.getValue(), renamings);
                }
            }
        }
    }

    // ---------------------------------------------------------------- substitution

    /** A resource substitution plus a per-type memo (also holding explicit type renamings). */
    static final class Remap {
        final Map<Res, Res> resources = new HashMap<>();
        final Map<AnyT, AnyT> types = new IdentityHashMap<>();

        boolean isEmpty() {
            return resources.isEmpty() && types.isEmpty();
        }
    }

    static Entity remap(Entity e, Remap m) {
        if (m.isEmpty()) {
            return e;
        }
        if (e instanceof FuncE f) {
            FuncT t = (FuncT) remap(f.type(), m);
            return t == f.type() ? e : new FuncE(t);
        } else if (e instanceof ValueE v) {
            DefT t = (DefT) remap(v.type(), m);
            return t == v.type() ? e : new ValueE(t);
        } else if (e instanceof TypeE t) {
            AnyT referenced = remap(t.referenced(), m);
            AnyT created = t.referenced() == t.created() ? referenced : remap(t.created(), m);
            return referenced == t.referenced() && created == t.created() ? e : new TypeE(referenced, created);
        } else if (e instanceof InstanceE i) {
            InstT t = (InstT) remap(i.type(), m);
            return t == i.type() ? e : new InstanceE(t);
        } else if (e instanceof ComponentE c) {
            CompT t = (CompT) remap(c.type(), m);
            return t == c.type() ? e : new ComponentE(t);
        }
        return e; // modules cannot refer to resources
    }

    static AnyT remap(AnyT t, Remap m) {
        if (t == null || m.isEmpty()) {
            return t;
        }
        AnyT done = m.types.get(t);
        if (done != null) {
            return done;
        }
        AnyT out = remapUncached(t, m);
        m.types.put(t, out);
        return out;
    }

    private static DefT d(DefT t, Remap m) {
        return (DefT) remap(t, m);
    }

    private static AnyT remapUncached(AnyT t, Remap m) {
        if (t instanceof ResT r) {
            Res to = m.resources.get(r.res());
            return to == null ? r : new ResT(to);
        } else if (t instanceof PrimT || t instanceof FlagsT || t instanceof EnumT) {
            return t;
        } else if (t instanceof RecordT r) {
            List<Field> fields = new ArrayList<>();
            boolean changed = false;
            for (Field f : r.fields()) {
                DefT ft = d(f.type(), m);
                changed |= ft != f.type();
                fields.add(new Field(f.name(), ft));
            }
            return changed ? new RecordT(List.copyOf(fields), r.info()) : r;
        } else if (t instanceof VariantT v) {
            List<Case> cases = new ArrayList<>();
            boolean changed = false;
            for (Case c : v.cases()) {
                DefT ct = d(c.type(), m);
                changed |= ct != c.type();
                cases.add(new Case(c.name(), ct));
            }
            return changed ? new VariantT(List.copyOf(cases), v.info()) : v;
        } else if (t instanceof ListT l) {
            DefT e = d(l.element(), m);
            return e == l.element() ? l : new ListT(e, l.info());
        } else if (t instanceof FixedListT l) {
            DefT e = d(l.element(), m);
            return e == l.element() ? l : new FixedListT(e, l.length(), l.info());
        } else if (t instanceof TupleT tt) {
            List<DefT> ts = new ArrayList<>();
            boolean changed = false;
            for (DefT e : tt.types()) {
                DefT x = d(e, m);
                changed |= x != e;
                ts.add(x);
            }
            return changed ? new TupleT(List.copyOf(ts), tt.info()) : tt;
        } else if (t instanceof OptionT o) {
            DefT e = d(o.type(), m);
            return e == o.type() ? o : new OptionT(e, o.info());
        } else if (t instanceof ResultT r) {
            DefT ok = d(r.ok(), m);
            DefT err = d(r.error(), m);
            return ok == r.ok() && err == r.error() ? r : new ResultT(ok, err, r.info());
        } else if (t instanceof OwnT o) {
            ResT x = (ResT) remap(o.resource(), m);
            return x == o.resource() ? o : new OwnT(x, o.info());
        } else if (t instanceof BorrowT b) {
            ResT x = (ResT) remap(b.resource(), m);
            return x == b.resource() ? b : new BorrowT(x, b.info());
        } else if (t instanceof StreamT s) {
            DefT e = d(s.element(), m);
            return e == s.element() ? s : new StreamT(e, s.info());
        } else if (t instanceof FutureT f) {
            DefT e = d(f.element(), m);
            return e == f.element() ? f : new FutureT(e, f.info());
        } else if (t instanceof MapT mt) {
            DefT k = d(mt.key(), m);
            DefT v = d(mt.value(), m);
            return k == mt.key() && v == mt.value() ? mt : new MapT(k, v, mt.info());
        } else if (t instanceof FuncT f) {
            List<Param> params = new ArrayList<>();
            boolean changed = false;
            for (Param p : f.params()) {
                DefT x = d(p.type(), m);
                changed |= x != p.type();
                params.add(new Param(p.name(), x));
            }
            DefT result = d(f.result(), m);
            changed |= result != f.result();
            return changed ? new FuncT(f.async(), List.copyOf(params), result, f.info()) : f;
        } else if (t instanceof InstT i) {
            boolean[] changed = {false};
            Map<String, Entity> exports = remapAll(i.exports(), m, changed);
            List<Res> defined = new ArrayList<>();
            for (Res r : i.defined()) {
                Res x = m.resources.getOrDefault(r, r);
                changed[0] |= x != r;
                defined.add(x);
            }
            Map<Res, List<Integer>> explicit = remapKeys(i.explicit(), m, changed);
            return changed[0] ? new InstT(exports, List.copyOf(defined), explicit, i.info()) : i;
        } else if (t instanceof CompT c) {
            boolean[] changed = {false};
            Map<String, Entity> imports = remapAll(c.imports(), m, changed);
            Map<String, Entity> exports = remapAll(c.exports(), m, changed);
            Map<Res, List<Integer>> imported = remapKeys(c.imported(), m, changed);
            Map<Res, List<Integer>> defined = remapKeys(c.defined(), m, changed);
            Map<Res, List<Integer>> explicit = remapKeys(c.explicit(), m, changed);
            return changed[0] ? new CompT(imports, exports, imported, defined, explicit, c.info()) : c;
        }
        throw new IllegalStateException("unknown type " + t);
    }

    private static Map<String, Entity> remapAll(Map<String, Entity> items, Remap m, boolean[] changed) {
        LinkedHashMap<String, Entity> out = new LinkedHashMap<>();
        for (Map.Entry<String, Entity> e : items.entrySet()) {
            Entity x = remap(e.getValue(), m);
            changed[0] |= x != e.getValue();
            out.put(e.getKey(), x);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<Res, List<Integer>> remapKeys(Map<Res, List<Integer>> map, Remap m, boolean[] changed) {
        LinkedHashMap<Res, List<Integer>> out = new LinkedHashMap<>();
        for (Map.Entry<Res, List<Integer>> e : map.entrySet()) {
            Res x = m.resources.getOrDefault(e.getKey(), e.getKey());
            changed[0] |= x != e.getKey();
            out.put(x, e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    // ---------------------------------------------------------------- free resources

    /** The resources a type refers to that it does not itself bind (imports / defined resources). */
    static Set<Res> free(Entity e) {
        Set<Res> out = new LinkedHashSet<>();
        free(e, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    static Set<Res> free(AnyT t) {
        Set<Res> out = new LinkedHashSet<>();
        free(t, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void free(Entity e, Set<Res> out, Set<AnyT> seen) {
        if (e instanceof FuncE f) {
            free(f.type(), out, seen);
        } else if (e instanceof ValueE v) {
            free(v.type(), out, seen);
        } else if (e instanceof TypeE t) {
            free(t.created(), out, seen);
        } else if (e instanceof InstanceE i) {
            free(i.type(), out, seen);
        } else if (e instanceof ComponentE c) {
            free(c.type(), out, seen);
        }
    }

    private static void free(AnyT t, Set<Res> out, Set<AnyT> seen) {
        if (t == null) {
            return;
        }
        if (t instanceof ResT r) {
            out.add(r.res());
            return;
        }
        if (t instanceof InstT i) {
            // bound resources are removed, so this does not memoize
            Set<Res> inner = new LinkedHashSet<>();
            i.exports().values().forEach(e -> free(e, inner, Collections.newSetFromMap(new IdentityHashMap<>())));
            i.defined().forEach(inner::remove);
            out.addAll(inner);
            return;
        }
        if (t instanceof CompT c) {
            Set<Res> inner = new LinkedHashSet<>();
            c.imports().values().forEach(e -> free(e, inner, Collections.newSetFromMap(new IdentityHashMap<>())));
            c.exports().values().forEach(e -> free(e, inner, Collections.newSetFromMap(new IdentityHashMap<>())));
            c.imported().keySet().forEach(inner::remove);
            c.defined().keySet().forEach(inner::remove);
            out.addAll(inner);
            return;
        }
        if (!seen.add(t)) {
            return;
        }
        if (t instanceof FuncT f) {
            f.params().forEach(p -> free(p.type(), out, seen));
            free(f.result(), out, seen);
        } else if (t instanceof RecordT r) {
            r.fields().forEach(f -> free(f.type(), out, seen));
        } else if (t instanceof VariantT v) {
            v.cases().forEach(c -> free(c.type(), out, seen));
        } else if (t instanceof ListT l) {
            free(l.element(), out, seen);
        } else if (t instanceof FixedListT l) {
            free(l.element(), out, seen);
        } else if (t instanceof TupleT tt) {
            tt.types().forEach(x -> free(x, out, seen));
        } else if (t instanceof OptionT o) {
            free(o.type(), out, seen);
        } else if (t instanceof ResultT r) {
            free(r.ok(), out, seen);
            free(r.error(), out, seen);
        } else if (t instanceof OwnT o) {
            free(o.resource(), out, seen);
        } else if (t instanceof BorrowT b) {
            free(b.resource(), out, seen);
        } else if (t instanceof StreamT s) {
            free(s.element(), out, seen);
        } else if (t instanceof FutureT f) {
            free(f.element(), out, seen);
        } else if (t instanceof MapT mt) {
            free(mt.key(), out, seen);
            free(mt.value(), out, seen);
        }
    }
}
