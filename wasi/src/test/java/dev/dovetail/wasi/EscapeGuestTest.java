package dev.dovetail.wasi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.dovetail.runtime.Engine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The probes try to escape ({@code probe escape /data /ro}): {@code ..} traversal, absolute paths,
 * symlinks out (absolute, relative, through a directory link), a symlink created to point out,
 * renames out, writes to a read-only preopen and an environment variable not granted. Every
 * attempt is denied and the host tree is unchanged. Attempts go through the guest's standard
 * library and also straight to {@code path_open} / {@code path_symlink} ("raw"), since Rust's and
 * Go's libraries refuse some paths themselves before the host sees them.
 */
class EscapeGuestTest {
    /** The lines both probes print: errors named after the preview1 errno ({@code perm} = not-permitted, {@code rofs} = read-only). */
    static final List<String> HOST_REFUSALS = List.of(
            "raw dotdot: denied (perm)",
            "raw nested dotdot: denied (perm)",
            "raw absolute: denied (perm)",
            "raw absolute create: denied (perm)",
            "symlink absolute: denied (perm)",
            "symlink relative: denied (perm)",
            "symlink dir: denied (perm)",
            "symlink write: denied (perm)",
            "symlink create: denied (perm)");

    static final List<String> READ_ONLY = List.of(
            "ro create: denied (rofs)",
            "ro overwrite: denied (rofs)",
            "ro append: denied (rofs)",
            "ro remove: denied (rofs)",
            "ro mkdir: denied (rofs)",
            "ro rename: denied (rofs)",
            "ro to rw rename: denied (rofs)",
            "env: denied (not set)",
            "ro read: read only",
            "rw read: inside",
            "rw read through a symlink: inside");

    /**
     * What each probe prints. Rust's library hands {@code /data/../x} to the host as {@code ../x}
     * relative to {@code /data}, which the host refuses ({@code perm}); it refuses an absolute path
     * under no preopen itself. Go's library cleans paths lexically first ({@code /data/../x} becomes
     * {@code /x}) and finds no preopen for them ({@code badf}).
     */
    static List<String> expected(Probe.Lang lang) {
        String lexical = switch (lang) {
            case RUST -> "perm";
            case GO -> "badf";
        };
        String absolute = switch (lang) {
            case RUST -> "Uncategorized";
            case GO -> "badf";
        };
        List<String> lines = new ArrayList<>();
        lines.add("dotdot read: denied (" + lexical + ")");
        lines.add("dotdot create: denied (" + lexical + ")");
        lines.add("dotdot mkdir: denied (" + lexical + ")");
        lines.add("absolute read: denied (" + absolute + ")");
        lines.addAll(HOST_REFUSALS);
        lines.add("rename out: denied (" + lexical + ")");
        lines.addAll(READ_ONLY);
        return lines;
    }

    @ParameterizedTest
    @EnumSource(Probe.Lang.class)
    void everyEscapeIsDeniedAndTheHostIsUnchanged(Probe.Lang lang, @TempDir Path dir) {
        EscapeFixture f = new EscapeFixture(dir);
        Map<String, String> before = f.snapshot();
        Probe.Output o = Probe.run(Engine.INTERPRETER, lang, List.of("probe", "escape", "/data", "/ro"),
                b -> f.grant(b.inheritEnv("HOME").env("GRANTED", "yes")));
        assertEquals(expected(lang), o.lines(), o.err());
        assertEquals(0, o.result().exitCode());
        assertEquals(before, f.snapshot(), "the host tree changed");
    }
}
