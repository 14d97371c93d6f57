// Rebuilds a tensor described by tests/golden/print*.json (written by tools/golden/print.py):
// contiguous storage from `input`, then the same view ops PyTorch applied.
import { readFileSync } from 'node:fs';
import { Tensor } from '../../src/tensor/tensor.ts';
import * as dt from '../../src/tensor/dtype.ts';
import type { Node } from '../../src/autograd/node.ts';

export type Encoded = number | boolean | 'nan' | 'inf' | '-inf';

export interface EncodedTensor {
  dtype: string;
  shape: number[];
  values: Encoded[];
}

export type Transform =
  | { transpose: [number, number] }
  | { permute: number[] }
  | { slice: [number, number | null, number | null, number] }
  | { select: [number, number] }
  | { expand: number[] };

export type OptionValue = number | string | boolean | null;

export interface PrintCase {
  name: string;
  input: EncodedTensor;
  transform: Transform[];
  view: { size: number[]; stride: number[]; offset: number };
  options: Record<string, OptionValue>[];
  default_dtype: string | null;
  requires_grad: boolean;
  grad_fn: string | null;
  parameter: boolean;
  repr?: string;
  error?: string;
}

export interface ApiCall {
  args: OptionValue[];
  kwargs: Record<string, OptionValue>;
  repr?: string;
  error?: string;
}

export interface PrintGolden {
  torch_version: string;
  cases: PrintCase[];
  set_printoptions?: { sample: EncodedTensor; calls: ApiCall[] };
}

export function loadGolden(name: string): PrintGolden {
  const url = new URL(`../golden/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as PrintGolden;
}

export function decodeNumber(v: Encoded | OptionValue): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as number;
}

/** An option value as set_printoptions takes it ("inf" is Python's float('inf')). */
export function decodeOption(v: OptionValue): OptionValue {
  return v === 'inf' ? Infinity : v;
}

export function dtypeOf(name: string): dt.dtype {
  const d = dt.all_dtypes.find((x) => x.name === name);
  if (d === undefined) throw new Error(`unknown dtype ${name}`);
  return d;
}

export function buildInput(e: EncodedTensor): Tensor {
  const d = dtypeOf(e.dtype);
  return Tensor._fromData(new d.ArrayType(e.values.map(decodeNumber)), e.shape.slice(), d);
}

function view(t: Tensor, shape: number[], stride: number[], offset: number): Tensor {
  return new Tensor(t._data, shape, stride, offset, t.dtype);
}

/** Python's slice(start, stop, step) on a dim of size n, step > 0: [first index, length]. */
function pySlice(n: number, start: number | null, stop: number | null, step: number): [number, number] {
  const norm = (v: number): number => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  const s = start === null ? 0 : norm(start);
  const e = stop === null ? n : norm(stop);
  return [s, Math.max(0, Math.ceil((e - s) / step))];
}

/** The view ops of tools/golden/print.py's apply_transform, done on shape/stride/offset. */
export function applyTransform(t: Tensor, ops: readonly Transform[]): Tensor {
  let cur = t;
  for (const op of ops) {
    const shape = cur._shape.slice();
    const stride = cur._stride.slice();
    let offset = cur._offset;
    if ('transpose' in op) {
      const [a, b] = op.transpose;
      [shape[a], shape[b]] = [shape[b] as number, shape[a] as number];
      [stride[a], stride[b]] = [stride[b] as number, stride[a] as number];
      cur = view(cur, shape, stride, offset);
    } else if ('permute' in op) {
      cur = view(cur, op.permute.map((d) => shape[d] as number), op.permute.map((d) => stride[d] as number), offset);
    } else if ('slice' in op) {
      const [dim, start, stop, step] = op.slice;
      const [first, len] = pySlice(shape[dim] as number, start, stop, step);
      offset += first * (stride[dim] as number);
      shape[dim] = len;
      stride[dim] = (stride[dim] as number) * step;
      cur = view(cur, shape, stride, offset);
    } else if ('select' in op) {
      const [dim, idx] = op.select;
      const n = shape[dim] as number;
      offset += (idx < 0 ? idx + n : idx) * (stride[dim] as number);
      shape.splice(dim, 1);
      stride.splice(dim, 1);
      cur = view(cur, shape, stride, offset);
    } else {
      const sizes = op.expand;
      const lead = sizes.length - shape.length;
      const newStride = sizes.map((s, i) => {
        if (i < lead) return 0;
        const j = i - lead;
        return shape[j] === 1 && s !== 1 ? 0 : (stride[j] as number);
      });
      cur = view(cur, sizes.slice(), newStride, offset);
    }
  }
  return cur;
}

/** The tensor as PyTorch printed it: view, autograd state and Parameter flag. */
export function buildCase(c: PrintCase): Tensor {
  const t = applyTransform(buildInput(c.input), c.transform);
  if (c.grad_fn !== null) {
    // A stub node: printing only asks grad_fn for its name.
    const name = c.grad_fn;
    t._grad_fn = { name: () => name } as unknown as Node;
  } else if (c.requires_grad) {
    t._requires_grad = true;
  }
  if (c.parameter) (t as { _isParameter?: boolean })._isParameter = true;
  return t;
}
