;; A plug exporting test:app/logger; it imports wasi:io/streams and wasi:cli/stdout too (the
;; same names as stdout-socket.wat: merged into one import each). logged() opens and drops
;; stdout twice and returns 2.
(component
  (import "wasi:io/streams@0.2.0" (instance $streams
    (export "output-stream" (type (sub resource)))))
  (alias export $streams "output-stream" (type $os))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer 1 $os (type $os'))
    (export "output-stream" (type $os2 (eq $os')))
    (export "get-stdout" (func (result (own $os2))))))
  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $drop (canon resource.drop $os))
  (core module $M
    (import "" "get-stdout" (func $get-stdout (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "logged") (result i32)
      (call $drop (call $get-stdout))
      (call $drop (call $get-stdout))
      (i32.const 2)))
  (core instance $m (instantiate $M (with "" (instance
    (export "get-stdout" (func $get-stdout)) (export "drop" (func $drop))))))
  (func $logged (result u32) (canon lift (core func $m "logged")))
  (instance $api (export "logged" (func $logged)))
  (export "test:app/logger" (instance $api))
)
