// In-place ops and autograd, ported from PyTorch 1.13's test/test_autograd.py (names as there):
// version counters and their error text, leaf rules, in-place on views (CopySlices,
// AsStridedBackward0), views remade after their base changed, detach, advanced indexing.
// Expected values and texts: tests/golden/autograd_behaviour.json
// (regenerate: /usr/bin/python3 tools/golden/autograd_behaviour.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertClose, assertError, bool, fnName, fromGolden, goldenCase, list, nextFns, num, str, sub, ten, torch, type Json,
} from './test_autograd_golden.ts';
import type { Tensor } from '../../src/index.ts';

const long = (values: number[]): Tensor => torch.tensor(values, { dtype: torch.int64 });

test('test_inplace', () => {
  const c = goldenCase('test_inplace');
  let x = torch.ones(5, 5, { requires_grad: true });
  let y = torch.ones(5, 5).mul(4).requires_grad_();

  let z = x.mul(y);
  let q = z.add(y);
  let w = z.mul(y);
  z.add_(2);
  // Add doesn't need its inputs to do backward, so it shouldn't raise
  assertError(() => q.backward(torch.ones(5, 5), { retain_graph: true }), str(c, 'p1_q_error'), 'q (add) after z.add_');
  // Mul saves both inputs in forward, so it should raise
  assertError(() => w.backward(torch.ones(5, 5)), str(c, 'p1_w_error'), 'w (mul) after z.add_');

  z = x.mul(y);
  q = z.mul(y);
  let r = z.add(y);
  w = z.add_(y);
  assert.equal(w === z, bool(c, 'p2_w_is_z'));
  // w is the last expression, so this should succeed
  assertError(() => w.backward(torch.ones(5, 5), { retain_graph: true }), str(c, 'p2_w_error'), 'w');
  // r doesn't use the modified value in backward, so it should succeed
  assertError(() => r.backward(torch.ones(5, 5), { retain_graph: true }), str(c, 'p2_r_error'), 'r');
  // q uses dirty z, so it should raise
  assertError(() => q.backward(torch.ones(5, 5)), str(c, 'p2_q_error'), 'q');

  torch.no_grad(() => (x.grad as Tensor).zero_());
  const m = x.div(2);
  z = m.add(y.div(8));
  q = z.mul(y);
  r = z.add(y);
  const prevVersion = z._version;
  w = z.exp_();
  assert.deepEqual([prevVersion, z._version], list(c, 'p3_versions'));
  assert.equal(fnName(z.grad_fn), str(c, 'p3_grad_fn'));
  r.backward(torch.ones(5, 5), { retain_graph: true });
  assertClose(x.grad, ten(c, 'p3_x_grad_1'), 'x.grad after r.backward');
  w.backward(torch.ones(5, 5), { retain_graph: true });
  assertClose(x.grad, ten(c, 'p3_x_grad_2'), 'x.grad after w.backward');
  assertError(() => q.backward(torch.ones(5, 5)), str(c, 'p3_q_error'), 'q after exp_');

  const leaf = torch.ones(5, 5, { requires_grad: true });
  x = leaf.clone();
  x.add_(10);
  assertClose(x, ten(c, 'p4_x'), 'x');
  // x should be still usable
  y = x.add(2);
  y.backward(torch.ones(5, 5));
  assertClose(leaf.grad, ten(c, 'p4_leaf_grad'), 'leaf.grad');
  z = x.mul(y);
  x.add_(2);
  assertError(() => z.backward(torch.ones(5, 5)), str(c, 'p4_z_error'), 'z after x.add_');
});

test('in-place on a leaf that requires grad, and on its views', () => {
  const c = goldenCase('inplace_leaf_errors');
  const x = torch.tensor([1, 2], { requires_grad: true });
  assertError(() => x.add_(1), str(c, 'leaf'), 'leaf');
  assertError(() => x.at(0).mul_(2), str(c, 'view_of_leaf'), 'view of a leaf');
  assertError(() => x.narrow(0, 0, 1).zero_(), str(c, 'view_of_leaf_narrow'), 'narrow of a leaf');
  // allowed under no_grad, and still counted by the version counter
  torch.no_grad(() => {
    x.mul_(2);
    x.at(0).add_(1);
  });
  assertClose(x, ten(c, 'after_no_grad'), 'x');
  assert.equal(x._version, num(c, 'version_after_no_grad'));
  assert.equal(x.is_leaf && x.requires_grad, bool(c, 'leaf_still_leaf'));
});

test('version counter errors name the tensor, its grad_fn and both versions', () => {
  const c = goldenCase('version_counter_errors');
  let x = torch.tensor([1, 2], { requires_grad: true });
  let y = x.sigmoid();
  y.mul_(2);
  assertError(() => y.sum().backward(), str(c, 'sigmoid_output'), 'saved output of sigmoid');

  // a saved leaf input: no "which is output" part
  let a = torch.tensor([1, 2, 3, 4, 5], { requires_grad: true });
  const b = torch.tensor([1, 1, 1, 1, 1], { requires_grad: true });
  let z = a.mul(b).sum();
  torch.no_grad(() => a.mul_(2));
  assertError(() => z.backward(), str(c, 'leaf_input'), 'saved leaf input');

  // a saved non-leaf input names its grad_fn at backward time
  a = torch.tensor([[1, 2], [3, 4]], { requires_grad: true });
  const h = a.mul(1);
  z = h.mul(h).sum();
  h.add_(1);
  assertError(() => z.backward(), str(c, 'nonleaf_input'), 'saved non-leaf input');

  // detach() shares the version counter
  x = torch.tensor(2.0, { requires_grad: true });
  y = x.pow(2);
  const d = x.detach();
  d.zero_();
  assertError(() => y.backward(), str(c, 'detach_shared'), 'modified through detach()');
  assert.deepEqual([x._version, d._version], list(c, 'versions'));

  x = torch.tensor([1, 2], { dtype: torch.float64, requires_grad: true });
  y = x.exp();
  y.add_(1);
  assertError(() => y.sum().backward(), str(c, 'exp_double'), 'double tensor');
});

test('in-place on a view of a non-leaf: CopySlices and AsStridedBackward0', () => {
  const c = goldenCase('inplace_on_view');
  let x = torch.tensor([[1, 2], [3, 4]], { requires_grad: true });
  let a = x.mul(1);
  const v = a.at(0);
  v.mul_(2);
  assert.ok(a.grad_fn !== null && v.grad_fn !== null);
  assert.equal(fnName(a.grad_fn), str(c, 'a_grad_fn'));
  assert.equal(a.grad_fn.name(), str(c, 'a_grad_fn_name'));
  assert.deepEqual(nextFns(a.grad_fn, 2), list(c, 'a_next'));
  assert.equal(fnName(v.grad_fn), str(c, 'v_grad_fn'));
  assert.deepEqual(nextFns(v.grad_fn), list(c, 'v_next'));
  assertClose(a, ten(c, 'a'), 'a');
  assert.equal(String(a), str(c, 'a_repr'));
  assert.equal(String(v), str(c, 'v_repr'));
  assert.deepEqual([a._version, v._version], list(c, 'versions'));
  a.mul(torch.tensor([[1, 2], [3, 4]])).sum().backward();
  assertClose(x.grad, ten(c, 'x_grad'), 'x.grad');

  // the view itself is differentiable afterwards
  x = torch.tensor([[1, 2], [3, 4]], { requires_grad: true });
  a = x.mul(1);
  const col = a.at(':', 1);
  col.add_(torch.tensor([10, 20]));
  col.mul(col).sum().backward();
  assertClose(x.grad, ten(c, 'col_view_x_grad'), 'x.grad through a column view');

  // an in-place op whose other operand requires grad
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  const s = torch.tensor([5], { requires_grad: true });
  a = x.clone();
  a.at('1:').mul_(s);
  a.sum().backward();
  assertClose(x.grad, ten(c, 'other_x_grad'), 'x.grad');
  assertClose(s.grad, ten(c, 'other_s_grad'), 's.grad');

  // second derivatives through CopySlices and AsStridedBackward0
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  a = x.mul(1);
  const tail = a.at('1:');
  tail.mul_(x.at('1:'));
  const [g] = torch.autograd.grad(tail.mul(tail).mul(tail).sum(), x, { create_graph: true });
  assertClose(g ?? null, ten(c, 'double_backward_g'), 'first derivative');
  assertClose(torch.autograd.grad((g as Tensor).sum(), x)[0] ?? null, ten(c, 'double_backward_gg'), 'second derivative');
});

test('views made before an in-place change of their base read its new history', () => {
  const c = goldenCase('view_after_base_inplace');
  let x = torch.tensor([1, 2], { requires_grad: true });
  let a = x.clone();
  let v = a.at(0);
  a.mul_(2);
  assert.ok(v.grad_fn !== null);
  assert.equal(fnName(v.grad_fn), str(c, 'v_grad_fn'));
  assert.deepEqual(nextFns(v.grad_fn, 2), list(c, 'v_next'));
  v.sum().backward();
  assertClose(x.grad, ten(c, 'x_grad'), 'x.grad');

  // two views of one base: changing one changes the other's history too
  x = torch.tensor([1, 2, 3], { requires_grad: true });
  a = x.clone();
  const v1 = a.at(':2');
  const v2 = a.at('1:');
  v1.mul_(3);
  assert.equal(fnName(v2.grad_fn), str(c, 'v2_grad_fn'));
  v2.mul(torch.tensor([1, 10])).sum().backward();
  assertClose(x.grad, ten(c, 'two_views_x_grad'), 'x.grad through the other view');

  // the base's own retain_grad stays on its old grad_fn
  x = torch.tensor([1, 2], { requires_grad: true });
  a = x.clone();
  a.retain_grad();
  a.at(0).mul_(2);
  a.sum().backward();
  assertClose(a.grad, ten(c, 'base_retained_grad'), 'a.grad');
  assertClose(x.grad, ten(c, 'base_x_grad'), 'x.grad');

  // changed under no_grad: the view is remade, with no node for the change
  x = torch.tensor([1, 2], { requires_grad: true });
  a = x.mul(1);
  v = a.at(1);
  torch.no_grad(() => a.mul_(5));
  assert.equal(fnName(v.grad_fn), str(c, 'no_grad_v_grad_fn'));
  v.backward();
  assertClose(x.grad, ten(c, 'no_grad_x_grad'), 'x.grad');
});

test('test_detach', () => {
  const c = goldenCase('test_detach');
  let x = torch.randn(10, 10, { requires_grad: true });
  let y = x.add(2);
  y = y.detach();
  let z = y.mul(4).add(2);
  assert.equal(y.requires_grad, bool(c, 'y_requires_grad'));
  assert.equal(z.requires_grad, bool(c, 'z_requires_grad'));

  x = torch.randn(10, 10, { requires_grad: true });
  y = x.mul(2);
  y = y.detach();
  assert.equal(y.requires_grad, bool(c, 'y2_requires_grad'));
  assert.equal(y.grad_fn === null, bool(c, 'y2_grad_fn_is_none'));
  z = x.add(y);
  z.sum().backward();
  // This is an incorrect gradient, but we assume that's what the user wanted.
  assertClose(x.grad, ten(c, 'x_grad'), 'x.grad');

  // in-place detach
  x = torch.randn(10, 10, { requires_grad: true });
  y = torch.randn(10, 10, { requires_grad: true });
  const a = x.mul(2);
  y.add(a).sum().backward(null, { retain_graph: true });
  a.detach_();
  assert.equal(a.requires_grad, bool(c, 'a_requires_grad'));
  y.add(a).sum().backward(); // this won't backprop to x
  assertClose(x.grad, ten(c, 'x_grad_2'), 'x.grad');
  assertClose(y.grad, ten(c, 'y_grad_2'), 'y.grad');

  // in-place detach on a view raises an exception
  const view = x.narrow(0, 1, 4);
  assertError(() => view.detach_(), str(c, 'view_detach__error'), 'detach_ on a view');

  // detach shares storage and version counter
  const p = torch.tensor([1, 2], { requires_grad: true });
  const d = p.detach();
  torch.no_grad(() => p.add_(1));
  assertClose(d, ten(c, 'detached_sees_update'), 'detached tensor');
  assert.deepEqual([p._version, d._version], list(c, 'versions'));
});

test('test_detach_base', () => {
  const c = goldenCase('test_detach_base');
  const x = torch.randn(10, 10, { requires_grad: true });
  const view = x.narrow(0, 1, 4);
  x.detach_();
  assert.equal(x.requires_grad, bool(c, 'x_requires_grad'));
  assert.equal(view.requires_grad, bool(c, 'view_requires_grad'));
  assert.equal(fnName(view.grad_fn), str(c, 'view_grad_fn'));
  assert.equal(view._base === x, bool(c, 'view_base_is_x'));
});

test('test_version_counter', () => {
  const c = goldenCase('test_version_counter');
  const expected = list(c, 'steps');
  const steps: Json[] = [];
  const x = torch.randn(1, 2);
  // In-place op bumps version
  steps.push(x._version);
  x.add_(1).add_(1);
  steps.push(x._version);
  // Differentiable view shares version counter
  const xz = x.at(':');
  steps.push([x._version, xz._version]);
  xz.add_(1);
  steps.push([x._version, xz._version]);
  // `x.data = y` preserves version counter of `x`
  x.data = torch.randn(2, 3);
  steps.push([x._version, xz._version]);
  x.add_(1);
  steps.push([x._version, xz._version]);
  // In-place op on `xz` also updates version of `x`, because they share the version counter
  xz.add_(1);
  steps.push([x._version, xz._version]);
  assert.deepEqual(steps, expected);
  assert.equal(x.data._version, num(c, 'data_version'));
  assert.deepEqual([...x.shape], list(c, 'data_shape'));
});

test('test_no_grad_modifies_version', () => {
  const c = goldenCase('test_no_grad_modifies_version');
  const x = torch.randn(5, { requires_grad: true });
  const y = torch.randn(5, { requires_grad: true });
  const z = x.mul(y).sum();
  torch.no_grad(() => x.mul_(2));
  assert.equal(x._version, num(c, 'version'));
  assertError(() => z.backward(), str(c, 'error'), 'backward after an in-place op under no_grad');
});

test('test_leaf_assignment', () => {
  const c = goldenCase('test_leaf_assignment');
  const x = torch.randn(5, 5);
  const y = torch.randn(5, { requires_grad: true });
  const z = torch.randn(5, { requires_grad: true });
  x.at(0).copy_(y); // x[0] = y
  x.at(1).copy_(torch.mul(2, z)); // x[1] = 2 * z
  assert.equal(x.requires_grad, bool(c, 'x_requires_grad'));
  assert.equal(x.is_leaf, bool(c, 'x_is_leaf'));
  assert.ok(x.grad_fn !== null);
  assert.equal(fnName(x.grad_fn), str(c, 'x_grad_fn'));
  assert.deepEqual(nextFns(x.grad_fn, 3), list(c, 'x_next'));
  x.sum().backward();
  assertClose(y.grad, ten(c, 'y_grad'), 'y.grad');
  assertClose(z.grad, ten(c, 'z_grad'), 'z.grad');
});

test('test_no_grad_assignment', () => {
  const c = goldenCase('test_no_grad_assignment');
  const x = torch.randn(5, 5, { requires_grad: true });
  const y = fromGolden(ten(c, 'y'));
  torch.no_grad(() => x.at(0).copy_(y));
  assert.equal(x.requires_grad, bool(c, 'x_requires_grad'));
  assert.equal(x.grad_fn === null, bool(c, 'x_grad_fn_is_none'));
  assertClose(x.at(0).detach(), ten(c, 'x_row0'), 'x[0]');
});

test('test_requires_grad_inplace', () => {
  const c = goldenCase('test_requires_grad_inplace');
  let a = torch.randn(5, 5);
  let b = torch.randn(5, 5, { requires_grad: true });
  a.add_(b); // a += b
  assert.equal(a.requires_grad, bool(c, 'leaf_requires_grad'));
  assert.equal(a.is_leaf, bool(c, 'leaf_is_leaf'));
  assert.equal(fnName(a.grad_fn), str(c, 'leaf_grad_fn'));

  // non-leaf
  a = torch.randn(5, 5).add(0);
  b = torch.randn(5, 5, { requires_grad: true });
  a.add_(b);
  assert.equal(a.requires_grad, bool(c, 'nonleaf_requires_grad'));
  assert.equal(fnName(a.grad_fn), str(c, 'nonleaf_grad_fn'));
});

test('test_indexing_duplicates', () => {
  const c = goldenCase('test_indexing_duplicates');
  let y = torch.arange(1, 17).view(4, 4).requires_grad_();
  y.at(long([1, 1, 3, 2, 1, 2])).sum().backward();
  assertClose(y.grad, ten(c, 'long_tensor'), 'y[LongTensor]');

  // with advanced indexing
  y = torch.arange(1, 17).view(4, 4).requires_grad_();
  y.at([1, 1, 3, 2, 1, 2], [0]).sum().backward();
  assertClose(y.grad, ten(c, 'two_lists'), 'y[[1, 1, 3, 2, 1, 2], [0]]');

  y = torch.arange(1, 17).view(4, 4).requires_grad_();
  y.at([[1, 2], [0, 0]], [[0, 1], [1, 1]]).sum().backward();
  assertClose(y.grad, ten(c, 'nested_lists'), 'y[[[1, 2], [0, 0]], [[0, 1], [1, 1]]]');

  y = torch.arange(1, 65).view(4, 4, 4).requires_grad_();
  const z = y.at([1, 1, 1], ':', ':');
  assert.equal(fnName(z.grad_fn), str(c, 'grad_fn'));
  z.sum().backward();
  assertClose(y.grad, ten(c, 'list_and_slices'), 'y[[1, 1, 1], :, :]');
});

test('views made under no_grad or inference_mode: requires_grad through the base, no in-place in grad mode', () => {
  const c = goldenCase('views_made_without_grad');
  const x = torch.tensor([1, 2, 3], { requires_grad: true });
  const v = torch.no_grad(() => x.at('0:2'));
  const leafView = sub(c, 'leaf_view');
  assert.equal(v.requires_grad, bool(leafView, 'requires_grad'));
  assert.equal(v.is_leaf, bool(leafView, 'is_leaf'));
  assert.equal(v.grad_fn === null, bool(leafView, 'grad_fn_is_none'));
  const y = v.mul(2);
  const op = sub(c, 'leaf_view_op');
  assert.equal(y.requires_grad, bool(op, 'requires_grad'));
  assert.ok(y.grad_fn !== null);
  assert.equal(fnName(y.grad_fn), str(op, 'grad_fn'));
  assert.deepEqual(nextFns(y.grad_fn), list(op, 'next'));
  assertError(() => v.mul_(2), str(c, 'leaf_view_inplace'), 'in-place on a no_grad view of a leaf');

  const a = x.mul(1);
  const va = torch.no_grad(() => a.at('1:'));
  const nonleafView = sub(c, 'nonleaf_view');
  assert.equal(va.requires_grad, bool(nonleafView, 'requires_grad'));
  assert.equal(va.is_leaf, bool(nonleafView, 'is_leaf'));
  assertError(() => va.mul_(2), str(c, 'nonleaf_view_inplace'), 'in-place on a no_grad view of a non-leaf');
  torch.no_grad(() => a.mul_(2));
  assertError(() => va.grad_fn, str(c, 'nonleaf_view_grad_fn_after_base_change'), 'grad_fn after its base changed');

  const vi = torch.inference_mode(() => a.at('1:'));
  const inferenceView = sub(c, 'inference_view');
  assert.equal(vi.requires_grad, bool(inferenceView, 'requires_grad'));
  assert.equal(vi.is_inference(), bool(inferenceView, 'is_inference'));
  assertError(() => vi.mul_(2), str(c, 'inference_view_inplace'), 'in-place on an inference_mode view');

  const b = torch.zeros(3);
  const vb = torch.no_grad(() => b.at(':2'));
  const w = torch.ones(2, { requires_grad: true });
  assertError(() => vb.mul_(w), str(c, 'other_requires_grad_inplace'), 'in-place with an operand that requires grad');
  assert.equal(torch.zeros(3).at('0:2').requires_grad, c['plain_view_requires_grad']);

  // both under no_grad is fine
  torch.no_grad(() => a.at(':1').mul_(3));
  assertClose(a, ten(c, 'both_no_grad_a'), 'a');
});
