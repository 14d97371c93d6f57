// Ops that build new tensors from index patterns: tril_indices, triu_indices, cartesian_prod,
// combinations, block_diag, diagflat. cartesian_prod and combinations are composed from meshgrid,
// flatten / masked_select and stack, as ATen composes them, so their grad_fn chains match.
import { Tensor } from '../../tensor/tensor.ts';
import { bool, int32, int64, float32, promote_types, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { anyNeedsGrad, record } from '../../autograd/record.ts';
import { expand, flatten, narrow, reshape, view, writeInto } from './views.ts';
import { diag } from './shape_more.ts';
import { meshgrid } from './shape_more_arrange.ts';
import { stack } from './shape_more_join.ts';
import { masked_select } from '../indexing/index_ops_mask.ts';
import { _to_dtype } from '../copy.ts';
import { bindArgs } from '../reduce/reduce_more_util.ts';

function sizesStr(s: readonly number[]): string {
  return `[${s.join(', ')}]`;
}

// ---- tril_indices / triu_indices ------------------------------------------------------------

type IndicesOpts = { offset?: number; dtype?: dtype };

function trilTriuIndices(fn: string, row: number, col: number, offsetArg: number | IndicesOpts | undefined, opts: IndicesOpts | undefined, lower: boolean): Tensor {
  const a = bindArgs(fn, ['offset', 'dtype', 'device', 'layout'], [offsetArg, opts]);
  const offset = (a.offset as number | undefined) ?? 0;
  const dt = (a.dtype as dtype | undefined) ?? int64;
  // ATen dispatches these kernels over the index types only.
  if (dt !== int64 && dt !== int32) throw new RuntimeError(`"${fn}" not implemented for '${dt.scalarName}'`);
  if (row < 0) throw new RuntimeError(`row must be non-negative, got${row}`);
  if (col < 0) throw new RuntimeError(`col must be non-negative, got${col}`);
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < row; i++) {
    // Row-major order, as ATen's kernel writes them.
    const from = lower ? 0 : Math.max(0, i + offset);
    const to = lower ? Math.min(col - 1, i + offset) : col - 1;
    for (let j = from; j <= to; j++) {
      rows.push(i);
      cols.push(j);
    }
  }
  const n = rows.length;
  const out = Tensor._empty([2, n], dt);
  out._data.set(rows, 0);
  out._data.set(cols, n);
  return out;
}

/** `torch.tril_indices(row, col, offset=0, *, dtype=torch.long)`: the [2, N] coordinates of a row × col lower triangle. */
export function tril_indices(row: number, col: number, offset?: number | IndicesOpts, opts?: IndicesOpts): Tensor {
  return trilTriuIndices('tril_indices', row, col, offset, opts, true);
}
/** `torch.triu_indices(row, col, offset=0, *, dtype=torch.long)`: the [2, N] coordinates of a row × col upper triangle. */
export function triu_indices(row: number, col: number, offset?: number | IndicesOpts, opts?: IndicesOpts): Tensor {
  return trilTriuIndices('triu_indices', row, col, offset, opts, false);
}

// ---- cartesian_prod / combinations ----------------------------------------------------------

function check1D(t: Tensor): void {
  if (t._shape.length !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape ${sizesStr(t._shape)}`);
}

/** `torch.cartesian_prod(*tensors)`: meshgrid('ij'), flatten each grid, stack along dim 1 (one input: that input). */
export function cartesian_prod(...tensors: (Tensor | readonly Tensor[])[]): Tensor {
  const list = tensors.length === 1 && Array.isArray(tensors[0]) ? (tensors[0] as readonly Tensor[]) : (tensors as Tensor[]);
  list.forEach(check1D);
  if (list.length === 1) return list[0] as Tensor;
  const grids = meshgrid(list.slice(), { indexing: 'ij' });
  return stack(grids.map((g) => flatten(g)), 1);
}

type CombinationsOpts = { r?: number; with_replacement?: boolean };

/** `torch.combinations(x, r=2, with_replacement=False)`: meshgrid of r copies, masked to i1 < i2 < … (≤ with replacement), stacked. */
export function combinations(x: Tensor, r?: number | CombinationsOpts, with_replacement?: boolean | CombinationsOpts): Tensor {
  const a = bindArgs('combinations', ['r', 'with_replacement'], [r, with_replacement]);
  const rr = (a.r as number | undefined) ?? 2;
  const repl = (a.with_replacement as boolean | undefined) ?? false;
  if (x._shape.length !== 1) throw new RuntimeError(`Expect a 1D vector, but got shape ${sizesStr(x._shape)}`);
  if (rr < 0) throw new RuntimeError(`Expect a non-negative number, but got ${rr}`);
  if (rr === 0) return Tensor._empty([0], x.dtype);
  const n = x._shape[0] as number;
  const grids = meshgrid(new Array<Tensor>(rr).fill(x), { indexing: 'ij' });
  // _triu_mask: true where the grid's indices are increasing (non-decreasing with replacement).
  const shape = new Array<number>(rr).fill(n);
  const total = n ** rr;
  const mask = Tensor._empty(shape, bool);
  const idx = new Array<number>(rr).fill(0);
  for (let k = 0; k < total; k++) {
    let ok = true;
    for (let i = 0; i + 1 < rr && ok; i++) ok = repl ? (idx[i] as number) <= (idx[i + 1] as number) : (idx[i] as number) < (idx[i + 1] as number);
    mask._data[k] = ok ? 1 : 0;
    for (let i = rr - 1; i >= 0; i--) {
      idx[i] = (idx[i] as number) + 1;
      if ((idx[i] as number) < n) break;
      idx[i] = 0;
    }
  }
  return stack(grids.map((g) => masked_select(g, mask)), 1);
}

// ---- block_diag / diagflat ------------------------------------------------------------------

/** at::result_type over a list: 0-D tensors only decide the dtype when of a higher category. */
function listResultType(tensors: readonly Tensor[]): dtype {
  let dimT: dtype | null = null;
  let zeroT: dtype | null = null;
  for (const t of tensors) {
    if (t._shape.length === 0) zeroT = zeroT === null ? t.dtype : promote_types(zeroT, t.dtype);
    else dimT = dimT === null ? t.dtype : promote_types(dimT, t.dtype);
  }
  if (dimT === null) return zeroT ?? float32;
  if (zeroT === null || zeroT.category <= dimT.category) return dimT;
  return promote_types(dimT, zeroT);
}

/** `torch.block_diag(*tensors)`: the inputs (0-D, 1-D as rows, 2-D) along the diagonal of a zero matrix (BlockDiagBackward0). */
export function block_diag(...tensors: (Tensor | readonly Tensor[])[]): Tensor {
  const list = tensors.length === 1 && Array.isArray(tensors[0]) ? (tensors[0] as readonly Tensor[]) : (tensors as Tensor[]);
  if (list.length === 0) return Tensor._empty([1, 0], float32);
  const dt = listResultType(list);
  const dims = list.map((t, i) => {
    const nd = t._shape.length;
    if (nd > 2) throw new RuntimeError(`torch.block_diag: Input tensors must have 2 or fewer dimensions. Input ${i} has ${nd} dimensions`);
    if (nd === 2) return [t._shape[0] as number, t._shape[1] as number];
    return [1, nd === 1 ? (t._shape[0] as number) : 1];
  });
  const rows = dims.reduce((p, d) => p + (d[0] as number), 0);
  const cols = dims.reduce((p, d) => p + (d[1] as number), 0);
  const out = Tensor._empty([rows, cols], dt);
  let r = 0;
  let c = 0;
  list.forEach((t, i) => {
    const [h, w] = dims[i] as [number, number];
    const dst = narrow(narrow(out.detach(), 0, r, h), 1, c, w);
    writeInto(dst, expand(t.detach(), [[h, w]]));
    r += h;
    c += w;
  });
  if (anyNeedsGrad(list)) {
    const shapes = list.map((t) => t._shape.slice());
    const dtypes = list.map((t) => t.dtype);
    record('BlockDiagBackward0', list, out, (g, _s, node) => {
      let rr = 0;
      let cc = 0;
      return shapes.map((shape, i) => {
        const [h, w] = dims[i] as [number, number];
        const piece = narrow(narrow(g[0] as Tensor, 0, rr, h), 1, cc, w);
        rr += h;
        cc += w;
        if (!node.needs[i]) return null;
        const gi = shape.length === 2 ? piece : reshape(piece, [shape]);
        const want = dtypes[i] as dtype;
        return gi.dtype === want ? gi : _to_dtype(gi, want, false);
      });
    });
  }
  return out;
}

/** `torch.diagflat(x, offset=0)`: `x.contiguous().view(-1).diag(offset)`, as ATen composes it. */
export function diagflat(x: Tensor, offset?: number | { offset?: number }): Tensor {
  const a = bindArgs('diagflat', ['offset'], [offset]);
  return diag(view(x.contiguous(), [-1]), (a.offset as number | undefined) ?? 0);
}
