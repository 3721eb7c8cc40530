;; Identifiers of enclosing components and types are sugar for outer aliases (Explainer.md):
;; the alias is inserted right before the item that uses it, after that item's hoisted inline
;; types, and binds the same identifier.
(component $C
  (type $X u8)
  (type $Y (list u8))
  (type $R (record (field "a" u8)))
  (type (component
    (type (func (param "a" $X) (param "b" (list u8)) (result $Y)))
    (type (tuple $X (list $Y) $R))
    (type (list $X))
    (import "f" (func (param "r" $R) (param "l" (list $R))))
    (type $inner (instance
      (type (tuple $X $Y))
      (export "z" (type (eq $R)))
      (type $inner-local u32)
      (export "w" (type (eq $inner-local)))))
    (export "i" (instance (type $inner)))
  ))
  (type $T (component
    (type $t u8)
    (type (instance
      (alias outer $T $t (type $tt))
      (type (list $t))
      (export "t" (type (eq $tt)))))))
  (component $nested
    (type (list $X))
    (alias outer $C $Y (type $Y2))
    (import "x" (type (eq $R)))
    (export "y" (type $Y))
    (component
      (type (option $X))
      (type $nested-t u8)
      (type (tuple $X $nested-t))))
)
