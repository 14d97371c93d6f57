// Helpers shared by the sorting ops (sort.ts) and set ops (sets.ts): walking a tensor lane by
// lane along one dim, PyTorch's comparators (NaN counts as the largest value), and
// value_selecting_reduction_backward's scatter with its gather for double backward.
import { Tensor } from '../../tensor/tensor.ts';
import { IndexError } from '../../errors.ts';
import { numelOf } from '../../tensor/shape.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { unsqueeze } from '../shape/views.ts';
import type { Less } from './sort_std.ts';

/**
 * Visits `x` lane by lane along `dim` (row-major over the other dims); `f` gets the lane's
 * values and its number. A 0-dim tensor is one lane of one value.
 */
export function forEachLane(x: Tensor, dim: number, f: (vals: Float64Array, lane: number) => void): void {
  const nd = x._shape.length;
  if (nd === 0) {
    f(Float64Array.of(x._data[x._offset] as number), 0);
    return;
  }
  const len = x._shape[dim] as number;
  const step = x._stride[dim] as number;
  const others: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== dim) others.push(i);
  const nLanes = numelOf(others.map((i) => x._shape[i] as number));
  const pos = new Array<number>(others.length).fill(0);
  const vals = new Float64Array(len);
  const d = x._data;
  for (let lane = 0; lane < nLanes; lane++) {
    let base = x._offset;
    for (let k = 0; k < others.length; k++) base += (pos[k] as number) * (x._stride[others[k] as number] as number);
    for (let j = 0; j < len; j++) vals[j] = d[base + j * step] as number;
    f(vals, lane);
    for (let k = others.length - 1; k >= 0; k--) {
      pos[k] = (pos[k] as number) + 1;
      if ((pos[k] as number) < (x._shape[others[k] as number] as number)) break;
      pos[k] = 0;
    }
  }
}

/**
 * Where lane `lane`'s element `j` lives in a tensor of `shape` with `strides` (contiguous when
 * not given) whose `dim` is the lane's dim; lanes are numbered row-major over the other dims.
 */
export function laneWriter(shape: readonly number[], dim: number, strides?: readonly number[]): (lane: number, j: number) => number {
  if (strides === undefined) {
    let inner = 1;
    for (let i = dim + 1; i < shape.length; i++) inner *= shape[i] as number;
    const len = shape.length === 0 ? 1 : (shape[dim] as number);
    return (lane, j) => Math.floor(lane / inner) * len * inner + j * inner + (lane % inner);
  }
  const others: number[] = [];
  for (let i = 0; i < shape.length; i++) if (i !== dim) others.push(i);
  const step = shape.length === 0 ? 0 : (strides[dim] as number);
  return (lane, j) => {
    let off = j * step;
    let rest = lane;
    for (let k = others.length - 1; k >= 0; k--) {
      const d = others[k] as number;
      const size = shape[d] as number;
      off += (rest % size) * (strides[d] as number);
      rest = Math.floor(rest / size);
    }
    return off;
  };
}

/** KeyValueCompAsc / KeyValueCompDesc of SortingKernel.cpp over positions into `v`. */
export function keyLess(v: Float64Array, descending: boolean): Less {
  return descending
    ? (a, b) => {
        const x = v[a] as number;
        const y = v[b] as number;
        return (x !== x && y === y) || x > y;
      }
    : (a, b) => {
        const x = v[a] as number;
        const y = v[b] as number;
        return (x === x && y !== y) || x < y;
      };
}

/** zero_numel_check_dims: a reduction over `dim` needs a non-empty dim. */
export function zeroNumelCheck(x: Tensor, dim: number, fn: string): void {
  if (x._shape.length === 0) {
    if (x.numel() === 0) throw new IndexError(`${fn}: Expected reduction of scalar input tensor to have non-zero size.`);
    return;
  }
  if (x._shape[dim] === 0) throw new IndexError(`${fn}: Expected reduction dim ${dim} to have non-zero size.`);
}

function walk(shape: readonly number[], f: (pos: readonly number[], k: number) => void): void {
  const nd = shape.length;
  const n = numelOf(shape);
  const pos = new Array<number>(nd).fill(0);
  for (let k = 0; k < n; k++) {
    f(pos, k);
    for (let d = nd - 1; d >= 0; d--) {
      pos[d] = (pos[d] as number) + 1;
      if ((pos[d] as number) < (shape[d] as number)) break;
      pos[d] = 0;
    }
  }
}

/** zeros(shape).scatter(dim, idx, g), g and idx of one shape (ScatterBackward0 for double backward). */
export function scatterZeros(g: Tensor, dim: number, idx: Tensor, shape: readonly number[]): Tensor {
  const out = Tensor._empty(shape.slice(), g.dtype);
  const gv = g.contiguous();
  const iv = idx.contiguous();
  const nd = shape.length;
  walk(g._shape, (pos, k) => {
    let off = 0;
    for (let d = 0; d < nd; d++) off += (d === dim ? (iv._data[iv._offset + k] as number) : (pos[d] as number)) * (out._stride[d] as number);
    out._data[off] = gv._data[gv._offset + k] as number;
  });
  if (needsGrad(g)) record('ScatterBackward0', [g], out, (gg) => [gatherDim(gg[0] as Tensor, dim, idx)]);
  return out;
}

/** x.gather(dim, idx) (GatherBackward0). */
export function gatherDim(x: Tensor, dim: number, idx: Tensor): Tensor {
  const out = Tensor._empty(idx._shape.slice(), x.dtype);
  const iv = idx.contiguous();
  const nd = idx._shape.length;
  walk(idx._shape, (pos, k) => {
    let off = x._offset;
    for (let d = 0; d < nd; d++) off += (d === dim ? (iv._data[iv._offset + k] as number) : (pos[d] as number)) * (x._stride[d] as number);
    out._data[k] = x._data[off] as number;
  });
  if (needsGrad(x)) {
    const shape = x._shape.slice();
    record('GatherBackward0', [x], out, (gg) => [scatterZeros(gg[0] as Tensor, dim, idx, shape)]);
  }
  return out;
}

/** value_selecting_reduction_backward (FunctionsManual.cpp). */
export function valueSelectingBackward(g: Tensor, dim: number, indices: Tensor, sizes: readonly number[], keepdim: boolean): Tensor {
  if (sizes.length === 0) return scatterZeros(g, 0, indices, sizes);
  const gk = keepdim ? g : unsqueeze(g, dim);
  const ik = keepdim ? indices : unsqueeze(indices, dim);
  return scatterZeros(gk, dim, ik, sizes);
}
