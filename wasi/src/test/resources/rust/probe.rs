// A WASI command that probes what its host grants: `probe <scenario> [args...]`.
// Built with Debian's rustc for wasm32-wasi (preview1), made a component with the preview1
// command adapter. The Go twin (../go/probe.go) prints the same lines for the same scenarios.

use std::env;
use std::fs;
use std::io::{self, Read, Write};
use std::os::wasi::io::AsRawFd;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    // path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, *fd) -> errno
    fn path_open(
        fd: u32,
        dirflags: u32,
        path: *const u8,
        path_len: usize,
        oflags: u32,
        rights_base: u64,
        rights_inheriting: u64,
        fdflags: u32,
        opened: *mut u32,
    ) -> u32;
}

/// The preview1 adapter allocates its state through the main module's `cabi_realloc` when there is
/// one; otherwise it grows memory itself, behind the back of the module's allocator, which then
/// hands out the same pages (the adapter's canary assertion fails on reads of 64 KiB or more).
#[export_name = "cabi_realloc"]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_len: usize, align: usize, new_len: usize) -> *mut u8 {
    use std::alloc::{alloc, realloc, Layout};
    if old_len == 0 {
        if new_len == 0 {
            return align as *mut u8;
        }
        alloc(Layout::from_size_align_unchecked(new_len, align))
    } else {
        realloc(old, Layout::from_size_align_unchecked(old_len, align), new_len)
    }
}

const RIGHTS_READ: u64 = 1 << 1;
const RIGHTS_WRITE: u64 = 1 << 6;
const OFLAGS_CREAT: u32 = 1;

/// The WASI preview1 errno names the probe reports (the same table as the Go probe's).
fn errno_name(n: i32) -> String {
    match n {
        2 => "access".into(),
        8 => "badf".into(),
        20 => "exist".into(),
        28 => "inval".into(),
        31 => "isdir".into(),
        32 => "loop".into(),
        44 => "noent".into(),
        54 => "notdir".into(),
        55 => "notempty".into(),
        58 => "notsup".into(),
        63 => "perm".into(),
        69 => "rofs".into(),
        76 => "notcapable".into(),
        _ => format!("errno {}", n),
    }
}

fn describe(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(n) => errno_name(n),
        None => format!("{:?}", e.kind()),
    }
}

/// path_open straight through the adapter to the host, bypassing the guest libc's own checks.
fn raw_open(dir: &fs::File, path: &str, create: bool, write: bool) -> Result<(), String> {
    let mut fd: u32 = 0;
    let rights = if write { RIGHTS_READ | RIGHTS_WRITE } else { RIGHTS_READ };
    let oflags = if create { OFLAGS_CREAT } else { 0 };
    let errno = unsafe {
        path_open(dir.as_raw_fd() as u32, 1, path.as_ptr(), path.len(), oflags, rights, 0, 0, &mut fd)
    };
    if errno == 0 {
        Ok(())
    } else {
        Err(errno_name(errno as i32))
    }
}

fn report(what: &str, r: Result<String, String>) {
    match r {
        Ok(detail) => println!("{}: ALLOWED {}", what, detail),
        Err(e) => println!("{}: denied ({})", what, e),
    }
}

fn io<T>(r: io::Result<T>) -> Result<T, String> {
    r.map_err(|e| describe(&e))
}

fn main() {
    let args: Vec<String> = env::args().collect();
    let scenario = args.get(1).cloned().unwrap_or_else(|| "hello".to_string());
    let rest: Vec<String> = args.iter().skip(2).cloned().collect();
    let code = match scenario.as_str() {
        "hello" => {
            println!("hello from rust");
            0
        }
        "args" => {
            for (i, a) in args.iter().enumerate() {
                println!("arg[{}]={}", i, a);
            }
            0
        }
        "env" => {
            let mut vars: Vec<(String, String)> = env::vars().collect();
            vars.sort();
            println!("{} variables", vars.len());
            for (k, v) in vars {
                println!("{}={}", k, v);
            }
            for name in &rest {
                match env::var(name) {
                    Ok(v) => println!("{} is set to {}", name, v),
                    Err(_) => println!("{} is not set", name),
                }
            }
            0
        }
        "stdin" => {
            let mut input = String::new();
            io::stdin().read_to_string(&mut input).unwrap();
            println!("read {} bytes from stdin", input.len());
            print!("{}", input.to_uppercase());
            0
        }
        "stderr" => {
            eprintln!("to stderr: {}", rest.join(" "));
            println!("to stdout");
            0
        }
        "file" => {
            // write then read a file in a preopen, then append, stat and remove it
            let dir = &rest[0];
            let path = format!("{}/probe.txt", dir);
            fs::write(&path, "written by the probe\n").unwrap();
            let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
            f.write_all(b"appended\n").unwrap();
            drop(f);
            let text = fs::read_to_string(&path).unwrap();
            print!("{}", text);
            println!("size {}", fs::metadata(&path).unwrap().len());
            fs::create_dir(format!("{}/sub", dir)).unwrap();
            fs::rename(&path, format!("{}/sub/moved.txt", dir)).unwrap();
            println!("moved: {}", fs::read_to_string(format!("{}/sub/moved.txt", dir)).unwrap().len());
            fs::remove_file(format!("{}/sub/moved.txt", dir)).unwrap();
            fs::remove_dir(format!("{}/sub", dir)).unwrap();
            println!("cleaned up");
            0
        }
        "read" => match fs::read_to_string(&rest[0]) {
            Ok(text) => {
                print!("{}", text);
                0
            }
            Err(e) => {
                println!("read {}: {}", rest[0], describe(&e));
                1
            }
        },
        "write" => match fs::write(&rest[0], rest[1].as_bytes()) {
            Ok(()) => {
                println!("wrote {}", rest[0]);
                0
            }
            Err(e) => {
                println!("write {}: {}", rest[0], describe(&e));
                1
            }
        },
        "ls" => {
            let mut names: Vec<String> = Vec::new();
            for entry in fs::read_dir(&rest[0]).unwrap() {
                let entry = entry.unwrap();
                let t = entry.file_type().unwrap();
                let mark = if t.is_dir() {
                    "/"
                } else if t.is_symlink() {
                    "@"
                } else {
                    ""
                };
                names.push(format!("{}{}", entry.file_name().to_string_lossy(), mark));
            }
            names.sort();
            for n in names {
                println!("{}", n);
            }
            0
        }
        "clock" => {
            let wall = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
            let a = Instant::now();
            std::thread::sleep(std::time::Duration::from_millis(5));
            let b = Instant::now();
            println!("wall {}", wall.as_secs());
            println!("monotonic advanced {}", b > a);
            println!("slept at least 5 ms {}", b.duration_since(a).as_millis() >= 5);
            0
        }
        "random" => {
            // std's HashMap seeds from random_get; the bytes come from /dev/urandom-like random_get
            let mut buf = [0u8; 16];
            getrandom(&mut buf);
            let hex: Vec<String> = buf.iter().map(|b| format!("{:02x}", b)).collect();
            println!("random {}", hex.join(""));
            0
        }
        "exit" => {
            let code: i32 = rest[0].parse().unwrap();
            println!("exiting with {}", code);
            io::stdout().flush().unwrap();
            std::process::exit(code);
        }
        "escape" => {
            // rest: <rw preopen> <ro preopen>; every attempt must be denied
            let rw = &rest[0];
            let ro = &rest[1];
            let dir = fs::File::open(rw).unwrap();
            report("dotdot read", io(fs::read_to_string(format!("{}/../outside/secret.txt", rw))));
            report("dotdot create", io(fs::write(format!("{}/../outside/new.txt", rw), "x").map(|_| String::new())));
            report("dotdot mkdir", io(fs::create_dir(format!("{}/sub/../../evil", rw)).map(|_| String::new())));
            report("absolute read", io(fs::read_to_string("/etc/passwd")));
            report("raw dotdot", raw_open(&dir, "../outside/secret.txt", false, false).map(|_| String::new()));
            report("raw nested dotdot", raw_open(&dir, "a/../../outside/secret.txt", false, false).map(|_| String::new()));
            report("raw absolute", raw_open(&dir, "/etc/passwd", false, false).map(|_| String::new()));
            report("raw absolute create", raw_open(&dir, "/tmp/evil.txt", true, true).map(|_| String::new()));
            report("symlink absolute", io(fs::read_to_string(format!("{}/link-abs", rw))));
            report("symlink relative", io(fs::read_to_string(format!("{}/link-rel", rw))));
            report("symlink dir", io(fs::read_to_string(format!("{}/link-dir/secret.txt", rw))));
            report("symlink write", io(fs::write(format!("{}/link-rel", rw), "x").map(|_| String::new())));
            report("symlink create", raw_symlink("../outside/secret.txt", &dir, "made-link").map(|_| String::new()));
            report("rename out", io(fs::rename(format!("{}/inside.txt", rw), format!("{}/../outside/stolen.txt", rw)).map(|_| String::new())));
            report("ro create", io(fs::write(format!("{}/new.txt", ro), "x").map(|_| String::new())));
            report("ro overwrite", io(fs::write(format!("{}/readonly.txt", ro), "x").map(|_| String::new())));
            report("ro append", io(fs::OpenOptions::new().append(true).open(format!("{}/readonly.txt", ro)).map(|_| String::new())));
            report("ro remove", io(fs::remove_file(format!("{}/readonly.txt", ro)).map(|_| String::new())));
            report("ro mkdir", io(fs::create_dir(format!("{}/newdir", ro)).map(|_| String::new())));
            report("ro rename", io(fs::rename(format!("{}/readonly.txt", ro), format!("{}/renamed.txt", ro)).map(|_| String::new())));
            report("ro to rw rename", io(fs::rename(format!("{}/readonly.txt", ro), format!("{}/taken.txt", rw)).map(|_| String::new())));
            report("env", env::var("PATH").map_err(|_| "not set".to_string()));
            // and what is granted still works
            for (what, path) in [("ro read", format!("{}/readonly.txt", ro)), ("rw read", format!("{}/inside.txt", rw)),
                    ("rw read through a symlink", format!("{}/link-inside", rw))] {
                match fs::read_to_string(&path) {
                    Ok(text) => println!("{}: {}", what, text.trim()),
                    Err(e) => println!("{}: failed ({})", what, describe(&e)),
                }
            }
            0
        }
        "stdout-bytes" => {
            // write N bytes to stdout in 64 KiB writes
            let n: usize = rest[0].parse().unwrap();
            let chunk = vec![b'x'; 64 * 1024];
            let mut out = io::stdout();
            let mut left = n;
            while left > 0 {
                let k = left.min(chunk.len());
                out.write_all(&chunk[..k]).unwrap();
                left -= k;
            }
            out.flush().unwrap();
            0
        }
        "read-size" => {
            let data = fs::read(&rest[0]).unwrap();
            println!("{} bytes, first {}, last {}", data.len(), data[0], data[data.len() - 1]);
            0
        }
        other => {
            eprintln!("unknown scenario {}", other);
            2
        }
    };
    io::stdout().flush().unwrap();
    std::process::exit(code);
}

#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn random_get(buf: *mut u8, len: usize) -> u32;
    // path_symlink(old_path, old_path_len, fd, new_path, new_path_len) -> errno
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u32;
}

/// path_symlink straight through the adapter to the host.
fn raw_symlink(target: &str, dir: &fs::File, link: &str) -> Result<(), String> {
    let errno = unsafe {
        path_symlink(target.as_ptr(), target.len(), dir.as_raw_fd() as u32, link.as_ptr(), link.len())
    };
    if errno == 0 {
        Ok(())
    } else {
        Err(errno_name(errno as i32))
    }
}

fn getrandom(buf: &mut [u8]) {
    let errno = unsafe { random_get(buf.as_mut_ptr(), buf.len()) };
    assert_eq!(errno, 0);
}
