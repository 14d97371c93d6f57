// Shared helpers of the test_autograd*.test.ts files: reading tests/golden/autograd_behaviour.json
// (written by tools/golden/autograd_behaviour.py from PyTorch 1.13), rebuilding its tensors,
// comparing with assert_close's tolerances, and capturing errors and warnings as PyTorch's text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/index.ts';
import { all_dtypes, type dtype } from '../../src/tensor/dtype.ts';
import type { Node } from '../../src/autograd/node.ts';

export type Encoded = number | boolean | 'nan' | 'inf' | '-inf';

export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: Encoded[];
}

/** JSON as the golden script writes it. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Case = { [key: string]: Json };

const golden = JSON.parse(readFileSync(new URL('../golden/autograd_behaviour.json', import.meta.url), 'utf8')) as {
  torch_version: string;
  cases: Record<string, Case>;
};

export const torchVersion = golden.torch_version;

/** The recorded case named like the PyTorch test (or the extra scenario) it ports. */
export function goldenCase(name: string): Case {
  const c = golden.cases[name];
  if (c === undefined) throw new Error(`no golden case ${name}: rerun tools/golden/autograd_behaviour.py`);
  return c;
}

function field(c: Case, key: string): Json {
  if (!(key in c)) throw new Error(`golden field ${key} missing`);
  return c[key] as Json;
}

export function sub(c: Case, key: string): Case {
  const v = field(c, key);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new Error(`${key} is not an object`);
  return v;
}
export function list(c: Case, key: string): Json[] {
  const v = field(c, key);
  if (!Array.isArray(v)) throw new Error(`${key} is not a list`);
  return v;
}
export function str(c: Case, key: string): string | null {
  const v = field(c, key);
  if (v !== null && typeof v !== 'string') throw new Error(`${key} is not a string`);
  return v;
}
export function bool(c: Case, key: string): boolean {
  const v = field(c, key);
  if (typeof v !== 'boolean') throw new Error(`${key} is not a boolean`);
  return v;
}
export function num(c: Case, key: string): number {
  const v = field(c, key);
  if (typeof v !== 'number') throw new Error(`${key} is not a number`);
  return v;
}
export function ten(c: Case, key: string): GoldenTensor {
  const v = field(c, key);
  if (v === null || typeof v !== 'object' || Array.isArray(v) || !('values' in v)) throw new Error(`${key} is not a tensor`);
  return v as unknown as GoldenTensor;
}

export function dtypeOf(name: string): dtype {
  const d = all_dtypes.find((x) => x.name === name);
  if (d === undefined) throw new Error(`unknown dtype ${name}`);
  return d;
}

function decode(v: Encoded): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** The recorded tensor, rebuilt exactly (a leaf; `requires_grad` as asked). */
export function fromGolden(e: GoldenTensor, opts?: { requires_grad?: boolean }): Tensor {
  const d = dtypeOf(e.dtype);
  const t = Tensor._fromData(new d.ArrayType(e.values.map(decode)), e.shape.slice(), d);
  if (opts?.requires_grad) t.requires_grad_();
  return t;
}

const TOLERANCE: Record<string, { rtol: number; atol: number }> = {
  float32: { rtol: 1.3e-6, atol: 1e-5 },
  float64: { rtol: 1e-7, atol: 1e-7 },
};

/** torch.testing.assert_close against a recorded tensor: dtype, shape, then values. */
export function assertClose(actual: Tensor | null, expected: GoldenTensor, what: string): void {
  assert.ok(actual !== null, `${what}: got null, PyTorch gave a tensor`);
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  const got = (actual.detach().reshape(-1).tolist() as (number | boolean)[]).map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  const want = expected.values.map(decode);
  const tol = TOLERANCE[expected.dtype] ?? { rtol: 0, atol: 0 };
  got.forEach((g, i) => {
    const w = want[i] as number;
    const ok = Number.isNaN(w) ? Number.isNaN(g) : g === w || Math.abs(g - w) <= tol.atol + tol.rtol * Math.abs(w);
    assert.ok(ok, `${what}: element ${i} is ${g}, PyTorch gave ${w}`);
  });
}

/** What `fn` throws, as Python prints it ("RuntimeError: …"), or null when it returns. */
export function errorOf(fn: () => unknown): string | null {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
  return null;
}

/** Asserts `fn` throws exactly PyTorch's error (class and message), or nothing when that is null. */
export function assertError(fn: () => unknown, expected: string | null, what: string): void {
  assert.equal(errorOf(fn), expected, what);
}

/** The warnings ts-torch writes to stderr while `fn` runs ("UserWarning: …" lines). */
export function captureWarnings(fn: () => unknown): string[] {
  const lines: string[] = [];
  const original = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = original;
  }
  return lines
    .join('')
    .split('\n')
    .filter((l) => /^[A-Za-z]*Warning: /.test(l));
}

/** The name `print` shows for a grad_fn (`type(grad_fn).__name__`), or null. */
export function fnName(node: Node | null): string | null {
  if (node === null) return null;
  const repr = node.toString(); // `<CopySlices object>`, as Python's repr without the address
  const m = /^<(\S+) object/.exec(repr);
  return m ? (m[1] as string) : repr;
}

/** next_functions as the golden script records them: [[type name, input_nr, nested?], ...]. */
export function nextFns(node: Node, depth = 1): Json[] {
  return node.next_functions.map(([child, nr]) => {
    const entry: Json[] = [fnName(child), nr];
    if (child !== null && depth > 1) entry.push(nextFns(child, depth - 1));
    return entry;
  });
}

/** `t.grad` of a non-leaf, read for its value only (as the golden script reads it, warning-free). */
export function gradOf(t: Tensor): Tensor | null {
  return t._grad;
}

export { torch, Tensor };
