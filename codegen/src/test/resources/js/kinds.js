// The JavaScript guest of kinds.wit (componentize-qjs conventions: records are objects with
// camelCase keys, variants {tag, val}, enums strings, flags objects of booleans, option none is
// null and option<option<T>> {tag, val}, a result return is the ok value or a thrown error, a
// nested result {tag, val}, tuples arrays, maps Map, chars one-character strings). An import
// that returns a result returns the ok value or throws an Error carrying the error as `payload`.
import catalog from "dovetail:js-kinds/catalog@0.1.0";

export function version() {
  return "js-kinds 0.1.0";
}

class Tally {
  constructor(start) {
    this.value = start;
  }
  add(by) {
    this.value += by;
    return this.value;
  }
  total() {
    return this.value;
  }
  static merge(a, b) {
    return new Tally(a.value + b.value);
  }
}

function nextChar(c) {
  const cp = c.codePointAt(0);
  const next = cp === 0xd7ff ? 0xe000 : cp === 0x10ffff ? 0 : cp + 1;
  return String.fromCodePoint(next);
}

// by hand: TextEncoder reads the environment, which --stub-wasi turns into a trap
function utf8(s) {
  const out = [];
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (cp < 0x80) {
      out.push(cp);
    } else if (cp < 0x800) {
      out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
  }
  return new Uint8Array(out);
}

function describeQuery(q) {
  switch (q.tag) {
    case "by-id":
      return `id ${q.val}`;
    case "by-name":
      return `name "${q.val}"`;
    case "by-tags":
      return `tags [${q.val.join(", ")}]`;
    default:
      return "everything";
  }
}

export const kinds = {
  Tally,
  scalars(a, b, c, d, e, f, g, h, i, j, k, l) {
    return [!a, -b, 255 - c, -d, 65535 - e, ~f, 4294967295 - g, -h, i + 1, j * 2, k / 4, nextChar(l)];
  },
  nextPrimitives(p) {
    return {
      aBool: !p.aBool,
      aS8: p.aS8 === 127 ? -128 : p.aS8 + 1,
      aU8: (p.aU8 + 1) % 256,
      aS16: p.aS16 === 32767 ? -32768 : p.aS16 + 1,
      aU16: (p.aU16 + 1) % 65536,
      aS32: (p.aS32 + 1) | 0,
      aU32: (p.aU32 + 1) % 4294967296,
      aS64: p.aS64 + 1,
      aU64: p.aU64 + 1,
      aF32: p.aF32 + 0.5,
      aF64: p.aF64 * -1,
      aChar: nextChar(p.aChar),
      aString: p.aString + "!",
    };
  },
  upper(s) {
    return s.toUpperCase();
  },
  reverseBytes(b) {
    return Uint8Array.from(b).reverse();
  },
  words(s) {
    return s.split(/\s+/).filter((w) => w.length > 0);
  },
  transpose(m) {
    if (m.length === 0) return [];
    return m[0].map((_, i) => m.map((row) => row[i]));
  },
  swap(t) {
    const [s, n, p] = t;
    return [{ x: p.y, y: p.x }, n * 2, s.split("").reverse().join("")];
  },
  scale(s, k) {
    switch (s.tag) {
      case "circle":
        return { tag: "circle", val: s.val * k };
      case "rect":
        return { tag: "rect", val: [s.val[0] * k, s.val[1] * k] };
      case "named":
        return { tag: "named", val: s.val.repeat(k) };
      case "points":
        return { tag: "points", val: s.val.map((p) => ({ x: p.x * k, y: p.y * k })) };
      default:
        return { tag: "nothing" };
    }
  },
  nextColor(c) {
    const order = ["red", "green", "dark-blue"];
    return order[(order.indexOf(c) + 1) % order.length];
  },
  toggle(p) {
    return { read: !p.read, write: !p.write, exec: !p.exec };
  },
  firstLong(xs, min) {
    const found = xs.find((x) => x.length >= min);
    return found === undefined ? null : found;
  },
  nested(o) {
    if (o.tag === "none") return { tag: "some", val: null };
    if (o.val === null) return { tag: "none" };
    return { tag: "some", val: o.val * 2 };
  },
  parse(s) {
    if (!/^-?[0-9]+$/.test(s)) {
      throw `not a number: ${s}`;
    }
    return Number(s);
  },
  divide(a, b) {
    if (b === 0) {
      throw undefined;
    }
    return a / b;
  },
  verify(s) {
    if (s.length === 0) {
      throw "empty";
    }
  },
  tallyResults(xs) {
    let sum = 0;
    const errors = [];
    for (const x of xs) {
      if (x.tag === "ok") sum += x.val;
      else errors.push(x.val);
    }
    return [sum, errors];
  },
  counts(words) {
    const m = new Map();
    for (const w of words) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  },

  find(q, order, limit) {
    return catalog.search(q, order, limit);
  },
  describe(q) {
    try {
      const items = catalog.search(q, "by-name", null);
      const names = items.map((i) => `${i.name}#${i.id}${i.price === null ? "" : ` at ${i.price}`}`);
      return `${describeQuery(q)}: ${names.join(", ") || "nothing"}`;
    } catch (e) {
      // an import's error arrives as an Error whose payload is the error value
      const f = e.payload;
      return `${describeQuery(q)}: failed with ${f.tag}${f.val === undefined ? "" : ` ${JSON.stringify(f.val)}`}`;
    }
  },
  restock(items, note) {
    let upserted;
    try {
      upserted = { tag: "ok", val: catalog.upsert(items) };
    } catch (e) {
      upserted = { tag: "err", val: e.payload };
    }
    return [upserted, catalog.note(note, utf8(note))];
  },
  inventory(ids) {
    return catalog.stock(ids);
  },
};
