// gradcheck and gradgradcheck (float64) over the differentiable misc ops of src/ops/pointwise/compare_close.ts,
// src/ops/reduce/reduce_more_scan_indexed.ts and src/ops/shape/shape_more_arrange.ts: the backward formulas agree with finite differences, and are
// themselves differentiable (create_graph), as PyTorch's are.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, float64, int64 } from '../../src/index.ts';

const { gradcheck, gradgradcheck } = torch.autograd;

/** Distinct, well-separated float64 inputs (no ties, so cummax/cummin are differentiable). */
function input(shape: number[], seed: number): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.sin(seed * 7.1 + i * 1.37) * 2 + (i % 2 === 0 ? 0.1 : -0.1);
  return Tensor._fromData(data, shape, float64).requires_grad_();
}

const repeats = Tensor._fromData(new Float64Array([2, 0, 3]), [3], int64);

type Case = [name: string, fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]];

const CASES: Case[] = [
  ['cummax', (x) => torch.cummax(x, 1).values, [input([3, 4], 1)]],
  ['cummax_dim0_T', (x) => torch.cummax(x.t(), 0)[0], [input([3, 4], 2)]],
  ['cummin', (x) => torch.cummin(x, -1).values, [input([2, 3, 2], 3)]],
  ['cummin_scalar', (x) => torch.cummin(x, 0).values, [input([], 4)]],
  ['logcumsumexp', (x) => torch.logcumsumexp(x, 1), [input([3, 4], 5)]],
  ['logcumsumexp_dim0', (x) => torch.logcumsumexp(x, 0), [input([4, 2], 6)]],
  ['logcumsumexp_T', (x) => torch.logcumsumexp(x.t(), -1), [input([3, 4], 7)]],
  ['repeat_interleave_flat', (x) => torch.repeat_interleave(x, 2), [input([2, 3], 8)]],
  ['repeat_interleave_dim', (x) => torch.repeat_interleave(x, 3, { dim: 1 }), [input([2, 3], 9)]],
  ['repeat_interleave_tensor', (x) => torch.repeat_interleave(x, repeats, 0), [input([3, 2], 10)]],
  ['rot90_k1', (x) => torch.rot90(x), [input([3, 4], 11)]],
  ['rot90_k2', (x) => torch.rot90(x, 2, [1, 2]), [input([2, 3, 4], 12)]],
  ['rot90_k3', (x) => torch.rot90(x, -1, [-1, 0]), [input([2, 3, 4], 13)]],
  ['rot90_k0', (x) => torch.rot90(x, 4), [input([3, 4], 14)]],
  ['diag_embed', (x) => torch.diag_embed(x), [input([2, 3], 15)]],
  ['diag_embed_offset_dims', (x) => torch.diag_embed(x, -1, 0, 2), [input([2, 3], 16)]],
  ['meshgrid_ij', (a, b) => torch.meshgrid(a as Tensor, b as Tensor, { indexing: 'ij' }), [input([3], 17), input([2], 18)]],
  ['meshgrid_xy', (a, b, c) => torch.meshgrid([a as Tensor, b as Tensor, c as Tensor], { indexing: 'xy' }), [input([3], 19), input([2], 20), input([], 21)]],
];

describe('gradcheck / gradgradcheck of misc ops (float64)', () => {
  for (const [name, fn, inputs] of CASES) {
    test(name, () => {
      assert.equal(gradcheck(fn, inputs), true);
      assert.equal(gradgradcheck(fn, inputs), true);
    });
  }
});
