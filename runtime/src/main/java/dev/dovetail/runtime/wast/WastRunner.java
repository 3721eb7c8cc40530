package dev.dovetail.runtime.wast;

import dev.dovetail.component.ComponentFormatException;
import dev.dovetail.component.ComponentValidationException;
import dev.dovetail.runtime.ComponentFunction;
import dev.dovetail.runtime.ComponentInstance;
import dev.dovetail.runtime.ComponentLinkException;
import dev.dovetail.runtime.ComponentRuntime;
import dev.dovetail.runtime.ComponentTrapException;
import dev.dovetail.runtime.Linker;
import dev.dovetail.runtime.LoadedComponent;
import dev.dovetail.runtime.Val;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the JSON command scripts of the Component Model reference tests (the format of
 * {@code wasm-tools json-from-wast}, described in the suite's README) on one
 * {@link ComponentRuntime}. Each {@code assert_*} command becomes one {@link Outcome};
 * instantiation commands only set state (a failure there is recorded and makes the commands that
 * depend on it fail). {@code assert_invalid} and {@code assert_malformed} belong to the validator
 * and are only listed ({@link #skipped()}).
 *
 * <pre>{@code
 * WastRunner runner = new WastRunner(ComponentRuntime.create());
 * runner.run(Path.of("json/values/strings/strings.json"), "values/strings", Duration.ofSeconds(120));
 * long failed = runner.outcomes().stream().filter(o -> !o.passed()).count();
 * }</pre>
 *
 * <p>One script runs at a time; outcomes accumulate over the scripts run.
 */
public final class WastRunner {
    /** The kind of a counted case. */
    public enum Kind {
        /** {@code assert_return}. */
        RETURN,
        /** {@code assert_trap}. */
        TRAP,
        /** {@code assert_uninstantiable}. */
        UNINSTANTIABLE,
        /** {@code action}: a bare call, which passes unless it fails. */
        ACTION
    }

    /** One counted case: {@code id} is {@code <prefix>:<line>}; {@code detail} says why it failed. */
    public record Outcome(String id, Kind kind, boolean passed, String detail) {}

    private final ComponentRuntime runtime;
    private final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final List<String> skipped = new CopyOnWriteArrayList<>();

    public WastRunner(ComponentRuntime runtime) {
        this.runtime = runtime;
    }

    /** The outcomes so far, in script order (a read-only view). */
    public List<Outcome> outcomes() {
        return Collections.unmodifiableList(outcomes);
    }

    /** Commands that belong to the validator ({@code assert_invalid}, {@code assert_malformed}), and unknown ones. */
    public List<String> skipped() {
        return Collections.unmodifiableList(skipped);
    }

    /**
     * Runs one script ({@code json/<dir>/<stem>/<stem>.json}, its binaries beside it) in the
     * calling thread; guest code that loops runs until the thread is interrupted.
     *
     * @param idPrefix the prefix of the outcome ids, e.g. {@code values/strings}
     * @throws IOException if the script cannot be read
     * @throws IllegalArgumentException if the script is not JSON
     */
    public void run(Path script, String idPrefix) throws IOException {
        Json root = Json.parse(Files.readString(script, StandardCharsets.UTF_8));
        Path dir = script.toAbsolutePath().getParent();
        Map<String, LoadedComponent> definitions = new HashMap<>();
        Map<String, ComponentInstance> instances = new HashMap<>();
        Linker registered = runtime.linker();
        ComponentInstance current = null;
        String setupError = null;
        for (Json c : root.path("commands")) {
            String type = c.path("type").text();
            String id = idPrefix + ":" + c.path("line").asInt();
            switch (type) {
                case "component", "component_definition" -> {
                    try {
                        LoadedComponent lc = load(dir, c);
                        String name = c.path("name").text(null);
                        if (name != null) {
                            definitions.put(name, lc);
                        }
                        if (type.equals("component")) {
                            current = registered.instantiate(lc, name != null ? name : "root");
                            if (name != null) {
                                instances.put(name, current);
                            }
                        }
                        setupError = null;
                    } catch (RuntimeException | IOException e) {
                        current = null;
                        setupError = id + " " + type + ": " + e;
                    }
                }
                case "component_instance" -> {
                    String inst = c.path("instance").text(null);
                    LoadedComponent lc = definitions.get(c.path("component").text());
                    try {
                        if (lc == null) {
                            throw new IllegalStateException("no definition " + c.path("component"));
                        }
                        current = registered.instantiate(lc, inst != null ? inst : "root");
                        if (inst != null) {
                            instances.put(inst, current);
                        }
                        setupError = null;
                    } catch (RuntimeException e) {
                        current = null;
                        setupError = id + " component_instance: " + e;
                    }
                }
                case "register" -> {
                    String name = c.path("name").text(null);
                    ComponentInstance i = name != null ? instances.get(name) : current;
                    if (i != null) {
                        registered.instance(c.path("as").text(), i);
                    }
                }
                case "action", "assert_return", "assert_trap" -> {
                    Kind kind = switch (type) {
                        case "action" -> Kind.ACTION;
                        case "assert_return" -> Kind.RETURN;
                        default -> Kind.TRAP;
                    };
                    Json action = c.path("action");
                    ComponentInstance target = action.has("module") ? instances.get(action.path("module").text()) : current;
                    if (c.has("convert_error")) {
                        outcomes.add(new Outcome(id, kind, false, "not converted: " + c.path("convert_error").text()));
                    } else if (target == null) {
                        outcomes.add(new Outcome(id, kind, false, "no instance: " + setupError));
                    } else {
                        outcomes.add(invoke(id, kind, target, c));
                    }
                }
                case "assert_uninstantiable" -> {
                    try {
                        LoadedComponent lc = load(dir, c);
                        registered.instantiate(lc, "root");
                        outcomes.add(new Outcome(id, Kind.UNINSTANTIABLE, false, "instantiated"));
                    } catch (ComponentTrapException e) {
                        outcomes.add(new Outcome(id, Kind.UNINSTANTIABLE, true, e.getMessage()));
                    } catch (RuntimeException | IOException e) {
                        outcomes.add(new Outcome(id, Kind.UNINSTANTIABLE, false, String.valueOf(e)));
                    }
                }
                case "assert_invalid", "assert_malformed" -> skipped.add(id + " " + type);
                default -> skipped.add(id + " " + type + " (unknown command)");
            }
        }
    }

    /**
     * Runs one script in a thread of its own and interrupts it after {@code timeout}; a script
     * that does not finish in time adds a failed {@link Kind#ACTION} outcome {@code <prefix>:timeout}.
     *
     * @throws IOException if the script cannot be read
     */
    public void run(Path script, String idPrefix, Duration timeout) throws IOException {
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wast " + idPrefix);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<?> f = ex.submit(() -> {
                run(script, idPrefix);
                return null;
            });
            try {
                f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                outcomes.add(new Outcome(idPrefix + ":timeout", Kind.ACTION, false,
                        "script did not finish in " + timeout.toSeconds() + " s"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                f.cancel(true);
                throw new IllegalStateException("interrupted while running " + idPrefix, e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new UncheckedIOException(new IOException(cause));
            }
        } finally {
            ex.shutdownNow();
        }
    }

    private LoadedComponent load(Path dir, Json c) throws IOException {
        if (c.has("convert_error")) {
            throw new IllegalStateException("not converted: " + c.path("convert_error").text());
        }
        String file = c.has("binary_filename") ? c.path("binary_filename").text() : c.path("filename").text();
        if (!file.endsWith(".wasm")) {
            throw new IllegalStateException("no binary for " + file);
        }
        return runtime.load(Files.readAllBytes(dir.resolve(file)));
    }

    private Outcome invoke(String id, Kind kind, ComponentInstance target, Json c) {
        Json action = c.path("action");
        String field = action.path("field").text();
        Optional<Val> result;
        try {
            ComponentFunction f = target.func(field);
            List<Val> args = new ArrayList<>();
            for (Json a : action.path("args")) {
                args.add(toVal(a));
            }
            result = f.call(args);
        } catch (ComponentTrapException e) {
            if (kind == Kind.TRAP) {
                String text = c.path("text").text();
                boolean wording = e.getMessage().contains(text);
                boolean reason = expectedReason(text).map(r -> r == e.reason())
                        .orElse(e.reason() != ComponentTrapException.Reason.UNSUPPORTED);
                return new Outcome(id, kind, wording || reason,
                        (wording ? "" : "[other wording; expected \"" + text + "\"] ") + e.getMessage());
            }
            return new Outcome(id, kind, false, "trapped: " + e.getMessage());
        } catch (ComponentFormatException | ComponentValidationException | ComponentLinkException e) {
            return new Outcome(id, kind, false, String.valueOf(e));
        } catch (RuntimeException e) {
            return new Outcome(id, kind, false, "error: " + e);
        }
        if (kind == Kind.TRAP) {
            return new Outcome(id, kind, false, "returned " + result);
        }
        if (kind == Kind.ACTION) {
            return new Outcome(id, kind, true, "");
        }
        Json expected = c.path("expected");
        List<Val> actual = result.map(List::of).orElse(List.of());
        if (expected.size() != actual.size()) {
            return new Outcome(id, kind, false, "expected " + expected + " but got " + actual);
        }
        for (int i = 0; i < actual.size(); i++) {
            if (!matches(expected.get(i), actual.get(i))) {
                return new Outcome(id, kind, false, "expected " + expected + " but got " + actual);
            }
        }
        return new Outcome(id, kind, true, "");
    }

    /**
     * The reason a trap message of the reference runner (Wasmtime's wording) stands for; a trap
     * whose message differs counts only if its reason is this one (unknown wording: any trap but
     * {@link ComponentTrapException.Reason#UNSUPPORTED}).
     */
    static Optional<ComponentTrapException.Reason> expectedReason(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        ComponentTrapException.Reason r;
        if (t.contains("cannot leave")) {
            r = ComponentTrapException.Reason.CANNOT_LEAVE;
        } else if (t.contains("cannot enter") || t.contains("reenter")) {
            r = ComponentTrapException.Reason.CANNOT_ENTER;
        } else if (t.contains("unaligned") || t.contains("not aligned")) {
            r = ComponentTrapException.Reason.UNALIGNED_POINTER;
        } else if (t.contains("out-of-bounds") || t.contains("out of bounds") || t.contains("beyond end")) {
            r = ComponentTrapException.Reason.OUT_OF_BOUNDS;
        } else if (t.contains("discriminant")) {
            r = ComponentTrapException.Reason.INVALID_DISCRIMINANT;
        } else if (t.contains("`char`")) {
            r = ComponentTrapException.Reason.INVALID_CHAR;
        } else if (t.contains("utf-8") || t.contains("utf-16") || t.contains("utf8")) {
            r = ComponentTrapException.Reason.INVALID_STRING;
        } else if (t.contains("unknown handle")) {
            r = ComponentTrapException.Reason.UNKNOWN_HANDLE;
        } else if (t.contains("wrong type")) {
            r = ComponentTrapException.Reason.WRONG_HANDLE_TYPE;
        } else if (t.contains("while borrowed")) {
            r = ComponentTrapException.Reason.HANDLE_LENT;
        } else if (t.contains("unreachable")) {
            r = ComponentTrapException.Reason.CORE_TRAP;
        } else {
            return Optional.empty();
        }
        return Optional.of(r);
    }

    // ------------------------------------------------------------------ values

    /** A JSON value (json-from-wast format) as a {@link Val}. */
    static Val toVal(Json v) {
        String type = v.path("type").text();
        Json x = v.path("value");
        return switch (type) {
            case "bool" -> new Val.Bool(x.bool());
            case "s8" -> new Val.S8((byte) Long.parseLong(x.text()));
            case "u8" -> new Val.U8(Integer.parseInt(x.text()));
            case "s16" -> new Val.S16((short) Long.parseLong(x.text()));
            case "u16" -> new Val.U16(Integer.parseInt(x.text()));
            case "s32", "i32" -> new Val.S32((int) Long.parseLong(x.text()));
            case "u32" -> new Val.U32(Long.parseLong(x.text()));
            case "s64", "i64" -> new Val.S64(Long.parseLong(x.text()));
            case "u64" -> new Val.U64(Long.parseUnsignedLong(x.text()));
            case "f32" -> new Val.F32(Float.intBitsToFloat((int) Long.parseLong(x.text())));
            case "f64" -> new Val.F64(Double.longBitsToDouble(Long.parseUnsignedLong(x.text())));
            case "char" -> new Val.Char(x.text().codePointAt(0));
            case "string" -> new Val.Str(x.text());
            case "list" -> new Val.List(vals(x));
            case "tuple" -> new Val.Tuple(vals(x));
            case "record" -> {
                List<Val.Field> fs = new ArrayList<>();
                for (Json f : x) {
                    fs.add(new Val.Field(f.get(0).text(), toVal(f.get(1))));
                }
                yield new Val.Record(fs);
            }
            case "variant" -> new Val.Variant(
                    x.path("case").text(), x.has("payload") && !x.get("payload").isNull()
                            ? Optional.of(toVal(x.get("payload")))
                            : Optional.empty());
            case "enum" -> new Val.Enum(x.text());
            case "option" -> new Val.Option(x.isNull() ? Optional.empty() : Optional.of(toVal(x)));
            case "result" -> {
                boolean ok = x.has("Ok");
                Json p = ok ? x.get("Ok") : x.get("Err");
                yield new Val.Result(ok, p.isMissing() || p.isNull() ? Optional.empty() : Optional.of(toVal(p)));
            }
            case "flags" -> {
                Set<String> s = new LinkedHashSet<>();
                for (Json f : x) {
                    s.add(f.text());
                }
                yield new Val.Flags(s);
            }
            default -> throw new IllegalArgumentException("value type " + type + " not supported by the runner");
        };
    }

    private static List<Val> vals(Json array) {
        List<Val> out = new ArrayList<>();
        for (Json e : array) {
            out.add(toVal(e));
        }
        return out;
    }

    /** Whether an actual result matches an expected JSON value; NaN patterns are matched as wast does. */
    static boolean matches(Json expected, Val actual) {
        String type = expected.path("type").text();
        Json x = expected.path("value");
        if (type.equals("f32") && actual instanceof Val.F32 f && x.text().startsWith("nan:")) {
            int bits = Float.floatToRawIntBits(f.value());
            return x.text().equals("nan:canonical") ? (bits & 0x7fffffff) == 0x7fc00000 : Float.isNaN(f.value());
        }
        if (type.equals("f64") && actual instanceof Val.F64 f && x.text().startsWith("nan:")) {
            long bits = Double.doubleToRawLongBits(f.value());
            return x.text().equals("nan:canonical")
                    ? (bits & 0x7fffffffffffffffL) == 0x7ff8000000000000L
                    : Double.isNaN(f.value());
        }
        if (type.equals("list") && actual instanceof Val.List l) {
            return all(x, l.values());
        }
        if (type.equals("tuple") && actual instanceof Val.Tuple t) {
            return all(x, t.values());
        }
        if (type.equals("record") && actual instanceof Val.Record r) {
            if (x.size() != r.fields().size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                Val.Field f = r.fields().get(i);
                if (!x.get(i).get(0).text().equals(f.name()) || !matches(x.get(i).get(1), f.value())) {
                    return false;
                }
            }
            return true;
        }
        if (type.equals("variant") && actual instanceof Val.Variant v) {
            boolean hasPayload = x.has("payload") && !x.get("payload").isNull();
            return x.path("case").text().equals(v.caseName()) && hasPayload == v.payload().isPresent()
                    && (!hasPayload || matches(x.get("payload"), v.payload().get()));
        }
        if (type.equals("option") && actual instanceof Val.Option o) {
            return x.isNull() ? o.value().isEmpty() : o.value().isPresent() && matches(x, o.value().get());
        }
        if (type.equals("result") && actual instanceof Val.Result r) {
            boolean ok = x.has("Ok");
            Json p = ok ? x.get("Ok") : x.get("Err");
            boolean hasPayload = !p.isMissing() && !p.isNull();
            return ok == r.isOk() && hasPayload == r.payload().isPresent()
                    && (!hasPayload || matches(p, r.payload().get()));
        }
        try {
            return toVal(expected).equals(actual);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean all(Json expected, List<Val> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        Iterator<Json> it = expected.iterator();
        for (Val a : actual) {
            if (!matches(it.next(), a)) {
                return false;
            }
        }
        return true;
    }
}
