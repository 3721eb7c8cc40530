;; Imports add from an instance "math" and a function "twice"; exports inc(x) = add(x, 1) and
;; quad(x) = twice(twice(x)) (RuntimeApiTest, linking two instances).
(component
  (import "math" (instance $math (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (import "twice" (func $twice (param "x" u32) (result u32)))
  (alias export $math "add" (func $add))
  (core func $add' (canon lower (func $add)))
  (core func $twice' (canon lower (func $twice)))
  (core module $M
    (import "" "add" (func $add (param i32 i32) (result i32)))
    (import "" "twice" (func $twice (param i32) (result i32)))
    (func (export "inc") (param i32) (result i32) (call $add (local.get 0) (i32.const 1)))
    (func (export "quad") (param i32) (result i32) (call $twice (call $twice (local.get 0)))))
  (core instance $m (instantiate $M (with "" (instance (export "add" (func $add')) (export "twice" (func $twice'))))))
  (func (export "inc") (param "x" u32) (result u32) (canon lift (core func $m "inc")))
  (func (export "quad") (param "x" u32) (result u32) (canon lift (core func $m "quad")))
)
