// The native comparison, where, clamp, maximum/minimum and scatter-map kernels
// (native/kernels_more.h) against the TypeScript kernels they stand in for: every result must
// be bit for bit the same (NaN payloads aside), on the cases that reach them (float32, at
// least NATIVE_MIN_ELEMENTS elements) and the edges around them.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';
import { sameBothWays } from './both_ways.ts';
import { native, nativeKernelsAvailable, NATIVE_MIN_ELEMENTS } from '../../src/backends/native/index.ts';
import { binary, MAXIMUM, MINIMUM } from '../../src/backends/cpu.ts';
import type { StridedView } from '../../src/backends/strided.ts';

const available = nativeKernelsAvailable();

const SPECIALS = [
  0, -0, 1, -1, NaN, Infinity, -Infinity, 1e-45, -1e-45, 1.1754942e-38, -1.1754942e-38, 3.4028235e38, -3.4028235e38,
  0.5, -0.5, 0.25, -0.25, 3, -3, 0.3333333432674408,
];

/** n float32 values: normal draws at several scales, some rounded (ties), the special values spread through. */
function values(n: number, seed: number): Tensor {
  torch.manual_seed(seed);
  const t = torch.randn(n).mul(torch.tensor([0.25, 1, 4, 1]).repeat(Math.ceil(n / 4)).narrow(0, 0, n));
  const d = t.numpy() as Float32Array;
  // Every third element rounded to a quarter, so two draws often tie (eq, le, ge, where of equal values).
  for (let i = 0; i < n; i += 3) d[i] = Math.round((d[i] as number) * 4) / 4;
  for (let i = 0; i * 23 < n; i++) d[i * 23] = SPECIALS[(i * 7 + seed) % SPECIALS.length] as number;
  return t;
}




const sizes = [NATIVE_MIN_ELEMENTS - 1, NATIVE_MIN_ELEMENTS, NATIVE_MIN_ELEMENTS + 1, 4099, 100003];

describe('native comparison, where, clamp and scatter kernels give the TypeScript kernels’ values', { skip: !available && 'addon not built' }, () => {
  const compareOps: [string, (a: Tensor, b: Tensor | number) => Tensor][] = [
    ['eq', (a, b) => torch.eq(a, b)],
    ['ne', (a, b) => torch.ne(a, b)],
    ['lt', (a, b) => torch.lt(a, b)],
    ['le', (a, b) => torch.le(a, b)],
    ['gt', (a, b) => torch.gt(a, b)],
    ['ge', (a, b) => torch.ge(a, b)],
  ];
  for (const [name, f] of compareOps) {
    test(`${name}: dense, every size around the threshold, both directions`, () => {
      for (const n of sizes) {
        const a = values(n, 1);
        const b = values(n, 2);
        sameBothWays(() => f(a, b));
        sameBothWays(() => f(b, a));
        sameBothWays(() => f(a, a));
      }
    });
    test(`${name}: NaN, ±0 and ±inf against each other`, () => {
      const sp = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 1e-45];
      const n = sp.length * sp.length * 40;
      const a = torch.tensor(Array.from({ length: n }, (_, i) => sp[i % sp.length] as number));
      const b = torch.tensor(Array.from({ length: n }, (_, i) => sp[Math.floor(i / sp.length) % sp.length] as number));
      sameBothWays(() => f(a, b));
      sameBothWays(() => f(b, a));
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
      sameBothWays(() => f(values(8 * 30 * 40, 7).reshape(8, 30, 40).select(2, 5), values(8 * 30, 9).reshape(8, 30)));
    });
    test(`${name}: scalars (float32-exact and not), 0-dim tensors, other dtypes`, () => {
      const a = values(5000, 9);
      for (const s of [0.5, 3, 0, -0, 1 / 3, 0.1, 1e-40, 1e-46, 3.4028235e38, 4e38, NaN, Infinity, -Infinity]) {
        sameBothWays(() => f(a, s));
        sameBothWays(() => f(a.t(), s));
      }
      sameBothWays(() => f(a, torch.tensor(0.25)));
      sameBothWays(() => f(a, torch.tensor(1 / 3, { dtype: torch.float64 })));
      sameBothWays(() => f(a, torch.tensor(0.25, { dtype: torch.float64 })));
      sameBothWays(() => f(a, torch.tensor(2, { dtype: torch.int32 })));
      sameBothWays(() => f(a, torch.tensor(true)));
      sameBothWays(() => f(torch.tensor(0.25), a));
      const ints = torch.arange(5000, { dtype: torch.int32 }).sub(2500);
      sameBothWays(() => f(a.mul(1000).round(), ints));
      sameBothWays(() => f(ints, a.mul(1000).round()));
      sameBothWays(() => f(a.double(), a.double().mul(0.999)));
    });
  }
  test('maximum/minimum kernels (cpu.ts MAXIMUM, MINIMUM): NaN, ±0 ties, strided and scalar operands', () => {
    const run = (f: typeof MAXIMUM, a: StridedView, b: StridedView, n: number): Tensor => {
      const out = new Float32Array(n);
      binary(a, b, out, f);
      return torch.from_numpy(out) as Tensor;
    };
    const viewOf = (t: Tensor, shape: number[]): StridedView => {
      const e = t.expand(shape);
      return { data: e._data, shape, stride: e.stride(), offset: e._offset };
    };
    for (const f of [MAXIMUM, MINIMUM]) {
      for (const n of sizes) {
        const a = values(n, 10);
        const b = values(n, 11);
        sameBothWays(() => run(f, viewOf(a, [n]), viewOf(b, [n]), n));
        sameBothWays(() => run(f, viewOf(b, [n]), viewOf(a, [n]), n));
      }
      const sp = [NaN, 0, -0, Infinity, -Infinity, 1, -1];
      const n = sp.length * sp.length * 50;
      const a = torch.tensor(Array.from({ length: n }, (_, i) => sp[i % sp.length] as number));
      const b = torch.tensor(Array.from({ length: n }, (_, i) => sp[Math.floor(i / sp.length) % sp.length] as number));
      sameBothWays(() => run(f, viewOf(a, [n]), viewOf(b, [n]), n));
      const m = values(300 * 70, 12).reshape(300, 70);
      sameBothWays(() => run(f, viewOf(m.t(), [70, 300]), viewOf(values(300, 13), [70, 300]), 21000));
      sameBothWays(() => run(f, viewOf(m.narrow(1, 2, 60), [300, 60]), viewOf(torch.tensor(-0), [300, 60]), 18000));
      sameBothWays(() => run(f, viewOf(torch.tensor(0), [300, 70]), viewOf(m, [300, 70]), 21000));
    }
  });
  test('torch.maximum / torch.minimum go through the same kernels', () => {
    const m = values(300 * 70, 16).reshape(300, 70);
    const row = values(70, 17);
    for (const f of [torch.maximum, torch.minimum]) {
      sameBothWays(() => f(m, row));
      sameBothWays(() => f(m.t(), m.t()));
      sameBothWays(() => f(row, m));
    }
  });
  test('where: float32 tensors and scalars, broadcast, transposed and offset operands, uint8 conditions', () => {
    for (const n of sizes) {
      const a = values(n, 14);
      const b = values(n, 15);
      const c = values(n, 16).gt(0);
      sameBothWays(() => torch.where(c, a, b));
      sameBothWays(() => torch.where(c, b, a));
      for (const s of [0.5, -0, 1 / 3, NaN, -Infinity]) {
        sameBothWays(() => torch.where(c, a, s));
        sameBothWays(() => torch.where(c, s, b));
      }
      sameBothWays(() => torch.where(c, 0.25, -2));
      sameBothWays(() => torch.where(c, a, torch.tensor(0.1, { dtype: torch.float64 })));
      sameBothWays(() => torch.where(c, torch.tensor(7, { dtype: torch.int32 }), b));
    }
    const m = values(300 * 70, 17).reshape(300, 70);
    const cm = values(300 * 70, 18).reshape(300, 70).lt(0.3);
    sameBothWays(() => torch.where(cm, m, values(70, 19)));
    sameBothWays(() => torch.where(cm.t(), m.t(), 0));
    sameBothWays(() => torch.where(cm.narrow(1, 5, 60), m.narrow(1, 2, 60), m.narrow(1, 1, 60)));
    sameBothWays(() => torch.where(values(70, 20).ge(0), m, values(300, 21).reshape(300, 1)));
    sameBothWays(() => torch.where(cm.to(torch.uint8).mul(3), m, -m));
    sameBothWays(() => torch.where(values(8 * 30 * 40, 22).reshape(8, 30, 40).permute(2, 0, 1).gt(0), values(40, 23).reshape(40, 1, 1), 1));
  });
  test('where backward (used by clamp, relu-like masks): gradients', () => {
    const grads = (): Tensor => {
      const a = values(6000, 24).requires_grad_(true);
      const b = values(6000, 25).reshape(60, 100).requires_grad_(true);
      torch.where(a.gt(0).reshape(60, 100), a.reshape(60, 100), b).mul(values(6000, 26).reshape(60, 100)).sum().backward();
      return torch.cat([a.grad as Tensor, (b.grad as Tensor).reshape(6000)]);
    };
    sameBothWays(grads);
  });
  const clampCases: [string, (x: Tensor) => Tensor][] = [
    ['clamp(-0.5, 0.5)', (x) => torch.clamp(x, -0.5, 0.5)],
    ['clamp(0, 0)', (x) => torch.clamp(x, 0, 0)],
    ['clamp(-0, -0)', (x) => torch.clamp(x, -0, -0)],
    ['clamp(0, -0)', (x) => torch.clamp(x, 0, -0)],
    ['clamp(-0, 0)', (x) => torch.clamp(x, -0, 0)],
    ['clamp(1, -1) (crossed)', (x) => torch.clamp(x, 1, -1)],
    ['clamp(1/3, 0.1) (not float32)', (x) => torch.clamp(x, 1 / 3, 0.1)],
    ['clamp(NaN, 1)', (x) => torch.clamp(x, NaN, 1)],
    ['clamp(-1, NaN)', (x) => torch.clamp(x, -1, NaN)],
    ['clamp(-inf, inf)', (x) => torch.clamp(x, -Infinity, Infinity)],
    ['clamp({ min: 0 })', (x) => torch.clamp(x, { min: 0 })],
    ['clamp({ max: -0 })', (x) => torch.clamp(x, { max: -0 })],
    ['clamp(0-dim tensor, 2)', (x) => torch.clamp(x, torch.tensor(-0.75), 2)],
    ['clamp_min(0)', (x) => torch.clamp_min(x, 0)],
    ['clamp_min(-0)', (x) => torch.clamp_min(x, -0)],
    ['clamp_max(0)', (x) => torch.clamp_max(x, 0)],
    ['clamp_max(-0)', (x) => torch.clamp_max(x, -0)],
    ['clamp_max(1e-46)', (x) => torch.clamp_max(x, 1e-46)],
  ];
  for (const [name, f] of clampCases) {
    test(`${name}: dense sizes, transposed, offset and strided views`, () => {
      for (const n of sizes) {
        const x = values(n, 27);
        sameBothWays(() => f(x));
        sameBothWays(() => f(x.narrow(0, 5, n - 5)));
      }
      const m = values(300 * 70, 28).reshape(300, 70);
      sameBothWays(() => f(m.t()));
      sameBothWays(() => f(m.narrow(1, 3, 60)));
      sameBothWays(() => f(m.select(1, 4).expand(70, 300)));
      sameBothWays(() => f(values(8 * 30 * 40, 29).reshape(8, 30, 40).permute(2, 0, 1).narrow(2, 1, 28)));
    });
  }
  test('clamp_ in place on a view, and clamp gradients', () => {
    sameBothWays(() => {
      const m = values(300 * 70, 30).reshape(300, 70);
      m.t().narrow(0, 2, 60).clamp_(-0.25, 0.5);
      return m;
    });
    sameBothWays(() => {
      const x = values(9000, 31).requires_grad_(true);
      torch.clamp(x, -0.5, 0.5).mul(values(9000, 32)).sum().backward();
      return x.grad as Tensor;
    });
  });
  test('scatter maps (mapScatter): conv2d, padding, pooling and resampling gradients', () => {
    const F = torch.nn.functional;
    const inputGrad = (f: (x: Tensor) => Tensor, shape: number[], seed: number): (() => Tensor) => () => {
      const x = values(shape.reduce((p, s) => p * s, 1), seed).reshape(shape).requires_grad_(true);
      const y = f(x);
      y.mul(values(y.numel(), seed + 1).reshape(y.shape)).sum().backward();
      return x.grad as Tensor;
    };
    const shape = [4, 6, 17, 19];
    const w = values(5 * 6 * 3 * 3, 40).reshape(5, 6, 3, 3);
    sameBothWays(inputGrad((x) => F.conv2d(x, w), shape, 41));
    sameBothWays(inputGrad((x) => F.conv2d(x, w, null, 2, 1), shape, 43));
    sameBothWays(inputGrad((x) => F.conv2d(x, w, null, 1, 2, 2), shape, 45));
    sameBothWays(inputGrad((x) => F.conv2d(x.narrow(1, 0, 3), w.narrow(0, 0, 4).narrow(1, 0, 3)), shape, 47));
    sameBothWays(inputGrad((x) => F.conv2d(x.transpose(2, 3), w), shape, 49));
    sameBothWays(inputGrad((x) => F.pad(x, [2, 3, 1, 2], 'reflect'), shape, 51));
    sameBothWays(inputGrad((x) => F.pad(x, [2, 3, 1, 2], 'constant', 0.5), shape, 53));
    sameBothWays(inputGrad((x) => F.avg_pool2d(x, 3, 2, 1), shape, 55));
    sameBothWays(inputGrad((x) => F.max_pool2d(x, 2), shape, 57));
    sameBothWays(inputGrad((x) => F.max_pool2d(x, 3, 1, 1), shape, 59));
    sameBothWays(inputGrad((x) => F.interpolate(x, { scale_factor: 1.7, mode: 'bilinear', align_corners: false }), shape, 61));
    sameBothWays(inputGrad((x) => F.interpolate(x, { size: [9, 11], mode: 'bilinear', align_corners: true }), shape, 63));
    sameBothWays(inputGrad((x) => F.conv2d(x, w), [1, 6, 8, 8], 65)); // below the threshold
  });
});

describe('native kernels_more refuse views outside their arrays', { skip: !available && 'addon not built' }, () => {
  test('bad offsets, strides, shapes, indices and argument kinds throw before any memory is touched', () => {
    const k = native;
    assert.ok(k !== null);
    const f = new Float32Array(10);
    const u = new Uint8Array(10);
    const meta2 = (aOff: number, bOff: number, n: number, as: number, bs: number): Float64Array => new Float64Array([1, aOff, bOff, n, as, bs]);
    k.compare_f32(2, f, f, u, meta2(0, 0, 10, 1, 1)); // in bounds: fine
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(1, 0, 10, 1, 1)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0, 0, 10, 1, 2)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0, -1, 10, 1, 1)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0, 0, 10, 1, -1)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0.5, 0, 10, 1, 1)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0, 0, 9, 1, 1)), /bad shape/);
    assert.throws(() => k.compare_f32(2, f, f, u, meta2(0, 0, 10, 2 ** 60, 1)), /out of bounds/);
    assert.throws(() => k.compare_f32(2, f, f, u, new Float64Array([2, 0, 0, 2, 4, 4, 1, 4, 1])), /bad shape/);
    assert.throws(() => k.compare_f32(2, f, f, u, new Float64Array([17, 0, 0])), /bad meta/);
    assert.throws(() => k.compare_f32(6, f, f, u, meta2(0, 0, 10, 1, 1)), /bad arguments/);
    assert.throws(() => k.compare_f32(2, f, f, f as never, meta2(0, 0, 10, 1, 1)), /bad arguments/);
    assert.throws(() => k.extremum_f32(true, f, f, f, meta2(0, 3, 10, 1, 1)), /out of bounds/);
    assert.throws(() => k.where_f32(u, f, f, f, new Float64Array([1, 1, 0, 0, 10, 1, 1, 1])), /out of bounds/);
    assert.throws(() => k.where_f32(f as never, f, f, f, new Float64Array([1, 0, 0, 0, 10, 1, 1, 1])), /bad arguments/);
    assert.throws(() => k.clamp_f32(f, f, 0, 1, new Float64Array([1, 1, 10, 1])), /out of bounds/);
    assert.throws(() => k.clamp_f32(f, f, 0.1, 1, new Float64Array([1, 0, 10, 1])), /not float32/);
    const idx = new Int32Array([0, 1, 2, 3]);
    const res = new Float64Array(8);
    k.map_scatter_f32(f, idx, null, res, new Float64Array([0, 2, 4, 4, 1, 0])); // in bounds: fine
    assert.throws(() => k.map_scatter_f32(f, idx, null, res, new Float64Array([3, 2, 4, 4, 1, 0])), /bad shape/);
    assert.throws(() => k.map_scatter_f32(f, new Int32Array([0, 1, 2, 4]), null, res, new Float64Array([0, 2, 4, 4, 1, 0])), /index out of bounds/);
    assert.throws(() => k.map_scatter_f32(f, idx, new Float64Array(3), res, new Float64Array([0, 2, 4, 4, 1, 0])), /bad shape/);
    assert.throws(() => k.map_scatter_f32(f, idx, null, res, new Float64Array([0, 2, 4, 4, 1, 1])), /bad shape/);
    assert.throws(() => k.map_scatter_f32(f, idx, null, res, new Float64Array([0, 2 ** 40, 4, 4, 1, 0])), /bad shape/);
  });
});
