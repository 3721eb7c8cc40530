package dev.dovetail.wasi;

import static dev.dovetail.wasi.V.bool;
import static dev.dovetail.wasi.V.enumCase;
import static dev.dovetail.wasi.V.err;
import static dev.dovetail.wasi.V.flagsArg;
import static dev.dovetail.wasi.V.ok;
import static dev.dovetail.wasi.V.own;
import static dev.dovetail.wasi.V.rep;
import static dev.dovetail.wasi.V.some;
import static dev.dovetail.wasi.V.str;
import static dev.dovetail.wasi.V.strArg;
import static dev.dovetail.wasi.V.u64;
import static dev.dovetail.wasi.V.u64Arg;

import dev.dovetail.runtime.HostFunction;
import dev.dovetail.runtime.Val;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code wasi:filesystem/types} and {@code wasi:filesystem/preopens}: descriptors for the
 * preopened directories and whatever is opened below them, every path resolved by
 * {@link Sandbox}. A change inside a read-only preopen fails with {@code read-only}; an operation
 * a descriptor's flags do not allow (writing a file opened for reading) with
 * {@code bad-descriptor}; a file operation on a directory with {@code bad-descriptor}, a directory
 * operation on a file with {@code not-directory}.
 */
final class FilesystemHost {
    private FilesystemHost() {}

    /** The most bytes one {@code descriptor#read} returns (the spec allows fewer than asked). */
    static final int MAX_READ = 1 << 20;

    /** A filesystem operation: its {@code ok} payload (null for none), or an error code. */
    @FunctionalInterface
    interface FsOp {
        Val call(List<Val> args) throws FsException, IOException;
    }

    /** {@code directory-entry-stream}: the entries, read when the stream was made. */
    static final class EntryStream {
        private final List<Val> entries;
        private int next;

        EntryStream(List<Val> entries) {
            this.entries = entries;
        }
    }

    static void define(WasiContext cx, HostInterfaces hi) {
        Metadata meta = new Metadata();
        String m = "[method]descriptor.";
        HostInterfaces.Iface types = hi.iface("wasi:filesystem/types")
                .resource("descriptor", cx.descriptor)
                .resource("directory-entry-stream", cx.directoryEntryStream);

        // descriptor#read-via-stream
        types.func(m + "read-via-stream", fs(a -> {
            Descriptor.File f = readableFile(desc(cx, a));
            return own(cx.inputStream, cx.table.add(new FileInput(f.file(), u64Arg(a.get(1)))));
        }));
        // descriptor#write-via-stream
        types.func(m + "write-via-stream", fs(a -> {
            Descriptor.File f = writableFile(desc(cx, a));
            return own(cx.outputStream, cx.table.add(new FileOutput(f.file(), u64Arg(a.get(1)), false)));
        }));
        // descriptor#append-via-stream
        types.func(m + "append-via-stream", fs(a -> {
            Descriptor.File f = writableFile(desc(cx, a));
            return own(cx.outputStream, cx.table.add(new FileOutput(f.file(), 0, true)));
        }));
        // descriptor#advise: advice is only a hint
        types.func(m + "advise", fs(a -> {
            file(desc(cx, a));
            return null;
        }));
        // descriptor#sync-data
        types.func(m + "sync-data", fs(a -> {
            if (desc(cx, a) instanceof Descriptor.File f) {
                f.file().channel.force(false);
            }
            return null;
        }));
        // descriptor#sync
        types.func(m + "sync", fs(a -> {
            if (desc(cx, a) instanceof Descriptor.File f) {
                f.file().channel.force(true);
            }
            return null;
        }));
        // descriptor#get-flags
        types.func(m + "get-flags", fs(a -> V.flags(desc(cx, a).flags())));
        // descriptor#get-type
        types.func(m + "get-type", fs(a -> {
            Descriptor d = desc(cx, a);
            if (d instanceof Descriptor.Dir) {
                return enumCase("directory");
            }
            BasicFileAttributes at = Sandbox.lstat(d.host());
            return enumCase(at == null ? "regular-file" : type(at, d.host()));
        }));
        // descriptor#set-size
        types.func(m + "set-size", fs(a -> {
            Descriptor.File f = writableFile(desc(cx, a));
            long size = u64Arg(a.get(1));
            FileChannel ch = f.file().channel;
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            return null;
        }));
        // descriptor#set-times
        types.func(m + "set-times", fs(a -> {
            Descriptor d = desc(cx, a);
            mutable(d.root());
            if (d instanceof Descriptor.File f && !f.writable()) {
                throw new FsException(ErrorCode.BAD_DESCRIPTOR);
            }
            setTimes(cx, d.host(), a.get(1), a.get(2));
            return null;
        }));
        // descriptor#read
        types.func(m + "read", fs(a -> {
            Descriptor.File f = readableFile(desc(cx, a));
            int len = (int) Math.min(u64Arg(a.get(1)), MAX_READ);
            long offset = u64Arg(a.get(2));
            ByteBuffer buf = ByteBuffer.allocate(len);
            boolean end = false;
            while (buf.hasRemaining()) {
                int n = f.file().channel.read(buf, offset + buf.position());
                if (n < 0) {
                    end = true;
                    break;
                }
            }
            if (!end && offset + buf.position() >= f.file().channel.size()) {
                end = true;
            }
            return V.tuple(V.bytes(buf.array(), 0, buf.position()), bool(end));
        }));
        // descriptor#write
        types.func(m + "write", fs(a -> {
            Descriptor.File f = writableFile(desc(cx, a));
            byte[] b = V.bytesArg(a.get(1));
            long offset = u64Arg(a.get(2));
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                f.file().channel.write(buf, offset + buf.position());
            }
            return u64(b.length);
        }));
        // descriptor#read-directory
        types.func(m + "read-directory", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            return own(cx.directoryEntryStream, cx.table.add(new EntryStream(list(d.host()))));
        }));
        // descriptor#create-directory-at
        types.func(m + "create-directory-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            mutable(d.root());
            Sandbox.Resolved r = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(1)), false);
            if (r.isRoot()) {
                throw new FsException(ErrorCode.EXIST);
            }
            Files.createDirectory(r.host());
            return null;
        }));
        // descriptor#stat
        types.func(m + "stat", fs(a -> {
            Descriptor d = desc(cx, a);
            Long size = d instanceof Descriptor.File f ? f.file().channel.size() : null;
            return stat(d.host(), size);
        }));
        // descriptor#stat-at
        types.func(m + "stat-at", fs(a -> {
            Sandbox.Resolved r = at(cx, a, 1, 2);
            return stat(existing(r), null);
        }));
        // descriptor#set-times-at
        types.func(m + "set-times-at", fs(a -> {
            Sandbox.Resolved r = at(cx, a, 1, 2);
            mutable(r.root());
            setTimes(cx, existing(r), a.get(3), a.get(4));
            return null;
        }));
        // descriptor#link-at
        types.func(m + "link-at", fs(a -> {
            Sandbox.Resolved old = at(cx, a, 1, 2);
            Descriptor.Dir to = dir(cx.table.get(rep(a.get(3)), Descriptor.class));
            mutable(old.root());
            mutable(to.root());
            Sandbox.Resolved target = Sandbox.resolve(to.root(), to.rel(), strArg(a.get(4)), false);
            BasicFileAttributes at = Sandbox.lstat(existing(old));
            if (at.isDirectory()) {
                throw new FsException(ErrorCode.NOT_PERMITTED, "hard link to a directory");
            }
            if (Sandbox.lstat(target.host()) != null) {
                throw new FsException(ErrorCode.EXIST);
            }
            Files.createLink(target.host(), old.host());
            return null;
        }));
        // descriptor#open-at
        types.func(m + "open-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            Descriptor opened = openAt(d, flagsArg(a.get(1)), strArg(a.get(2)), flagsArg(a.get(3)), flagsArg(a.get(4)));
            return own(cx.descriptor, cx.table.add(opened));
        }));
        // descriptor#readlink-at
        types.func(m + "readlink-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            Sandbox.Resolved r = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(1)), false);
            String target = Files.readSymbolicLink(r.host()).toString().replace(java.io.File.separatorChar, '/');
            if (target.startsWith("/") || Path.of(target).isAbsolute()) {
                throw new FsException(ErrorCode.NOT_PERMITTED, "symlink to an absolute path");
            }
            return str(target);
        }));
        // descriptor#remove-directory-at
        types.func(m + "remove-directory-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            mutable(d.root());
            Sandbox.Resolved r = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(1)), false);
            if (r.isRoot()) {
                throw new FsException(ErrorCode.NOT_PERMITTED, "cannot remove a preopen");
            }
            BasicFileAttributes at = Sandbox.lstat(existing(r));
            if (!at.isDirectory()) {
                throw new FsException(ErrorCode.NOT_DIRECTORY);
            }
            Files.delete(r.host());
            return null;
        }));
        // descriptor#rename-at
        types.func(m + "rename-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            Descriptor.Dir to = dir(cx.table.get(rep(a.get(2)), Descriptor.class));
            mutable(d.root());
            mutable(to.root());
            Sandbox.Resolved from = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(1)), false);
            Sandbox.Resolved target = Sandbox.resolve(to.root(), to.rel(), strArg(a.get(3)), false);
            if (from.isRoot() || target.isRoot()) {
                throw new FsException(ErrorCode.BUSY, "cannot rename a preopen");
            }
            existing(from);
            Files.move(from.host(), target.host(), StandardCopyOption.ATOMIC_MOVE);
            return null;
        }));
        // descriptor#symlink-at
        types.func(m + "symlink-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            mutable(d.root());
            String target = strArg(a.get(1));
            Sandbox.Resolved link = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(2)), false);
            if (link.isRoot() || Sandbox.lstat(link.host()) != null) {
                throw new FsException(ErrorCode.EXIST);
            }
            Sandbox.checkLinkTarget(link, target);
            Files.createSymbolicLink(link.host(), Path.of(target));
            return null;
        }));
        // descriptor#unlink-file-at
        types.func(m + "unlink-file-at", fs(a -> {
            Descriptor.Dir d = dir(desc(cx, a));
            mutable(d.root());
            Sandbox.Resolved r = Sandbox.resolve(d.root(), d.rel(), strArg(a.get(1)), false);
            BasicFileAttributes at = r.isRoot() ? null : Sandbox.lstat(existing(r));
            if (at == null || at.isDirectory()) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
            if (r.trailingSlash()) {
                throw new FsException(ErrorCode.NOT_DIRECTORY);
            }
            Files.delete(r.host());
            return null;
        }));
        // descriptor#is-same-object
        types.func(m + "is-same-object", a -> {
            Descriptor x = desc(cx, a);
            Descriptor y = cx.table.get(rep(a.get(1)), Descriptor.class);
            try {
                return some(bool(x == y || Files.isSameFile(x.host(), y.host())));
            } catch (IOException e) {
                return some(bool(false));
            }
        });
        // descriptor#metadata-hash
        types.func(m + "metadata-hash", fs(a -> meta.hash(desc(cx, a).host())));
        // descriptor#metadata-hash-at
        types.func(m + "metadata-hash-at", fs(a -> meta.hash(existing(at(cx, a, 1, 2)))));
        // directory-entry-stream#read-directory-entry
        types.func("[method]directory-entry-stream.read-directory-entry", fs(a -> {
            EntryStream s = cx.table.get(rep(a.get(0)), EntryStream.class);
            return s.next < s.entries.size() ? V.option(s.entries.get(s.next++)) : V.NONE;
        }));
        // filesystem-error-code
        types.func("filesystem-error-code", a -> {
            IoError e = cx.table.get(rep(a.get(0)), IoError.class);
            return some(e.fsCode() == null ? V.NONE : V.option(enumCase(e.fsCode().wit())));
        });

        // preopens#get-directories
        hi.iface("wasi:filesystem/preopens").func("get-directories", a -> {
            List<Val> out = new ArrayList<>();
            for (Root root : cx.roots) {
                int rep = cx.table.add(new Descriptor.Dir(root, List.of()));
                out.add(V.tuple(own(cx.descriptor, rep), str(root.guestPath())));
            }
            return some(new Val.List(out));
        });
    }

    // ------------------------------------------------------------------ open-at

    /** {@code descriptor#open-at}. */
    static Descriptor openAt(Descriptor.Dir d, Set<String> pathFlags, String path, Set<String> openFlags,
            Set<String> flags) throws FsException, IOException {
        boolean create = openFlags.contains("create");
        boolean directory = openFlags.contains("directory");
        boolean exclusive = openFlags.contains("exclusive");
        boolean truncate = openFlags.contains("truncate");
        boolean read = flags.contains("read");
        boolean write = flags.contains("write");
        if (create && directory) {
            throw new FsException(ErrorCode.INVALID, "create and directory");
        }
        // O_CREAT|O_EXCL never follows a symlink in the last component
        boolean follow = pathFlags.contains("symlink-follow") && !(create && exclusive);
        Sandbox.Resolved r = Sandbox.resolve(d.root(), d.rel(), path, follow);
        Path p = r.host();
        BasicFileAttributes at = Sandbox.lstat(p);
        if (at != null && create && exclusive) {
            throw new FsException(ErrorCode.EXIST);
        }
        if (at != null && at.isSymbolicLink()) {
            throw new FsException(directory ? ErrorCode.NOT_DIRECTORY : ErrorCode.LOOP, "symlink not followed");
        }
        if (at != null && at.isDirectory()) {
            if (write || truncate) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
            if (flags.contains("mutate-directory") && !d.root().writable()) {
                throw new FsException(ErrorCode.READ_ONLY);
            }
            return new Descriptor.Dir(d.root(), r.rel());
        }
        if (at == null) {
            if (!create) {
                throw new FsException(ErrorCode.NO_ENTRY, path);
            }
            mutable(d.root());
            if (r.trailingSlash()) {
                throw new FsException(ErrorCode.IS_DIRECTORY);
            }
        } else if (directory || r.trailingSlash()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        if (write || truncate || flags.contains("mutate-directory")) {
            mutable(d.root());
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (read || !write) {
            options.add(StandardOpenOption.READ);
        }
        if (write || truncate || at == null) {
            options.add(StandardOpenOption.WRITE); // Java creates and truncates only when writing
        }
        if (at == null) {
            options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (truncate) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        if (flags.contains("file-integrity-sync")) {
            options.add(StandardOpenOption.SYNC);
        }
        if (flags.contains("data-integrity-sync")) {
            options.add(StandardOpenOption.DSYNC);
        }
        FileChannel ch = FileChannel.open(p, options);
        Set<String> granted = new LinkedHashSet<>(flags);
        granted.remove("mutate-directory");
        return new Descriptor.File(d.root(), r.rel(), new OpenFile(ch), Set.copyOf(granted));
    }

    // ------------------------------------------------------------------ helpers

    /** A filesystem operation returning {@code result<T, error-code>}. */
    static HostFunction fs(FsOp op) {
        return a -> {
            try {
                Val v = op.call(a);
                return some(v == null ? V.OK : ok(v));
            } catch (FsException e) {
                return some(err(enumCase(e.code().wit())));
            } catch (IOException e) {
                return some(err(enumCase(ErrorCode.of(e).wit())));
            } catch (UncheckedIOException e) {
                return some(err(enumCase(ErrorCode.of(e.getCause()).wit())));
            } catch (InvalidPathException e) {
                return some(err(enumCase(ErrorCode.INVALID.wit())));
            } catch (SecurityException e) {
                return some(err(enumCase(ErrorCode.ACCESS.wit())));
            }
        };
    }

    private static Descriptor desc(WasiContext cx, List<Val> a) {
        return cx.table.get(rep(a.get(0)), Descriptor.class);
    }

    /** Directory operations on a file fail with {@code not-directory}. */
    static Descriptor.Dir dir(Descriptor d) throws FsException {
        if (d instanceof Descriptor.Dir dir) {
            return dir;
        }
        throw new FsException(ErrorCode.NOT_DIRECTORY);
    }

    /** File operations on a directory fail with {@code bad-descriptor}. */
    static Descriptor.File file(Descriptor d) throws FsException {
        if (d instanceof Descriptor.File f) {
            return f;
        }
        throw new FsException(ErrorCode.BAD_DESCRIPTOR, "a directory");
    }

    private static Descriptor.File readableFile(Descriptor d) throws FsException {
        Descriptor.File f = file(d);
        if (!f.readable()) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR, "not open for reading");
        }
        return f;
    }

    private static Descriptor.File writableFile(Descriptor d) throws FsException {
        Descriptor.File f = file(d);
        if (!f.writable()) {
            throw new FsException(ErrorCode.BAD_DESCRIPTOR, "not open for writing");
        }
        return f;
    }

    /** Changes need a read-write preopen. */
    static void mutable(Root root) throws FsException {
        if (!root.writable()) {
            throw new FsException(ErrorCode.READ_ONLY, root.guestPath() + " is read-only");
        }
    }

    /** The {@code (path-flags, path)} arguments at {@code flagsAt}, {@code pathAt}, resolved in the descriptor. */
    private static Sandbox.Resolved at(WasiContext cx, List<Val> a, int flagsAt, int pathAt) throws FsException {
        Descriptor.Dir d = dir(desc(cx, a));
        boolean follow = flagsArg(a.get(flagsAt)).contains("symlink-follow");
        return Sandbox.resolve(d.root(), d.rel(), strArg(a.get(pathAt)), follow);
    }

    /** The host path of {@code r}, which must exist (and be a directory if the path ended with a slash). */
    private static Path existing(Sandbox.Resolved r) throws FsException {
        BasicFileAttributes at = Sandbox.lstat(r.host());
        if (at == null) {
            throw new FsException(ErrorCode.NO_ENTRY);
        }
        if (r.trailingSlash() && !at.isDirectory()) {
            throw new FsException(ErrorCode.NOT_DIRECTORY);
        }
        return r.host();
    }

    /** The entries of a directory, sorted by name; {@code .} and {@code ..} are never listed. */
    private static List<Val> list(Path dir) throws IOException, FsException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(children::add);
        }
        children.sort((x, y) -> x.getFileName().toString().compareTo(y.getFileName().toString()));
        List<Val> out = new ArrayList<>(children.size());
        for (Path c : children) {
            BasicFileAttributes at = Sandbox.lstat(c);
            String t = at == null ? "unknown" : type(at, c);
            out.add(V.record("type", enumCase(t), "name", str(c.getFileName().toString())));
        }
        return out;
    }

    private static final boolean UNIX = Path.of("").getFileSystem().supportedFileAttributeViews().contains("unix");

    /** {@code descriptor-type}. */
    static String type(BasicFileAttributes at, Path p) {
        if (at.isDirectory()) {
            return "directory";
        }
        if (at.isRegularFile()) {
            return "regular-file";
        }
        if (at.isSymbolicLink()) {
            return "symbolic-link";
        }
        if (UNIX) {
            try {
                int mode = (Integer) Files.getAttribute(p, "unix:mode", Sandbox.NOFOLLOW);
                return switch (mode & 0170000) {
                    case 0020000 -> "character-device";
                    case 0060000 -> "block-device";
                    case 0010000 -> "fifo";
                    case 0140000 -> "socket";
                    default -> "unknown";
                };
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
        return "unknown";
    }

    /** {@code descriptor-stat} of {@code p} itself; {@code size} overrides the size (an open file's). */
    private static Val stat(Path p, Long size) throws IOException {
        BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, Sandbox.NOFOLLOW);
        long links = 1;
        Val changed = V.NONE;
        if (UNIX) {
            Map<String, Object> unix = Files.readAttributes(p, "unix:nlink,ctime", Sandbox.NOFOLLOW);
            links = ((Number) unix.get("nlink")).longValue();
            changed = time((FileTime) unix.get("ctime"));
        }
        return V.record(
                "type", enumCase(type(at, p)),
                "link-count", u64(links),
                "size", u64(size != null ? size : at.size()),
                "data-access-timestamp", time(at.lastAccessTime()),
                "data-modification-timestamp", time(at.lastModifiedTime()),
                "status-change-timestamp", changed);
    }

    private static Val time(FileTime t) {
        return t == null ? V.NONE : V.option(V.datetime(t.toInstant()));
    }

    /** {@code set-times}: each {@code new-timestamp} is {@code no-change}, {@code now} or {@code timestamp}. */
    private static void setTimes(WasiContext cx, Path p, Val access, Val modification) throws IOException {
        BasicFileAttributeView view = Files.getFileAttributeView(p, BasicFileAttributeView.class, Sandbox.NOFOLLOW);
        view.setTimes(newTime(cx, modification), newTime(cx, access), null);
    }

    private static FileTime newTime(WasiContext cx, Val v) {
        Val.Variant t = (Val.Variant) v;
        return switch (t.caseName()) {
            case "no-change" -> null;
            case "now" -> FileTime.from(cx.config.wallClock().now());
            default -> {
                Val.Record r = (Val.Record) t.payload().orElseThrow();
                long seconds = ((Val.U64) r.get("seconds").orElseThrow()).value();
                long nanos = ((Val.U32) r.get("nanoseconds").orElseThrow()).value();
                yield FileTime.from(Instant.ofEpochSecond(seconds, nanos));
            }
        };
    }

    /**
     * {@code metadata-hash}: a keyed hash (the key is secret and per context) of the file's
     * identity, size and modification time, so equal hashes mean the same unchanged file.
     */
    private static final class Metadata {
        private byte[] key;

        Val hash(Path p) throws IOException {
            BasicFileAttributes at = Files.readAttributes(p, BasicFileAttributes.class, Sandbox.NOFOLLOW);
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            synchronized (this) {
                if (key == null) {
                    key = new byte[16];
                    new SecureRandom().nextBytes(key);
                }
                sha.update(key);
            }
            Object identity = at.fileKey() != null ? at.fileKey() : p.toAbsolutePath().toString();
            sha.update(String.valueOf(identity).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(ByteBuffer.allocate(16).putLong(at.size()).putLong(at.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS)).array());
            ByteBuffer d = ByteBuffer.wrap(Arrays.copyOf(sha.digest(), 16));
            return V.record("lower", u64(d.getLong()), "upper", u64(d.getLong()));
        }
    }
}
