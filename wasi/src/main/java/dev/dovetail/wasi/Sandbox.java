package dev.dovetail.wasi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Path resolution inside a preopen, as {@code wasi:filesystem/types} prescribes: every path is
 * relative to a directory descriptor, and a path that starts with {@code /}, or whose resolution
 * ({@code ..} steps and symlink expansions included) would leave the preopen, or that reaches a
 * symlink to an absolute path, fails with {@code not-permitted}.
 *
 * <p>The host never lets the OS resolve a guest path: components are walked one by one against
 * the preopen's real path, each symlink is read ({@link LinkOption#NOFOLLOW_LINKS}) and its target
 * spliced into the walk, and {@code ..} pops a component already known to be a real directory
 * below the root. The result names no symlink except possibly its last component (when not
 * following), and as a second line of defence the real path of its parent must lie inside the
 * preopen. Operations then use {@code NOFOLLOW_LINKS}.
 */
final class Sandbox {
    private Sandbox() {}

    /** Symlink expansions allowed in one resolution before {@code loop}. */
    static final int MAX_SYMLINKS = 40;

    static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    /**
     * A resolved path: components below the root, none of them {@code .}, {@code ..} or (but the
     * last) a symlink.
     *
     * @param trailingSlash whether the guest's path ended with {@code /} (it must name a directory)
     */
    record Resolved(Root root, List<String> rel, boolean trailingSlash) {
        Path host() {
            return root.host(rel);
        }

        boolean isRoot() {
            return rel.isEmpty();
        }
    }

    /**
     * Resolves {@code path} relative to the directory {@code base} (components below the root).
     *
     * @param followFinal whether a symlink in the last component is expanded too
     */
    static Resolved resolve(Root root, List<String> base, String path, boolean followFinal) throws FsException {
        if (path.isEmpty()) {
            throw new FsException(ErrorCode.NO_ENTRY, "empty path");
        }
        if (path.indexOf('\0') >= 0) {
            throw new FsException(ErrorCode.INVALID, "NUL in path");
        }
        if (path.startsWith("/")) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "absolute path " + path);
        }
        boolean trailing = path.endsWith("/");
        boolean follow = followFinal || trailing;
        Deque<String> todo = new ArrayDeque<>(components(path));
        List<String> cur = new ArrayList<>(base);
        int links = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (cur.isEmpty()) {
                    throw new FsException(ErrorCode.NOT_PERMITTED, path + " leaves the preopen");
                }
                cur.remove(cur.size() - 1);
                continue;
            }
            checkComponent(c);
            boolean last = todo.isEmpty();
            Path p = root.host(cur).resolve(c);
            BasicFileAttributes at = lstat(p);
            if (at == null) {
                if (!last) {
                    throw new FsException(ErrorCode.NO_ENTRY, path);
                }
                cur.add(c);
                continue;
            }
            if (at.isSymbolicLink() && (!last || follow)) {
                if (++links > MAX_SYMLINKS) {
                    throw new FsException(ErrorCode.LOOP, path);
                }
                String target = readLink(p);
                if (target.startsWith("/") || isAbsolute(target)) {
                    throw new FsException(ErrorCode.NOT_PERMITTED, "symlink " + c + " points to an absolute path");
                }
                if (target.isEmpty()) {
                    throw new FsException(ErrorCode.NO_ENTRY, "empty symlink " + c);
                }
                List<String> expanded = components(target);
                for (int i = expanded.size() - 1; i >= 0; i--) {
                    todo.addFirst(expanded.get(i));
                }
                continue;
            }
            if (!last && !at.isDirectory()) {
                throw new FsException(ErrorCode.NOT_DIRECTORY, path);
            }
            cur.add(c);
        }
        Resolved r = new Resolved(root, List.copyOf(cur), trailing);
        confine(r);
        return r;
    }

    /**
     * The second line of defence: the real path of the resolved path's parent must be inside the
     * root (catches a directory swapped for a symlink by the host between the walk and now).
     */
    private static void confine(Resolved r) throws FsException {
        Path parent = r.isRoot() ? r.root().dir() : r.root().host(r.rel().subList(0, r.rel().size() - 1));
        try {
            if (!parent.toRealPath().startsWith(r.root().dir())) {
                throw new FsException(ErrorCode.NOT_PERMITTED, "path leaves the preopen");
            }
        } catch (NoSuchFileException e) {
            throw new FsException(ErrorCode.NO_ENTRY);
        } catch (IOException e) {
            throw new FsException(ErrorCode.of(e));
        }
    }

    /**
     * {@code symlink-at}: a new symlink's target must stay inside the preopen when read from the
     * link's directory {@code linkDir}, so the host can follow it safely too.
     */
    static void checkLinkTarget(Resolved link, String target) throws FsException {
        if (target.isEmpty()) {
            throw new FsException(ErrorCode.NO_ENTRY, "empty symlink target");
        }
        if (target.startsWith("/") || isAbsolute(target) || target.indexOf('\0') >= 0) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "symlink to absolute path " + target);
        }
        int depth = link.rel().size() - 1;
        for (String c : components(target)) {
            if (c.equals("..")) {
                if (--depth < 0) {
                    throw new FsException(ErrorCode.NOT_PERMITTED, "symlink target " + target + " leaves the preopen");
                }
            } else if (!c.equals(".")) {
                checkComponent(c);
                depth++;
            }
        }
    }

    /** The non-empty components of a guest path. */
    static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String c : path.split("/")) {
            if (!c.isEmpty()) {
                out.add(c);
            }
        }
        return out;
    }

    /** A component must be one name on the host: no other separator, no drive. */
    private static void checkComponent(String c) throws FsException {
        if (File.separatorChar != '/' && (c.indexOf(File.separatorChar) >= 0 || c.indexOf(':') >= 0)) {
            throw new FsException(ErrorCode.NOT_PERMITTED, "path component " + c);
        }
    }

    private static boolean isAbsolute(String target) {
        try {
            return Path.of(target).isAbsolute() || (File.separatorChar != '/' && target.indexOf(':') >= 0);
        } catch (InvalidPathException e) {
            return true;
        }
    }

    /** The attributes of {@code p} itself (not following a symlink), or null if it does not exist. */
    static BasicFileAttributes lstat(Path p) throws FsException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new FsException(ErrorCode.of(e), p.getFileName().toString());
        }
    }

    private static String readLink(Path p) throws FsException {
        try {
            return Files.readSymbolicLink(p).toString().replace(File.separatorChar, '/');
        } catch (IOException e) {
            throw new FsException(ErrorCode.of(e));
        }
    }
}
