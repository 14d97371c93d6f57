// Pointwise unary math ops (abs … erfinv, the rounding ops), each defined once with its
// kernel, dtype rule, saved value and derivatives.yaml formula; every op also gets its
// in-place `op_` form from the same definition.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, checkInplaceCast, float32, get_default_dtype, int64, type dtype } from '../../tensor/dtype.ts';
import { NotImplementedError, RuntimeError, TorchTypeError } from '../../errors.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import type { UnaryFn } from '../../backends/cpu.ts';
import { unaryForward, writeBack, unaryValues } from '../elementwise.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { clone } from '../copy.ts';
import { add, mul, div, sub, pow } from './arithmetic.ts';
import { exp, neg } from './unary.ts';
import { zerosLikeValue } from './select_where.ts';
import { erf as erfScalar, erfc as erfcScalar, erfinv as erfinvScalar, roundHalfEven } from './pointwise_math.ts';

/** Rounds a double to what the compute dtype holds (float32 math is float32-rounded per step). */
export function rounderFor(dt: dtype): (v: number) => number {
  return dt === float32 ? Math.fround : (v) => v;
}

/** PyTorch's AT_DISPATCH error for a dtype a kernel has no implementation for. */
export function notImplemented(kernel: string, dt: dtype): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dt.scalarName}'`);
}

type Formula = (g: Tensor, x: () => Tensor, y: () => Tensor) => Tensor;

interface UnarySpec {
  grad_fn: string;
  /** 'float': integer and bool inputs compute in the default float dtype; 'keep': the input's dtype. */
  dtypes: 'float' | 'keep';
  /** The ATen kernel name PyTorch's error names, and which input dtypes it rejects. */
  rejects?: { kernel: string; when: (dt: dtype) => boolean };
  /** The elementwise kernel for a compute dtype. */
  kernel: (dt: dtype) => UnaryFn;
  /** 'self' saves the input, 'result' the output (what the formula reads). */
  saves: 'self' | 'result' | 'none';
  backward: Formula;
  /**
   * PyTorch 1.13 has no derivative for the in-place form (asinh_, acosh_, atanh_): it records
   * `<Op>Backward1`, whose backward raises NotImplementedError.
   */
  inplaceNotImplemented?: string;
}

export interface UnaryOp {
  (x: Tensor): Tensor;
  /** The in-place form, `x.op_()`. */
  inplace: (x: Tensor) => void;
}

function resultDtype(spec: UnarySpec, x: Tensor): dtype {
  if (spec.rejects && spec.rejects.when(x.dtype)) throw notImplemented(spec.rejects.kernel, x.dtype);
  return spec.dtypes === 'keep' || x.dtype.is_floating_point ? x.dtype : get_default_dtype();
}

/** Defines one differentiable unary op (out-of-place and in-place) from its spec. */
export function defineUnaryOp(spec: UnarySpec): UnaryOp {
  const backward = (g: (Tensor | null)[], s: { get(i: number): Tensor }): Tensor[] => [
    spec.backward(
      g[0] as Tensor,
      () => s.get(0),
      () => s.get(0),
    ),
  ];
  const op = (x: Tensor): Tensor => {
    const dt = resultDtype(spec, x);
    const out = unaryForward(x, dt, spec.kernel(dt));
    if (needsGrad(x)) {
      record(spec.grad_fn, [x], out, backward, spec.saves === 'self' ? [x] : spec.saves === 'result' ? [out] : []);
    }
    return out;
  };
  const inplace = (self: Tensor): void => {
    checkInplace(self);
    checkInplaceCast(resultDtype(spec, self), self.dtype);
    const grad = needsGrad(self);
    // A formula that reads the input needs its value from before the write.
    const original = grad && spec.saves === 'self' ? clone(self) : null;
    writeBack(self, unaryValues(self, self.dtype, spec.kernel(self.dtype)));
    self._bumpVersion();
    if (grad && spec.inplaceNotImplemented !== undefined) {
      const op = spec.inplaceNotImplemented;
      rebaseHistory(self, spec.grad_fn.replace(/0$/, '1'), [self], () => {
        throw new NotImplementedError(`the derivative for 'inplace version of ${op}' is not implemented.`);
      }, []);
    } else if (grad) {
      rebaseHistory(self, spec.grad_fn, [self], backward, [spec.saves === 'self' ? original : spec.saves === 'result' ? self : null]);
    }
  };
  return Object.assign(op, { inplace });
}

const same = (f: UnaryFn) => (): UnaryFn => f;
const isBool = (dt: dtype): boolean => dt === bool;
const zeroGrad: Formula = (g) => zerosLikeValue(g);

// ---- signs and powers ----------------------------------------------------------------------

export const sign = defineUnaryOp({
  grad_fn: 'SignBackward0',
  dtypes: 'keep',
  // (0 < a) − is_negative(a): NaN gives 0.
  kernel: same((v) => (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0)),
  saves: 'none',
  backward: zeroGrad,
});

// For real tensors sgn is sign; sgn_backward is zero for real inputs.
export const sgn = defineUnaryOp({
  grad_fn: 'SgnBackward0',
  dtypes: 'keep',
  kernel: same((v) => (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0)),
  saves: 'none',
  backward: zeroGrad,
});

export const abs = defineUnaryOp({
  grad_fn: 'AbsBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'abs_cpu', when: isBool },
  kernel: same(Math.abs),
  saves: 'self',
  // g·sgn(x): zero at x = 0.
  backward: (g, x) => mul(g, sgn(x())),
});

export const rsqrt = defineUnaryOp({
  grad_fn: 'RsqrtBackward0',
  dtypes: 'float',
  kernel: same((v) => 1 / Math.sqrt(v)),
  saves: 'result',
  // −0.5·g·y³
  backward: (g, _x, y) => mul(mul(g, -0.5), pow(y(), 3)),
});

/** x·x with integer wraparound: exact low bits, where a double product would round first. */
function squareKernel(dt: dtype): UnaryFn {
  if (dt.is_floating_point) return (v) => v * v;
  if (dt === int64) return (v) => (Math.abs(v) < 2 ** 26 ? v * v : Number(BigInt.asIntN(64, BigInt(v) * BigInt(v))));
  return (v) => Math.imul(v, v);
}

const squareImpl = defineUnaryOp({
  grad_fn: 'PowBackward0',
  dtypes: 'keep',
  kernel: squareKernel,
  saves: 'self',
  // pow_backward(g, x, 2): g·(2·x^1)
  backward: (g, x) => mul(g, mul(pow(x(), 1), 2)),
});
/**
 * square is pow(x, 2) in PyTorch (PowBackward0); bool squares to int64 like pow(bool, 2).
 * Integer tensors (which never need a grad_fn) use the wrapping kernel.
 */
export const square: UnaryOp = Object.assign((x: Tensor): Tensor => (x.dtype.is_floating_point || x.dtype === bool ? pow(x, 2) : squareImpl(x)), {
  inplace: (x: Tensor): void => {
    if (x.dtype === bool) throw new RuntimeError(`Found dtype ${x.dtype.scalarName} but expected ${int64.scalarName}`);
    squareImpl.inplace(x);
  },
});

// ---- exponentials and logarithms -------------------------------------------------------------

export const exp2 = defineUnaryOp({
  grad_fn: 'Exp2Backward0',
  dtypes: 'float',
  kernel: same((v) => 2 ** v),
  saves: 'result',
  backward: (g, _x, y) => mul(mul(g, y()), Math.LN2),
});

export const expm1 = defineUnaryOp({
  grad_fn: 'Expm1Backward0',
  dtypes: 'float',
  kernel: same(Math.expm1),
  saves: 'result',
  backward: (g, _x, y) => mul(g, add(y(), 1)),
});

export const log2 = defineUnaryOp({
  grad_fn: 'Log2Backward0',
  dtypes: 'float',
  kernel: same(Math.log2),
  saves: 'self',
  backward: (g, x) => div(g, mul(x(), 0.6931471805599453)),
});

export const log10 = defineUnaryOp({
  grad_fn: 'Log10Backward0',
  dtypes: 'float',
  kernel: same(Math.log10),
  saves: 'self',
  // derivatives.yaml's literal 2.3025850929940456 is this double (one ulp below Math.LN10).
  backward: (g, x) => div(g, mul(x(), 2.3025850929940455)),
});

export const log1p = defineUnaryOp({
  grad_fn: 'Log1PBackward0',
  dtypes: 'float',
  kernel: same(Math.log1p),
  saves: 'self',
  backward: (g, x) => div(g, add(x(), 1)),
});

// ---- trigonometric and hyperbolic -------------------------------------------------------------

export const sin = defineUnaryOp({
  grad_fn: 'SinBackward0',
  dtypes: 'float',
  kernel: same(Math.sin),
  saves: 'self',
  backward: (g, x) => mul(g, cos(x())),
});

export const cos = defineUnaryOp({
  grad_fn: 'CosBackward0',
  dtypes: 'float',
  kernel: same(Math.cos),
  saves: 'self',
  backward: (g, x) => mul(g, neg(sin(x()))),
});

export const tan = defineUnaryOp({
  grad_fn: 'TanBackward0',
  dtypes: 'float',
  kernel: same(Math.tan),
  saves: 'result',
  backward: (g, _x, y) => mul(g, add(pow(y(), 2), 1)),
});

export const asin = defineUnaryOp({
  grad_fn: 'AsinBackward0',
  dtypes: 'float',
  kernel: same(Math.asin),
  saves: 'self',
  // g·(1 − x²)^(−1/2), written as PyTorch does: (−x·x + 1).rsqrt()
  backward: (g, x) => mul(g, rsqrt(add(mul(neg(x()), x()), 1))),
});

export const acos = defineUnaryOp({
  grad_fn: 'AcosBackward0',
  dtypes: 'float',
  kernel: same(Math.acos),
  saves: 'self',
  backward: (g, x) => mul(g, neg(rsqrt(add(mul(neg(x()), x()), 1)))),
});

export const atan = defineUnaryOp({
  grad_fn: 'AtanBackward0',
  dtypes: 'float',
  kernel: same(Math.atan),
  saves: 'self',
  backward: (g, x) => div(g, add(mul(x(), x()), 1)),
});

export const sinh = defineUnaryOp({
  grad_fn: 'SinhBackward0',
  dtypes: 'float',
  kernel: same(Math.sinh),
  saves: 'self',
  backward: (g, x) => mul(g, cosh(x())),
});

export const cosh = defineUnaryOp({
  grad_fn: 'CoshBackward0',
  dtypes: 'float',
  kernel: same(Math.cosh),
  saves: 'self',
  backward: (g, x) => mul(g, sinh(x())),
});

export const asinh = defineUnaryOp({
  grad_fn: 'AsinhBackward0',
  inplaceNotImplemented: 'asinh',
  dtypes: 'float',
  kernel: same(Math.asinh),
  saves: 'self',
  backward: (g, x) => mul(g, rsqrt(add(pow(x(), 2), 1))),
});

export const acosh = defineUnaryOp({
  grad_fn: 'AcoshBackward0',
  inplaceNotImplemented: 'acosh',
  dtypes: 'float',
  kernel: same(Math.acosh),
  saves: 'self',
  backward: (g, x) => mul(g, rsqrt(sub(mul(x(), x()), 1))),
});

export const atanh = defineUnaryOp({
  grad_fn: 'AtanhBackward0',
  inplaceNotImplemented: 'atanh',
  dtypes: 'float',
  kernel: same(Math.atanh),
  saves: 'self',
  // grad * 1 / (1 − x²), evaluated left to right as in derivatives.yaml
  backward: (g, x) => div(mul(g, 1), sub(1, pow(x(), 2))),
});

// ---- error functions ---------------------------------------------------------------------------

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

export const erf = defineUnaryOp({
  grad_fn: 'ErfBackward0',
  dtypes: 'float',
  kernel: same(erfScalar),
  saves: 'self',
  backward: (g, x) => mul(mul(exp(neg(pow(x(), 2))), TWO_OVER_SQRT_PI), g),
});

export const erfc = defineUnaryOp({
  grad_fn: 'ErfcBackward0',
  dtypes: 'float',
  kernel: same(erfcScalar),
  saves: 'self',
  backward: (g, x) => mul(mul(exp(neg(pow(x(), 2))), -TWO_OVER_SQRT_PI), g),
});

export const erfinv = defineUnaryOp({
  grad_fn: 'ErfinvBackward0',
  dtypes: 'float',
  kernel: (dt) => {
    const r = rounderFor(dt);
    return (v) => erfinvScalar(v, r);
  },
  saves: 'self',
  backward: (g, x) => mul(mul(exp(pow(erfinv(x()), 2)), 0.5 * Math.sqrt(Math.PI)), g),
});

// ---- rounding ----------------------------------------------------------------------------------

export const floor = defineUnaryOp({
  grad_fn: 'FloorBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'floor_vml_cpu', when: isBool },
  kernel: same(Math.floor),
  saves: 'none',
  backward: zeroGrad,
});

export const ceil = defineUnaryOp({
  grad_fn: 'CeilBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'ceil_vml_cpu', when: isBool },
  kernel: same(Math.ceil),
  saves: 'none',
  backward: zeroGrad,
});

export const trunc = defineUnaryOp({
  grad_fn: 'TruncBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'trunc_vml_cpu', when: isBool },
  kernel: same(Math.trunc),
  saves: 'none',
  backward: zeroGrad,
});

export const frac = defineUnaryOp({
  grad_fn: 'FracBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'frac_cpu', when: (dt) => !dt.is_floating_point },
  kernel: same((v) => v - Math.trunc(v)),
  saves: 'none',
  backward: (g) => g,
});

const roundPlain = defineUnaryOp({
  grad_fn: 'RoundBackward0',
  dtypes: 'keep',
  rejects: { kernel: 'round_vml_cpu', when: isBool },
  kernel: same(roundHalfEven),
  saves: 'none',
  backward: zeroGrad,
});

/** round_decimals_kernel: nearbyint(x·10^d)/10^d (or ·, / swapped for d < 0), in the dtype's math. */
function roundDecimalsOp(decimals: number): UnaryOp {
  return defineUnaryOp({
    grad_fn: 'RoundBackward1',
    dtypes: 'keep',
    rejects: { kernel: decimals === 0 ? 'round_vml_cpu' : 'round_cpu', when: (dt) => !dt.is_floating_point },
    kernel: (dt) => {
      const r = rounderFor(dt);
      const p = r(10 ** Math.abs(decimals));
      return decimals < 0 ? (v) => r(roundHalfEven(r(v / p)) * p) : (v) => r(roundHalfEven(r(v * p)) / p);
    },
    saves: 'none',
    backward: zeroGrad,
  });
}

type RoundOpts = { decimals?: number };

function decimalsOf(opts?: RoundOpts): number | undefined {
  const d = opts?.decimals;
  if (d !== undefined && !Number.isInteger(d)) throw new TorchTypeError("round(): argument 'decimals' must be int, not float");
  return d;
}

/** `round(x)` (half to even) or `round(x, { decimals })` (RoundBackward1). */
export function round(x: Tensor, opts?: RoundOpts): Tensor {
  const d = decimalsOf(opts);
  return d === undefined ? roundPlain(x) : roundDecimalsOp(d)(x);
}

export function round_(x: Tensor, opts?: RoundOpts): void {
  const d = decimalsOf(opts);
  if (d === undefined) roundPlain.inplace(x);
  else roundDecimalsOp(d).inplace(x);
}

// ---- in-place forms (Tensor.op_) ---------------------------------------------------------------

export const abs_ = abs.inplace;
export const sign_ = sign.inplace;
export const sgn_ = sgn.inplace;
export const rsqrt_ = rsqrt.inplace;
export const square_ = square.inplace;
export const exp2_ = exp2.inplace;
export const expm1_ = expm1.inplace;
export const log2_ = log2.inplace;
export const log10_ = log10.inplace;
export const log1p_ = log1p.inplace;
export const sin_ = sin.inplace;
export const cos_ = cos.inplace;
export const tan_ = tan.inplace;
export const asin_ = asin.inplace;
export const acos_ = acos.inplace;
export const atan_ = atan.inplace;
export const sinh_ = sinh.inplace;
export const cosh_ = cosh.inplace;
export const asinh_ = asinh.inplace;
export const acosh_ = acosh.inplace;
export const atanh_ = atanh.inplace;
export const erf_ = erf.inplace;
export const erfc_ = erfc.inplace;
export const erfinv_ = erfinv.inplace;
export const floor_ = floor.inplace;
export const ceil_ = ceil.inplace;
export const trunc_ = trunc.inplace;
export const frac_ = frac.inplace;
