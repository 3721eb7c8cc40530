package dev.dovetail.wasi;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Resource;
import dev.dovetail.runtime.ResourceType;
import dev.dovetail.runtime.Val;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The WASI host functions of one context, called directly with {@link Val}s as the runtime would
 * call them for a guest (handles are the reps the host handed out), without a guest.
 */
final class Host implements AutoCloseable {
    final WasiContext cx;
    final HostInterfaces interfaces;

    Host(WasiConfig config) {
        this.cx = new WasiContext(config);
        this.interfaces = Wasi.interfaces(cx);
    }

    /** Calls {@code iface#func} (unversioned interface name); null when it returns nothing. */
    Val call(String iface, String func, Val... args) {
        Object def = interfaces.definition(iface, func);
        assertNotNull(def, iface + "#" + func + " is not defined");
        Optional<Val> r = ((HostFunction) def).call(Arrays.asList(args));
        return r.orElse(null);
    }

    /** {@code wasi:filesystem/types#[method]descriptor.<name>}. */
    Val fs(String method, Val... args) {
        return call("wasi:filesystem/types", "[method]descriptor." + method, args);
    }

    /** {@code wasi:io/streams#[method]<resource>.<name>}. */
    Val io(String resource, String method, Val... args) {
        return call("wasi:io/streams", "[method]" + resource + "." + method, args);
    }

    /** The preopened directories, as handed to the guest. */
    List<Val.Own> preopens() {
        List<Val.Own> out = new ArrayList<>();
        for (Val t : ((Val.List) call("wasi:filesystem/preopens", "get-directories")).values()) {
            out.add((Val.Own) ((Val.Tuple) t).values().get(0));
        }
        return out;
    }

    static Val.Borrow borrow(Val own) {
        Resource r = ((Val.Own) own).resource();
        return new Val.Borrow(r);
    }

    static Val.Borrow borrow(ResourceType type, int rep) {
        return new Val.Borrow(new Resource(type, rep));
    }

    /** The guest drops its handle (the runtime runs the host destructor). */
    static void drop(Val own) {
        ((Val.Own) own).resource().drop();
    }

    /** The {@code ok} payload of a {@code result}. */
    static Val ok(Val result) {
        Val.Result r = (Val.Result) result;
        assertTrue(r.isOk(), () -> "expected ok, got " + result);
        return r.payload().orElse(null);
    }

    /** The error case of a {@code result<_, error-code>} (or of any enum/variant error). */
    static String err(Val result) {
        Val.Result r = (Val.Result) result;
        assertFalse(r.isOk(), () -> "expected an error, got " + result);
        Val e = r.payload().orElseThrow();
        if (e instanceof Val.Enum en) {
            return en.caseName();
        }
        return ((Val.Variant) e).caseName();
    }

    /** {@code "ok"} or the error code. */
    static String outcome(Val result) {
        return ((Val.Result) result).isOk() ? "ok" : err(result);
    }

    static Val flags(String... labels) {
        return new Val.Flags(new LinkedHashSet<>(Arrays.asList(labels)));
    }

    static Val str(String s) {
        return new Val.Str(s);
    }

    static Val u64(long v) {
        return new Val.U64(v);
    }

    static Val bytes(byte[] b) {
        return V.bytes(b);
    }

    static byte[] bytesOf(Val list) {
        return V.bytesArg(list);
    }

    @Override
    public void close() {
        cx.close();
    }
}
