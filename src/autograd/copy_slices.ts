// CopySlices (torch/csrc/autograd/functions/tensor.cpp): the grad_fn a base gets when one of
// its views is modified in place by a differentiable op `fn`. The base's gradient flows
// through unchanged except on the view's elements, which go through fn.
import { Tensor } from '../tensor/tensor.ts';
import { Node, type Edge, type FunctionNode } from './node.ts';

export class CopySlices extends Node {
  constructor(
    baseEdge: Edge,
    private readonly base: { shape: number[]; stride: number[]; offset: number; storage: number },
    private readonly view: { shape: number[]; stride: number[]; offset: number },
    private readonly fn: FunctionNode,
  ) {
    super([baseEdge, ...fn.next_functions.slice(1)]);
  }
  name(): string {
    return 'torch::autograd::CopySlices';
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    const g = grads[0] as Tensor;
    // result = grad laid out like the base's storage; grad_slice = the view's part of it.
    const b = this.base;
    const result = new Tensor(new g.dtype.ArrayType(b.storage), b.shape.slice(), b.stride.slice(), b.offset, g.dtype);
    result.copy_(g);
    const slice = result.as_strided(this.view.shape, this.view.stride, this.view.offset);
    const res = this.fn.apply([slice.clone()]);
    const out: (Tensor | null)[] = [];
    const first = res[0];
    if (first != null) slice.copy_(first);
    else slice.zero_();
    out.push(result);
    for (let i = 1; i < res.length; i++) out.push(res[i] ?? null);
    return out;
  }
  override _release(): void {
    this.fn._release();
  }
}
