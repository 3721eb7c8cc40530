;; Calls back into the host, which may try to re-enter (RuntimeApiTest).
(component
  (import "callback" (func $cb))
  (core func $cb' (canon lower (func $cb)))
  (core module $M
    (import "" "cb" (func $cb))
    (func (export "run") (call $cb))
    (func (export "noop"))
    (func (export "boom") unreachable))
  (core instance $m (instantiate $M (with "" (instance (export "cb" (func $cb'))))))
  (func (export "run") (canon lift (core func $m "run")))
  (func (export "noop") (canon lift (core func $m "noop")))
  (func (export "boom") (canon lift (core func $m "boom")))
)
