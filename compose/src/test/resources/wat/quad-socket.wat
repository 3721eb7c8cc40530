;; A socket importing test:app/doubler (doubler.wat): quad(a, b) = 2 * twice-sum(a, b).
(component
  (import "test:app/doubler" (instance $d
    (export "twice-sum" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core func $twice (canon lower (func $d "twice-sum")))
  (core module $M
    (import "" "twice" (func $twice (param i32 i32) (result i32)))
    (func (export "quad") (param i32 i32) (result i32)
      (i32.mul (call $twice (local.get 0) (local.get 1)) (i32.const 2))))
  (core instance $m (instantiate $M (with "" (instance (export "twice" (func $twice))))))
  (func (export "quad") (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "quad")))
)
