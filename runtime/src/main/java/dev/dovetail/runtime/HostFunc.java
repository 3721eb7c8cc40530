package dev.dovetail.runtime;

import dev.dovetail.runtime.ComponentTrapException.Reason;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** A {@link HostFunction} as a {@link FuncInst}, typed by the import it satisfies. */
final class HostFunc implements FuncInst {
    private final FuncType type;
    private final String name;
    private final HostFunction body;

    HostFunc(FuncType type, String name, HostFunction body) {
        if (body instanceof FlatHostFunction flat) {
            flat.checkType(type, name);
        }
        this.type = type;
        this.name = name;
        this.body = body;
    }

    HostFunction body() {
        return body;
    }

    @Override
    public FuncType type() {
        return type;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void invoke(Supplier<List<Val>> onStart, Consumer<List<Val>> onResolve, InstanceState caller) {
        List<Val> args = onStart.get();
        Optional<Val> result;
        try {
            result = body.call(args);
            if (result == null) {
                throw new IllegalStateException("host function returned null (use Optional.empty())");
            }
            if (result.isPresent() != type.result().isPresent()) {
                throw new IllegalStateException("host function " + name + " returned "
                        + (result.isPresent() ? "a value" : "no value") + " for type " + type);
            }
            result.ifPresent(v -> Values.check(v, type.result().get()));
        } catch (ComponentTrapException e) {
            throw e;
        } catch (RuntimeException e) {
            String at = caller == null ? "host" : caller.name;
            throw new ComponentTrapException(Reason.HOST_FAILURE, String.valueOf(e), at, name, e);
        }
        onResolve.accept(result.map(List::of).orElse(List.of()));
    }
}
