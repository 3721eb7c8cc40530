//! World `math-provider` of `samples.wit` (interface `dovetail:samples/math@0.1.0`) written against
//! the canonical ABI by hand, no wit-bindgen: flattened parameters, a static return area for the
//! `stats` record (six flat values, more than one result) and `cabi_realloc` for the `list<s32>`
//! argument, which this module then owns and frees. No result points into the heap, so no
//! `cabi_post_*` function is needed.
//!
//! Built by SampleGuests with `rustc --target wasm32-unknown-unknown --crate-type cdylib -O`.

use std::alloc::{alloc, dealloc, realloc, Layout};
use std::ptr;

/// `stats`: count u32 @0, sum s64 @8, min option<s32> @16 (tag, value @20), max @24 (tag, value @28).
#[repr(C, align(8))]
struct RetArea([u8; 32]);

static mut RET: RetArea = RetArea([0; 32]);

unsafe fn put<T>(offset: usize, value: T) {
    ptr::write(RET.0.as_mut_ptr().add(offset) as *mut T, value);
}

unsafe fn put_option(offset: usize, value: Option<i32>) {
    match value {
        Some(v) => {
            put::<u8>(offset, 1);
            put::<i32>(offset + 4, v);
        }
        None => {
            put::<u8>(offset, 0);
            put::<i32>(offset + 4, 0);
        }
    }
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

#[export_name = "dovetail:samples/math@0.1.0#add"]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    (a as u32).wrapping_add(b as u32) as i32
}

#[export_name = "dovetail:samples/math@0.1.0#fib"]
pub extern "C" fn fib(n: i32) -> i64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..(n as u32) {
        let next = a.wrapping_add(b);
        a = b;
        b = next;
    }
    a as i64
}

#[export_name = "dovetail:samples/math@0.1.0#summarize"]
pub unsafe extern "C" fn summarize(values: *mut i32, len: usize) -> *mut u8 {
    let slice = std::slice::from_raw_parts(values, len);
    let sum: i64 = slice.iter().map(|&v| v as i64).sum();
    put::<u32>(0, len as u32);
    put::<i64>(8, sum);
    put_option(16, slice.iter().copied().min());
    put_option(24, slice.iter().copied().max());
    if len != 0 {
        dealloc(values as *mut u8, Layout::from_size_align_unchecked(len * 4, 4));
    }
    RET.0.as_mut_ptr()
}
