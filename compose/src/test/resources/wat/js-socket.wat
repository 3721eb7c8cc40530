;; A socket for the JavaScript guest: imports the color enum and mix of
;; dovetail:js-guest/shapes@0.1.0 (a subset of its exports) and exports mix-twice(a, b) =
;; mix(mix(a, b), b), colors as their case numbers (an enum is lowered to its case index).
(component
  (import "dovetail:js-guest/shapes@0.1.0" (instance $shapes
    (type $e (enum "red" "green" "dark-blue"))
    (export "color" (type $c (eq $e)))
    (export "mix" (func (param "a" $c) (param "b" $c) (result $c)))))
  (core func $mix (canon lower (func $shapes "mix")))
  (core module $M
    (import "" "mix" (func $mix (param i32 i32) (result i32)))
    (func (export "mix-twice") (param i32 i32) (result i32)
      (call $mix (call $mix (local.get 0) (local.get 1)) (local.get 1))))
  (core instance $m (instantiate $M (with "" (instance (export "mix" (func $mix))))))
  (func (export "mix-twice") (param "a" u32) (param "b" u32) (result u32)
    (canon lift (core func $m "mix-twice")))
)
