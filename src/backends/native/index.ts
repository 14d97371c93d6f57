// The optional native kernels (native/ts_torch.c, built by tools/native/build.mjs at install):
// float32 loops that the C compiler vectorises, run zero-copy on the tensors' own TypedArrays.
// Found only under Node (through process.getBuiltinModule, so the core imports no Node module
// and bundles for the browser unchanged); anywhere else, or if the build failed, `native` is
// null and the TypeScript kernels run. Each native kernel returns exactly the TypeScript
// kernel's values (tests/backends/native.test.ts compares them bit for bit).

/** The interface version this code expects of the addon (TS_TORCH_NATIVE_ABI in native/ts_torch.c). */
const NATIVE_ABI = 2;

/** The addon's exports (native/ts_torch.c). */
export interface NativeKernels {
  readonly abi: number;
  /** out = a op b over meta = [ndim, aOffset, bOffset, shape…, aStride…, bStride…]; op 0..3 = + − × ÷. */
  binary_f32(op: number, a: Float32Array, b: Float32Array, out: Float32Array, meta: Float64Array): void;
  /** out[i] = f(x[offset + i]); which: 0 exp, 1 sigmoid, 2 neg, 3 sqrt, 4 reciprocal, 5 relu, 6 abs, 7 tanh, 8 log. */
  unary_f32(which: number, x: Float32Array, offset: number, out: Float32Array): void;
  /** acc[o] = the float32 sum (Note [float32 sums]) of x[offset + o·count …+count). */
  sum_runs_f32(x: Float32Array, offset: number, count: number, acc: Float64Array): void;
  /** total[o] = the float32 sum of x[starts[j] + o] over j (Note [float32 sums]); partial: 8·m zeros. */
  sum_lockstep_f32(x: Float32Array, starts: Float64Array, partial: Float64Array, total: Float64Array): void;
  /** For each run of `len` floats from x[offset]: its extreme value and (needIndex) that value's first index. */
  extreme_runs_f32(x: Float32Array, offset: number, len: number, isMax: boolean, values: Float32Array, indices: Float64Array, needIndex: boolean): void;
  /** Batched (m×k)·(k×n) products; meta = [aOff, aBs, aRs, aCs, bOff, bBs, bRs, bCs, batch, m, k, n]. */
  bmm_f32(a: Float32Array, b: Float32Array, out: Float32Array, meta: Float64Array): void;
  /** conv.ts's mapGather; meta = [xOffset, planes, inSize, outSize, K, perPlane, fill]. */
  map_gather_f32(x: Float32Array, idx: Int32Array, w: Float64Array | null, out: Float32Array, meta: Float64Array): void;
  // native/kernels_more.h. Their meta = [ndim, offset of each operand…, shape…, strides of each operand…] (elements).
  /** out[k] = a op b as 1/0 (op 0..5 = == != < <= > >=), out dense over the shape. */
  compare_f32(op: number, a: Float32Array, b: Float32Array, out: Uint8Array, meta: Float64Array): void;
  /** out[k] = cpu.ts's MAXIMUM (isMax) or MINIMUM of a and b, out dense. */
  extremum_f32(isMax: boolean, a: Float32Array, b: Float32Array, out: Float32Array, meta: Float64Array): void;
  /** out[k] = cond != 0 ? a : b, out dense; meta's operands are cond, a, b. */
  where_f32(cond: Uint8Array, a: Float32Array, b: Float32Array, out: Float32Array, meta: Float64Array): void;
  /** out[k] = Math.min(Math.max(x, lo), hi) for float32-exact (or NaN, ±Infinity) bounds, out dense. */
  clamp_f32(x: Float32Array, out: Float32Array, lo: number, hi: number, meta: Float64Array): void;
  /** conv.ts's mapScatter: res[p, idx[j, k]] += w[j, k]·g[p, j]; meta = [gOffset, planes, inSize, outSize, K, perPlane]. */
  map_scatter_f32(g: Float32Array, idx: Int32Array, w: Float64Array | null, res: Float64Array, meta: Float64Array): void;
  // native/softmax_f32.h.
  /** out = softmax (isLog false) or log_softmax, as softmax.ts's lines compute them, of the lines of n elements with stride `inner` in the dense block from x[offset]; out.length / (n·inner) outer blocks. */
  softmax_f32(isLog: boolean, x: Float32Array, offset: number, n: number, inner: number, out: Float32Array): void;
}

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
  env?: Record<string, string | undefined>;
}

function load(): NativeKernels | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (typeof proc?.getBuiltinModule !== 'function' || proc.env?.TS_TORCH_NATIVE === '0') return null;
  try {
    const mod = proc.getBuiltinModule('module') as { createRequire(from: string): (id: string) => unknown };
    // src/backends/native/ and dist/backends/native/ are both three levels below the package root.
    const addon = mod.createRequire(import.meta.url)('../../../build/ts_torch.node') as NativeKernels;
    if (addon.abi === NATIVE_ABI) return addon;
    console.warn('ts-torch: build/ts_torch.node was built from other sources and is not used; rebuild it with `npm run build:native`');
    return null;
  } catch {
    return null; // not built: the TypeScript kernels run
  }
}

const loaded = load();

/** The native kernels in use, or null when the TypeScript kernels run. */
export let native: NativeKernels | null = loaded;

/** @internal Turns the native kernels off or back on (tests compare both paths). */
export function useNativeKernels(on: boolean): void {
  native = on ? loaded : null;
}

/** @internal Whether the addon loaded at all. */
export function nativeKernelsAvailable(): boolean {
  return loaded !== null;
}

// Note [verified engines]: the native exp, sigmoid, tanh and log (codes 0, 1, 7, 8 of
// unary_f32) equal Math.exp / Math.tanh / Math.log as V8 11.3 (Node 20) computes them: fdlibm,
// which native/*_f32.h port, checked over every float32 input by tools/native/verify_*.mjs.
// Other V8 versions may compute these Math functions differently (newer ones take log and tanh
// from other libms), and the two paths would then disagree; so elsewhere these four stay in
// TypeScript until the verify scripts pass there and its version joins VERIFIED_V8.
const VERIFIED_V8 = /^11\.3\./;
const TRANSCENDENTAL = new Set([0, 1, 7, 8]);
const v8Version = (globalThis as { process?: { versions?: { v8?: string } } }).process?.versions?.v8 ?? '';
const transcendentalsVerified = VERIFIED_V8.test(v8Version);

/** Whether unary_f32 kernel `which` may run here (Note [verified engines]). */
export function nativeUnaryAllowed(which: number): boolean {
  return transcendentalsVerified || !TRANSCENDENTAL.has(which);
}

/** Below this many elements a TypeScript loop is cheaper than the call into the addon. */
export const NATIVE_MIN_ELEMENTS = 2048;
