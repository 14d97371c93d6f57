// gradcheck and gradgradcheck (float64) over the differentiable ops of src/ops/stats_extra*.ts:
// the backward formulas (addbmm, addr, dist, renorm) and the compositions (cov, corrcoef,
// quantile, trapezoid, matrix_power, multi_dot, vander) agree with finite differences and are
// themselves differentiable (create_graph).
import { describe } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, float64 } from '../../src/index.ts';
import { gradcheckInput as input, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';

const q = (vals: number[]): Tensor => torch.tensor(vals, { dtype: float64 });

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
];

describe('gradcheck / gradgradcheck of stats and linalg extras (float64)', () => {
  testGradchecks(CASES);
});
