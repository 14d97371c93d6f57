// Special pointwise ops with two operands (copysign, heaviside, nextafter, ldexp, float_power,
// logaddexp2, gcd, lcm) and frexp, with PyTorch's dtype rules and derivatives.yaml formulas.
// ldexp and float_power are composed from mul/pow as PyTorch composes them, so their grad_fn
// chains are MulBackward0 / ToCopyBackward0 → PowBackward*.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, float32, float64, get_default_dtype, int32, type dtype } from '../../tensor/dtype.ts';
import { NotImplementedError, RuntimeError } from '../../errors.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { binaryForward, binaryInplace, resultType2, unaryForward, type TensorOrScalar } from '../elementwise.ts';
import { add, div, mul, mul_, pow, sub } from './arithmetic.ts';
import { where_, zerosLikeValue } from './select_where.ts';
import { eq, ge } from './compare.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { pow_ } from '../inplace_more.ts';
import { _to_dtype } from '../copy.ts';
import { exp2, notImplemented, rounderFor } from './pointwise_unary.ts';
import { finish, finishInplace, notDifferentiable, type GradBuilder } from './pointwise_core.ts';
import { frexpScalar, nextafterScalar } from './pointwise_special_math.ts';
import { checkInplace } from '../inplace.ts';

const floatOf = (dt: dtype): dtype => (dt.is_floating_point ? dt : get_default_dtype());

// ---- copysign --------------------------------------------------------------------------------------

/** Whether b's sign bit is set (−0 counts as negative). */
const negative = (b: number): boolean => b < 0 || Object.is(b, -0);

function copysignValues(self: Tensor, other: TensorOrScalar): Tensor {
  return binaryForward(self, other, floatOf(resultType2(self, other)), (a, b) => (negative(b) ? -Math.abs(a) : Math.abs(a)));
}
function copysignGrad(self: Tensor, other: TensorOrScalar): GradBuilder {
  // copysign_tensor_self_backward: g · (result / self), zero where self is zero.
  const selfGrad = (g: Tensor, x: Tensor, y: Tensor): Tensor => mul(g, where_(eq(x, 0), 0, div(y, x)));
  if (!(other instanceof Tensor)) {
    return (sv, out) => ({
      name: 'CopysignBackward1',
      inputs: [self],
      save: [sv, out],
      backward: (g, s) => [selfGrad(g, s(0), s(1))],
    });
  }
  return (sv, out) => ({
    name: 'CopysignBackward0',
    inputs: [self, other],
    save: [sv, out],
    backward: (g, s, needs) => [needs[0] ? selfGrad(g, s(0), s(1)) : null, needs[1] ? zerosLikeValue(other) : null],
  });
}
/** |self| with the sign of other (a tensor or a number). */
export function copysign(self: Tensor, other: TensorOrScalar): Tensor {
  return finish(self, copysignValues(self, other), copysignGrad(self, other));
}
export function copysign_(self: Tensor, other: TensorOrScalar): void {
  finishInplace(self, copysignValues(self, other), copysignGrad(self, other));
}

// ---- heaviside -------------------------------------------------------------------------------------

function heavisideValues(self: Tensor, values: Tensor): Tensor {
  if (self.dtype !== values.dtype) throw new RuntimeError('heaviside is not yet implemented for tensors with different dtypes.');
  return binaryForward(self, values, self.dtype, (a, b) => (a === 0 ? b : a > 0 ? 1 : 0));
}
/** 0 for x < 0, values for x = 0, 1 for x > 0 (NaN gives 0). PyTorch has no derivative for it. */
export function heaviside(self: Tensor, values: Tensor): Tensor {
  return finish(self, heavisideValues(self, values), notDifferentiable('heaviside', [self, values]));
}
export function heaviside_(self: Tensor, values: Tensor): void {
  finishInplace(self, heavisideValues(self, values), notDifferentiable('heaviside_', [self, values]));
}

// ---- nextafter -------------------------------------------------------------------------------------

function nextafterValues(self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  if (!dt.is_floating_point) throw notImplemented('nextafter_cpu', dt);
  const single = dt === float32;
  return binaryForward(self, other, dt, (a, b) => nextafterScalar(a, b, single));
}
function nextafterGrad(self: Tensor, other: Tensor): GradBuilder {
  return () => ({
    name: 'NextafterBackward0',
    inputs: [self, other],
    save: [],
    backward: () => {
      throw new NotImplementedError("the derivative for 'nextafter' is not implemented.");
    },
  });
}
/** The next representable value after self towards other. */
export function nextafter(self: Tensor, other: Tensor): Tensor {
  return finish(self, nextafterValues(self, other), nextafterGrad(self, other));
}
export function nextafter_(self: Tensor, other: Tensor): void {
  finishInplace(self, nextafterValues(self, other), nextafterGrad(self, other));
}

// ---- ldexp, float_power ------------------------------------------------------------------------------

/** pow(2.0, other): a float power of two (2.0 is a Python float, so integer exponents give floats). */
function powerOfTwo(other: Tensor): Tensor {
  if (other.dtype.is_floating_point) return powScalarBase(2, other);
  return unaryForward(other, get_default_dtype(), (e) => 2 ** e);
}
/** self · 2^other, as PyTorch composes it: mul(self, pow(2.0, other)). */
export function ldexp(self: Tensor, other: Tensor): Tensor {
  return mul(self, powerOfTwo(other));
}
export function ldexp_(self: Tensor, other: Tensor): void {
  // ldexp_ is ldexp_out(self, self, other): an out= call, which autograd refuses.
  if (self.requires_grad || other.requires_grad) {
    throw new RuntimeError("mul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
  }
  mul_(self, powerOfTwo(other));
}

const toDouble = (t: Tensor): Tensor => (t.dtype === float64 ? t : _to_dtype(t, float64, false));

/** pow computed in double precision: both operands converted to float64 first. */
export function float_power(self: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  if (!(self instanceof Tensor)) return powScalarBase(Number(self), toDouble(exponent as Tensor));
  return pow(toDouble(self), exponent instanceof Tensor ? toDouble(exponent) : exponent);
}
/**
 * pow.Scalar (a number base), recorded as PyTorch records it: PowBackward2 with the exponent as
 * its only input; pow_backward_exponent: g·where(base == 0 & e >= 0, 0, result·log(base)).
 */
function powScalarBase(base: number, exponent: Tensor): Tensor {
  const out = no_grad(() => pow(base, exponent));
  if (needsGrad(exponent)) {
    record(
      'PowBackward2',
      [exponent],
      out,
      (g, s) => {
        const y = s.get(1);
        const term = base === 0 ? where_(ge(s.get(0), 0), 0, mul(y, Math.log(base))) : mul(y, Math.log(base));
        return [mul(g[0] as Tensor, term)];
      },
      [exponent, out],
    );
  }
  return out;
}

export function float_power_(self: Tensor, exponent: TensorOrScalar): void {
  if (self.dtype !== float64) {
    throw new RuntimeError(`the base given to float_power_ has dtype ${self.dtype.scalarName} but the operation's result requires dtype Double`);
  }
  pow_(self, exponent instanceof Tensor ? toDouble(exponent) : exponent);
}

// ---- logaddexp2 --------------------------------------------------------------------------------------

/** log2(2^a + 2^b), as logaddexp2_kernel: max + log2(1 + 2^−|a − b|), equal infinities kept. */
export function logaddexp2(self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  if (!dt.is_floating_point) throw notImplemented('logaddexp2_cpu', dt);
  const r = rounderFor(dt);
  const out = binaryForward(self, other, dt, (a, b) => {
    if (!Number.isFinite(a) && a === b) return a;
    const m = a < b ? b : a;
    return r(m + r(Math.log2(r(1 + r(2 ** -Math.abs(r(a - b)))))));
  });
  return finish(self, out, (sv) => ({
    name: 'Logaddexp2Backward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => [
      needs[0] ? div(g, add(1, pow(2, sub(s(1), s(0))))) : null,
      needs[1] ? div(g, add(1, pow(2, sub(s(0), s(1))))) : null,
    ],
  }));
}

// ---- gcd, lcm ----------------------------------------------------------------------------------------

function gcdScalar(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
function lcmScalar(a: number, b: number): number {
  const g = gcdScalar(a, b);
  return g === 0 ? 0 : Math.abs((a / g) * b);
}

function integerDtype(kernel: string, self: Tensor, other: TensorOrScalar): dtype {
  const dt = resultType2(self, other);
  if (dt.is_floating_point || dt === bool) throw notImplemented(kernel, dt);
  return dt;
}
export function gcd(self: Tensor, other: Tensor): Tensor {
  return binaryForward(self, other, integerDtype('gcd_cpu', self, other), gcdScalar);
}
export function lcm(self: Tensor, other: Tensor): Tensor {
  return binaryForward(self, other, integerDtype('lcm_cpu', self, other), lcmScalar);
}
export function gcd_(self: Tensor, other: Tensor): void {
  checkInplace(self);
  binaryInplace(self, other, integerDtype('gcd_cpu', self, other), gcdScalar);
  self._bumpVersion();
}
export function lcm_(self: Tensor, other: Tensor): void {
  checkInplace(self);
  binaryInplace(self, other, integerDtype('lcm_cpu', self, other), lcmScalar);
  self._bumpVersion();
}

// ---- frexp -------------------------------------------------------------------------------------------

/** torch.return_types.frexp: [mantissa, exponent] with the named fields. */
export type Frexp = [Tensor, Tensor] & { readonly mantissa: Tensor; readonly exponent: Tensor };

function frexpTuple(mantissa: Tensor, exponent: Tensor): Frexp {
  const r = [mantissa, exponent] as [Tensor, Tensor] & { mantissa: Tensor; exponent: Tensor };
  Object.defineProperty(r, 'mantissa', { value: mantissa, enumerable: false });
  Object.defineProperty(r, 'exponent', { value: exponent, enumerable: false });
  const repr = (): string => `torch.return_types.frexp(\nmantissa=${String(mantissa)},\nexponent=${String(exponent)})`;
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), { value: repr, enumerable: false });
  return r;
}

/** x = mantissa · 2^exponent, mantissa in ±[0.5, 1) (exponent int32). */
export function frexp(x: Tensor): Frexp {
  if (!x.dtype.is_floating_point) throw new RuntimeError('torch.frexp() only supports floating-point dtypes');
  const mantissa = unaryForward(x, x.dtype, (v) => frexpScalar(v)[0]);
  const exponent = unaryForward(x, int32, (v) => frexpScalar(v)[1]);
  if (needsGrad(x)) {
    // grad / exponent.exp2()
    record('FrexpBackward0', [x], mantissa, (g, s) => [div(g[0] as Tensor, exp2(s.get(0)))], [exponent]);
  }
  return frexpTuple(mantissa, exponent);
}
