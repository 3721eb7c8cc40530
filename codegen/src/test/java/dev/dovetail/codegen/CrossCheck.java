package dev.dovetail.codegen;

import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentTrapException;
import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.Val;
import dev.dovetail.wit.Function;
import dev.dovetail.wit.Resolve;
import dev.dovetail.wit.WorldItem;
import dev.dovetail.wit.WorldKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The same calls of a component's exports made through its generated bindings (by reflection on
 * the generated classes, arguments converted by {@link ValBridge}) and through the {@code Val}
 * API, with results as {@link Val}s to compare value by value. Imports are served to both from one
 * Java implementation of the generated import interface: directly (through the generated glue)
 * on the typed side, and through {@link ValBridge} in {@code Val} host functions on the other;
 * each side logs what the component passed to the host, also as {@code Val}s.
 */
final class CrossCheck {
    /** One call: an export of {@code iface} (an interface name as exported, or null for the world) with arguments. */
    record Call(String iface, String function, List<Val> args) {
        @Override
        public String toString() {
            return (iface == null ? "" : iface + "#") + function + args;
        }
    }

    /** What a call gave: a result (empty for none), or the reason of a trap. */
    record Outcome(Optional<Val> result, String trap) {
        static Outcome of(Optional<Val> result) {
            return new Outcome(result, null);
        }

        static Outcome trapped(ComponentTrapException e) {
            return new Outcome(Optional.empty(), e.reason().name());
        }
    }

    /** One call of the host by the component: the import function and its arguments. */
    record HostCall(String function, List<Val> args) {}

    private final Resolve resolve;
    private final int world;
    private final ValBridge bridge;

    CrossCheck(Resolve resolve, int world) {
        this.resolve = resolve;
        this.world = world;
        this.bridge = new ValBridge(resolve);
    }

    /** The WIT function {@code name} of an exported or imported interface named {@code iface} (null: the world's own). */
    Function function(String iface, String name, boolean export) {
        Map<WorldKey, WorldItem> items = export ? resolve.world(world).exports() : resolve.world(world).imports();
        for (Map.Entry<WorldKey, WorldItem> e : items.entrySet()) {
            if (iface == null && e.getValue() instanceof WorldItem.FunctionItem f && f.function().name().equals(name)) {
                return f.function();
            }
            if (iface != null && e.getValue() instanceof WorldItem.InterfaceItem i
                    && iface.equals(resolve.interfaceName(i.interfaceId()))) {
                Function f = resolve.iface(i.interfaceId()).functions().get(name);
                if (f != null) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("no function " + name + " in " + iface);
    }

    /** The public method of {@code c} generated for WIT {@code name} (the name, maybe with a {@code _} escape). */
    static Method method(Class<?> c, String name, int params) {
        String base = Names.lowerCamel(name);
        for (Method m : c.getMethods()) {
            if (m.getParameterCount() == params && m.getName().replaceAll("_+$", "").equals(base)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no method for " + name + " in " + c.getName());
    }

    /** The accessor of the world class for an exported interface: {@code app.api()}. */
    static Object exportedInterface(Object bindings, String shortName) {
        return invoke(method(bindings.getClass(), shortName, 0), bindings);
    }

    /** Calls through the generated {@code bindings} (an instance of the world class). */
    List<Outcome> typed(Object bindings, List<Call> calls) {
        List<Outcome> out = new ArrayList<>();
        for (Call c : calls) {
            Function f = function(c.iface(), c.function(), true);
            Object target = c.iface() == null ? bindings
                    : exportedInterface(bindings, resolve.iface(interfaceId(c.iface())).name());
            Method m = method(target.getClass(), f.name(), f.params().size());
            Object[] args = new Object[f.params().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = bridge.toJava(c.args().get(i), f.params().get(i).type(), m.getGenericParameterTypes()[i]);
            }
            try {
                Object r = invoke(m, target, args);
                out.add(Outcome.of(f.result() == null ? Optional.empty() : Optional.of(bridge.toVal(r, f.result()))));
            } catch (ComponentTrapException e) {
                out.add(Outcome.trapped(e));
            }
        }
        return out;
    }

    /** The same calls through {@link ComponentFunction#call}. */
    static List<Outcome> dynamic(ComponentInstance instance, List<Call> calls) {
        List<Outcome> out = new ArrayList<>();
        for (Call c : calls) {
            ComponentFunction f = c.iface() == null ? instance.func(c.function()) : instance.func(c.iface(), c.function());
            try {
                out.add(Outcome.of(f.call(c.args())));
            } catch (ComponentTrapException e) {
                out.add(Outcome.trapped(e));
            }
        }
        return out;
    }

    /** One line per call whose outcomes differ or that trapped: empty when all is well. */
    static List<String> differences(List<Call> calls, List<Outcome> typed, List<Outcome> dynamic) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            if (!typed.get(i).equals(dynamic.get(i))) {
                out.add(i + " " + calls.get(i) + ": bindings " + typed.get(i) + ", Val API " + dynamic.get(i));
            } else if (typed.get(i).trap() != null) {
                out.add(i + " " + calls.get(i) + ": both trapped with " + typed.get(i).trap());
            }
        }
        return out;
    }

    private int interfaceId(String name) {
        for (int i = 0; i < resolve.interfaces().size(); i++) {
            if (name.equals(resolve.interfaceName(i))) {
                return i;
            }
        }
        throw new IllegalArgumentException("no interface " + name);
    }

    /**
     * {@code impl}, an implementation of the generated interface {@code api} of imported WIT
     * interface {@code iface}, wrapped to log each call's arguments into {@code log} (for the
     * typed side, where the generated glue lifts them).
     */
    Object logging(Class<?> api, String iface, Object impl, List<HostCall> log) {
        return Proxy.newProxyInstance(api.getClassLoader(), new Class<?>[] {api}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return invoke(m, impl, args);
            }
            Function f = importedFunction(iface, m);
            List<Val> vs = new ArrayList<>();
            for (int i = 0; i < f.params().size(); i++) {
                vs.add(bridge.toVal(args[i], f.params().get(i).type()));
            }
            log.add(new HostCall(f.name(), vs));
            return invoke(m, impl, args);
        });
    }

    private Function importedFunction(String iface, Method m) {
        for (Function f : resolve.iface(interfaceId(iface)).functions().values()) {
            if (f.kind().shape() == Function.Shape.FREESTANDING && f.params().size() == m.getParameterCount()
                    && m.getName().replaceAll("_+$", "").equals(Names.lowerCamel(f.name()))) {
                return f;
            }
        }
        throw new IllegalArgumentException("no WIT function for " + m);
    }

    /**
     * Defines every function of imported interface {@code iface} in {@code linker} as a {@code
     * Val} host function that converts its arguments to Java, calls {@code impl} (an implementation
     * of the generated interface {@code api}) and converts the result back, logging the arguments.
     */
    void defineDynamic(Linker linker, Class<?> api, String iface, Object impl, List<HostCall> log) {
        Linker ns = linker.instance(iface);
        for (Function f : resolve.iface(interfaceId(iface)).functions().values()) {
            Method m = method(api, f.name(), f.params().size());
            HostFunction body = args -> {
                log.add(new HostCall(f.name(), List.copyOf(args)));
                Object[] jargs = new Object[args.size()];
                for (int i = 0; i < jargs.length; i++) {
                    jargs[i] = bridge.toJava(args.get(i), f.params().get(i).type(), m.getGenericParameterTypes()[i]);
                }
                Object r = invoke(m, impl, jargs);
                return f.result() == null ? Optional.empty() : Optional.of(bridge.toVal(r, f.result()));
            };
            ns.func(f.name(), body);
        }
    }

    static Object invoke(Method m, Object target, Object... args) {
        try {
            return m.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
