// gradcheck and gradgradcheck (float64) over every differentiable reduction and shape op of
// src/ops/reduce_more*.ts and src/ops/shape_more*.ts: the backward formulas agree with finite
// differences, and are themselves differentiable (create_graph), as PyTorch's are.
import { describe } from 'node:test';
import * as torch from '../../src/index.ts';
import { gradcheckInput, spreadValues, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';
import { Tensor, float64 } from '../../src/index.ts';

/** Distinct, non-zero, well-separated float64 inputs (no ties, so max/min are differentiable). */
function input(shape: number[], seed: number, opts: { positive?: boolean } = {}): Tensor {
  if (!opts.positive) return gradcheckInput(shape, seed);
  const n = shape.reduce((p, s) => p * s, 1);
  return Tensor._fromData(spreadValues(n, seed).map((v) => Math.abs(v) + 0.5), shape, float64).requires_grad_();
}

/** A float64 leaf with the given values (zeros in them: cumprod's and prod's special paths). */
function values(vals: number[], shape: number[]): Tensor {
  return Tensor._fromData(new Float64Array(vals), shape, float64).requires_grad_();
}
const ZEROS = [1.5, 0, 2, -1, 3, 0.5];

const CASES: GradcheckCall[] = [
  ['max', (x) => torch.max(x), [input([3, 4], 1)]],
  ['max_dim', (x) => torch.max(x, 1)[0], [input([3, 4], 2)]],
  ['min_dim_keepdim', (x) => torch.min(x, 0, true).values, [input([3, 4], 3)]],
  ['amax', (x) => torch.amax(x, [0, 2]), [input([2, 3, 2], 4)]],
  ['amin', (x) => torch.amin(x, 1, true), [input([3, 4], 5)]],
  ['prod', (x) => torch.prod(x), [input([2, 3], 6)]],
  ['prod_dim', (x) => torch.prod(x, 1, true), [input([3, 4], 7)]],
  ['var', (x) => torch.var(x, 1), [input([3, 4], 8)]],
  ['var_correction', (x) => torch.var(x, { dim: [0, 1], correction: 0 }), [input([3, 4], 9)]],
  ['std', (x) => torch.std(x, 0, true, true), [input([3, 4], 10)]],
  ['var_mean', (x) => torch.var_mean(x, 1), [input([3, 4], 11)]],
  ['std_mean', (x) => torch.std_mean(x), [input([3, 4], 12)]],
  ['logsumexp', (x) => torch.logsumexp(x, [1]), [input([3, 4], 13)]],
  ['nansum', (x) => torch.nansum(x, 0), [input([3, 4], 14)]],
  ['nanmean', (x) => torch.nanmean(x, 1), [input([3, 4], 15)]],
  ['cumsum', (x) => torch.cumsum(x, 1), [input([3, 4], 16)]],
  ['cumprod', (x) => torch.cumprod(x, 0), [input([3, 4], 17)]],
  // With zeros, cumprod_backward's create_graph path is the composite O(n²) one (twice differentiable).
  ['cumprod_zeros_dim1', (x) => torch.cumprod(x, 1), [values(ZEROS, [2, 3])]],
  ['cumprod_zeros_dim0', (x) => torch.cumprod(x, 0), [values(ZEROS, [2, 3])]],
  ['cumprod_two_zeros', (x) => torch.cumprod(x, -1), [values([0.5, 0, 2, 1.5, 0, -1], [6])]],
  ['cumprod_zeros_3d', (x) => torch.cumprod(x, 1), [values([1.5, 0, 2, -0.5, 0, 3, -1, 2, 0, 1.5, 2.5, -2], [2, 3, 2])]],
  ['prod_zeros', (x) => torch.prod(x), [values([1.5, 0, 2, -1, 3, 0.5], [2, 3])]],
  ['prod_dim_zeros', (x) => torch.prod(x, 1), [values(ZEROS, [2, 3])]],
  ['norm', (x) => torch.norm(x), [input([3, 4], 18)]],
  ['norm_p1_dim', (x) => torch.norm(x, 1, 1), [input([3, 4], 19)]],
  ['norm_p3', (x) => torch.norm(x, 3, 0, true), [input([3, 4], 20)]],
  ['norm_p1_5', (x) => torch.norm(x, 1.5), [input([3, 4], 21)]],
  ['norm_p0_5', (x) => torch.norm(x, 0.5, 1), [input([3, 4], 22)]],
  ['norm_inf', (x) => torch.norm(x, Infinity, 1), [input([3, 4], 23)]],
  ['norm_fro_2d', (x) => torch.norm(x, 'fro', [0, 1]), [input([3, 4], 24)]],
  ['cat', (a, b) => torch.cat([a as Tensor, b as Tensor], 1), [input([2, 3], 25), input([2, 2], 26)]],
  ['stack', (a, b) => torch.stack([a as Tensor, b as Tensor], -1), [input([2, 3], 27), input([2, 3], 28)]],
  ['hstack', (a, b) => torch.hstack([a as Tensor, b as Tensor]), [input([3], 29), input([2], 30)]],
  ['vstack', (a, b) => torch.vstack([a as Tensor, b as Tensor]), [input([3], 31), input([2, 3], 32)]],
  ['split', (x) => torch.split(x, 3, 1), [input([2, 5], 33)]],
  ['split_one_used', (x) => torch.split(x, [1, 2], 0)[1] as Tensor, [input([3, 2], 34)]],
  ['chunk', (x) => torch.chunk(x, 2), [input([5, 2], 35)]],
  ['unbind', (x) => torch.unbind(x, 1), [input([2, 3], 36)]],
  ['unbind_one_used', (x) => torch.unbind(x)[0] as Tensor, [input([2, 3], 37)]],
  ['flip', (x) => torch.flip(x, [0, 1]), [input([3, 4], 38)]],
  ['roll', (x) => torch.roll(x, [1, -2], [0, 1]), [input([3, 4], 39)]],
  ['roll_flat', (x) => torch.roll(x, 5), [input([3, 4], 40)]],
  ['tril', (x) => torch.tril(x, 1), [input([3, 4], 41)]],
  ['triu', (x) => torch.triu(x, -1), [input([2, 3, 3], 42)]],
  ['movedim', (x) => torch.movedim(x, [0, 1], [2, 0]), [input([2, 3, 4], 43)]],
  ['unflatten', (x) => torch.unflatten(x, 1, [2, -1]), [input([2, 6], 44)]],
  ['broadcast_to', (x) => torch.broadcast_to(x, [2, 3]), [input([3], 45)]],
  ['broadcast_tensors', (a, b) => torch.broadcast_tensors(a as Tensor, b as Tensor), [input([3], 46), input([2, 1], 47)]],
  ['repeat', (x) => x.repeat(2, 1, 3), [input([2, 3], 48)]],
  ['tile', (x) => torch.tile(x, [2]), [input([2, 3], 49)]],
  ['diag_1d', (x) => torch.diag(x, -1), [input([3], 50)]],
  ['diag_2d', (x) => torch.diag(x), [input([3, 3], 51)]],
  ['diag_2d_rect', (x) => torch.diag(x, 1), [input([3, 4], 52)]],
  ['diagonal', (x) => torch.diagonal(x, 1, 2, 0), [input([3, 2, 4], 53)]],
  ['trace', (x) => torch.trace(x), [input([3, 4], 54)]],
];

describe('gradcheck / gradgradcheck of reductions and shape ops (float64)', () => {
  testGradchecks(CASES);
});
