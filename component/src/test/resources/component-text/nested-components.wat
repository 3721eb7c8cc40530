;; Nested components: each has its own index spaces and its own component-name section.
(component $outer
  (type $t u8)
  (component $a
    (type $x (list u8))
    (export "x" (type $x)))
  (component)
  (component $b
    (import "in" (instance $in (export "r" (type (sub resource)))))
    (component $c
      (type (list $t))
      (type $own (own 0)))
    (export "c" (component $c)))
  (component $e (@name "e-name") (export "e-export") (export "e-export2")
    (type $n (@name "n-name") (export "n-export") u8))
  (export "a" (component $a))
  (export "b" (component 2))
)
