// Custom autograd Functions against PyTorch 1.13: each test ports one case of function_cases()
// in tools/golden/autograd_functional.py (same classes, same steps) and checks it against the
// recorded outputs, grad_fn names, flags and error texts in tests/golden/autograd_functional.json.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { float64, int64, type dtype } from '../../src/tensor/dtype.ts';
import { once_differentiable, type FunctionCtx } from '../../src/autograd/function.ts';

interface GoldenTensor {
  dtype: string;
  shape: number[];
  values: number[];
  repr?: string;
  grad_fn?: string | null;
  requires_grad?: boolean;
}
interface ErrorSpec {
  type: string;
  message: string;
}
type Case = Record<string, unknown>;
interface Golden {
  tensors: Record<string, GoldenTensor>;
  function: Record<string, Case>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/autograd_functional.json', import.meta.url), 'utf8')) as Golden;
const G = golden.function;
const Function = torch.autograd.Function;

function fromGolden(name: string): Tensor {
  const g = golden.tensors[name] as GoldenTensor;
  return Tensor._fromData(Float64Array.from(g.values), g.shape.slice(), float64);
}

function assertTensor(actual: Tensor | null, g: GoldenTensor | null, where: string): void {
  if (g === null) {
    assert.equal(actual, null, where);
    return;
  }
  assert.ok(actual instanceof Tensor, `${where}: expected a tensor`);
  const dt: dtype = g.dtype === 'int64' ? int64 : float64;
  assert.equal(actual.dtype, dt, `${where}: dtype`);
  assert.deepEqual([...actual.shape], g.shape, `${where}: shape`);
  const got = actual.detach().reshape(-1).tolist() as number[];
  g.values.forEach((e, i) => assert.ok(Math.abs((got[i] as number) - e) <= 1e-7 + 1e-7 * Math.abs(e), `${where}[${i}]: ${got[i]} vs ${e}`));
  if (g.repr !== undefined) assert.equal(String(actual), g.repr, `${where}: repr`);
  if (g.grad_fn !== undefined) assert.equal(actual.grad_fn?.name() ?? null, g.grad_fn, `${where}: grad_fn`);
  if (g.requires_grad !== undefined) assert.equal(actual.requires_grad, g.requires_grad, `${where}: requires_grad`);
}

function assertThrowsGolden(body: () => unknown, spec: unknown): void {
  const s = spec as ErrorSpec;
  assert.throws(body, (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.equal(`${e.name}: ${e.message}`, `${s.type}: ${s.message}`);
    return true;
  });
}

const field = <T>(c: unknown, k: string): T => (c as Case)[k] as T;
const gt = (c: unknown, k: string): GoldenTensor => field<GoldenTensor>(c, k);

function inputs(): [Tensor, Tensor] {
  return [fromGolden('X3').clone().requires_grad_(), fromGolden('Y3').clone().requires_grad_()];
}

describe('custom autograd.Function (PyTorch goldens)', () => {
  class MulK extends Function {
    static override forward(ctx: FunctionCtx, a: Tensor, k: number, b: Tensor): Tensor {
      ctx.save_for_backward(a, b);
      ctx.k = k;
      return a.mul(b).mul(k);
    }
    static override backward(ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
      const [a, b] = ctx.saved_tensors as [Tensor, Tensor];
      const k = ctx.k as number;
      return [g.mul(b).mul(k), null, g.mul(a).mul(k)];
    }
  }

  test('forward, grad_fn, needs_input_grad, next_functions, backward, freed saved tensors', () => {
    const c = G['mulk'];
    const [x, y] = inputs();
    const z = MulK.apply(x, 3, y);
    assertTensor(z, gt(c, 'out'), 'out');
    const node = z.grad_fn as FunctionCtx;
    assert.equal(node.name(), field(c, 'grad_fn'));
    assert.deepEqual(node.needs_input_grad, field(c, 'needs_input_grad'));
    assert.deepEqual(
      node.next_functions.map(([f]) => (f === null ? null : f.name())),
      field(c, 'next_functions'),
    );
    z.sum().backward();
    const grads = field<GoldenTensor[]>(c, 'grads');
    assertTensor(x.grad, grads[0] as GoldenTensor, 'x.grad');
    assertTensor(y.grad, grads[1] as GoldenTensor, 'y.grad');
    assertThrowsGolden(() => node.saved_tensors, field(c, 'saved_after_backward'));
    assertThrowsGolden(() => z.sum().backward(), field(c, 'backward_twice'));
  });

  test('needs_input_grad follows requires_grad; no graph without grad', () => {
    const [x, y] = inputs();
    assert.deepEqual((MulK.apply(x, 3, fromGolden('Y3')).grad_fn as FunctionCtx).needs_input_grad, field(G['mulk_no_y_grad'], 'needs_input_grad'));
    assertTensor(MulK.apply(fromGolden('X3'), 3, fromGolden('Y3')), gt(G['mulk_no_grad'], 'out'), 'no grad inputs');
    assertTensor(
      torch.no_grad(() => MulK.apply(x, 3, y)),
      gt(G['mulk_in_no_grad'], 'out'),
      'in no_grad',
    );
  });

  test('wrong number of gradients, gradients for non-tensors, non-tensor gradients, wrong shape', () => {
    const [x, y] = inputs();
    class TooFew extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor, b: Tensor): Tensor {
        return a.mul(b);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g;
      }
    }
    assertThrowsGolden(() => TooFew.apply(x, y).sum().backward(), G['too_few']);
    class TooMany extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor {
        return a.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor[] {
        return [g.mul(2), g];
      }
    }
    assertThrowsGolden(() => TooMany.apply(x).sum().backward(), G['too_many']);
    class ExtraNone extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor {
        return a.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): (Tensor | null)[] {
        return [g.mul(2), null, null];
      }
    }
    ExtraNone.apply(x).sum().backward();
    assertTensor(x.grad, gt(G['extra_none'], 'grad'), 'extra None');
    x.grad = null;
    class GradForInt extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor, k: number): Tensor {
        return a.mul(k);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor[] {
        return [g, g];
      }
    }
    assertThrowsGolden(() => GradForInt.apply(x, 2).sum().backward(), G['grad_for_non_tensor']);
    class ReturnsInt extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor {
        return a.mul(2);
      }
      static override backward(): number {
        return 1;
      }
    }
    assertThrowsGolden(() => ReturnsInt.apply(x).sum().backward(), G['returns_int']);
    class WrongShape extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor {
        return a.sum();
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.expand(2);
      }
    }
    assertThrowsGolden(() => WrongShape.apply(x).backward(), G['wrong_shape']);
  });

  test('saved tensors are version-checked; save_for_backward takes tensors only', () => {
    const [x] = inputs();
    class Square extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
        const r = a.mul(a);
        ctx.save_for_backward(a, r);
        return r;
      }
      static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const [a] = ctx.saved_tensors as [Tensor];
        return g.mul(2).mul(a);
      }
    }
    assertThrowsGolden(() => {
      const a = x.clone();
      const s = Square.apply(a);
      torch.no_grad(() => a.add_(1));
      s.sum().backward();
    }, G['modified_input']);
    assertThrowsGolden(() => {
      const s = Square.apply(x);
      torch.no_grad(() => s.mul_(2));
      s.sum().backward();
    }, G['modified_output']);
    class SaveInt extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
        ctx.save_for_backward(a, 3 as unknown as Tensor);
        return a.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.mul(2);
      }
    }
    assertThrowsGolden(() => SaveInt.apply(x), G['save_non_tensor']);
  });

  test('mark_dirty', () => {
    const [x] = inputs();
    class AddOneInplace extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
        a.add_(1);
        ctx.mark_dirty(a);
        return a;
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g;
      }
    }
    const c = G['mark_dirty'];
    const a = x.clone();
    const v0 = a._version;
    const r = AddOneInplace.apply(a);
    assert.equal(r === a, field(c, 'same_object'));
    assert.equal(r.grad_fn?.name(), field(c, 'grad_fn'));
    assert.equal(a._version - v0, field(c, 'version_delta'));
    assertTensor(r, gt(c, 'out'), 'out');
    r.mul(r).sum().backward();
    assertTensor(x.grad, gt(c, 'grad'), 'grad');
    assertThrowsGolden(() => AddOneInplace.apply(fromGolden('X3').clone().requires_grad_()), G['mark_dirty_leaf']);
    class DirtyNotReturned extends Function {
      static override forward(ctx: FunctionCtx, t: Tensor): Tensor {
        t.add_(1);
        ctx.mark_dirty(t);
        return t.mul(2);
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.mul(2);
      }
    }
    assertThrowsGolden(() => DirtyNotReturned.apply(x.clone()), G['dirty_not_returned']);
  });

  test('an input returned as-is comes back as a new view with the grad_fn', () => {
    const [x] = inputs();
    class Identity extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor {
        return a;
      }
      static override backward(_ctx: FunctionCtx, g: Tensor): Tensor {
        return g.mul(3);
      }
    }
    const c = G['identity'];
    const r = Identity.apply(x);
    assert.equal(r === x, field(c, 'same_object'));
    assert.equal(r._is_view(), field(c, 'is_view'));
    assert.equal(r.grad_fn?.name(), field(c, 'grad_fn'));
    assert.equal(r.is_leaf, field(c, 'is_leaf'));
    r.sum().backward();
    assertTensor(x.grad, gt(c, 'grad'), 'grad');
    const plain = fromGolden('X3');
    const r2 = Identity.apply(plain);
    assert.equal(r2 === plain, field(G['identity_no_grad'], 'same_object'));
    assert.equal(r2.requires_grad, field(G['identity_no_grad'], 'requires_grad'));
  });

  test('mark_non_differentiable and integer outputs', () => {
    const [x] = inputs();
    let seen: (Tensor | null)[] = [];
    class SortLike extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor[] {
        const b = a.mul(2);
        const idx = a.gt(0).to(int64);
        const m = a.add(1);
        ctx.mark_non_differentiable(m);
        return [b, idx, m];
      }
      static override backward(_ctx: FunctionCtx, gb: Tensor, gidx: Tensor | null, gm: Tensor | null): Tensor {
        seen = [gb, gidx, gm];
        return gb.mul(2);
      }
    }
    const c = G['non_differentiable'];
    const [b, idx, m] = SortLike.apply(x) as [Tensor, Tensor, Tensor];
    assert.deepEqual([b.requires_grad, idx.requires_grad, m.requires_grad], field(c, 'requires_grad'));
    assert.deepEqual([b, idx, m].map((t) => t.grad_fn?.name() ?? null), field(c, 'grad_fn'));
    b.sum().backward();
    const want = field<(GoldenTensor | null)[]>(c, 'seen');
    seen.forEach((g, i) => assertTensor(g, want[i] ?? null, `seen[${i}]`));
    assertTensor(x.grad, gt(c, 'grad'), 'grad');
  });

  test('set_materialize_grads(false) gives null for missing gradients; true gives zeros', () => {
    const [x] = inputs();
    let seenNull: boolean[] = [];
    class TwoOut extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor[] {
        ctx.set_materialize_grads(false);
        return [a.mul(2), a.mul(3)];
      }
      static override backward(_ctx: FunctionCtx, g1: Tensor | null, g2: Tensor | null): Tensor {
        seenNull = [g1 === null, g2 === null];
        let r = (g1 ?? (g2 as Tensor)).mul(0);
        if (g1 !== null) r = r.add(g1.mul(2));
        if (g2 !== null) r = r.add(g2.mul(3));
        return r;
      }
    }
    const [, q] = TwoOut.apply(x) as [Tensor, Tensor];
    q.sum().backward();
    assert.deepEqual(seenNull, field(G['no_materialize'], 'seen'));
    assertTensor(x.grad, gt(G['no_materialize'], 'grad'), 'grad');
    x.grad = null;

    let seen: Tensor[] = [];
    class TwoOutMaterialized extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): Tensor[] {
        return [a.mul(2), a.mul(3)];
      }
      static override backward(_ctx: FunctionCtx, g1: Tensor, g2: Tensor): Tensor {
        seen = [g1, g2];
        return g1.mul(2).add(g2.mul(3));
      }
    }
    const [, q2] = TwoOutMaterialized.apply(x) as [Tensor, Tensor];
    q2.sum().backward();
    const want = field<GoldenTensor[]>(G['materialize'], 'seen');
    seen.forEach((g, i) => assertTensor(g, want[i] as GoldenTensor, `seen[${i}]`));
    assertTensor(x.grad, gt(G['materialize'], 'grad'), 'grad');
  });

  test('non-tensor outputs pass through and get a null gradient', () => {
    const [x] = inputs();
    let seenNone = false;
    class WithNonTensorOut extends Function {
      static override forward(_ctx: FunctionCtx, a: Tensor): [Tensor, number] {
        return [a.mul(2), 7];
      }
      static override backward(_ctx: FunctionCtx, g: Tensor, gk: Tensor | null): Tensor {
        seenNone = gk === null;
        return g.mul(2);
      }
    }
    const c = G['non_tensor_output'];
    const [p, k] = WithNonTensorOut.apply(x);
    assert.equal(k, field(c, 'k'));
    p.sum().backward();
    assert.equal(seenNone, field(c, 'seen_none'));
    assertTensor(x.grad, gt(c, 'grad'), 'grad');
  });

  /** exp, saving its result for the backward g·r (itself differentiable). */
  class Exp extends Function {
    static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
      const r = a.exp();
      ctx.save_for_backward(r);
      return r;
    }
    static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
      const [r] = ctx.saved_tensors as [Tensor];
      return g.mul(r);
    }
  }

  test('double backward through a Function whose backward is differentiable', () => {
    const [x] = inputs();
    const [gx] = torch.autograd.grad(Exp.apply(x).sum(), x, { create_graph: true }) as [Tensor];
    const [ggx] = torch.autograd.grad(gx.sum(), x) as [Tensor];
    assertTensor(gx, gt(G['double_backward'], 'gx'), 'gx');
    assertTensor(ggx, gt(G['double_backward'], 'ggx'), 'ggx');
  });

  test('once_differentiable', () => {
    const [x] = inputs();
    class OnceExp extends Exp {
      static override backward = once_differentiable(Exp.backward);
    }
    const c = G['once_differentiable'];
    const [gx] = torch.autograd.grad(OnceExp.apply(x).sum(), x, { create_graph: true }) as [Tensor];
    assertTensor(gx, gt(c, 'gx'), 'gx');
    assertThrowsGolden(() => torch.autograd.grad(gx.sum(), x), field(c, 'error'));
    const [gp] = torch.autograd.grad(OnceExp.apply(x).sum(), x) as [Tensor];
    assertTensor(gp, gt(G['once_differentiable_plain'], 'gx'), 'plain gx');
    const d = G['once_differentiable_delayed'];
    const go = fromGolden('Y3').clone().requires_grad_();
    const [gd] = torch.autograd.grad(OnceExp.apply(x), x, { grad_outputs: go, create_graph: true }) as [Tensor];
    assertTensor(gd, gt(d, 'gx'), 'delayed gx');
    assertThrowsGolden(() => torch.autograd.grad(gd.sum(), x), field(d, 'error'));
  });
});

describe('custom autograd.Function (ts-torch specifics)', () => {
  test('Function itself has no forward/backward', () => {
    assert.throws(() => Function.apply(fromGolden('X3')), {
      name: 'NotImplementedError',
      message: 'You must implement the forward function for custom autograd.Function.',
    });
  });

  test('saved tensors survive retain_graph, and a second backward works', () => {
    const x = fromGolden('X3').requires_grad_();
    class Sq extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
        ctx.save_for_backward(a);
        return a.mul(a);
      }
      static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const [a] = ctx.saved_tensors as [Tensor];
        return g.mul(a).mul(2);
      }
    }
    const y = Sq.apply(x).sum();
    y.backward(null, { retain_graph: true });
    y.backward();
    assert.deepEqual(x.grad?.tolist(), x.mul(4).tolist());
  });

  test('gradcheck and gradgradcheck accept a correct Function', () => {
    const x = fromGolden('X3').requires_grad_();
    class Tanh extends Function {
      static override forward(ctx: FunctionCtx, a: Tensor): Tensor {
        const r = a.tanh();
        ctx.save_for_backward(r);
        return r;
      }
      static override backward(ctx: FunctionCtx, g: Tensor): Tensor {
        const [r] = ctx.saved_tensors as [Tensor];
        return g.mul(torch.sub(1, r.mul(r)));
      }
    }
    assert.equal(torch.autograd.gradcheck((a: Tensor) => Tanh.apply(a), [x]), true);
    assert.equal(torch.autograd.gradgradcheck((a: Tensor) => Tanh.apply(a), [x]), true);
  });
});
