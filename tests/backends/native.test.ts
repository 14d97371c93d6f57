// The native kernels (native/ts_torch.c) against the TypeScript kernels they stand in for:
// every result must be bit for bit the same (NaN payloads aside), on the cases that reach
// them (float32, at least NATIVE_MIN_ELEMENTS elements) and the edges around them. Also pins
// the float32 summation order (Note [float32 sums]) with a reference written out here.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';
import { sameBothWays } from './both_ways.ts';
import { nativeKernelsAvailable, useNativeKernels, NATIVE_MIN_ELEMENTS } from '../../src/backends/native/index.ts';

const available = nativeKernelsAvailable();

// CI runs on Linux with a C compiler: there the addon must have been built by `npm ci` (the
// second pass of `npm test`, TS_TORCH_NATIVE=0, runs every test on the TypeScript kernels).
test('the native addon is built where CI runs', { skip: process.env.CI !== 'true' || process.platform !== 'linux' || process.env.TS_TORCH_NATIVE === '0' }, () => {
  assert.ok(available, 'build/ts_torch.node did not build or load: run `node tools/native/build.mjs`');
});

const SPECIALS = [
  0, -0, 1, -1, NaN, Infinity, -Infinity, 1e-45, -1e-45, 1.1754942e-38, -1.1754942e-38, 3.4028235e38, -3.4028235e38,
  88.72283, 88.72284, 89, -87.33654, -103.27893, -103.97208, -104, 1e-8, -1e-8, 0.5, -0.5, 20, -20, 16.635532, -16.635532,
];

/** n float32 values: normal draws at several scales with the special values spread through. */
function values(n: number, seed: number): Tensor {
  torch.manual_seed(seed);
  const t = torch.randn(n).mul(torch.tensor([0.01, 1, 10, 60]).repeat(Math.ceil(n / 4)).narrow(0, 0, n));
  const d = t.numpy() as Float32Array;
  for (let i = 0; i < SPECIALS.length && i * 37 < n; i++) d[i * 37] = SPECIALS[i] as number;
  return t;
}



describe('native kernels give the TypeScript kernels’ values', { skip: !available && 'addon not built' }, () => {
  const sizes = [NATIVE_MIN_ELEMENTS - 1, NATIVE_MIN_ELEMENTS, NATIVE_MIN_ELEMENTS + 1, 4099, 100003];
  const binaryOps: [string, (a: Tensor | number, b: Tensor | number) => Tensor][] = [
    ['add', (a, b) => torch.add(a as Tensor, b)],
    ['sub', (a, b) => torch.sub(a as Tensor, b)],
    ['mul', (a, b) => torch.mul(a as Tensor, b)],
    ['div', (a, b) => torch.div(a as Tensor, b)],
  ];
  for (const [name, f] of binaryOps) {
    test(`${name}: dense, every size around the threshold`, () => {
      for (const n of sizes) {
        const a = values(n, 1);
        const b = values(n, 2);
        sameBothWays(() => f(a, b));
        sameBothWays(() => f(b, a));
      }
    });
    test(`${name}: broadcasting, transposed and offset views`, () => {
      const m = values(300 * 70, 3).reshape(300, 70);
      const row = values(70, 4);
      const col = values(300, 5).reshape(300, 1);
      sameBothWays(() => f(m, row));
      sameBothWays(() => f(row, m));
      sameBothWays(() => f(col, row));
      sameBothWays(() => f(m.t(), values(70 * 300, 6).reshape(70, 300)));
      sameBothWays(() => f(m.t(), m.t()));
      sameBothWays(() => f(m.narrow(1, 3, 60), m.narrow(1, 1, 60)));
      sameBothWays(() => f(values(8 * 30 * 40, 7).reshape(8, 30, 40).permute(2, 0, 1), values(40, 8).reshape(40, 1, 1)));
    });
    test(`${name}: scalar operands (float32-exact and not) and 0-dim tensors`, () => {
      const a = values(5000, 9);
      for (const s of [0.5, 3, -0, 1 / 3, 1e-40, NaN, Infinity]) {
        sameBothWays(() => f(a, s));
        sameBothWays(() => f(s as never, a));
      }
      sameBothWays(() => f(a, torch.tensor(1.5)));
      sameBothWays(() => f(torch.tensor(-2.25), a));
    });
  }
  const unaryOps: [string, (x: Tensor) => Tensor][] = [
    ['exp', (x) => torch.exp(x)],
    ['sigmoid', (x) => torch.sigmoid(x)],
    ['neg', (x) => torch.neg(x)],
    ['sqrt', (x) => torch.sqrt(x)],
    ['reciprocal', (x) => torch.reciprocal(x)],
    ['relu', (x) => torch.relu(x)],
    ['abs', (x) => torch.abs(x)],
    ['tanh', (x) => torch.tanh(x)],
    ['log', (x) => torch.log(x)],
  ];
  for (const [name, f] of unaryOps) {
    test(`${name}: dense, offset views, special values`, () => {
      for (const n of sizes) {
        const x = values(n, 10);
        sameBothWays(() => f(x));
        sameBothWays(() => f(x.narrow(0, 5, n - 5)));
      }
      sameBothWays(() => f(torch.linspace(-110, 95, 300001)));
    });
  }
  test('max, min, amax, amin, argmax, argmin: NaNs, signed-zero ties, runs and strided groups', () => {
    const x = values(64 * 40 * 33, 15).reshape(64, 40, 33);
    const d = x.numpy() as Float32Array;
    for (let i = 0; i < 400; i++) d[(i * 7919) % d.length] = i % 3 === 0 ? NaN : i % 3 === 1 ? -0 : 0;
    for (let i = 0; i < 33 * 40; i++) d[64 * 33 * 20 + i] = i % 2 ? -0 : 0; // a whole slab of zeros
    const big = values(100003, 16);
    for (const t of [x, big, x.permute(2, 0, 1), x.narrow(2, 1, 30), x.narrow(0, 20, 1)]) {
      for (const isMax of [true, false]) {
        const mx = isMax ? torch.max : torch.min;
        const am = isMax ? torch.amax : torch.amin;
        const arg = isMax ? torch.argmax : torch.argmin;
        sameBothWays(() => mx(t));
        sameBothWays(() => am(t));
        sameBothWays(() => arg(t));
        for (let dim = 0; dim < t.dim(); dim++) {
          sameBothWays(() => mx(t, dim).values);
          sameBothWays(() => mx(t, dim, true).indices);
          sameBothWays(() => am(t, [dim]));
          sameBothWays(() => arg(t, dim));
        }
      }
    }
  });
  test('matmul, mm, bmm, addmm: transposed operands, row tails, batches, broadcasting', () => {
    const A = values(37 * 29, 17).reshape(37, 29);
    const B = values(29 * 41, 18).reshape(29, 41);
    sameBothWays(() => torch.matmul(A, B));
    sameBothWays(() => torch.mm(B.t(), A.t()));
    sameBothWays(() => torch.matmul(A.narrow(0, 2, 34), B.narrow(1, 1, 39)));
    const X = values(5 * 13 * 22, 19).reshape(5, 13, 22);
    const Y = values(5 * 22 * 9, 20).reshape(5, 22, 9);
    sameBothWays(() => torch.bmm(X, Y));
    sameBothWays(() => torch.bmm(Y.transpose(1, 2), X.transpose(1, 2)));
    sameBothWays(() => torch.matmul(X, values(22 * 9, 21).reshape(22, 9)));
    sameBothWays(() => torch.matmul(values(64 * 300, 22).reshape(64, 300), values(300, 23)));
    sameBothWays(() => torch.addmm(values(41, 24), A, B));
  });
  test('plane maps: conv2d (im2col), padding, pooling, bilinear resampling', () => {
    const F = torch.nn.functional;
    const x = values(4 * 6 * 17 * 19, 25).reshape(4, 6, 17, 19);
    const w = values(5 * 6 * 3 * 3, 26).reshape(5, 6, 3, 3);
    sameBothWays(() => F.conv2d(x, w));
    sameBothWays(() => F.conv2d(x, w, values(5, 27), 2, 1));
    sameBothWays(() => F.conv2d(x, w.narrow(0, 0, 4).narrow(1, 0, 3), null, 1, 2, 2, 2));
    sameBothWays(() => F.pad(x, [2, 3, 1, 2], 'reflect'));
    sameBothWays(() => F.pad(x, [2, 3, 1, 2], 'constant', 0.5));
    sameBothWays(() => F.avg_pool2d(x, 3, 2, 1));
    sameBothWays(() => F.max_pool2d(x, 2));
    sameBothWays(() => F.interpolate(x, { scale_factor: 1.7, mode: 'bilinear', align_corners: false }));
  });
  test('sum and mean: whole, over dims, on permuted views', () => {
    for (const n of [...sizes, 1 << 20]) {
      const x = values(n, 11);
      sameBothWays(() => torch.sum(x));
      sameBothWays(() => torch.mean(x));
    }
    const t = values(64 * 100 * 33, 12).reshape(64, 100, 33);
    for (const dim of [0, 1, 2, [0, 2], [1, 2], [0, 1]]) {
      sameBothWays(() => torch.sum(t, dim));
      sameBothWays(() => torch.mean(t, dim, true));
      sameBothWays(() => torch.sum(t.permute(2, 0, 1), dim));
    }
  });
});

/** Note [float32 sums], written out: eight double accumulators, pairwise, then the tail. */
function referenceSum(x: Float32Array): number {
  const s = new Float64Array(8);
  const full = x.length - (x.length & 7);
  for (let i = 0; i < full; i++) s[i & 7] = (s[i & 7] as number) + (x[i] as number);
  let r = (s[0] as number) + (s[1] as number) + ((s[2] as number) + (s[3] as number)) + ((s[4] as number) + (s[5] as number) + ((s[6] as number) + (s[7] as number)));
  for (let i = full; i < x.length; i++) r += x[i] as number;
  return Math.fround(r);
}

describe('float32 sums add in the order of Note [float32 sums], whatever the layout', () => {
  for (const on of available ? [false, true] : [false]) {
    test(`${on ? 'native' : 'TypeScript'} kernels`, () => {
      useNativeKernels(on);
      try {
        // Values chosen so that the order shows: large and small terms of both signs.
        const t = values(37 * 53, 13).reshape(37, 53);
        const d = t.numpy() as Float32Array;
        for (let i = 0; i < d.length; i += 5) d[i] = (d[i] as number) * 1e7;
        assert.equal(torch.sum(t).item(), referenceSum(d));
        const byCol = torch.sum(t, 0);
        const byColT = torch.sum(t.t(), 1);
        const byColCopy = torch.sum(t.t().contiguous(), 1);
        for (let j = 0; j < 53; j++) {
          const col = new Float32Array(37);
          for (let i = 0; i < 37; i++) col[i] = d[i * 53 + j] as number;
          const want = referenceSum(col);
          assert.equal(byCol.at(j).item(), want);
          assert.equal(byColT.at(j).item(), want);
          assert.equal(byColCopy.at(j).item(), want);
        }
        const few = values(3 * 4000, 14).reshape(3, 4000);
        const fewT = torch.sum(few.t(), 0);
        for (let r = 0; r < 3; r++) assert.equal(fewT.at(r).item(), referenceSum((few.at(r).contiguous().numpy() as Float32Array)));
      } finally {
        useNativeKernels(true);
      }
    });
  }
});
