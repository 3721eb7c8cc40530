;; A command component written by hand that imports WASI at three different 0.2.x versions
;; (wasi:io/error@0.2.1, wasi:io/streams@0.2.3, wasi:cli/stdout@0.2.0) and exports
;; wasi:cli/run@0.2.0: its run writes "hello from 0.2.0\n" to stdout.
;; Regenerate the binary: interop/node_modules/.bin/jco parse mixed-versions.wat -o mixed-versions.wasm
(component
  (import "wasi:io/error@0.2.1" (instance $error
    (export "error" (type (sub resource)))))
  (alias export $error "error" (type $error-type))
  (import "wasi:io/streams@0.2.3" (instance $streams
    (alias outer 1 $error-type (type $outer-error))
    (export "error" (type $err (eq $outer-error)))
    (export "output-stream" (type $os (sub resource)))
    (type $own-err (own $err))
    (type $stream-error (variant (case "last-operation-failed" $own-err) (case "closed")))
    (export "stream-error" (type $se (eq $stream-error)))
    (type $borrow-os (borrow $os))
    (type $write (func (param "self" $borrow-os) (param "contents" (list u8)) (result (result (error $se)))))
    (export "[method]output-stream.blocking-write-and-flush" (func (type $write)))))
  (alias export $streams "output-stream" (type $os))
  (import "wasi:cli/stdout@0.2.0" (instance $stdout
    (alias outer 1 $os (type $outer-os))
    (export "output-stream" (type $os2 (eq $outer-os)))
    (type $own-os (own $os2))
    (type $get (func (result $own-os)))
    (export "get-stdout" (func (type $get)))))

  (core module $Memory
    (memory (export "memory") 1))
  (core instance $memory (instantiate $Memory))
  (alias core export $memory "memory" (core memory $mem))

  (core func $get-stdout (canon lower (func $stdout "get-stdout")))
  (core func $write (canon lower (func $streams "[method]output-stream.blocking-write-and-flush") (memory $mem)))
  (core func $drop-os (canon resource.drop $os))
  (core instance $host
    (export "get-stdout" (func $get-stdout))
    (export "write" (func $write))
    (export "drop" (func $drop-os)))

  (core module $Main
    (import "host" "get-stdout" (func $get-stdout (result i32)))
    (import "host" "write" (func $write (param i32 i32 i32 i32)))
    (import "host" "drop" (func $drop (param i32)))
    (import "env" "memory" (memory 1))
    (data (i32.const 16) "hello from 0.2.0\n")
    (func (export "run") (result i32)
      (local $out i32)
      (local.set $out (call $get-stdout))
      (call $write (local.get $out) (i32.const 16) (i32.const 17) (i32.const 64))
      (call $drop (local.get $out))
      ;; result<_, stream-error> at 64: discriminant 0 is ok; run's result is 0 for ok
      (i32.load8_u (i32.const 64))))
  (core instance $main (instantiate $Main
    (with "host" (instance $host))
    (with "env" (instance $memory))))

  (func $run (result (result)) (canon lift (core func $main "run")))
  (instance $run-instance (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run-instance)))
