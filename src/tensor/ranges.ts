// torch.arange, linspace, logspace, reproducing PyTorch's CPU kernels value for value
// (aten/src/ATen/native/RangeFactories.cpp and cpu/RangeFactoriesKernel.cpp).
//
// arange and linspace run through PyTorch's vectorized loop (AVX2 on x86-64): blocks of two
// 32-byte vectors, each vector computed as `base + k * step` from a base `start + step * i`,
// then a scalar tail. The AVX2 kernels are compiled with FMA contraction, so products fuse with
// their sums in some places and not in others; the element values depend on all of this, so it
// is reproduced literally. Above 32768 elements PyTorch splits the range over threads, and the
// chunk boundaries (which depend on the thread count) restart the blocks; ts-torch follows the
// single-threaded run (torch.set_num_threads(1)), which agrees for every smaller range.
import { RuntimeError } from '../errors.ts';
import { bool, castScalar, float32, float64, get_default_dtype, int64, type dtype } from './dtype.ts';
import { Tensor } from './tensor.ts';
import { dtypeOr, emptyTensor, finish, type FactoryOptions } from './factory_common.ts';
import { FACTORY_KW, parseArgs, signature } from './pyargs.ts';
import { scalarTo } from './scalar_convert.ts';
import { scalarValue } from './fill_factories.ts';
import { fma, fmaf } from '../math/fma.ts';
import { glibcPow } from '../math/glibc_pow.ts';

const KW_TEXT = 'torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad';
const ARANGE = [
  signature('arange', `(Number end, *, Tensor out, ${KW_TEXT})`, 'end: Number', '*', ...FACTORY_KW),
  signature('arange', `(Number start, Number end, *, ${KW_TEXT})`, 'start: Number', 'end: Number', '*', ...FACTORY_KW),
  signature('arange', `(Number start, Number end, Number step, *, Tensor out, ${KW_TEXT})`, 'start: Number', 'end: Number', 'step: Number = 1', '*', ...FACTORY_KW),
];
const LINSPACE = [signature('linspace', '', 'start: Number', 'end: Number', 'steps: int', '*', ...FACTORY_KW)];
const LOGSPACE = [signature('logspace', '', 'start: Number', 'end: Number', 'steps: int', 'base: float = 10.0', '*', ...FACTORY_KW)];

type Num = number | boolean | Tensor;

/** Elements per 32-byte AVX2 vector of each dtype. */
function vecSize(dt: dtype): number {
  return 32 / dt.itemsize;
}

/** A Python Scalar as a double (Scalar::to<double>()). */
function toDouble(v: unknown): number {
  const s = scalarValue(v);
  return typeof s === 'boolean' ? (s ? 1 : 0) : s;
}

/** std::ostream << double (precision 6, like %g), for "unsupported range" messages. */
export function formatCppDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  // %g: the exponent of the value rounded to 6 significant digits picks the notation.
  const [m, e] = x.toExponential(5).split('e') as [string, string];
  const exp = Number(e);
  if (exp < -4 || exp >= 6) {
    const mant = m.includes('.') ? m.replace(/\.?0+$/, '') : m;
    return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const f = x.toFixed(Math.max(0, 5 - exp));
  return f.includes('.') ? f.replace(/\.?0+$/, '') : f;
}

function notImplemented(kernel: string, dt: dtype): RuntimeError {
  return new RuntimeError(`"${kernel}" not implemented for '${dt.scalarName}'`);
}

/**
 * arange's dtype without a `dtype`: int64 when every bound is integral in PyTorch's eyes, which
 * for JS means booleans and integer tensors (numbers are floats, porting rule 4).
 */
function inferArangeDtype(bounds: readonly unknown[]): dtype {
  const integral = bounds.every((b) => typeof b === 'boolean' || (b instanceof Tensor && !b.dtype.is_floating_point));
  return integral ? int64 : get_default_dtype();
}

export type ArangeArgs =
  | [end: Num, options?: FactoryOptions]
  | [start: Num, end: Num, options?: FactoryOptions & { step?: Num }]
  | [start: Num, end: Num, step: Num, options?: FactoryOptions];

/**
 * torch.arange. Porting rule 4: numbers are floats, so the result is the default dtype unless
 * `dtype` is given (PyTorch's arange(5) is int64, arange(5.) float32; ts-torch's arange(5) is
 * the latter; pass `{ dtype: torch.int64 }` for the former).
 */
export function arange(...args: ArangeArgs): Tensor {
  const { values } = parseArgs(ARANGE, args);
  const start = values.has('start') ? values.get('start') : 0;
  const end = values.get('end');
  const step = values.get('step') ?? 1;
  const given = ['start', 'end', 'step'].map((k) => values.get(k)).filter((v) => v !== undefined && v !== null);
  const dt = dtypeOr(values, inferArangeDtype(given));
  if (dt === bool) throw notImplemented('arange_cpu', dt);
  // The kernel computes in accscalar_t: double for floating dtypes, int64 for integral ones.
  const acc = dt.is_floating_point ? float64 : int64;
  const xstart = scalarTo(scalarValue(start), acc);
  const xend = scalarTo(scalarValue(end), acc);
  const xstep = scalarTo(scalarValue(step), acc);
  if (!(xstep > 0 || xstep < 0)) throw new RuntimeError('step must be nonzero');
  if (!Number.isFinite(xstart) || !Number.isFinite(xend)) {
    throw new RuntimeError(`unsupported range: ${formatCppDouble(xstart)} -> ${formatCppDouble(xend)}`);
  }
  if (!((xstep > 0 && xend >= xstart) || (xstep < 0 && xend <= xstart))) {
    throw new RuntimeError('upper bound and larger bound inconsistent with step sign');
  }
  let sizeD: number;
  if (dt === int64) {
    // Integer arithmetic in int64, C's truncating division.
    const sgn = xstep > 0 ? 1 : -1;
    sizeD = Math.trunc((xend - xstart + xstep - sgn) / xstep);
  } else {
    sizeD = Math.ceil((toDouble(end) - toDouble(start)) / toDouble(step));
  }
  if (!(sizeD >= 0 && sizeD <= 2 ** 63)) throw new RuntimeError('invalid size, possible overflow?');
  const t = emptyTensor([sizeD], dt);
  arangeKernel(t._data, dt, xstart, xstep);
  return finish(t, values);
}

function arangeKernel(out: Tensor['_data'], dt: dtype, start: number, step: number): void {
  const n = out.length;
  if (!dt.is_floating_point) {
    // int64 accumulation is exact here; storing into the narrower TypedArrays wraps around as
    // C's int64 -> intN conversion does.
    for (let i = 0; i < n; i++) out[i] = start + step * i;
    return;
  }
  const vs = vecSize(dt);
  const round = dt === float32 ? Math.fround : (x: number): number => x;
  let i = 0;
  for (; i + 2 * vs <= n; i += 2 * vs) {
    for (let v = 0; v < 2; v++) {
      const i0 = i + v * vs;
      const base = round(fma(step, i0, start));
      for (let k = 0; k < vs; k++) out[i0 + k] = fma(k, step, base);
    }
  }
  for (; i < n; i++) out[i] = fma(step, i, start);
}

export type LinspaceArgs = [start: Num, end: Num, steps: number, options?: FactoryOptions];

/** torch.linspace(start, end, steps) */
export function linspace(...args: LinspaceArgs): Tensor {
  const { values } = parseArgs(LINSPACE, args);
  const steps = values.get('steps') as number;
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const dt = dtypeOr(values);
  const t = emptyTensor([steps], dt);
  if (steps === 1) {
    t._data[0] = scalarTo(scalarValue(values.get('start')), dt);
  } else if (steps > 1) {
    if (dt === bool) throw notImplemented('linspace_cpu', dt);
    const start = scalarTo(scalarValue(values.get('start')), dt);
    const end = scalarTo(scalarValue(values.get('end')), dt);
    linspaceKernel(t._data, dt, start, end, steps);
  }
  return finish(t, values);
}

function linspaceKernel(out: Tensor['_data'], dt: dtype, start: number, end: number, steps: number): void {
  const half = Math.floor(steps / 2);
  const vs = vecSize(dt);
  let at: (idx: number) => number;
  let lane: (base: number, k: number) => number;
  if (dt === float32) {
    // float arithmetic throughout: step in float, fused scalar formula, unfused lanes.
    const step = Math.fround(Math.fround(end - start) / Math.fround(steps - 1));
    at = (idx) => (idx < half ? fmaf(step, Math.fround(idx), start) : fmaf(-step, Math.fround(steps - idx - 1), end));
    lane = (base, k) => Math.fround(base + Math.fround(k * step));
  } else {
    // double for float64, and the double step of integral dtypes (stored truncated).
    const step = (end - start) / (steps - 1);
    const store = dt === float64 ? (x: number): number => x : (x: number): number => castScalar(x, dt);
    at = (idx) => store(idx < half ? fma(step, idx, start) : fma(-step, steps - idx - 1, end));
    lane = (base, k) => store(base + k * step);
  }
  let i = 0;
  for (; i + 2 * vs <= steps; i += 2 * vs) {
    for (let v = 0; v < 2; v++) {
      const i0 = i + v * vs;
      const base = at(i0);
      for (let k = 0; k < vs; k++) out[i0 + k] = lane(base, k);
    }
  }
  for (; i < steps; i++) out[i] = at(i);
}

export type LogspaceArgs =
  | [start: Num, end: Num, steps: number, options?: FactoryOptions & { base?: number }]
  | [start: Num, end: Num, steps: number, base: number, options?: FactoryOptions];

/** torch.logspace(start, end, steps, base=10): base ** linspace, with glibc's pow. */
export function logspace(...args: LogspaceArgs): Tensor {
  const { values } = parseArgs(LOGSPACE, args);
  const steps = values.get('steps') as number;
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const base = toDouble(values.get('base') ?? 10);
  const dt = dtypeOr(values);
  const t = emptyTensor([steps], dt);
  const out = t._data;
  if (steps === 1) {
    out[0] = scalarTo(glibcPow(base, toDouble(values.get('start'))), dt, true);
  } else if (steps > 1) {
    if (dt === bool) throw notImplemented('logspace_cpu', dt);
    const start = scalarTo(scalarValue(values.get('start')), dt);
    const end = scalarTo(scalarValue(values.get('end')), dt);
    // scalar_end - scalar_start is computed in the dtype (float for float32), then widened.
    const diff = dt === float32 ? Math.fround(end - start) : end - start;
    const step = diff / (steps - 1);
    const half = Math.floor(steps / 2);
    // This file of PyTorch is built without FMA: two roundings in `start + step * i`.
    for (let i = 0; i < steps; i++) {
      const x = i < half ? start + step * i : end - step * (steps - i - 1);
      out[i] = castScalar(glibcPow(base, x), dt);
    }
  }
  return finish(t, values);
}
