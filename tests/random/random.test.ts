// Replays tests/golden/random.json (written by tools/golden/rng.py from PyTorch 1.13): every
// draw bit for bit, with two exceptions the contract names (porting rule 12):
// - float32 randn / normal_ through the 16-block fill (contiguous, 16+ elements): |diff| <=
//   1e-5, since PyTorch's own values depend on the CPU (ts-torch replays the AVX2 kernel and
//   matches it exactly; the count of exact values is printed);
// - float64 values that went through the C library's log/sin/cos (Box–Muller, the 16-block
//   fill, exponential_): src/random/libm.ts rounds those correctly, glibc misrounds about 1 in
//   1000, so a value may differ by an ulp; such differences are counted and must stay rare
//   (LIBM_ULP_BUDGET). float32 results round them away.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { float32, float64, uint8, type dtype } from '../../src/tensor/dtype.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { DTYPES, decodeJsonNumber as decodeNumber, makeTarget, replayStep, stridedValues, type GoldenTensor, type TargetSpec } from '../golden_harness.ts';
import {
  default_generator,
  exponential_,
  Generator,
  initial_seed,
  manual_seed,
  normal_,
  rand,
  rand_like,
  randint,
  randint_like,
  randn,
  randn_like,
  randperm,
  random_,
  uniform_,
  type RandomFactoryOptions,
} from '../../src/random/index.ts';

interface Step {
  op: string;
  args?: unknown[];
  kw?: Record<string, unknown>;
  seed?: string;
  name?: string;
  generator?: string;
  target?: TargetSpec;
  like?: TargetSpec;
  to_none?: boolean;
  zeros?: number;
  dtype?: string;
  expect_error?: boolean;
  error?: { type: string; message: string };
  warnings?: string[];
  out?: {
    tensor?: GoldenTensor;
    requires_grad?: boolean;
    grad_fn?: string;
    seed?: string;
    bytes?: number[];
  };
}
interface Case {
  name: string;
  steps: Step[];
}

const golden = JSON.parse(readFileSync(new URL('../golden/random.json', import.meta.url), 'utf8')) as { cases: Case[] };
const TOL = 1e-5;
/** At most this fraction of float64 libm-path values may be 1 ulp off (glibc's misroundings). */
const LIBM_ULP_BUDGET = 0.005;
const libmStats = { values: 0, ulpDiffs: 0 };
const fillStats = { values: 0, exact: 0 };
process.on('exit', () => {
  console.log(`# float64 libm-path values: ${libmStats.ulpDiffs} of ${libmStats.values} an ulp off glibc's`);
  console.log(`# float32 16-block randn values: ${fillStats.exact} of ${fillStats.values} bit-exact`);
});

function expectedValue(v: number | boolean | string): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  return decodeNumber(v) as number;
}

/** Steps whose values come from normal_fill (contiguous, 16+ elements). */
function usesNormalFill(st: Step, t: Tensor): boolean {
  const normalOps = ['randn', 'randn_like', 'normal_'];
  return normalOps.includes(st.op) && t.numel() >= 16 && t.is_contiguous();
}

/** float64 values computed through glibc's log/sin/cos in PyTorch (see the header). */
function usesLibm64(st: Step, t: Tensor): boolean {
  if (t.dtype !== float64) return false;
  return ['exponential_', 'randn', 'randn_like', 'normal_'].includes(st.op);
}

function checkTensor(where: string, st: Step, t: Tensor): void {
  const g = st.out?.tensor as GoldenTensor;
  assert.equal(t.dtype.name, g.dtype, `${where}: dtype`);
  assert.deepEqual([...t._shape], g.shape, `${where}: shape`);
  const got = stridedValues(t);
  const want = g.values.map(expectedValue);
  assert.equal(got.length, want.length, `${where}: numel`);
  const approx = t.dtype === float32 && usesNormalFill(st, t);
  const libm = usesLibm64(st, t);
  if (approx) fillStats.values += want.length;
  if (libm) libmStats.values += want.length;
  for (let i = 0; i < want.length; i++) {
    const a = got[i] as number;
    const b = want[i] as number;
    if (approx) {
      assert.ok(Math.abs(a - b) <= TOL, `${where}[${i}]: ${a} vs ${b} (diff ${Math.abs(a - b)})`);
      if (a === b) fillStats.exact++;
    } else if (libm && a !== b) {
      // an ulp of each libm result (log, then sin/cos), scaled by std (|b − mean|), plus the
      // final rounding of b
      const mean = st.op === 'normal_' ? ((st.args?.[0] as number | undefined) ?? 0) : 0;
      const tol = (2 * Math.abs(b - mean) + Math.abs(b)) * 2 ** -52;
      assert.ok(Math.abs(a - b) <= tol, `${where}[${i}]: got ${a}, PyTorch ${b} (more than 1 ulp)`);
      libmStats.ulpDiffs++;
    } else if (!Object.is(a, b) && !(a === 0 && b === 0)) {
      assert.fail(`${where}[${i}]: got ${a}, PyTorch ${b}`);
    }
  }
  if (st.out?.requires_grad !== undefined) assert.equal(t.requires_grad, st.out.requires_grad, `${where}: requires_grad`);
}

class Replay {
  gens = new Map<string, Generator>();
  states = new Map<string, Tensor>();

  gen(name: string | undefined): Generator {
    if (name === undefined) return default_generator;
    const g = this.gens.get(name);
    if (!g) throw new Error(`no generator ${name}`);
    return g;
  }

  opts(st: Step): RandomFactoryOptions | undefined {
    if (!st.kw) return undefined;
    const o: RandomFactoryOptions = {};
    for (const [k, v] of Object.entries(st.kw)) {
      if (k === 'dtype') o.dtype = DTYPES[v as string] as dtype;
      else if (k === 'generator') o.generator = this.gen(v as string);
      else if (k === 'requires_grad') o.requires_grad = v as boolean;
      else throw new Error(`unknown keyword ${k}`);
    }
    return o;
  }

  /** Runs one step; returns the tensor it produced, if any. */
  run(st: Step): Tensor | undefined {
    const args = (st.args ?? []).map(decodeNumber);
    const o = this.opts(st);
    const withOpts = (a: unknown[]): unknown[] => (o === undefined ? a : [...a, o]);
    type AnyFn = (...a: unknown[]) => Tensor;
    switch (st.op) {
      case 'manual_seed':
        manual_seed(BigInt(st.seed as string));
        return undefined;
      case 'generator': {
        const g = new Generator();
        if (st.seed !== undefined) g.manual_seed(BigInt(st.seed));
        this.gens.set(st.name as string, g);
        return undefined;
      }
      case 'initial_seed': {
        const got = st.generator === undefined ? initial_seed() : this.gen(st.generator).initial_seed();
        assert.equal(got, Number(BigInt(st.out?.seed as string)), 'initial_seed');
        return undefined;
      }
      case 'get_rng_state': {
        const s = this.gen(st.generator).get_state();
        assert.equal(s.dtype, uint8);
        assert.deepEqual(Array.from(s._data), st.out?.bytes, 'get_state bytes');
        this.states.set(st.name as string, s);
        return undefined;
      }
      case 'set_rng_state': {
        const state = st.zeros !== undefined ? Tensor._empty([st.zeros], DTYPES[st.dtype as string] as dtype) : this.states.get(st.name as string);
        this.gen(st.generator).set_state(state as Tensor);
        return undefined;
      }
      case 'rand':
        return (rand as AnyFn)(...withOpts(args));
      case 'randn':
        return (randn as AnyFn)(...withOpts(args));
      case 'randint':
        return (randint as AnyFn)(...withOpts(args));
      case 'randperm':
        return (randperm as AnyFn)(...withOpts(args));
      case 'rand_like':
        return (rand_like as AnyFn)(makeTarget(st.like as TargetSpec), ...withOpts(args));
      case 'randn_like':
        return (randn_like as AnyFn)(makeTarget(st.like as TargetSpec), ...withOpts(args));
      case 'randint_like':
        return (randint_like as AnyFn)(makeTarget(st.like as TargetSpec), ...withOpts(args));
      case 'uniform_':
      case 'normal_':
      case 'exponential_':
      case 'random_': {
        const fn = { uniform_, normal_, exponential_, random_ }[st.op] as AnyFn;
        const t = makeTarget(st.target as TargetSpec);
        const v0 = t._version;
        const a = st.to_none ? [args[0], null] : args;
        const r = fn(t, ...withOpts(a));
        assert.equal(r, t, 'in-place ops return their input');
        assert.equal(t._version, v0 + 1, 'in-place ops bump the version');
        return t;
      }
      default:
        throw new Error(`unknown op ${st.op}`);
    }
  }
}

/** Captures what warnOnce writes to stderr while `body` runs. */
function captureWarnings(body: () => void): string[] {
  const lines: string[] = [];
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    body();
  } finally {
    process.stderr.write = orig;
  }
  return lines;
}

const TRIGGERED = / \(Triggered internally at .*\)$/s;

describe('random goldens (PyTorch 1.13)', () => {
  for (const c of golden.cases) {
    test(c.name, () => {
      const r = new Replay();
      const emitted = captureWarnings(() => {
        c.steps.forEach((st, i) => {
          const where = `${c.name} step ${i} (${st.op})`;
          replayStep(where, st, () => r.run(st), (t) => checkTensor(where, st, t));
        });
      });
      // Python's default filter shows a warning once per call site: compare the distinct texts.
      const want = new Set(c.steps.flatMap((s) => s.warnings ?? []).map((w) => `UserWarning: ${w.replace(TRIGGERED, '')}\n`));
      assert.deepEqual(new Set(emitted), want, `${c.name}: warnings`);
    });
  }
  test('float64 libm-path values: 1-ulp differences stay rare', () => {
    assert.ok(libmStats.values > 3000, `only ${libmStats.values} libm-path values checked`);
    assert.ok(
      libmStats.ulpDiffs <= libmStats.values * LIBM_ULP_BUDGET,
      `${libmStats.ulpDiffs} of ${libmStats.values} float64 libm-path values differ by 1 ulp`,
    );
  });
});

describe('random API', () => {
  const cases = new Map(golden.cases.map((c) => [c.name, c]));
  const goldenValues = (name: string, step: number): number[] =>
    ((cases.get(name)?.steps[step]?.out?.tensor as GoldenTensor).values as number[]).slice();

  test('manual_seed(0); rand(6) gives the golden values', () => {
    manual_seed(0);
    assert.deepEqual(Array.from(rand(6)._data), goldenValues('seed0_rand6', 1));
  });

  test('sizes work both ways: rand(2, 3) equals rand([2, 3])', () => {
    manual_seed(5);
    const a = rand(2, 3);
    manual_seed(5);
    const b = rand([2, 3], { dtype: float32 });
    assert.deepEqual([...a.shape], [2, 3]);
    assert.deepEqual(Array.from(a._data), Array.from(b._data));
  });

  test('randn(1) twice equals randn(2): the cached Box–Muller sample survives calls', () => {
    manual_seed(0);
    const a = [randn(1)._data[0], randn(1)._data[0]];
    manual_seed(0);
    assert.deepEqual(a, Array.from(randn(2)._data));
    assert.deepEqual(a, goldenValues('randn2', 1));
  });

  test('manual_seed returns the default generator; options may carry the seeded generator', () => {
    assert.equal(manual_seed(3), default_generator);
    const g = new Generator().manual_seed(3);
    const fromDefault = Array.from(rand(4)._data);
    assert.deepEqual(Array.from(rand(4, { generator: g })._data), fromDefault);
  });

  test('manual_seed accepts bigint and number seeds alike; initial_seed reports them', () => {
    manual_seed(2 ** 32 + 5);
    const a = Array.from(rand(3)._data);
    assert.equal(initial_seed(), 2 ** 32 + 5);
    manual_seed(2n ** 32n + 5n);
    assert.deepEqual(Array.from(rand(3)._data), a);
  });

  test('seed() reseeds non-deterministically and reports a seed that round-trips', () => {
    const s = default_generator.seed();
    assert.equal(initial_seed(), s);
    const a = Array.from(rand(3)._data);
    manual_seed(s);
    assert.deepEqual(Array.from(rand(3)._data), a);
  });

  test('get_state / set_state restore the stream and the normal cache', () => {
    manual_seed(1);
    randn(1);
    const s = default_generator.get_state();
    const a = Array.from(randn(5)._data);
    default_generator.set_state(s);
    assert.deepEqual(Array.from(randn(5)._data), a);
  });

  test('a fresh Generator starts from default_rng_seed_val', () => {
    assert.equal(new Generator().initial_seed(), 67280421310721);
  });

  test('options may name the bounds: uniform_(t, { from, to }) and normal_(t, { mean, std })', () => {
    manual_seed(4);
    const a = uniform_(Tensor._empty([5], float64), -2, 3);
    manual_seed(4);
    const b = uniform_(Tensor._empty([5], float64), { from: -2, to: 3 });
    assert.deepEqual(Array.from(a._data), Array.from(b._data));
    manual_seed(4);
    const c = normal_(Tensor._empty([5], float64), 1, 2);
    manual_seed(4);
    const d = normal_(Tensor._empty([5], float64), { mean: 1, std: 2 });
    assert.deepEqual(Array.from(c._data), Array.from(d._data));
  });
});
