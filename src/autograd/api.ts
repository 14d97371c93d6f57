// torch.autograd.backward / torch.autograd.grad / Tensor.backward (torch/autograd/__init__.py).
import { Tensor } from '../tensor/tensor.ts';
import { NotImplementedError, RuntimeError, ValueError, warnOnce } from '../errors.ts';
import { runBackward } from './engine.ts';
import { gradientEdge } from './record.ts';
import type { Edge } from './node.ts';
import { full_of } from '../ops/alloc.ts';

type Tensors = Tensor | readonly Tensor[];
type MaybeTensors = Tensor | null | readonly (Tensor | null)[];

function asList<T>(x: T | readonly T[]): T[] {
  return Array.isArray(x) ? (x as T[]).slice() : [x as T];
}

function sizeStr(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/**
 * Python's `list.index(item)`, which _make_grads uses to number the tensors in its message:
 * identity first, else `==`, whose tensor result must be one element to be truthy (PyTorch's
 * own message then fails with the tensor-to-bool error, which is what users see).
 */
function pyListIndex(list: readonly (Tensor | null)[], item: Tensor): number {
  for (let j = 0; j < list.length; j++) {
    const o = list[j];
    if (o === item) return j;
    if (o == null) continue;
    const same = o.eq(item);
    const n = same.numel();
    if (n !== 1) throw new RuntimeError(`Boolean value of Tensor with ${n === 0 ? 'no values' : 'more than one value'} is ambiguous`);
    if (same.item()) return j;
  }
  return -1;
}

/**
 * The gradients given for `n` outputs (none: all implicit). Fewer than the outputs is
 * run_backward's error; more are cut off, as _make_grads' zip does.
 */
function gradList(given: MaybeTensors | undefined, n: number): (Tensor | null)[] {
  if (given == null) return new Array<Tensor | null>(n).fill(null);
  const list = asList(given as Tensor | null | readonly (Tensor | null)[]);
  if (list.length < n) throw new RuntimeError(`got ${n} tensors and ${list.length} gradients`);
  return list.slice(0, n);
}

/** _make_grads: ones for one-element outputs, shape checks for given gradients. */
function makeGrads(outputs: Tensor[], grads: (Tensor | null)[]): (Tensor | null)[] {
  return outputs.map((out, i) => {
    const g = grads[i] ?? null;
    if (g !== null) {
      if (g._shape.length !== out._shape.length || g._shape.some((d, k) => d !== out._shape[k])) {
        const gi = pyListIndex(grads, g);
        const oi = pyListIndex(outputs, out);
        throw new RuntimeError(
          `Mismatch in shape: grad_output[${gi}] has a shape of ${sizeStr(g._shape)} and output[${oi}] has a shape of ${sizeStr(out._shape)}.`,
        );
      }
      // (The dtype check there is for complex tensors, which ts-torch does not have; other
      // dtypes are cast to the output's by the engine, as validate_outputs does.)
      return g;
    }
    if (out.requires_grad) {
      if (out.numel() !== 1) throw new RuntimeError('grad can be implicitly created only for scalar outputs');
      return full_of(out._shape, 1, out.dtype);
    }
    return null;
  });
}

function rootEdges(outputs: Tensor[]): Edge[] {
  return outputs.map((t, i) => {
    const e = gradientEdge(t);
    if (e[0] === null) throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    return e;
  });
}

export interface BackwardOptions {
  grad_tensors?: MaybeTensors;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  inputs?: Tensors | null;
}

/** torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph, inputs). */
export function backward(tensors: Tensors, grad_tensors?: MaybeTensors | BackwardOptions, opts?: BackwardOptions): void {
  let o: BackwardOptions = opts ?? {};
  let gt: MaybeTensors | undefined;
  if (grad_tensors != null && !(grad_tensors instanceof Tensor) && !Array.isArray(grad_tensors)) {
    o = grad_tensors as BackwardOptions;
    gt = o.grad_tensors;
  } else {
    gt = grad_tensors as MaybeTensors | undefined;
  }
  const outputs = asList(tensors);
  let inputs: Tensor[] | null = null;
  if (o.inputs != null) {
    inputs = asList(o.inputs);
    if (inputs.length === 0) throw new RuntimeError("'inputs' argument to backward() cannot be empty.");
  }
  const grads = makeGrads(outputs, gradList(gt, outputs.length));
  const createGraph = o.create_graph ?? false;
  const keepGraph = o.retain_graph ?? createGraph;
  const roots = rootEdges(outputs);
  if (inputs) {
    for (const t of inputs) {
      // python_engine.cpp: inputs of backward() get their .grad through retain_grad (a no-op
      // on leaves; it is also what rejects an input that does not require grad).
      t.retain_grad();
      if (!t.requires_grad) throw new RuntimeError('One of the differentiated Tensors does not require grad');
    }
  }
  if (createGraph) warnCreateGraphOnce();
  runBackward({ roots, rootGrads: grads as Tensor[], keepGraph, createGraph, captures: null, accumulateOnly: inputs });
}

let warnedCreateGraph = false;

/** Engine::execute's TORCH_WARN_ONCE: once per process, for backward() (not autograd.grad). */
function warnCreateGraphOnce(): void {
  if (warnedCreateGraph) return;
  warnedCreateGraph = true;
  warnOnce(
    'UserWarning',
    'Using backward() with create_graph=True will create a reference cycle between the parameter and its gradient which can cause a memory leak. ' +
      'We recommend using autograd.grad when creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of ' +
      'your parameters to None after use to break the cycle and avoid the leak.',
  );
}

/** Tensor.backward(gradient, { retain_graph, create_graph, inputs }). */
export function autograd_backward(self: Tensor, gradient: Tensor | null, opts?: BackwardOptions): void {
  backward([self], gradient === null ? null : [gradient], opts ?? {});
}

export interface GradOptions {
  grad_outputs?: MaybeTensors;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  allow_unused?: boolean;
  is_grads_batched?: boolean;
}

/**
 * torch.autograd.grad(outputs, inputs, grad_outputs, { retain_graph, create_graph, allow_unused }),
 * grad_outputs positionally or in the options.
 */
export function grad(outputs: Tensors, inputs: Tensors, opts?: GradOptions): (Tensor | null)[];
export function grad(outputs: Tensors, inputs: Tensors, grad_outputs: MaybeTensors | undefined, opts?: GradOptions): (Tensor | null)[];
export function grad(outputs: Tensors, inputs: Tensors, a?: MaybeTensors | GradOptions, b?: GradOptions): (Tensor | null)[] {
  let o: GradOptions = b ?? {};
  if (a != null && !(a instanceof Tensor) && !Array.isArray(a)) o = a as GradOptions;
  else if (a !== undefined) o = { ...o, grad_outputs: a as MaybeTensors };
  const outs = asList(outputs);
  const ins = asList(inputs);
  if (ins.length === 0) throw new ValueError('grad requires non-empty inputs.');
  if (o.is_grads_batched) throw new NotImplementedError('autograd.grad(is_grads_batched=True) needs vmap, which ts-torch does not have');
  const grads = makeGrads(outs, gradList(o.grad_outputs, outs.length));
  const createGraph = o.create_graph ?? false;
  const keepGraph = o.retain_graph ?? createGraph;
  const roots = rootEdges(outs);
  const captures = ins.map((t) => {
    if (!t.requires_grad) throw new RuntimeError('One of the differentiated Tensors does not require grad');
    return gradientEdge(t);
  });
  const result = runBackward({ roots, rootGrads: grads as Tensor[], keepGraph, createGraph, captures, accumulateOnly: null });
  if (!(o.allow_unused ?? false) && result.some((g) => g === null)) {
    throw new RuntimeError(
      'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
    );
  }
  // Gradients returned without create_graph are plain tensors outside any graph.
  return createGraph ? result : result.map((g) => (g === null ? null : g._grad_fn === null ? g : g.detach()));
}
