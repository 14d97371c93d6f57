// linear, embedding, one_hot and gumbel_softmax of torch.nn.functional, composed as ATen's
// linear (Linear.cpp), embedding (Embedding.cpp) and functional.py compose them.
import { Tensor } from '../tensor/tensor.ts';
import { float32, int32, int64 } from '../tensor/dtype.ts';
import { IndexError, RuntimeError, warnOnce } from '../errors.ts';
import { needsGrad, record } from '../autograd/record.ts';
import { add, div, mul, sub } from '../ops/pointwise/arithmetic.ts';
import { mm, matmul } from '../ops/linalg/linalg.ts';
import { addmm } from '../ops/linalg/linalg_more.ts';
import { t as transposeT } from '../ops/shape/views.ts';
import { softmax } from '../ops/softmax.ts';
import { denseValues } from '../ops/copy.ts';
import { exponential_ } from '../random/inplace.ts';
import { log, neg } from '../ops/pointwise/unary.ts';
import { wrapDim } from '../tensor/shape.ts';
import { sum } from '../ops/reduce/reduce.ts';
import { is_grad_enabled } from '../autograd/grad_mode.ts';


/** F.linear(input, weight, bias=None): input @ weightᵀ + bias, as ATen's linear. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  const b = bias instanceof Tensor ? bias : bias === null || bias === undefined ? null : (bias.bias ?? null);
  const nd = input._shape.length;
  if (nd === 2 && b !== null) return addmm(b, input, transposeT(weight));
  if (nd === 3 && b !== null && input.is_contiguous()) {
    const [n0, n1, k] = input._shape as [number, number, number];
    const r = addmm(b, input.view(n0 * n1, k), transposeT(weight));
    return r.view(n0, n1, r._shape[1] as number);
  }
  const out = matmul(input, transposeT(weight));
  return b === null ? out : add(out, b);
}

export interface EmbeddingOpts {
  padding_idx?: number | null;
  max_norm?: number | null;
  norm_type?: number;
  scale_grad_by_freq?: boolean;
  sparse?: boolean;
}

/**
 * F.embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2, scale_grad_by_freq=False,
 * sparse=False). ts-torch has no sparse tensors: sparse=True gives the same gradient, dense.
 */
export function embedding(input: Tensor, weight: Tensor, ...rest: unknown[]): Tensor {
  const o = rest.find((a) => a !== null && typeof a === 'object') as EmbeddingOpts | undefined;
  const [pi, mn, , sg] = rest;
  let paddingIdx = typeof pi === 'number' ? pi : (o?.padding_idx ?? null);
  const maxNorm = typeof mn === 'number' ? mn : (o?.max_norm ?? null);
  const scaleGrad = typeof sg === 'boolean' ? sg : (o?.scale_grad_by_freq ?? false);
  const num = weight._shape[0] as number;
  if (paddingIdx !== null) {
    if (paddingIdx > 0 && paddingIdx >= num) throw new Error('AssertionError: Padding_idx must be within num_embeddings');
    if (paddingIdx < 0) {
      if (paddingIdx < -num) throw new Error('AssertionError: Padding_idx must be within num_embeddings');
      paddingIdx = num + paddingIdx;
    }
  } else paddingIdx = -1;
  if (input.dtype !== int64 && input.dtype !== int32) {
    throw new RuntimeError(
      `Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${input.dtype.legacyTypeName} instead (while checking arguments for embedding)`,
    );
  }
  if (weight._shape.length !== 2) throw new RuntimeError("'weight' must be 2-D");
  if (maxNorm !== null) {
    const normType = typeof rest[2] === 'number' ? rest[2] : (o?.norm_type ?? 2);
    embeddingRenorm(weight, input, maxNorm, normType);
  }
  const d = weight._shape[1] as number;
  const idx = denseValues(input);
  const w = denseValues(weight);
  const out = Tensor._empty([...input._shape, d], weight.dtype);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] as number;
    if (r < 0 || r >= num) throw new IndexError('index out of range in self');
    for (let j = 0; j < d; j++) out._data[i * d + j] = w[r * d + j] as number;
  }
  if (needsGrad(weight)) {
    const pad = paddingIdx;
    record('EmbeddingBackward0', [weight], out, (g) => [embeddingDenseBackward(g[0] as Tensor, input, idx, num, pad, scaleGrad)], []);
  }
  return out;
}

/**
 * embedding_dense_backward: row i of g added into row idx[i] of a [num, d] gradient (padding_idx
 * rows skipped; with scale_grad_by_freq each over its index's count). Differentiable w.r.t. g:
 * EmbeddingDenseBackwardBackward0 is embedding_dense_double_backward, which gathers the rows back
 * and zeroes padding_idx's, without the frequency scaling (as PyTorch 1.13, whose gradgradcheck
 * fails with scale_grad_by_freq for that reason).
 */
function embeddingDenseBackward(g: Tensor, indices: Tensor, idx: ArrayLike<number> & Iterable<number>, num: number, pad: number, scaleGrad: boolean): Tensor {
  const d = g._shape[g._shape.length - 1] as number;
  const gv = denseValues(g);
  const counts = new Map<number, number>();
  if (scaleGrad) for (const r of idx) counts.set(r, (counts.get(r) ?? 0) + 1);
  const gw = new Float64Array(num * d);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i] as number;
    if (r === pad) continue;
    const scale = scaleGrad ? 1 / (counts.get(r) as number) : 1;
    for (let j = 0; j < d; j++) gw[r * d + j] = (gw[r * d + j] as number) + (gv[i * d + j] as number) * scale;
  }
  const res = Tensor._empty([num, d], g.dtype);
  res._data.set(gw as never);
  if (needsGrad(g)) {
    record('EmbeddingDenseBackwardBackward0', [g], res, (gg) => {
      let rows = (gg[0] as Tensor).index_select(0, indices.reshape(-1));
      if (pad >= 0) rows = rows.masked_fill(indices.eq(pad).reshape(-1, 1), 0);
      return [rows.view([...indices._shape, -1])];
    });
  }
  return res;
}

/**
 * embedding_renorm_ (under no_grad, as functional.py calls it): each distinct looked-up row whose
 * p-norm exceeds max_norm is scaled in place by max_norm / (norm + 1e-7).
 */
function embeddingRenorm(weight: Tensor, indices: Tensor, maxNorm: number, p: number): void {
  const d = weight._shape[1] as number;
  const rows = [...new Set(denseValues(indices))].sort((a, b) => a - b);
  const r = weight.dtype === float32 ? Math.fround : (v: number): number => v;
  const w = weight._data;
  const at = (row: number, j: number): number => weight._offset + row * (weight._stride[0] as number) + j * (weight._stride[1] as number);
  for (const row of rows) {
    if (row < 0 || row >= (weight._shape[0] as number)) continue;
    let acc = 0;
    for (let j = 0; j < d; j++) {
      const v = Math.abs(w[at(row, j)] as number);
      if (p === Infinity) acc = Math.max(acc, v);
      else if (p === 0) acc += v !== 0 ? 1 : 0;
      else acc += p === 1 ? v : p === 2 ? v * v : v ** p;
    }
    const norm = r(p === Infinity || p === 0 || p === 1 ? acc : p === 2 ? Math.sqrt(acc) : acc ** (1 / p));
    if (norm > maxNorm) {
      const scale = r(maxNorm / (norm + 1e-7));
      for (let j = 0; j < d; j++) w[at(row, j)] = r((w[at(row, j)] as number) * scale);
    }
  }
  // One in-place op: the version counter moves on once, scaled rows or not.
  weight._bumpVersion();
}

/** F.one_hot(tensor, num_classes=-1): an int64 tensor with a trailing class dim. */
export function one_hot(tensor: Tensor, num_classes?: number | { num_classes?: number }): Tensor {
  let c = typeof num_classes === 'number' ? num_classes : (num_classes?.num_classes ?? -1);
  if (tensor.dtype !== int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  const v = denseValues(tensor);
  if (v.length === 0) {
    if (c <= 0) throw new RuntimeError('Can not infer total number of classes from empty tensor.');
    return Tensor._empty([...tensor._shape, c], int64);
  }
  if (Math.min(...v) < 0) throw new RuntimeError('Class values must be non-negative.');
  if (c === -1) c = Math.max(...v) + 1;
  else if (Math.max(...v) >= c) throw new RuntimeError('Class values must be smaller than num_classes.');
  const out = Tensor._empty([...tensor._shape, c], int64);
  out._data.fill(0 as never);
  for (let i = 0; i < v.length; i++) out._data[i * c + (v[i] as number)] = 1 as never;
  return out;
}

export interface GumbelOpts {
  tau?: number;
  hard?: boolean;
  eps?: number;
  dim?: number;
}

/** F.gumbel_softmax(logits, tau=1, hard=False, eps=1e-10, dim=-1), drawing exponential_ as functional.py does. */
export function gumbel_softmax(logits: Tensor, ...rest: unknown[]): Tensor {
  const o = rest.find((a) => a !== null && typeof a === 'object') as GumbelOpts | undefined;
  const [ta, ha, ep, dm] = rest;
  const tau = typeof ta === 'number' ? ta : (o?.tau ?? 1);
  const hard = typeof ha === 'boolean' ? ha : (o?.hard ?? false);
  const eps = typeof ep === 'number' ? ep : (o?.eps ?? 1e-10);
  const dim = typeof dm === 'number' ? dm : (o?.dim ?? -1);
  if (eps !== 1e-10) warnOnce('UserWarning', '`eps` parameter is deprecated and has no effect.');
  const e = Tensor._empty(logits._shape.slice(), logits.dtype);
  exponential_(e);
  const gumbels = div(add(logits, neg(log(e))), tau);
  const ySoft = softmax(gumbels, dim);
  if (!hard) return ySoft;
  // Straight through: y_hard − y_soft.detach() + y_soft, y_hard one-hot at the first max.
  const d = wrapDim(dim, logits._shape.length);
  const yHard = Tensor._empty(logits._shape.slice(), logits.dtype);
  yHard._data.fill(0);
  const sv = denseValues(ySoft);
  const shape = logits._shape;
  const n = shape[d] as number;
  let inner = 1;
  for (let i = d + 1; i < shape.length; i++) inner *= shape[i] as number;
  const outer = n === 0 ? 0 : sv.length / (n * inner);
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      let best = 0;
      for (let k = 1; k < n; k++) {
        const vk = sv[(a * n + k) * inner + b] as number;
        const vb = sv[(a * n + best) * inner + b] as number;
        if (vk > vb || (Number.isNaN(vk) && !Number.isNaN(vb))) best = k;
      }
      yHard._data[(a * n + best) * inner + b] = 1;
    }
  }
  return add(sub(yHard, ySoft.detach()), ySoft);
}

/**
 * ATen's _trilinear as bilinear calls it: out[n, o] = Σ_ij x1[n, i]·W[o, i, j]·x2[n, j]
 * (TrilinearBackward0, edges x1, W, x2), with x1 [N, I], W [O, I, J], x2 [N, J].
 */
function trilinearBilinear(x1: Tensor, w: Tensor, x2: Tensor): Tensor {
  const [n, ni] = x1._shape as [number, number];
  const [no, , nj] = w._shape as [number, number, number];
  const a = denseValues(x1);
  const wv = denseValues(w);
  const b = denseValues(x2);
  const dt = x1.dtype;
  const out = Tensor._empty([n, no], dt);
  for (let r = 0; r < n; r++) {
    for (let o = 0; o < no; o++) {
      let acc = 0;
      for (let i = 0; i < ni; i++) {
        let inner = 0;
        for (let j = 0; j < nj; j++) inner += (wv[(o * ni + i) * nj + j] as number) * (b[r * nj + j] as number);
        acc += (a[r * ni + i] as number) * inner;
      }
      out._data[r * no + o] = acc;
    }
  }
  if (needsGrad(x1, w, x2)) {
    record(
      'TrilinearBackward0',
      [x1, w, x2],
      out,
      (g, s, node) => {
        if (is_grad_enabled()) return trilinearGradOps(g[0] as Tensor, s.get(0), s.get(1), s.get(2), node.needs);
        const gv = denseValues(g[0] as Tensor);
        const g1 = new Float64Array(n * ni);
        const gw = new Float64Array(no * ni * nj);
        const g2 = new Float64Array(n * nj);
        for (let r = 0; r < n; r++) {
          for (let o = 0; o < no; o++) {
            const go = gv[r * no + o] as number;
            for (let i = 0; i < ni; i++) {
              const ai = a[r * ni + i] as number;
              for (let j = 0; j < nj; j++) {
                const wij = wv[(o * ni + i) * nj + j] as number;
                const bj = b[r * nj + j] as number;
                g1[r * ni + i] = (g1[r * ni + i] as number) + go * wij * bj;
                gw[(o * ni + i) * nj + j] = (gw[(o * ni + i) * nj + j] as number) + go * ai * bj;
                g2[r * nj + j] = (g2[r * nj + j] as number) + go * ai * wij;
              }
            }
          }
        }
        const mk = (data: Float64Array, shape: number[]): Tensor => {
          const t = Tensor._empty(shape, dt);
          t._data.set(data as never);
          return t;
        };
        return [node.needs[0] ? mk(g1, [n, ni]) : null, node.needs[1] ? mk(gw, [no, ni, nj]) : null, node.needs[2] ? mk(g2, [n, nj]) : null];
      },
      [x1, w, x2],
    );
  }
  return out;
}

/** The bilinear _trilinear gradients in differentiable ops (for create_graph). */
function trilinearGradOps(g: Tensor, x1: Tensor, w: Tensor, x2: Tensor, needs: readonly boolean[]): (Tensor | null)[] {
  const [n, ni] = x1._shape as [number, number];
  const [no, , nj] = w._shape as [number, number, number];
  // gW·x: [N, I, J] = (g @ W.view(O, I·J)).view(N, I, J)
  const gW = needs[0] || needs[2] ? mm(g, w.reshape(no, ni * nj)).reshape(n, ni, nj) : null;
  const g1 = needs[0] ? sum(mul(gW as Tensor, x2.unsqueeze(1)), 2) : null;
  const g2 = needs[2] ? sum(mul(gW as Tensor, x1.unsqueeze(2)), 1) : null;
  const gw = needs[1] ? mm(transposeT(g), mul(x1.unsqueeze(2), x2.unsqueeze(1)).reshape(n, ni * nj)).reshape(no, ni, nj) : null;
  return [g1, gw, g2];
}

/** F.bilinear(input1, input2, weight, bias=None): x1ᵀ W x2 + b over the last dims, as ATen's bilinear. */
export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias?: Tensor | null | { bias?: Tensor | null }): Tensor {
  const b = bias instanceof Tensor ? bias : bias === null || bias === undefined ? null : (bias.bias ?? null);
  const d1 = input1._shape.length;
  const d2 = input2._shape.length;
  if (d1 !== d2) throw new RuntimeError(`bilinear(): input dimensions do not match: got ${d1} and ${d2}`);
  for (let i = 0; i < d1 - 1; i++) {
    if (input1._shape[i] !== input2._shape[i]) {
      throw new RuntimeError(`bilinear(): input batch dimensions do not match at dim ${i}: got ${input1._shape[i]} and ${input2._shape[i]}`);
    }
  }
  const last1 = input1._shape[d1 - 1] as number;
  const last2 = input2._shape[d2 - 1] as number;
  if (last1 !== weight._shape[1]) throw new RuntimeError(`bilinear(): input1 size does not match weight size: got ${last1} but expected ${weight._shape[1]}`);
  if (last2 !== weight._shape[2]) throw new RuntimeError(`bilinear(): input2 size does not match weight size: got ${last2} but expected ${weight._shape[2]}`);
  if (b !== null && b._shape[0] !== weight._shape[0]) {
    throw new RuntimeError(`bilinear(): bias size does not match weight size: got ${b._shape[0]} but expected ${weight._shape[0]}`);
  }
  const outSize = [...input1._shape.slice(0, -1), weight._shape[0] as number];
  const x1 = input1.reshape(-1, last1);
  const x2 = input2.reshape(-1, last2);
  const out = trilinearBilinear(x1, weight, x2).reshape(outSize);
  return b === null ? out : add(out, b);
}
