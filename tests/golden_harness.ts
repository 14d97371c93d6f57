// The TypeScript half of tools/golden/cases.py: replays the table-driven op cases of
// tests/golden/ops_{reduce_shape,sort_sets,index,linalg}.json and random_ops.json. A case names a
// call (`torch.<op>` — dotted ops such as "linalg.det" are looked up part by part — or, with
// `method`, `inputs[0].<op>`), its inputs, positional args and keyword args (passed as one
// trailing options object, porting rule 2). Arguments: {t: i} is input i, {tl: [i, ...]} a list
// of inputs, {dtype: name} a dtype, {float: 'inf'} a float JSON cannot hold.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from '../src/index.ts';
import { Tensor } from '../src/index.ts';
import { AccumulateGrad, type Node } from '../src/autograd/node.ts';
import { bool, float32, float64, int16, int32, int64, int8, uint8, type dtype } from '../src/tensor/dtype.ts';
import { decodeNumber, type Encoded } from './ops/ops_autograd_case.ts';

export { decodeNumber };

export interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: Encoded[];
}
export interface InputSpec extends GoldenTensor {
  requires_grad: boolean;
  /** 't': the same values, held as a transposed (non-contiguous) view of a contiguous leaf. */
  layout?: 't';
  /** The op gets leaf.clone() (so in-place ops may run on it); gradients are the leaf's. */
  clone?: boolean;
}
export interface ErrorInfo {
  type: string;
  message: string;
}
export interface GoldenOutput {
  tensor: GoldenTensor;
  grad_fn: string | null;
}
/** What every op case has; each golden adds its own expectations. */
export interface OpCase {
  name: string;
  op: string;
  method: boolean;
  inputs: InputSpec[];
  args: unknown[];
  kw: Record<string, unknown>;
  error?: ErrorInfo;
  grad_error?: ErrorInfo;
  tuple?: boolean;
  fields?: string[];
  grads?: Record<string, GoldenTensor | null>;
}

export const DTYPES: Record<string, dtype> = { float32, float64, int64, int32, int16, int8, uint8, bool };

/** tests/golden/<name>.json: the PyTorch version that wrote it and its cases. */
export function loadGolden<C>(name: string): { torch_version: string; cases: C[] } {
  return JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8')) as { torch_version: string; cases: C[] };
}

/** tests/golden/<name>.json's cases. */
export function loadCases<C>(name: string): C[] {
  return loadGolden<C>(name).cases;
}

export function fromValues(values: readonly Encoded[], shape: number[], dt: dtype): Tensor {
  const data = new dt.ArrayType(values.length);
  values.forEach((v, i) => (data[i] = decodeNumber(v)));
  return Tensor._fromData(data, shape.slice(), dt);
}

/** [leaf, what the op gets], as tools/golden/cases.py's make_leaf builds them. */
export function makeLeaf(spec: InputSpec): [Tensor, Tensor] {
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

/** What the op gets, as tools/golden/cases.py's make_input builds it. */
export function makeInput(spec: InputSpec): Tensor {
  return makeLeaf(spec)[1];
}

export function decodeArg(a: unknown, inputs: Tensor[]): unknown {
  if (Array.isArray(a)) return a.map((v) => decodeArg(v, inputs));
  if (a !== null && typeof a === 'object') {
    const o = a as Record<string, unknown>;
    if ('t' in o) return inputs[o.t as number];
    if ('tl' in o) return (o.tl as number[]).map((i) => inputs[i]);
    if ('dtype' in o) return DTYPES[o.dtype as string];
    if ('float' in o) return decodeNumber(o.float as Encoded);
  }
  return a;
}

/** The fixed grad_output of a case: dyadic values in [0.25, 1.75], none zero (exact in float32);
 *  `centered` (ops_misc's cases): shifted by -1, so some are zero or negative. */
export function gradOutput(shape: number[], dt: dtype, centered = false): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const vals: number[] = [];
  for (let i = 0; i < n; i++) vals.push(((i * 3) % 7 - 3) / 4 + (centered ? 0 : 1));
  return fromValues(vals, shape, dt);
}

export type Tolerance = (dt: string) => { rtol: number; atol: number };

/** assert_close's defaults for the elementwise ops; integer and bool values compare exactly. */
export const opTolerance: Tolerance = (dt) => {
  if (dt === 'float32') return { rtol: 1.3e-6, atol: 1e-5 };
  if (dt === 'float64') return { rtol: 1e-7, atol: 1e-7 };
  return { rtol: 0, atol: 0 };
};

/** Compares values: nan to nan, infinities and exact dtypes to the bit, the rest within tol;
 *  `absolute` compares |x| (for outputs defined only up to sign). */
export function assertValues(got: ArrayLike<number>, expected: GoldenTensor, what: string, tol: Tolerance, absolute = false): void {
  const { rtol, atol } = tol(expected.dtype);
  expected.values.forEach((ev, i) => {
    let e = decodeNumber(ev);
    let a = Number(got[i]);
    if (absolute) {
      e = Math.abs(e);
      a = Math.abs(a);
    }
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `${what}[${i}]: expected nan, got ${a}`);
    else if (!Number.isFinite(e) || rtol === 0) assert.equal(a, e, `${what}[${i}]`);
    else assert.ok(Math.abs(a - e) <= atol + rtol * Math.abs(e), `${what}[${i}]: expected ${e}, got ${a}`);
  });
}

/** dtype, shape and values (`mode` 'abs': compared as |x|; 'skip': values not compared). */
export function assertTensor(
  actual: Tensor,
  expected: GoldenTensor,
  what: string,
  tol: Tolerance = opTolerance,
  mode: 'val' | 'abs' | 'skip' = 'val',
): void {
  assert.equal(actual.dtype.name, expected.dtype, `${what}: dtype`);
  assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  if (mode === 'skip') return;
  assertValues(actual.contiguous().numpy() as ArrayLike<number>, expected, what, tol, mode === 'abs');
}

/** f throws an Error of PyTorch's class name and message. */
export function assertError(f: () => unknown, expected: ErrorInfo): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal(e.name, expected.type);
    assert.equal(e.message, expected.message);
    return true;
  });
}

type Fn = (...args: unknown[]) => unknown;

/** `inputs[0].<op>(...args)` with `method`, else `torch.<op>(...args)` (op may be dotted). */
export function invoke(op: string, method: boolean, inputs: Tensor[], args: unknown[]): unknown {
  if (method) {
    const self = inputs[0] as Tensor;
    const m = (self as unknown as Record<string, Fn>)[op];
    assert.equal(typeof m, 'function', `Tensor.${op} exists`);
    return (m as Fn).apply(self, args);
  }
  let f: unknown = torch;
  for (const part of op.split('.')) f = (f as Record<string, unknown>)[part];
  assert.equal(typeof f, 'function', `torch.${op} exists`);
  return (f as Fn)(...args);
}

/** The case's call, its args and kw decoded against the inputs. */
export function callCase(c: OpCase, inputs: Tensor[]): unknown {
  const args = c.args.map((a) => decodeArg(a, inputs));
  const kwEntries = Object.entries(c.kw).map(([k, v]) => [k, decodeArg(v, inputs)] as const);
  if (kwEntries.length > 0) args.push(Object.fromEntries(kwEntries));
  return invoke(c.op, c.method, inputs, args);
}

/** The case's call; where PyTorch raised, checks that it raises the same error instead (and
 *  returns undefined). */
export function callOrError(c: OpCase, inputs: Tensor[]): unknown {
  if (c.error === undefined) return callCase(c, inputs);
  assertError(() => callCase(c, inputs), c.error);
  return undefined;
}

/** A torch.Size result: its sizes and printed form. */
export function checkSize(res: unknown, size: number[]): void {
  assert.deepEqual([...(res as number[])], size);
  assert.equal(String(res), `torch.Size([${size.join(', ')}])`);
}

/** The call's outputs, checked against the case's: a tuple or not, how many, and for each its
 *  tensor (within tol, compared as c.cmp says) and grad_fn name (by `gradFnName`); `each` checks
 *  anything else about output i. Then the named-tuple fields are the outputs. */
export function checkOutputs<O extends GoldenOutput>(
  c: OpCase & { outputs?: O[]; cmp?: ('val' | 'abs' | 'skip')[] },
  res: unknown,
  opts: { gradFnName?: 'name' | '_typeName'; tol?: Tolerance; each?: (o: Tensor, eo: O, i: number) => void } = {},
): Tensor[] {
  const outs = c.tuple ? (res as Tensor[]) : [res as Tensor];
  assert.equal(Array.isArray(res), c.tuple === true, 'returns a tuple');
  const expected = c.outputs ?? [];
  assert.equal(outs.length, expected.length, 'number of outputs');
  const nameOf = opts.gradFnName ?? 'name';
  expected.forEach((eo, i) => {
    const o = outs[i] as Tensor;
    assertTensor(o, eo.tensor, `output ${i}`, opts.tol, c.cmp?.[i] ?? 'val');
    assert.equal(o.grad_fn === null ? null : o.grad_fn[nameOf](), eo.grad_fn, `output ${i} grad_fn`);
    opts.each?.(o, eo, i);
  });
  for (const [k, f] of (c.fields ?? []).entries()) {
    assert.equal((res as unknown as Record<string, Tensor>)[f], outs[k], `field ${f}`);
  }
  return outs;
}

/** torch.autograd.grad of the outputs w.r.t. wrt, for each output's fixed grad_output. */
export function gradsFor(diff: Tensor[], wrt: Tensor[], create_graph = false, centered = false): (Tensor | null)[] {
  const gos = diff.map((o) => gradOutput([...o.shape], o.dtype, centered));
  return torch.autograd.grad(diff, wrt, { grad_outputs: gos, allow_unused: true, create_graph });
}

/** The gradients, in the order of the golden's, against PyTorch's (null: not used). */
export function checkGrads(grads: (Tensor | null)[], expected: Record<string, GoldenTensor | null>, tol: Tolerance = opTolerance): void {
  Object.values(expected).forEach((eg, i) => {
    const g = grads[i] ?? null;
    if (eg === null) assert.equal(g, null, `grad ${i} is None`);
    else assertTensor(g as Tensor, eg, `grad ${i}`, tol);
  });
}

/** The gradients of the outputs that require grad w.r.t. the inputs the golden lists, for the
 *  fixed grad_outputs, against PyTorch's. */
export function checkGradsOf(
  outs: Tensor[],
  inputs: Tensor[],
  expected: Record<string, GoldenTensor | null>,
  opts: { create_graph?: boolean; tol?: Tolerance; centered?: boolean } = {},
): void {
  const diff = outs.filter((o) => o.requires_grad);
  const wrt = Object.keys(expected).map((k) => inputs[Number(k)] as Tensor);
  checkGrads(gradsFor(diff, wrt, opts.create_graph, opts.centered), expected, opts.tol);
}

/** An output's grad_fn graph as the golden scripts write it (tools/golden/cases.py's graph_of). */
export interface Graph {
  name: string;
  input?: number;
  next?: (Graph | null)[];
}

/**
 * The grad_fn graph down to the leaves, `maxDepth` nodes deep: AccumulateGrad names the leaf
 * (the input that is its variable, or a view of it); other nodes are named as Python's
 * type(node).__name__ (name() is C++'s qualified name for CopySlices).
 */
export function graphOf(node: Node | null, leaves: readonly Tensor[], maxDepth = 8, depth = 0): Graph | null {
  if (node === null) return null;
  if (node instanceof AccumulateGrad) {
    return { name: 'AccumulateGrad', input: leaves.findIndex((x) => x === node.variable || x._base === node.variable) };
  }
  const g: Graph = { name: node.name().replace(/^torch::autograd::/, '') };
  if (depth < maxDepth) g.next = node.next_functions.map(([n]) => graphOf(n, leaves, maxDepth, depth + 1));
  return g;
}

/** Runs f, returning the warning lines it writes to stderr (and still writing them). */
export function withWarnings<T>(f: () => T): { value: T; warned: string[] } {
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

// ---- random-op replays (tests/random/random.test.ts, samplers_extra.test.ts) -----------------

/** A JSON scalar or argument as tools/golden/rng.py writes it: 'inf', '-inf', 'nan' decoded,
 *  anything else (booleans included) as is. */
export function decodeJsonNumber(v: unknown): unknown {
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  if (v === 'nan') return NaN;
  return v;
}

/** The tensor a sampler fills, as tools/golden/rng.py's make_target builds it. */
export interface TargetSpec {
  shape: number[];
  dtype?: string;
  view?: string;
  requires_grad?: boolean;
  /** a clone of a leaf of ones that requires grad */
  nonleaf?: boolean;
}

/** A view of base (its storage, version counter and _base) with the given geometry. */
export function stridedView(base: Tensor, shape: number[], stride: number[], offset: number): Tensor {
  const v = new Tensor(base._data, shape, stride, offset, base.dtype, base._vc);
  v._base = base;
  return v;
}

/** A zero tensor and the view of it that tools/golden/rng.py's make_target builds. */
export function makeTarget(spec: TargetSpec): Tensor {
  if (spec.nonleaf) return torch.ones(spec.shape, { requires_grad: true }).clone();
  const base = Tensor._empty(spec.shape.slice(), DTYPES[spec.dtype ?? 'float32'] as dtype);
  if (spec.requires_grad) base._requires_grad = true;
  const shape = base._shape.slice();
  const stride = base._stride.slice();
  const nd = shape.length;
  switch (spec.view) {
    case undefined:
      return base;
    case 't':
      [shape[nd - 2], shape[nd - 1]] = [shape[nd - 1] as number, shape[nd - 2] as number];
      [stride[nd - 2], stride[nd - 1]] = [stride[nd - 1] as number, stride[nd - 2] as number];
      return stridedView(base, shape, stride, 0);
    case 'step':
      shape[nd - 1] = Math.ceil((shape[nd - 1] as number) / 2);
      stride[nd - 1] = (stride[nd - 1] as number) * 2;
      return stridedView(base, shape, stride, 0);
    case 'offset':
      shape[0] = (shape[0] as number) - 1;
      return stridedView(base, shape, stride, stride[0] as number);
    case 'permute3':
      return stridedView(base, [shape[2], shape[0], shape[1]] as number[], [stride[2], stride[0], stride[1]] as number[], 0);
    case 'expand':
      return stridedView(base, [3, shape[nd - 1] as number], [0, stride[nd - 1] as number], 0);
    default:
      throw new Error(`unknown view ${spec.view}`);
  }
}

/** The logical (row-major) values of a tensor, read through its strides. */
export function stridedValues(t: Tensor): number[] {
  const out: number[] = [];
  const n = t.numel();
  const idx = new Array<number>(t._shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let off = t._offset;
    for (let d = 0; d < idx.length; d++) off += (idx[d] as number) * (t._stride[d] as number);
    out.push(t._data[off] as number);
    for (let d = idx.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (t._shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** One step of a random-op replay: the error it must raise, or the tensor it must produce
 *  (if the golden has one), which `check` compares. */
export function replayStep(
  where: string,
  step: { error?: ErrorInfo; out?: { tensor?: unknown } },
  run: () => Tensor | undefined,
  check: (t: Tensor) => void,
): void {
  const err = step.error;
  if (err) {
    assert.throws(
      run,
      (e: unknown) => {
        assert.ok(e instanceof Error, `${where}: threw a non-Error`);
        assert.equal(e.name, err.type, `${where}: error class`);
        assert.equal(e.message, err.message, `${where}: error message`);
        return true;
      },
      `${where}: expected ${err.type}: ${err.message}`,
    );
    return;
  }
  const t = run();
  if (step.out?.tensor) {
    assert.ok(t, `${where}: produced no tensor`);
    check(t);
  }
}

/**
 * A case's result as its list of outputs, after checking that it is a tuple exactly when
 * PyTorch's is and has as many outputs as the golden lists; null for a case whose result is a
 * boolean (`bool`), which is checked here.
 */
export function caseOutputs(c: { bool?: boolean; tuple?: boolean; outputs?: unknown[] }, res: unknown): Tensor[] | null {
  if (c.bool !== undefined) {
    assert.equal(res, c.bool);
    return null;
  }
  const outs = c.tuple ? (res as Tensor[]) : [res as Tensor];
  assert.equal(Array.isArray(res), c.tuple === true, 'returns a tuple');
  assert.equal(outs.length, (c.outputs ?? []).length, 'number of outputs');
  return outs;
}

/** A named tuple's fields are its outputs, in order. */
export function checkFields(fields: readonly string[] | undefined, res: unknown, outs: readonly Tensor[]): void {
  for (const [k, f] of (fields ?? []).entries()) {
    assert.equal((res as Record<string, Tensor>)[f], outs[k], `field ${f}`);
  }
}
