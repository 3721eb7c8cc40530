;; componenttype with import and export declarators, nested component types, and outer aliases
;; written out (by identifier and by number).
(component $C
  (type $T (list (tuple string bool)))
  (type $U (option $T))
  (type $G (func (param "x" (list $T)) (result $U)))
  (type $D (component
    (alias outer $C $T (type $C_T))
    (type $L (list $C_T))
    (import "f" (func (param "x" $L) (result (list u8))))
    (import "g" (func (type $G)))
    (export "g2" (func (type $G)))
    (export "h" (func (result $U)))
    (import "T" (type $T (sub resource)))
    (import "i" (func (param "x" (list (own $T)))))
    (export "T2" (type $T' (eq $T)))
    (export "U" (type $U' (sub resource)))
    (export "j" (func (param "x" (borrow $T')) (result (own $U'))))
  ))
  (type (component
    (alias outer 1 0 (type))
    (alias outer $C 2 (type $g))
    (type (component
      (alias outer 2 1 (type))
      (alias outer 1 0 (type))
      (import "x" (component (type 1)))))
    (import "fs" (instance $fs
      (export "file" (type (sub resource)))))
    (alias export $fs "file" (type $fileT))
    (export "process" (func (param "file" (borrow $fileT))))
    (import "c" (component $c (import "x" (func)) (export "y" (func (type $g)))))
  ))
  (import "fs-component" (component (type $D)))
  (import "other" (component $o (type 4)))
  (export "d" (type $D))
)
