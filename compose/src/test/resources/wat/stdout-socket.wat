;; A socket importing wasi:cli/stdout, whose type refers to output-stream of the earlier
;; wasi:io/streams import (as wit-component writes it), and test:app/logger.
;; run() = logged() + the handle number get-stdout returned (dropped at once).
(component
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))))
  (alias export $streams "output-stream" (type $os))
  (type $stdout-type (instance
    (alias outer 1 $os (type $os'))
    (export "output-stream" (type $os2 (eq $os')))
    (export "get-stdout" (func (result (own $os2))))))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout (type $stdout-type)))
  (import "test:app/logger" (instance $logger
    (export "logged" (func (result u32)))))
  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $drop (canon resource.drop $os))
  (core func $logged (canon lower (func $logger "logged")))
  (core module $M
    (import "" "get-stdout" (func $get-stdout (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (import "" "logged" (func $logged (result i32)))
    (func (export "run") (result i32)
      (local $h i32)
      (local.set $h (call $get-stdout))
      (call $drop (local.get $h))
      (i32.add (call $logged) (i32.const 100))))
  (core instance $m (instantiate $M (with "" (instance
    (export "get-stdout" (func $get-stdout)) (export "drop" (func $drop)) (export "logged" (func $logged))))))
  (func (export "run") (result u32) (canon lift (core func $m "run")))
)
