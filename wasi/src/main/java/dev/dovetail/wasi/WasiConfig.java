package dev.dovetail.wasi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a guest is granted: arguments, environment variables, standard streams, preopened
 * directories, clocks and randomness. Nothing is granted unless asked for: by default there are
 * no arguments, no environment, an empty stdin, discarded stdout and stderr, no directories, the
 * host's clocks and a secure random source. Immutable; made with {@link #builder()}.
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder()
 *         .args("app", "--verbose")
 *         .env("LANG", "C.UTF-8")
 *         .inheritStdio()
 *         .preopen(Path.of("data"), "/data", DirAccess.READ_WRITE)
 *         .build();
 * }</pre>
 */
public final class WasiConfig {
    private final List<String> args;
    private final Map<String, String> env;
    private final Optional<String> initialCwd;
    private final InputStream stdin;
    private final boolean stdinInherited;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final List<Preopen> preopens;
    private final WallClock wallClock;
    private final MonotonicClock monotonicClock;
    private final RandomSource random;
    private final RandomSource insecureRandom;

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.initialCwd = Optional.ofNullable(b.initialCwd);
        this.stdin = b.stdin;
        this.stdinInherited = b.stdinInherited;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.preopens = List.copyOf(b.preopens);
        this.wallClock = b.wallClock;
        this.monotonicClock = b.monotonicClock;
        this.random = b.random;
        this.insecureRandom = b.insecureRandom != null ? b.insecureRandom : b.random;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A configuration that grants nothing beyond the defaults. */
    public static WasiConfig empty() {
        return builder().build();
    }

    /** {@code wasi:cli/environment#get-arguments}; the first is, by convention, the program name. */
    public List<String> args() {
        return args;
    }

    /** {@code wasi:cli/environment#get-environment}, in insertion order. */
    public Map<String, String> env() {
        return env;
    }

    /** {@code wasi:cli/environment#initial-cwd}. */
    public Optional<String> initialCwd() {
        return initialCwd;
    }

    public InputStream stdin() {
        return stdin;
    }

    /** Whether stdin is the host process's ({@link System#in}). */
    public boolean stdinInherited() {
        return stdinInherited;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    public List<Preopen> preopens() {
        return preopens;
    }

    public WallClock wallClock() {
        return wallClock;
    }

    public MonotonicClock monotonicClock() {
        return monotonicClock;
    }

    /** The source of {@code wasi:random/random}. */
    public RandomSource random() {
        return random;
    }

    /** The source of {@code wasi:random/insecure} and {@code insecure-seed}. */
    public RandomSource insecureRandom() {
        return insecureRandom;
    }

    /** Collects a {@link WasiConfig}. Every method returns the builder. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String initialCwd;
        private InputStream stdin = InputStream.nullInputStream();
        private boolean stdinInherited;
        private OutputStream stdout = OutputStream.nullOutputStream();
        private OutputStream stderr = OutputStream.nullOutputStream();
        private final List<Preopen> preopens = new ArrayList<>();
        private WallClock wallClock = WallClock.system();
        private MonotonicClock monotonicClock = MonotonicClock.system();
        private RandomSource random = RandomSource.secure();
        private RandomSource insecureRandom;

        private Builder() {}

        /** Replaces the arguments; the first is, by convention, the program name. */
        public Builder args(String... args) {
            return args(Arrays.asList(args));
        }

        /** Replaces the arguments. */
        public Builder args(List<String> args) {
            args.forEach(Objects::requireNonNull);
            this.args.clear();
            this.args.addAll(args);
            return this;
        }

        /** Adds one argument. */
        public Builder arg(String arg) {
            args.add(Objects.requireNonNull(arg));
            return this;
        }

        /** Sets one environment variable. */
        public Builder env(String name, String value) {
            checkName(name);
            env.put(name, Objects.requireNonNull(value));
            return this;
        }

        /** Sets environment variables. */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /** Passes every variable of the host process's environment (sorted by name). */
        public Builder inheritEnv() {
            new TreeMap<>(System.getenv()).forEach(this::env);
            return this;
        }

        /** Passes the named variables of the host process's environment, those that are set. */
        public Builder inheritEnv(String... names) {
            for (String name : names) {
                String value = System.getenv(name);
                if (value != null) {
                    env(name, value);
                }
            }
            return this;
        }

        private static void checkName(String name) {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("not an environment variable name: \"" + name + "\"");
            }
        }

        /** {@code initial-cwd}: the guest's starting directory, a guest path (none by default). */
        public Builder initialCwd(String cwd) {
            this.initialCwd = Objects.requireNonNull(cwd);
            return this;
        }

        /** The guest reads its stdin from {@code in} (read on demand; not closed by the host). */
        public Builder stdin(InputStream in) {
            this.stdin = Objects.requireNonNull(in);
            this.stdinInherited = false;
            return this;
        }

        /** The guest reads these bytes from stdin. */
        public Builder stdin(byte[] bytes) {
            return stdin(new ByteArrayInputStream(bytes.clone()));
        }

        /** The guest reads the host process's stdin. */
        public Builder inheritStdin() {
            this.stdin = System.in;
            this.stdinInherited = true;
            return this;
        }

        /** The guest's stdout goes to {@code out} (flushed when the guest flushes; never closed). */
        public Builder stdout(OutputStream out) {
            this.stdout = Objects.requireNonNull(out);
            return this;
        }

        /** The guest's stdout goes to the host process's ({@link System#out}). */
        public Builder inheritStdout() {
            return stdout(System.out);
        }

        /** The guest's stderr goes to {@code err} (flushed when the guest flushes; never closed). */
        public Builder stderr(OutputStream err) {
            this.stderr = Objects.requireNonNull(err);
            return this;
        }

        /** The guest's stderr goes to the host process's ({@link System#err}). */
        public Builder inheritStderr() {
            return stderr(System.err);
        }

        /** Stdin, stdout and stderr of the host process. */
        public Builder inheritStdio() {
            return inheritStdin().inheritStdout().inheritStderr();
        }

        /**
         * Grants a host directory as a preopen named {@code guestPath}.
         *
         * @throws IllegalArgumentException if {@code hostDir} is not a directory
         */
        public Builder preopen(Path hostDir, String guestPath, DirAccess access) {
            return preopen(new Preopen(hostDir, guestPath, access));
        }

        public Builder preopen(Preopen preopen) {
            if (!Files.isDirectory(preopen.hostDir())) {
                throw new IllegalArgumentException("preopen " + preopen.guestPath() + ": " + preopen.hostDir()
                        + " is not a directory");
            }
            preopens.add(preopen);
            return this;
        }

        public Builder wallClock(WallClock clock) {
            this.wallClock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder monotonicClock(MonotonicClock clock) {
            this.monotonicClock = Objects.requireNonNull(clock);
            return this;
        }

        /** The source of {@code wasi:random/random}, and of the insecure interfaces unless set apart. */
        public Builder random(RandomSource random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The source of {@code wasi:random/insecure} and {@code insecure-seed}. */
        public Builder insecureRandom(RandomSource random) {
            this.insecureRandom = Objects.requireNonNull(random);
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }
    }
}
