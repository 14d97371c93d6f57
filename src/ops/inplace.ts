// In-place ops and autograd (Note [in-place]): every in-place op checks the leaf rules, bumps
// the version counter (also under no_grad), and rebases the tensor's history onto a node for
// the op; for a view of a tensor requiring grad, the base gets a CopySlices node and the view
// an AsStridedBackward0 on top of it, as PyTorch does.
import { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import type { dtype } from '../tensor/dtype.ts';
import { checkInplaceCast } from '../tensor/dtype.ts';
import { is_grad_enabled, is_inference_mode_enabled } from '../autograd/grad_mode.ts';
import { anyNeedsGrad, edgesBeforeWrite, gradientEdge, needsGrad, record, setViewGradFnMaker, viewRebaseError } from '../autograd/record.ts';
import { FunctionNode, SavedList, SavedVariable, type BackwardFn } from '../autograd/node.ts';
import { CopySlices } from '../autograd/copy_slices.ts';
import { binaryInplace, writeBack, toNumber, type TensorOrScalar } from './elementwise.ts';
import type { BinaryFn } from '../backends/cpu.ts';
import { clone, copyValues } from './copy.ts';
import { as_strided_backward } from './shape/views.ts';
import { broadcastShapes, sameShape } from '../tensor/shape.ts';
import { expand } from './shape/views.ts';
import { _to_dtype } from './copy.ts';
import { zerosLikeValue } from './pointwise/select_where.ts';

/**
 * PyTorch's check_inplace: under grad mode, when the op will require grad (self, or `other`,
 * does), views made without grad and leaves that require grad (and their views) can't change;
 * inference tensors can't change outside inference_mode, in any grad mode.
 */
export function checkInplace(self: Tensor, other: Tensor | null = null): void {
  if (self._is_inference && !is_inference_mode_enabled()) {
    throw new RuntimeError(
      'Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 for more details.',
    );
  }
  if (!is_grad_enabled() || !(self.requires_grad || (other?.requires_grad ?? false))) return;
  const base = self._base;
  if (base !== null) {
    const error = viewRebaseError(self, false);
    if (error !== null) throw new RuntimeError(error);
    if (self.requires_grad && base.is_leaf) {
      throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
    }
  }
  if (self.requires_grad && self.is_leaf) {
    throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
}

export type InplaceBackward = (g: Tensor, node: FunctionNode, originalSelf: Tensor | null, other: Tensor | null) => (Tensor | null)[];

/**
 * self = f(self, other) in place. `backward` gets the gradient and returns [d self, d other];
 * it may read the original self (cloned before the write when other needs a gradient) and
 * the saved other.
 */
export function applyInplace(
  self: Tensor,
  other: TensorOrScalar,
  resultDtype: dtype,
  f: BinaryFn,
  name: string,
  backward: InplaceBackward,
  gradOther: Tensor | null = other instanceof Tensor ? other : null,
): void {
  checkInplace(self, gradOther);
  const grad = needsGrad(self, gradOther);
  // The original self keeps its history (self.clone(), as PyTorch saves it), so that the
  // gradient w.r.t. other is differentiable w.r.t. self.
  const original = grad && gradOther !== null && gradOther.requires_grad ? clone(self) : null;
  binaryInplace(self, other, resultDtype, f);
  self._bumpVersion();
  if (grad) {
    rebaseHistory(
      self,
      name,
      [self, gradOther],
      (g, s, n) => backward(g[0] as Tensor, n, original, gradOther === null ? null : s.get(0)),
      [gradOther],
    );
  }
}

/**
 * Makes `self` the output of a new node for an in-place op (see Note [in-place]). Called right
 * after the write has bumped the version counter; the inputs' edges are taken as they were
 * before it (edgesBeforeWrite).
 */
export function rebaseHistory(
  self: Tensor,
  name: string,
  inputs: (Tensor | null)[],
  backward: BackwardFn,
  save: (Tensor | null)[],
): void {
  const base = self._base;
  const edges = edgesBeforeWrite(inputs, self);
  if (base === null || !base.dtype.is_floating_point) {
    record(name, inputs, self, backward, save, {}, edges);
    return;
  }
  const fn = new FunctionNode(name, edges, backward, new SavedList(save.map((t) => (t ? new SavedVariable(t) : null))), {});
  fn._meta = [{ shape: self._shape.slice(), dtype: self.dtype }];
  const baseGeom = { shape: base._shape.slice(), stride: base._stride.slice(), offset: base._offset, storage: base._data.length };
  const viewGeom = { shape: self._shape.slice(), stride: self._stride.slice(), offset: self._offset };
  const cs = new CopySlices(gradientEdge(base), baseGeom, viewGeom, fn);
  cs._meta = [{ shape: base._shape.slice(), dtype: base.dtype }];
  // PyTorch's set_gradient_edge: the base's own retain_grad stays on its old node.
  base._grad_fn = cs;
  base._output_nr = 0;
  viewFromBase(self);
}

/** The grad_fn of a view read from its base's current history (Note [view + in-place]). */
function viewFromBase(view: Tensor): void {
  const base = view._base as Tensor;
  const baseGeom = { shape: base._shape.slice(), stride: base._stride.slice(), offset: base._offset, storage: base._data.length };
  const size = view._shape.slice();
  const stride = view._stride.slice();
  const offset = view._offset;
  record('AsStridedBackward0', [base], view, (g) => [viewGradToBase(g[0] as Tensor, baseGeom, size, stride, offset)]);
}

interface BaseGeometry {
  shape: number[];
  stride: number[];
  offset: number;
  storage: number;
}

// The gradient of a view read with as_strided, laid out like its base (as_strided_backward),
// and its adjoint, which reads a base-shaped gradient back at the view's positions. Each is
// recorded as the other's backward, so gradients through in-place-on-view graphs can be
// differentiated again (create_graph).
function viewGradToBase(g: Tensor, base: BaseGeometry, size: number[], stride: number[], offset: number): Tensor {
  const out = as_strided_backward(g, base, size, stride, offset);
  if (needsGrad(g)) record('AsStridedBackward0', [g], out, (gg) => [baseGradToView(gg[0] as Tensor, base, size, stride, offset)]);
  return out;
}

function baseGradToView(h: Tensor, base: BaseGeometry, size: number[], stride: number[], offset: number): Tensor {
  // storage[p] = sum of h over the base elements stored at p; out[k] = storage[view position k]
  const storage = new Float64Array(base.storage);
  const hv = copyValues(h, h.dtype)._data;
  forEachPosition(base.shape, base.stride, base.offset, (p, k) => {
    storage[p] = (storage[p] as number) + (hv[k] as number);
  });
  const out = Tensor._empty(size.slice(), h.dtype);
  forEachPosition(size, stride, offset, (p, k) => {
    out._data[k] = storage[p] as number;
  });
  if (needsGrad(h)) record('AsStridedBackward0', [h], out, (gg) => [viewGradToBase(gg[0] as Tensor, base, size, stride, offset)]);
  return out;
}

/** Calls f(storage position, row-major index) for every element of a strided geometry. */
function forEachPosition(shape: readonly number[], stride: readonly number[], offset: number, f: (p: number, k: number) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  let p = offset;
  for (let k = 0; k < n; k++) {
    f(p, k);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d] = (idx[d] as number) + 1;
      p += stride[d] as number;
      if ((idx[d] as number) < (shape[d] as number)) break;
      p -= (idx[d] as number) * (stride[d] as number);
      idx[d] = 0;
    }
  }
}
setViewGradFnMaker(viewFromBase);

export function fill_(self: Tensor, value: TensorOrScalar): void {
  if (value instanceof Tensor && value._shape.length !== 0) {
    throw new RuntimeError(
      `fill_ only supports 0-dimension value tensor but got tensor with ${value._shape.length} dimensions.`,
    );
  }
  fillWith(self, value, value instanceof Tensor ? 'FillBackward3' : 'FillBackward2');
}

/** zero_(): the same write as fill_(0), recorded as ZeroBackward0. */
export function zero_(self: Tensor): void {
  fillWith(self, 0, 'ZeroBackward0');
}

// derivatives.yaml: fill_.Scalar (FillBackward2) and zero_ (ZeroBackward0) have one edge, self;
// fill_.Tensor (FillBackward3) has self and value, which gets the gradient's sum.
function fillWith(self: Tensor, value: TensorOrScalar, name: string): void {
  checkInplace(self);
  const v = value instanceof Tensor ? (value._data[value._offset] as number) : toNumber(value, self.dtype);
  const vt = value instanceof Tensor ? value : null;
  const grad = needsGrad(self, vt);
  const n = self.numel();
  const vals = new self.dtype.ArrayType(n);
  vals.fill(self.dtype.name === 'bool' ? (v !== 0 ? 1 : 0) : v);
  writeBack(self, vals);
  self._bumpVersion();
  if (!grad) return;
  if (vt === null) {
    rebaseHistory(self, name, [self], (g) => [zerosLikeValue(g[0] as Tensor)], []);
  } else {
    rebaseHistory(self, name, [self, vt], (g, _s, node) => [
      node.needs[0] ? zerosLikeValue(g[0] as Tensor) : null,
      node.needs[1] ? (g[0] as Tensor).sum() : null,
    ], []);
  }
}

/** copy_(src): broadcasts src into self, casting to self's dtype (CopyBackwards). */
export function copy_(self: Tensor, src: TensorOrScalar): void {
  checkInplace(self);
  const s = src instanceof Tensor ? src : null;
  if (s === null) {
    fill_(self, src);
    return;
  }
  const b = broadcastShapes(self._shape, s._shape);
  if (!sameShape(b, self._shape)) {
    throw new RuntimeError(
      `The size of tensor a (${self._shape[self._shape.length - 1] ?? 1}) must match the size of tensor b (${s._shape[s._shape.length - 1] ?? 1}) at non-singleton dimension ${self._shape.length - 1}`,
    );
  }
  const grad = needsGrad(self, s);
  const srcDtype = s.dtype;
  const expanded = sameShape(s._shape, self._shape) ? s : expand(s.detach(), [self._shape]);
  const vals = copyValues(expanded, self.dtype);
  writeBack(self, vals._data);
  self._bumpVersion();
  if (grad) {
    rebaseHistory(self, 'torch::autograd::CopyBackwards', [self, s], (g, _s, node) => [
      node.needs[0] ? zerosLikeValue(g[0] as Tensor) : null,
      node.needs[1] ? _to_dtype(g[0] as Tensor, srcDtype, false) : null,
    ], []);
  }
}

export { checkInplaceCast };

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

/**
 * Note [in-place from out-of-place]: PyTorch derives an in-place op's formula from the same
 * derivatives.yaml entry as its out-of-place form. Here the out-of-place op runs on a copy of
 * self that keeps self's history (so what its node saves is self's old value, and stays valid
 * after the write); self then gets a node of the same name whose backward is that node's, with
 * the edges self and the other inputs had before the write (rebaseHistory, which also handles
 * views). `others` are the op's other tensor inputs, in the order the op records them;
 * `saves`: whether PyTorch's node for the call saves tensors.
 */
export function inplaceFrom(self: Tensor, others: readonly Tensor[], compute: (src: Tensor) => Tensor, saves: boolean): void {
  checkInplace(self, others.find((o) => o.requires_grad) ?? null);
  const grad = anyNeedsGrad([self, ...others]);
  const src = grad ? clone(self) : self;
  const result = compute(src);
  checkInplaceCast(result.dtype, self.dtype);
  if (!sameShape(result._shape, self._shape)) {
    // The out= check of the structured kernels (TensorIterator ops are checked in writeCompare's words).
    throw new RuntimeError(`Bad in-place call: input tensor size ${shapeStr(self._shape)} and output tensor size ${shapeStr(result._shape)} should match`);
  }
  writeBack(self, copyValues(result, self.dtype)._data);
  self._bumpVersion();
  const node = result._grad_fn;
  // When PyTorch's node saves tensors (`saves`), src stands for them: it is released with this
  // node, so that a second backward without retain_graph fails as PyTorch's does.
  if (grad && node !== null) {
    rebaseHistory(self, node.name(), [self, ...others], (g, saved) => {
      if (saves) saved.get(0);
      return node.apply(g);
    }, saves ? [src] : []);
  }
}
