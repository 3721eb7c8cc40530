;; Imports a function that `dovetail run` cannot supply (RunCommandTest).
(component
  (import "log" (func $log (param "msg" string)))
  (core module $M (func (export "f") (result i32) (i32.const 7)))
  (core instance $m (instantiate $M))
  (func (export "f") (result u32) (canon lift (core func $m "f")))
)
