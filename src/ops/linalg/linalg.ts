// Matrix products: mm, bmm, mv, dot, and matmul composed from them exactly as ATen's
// _matmul_impl does (so the grad_fn chain matches PyTorch's).
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { broadcastShapes, numelOf } from '../../tensor/shape.ts';
import { bmm as bmmKernel } from '../../backends/cpu.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { expand, reshape, t, transpose, unsqueeze, _unsafe_view } from '../shape/views.ts';
import { mul } from '../pointwise/arithmetic.ts';

function checkSameDtype(a: Tensor, b: Tensor, what: string): void {
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(`${what}expected scalar type ${a.dtype.scalarName} but found ${b.dtype.scalarName}`);
  }
}

function product(a: Tensor, b: Tensor, batch: number, m: number, k: number, n: number, aS: [number, number, number], bS: [number, number, number], shape: number[]): Tensor {
  const out = Tensor._empty(shape, a.dtype);
  if (numelOf(shape) > 0) {
    bmmKernel(a._data, a._offset, aS[0], aS[1], aS[2], b._data, b._offset, bS[0], bS[1], bS[2], out._data, batch, m, k, n);
  }
  return out;
}

export function mm(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 2) throw new RuntimeError('self must be a matrix');
  if (b._shape.length !== 2) throw new RuntimeError('mat2 must be a matrix');
  const [m, k] = a._shape as [number, number];
  const [k2, n] = b._shape as [number, number];
  if (k !== k2) throw new RuntimeError(`mat1 and mat2 shapes cannot be multiplied (${m}x${k} and ${k2}x${n})`);
  checkSameDtype(a, b, '');
  const out = product(a, b, 1, m, k, n, [0, a._stride[0] as number, a._stride[1] as number], [0, b._stride[0] as number, b._stride[1] as number], [m, n]);
  if (needsGrad(a, b)) {
    record(
      'MmBackward0',
      [a, b],
      out,
      (g, s, node) => [
        node.needs[0] ? mm(g[0] as Tensor, t(s.get(1))) : null,
        node.needs[1] ? mm(t(s.get(0)), g[0] as Tensor) : null,
      ],
      [b.requires_grad ? a : null, a.requires_grad ? b : null],
    );
  }
  return out;
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 3) throw new RuntimeError('batch1 must be a 3D tensor');
  if (b._shape.length !== 3) throw new RuntimeError('batch2 must be a 3D tensor');
  const [bs, m, k] = a._shape as [number, number, number];
  const [bs2, k2, n] = b._shape as [number, number, number];
  if (bs2 !== bs || k2 !== k) {
    throw new RuntimeError(`Expected size for first two dimensions of batch2 tensor to be: [${bs}, ${k}] but got: [${bs2}, ${k2}].`);
  }
  checkSameDtype(a, b, '');
  const out = product(a, b, bs, m, k, n, a._stride as [number, number, number], b._stride as [number, number, number], [bs, m, n]);
  if (needsGrad(a, b)) {
    record(
      'BmmBackward0',
      [a, b],
      out,
      (g, s, node) => [
        node.needs[0] ? bmm(g[0] as Tensor, transpose(s.get(1), 1, 2)) : null,
        node.needs[1] ? bmm(transpose(s.get(0), 1, 2), g[0] as Tensor) : null,
      ],
      [b.requires_grad ? a : null, a.requires_grad ? b : null],
    );
  }
  return out;
}

export function mv(a: Tensor, v: Tensor): Tensor {
  if (a._shape.length !== 2 || v._shape.length !== 1) {
    throw new RuntimeError(`vector + matrix @ vector expected, got 1, ${a._shape.length}, ${v._shape.length}`);
  }
  const [m, k] = a._shape as [number, number];
  if (v._shape[0] !== k) throw new RuntimeError(`size mismatch, got ${m}, ${m}x${k},${v._shape[0]}`);
  checkSameDtype(a, v, '');
  const out = product(a, v, 1, m, k, 1, [0, a._stride[0] as number, a._stride[1] as number], [0, v._stride[0] as number, 0], [m]);
  if (needsGrad(a, v)) {
    record(
      'MvBackward0',
      [a, v],
      out,
      (g, s, node) => [
        // grad.ger(vec) and self.t().mv(grad)
        node.needs[0] ? mul(unsqueeze(g[0] as Tensor, 1), s.get(1)) : null,
        node.needs[1] ? mv(t(s.get(0)), g[0] as Tensor) : null,
      ],
      [v.requires_grad ? a : null, a.requires_grad || v.requires_grad ? v : null],
    );
  }
  return out;
}

export function dot(a: Tensor, b: Tensor): Tensor {
  if (a._shape.length !== 1 || b._shape.length !== 1) {
    throw new RuntimeError(`1D tensors expected, but got ${a._shape.length}D and ${b._shape.length}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw new RuntimeError(
      `inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new RuntimeError(`dot : expected both vectors to have same dtype, but found ${a.dtype.scalarName} and ${b.dtype.scalarName}`);
  }
  const k = a._shape[0] as number;
  const out = product(a, b, 1, 1, k, 1, [0, 0, a._stride[0] as number], [0, b._stride[0] as number, 0], []);
  if (needsGrad(a, b)) {
    record(
      'DotBackward0',
      [a, b],
      out,
      (g, s, node) => [node.needs[0] ? mul(g[0] as Tensor, s.get(1)) : null, node.needs[1] ? mul(g[0] as Tensor, s.get(0)) : null],
      [b.requires_grad ? a : null, a.requires_grad ? b : null],
    );
  }
  return out;
}

/**
 * should_fold: a ≥3-D operand times a 1-D/2-D one folds into mm/mv, except a 3-D operand whose
 * last two dims are transposed (permute(0, 2, 1)), which bmm handles without a copy.
 */
function shouldFold(x: Tensor, otherDim: number): boolean {
  const n = x._shape.length;
  if (n < 3 || (otherDim !== 1 && otherDim !== 2)) return false;
  const [, s1, s2] = x._shape as [number, number, number];
  return !(n === 3 && otherDim === 2 && x._stride[2] !== 1 && x._stride[0] === s1 * s2);
}

/** torch.matmul, decomposed as ATen's _matmul_impl (PyTorch 1.13). */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const d1 = a._shape.length;
  const d2 = b._shape.length;
  if (d1 === 0 || d2 === 0) {
    throw new RuntimeError(`both arguments to matmul need to be at least 1D, but they are ${d1}D and ${d2}D`);
  }
  if (d1 === 1 && d2 === 1) return dot(a, b);
  if (d1 === 2 && d2 === 1) return mv(a, b);
  if (d1 === 1 && d2 === 2) return squeezeInplaceResult(mm(unsqueeze(a, 0), b));
  if (d1 === 2 && d2 === 2) return mm(a, b);
  if (shouldFold(a, d2) || shouldFold(b, d1)) {
    // Fold the batch of the bigger operand into the rows of one mm/mv, then _unsafe_view back.
    // With the batch on the right, compute (Bᵀ·Aᵀ)ᵀ: B.mT folded, times A.t() (or A if 1-D).
    const swap = d2 > d1;
    const t1 = swap ? transpose(b, -2, -1) : a;
    const t2 = !swap ? b : d1 === 2 ? t(a) : a;
    const sizes1 = t1._shape;
    const outShape = sizes1.slice(0, -1);
    const folded = numelOf(outShape);
    const t2IsMatrix = t2._shape.length === 2;
    if (t2IsMatrix) outShape.push(t2._shape[1] as number);
    const t1Folded = reshape(t1, [[folded, sizes1[sizes1.length - 1] as number]]);
    if (!t2IsMatrix) return _unsafe_view(mv(t1Folded, t2), outShape);
    const output = _unsafe_view(mm(t1Folded, t2), outShape);
    return swap ? transpose(output, -2, -1).contiguous() : output;
  }
  // Batched: broadcast the batch dims, bmm, _unsafe_view.
  const n = d1 > 1 ? (a._shape[d1 - 2] as number) : 1;
  const m1 = a._shape[d1 - 1] as number;
  const batch1 = a._shape.slice(0, Math.max(d1 - 2, 0));
  const m2 = d2 > 1 ? (b._shape[d2 - 2] as number) : (b._shape[d2 - 1] as number);
  const p = d2 > 1 ? (b._shape[d2 - 1] as number) : 1;
  const batch2 = b._shape.slice(0, Math.max(d2 - 2, 0));
  const batch = broadcastShapes(batch1, batch2);
  const bp = numelOf(batch);
  const e1 = reshape(expand(a, [batch.concat([n, m1])]), [[bp, n, m1]]);
  const e2 = reshape(expand(b, [batch.concat([m2, p])]), [[bp, m2, p]]);
  const outShape = batch.slice();
  if (d1 > 1) outShape.push(n);
  if (d2 > 1) outShape.push(p);
  return _unsafe_view(bmm(e1, e2), outShape);
}

/** ATen does `mm(...).squeeze_(0)`: an in-place squeeze on the fresh result (SqueezeBackward3). */
function squeezeInplaceResult(r: Tensor): Tensor {
  const out = new Tensor(r._data, r._shape.slice(1), r._stride.slice(1), r._offset, r.dtype, r._vc);
  if (needsGrad(r)) {
    const inShape = r._shape.slice();
    record('SqueezeBackward3', [r], out, (g) => [reshape(g[0] as Tensor, [inShape])]);
  }
  return out;
}
