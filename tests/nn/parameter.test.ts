// torch.nn.Parameter against PyTorch (tools/golden/nn_parameter.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as torch from 'ts-torch';

interface Case {
  repr?: string;
  is_leaf?: boolean;
  requires_grad?: boolean;
  source_after_mul?: string;
  error?: string;
  message?: string;
}
const golden = JSON.parse(readFileSync(new URL('../golden/nn_parameter.json', import.meta.url), 'utf8')) as {
  torch_version: string;
  cases: Record<string, Case>;
};
const c = golden.cases;

function check(p: torch.Tensor, want: Case): void {
  assert.equal(String(p), want.repr);
  assert.equal(p.is_leaf, want.is_leaf);
  assert.equal(p.requires_grad, want.requires_grad);
}

test('Parameter(data) requires grad and prints "Parameter containing:"', () => {
  check(new torch.nn.Parameter(torch.tensor([1, 2])), c.default as Case);
});
test('Parameter(data, requires_grad=False)', () => {
  check(new torch.nn.Parameter(torch.tensor([1, 2]), false), c.no_grad as Case);
});
test('Parameter() is empty', () => {
  check(new torch.nn.Parameter(), c.empty as Case);
});
test('Parameter shares the storage of its data', () => {
  const q = torch.tensor([1, 2]);
  const p = new torch.nn.Parameter(q);
  p.data.mul_(2);
  assert.equal(String(q), c.shares_storage?.source_after_mul);
});
test('ops on a Parameter give plain tensors', () => {
  const p = new torch.nn.Parameter(torch.tensor([[1, 2], [3, 4]]));
  assert.equal(String(p.mul(2)), c.grad_fn_of_use?.repr);
});
test('Parameter of an integer tensor', () => {
  assert.throws(() => new torch.nn.Parameter(torch.tensor([1, 2], { dtype: torch.int64 })), (e: Error) => {
    assert.equal(e.name, c.int_error?.error);
    assert.equal(e.message, c.int_error?.message);
    return true;
  });
});
