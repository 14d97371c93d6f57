// Pointwise ops with two or more operands (atan2 … addcdiv) and their in-place forms, with
// PyTorch's dtype rules and derivatives.yaml formulas.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, castScalar, get_default_dtype, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { MAXIMUM, MINIMUM, type BinaryFn } from '../../backends/cpu.ts';
import { binaryForward, resultType2, type TensorOrScalar } from '../elementwise.ts';
import { add, mul, div, sub } from './arithmetic.ts';
import { exp, neg, reciprocal } from './unary.ts';
import { where_ } from './select_where.ts';
import { eq, ge, gt, le, logical_and, logical_or, lt } from './compare.ts';
import {
  finish, finishInplace, notDifferentiable, resultTypeN, tensorsOf, ternaryForward,
  type GradBuilder,
} from './pointwise_core.ts';
import { floorDivideFloat, remainderFloat } from './pointwise_math.ts';
import { notImplemented, rounderFor } from './pointwise_unary.ts';
import { isnan } from './pointwise_misc.ts';

const floatOf = (dt: dtype): dtype => (dt.is_floating_point ? dt : get_default_dtype());

function rejectNonFloat(kernel: string, dt: dtype): void {
  if (!dt.is_floating_point) throw notImplemented(kernel, dt);
}

function intDivisorCheck(y: number): void {
  if (y === 0) throw new RuntimeError('ZeroDivisionError');
}

// ---- atan2, hypot, logaddexp -----------------------------------------------------------------

function atan2Grad(self: Tensor, other: Tensor): GradBuilder {
  return (sv) => ({
    name: 'Atan2Backward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => {
      const x = s(0);
      const o = s(1);
      const recip = reciprocal(add(mul(x, x), mul(o, o)));
      return [needs[0] ? mul(mul(g, o), recip) : null, needs[1] ? mul(mul(g, neg(x)), recip) : null];
    },
  });
}
const atan2Values = (self: Tensor, other: Tensor): Tensor => binaryForward(self, other, floatOf(resultType2(self, other)), Math.atan2);
export function atan2(self: Tensor, other: Tensor): Tensor {
  return finish(self, atan2Values(self, other), atan2Grad(self, other));
}
export function atan2_(self: Tensor, other: Tensor): void {
  finishInplace(self, atan2Values(self, other), atan2Grad(self, other));
}

function hypotGrad(self: Tensor, other: Tensor): GradBuilder {
  return (sv, out) => ({
    name: 'HypotBackward0',
    inputs: [self, other],
    save: [sv, other, out],
    backward: (g, s, needs) => [
      needs[0] ? div(mul(g, s(0)), s(2)) : null,
      needs[1] ? div(mul(g, s(1)), s(2)) : null,
    ],
  });
}
function hypotValues(self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  rejectNonFloat('hypot_cpu', dt);
  return binaryForward(self, other, dt, Math.hypot);
}
export function hypot(self: Tensor, other: Tensor): Tensor {
  return finish(self, hypotValues(self, other), hypotGrad(self, other));
}
export function hypot_(self: Tensor, other: Tensor): void {
  finishInplace(self, hypotValues(self, other), hypotGrad(self, other));
}

/** logaddexp_kernel: max + log(1 + exp(−|a − b|)), equal infinities returned as they are. */
export function logaddexp(self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  rejectNonFloat('logaddexp_cpu', dt);
  const r = rounderFor(dt);
  const out = binaryForward(self, other, dt, (a, b) => {
    if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
    if (!Number.isFinite(a) && a === b) return a;
    return r(Math.max(a, b) + r(Math.log(r(1 + r(Math.exp(-Math.abs(r(a - b))))))));
  });
  return finish(self, out, (sv) => ({
    name: 'LogaddexpBackward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => [
      needs[0] ? div(g, add(1, exp(sub(s(1), s(0))))) : null,
      needs[1] ? div(g, add(1, exp(sub(s(0), s(1))))) : null,
    ],
  }));
}

// ---- maximum, minimum, fmax, fmin ----------------------------------------------------------------

type Pick = 'max' | 'min';

/** maximum/minimum: NaN propagates; ties split the gradient in halves. */
function extremum(kind: Pick, self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  const out = binaryForward(self, other, dt, kind === 'max' ? MAXIMUM : MINIMUM);
  // self loses where it is beaten (self < other for max), other where self beats it.
  const [selfLoses, otherLoses] = kind === 'max' ? [lt, gt] : [gt, lt];
  return finish(self, out, (sv) => ({
    name: kind === 'max' ? 'MaximumBackward0' : 'MinimumBackward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => {
      const x = s(0);
      const o = s(1);
      const split = where_(eq(x, o), div(g, 2), g);
      return [needs[0] ? where_(selfLoses(x, o), 0, split) : null, needs[1] ? where_(otherLoses(x, o), 0, split) : null];
    },
  }));
}
export const maximum = (self: Tensor, other: Tensor): Tensor => extremum('max', self, other);
export const minimum = (self: Tensor, other: Tensor): Tensor => extremum('min', self, other);

/** fmax/fmin: a NaN operand is ignored (the other one is returned). */
function fextremum(kind: Pick, self: Tensor, other: Tensor): Tensor {
  const dt = resultType2(self, other);
  const f: BinaryFn = kind === 'max'
    ? (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : x > y ? x : y)
    : (x, y) => (Number.isNaN(x) ? y : Number.isNaN(y) ? x : x < y ? x : y);
  const out = binaryForward(self, other, dt, f);
  const wins = kind === 'max' ? ge : le;
  return finish(self, out, (sv) => ({
    name: kind === 'max' ? 'FmaxBackward0' : 'FminBackward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => {
      const selfWins = logical_or(wins(s(0), s(1)), isnan(s(1)));
      return [needs[0] ? where_(selfWins, g, 0) : null, needs[1] ? where_(selfWins, 0, g) : null];
    },
  }));
}
export const fmax = (self: Tensor, other: Tensor): Tensor => fextremum('max', self, other);
export const fmin = (self: Tensor, other: Tensor): Tensor => fextremum('min', self, other);

// ---- fmod, remainder, floor_divide -------------------------------------------------------------

function fmodKernel(dt: dtype): BinaryFn {
  if (dt.is_floating_point) return (x, y) => x % y;
  return (x, y) => {
    intDivisorCheck(y);
    return x % y;
  };
}
function fmodGrad(self: Tensor, other: TensorOrScalar): GradBuilder {
  if (!(other instanceof Tensor)) {
    return () => ({ name: 'FmodBackward0', inputs: [self], save: [], backward: (g) => [g] });
  }
  return (sv) => ({
    name: 'FmodBackward1',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => [needs[0] ? g : null, needs[1] ? mul(neg(g), div(s(0), s(1), { rounding_mode: 'trunc' })) : null],
  });
}
function fmodValues(self: Tensor, other: TensorOrScalar): Tensor {
  const dt = resultType2(self, other);
  if (dt === bool) throw notImplemented('fmod_cpu', dt);
  return binaryForward(self, other, dt, fmodKernel(dt));
}
export function fmod(self: Tensor, other: TensorOrScalar): Tensor {
  return finish(self, fmodValues(self, other), fmodGrad(self, other));
}
export function fmod_(self: Tensor, other: TensorOrScalar): void {
  finishInplace(self, fmodValues(self, other), fmodGrad(self, other));
}

function remainderKernel(dt: dtype): BinaryFn {
  if (dt.is_floating_point) return remainderFloat;
  return (x, y) => {
    intDivisorCheck(y);
    let r = x % y;
    if (r !== 0 && r < 0 !== y < 0) r += y;
    return r;
  };
}
function remainderGrad(self: TensorOrScalar, other: TensorOrScalar): GradBuilder {
  if (!(self instanceof Tensor)) return notDifferentiable('remainder', tensorsOf(self, other));
  if (!(other instanceof Tensor)) {
    return () => ({ name: 'RemainderBackward0', inputs: [self], save: [], backward: (g) => [g] });
  }
  return (sv) => ({
    name: 'RemainderBackward1',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => [needs[0] ? g : null, needs[1] ? mul(neg(g), div(s(0), s(1), { rounding_mode: 'floor' })) : null],
  });
}
function remainderValues(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const dt = resultType2(self, other);
  if (dt === bool) throw notImplemented('remainder_cpu', dt);
  return binaryForward(self, other, dt, remainderKernel(dt));
}
/** Python's `%`: the result has the divisor's sign. A number may come first (`2 % a`). */
export function remainder(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const t = self instanceof Tensor ? self : (other as Tensor);
  return finish(t, remainderValues(self, other), remainderGrad(self, other));
}
export function remainder_(self: Tensor, other: TensorOrScalar): void {
  finishInplace(self, remainderValues(self, other), remainderGrad(self, other));
}

function floorDivideValues(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const dt = resultType2(self, other);
  if (dt === bool) throw notImplemented('div_floor_cpu', dt);
  const f: BinaryFn = dt.is_floating_point
    ? floorDivideFloat
    : (x, y) => {
      intDivisorCheck(y);
      return Math.floor(x / y);
    };
  return binaryForward(self, other, dt, f);
}
/** Python's `//`. PyTorch 1.13 has no derivative for it (grad_fn NotImplemented). */
export function floor_divide(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const t = self instanceof Tensor ? self : (other as Tensor);
  return finish(t, floorDivideValues(self, other), notDifferentiable('floor_divide', tensorsOf(self, other)));
}
export function floor_divide_(self: Tensor, other: TensorOrScalar): void {
  finishInplace(self, floorDivideValues(self, other), notDifferentiable('floor_divide_', tensorsOf(self, other)));
}

// ---- xlogy ---------------------------------------------------------------------------------------

function xlogyValues(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const dt = floatOf(resultType2(self, other));
  const r = rounderFor(dt);
  return binaryForward(self, other, dt, (x, y) => (Number.isNaN(y) ? NaN : x === 0 ? 0 : r(x * r(Math.log(y)))));
}
function xlogyGrad(self: TensorOrScalar, other: TensorOrScalar): GradBuilder {
  if (!(self instanceof Tensor)) {
    const o = other as Tensor;
    return () => ({
      name: 'XlogyBackward1',
      inputs: [o],
      save: [o],
      backward: (g, s) => [div(mul(g, self), s(0))],
    });
  }
  if (!(other instanceof Tensor)) {
    const y = Number(other);
    return (sv) => ({
      name: 'XlogyBackward2',
      inputs: [self],
      save: [sv],
      backward: (g, s) => [y > 0 ? xlogy(g, y) : where_(eq(s(0), 0), 0, xlogy(g, y))],
    });
  }
  return (sv) => ({
    name: 'XlogyBackward0',
    inputs: [self, other],
    save: [sv, other],
    backward: (g, s, needs) => {
      const x = s(0);
      const o = s(1);
      return [
        // Note [Gradient formula for xlogy at x = 0, y <= 0] in derivatives.yaml: 0 there.
        needs[0] ? where_(logical_and(eq(x, 0), le(o, 0)), 0, xlogy(g, o)) : null,
        needs[1] ? div(mul(g, x), o) : null,
      ];
    },
  });
}
/** x·log(y), 0 where x = 0 (unless y is NaN). Either operand may be a number. */
export function xlogy(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  const t = self instanceof Tensor ? self : (other as Tensor);
  return finish(t, xlogyValues(self, other), xlogyGrad(self, other));
}
export function xlogy_(self: Tensor, other: TensorOrScalar): void {
  finishInplace(self, xlogyValues(self, other), xlogyGrad(self, other));
}

// ---- lerp ------------------------------------------------------------------------------------------

/** The C++ type name PyTorch's lerp dtype check prints. */
export function cppTypeName(dt: dtype): string {
  const names: Record<string, string> = {
    float32: 'float', float64: 'double', int64: 'long int', int32: 'int', int16: 'short int', int8: 'signed char', uint8: 'unsigned char', bool: 'bool',
  };
  return names[dt.name] ?? dt.name;
}

function lerpValues(self: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  for (const [t, what] of [[end, 'end'], [weight, 'weight']] as const) {
    if (t instanceof Tensor && t.dtype !== self.dtype) {
      throw new RuntimeError(`expected dtype ${cppTypeName(self.dtype)} for \`${what}\` but got dtype ${cppTypeName(t.dtype)}`);
    }
  }
  const dt = self.dtype;
  rejectNonFloat(weight instanceof Tensor ? 'lerp_kernel_tensor' : 'lerp_kernel_scalar', dt);
  const r = rounderFor(dt);
  // lerp in ATen/native/Lerp.h: two forms, each exact at its end of the weight range.
  return ternaryForward(self, end, weight, dt, (s, e, w) =>
    Math.abs(w) < 0.5 ? r(s + r(w * r(e - s))) : r(e - r(r(e - s) * r(1 - w))),
  );
}
function lerpGrad(self: Tensor, end: Tensor, weight: TensorOrScalar): GradBuilder {
  if (!(weight instanceof Tensor)) {
    const w = Number(weight);
    return () => ({
      name: 'LerpBackward0',
      inputs: [self, end],
      save: [],
      backward: (g, _s, needs) => [needs[0] ? mul(g, 1 - w) : null, needs[1] ? mul(g, w) : null],
    });
  }
  return (sv) => ({
    name: 'LerpBackward1',
    inputs: [self, end, weight],
    save: [sv, end, weight],
    backward: (g, s, needs) => [
      needs[0] ? mul(g, sub(1, s(2))) : null,
      needs[1] ? mul(g, s(2)) : null,
      needs[2] ? mul(g, sub(s(1), s(0))) : null,
    ],
  });
}
export function lerp(self: Tensor, end: Tensor, weight: TensorOrScalar): Tensor {
  return finish(self, lerpValues(self, end, weight), lerpGrad(self, end, weight));
}
export function lerp_(self: Tensor, end: Tensor, weight: TensorOrScalar): void {
  finishInplace(self, lerpValues(self, end, weight), lerpGrad(self, end, weight));
}

// ---- addcmul, addcdiv --------------------------------------------------------------------------------

type ValueOpt = { value?: number };

function addcmulValues(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  const dt = resultTypeN(self, t1, t2);
  const r = rounderFor(dt);
  const v = castScalar(value, dt);
  return ternaryForward(self, t1, t2, dt, (x, a, b) => r(x + r(r(v * a) * b)));
}
function addcmulGrad(self: Tensor, t1: Tensor, t2: Tensor, value: number): GradBuilder {
  return () => ({
    name: 'AddcmulBackward0',
    inputs: [self, t1, t2],
    save: [t1, t2],
    backward: (g, s, needs) => [
      needs[0] ? g : null,
      needs[1] ? mul(g, mul(s(1), value)) : null,
      needs[2] ? mul(g, mul(s(0), value)) : null,
    ],
  });
}
/** self + value·t1·t2 (`value` is keyword-only: `{ value }`). */
export function addcmul(self: Tensor, t1: Tensor, t2: Tensor, opts?: ValueOpt): Tensor {
  const value = opts?.value ?? 1;
  return finish(self, addcmulValues(self, t1, t2, value), addcmulGrad(self, t1, t2, value));
}
export function addcmul_(self: Tensor, t1: Tensor, t2: Tensor, opts?: ValueOpt): void {
  const value = opts?.value ?? 1;
  finishInplace(self, addcmulValues(self, t1, t2, value), addcmulGrad(self, t1, t2, value));
}

const ADDCDIV_INT_MESSAGE =
  'Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. ' +
  'The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as ' +
  '(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes.';

function addcdivValues(self: Tensor, t1: Tensor, t2: Tensor, value: number): Tensor {
  if (!t1.dtype.is_floating_point && !t2.dtype.is_floating_point) throw new RuntimeError(ADDCDIV_INT_MESSAGE);
  const dt = resultTypeN(self, t1, t2);
  const r = rounderFor(dt);
  const v = castScalar(value, dt);
  return ternaryForward(self, t1, t2, dt, (x, a, b) => r(x + r(r(v * a) / b)));
}
/**
 * C++'s `Scalar / Tensor` (empty_like(t).fill_(v).div_(t)), as addcdiv's formula uses it: on an
 * integer divisor the in-place division cannot hold the float quotient and fails.
 */
function scalarOverTensor(v: number, t: Tensor): Tensor {
  if (!t.dtype.is_floating_point) {
    throw new RuntimeError(`result type ${get_default_dtype().scalarName} can't be cast to the desired output type ${t.dtype.scalarName}`);
  }
  return div(v, t);
}

function addcdivGrad(self: Tensor, t1: Tensor, t2: Tensor, value: number): GradBuilder {
  return () => ({
    name: 'AddcdivBackward0',
    inputs: [self, t1, t2],
    save: [t1, t2],
    backward: (g, s, needs) => [
      needs[0] ? g : null,
      needs[1] ? mul(g, scalarOverTensor(value, s(1))) : null,
      needs[2] ? mul(neg(g), div(mul(s(0), value), mul(s(1), s(1)))) : null,
    ],
  });
}
/** self + value·t1/t2 (`value` is keyword-only: `{ value }`). */
export function addcdiv(self: Tensor, t1: Tensor, t2: Tensor, opts?: ValueOpt): Tensor {
  const value = opts?.value ?? 1;
  return finish(self, addcdivValues(self, t1, t2, value), addcdivGrad(self, t1, t2, value));
}
export function addcdiv_(self: Tensor, t1: Tensor, t2: Tensor, opts?: ValueOpt): void {
  const value = opts?.value ?? 1;
  finishInplace(self, addcdivValues(self, t1, t2, value), addcdivGrad(self, t1, t2, value));
}
