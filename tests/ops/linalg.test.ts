// Replays tests/golden/ops_linalg.json (written by tools/golden/ops_linalg.py from PyTorch 1.13):
// for each case the call's outputs (values, dtype, shape, grad_fn, view-ness, named-tuple
// fields), the gradients for a fixed grad_output, or the error. Eigen- and singular vectors are
// compared as |x| (their signs are arbitrary) and their gradients through the same
// gauge-invariant transform the generator used; decompositions are also checked to reconstruct
// their input.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as torch from '../../src/index.ts';
import type { Tensor } from '../../src/index.ts';
import { float32 } from '../../src/tensor/dtype.ts';
import { assertError, assertTensor, callOrError, checkGradsOf, checkOutputs, gradsFor, loadCases, makeInput, type GoldenOutput, type GoldenTensor, type OpCase, type Tolerance } from '../golden_harness.ts';

interface Case extends OpCase {
  cmp?: ('val' | 'abs' | 'skip')[];
  transform?: string;
  create_graph?: boolean;
  return_type?: string;
  outputs?: (GoldenOutput & { is_view: boolean })[];
  transformed?: GoldenTensor[];
}

// float32 decompositions run in float32 LAPACK in PyTorch and in double here, so they agree to
// float32 rounding amplified by the conditioning of the small test matrices.
const tolerance: Tolerance = (dt) => {
  if (dt === 'float32') return { rtol: 2e-4, atol: 2e-5 };
  if (dt === 'float64') return { rtol: 1e-8, atol: 1e-10 };
  return { rtol: 0, atol: 0 };
};

function transform(name: string, outs: Tensor[]): Tensor[] {
  if (name === 'sq') return outs.map((o) => o.mul(o));
  if (name.startsWith('pick')) return [outs[Number(name.slice(4))] as Tensor];
  const [U, S, Vh] = outs as [Tensor, Tensor, Tensor];
  const k = S.shape[S.ndim - 1] as number;
  return [U.narrow(-1, 0, k).pow(2), S, Vh.narrow(-2, 0, k).pow(2)];
}

/** A ≈ the product of its factorisation (for outputs whose values are only defined up to gauge). */
function assertReconstructs(c: Case, A: Tensor, outs: Tensor[]): void {
  const close = (x: Tensor, y: Tensor, what: string): void => {
    const tol = A.dtype === float32 ? 1e-4 : 1e-10;
    const d = x.sub(y).abs().max().item() as number;
    assert.ok(d <= tol * (1 + (y.abs().max().item() as number)), `${c.name}: ${what} off by ${d}`);
  };
  torch.no_grad(() => {
    if (c.op === 'linalg.eigh') {
      const [L, V] = outs as [Tensor, Tensor];
      close(V.matmul(L.unsqueeze(-1).mul(V.mT)), V.matmul(V.mT).matmul(V.matmul(L.unsqueeze(-1).mul(V.mT))), 'V orthogonal');
      const uplo = c.args[1] === 'U' ? 'U' : 'L';
      const tri = uplo === 'L' ? A.tril() : A.triu();
      const n = A.shape[A.ndim - 1] as number;
      const sym = tri.add(tri.mT).sub(A.diagonal(0, -2, -1).unsqueeze(-1).mul(torch.eye(n, { dtype: A.dtype })));
      close(V.matmul(L.unsqueeze(-1).mul(V.mT)), sym, 'V diag(L) Vᵀ');
    } else if (c.op === 'linalg.svd') {
      const [U, S, Vh] = outs as [Tensor, Tensor, Tensor];
      const k = S.shape[S.ndim - 1] as number;
      close(U.narrow(-1, 0, k).mul(S.unsqueeze(-2)).matmul(Vh.narrow(-2, 0, k)), A, 'U diag(S) Vh');
      const eyeU = torch.eye(U.shape[U.ndim - 1] as number, { dtype: A.dtype });
      close(U.mT.matmul(U), eyeU.expand(U.mT.matmul(U).shape), 'UᵀU = I');
      const eyeV = torch.eye(Vh.shape[Vh.ndim - 2] as number, { dtype: A.dtype });
      close(Vh.matmul(Vh.mT), eyeV.expand(Vh.matmul(Vh.mT).shape), 'Vh Vhᵀ = I');
    }
  });
}

describe('linalg ops vs PyTorch 1.13', () => {
  for (const c of loadCases<Case>('ops_linalg')) {
    test(c.name, () => {
      const inputs = c.inputs.map(makeInput);
      const res = callOrError(c, inputs);
      if (c.error) return;
      const outs = checkOutputs(c, res, {
        tol: tolerance,
        each: (o, eo, i) => assert.equal(o._is_view(), eo.is_view, `output ${i} is_view`),
      });
      if (c.fields !== undefined && c.return_type !== undefined) {
        assert.ok(String(res).startsWith(`torch.return_types.${c.return_type}(\n${c.fields[0]}=`), 'printed named tuple');
      }
      if (c.cmp !== undefined) assertReconstructs(c, inputs[0] as Tensor, outs);
      const seen = c.transform !== undefined ? transform(c.transform, outs) : outs;
      (c.transformed ?? []).forEach((et, i) => assertTensor(seen[i] as Tensor, et, `transformed ${i}`, tolerance));
      const diff = seen.filter((o) => o.requires_grad);
      const wrtIdx = inputs.flatMap((x, i) => (x.requires_grad ? [i] : []));
      if (c.grad_error) {
        assertError(() => gradsFor(diff, wrtIdx.map((i) => inputs[i] as Tensor)), c.grad_error);
        return;
      }
      if (c.grads) checkGradsOf(seen, inputs, c.grads, { create_graph: c.create_graph === true, tol: tolerance });
    });
  }
});
