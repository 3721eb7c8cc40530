;; A plug: exports dovetail:samples/math@0.1.0 with add(a, b).
(component
  (core module $M
    (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1))))
  (core instance $m (instantiate $M))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $m "add")))
  (instance $math (export "add" (func $add)))
  (export "dovetail:samples/math@0.1.0" (instance $math))
)
