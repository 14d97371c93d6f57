// gradcheck and gradgradcheck (float64) over the differentiable ops of src/ops/shape_extra*.ts:
// the backward formulas agree with finite differences and are themselves differentiable.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor, int64 } from '../../src/index.ts';
import { gradcheckInput, type GradcheckCall } from './gradcheck_cases.ts';

const { gradcheck, gradgradcheck } = torch.autograd;
// The table's type is named `…Case` so that tools/docs/gen_ops.ts counts its cases.
type Case = GradcheckCall;

const input = gradcheckInput;

function idx(values: number[]): Tensor {
  return Tensor._fromData(Float64Array.from(values), [values.length], int64);
}

const one = (r: Tensor | Tensor[]): Tensor => r as Tensor;
const many = (r: Tensor | Tensor[]): Tensor[] => r as Tensor[];

const CASES: Case[] = [
  ['unfold', (x) => x.unfold(1, 3, 1), [input([2, 5], 1)]],
  ['unfold_step', (x) => x.unfold(0, 2, 3), [input([7, 2], 2)]],
  ['unfold_scalar', (x) => x.unfold(0, 1, 1), [input([], 3)]],
  ['ravel_T', (x) => torch.ravel(x.t()), [input([2, 3], 4)]],
  ['atleast_1d', (x) => one(torch.atleast_1d(x)), [input([], 5)]],
  ['atleast_2d', (x) => one(torch.atleast_2d(x)), [input([3], 6)]],
  ['atleast_3d', (x, y) => many(torch.atleast_3d([x, y])), [input([3], 7), input([2, 2], 8)]],
  ['dstack', (x, y) => torch.dstack([x, y]), [input([2, 3], 9), input([2, 3], 10)]],
  ['column_stack', (x, y) => torch.column_stack([x, y]), [input([3], 11), input([3, 2], 12)]],
  ['row_stack', (x, y) => torch.row_stack([x, y]), [input([3], 13), input([2, 3], 14)]],
  ['tensor_split', (x) => torch.tensor_split(x, 3, 1), [input([2, 7], 15)]],
  ['tensor_split_indices', (x) => torch.tensor_split(x, [1, 4]), [input([6], 16)]],
  ['hsplit', (x) => torch.hsplit(x, 2), [input([2, 4], 17)]],
  ['vsplit', (x) => torch.vsplit(x, [1]), [input([3, 2], 18)]],
  ['dsplit', (x) => torch.dsplit(x, 2), [input([1, 2, 4], 19)]],
  ['split_with_sizes', (x) => torch.split_with_sizes(x, [1, 3], 1), [input([2, 4], 20)]],
  ['unsafe_split', (x) => torch.unsafe_split(x, 2), [input([5, 2], 21)]],
  ['unsafe_chunk', (x) => torch.unsafe_chunk(x, 3, 1), [input([2, 6], 22)]],
  ['swapdims', (x) => torch.swapdims(x, 0, 2), [input([2, 3, 2], 23)]],
  ['fliplr', (x) => torch.fliplr(x), [input([2, 3], 24)]],
  ['flipud', (x) => torch.flipud(x), [input([3, 2], 25)]],
  ['cartesian_prod', (x, y) => torch.cartesian_prod(x, y), [input([2], 26), input([3], 27)]],
  ['combinations', (x) => torch.combinations(x, 3), [input([4], 28)]],
  ['combinations_repl', (x) => torch.combinations(x, { with_replacement: true }), [input([3], 29)]],
  ['block_diag', (x, y, z) => torch.block_diag(x, y, z), [input([2, 2], 30), input([3], 31), input([], 32)]],
  ['diagflat', (x) => torch.diagflat(x, 1), [input([2, 2], 33)]],
  ['slice_scatter', (x, s) => torch.slice_scatter(x, s, 1, 0, 4, 2), [input([3, 4], 34), input([3, 2], 35)]],
  ['select_scatter', (x, s) => torch.select_scatter(x, s, 0, 1), [input([3, 4], 36), input([4], 37)]],
  ['diagonal_scatter', (x, s) => torch.diagonal_scatter(x, s, -1), [input([3, 3], 38), input([2], 39)]],
  ['fill_diagonal_', (x) => x.clone().fill_diagonal_(2, true), [input([5, 2], 40)]],
  ['index_put', (x, v) => torch.index_put(x, [idx([2, 0])], v), [input([3, 2], 41), input([2, 2], 42)]],
  ['index_put_acc', (x, v) => torch.index_put(x, [idx([1, 1, 0])], v, true), [input([3], 43), input([3], 44)]],
  ['index_put_broadcast', (x, v) => torch.index_put(x, [idx([0, 2])], v), [input([3, 2], 45), input([2], 46)]],
  ['sum_to_size', (x) => x.sum_to_size(3, 1), [input([2, 3, 4], 47)]],
  ['type_as', (x, y) => x.type_as(y), [input([2, 2], 48), input([1], 49)]],
];

describe('shape_extra gradcheck / gradgradcheck (float64)', () => {
  for (const [name, fn, inputs] of CASES) {
    test(name, () => {
      assert.equal(gradcheck(fn, inputs), true);
      assert.equal(gradgradcheck(fn, inputs), true);
    });
  }
});
