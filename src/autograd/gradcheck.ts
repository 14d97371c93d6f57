// torch.autograd.gradcheck / gradgradcheck, PyTorch 1.13's slow mode (torch/autograd/gradcheck.py):
// central differences per input element against autograd.grad with one-hot grad_outputs,
// compared with allclose (|a − n| ≤ atol + rtol·|n|), then the checks that backward is
// multiplied by grad_output and handles undefined output gradients.
import { Tensor } from '../tensor/tensor.ts';
import { float32, float64, promote_types } from '../tensor/dtype.ts';
import { NotImplementedError, RuntimeError, ValueError, warnOnce } from '../errors.ts';
import { grad } from './api.ts';
import { record } from './record.ts';
import { add, div, mul, rsub, sub } from '../ops/pointwise/arithmetic.ts';
import { clone, copyValues } from '../ops/copy.ts';
import { copy_ } from '../ops/inplace.ts';
import { zeros_of } from '../ops/alloc.ts';
import { reshape } from '../ops/shape/views.ts';
import { rand } from '../random/factories.ts';

/** Raised by gradcheck and gradgradcheck (a RuntimeError, as in PyTorch). */
export class GradcheckError extends RuntimeError {
  override name = 'GradcheckError';
}

/** A function of tensors (and other arguments) returning a tensor or an array of tensors. */
export type GradcheckFn = (...inputs: never[]) => Tensor | readonly Tensor[];
type AnyFn = (...inputs: unknown[]) => unknown;
type Inputs = Tensor | readonly unknown[];

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raise_exception?: boolean;
  check_sparse_nnz?: boolean;
  nondet_tol?: number;
  check_undefined_grad?: boolean;
  check_grad_dtypes?: boolean;
  /** Needs vmap, which ts-torch does not have: only false is accepted. */
  check_batched_grad?: boolean;
  check_batched_forward_grad?: boolean;
  /** Needs forward-mode AD, which ts-torch does not have: only false is accepted. */
  check_forward_ad?: boolean;
  check_backward_ad?: boolean;
  /** Only the slow (full Jacobian) mode is implemented: only false is accepted. */
  fast_mode?: boolean;
}

export interface GradgradcheckOptions {
  grad_outputs?: Tensor | readonly Tensor[] | null;
  eps?: number;
  atol?: number;
  rtol?: number;
  gen_non_contig_grad_outputs?: boolean;
  raise_exception?: boolean;
  nondet_tol?: number;
  check_undefined_grad?: boolean;
  check_grad_dtypes?: boolean;
  check_batched_grad?: boolean;
  check_fwd_over_rev?: boolean;
  check_rev_over_rev?: boolean;
  fast_mode?: boolean;
}

// ---- helpers -------------------------------------------------------------------------------

function asTuple(x: unknown): unknown[] {
  return Array.isArray(x) ? (x as unknown[]).slice() : [x];
}

function callFn(func: GradcheckFn, args: readonly unknown[]): unknown[] {
  return asTuple((func as AnyFn)(...args));
}

function requiresGrad(x: unknown): x is Tensor {
  return x instanceof Tensor && x.requires_grad;
}

function differentiableOutputs(x: unknown): Tensor[] {
  return asTuple(x).filter(requiresGrad);
}

/** Values of `t` in row-major order, as doubles. */
function valuesOf(t: Tensor): Float64Array {
  return copyValues(t, float64)._data as Float64Array;
}

function allZero(t: Tensor): boolean {
  return valuesOf(t).every((v) => v === 0);
}

function sameSize(a: Tensor, b: Tensor): boolean {
  return a._shape.length === b._shape.length && a._shape.every((d, i) => d === b._shape[i]);
}

// Python's default filter shows a warning raised inside gradcheck.py once per message.
const shownWarnings = new Set<string>();
function warnOncePerMessage(message: string): void {
  if (shownWarnings.has(message)) return;
  shownWarnings.add(message);
  warnOnce('UserWarning', message);
}

/** torch.allclose after promoting both to a common dtype (float32 math rounds each step). */
function allcloseWithTypePromotion(a: Tensor, b: Tensor, rtol: number, atol: number): boolean {
  const f = promote_types(a.dtype, b.dtype) === float32 ? Math.fround : (v: number) => v;
  const av = valuesOf(a);
  const bv = valuesOf(b);
  const rt = f(rtol);
  const at = f(atol);
  for (let i = 0; i < av.length; i++) {
    const x = f(av[i] as number);
    const y = f(bv[i] as number);
    if (x === y) continue;
    const actual = f(Math.abs(f(x - y)));
    const allowed = f(at + f(Math.abs(f(rt * y))));
    if (!(Number.isFinite(actual) && actual <= allowed)) return false;
  }
  return true;
}

/** A [rows, cols] jacobian of dtype `dt` whose row k is `rows[k]` (null rows stay zero). */
function jacobianFromRows(rowCount: number, colCount: number, dt: Tensor['dtype'], rowOf: (k: number) => Tensor | null): Tensor {
  const out = zeros_of([rowCount, colCount], dt);
  for (let k = 0; k < rowCount; k++) {
    const r = rowOf(k);
    if (r !== null) out._data.set(copyValues(r, dt)._data.subarray(0, colCount), k * colCount);
  }
  return out;
}

/** The transpose of jacobianFromRows: column j is `colOf(j)`. */
function jacobianFromCols(rowCount: number, colCount: number, dt: Tensor['dtype'], colOf: (j: number) => Tensor | null): Tensor {
  const out = zeros_of([rowCount, colCount], dt);
  const d = out._data;
  for (let j = 0; j < colCount; j++) {
    const c = colOf(j);
    if (c === null) continue;
    const v = copyValues(c, dt)._data;
    for (let k = 0; k < Math.min(rowCount, v.length); k++) d[k * colCount + j] = v[k] as number;
  }
  return out;
}

// ---- numerical Jacobian ----------------------------------------------------------------------

/**
 * Central differences w.r.t. one input: its elements are perturbed in place through `.data`
 * (which has its own version counter, so saved tensors are not invalidated). One jacobian
 * [input.numel(), output.numel()] per floating output, in the output's dtype.
 */
function numericalJacobianWrtInput(func: GradcheckFn, inputIdx: number, inputs: readonly unknown[], outputs: readonly unknown[], eps: number): Tensor[] {
  const input = inputs[inputIdx] as Tensor;
  const x = input.data;
  const cols: Tensor[][] = [];
  const n = input.numel();
  const shape = x._shape;
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let pos = x._offset;
    for (let d = 0; d < shape.length; d++) pos += (idx[d] as number) * (x._stride[d] as number);
    const entry = new Tensor(x._data, [], [], pos, x.dtype, x._vc);
    const run = (): Tensor[] => callFn(func, inputs).map((o) => clone(o as Tensor));
    const orig = clone(entry);
    copy_(entry, sub(orig, eps));
    const outa = run();
    copy_(entry, add(orig, eps));
    const outb = run();
    copy_(entry, orig);
    cols.push(
      outa.map((a, i) => {
        const b = outb[i] as Tensor;
        checkSameDtypeAndShape(a, b, eps);
        return reshape(div(sub(b, a), 2 * eps).detach(), [-1]);
      }),
    );
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      if ((idx[d] as number) < (shape[d] as number)) break;
      idx[d] = 0;
    }
  }
  // _combine_jacobian_cols: the i-th floating output takes the i-th column entry.
  const floatOutputs = outputs.filter((o): o is Tensor => o instanceof Tensor && o.dtype.is_floating_point);
  return floatOutputs.map((o, i) => jacobianFromRows(n, o.numel(), o.dtype, (k) => (cols[k] as Tensor[])[i] ?? null));
}

function checkSameDtypeAndShape(a: Tensor, b: Tensor, eps: number): void {
  // PyTorch asserts these (AssertionError); "{idx}" is printed literally there.
  if (!sameSize(a, b)) {
    throw new Error(
      `Expected \`func\` to return outputs with the same shape when inputs are perturbed on index {idx} by ${pyFloat(eps)}, but got: shapes torch.Size([${a._shape.join(', ')}]) and torch.Size([${b._shape.join(', ')}]).`,
    );
  }
  if (a.dtype !== b.dtype) {
    throw new Error(
      `Expected \`func\` to return outputs with the same dtype when inputs are perturbed on index {idx} by ${pyFloat(eps)}, but got: dtypes ${a.dtype} and ${b.dtype}.`,
    );
  }
}

/** One list per input requiring grad, of one jacobian per floating output. */
function numericalJacobian(func: GradcheckFn, inputs: readonly unknown[], outputs: readonly unknown[], eps: number): Tensor[][] {
  const res: Tensor[][] = [];
  inputs.forEach((a, i) => {
    if (requiresGrad(a)) res.push(numericalJacobianWrtInput(func, i, inputs, outputs, eps));
  });
  return res;
}

// ---- analytical Jacobian ---------------------------------------------------------------------

/** Rows of the Jacobian of `output`: one autograd.grad per output element, one-hot grad_output. */
function analyticalRows(output: Tensor, diffInputs: Tensor[]): (Tensor | null)[][] {
  const base = zeros_of(output._shape, output.dtype);
  const flat = base._data;
  const rows: (Tensor | null)[][] = diffInputs.map(() => []);
  for (let j = 0; j < flat.length; j++) {
    flat.fill(0);
    flat[j] = 1;
    const gs = grad(output, diffInputs, { grad_outputs: base, retain_graph: true, allow_unused: true });
    gs.forEach((g, i) => (rows[i] as (Tensor | null)[]).push(g === null ? null : clone(g)));
  }
  return rows;
}

function stackAndCheck(rows: (Tensor | null)[][], diffInputs: Tensor[], numelOut: number): { jacobians: Tensor[]; sizesOk: boolean; typesOk: boolean } {
  let sizesOk = true;
  let typesOk = true;
  const jacobians = diffInputs.map((inp, i) => {
    const r = rows[i] as (Tensor | null)[];
    for (const t of r) {
      if (t !== null && !sameSize(t, inp)) sizesOk = false;
      else if (t !== null && t.dtype !== inp.dtype) typesOk = false;
    }
    return jacobianFromCols(inp.numel(), numelOut, inp.dtype, (j) => r[j] ?? null);
  });
  return { jacobians, sizesOk, typesOk };
}

function jacobiansEqual(j1: Tensor[], j2: Tensor[], tol: number): boolean {
  for (let i = 0; i < j1.length; i++) {
    const a = valuesOf(j1[i] as Tensor);
    const b = valuesOf(j2[i] as Tensor);
    let max = 0;
    for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs((a[k] as number) - (b[k] as number)));
    if (a.length !== 0 && max > tol) return false;
  }
  return true;
}

const FAILED_NONDET_MSG = `

NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with \`nondet_tol=<tol>\` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have \`gradcheck_nondet_tol=<tol>\`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have \`gradcheck_nondet_tol=<tol>\`
`;

/** The analytical Jacobians of `output` w.r.t. each input requiring grad, computed twice. */
function analyticalJacobian(inputs: readonly unknown[], output: Tensor, nondetTol: number, checkGradDtypes: boolean): Tensor[] {
  const diffInputs = inputs.filter(requiresGrad);
  const s1 = stackAndCheck(analyticalRows(output, diffInputs), diffInputs, output.numel());
  const s2 = stackAndCheck(analyticalRows(output, diffInputs), diffInputs, output.numel());
  const reentrant = jacobiansEqual(s1.jacobians, s2.jacobians, nondetTol);
  // gradcheck.py unpacks (sizes, types) into (types_ok, sizes_ok): kept as it is there.
  const typesOk = s1.sizesOk;
  const sizesOk = s1.typesOk;
  if (!typesOk && checkGradDtypes) throw new GradcheckError('Gradient has dtype mismatch');
  if (!sizesOk) throw new GradcheckError('Analytical gradient has incorrect size');
  if (!reentrant) {
    throw new GradcheckError(
      'Backward is not reentrant, i.e., running backward with same input and grad_output multiple times gives different values, although analytical gradient matches numerical gradient.' +
        `The tolerance for nondeterminism was ${pyFloat(nondetTol)}.` +
        FAILED_NONDET_MSG,
    );
  }
  return s1.jacobians;
}

/** Python's str() of a float: shortest digits, exponent form below 1e-4 or from 1e16. */
function pyFloat(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    const [m, e] = v.toExponential().split('e') as [string, string];
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

// ---- the checks ------------------------------------------------------------------------------

function checkInputs(inputs: readonly unknown[]): void {
  let any = false;
  inputs.forEach((inp, idx) => {
    if (!requiresGrad(inp)) return;
    if (inp.dtype !== float64) {
      warnOncePerMessage(
        `Input #${idx} requires gradient and is not a double precision floating point or complex. ` +
          'This check will likely fail if all the inputs are not of double precision floating point or complex. ',
      );
    }
    if (!inp._stride.every((st, k) => st > 0 || (inp._shape[k] as number) <= 1)) {
      throw new RuntimeError(
        `The ${idx}th input has a dimension with stride 0. gradcheck only supports inputs that are non-overlapping to be able to compute the numerical gradients correctly. You should call .contiguous on the input before passing it to gradcheck.`,
      );
    }
    any = true;
    inp.retain_grad();
  });
  if (!any) {
    throw new ValueError('gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.');
  }
}

function notAllcloseMessage(analytical: Tensor, numerical: Tensor, outputIdx: number, inputIdx: number): string {
  return `Jacobian mismatch for output ${outputIdx} with respect to input ${inputIdx},\nnumerical:${String(numerical)}\nanalytical:${String(analytical)}\n`;
}

function slowGradcheck(
  func: GradcheckFn,
  funcOut: unknown[],
  inputs: readonly unknown[],
  outputs: Tensor[],
  eps: number,
  rtol: number,
  atol: number,
  checkGradDtypes: boolean,
  nondetTol: number,
): void {
  if (outputs.length === 0) {
    for (const perInput of numericalJacobian(func, inputs, funcOut, eps)) {
      for (const j of perInput) {
        if (!allZero(j)) throw new GradcheckError('Numerical gradient for function expected to be zero');
      }
    }
    return;
  }
  const perInput = numericalJacobian(func, inputs, funcOut, eps);
  // _transpose (zip(*…)), then keep the outputs requiring grad (zip truncates, as in PyTorch).
  const count = Math.min(...perInput.map((l) => l.length));
  const numerical: Tensor[][] = [];
  for (let o = 0; o < count && o < funcOut.length; o++) {
    if (requiresGrad(funcOut[o])) numerical.push(perInput.map((l) => l[o] as Tensor));
  }
  outputs.forEach((o, i) => {
    const analytical = analyticalJacobian(inputs, o, nondetTol, checkGradDtypes);
    const num = numerical[i] ?? [];
    for (let j = 0; j < Math.min(analytical.length, num.length); j++) {
      const a = analytical[j] as Tensor;
      const n = num[j] as Tensor;
      if (!allcloseWithTypePromotion(a, n, rtol, atol)) throw new GradcheckError(notAllcloseMessage(a, n, i, j));
    }
  });
}

function testBackwardMulByGradOutput(outputs: Tensor[], inputs: readonly unknown[]): void {
  const diffInputs = inputs.filter(requiresGrad);
  if (diffInputs.length === 0) throw new GradcheckError('no Tensors requiring grad found in input');
  const grads = grad(outputs, diffInputs, { grad_outputs: outputs.map((o) => zeros_of(o._shape, o.dtype)), allow_unused: true });
  grads.forEach((gi, k) => {
    if (gi === null) return;
    const di = diffInputs[k] as Tensor;
    if (!allZero(gi)) throw new GradcheckError('backward not multiplied by grad_output');
    if (gi.dtype !== di.dtype) throw new GradcheckError('grad is incorrect type');
    if (!sameSize(gi, di)) throw new GradcheckError('grad is incorrect size');
  });
}

/** torch._C._functions.UndefinedGrad: a copy whose backward hands on undefined gradients. */
function undefinedGrad(o: Tensor): Tensor {
  const out = copyValues(o, o.dtype);
  record('torch::autograd::UndefinedGradBackward', [o], out, () => [null]);
  return out;
}

const BC_BREAKING_WARNING =
  'Backwards compatibility: New undefined gradient support checking feature is enabled by default, but it may break existing callers of this function. ' +
  'If this is true for you, you can call this function with "check_undefined_grad=False" to disable the feature';

function testUndefinedBackwardMode(func: GradcheckFn, outputs: Tensor[], inputs: readonly unknown[]): void {
  const diffInputs = inputs.filter(requiresGrad);
  if (diffInputs.length === 0) throw new GradcheckError('no Tensors requiring grad found in input');
  const check = (outs: Tensor[]): void => {
    let grads: (Tensor | null)[];
    try {
      grads = grad(outs, diffInputs, { grad_outputs: outs.map((o) => zeros_of(o._shape, o.dtype)), allow_unused: true });
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      warnOnce('UserWarning', BC_BREAKING_WARNING);
      throw new GradcheckError(
        'Expected backward function to handle undefined output grads. Please look at "Notes about undefined output gradients" in "tools/autograd/derivatives.yaml"',
      );
    }
    for (const gi of grads) {
      if (gi !== null && !allZero(gi)) {
        warnOnce('UserWarning', BC_BREAKING_WARNING);
        throw new GradcheckError(
          'Expected all input grads to be undefined or zero when all output grads are undefined or zero. Please look at "Notes about undefined output gradients" in "tools/autograd/derivatives.yaml"',
        );
      }
    }
  };
  // All output gradients undefined; then, with several outputs, one at a time.
  const all = differentiableOutputs(callFn(func, inputs)).map(undefinedGrad);
  const toCheck: Tensor[][] = [all];
  if (all.length > 1) {
    for (let u = 0; u < outputs.length; u++) {
      toCheck.push(differentiableOutputs(callFn(func, inputs)).map((o, idx) => (idx === u ? undefinedGrad(o) : o)));
    }
  }
  for (const outs of toCheck) check(outs);
}

function unsupported(flag: boolean | undefined, what: string): void {
  if (flag === true) throw new NotImplementedError(`ts-torch's gradcheck does not support ${what}=True`);
}

/**
 * torch.autograd.gradcheck(func, inputs, { eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=true,
 * nondet_tol=0, check_undefined_grad=true, check_grad_dtypes=false, check_backward_ad=true }):
 * true when every analytical Jacobian matches the numerical one. Use float64 inputs.
 */
export function gradcheck(func: GradcheckFn, inputs: Inputs, opts: GradcheckOptions = {}): boolean {
  const checkBackwardAd = opts.check_backward_ad ?? true;
  unsupported(opts.check_forward_ad, 'check_forward_ad');
  unsupported(opts.check_batched_grad, 'check_batched_grad');
  unsupported(opts.check_batched_forward_grad, 'check_batched_forward_grad');
  unsupported(opts.fast_mode, 'fast_mode');
  if (!checkBackwardAd) throw new Error('Expected at least one of check_forward_ad or check_backward_ad to be True');
  try {
    return gradcheckHelper(func, inputs, opts);
  } catch (e) {
    if (opts.raise_exception === false && e instanceof GradcheckError) return false;
    throw e;
  }
}

function gradcheckHelper(func: GradcheckFn, inputs: Inputs, opts: GradcheckOptions): boolean {
  const tupled = asTuple(inputs);
  checkInputs(tupled);
  const funcOut = callFn(func, tupled);
  const outputs = differentiableOutputs(funcOut);
  slowGradcheck(
    func,
    funcOut,
    tupled,
    outputs,
    opts.eps ?? 1e-6,
    opts.rtol ?? 1e-3,
    opts.atol ?? 1e-5,
    opts.check_grad_dtypes ?? false,
    opts.nondet_tol ?? 0,
  );
  testBackwardMulByGradOutput(outputs, tupled);
  if (opts.check_undefined_grad ?? true) testUndefinedBackwardMode(func, outputs, tupled);
  return true;
}

/** torch.testing.make_tensor(shape, dtype, low=-1, high=1, requires_grad=True) for floats. */
function randomGradOutput(like: Tensor): Tensor {
  const dt = like.dtype.is_floating_point ? like.dtype : float64;
  const r = rand(like._shape.slice(), { dtype: dt });
  // high * rand_val + low * (1 - rand_val), with high = 1 and low = -1
  return add(mul(r, 1), mul(rsub(r, 1), -1)).requires_grad_();
}

/**
 * torch.autograd.gradgradcheck(func, inputs, grad_outputs = null, { … }): gradcheck of the
 * gradients of func w.r.t. its inputs (and the grad_outputs, random in [-1, 1) when not given),
 * computed with create_graph.
 */
export function gradgradcheck(
  func: GradcheckFn,
  inputs: Inputs,
  grad_outputs?: Tensor | readonly Tensor[] | null | GradgradcheckOptions,
  options: GradgradcheckOptions = {},
): boolean {
  // grad_outputs may also come by keyword, in the one trailing options object (porting rule 2).
  const byKeyword = grad_outputs != null && !(grad_outputs instanceof Tensor) && !Array.isArray(grad_outputs);
  const opts = byKeyword ? (grad_outputs as GradgradcheckOptions) : options;
  const givenGradOutputs = byKeyword ? opts.grad_outputs : (grad_outputs as Tensor | readonly Tensor[] | null | undefined);
  unsupported(opts.gen_non_contig_grad_outputs, 'gen_non_contig_grad_outputs');
  const tupled = asTuple(inputs);
  const gos: Tensor[] =
    givenGradOutputs == null ? differentiableOutputs(callFn(func, tupled)).map(randomGradOutput) : (asTuple(givenGradOutputs) as Tensor[]);
  const numOutputs = gos.length;
  const diffInputIdx = new Set(tupled.flatMap((x, i) => (requiresGrad(x) ? [i] : [])));
  const diffGradOutputIdx = new Set(gos.flatMap((x, i) => (x.requires_grad ? [i] : [])));
  const newFunc = (...args: unknown[]): Tensor[] => {
    const inputArgs = args.slice(0, args.length - numOutputs).map((x, i) => (diffInputIdx.has(i) ? (x as Tensor).requires_grad_() : x));
    const outputs = differentiableOutputs(callFn(func, inputArgs));
    const gradOutputs = args.slice(args.length - numOutputs).map((x, i) => (diffGradOutputIdx.has(i) ? (x as Tensor).requires_grad_() : (x as Tensor)));
    const diffInputArgs = inputArgs.filter((_x, i) => diffInputIdx.has(i)) as Tensor[];
    const gradInputs = grad(outputs, diffInputArgs, { grad_outputs: gradOutputs, create_graph: true, allow_unused: true });
    return gradInputs.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(newFunc as GradcheckFn, [...tupled, ...gos], {
    eps: opts.eps,
    atol: opts.atol,
    rtol: opts.rtol,
    raise_exception: opts.raise_exception,
    nondet_tol: opts.nondet_tol,
    check_undefined_grad: opts.check_undefined_grad,
    check_grad_dtypes: opts.check_grad_dtypes,
    check_batched_grad: opts.check_batched_grad,
    fast_mode: opts.fast_mode,
    check_forward_ad: opts.check_fwd_over_rev,
    check_backward_ad: opts.check_rev_over_rev,
  });
}
