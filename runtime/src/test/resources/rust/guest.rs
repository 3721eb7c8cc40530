//! A guest of `guest.wit` written against the canonical ABI by hand (no wit-bindgen): the
//! flattened signatures, a return area, `cabi_realloc`, `cabi_post_*` functions that free what a
//! call returned, and the resource built-ins imported from `[export]<interface>`.
//!
//! Built by RustGuestTest with `rustc --target wasm32-unknown-unknown --crate-type cdylib -O`,
//! then given its WIT (component-type section) and made a component with `jco new`.

use std::alloc::{alloc, realloc, Layout};
use std::ptr;

#[repr(C, align(8))]
struct RetArea([u8; 64]);

static mut RET: RetArea = RetArea([0; 64]);
static mut DROPPED: u32 = 0;

unsafe fn ret() -> *mut u8 {
    RET.0.as_mut_ptr()
}

unsafe fn put<T>(offset: usize, value: T) {
    ptr::write(ret().add(offset) as *mut T, value);
}

unsafe fn get<T: Copy>(base: *const u8, offset: usize) -> T {
    ptr::read(base.add(offset) as *const T)
}

/// Takes ownership of a string the caller allocated with `cabi_realloc` (align 1).
unsafe fn take_string(p: *mut u8, len: usize) -> String {
    String::from_utf8_unchecked(Vec::from_raw_parts(p, len, len))
}

/// Hands a string to the caller; the matching `cabi_post_*` gives it back to `free_bytes`.
fn leak_string(s: String) -> (i32, i32) {
    let b = s.into_bytes().into_boxed_slice();
    let len = b.len();
    (Box::into_raw(b) as *mut u8 as i32, len as i32)
}

unsafe fn free_bytes(p: i32, len: i32) {
    drop(Box::from_raw(ptr::slice_from_raw_parts_mut(p as *mut u8, len as usize)));
}

#[no_mangle]
pub unsafe extern "C" fn cabi_realloc(old: *mut u8, old_size: usize, align: usize, new_size: usize) -> *mut u8 {
    if new_size == 0 {
        return align as *mut u8;
    }
    let p = if old.is_null() || old_size == 0 {
        alloc(Layout::from_size_align_unchecked(new_size, align))
    } else {
        realloc(old, Layout::from_size_align_unchecked(old_size, align), new_size)
    };
    if p.is_null() {
        std::process::abort();
    }
    p
}

// ---------------------------------------------------------------- scalars

#[export_name = "dovetail:rust-guest/kinds@0.1.0#negate"]
pub extern "C" fn negate(b: i32) -> i32 {
    (b == 0) as i32
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#ints"]
pub unsafe extern "C" fn ints(a: i32, b: i32, c: i32, d: i32, e: i32, f: i32, g: i64, h: i64) -> *mut u8 {
    put::<u8>(0, (a as u8).wrapping_add(1));
    put::<i8>(1, (b as i8).wrapping_neg());
    put::<u16>(2, (c as u16).wrapping_mul(2));
    put::<i16>(4, (d as i16).wrapping_sub(1));
    put::<u32>(8, !(e as u32));
    put::<i32>(12, f.wrapping_abs());
    put::<u64>(16, (g as u64).wrapping_add(1));
    put::<i64>(24, h.wrapping_neg());
    ret()
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#floats"]
pub extern "C" fn floats(a: f32, b: f64) -> f64 {
    a as f64 * b
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#next-char"]
pub extern "C" fn next_char(c: i32) -> i32 {
    let mut n = c as u32 + 1;
    if n == 0xd800 {
        n = 0xe000;
    }
    if n > 0x10ffff {
        n = 0;
    }
    n as i32
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#bump"]
pub extern "C" fn bump(level: i32) -> i32 {
    if level >= 2 { 2 } else { level + 1 }
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#toggle"]
pub extern "C" fn toggle(perms: i32) -> i32 {
    perms ^ 0b111
}

// ---------------------------------------------------------------- strings and lists

#[export_name = "dovetail:rust-guest/kinds@0.1.0#reverse"]
pub unsafe extern "C" fn reverse(p: *mut u8, len: usize) -> *mut u8 {
    let s = take_string(p, len);
    let (rp, rl) = leak_string(s.chars().rev().collect());
    put::<i32>(0, rp);
    put::<i32>(4, rl);
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#reverse"]
pub unsafe extern "C" fn reverse_post(r: *const u8) {
    free_bytes(get(r, 0), get(r, 4));
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#sum"]
pub unsafe extern "C" fn sum(p: *mut i32, len: usize) -> i64 {
    let xs = Vec::from_raw_parts(p, len, len);
    xs.iter().map(|&x| x as i64).sum()
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#first-even"]
pub unsafe extern "C" fn first_even(p: *mut u32, len: usize) -> *mut u8 {
    let xs = Vec::from_raw_parts(p, len, len);
    match xs.iter().find(|&&x| x % 2 == 0) {
        Some(&x) => {
            put::<u8>(0, 1);
            put::<u32>(4, x);
        }
        None => put::<u8>(0, 0),
    }
    ret()
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#split"]
pub unsafe extern "C" fn split(p: *mut u8, len: usize, sep: i32) -> *mut u8 {
    let s = take_string(p, len);
    let sep = char::from_u32(sep as u32).unwrap();
    let parts: Vec<(i32, i32)> = s.split(sep).map(|x| leak_string(x.to_string())).collect();
    let n = parts.len();
    let b = parts.into_boxed_slice();
    put::<i32>(0, Box::into_raw(b) as *mut (i32, i32) as *mut u8 as i32);
    put::<i32>(4, n as i32);
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#split"]
pub unsafe extern "C" fn split_post(r: *const u8) {
    let p: i32 = get(r, 0);
    let n: i32 = get(r, 4);
    let parts = Box::from_raw(ptr::slice_from_raw_parts_mut(p as *mut (i32, i32), n as usize));
    for &(sp, sl) in parts.iter() {
        free_bytes(sp, sl);
    }
}

#[export_name = "version"]
pub unsafe extern "C" fn version() -> *mut u8 {
    static V: &str = "rust-guest 0.1.0";
    put::<i32>(0, V.as_ptr() as i32);
    put::<i32>(4, V.len() as i32);
    ret()
}

// ---------------------------------------------------------------- records, tuples, variants

// record point { x: f64, y: f64, label: string }: flat (f64 f64 i32 i32); in memory x@0 y@8 label@16
#[export_name = "dovetail:rust-guest/kinds@0.1.0#midpoint"]
pub unsafe extern "C" fn midpoint(ax: f64, ay: f64, ap: *mut u8, al: usize, bx: f64, by: f64, bp: *mut u8, bl: usize) -> *mut u8 {
    let a = take_string(ap, al);
    let b = take_string(bp, bl);
    let (lp, ll) = leak_string(format!("{}-{}", a, b));
    put::<f64>(0, (ax + bx) / 2.0);
    put::<f64>(8, (ay + by) / 2.0);
    put::<i32>(16, lp);
    put::<i32>(20, ll);
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#midpoint"]
pub unsafe extern "C" fn midpoint_post(r: *const u8) {
    free_bytes(get(r, 16), get(r, 20));
}

// tuple<u32, string> -> tuple<string, u32>: string@0, u32@8
#[export_name = "dovetail:rust-guest/kinds@0.1.0#swap"]
pub unsafe extern "C" fn swap(n: i32, p: *mut u8, len: usize) -> *mut u8 {
    let (sp, sl) = leak_string(take_string(p, len));
    put::<i32>(0, sp);
    put::<i32>(4, sl);
    put::<u32>(8, n as u32);
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#swap"]
pub unsafe extern "C" fn swap_post(r: *const u8) {
    free_bytes(get(r, 0), get(r, 4));
}

// variant shape { circle(f32), square(u16), named(string), empty }: flat (i32 i32 i32), the f32
// travels as its bits; in memory u8 discriminant, payload @4, size 12
#[export_name = "dovetail:rust-guest/kinds@0.1.0#scale"]
pub unsafe extern "C" fn scale(disc: i32, p0: i32, p1: i32, k: i32) -> *mut u8 {
    put::<u8>(0, disc as u8);
    match disc {
        0 => put::<f32>(4, f32::from_bits(p0 as u32) * k as f32),
        1 => put::<u16>(4, (p0 as u16).wrapping_mul(k as u16)),
        2 => {
            let s = take_string(p0 as *mut u8, p1 as usize);
            let (sp, sl) = leak_string(s.repeat(k as usize));
            put::<i32>(4, sp);
            put::<i32>(8, sl);
        }
        _ => {}
    }
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#scale"]
pub unsafe extern "C" fn scale_post(r: *const u8) {
    if get::<u8>(r, 0) == 2 {
        free_bytes(get(r, 4), get(r, 8));
    }
}

// result<u32, string>: u8 discriminant, payload @4
#[export_name = "dovetail:rust-guest/kinds@0.1.0#checked-sub"]
pub unsafe extern "C" fn checked_sub(a: i32, b: i32) -> *mut u8 {
    match (a as u32).checked_sub(b as u32) {
        Some(d) => {
            put::<u8>(0, 0);
            put::<u32>(4, d);
        }
        None => {
            let (sp, sl) = leak_string(format!("{} < {}", a as u32, b as u32));
            put::<u8>(0, 1);
            put::<i32>(4, sp);
            put::<i32>(8, sl);
        }
    }
    ret()
}

#[export_name = "cabi_post_dovetail:rust-guest/kinds@0.1.0#checked-sub"]
pub unsafe extern "C" fn checked_sub_post(r: *const u8) {
    if get::<u8>(r, 0) == 1 {
        free_bytes(get(r, 4), get(r, 8));
    }
}

// ---------------------------------------------------------------- the counter resource

pub struct Counter {
    value: u32,
}

#[link(wasm_import_module = "[export]dovetail:rust-guest/kinds@0.1.0")]
extern "C" {
    #[link_name = "[resource-new]counter"]
    fn counter_new(rep: i32) -> i32;
    #[link_name = "[resource-rep]counter"]
    fn counter_rep(handle: i32) -> i32;
    #[link_name = "[resource-drop]counter"]
    fn counter_drop(handle: i32);
}

unsafe fn new_counter(value: u32) -> i32 {
    counter_new(Box::into_raw(Box::new(Counter { value })) as i32)
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#[constructor]counter"]
pub unsafe extern "C" fn counter_constructor(start: i32) -> i32 {
    new_counter(start as u32)
}

// a borrow of a resource this component defines arrives as its representation
#[export_name = "dovetail:rust-guest/kinds@0.1.0#[method]counter.increment"]
pub unsafe extern "C" fn counter_increment(this: *mut Counter, by: i32) -> i32 {
    (*this).value = (*this).value.wrapping_add(by as u32);
    (*this).value as i32
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#[method]counter.value"]
pub unsafe extern "C" fn counter_value(this: *mut Counter) -> i32 {
    (*this).value as i32
}

// owned handles arrive as handles in this component's table: read them, then drop them (which
// runs the destructor below)
#[export_name = "dovetail:rust-guest/kinds@0.1.0#[static]counter.merge"]
pub unsafe extern "C" fn counter_merge(a: i32, b: i32) -> i32 {
    let sum = (*(counter_rep(a) as *mut Counter)).value + (*(counter_rep(b) as *mut Counter)).value;
    counter_drop(a);
    counter_drop(b);
    new_counter(sum)
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#[dtor]counter"]
pub unsafe extern "C" fn counter_dtor(rep: *mut Counter) {
    drop(Box::from_raw(rep));
    DROPPED += 1;
}

#[export_name = "dovetail:rust-guest/kinds@0.1.0#dropped"]
pub unsafe extern "C" fn dropped() -> i32 {
    DROPPED as i32
}
