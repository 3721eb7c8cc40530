;; A socket: imports dovetail:samples/math@0.1.0 and exports twice-sum(a, b) = 2 * add(a, b).
(component
  (import "dovetail:samples/math@0.1.0" (instance $math
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core func $add (canon lower (func $math "add")))
  (core module $M
    (import "math" "add" (func $add (param i32 i32) (result i32)))
    (func (export "twice-sum") (param i32 i32) (result i32)
      (i32.mul (call $add (local.get 0) (local.get 1)) (i32.const 2))))
  (core instance $m (instantiate $M (with "math" (instance (export "add" (func $add))))))
  (func (export "twice-sum") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "twice-sum")))
)
