// A WASI command that probes what its host grants: `probe <scenario> [args...]`.
// Built with GOOS=wasip1 GOARCH=wasm (preview1), made a component with the preview1 command
// adapter. The Rust twin (../rust/probe.rs) prints the same lines for the same scenarios.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

//go:wasmimport wasi_snapshot_preview1 path_open
//go:noescape
func pathOpen(fd int32, dirflags uint32, path unsafe.Pointer, pathLen uint32, oflags uint32,
	rightsBase uint64, rightsInheriting uint64, fdflags uint32, opened unsafe.Pointer) uint32

//go:wasmimport wasi_snapshot_preview1 path_symlink
//go:noescape
func pathSymlink(old unsafe.Pointer, oldLen uint32, fd int32, new unsafe.Pointer, newLen uint32) uint32

//go:wasmimport wasi_snapshot_preview1 random_get
//go:noescape
func randomGet(buf unsafe.Pointer, bufLen uint32) uint32

const (
	rightsRead  = 1 << 1
	rightsWrite = 1 << 6
	oflagsCreat = 1
)

var out = bufio.NewWriterSize(os.Stdout, 64*1024)

func println(a ...any) {
	fmt.Fprintln(out, a...)
}

func printf(format string, a ...any) {
	fmt.Fprintf(out, format, a...)
}

// errnoName names the WASI preview1 errnos the probe reports (the same table as the Rust probe's).
func errnoName(n int) string {
	switch n {
	case 2:
		return "access"
	case 8:
		return "badf"
	case 20:
		return "exist"
	case 28:
		return "inval"
	case 31:
		return "isdir"
	case 32:
		return "loop"
	case 44:
		return "noent"
	case 54:
		return "notdir"
	case 55:
		return "notempty"
	case 58:
		return "notsup"
	case 63:
		return "perm"
	case 69:
		return "rofs"
	case 76:
		return "notcapable"
	}
	return fmt.Sprintf("errno %d", n)
}

func describe(err error) string {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errnoName(int(errno))
	}
	return err.Error()
}

// rawOpen calls path_open straight through the adapter to the host, bypassing Go's own path handling.
func rawOpen(dir *os.File, path string, create, write bool) error {
	var fd int32
	rights := uint64(rightsRead)
	if write {
		rights |= rightsWrite
	}
	oflags := uint32(0)
	if create {
		oflags = oflagsCreat
	}
	p := []byte(path)
	errno := pathOpen(int32(dir.Fd()), 1, unsafe.Pointer(&p[0]), uint32(len(p)), oflags, rights, 0, 0,
		unsafe.Pointer(&fd))
	if errno != 0 {
		return errors.New(errnoName(int(errno)))
	}
	return nil
}

// rawSymlink calls path_symlink straight through the adapter to the host.
func rawSymlink(target string, dir *os.File, link string) error {
	t := []byte(target)
	l := []byte(link)
	errno := pathSymlink(unsafe.Pointer(&t[0]), uint32(len(t)), int32(dir.Fd()), unsafe.Pointer(&l[0]), uint32(len(l)))
	if errno != 0 {
		return errors.New(errnoName(int(errno)))
	}
	return nil
}

func report(what string, detail string, err error) {
	if err == nil {
		println(what+": ALLOWED", detail)
	} else {
		println(what+": denied ("+describe(err)+")")
	}
}

func readString(path string) (string, error) {
	b, err := os.ReadFile(path)
	return string(b), err
}

func exit(code int) {
	out.Flush()
	os.Exit(code)
}

func main() {
	scenario := "hello"
	if len(os.Args) > 1 {
		scenario = os.Args[1]
	}
	var rest []string
	if len(os.Args) > 2 {
		rest = os.Args[2:]
	}
	switch scenario {
	case "hello":
		println("hello from go")
	case "args":
		for i, a := range os.Args {
			printf("arg[%d]=%s\n", i, a)
		}
	case "env":
		vars := os.Environ()
		sort.Strings(vars)
		printf("%d variables\n", len(vars))
		for _, kv := range vars {
			println(kv)
		}
		for _, name := range rest {
			if v, ok := os.LookupEnv(name); ok {
				printf("%s is set to %s\n", name, v)
			} else {
				printf("%s is not set\n", name)
			}
		}
	case "stdin":
		b, err := io.ReadAll(os.Stdin)
		if err != nil {
			panic(err)
		}
		printf("read %d bytes from stdin\n", len(b))
		printf("%s", strings.ToUpper(string(b)))
	case "stderr":
		fmt.Fprintln(os.Stderr, "to stderr: "+strings.Join(rest, " "))
		println("to stdout")
	case "file":
		dir := rest[0]
		path := dir + "/probe.txt"
		must(os.WriteFile(path, []byte("written by the probe\n"), 0o644))
		f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
		must(err)
		_, err = f.Write([]byte("appended\n"))
		must(err)
		must(f.Close())
		text, err := readString(path)
		must(err)
		printf("%s", text)
		info, err := os.Stat(path)
		must(err)
		printf("size %d\n", info.Size())
		must(os.Mkdir(dir+"/sub", 0o755))
		must(os.Rename(path, dir+"/sub/moved.txt"))
		moved, err := readString(dir + "/sub/moved.txt")
		must(err)
		printf("moved: %d\n", len(moved))
		must(os.Remove(dir + "/sub/moved.txt"))
		must(os.Remove(dir + "/sub"))
		println("cleaned up")
	case "read":
		text, err := readString(rest[0])
		if err != nil {
			printf("read %s: %s\n", rest[0], describe(err))
			exit(1)
		}
		printf("%s", text)
	case "write":
		if err := os.WriteFile(rest[0], []byte(rest[1]), 0o644); err != nil {
			printf("write %s: %s\n", rest[0], describe(err))
			exit(1)
		}
		printf("wrote %s\n", rest[0])
	case "ls":
		entries, err := os.ReadDir(rest[0])
		must(err)
		var names []string
		for _, e := range entries {
			mark := ""
			if e.IsDir() {
				mark = "/"
			} else if e.Type()&os.ModeSymlink != 0 {
				mark = "@"
			}
			names = append(names, e.Name()+mark)
		}
		sort.Strings(names)
		for _, n := range names {
			println(n)
		}
	case "clock":
		wall := time.Now().Unix()
		a := time.Now()
		time.Sleep(5 * time.Millisecond)
		b := time.Now()
		printf("wall %d\n", wall)
		printf("monotonic advanced %t\n", b.After(a))
		printf("slept at least 5 ms %t\n", b.Sub(a) >= 5*time.Millisecond)
	case "random":
		buf := make([]byte, 16)
		if errno := randomGet(unsafe.Pointer(&buf[0]), uint32(len(buf))); errno != 0 {
			panic(errno)
		}
		printf("random %x\n", buf)
	case "exit":
		code, err := strconv.Atoi(rest[0])
		must(err)
		printf("exiting with %d\n", code)
		exit(code)
	case "escape":
		rw, ro := rest[0], rest[1]
		dir, err := os.Open(rw)
		must(err)
		text, err := readString(rw + "/../outside/secret.txt")
		report("dotdot read", text, err)
		report("dotdot create", "", os.WriteFile(rw+"/../outside/new.txt", []byte("x"), 0o644))
		report("dotdot mkdir", "", os.Mkdir(rw+"/sub/../../evil", 0o755))
		text, err = readString("/etc/passwd")
		report("absolute read", text, err)
		report("raw dotdot", "", rawOpen(dir, "../outside/secret.txt", false, false))
		report("raw nested dotdot", "", rawOpen(dir, "a/../../outside/secret.txt", false, false))
		report("raw absolute", "", rawOpen(dir, "/etc/passwd", false, false))
		report("raw absolute create", "", rawOpen(dir, "/tmp/evil.txt", true, true))
		text, err = readString(rw + "/link-abs")
		report("symlink absolute", text, err)
		text, err = readString(rw + "/link-rel")
		report("symlink relative", text, err)
		text, err = readString(rw + "/link-dir/secret.txt")
		report("symlink dir", text, err)
		report("symlink write", "", os.WriteFile(rw+"/link-rel", []byte("x"), 0o644))
		report("symlink create", "", rawSymlink("../outside/secret.txt", dir, "made-link"))
		report("rename out", "", os.Rename(rw+"/inside.txt", rw+"/../outside/stolen.txt"))
		report("ro create", "", os.WriteFile(ro+"/new.txt", []byte("x"), 0o644))
		report("ro overwrite", "", os.WriteFile(ro+"/readonly.txt", []byte("x"), 0o644))
		f, err := os.OpenFile(ro+"/readonly.txt", os.O_APPEND|os.O_WRONLY, 0)
		if err == nil {
			f.Close()
		}
		report("ro append", "", err)
		report("ro remove", "", os.Remove(ro+"/readonly.txt"))
		report("ro mkdir", "", os.Mkdir(ro+"/newdir", 0o755))
		report("ro rename", "", os.Rename(ro+"/readonly.txt", ro+"/renamed.txt"))
		report("ro to rw rename", "", os.Rename(ro+"/readonly.txt", rw+"/taken.txt"))
		if v, ok := os.LookupEnv("PATH"); ok {
			report("env", v, nil)
		} else {
			report("env", "", errors.New("not set"))
		}
		for _, r := range [][2]string{{"ro read", ro + "/readonly.txt"}, {"rw read", rw + "/inside.txt"},
			{"rw read through a symlink", rw + "/link-inside"}} {
			if text, err := readString(r[1]); err == nil {
				println(r[0]+":", strings.TrimSpace(text))
			} else {
				println(r[0]+": failed ("+describe(err)+")")
			}
		}
	case "stdout-bytes":
		n, err := strconv.Atoi(rest[0])
		must(err)
		chunk := []byte(strings.Repeat("x", 64*1024))
		for left := n; left > 0; {
			k := left
			if k > len(chunk) {
				k = len(chunk)
			}
			_, err := os.Stdout.Write(chunk[:k])
			must(err)
			left -= k
		}
	case "read-size":
		data, err := os.ReadFile(rest[0])
		must(err)
		printf("%d bytes, first %d, last %d\n", len(data), data[0], data[len(data)-1])
	default:
		fmt.Fprintln(os.Stderr, "unknown scenario", scenario)
		exit(2)
	}
	exit(0)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
