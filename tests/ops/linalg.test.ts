// Replays tests/golden/ops_linalg.json (written by tools/golden/ops_linalg.py from PyTorch 1.13):
// for each case the call's outputs (values, dtype, shape, grad_fn, view-ness, named-tuple
// fields), the gradients for a fixed grad_output, or the error. Eigen- and singular vectors are
// compared as |x| (their signs are arbitrary) and their gradients through the same
// gauge-invariant transform the generator used; decompositions are also checked to reconstruct
// their input.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/index.ts';
import { float32, float64, int64, type dtype } from '../../src/tensor/dtype.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: (number | boolean | string)[];
}
interface InputSpec extends GoldenTensor {
  requires_grad: boolean;
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
  cmp?: ('val' | 'abs' | 'skip')[];
  transform?: string;
  create_graph?: boolean;
  error?: ErrorInfo;
  grad_error?: ErrorInfo;
  tuple?: boolean;
  fields?: string[];
  return_type?: string;
  outputs?: { tensor: GoldenTensor; grad_fn: string | null; is_view: boolean }[];
  transformed?: GoldenTensor[];
  grads?: Record<string, GoldenTensor | null>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/ops_linalg.json', import.meta.url), 'utf8')) as { cases: Case[] };
const DTYPES: Record<string, dtype> = { float32, float64, int64 };

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

function makeInput(spec: InputSpec): Tensor {
  const x = fromValues(spec.values, spec.shape, DTYPES[spec.dtype] as dtype);
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

function gradOutput(shape: number[], dt: dtype): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals: number[] = [];
  for (let i = 0; i < n; i++) vals.push(((i * 3) % 7 - 3) / 4 + 1);
  return fromValues(vals, shape, dt);
}

// float32 decompositions run in float32 LAPACK in PyTorch and in double here, so they agree to
// float32 rounding amplified by the conditioning of the small test matrices.
function tolerance(dt: string): { rtol: number; atol: number } {
  if (dt === 'float32') return { rtol: 2e-4, atol: 2e-5 };
  if (dt === 'float64') return { rtol: 1e-8, atol: 1e-10 };
  return { rtol: 0, atol: 0 };
}

function assertValues(got: ArrayLike<number>, expected: GoldenTensor, what: string, absolute = false): void {
  const { rtol, atol } = tolerance(expected.dtype);
  expected.values.forEach((ev, i) => {
    let e = decodeNumber(ev);
    let a = got[i] as number;
    if (absolute) {
      e = Math.abs(e);
      a = Math.abs(a);
    }
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${what}[${i}]: expected nan, got ${a}`);
    else if (!Number.isFinite(e) || rtol === 0) assert.equal(a, e, `${what}[${i}]`);
    else assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: expected ${e}, got ${a}`);
  });
}

function assertTensor(actual: Tensor, expected: GoldenTensor, what: string, mode: 'val' | 'abs' | 'skip' = 'val'): void {
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  if (mode === 'skip') return;
  assertValues(actual.contiguous().numpy() as ArrayLike<number>, expected, what, mode === 'abs');
}

type Fn = (...args: unknown[]) => unknown;

function resolve(path: string): Fn {
  let f: unknown = torch;
  for (const part of path.split('.')) f = (f as Record<string, unknown>)[part];
  assert.equal(typeof f, 'function', `torch.${path} exists`);
  return f as Fn;
}

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
  return resolve(c.op)(...args);
}

function transform(name: string, outs: Tensor[]): Tensor[] {
  if (name === 'sq') return outs.map((o) => o.mul(o));
  if (name.startsWith('pick')) return [outs[Number(name.slice(4))] as Tensor];
  const [U, S, Vh] = outs as [Tensor, Tensor, Tensor];
  const k = S.shape[S.ndim - 1] as number;
  return [U.narrow(-1, 0, k).pow(2), S, Vh.narrow(-2, 0, k).pow(2)];
}

function assertError(e: unknown, expected: ErrorInfo): true {
  assert.ok(e instanceof Error);
  assert.equal(e.name, expected.type);
  assert.equal(e.message, expected.message);
  return true;
}

/** A ≈ the product of its factorisation (for outputs whose values are only defined up to gauge). */
function assertReconstructs(c: Case, A: Tensor, outs: Tensor[]): void {
  const close = (x: Tensor, y: Tensor, what: string): void => {
    const tol = A.dtype === float32 ? 1e-4 : 1e-10;
    const d = x.sub(y).abs().max().item() as number;
    assert.ok(d <= tol * (1 + (y.abs().max().item() as number)), `${c.name}: ${what} off by ${d}`);
  };
  torch.no_grad(() => {
    if (c.op === 'linalg.eigh') {
      const [L, V] = outs as [Tensor, Tensor];
      close(V.matmul(L.unsqueeze(-1).mul(V.mT)), V.matmul(V.mT).matmul(V.matmul(L.unsqueeze(-1).mul(V.mT))), 'V orthogonal');
      const uplo = c.args[1] === 'U' ? 'U' : 'L';
      const tri = uplo === 'L' ? A.tril() : A.triu();
      const n = A.shape[A.ndim - 1] as number;
      const sym = tri.add(tri.mT).sub(A.diagonal(0, -2, -1).unsqueeze(-1).mul(torch.eye(n, { dtype: A.dtype })));
      close(V.matmul(L.unsqueeze(-1).mul(V.mT)), sym, 'V diag(L) Vᵀ');
    } else if (c.op === 'linalg.svd') {
      const [U, S, Vh] = outs as [Tensor, Tensor, Tensor];
      const k = S.shape[S.ndim - 1] as number;
      close(U.narrow(-1, 0, k).mul(S.unsqueeze(-2)).matmul(Vh.narrow(-2, 0, k)), A, 'U diag(S) Vh');
      const eyeU = torch.eye(U.shape[U.ndim - 1] as number, { dtype: A.dtype });
      close(U.mT.matmul(U), eyeU.expand(U.mT.matmul(U).shape), 'UᵀU = I');
      const eyeV = torch.eye(Vh.shape[Vh.ndim - 2] as number, { dtype: A.dtype });
      close(Vh.matmul(Vh.mT), eyeV.expand(Vh.matmul(Vh.mT).shape), 'Vh Vhᵀ = I');
    }
  });
}

describe('linalg ops vs PyTorch 1.13', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const inputs = c.inputs.map(makeInput);
      if (c.error) {
        const expected = c.error;
        assert.throws(() => call(c, inputs), (e: unknown) => assertError(e, expected));
        return;
      }
      const res = call(c, inputs);
      const outs = c.tuple ? (res as Tensor[]) : [res as Tensor];
      assert.equal(Array.isArray(res), c.tuple === true, 'returns a tuple');
      const expected = c.outputs ?? [];
      assert.equal(outs.length, expected.length, 'number of outputs');
      expected.forEach((eo, i) => {
        const o = outs[i] as Tensor;
        assertTensor(o, eo.tensor, `output ${i}`, c.cmp?.[i] ?? 'val');
        assert.equal(o.grad_fn === null ? null : o.grad_fn.name(), eo.grad_fn, `output ${i} grad_fn`);
        assert.equal(o._is_view(), eo.is_view, `output ${i} is_view`);
      });
      for (const [k, f] of (c.fields ?? []).entries()) {
        assert.equal((res as unknown as Record<string, Tensor>)[f], outs[k], `field ${f}`);
      }
      if (c.fields !== undefined && c.return_type !== undefined) {
        assert.ok(String(res).startsWith(`torch.return_types.${c.return_type}(\n${c.fields[0]}=`), 'printed named tuple');
      }
      if (c.cmp !== undefined) assertReconstructs(c, inputs[0] as Tensor, outs);
      const seen = c.transform !== undefined ? transform(c.transform, outs) : outs;
      (c.transformed ?? []).forEach((et, i) => assertTensor(seen[i] as Tensor, et, `transformed ${i}`));
      const diff = seen.filter((o) => o.requires_grad);
      const wrtIdx = inputs.flatMap((x, i) => (x.requires_grad ? [i] : []));
      if (c.grad_error) {
        const expectedErr = c.grad_error;
        const gos = diff.map((o) => gradOutput([...o.shape], o.dtype));
        assert.throws(
          () => torch.autograd.grad(diff, wrtIdx.map((i) => inputs[i] as Tensor), { grad_outputs: gos, allow_unused: true }),
          (e: unknown) => assertError(e, expectedErr),
        );
        return;
      }
      if (c.grads) {
        const wrt = Object.keys(c.grads).map((k) => inputs[Number(k)] as Tensor);
        const gos = diff.map((o) => gradOutput([...o.shape], o.dtype));
        const grads = torch.autograd.grad(diff, wrt, { grad_outputs: gos, allow_unused: true, create_graph: c.create_graph === true });
        Object.values(c.grads).forEach((eg, i) => {
          const g = grads[i] ?? null;
          if (eg === null) assert.equal(g, null, `grad ${i} is None`);
          else assertTensor(g as Tensor, eg, `grad ${i}`);
        });
      }
    });
  }
});
