;; A core module for world `greeter` (greeter.wit), written by hand: the canonical ABI
;; signatures of its imports and exports (Explainer.md / CanonicalABI.md "flattening"), with the
;; export names wit-component accepts (`name`, `interface#name`, `memory`, `cabi_realloc`).
;; The bodies do nothing useful; only the types matter to `jco new`.
(module
  ;; log: func(msg: string): (ptr, len)
  (import "$root" "log" (func $log (param i32 i32)))
  ;; everything of `types` (wit-component drops the world's imports a module does not use)
  (import "test:greeter/types@0.1.0" "[constructor]counter" (func $new (param i32) (result i32)))
  (import "test:greeter/types@0.1.0" "[method]counter.get" (func $get (param i32) (result i32)))
  (import "test:greeter/types@0.1.0" "[resource-drop]counter" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  ;; cabi_realloc(old, old-size, align, new-size) -> ptr: a bump allocator
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    global.get $heap
    local.set $p
    global.get $heap
    local.get 3
    i32.add
    global.set $heap
    local.get $p)
  ;; greet(name: string, at: point) -> string: (ptr, len, x, y) -> ret-ptr
  (func (export "greet") (param i32 i32 i32 i32) (result i32)
    local.get 0
    local.get 1
    call $log
    i32.const 16)
  ;; move(p: point, dx: s32) -> point: (x, y, dx) -> ret-ptr
  (func (export "test:greeter/api@0.1.0#move") (param i32 i32 i32) (result i32)
    i32.const 32)
  ;; paint(c: color) -> option<string>: (discriminant) -> ret-ptr
  (func (export "test:greeter/api@0.1.0#paint") (param i32) (result i32)
    i32.const 48)
  ;; make(start: u32) -> own<counter>: (start) -> handle
  (func (export "test:greeter/api@0.1.0#make") (param i32) (result i32)
    unreachable)
  ;; tally(c: borrow<counter>) -> result<u64, string>: (handle) -> ret-ptr
  (func (export "test:greeter/api@0.1.0#tally") (param i32) (result i32)
    local.get 0
    call $drop
    i32.const 64)
)
