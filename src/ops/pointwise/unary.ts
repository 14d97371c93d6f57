// Pointwise unary ops with their derivatives.yaml formulas. Integer inputs of float ops
// compute in the default float dtype (int.exp() is float32).
import { Tensor } from '../../tensor/tensor.ts';
import { get_default_dtype, bool } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import type { BackwardFn } from '../../autograd/node.ts';
import { unaryForward, writeBack, unaryValues } from '../elementwise.ts';
import { checkInplace, rebaseHistory } from '../inplace.ts';
import { checkInplaceCast } from '../../tensor/dtype.ts';
import { mul, div, sub, pow } from './arithmetic.ts';
import { NEG, RECIPROCAL, RELU, SIGMOID } from '../../backends/cpu.ts';
import { where_, zerosLikeValue } from './select_where.ts';
import { no_grad } from '../../autograd/grad_mode.ts';
import { clone } from '../copy.ts';

type Formula = (g: Tensor, x: () => Tensor, y: () => Tensor) => Tensor;

interface UnaryDef {
  grad_fn: string;
  f: (x: number) => number;
  /** 'self' saves the input, 'result' the output (what the formula reads). */
  saves: 'self' | 'result' | 'none';
  backward: Formula;
  /** Keep integer dtypes (neg, abs) instead of computing in floats. */
  keepsIntegers?: boolean;
}

interface UnaryWithInplace {
  (x: Tensor): Tensor;
  /** The in-place form, `x.op_()`, from the same definition. */
  inplace: (self: Tensor) => void;
}

/** Defines one differentiable unary op (and its in-place form) from its kernel and formula. */
function defineUnary(def: UnaryDef): UnaryWithInplace {
  const backward: BackwardFn = (g, s) => [
    def.backward(
      g[0] as Tensor,
      () => s.get(0),
      () => s.get(0),
    ),
  ];
  const resultDtype = (x: Tensor) => (def.keepsIntegers || x.dtype.is_floating_point ? x.dtype : get_default_dtype());
  const op = (x: Tensor): Tensor => {
    const out = unaryForward(x, resultDtype(x), def.f);
    if (needsGrad(x)) {
      record(def.grad_fn, [x], out, backward, def.saves === 'self' ? [x] : def.saves === 'result' ? [out] : []);
    }
    return out;
  };
  const inplace = (self: Tensor): void => {
    checkInplace(self);
    checkInplaceCast(resultDtype(self), self.dtype);
    const grad = needsGrad(self);
    // A formula that reads the input needs its value from before the write; one that reads the
    // result saves self itself, so a later in-place change is caught by the version check.
    const original = grad && def.saves === 'self' ? clone(self) : null;
    writeBack(self, unaryValues(self, self.dtype, def.f));
    self._bumpVersion();
    if (grad) rebaseHistory(self, def.grad_fn, [self], backward, [def.saves === 'self' ? original : def.saves === 'result' ? self : null]);
  };
  return Object.assign(op, { inplace });
}

const NEG_BOOL =
  'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.';

const negImpl = defineUnary({
  grad_fn: 'NegBackward0',
  f: NEG,
  saves: 'none',
  keepsIntegers: true,
  backward: (g) => neg(g),
});
export function neg(x: Tensor): Tensor {
  if (x.dtype === bool) throw new RuntimeError(NEG_BOOL);
  return negImpl(x);
}
export function neg_(self: Tensor): void {
  if (self.dtype === bool) throw new RuntimeError(NEG_BOOL);
  negImpl.inplace(self);
}

export const exp = defineUnary({
  grad_fn: 'ExpBackward0',
  f: Math.exp,
  saves: 'result',
  backward: (g, _x, y) => mul(g, y()),
});

/** `x.exp_()`: in place; ExpBackward0 reads the result, i.e. the tensor after the write. */
export function exp_(self: Tensor): void {
  checkInplace(self);
  checkInplaceCast(self.dtype.is_floating_point ? self.dtype : get_default_dtype(), self.dtype);
  const grad = needsGrad(self);
  writeBack(self, unaryValues(self, self.dtype, Math.exp));
  self._bumpVersion();
  if (grad) rebaseHistory(self, 'ExpBackward0', [self], (g, s) => [mul(g[0] as Tensor, s.get(0))], [self]);
}

export const log = defineUnary({
  grad_fn: 'LogBackward0',
  f: Math.log,
  saves: 'self',
  backward: (g, x) => div(g, x()),
});

export const sqrt = defineUnary({
  grad_fn: 'SqrtBackward0',
  f: Math.sqrt,
  saves: 'result',
  // g / (2·y)
  backward: (g, _x, y) => div(g, mul(y(), 2)),
});

export const reciprocal = defineUnary({
  grad_fn: 'ReciprocalBackward0',
  f: RECIPROCAL,
  saves: 'result',
  // -g · y²  (PyTorch: -grad * (result * result).conj())
  backward: (g, _x, y) => mul(neg(g), mul(y(), y())),
});

export const sigmoid = defineUnary({
  grad_fn: 'SigmoidBackward0',
  f: SIGMOID,
  saves: 'result',
  // sigmoid_backward: g · (1 − y) · y
  backward: (g, _x, y) => mul(g, mul(sub(1, y()), y())),
});

export const tanh = defineUnary({
  grad_fn: 'TanhBackward0',
  f: Math.tanh,
  saves: 'result',
  // tanh_backward: g · (1 − y²)
  backward: (g, _x, y) => mul(g, sub(1, pow(y(), 2))),
});

const reluImpl = defineUnary({
  grad_fn: 'ReluBackward0',
  f: RELU,
  saves: 'result',
  keepsIntegers: true,
  backward: (g, _x, y) => threshold_backward(g, y(), 0),
});

/**
 * threshold_backward(g, self, threshold): g where self > threshold, else 0. It is an op of its
 * own in derivatives.yaml, differentiable in g and (with a zero gradient) in self, so relu's
 * gradient built with create_graph requires grad whenever relu's result does.
 */
export function threshold_backward(g: Tensor, self: Tensor, threshold: number): Tensor {
  const out = no_grad(() => where_(self.le(threshold), 0, g));
  if (needsGrad(g, self)) {
    record(
      'ThresholdBackwardBackward0',
      [g, self],
      out,
      (gg, s, node) => [
        node.needs[0] ? threshold_backward(gg[0] as Tensor, s.get(0), threshold) : null,
        node.needs[1] ? zerosLikeValue(gg[0] as Tensor) : null,
      ],
      [self],
    );
  }
  return out;
}
export function relu(x: Tensor): Tensor {
  if (x.dtype === bool) throw new RuntimeError('Boolean inputs not supported for relu');
  return reluImpl(x);
}
export function relu_(self: Tensor): void {
  if (self.dtype === bool) throw new RuntimeError('Boolean inputs not supported for relu');
  reluImpl.inplace(self);
}

// ---- in-place forms (Tensor.op_) ---------------------------------------------------------------

export const log_ = log.inplace;
export const sqrt_ = sqrt.inplace;
export const reciprocal_ = reciprocal.inplace;
export const sigmoid_ = sigmoid.inplace;
export const tanh_ = tanh.inplace;
