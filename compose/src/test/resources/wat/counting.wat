;; A socket using the resource of counters.wat: count(n) makes a counter at n, increments it
;; twice, reads it and drops it.
(component
  (import "test:res/counters" (instance $c
    (export "counter" (type $ct (sub resource)))
    (export "[constructor]counter" (func (param "start" u32) (result (own $ct))))
    (export "[method]counter.inc" (func (param "self" (borrow $ct))))
    (export "[method]counter.get" (func (param "self" (borrow $ct)) (result u32)))))
  (alias export $c "counter" (type $counter))
  (core func $ctor (canon lower (func $c "[constructor]counter")))
  (core func $inc (canon lower (func $c "[method]counter.inc")))
  (core func $get (canon lower (func $c "[method]counter.get")))
  (core func $drop (canon resource.drop $counter))
  (core module $M
    (import "" "ctor" (func $ctor (param i32) (result i32)))
    (import "" "inc" (func $inc (param i32)))
    (import "" "get" (func $get (param i32) (result i32)))
    (import "" "drop" (func $drop (param i32)))
    (func (export "count") (param i32) (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $ctor (local.get 0)))
      (call $inc (local.get $h))
      (call $inc (local.get $h))
      (local.set $r (call $get (local.get $h)))
      (call $drop (local.get $h))
      (local.get $r)))
  (core instance $m (instantiate $M (with "" (instance
    (export "ctor" (func $ctor)) (export "inc" (func $inc)) (export "get" (func $get)) (export "drop" (func $drop))))))
  (func (export "count") (param "n" u32) (result u32) (canon lift (core func $m "count")))
)
