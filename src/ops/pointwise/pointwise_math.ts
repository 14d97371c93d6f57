// Scalar kernels JS's Math lacks: erf, erfc, erfinv, round-half-even, and PyTorch's rounding
// and modulo rules. Pure number functions; the ops that use them live in pointwise_*.ts.

const TWO_OVER_SQRT_PI = 1.1283791670955126; // 2/√π

/**
 * erf(x) for |x| < 2.5 from the series erf(x) = 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose
 * terms are all positive (no cancellation), so it is accurate to a few ulps there.
 */
function erfSeries(x: number): number {
  const a = Math.abs(x);
  const x2 = a * a;
  let term = a;
  let sum = a;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  const r = TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
  return x < 0 ? -r : r;
}

/**
 * erfc(x) for x ≥ 2.5 from its continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz.
 */
function erfcFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (f * Math.sqrt(Math.PI));
}

export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a < 2.5) return erfSeries(x);
  if (a > 6) return x > 0 ? 1 : -1;
  const r = 1 - erfcFraction(a);
  return x > 0 ? r : -r;
}

export function erfc(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x >= 2.5) return x > 27.3 ? 0 : erfcFraction(x);
  if (x <= -2.5) return 2 - (x < -6 ? 0 : erfcFraction(-x));
  return 1 - erfSeries(x);
}

/**
 * calc_erfinv from ATen/native/Math.h: a rational first guess, then two Newton steps. `r`
 * rounds to the compute dtype (Math.fround for float32), as the C++ template computes in T.
 */
export function erfinv(y: number, r: (v: number) => number): number {
  const a = [0.886226899, -1.645349621, 0.914624893, -0.140543331].map(r) as [number, number, number, number];
  const b = [-2.118377725, 1.442710462, -0.329097515, 0.012229801].map(r) as [number, number, number, number];
  const c = [-1.970840454, -1.624906493, 3.429567803, 1.641345311].map(r) as [number, number, number, number];
  const d = [3.5438892, 1.6370678].map(r) as [number, number];
  const yAbs = Math.abs(y);
  if (yAbs > 1) return NaN;
  if (yAbs === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (yAbs <= r(0.7)) {
    const z = r(y * y);
    const num = r(r(r(r(r(r(a[3] * z) + a[2]) * z) + a[1]) * z) + a[0]);
    const dem = r(r(r(r(r(r(r(r(b[3] * z) + b[2]) * z) + b[1]) * z) + b[0]) * z) + 1);
    x = r(r(y * num) / dem);
  } else {
    const z = r(Math.sqrt(r(-Math.log(r(r(1 - yAbs) / 2)))));
    const num = r(r(r(r(r(r(c[3] * z) + c[2]) * z) + c[1]) * z) + c[0]);
    const dem = r(r(r(r(d[1] * z) + d[0]) * z) + 1);
    x = r((y < 0 || Object.is(y, -0) ? -num : num) / dem);
  }
  const k = r(2 / r(Math.sqrt(Math.PI)));
  for (let i = 0; i < 2; i++) {
    x = r(x - r(r(r(erf(x)) - y) / r(k * r(Math.exp(r(-x * x))))));
  }
  return x;
}

/** C's nearbyint under the default rounding mode: halves go to the even neighbour. */
export function roundHalfEven(v: number): number {
  if (!Number.isFinite(v)) return v;
  const f = Math.floor(v);
  const d = v - f;
  let res: number;
  if (d < 0.5) res = f;
  else if (d > 0.5) res = f + 1;
  else res = f % 2 === 0 ? f : f + 1;
  // nearbyint keeps the sign of zero (round(-0.3) is -0.).
  return res === 0 && (v < 0 || Object.is(v, -0)) ? -0 : res;
}

/** Python-style modulo (ATen remainder): the result takes the divisor's sign. */
export function remainderFloat(a: number, b: number): number {
  let m = a % b;
  if (m !== 0 && b < 0 !== m < 0) m += b;
  return m;
}

/** ATen's div_floor_floating (Python's float //). */
export function floorDivideFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let q = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) q -= 1;
  if (q !== 0) {
    let fq = Math.floor(q);
    if (q - fq > 0.5) fq += 1;
    return fq;
  }
  return Math.sign(a / b) * 0;
}
