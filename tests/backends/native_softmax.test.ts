// The native softmax / log_softmax kernel (native/softmax_f32.h) against the TypeScript lines it
// stands in for (softmaxLine / logSoftmaxLine in src/ops/softmax.ts): every result must be bit
// for bit the same (NaN payloads aside), on the cases that reach it (float32, at least
// NATIVE_MIN_ELEMENTS elements, V8 versions whose Math.exp/log it reproduces) and around them:
// random lines of many lengths, along the last dim and inner dims, ties and constant lines, lines
// whose exp underflows (the scalar fdlibm path), NaN and ±inf, the branch points of fdlibm's exp.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { sameBothWays } from './both_ways.ts';
import { nativeKernelsAvailable, nativeUnaryAllowed, NATIVE_MIN_ELEMENTS } from '../../src/backends/native/index.ts';
import { nativeSoftmaxLines, nativeSoftmaxUsable } from '../../src/backends/native/dispatch_softmax.ts';

const F = torch.nn.functional;
const available = nativeKernelsAvailable() && nativeUnaryAllowed(0) && nativeUnaryAllowed(8);

// A small deterministic generator (xorshift32), so each test's data is fixed.
function gen(seed: number): () => number {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** A float32 tensor of `shape` with values f(i, r). */
function make(shape: number[], seed: number, f: (i: number, r: () => number) => number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const r = gen(seed);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = f(i, r);
  return Tensor._fromData(d, shape, torch.float32);
}

/** softmax and log_softmax over dim, both ways. */
function both(x: Tensor, dim: number): void {
  sameBothWays(() => F.softmax(x, dim));
  sameBothWays(() => F.log_softmax(x, dim));
}

// Rows one of whose outputs, as the TypeScript computes it in double, lies within 2 double ulps of
// a float32 rounding midpoint (0 ulp: exactly on one, rounded to even), found by
// tools/native/softmax_midpoints.c (modes 0, 1, 2; the later softmax rows: outputs of non-max
// elements, which catch e.g. e · (1/total) in place of e / total). Rounded to float32 such an output flips with
// almost any deviation from the TypeScript's operations (an exp off by one ulp, a sum in another
// order, another log), which random data would only rarely show.
const MIDPOINT_ROWS: ['softmax' | 'log_softmax', number, number[]][] = [
  ['softmax', 0, [-0.53152591, -0.531543911]], // 1 ulp
  ['softmax', 0, [1.97677588, 1.97675574]], // 2 ulp
  ['softmax', 0, [-0.772571504, -0.77255559]], // 2 ulp
  ['softmax', 0, [-1.31461442, -1.31463695]], // 2 ulp
  ['softmax', 1, [-0.759996653, -0.760008514]], // 1 ulp
  ['softmax', 0, [-1.44753838, -1.44755709]], // 1 ulp
  ['softmax', 0, [0.584592223, 0.584574699]], // 1 ulp
  ['softmax', 0, [0.907455683, 1.09567618, -3.07345414, 3.28825498]], // 2 ulp
  ['softmax', 1, [-0.925497532, -0.925477862]], // 1 ulp
  ['softmax', 0, [1.75973475, 1.90060937]], // 1 ulp
  ['softmax', 0, [0.881092668, 0.88107872]], // 1 ulp
  ['softmax', 1, [0.530367434, 0.530355215]], // 1 ulp
  ['softmax', 0, [-0.804278493, -0.804295301]], // 1 ulp
  ['softmax', 1, [0.704521775, 0.704531431]], // 1 ulp
  ['softmax', 1, [-0.516387105, -0.657261729]], // 1 ulp
  ['softmax', 1, [1.46577322, 1.46578741]], // 1 ulp
  ['softmax', 0, [-0.903881252, -0.903895915]], // 1 ulp
  ['softmax', 0, [-0.706700385, -0.7067191]], // 1 ulp
  ['softmax', 0, [-1.79352903, -1.7935468]], // 1 ulp
  ['softmax', 0, [-0.685444713, -0.685430825]], // 1 ulp
  ['softmax', 1, [-0.615894794, -0.615877032]], // 1 ulp
  ['softmax', 1, [-1.37238717, -1.37236583]], // 1 ulp
  ['softmax', 0, [-1.14771628, -1.14773357]], // 1 ulp
  ['softmax', 4, [-2.83995748, 0.674994171, -4.67030239, 0.701486349, -2.18375945, 0.698268294]], // 1 ulp
  ['softmax', 0, [-1.3316679, -1.33168232]], // 1 ulp
  ['softmax', 1, [-0.615515471, -0.61553067]], // 1 ulp
  ['softmax', 1, [0.3020944, 0.302081108]], // 1 ulp
  ['softmax', 1, [1.25405872, 1.25407839]], // 1 ulp
  ['softmax', 1, [0.951830089, 0.951815128]], // 1 ulp
  ['softmax', 0, [-0.4374744, -0.437459558]], // 1 ulp
  ['softmax', 1, [3.75486994, 3.61399531]], // 1 ulp
  ['softmax', 1, [0.262974232, 0.262955695]], // 2 ulp
  ['softmax', 0, [-0.646460235, -0.646446705]], // 1 ulp
  ['softmax', 1, [-0.849531054, -0.849544942]], // 1 ulp
  ['softmax', 1, [0.320591509, 0.320574641]], // 2 ulp
  ['softmax', 0, [-0.584651709, -0.584644616]], // 1 ulp
  ['softmax', 1, [0.73319006, 0.733174622]], // 1 ulp
  ['softmax', 1, [-0.833861351, -0.833877742]], // 2 ulp
  ['softmax', 0, [0.288428217, 0.288439363]], // 1 ulp
  ['softmax', 1, [-0.763443887, -0.763457298]], // 1 ulp
  ['softmax', 1, [-0.287522197, -0.287538946]], // 2 ulp
  ['softmax', 0, [0.557716608, 0.557735384]], // 2 ulp
  ['softmax', 0, [0.976541817, 0.976556778]], // 1 ulp
  ['softmax', 0, [0.277379841, 0.277392775]], // 1 ulp
  ['softmax', 0, [-0.483774841, -0.483757496]], // 2 ulp
  ['softmax', 1, [-0.772082925, -0.772100031]], // 2 ulp
  ['softmax', 1, [-1.45355356, -1.59442818]], // 1 ulp
  ['softmax', 1, [-0.965749741, -0.965761483]], // 1 ulp
  ['softmax', 1, [0.908200264, 0.908183038]], // 2 ulp
  ['softmax', 1, [0.432768524, 0.432754993]], // 1 ulp
  ['softmax', 1, [-0.89410013, -0.894115448]], // 1 ulp
  ['softmax', 0, [-0.798740804, -0.798725247]], // 1 ulp
  ['softmax', 0, [-0.288278669, -0.288271219]], // 1 ulp
  ['softmax', 1, [0.226587817, 0.226573095]], // 1 ulp
  ['softmax', 2, [1.29411602, 1.73984301, 0.865035415, -0.447305113, 4.16982841]], // 1 ulp
  ['softmax', 1, [0.803915203, 0.803903937]], // 1 ulp
  ['softmax', 1, [0.901412964, 0.901396453]], // 2 ulp
  ['softmax', 1, [-0.50574404, -0.50576067]], // 2 ulp
  ['softmax', 1, [0.7328583, 0.732841909]], // 2 ulp
  ['softmax', 4, [2.02717423, 5.40013885, -5.05443001, -0.811367273, -3.00709319, -1.12665021]], // 1 ulp
  ['softmax', 1, [0.447511166, 0.447493702]], // 2 ulp
  ['softmax', 0, [0.136270046, 0.136277616]], // 1 ulp
  ['softmax', 1, [0.750539958, 0.750521541]], // 2 ulp
  ['softmax', 1, [-0.358106673, -0.358122468]], // 1 ulp
  ['softmax', 0, [-0.543942153, -0.543927312]], // 1 ulp
  ['softmax', 1, [0.266064614, 0.266052634]], // 1 ulp
  ['softmax', 1, [0.491367489, 0.491350383]], // 2 ulp
  ['softmax', 0, [-0.746622801, -0.746602476]], // 2 ulp
  ['softmax', 0, [-0.962011635, -0.96199584]], // 1 ulp
  ['softmax', 1, [0.491668552, 0.49165383]], // 1 ulp
  ['softmax', 4, [-1.45125473, -1.6297282, 1.07510912, 0.491568595, 0.617033243]], // 1 ulp
  ['softmax', 0, [0.229120389, 0.229136541]], // 2 ulp
  ['softmax', 0, [0.534376979, 0.534392297]], // 1 ulp
  ['softmax', 0, [0.849215925, 0.849231362]], // 1 ulp
  ['softmax', 0, [-0.697656751, 3.74970531, -2.21594834, -5.41684723]], // 2 ulp
  ['softmax', 1, [3.96064186, 3.81976724]], // 1 ulp
  ['softmax', 1, [-0.455397397, -0.455410451]], // 2 ulp
  ['softmax', 0, [0.462216675, 0.462229371]], // 1 ulp
  ['softmax', 0, [-0.764656603, -0.764641762]], // 1 ulp
  ['softmax', 1, [-0.39578554, -0.395804077]], // 2 ulp
  ['softmax', 0, [-0.627808988, -0.627793908]], // 1 ulp
  ['softmax', 1, [0.327052385, 0.327037305]], // 1 ulp
  ['softmax', 0, [-0.366413862, -0.366401881]], // 1 ulp
  ['softmax', 0, [0.814622462, 0.814638257]], // 1 ulp
  ['softmax', 0, [-0.778032243, -0.778021216]], // 1 ulp
  ['softmax', 1, [-0.45952931, -0.459541768]], // 1 ulp
  ['softmax', 0, [0.690023661, 0.690042436]], // 2 ulp
  ['softmax', 1, [0.305307388, 0.30529505]], // 1 ulp
  ['softmax', 0, [0.953614533, 0.953632951]], // 2 ulp
  ['softmax', 1, [-0.632862568, -0.632880628]], // 2 ulp
  ['softmax', 1, [0.486020595, 0.486005872]], // 1 ulp
  ['log_softmax', 2, [-0.952560246, 7.54133892, 1.50583446]], // 2 ulp
  ['log_softmax', 3, [2.53659034, 4.68743372, 3.79636478, 2.05577874, 5.06283712, 5.82985783]], // 1 ulp
  ['log_softmax', 4, [-0.601651251, 0.436790615, 0.770110369, -0.712007821, -0.806610465, 0.020146098]], // 1 ulp
  ['log_softmax', 1, [-2.48816919, -1.12598944, 0.0577222481]], // 2 ulp
  ['log_softmax', 4, [-0.51722455, -0.189815655, -0.547887683, 0.0256258771, 0.581117451]], // 2 ulp
  ['log_softmax', 2, [0.0026308666, -0.809425414, 0.138107494, -0.689711869, 0.742441475, -0.983161271]], // 2 ulp
  ['log_softmax', 3, [1.55383539, -2.0020926, -1.88934231, -0.0462992303]], // 1 ulp
  ['log_softmax', 2, [-3.61819887, -1.41832781, -1.05712843, -3.3199203, -1.6934551]], // 2 ulp
  ['log_softmax', 0, [7.83071184, -7.44207382]], // 0 ulp
  ['log_softmax', 1, [-7.1361928, 7.71512032, -3.89985442]], // 0 ulp
  ['log_softmax', 1, [-6.02922297, 6.21205425]], // 0 ulp
  ['log_softmax', 0, [4.37128353, -7.32037544, -4.1162219]], // 0 ulp
  ['log_softmax', 0, [7.87784529, -6.7539072]], // 0 ulp
  ['log_softmax', 1, [-7.77414703, 5.8399806]], // 0 ulp
];

const SCALES = [1e-3, 1, 4, 30, 200, 1e4];

describe('native softmax / log_softmax give the TypeScript lines’ values', { skip: !available && 'addon not built, or exp/log not verified on this engine' }, () => {
  test('the kernel runs (rather than falling back) for float32 at the threshold', () => {
    assert.ok(nativeSoftmaxUsable(NATIVE_MIN_ELEMENTS));
    assert.ok(!nativeSoftmaxUsable(NATIVE_MIN_ELEMENTS - 1));
    const out = new Float32Array(NATIVE_MIN_ELEMENTS);
    assert.ok(nativeSoftmaxLines(false, new Float32Array(NATIVE_MIN_ELEMENTS), 0, 64, 1, out));
    assert.equal(out[0], 1 / 64);
  });

  test('random rows of many lengths, dim 1 and -1 (rows) and 0 (columns) of 2-D', () => {
    let seed = 1;
    for (const n of [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 100, 257, 1000, 2047, 2048, 2049, 4099]) {
      const rows = Math.max(1, Math.ceil((NATIVE_MIN_ELEMENTS + 3 * n) / n));
      const s = SCALES[seed % SCALES.length] as number;
      const x = make([rows, n], seed++, (_, r) => normal(r) * s);
      both(x, 1);
      both(x, -1);
      both(x, 0);
    }
  });

  test('sizes around NATIVE_MIN_ELEMENTS, 2-D and 3-D, every dim', () => {
    let seed = 100;
    for (const shape of [[1, NATIVE_MIN_ELEMENTS - 1], [1, NATIVE_MIN_ELEMENTS], [1, NATIVE_MIN_ELEMENTS + 1], [NATIVE_MIN_ELEMENTS, 1],
      [2, 1023], [2, 1024], [2, 1025], [7, 13, 23], [8, 16, 16], [16, 8, 17], [3, 700, 1], [1, 3, 683], [5, 1, 410]]) {
      const x = make(shape, seed++, (_, r) => normal(r) * 3);
      for (let d = -shape.length; d < shape.length; d++) both(x, d);
    }
  });

  test('ties, constant lines and ±0 (Math.max(-0, +0) is +0)', () => {
    both(make([64, 40], 1, (_, r) => Math.floor(r() * 3) - 1), 1);
    both(make([64, 40], 2, (_, r) => Math.floor(r() * 3) - 1), 0);
    for (const v of [0, -0, 1, -1e30, 1e30, 3.4028235e38, -3.4028235e38, 1e-45]) {
      both(make([50, 41], 3, () => v), 1);
      both(make([50, 41], 3, () => v), 0);
    }
    both(make([60, 37], 4, (i) => (i % 3 === 0 ? 0 : -0)), 1);
    both(make([60, 37], 5, (i) => (i % 5 === 0 ? -0 : -1)), 1);
    both(make([60, 37], 5, (i) => (i % 5 === 0 ? -0 : -1)), 0);
  });

  test('huge and tiny ranges: outputs that are float32 subnormals or underflow to 0', () => {
    // Differences from the max of 80..120 (softmax outputs around the subnormal range) and of
    // 690..760 and beyond (exp's scalar path: x - max < -700, fdlibm's underflow branches).
    let seed = 10;
    for (const spread of [[80, 40], [100, 10], [690, 70], [700, 20], [740, 10], [1e4, 1e4], [1e30, 1e30]]) {
      const [lo, w] = spread as [number, number];
      for (const n of [1000, 37, 3]) {
        const x = make([Math.ceil(2100 / n), n], seed++, (i, r) => (i % 7 === 0 ? normal(r) : -lo - w * r()));
        both(x, 1);
        both(x, 0);
      }
    }
    for (const s of [1e-30, 1e-8, 1e-3, 1e3, 1e6, 1e20]) both(make([40, 60], seed++, (_, r) => normal(r) * s), 1);
  });

  test('exp branch points: x - max at fdlibm’s thresholds', () => {
    // x - max near ±ln2/2, ±1.5 ln2, 2^-28, -700 (the scalar split), -707.7, -708.4, -709.78 and
    // -745.13, on both sides (the max is 0, so x - max is x itself, and also 0.75).
    const pts = [0.34657359, 1.03972077, 2 ** -28, 2 ** -27, 2 ** -29, 700, 707.7, 708.39, 709.78, 745.13, 745.2, 0.5, 1, 2, 3.5];
    const vals: number[] = [];
    const f = new Float32Array(1);
    const u = new Uint32Array(f.buffer);
    for (const p of pts) {
      f[0] = -p;
      const b = u[0] as number;
      for (let k = -40; k <= 40; k++) {
        u[0] = b + k;
        vals.push(f[0] as number);
      }
    }
    for (const top of [0, 0.75, -0.5]) {
      const row = vals.map((v) => v + top);
      const n = 81;
      const rows = row.length / n;
      const x = make([rows, n], 0, (i) => row[i] as number);
      // each row also holds its max `top`
      const d = x._data as Float32Array;
      for (let r = 0; r < rows; r++) d[r * n] = top;
      // 15 rows of 81: doubled to pass NATIVE_MIN_ELEMENTS, as rows and as columns
      const xx = torch.cat([x, x]);
      both(xx, 1);
      both(xx.t().contiguous(), 0);
    }
  });

  test('NaN and ±inf in lines; all -inf lines; +inf max', () => {
    const sp = [NaN, Infinity, -Infinity];
    let seed = 20;
    for (const v of sp) {
      for (const count of [1, 2, 40]) {
        const x = make([64, 40], seed++, (_, r) => normal(r));
        const d = x._data as Float32Array;
        const r = gen(seed);
        for (let row = 0; row < 64; row += 3) for (let c = 0; c < count; c++) d[row * 40 + Math.floor(r() * 40)] = v;
        both(x, 1);
        both(x, 0);
        both(x.reshape(8, 8, 40), 1);
      }
    }
    both(make([64, 40], 30, (i) => (i % 40 < 20 ? -Infinity : Infinity)), 1);
    both(make([64, 40], 31, () => -Infinity), 1);
    both(make([64, 40], 32, (i) => (i % 2 === 0 ? -Infinity : NaN)), 1);
    both(make([64, 40], 33, (i, r) => (i % 2 === 0 ? -Infinity : normal(r))), 1);
    both(make([64, 40], 33, (i, r) => (i % 2 === 0 ? -Infinity : normal(r))), 0);
  });

  test('length-1 lines and lines of length not a multiple of the vector width', () => {
    both(make([3000, 1], 40, (_, r) => normal(r) * 50), 1);
    both(make([1, 3000], 41, (_, r) => normal(r) * 50), 0);
    both(make([3, 1, 1000], 42, (_, r) => normal(r)), 1);
    for (const n of [3, 5, 6, 7, 9, 11, 13, 19, 23]) both(make([Math.ceil(2100 / n), n], 43 + n, (_, r) => normal(r) * 10), 1);
    for (const inner of [3, 5, 7, 9, 17, 255, 256, 257, 600]) both(make([2, 13, inner], 60 + inner, (_, r) => normal(r) * 10), 1);
    // long lines along dim 0: only a few side by side (the kernel's buffer is capped)
    both(make([70000, 3], 80, (_, r) => normal(r) * 10), 0);
    both(make([300000, 1], 81, (_, r) => normal(r) * 10), 0);
  });

  test('non-contiguous inputs, offset views, dtype conversion, float64 and autograd', () => {
    const x = make([70, 90], 50, (_, r) => normal(r) * 5);
    both(x.t(), 1);
    both(x.t(), 0);
    both(x.narrow(1, 3, 60), 1);
    both(x.narrow(0, 5, 60), 1);
    both(x.reshape(7, 10, 90).permute(2, 0, 1), 2);
    sameBothWays(() => F.softmax(x.to(torch.float64), 1));
    sameBothWays(() => F.softmax(x.to(torch.float64), 1, { dtype: torch.float32 }));
    sameBothWays(() => F.log_softmax(x.to(torch.int32), 0, { dtype: torch.float32 }));
    sameBothWays(() => {
      const xg = x.detach().requires_grad_(true);
      F.softmax(xg, 1).mul(x).sum().backward();
      return xg.grad as Tensor;
    });
    const target = make([70], 51, (_, r) => Math.floor(r() * 90)).to(torch.int64);
    sameBothWays(() => F.cross_entropy(x, target));
    sameBothWays(() => {
      const xg = x.detach().requires_grad_(true);
      F.cross_entropy(xg, target).backward();
      return xg.grad as Tensor;
    });
  });

  test('rows with outputs at a float32 midpoint (exactness to the last double ulp)', () => {
    for (const [op, , row] of MIDPOINT_ROWS) {
      const n = row.length;
      const copies = Math.ceil((NATIVE_MIN_ELEMENTS + 1) / n);
      const x = make([copies, n], 0, (i) => row[i % n] as number);
      const f = op === 'softmax' ? F.softmax : F.log_softmax;
      sameBothWays(() => f(x, 1));
      sameBothWays(() => f(x.t().contiguous(), 0));
    }
  });

  test('a large batch (256×1000) along each dim', () => {
    const x = make([256, 1000], 70, (_, r) => normal(r) * 3);
    both(x, 1);
    both(x, 0);
  });
});
