// In-place view ops: t_, transpose_ (swapaxes_), squeeze_, unsqueeze_, as_strided_ change self's
// shape and strides, not its values. PyTorch records them as a new node on top of self's own
// history (TBackward1, TransposeBackward1, SqueezeBackward2/3, UnsqueezeBackward1,
// AsStridedBackward1), without CopySlices even for a view, and bumps the version.
import type { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { checkSizes, wrapDim } from '../tensor/shape.ts';
import { gradientEdge, needsGrad, record } from '../autograd/record.ts';
import { checkInplace } from './inplace.ts';
import { as_strided_backward, reshape, squeeze, t, transpose, transposedGeometry } from './shape/views.ts';

/** Gives self the new geometry; its node's backward maps the gradient back to the old one. */
function restride(self: Tensor, name: string, shape: number[], stride: number[], offset: number, backward: (g: Tensor) => Tensor): void {
  checkInplace(self);
  const grad = needsGrad(self);
  // The edge is self's history as it was: taken before the version moves.
  const edges = grad ? [gradientEdge(self)] : undefined;
  self._shape = shape;
  self._stride = stride;
  self._offset = offset;
  self._bumpVersion();
  if (grad) record(name, [self], self, (g) => [backward(g[0] as Tensor)], [], {}, edges);
}

export function t_(self: Tensor): void {
  const n = self._shape.length;
  if (n > 2) throw new RuntimeError(`t_() expects a tensor with <= 2 dimensions, but self is ${n}D`);
  restride(self, 'TBackward1', self._shape.slice().reverse(), self._stride.slice().reverse(), self._offset, (g) => t(g));
}

export function transpose_(self: Tensor, dim0: number, dim1: number): void {
  const { d0, d1, shape, stride } = transposedGeometry(self, dim0, dim1);
  restride(self, 'TransposeBackward1', shape, stride, self._offset, (g) => transpose(g, d0, d1));
}

export { transpose_ as swapaxes_ };

export function squeeze_(self: Tensor, dim?: number): void {
  const inShape = self._shape.slice();
  const d = dim === undefined ? null : wrapDim(dim, inShape.length);
  const keep = inShape.map((_, i) => i).filter((i) => inShape[i] !== 1 || (d !== null && i !== d));
  restride(
    self,
    d === null ? 'SqueezeBackward2' : 'SqueezeBackward3',
    keep.map((i) => inShape[i] as number),
    keep.map((i) => self._stride[i] as number),
    self._offset,
    (g) => reshape(g, [inShape]),
  );
}

export function unsqueeze_(self: Tensor, dim: number): void {
  const d = wrapDim(dim, self._shape.length + 1);
  const shape = self._shape.slice();
  const stride = self._stride.slice();
  // The stride unsqueeze gives the new dim (see views.ts unsqueeze).
  stride.splice(d, 0, d >= shape.length ? 1 : (shape[d] as number) * (stride[d] as number));
  shape.splice(d, 0, 1);
  restride(self, 'UnsqueezeBackward1', shape, stride, self._offset, (g) => squeeze(g, d));
}

export function as_strided_(self: Tensor, size: readonly number[], stride: readonly number[], storage_offset?: number): void {
  const sz = checkSizes(size);
  if (stride.length !== sz.length) throw new RuntimeError('mismatch in length of strides and shape');
  const geom = { shape: self._shape.slice(), stride: self._stride.slice(), offset: self._offset, storage: self._data.length };
  const off = storage_offset ?? self._offset;
  const st = stride.slice();
  restride(self, 'AsStridedBackward1', sz, st, off, (g) => as_strided_backward(g, geom, sz, st, off));
}
