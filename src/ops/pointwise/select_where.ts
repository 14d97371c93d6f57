// where(cond, a, b) with its gradient, and zero gradients shaped like a value.
import { Tensor } from '../../tensor/tensor.ts';
import { bool } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf } from '../../tensor/shape.ts';
import { allocForOverwrite } from '../../backends/alloc_overwrite.ts';
import { elementOffsets } from '../../backends/strided.ts';
import { nativeWhere } from '../../backends/native/dispatch_more.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import { resultType2, type TensorOrScalar } from '../elementwise.ts';
import { full_of, zeros_of } from '../alloc.ts';

export function zerosLikeValue(t: Tensor): Tensor {
  return zeros_of(t._shape, t.dtype);
}

/** torch.where(condition, input, other): input where condition else other, broadcast. */
export function where_(cond: Tensor, a: TensorOrScalar, b: TensorOrScalar): Tensor {
  if (cond.dtype !== bool && cond.dtype.name !== 'uint8') {
    throw new RuntimeError(`where expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype.scalarName}`);
  }
  const dt = resultType2(a, b);
  const at = a instanceof Tensor ? a : full_of([], Number(a), dt);
  const bt = b instanceof Tensor ? b : full_of([], Number(b), dt);
  const shape = broadcastShapes(broadcastShapes(cond._shape, at._shape), bt._shape);
  const n = numelOf(shape);
  // Every element is written below (Note [uninitialised outputs]).
  const out = new Tensor(allocForOverwrite(dt.ArrayType, n), shape, contiguousStrides(shape), 0, dt);
  const cs = broadcastStrides(cond._shape, cond._stride, shape);
  const as = broadcastStrides(at._shape, at._stride, shape);
  const bs = broadcastStrides(bt._shape, bt._stride, shape);
  const native = nativeWhere(
    { data: cond._data, shape, stride: cs, offset: cond._offset },
    { data: at._data, shape, stride: as, offset: at._offset },
    { data: bt._data, shape, stride: bs, offset: bt._offset },
    out._data,
  );
  if (!native) {
    const co = elementOffsets(shape, cs, cond._offset);
    const ao = elementOffsets(shape, as, at._offset);
    const bo = elementOffsets(shape, bs, bt._offset);
    const cd = cond._data;
    const ad = at._data;
    const bd = bt._data;
    const od = out._data;
    for (let i = 0; i < n; i++) {
      od[i] = cd[co[i] as number] !== 0 ? (ad[ao[i] as number] as number) : (bd[bo[i] as number] as number);
    }
  }
  const ta = a instanceof Tensor ? a : null;
  const tb = b instanceof Tensor ? b : null;
  if (needsGrad(ta, tb)) {
    // condition is non_differentiable, so it has no edge: next_functions is (self, other).
    record(
      'WhereBackward0',
      [ta, tb],
      out,
      (g, s, node) => {
        const c = s.get(0);
        const gs = g[0] as Tensor;
        return [node.needs[0] ? where_(c, gs, 0) : null, node.needs[1] ? where_(c, 0, gs) : null];
      },
      [cond],
    );
  }
  return out;
}
