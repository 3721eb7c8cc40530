;; The component of BindingsCallBenchmark (world bench-calls of bindings.wit): add(u32, u32) -> u32,
;; and string and list<u8> echoes, lifted from one core module that the raw Chicory baseline calls
;; directly. Binary: `jco parse bindings.wat -o bindings.wasm` (jco from interop/).
(component
  (core module $M
    (memory (export "memory") 4)
    (global $next (mut i32) (i32.const 1024))
    ;; bump allocator, reset by post-return: what a guest with an arena per call does
    (func (export "cabi_realloc") (param $old i32) (param $osize i32) (param $align i32) (param $nsize i32) (result i32)
      (local $r i32)
      (global.set $next
        (i32.and (i32.add (global.get $next) (i32.sub (local.get $align) (i32.const 1)))
                 (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
      (local.set $r (global.get $next))
      (global.set $next (i32.add (global.get $next) (local.get $nsize)))
      (if (i32.gt_u (global.get $next) (i32.mul (memory.size) (i32.const 65536))) (then unreachable))
      (if (local.get $old)
        (then (memory.copy (local.get $r) (local.get $old) (local.get $osize))))
      (local.get $r))
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
    ;; (ptr, len) -> a return area at 16 holding (ptr, len): the argument handed back
    (func $echo (export "echo") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (local.get 0))
      (i32.store (i32.const 20) (local.get 1))
      (i32.const 16))
    (func (export "cabi_post_echo") (param i32) (global.set $next (i32.const 1024)))
  )
  (core instance $m (instantiate $M))
  (alias core export $m "memory" (core memory $mem))
  (alias core export $m "cabi_realloc" (core func $realloc))
  (func (export "add") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "add")))
  (func (export "echo") (param "s" string) (result string)
    (canon lift (core func $m "echo") (memory $mem) (realloc $realloc) (post-return (core func $m "cabi_post_echo"))))
  (type $bytes (list u8))
  (func (export "echo-bytes") (param "b" $bytes) (result $bytes)
    (canon lift (core func $m "echo") (memory $mem) (realloc $realloc) (post-return (core func $m "cabi_post_echo"))))
)
