// Randomized stress check of native/softmax_f32.h: softmax and log_softmax of many random float32
// tensors, computed by ts-torch's TypeScript lines (native kernels off) and by the kernel, bit
// for bit (any NaN equals any NaN). The kernel runs through ts-torch with the native kernels on
// (build/ts_torch.node, the dispatching variant) and through a test-only addon
// (verify_softmax_addon.c, built here into the OS temp dir with $CC or gcc) once per SIMD variant
// this CPU has. Lines of many lengths (1 to 10^5), along the last dim (rows) and inner dims
// (inner 2..300), with values from many distributions: normal at scales 1e-3..1e30, small
// integers (many ties, constant rows), ranges wide enough that exp underflows (x - max < -700:
// the scalar fdlibm path) and outputs are float32 subnormals or 0, NaN, ±inf, ±0.
//
//   node --conditions=development --import tsx tools/native/verify_softmax.ts [--elements N] [--seed S]
// (--elements: total elements to check, default 3e7.) Exit status 0 only with no mismatch.
//
// Before that, the two double-precision building blocks are checked at the double level (every
// bit of the double, not only after rounding to float32): the vector exact exp of each variant
// (SM__EXACT_EXP) against Math.exp(x - mx) for x - mx over [-700, 0] (uniform, and concentrated
// near 0 and fdlibm's branch points), and tl__fdlibm_log against Math.log over the totals a row
// can have, [1, 2^27].
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { useNativeKernels, nativeKernelsAvailable } from '../../src/backends/native/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const TOTAL = arg('--elements', 3e7);
let seed = arg('--seed', 1) >>> 0;

function headerDir(): string {
  const c = [path.join(path.dirname(process.execPath), '../include/node'), '/usr/include/node', '/usr/local/include/node'];
  const d = c.find((p) => existsSync(path.join(p, 'node_api.h')));
  if (d === undefined) throw new Error("Node's N-API headers not found");
  return d;
}

interface VerifyAddon {
  softmax_f32(isLog: boolean, x: Float32Array, offset: number, n: number, inner: number, out: Float32Array): void;
  set_variant(v: number): boolean;
  exp_row(variant: number, x: Float32Array, mx: number, e: Float64Array): boolean;
  log_f64(x: Float64Array, y: Float64Array): void;
}

function buildAddon(): VerifyAddon {
  const out = path.join(os.tmpdir(), `ts_torch_verify_softmax_${process.pid}.node`);
  const args = ['-O3', '-ffp-contract=off', '-fno-math-errno', '-Wall', '-Wextra', '-std=c11', '-fPIC', '-shared',
    `-I${headerDir()}`, path.join(here, 'verify_softmax_addon.c'), '-o', out, '-lm'];
  const r = spawnSync(process.env.CC || 'gcc', args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('addon build failed');
  return createRequire(import.meta.url)(out) as VerifyAddon;
}

// xorshift32
function rnd(): number {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 4294967296;
}
const ri = (k: number): number => Math.floor(rnd() * k);
function gauss(): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38];

/** Fills x with one of several distributions. */
function fill(x: Float32Array, kind: number): string {
  const n = x.length;
  switch (kind) {
    case 0: { const s = [1e-3, 0.1, 1, 3, 10, 30, 100][ri(7)] as number; for (let i = 0; i < n; i++) x[i] = gauss() * s; return `normal*${s}`; }
    case 1: { const k = 1 + ri(6); for (let i = 0; i < n; i++) x[i] = ri(k) - 2; return `ints<${k}`; }
    case 2: { const s = [300, 1000, 1e4, 1e6, 1e30][ri(5)] as number; for (let i = 0; i < n; i++) x[i] = gauss() * s; return `wide*${s}`; }
    case 3: { // most near the max, some 80..120 or 690..760 below it: subnormal / zero outputs, scalar path
      for (let i = 0; i < n; i++) {
        const r = rnd();
        x[i] = r < 0.5 ? gauss() : r < 0.75 ? -80 - 40 * rnd() : -690 - 70 * rnd();
      }
      return 'underflow';
    }
    case 4: { for (let i = 0; i < n; i++) x[i] = gauss() * 5; const m = 1 + ri(4); for (let j = 0; j < m; j++) x[ri(n)] = SPECIAL[ri(SPECIAL.length)] as number; return 'specials'; }
    case 5: { const v = [0, -0, 1, -3.5, 1e30, -1e30][ri(6)] as number; x.fill(v); if (rnd() < 0.3) x[ri(n)] = -0; return `constant ${v}`; }
    case 6: { for (let i = 0; i < n; i++) x[i] = rnd() < 0.9 ? -Infinity : gauss(); return 'mostly -inf'; }
    default: { for (let i = 0; i < n; i++) x[i] = (rnd() - 0.5) * 2 ** (ri(20) - 5); return 'uniform'; }
  }
}

function sameBits(a: Float32Array, b: Float32Array): number {
  const au = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const bu = new Uint32Array(b.buffer, b.byteOffset, b.length);
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    if (au[i] !== bu[i] && !(Number.isNaN(a[i]) && Number.isNaN(b[i]))) bad++;
  }
  return bad;
}

let mismatchesBase = 0;

function main(): void {
  if (!nativeKernelsAvailable()) throw new Error('build/ts_torch.node not built (node tools/native/build.mjs)');
  const addon = buildAddon();
  const variants = [-1, 0, 1, 2].filter((v) => addon.set_variant(v));
  addon.set_variant(-1);
  console.log(`variants: ${variants.map((v) => (v < 0 ? 'dispatch' : ['generic', 'avx2', 'avx512'][v])).join(', ')}`);
  // Double-level checks of exp and log.
  {
    const N = 1 << 20;
    const x = new Float32Array(N);
    const e = new Float64Array(N);
    let expBad = 0;
    let expChecked = 0;
    for (let round = 0; round < 24; round++) {
      const mxf = Math.fround([0, 1, -1, 0.75, 3e3, -1e-5, 50, 1e-20][round % 8] as number);
      const spanKind = round % 3;
      for (let i = 0; i < N; i++) {
        const span = spanKind === 0 ? 700 : spanKind === 1 ? 2 : 2 ** -(20 + ri(20));
        x[i] = mxf - rnd() * span;
      }
      for (const v of variants) {
        if (v < 0) continue;
        addon.exp_row(v, x, mxf, e);
        for (let i = 0; i < N; i++) {
          const d = (x[i] as number) - mxf;
          if (!(d >= -700)) continue;
          expChecked++;
          if (!Object.is(e[i], Math.exp(d))) expBad++;
        }
      }
    }
    const t = new Float64Array(N);
    const y = new Float64Array(N);
    let logBad = 0;
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < N; i++) t[i] = round % 2 === 0 ? 1 + rnd() * 2 ** ri(27) : 1 + rnd() * 2 ** -ri(50);
      addon.log_f64(t, y);
      for (let i = 0; i < N; i++) if (!Object.is(y[i], Math.log(t[i] as number))) logBad++;
    }
    console.log(`double-level: exp ${expChecked} values (all variants), ${expBad} differ from Math.exp; log ${8 * N} values, ${logBad} differ from Math.log`);
    mismatchesBase = expBad + logBad;
  }
  let done = 0;
  let cases = 0;
  let mismatches = mismatchesBase;
  const t0 = Date.now();
  while (done < TOTAL) {
    // Line length: mostly short-to-medium, sometimes long; inner: mostly 1.
    const r = rnd();
    const n = r < 0.15 ? 1 + ri(16) : r < 0.8 ? 1 + ri(2000) : r < 0.95 ? 2000 + ri(20000) : 20000 + ri(80000);
    const inner = rnd() < 0.7 ? 1 : 2 + ri(rnd() < 0.8 ? 40 : 300);
    const outer = Math.max(1, Math.floor((2048 + ri(rnd() < 0.9 ? 40000 : 400000)) / (n * inner)));
    const numel = outer * n * inner;
    const x = new Float32Array(numel);
    let label: string;
    if (rnd() < 0.5) {
      label = fill(x, ri(8));
    } else {
      // each outer slice (a row, or `inner` interleaved lines) from its own distribution
      label = 'mixed';
      for (let a = 0; a < outer; a++) fill(x.subarray(a * n * inner, (a + 1) * n * inner), ri(8));
    }
    const t = Tensor._fromData(x, [outer, n, inner], torch.float32);
    for (const isLog of [false, true]) {
      useNativeKernels(false);
      const want = (isLog ? torch.nn.functional.log_softmax(t, 1) : torch.nn.functional.softmax(t, 1))._data as Float32Array;
      useNativeKernels(true);
      const viaTorch = (isLog ? torch.nn.functional.log_softmax(t, 1) : torch.nn.functional.softmax(t, 1))._data as Float32Array;
      let bad = numel >= 2048 ? sameBits(want, viaTorch) : 0;
      for (const v of variants) {
        addon.set_variant(v);
        const got = new Float32Array(numel);
        addon.softmax_f32(isLog, x, 0, n, inner, got);
        bad += sameBits(want, got);
      }
      addon.set_variant(-1);
      if (bad > 0) {
        mismatches += bad;
        console.log(`MISMATCH ${bad}: ${isLog ? 'log_softmax' : 'softmax'} outer=${outer} n=${n} inner=${inner} ${label}`);
      }
    }
    done += numel;
    cases++;
  }
  console.log(`${cases} tensors, ${done} elements each way (x2 ops, x${variants.length} variants + ts-torch native): ${mismatches} mismatches, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.exit(mismatches === 0 ? 0 : 1);
}

main();
