// In-place forms of stats_extra.ts's ops (addbmm_, addr_, renorm_), built as
// Note [in-place from out-of-place] in ../inplace.ts describes (inplaceFrom).
import type { Tensor } from '../../tensor/tensor.ts';
import { inplaceFrom } from '../inplace.ts';
import { addbmm, addr, renorm } from './stats_extra.ts';

type BetaAlpha = { beta?: number; alpha?: number };

export function addbmm_(self: Tensor, batch1: Tensor, batch2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [batch1, batch2], (src) => addbmm(src, batch1, batch2, opts), batch1.requires_grad || batch2.requires_grad);
}
export function addr_(self: Tensor, vec1: Tensor, vec2: Tensor, opts?: BetaAlpha): void {
  inplaceFrom(self, [vec1, vec2], (src) => addr(src, vec1, vec2, opts), vec1.requires_grad || vec2.requires_grad);
}
export function renorm_(self: Tensor, p: number, dim: number, maxnorm: number): void {
  inplaceFrom(self, [], (src) => renorm(src, p, dim, maxnorm), true);
}
