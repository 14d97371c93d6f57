// gradcheck and gradgradcheck (float64) over the differentiable ops of src/ops/stats_extra*.ts:
// the backward formulas (addbmm, addr, dist, renorm) and the compositions (cov, corrcoef,
// quantile, trapezoid, matrix_power, multi_dot) and src/linalg/extra.ts's solvers agree with finite differences and are
// themselves differentiable (create_graph).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, float64 } from '../../src/index.ts';
import { gradcheckInput as input, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';

const q = (vals: number[]): Tensor => torch.tensor(vals, { dtype: float64 });
/** A symmetric positive-definite matrix from any square one: A Aᵀ + I. */
const spd = (a: Tensor): Tensor => a.matmul(a.mT).add(torch.eye(a.shape[a.ndim - 1] as number, { dtype: float64 }));
/** The same leaf values plus d·I (well-conditioned), as a fresh leaf. */
const diag = (a: Tensor, d: number): Tensor => a.detach().add(torch.eye(a.shape[a.ndim - 1] as number, { dtype: float64 }).mul(d)).requires_grad_();

const CASES: GradcheckCall[] = [
  ['addbmm', (s, a, b) => torch.addbmm(s as Tensor, a as Tensor, b as Tensor, { beta: 0.5, alpha: 2 }), [input([2, 2], 1), input([3, 2, 3], 2), input([3, 3, 2], 3)]],
  ['addr', (s, a, b) => torch.addr(s as Tensor, a as Tensor, b as Tensor, { beta: -1 }), [input([3], 4), input([2], 5), input([3], 6)]],
  ['dist', (a, b) => torch.dist(a as Tensor, b as Tensor), [input([2, 3], 7), input([3], 8)]],
  ['dist_p3', (a, b) => torch.dist(a as Tensor, b as Tensor, 3), [input([4], 9), input([4], 10)]],
  ['dist_p1_5', (a, b) => torch.dist(a as Tensor, b as Tensor, 1.5), [input([4], 11), input([4], 12)]],
  ['renorm', (a) => torch.renorm(a as Tensor, 2, 0, 1.5), [input([3, 4], 13)]],
  ['renorm_p3_dim1', (a) => torch.renorm(a as Tensor, 3, 1, 1), [input([2, 3, 2], 14)]],
  ['cov', (a) => torch.cov(a as Tensor), [input([3, 5], 15)]],
  ['cov_aweights', (a) => torch.cov(a as Tensor, { aweights: q([0.5, 1, 2, 0.25]), fweights: torch.tensor([1, 2, 1, 3], { dtype: torch.int64 }) }), [input([2, 4], 16)]],
  ['corrcoef', (a) => torch.corrcoef(a as Tensor), [input([3, 5], 17)]],
  ['quantile', (a) => torch.quantile(a as Tensor, q([0.2, 0.7]), { dim: 1 }), [input([3, 5], 18)]],
  ['quantile_midpoint', (a) => torch.quantile(a as Tensor, 0.3, { interpolation: 'midpoint' }), [input([7], 19)]],
  ['nanquantile', (a) => torch.nanquantile(a as Tensor, 0.4, 0, true), [input([4, 3], 20)]],
  ['trapezoid', (a) => torch.trapezoid(a as Tensor, { dx: 0.5 }), [input([3, 4], 21)]],
  ['trapezoid_x', (y, x) => torch.trapezoid(y as Tensor, x as Tensor, { dim: 0 }), [input([4, 2], 22), input([4], 23)]],
  ['cumulative_trapezoid_x', (y, x) => torch.cumulative_trapezoid(y as Tensor, x as Tensor), [input([2, 4], 24), input([2, 4], 25)]],
  ['matrix_power_5', (a) => torch.matrix_power(a as Tensor, 5), [input([3, 3], 26)]],
  ['matrix_power_neg2', (a) => torch.linalg.matrix_power(a as Tensor, -2), [input([2, 2], 27)]],
  ['multi_dot', (a, b, c, d) => torch.linalg.multi_dot([a as Tensor, b as Tensor, c as Tensor, d as Tensor]), [input([3], 28), input([3, 2], 29), input([2, 4], 30), input([4, 2], 31)]],
  ['chain_matmul', (a, b, c) => torch.chain_matmul(a as Tensor, b as Tensor, c as Tensor), [input([2, 3], 32), input([3, 2], 33), input([2, 2], 34)]],
  ['linalg.inv_ex', (a) => torch.linalg.inv_ex(a as Tensor).inverse, [diag(input([3, 3], 35), 3)]],
  ['linalg.cholesky_ex', (a) => torch.linalg.cholesky_ex(spd(a as Tensor), { upper: true }).L, [input([3, 3], 36)]],
  ['linalg.pinv_wide', (a) => torch.linalg.pinv(a as Tensor), [input([2, 3], 37)]],
  ['linalg.pinv_tall_batched', (a) => torch.linalg.pinv(a as Tensor), [input([2, 3, 2], 38)]],
  ['linalg.cond', (a) => torch.linalg.cond(a as Tensor), [input([3, 3], 39)]],
  ['linalg.cond_nuc', (a) => torch.linalg.cond(a as Tensor, 'nuc'), [input([3, 3], 40)]],
  ['linalg.solve_triangular', (a, b) => torch.linalg.solve_triangular(a as Tensor, b as Tensor, { upper: true }), [diag(input([3, 3], 41), 3), input([3, 2], 42)]],
  ['linalg.solve_triangular_right_unit', (a, b) => torch.linalg.solve_triangular(a as Tensor, b as Tensor, { upper: false, left: false, unitriangular: true }), [input([2, 2, 2], 43), input([3, 2], 44)]],
  ['triangular_solve', (b, a) => [...torch.triangular_solve(b as Tensor, a as Tensor, false, true)], [input([3, 2], 45), diag(input([3, 3], 46), 3)]],
  ['cholesky_solve', (b, a) => torch.cholesky_solve(b as Tensor, torch.linalg.cholesky(spd(a as Tensor))), [input([3, 2], 47), input([3, 3], 48)]],
  ['cholesky_solve_upper', (b, a) => torch.cholesky_solve(b as Tensor, torch.linalg.cholesky(spd(a as Tensor), { upper: true }), true), [input([2, 1], 49), input([2, 2], 50)]],
  ['linalg.lstsq_tall', (a, b) => torch.linalg.lstsq(a as Tensor, b as Tensor).solution, [input([4, 3], 52), input([4, 2], 53)]],
  ['linalg.lstsq_wide_batched', (a, b) => torch.linalg.lstsq(a as Tensor, b as Tensor, { driver: 'gelsd' }).solution, [input([2, 2, 3], 54), input([2, 2, 1], 55)]],
  ['cdist_mm', (a, b) => torch.cdist(a as Tensor, b as Tensor, { compute_mode: 'use_mm_for_euclid_dist' }), [input([2, 3, 2], 56), input([1, 2, 2], 57)]],
  ['linalg.householder_product', (a, t) => torch.linalg.householder_product(a as Tensor, t as Tensor), [input([4, 3], 64), input([2], 65)]],
  ['linalg.householder_product_batched', (a, t) => torch.linalg.householder_product(a as Tensor, t as Tensor), [input([2, 3, 3], 66), input([2, 3], 67)]],
  ['cholesky_inverse', (a) => torch.cholesky_inverse(torch.linalg.cholesky(spd(a as Tensor))), [input([3, 3], 51)]],
];

describe('gradcheck / gradgradcheck of stats and linalg extras (float64)', () => {
  testGradchecks(CASES);
});

// _cdist_backward has no derivative in PyTorch: cdist's own kernel path is gradchecked here
// (first order); its double backward raises as PyTorch's does (tests/autograd/double_backward.test.ts).
describe('cdist (kernel path): gradcheck', () => {
  const calls: [string, number][] = [['p2', 2], ['p1', 1], ['p3', 3], ['p1_5', 1.5], ['p0_5', 0.5], ['pinf', Infinity]];
  for (const [name, p] of calls) {
    test(name, () => {
      const xs = [input([3, 2], 60), input([2, 2, 2], 61)];
      assert.equal(torch.autograd.gradcheck((a, b) => torch.cdist(a as Tensor, b as Tensor, p), xs), true);
    });
  }
});
