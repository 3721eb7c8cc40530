;; instancetype: type, alias and export declarators; `(type <idx>)` refers to a type, while
;; `(type ...)` with a definition is a declarator.
(component
  (type $i (instance
    (export "r" (type $r (sub resource)))
    (type $own (own $r))
    (export "[constructor]r" (func (param "n" u32) (result $own)))
    (export "[method]r.get" (func (param "self" (borrow $r)) (result u32)))
    (export "[static]r.make" (func (result (own $r))))
    (type $l (list u8))
    (export "bytes" (type $bytes (eq $l)))
    (export "f" (func (type 1)))
    (export "nested" (instance $n
      (export "t" (type (sub resource)))
      (export "g" (func (param "x" string)))))
    (alias export $n "t" (type $t))
    (export "h" (func (param "t" (borrow $t))))
    (export "c" (component (import "d" (instance)) (export "e" (func))))
  ))
  (import "a" (instance (type $i)))
  (import "b" (instance (type (list u8))))
  (import "c" (instance (type $x u8) (export "x" (type (eq $x)))))
  (import "d" (instance $d
    (export "f" (func (param "a" (list u8)) (result (list u8))))
    (export "r" (type (sub resource)))))
  (import "e" (instance))
  (alias export $d "r" (type $dr))
  (alias export 2 "x" (type))
  (type (own $dr))
  (export "i" (instance $d))
)
