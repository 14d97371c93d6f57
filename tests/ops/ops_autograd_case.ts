// Runs one case of tests/golden/ops_autograd.json (written by tools/golden/ops_autograd.py from
// PyTorch 1.13) through ts-torch and lists every way the result differs from PyTorch's.
// The case format is documented in that script; this file is its TypeScript half.
import { readFileSync } from 'node:fs';
import * as torch from 'ts-torch';
import { Tensor, type IndexArg } from '../../src/tensor/tensor.ts';
import { all_dtypes, type dtype } from '../../src/tensor/dtype.ts';
import { AccumulateGrad, type Node } from '../../src/autograd/node.ts';
import { slice } from '../../src/ops/views.ts';

export type Encoded = number | boolean | 'nan' | 'inf' | '-inf';

export interface EncodedTensor {
  dtype: string;
  shape: number[];
  values: Encoded[];
}

type Transform =
  | { transpose: [number, number] }
  | { permute: number[] }
  | { slice: [number, number | null, number | null, number] }
  | { select: [number, number] }
  | { expand: number[] }
  | { clone: true };

export interface InputSpec extends EncodedTensor {
  requires_grad: boolean;
  transform: Transform[];
}

/** An argument as the generator encodes it: input refs, dtypes, lists, options objects. */
export type Arg = number | boolean | string | null | { $t: number } | { $dtype: string } | Arg[] | { [k: string]: Arg };

export interface GraphNode {
  name: string;
  input?: number;
  next?: [GraphNode | null, number][];
}

export interface ErrorInfo {
  type: string;
  message: string;
}

export interface OpCase {
  name: string;
  call: 'torch' | 'method' | 'F' | 'attr' | 'binop' | 'index';
  fn: string;
  inputs: InputSpec[];
  args: Arg[];
  kwargs: Record<string, Arg>;
  error?: ErrorInfo;
  versions?: number[];
  out?: EncodedTensor;
  out_is_self?: boolean;
  requires_grad?: boolean;
  is_view?: boolean;
  stride?: number[];
  offset?: number;
  grad_fn?: GraphNode | null;
  grad_output?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  grad_error?: ErrorInfo;
  /** float64 outputs: the gradients were taken with create_graph */
  create_graph?: boolean;
  /** d/d(leaves) of Σ_i (grads_i · v_i).sum(), for the v_i given (null where grads_i needs no grad) */
  gradgrad?: { v: (EncodedTensor | null)[]; grads: (EncodedTensor | null)[] };
}

export interface OpsGolden {
  torch_version: string;
  cases: OpCase[];
}

export function loadGolden(name: string): OpsGolden {
  const url = new URL(`../golden/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as OpsGolden;
}

// ---- tensors ------------------------------------------------------------------------------

export function decodeNumber(v: Encoded): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

export function dtypeOf(name: string): dtype {
  const d = all_dtypes.find((x) => x.name === name);
  if (d === undefined) throw new Error(`unknown dtype ${name}`);
  return d;
}

export function tensorOf(e: EncodedTensor): Tensor {
  const d = dtypeOf(e.dtype);
  return Tensor._fromData(new d.ArrayType(e.values.map(decodeNumber)), e.shape.slice(), d);
}

/** A tensor's values in row-major order, read through its strides (no ops, no autograd). */
export function flatValues(t: Tensor): number[] {
  const out: number[] = [];
  const shape = t._shape;
  const n = t.numel();
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let off = t._offset;
    for (let d = 0; d < shape.length; d++) off += (idx[d] as number) * (t._stride[d] as number);
    out.push(t._data[off] as number);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** The leaf (with requires_grad) and the input made from it by the spec's transforms. */
function buildInput(spec: InputSpec): { leaf: Tensor; x: Tensor } {
  const leaf = tensorOf(spec);
  leaf.requires_grad_(spec.requires_grad);
  let x = leaf;
  for (const op of spec.transform) {
    if ('transpose' in op) x = x.transpose(op.transpose[0], op.transpose[1]);
    else if ('permute' in op) x = x.permute(op.permute);
    else if ('slice' in op) {
      // Python's x[:, ..., a:b:c] also slices every earlier dim with `:` (SliceBackward0 each).
      const [dim, start, stop, step] = op.slice;
      for (let d = 0; d < dim; d++) x = slice(x, d, null, null, 1);
      x = slice(x, dim, start, stop, step);
    }
    else if ('select' in op) x = x.select(op.select[0], op.select[1]);
    else if ('expand' in op) x = x.expand(op.expand);
    else x = x.clone();
  }
  return { leaf, x };
}

// ---- calling the op ---------------------------------------------------------------------------

type Fn = (...args: unknown[]) => unknown;

function decodeArg(a: Arg, xs: readonly Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((v) => decodeArg(v, xs));
  if (a !== null && typeof a === 'object') {
    if ('$t' in a && typeof a.$t === 'number') return xs[a.$t];
    if ('$dtype' in a && typeof a.$dtype === 'string') return dtypeOf(a.$dtype);
    return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, decodeArg(v as Arg, xs)]));
  }
  return a;
}

/** Python operators as porting rule 5 spells them with a number first: `2 - a` is torch.sub(2, a). */
const BINOPS: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '@': 'matmul' };

function lookup(table: object, name: string, where: string): Fn {
  const f = (table as Record<string, unknown>)[name];
  if (typeof f !== 'function') throw new Error(`ts-torch has no ${where}${name}`);
  return f as Fn;
}

function invoke(c: OpCase, xs: readonly Tensor[]): unknown {
  const args = c.args.map((a) => decodeArg(a, xs));
  // Keyword arguments become one trailing options object (porting rule 2).
  if (Object.keys(c.kwargs).length > 0) args.push(decodeArg(c.kwargs, xs));
  switch (c.call) {
    case 'torch':
      return lookup(torch, c.fn, 'torch.')(...args);
    case 'F':
      return lookup(torch.nn.functional, c.fn, 'F.')(...args);
    case 'binop':
      return lookup(torch, BINOPS[c.fn] ?? c.fn, 'torch.')(...args);
    case 'method': {
      const self = args[0] as Tensor;
      return lookup(self, c.fn, 'Tensor.').apply(self, args.slice(1));
    }
    case 'attr':
      return (args[0] as Record<string, unknown>)[c.fn];
    case 'index':
      return (args[0] as Tensor).at(...(args.slice(1) as IndexArg[]));
  }
}

// ---- comparing --------------------------------------------------------------------------------

/** assert_close's default tolerances; nan matches nan, infinities match exactly. */
function close(actual: number, expected: number, dt: string): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return false;
  const [rtol, atol] = dt === 'float32' ? [1.3e-6, 1e-5] : dt === 'float64' ? [1e-7, 1e-7] : [0, 0];
  return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
}

export function compareTensor(what: string, t: unknown, e: EncodedTensor, problems: string[]): void {
  if (!(t instanceof Tensor)) {
    problems.push(`${what}: expected a tensor, got ${String(t)}`);
    return;
  }
  if (t.dtype.name !== e.dtype) problems.push(`${what}: dtype ${t.dtype.name}, PyTorch ${e.dtype}`);
  if (t._shape.join(',') !== e.shape.join(',')) {
    problems.push(`${what}: shape [${t._shape.join(', ')}], PyTorch [${e.shape.join(', ')}]`);
    return;
  }
  const got = flatValues(t);
  const want = e.values.map(decodeNumber);
  const bad = want.findIndex((v, i) => !close(got[i] as number, v, e.dtype));
  if (bad >= 0) {
    problems.push(`${what}: values differ first at flat index ${bad}: ${got[bad]} vs PyTorch ${want[bad]}\n  got  [${got.join(', ')}]\n  want [${want.join(', ')}]`);
  }
}

function graphOf(node: Node | null, leaves: readonly Tensor[], depth = 0): GraphNode | null {
  if (node === null) return null;
  const g: GraphNode = { name: node.name() };
  if (node instanceof AccumulateGrad) {
    g.input = leaves.indexOf(node.variable);
    return g;
  }
  if (depth < 12) g.next = node.next_functions.map(([n, nr]) => [graphOf(n, leaves, depth + 1), nr]);
  return g;
}

function errorOf(e: unknown): ErrorInfo {
  return e instanceof Error ? { type: e.name, message: e.message } : { type: typeof e, message: String(e) };
}

function compareError(what: string, e: unknown, want: ErrorInfo, problems: string[]): void {
  const got = errorOf(e);
  if (got.type !== want.type || got.message !== want.message) {
    problems.push(`${what}: threw ${got.type}: ${got.message}\n  PyTorch ${want.type}: ${want.message}`);
  }
}

/** Everything in which ts-torch's run of the case differs from PyTorch's (empty when it matches). */
export function runCase(c: OpCase): string[] {
  const problems: string[] = [];
  const built = c.inputs.map(buildInput);
  const leaves = built.map((b) => b.leaf);
  const xs = built.map((b) => b.x);
  const before = xs.map((x) => x._version);
  let out: unknown;
  try {
    out = invoke(c, xs);
  } catch (e) {
    if (c.error) compareError('error', e, c.error, problems);
    else problems.push(`threw ${errorOf(e).type}: ${errorOf(e).message}\n${e instanceof Error ? (e.stack ?? '') : ''}`);
    return problems;
  }
  if (c.error) {
    problems.push(`returned normally; PyTorch raised ${c.error.type}: ${c.error.message}`);
    return problems;
  }
  compareTensor('out', out, c.out as EncodedTensor, problems);
  if (!(out instanceof Tensor)) return problems;
  const versions = xs.map((x, i) => x._version - (before[i] as number));
  if (versions.join() !== (c.versions ?? []).join()) problems.push(`version changes [${versions.join(', ')}], PyTorch [${(c.versions ?? []).join(', ')}]`);
  if ((out === xs[0]) !== c.out_is_self) problems.push(`result is self: ${out === xs[0]}, PyTorch ${String(c.out_is_self)}`);
  if (out.requires_grad !== c.requires_grad) problems.push(`requires_grad ${out.requires_grad}, PyTorch ${String(c.requires_grad)}`);
  if (out._is_view() !== c.is_view) problems.push(`is_view ${out._is_view()}, PyTorch ${String(c.is_view)}`);
  if (c.is_view && out._is_view()) {
    const geom = { stride: out.stride(), offset: out.storage_offset() };
    if (JSON.stringify(geom) !== JSON.stringify({ stride: c.stride, offset: c.offset })) {
      problems.push(`view geometry ${JSON.stringify(geom)}, PyTorch ${JSON.stringify({ stride: c.stride, offset: c.offset })}`);
    }
  }
  const graph = JSON.stringify(graphOf(out.grad_fn, leaves));
  const want = JSON.stringify(c.grad_fn ?? null);
  if (graph !== want) problems.push(`grad_fn graph\n  got  ${graph}\n  want ${want}`);
  if (c.grad_output === undefined) return problems;
  const wants = leaves.filter((l) => l.requires_grad);
  let grads: (Tensor | null)[];
  try {
    grads = torch.autograd.grad(out, wants, { grad_outputs: tensorOf(c.grad_output), allow_unused: true, create_graph: c.create_graph ?? false });
  } catch (e) {
    if (c.grad_error) compareError('backward error', e, c.grad_error, problems);
    else problems.push(`backward threw ${errorOf(e).type}: ${errorOf(e).message}\n${e instanceof Error ? (e.stack ?? '') : ''}`);
    return problems;
  }
  if (c.grad_error) {
    problems.push(`backward returned normally; PyTorch raised ${c.grad_error.type}: ${c.grad_error.message}`);
    return problems;
  }
  let k = 0;
  leaves.forEach((leaf, i) => {
    if (!leaf.requires_grad) return;
    const g = grads[k++] ?? null;
    const e = c.grads?.[i] ?? null;
    if (e === null || g === null) {
      if (e !== g) problems.push(`grad of input ${i}: ${g === null ? 'None' : 'a tensor'}, PyTorch ${e === null ? 'None' : 'a tensor'}`);
      return;
    }
    compareTensor(`grad of input ${i}`, g, e, problems);
  });
  if (c.gradgrad) compareGradGrad(c.gradgrad, grads, wants, leaves, problems);
  return problems;
}

/** Second order: differentiate Σ (g · v).sum() over the first-order gradients again. */
function compareGradGrad(
  gg: NonNullable<OpCase['gradgrad']>,
  grads: readonly (Tensor | null)[],
  wants: readonly Tensor[],
  leaves: readonly Tensor[],
  problems: string[],
): void {
  let total: Tensor | null = null;
  grads.forEach((g, k) => {
    const v = gg.v[k] ?? null;
    if (v === null) return;
    if (g === null || !g.requires_grad) {
      problems.push(`second order: grad ${k} does not require grad, PyTorch's does (create_graph)`);
      return;
    }
    const term = g.mul(tensorOf(v)).sum();
    total = total === null ? term : total.add(term);
  });
  if (total === null) return;
  let second: (Tensor | null)[];
  try {
    second = torch.autograd.grad(total, wants, { allow_unused: true });
  } catch (e) {
    problems.push(`second order backward threw ${errorOf(e).type}: ${errorOf(e).message}\n${e instanceof Error ? (e.stack ?? '') : ''}`);
    return;
  }
  let k = 0;
  leaves.forEach((leaf, i) => {
    if (!leaf.requires_grad) return;
    const g = second[k] ?? null;
    const e = gg.grads[k] ?? null;
    k++;
    if (e === null || g === null) {
      if (e !== g) problems.push(`second-order grad of input ${i}: ${g === null ? 'None' : 'a tensor'}, PyTorch ${e === null ? 'None' : 'a tensor'}`);
      return;
    }
    compareTensor(`second-order grad of input ${i}`, g, e, problems);
  });
}
