// The socket of the composition samples (world `app` of ../wit/samples.wit): it calls the Rust
// `math` and the Go `text` components, which are linked to it at the Wasm level.
import math from "dovetail:samples/math@0.1.0";
import text from "dovetail:samples/text@0.1.0";

function numbersIn(words) {
  return words.filter((w) => /^-?[0-9]+$/.test(w)).map((w) => Number(w));
}

export function report(input) {
  const words = text.words(input);
  const stats = math.summarize(numbersIn(words));
  const min = stats.min === null ? "none" : String(stats.min);
  const max = stats.max === null ? "none" : String(stats.max);
  const fib = math.fib(math.add(stats.count, 10));
  return `${words.length} words, ${stats.count} numbers (sum ${stats.sum}, min ${min}, max ${max}); ` +
    `fib(count + 10) = ${fib}; reversed: ${text.reverse(input)}`;
}

export function greetAll(names) {
  return names.map((name) => {
    try {
      return { tag: "ok", val: text.greet(name) };
    } catch (e) {
      return { tag: "err", val: typeof e === "string" ? e : String(e && e.payload !== undefined ? e.payload : e) };
    }
  });
}

export function total(values) {
  return math.summarize(values).sum;
}
