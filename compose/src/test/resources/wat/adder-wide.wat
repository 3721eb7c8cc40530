;; A plug whose add takes b as u64: does not match what socket.wat imports.
(component
  (core module $M
    (func (export "add") (param i32 i64) (result i32) (i32.add (local.get 0) (i32.wrap_i64 (local.get 1)))))
  (core instance $m (instantiate $M))
  (func $add (param "a" u32) (param "b" u64) (result u32) (canon lift (core func $m "add")))
  (instance $math (export "add" (func $add)))
  (export "dovetail:samples/math@0.1.0" (instance $math))
)
