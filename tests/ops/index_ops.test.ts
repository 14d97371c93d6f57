// Replays tests/golden/ops_index.json (written by tools/golden/ops_index.py from PyTorch 1.13):
// for each case the call's outputs (values, dtype, shape, grad_fn), the gradients w.r.t. each
// leaf for a fixed grad_output (or the backward's error), or the call's error; for in-place
// calls also self's values afterwards, and that a failed call leaves self untouched.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/index.ts';
import { bool, float32, float64, int16, int32, int64, int8, uint8, type dtype } from '../../src/tensor/dtype.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | boolean | string)[];
}
interface InputSpec extends GoldenTensor {
  requires_grad: boolean;
  layout?: 't';
  clone?: boolean;
}
interface ErrorInfo {
  type: string;
  message: string;
}
interface Case {
  name: string;
  op: string;
  method: boolean;
  inputs: InputSpec[];
  args: unknown[];
  kw: Record<string, unknown>;
  error?: ErrorInfo;
  grad_error?: ErrorInfo;
  self_after?: GoldenTensor;
  tuple?: boolean;
  outputs?: { tensor: GoldenTensor; grad_fn: string | null }[];
  grads?: Record<string, GoldenTensor | null>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/ops_index.json', import.meta.url), 'utf8')) as { cases: Case[] };
const DTYPES: Record<string, dtype> = { float32, float64, int64, int32, int16, int8, uint8, bool };

function decodeNumber(v: number | boolean | string): number {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

function fromValues(values: readonly (number | boolean | string)[], shape: number[], dt: dtype): Tensor {
  const data = new dt.ArrayType(values.length);
  values.forEach((v, i) => (data[i] = decodeNumber(v)));
  return Tensor._fromData(data, shape.slice(), dt);
}

/** [leaf, what the op gets], as tools/golden/ops_index.py's make_input builds them. */
function makeInput(spec: InputSpec): [Tensor, Tensor] {
  const x = fromValues(spec.values, spec.shape, DTYPES[spec.dtype] as dtype);
  let leaf = x;
  let arg = x;
  if (spec.layout === 't') {
    leaf = x.transpose(-1, -2).contiguous();
    if (spec.requires_grad) leaf.requires_grad_();
    arg = leaf.transpose(-1, -2);
  } else if (spec.requires_grad) {
    x.requires_grad_();
  }
  if (spec.clone) arg = arg.clone();
  return [leaf, arg];
}

function decodeArg(a: unknown, inputs: Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((v) => decodeArg(v, inputs));
  if (a !== null && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('t' in o) return inputs[o.t as number];
    if ('tl' in o) return (o.tl as number[]).map((i) => inputs[i]);
    if ('dtype' in o) return DTYPES[o.dtype as string];
    if ('float' in o) return decodeNumber(o.float as string);
  }
  return a;
}

function gradOutput(shape: number[], dt: dtype): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals: number[] = [];
  for (let i = 0; i < n; i++) vals.push(((i * 3) % 7 - 3) / 4 + 1);
  return fromValues(vals, shape, dt);
}

function tolerance(dt: string): { rtol: number; atol: number } {
  if (dt === 'float32') return { rtol: 1.3e-6, atol: 1e-5 };
  if (dt === 'float64') return { rtol: 1e-7, atol: 1e-7 };
  return { rtol: 0, atol: 0 };
}

function assertTensor(actual: Tensor, expected: GoldenTensor, what: string): void {
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  const got = actual.contiguous().numpy() as ArrayLike<number>;
  const { rtol, atol } = tolerance(expected.dtype);
  expected.values.forEach((ev, i) => {
    const e = decodeNumber(ev);
    const a = Number(got[i]);
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected nan, got ${a}`);
    } else if (!Number.isFinite(e) || rtol === 0) {
      assert.equal(a, e, `${what}[${i}]`);
    } else {
      assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: expected ${e}, got ${a}`);
    }
  });
}

function assertError(f: () => unknown, expected: ErrorInfo): void {
  assert.throws(f, (e: Error) => {
    assert.equal(e.name, expected.type);
    assert.equal(e.message, expected.message);
    return true;
  });
}

type Fn = (...args: unknown[]) => unknown;

function call(c: Case, inputs: Tensor[]): unknown {
  const args = c.args.map((a) => decodeArg(a, inputs));
  const kwEntries = Object.entries(c.kw).map(([k, v]) => [k, decodeArg(v, inputs)] as const);
  if (kwEntries.length > 0) args.push(Object.fromEntries(kwEntries));
  if (c.method) {
    const self = inputs[0] as Tensor;
    const m = (self as unknown as Record<string, Fn>)[c.op];
    assert.equal(typeof m, 'function', `Tensor.${c.op} exists`);
    return (m as Fn).apply(self, args);
  }
  const f = (torch as unknown as Record<string, Fn>)[c.op];
  assert.equal(typeof f, 'function', `torch.${c.op} exists`);
  return (f as Fn)(...args);
}

describe('indexing ops vs PyTorch 1.13', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const pairs = c.inputs.map(makeInput);
      const leaves = pairs.map((p) => p[0]);
      const inputs = pairs.map((p) => p[1]);
      if (c.error) {
        assertError(() => call(c, inputs), c.error);
        // A failed in-place call leaves self as it was (PyTorch may have written part of it).
        if (c.method && c.op.endsWith('_')) assertTensor(inputs[0] as Tensor, c.inputs[0] as InputSpec, 'self after the failed call');
        return;
      }
      const res = call(c, inputs);
      if (c.self_after) {
        assert.equal(res, inputs[0], 'an in-place op returns self');
        assertTensor(inputs[0] as Tensor, c.self_after, 'self after the call');
      }
      const outs = c.tuple ? (res as Tensor[]) : [res as Tensor];
      assert.equal(Array.isArray(res), c.tuple === true, 'returns a tuple');
      const expected = c.outputs ?? [];
      assert.equal(outs.length, expected.length, 'number of outputs');
      expected.forEach((eo, i) => {
        const o = outs[i] as Tensor;
        assertTensor(o, eo.tensor, `output ${i}`);
        assert.equal(o.grad_fn === null ? null : o.grad_fn.name(), eo.grad_fn, `output ${i} grad_fn`);
      });
      const diff = outs.filter((o) => o.requires_grad);
      const wrtIdx = leaves.map((l, i) => (l.requires_grad ? i : -1)).filter((i) => i >= 0);
      if (diff.length === 0 || wrtIdx.length === 0) {
        assert.equal(c.grads, undefined, 'PyTorch computed gradients');
        return;
      }
      const gos = diff.map((o) => gradOutput([...o.shape], o.dtype));
      const wrt = wrtIdx.map((i) => leaves[i] as Tensor);
      const run = (): (Tensor | null)[] => torch.autograd.grad(diff, wrt, { grad_outputs: gos, allow_unused: true });
      if (c.grad_error) {
        assertError(run, c.grad_error);
        return;
      }
      const grads = run();
      assert.deepEqual(Object.keys(c.grads ?? {}), wrtIdx.map(String), 'gradients w.r.t.');
      Object.values(c.grads ?? {}).forEach((eg, i) => {
        const g = grads[i] ?? null;
        if (eg === null) assert.equal(g, null, `grad ${i} is None`);
        else assertTensor(g as Tensor, eg, `grad ${i}`);
      });
    });
  }
});
