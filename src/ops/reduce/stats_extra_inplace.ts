// In-place forms of stats_extra.ts's ops (addbmm_, addr_, renorm_), built as
// Note [in-place from out-of-place] in inplace_more.ts describes.
import type { Tensor } from '../../tensor/tensor.ts';
import { checkInplaceCast } from '../../tensor/dtype.ts';
import { sameShape } from '../../tensor/shape.ts';
import { RuntimeError } from '../../errors.ts';
import { anyNeedsGrad } from '../../autograd/record.ts';
import { writeBack } from '../elementwise.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { clone, copyValues } from '../copy.ts';
import { addbmm, addr, renorm } from './stats_extra.ts';

type BetaAlpha = { beta?: number; alpha?: number };

const shapeStr = (s: readonly number[]): string => `[${s.join(', ')}]`;

function inplaceFrom(self: Tensor, others: readonly Tensor[], compute: (src: Tensor) => Tensor, saves: boolean): void {
  checkInplace(self, others.find((o) => o.requires_grad) ?? null);
  const grad = anyNeedsGrad([self, ...others]);
  const src = grad ? clone(self) : self;
  const result = compute(src);
  checkInplaceCast(result.dtype, self.dtype);
  if (!sameShape(result._shape, self._shape)) {
    throw new RuntimeError(`Bad in-place call: input tensor size ${shapeStr(self._shape)} and output tensor size ${shapeStr(result._shape)} should match`);
  }
  writeBack(self, copyValues(result, self.dtype)._data);
  self._bumpVersion();
  const node = result._grad_fn;
  if (grad && node !== null) {
    rebaseHistory(self, node.name(), [self, ...others], (g, saved) => {
      if (saves) saved.get(0);
      return node.apply(g);
    }, saves ? [src] : []);
  }
}

export function addbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [batch1, batch2], (src) => addbmm(src, batch1, batch2, opts), batch1.requires_grad || batch2.requires_grad);
}
export function addr_(self: Tensor, vec1: Tensor, vec2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [vec1, vec2], (src) => addr(src, vec1, vec2, opts), vec1.requires_grad || vec2.requires_grad);
}
export function renorm_(self: Tensor, p: number, dim: number, maxnorm: number): void {
  inplaceFrom(self, [], (src) => renorm(src, p, dim, maxnorm), true);
}
