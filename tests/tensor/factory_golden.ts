// Replays the calls of tests/golden/factories*.json (written by tools/golden/factories.py):
// decodes the JSON arguments into JS values, calls ts-torch, and describes what came back in
// the golden's terms.
import { readFileSync } from 'node:fs';
import * as torch from '../../src/index.ts';
import * as factories from '../../src/tensor/factories.ts';
import { Tensor, type NestedList } from '../../src/tensor/tensor.ts';
import { all_dtypes, type dtype } from '../../src/tensor/dtype.ts';

export type Json = number | string | boolean | null | Json[] | { [k: string]: Json };

export interface Expect {
  dtype: string;
  shape: number[];
  stride: number[];
  offset: number;
  requires_grad: boolean;
  values?: Json[];
  sample?: { indices: number[]; values: Json[] };
  same_object?: boolean;
}

export interface FactoryCase {
  fn: string;
  args: Json[];
  opts?: Record<string, Json>;
  self?: Json;
  default_dtype?: string;
  mutate?: [number, number];
  expect?: Expect;
  expect_value?: Json;
  error?: { type: string; message: string };
}

export function loadCases(name: string): FactoryCase[] {
  const url = new URL(`../golden/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as { cases: FactoryCase[] }).cases;
}

export function dtypeNamed(name: string): dtype {
  const d = all_dtypes.find((x) => x.name === name);
  if (d === undefined) throw new Error(`unknown dtype ${name}`);
  return d;
}

/** A golden value ("nan"/"inf"/"-inf" are the non-finite numbers). */
export function decodeValue(v: Json): number | boolean {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number | boolean;
}

type TypedCtor = new (values: ArrayLike<number> | ArrayLike<bigint>) => ArrayBufferView;
const TYPED: Record<string, TypedCtor> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Int16Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  BigInt64Array: BigInt64Array as unknown as TypedCtor,
  Uint16Array,
  Uint32Array,
};

/** Decodes one argument; `sources` collects TypedArrays/buffers so the test can write into them. */
export function decodeArg(v: Json, sources: { bytes?: Uint8Array; array?: ArrayBufferView }): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => decodeArg(x, sources));
  if ('$num' in v) return decodeValue(v.$num as string);
  if ('$dtype' in v) return dtypeNamed(v.$dtype as string);
  if ('$tensor' in v) {
    const b = v.$tensor as { dtype: string; storage: Json[]; shape: number[]; stride: number[]; offset: number };
    const d = dtypeNamed(b.dtype);
    const storage = new d.ArrayType(b.storage.length);
    b.storage.forEach((x, i) => (storage[i] = Number(decodeArg(x, {}))));
    return new Tensor(storage, b.shape.slice(), b.stride.slice(), b.offset, d);
  }
  if ('$typed' in v) {
    const kind = v.$typed as string;
    const vals = (v.values as number[]).map((x) => Number(decodeArg(x, {})));
    const arr = kind === 'BigInt64Array' ? new BigInt64Array(vals.map((x) => BigInt(x))) : new (TYPED[kind] as TypedCtor)(vals);
    sources.array = arr;
    return arr;
  }
  if ('$buffer' in v) {
    const b = v.$buffer as { bytes: number[]; view: string | null; byteOffset: number };
    const ab = new ArrayBuffer(b.bytes.length);
    const bytes = new Uint8Array(ab);
    bytes.set(b.bytes);
    sources.bytes = bytes.subarray(b.byteOffset);
    return b.view === null ? ab : new Uint8Array(ab, b.byteOffset);
  }
  // a plain object argument (only options objects are written this way)
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decodeArg(x, sources)]));
}

type AnyFn = (...a: unknown[]) => unknown;
const METHODS = new Set(['new_zeros', 'new_ones', 'new_empty', 'new_full', 'new_tensor']);

/** Runs a case's call (with its default dtype) and returns the result and the decoded inputs. */
export function runCase(c: FactoryCase): { result: unknown; args: unknown[] } {
  const sources: { bytes?: Uint8Array; array?: ArrayBufferView } = {};
  const args = c.args.map((a) => decodeArg(a, sources));
  const callArgs = c.opts === undefined ? args : [...args, decodeArg(c.opts, sources)];
  torch.set_default_dtype(dtypeNamed(c.default_dtype ?? 'float32'));
  try {
    let result: unknown;
    if (METHODS.has(c.fn)) {
      const self = decodeArg(c.self as Json, {}) as Tensor;
      result = (self[c.fn as 'new_zeros'] as unknown as AnyFn).apply(self, callArgs);
    } else {
      const fn = (factories as unknown as Record<string, AnyFn>)[c.fn];
      if (fn === undefined) throw new Error(`no factory ${c.fn}`);
      result = fn(...callArgs);
    }
    if (c.mutate !== undefined) {
      const [i, x] = c.mutate;
      if (sources.bytes !== undefined) sources.bytes[i] = x;
      else if (sources.array instanceof BigInt64Array) sources.array[i] = BigInt(x);
      else (sources.array as unknown as number[])[i] = x;
    }
    return { result, args };
  } finally {
    torch.set_default_dtype(torch.float32);
  }
}

/** A tensor's values in row-major order, read through its strides. */
export function flatValues(t: Tensor): (number | boolean)[] {
  const out: (number | boolean)[] = [];
  const walk = (x: NestedList): void => {
    if (Array.isArray(x)) x.forEach(walk);
    else out.push(x);
  };
  walk(t.tolist());
  return out;
}

export function caseName(c: FactoryCase): string {
  const s = JSON.stringify({ fn: c.fn, args: c.args, opts: c.opts, self: c.self, d: c.default_dtype });
  return s.length > 160 ? `${s.slice(0, 157)}...` : s;
}
