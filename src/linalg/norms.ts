// torch.linalg.vector_norm (one op, LinalgVectorNormBackward0), and matrix_norm / norm composed
// from it, svdvals, amax/amin and sum exactly as ATen's LinearAlgebra.cpp composes them, so the
// grad_fn chains match PyTorch's.
import { Tensor } from '../tensor/tensor.ts';
import { type dtype } from '../tensor/dtype.ts';
import { RuntimeError } from '../errors.ts';
import { wrapDim } from '../tensor/shape.ts';
import { sum } from '../ops/reduce/reduce.ts';
import { _to_dtype } from '../ops/copy.ts';
import { amax, amin } from '../ops/reduce/reduce_more.ts';
import { permute, unsqueeze } from '../ops/shape/views.ts';
import { bindArgs, dimList, reduceMask, type DimList } from '../ops/reduce/reduce_more_util.ts';
import { pNorm } from '../ops/reduce/reduce_more_norm.ts';
import { checkFloatingOrComplex, checkIsMatrix } from './util.ts';
import { svdvals } from './decompositions.ts';

type VectorNormOpts = { ord?: number; dim?: DimList | null; keepdim?: boolean; dtype?: dtype };

/** `torch.linalg.vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None)`. */
export function vector_norm(
  x: Tensor,
  ord?: number | VectorNormOpts,
  dim?: DimList | null | VectorNormOpts,
  keepdim?: boolean | VectorNormOpts,
  opts?: VectorNormOpts,
): Tensor {
  const a = bindArgs('linalg_vector_norm', ['ord', 'dim', 'keepdim', 'dtype'], [ord, dim, keepdim, opts]);
  const p = (a.ord as number | undefined) ?? 2;
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const dt = a.dtype as dtype | undefined;
  checkFloatingOrComplex(x, 'linalg.vector_norm');
  const nd = x._shape.length;
  const raw = dimList(a.dim);
  const dims = raw === null ? null : raw.map((d) => wrapDim(d, Math.max(nd, 1)));
  if (x.numel() === 0 && (p < 0 || p === Infinity)) {
    if (dims === null || dims.length === 0) {
      throw new RuntimeError(
        `linalg.vector_norm cannot compute the ${formatOrd(p)} norm on an empty tensor because the operation does not have an identity`,
      );
    }
  }
  return pNorm(x, p, reduceMask(nd, dims), kd, dt, 'LinalgVectorNormBackward0');
}


type MatrixOrd = number | 'fro' | 'nuc';
type MatrixNormOpts = { ord?: MatrixOrd; dim?: readonly number[]; keepdim?: boolean; dtype?: dtype };

/** create_dim_backshift_permutation: dims d0, d1 moved to the end, the rest in order. */
function backshift(d0: number, d1: number, nd: number): number[] {
  const perm: number[] = [];
  for (let i = 0; i < nd; i++) if (i !== d0 && i !== d1) perm.push(i);
  perm.push(d0, d1);
  return perm;
}

function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  perm.forEach((p, i) => (inv[p] = i));
  return inv;
}

/** `torch.linalg.matrix_norm(A, ord='fro', dim=(-2, -1), keepdim=False, *, dtype=None)`. */
export function matrix_norm(
  A: Tensor,
  ord?: MatrixOrd | MatrixNormOpts,
  dim?: readonly number[] | MatrixNormOpts,
  keepdim?: boolean | MatrixNormOpts,
  opts?: MatrixNormOpts,
): Tensor {
  const a = bindArgs('linalg_matrix_norm', ['ord', 'dim', 'keepdim', 'dtype'], [ord, dim, keepdim, opts]);
  const o = (a.ord as MatrixOrd | undefined) ?? 'fro';
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const dt = a.dtype as dtype | undefined;
  const rawDims = ((a.dim as readonly number[] | undefined) ?? [-2, -1]).slice();
  if (typeof o === 'string') {
    if (o !== 'fro' && o !== 'nuc') throw new RuntimeError(`linalg.matrix_norm: Order ${o} not supported.`);
  } else {
    const ao = Math.abs(o);
    if (ao !== 2 && ao !== 1 && ao !== Infinity) throw new RuntimeError(`linalg.matrix_norm: Order ${formatOrd(o)} not supported.`);
  }
  checkIsMatrix(A, 'linalg.matrix_norm');
  checkFloatingOrComplex(A, 'linalg.matrix_norm');
  if (rawDims.length !== 2) throw new RuntimeError(`linalg.matrix_norm: dim must be a 2-tuple. Got ${rawDims.join(' ')}`);
  const nd = A._shape.length;
  const d = rawDims.map((x) => wrapDim(x, nd)) as [number, number];
  if (d[0] === d[1]) throw new RuntimeError(`linalg.matrix_norm: dims must be different. Got (${d[0]}, ${d[1]})`);
  const A_ = dt !== undefined && dt !== A.dtype ? _to_dtype(A, dt, false) : A;
  if (o === 'fro') return vector_norm(A, 2, d, kd, dt === undefined ? {} : { dtype: dt });
  if (o === 'nuc' || Math.abs(o) === 2) {
    const perm = backshift(d[0], d[1], nd);
    const sv = svdvals(permute(A_, [perm]));
    let result = o === 'nuc' ? sum(sv, -1, kd) : o > 0 ? amax(sv, -1, kd) : amin(sv, -1, kd);
    if (kd) result = permute(unsqueeze(result, -1), [inversePerm(perm)]);
    return result;
  }
  // 1, -1, inf, -inf: the infinity norm is the 1-norm of the transpose.
  const dd = d.slice() as [number, number];
  if (Math.abs(o) === Infinity) dd.reverse();
  if (!kd && dd[0] < dd[1]) dd[1]--;
  const v = vector_norm(A, 1, [dd[0]], kd, dt === undefined ? {} : { dtype: dt });
  return o > 0 ? amax(v, dd[1], kd) : amin(v, dd[1], kd);
}

/** How PyTorch prints a double in "Order … not supported" (c10::str of a double). */
function formatOrd(o: number): string {
  if (o === Infinity) return 'inf';
  if (o === -Infinity) return '-inf';
  return String(o);
}

type NormOpts = { ord?: MatrixOrd | null; dim?: DimList | null; keepdim?: boolean; dtype?: dtype };

/** `torch.linalg.norm(A, ord=None, dim=None, keepdim=False, *, dtype=None)`. */
export function norm(
  A: Tensor,
  ord?: MatrixOrd | null | NormOpts,
  dim?: DimList | null | NormOpts,
  keepdim?: boolean | NormOpts,
  opts?: NormOpts,
): Tensor {
  const a = bindArgs('linalg_norm', ['ord', 'dim', 'keepdim', 'dtype'], [ord, dim, keepdim, opts]);
  const o = (a.ord as MatrixOrd | null | undefined) ?? null;
  const dims = dimList(a.dim);
  const kd = (a.keepdim as boolean | undefined) ?? false;
  const dt = a.dtype as dtype | undefined;
  const nd = A._shape.length;
  const dtOpt = dt === undefined ? {} : { dtype: dt };
  if (typeof o === 'string') {
    if (dims !== null) {
      if (dims.length !== 1 && dims.length !== 2) {
        throw new RuntimeError(`linalg.norm: If dim is specified, it mut be of length 1 or 2. Got [${dims.join(', ')}]`);
      }
    } else if (nd !== 1 && nd !== 2) {
      throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${nd}D.`);
    }
    return matrix_norm(A, o, dims ?? [0, 1], kd, dtOpt);
  }
  if (dims !== null) {
    if (dims.length !== 1 && dims.length !== 2) {
      throw new RuntimeError(`linalg.norm: If dim is specified, it must be of length 1 or 2. Got [${dims.join(', ')}]`);
    }
  } else if (o !== null && nd !== 1 && nd !== 2) {
    throw new RuntimeError(`linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got ${nd}D.`);
  }
  if (o !== null && ((dims !== null && dims.length === 2) || (dims === null && nd === 2))) {
    return matrix_norm(A, o, dims ?? [0, 1], kd, dtOpt);
  }
  return vector_norm(A, o ?? 2, dims, kd, dtOpt);
}
