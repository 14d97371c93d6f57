// Python's float formatting ("{:.Nf}", "{:.Ne}", "{}" of an int) for the values the tensor
// printer shows. Python rounds the exact binary value half-to-even; JS's toFixed/toExponential
// also round the exact binary value, but send exact ties away from zero. So we take JS's digits
// and, only on an exact tie whose last digit came out odd, step that digit down by one (an odd
// digit never borrows). Ties are detected exactly from the double's bits.

const bits = new DataView(new ArrayBuffer(8));

/** |x| = m * 2^s with m odd (x finite, nonzero). */
function oddMantissa(x: number): { m: number; s: number } {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 2 ** 32 + lo;
  let s: number;
  if (biased === 0) {
    s = -1074; // subnormal
  } else {
    m += 2 ** 52;
    s = biased - 1075;
  }
  // Strip trailing zero bits (m < 2^53, so plain arithmetic is exact).
  while (m % 2 === 0) {
    m /= 2;
    s++;
  }
  return { m, s };
}

/** Whether |x| * 10^k has a fractional part of exactly one half. */
function isTie(x: number, k: number): boolean {
  const { m, s } = oddMantissa(x);
  if (k >= 0) {
    // |x| * 10^k = (m * 5^k) * 2^(s+k) with m * 5^k odd.
    return s + k === -1;
  }
  // |x| / 10^j = m * 2^(s-j) / 5^j: a half needs 5^j | m (so j <= 22 for m < 2^53) and s-j = -1.
  const j = -k;
  if (j > 22 || s - j !== -1) return false;
  return m % 5 ** j === 0;
}

/** Steps the last digit of a rounded-away result down to the even neighbour if it is odd. */
function toEven(str: string, tie: boolean): string {
  if (!tie) return str;
  const i = str.length - 1;
  const d = str.charCodeAt(i) - 48;
  if (d % 2 === 0) return str;
  return str.slice(0, i) + String(d - 1);
}

function nonFinite(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  return x > 0 ? 'inf' : '-inf';
}

function sign(x: number): string {
  return x < 0 || Object.is(x, -0) ? '-' : '';
}

/** Python's `"{:.{p}f}".format(x)`. */
export function formatFixed(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const ax = Math.abs(x);
  if (ax >= 1e21 || p > 100) return sign(x) + exactFixed(ax, p);
  const s = ax.toFixed(p);
  return sign(x) + (ax === 0 ? s : toEven(s, isTie(ax, p)));
}

/** Python's `"{:.{p}e}".format(x)`: at least two exponent digits. */
export function formatExp(x: number, p: number): string {
  if (!Number.isFinite(x)) return nonFinite(x);
  const ax = Math.abs(x);
  if (p > 100) return sign(x) + exactExp(ax, p);
  const s = ax.toExponential(p);
  const e = s.indexOf('e');
  let mant = s.slice(0, e);
  const exp = Number(s.slice(e + 1));
  // A tie is decided at the exponent JS chose; if rounding bumped it (9.95 -> 1.0e+01) the
  // result already is the even one, and no tie exists at the bumped exponent.
  if (ax !== 0) mant = toEven(mant, isTie(ax, p - exp));
  return sign(x) + mant + pyExponent(exp);
}

function pyExponent(exp: number): string {
  const a = Math.abs(exp);
  return 'e' + (exp < 0 ? '-' : '+') + (a < 10 ? '0' : '') + String(a);
}

// ---- exact BigInt fallback (values >= 1e21 in fixed notation, or precision > 100) -----------

/** |x| as n / 2^d exactly. */
function exactRatio(ax: number): { n: bigint; d: bigint } {
  if (ax === 0) return { n: 0n, d: 0n };
  const { m, s } = oddMantissa(ax);
  return s >= 0 ? { n: BigInt(m) << BigInt(s), d: 0n } : { n: BigInt(m), d: BigInt(-s) };
}

/** round-half-even(num / den) for positive den. */
function roundDiv(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

function exactFixed(ax: number, p: number): string {
  const { n, d } = exactRatio(ax);
  const digits = roundDiv(n * 10n ** BigInt(p), 1n << d).toString().padStart(p + 1, '0');
  return p === 0 ? digits : digits.slice(0, -p) + '.' + digits.slice(-p);
}

function exactExp(ax: number, p: number): string {
  if (ax === 0) return (p === 0 ? '0' : '0.' + '0'.repeat(p)) + 'e+00';
  const { n, d } = exactRatio(ax);
  let exp = Math.floor(Math.log10(ax));
  // Correct the float estimate so that 10^exp <= |x| < 10^(exp+1), exactly.
  const cmp = (e: number): number => {
    const lhs = e >= 0 ? n : n * 10n ** BigInt(-e);
    const rhs = e >= 0 ? 10n ** BigInt(e) << d : 1n << d;
    return lhs < rhs ? -1 : lhs > rhs ? 1 : 0;
  };
  while (cmp(exp) < 0) exp--;
  while (cmp(exp + 1) >= 0) exp++;
  const k = p - exp;
  let q = k >= 0 ? roundDiv(n * 10n ** BigInt(k), 1n << d) : roundDiv(n, (1n << d) * 10n ** BigInt(-k));
  if (q === 10n ** BigInt(p + 1)) {
    q /= 10n;
    exp++;
  }
  const digits = q.toString();
  return (p === 0 ? digits : digits[0] + '.' + digits.slice(1)) + pyExponent(exp);
}

/** Python's `"{}".format(v)` for an integer or bool tensor element. */
export function formatIntegral(v: number, isBool: boolean): string {
  if (isBool) return v !== 0 ? 'True' : 'False';
  // int64 is stored as a double; every int64 is below 1e21, where String() stops using exponents
  // (and String(-0) is '0', as Python's int has no negative zero).
  return String(v);
}
