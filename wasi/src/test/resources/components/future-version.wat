;; A component that imports a WASI version the host does not offer (wasi:random/random@0.3.0).
;; Regenerate the binary: interop/node_modules/.bin/jco parse future-version.wat -o future-version.wasm
(component
  (import "wasi:random/random@0.3.0" (instance $random
    (export "get-random-u64" (func (result u64))))))
