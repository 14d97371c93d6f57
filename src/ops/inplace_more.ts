// In-place forms of ops defined out of place elsewhere: pow_, the comparisons (eq_ … ge_),
// logical_and_/logical_or_, cumsum_/cumprod_, tril_/triu_, addmm_/addmv_/baddbmm_, and the
// alias names of the arithmetic in-place ops.
import { Tensor } from '../tensor/tensor.ts';
import { bool, checkInplaceCast, type dtype } from '../tensor/dtype.ts';
import { sameShape } from '../tensor/shape.ts';
import { RuntimeError } from '../errors.ts';
import { anyNeedsGrad } from '../autograd/record.ts';
import { resultType2, writeBack, type TensorOrScalar } from './elementwise.ts';
import { checkInplace, inplaceFrom, rebaseHistory } from './inplace.ts';
import { clone, copyValues } from './copy.ts';
import { mul, pow, sub } from './pointwise/arithmetic.ts';
import { log } from './pointwise/unary.ts';
import { eq, ne, lt, le, gt, ge, logical_and, logical_or } from './pointwise/compare.ts';
import { cumsum, cumprod } from './reduce/reduce_more_scan.ts';
import { tril, triu } from './shape/shape_more.ts';
import { addmm, addmv, baddbmm } from './linalg/linalg_more.ts';
import { where_, zerosLikeValue } from './pointwise/select_where.ts';
import { cppTypeName } from './pointwise/pointwise_binary.ts';

export { sub_ as subtract_, mul_ as multiply_, div_ as divide_, div_ as true_divide_ } from './pointwise/arithmetic.ts';

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

// ---- pow_ ------------------------------------------------------------------------------------

/** `x.pow_(exponent)`: PowBackward0 (number exponent) or PowBackward1 (tensor exponent). */
export function pow_(self: Tensor, exponent: TensorOrScalar): void {
  if (exponent instanceof Tensor) {
    powTensor_(self, exponent);
    return;
  }
  // pow_.Scalar checks the result dtype against self's before computing (no casting at all).
  const dt = resultType2(self, exponent);
  if (dt !== self.dtype) throw new RuntimeError(`Found dtype ${self.dtype.scalarName} but expected ${dt.scalarName}`);
  inplaceFrom(self, [], (src) => pow(src, exponent), true);
}

/**
 * pow_.Tensor, written out rather than taken from pow (Note [in-place from out-of-place]):
 * its exponent formula reads `result`, which in place is self after the write, so a gradient
 * taken with respect to that tensor sees it.
 */
function powTensor_(self: Tensor, exponent: Tensor): void {
  checkInplace(self, exponent);
  const grad = anyNeedsGrad([self, exponent]);
  const original = grad ? clone(self) : self;
  const result = pow(original.detach(), exponent.detach());
  checkInplaceCast(result.dtype, self.dtype);
  if (!sameShape(result._shape, self._shape)) {
    throw new RuntimeError(`output with shape ${shapeStr(self._shape)} doesn't match the broadcast shape ${shapeStr(result._shape)}`);
  }
  writeBack(self, copyValues(result, self.dtype)._data);
  self._bumpVersion();
  if (!grad) return;
  rebaseHistory(self, 'PowBackward1', [self, exponent], (g, s, node) => {
    const gs = g[0] as Tensor;
    const x = s.get(0);
    const e = s.get(1);
    return [
      // pow_backward_self: where(e == 0, 0, g·e·x^(e−1))
      node.needs[0] ? where_(eq(e, 0), 0, mul(gs, mul(e, pow(x, sub(e, 1))))) : null,
      // pow_backward_exponent: g·where(x == 0 & e >= 0, 0, result·ln x)
      node.needs[1] ? mul(gs, where_(logical_and(eq(x, 0), ge(e, 0)), 0, mul(s.get(2), log(x)))) : null,
    ];
  }, [original, exponent, self]);
}

// ---- comparisons and logical ops -----------------------------------------------------------------

type Compare = (a: Tensor, b: TensorOrScalar) => Tensor;

/** Writes op(self, other) into self in self's dtype (0/1); PyTorch's output shape check. */
function writeCompare(self: Tensor, other: TensorOrScalar, op: Compare): void {
  const result = op(self, other);
  if (!sameShape(result._shape, self._shape)) {
    throw new RuntimeError(`output with shape ${shapeStr(self._shape)} doesn't match the broadcast shape ${shapeStr(result._shape)}`);
  }
  writeBack(self, copyValues(result, self.dtype)._data);
  self._bumpVersion();
}

/**
 * eq_ … ge_: derivatives.yaml gives them zero gradients, named <Op>Backward0 for a number
 * `other` and <Op>Backward1 for a tensor (whose gradient is zeros shaped like it).
 */
function compareInplace(name: string, op: Compare): (self: Tensor, other: TensorOrScalar) => void {
  return (self, other) => {
    const o = other instanceof Tensor ? other : null;
    checkInplace(self, o);
    const grad = anyNeedsGrad([self, o]);
    writeCompare(self, other, op);
    if (!grad) return;
    if (o === null) {
      rebaseHistory(self, `${name}Backward0`, [self], (g) => [zerosLikeValue(g[0] as Tensor)], []);
      return;
    }
    const otherShape = o._shape.slice();
    const otherDtype = o.dtype;
    rebaseHistory(self, `${name}Backward1`, [self, o], (g, _s, node) => [
      node.needs[0] ? zerosLikeValue(g[0] as Tensor) : null,
      node.needs[1] ? Tensor._empty(otherShape.slice(), otherDtype) : null,
    ], []);
  };
}

export const eq_ = compareInplace('Eq', eq);
export const ne_ = compareInplace('Ne', ne);
export const lt_ = compareInplace('Lt', lt);
export const le_ = compareInplace('Le', le);
export const gt_ = compareInplace('Gt', gt);
export const ge_ = compareInplace('Ge', ge);

// logical_and_/logical_or_ are not differentiable: PyTorch neither checks the in-place rules
// nor touches self's history (a tensor requiring grad keeps its grad_fn); only the version moves.
export function logical_and_(self: Tensor, other: TensorOrScalar): void {
  writeCompare(self, other, logical_and);
}
export function logical_or_(self: Tensor, other: TensorOrScalar): void {
  writeCompare(self, other, logical_or);
}

// ---- scans -----------------------------------------------------------------------------------------

type ScanOpts = { dim?: number; dtype?: dtype };
type Scan = (x: Tensor, dim: number, opts: ScanOpts) => Tensor;

function scanInplace(fn: string, op: Scan, saves: boolean): (self: Tensor, dim: number | ScanOpts, opts?: ScanOpts) => void {
  return (self, dim, opts) => {
    const d = typeof dim === 'number' ? dim : (dim.dim as number);
    const requested = (typeof dim === 'number' ? undefined : dim.dtype) ?? opts?.dtype;
    // The out= form accumulates in self's dtype (cumsum of int32 stays int32 here).
    if (requested !== undefined && requested !== self.dtype) {
      throw new RuntimeError(`Bad in-place call: input tensor dtype ${cppTypeName(self.dtype)} and output tensor dtype ${cppTypeName(requested)} should match`);
    }
    if (self.dtype === bool) throw new RuntimeError(`"${fn}_out_cpu" not implemented for 'Bool'`);
    inplaceFrom(self, [], (src) => op(src, d, { dtype: self.dtype }), saves);
  };
}

export const cumsum_ = scanInplace('cumsum', cumsum, false);
export const cumprod_ = scanInplace('cumprod', cumprod, true);

// ---- tril_ / triu_ ---------------------------------------------------------------------------------

export function tril_(self: Tensor, diagonal?: number | { diagonal?: number }): void {
  inplaceFrom(self, [], (src) => tril(src, diagonal), false);
}
export function triu_(self: Tensor, diagonal?: number | { diagonal?: number }): void {
  inplaceFrom(self, [], (src) => triu(src, diagonal), false);
}

// ---- addmm_ / addmv_ / baddbmm_ ----------------------------------------------------------------------

type BetaAlpha = { beta?: number; alpha?: number };

export function addmm_(self: Tensor, mat1: Tensor, mat2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [mat1, mat2], (src) => addmm(src, mat1, mat2, opts), mat1.requires_grad || mat2.requires_grad);
}
export function addmv_(self: Tensor, mat: Tensor, vec: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [mat, vec], (src) => addmv(src, mat, vec, opts), mat.requires_grad || vec.requires_grad);
}
export function baddbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [batch1, batch2], (src) => baddbmm(src, batch1, batch2, opts), batch1.requires_grad || batch2.requires_grad);
}
