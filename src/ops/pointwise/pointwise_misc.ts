// nan_to_num, the float predicates (isnan, isinf, isfinite), logical_not/xor and the bitwise
// ops. Only nan_to_num is differentiable; the others give bool or integer results.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, castScalar, float32, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import type { BinaryFn, UnaryFn } from '../../backends/cpu.ts';
import { binaryForward, resultType2, unaryForward, writeBack, type TensorOrScalar, unaryValues } from '../elementwise.ts';
import { checkInplace } from '../inplace.ts';
import { mul } from './arithmetic.ts';
import { finish, finishInplace } from './pointwise_core.ts';
import { notImplemented } from './pointwise_unary.ts';

// ---- predicates ----------------------------------------------------------------------------------

export function isnan(x: Tensor): Tensor {
  return unaryForward(x, bool, (v) => (Number.isNaN(v) ? 1 : 0));
}
export function isinf(x: Tensor): Tensor {
  return unaryForward(x, bool, (v) => (v === Infinity || v === -Infinity ? 1 : 0));
}
export function isfinite(x: Tensor): Tensor {
  return unaryForward(x, bool, (v) => (Number.isFinite(v) ? 1 : 0));
}

// ---- nan_to_num ------------------------------------------------------------------------------------

export type NanToNumOpts = { nan?: number | null; posinf?: number | null; neginf?: number | null };

const FLOAT32_MAX = 3.4028234663852886e38;

function nanToNumValues(x: Tensor, nan: number | null, posinf: number | null, neginf: number | null): Tensor {
  // Integer and bool tensors hold no NaN or infinity: the result is a copy.
  if (!x.dtype.is_floating_point) return unaryForward(x, x.dtype, (v) => v);
  const max = x.dtype === float32 ? FLOAT32_MAX : Number.MAX_VALUE;
  const n = castScalar(nan ?? 0, x.dtype);
  const p = posinf === null ? max : castScalar(posinf, x.dtype);
  const m = neginf === null ? -max : castScalar(neginf, x.dtype);
  return unaryForward(x, x.dtype, (v) => (Number.isNaN(v) ? n : v === Infinity ? p : v === -Infinity ? m : v));
}

function nanToNumArgs(nan?: number | null | NanToNumOpts, posinf?: number | null, neginf?: number | null): [number | null, number | null, number | null] {
  if (nan !== null && typeof nan === 'object') return [nan.nan ?? null, nan.posinf ?? null, nan.neginf ?? null];
  return [nan ?? null, posinf ?? null, neginf ?? null];
}

function nanToNumGrad(self: Tensor) {
  return (sv: Tensor) => ({
    name: 'NanToNumBackward0',
    inputs: [self],
    save: [sv],
    backward: (g: Tensor, s: (i: number) => Tensor) => [mul(g, isfinite(s(0)))],
  });
}

/** nan_to_num(x, nan=0, posinf=max, neginf=lowest), or with `{ nan, posinf, neginf }`. */
export function nan_to_num(x: Tensor, nan?: number | null | NanToNumOpts, posinf?: number | null, neginf?: number | null): Tensor {
  const [n, p, m] = nanToNumArgs(nan, posinf, neginf);
  return finish(x, nanToNumValues(x, n, p, m), nanToNumGrad(x));
}
export function nan_to_num_(x: Tensor, nan?: number | null | NanToNumOpts, posinf?: number | null, neginf?: number | null): void {
  const [n, p, m] = nanToNumArgs(nan, posinf, neginf);
  finishInplace(x, nanToNumValues(x, n, p, m), nanToNumGrad(x));
}

// ---- logical ---------------------------------------------------------------------------------------

/** Writes a non-differentiable result into self (in-place logical and bitwise ops). */
function writeNonDifferentiable(self: Tensor, values: Tensor): void {
  checkInplace(self);
  writeBack(self, unaryValues(values, self.dtype, (v) => v));
  self._bumpVersion();
}

const notFn: UnaryFn = (v) => (v === 0 ? 1 : 0);
const xorFn: BinaryFn = (x, y) => ((x !== 0) !== (y !== 0) ? 1 : 0);

export function logical_not(x: Tensor): Tensor {
  return unaryForward(x, bool, notFn);
}
/** In place the result keeps self's dtype (0 or 1), as PyTorch's logical_not_. */
export function logical_not_(x: Tensor): void {
  writeNonDifferentiable(x, unaryForward(x, x.dtype, notFn));
}
export function logical_xor(a: Tensor, b: Tensor): Tensor {
  return binaryForward(a, b, bool, xorFn);
}
export function logical_xor_(a: Tensor, b: Tensor): void {
  const r = binaryForward(a, b, bool, xorFn);
  checkSameShape(a, r);
  writeNonDifferentiable(a, r);
}

function checkSameShape(self: Tensor, r: Tensor): void {
  if (r._shape.length !== self._shape.length || r._shape.some((d, i) => d !== self._shape[i])) {
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${r._shape.join(', ')}]`);
  }
}

// ---- bitwise ----------------------------------------------------------------------------------------

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const fitsInt32 = (v: number): boolean => v >= INT32_MIN && v <= INT32_MAX;

/** A two's-complement op on integers: 32-bit JS operators when they suffice, BigInt for int64. */
function bitwise(small: BinaryFn, big: (x: bigint, y: bigint) => bigint): BinaryFn {
  return (x, y) => (fitsInt32(x) && fitsInt32(y) ? small(x, y) : Number(BigInt.asIntN(64, big(BigInt(x), BigInt(y)))));
}

const bitwiseKernels = {
  and: bitwise((x, y) => x & y, (x, y) => x & y),
  or: bitwise((x, y) => x | y, (x, y) => x | y),
  xor: bitwise((x, y) => x ^ y, (x, y) => x ^ y),
};

type BitwiseKind = keyof typeof bitwiseKernels;

function bitwiseValues(kind: BitwiseKind, a: Tensor, b: TensorOrScalar): Tensor {
  const dt: dtype = resultType2(a, b);
  if (dt.is_floating_point) throw notImplemented(`bitwise_${kind}_cpu`, dt);
  return binaryForward(a, b, dt, bitwiseKernels[kind]);
}

export const bitwise_and = (a: Tensor, b: TensorOrScalar): Tensor => bitwiseValues('and', a, b);
export const bitwise_or = (a: Tensor, b: TensorOrScalar): Tensor => bitwiseValues('or', a, b);
export const bitwise_xor = (a: Tensor, b: TensorOrScalar): Tensor => bitwiseValues('xor', a, b);

function bitwiseInplace(kind: BitwiseKind, a: Tensor, b: TensorOrScalar): void {
  const r = bitwiseValues(kind, a, b);
  if (a.dtype === bool && r.dtype !== bool) {
    throw new RuntimeError(`result type ${r.dtype.scalarName} can't be cast to the desired output type ${a.dtype.scalarName}`);
  }
  checkSameShape(a, r);
  writeNonDifferentiable(a, r);
}
export const bitwise_and_ = (a: Tensor, b: TensorOrScalar): void => bitwiseInplace('and', a, b);
export const bitwise_or_ = (a: Tensor, b: TensorOrScalar): void => bitwiseInplace('or', a, b);
export const bitwise_xor_ = (a: Tensor, b: TensorOrScalar): void => bitwiseInplace('xor', a, b);

function bitwiseNotValues(x: Tensor): Tensor {
  if (x.dtype.is_floating_point) throw notImplemented('bitwise_not_cpu', x.dtype);
  if (x.dtype === bool) return unaryForward(x, bool, notFn);
  return unaryForward(x, x.dtype, (v) => (fitsInt32(v) ? ~v : Number(BigInt.asIntN(64, ~BigInt(v)))));
}
export const bitwise_not = (x: Tensor): Tensor => bitwiseNotValues(x);
export function bitwise_not_(x: Tensor): void {
  writeNonDifferentiable(x, bitwiseNotValues(x));
}
