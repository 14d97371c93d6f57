// Replays tests/golden/ops_misc.json (written by tools/golden/ops_misc.py from PyTorch 1.13):
// for each case a boolean result, or the outputs (values, dtype, shape, strides, view-ness, the
// grad_fn graph down to the leaves, named-tuple fields and repr), the warnings written, and the
// gradients for a fixed grad_output; or the error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/index.ts';
import { AccumulateGrad, type Node } from '../../src/autograd/node.ts';
import { bool, float32, float64, int16, int32, int64, int8, uint8, type dtype } from '../../src/tensor/dtype.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | boolean | string)[];
}
interface InputSpec extends GoldenTensor {
  requires_grad: boolean;
  layout?: 't';
}
interface Graph {
  name: string;
  input?: number;
  next?: (Graph | null)[];
}
interface Case {
  name: string;
  op: string;
  method: boolean;
  inputs: InputSpec[];
  args: unknown[];
  kw: Record<string, unknown>;
  centered?: boolean;
  error?: { type: string; message: string };
  warnings?: string[];
  bool?: boolean;
  tuple?: boolean;
  fields?: string[];
  repr?: string;
  outputs?: { tensor: GoldenTensor; stride: number[]; grad_fn: Graph | null; is_view: boolean }[];
  grads?: Record<string, GoldenTensor | null>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/ops_misc.json', import.meta.url), 'utf8')) as { torch_version: string; cases: Case[] };
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

/** The input as tools/golden/ops_misc.py's make_input builds it. */
function makeInput(spec: InputSpec): Tensor {
  const x = fromValues(spec.values, spec.shape, DTYPES[spec.dtype] as dtype);
  if (spec.layout === 't') {
    const base = x.transpose(-1, -2).contiguous();
    if (spec.requires_grad) base.requires_grad_();
    return base.transpose(-1, -2);
  }
  if (spec.requires_grad) x.requires_grad_();
  return x;
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

/** The golden script's grad_output (`centered`: shifted by -1, so some are zero or negative). */
function gradOutput(shape: number[], dt: dtype, centered: boolean): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals: number[] = [];
  for (let i = 0; i < n; i++) vals.push(((i * 3) % 7 - 3) / 4 + (centered ? 0 : 1));
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
    const a = got[i] as number;
    if (Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected nan, got ${a}`);
    } else if (!Number.isFinite(e) || rtol === 0) {
      assert.equal(a, e, `${what}[${i}]`);
    } else {
      assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: expected ${e}, got ${a}`);
    }
  });
}

/** The grad_fn graph as the golden script writes it (AccumulateGrad names its input). */
function graphOf(node: Node | null, inputs: readonly Tensor[], depth = 0): Graph | null {
  if (node === null) return null;
  if (node instanceof AccumulateGrad) {
    // name() is C++'s qualified name; the golden has Python's type(node).__name__.
    const g: Graph = { name: 'AccumulateGrad' };
    g.input = inputs.findIndex((x) => x === node.variable || x._base === node.variable);
    return g;
  }
  const g: Graph = { name: node.name() };
  if (depth < 8) g.next = node.next_functions.map(([n]) => graphOf(n, inputs, depth + 1));
  return g;
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

/** Runs f, returning the warning lines it writes to stderr (and still writing them). */
function withWarnings<T>(f: () => T): { value: T; warned: string[] } {
  const write = process.stderr.write.bind(process.stderr);
  const warned: string[] = [];
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    warned.push(...String(chunk).split('\n').filter((l) => l.length > 0));
    return write(chunk, ...rest);
  }) as typeof process.stderr.write;
  try {
    return { value: f(), warned };
  } finally {
    process.stderr.write = write;
  }
}

test('ops_misc.json was generated by PyTorch 1.13', () => {
  assert.match(golden.torch_version, /^1\.13/);
});

// Cases run in the golden's order in one process: meshgrid's TORCH_WARN_ONCE warning is expected
// in the first case that omits `indexing` and in no later one, as in the recording.
describe('misc ops vs PyTorch 1.13', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const inputs = c.inputs.map(makeInput);
      if (c.error) {
        assert.throws(
          () => call(c, inputs),
          (e: Error) => {
            assert.equal(e.name, c.error?.type);
            assert.equal(e.message, c.error?.message);
            return true;
          },
        );
        return;
      }
      const { value: res, warned } = withWarnings(() => call(c, inputs));
      assert.deepEqual(warned, c.warnings ?? [], 'warnings');
      if (c.bool !== undefined) {
        assert.equal(res, c.bool);
        return;
      }
      const outs = c.tuple ? (res as Tensor[]) : [res as Tensor];
      assert.equal(Array.isArray(res), c.tuple === true, 'returns a tuple');
      const expected = c.outputs ?? [];
      assert.equal(outs.length, expected.length, 'number of outputs');
      expected.forEach((eo, i) => {
        const o = outs[i] as Tensor;
        assertTensor(o, eo.tensor, `output ${i}`);
        // isclose's layout comes from ts-torch's elementwise ops, which return row-major
        // results where TensorIterator keeps a transposed input's layout (not this file's ops).
        if (c.op !== 'isclose') assert.deepEqual(o.stride(), eo.stride, `output ${i} stride`);
        assert.deepEqual(graphOf(o.grad_fn, inputs), eo.grad_fn, `output ${i} grad_fn graph`);
        assert.equal(o._is_view(), eo.is_view, `output ${i} is_view`);
      });
      if (c.repr !== undefined) assert.equal(String(res), c.repr, 'printed named tuple');
      for (const [k, f] of (c.fields ?? []).entries()) {
        assert.equal((res as unknown as Record<string, Tensor>)[f], outs[k], `field ${f}`);
      }
      if (c.grads) {
        const diff = outs.filter((o) => o.requires_grad);
        const wrt = Object.keys(c.grads).map((k) => inputs[Number(k)] as Tensor);
        const gos = diff.map((o) => gradOutput([...o.shape], o.dtype, c.centered === true));
        const grads = torch.autograd.grad(diff, wrt, { grad_outputs: gos, allow_unused: true });
        Object.values(c.grads).forEach((eg, i) => {
          const g = grads[i] ?? null;
          if (eg === null) assert.equal(g, null, `grad ${i} is None`);
          else assertTensor(g as Tensor, eg, `grad ${i}`);
        });
      }
    });
  }
});
