;; A component that exports no wasi:cli/run.
;; Regenerate the binary: interop/node_modules/.bin/jco parse not-a-command.wat -o not-a-command.wasm
(component
  (core module $M (func (export "f") (result i32) (i32.const 7)))
  (core instance $m (instantiate $M))
  (func $f (result u32) (canon lift (core func $m "f")))
  (export "f" (func $f)))
