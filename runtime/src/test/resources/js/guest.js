// The JavaScript guest of guest.wit (componentize-qjs conventions: records are objects with
// camelCase keys, variants {tag, val}, enums strings, flags objects of booleans, option none is
// null, a result return is the ok value or a thrown error value).

export function greet(name) {
  return `Hello, ${name}!`;
}

export function shout(words) {
  return words.map((w) => w.toUpperCase() + "!");
}

export function find(haystack, needle) {
  const i = haystack.indexOf(needle);
  return i < 0 ? null : i;
}

export function parseNumber(s) {
  if (!/^-?[0-9]+$/.test(s)) {
    throw `not a number: ${s}`;
  }
  return Number(s);
}

export function checkedDiv(a, b) {
  if (b === 0) {
    throw "division by zero";
  }
  return Math.trunc(a / b);
}

export function stats(xs) {
  if (xs.length === 0) {
    return [0, 0, 0];
  }
  const sum = xs.reduce((a, b) => a + b, 0);
  return [sum / xs.length, Math.max(...xs), xs.length];
}

export function codePoints(s) {
  return Array.from(s);
}

export function maybeUpper(s) {
  return s === null || s === undefined ? null : s.toUpperCase();
}

export function utf8Length(s) {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0);
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export function echoBytes(b) {
  return Uint8Array.from(b).reverse();
}

export function wide(a, b) {
  return [a * 2, -b];
}

export function tally(xs) {
  let sum = 0;
  const errors = [];
  for (const x of xs) {
    if (x.tag === "ok") {
      sum += x.val;
    } else {
      errors.push(x.val);
    }
  }
  return [sum, errors];
}

export function fail(message) {
  throw new Error(message);
}

function area(s) {
  switch (s.tag) {
    case "circle":
      return Math.PI * s.val * s.val;
    case "rect": {
      const [a, b] = s.val;
      return Math.abs((b.x - a.x) * (b.y - a.y));
    }
    default:
      return 0;
  }
}

function classify(n) {
  if (n < 0) return { tag: "nothing" };
  if (n === 0) return { tag: "dot", val: { x: 0, y: 0 } };
  if (n % 2 === 0) return { tag: "rect", val: [{ x: 0, y: 0 }, { x: n, y: n / 2 }] };
  return { tag: "circle", val: n / 2 };
}

export const shapes = {
  area,
  classify,
  translate(p, dx, dy) {
    return { x: p.x + dx, y: p.y + dy };
  },
  bounds(points) {
    if (points.length === 0) return null;
    const xs = points.map((p) => p.x);
    const ys = points.map((p) => p.y);
    return [
      { x: Math.min(...xs), y: Math.min(...ys) },
      { x: Math.max(...xs), y: Math.max(...ys) },
    ];
  },
  describe(p) {
    const nick = p.nickName === null || p.nickName === undefined ? "" : ` "${p.nickName}"`;
    return `${p.name}${nick} (${p.age}), likes ${p.favorite}, tags: ${p.tags.join("/") || "none"}`;
  },
  older(p, years) {
    return { ...p, age: p.age + years, tags: [...p.tags, `+${years}`] };
  },
  mix(a, b) {
    if (a === b) return a;
    const order = ["red", "green", "dark-blue"];
    return order[(order.indexOf(a) + order.indexOf(b)) % 3];
  },
  grant(p, extra) {
    return { read: p.read || extra.read, write: p.write || extra.write, exec: p.exec && extra.exec };
  },
  shapesOf(ns) {
    return ns.map(classify);
  },
};
