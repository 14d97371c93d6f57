// gradcheck and gradgradcheck (float64) over the differentiable special pointwise ops of
// src/ops/pointwise_special*.ts: the derivatives.yaml formulas agree with finite differences and
// are themselves differentiable (create_graph), as PyTorch's are.
import { describe } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, float64, int64 } from '../../src/index.ts';
import { spreadValues, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';

/** A float64 leaf with spreadValues (in about ±2.1) mapped affinely into (lo, hi). */
function inRange(shape: number[], seed: number, lo: number, hi: number): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const v = spreadValues(n, seed).map((x) => lo + ((x + 2.1) / 4.2) * (hi - lo));
  return Tensor._fromData(v, shape, float64).requires_grad_();
}

const exps = Tensor._fromData(new Float64Array([1, -2, 3]), [3], int64);

const CALLS: GradcheckCall[] = [
  ['lgamma', (x) => torch.lgamma(x), [inRange([2, 3], 1, 0.3, 5)]],
  ['lgamma_negative', (x) => torch.lgamma(x), [inRange([4], 2, -2.9, -2.1)]],
  ['digamma', (x) => torch.digamma(x), [inRange([2, 3], 3, 0.3, 5)]],
  ['digamma_negative', (x) => torch.digamma(x), [inRange([4], 4, -0.9, -0.1)]],
  ['polygamma1', (x) => torch.polygamma(1, x), [inRange([2, 3], 5, 0.3, 5)]],
  ['polygamma2', (x) => torch.polygamma(2, x), [inRange([2, 3], 6, 0.5, 5)]],
  ['polygamma3_T', (x) => torch.polygamma(3, x.t()), [inRange([3, 2], 7, 0.5, 5)]],
  ['mvlgamma_p1', (x) => torch.mvlgamma(x, 1), [inRange([2, 3], 8, 0.5, 5)]],
  ['mvlgamma_p3', (x) => torch.mvlgamma(x, 3), [inRange([2, 3], 9, 1.5, 5)]],
  ['logit', (x) => torch.logit(x), [inRange([2, 3], 10, 0.1, 0.9)]],
  ['logit_eps', (x) => torch.logit(x, 0.2), [inRange([2, 3], 11, 0.25, 0.75)]],
  ['deg2rad', (x) => torch.deg2rad(x), [inRange([2, 3], 12, -200, 200)]],
  ['rad2deg', (x) => torch.rad2deg(x), [inRange([2, 3], 13, -3, 3)]],
  ['sinc', (x) => torch.sinc(x), [inRange([2, 3], 14, -3, 3)]],
  ['i0', (x) => torch.i0(x), [inRange([2, 3], 15, -10, 10)]],
  ['angle', (x) => torch.angle(x), [inRange([2, 3], 16, -3, 3)]],
  ['copysign', (a, b) => torch.copysign(a as Tensor, b as Tensor), [inRange([2, 3], 17, -3, 3), inRange([3], 18, -3, 3)]],
  ['copysign_scalar', (a) => torch.copysign(a as Tensor, -1.5), [inRange([2, 3], 19, -3, 3)]],
  ['ldexp', (a) => torch.ldexp(a as Tensor, exps), [inRange([2, 3], 20, -3, 3)]],
  ['float_power', (a, b) => torch.float_power(a as Tensor, b as Tensor), [inRange([2, 3], 21, 0.2, 3), inRange([3], 22, -2, 2)]],
  ['float_power_scalar', (a) => torch.float_power(a as Tensor, 2.5), [inRange([2, 3], 23, 0.2, 3)]],
  ['float_power_number_base', (a) => torch.float_power(2.5, a as Tensor), [inRange([2, 3], 24, -2, 2)]],
  ['logaddexp2', (a, b) => torch.logaddexp2(a as Tensor, b as Tensor), [inRange([2, 3], 25, -4, 4), inRange([3], 26, -4, 4)]],
  ['frexp_mantissa', (a) => torch.frexp(a as Tensor).mantissa, [inRange([2, 3], 27, -30, 30)]],
];

describe('gradcheck / gradgradcheck of special pointwise ops (float64)', () => {
  testGradchecks(CALLS);
});
