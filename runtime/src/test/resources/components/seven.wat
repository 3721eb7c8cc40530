;; A core module (not a component), supplied to importer.wat by the host.
(module (func (export "seven") (result i32) (i32.const 7)))
