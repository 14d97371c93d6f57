// Graph nodes: one per differentiable op application (`grad_fn`), plus AccumulateGrad for
// leaves. Nodes hold edges to the nodes of their inputs; the engine (engine.ts) runs them.
import type { Tensor } from '../tensor/tensor.ts';
import type { dtype } from '../tensor/dtype.ts';
import { RuntimeError } from '../errors.ts';

export type Edge = [Node | null, number];
export type GradHook = (grad: Tensor) => Tensor | void | null | undefined;

/** Shape and dtype of a forward output, checked against the gradient that arrives for it. */
export interface InputMeta {
  shape: readonly number[];
  dtype: dtype;
}

// Note [sequence numbers]: nodes are numbered in creation order; the engine runs ready nodes
// most recent first, as PyTorch's ready queue does.
let nextSequenceNr = 0;

export abstract class Node {
  /** `[node, input_nr]` per forward input, as PyTorch's `next_functions`. */
  next_functions: Edge[];
  readonly _sequence_nr: number;
  /** Metadata of each forward output this node produces gradients for. */
  _meta: InputMeta[] = [];
  /** Hooks registered on forward outputs (`Tensor.register_hook` on non-leaves), by output_nr. */
  _preHooks: Map<number, GradHook[]> | null = null;
  /** Non-leaf tensors whose `.grad` is retained, by output_nr (see retain_grad). */
  _retainGrad: Map<number, WeakRef<Tensor>> | null = null;

  constructor(next: Edge[], sequenceNr = nextSequenceNr++) {
    this.next_functions = next;
    this._sequence_nr = sequenceNr;
  }
  abstract name(): string;
  /** Gradients w.r.t. each forward input, given gradients w.r.t. each forward output. */
  abstract apply(grads: (Tensor | null)[]): (Tensor | null)[];
  /** Frees saved tensors (after a backward without retain_graph). */
  _release(): void {}
  toString(): string {
    return `<${this.name()} object>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The node that accumulates into a leaf's `.grad`. */
export class AccumulateGrad extends Node {
  _hooks: GradHook[] | null = null;
  constructor(readonly variable: Tensor) {
    // AccumulateGrad runs as soon as it is ready (PyTorch gives it the largest sequence number).
    super([], Number.MAX_SAFE_INTEGER);
    this._meta = [{ shape: variable._shape, dtype: variable.dtype }];
  }
  name(): string {
    return 'torch::autograd::AccumulateGrad';
  }
  apply(): (Tensor | null)[] {
    throw new RuntimeError('AccumulateGrad is run by the engine');
  }
}

const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

/** A tensor saved for backward, with the version it had when saved (PyTorch's SavedVariable). */
export class SavedVariable {
  private tensor: Tensor | null;
  private readonly version: number;
  private readonly producerName: string | null;
  private readonly outputNr: number;
  constructor(t: Tensor, isOutputOf: Node | null = null) {
    this.tensor = t;
    this.version = t._vc.v;
    const producer = isOutputOf ?? t._grad_fn;
    this.producerName = producer ? producer.name() : null;
    this.outputNr = t._output_nr;
  }
  unpack(): Tensor {
    const t = this.tensor;
    if (t === null) throw new RuntimeError(FREED_MESSAGE);
    if (t._vc.v !== this.version) {
      const sizes = `[${t._shape.join(', ')}]`;
      const which = this.producerName ? `, which is output ${this.outputNr} of ${this.producerName},` : '';
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
          `[${t.dtype.legacyTypeName} ${sizes}]${which} is at version ${t._vc.v}; expected version ${this.version} instead. ` +
          'Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).',
      );
    }
    return t;
  }
  release(): void {
    this.tensor = null;
  }
}

export type BackwardFn = (grads: Tensor[], saved: SavedList, node: FunctionNode) => (Tensor | null)[];

/** Lazy access to saved tensors: only what a formula reads is version-checked. */
export class SavedList {
  constructor(private readonly items: (SavedVariable | null)[]) {}
  get(i: number): Tensor {
    const s = this.items[i];
    if (!s) throw new RuntimeError(FREED_MESSAGE);
    return s.unpack();
  }
  release(): void {
    for (const s of this.items) s?.release();
  }
}

/** The grad_fn of one op application: its PyTorch name, saved values and backward formula. */
export class FunctionNode extends Node {
  /** Which forward inputs need a gradient (PyTorch's needs_input_grad). */
  readonly needs: boolean[];
  /** Non-tensor values the formula needs (dims, scalars, shapes). */
  readonly attrs: Readonly<Record<string, unknown>>;
  _saved: SavedList;
  constructor(
    private readonly _name: string,
    next: Edge[],
    private readonly backwardFn: BackwardFn,
    saved: SavedList,
    attrs: Readonly<Record<string, unknown>>,
  ) {
    super(next);
    this.needs = next.map((e) => e[0] !== null);
    this._saved = saved;
    this.attrs = attrs;
  }
  name(): string {
    return this._name;
  }
  apply(grads: (Tensor | null)[]): (Tensor | null)[] {
    return this.backwardFn(grads as Tensor[], this._saved, this);
  }
  override _release(): void {
    this._saved.release();
  }
}

export { FREED_MESSAGE };
