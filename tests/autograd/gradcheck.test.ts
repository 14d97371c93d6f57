// gradcheck / gradgradcheck against PyTorch 1.13: results, GradcheckError texts (with the
// Jacobians printed by PyTorch's tensor repr) and warnings from tests/golden/autograd_functional.json
// ("gradcheck*"), written by tools/golden/autograd_functional.py. The custom Functions are the
// ones defined there.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { float32, float64, type dtype } from '../../src/tensor/dtype.ts';
import type { FunctionCtx } from '../../src/autograd/function.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: number[];
}
interface ErrorSpec {
  type: string;
  message: string;
}
interface GradcheckCase {
  name: string;
  fn: string;
  inputs: string[];
  gradgrad: boolean;
  kwargs: { raise_exception?: boolean; atol?: number; nondet_tol?: number };
  result?: boolean;
  error?: ErrorSpec;
  warnings: string[];
}
interface Golden {
  tensors: Record<string, GoldenTensor>;
  gradcheck: GradcheckCase[];
  gradcheck_float32: { result: boolean; warnings: string[] };
  gradcheck_no_grad_inputs: ErrorSpec;
  gradcheck_stride0: ErrorSpec;
}

const golden = JSON.parse(readFileSync(new URL('../golden/autograd_functional.json', import.meta.url), 'utf8')) as Golden;
const { gradcheck, gradgradcheck, GradcheckError } = torch.autograd;

function fromGolden(name: string): Tensor {
  const g = golden.tensors[name] as GoldenTensor;
  const dt: dtype = g.dtype === 'float32' ? float32 : float64;
  return Tensor._fromData(dt.ArrayType.from(g.values), g.shape.slice(), dt);
}

/** Runs body with stderr captured; returns its value and the UserWarning messages written. */
function withWarnings<T>(body: () => T): [T, string[]] {
  const stderr = process.stderr;
  const original = stderr.write;
  let text = '';
  stderr.write = ((chunk: string | Uint8Array): boolean => {
    text += String(chunk);
    return true;
  }) as typeof stderr.write;
  try {
    const r = body();
    return [r, [...text.matchAll(/^UserWarning: (.*)$/gm)].map((m) => m[1] as string)];
  } finally {
    stderr.write = original;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

// ---- the custom Functions of the golden script ----------------------------------------------------

/** x * y whose gradient w.r.t. y is twice too large. */
class BadMul extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor, y: Tensor): Tensor {
    ctx.save_for_backward(x, y);
    return x.mul(y);
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor[] {
    const [x, y] = ctx.saved_tensors as [Tensor, Tensor];
    return [g.mul(y), g.mul(x).mul(2)];
  }
}

/** x ** 3 whose backward is right but detached from x, so gradgradcheck fails. */
class Cube extends torch.autograd.Function {
  static override forward(ctx: FunctionCtx, x: Tensor): Tensor {
    ctx.save_for_backward(x);
    return x.pow(3);
  }
  static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
    const [x] = ctx.saved_tensors as [Tensor];
    return g.mul(3).mul(x.pow(2).detach());
  }
}

/** A backward that ignores grad_output. */
class Constant extends torch.autograd.Function {
  static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
    return x.mul(2);
  }
  static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
    return g.mul(0).add(1).mul(2);
  }
}

/** A backward that changes on every call (not reentrant). */
class Flaky extends torch.autograd.Function {
  static calls = 0;
  static override forward(_ctx: FunctionCtx, x: Tensor): Tensor {
    return x.mul(2);
  }
  static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
    Flaky.calls += 1;
    return g.mul(2 + Flaky.calls * 1e-3);
  }
}

type Fn = (...xs: Tensor[]) => Tensor;
const FUNCS: Record<string, Fn> = {
  bad_mul: (x, y) => BadMul.apply(x, y as Tensor),
  cube: (x) => Cube.apply(x),
  constant: (x) => Constant.apply(x),
  flaky: (x) => Flaky.apply(x),
  detached: (x) => x.detach(),
  detached_mul: (x) => x.detach().mul(2),
  exp_reducer: (x) => x.exp().sum(1),
};

describe('gradcheck / gradgradcheck (PyTorch goldens)', () => {
  for (const c of golden.gradcheck) {
    test(c.name, () => {
      torch.manual_seed(0); // gradgradcheck draws its grad_outputs with torch.rand
      Flaky.calls = 0;
      const args = c.inputs.map((s) => fromGolden(s).clone().requires_grad_());
      const fn = FUNCS[c.fn] as Fn;
      const [outcome, warnings] = withWarnings(() => {
        try {
          return { result: c.gradgrad ? gradgradcheck(fn, args, null, c.kwargs) : gradcheck(fn, args, c.kwargs) };
        } catch (e) {
          return { error: e };
        }
      });
      assert.deepEqual(warnings, c.warnings);
      if (c.error) {
        assert.ok('error' in outcome, 'expected an error');
        assert.equal(errorText(outcome.error), `${c.error.type}: ${c.error.message}`);
        if (c.error.type === 'GradcheckError') {
          assert.ok(outcome.error instanceof GradcheckError);
          assert.ok(outcome.error instanceof torch.RuntimeError);
        }
      } else {
        assert.ok('result' in outcome, `unexpected error: ${errorText((outcome as { error: unknown }).error)}`);
        assert.equal(outcome.result, c.result);
      }
    });
  }

  test('float32 inputs: the warning, once per message', () => {
    const x = fromGolden('X3').to(float32).requires_grad_();
    const [r, warnings] = withWarnings(() => gradcheck((a: Tensor) => a.mul(2), [x], { eps: 1e-3, atol: 1e-2, rtol: 1e-2 }));
    assert.equal(r, golden.gradcheck_float32.result);
    assert.deepEqual(warnings, golden.gradcheck_float32.warnings);
  });

  test('no input requires grad: ValueError', () => {
    assert.throws(
      () => gradcheck((a: Tensor) => a.mul(2), [fromGolden('X3')]),
      (e: unknown) => errorText(e) === `${golden.gradcheck_no_grad_inputs.type}: ${golden.gradcheck_no_grad_inputs.message}`,
    );
  });

  test('an input with stride 0: RuntimeError', () => {
    const x = fromGolden('S1').expand(3).requires_grad_();
    assert.throws(
      () => gradcheck((a: Tensor) => a.mul(2), [x]),
      (e: unknown) => errorText(e) === `${golden.gradcheck_stride0.type}: ${golden.gradcheck_stride0.message}`,
    );
  });
});

describe('gradcheck arguments', () => {
  test('a single tensor input, non-tensor arguments, several outputs', () => {
    const x = fromGolden('X23').requires_grad_();
    const w = fromGolden('W32').requires_grad_();
    assert.equal(gradcheck((a: Tensor) => a.exp(), x), true);
    assert.equal(gradcheck(((a: Tensor, k: number, b: Tensor) => [a.matmul(b).mul(k), a.tanh()]) as never, [x, 3, w]), true);
    assert.equal(gradgradcheck(((a: Tensor, k: number, b: Tensor) => [a.matmul(b).mul(k), a.tanh()]) as never, [x, 3, w]), true);
  });

  test('modes without an implementation here are refused', () => {
    const x = fromGolden('X3').requires_grad_();
    for (const flag of ['fast_mode', 'check_forward_ad', 'check_batched_grad'] as const) {
      assert.throws(() => gradcheck((a: Tensor) => a.mul(2), [x], { [flag]: true }), { name: 'NotImplementedError' });
    }
  });

  test('explicit grad_outputs for gradgradcheck', () => {
    const x = fromGolden('X3').requires_grad_();
    const go = fromGolden('V3').requires_grad_();
    assert.equal(gradgradcheck((a: Tensor) => a.pow(3), [x], [go]), true);
    assert.equal(gradgradcheck((a: Tensor) => Cube.apply(a), [x], go, { raise_exception: false }), false);
    assert.equal(gradgradcheck((a: Tensor) => Cube.apply(a), [x], { grad_outputs: go, raise_exception: false }), false);
    assert.equal(gradgradcheck((a: Tensor) => a.pow(3), [x], { eps: 1e-6 }), true);
  });
});
