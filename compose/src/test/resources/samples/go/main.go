// World `text-provider` of samples.wit (interface dovetail:samples/text@0.1.0) for
// GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared: a reactor whose //go:wasmexport
// functions follow the canonical ABI by hand. Strings arrive as (pointer, length) in memory the
// host got from cabi_realloc; results are written to a static return area and point at memory
// that stays pinned until the host calls the matching cabi_post_ function.
package main

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

const iface = "dovetail:samples/text@0.1.0#"

// pinned keeps memory handed to the host (or allocated by it) reachable for Go's collector,
// keyed by address; returned holds what the last call returned, freed by its cabi_post_.
var (
	pinned   = map[uintptr][]byte{}
	returned []uintptr
)

// retArea is the static return area: result<string, string> needs 12 bytes, align 4.
var retArea [3]uint32

func alloc(size uint32) []byte {
	if size == 0 {
		return nil
	}
	b := make([]byte, size)
	pinned[uintptr(unsafe.Pointer(&b[0]))] = b
	return b
}

// address of b's memory; for an empty string or list any non-null pointer with the element's alignment.
func address(b []byte, align uint32) uint32 {
	if len(b) == 0 {
		return align
	}
	return uint32(uintptr(unsafe.Pointer(&b[0])))
}

//go:wasmexport cabi_realloc
func cabiRealloc(old unsafe.Pointer, oldSize, align, newSize uint32) unsafe.Pointer {
	b := alloc(newSize)
	if old != nil && oldSize != 0 {
		copy(b, unsafe.Slice((*byte)(old), oldSize))
		delete(pinned, uintptr(old))
	}
	if len(b) == 0 {
		return unsafe.Pointer(uintptr(align))
	}
	return unsafe.Pointer(&b[0])
}

// takeString copies a string the host wrote into memory from cabi_realloc, and releases that memory.
func takeString(p unsafe.Pointer, n uint32) string {
	if n == 0 {
		return ""
	}
	s := string(unsafe.Slice((*byte)(p), n))
	delete(pinned, uintptr(p))
	return s
}

// giveString copies s into pinned memory and records it for the next cabi_post_ call.
func giveString(s string) (uint32, uint32) {
	b := alloc(uint32(len(s)))
	copy(b, s)
	if len(b) != 0 {
		returned = append(returned, uintptr(unsafe.Pointer(&b[0])))
	}
	return address(b, 1), uint32(len(s))
}

func release() {
	for _, p := range returned {
		delete(pinned, p)
	}
	returned = returned[:0]
}

func ret() unsafe.Pointer {
	return unsafe.Pointer(&retArea[0])
}

//go:wasmexport dovetail:samples/text@0.1.0#reverse
func reverse(p unsafe.Pointer, n uint32) unsafe.Pointer {
	s := takeString(p, n)
	out := make([]rune, 0, utf8.RuneCountInString(s))
	for _, r := range s {
		out = append(out, r)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	retArea[0], retArea[1] = giveString(string(out))
	return ret()
}

//go:wasmexport cabi_post_dovetail:samples/text@0.1.0#reverse
func reversePost(unsafe.Pointer) { release() }

//go:wasmexport dovetail:samples/text@0.1.0#words
func words(p unsafe.Pointer, n uint32) unsafe.Pointer {
	fields := strings.Fields(takeString(p, n))
	list := alloc(uint32(8 * len(fields)))
	if len(list) != 0 {
		returned = append(returned, uintptr(unsafe.Pointer(&list[0])))
	}
	pairs := unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(list))), 2*len(fields))
	for i, f := range fields {
		pairs[2*i], pairs[2*i+1] = giveString(f)
	}
	retArea[0], retArea[1] = address(list, 4), uint32(len(fields))
	return ret()
}

//go:wasmexport cabi_post_dovetail:samples/text@0.1.0#words
func wordsPost(unsafe.Pointer) { release() }

//go:wasmexport dovetail:samples/text@0.1.0#greet
func greet(p unsafe.Pointer, n uint32) unsafe.Pointer {
	name := takeString(p, n)
	if strings.TrimSpace(name) == "" {
		retArea[0] = 1 // err
		retArea[1], retArea[2] = giveString("empty name")
	} else {
		retArea[0] = 0 // ok
		retArea[1], retArea[2] = giveString("Hello, " + name + "!")
	}
	return ret()
}

//go:wasmexport cabi_post_dovetail:samples/text@0.1.0#greet
func greetPost(unsafe.Pointer) { release() }

func main() {}
