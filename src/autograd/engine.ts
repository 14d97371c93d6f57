// The backward engine (torch/csrc/autograd/engine.cpp): dependency counting, a ready queue
// ordered by sequence number, input buffers that sum gradients, shape validation with sum_to,
// hooks, retain_grad, accumulation into leaves and freeing of saved tensors. No recursion:
// a 100,000-op chain runs in constant stack depth.
import type { Tensor } from '../tensor/tensor.ts';
import { RuntimeError } from '../errors.ts';
import { AccumulateGrad, type Edge, type GradHook, type Node } from './node.ts';
import { set_grad_enabled } from './grad_mode.ts';
import { add } from '../ops/pointwise/arithmetic.ts';
import { sum_to, isExpandableTo } from '../ops/reduce/reduce.ts';
import { clone, _to_dtype } from '../ops/copy.ts';
import { empty_of, empty_strided_of, zeros_of } from '../ops/alloc.ts';
import { isNonOverlappingAndDense } from '../tensor/like_factories.ts';
import { copy_ } from '../ops/inplace.ts';

export interface BackwardTask {
  roots: Edge[];
  rootGrads: Tensor[];
  keepGraph: boolean;
  createGraph: boolean;
  /** autograd.grad: edges whose incoming gradient is returned (leaves: their AccumulateGrad). */
  captures: Edge[] | null;
  /** backward(inputs=…): only these tensors get `.grad`. */
  accumulateOnly: Tensor[] | null;
}

/** Max-heap of nodes by sequence number: the most recently created ready node runs first. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h[p] as Node)._sequence_nr >= n._sequence_nr) break;
      h[i] = h[p] as Node;
      i = p;
    }
    h[i] = n;
  }
  pop(): Node {
    const h = this.heap;
    const top = h[0] as Node;
    const last = h.pop() as Node;
    if (h.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= h.length) break;
        const r = l + 1;
        const c = r < h.length && (h[r] as Node)._sequence_nr > (h[l] as Node)._sequence_nr ? r : l;
        if ((h[c] as Node)._sequence_nr <= last._sequence_nr) break;
        h[i] = h[c] as Node;
        i = c;
      }
      h[i] = last;
    }
    return top;
  }
}

function accumulateInto(t: Tensor, g: Tensor, createGraph: boolean): void {
  // AccumulateGrad::accumulateGrad: the first gradient is stored (a copy, so later in-place
  // accumulation never writes into a tensor the caller holds), laid out as the variable
  // (clone_obey_contract: `empty_strided(...).copy_(g)`; with create_graph `.grad` so gets a
  // CopyBackwards grad_fn);
  // later ones are added in place, or out of place when building a graph of the gradient.
  const old = t._grad;
  if (old === null) {
    t._grad = copyObeyingContract(createGraph ? g : g.detach(), t);
  } else if (createGraph) {
    t._grad = add(old, g);
  } else {
    set_grad_enabled(false, () => old.add_(g));
  }
}

/** clone_obey_contract: a copy of g laid out as the variable when that is dense, else row-major. */
function copyObeyingContract(g: Tensor, like: Tensor): Tensor {
  const out = isNonOverlappingAndDense(like._shape, like._stride)
    ? empty_strided_of(like._shape, like._stride, like.dtype)
    : empty_of(like._shape, like.dtype);
  copy_(out, g);
  return out;
}

/** retain_grad's hook (VariableHooks::retain_grad): a copy first, then out-of-place sums. */
function retainInto(t: Tensor, g: Tensor): void {
  t._grad = t._grad === null ? clone(g) : add(t._grad, g);
}

function runHooks(hooks: readonly GradHook[] | undefined | null, g: Tensor): Tensor {
  if (!hooks) return g;
  let cur = g;
  for (const h of hooks.slice()) {
    const r = h(cur);
    if (r != null) cur = r;
  }
  return cur;
}

/** validate_outputs: a gradient must match its input's metadata, up to broadcasting (sum_to). */
function validate(node: Node, i: number, g: Tensor, next: Node, nr: number): Tensor {
  const meta = next._meta[nr];
  if (!meta) return g;
  let out = g;
  const shape = meta.shape;
  if (out._shape.length !== shape.length || out._shape.some((d, k) => d !== shape[k])) {
    if (!isExpandableTo(shape, out._shape)) {
      throw new RuntimeError(
        `Function ${node.name()} returned an invalid gradient at index ${i} - got [${out._shape.join(', ')}] but expected shape compatible with [${shape.join(', ')}]`,
      );
    }
    out = sum_to(out, shape);
  }
  if (out.dtype !== meta.dtype) out = _to_dtype(out, meta.dtype, false);
  return out;
}

/** Runs one backward pass; returns the captured gradients (for autograd.grad). */
export function runBackward(task: BackwardTask): (Tensor | null)[] {
  const { roots, rootGrads, keepGraph, createGraph, captures, accumulateOnly } = task;

  // 1. Dependencies: how many edges lead into each node reachable from the roots.
  const deps = new Map<Node, number>();
  const stack: Node[] = [];
  for (const [n] of roots) {
    if (n === null) continue;
    deps.set(n, (deps.get(n) ?? 0) + 1);
    if ((deps.get(n) as number) === 1) stack.push(n);
  }
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    for (const [m] of n.next_functions) {
      if (m === null) continue;
      const d = deps.get(m);
      deps.set(m, (d ?? 0) + 1);
      if (d === undefined) stack.push(m);
    }
  }

  // 2. With targets (autograd.grad / backward(inputs=…)), only nodes on a path to one run.
  let needed: Set<Node> | null = null;
  const captureAt = new Map<Node, [number, number][]>();
  if (captures !== null || accumulateOnly !== null) {
    // Captured nodes only receive their gradient; nodes to run are those leading to one,
    // plus the accumulators of backward(inputs=…).
    const captureTargets = new Set<Node>();
    const runTargets = new Set<Node>();
    if (captures) {
      captures.forEach(([n, nr], idx) => {
        if (n === null) return;
        captureTargets.add(n);
        let l = captureAt.get(n);
        if (!l) captureAt.set(n, (l = []));
        l.push([nr, idx]);
      });
    }
    if (accumulateOnly) {
      // A non-leaf input gets its .grad through retain_grad (set by autograd.backward), so its
      // grad_fn runs, as PyTorch runs it.
      for (const t of accumulateOnly) runTargets.add(t.grad_fn ?? t._gradAccumulator());
    }
    needed = markNeeded(roots, runTargets, captureTargets);
  }

  // 3. Run the ready queue.
  const buffers = new Map<Node, (Tensor | null)[]>();
  const captured: (Tensor | null)[] = captures ? new Array(captures.length).fill(null) : [];
  const queue = new ReadyQueue();
  const deliver = (n: Node, nr: number, g: Tensor | null): void => {
    let buf = buffers.get(n);
    if (!buf) buffers.set(n, (buf = new Array(Math.max(n._meta.length, nr + 1)).fill(null)));
    if (g !== null) {
      const old = buf[nr];
      buf[nr] = old == null ? g : add(old, g);
    }
    const d = (deps.get(n) as number) - 1;
    deps.set(n, d);
    if (d === 0) queue.push(n);
  };

  set_grad_enabled(createGraph, () => {
    roots.forEach(([n, nr], i) => {
      if (n === null) return;
      // validate_outputs on the roots: a gradient of another dtype is cast to the output's.
      let g = rootGrads[i] as Tensor;
      const meta = n._meta[nr];
      if (meta && g.dtype !== meta.dtype) g = _to_dtype(g, meta.dtype, false);
      deliver(n, nr, g);
    });
    while (queue.size > 0) {
      const node = queue.pop();
      const buf = buffers.get(node) ?? [];
      buffers.delete(node);
      // autograd.grad captures what arrives, before the node's pre-hooks (PyTorch 1.13's
      // evaluate_function), and a node nobody needs stops there.
      const caps = captureAt.get(node);
      if (caps) for (const [nr, idx] of caps) captured[idx] = buf[nr] ?? null;
      if (needed !== null && !needed.has(node)) continue;
      // Tensor hooks on non-leaves and retain_grad see the gradient before the node runs, in
      // the order they were first registered (Node._retainFirst).
      if (node._preHooks || node._retainGrad) {
        for (let k = 0; k < buf.length; k++) {
          let g = buf[k];
          if (g == null) continue;
          const keep = node._retainGrad?.get(k)?.deref();
          const retainFirst = node._retainFirst?.has(k) ?? false;
          if (keep && retainFirst) retainInto(keep, g);
          g = runHooks(node._preHooks?.get(k), g);
          if (keep && !retainFirst) retainInto(keep, g);
          buf[k] = g;
        }
      }
      if (node instanceof AccumulateGrad) {
        const g = buf[0];
        if (g == null) continue;
        const v = node.variable;
        const hooked = runHooks(node._hooks, g);
        if (accumulateOnly === null || accumulateOnly.includes(v)) accumulateInto(v, hooked, createGraph);
        continue;
      }
      let outs: (Tensor | null)[];
      if (node._acceptsUndefinedGrads) {
        outs = node.apply(node._meta.map((_m, k) => buf[k] ?? null));
        if (!keepGraph) node._release();
      } else if (buf.every((g) => g == null)) {
        outs = new Array(node.next_functions.length).fill(null);
      } else {
        // Missing gradients of multi-output nodes are zeros, as PyTorch materialises them.
        const grads = node._meta.map((m, k) => buf[k] ?? zeros_of(m.shape, m.dtype));
        outs = node.apply(grads);
        if (!keepGraph) node._release();
      }
      const next = node.next_functions;
      for (let i = 0; i < next.length; i++) {
        const [m, nr] = next[i] as Edge;
        if (m === null) continue;
        const g = outs[i];
        deliver(m, nr, g == null ? null : validate(node, i, g, m, nr));
      }
    }
  });
  return captured;
}

/**
 * The nodes that must run: run targets, and nodes with an edge into a needed node or a
 * captured one (iterative post-order walk).
 */
function markNeeded(roots: Edge[], runTargets: Set<Node>, captureTargets: Set<Node>): Set<Node> {
  const needed = new Set<Node>();
  const visited = new Set<Node>();
  const stack: [Node, number][] = [];
  for (const [r] of roots) {
    if (r === null || visited.has(r)) continue;
    visited.add(r);
    stack.push([r, 0]);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as [Node, number];
      const [n, i] = top;
      const nf = n.next_functions;
      if (i < nf.length) {
        top[1] = i + 1;
        const m = (nf[i] as Edge)[0];
        if (m !== null && !visited.has(m)) {
          visited.add(m);
          stack.push([m, 0]);
        }
        continue;
      }
      stack.pop();
      if (runTargets.has(n) || nf.some(([m]) => m !== null && (needed.has(m) || captureTargets.has(m)))) needed.add(n);
    }
  }
  return needed;
}
