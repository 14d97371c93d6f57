// Closeness tests: equal, isclose, allclose (aten/src/ATen/native/TensorCompare.cpp).
import { Tensor } from '../../tensor/tensor.ts';
import { bool, get_default_dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { add, mul, sub } from './arithmetic.ts';
import { eq, le, logical_and, logical_or } from './compare.ts';
import { abs } from './pointwise_unary.ts';
import { isfinite, isnan } from './pointwise_misc.ts';
import { _to_dtype } from '../copy.ts';
import { bindArgs } from '../reduce/reduce_more_util.ts';
import { cppDouble } from '../../print/cpp_repr.ts';

// ---- equal / isclose / allclose -------------------------------------------------------------

/**
 * `torch.equal(a, b)`: same size and equal values (a JS boolean). cpu_equal compares in the
 * promoted dtype, so float32 1 equals int64 1, and NaN never equals anything.
 */
export function equal(a: Tensor, b: Tensor): boolean {
  if (a._shape.length !== b._shape.length || a._shape.some((s, i) => s !== b._shape[i])) return false;
  const same = no_grad(() => eq(a, b));
  const d = same._data;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) return false;
  return true;
}

type CloseOpts = { rtol?: number; atol?: number; equal_nan?: boolean };

function closeArgs(fn: string, args: readonly unknown[]): { rtol: number; atol: number; equalNan: boolean } {
  const a = bindArgs(fn, ['rtol', 'atol', 'equal_nan'], args);
  return { rtol: (a.rtol as number | undefined) ?? 1e-5, atol: (a.atol as number | undefined) ?? 1e-8, equalNan: (a.equal_nan as boolean | undefined) ?? false };
}

function iscloseImpl(self: Tensor, other: Tensor, rtol: number, atol: number, equalNan: boolean): Tensor {
  if (self.dtype !== other.dtype) throw new RuntimeError(`${self.dtype.scalarName} did not match ${other.dtype.scalarName}`);
  if (!(rtol >= 0)) throw new RuntimeError(`rtol must be greater than or equal to zero, but got ${cppDouble(rtol)}`);
  if (!(atol >= 0)) throw new RuntimeError(`atol must be greater than or equal to zero, but got ${cppDouble(atol)}`);
  // The result is bool and never differentiable; the intermediates need no graph either.
  return no_grad(() => {
    let close = eq(self, other);
    if (equalNan && self.dtype.is_floating_point) close = logical_or(close, logical_and(isnan(self), isnan(other)));
    // Zero tolerances degenerate to equality (and so avoid inf - inf = nan comparisons).
    if (rtol === 0 && atol === 0) return close;
    // Note [closeness error computation]: integer inputs are compared in the default float
    // dtype, so that uint8 differences cannot wrap around.
    const castSelf = self.dtype === bool ? _to_dtype(self, get_default_dtype(), false) : self;
    const castOther = self.dtype.is_floating_point ? other : _to_dtype(other, get_default_dtype(), false);
    const allowed = add(abs(mul(castOther, rtol)), atol);
    const actual = abs(sub(castSelf, castOther));
    return logical_or(close, logical_and(isfinite(actual), le(actual, allowed)));
  });
}

/** `torch.isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`: |a − b| ≤ atol + rtol·|b|, elementwise. */
export function isclose(self: Tensor, other: Tensor, rtol?: number | CloseOpts, atol?: number | CloseOpts, equal_nan?: boolean | CloseOpts): Tensor {
  const a = closeArgs('isclose', [rtol, atol, equal_nan]);
  return iscloseImpl(self, other, a.rtol, a.atol, a.equalNan);
}

/** `torch.allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False)`: isclose everywhere (a JS boolean). */
export function allclose(self: Tensor, other: Tensor, rtol?: number | CloseOpts, atol?: number | CloseOpts, equal_nan?: boolean | CloseOpts): boolean {
  const a = closeArgs('allclose', [rtol, atol, equal_nan]);
  const close = iscloseImpl(self, other, a.rtol, a.atol, a.equalNan);
  const d = close._data;
  for (let i = 0; i < d.length; i++) if (d[i] === 0) return false;
  return true;
}
