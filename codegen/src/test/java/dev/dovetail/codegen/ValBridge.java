package dev.dovetail.codegen;

import dev.dovetail.runtime.Val;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.Type;
import dev.dovetail.wit.TypeDefKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts between {@link Val}s and the Java values of generated bindings, guided by the WIT
 * type (which tells a {@code u32} from an {@code s64}, both {@code long}) and, towards Java, by
 * the generic Java type of the parameter or component being filled. It follows the README's
 * type mapping, reading generated types by reflection: records by their components, variants by
 * the order of their permitted case records, enums by ordinal, flags by their {@code bits}, the
 * generated {@code Result} by its {@code Ok}/{@code Err} records and {@code TupleN} by its
 * components. Resources are not converted (the tests drive them by hand).
 */
final class ValBridge {
    private final Resolve resolve;

    ValBridge(Resolve resolve) {
        this.resolve = resolve;
    }

    private TypeDefKind kind(Type.Id id) {
        TypeDefKind k = resolve.type(id.index()).kind();
        while (k instanceof TypeDefKind.Alias a) {
            if (a.target() instanceof Type.Id next) {
                k = resolve.type(next.index()).kind();
            } else {
                return new TypeDefKind.Alias(a.target());
            }
        }
        return k;
    }

    /** The {@link Val} of the Java value {@code o} of WIT type {@code t}. */
    Val toVal(Object o, Type t) {
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> new Val.Bool((Boolean) o);
                case S8 -> new Val.S8((Byte) o);
                case U8 -> new Val.U8((Integer) o);
                case S16 -> new Val.S16((Short) o);
                case U16 -> new Val.U16((Integer) o);
                case S32 -> new Val.S32((Integer) o);
                case U32 -> new Val.U32((Long) o);
                case S64 -> new Val.S64((Long) o);
                case U64 -> new Val.U64((Long) o);
                case F32 -> new Val.F32((Float) o);
                case F64 -> new Val.F64((Double) o);
                case CHAR -> new Val.Char((Integer) o);
                case STRING -> new Val.Str((String) o);
                default -> throw new UnsupportedOperationException(p.toString());
            };
        }
        TypeDefKind k = kind((Type.Id) t);
        if (k instanceof TypeDefKind.Alias a) {
            return toVal(o, a.target());
        } else if (k instanceof TypeDefKind.Record r) {
            RecordComponent[] rc = o.getClass().getRecordComponents();
            List<Val.Field> fields = new ArrayList<>();
            for (int i = 0; i < r.fields().size(); i++) {
                fields.add(new Val.Field(r.fields().get(i).name(), toVal(get(rc[i], o), r.fields().get(i).type())));
            }
            return new Val.Record(fields);
        } else if (k instanceof TypeDefKind.Tuple tt) {
            RecordComponent[] rc = o.getClass().getRecordComponents();
            List<Val> vs = new ArrayList<>();
            for (int i = 0; i < tt.types().size(); i++) {
                vs.add(toVal(get(rc[i], o), tt.types().get(i)));
            }
            return new Val.Tuple(vs);
        } else if (k instanceof TypeDefKind.Variant v) {
            int index = caseIndex(o.getClass());
            TypeDefKind.Case c = v.cases().get(index);
            Optional<Val> payload = c.type() == null ? Optional.empty()
                    : Optional.of(toVal(get(o.getClass().getRecordComponents()[0], o), c.type()));
            return new Val.Variant(c.name(), payload);
        } else if (k instanceof TypeDefKind.Enum e) {
            return new Val.Enum(e.cases().get(((Enum<?>) o).ordinal()).name());
        } else if (k instanceof TypeDefKind.Flags f) {
            long bits = (Long) get(o.getClass().getRecordComponents()[0], o);
            Set<String> set = new LinkedHashSet<>();
            for (int i = 0; i < f.flags().size(); i++) {
                if ((bits & 1L << i) != 0) {
                    set.add(f.flags().get(i).name());
                }
            }
            return new Val.Flags(set);
        } else if (k instanceof TypeDefKind.Option opt) {
            return new Val.Option(((Optional<?>) o).map(x -> toVal(x, opt.type())));
        } else if (k instanceof TypeDefKind.Result r) {
            boolean ok = o.getClass().getSimpleName().equals("Ok");
            Type payloadType = ok ? r.ok() : r.err();
            Object payload = get(o.getClass().getRecordComponents()[0], o);
            return new Val.Result(ok, payloadType == null ? Optional.empty() : Optional.of(toVal(payload, payloadType)));
        } else if (k instanceof TypeDefKind.ListOf l) {
            return list(o, l.element());
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return list(o, l.element());
        } else if (k instanceof TypeDefKind.MapOf m) {
            List<Val> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                entries.add(new Val.Tuple(List.of(toVal(e.getKey(), m.key()), toVal(e.getValue(), m.value()))));
            }
            return new Val.List(entries);
        }
        throw new UnsupportedOperationException("no Val conversion for " + k);
    }

    private Val list(Object o, Type element) {
        List<Val> vs = new ArrayList<>();
        if (element == Type.Primitive.U8) {
            for (byte b : (byte[]) o) {
                vs.add(new Val.U8(b & 0xff));
            }
        } else {
            for (Object e : (List<?>) o) {
                vs.add(toVal(e, element));
            }
        }
        return new Val.List(vs);
    }

    /** The Java value, of generic type {@code jt}, of {@code v} of WIT type {@code t}. */
    Object toJava(Val v, Type t, java.lang.reflect.Type jt) {
        if (t instanceof Type.Primitive p) {
            return switch (p) {
                case BOOL -> ((Val.Bool) v).value();
                case S8 -> ((Val.S8) v).value();
                case U8 -> ((Val.U8) v).value();
                case S16 -> ((Val.S16) v).value();
                case U16 -> ((Val.U16) v).value();
                case S32 -> ((Val.S32) v).value();
                case U32 -> ((Val.U32) v).value();
                case S64 -> ((Val.S64) v).value();
                case U64 -> ((Val.U64) v).value();
                case F32 -> ((Val.F32) v).value();
                case F64 -> ((Val.F64) v).value();
                case CHAR -> ((Val.Char) v).codePoint();
                case STRING -> ((Val.Str) v).value();
                default -> throw new UnsupportedOperationException(p.toString());
            };
        }
        TypeDefKind k = kind((Type.Id) t);
        if (k instanceof TypeDefKind.Alias a) {
            return toJava(v, a.target(), jt);
        } else if (k instanceof TypeDefKind.Record r) {
            Class<?> c = raw(jt);
            RecordComponent[] rc = c.getRecordComponents();
            Val.Record rec = (Val.Record) v;
            Object[] args = new Object[rc.length];
            for (int i = 0; i < rc.length; i++) {
                TypeDefKind.Field f = r.fields().get(i);
                args[i] = toJava(rec.get(f.name()).orElseThrow(), f.type(), rc[i].getGenericType());
            }
            return construct(c, args);
        } else if (k instanceof TypeDefKind.Tuple tt) {
            Class<?> c = raw(jt);
            java.lang.reflect.Type[] targs = ((ParameterizedType) jt).getActualTypeArguments();
            List<Val> vs = ((Val.Tuple) v).values();
            Object[] args = new Object[vs.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = toJava(vs.get(i), tt.types().get(i), targs[i]);
            }
            return construct(c, args);
        } else if (k instanceof TypeDefKind.Variant var) {
            Val.Variant x = (Val.Variant) v;
            int index = -1;
            for (int i = 0; i < var.cases().size(); i++) {
                if (var.cases().get(i).name().equals(x.caseName())) {
                    index = i;
                }
            }
            Class<?> c = raw(jt).getPermittedSubclasses()[index];
            Type caseType = var.cases().get(index).type();
            if (caseType == null) {
                return construct(c);
            }
            return construct(c, toJava(x.payload().orElseThrow(), caseType, c.getRecordComponents()[0].getGenericType()));
        } else if (k instanceof TypeDefKind.Enum e) {
            String name = ((Val.Enum) v).caseName();
            for (int i = 0; i < e.cases().size(); i++) {
                if (e.cases().get(i).name().equals(name)) {
                    return raw(jt).getEnumConstants()[i];
                }
            }
            throw new IllegalArgumentException("no case " + name);
        } else if (k instanceof TypeDefKind.Flags f) {
            long bits = 0;
            for (int i = 0; i < f.flags().size(); i++) {
                if (((Val.Flags) v).set().contains(f.flags().get(i).name())) {
                    bits |= 1L << i;
                }
            }
            return construct(raw(jt), bits);
        } else if (k instanceof TypeDefKind.Option opt) {
            java.lang.reflect.Type inner = ((ParameterizedType) jt).getActualTypeArguments()[0];
            return ((Val.Option) v).value().map(x -> toJava(x, opt.type(), inner));
        } else if (k instanceof TypeDefKind.Result r) {
            Val.Result x = (Val.Result) v;
            java.lang.reflect.Type[] targs = ((ParameterizedType) jt).getActualTypeArguments();
            Type payloadType = x.isOk() ? r.ok() : r.err();
            Object payload = payloadType == null ? null
                    : toJava(x.payload().orElseThrow(), payloadType, targs[x.isOk() ? 0 : 1]);
            return construct(raw(jt).getPermittedSubclasses()[x.isOk() ? 0 : 1], payload);
        } else if (k instanceof TypeDefKind.ListOf l) {
            return javaList((Val.List) v, l.element(), jt);
        } else if (k instanceof TypeDefKind.FixedLengthList l) {
            return javaList((Val.List) v, l.element(), jt);
        } else if (k instanceof TypeDefKind.MapOf m) {
            java.lang.reflect.Type[] targs = ((ParameterizedType) jt).getActualTypeArguments();
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Val e : ((Val.List) v).values()) {
                List<Val> kv = ((Val.Tuple) e).values();
                out.put(toJava(kv.get(0), m.key(), targs[0]), toJava(kv.get(1), m.value(), targs[1]));
            }
            return out;
        }
        throw new UnsupportedOperationException("no Java conversion for " + k);
    }

    private Object javaList(Val.List v, Type element, java.lang.reflect.Type jt) {
        if (jt == byte[].class) {
            byte[] out = new byte[v.values().size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (byte) ((Val.U8) v.values().get(i)).value();
            }
            return out;
        }
        java.lang.reflect.Type inner = ((ParameterizedType) jt).getActualTypeArguments()[0];
        List<Object> out = new ArrayList<>();
        for (Val e : v.values()) {
            out.add(toJava(e, element, inner));
        }
        return out;
    }

    private static int caseIndex(Class<?> caseClass) {
        for (Class<?> i : caseClass.getInterfaces()) {
            Class<?>[] permitted = i.getPermittedSubclasses();
            if (permitted != null) {
                for (int n = 0; n < permitted.length; n++) {
                    if (permitted[n] == caseClass) {
                        return n;
                    }
                }
            }
        }
        throw new IllegalArgumentException(caseClass + " is not a case of a sealed interface");
    }

    static Class<?> raw(java.lang.reflect.Type jt) {
        return jt instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) jt;
    }

    private static Object get(RecordComponent c, Object o) {
        try {
            return c.getAccessor().invoke(o);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object construct(Class<?> c, Object... args) {
        RecordComponent[] rc = c.getRecordComponents();
        Class<?>[] types = new Class<?>[rc.length];
        for (int i = 0; i < rc.length; i++) {
            types[i] = rc[i].getType();
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + c.getName(), e);
        }
    }
}
