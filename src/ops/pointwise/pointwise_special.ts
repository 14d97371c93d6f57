// Special-function and angle pointwise ops with one tensor operand (lgamma, digamma, polygamma,
// mvlgamma, logit, deg2rad, rad2deg, sinc, i0, angle) and the float predicates signbit, isreal,
// isneginf, isposinf, plus positive. Each differentiable op is one defineUnaryOp spec carrying
// its derivatives.yaml formula; kernels come from pointwise_special_math.ts (ported Math.h).
import { Tensor } from '../../tensor/tensor.ts';
import { bool, float32, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import type { UnaryFn } from '../../backends/cpu.ts';
import { is_grad_enabled } from '../../autograd/grad_mode.ts';
import { unaryForward } from '../elementwise.ts';
import { add, mul, div, sub } from './arithmetic.ts';
import { reciprocal } from './unary.ts';
import { where_, zerosLikeValue } from './select_where.ts';
import { ge, gt, le, lt, logical_and, logical_or } from './compare.ts';
import { logical_not } from './pointwise_misc.ts';
import { abs, cos, sin } from './pointwise_unary.ts';
import { defineUnaryOp, rounderFor, type UnaryOp } from './pointwise_unary.ts';
import { digammaScalar, i0Scalar, i1Scalar, lgammaScalar, polygammaScalar } from './pointwise_special_math.ts';

const same = (f: UnaryFn) => (): UnaryFn => f;

// ---- gamma family --------------------------------------------------------------------------------

export const lgamma = defineUnaryOp({
  grad_fn: 'LgammaBackward0',
  dtypes: 'float',
  kernel: same(lgammaScalar),
  saves: 'self',
  backward: (g, x) => mul(g, digamma(x())),
});

export const digamma = defineUnaryOp({
  grad_fn: 'DigammaBackward0',
  dtypes: 'float',
  kernel: (dt) => {
    const r = rounderFor(dt);
    return (v) => digammaScalar(r(v), r);
  },
  saves: 'self',
  backward: (g, x) => mul(g, polygamma(1, x())),
});

/** polygamma_ has its own derivatives.yaml entry, hence its own grad_fn name (…Backward1). */
function polygammaOp(n: number, grad_fn: string): UnaryOp {
  return defineUnaryOp({
    grad_fn,
    dtypes: 'float',
    kernel: (dt) => {
      const r = rounderFor(dt);
      return (v) => polygammaScalar(n, r(v), r);
    },
    saves: 'self',
    backward: (g, x) => mul(g, polygamma(n + 1, x())),
  });
}

function checkPolygammaN(n: number): void {
  if (n < 0) throw new RuntimeError('polygamma(n, x) does not support negative n.');
}

/** torch.polygamma(n, x): the n-th derivative of digamma. */
export function polygamma(n: number, x: Tensor): Tensor {
  checkPolygammaN(n);
  return polygammaOp(n, 'PolygammaBackward0')(x);
}
/** `x.polygamma(n)` (the method takes n after self). */
export function polygamma_method(x: Tensor, n: number): Tensor {
  return polygamma(n, x);
}
export function polygamma_(x: Tensor, n: number): void {
  checkPolygammaN(n);
  polygammaOp(n, 'PolygammaBackward1').inplace(x);
}

/** The offsets −j/2 (j < p) that mvlgamma adds to x, in arange(−p/2 + 1/2, 1/2, 1/2)'s order. */
function mvlgammaOffsets(p: number): number[] {
  const offs: number[] = [];
  for (let j = p - 1; j >= 0; j--) offs.push(-j / 2);
  return offs;
}

function mvlgammaOp(p: number): UnaryOp {
  const offs = mvlgammaOffsets(p);
  const c = (p * (p - 1) * Math.log(Math.PI)) / 4;
  return defineUnaryOp({
    grad_fn: 'MvlgammaBackward0',
    dtypes: 'float',
    kernel: (dt) => {
      const r = rounderFor(dt);
      return (v) => {
        let s = 0;
        for (const o of offs) s = r(s + r(lgammaScalar(r(r(v) + o))));
        return r(s + r(c));
      };
    },
    saves: 'self',
    // mvlgamma_backward: g · Σ_j digamma(x − j/2)
    backward: (g, x) => {
      let s: Tensor | null = null;
      for (const o of offs) {
        const d = digamma(add(x(), o));
        s = s === null ? d : add(s, d);
      }
      return mul(g, s as Tensor);
    },
  });
}

function checkMvlgamma(x: Tensor, p: number): void {
  if (x.dtype === bool) throw new RuntimeError('The input tensor may not be a boolean tensor.');
  if (p < 1) throw new RuntimeError('p has to be greater than or equal to 1');
}

type POpt = number | { p: number };
const pOf = (p: POpt): number => (typeof p === 'number' ? p : p.p);

/** Multivariate log-gamma of dimension p: Σ_{j<p} lgamma(x − j/2) + p(p−1)/4·log π. */
export function mvlgamma(x: Tensor, p: POpt): Tensor {
  checkMvlgamma(x, pOf(p));
  return mvlgammaOp(pOf(p))(x);
}
export function mvlgamma_(x: Tensor, p: POpt): void {
  checkMvlgamma(x, pOf(p));
  // PyTorch's mvlgamma_ builds its offsets with arange(…, step 0.5) in self's dtype: an integer
  // dtype truncates the step to 0.
  if (!x.dtype.is_floating_point) throw new RuntimeError('step must be nonzero');
  mvlgammaOp(pOf(p)).inplace(x);
}

// ---- logit -----------------------------------------------------------------------------------------

type EpsOpt = number | null | { eps?: number | null };
const epsOf = (e?: EpsOpt): number | null => (e === undefined || e === null ? null : typeof e === 'number' ? e : (e.eps ?? null));

function logitOp(eps: number | null): UnaryOp {
  return defineUnaryOp({
    grad_fn: 'LogitBackward0',
    dtypes: 'float',
    kernel: (dt) => {
      const r = rounderFor(dt);
      if (eps === null) return (x) => (x === 1 ? Infinity : r(Math.log(r(x / r(1 - x)))));
      const lo = r(eps);
      const hi = r(1 - eps);
      return (x) => {
        const c = x < lo ? lo : x > hi ? hi : x;
        return c === 1 ? Infinity : r(Math.log(r(c / r(1 - c))));
      };
    },
    saves: 'self',
    backward: (g, xf) => {
      const x = xf();
      const lo = eps ?? 0;
      const hi = eps === null ? 1 : 1 - eps;
      const outside = eps === null ? NaN : 0;
      // Under create_graph PyTorch uses infinitely_differentiable_logit_backward (NaN inputs fall
      // outside); otherwise the logit_backward kernel, where only x < lo or x > hi do.
      const inside = is_grad_enabled() ? logical_and(ge(x, lo), le(x, hi)) : logical_not(logical_or(lt(x, lo), gt(x, hi)));
      return where_(inside, div(g, mul(x, sub(1, x))), outside);
    },
  });
}

/** log(x / (1 − x)), x first clamped to [eps, 1 − eps] when eps is given. */
export function logit(x: Tensor, eps?: EpsOpt): Tensor {
  return logitOp(epsOf(eps))(x);
}
export function logit_(x: Tensor, eps?: EpsOpt): void {
  logitOp(epsOf(eps)).inplace(x);
}

// ---- angles --------------------------------------------------------------------------------------

const M_PI_180 = 0.017453292519943295;
const M_180_PI = 57.29577951308232;

/** x·c in the result dtype (a wrapped double scalar times float32 is float32 math). */
function scaleKernel(c: number): (dt: dtype) => UnaryFn {
  return (dt) => {
    const r = rounderFor(dt);
    const k = r(c);
    return (v) => r(v * k);
  };
}

export const deg2rad = defineUnaryOp({
  grad_fn: 'Deg2RadBackward0',
  dtypes: 'float',
  kernel: scaleKernel(M_PI_180),
  saves: 'none',
  backward: (g) => mul(g, M_PI_180),
});

export const rad2deg = defineUnaryOp({
  grad_fn: 'Rad2DegBackward0',
  dtypes: 'float',
  kernel: scaleKernel(M_180_PI),
  saves: 'none',
  backward: (g) => mul(g, M_180_PI),
});

/** angle of a real number: π for negatives, 0 otherwise, NaN kept. */
export const angle = defineUnaryOp({
  grad_fn: 'AngleBackward0',
  dtypes: 'float',
  kernel: (dt) => {
    const pi = rounderFor(dt)(Math.PI);
    return (v) => (Number.isNaN(v) ? v : v < 0 ? pi : 0);
  },
  saves: 'none',
  // angle_backward is zero for real inputs.
  backward: (g) => zerosLikeValue(g),
});

// ---- sinc, i0 ------------------------------------------------------------------------------------

export const sinc = defineUnaryOp({
  grad_fn: 'SincBackward0',
  dtypes: 'float',
  kernel: (dt) => {
    const r = rounderFor(dt);
    const pi = r(Math.PI);
    return (a) => {
      if (a === 0) return 1;
      const p = r(pi * a);
      return r(r(Math.sin(p)) / p);
    };
  },
  saves: 'self',
  // sinc_backward: g·(πx·cos(πx) − sin(πx)) / (π·x²), zero where π·x² is zero.
  backward: (g, xf) => {
    const x = xf();
    const xPi = mul(x, Math.PI);
    const xSqPi = mul(mul(x, x), Math.PI);
    const out = mul(g, div(sub(mul(xPi, cos(xPi)), sin(xPi)), xSqPi));
    return where_(xSqPi.eq(0), 0, out);
  },
});

/** special.i1: the derivative of i0, itself differentiable (i1_backward) so i0 has second derivatives. */
const i1 = defineUnaryOp({
  grad_fn: 'SpecialI1Backward0',
  dtypes: 'float',
  kernel: same(i1Scalar),
  saves: 'self',
  backward: (g, xf) => {
    const x = xf();
    const y = i1(x);
    const eps = x.dtype === float32 ? 2 ** -23 : Number.EPSILON;
    const notTiny = gt(abs(x), eps);
    const safe = where_(notTiny, x, eps);
    const gradx = sub(i0(safe), mul(y, reciprocal(safe)));
    return mul(g, where_(notTiny, gradx, 0.5));
  },
});

export const i0 = defineUnaryOp({
  grad_fn: 'I0Backward0',
  dtypes: 'float',
  kernel: same(i0Scalar),
  saves: 'self',
  backward: (g, x) => mul(g, i1(x())),
});

// ---- predicates and positive -------------------------------------------------------------------------

const signbitFn: UnaryFn = (v) => (v < 0 || Object.is(v, -0) ? 1 : 0);

/** Whether the sign bit is set (−0 included). */
export function signbit(x: Tensor): Tensor {
  return unaryForward(x, bool, signbitFn);
}
/** Every real number is real. */
export function isreal(x: Tensor): Tensor {
  return unaryForward(x, bool, () => 1);
}
export function isposinf(x: Tensor): Tensor {
  return unaryForward(x, bool, (v) => (v === Infinity ? 1 : 0));
}
export function isneginf(x: Tensor): Tensor {
  return unaryForward(x, bool, (v) => (v === -Infinity ? 1 : 0));
}

/** Python's unary `+`: the tensor itself. */
export function positive(x: Tensor): Tensor {
  if (x.dtype === bool) throw new RuntimeError('The `+` operator, on a bool tensor is not supported.');
  return x;
}

// ---- in-place forms (Tensor.op_) ---------------------------------------------------------------

export const lgamma_ = lgamma.inplace;
export const digamma_ = digamma.inplace;
export const deg2rad_ = deg2rad.inplace;
export const rad2deg_ = rad2deg.inplace;
export const sinc_ = sinc.inplace;
export const i0_ = i0.inplace;
