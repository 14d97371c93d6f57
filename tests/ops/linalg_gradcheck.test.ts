// gradcheck and gradgradcheck (float64) over every differentiable op of src/ops/linalg_more*.ts
// and src/linalg/: the backward formulas agree with finite differences and are themselves
// differentiable (create_graph). As in PyTorch's own tests, eigh is checked through a symmetric
// input (A + Aᵀ) and eigen-/singular vectors through sign-invariant functions of them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import { spreadValues, testGradchecks, type GradcheckCall } from './gradcheck_cases.ts';
import { Tensor, float64 } from '../../src/index.ts';

const { linalg } = torch;

/** Deterministic, well-spread float64 values. */
function input(shape: number[], seed: number, opts: { diag?: number } = {}): Tensor {
  const n = shape.reduce((p, s) => p * s, 1);
  const t = Tensor._fromData(spreadValues(n, seed), shape, float64);
  const d = opts.diag;
  if (d !== undefined) {
    // Adds d·I to every matrix: well-conditioned (and, with a large d, positive-definite-able).
    const m = shape[shape.length - 1] as number;
    const r = torch.eye(m, { dtype: float64 }).mul(d);
    return t.add(r).detach().requires_grad_();
  }
  return t.requires_grad_();
}

const sym = (a: Tensor): Tensor => a.add(a.mT);
const spd = (a: Tensor): Tensor => a.matmul(a.mT).add(torch.eye(a.shape[a.ndim - 1] as number, { dtype: float64 }));

const CASES: GradcheckCall[] = [
  ['vdot', (a, b) => torch.vdot(a as Tensor, b as Tensor), [input([4], 1), input([4], 2)]],
  ['outer', (a, b) => torch.outer(a as Tensor, b as Tensor), [input([3], 3), input([2], 4)]],
  ['addmm', (s, a, b) => torch.addmm(s as Tensor, a as Tensor, b as Tensor, { beta: 0.5, alpha: 2 }), [input([3], 5), input([2, 3], 6), input([3, 3], 7)]],
  ['addmv', (s, a, b) => torch.addmv(s as Tensor, a as Tensor, b as Tensor, { beta: -1 }), [input([2], 8), input([2, 3], 9), input([3], 10)]],
  ['baddbmm', (s, a, b) => torch.baddbmm(s as Tensor, a as Tensor, b as Tensor, { alpha: 0.5 }), [input([2, 2, 2], 11), input([2, 2, 3], 12), input([2, 3, 2], 13)]],
  ['tensordot', (a, b) => torch.tensordot(a as Tensor, b as Tensor, [[1, 0], [0, 1]]), [input([3, 2, 2], 14), input([2, 3], 15)]],
  ['kron', (a, b) => torch.kron(a as Tensor, b as Tensor), [input([2, 2], 16), input([2, 3], 17)]],
  ['cross', (a, b) => torch.cross(a as Tensor, b as Tensor, 1), [input([2, 3], 18), input([1, 3], 19)]],
  ['einsum_mm', (a, b) => torch.einsum('ij,jk->ik', a as Tensor, b as Tensor), [input([2, 3], 20), input([3, 2], 21)]],
  ['einsum_trace_diag', (a) => torch.einsum('iij->j', a as Tensor), [input([2, 2, 3], 22)]],
  ['einsum_three', (a, b, c) => torch.einsum('bn,anm,bm->ba', a as Tensor, b as Tensor, c as Tensor), [input([2, 3], 23), input([2, 3, 2], 24), input([2, 2], 25)]],
  ['einsum_ellipsis', (a, b) => torch.einsum('...ij,...jk', a as Tensor, b as Tensor), [input([2, 1, 2, 3], 26), input([3, 3, 2], 27)]],
  ['det', (a) => linalg.det(a as Tensor), [input([3, 3], 28)]],
  ['det_batched', (a) => linalg.det(a as Tensor), [input([2, 2, 2], 29)]],
  ['inv', (a) => linalg.inv(a as Tensor), [input([3, 3], 30, { diag: 3 })]],
  ['solve', (a, b) => linalg.solve(a as Tensor, b as Tensor), [input([3, 3], 31, { diag: 3 }), input([3, 2], 32)]],
  ['solve_vector_bcast', (a, b) => linalg.solve(a as Tensor, b as Tensor), [input([2, 2, 2], 33, { diag: 3 }), input([2], 34)]],
  ['solve_left_false', (a, b) => linalg.solve(a as Tensor, b as Tensor, { left: false }), [input([2, 2], 35, { diag: 3 }), input([3, 2], 36)]],
  ['cholesky', (a) => linalg.cholesky(spd(a as Tensor)), [input([3, 3], 37)]],
  ['cholesky_upper', (a) => linalg.cholesky(spd(a as Tensor), { upper: true }), [input([2, 2, 2], 38)]],
  ['qr_tall', (a) => [...linalg.qr(a as Tensor)], [input([4, 3], 39)]],
  ['qr_wide', (a) => [...linalg.qr(a as Tensor)], [input([2, 3], 40)]],
  ['qr_complete_square', (a) => [...linalg.qr(a as Tensor, 'complete')], [input([3, 3], 41)]],
  ['eigh', (a) => {
    const [L, V] = linalg.eigh(sym(a as Tensor));
    return [L, V.mul(V)];
  }, [input([3, 3], 42)]],
  ['eigh_values', (a) => linalg.eigh(sym(a as Tensor), 'U').eigenvalues, [input([2, 3, 3], 43)]],
  ['svd_tall', (a) => {
    const [U, S, Vh] = linalg.svd(a as Tensor, false);
    return [U.mul(U), S, Vh.mul(Vh)];
  }, [input([4, 3], 44)]],
  ['svd_wide', (a) => {
    const [U, S, Vh] = linalg.svd(a as Tensor, false);
    return [U.mul(U), S, Vh.mul(Vh)];
  }, [input([2, 3], 45)]],
  ['svd_full', (a) => {
    const [U, S, Vh] = linalg.svd(a as Tensor);
    return [U.narrow(-1, 0, 2).pow(2), S, Vh.pow(2)];
  }, [input([3, 2], 46)]],
  ['svdvals', (a) => linalg.svdvals(a as Tensor), [input([3, 4], 47)]],
  ['vector_norm', (a) => linalg.vector_norm(a as Tensor), [input([3, 4], 48)]],
  ['vector_norm_3', (a) => linalg.vector_norm(a as Tensor, 3, 1, true), [input([3, 4], 49)]],
  ['vector_norm_inf', (a) => linalg.vector_norm(a as Tensor, Infinity, [0]), [input([3, 4], 50)]],
  ['matrix_norm_fro', (a) => linalg.matrix_norm(a as Tensor), [input([2, 3, 2], 51)]],
  ['matrix_norm_nuc', (a) => linalg.matrix_norm(a as Tensor, 'nuc'), [input([3, 4], 52)]],
  ['matrix_norm_2', (a) => linalg.matrix_norm(a as Tensor, 2), [input([3, 3], 53)]],
  ['matrix_norm_1', (a) => linalg.matrix_norm(a as Tensor, 1), [input([3, 4], 54)]],
  ['norm', (a) => linalg.norm(a as Tensor, -Infinity), [input([3, 3], 55)]],
  ['slogdet', (a) => linalg.slogdet(a as Tensor).logabsdet, [input([2, 3, 3], 57)]],
  ['logdet', (a) => torch.logdet(spd(a as Tensor)), [input([3, 3], 58)]],
  ['eigvalsh', (a) => linalg.eigvalsh(sym(a as Tensor)), [input([3, 3], 59)]],
  ['inner', (a, b) => torch.inner(a as Tensor, b as Tensor), [input([2, 3], 60), input([4, 3], 61)]],
];

describe('gradcheck / gradgradcheck of linalg ops (float64)', () => {
  testGradchecks(CASES);
});

describe('torch.linalg errors and aliases', () => {
  test('LinAlgError is a RuntimeError named as Python names it', () => {
    const A = torch.tensor([[1, 2], [2, 4]]);
    assert.throws(() => linalg.inv(A), (e: unknown) => e instanceof linalg.LinAlgError && e instanceof torch.RuntimeError);
  });
  test('torch.det / torch.inverse / Tensor methods are torch.linalg.det / inv', () => {
    const A = input([3, 3], 56, { diag: 2 });
    assert.equal(torch.det(A).item(), linalg.det(A).item());
    assert.deepEqual(A.inverse().tolist(), linalg.inv(A).tolist());
  });
});
