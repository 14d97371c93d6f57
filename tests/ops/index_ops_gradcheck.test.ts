// gradcheck and gradgradcheck (float64) over every differentiable indexing op of
// src/ops/index_ops*.ts: the backward formulas agree with finite differences, and are
// themselves differentiable (create_graph), as PyTorch's are.
import { describe } from 'node:test';
import * as torch from '../../src/index.ts';
import { gradcheckInput, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';
import { Tensor, int64, bool } from '../../src/index.ts';

const input = gradcheckInput;

function idx(values: number[], shape: number[] = [values.length]): Tensor {
  return Tensor._fromData(Float64Array.from(values), shape, int64);
}

function mask(values: boolean[], shape: number[]): Tensor {
  return Tensor._fromData(Uint8Array.from(values.map(Number)), shape, bool);
}

const I1 = idx([2, 0, 2]);
const G = idx([0, 0, 1, 0, 3, 2], [3, 2]);
// scatter targets without duplicates (overwriting is only differentiable without them)
const S = idx([0, 1, 2, 1, 2, 0, 0, 2], [2, 4]);
const SDUP = idx([0, 1, 2, 0, 2, 0, 1, 1], [2, 4]);
const M = mask([true, false, false, true, false, false, false, false, true, true, false, true], [3, 4]);

const CASES: GradcheckCall[] = [
  ['index_select', (x) => torch.index_select(x, 0, I1), [input([3, 4], 1)]],
  ['index_select_dim1', (x) => x.index_select(-1, idx([3, 3, 0])), [input([3, 4], 2)]],
  ['gather', (x) => torch.gather(x, 1, G), [input([3, 4], 3)]],
  ['take_along_dim', (x) => torch.take_along_dim(x, idx([1, 0, 2, 2], [1, 4]), 0), [input([3, 4], 4)]],
  ['scatter_src', (x, s) => torch.scatter(x as Tensor, 0, S, s as Tensor), [input([3, 5], 5), input([2, 4], 6)]],
  ['scatter_value', (x) => torch.scatter(x, 0, SDUP, 1.5), [input([3, 5], 7)]],
  ['scatter_add', (x, s) => torch.scatter_add(x as Tensor, 0, SDUP, s as Tensor), [input([3, 5], 8), input([2, 4], 9)]],
  ['scatter_reduce_sum', (x, s) => torch.scatter_reduce(x as Tensor, 0, SDUP, s as Tensor, 'sum'), [input([3, 5], 10), input([2, 4], 11)]],
  ['scatter_reduce_mean_excl', (x, s) => torch.scatter_reduce(x as Tensor, 0, SDUP, s as Tensor, 'mean', { include_self: false }), [input([3, 5], 12), input([2, 4], 13)]],
  ['scatter_reduce_prod', (x, s) => torch.scatter_reduce(x as Tensor, 0, SDUP, s as Tensor, 'prod'), [input([3, 5], 14), input([2, 4], 15)]],
  ['scatter_reduce_prod_excl', (x, s) => torch.scatter_reduce(x as Tensor, 1, idx([0, 0, 4, 1, 1, 1], [2, 3]), s as Tensor, 'prod', { include_self: false }), [input([3, 5], 16), input([2, 3], 17)]],
  ['scatter_reduce_amax', (x, s) => torch.scatter_reduce(x as Tensor, 0, SDUP, s as Tensor, 'amax'), [input([3, 5], 18), input([2, 4], 19)]],
  ['scatter_reduce_amin_excl', (x, s) => torch.scatter_reduce(x as Tensor, 0, SDUP, s as Tensor, 'amin', { include_self: false }), [input([3, 5], 20), input([2, 4], 21)]],
  ['index_add', (x, s) => torch.index_add(x as Tensor, 0, I1, s as Tensor, { alpha: 2 }), [input([3, 4], 22), input([3, 4], 23)]],
  ['index_add_0d_source', (x, s) => torch.index_add(x as Tensor, 0, idx([1]), s as Tensor), [input([3], 24), input([], 25)]],
  ['index_copy', (x, s) => torch.index_copy(x as Tensor, 1, idx([3, 0]), s as Tensor), [input([3, 4], 26), input([3, 2], 27)]],
  ['index_fill', (x) => torch.index_fill(x, 0, I1, -1), [input([3, 4], 28)]],
  ['index_fill_tensor', (x, v) => torch.index_fill(x as Tensor, 1, idx([1, 3, 1]), v as Tensor), [input([3, 4], 29), input([], 30)]],
  ['masked_fill', (x) => torch.masked_fill(x, M, 0.5), [input([3, 4], 31)]],
  ['masked_fill_tensor_bcast', (x, v) => torch.masked_fill(x as Tensor, M, v as Tensor), [input([4], 32), input([], 33)]],
  ['masked_select', (x) => torch.masked_select(x, M), [input([3, 4], 34)]],
  ['masked_select_bcast', (x) => torch.masked_select(x, M), [input([4], 35)]],
  ['masked_scatter', (x, s) => torch.masked_scatter(x as Tensor, M, s as Tensor), [input([3, 4], 36), input([7], 37)]],
  ['take', (x) => torch.take(x, idx([0, 11, 5, 5, -1], [5])), [input([3, 4], 38)]],
  ['put', (x, s) => torch.put(x as Tensor, idx([0, 5, -1]), s as Tensor), [input([3, 4], 39), input([3], 40)]],
  ['put_accumulate', (x, s) => torch.put(x as Tensor, idx([1, 1, 2, 1], [2, 2]), s as Tensor, true), [input([3, 4], 41), input([2, 2], 42)]],
  ['scatter_ in place', (x, s) => (x as Tensor).mul(1).scatter_(1, idx([4, 0, 1, 2], [2, 2]), s as Tensor), [input([3, 5], 43), input([2, 2], 44)]],
  ['index_add_ in place', (x, s) => (x as Tensor).mul(1).index_add_(0, I1, s as Tensor), [input([3, 4], 45), input([3, 4], 46)]],
  ['scatter_reduce_ in place', (x, s) => (x as Tensor).mul(1).scatter_reduce_(0, SDUP, s as Tensor, 'mean'), [input([3, 5], 49), input([2, 4], 50)]],
  ['scatter_reduce_ prod in place', (x, s) => (x as Tensor).mul(1).scatter_reduce_(0, SDUP, s as Tensor, 'prod'), [input([3, 5], 51), input([2, 4], 52)]],
  ['masked_fill_ in place', (x, v) => (x as Tensor).mul(1).masked_fill_(M, v as Tensor), [input([3, 4], 47), input([], 48)]],
];

describe('gradcheck / gradgradcheck of indexing ops (float64)', () => {
  testGradchecks(CASES);
});
