;; A WIT package encoded as a component (WIT.md "Package Format"): interface math of
;; dovetail:samples@0.1.0, with add only.
(component
  (type (export "math") (component
    (export "dovetail:samples/math@0.1.0" (instance
      (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))))
)
