// Helpers shared by the reductions and shape ops of reduce_more*.ts / shape_more*.ts: binding
// PyTorch-style arguments (positional, then one trailing options object: porting rule 2),
// named tuples (porting rule 3), and walking a tensor's values group by group.
import { Tensor } from '../../tensor/tensor.ts';
import { RuntimeError, TorchTypeError } from '../../errors.ts';
import { elementOffsets, isDense } from '../../backends/strided.ts';
import { extremeRuns } from '../../backends/cpu.ts';
import type { TypedArray } from '../../tensor/dtype.ts';
import { unsqueeze } from '../shape/views.ts';

export type Opts = Record<string, unknown>;

/** A trailing options object: a plain `{...}`, never a Tensor, an array or a dtype. */
export function isOpts(v: unknown): v is Opts {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Maps positional arguments onto PyTorch's parameter names, then lets a trailing options
 * object fill in (or name) the rest. `undefined` positionals count as not given.
 */
export function bindArgs(fn: string, names: readonly string[], args: readonly unknown[]): Opts {
  const out: Opts = {};
  let n = args.length;
  while (n > 0 && args[n - 1] === undefined) n--;
  let list = args.slice(0, n);
  const last = list[list.length - 1];
  if (list.length > 0 && isOpts(last)) {
    list = list.slice(0, -1);
    for (const [k, v] of Object.entries(last)) {
      if (!names.includes(k)) throw new TorchTypeError(`${fn}() got an unexpected keyword argument '${k}'`);
      if (v !== undefined) out[k] = v;
    }
  }
  if (list.length > names.length) {
    throw new TorchTypeError(`${fn}() takes at most ${names.length} positional arguments (${list.length} given)`);
  }
  list.forEach((v, i) => {
    if (v !== undefined) out[names[i] as string] = v;
  });
  return out;
}

export type DimList = number | readonly number[];

/** A dim argument as a list (null/undefined: none given). */
export function dimList(d: unknown): number[] | null {
  if (d === undefined || d === null) return null;
  if (typeof d === 'number') return [d];
  return (d as number[]).slice();
}

/** A named tuple (`torch.return_types.max`…): an array that also has the named fields. */
export type ValuesIndices = [Tensor, Tensor] & { readonly values: Tensor; readonly indices: Tensor };

export function valuesIndices(name: string, values: Tensor, indices: Tensor): ValuesIndices {
  const r = [values, indices] as [Tensor, Tensor] & { values: Tensor; indices: Tensor };
  Object.defineProperty(r, 'values', { value: values, enumerable: false });
  Object.defineProperty(r, 'indices', { value: indices, enumerable: false });
  // Prints as Python prints the structseq: `torch.return_types.max(\nvalues=…,\nindices=…)`.
  const repr = (): string => `torch.return_types.${name}(\nvalues=${String(values)},\nindices=${String(indices)})`;
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, Symbol.for('nodejs.util.inspect.custom'), { value: repr, enumerable: false });
  return r;
}

/**
 * Visits the values of `x` group by group: one group per kept position (row-major over the
 * dims not flagged in `mask`), holding the flagged dims' values in row-major order.
 */
export function forEachGroup(x: Tensor, mask: readonly boolean[], f: (vals: Float64Array, o: number) => void): void {
  const nd = x._shape.length;
  const kept: number[] = [];
  const red: number[] = [];
  for (let i = 0; i < nd; i++) (mask[i] ? red : kept).push(i);
  const order = kept.concat(red);
  const offs = elementOffsets(
    order.map((i) => x._shape[i] as number),
    order.map((i) => x._stride[i] as number),
    x._offset,
  );
  let len = 1;
  for (const i of red) len *= x._shape[i] as number;
  let nOut = 1;
  for (const i of kept) nOut *= x._shape[i] as number;
  const vals = new Float64Array(len);
  const d = x._data;
  for (let o = 0, k = 0; o < nOut; o++) {
    for (let j = 0; j < len; j++) vals[j] = d[offs[k++] as number] as number;
    f(vals, o);
  }
}

/**
 * For every output o (row-major over the kept dims): values[o] = the extreme of its group
 * (the reduced dims' elements in row-major order) and indices[o] = its position in the group,
 * the first NaN if any, else the first largest (isMax) or smallest value. Groups that are
 * contiguous runs of storage go to the extremeRuns kernel without gathering.
 */
export function extremeGroups(x: Tensor, mask: readonly boolean[], isMax: boolean, values: TypedArray, indices: Float64Array, needIndex = true): void {
  const nd = x._shape.length;
  const kept: number[] = [];
  const red: number[] = [];
  for (let i = 0; i < nd; i++) (mask[i] ? red : kept).push(i);
  const order = kept.concat(red);
  let len = 1;
  for (const i of red) len *= x._shape[i] as number;
  if (isDense(order.map((i) => x._shape[i] as number), order.map((i) => x._stride[i] as number))) {
    extremeRuns(x._data, x._offset, len, isMax, values, indices, needIndex);
    return;
  }
  const v = new Float64Array(1);
  const i = new Float64Array(1);
  forEachGroup(x, mask, (vals, o) => {
    extremeRuns(vals, 0, vals.length, isMax, v, i);
    values[o] = v[0] as number;
    indices[o] = i[0] as number;
  });
}

/** The mask of reduced dims (all dims when `dims` is null or empty, as PyTorch's dim=[] means). */
export function reduceMask(ndim: number, dims: readonly number[] | null): boolean[] {
  const all = dims === null || dims.length === 0;
  const m = new Array<boolean>(ndim).fill(all);
  if (!all) for (const d of dims) m[d] = true;
  return m;
}

export function reducedShape(shape: readonly number[], mask: readonly boolean[], keepdim: boolean): number[] {
  const out: number[] = [];
  shape.forEach((s, i) => {
    if (!mask[i]) out.push(s);
    else if (keepdim) out.push(1);
  });
  return out;
}

/** unsqueeze_multiple: puts the reduced dims back (size 1) into a keepdim=False result. */
export function restoreDims(t: Tensor, mask: readonly boolean[], keepdim: boolean): Tensor {
  if (keepdim) return t;
  let r = t;
  for (let i = 0; i < mask.length; i++) if (mask[i]) r = unsqueeze(r, i);
  return r;
}

/** PyTorch's dim-list check (dim_list_to_bitset). */
export function checkUnique(dims: readonly number[] | null): void {
  if (dims === null) return;
  const seen = new Set<number>();
  for (const d of dims) {
    if (seen.has(d)) throw new RuntimeError(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
}
