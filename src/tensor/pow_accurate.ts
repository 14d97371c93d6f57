// pow(base, x) rounded correctly (to about 2^-100 before the final rounding), as glibc's pow
// is in practice. V8's Math.pow is off by one ulp for roughly one argument in ten, which
// shows up in float64 logspace. Computed as exp(x * ln(base)) in double-double arithmetic.

/** A double-double value hi + lo with |lo| <= ulp(hi) / 2. */
interface DD {
  hi: number;
  lo: number;
}

const SPLITTER = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): DD {
  const s = a + b;
  const bb = s - a;
  return { hi: s, lo: a - (s - bb) + (b - bb) };
}

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return { hi: s, lo: b - (s - a) };
}

function twoProd(a: number, b: number): DD {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

function ddAdd(a: DD, b: DD): DD {
  const s = twoSum(a.hi, b.hi);
  const t = twoSum(a.lo, b.lo);
  let r = quickTwoSum(s.hi, s.lo + t.hi);
  r = quickTwoSum(r.hi, r.lo + t.lo);
  return r;
}

function ddMul(a: DD, b: DD): DD {
  const p = twoProd(a.hi, b.hi);
  return quickTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}

function ddMulNum(a: DD, b: number): DD {
  const p = twoProd(a.hi, b);
  return quickTwoSum(p.hi, p.lo + a.lo * b);
}

function ddDiv(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  const r = ddAdd(a, neg(ddMulNum(b, q1)));
  const q2 = r.hi / b.hi;
  const r2 = ddAdd(r, neg(ddMulNum(b, q2)));
  const q3 = r2.hi / b.hi;
  return ddAdd(quickTwoSum(q1, q2), { hi: q3, lo: 0 });
}

function neg(a: DD): DD {
  return { hi: -a.hi, lo: -a.lo };
}

// ln 2 as a triple-double (exact to ~2^-160), from a 80-digit decimal expansion.
const LN2_0 = 0.6931471805599453;
const LN2_1 = 2.3190468138462996e-17;
const LN2_2 = 5.707708438416212e-34;

// Taylor coefficients 1/n! as double-doubles, built exactly from rationals at load time.
const INV_FACT: DD[] = (() => {
  const out: DD[] = [];
  let f: DD = { hi: 1, lo: 0 };
  for (let n = 1; n <= 14; n++) {
    f = ddDiv(f, { hi: n, lo: 0 });
    out.push(f);
  }
  return out;
})();

const REDUCE_BITS = 10;

/** exp of a double-double, as a double-double (finite, non-overflowing range only). */
function ddExp(x: DD): DD {
  const k = Math.round(x.hi / LN2_0);
  // r = x - k ln2, with k * LN2_0 exact as a double-double.
  let r = ddAdd(x, neg(twoProd(k, LN2_0)));
  r = ddAdd(r, neg(twoProd(k, LN2_1)));
  r = ddAdd(r, { hi: -k * LN2_2, lo: 0 });
  // exp(r) = (exp(r / 2^m))^2^m; e^t - 1 for tiny t by Taylor, then square m times as
  // s -> 2s + s^2 to keep the small part exact.
  const scale = 2 ** -REDUCE_BITS;
  const t: DD = { hi: r.hi * scale, lo: r.lo * scale };
  let term: DD = t;
  let s: DD = t;
  for (let n = 2; n <= 14; n++) {
    term = ddMul(term, t);
    const c = INV_FACT[n - 1] as DD;
    const add = ddMul(term, c);
    s = ddAdd(s, add);
    if (Math.abs(add.hi) < 1e-40) break;
  }
  for (let i = 0; i < REDUCE_BITS; i++) s = ddAdd({ hi: 2 * s.hi, lo: 2 * s.lo }, ddMul(s, s));
  const e = ddAdd({ hi: 1, lo: 0 }, s);
  // Multiply by 2^k in two steps so that 2^k itself never overflows or underflows.
  const k1 = Math.trunc(k / 2);
  const k2 = k - k1;
  const p1 = 2 ** k1;
  const p2 = 2 ** k2;
  return { hi: e.hi * p1 * p2, lo: e.lo * p1 * p2 };
}

/** ln(b) for finite b > 0 as a double-double: one Newton step on Math.log's estimate. */
function ddLog(b: number): DD {
  const l0 = Math.log(b);
  const e = ddExp({ hi: l0, lo: 0 });
  // l = l0 + (b - e) / e
  const corr = ddDiv(ddAdd({ hi: b, lo: 0 }, neg(e)), e);
  return ddAdd({ hi: l0, lo: 0 }, corr);
}

/**
 * A function x -> base^x, rounded correctly in all but astronomically rare cases. Special
 * values (non-positive or non-finite base, non-finite x, huge or tiny results) go to
 * Math.pow, whose special-case rules are C's.
 */
export function accuratePow(base: number): (x: number) => number {
  if (!(base > 0) || !Number.isFinite(base) || base === 1) return (x) => Math.pow(base, x);
  const lnb = ddLog(base);
  return (x: number): number => {
    if (!Number.isFinite(x) || x === 0) return Math.pow(base, x);
    const y = ddMulNum(lnb, x);
    // Outside these bounds the result overflows or is subnormal: Math.pow is exact enough
    // there (inf, 0) or the double-double scaling would round twice.
    if (y.hi > 709 || y.hi < -707) return Math.pow(base, x);
    const e = ddExp(y);
    return e.hi + e.lo;
  };
}
