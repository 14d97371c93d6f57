// Connecting op outputs to the graph. Every differentiable op calls `record` after computing
// its forward; the engine (engine.ts) owns everything that happens at backward time.
import type { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { is_grad_enabled, is_inference_mode_enabled } from './grad_mode.ts';
import { FunctionNode, SavedList, SavedVariable, type BackwardFn, type Edge, type Node } from './node.ts';

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
  refreshViewGradFn(t);
  if (t._grad_fn !== null) return [t._grad_fn, t._output_nr];
  if (t._requires_grad) return [t._gradAccumulator(), 0];
  return [null, 0];
}

// Note [view + in-place]: a view's grad_fn describes how it was read from its base at the
// version it was made. Once the base or any view of it is changed in place (the version
// counter they share moves on), the view's values come from the base's new history, so its
// grad_fn is remade as an AsStridedBackward0 on the base's current grad_fn the next time it is
// read, as PyTorch's VariableHooks::grad_fn does. `attrVersion` is the version each view's
// grad_fn was made at.
const attrVersion = new WeakMap<Tensor, number>();
let makeViewGradFn: ((view: Tensor) => void) | null = null;

// PyTorch's CreationMeta: views made under no_grad or inference_mode (of normal tensors), and
// the outputs of functions returning several views (split, chunk, unbind: MULTI_OUTPUT_NODE),
// may not be pulled into the graph by an in-place change; absent means DEFAULT.
type CreationMeta = 'no_grad' | 'inference' | { multiOutputOf: string; outputNr: number };
const creationMeta = new WeakMap<Tensor, CreationMeta>();

/** Called for every new view (src/ops/shape/views.ts makeView). */
export function noteViewCreated(view: Tensor): void {
  attrVersion.set(view, view._vc.v);
  if (is_inference_mode_enabled()) {
    if (!view._is_inference) creationMeta.set(view, 'inference');
  } else if (!is_grad_enabled()) {
    creationMeta.set(view, 'no_grad');
  }
}

/** Marks the views a multi-view function returned with their grad_fn (CreationMeta::MULTI_OUTPUT_NODE). */
export function noteMultiOutputViews(views: readonly Tensor[]): void {
  for (const v of views) {
    if (v._grad_fn !== null) creationMeta.set(v, { multiOutputOf: v._grad_fn.name(), outputNr: v._output_nr });
  }
}

/**
 * handle_view_on_rebase: the error for a view that may not be changed in place (`indirect`:
 * through its base or another view), or null when the change is allowed.
 */
export function viewRebaseError(view: Tensor, indirect: boolean): string | null {
  const meta = creationMeta.get(view);
  if (meta === undefined) return null;
  const modified = indirect ? 'its base or another view of its base has been' : 'is being';
  if (typeof meta === 'object') {
    return (
      `Output ${meta.outputNr} of ${meta.multiOutputOf} is a view and ${modified} modified inplace. This view is the output of a function that returns multiple views. ` +
      'Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.'
    );
  }
  const block = meta === 'inference' ? 'inference_mode' : 'no_grad';
  const head =
    meta === 'inference'
      ? `A view was created in inference mode and ${modified} modified inplace in normal mode.`
      : `A view was created in no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  return (
    `${head} Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both ` +
    `inside the ${block} block (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).`
  );
}

/** Installs how a view's grad_fn is remade (src/ops/inplace.ts, which has the view ops). */
export function setViewGradFnMaker(f: (view: Tensor) => void): void {
  makeViewGradFn = f;
}

/** Remakes a view's grad_fn when the version it was made at is gone (Note [view + in-place]). */
export function refreshViewGradFn(t: Tensor): void {
  const base = t._base;
  if (base === null || makeViewGradFn === null) return;
  const made = attrVersion.get(t);
  if (made === undefined || made === t._vc.v) return;
  if (t._grad_fn === null && !base.requires_grad) return;
  const error = viewRebaseError(t, true);
  if (error !== null) throw new RuntimeError(error);
  makeViewGradFn(t);
}

/**
 * Makes `node` the grad_fn of `t` (output `nr`). A non-leaf that retains its grad keeps doing so
 * on the new node (PyTorch's update_cpp_hooks_on_new_gradfn), and a view remembers the version
 * its grad_fn belongs to.
 */
export function setGradFn(t: Tensor, node: Node, nr: number): void {
  const old = t._grad_fn;
  if (t._retains_grad && old !== null && old !== node) {
    old._retainGrad?.delete(t._output_nr);
    old._retainFirst?.delete(t._output_nr);
  }
  t._grad_fn = node;
  t._output_nr = nr;
  if (t._retains_grad && old !== node) registerRetainGrad(t, node, nr);
  if (t._base !== null) attrVersion.set(t, t._vc.v);
}

/** retain_grad's hook on `node` for output `nr` (see Node._retainFirst for its order). */
export function registerRetainGrad(t: Tensor, node: Node, nr: number): void {
  node._retainGrad ??= new Map();
  node._retainGrad.set(nr, new WeakRef(t));
  if (!(node._preHooks?.has(nr) ?? false)) (node._retainFirst ??= new Set()).add(nr);
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
  edges?: Edge[],
): FunctionNode {
  const outs = Array.isArray(outputs) ? (outputs as readonly Tensor[]) : [outputs as Tensor];
  const next: Edge[] = edges ?? inputs.map(gradientEdge);
  const node = new FunctionNode(name, next, backward, new SavedList([]), attrs);
  // Saved before the outputs get their history: saving can fail (inference tensors), and then
  // nothing is attached, as in PyTorch where saving happens before the op runs.
  const saved = new Array<SavedVariable | null>(save.length);
  for (let i = 0; i < save.length; i++) {
    const s = save[i];
    const outputNr = s == null ? -1 : outs.indexOf(s);
    saved[i] = s == null ? null : outputNr >= 0 ? new SavedVariable(s, node, outputNr) : new SavedVariable(s);
  }
  node._saved = new SavedList(saved);
  node._meta = new Array(outs.length);
  for (let i = 0; i < outs.length; i++) {
    const o = outs[i] as Tensor;
    node._meta[i] = { shape: o._shape.slice(), dtype: o.dtype };
    if (o.dtype.is_floating_point) setGradFn(o, node, i);
  }
  return node;
}

/**
 * The inputs' gradient edges as they were before an in-place write to `self` (PyTorch collects
 * an in-place op's edges before the op runs). The write has already bumped the version counter
 * that self shares with its views; a view among the inputs would otherwise look modified and get
 * a remade AsStridedBackward0 (Note [view + in-place]) instead of its own grad_fn.
 */
export function edgesBeforeWrite(inputs: readonly (Tensor | null | undefined)[], self: Tensor): Edge[] {
  const vc = self._vc;
  vc.v--;
  try {
    return inputs.map(gradientEdge);
  } finally {
    vc.v++;
  }
}

/** Marks tensors made under inference_mode (they can never join a graph later). */
export function markInference(t: Tensor): Tensor {
  if (is_inference_mode_enabled()) t._is_inference = true;
  return t;
}
