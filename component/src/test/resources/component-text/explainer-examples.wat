;; Type-only examples adapted from Explainer.md.
(component
  (component
    (type $CT (component
      (import "fs" (instance $fs
        (export "file" (type (sub resource)))))
      (alias export $fs "file" (type $fileT))
      (export "process" (func (param "file" (borrow $fileT))))))
    (import "fs-component" (component (type $CT))))
  (component $C
    (import "r" (type $R (sub resource)))
    (type $IT (instance
      (alias outer $C $R (type $R))
      (export "process" (func (param "input" (borrow $R))))))
    (import "uses-r" (instance (type $IT))))
  (component
    (import "custom-hook" (func (param "s" string) (result string)))
    (import "wasi:http/handler" (instance
      (export "request" (type $request (sub resource)))
      (export "response" (type $response (sub resource)))
      (export "handle" (func (param "r" (own $request)) (result (own $response)))))))
  (component
    (type $x (component
      (export "a:b/x" (instance))))
    (export "x" (type $x)))
)
