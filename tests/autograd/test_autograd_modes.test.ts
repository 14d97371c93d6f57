// Grad modes, requires_grad, .grad assignment, hooks, and formula checks, ported from PyTorch
// 1.13's test/test_autograd.py (names as there) plus inference_mode and hooks scenarios.
// Expected values and texts: tests/golden/autograd_behaviour.json
// (regenerate: /usr/bin/python3 tools/golden/autograd_behaviour.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertClose, assertError, bool, captureWarnings, dtypeOf, errorOf, fromGolden, goldenCase, str, sub, ten, torch,
} from './test_autograd_golden.ts';
import type { Tensor } from '../../src/index.ts';

test('test_no_grad', () => {
  const c = goldenCase('test_no_grad');
  const x = torch.ones(5, 5, { requires_grad: true });
  const y = torch.ones(5, 5).mul(4);
  let w = torch.no_grad(() => x.add(y));
  // `@torch.no_grad()` on a function: the body runs without grad
  const adder = (a: Tensor, b: Tensor): Tensor => torch.no_grad(() => a.add(b));
  const z = adder(x, y);

  assert.equal(w.requires_grad, bool(c, 'w_requires_grad'));
  assert.equal(w.is_leaf, bool(c, 'w_is_leaf'));
  assertError(() => w.backward(torch.ones(5, 5)), str(c, 'w_backward_error'), 'w.backward');
  assert.equal(w.grad_fn === null, bool(c, 'w_grad_fn_is_none'));
  assert.equal(z.requires_grad, bool(c, 'z_requires_grad'));
  assertError(() => z.backward(torch.ones(5, 5)), str(c, 'z_backward_error'), 'z.backward');
  assertClose(w, ten(c, 'w'), 'w');

  // nested decorator and with-statement
  torch.no_grad(() => {
    assert.equal(torch.is_grad_enabled(), bool(c, 'enabled_inside'));
    w = adder(x, y);
    assert.equal(torch.is_grad_enabled(), bool(c, 'enabled_inside'));
  });
  assert.equal(torch.is_grad_enabled(), bool(c, 'enabled_after'));

  // factories take requires_grad even inside no_grad
  const f = sub(c, 'factory_requires_grad_inside');
  const t = torch.no_grad(() => torch.zeros(2, { requires_grad: true }));
  assert.equal(t.requires_grad, bool(f, 'requires_grad'));
  assert.equal(t.is_leaf, bool(f, 'is_leaf'));
});

test('test_no_grad: the mode is restored when the body throws', () => {
  assert.throws(() => torch.no_grad(() => {
    throw new Error('body');
  }));
  assert.equal(torch.is_grad_enabled(), bool(goldenCase('test_no_grad'), 'enabled_after'));
});

test('test_set_grad_enabled', () => {
  const c = goldenCase('test_set_grad_enabled');
  const x = torch.tensor([1], { requires_grad: true });
  let y = torch.set_grad_enabled(false, () => x.mul(2));
  assert.equal(y.requires_grad, bool(c, 'off'));
  y = torch.set_grad_enabled(true, () => x.mul(2));
  assert.equal(y.requires_grad, bool(c, 'on'));
  y = torch.set_grad_enabled(false, () => {
    torch.set_grad_enabled(true);
    return x.mul(2);
  });
  assert.equal(y.requires_grad, bool(c, 'off_then_set_on'));
  assert.equal(torch.is_grad_enabled(), bool(c, 'enabled_after'));
  const inner = torch.no_grad(() => torch.enable_grad(() => x.mul(2)));
  assert.equal(inner.requires_grad, bool(c, 'enable_grad_in_no_grad'));
  torch.set_grad_enabled(true);
});

test('inference_mode and is_inference', () => {
  const c = goldenCase('inference_mode');
  const x = torch.ones(2);
  const a = torch.tensor([1, 2], { requires_grad: true });
  const made = torch.inference_mode(() => {
    assert.equal(torch.is_inference_mode_enabled(), bool(c, 'enabled_inside'));
    assert.equal(torch.is_grad_enabled(), bool(c, 'grad_enabled_inside'));
    const out = { view: x.at(0), detach: x.detach(), clone: x.clone(), mul: x.mul(2), mul_grad_input: a.mul(2), factory: torch.zeros(2) };
    torch.inference_mode(false, () => {
      assert.equal(torch.is_grad_enabled(), bool(c, 'nested_false_grad_enabled'));
      assert.equal(torch.is_inference_mode_enabled(), bool(c, 'nested_false_inference_enabled'));
    });
    return out;
  });
  torch.no_grad(() =>
    torch.inference_mode(false, () => assert.equal(torch.is_grad_enabled(), bool(c, 'no_grad_then_false_grad_enabled'))),
  );
  const isInf = sub(c, 'is_inference');
  for (const [name, t] of Object.entries({ ...made, normal: x })) {
    assert.equal(t.is_inference(), bool(isInf, name), `${name}.is_inference()`);
  }
  const b = made.mul_grad_input;
  assert.equal(b.requires_grad, bool(c, 'b_requires_grad'));
  assert.equal(b.grad_fn === null, bool(c, 'b_grad_fn_is_none'));
  assert.equal(torch.is_inference_mode_enabled(), bool(c, 'enabled_after'));
  assertError(() => a.mul(b), str(c, 'save_error'), 'saving an inference tensor');
  assertError(() => b.add_(1), str(c, 'inplace_error'), 'in-place on an inference tensor');
  assertError(() => b.requires_grad_(), str(c, 'requires_grad_error'), 'requires_grad_ on an inference tensor');
  a.add(b).sum().backward(); // add saves nothing: allowed
  assertClose(a.grad, ten(c, 'a_grad'), 'a.grad');
});

test('test_requires_grad_', () => {
  const c = goldenCase('test_requires_grad_');
  const x = torch.randn(5, 5);
  const y = torch.randn(5, 5, { requires_grad: true });
  assert.equal(x.requires_grad_(), x);
  assert.equal(x.requires_grad, bool(c, 'x_after_requires_grad_'));
  assert.equal(y.requires_grad_(), y);
  assert.equal(y.requires_grad, bool(c, 'y_after_requires_grad_'));
  assert.equal(x.requires_grad_(true), x);
  assert.equal(y.requires_grad_(true), y);
  const z = x.mul(y);
  assertError(() => z.requires_grad_(false), str(c, 'nonleaf_false_error'), 'non-leaf requires_grad_(False)');
  assert.equal(z.requires_grad_(), z);
  assert.equal(z.requires_grad, bool(c, 'z_after_requires_grad_'));
  assert.equal(z.requires_grad_(true), z);
  assert.equal(z.requires_grad, bool(c, 'z_after_requires_grad_true'));

  assert.equal(x.requires_grad_(false), x);
  assert.equal(x.requires_grad, bool(c, 'x_after_false'));
  assert.equal(y.requires_grad_(false), y);
  assert.equal(y.requires_grad, bool(c, 'y_after_false'));

  // the setter refuses any change on a non-leaf
  assertError(() => (z.requires_grad = true), str(c, 'nonleaf_setter_true_error'), 'non-leaf requires_grad = True');
  assertError(() => (z.requires_grad = false), str(c, 'nonleaf_setter_false_error'), 'non-leaf requires_grad = False');
});

test('test_set_requires_grad_only_for_floats', () => {
  const c = goldenCase('test_set_requires_grad_only_for_floats');
  for (const name of Object.keys(c)) {
    const e = sub(c, name);
    const dt = dtypeOf(name);
    const f1 = (): unknown => torch.ones(1, { dtype: dt }).requires_grad_();
    const f2 = (): void => {
      const a = torch.ones(1, { dtype: dt });
      a.requires_grad = true;
    };
    const f3 = (): unknown => torch.ones(1, { dtype: dt, requires_grad: true });
    const fFalse = (): void => {
      const a = torch.ones(1, { dtype: dt });
      a.requires_grad = false; // should always work
      a.requires_grad_(false);
    };
    assertError(f1, str(e, 'requires_grad_'), `${name}: requires_grad_()`);
    assertError(f2, str(e, 'setter'), `${name}: requires_grad = True`);
    assertError(f3, str(e, 'factory'), `${name}: ones(requires_grad=True)`);
    assertError(fFalse, str(e, 'set_false'), `${name}: requires_grad = False`);
    if (name !== 'bool') {
      assertError(() => torch.randint(0, 5, [2], { dtype: dt, requires_grad: true }), str(e, 'randint_factory'), `${name}: randint(requires_grad=True)`);
    }
  }
});

test('.grad assignment checks', () => {
  const c = goldenCase('grad_setter');
  const x = torch.tensor([1, 2], { requires_grad: true });
  const assign = (v: unknown): void => {
    x.grad = v as Tensor;
  };
  assertError(() => assign(5), str(c, 'number'), 'x.grad = 5');
  assertError(() => assign(1.5), str(c, 'float_number'), 'x.grad = 1.5');
  assertError(() => assign('a'), str(c, 'string'), "x.grad = 'a'");
  assertError(() => assign(torch.zeros(3)), str(c, 'wrong_size'), 'wrong size');
  assertError(() => assign(torch.zeros(2, { dtype: torch.float64 })), str(c, 'wrong_dtype'), 'wrong dtype');
  assertError(() => assign(torch.zeros(2, { dtype: torch.int64 })), str(c, 'int_dtype'), 'integer dtype');
  assertError(() => assign(x), str(c, 'own_grad'), 'its own grad');
  assign(torch.tensor([3, 4]));
  assertClose(x.grad, ten(c, 'assigned'), 'assigned');
  x.sum().backward();
  assertClose(x.grad, ten(c, 'accumulated'), 'accumulated onto the assigned grad');
  assign(null);
  assert.equal(x.grad === null, bool(c, 'none'));
  // a non-leaf accepts a grad too, without a warning
  const y = x.mul(2);
  assert.deepEqual(captureWarnings(() => (y.grad = torch.zeros(2))), c['nonleaf_warnings']);
  assertClose(y._grad, ten(c, 'nonleaf_grad'), 'non-leaf .grad');
});

test('hooks: register_hook on leaves and non-leaves, replacements, handle.remove()', () => {
  const c = goldenCase('hooks');
  // a leaf hook sees the gradient; its return value replaces it
  let x = torch.tensor([1, 2, 3], { requires_grad: true });
  let seen: Tensor[] = [];
  x.register_hook((g) => {
    seen.push(g.clone());
  });
  x.register_hook((g) => g.mul(10));
  x.mul(x).sum().backward();
  assertClose(seen[0] ?? null, ten(c, 'leaf_seen'), 'gradient seen by the leaf hook');
  assertClose(x.grad, ten(c, 'leaf_grad'), 'x.grad');

  // a non-leaf hook: the replacement flows on to the leaves; retain_grad (registered first) sees the original
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  let y = x.mul(2);
  y.retain_grad();
  seen = [];
  y.register_hook((g) => {
    seen.push(g.clone());
  });
  y.register_hook((g) => g.add(1));
  y.mul(y).sum().backward();
  assertClose(seen[0] ?? null, ten(c, 'nonleaf_seen'), 'gradient seen by the non-leaf hook');
  assertClose(x.grad, ten(c, 'nonleaf_x_grad'), 'x.grad');
  assertClose(y.grad, ten(c, 'nonleaf_y_grad'), 'y.grad');

  // handle.remove()
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  let calls = 0;
  const h = x.register_hook((g) => {
    calls++;
    return g.mul(2);
  });
  x.sum().backward();
  assertClose(x.grad, ten(c, 'before_remove_grad'), 'x.grad with the hook');
  h.remove();
  x.grad = null;
  x.sum().backward();
  assertClose(x.grad, ten(c, 'after_remove_grad'), 'x.grad after remove()');
  assert.equal(calls, c['calls']);

  // autograd.grad sees the hooked gradient of a non-leaf on the way
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  y = x.mul(3);
  y.register_hook((g) => g.mul(0.5));
  assertClose(torch.autograd.grad(y.sum(), x)[0] ?? null, ten(c, 'grad_through_hook'), 'autograd.grad through a hook');
  assertError(() => torch.ones(2).register_hook((g) => g), str(c, 'no_grad_error'), 'hook on a tensor without grad');

  // autograd.grad captures a gradient before the tensor's own hooks run
  x = torch.tensor([1, 2], { requires_grad: true });
  y = x.mul(3);
  y.register_hook((g) => g.mul(0.5));
  assertClose(torch.autograd.grad(y.sum(), y)[0] ?? null, ten(c, 'captured_nonleaf'), 'grad w.r.t. a hooked non-leaf');
  x.register_hook((g) => g.mul(10));
  assertClose(torch.autograd.grad(x.mul(x).sum(), x)[0] ?? null, ten(c, 'captured_leaf'), 'grad w.r.t. a hooked leaf');

  // a hook registered before retain_grad: retain_grad sees the hooked gradient
  x = torch.tensor([1, 2], { requires_grad: true });
  y = x.mul(2);
  y.register_hook((g) => g.add(1));
  y.retain_grad();
  y.sum().backward();
  assertClose(y.grad, ten(c, 'hook_then_retain_y_grad'), 'y.grad');
  assertClose(x.grad, ten(c, 'hook_then_retain_x_grad'), 'x.grad');
});

test('test_pow_zero_tensor_gradient', () => {
  const c = goldenCase('test_pow_zero_tensor_gradient');
  const runTest = (name: string, size: number[], exponent: Tensor | number): void => {
    const input = torch.zeros(size, { requires_grad: true });
    input.pow(exponent).sum().backward();
    assertClose(input.grad, ten(c, name), name);
    assert.equal((input.grad as Tensor).abs().sum().item(), 0);
  };
  runTest('vec_tensor', [10], torch.zeros(10));
  runTest('mat_tensor', [10, 10], torch.zeros(10, 10));
  runTest('vec_scalar', [10], 0);
});

test('test_where_functional', () => {
  const c = goldenCase('test_where_functional');
  const cond = fromGolden(ten(c, 'cond'));
  for (const label of ['same', 'broadcast']) {
    const e = sub(c, label);
    const x = fromGolden(ten(e, 'x'), { requires_grad: true });
    const y = fromGolden(ten(e, 'y'), { requires_grad: true });
    const go = fromGolden(ten(e, 'go'), { requires_grad: true });
    const where = (cc: Tensor, a: Tensor, b: Tensor): Tensor => torch.where(cc, a, b);
    const res = where(cond, x, y);
    assertClose(res, ten(e, 'out'), `${label}: where`);
    // first derivatives with a graph, then the second derivative w.r.t. grad_output
    const [gx, gy] = torch.autograd.grad(res, [x, y], { grad_outputs: go, create_graph: true }) as Tensor[];
    assertClose(gx ?? null, ten(e, 'gx'), `${label}: d/dx`);
    assertClose(gy ?? null, ten(e, 'gy'), `${label}: d/dy`);
    const [ggo] = torch.autograd.grad([gx as Tensor, gy as Tensor], [go], { grad_outputs: [fromGolden(ten(e, 'ggx')), fromGolden(ten(e, 'ggy'))] });
    assertClose(ggo ?? null, ten(e, 'ggo'), `${label}: d²/dgo`);
    assert.equal(torch.autograd.gradcheck(where, [cond, x, y], { raise_exception: true }), bool(e, 'gradcheck'));
    assert.equal(torch.autograd.gradgradcheck(where, [cond, x, y], [go.detach()]), bool(e, 'gradgradcheck'));
  }
});

test('test_gradcheck_jacobian_mismatch', () => {
  const c = goldenCase('test_gradcheck_jacobian_mismatch');
  const fn = (x: Tensor): Tensor => {
    const y = x.clone();
    y.register_hook((g) => g.add(1e-2));
    return y;
  };
  const x = torch.ones(2, 2, { requires_grad: true });
  // slow mode only: ts-torch's gradcheck has no fast mode
  const slow = sub(c, 'fast_False');
  captureWarnings(() => {
    assert.equal(errorOf(() => torch.autograd.gradcheck(fn, [x])), str(slow, 'error'));
    assert.equal(torch.autograd.gradcheck(fn, [x], { raise_exception: false }), slow['no_raise']);
  });
  const xd = torch.ones(2, 2, { dtype: torch.float64, requires_grad: true });
  assert.equal(errorOf(() => torch.autograd.gradcheck(fn, [xd])), str(c, 'double_error'));
});

test('test_min_max_median_backprops_to_all_values', () => {
  const c = goldenCase('test_min_max_median_backprops_to_all_values');
  const fns: Record<string, (x: Tensor) => Tensor> = {
    min: (x) => torch.min(x),
    max: (x) => torch.max(x),
    median: (x) => torch.median(x),
    nanmedian: (x) => torch.nanmedian(x),
  };
  for (const [name, f] of Object.entries(fns)) {
    const x1 = torch.tensor([1, 0, 1, 0, 1, 0], { requires_grad: true });
    const x2 = torch.tensor([NaN, NaN, NaN], { requires_grad: true });
    for (const [label, x] of [['x1', x1], ['x2', x2]] as const) {
      const e = sub(c, `${name}_${label}`);
      const y = f(x);
      assert.equal(y.grad_fn?.name(), str(e, 'grad_fn'), `${name}(${label}): grad_fn`);
      y.backward();
      assertClose(x.grad, ten(e, 'grad'), `${name}(${label}): grad`);
    }
  }
});
