// More products: vdot, outer/ger, addmm, addmv, baddbmm (with their own grad_fns, as in
// derivatives.yaml), and tensordot, kron, cross composed from other ops as ATen composes them
// (so their grad_fn chains match PyTorch's).
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError } from '../../errors.ts';
import { broadcastShapes, wrapDim } from '../../tensor/shape.ts';
import { needsGrad, anyNeedsGrad, record } from '../../autograd/record.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { bmm, dot, mm, mv } from './linalg.ts';
import { expand, permute, reshape, select, t, transpose, _unsafe_view } from '../shape/views.ts';
import { add, mul, sub } from '../pointwise/arithmetic.ts';
import { sum } from '../reduce/reduce.ts';
import { stack } from '../shape/shape_more_join.ts';

type Scalar = number;
type BetaAlpha = { beta?: Scalar; alpha?: Scalar };

/** maybe_multiply: skips the multiplication by exactly 1 (so no extra op is recorded). */
function maybeMultiply(x: Tensor, s: Scalar): Tensor {
  return s === 1 ? x : mul(x, s);
}

/** `torch.vdot(a, b)`: for real inputs the dot product, with its own grad_fn (VdotBackward0). */
export function vdot(a: Tensor, b: Tensor): Tensor {
  const out = no_grad(() => dot(a, b));
  if (needsGrad(a, b)) {
    record(
      'VdotBackward0',
      [a, b],
      out,
      (g, s, node) => [node.needs[0] ? mul(g[0] as Tensor, s.get(1)) : null, node.needs[1] ? mul(g[0] as Tensor, s.get(0)) : null],
      [b.requires_grad ? a : null, a.requires_grad ? b : null],
    );
  }
  return out;
}

function check1d(x: Tensor, arg: string, fn: string): void {
  if (x._shape.length !== 1) throw new RuntimeError(`${fn}: Expected 1-D argument ${arg}, but got ${x._shape.length}-D`);
}

/** `torch.outer(a, b)`: a.reshape(n, 1) * b, as ATen composes it. */
export function outer(a: Tensor, vec2: Tensor): Tensor {
  check1d(a, 'self', 'outer');
  check1d(vec2, 'vec2', 'outer');
  return mul(reshape(a, [[a._shape[0] as number, 1]]), vec2);
}

/** `torch.ger(a, b)`: the old name of outer. */
export function ger(a: Tensor, vec2: Tensor): Tensor {
  return outer(a, vec2);
}

/** beta·self + alpha·product, with self broadcast to the product's shape (beta = 0 ignores self). */
function combine(self: Tensor, product: Tensor, beta: Scalar, alpha: Scalar): Tensor {
  return no_grad(() => {
    const selfE = expand(self, [product._shape.slice()]);
    if (beta === 0) return alpha === 1 ? product : mul(product, alpha);
    return add(maybeMultiply(selfE, beta), maybeMultiply(product, alpha));
  });
}

/** `torch.addmm(self, mat1, mat2, *, beta=1, alpha=1)`: beta·self + alpha·(mat1 @ mat2). */
export function addmm(self: Tensor, mat1: Tensor, mat2: Tensor, opts: BetaAlpha = {}): Tensor {
  const beta = opts.beta ?? 1;
  const alpha = opts.alpha ?? 1;
  if (self.dtype !== mat2.dtype) throw new RuntimeError('self and mat2 must have the same dtype');
  if (mat1.dtype !== mat2.dtype) throw new RuntimeError('mat1 and mat2 must have the same dtype');
  if (mat1._shape.length !== 2) throw new RuntimeError(`mat1 must be a matrix, got ${mat1._shape.length}-D tensor`);
  if (mat2._shape.length !== 2) throw new RuntimeError(`mat2 must be a matrix, got ${mat2._shape.length}-D tensor`);
  const out = combine(self, no_grad(() => mm(mat1, mat2)), beta, alpha);
  if (anyNeedsGrad([self, mat1, mat2])) {
    record(
      'AddmmBackward0',
      [self, mat1, mat2],
      out,
      (g, s, node) => {
        const gg = g[0] as Tensor;
        return [
          node.needs[0] ? maybeMultiply(gg, beta) : null,
          node.needs[1] ? maybeMultiply(mm(gg, t(s.get(1))), alpha) : null,
          node.needs[2] ? maybeMultiply(mm(t(s.get(0)), gg), alpha) : null,
        ];
      },
      [mat2.requires_grad ? mat1 : null, mat1.requires_grad ? mat2 : null],
    );
  }
  return out;
}

/** `torch.addmv(self, mat, vec, *, beta=1, alpha=1)`: beta·self + alpha·(mat @ vec). */
export function addmv(self: Tensor, mat: Tensor, vec: Tensor, opts: BetaAlpha = {}): Tensor {
  const beta = opts.beta ?? 1;
  const alpha = opts.alpha ?? 1;
  if (!(mat._shape.length === 2 && vec._shape.length === 1 && self._shape.length <= 1)) {
    throw new RuntimeError(`vector + matrix @ vector expected, got ${self._shape.length}, ${mat._shape.length}, ${vec._shape.length}`);
  }
  const [m, k] = mat._shape as [number, number];
  if (!(k === vec._shape[0] && (m === self.numel() || self.numel() === 1))) {
    // self.size(0) of a 0-dim self reads as 1 (its numel).
    throw new RuntimeError(`size mismatch, got ${self._shape[0] ?? 1}, ${m}x${k},${vec._shape[0]}`);
  }
  const out = combine(self, no_grad(() => mv(mat, vec)), beta, alpha);
  if (anyNeedsGrad([self, mat, vec])) {
    record(
      'AddmvBackward0',
      [self, mat, vec],
      out,
      (g, s, node) => {
        const gg = g[0] as Tensor;
        return [
          node.needs[0] ? maybeMultiply(gg, beta) : null,
          node.needs[1] ? maybeMultiply(outer(gg, s.get(1)), alpha) : null,
          node.needs[2] ? maybeMultiply(mv(t(s.get(0)), gg), alpha) : null,
        ];
      },
      [vec.requires_grad ? mat : null, mat.requires_grad ? vec : null],
    );
  }
  return out;
}

/** `torch.baddbmm(self, batch1, batch2, *, beta=1, alpha=1)`: beta·self + alpha·(batch1 @ batch2). */
export function baddbmm(self: Tensor, batch1: Tensor, batch2: Tensor, opts: BetaAlpha = {}): Tensor {
  const beta = opts.beta ?? 1;
  const alpha = opts.alpha ?? 1;
  const out = combine(self, no_grad(() => bmm(batch1, batch2)), beta, alpha);
  if (anyNeedsGrad([self, batch1, batch2])) {
    record(
      'BaddbmmBackward0',
      [self, batch1, batch2],
      out,
      (g, s, node) => {
        const gg = g[0] as Tensor;
        return [
          node.needs[0] ? maybeMultiply(gg, beta) : null,
          node.needs[1] ? maybeMultiply(bmm(gg, transpose(s.get(1), 1, 2)), alpha) : null,
          node.needs[2] ? maybeMultiply(bmm(transpose(s.get(0), 1, 2), gg), alpha) : null,
        ];
      },
      [batch2.requires_grad ? batch1 : null, batch1.requires_grad ? batch2 : null],
    );
  }
  return out;
}

/** `torch.tensordot(a, b, dims=2)`: dims an int (last n of a with first n of b) or two lists. */
export function tensordot(a: Tensor, b: Tensor, dims: number | readonly [readonly number[], readonly number[]] | { dims?: number | readonly [readonly number[], readonly number[]] } = 2): Tensor {
  const dd = typeof dims === 'object' && !Array.isArray(dims) ? ((dims as { dims?: number }).dims ?? 2) : dims;
  let dimsA: number[];
  let dimsB: number[];
  if (typeof dd === 'number') {
    if (dd < 0) throw new RuntimeError(`tensordot expects dims >= 0, but got dims=${dd}`);
    dimsA = [...Array(dd).keys()].map((i) => i - dd);
    dimsB = [...Array(dd).keys()];
  } else {
    const pair = dd as readonly [readonly number[] | number, readonly number[] | number];
    dimsA = typeof pair[0] === 'number' ? [pair[0]] : pair[0].slice();
    dimsB = typeof pair[1] === 'number' ? [pair[1]] : pair[1].slice();
  }
  if (dimsA.length !== dimsB.length) throw new RuntimeError('both dimension lists should have same length');
  const nA = a._shape.length;
  const nB = b._shape.length;
  let csize = 1;
  let t1 = a;
  let t2 = b;
  for (let i = 0; i < dimsA.length; i++) {
    const da = dimsA[i] as number;
    const db = dimsB[i] as number;
    const s1 = a._shape[wrapDim(da, nA)] as number;
    const s2 = b._shape[wrapDim(db, nB)] as number;
    if (s2 === 1) t1 = sum(t1, da, true);
    else if (s1 === 1) t2 = sum(t2, db, true);
    else {
      if (s1 !== s2) {
        throw new RuntimeError(`contracted dimensions need to match, but first has size ${s1} in dim ${da} and second has size ${s2} in dim ${db}`);
      }
      csize *= s1;
    }
  }
  const cA = new Set(dimsA.map((d) => wrapDim(d, nA)));
  const cB = new Set(dimsB.map((d) => wrapDim(d, nB)));
  if (cA.size !== dimsA.length || cB.size !== dimsB.length) {
    const dup = (ds: number[], n: number): number => ds.find((d, i) => ds.findIndex((e) => wrapDim(e, n) === wrapDim(d, n)) !== i) as number;
    const d = cA.size !== dimsA.length ? dup(dimsA, nA) : dup(dimsB, nB);
    throw new RuntimeError(`dim ${wrapDim(d, cA.size !== dimsA.length ? nA : nB)} appears multiple times in the list of dims`);
  }
  const p1: number[] = [];
  const p2: number[] = [];
  const rsizes: number[] = [];
  let size1 = 1;
  let size2 = 1;
  for (let i = 0; i < nA; i++) {
    if (!cA.has(i)) {
      p1.push(i);
      size1 *= t1._shape[i] as number;
      rsizes.push(t1._shape[i] as number);
    }
  }
  p1.push(...dimsA);
  p2.push(...dimsB);
  for (let i = 0; i < nB; i++) {
    if (!cB.has(i)) {
      p2.push(i);
      size2 *= t2._shape[i] as number;
      rsizes.push(t2._shape[i] as number);
    }
  }
  t1 = reshape(permute(t1, [p1]), [[size1, csize]]);
  t2 = reshape(permute(t2, [p2]), [[csize, size2]]);
  return reshape(mm(t1, t2), [rsizes]);
}

/** `torch.inner(a, b)`: a product for 0-dim operands, else tensordot over both last dims. */
export function inner(self: Tensor, other: Tensor): Tensor {
  if (self._shape.length === 0 || other._shape.length === 0) return mul(self, other);
  const a = self._shape[self._shape.length - 1];
  const b = other._shape[other._shape.length - 1];
  if (a !== b) {
    throw new RuntimeError(
      `inner() the last dimension must match on both input tensors but got shapes [${self._shape.join(', ')}] and [${other._shape.join(', ')}]`,
    );
  }
  return tensordot(self, other, [[-1], [-1]]);
}

/** `torch.kron(a, b)`: KronImpl's interleaved _unsafe_views and one mul. */
export function kron(self: Tensor, other: Tensor): Tensor {
  const maxdim = Math.max(self._shape.length, other._shape.length);
  const padSelf = maxdim - self._shape.length;
  const padOther = maxdim - other._shape.length;
  const aR: number[] = [];
  const bR: number[] = [];
  const rR: number[] = [];
  for (let i = 0; i < maxdim; i++) {
    const sa = i >= padSelf ? (self._shape[i - padSelf] as number) : 1;
    const sb = i >= padOther ? (other._shape[i - padOther] as number) : 1;
    aR.push(sa, 1);
    bR.push(1, sb);
    rR.push(sa * sb);
  }
  return _unsafe_view(mul(_unsafe_view(self, aR), _unsafe_view(other, bR)), rR);
}

type CrossDim = { dim?: number | null };

/** `torch.linalg.cross(input, other, *, dim=-1)` (LinalgCrossBackward0). */
export function linalg_cross(input: Tensor, other: Tensor, opts: CrossDim = {}): Tensor {
  return crossImpl(input, other, opts.dim ?? -1);
}

/** `torch.cross(input, other, dim=None)`: dim defaults to the first dim of size 3. */
export function cross(input: Tensor, other: Tensor, dim?: number | null | CrossDim): Tensor {
  let d = typeof dim === 'object' && dim !== null ? dim.dim : dim;
  if (d === undefined || d === null) {
    const i = input._shape.indexOf(3);
    if (i < 0) throw new RuntimeError('no dimension of size 3 in input');
    d = i;
  }
  return crossImpl(input, other, d);
}

function crossImpl(input: Tensor, other: Tensor, dim: number): Tensor {
  if (input._shape.length !== other._shape.length) throw new RuntimeError('linalg.cross: inputs must have the same number of dimensions.');
  const nd = input._shape.length;
  const d = wrapDim(dim, nd);
  const si = input._shape[d] as number;
  const so = other._shape[d] as number;
  if (si !== 3 || so !== 3) throw new RuntimeError(`linalg.cross: inputs dimension ${dim} must have length 3. Got ${si} and ${so}`);
  const outShape = broadcastShapes(input._shape, other._shape);
  const out = no_grad(() => {
    const a = expand(input, [outShape]);
    const b = expand(other, [outShape]);
    const c = (i: number, j: number): Tensor => sub(mul(select(a, d, i), select(b, d, j)), mul(select(a, d, j), select(b, d, i)));
    return stack([c(1, 2), c(2, 0), c(0, 1)], d);
  });
  if (needsGrad(input, other)) {
    record(
      'LinalgCrossBackward0',
      [input, other],
      out,
      (g, s, node) => [
        node.needs[0] ? crossImpl(s.get(1), g[0] as Tensor, d) : null,
        node.needs[1] ? crossImpl(g[0] as Tensor, s.get(0), d) : null,
      ],
      [other.requires_grad ? input : null, input.requires_grad ? other : null],
    );
  }
  return out;
}
