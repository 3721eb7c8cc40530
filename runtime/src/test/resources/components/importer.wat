;; Imports a core module and a component from the host and instantiates both (RuntimeApiTest).
(component
  (import "m" (core module $M (export "seven" (func (result i32)))))
  (import "c" (component $C (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core instance $mi (instantiate $M))
  (instance $ci (instantiate $C))
  (func (export "seven") (result u32) (canon lift (core func $mi "seven")))
  (export "add" (func $ci "add"))
)
