;; A plug exporting an interface with a resource: counter(start), inc, get; the counter's value
;; lives in linear memory at the address that is the resource's rep.
(component
  (type $R (resource (rep i32)))
  (core func $new (canon resource.new $R))
  (core module $M
    (import "" "new" (func $new (param i32) (result i32)))
    (memory 1)
    (global $next (mut i32) (i32.const 16))
    (func (export "ctor") (param i32) (result i32)
      (local $p i32)
      (local.set $p (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 4)))
      (i32.store (local.get $p) (local.get 0))
      (call $new (local.get $p)))
    ;; a borrow of a resource this component defines arrives as its rep
    (func (export "inc") (param i32)
      (i32.store (local.get 0) (i32.add (i32.load (local.get 0)) (i32.const 1))))
    (func (export "get") (param i32) (result i32) (i32.load (local.get 0))))
  (core instance $m (instantiate $M (with "" (instance (export "new" (func $new))))))
  (func $ctor (param "start" u32) (result (own $R)) (canon lift (core func $m "ctor")))
  (func $inc (param "self" (borrow $R)) (canon lift (core func $m "inc")))
  (func $get (param "self" (borrow $R)) (result u32) (canon lift (core func $m "get")))
  ;; as wit-component does: a wrapper component gives the functions types that use the
  ;; exported resource, which has a name in the interface
  (component $Wrap
    (import "r" (type $r (sub resource)))
    (import "ctor" (func $c (param "start" u32) (result (own $r))))
    (import "inc" (func $i (param "self" (borrow $r))))
    (import "get" (func $g (param "self" (borrow $r)) (result u32)))
    (export $x "counter" (type $r))
    (export "[constructor]counter" (func $c) (func (param "start" u32) (result (own $x))))
    (export "[method]counter.inc" (func $i) (func (param "self" (borrow $x))))
    (export "[method]counter.get" (func $g) (func (param "self" (borrow $x)) (result u32))))
  (instance $api (instantiate $Wrap
    (with "r" (type $R)) (with "ctor" (func $ctor)) (with "inc" (func $inc)) (with "get" (func $get))))
  (export "test:res/counters" (instance $api))
)
