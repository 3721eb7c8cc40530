package dev.dovetail.wasi;

import static dev.dovetail.wasi.Host.borrow;
import static dev.dovetail.wasi.Host.bytes;
import static dev.dovetail.wasi.Host.bytesOf;
import static dev.dovetail.wasi.Host.err;
import static dev.dovetail.wasi.Host.flags;
import static dev.dovetail.wasi.Host.ok;
import static dev.dovetail.wasi.Host.outcome;
import static dev.dovetail.wasi.Host.str;
import static dev.dovetail.wasi.Host.u64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.dovetail.runtime.Val;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasi:filesystem} at the host boundary: every path a guest can pass, resolved inside its
 * preopen or refused with the error code {@code types.wit} names, and the host tree unchanged
 * after every refusal. No guest or toolchain needed.
 */
class FilesystemCapabilityTest {
    @TempDir
    Path dir;

    EscapeFixture f;
    Host h;
    Val rw;
    Val ro;
    Map<String, String> before;

    @BeforeEach
    void setUp() {
        f = new EscapeFixture(dir);
        h = new Host(f.grant(WasiConfig.builder()).build());
        List<Val.Own> pre = h.preopens();
        rw = borrow(pre.get(0));
        ro = borrow(pre.get(1));
        before = f.snapshot();
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    private void assertHostUnchanged() {
        assertEquals(before, f.snapshot(), "the host tree changed");
    }

    private Val open(Val d, String path, Val pathFlags, Val openFlags, Val descFlags) {
        return h.fs("open-at", d, pathFlags, str(path), openFlags, descFlags);
    }

    private String openRead(Val d, String path) {
        return outcome(open(d, path, flags("symlink-follow"), flags(), flags("read")));
    }

    private String read(Val d, String path) {
        Val desc = ok(open(d, path, flags("symlink-follow"), flags(), flags("read")));
        Val r = ok(h.fs("read", borrow(desc), u64(1000), u64(0)));
        Host.drop(desc);
        return new String(bytesOf(((Val.Tuple) r).values().get(0)), StandardCharsets.UTF_8);
    }

    @Test
    void preopensAreListedWithTheirGuestNames() {
        List<String> names = new ArrayList<>();
        for (Val t : ((Val.List) h.call("wasi:filesystem/preopens", "get-directories")).values()) {
            names.add(((Val.Str) ((Val.Tuple) t).values().get(1)).value());
        }
        assertEquals(List.of("/data", "/ro"), names);
        assertEquals(flags("read", "mutate-directory"), ok(h.fs("get-flags", rw)));
        assertEquals(flags("read"), ok(h.fs("get-flags", ro)));
        assertEquals(new Val.Enum("directory"), ok(h.fs("get-type", rw)));
    }

    @Test
    void absolutePathsAreNotPermitted() {
        assertEquals("not-permitted", openRead(rw, "/etc/passwd"));
        assertEquals("not-permitted", openRead(rw, "/"));
        assertEquals("not-permitted", outcome(open(rw, "/tmp/evil", flags(), flags("create"), flags("write"))));
        assertEquals("not-permitted", outcome(h.fs("stat-at", rw, flags(), str("/etc"))));
        assertEquals("not-permitted", outcome(h.fs("create-directory-at", rw, str("/tmp/evil"))));
        assertHostUnchanged();
    }

    @Test
    void dotDotCannotLeaveThePreopen() {
        assertEquals("not-permitted", openRead(rw, ".."));
        assertEquals("not-permitted", openRead(rw, "../outside/secret.txt"));
        assertEquals("not-permitted", openRead(rw, "a/../../outside/secret.txt"));
        assertEquals("not-permitted", openRead(rw, "a/../a/../../rw/inside.txt"));
        assertEquals("not-permitted", outcome(h.fs("create-directory-at", rw, str("sub/../../evil"))));
        assertEquals("not-permitted", outcome(open(rw, "../outside/new.txt", flags(), flags("create"), flags("write"))));
        assertEquals("not-permitted", outcome(h.fs("rename-at", rw, str("inside.txt"), rw, str("../stolen.txt"))));
        assertEquals("not-permitted", outcome(h.fs("unlink-file-at", rw, str("../outside/secret.txt"))));
        assertEquals("not-permitted", outcome(h.fs("remove-directory-at", rw, str("../outside"))));
        // staying inside is fine
        assertEquals("inside\n", read(rw, "a/../inside.txt"));
        assertEquals("inside\n", read(rw, "./sub/.././inside.txt"));
        assertHostUnchanged();
    }

    @Test
    void symlinksOutAreNotFollowed() {
        assertEquals("not-permitted", openRead(rw, "link-abs"));
        assertEquals("not-permitted", openRead(rw, "link-rel"));
        assertEquals("not-permitted", openRead(rw, "link-dir/secret.txt"));
        assertEquals("not-permitted", openRead(rw, "link-dir"));
        assertEquals("not-permitted", outcome(open(rw, "link-rel", flags("symlink-follow"), flags("truncate"),
                flags("write"))));
        assertEquals("not-permitted", outcome(h.fs("stat-at", rw, flags("symlink-follow"), str("link-abs"))));
        assertEquals("not-permitted", outcome(h.fs("create-directory-at", rw, str("link-dir/evil"))));
        assertEquals("not-permitted", outcome(h.fs("unlink-file-at", rw, str("link-dir/secret.txt"))));
        // the link itself may be looked at and removed, never followed out
        Val stat = ok(h.fs("stat-at", rw, flags(), str("link-abs")));
        assertEquals(new Val.Enum("symbolic-link"), ((Val.Record) stat).get("type").orElseThrow());
        assertEquals("loop", outcome(open(rw, "link-abs", flags(), flags(), flags("read"))));
        assertEquals("not-permitted", outcome(h.fs("readlink-at", rw, str("link-abs"))));
        assertEquals(str("../outside/secret.txt"), ok(h.fs("readlink-at", rw, str("link-rel"))));
        assertEquals("inside\n", read(rw, "link-inside"));
        assertHostUnchanged();
        ok(h.fs("unlink-file-at", rw, str("link-abs")));
        assertTrue(Files.exists(f.outside.resolve("secret.txt")), "unlinking a link leaves its target");
    }

    @Test
    void newSymlinksMustStayInside() {
        assertEquals("not-permitted", outcome(h.fs("symlink-at", rw, str("/etc/passwd"), str("l1"))));
        assertEquals("not-permitted", outcome(h.fs("symlink-at", rw, str("../outside"), str("l2"))));
        assertEquals("not-permitted", outcome(h.fs("symlink-at", rw, str("../../x"), str("sub/l3"))));
        assertHostUnchanged();
        ok(h.fs("symlink-at", rw, str("../inside.txt"), str("sub/l4")));
        assertEquals("inside\n", read(rw, "sub/l4"));
        assertEquals("exist", outcome(h.fs("symlink-at", rw, str("inside.txt"), str("sub/l4"))));
    }

    @Test
    void symlinkLoopsEnd() throws IOException {
        Files.createSymbolicLink(f.rw.resolve("x"), Path.of("y"));
        Files.createSymbolicLink(f.rw.resolve("y"), Path.of("x"));
        assertEquals("loop", openRead(rw, "x"));
        assertEquals("loop", openRead(rw, "x/z"));
    }

    @Test
    void readOnlyPreopensRefuseEveryChange() {
        assertEquals("read-only", outcome(open(ro, "new.txt", flags(), flags("create"), flags("write"))));
        assertEquals("read-only", outcome(open(ro, "new.txt", flags(), flags("create"), flags("read"))));
        assertEquals("read-only", outcome(open(ro, "readonly.txt", flags(), flags(), flags("write"))));
        assertEquals("read-only", outcome(open(ro, "readonly.txt", flags(), flags("truncate"), flags("read"))));
        assertEquals("read-only", outcome(open(ro, ".", flags(), flags("directory"), flags("read", "mutate-directory"))));
        assertEquals("read-only", outcome(h.fs("create-directory-at", ro, str("d"))));
        assertEquals("read-only", outcome(h.fs("unlink-file-at", ro, str("readonly.txt"))));
        assertEquals("read-only", outcome(h.fs("remove-directory-at", ro, str("."))));
        assertEquals("read-only", outcome(h.fs("rename-at", ro, str("readonly.txt"), ro, str("r.txt"))));
        assertEquals("read-only", outcome(h.fs("rename-at", ro, str("readonly.txt"), rw, str("taken.txt"))));
        assertEquals("read-only", outcome(h.fs("rename-at", rw, str("inside.txt"), ro, str("planted.txt"))));
        assertEquals("read-only", outcome(h.fs("symlink-at", ro, str("readonly.txt"), str("l"))));
        // a hard link from a read-only preopen into a writable one would make the file writable
        assertEquals("read-only", outcome(h.fs("link-at", ro, flags(), str("readonly.txt"), rw, str("hard"))));
        Val noChange = new Val.Variant("no-change", java.util.Optional.empty());
        Val now = new Val.Variant("now", java.util.Optional.empty());
        assertEquals("read-only", outcome(h.fs("set-times-at", ro, flags(), str("readonly.txt"), now, noChange)));
        assertEquals("read-only", outcome(h.fs("set-times", ro, now, now)));
        // a file opened for reading cannot be written, truncated or appended to
        Val file = ok(open(ro, "readonly.txt", flags(), flags(), flags("read")));
        assertEquals("bad-descriptor", outcome(h.fs("write", borrow(file), bytes(new byte[] {1}), u64(0))));
        assertEquals("bad-descriptor", outcome(h.fs("write-via-stream", borrow(file), u64(0))));
        assertEquals("bad-descriptor", outcome(h.fs("append-via-stream", borrow(file))));
        assertEquals("bad-descriptor", outcome(h.fs("set-size", borrow(file), u64(0))));
        assertEquals(flags("read"), ok(h.fs("get-flags", borrow(file))));
        Host.drop(file);
        // directories opened below a read-only preopen are read-only too
        Val sub = ok(open(rw, "sub", flags(), flags("directory"), flags("read")));
        assertEquals(flags("read", "mutate-directory"), ok(h.fs("get-flags", borrow(sub))));
        assertHostUnchanged();
        assertEquals("read only\n", read(ro, "readonly.txt"));
    }

    @Test
    void oddPathsAndModes() {
        assertEquals("no-entry", openRead(rw, ""));
        assertEquals("invalid", openRead(rw, "in\0side.txt"));
        assertEquals("no-entry", openRead(rw, "missing.txt"));
        assertEquals("no-entry", openRead(rw, "missing/inside.txt"));
        assertEquals("not-directory", openRead(rw, "inside.txt/x"));
        assertEquals("not-directory", openRead(rw, "inside.txt/"));
        assertEquals("not-directory", outcome(open(rw, "inside.txt", flags(), flags("directory"), flags("read"))));
        assertEquals("is-directory", outcome(open(rw, "sub", flags(), flags(), flags("read", "write"))));
        assertEquals("invalid", outcome(open(rw, "d", flags(), flags("create", "directory"), flags("read"))));
        assertEquals("exist", outcome(open(rw, "inside.txt", flags(), flags("create", "exclusive"), flags("write"))));
        assertEquals("exist", outcome(h.fs("create-directory-at", rw, str("sub"))));
        assertEquals("not-permitted", outcome(h.fs("remove-directory-at", rw, str("."))));
        assertEquals("busy", outcome(h.fs("rename-at", rw, str("."), rw, str("x"))));
        assertEquals("not-directory", outcome(h.fs("remove-directory-at", rw, str("inside.txt"))));
        assertEquals("is-directory", outcome(h.fs("unlink-file-at", rw, str("sub"))));
        assertEquals("not-directory", outcome(h.fs("read-directory", borrow(ok(open(rw, "inside.txt",
                flags(), flags(), flags("read")))))));
        assertEquals("bad-descriptor", outcome(h.fs("read", rw, u64(1), u64(0))));
        assertHostUnchanged();
    }

    @Test
    void createWriteReadRenameRemove() throws IOException {
        Val file = ok(open(rw, "sub/new.txt", flags(), flags("create", "exclusive"), flags("read", "write")));
        assertEquals(u64(5), ok(h.fs("write", borrow(file), bytes("hello".getBytes()), u64(0))));
        assertEquals(u64(6), ok(h.fs("write", borrow(file), bytes(" world".getBytes()), u64(5))));
        Val r = ok(h.fs("read", borrow(file), u64(100), u64(6)));
        assertEquals("world", new String(bytesOf(((Val.Tuple) r).values().get(0))));
        assertEquals(new Val.Bool(true), ((Val.Tuple) r).values().get(1));
        Val stat = ok(h.fs("stat", borrow(file)));
        assertEquals(u64(11), ((Val.Record) stat).get("size").orElseThrow());
        ok(h.fs("set-size", borrow(file), u64(5)));
        Host.drop(file);
        assertEquals("hello", Files.readString(f.rw.resolve("sub/new.txt")));
        ok(h.fs("rename-at", rw, str("sub/new.txt"), rw, str("renamed.txt")));
        ok(h.fs("create-directory-at", rw, str("made")));
        ok(h.fs("link-at", rw, flags(), str("renamed.txt"), rw, str("made/hard.txt")));
        assertEquals("hello", Files.readString(f.rw.resolve("made/hard.txt")));
        ok(h.fs("unlink-file-at", rw, str("made/hard.txt")));
        ok(h.fs("remove-directory-at", rw, str("made")));
        ok(h.fs("unlink-file-at", rw, str("renamed.txt")));
        assertFalse(Files.exists(f.rw.resolve("renamed.txt")));
        ok(h.fs("create-directory-at", rw, str("full")));
        Files.writeString(f.rw.resolve("full/x"), "x");
        assertEquals("not-empty", outcome(h.fs("remove-directory-at", rw, str("full"))));
    }

    @Test
    void streamsOutliveTheirDescriptor() throws IOException {
        Files.writeString(f.rw.resolve("data.txt"), "0123456789");
        Val file = ok(open(rw, "data.txt", flags(), flags(), flags("read", "write")));
        Val in = ok(h.fs("read-via-stream", borrow(file), u64(2)));
        Val out = ok(h.fs("append-via-stream", borrow(file)));
        int handles = h.cx.openHandles();
        Host.drop(file); // the descriptor goes first; its streams keep the file open
        assertEquals(handles - 1, h.cx.openHandles());
        assertEquals("23", new String(bytesOf(ok(h.io("input-stream", "read", borrow(in), u64(2))))));
        ok(h.io("output-stream", "blocking-write-and-flush", borrow(out), bytes("AB".getBytes())));
        assertEquals("456789AB", new String(bytesOf(ok(h.io("input-stream", "blocking-read", borrow(in), u64(100))))));
        assertEquals("closed", err(h.io("input-stream", "read", borrow(in), u64(1))));
        Host.drop(in);
        Host.drop(out);
        assertEquals("0123456789AB", Files.readString(f.rw.resolve("data.txt")));
    }

    @Test
    void directoriesAreListedSortedWithTypes() {
        Val stream = ok(h.fs("read-directory", rw));
        List<String> seen = new ArrayList<>();
        while (true) {
            Val.Option next = (Val.Option) ok(h.call("wasi:filesystem/types",
                    "[method]directory-entry-stream.read-directory-entry", borrow(stream)));
            if (next.value().isEmpty()) {
                break;
            }
            Val.Record e = (Val.Record) next.value().get();
            seen.add(((Val.Str) e.get("name").orElseThrow()).value() + ":"
                    + ((Val.Enum) e.get("type").orElseThrow()).caseName());
        }
        assertEquals(List.of("a:directory", "inside.txt:regular-file", "link-abs:symbolic-link",
                "link-dir:symbolic-link", "link-inside:symbolic-link", "link-rel:symbolic-link", "sub:directory"), seen);
    }

    @Test
    void metadataHashesIdentifyFiles() {
        Val a = ok(h.fs("metadata-hash-at", rw, flags(), str("inside.txt")));
        Val b = ok(h.fs("metadata-hash", borrow(ok(open(rw, "inside.txt", flags(), flags(), flags("read"))))));
        Val c = ok(h.fs("metadata-hash-at", ro, flags(), str("readonly.txt")));
        assertEquals(a, b);
        assertNotEquals(a, c);
        Val x = ok(open(rw, "inside.txt", flags(), flags(), flags("read")));
        Val y = ok(open(rw, "sub/../inside.txt", flags(), flags(), flags("read")));
        assertEquals(new Val.Bool(true), h.fs("is-same-object", borrow(x), borrow(y)));
        assertEquals(new Val.Bool(false), h.fs("is-same-object", borrow(x), rw));
        assertEquals("not-permitted", outcome(h.fs("metadata-hash-at", rw, flags("symlink-follow"), str("link-abs"))));
    }

    @Test
    void closingTheContextReleasesWhatTheGuestLeftOpen() throws IOException {
        Files.writeString(f.rw.resolve("open.txt"), "x");
        ok(open(rw, "open.txt", flags(), flags(), flags("read")));
        ok(h.fs("read-via-stream", borrow(ok(open(rw, "open.txt", flags(), flags(), flags("read")))), u64(0)));
        assertTrue(h.cx.openHandles() > 2);
        h.close();
        assertEquals(0, h.cx.openHandles());
    }
}
