// Connecting op outputs to the graph. Every differentiable op calls `record` after computing
// its forward; the engine (engine.ts) owns everything that happens at backward time.
import type { Tensor } from '../tensor/tensor.ts';
import { is_grad_enabled, is_inference_mode_enabled } from './grad_mode.ts';
import { FunctionNode, SavedList, SavedVariable, type BackwardFn, type Edge } from './node.ts';

/** Whether an op with these inputs must record a grad_fn (grad mode on and an input requires grad). */
export function needsGrad(a: Tensor | null | undefined, b?: Tensor | null, c?: Tensor | null): boolean {
  if (!is_grad_enabled()) return false;
  return (a != null && a.requires_grad) || (b != null && b.requires_grad) || (c != null && c.requires_grad);
}

export function anyNeedsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!is_grad_enabled()) return false;
  for (const t of inputs) if (t != null && t.requires_grad) return true;
  return false;
}

/** PyTorch's gradient_edge: where a gradient for `t` flows (its grad_fn, or its AccumulateGrad). */
export function gradientEdge(t: Tensor | null | undefined): Edge {
  if (t == null) return [null, 0];
  if (t._grad_fn !== null) return [t._grad_fn, t._output_nr];
  if (t._requires_grad) return [t._gradAccumulator(), 0];
  return [null, 0];
}

/**
 * Records one op application: makes its grad_fn named `name` with edges to `inputs` (in
 * PyTorch's argument order; null for non-tensor arguments), saves `save` (outputs saved here
 * are recognised as such, for the version-counter error text), and attaches it to `outputs`.
 * Only floating outputs get the grad_fn (integer and bool outputs never require grad).
 */
export function record(
  name: string,
  inputs: readonly (Tensor | null | undefined)[],
  outputs: Tensor | readonly Tensor[],
  backward: BackwardFn,
  save: readonly (Tensor | null | undefined)[] = [],
  attrs: Readonly<Record<string, unknown>> = {},
): FunctionNode {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  const next: Edge[] = new Array(inputs.length);
  for (let i = 0; i < inputs.length; i++) next[i] = gradientEdge(inputs[i]);
  const node = new FunctionNode(name, next, backward, new SavedList([]), attrs);
  node._meta = new Array(outs.length);
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i] as Tensor;
    node._meta[i] = { shape: o._shape.slice(), dtype: o.dtype };
    if (o.dtype.is_floating_point) {
      o._grad_fn = node;
      o._output_nr = i;
    }
  }
  const saved = new Array<SavedVariable | null>(save.length);
  for (let i = 0; i < save.length; i++) {
    const s = save[i];
    saved[i] = s == null ? null : new SavedVariable(s, outs.includes(s) ? node : null);
  }
  node._saved = new SavedList(saved);
  return node;
}

/** Marks tensors made under inference_mode (they can never join a graph later). */
export function markInference(t: Tensor): Tensor {
  if (is_inference_mode_enabled()) t._is_inference = true;
  return t;
}
