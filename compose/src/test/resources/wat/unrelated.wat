;; A plug that exports nothing socket.wat imports.
(component
  (core module $M (func (export "one") (result i32) (i32.const 1)))
  (core instance $m (instantiate $M))
  (func $one (result u32) (canon lift (core func $m "one")))
  (instance $i (export "one" (func $one)))
  (export "other:thing/api" (instance $i))
)
