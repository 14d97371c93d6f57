// clamp/clip (number or tensor bounds), clamp_min, clamp_max and their in-place forms, with
// clamp_backward and clamp_backward_min_max from FunctionsManual.cpp.
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { toNumber, unaryForward, type TensorOrScalar } from '../elementwise.ts';
import { where_ } from './select_where.ts';
import { clampKernel } from '../../backends/cpu.ts';
import { ge, gt, le, logical_and, logical_or, lt } from './compare.ts';
import { finish, finishInplace, resultTypeN, ternaryForward, type GradBuilder } from './pointwise_core.ts';

// ---- clamp ---------------------------------------------------------------------------------------------

type Bound = TensorOrScalar | null | undefined;
export type ClampOpts = { min?: TensorOrScalar | null; max?: TensorOrScalar | null };

function clampArgs(min: Bound | ClampOpts, max: Bound): [Bound, Bound] {
  const [lo, hi] = min !== null && typeof min === 'object' && !(min instanceof Tensor) ? [min.min, min.max] : [min, max];
  // With a number on either side Python picks clamp(Tensor, Scalar?, Scalar?), reading a 0-dim
  // tensor bound as a number (ClampBackward1).
  if (typeof lo === 'number' || typeof hi === 'number') return [asScalarBound(lo), asScalarBound(hi)];
  return [lo, hi];
}

function asScalarBound(b: Bound): Bound {
  return b instanceof Tensor && b._shape.length === 0 ? Number(b.item()) : b;
}

function clampValues(self: Tensor, min: Bound, max: Bound): Tensor {
  if (min == null && max == null) throw new RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None");
  const dt = resultTypeN(self, min, max);
  const lo: TensorOrScalar = min ?? -Infinity;
  const hi: TensorOrScalar = max ?? Infinity;
  if (!(lo instanceof Tensor) && !(hi instanceof Tensor)) {
    const l = toNumber(lo, dt);
    const h = toNumber(hi, dt);
    return unaryForward(self, dt, clampKernel(l, h));
  }
  // clamp_kernel: NaN in self propagates.
  return ternaryForward(self, lo, hi, dt, (x, l, h) => (Number.isNaN(x) ? x : Math.min(Math.max(x, l), h)));
}

function clampGrad(self: Tensor, min: Bound, max: Bound): GradBuilder {
  const tensorBounds = min instanceof Tensor || max instanceof Tensor;
  const minT = min instanceof Tensor ? min : null;
  const maxT = max instanceof Tensor ? max : null;
  return (sv) => ({
    name: tensorBounds ? 'ClampBackward0' : 'ClampBackward1',
    inputs: tensorBounds ? [self, minT, maxT] : [self],
    save: [sv, minT, maxT],
    backward: (g, s, needs) => {
      const x = s(0);
      const lo: Bound = minT ? s(1) : min;
      const hi: Bound = maxT ? s(2) : max;
      // clamp_backward: the gradient passes where min ≤ x ≤ max, bounds included.
      let pass: Tensor | null = null;
      if (lo != null) pass = ge(x, lo);
      if (hi != null) pass = pass === null ? le(x, hi) : logical_and(pass, le(x, hi));
      const gSelf = needs[0] ? (pass === null ? g : where_(pass, g, 0)) : null;
      if (!tensorBounds) return [gSelf];
      // clamp_backward_min_max: min gets it where it is the result, max likewise (max wins a crossing).
      let gMin: Tensor | null = null;
      let gMax: Tensor | null = null;
      if (needs[1] && lo instanceof Tensor) {
        gMin = where_(hi != null ? logical_and(lt(x, lo), lt(lo, hi)) : lt(x, lo), g, 0);
      }
      if (needs[2] && hi instanceof Tensor) {
        gMax = where_(lo != null ? logical_or(gt(x, hi), lt(hi, lo)) : gt(x, hi), g, 0);
      }
      return [gSelf, gMin, gMax];
    },
  });
}

/** clamp(x, min, max) or clamp(x, { min, max }); number bounds give ClampBackward1, tensor bounds ClampBackward0. */
export function clamp(self: Tensor, min?: Bound | ClampOpts, max?: Bound): Tensor {
  const [lo, hi] = clampArgs(min, max);
  return finish(self, clampValues(self, lo, hi), clampGrad(self, lo, hi));
}
export function clamp_(self: Tensor, min?: Bound | ClampOpts, max?: Bound): void {
  const [lo, hi] = clampArgs(min, max);
  finishInplace(self, clampValues(self, lo, hi), clampGrad(self, lo, hi));
}

function clampSideGrad(side: 'min' | 'max', self: Tensor, bound: TensorOrScalar): GradBuilder {
  const kept = side === 'min' ? ge : le;
  const crossed = side === 'min' ? lt : gt;
  const b = bound instanceof Tensor ? bound : null;
  const name = side === 'min' ? 'ClampMinBackward' : 'ClampMaxBackward';
  return (sv) => ({
    name: b ? `${name}1` : `${name}0`,
    inputs: b ? [self, b] : [self],
    save: [sv, b],
    backward: (g, s, needs) => {
      const bv: TensorOrScalar = b ? s(1) : bound;
      return [needs[0] ? where_(kept(s(0), bv), g, 0) : null, needs[1] ? where_(crossed(s(0), bv), g, 0) : null];
    },
  });
}
export function clamp_min(self: Tensor, min: TensorOrScalar): Tensor {
  return finish(self, clampValues(self, min, null), clampSideGrad('min', self, min));
}
export function clamp_max(self: Tensor, max: TensorOrScalar): Tensor {
  return finish(self, clampValues(self, null, max), clampSideGrad('max', self, max));
}
export function clamp_min_(self: Tensor, min: TensorOrScalar): void {
  finishInplace(self, clampValues(self, min, null), clampSideGrad('min', self, min));
}
export function clamp_max_(self: Tensor, max: TensorOrScalar): void {
  finishInplace(self, clampValues(self, null, max), clampSideGrad('max', self, max));
}
export { clamp as clip, clamp_ as clip_ };
