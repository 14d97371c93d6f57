// Scalar kernels of the special functions, ported from ATen/native/Math.h (Cephes) so that values
// match PyTorch's: digamma, trigamma, zeta/polygamma, i0, i1. lgamma is glibc's in PyTorch; here
// it is a Lanczos approximation (relative error ~1e-15, well inside assert_close's tolerances).

/** Rounds to what the compute dtype holds (identity for float64). */
export type Rounder = (v: number) => number;

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 0.000009984369578019572, 1.5056327351493116e-7,
];
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log|Γ(x)|: +inf at the poles (non-positive integers) and at ±inf, as std::lgamma. */
export function lgammaScalar(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (!Number.isFinite(x)) return Infinity;
  if (x <= 0 && Number.isInteger(x)) return Infinity;
  if (x < 0.5) {
    // Reflection; sin(π·frac(x)) keeps the accuracy that sin(π·x) loses for large |x|.
    const s = Math.abs(Math.sin(Math.PI * (x - Math.trunc(x))));
    return Math.log(Math.PI / s) - lgammaScalar(1 - x);
  }
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return HALF_LOG_2PI + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function polevl(x: number, A: readonly number[], r: Rounder): number {
  let result = 0;
  for (const c of A) result = r(r(result * x) + c);
  return result;
}

const PSI_A = [
  0.08333333333333333, -0.021092796092796094, 0.007575757575757576, -0.004166666666666667,
  0.003968253968253968, -0.008333333333333333, 0.08333333333333333,
];
const PSI_10 = 2.251752589066721;

/** calc_digamma (float and double versions: `r` rounds each step to the compute dtype). */
export function digammaScalar(x: number, r: Rounder): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  if (x < 0) {
    if (x === Math.trunc(x)) return NaN;
    const frac = x - Math.trunc(x);
    const piOverTan = r(Math.PI / Math.tan(Math.PI * frac));
    return r(digammaScalar(r(1 - x), r) - piOverTan);
  }
  let result = 0;
  while (x < 10) {
    result = r(result - r(1 / x));
    x = r(x + 1);
  }
  if (x === 10) return r(result + r(PSI_10));
  let y = 0;
  if (x < 1e17) {
    const z = r(1 / r(x * x));
    y = r(z * polevl(z, r === Math.fround ? PSI_A.map(Math.fround) : PSI_A, r));
  }
  return r(r(r(result + r(Math.log(x))) - r(0.5 / x)) - y);
}

/** trigamma (float and double versions). */
export function trigammaScalar(x: number, r: Rounder): number {
  let sign = 1;
  let result = 0;
  const pi = r(Math.PI);
  if (x < 0.5) {
    sign = -1;
    const s = r(Math.sin(r(pi * x)));
    result = r(result - r(r(pi * pi) / r(s * s)));
    x = r(1 - x);
  }
  for (let i = 0; i < 6; i++) {
    result = r(result + r(1 / r(x * x)));
    x = r(x + 1);
  }
  const ixx = r(1 / r(x * x));
  const c6 = r(1 / 6);
  const c30 = r(1 / 30);
  const c42 = r(1 / 42);
  const inner = r(ixx * r(c6 - r(ixx * r(c30 - r(ixx * c42)))));
  result = r(result + r(r(r(1 + r(1 / r(2 * x))) + inner) / x));
  return sign * result;
}

const ZETA_A = [
  12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1892437580.3183792, 74724249600, -2950130727918.164,
  116467828143500.67, -4597978722407473, 181521054019435460, -7166165256175667000,
];
const MACHEP = 1.1102230246251565e-16;

/** Hurwitz zeta ζ(x, q) (Cephes), computed in double as PyTorch's CPU kernel does. */
export function zetaScalar(x: number, q: number): number {
  if (x === 1) return Infinity;
  if (x < 1) return NaN;
  if (q <= 0) {
    if (q === Math.floor(q)) return Infinity;
    if (x !== Math.floor(x)) return NaN;
  }
  let s = Math.pow(q, -x);
  let a = q;
  let i = 0;
  let b = 0;
  while (i < 9 || a <= 9) {
    i += 1;
    a += 1;
    b = Math.pow(a, -x);
    s += b;
    if (-MACHEP * s < b && b < MACHEP * s) return s;
  }
  const w = a;
  s += (b * w) / (x - 1);
  s -= 0.5 * b;
  a = 1;
  let k = 0;
  for (let j = 0; j < 12; j++) {
    a *= x + k;
    b /= w;
    let t = (a * b) / (ZETA_A[j] as number);
    s = s + t;
    t = Math.abs(t / s);
    if (t < MACHEP) return s;
    k += 1;
    a *= x + k;
    b /= w;
    k += 1;
  }
  return s;
}

/** polygamma(n, x) as PyTorch's kernel dispatches it: digamma, trigamma, or (−1)^(n+1)·n!·ζ(n+1, x). */
export function polygammaScalar(n: number, x: number, r: Rounder): number {
  if (n === 0) return digammaScalar(x, r);
  if (n === 1) return trigammaScalar(x, r);
  const fact = r(Math.exp(r(lgammaScalar(n + 1))));
  return r((n % 2 ? 1 : -1) * fact * r(zetaScalar(n + 1, x)));
}

function chbevl(x: number, A: readonly number[]): number {
  let b0 = A[0] as number;
  let b1 = 0;
  let b2 = 0;
  for (let i = 1; i < A.length; i++) {
    b2 = b1;
    b1 = b0;
    b0 = x * b1 - b2 + (A[i] as number);
  }
  return 0.5 * (b0 - b2);
}

const I0_A = [
  -4.4153416464793395e-18, 3.3307945188222384e-17, -2.431279846547955e-16, 1.715391285555133e-15,
  -1.1685332877993451e-14, 7.676185498604936e-14, -4.856446783111929e-13, 2.95505266312964e-12,
  -1.726826291441556e-11, 9.675809035373237e-11, -5.189795601635263e-10, 2.6598237246823866e-9,
  -1.300025009986248e-8, 6.046995022541919e-8, -2.670793853940612e-7, 0.0000011173875391201037,
  -0.0000044167383584587505, 0.000016448448070728896, -0.00005754195010082104, 0.00018850288509584165,
  -0.0005763755745385824, 0.0016394756169413357, -0.004324309995050576, 0.010546460394594998,
  -0.02373741480589947, 0.04930528423967071, -0.09490109704804764, 0.17162090152220877,
  -0.3046826723431984, 0.6767952744094761,
];
const I0_B = [
  -7.233180487874754e-18, -4.830504485944182e-18, 4.46562142029676e-17, 3.461222867697461e-17,
  -2.8276239805165836e-16, -3.425485619677219e-16, 1.7725601330565263e-15, 3.8116806693526224e-15,
  -9.554846698828307e-15, -4.150569347287222e-14, 1.54008621752141e-14, 3.8527783827421426e-13,
  7.180124451383666e-13, -1.7941785315068062e-12, -1.3215811840447713e-11, -3.1499165279632416e-11,
  1.1889147107846439e-11, 4.94060238822497e-10, 3.3962320257083865e-9, 2.266668990498178e-8,
  2.0489185894690638e-7, 0.0000028913705208347567, 0.00006889758346916825, 0.0033691164782556943,
  0.8044904110141088,
];
const I1_A = [
  2.7779141127610464e-18, -2.111421214358166e-17, 1.5536319577362005e-16, -1.1055969477353862e-15,
  7.600684294735408e-15, -5.042185504727912e-14, 3.223793365945575e-13, -1.9839743977649436e-12,
  1.1736186298890901e-11, -6.663489723502027e-11, 3.625590281552117e-10, -1.8872497517228294e-9,
  9.381537386495773e-9, -4.445059128796328e-8, 2.0032947535521353e-7, -8.568720264695455e-7,
  0.0000034702513081376785, -0.000013273163656039436, 0.00004781565107550054, -0.00016176081582589674,
  0.0005122859561685758, -0.0015135724506312532, 0.004156422944312888, -0.010564084894626197,
  0.024726449030626516, -0.05294598120809499, 0.1026436586898471, -0.17641651835783406,
  0.25258718644363365,
];
const I1_B = [
  7.517296310842105e-18, 4.414348323071708e-18, -4.6503053684893586e-17, -3.209525921993424e-17,
  2.96262899764595e-16, 3.3082023109209285e-16, -1.8803547755107825e-15, -3.8144030724370075e-15,
  1.0420276984128802e-14, 4.272440016711951e-14, -2.1015418427726643e-14, -4.0835511110921974e-13,
  -7.198551776245908e-13, 2.0356285441470896e-12, 1.4125807436613782e-11, 3.2526035830154884e-11,
  -1.8974958123505413e-11, -5.589743462196584e-10, -3.835380385964237e-9, -2.6314688468895196e-8,
  -2.512236237870209e-7, -0.000003882564808877691, -0.00011058893876262371, -0.009761097491361469,
  0.7785762350182801,
];

/** Modified Bessel function I0 (calc_i0). */
export function i0Scalar(v: number): number {
  const x = Math.abs(v);
  if (x <= 8) return Math.exp(x) * chbevl(x / 2 - 2, I0_A);
  return (Math.exp(x) * chbevl(32 / x - 2, I0_B)) / Math.sqrt(x);
}

/** Modified Bessel function I1 (calc_i1), odd in x. */
export function i1Scalar(v: number): number {
  const x = Math.abs(v);
  const out = x <= 8 ? Math.exp(x) * x * chbevl(x / 2 - 2, I1_A) : (Math.exp(x) * chbevl(32 / x - 2, I1_B)) / Math.sqrt(x);
  return v < 0 ? -out : out;
}

const f32 = new Float32Array(1);
const i32 = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const i64 = new BigInt64Array(f64.buffer);

/** std::nextafter on the dtype's representation (float32 or float64). */
export function nextafterScalar(x: number, y: number, single: boolean): number {
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return y;
  if (x === 0) {
    const tiny = single ? 2 ** -149 : Number.MIN_VALUE;
    return y > 0 ? tiny : -tiny;
  }
  const up = x < y === x > 0;
  if (single) {
    f32[0] = x;
    i32[0] = (i32[0] as number) + (up ? 1 : -1);
    return f32[0] as number;
  }
  f64[0] = x;
  i64[0] = (i64[0] as bigint) + (up ? 1n : -1n);
  return f64[0] as number;
}

/** std::frexp: [mantissa in ±[0.5, 1), exponent]; 0, ±inf and NaN keep their value with exponent 0. */
export function frexpScalar(v: number): [number, number] {
  if (v === 0 || !Number.isFinite(v)) return [v, 0];
  let e = Math.floor(Math.log2(Math.abs(v))) + 1;
  // Scale in two steps: 2^-e alone overflows for subnormal inputs.
  const h = Math.trunc(e / 2);
  let m = v * 2 ** -h * 2 ** -(e - h);
  if (Math.abs(m) >= 1) {
    m /= 2;
    e += 1;
  } else if (Math.abs(m) < 0.5) {
    m *= 2;
    e -= 1;
  }
  return [m, e];
}
