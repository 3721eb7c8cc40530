;; functype: parameters, results, async; inline value types are hoisted into type
;; definitions of their own (parameters first, then the result, innermost first).
(component
  (type $empty (func))
  (type (func (param "a" u8)))
  (type (func (result string)))
  (type $f (func (param "a" u8) (param "b" (list u8)) (param "c" (tuple u8 (list u16))) (result (option (list u8)))))
  (type (func async))
  (type (func async (param "s" (stream u8)) (result (future string))))
  (import "f" (func (param "x" (list string)) (result (result u8 (error string)))))
  (import "g" (func $g (type $f)))
  (import "h" (func (type 0)))
  (import "i" (func async (param "x" (record (field "a" (list u8))))))
  (export "g2" (func $g))
  (export "g3" (func 1) (func (type $f)))
  (export "g4" (func $g) (func (param "a" u8) (param "b" (list u8)) (param "c" (tuple u8 (list u16))) (result (option (list u8)))))
)
