// add, sub, rsub, mul, div, pow and their in-place forms (derivatives.yaml entries of the same
// names). Numbers in either position act as Python scalars (porting rules 4 and 5).
import { Tensor } from '../../tensor/tensor.ts';
import { float64, get_default_dtype, type dtype } from '../../tensor/dtype.ts';
import { RuntimeError } from '../../errors.ts';
import { needsGrad, record } from '../../autograd/record.ts';
import type { SavedList } from '../../autograd/node.ts';
import { scalar_of } from '../alloc.ts';
import { binaryForward, resultType2, type Scalar, type TensorOrScalar } from '../elementwise.ts';
import { applyInplace } from '../inplace.ts';
import { where_, zerosLikeValue } from './select_where.ts';
import { logical_and } from './compare.ts';
// Named kernels: the backend recognises them and runs specialised loops (see cpu.ts).
import { ADD, SUB, MUL, DIV } from '../../backends/cpu.ts';

type AlphaOpt = { alpha?: number } | number | undefined;

function alphaOf(opts: AlphaOpt): number {
  if (opts === undefined) return 1;
  if (typeof opts === 'number') return opts;
  return opts.alpha ?? 1;
}

function checkAlpha(dt: dtype, alpha: number): void {
  if (!dt.is_floating_point && !Number.isInteger(alpha)) {
    throw new RuntimeError('For integral input tensors, argument alpha must not be a floating point number.');
  }
  if (dt.name === 'bool' && alpha !== 1 && alpha !== 0 && typeof alpha === 'number') {
    // PyTorch accepts bool alpha only; an integer alpha on bool tensors is a type error.
    throw new RuntimeError('Boolean alpha only supported for Boolean results.');
  }
}

function checkBoolSub(a: TensorOrScalar, b: TensorOrScalar): void {
  const isBool = (x: TensorOrScalar) => (x instanceof Tensor ? x.dtype.name === 'bool' : typeof x === 'boolean');
  if (isBool(a) && isBool(b)) {
    throw new RuntimeError(
      'Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.',
    );
  }
  if (isBool(a) || isBool(b)) {
    throw new RuntimeError(
      'Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
    );
  }
}

// A Python number operand is saved for backward as PyTorch saves it (a wrapped 0-dim tensor),
// so that a freed graph fails the same way; the formula still computes with the number.
function wrapped(v: Scalar): Tensor {
  return scalar_of(Number(v), float64);
}
function savedScalar(s: SavedList, i: number, v: Scalar): Scalar {
  s.get(i);
  return v;
}

function tensorOf(x: TensorOrScalar): Tensor | null {
  return x instanceof Tensor ? x : null;
}

export function add(a: TensorOrScalar, b: TensorOrScalar, opts?: AlphaOpt): Tensor {
  const alpha = alphaOf(opts);
  // `2 + a` is Python's `a.__radd__(2)` = `a.add(2)`: the tensor is the node's first input.
  if (alpha === 1 && !(a instanceof Tensor) && b instanceof Tensor) return add(b, a);
  const dt = resultType2(a, b);
  checkAlpha(dt, alpha);
  const out = alpha === 1
    ? binaryForward(a, b, dt, ADD)
    : binaryForward(a, b, dt, (x, y) => x + alpha * y);
  const ta = tensorOf(a);
  const tb = tensorOf(b);
  if (needsGrad(ta, tb)) {
    record('AddBackward0', [ta, tb], out, (g, _s, n) => [
      n.needs[0] ? (g[0] as Tensor) : null,
      n.needs[1] ? (alpha === 1 ? (g[0] as Tensor) : mul(g[0] as Tensor, alpha)) : null,
    ]);
  }
  return out;
}

/** `a - b`; with a number first it is `b.rsub(a)`, as Python's `1 - a` (RsubBackward1). */
export function sub(a: TensorOrScalar, b: TensorOrScalar, opts?: AlphaOpt): Tensor {
  if (!(a instanceof Tensor) && b instanceof Tensor) return rsub(b, a, opts);
  const alpha = alphaOf(opts);
  checkBoolSub(a, b);
  const dt = resultType2(a, b);
  checkAlpha(dt, alpha);
  const out = binaryForward(a, b, dt, alpha === 1 ? SUB : (x, y) => x - alpha * y);
  const ta = tensorOf(a);
  const tb = tensorOf(b);
  if (needsGrad(ta, tb)) {
    record('SubBackward0', [ta, tb], out, (g, _s, n) => [
      n.needs[0] ? (g[0] as Tensor) : null,
      n.needs[1] ? mul(g[0] as Tensor, -alpha) : null,
    ]);
  }
  return out;
}

/** rsub(self, other, alpha) = other − alpha·self. */
export function rsub(self: Tensor, other: TensorOrScalar, opts?: AlphaOpt): Tensor {
  const alpha = alphaOf(opts);
  checkBoolSub(self, other);
  const dt = resultType2(self, other);
  checkAlpha(dt, alpha);
  const out = binaryForward(self, other, dt, (x, y) => y - alpha * x);
  const to = tensorOf(other);
  if (needsGrad(self, to)) {
    if (to === null) {
      record('RsubBackward1', [self], out, (g) => [mul(g[0] as Tensor, -alpha)]);
    } else {
      record('RsubBackward0', [self, to], out, (g, _s, n) => [
        n.needs[0] ? mul(g[0] as Tensor, -alpha) : null,
        n.needs[1] ? (g[0] as Tensor) : null,
      ]);
    }
  }
  return out;
}

export function mul(a: TensorOrScalar, b: TensorOrScalar): Tensor {
  // `2 * a` is Python's `a.__rmul__(2)` = `a.mul(2)`: the tensor is the node's first input.
  if (!(a instanceof Tensor) && b instanceof Tensor) return mul(b, a);
  const dt = resultType2(a, b);
  const out = binaryForward(a, b, dt, dt.name === 'bool' ? (x, y) => x & y : MUL);
  const ta = tensorOf(a);
  const tb = tensorOf(b);
  if (needsGrad(ta, tb)) {
    // Each side's gradient needs the other side's value (saved only when needed).
    const needA = ta !== null && ta.requires_grad;
    const needB = tb !== null && tb.requires_grad;
    record(
      'MulBackward0',
      [ta, tb],
      out,
      (g, s, n) => [
        n.needs[0] ? mul(g[0] as Tensor, tb === null ? savedScalar(s, 1, b as Scalar) : s.get(1)) : null,
        n.needs[1] ? mul(g[0] as Tensor, ta === null ? savedScalar(s, 0, a as Scalar) : s.get(0)) : null,
      ],
      [needB ? (ta ?? wrapped(a as Scalar)) : null, needA ? (tb ?? wrapped(b as Scalar)) : null],
    );
  }
  return out;
}

export function div(a: TensorOrScalar, b: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): Tensor {
  const mode = opts?.rounding_mode ?? null;
  if (mode === null && !(a instanceof Tensor) && b instanceof Tensor) {
    // Python's `2 / a` is `a.reciprocal() * 2` (grad_fn MulBackward0). (Unary ops are reached
    // through Tensor methods here: unary.ts imports this file for its backward formulas.)
    return mul(b.reciprocal(), a);
  }
  let dt = resultType2(a, b);
  if (mode === null) {
    if (!dt.is_floating_point) dt = get_default_dtype();
  } else if (mode !== 'trunc' && mode !== 'floor') {
    throw new RuntimeError(`div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '${String(mode)}'`);
  }
  const isInt = !dt.is_floating_point;
  let f: (x: number, y: number) => number;
  if (mode === null) f = DIV;
  else if (isInt) {
    f = (x, y) => {
      if (y === 0) throw new RuntimeError('ZeroDivisionError');
      const q = x / y;
      return mode === 'trunc' ? Math.trunc(q) : Math.floor(q);
    };
  } else if (mode === 'trunc') f = (x, y) => Math.trunc(x / y);
  else f = floorDivideFloat;
  const out = binaryForward(a, b, dt, f);
  const ta = tensorOf(a);
  const tb = tensorOf(b);
  if (needsGrad(ta, tb)) {
    if (mode !== null) {
      // Rounded division is piecewise constant: zero gradient on both sides.
      record('DivBackward2', [ta, tb], out, (g, _s, n) => [
        n.needs[0] ? zerosLikeValue(g[0] as Tensor) : null,
        n.needs[1] ? zerosLikeValue(g[0] as Tensor) : null,
      ]);
    } else {
      const needA = ta !== null && ta.requires_grad;
      const needB = tb !== null && tb.requires_grad;
      record(
        'DivBackward0',
        [ta, tb],
        out,
        (g, s, n) => {
          const other: TensorOrScalar = tb === null ? savedScalar(s, 1, b as Scalar) : s.get(1);
          const gs = g[0] as Tensor;
          return [
            n.needs[0] ? div(gs, other) : null,
            // div_tensor_other_backward: -grad * ((self / other) / other)
            n.needs[1] ? mul(gs.neg(), div(div(ta === null ? (a as Scalar) : s.get(0), other), other)) : null,
          ];
        },
        [needB ? ta : null, tb !== null ? (needA || needB ? tb : null) : needA ? wrapped(b as Scalar) : null],
      );
    }
  }
  return out;
}

/** Python's float floor division (div_floor_floating in ATen). */
function floorDivideFloat(a: number, b: number): number {
  if (b === 0) return a / b;
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = Math.sign(a / b) * 0;
  }
  return floordiv;
}

export function pow(self: TensorOrScalar, exponent: TensorOrScalar): Tensor {
  if (!(self instanceof Tensor)) {
    if (!(exponent instanceof Tensor)) throw new RuntimeError('pow expects at least one tensor');
    return powScalarBase(self, exponent);
  }
  const dt = resultType2(self, exponent);
  if (!dt.is_floating_point) checkIntPow(exponent);
  const f = dt.is_floating_point ? Math.pow : intPow;
  const out = binaryForward(self, exponent, dt, f);
  if (exponent instanceof Tensor) {
    if (needsGrad(self, exponent)) {
      record(
        'PowBackward1',
        [self, exponent],
        out,
        (g, s, n) => {
          const x = s.get(0);
          const e = s.get(1);
          const gs = g[0] as Tensor;
          return [
            // pow_backward_self: where(e == 0, 0, g·e·x^(e−1))
            n.needs[0] ? where_(e.eq(0), 0, mul(gs, mul(e, pow(x, sub(e, 1))))) : null,
            // pow_backward_exponent: g·where(x == 0 & e >= 0, 0, y·ln x)
            n.needs[1] ? mul(gs, where_(logical_and(x.eq(0), e.ge(0)), 0, mul(s.get(2), x.log()))) : null,
          ];
        },
        [self, exponent, out],
      );
    }
  } else if (needsGrad(self)) {
    const e = typeof exponent === 'boolean' ? Number(exponent) : exponent;
    record(
      'PowBackward0',
      [self],
      out,
      (g, s) => [e === 0 ? zerosLikeValue(g[0] as Tensor) : mul(g[0] as Tensor, mul(pow(s.get(0), e - 1), e))],
      [self],
    );
  }
  return out;
}

function powScalarBase(base: Scalar, exponent: Tensor): Tensor {
  const dt = resultType2(base, exponent);
  if (!dt.is_floating_point) checkIntPow(exponent);
  const b = Number(base);
  const out = binaryForward(base, exponent, dt, dt.is_floating_point ? Math.pow : intPow);
  if (needsGrad(exponent)) {
    // pow.Scalar: grad·y·ln(base), zero where base == 0 and exponent >= 0 (PyTorch names it PowBackward1).
    record(
      'PowBackward1',
      [null, exponent],
      out,
      (g, s) => {
        const y = s.get(1);
        const term = b === 0 ? where_(s.get(0).ge(0), 0, mul(y, Math.log(b))) : mul(y, Math.log(b));
        return [null, mul(g[0] as Tensor, term)];
      },
      [exponent, out],
    );
  }
  return out;
}

function checkIntPow(exponent: TensorOrScalar): void {
  if (typeof exponent === 'number' && Number.isInteger(exponent) && exponent < 0) {
    throw new RuntimeError('Integers to negative integer powers are not allowed.');
  }
}

function intPow(x: number, e: number): number {
  if (e < 0) {
    if (x === 1) return 1;
    if (x === -1) return e % 2 === 0 ? 1 : -1;
    throw new RuntimeError('Integers to negative integer powers are not allowed.');
  }
  let r = 1;
  let base = x;
  let k = e;
  while (k > 0) {
    if (k & 1) r *= base;
    base *= base;
    k >>= 1;
  }
  return r;
}

// ---- in-place forms ------------------------------------------------------------------------

export function add_(self: Tensor, other: TensorOrScalar, opts?: AlphaOpt): void {
  const alpha = alphaOf(opts);
  const dt = resultType2(self, other);
  checkAlpha(dt, alpha);
  applyInplace(self, other, dt, alpha === 1 ? ADD : (x, y) => x + alpha * y, 'AddBackward0', (g, n) => [
    g,
    n.needs[1] ? (alpha === 1 ? g : mul(g, alpha)) : null,
  ]);
}

export function sub_(self: Tensor, other: TensorOrScalar, opts?: AlphaOpt): void {
  const alpha = alphaOf(opts);
  checkBoolSub(self, other);
  const dt = resultType2(self, other);
  checkAlpha(dt, alpha);
  applyInplace(self, other, dt, alpha === 1 ? SUB : (x, y) => x - alpha * y, 'SubBackward0', (g, n) => [g, n.needs[1] ? mul(g, -alpha) : null]);
}

export function mul_(self: Tensor, other: TensorOrScalar): void {
  const dt = resultType2(self, other);
  applyInplace(self, other, dt, MUL, 'MulBackward0', (g, n, orig, o) => [
    mul(g, o ?? (other as Scalar)),
    n.needs[1] ? mul(g, orig as Tensor) : null,
  ]);
}

export function div_(self: Tensor, other: TensorOrScalar, opts?: { rounding_mode?: 'trunc' | 'floor' | null }): void {
  const mode = opts?.rounding_mode ?? null;
  let dt = resultType2(self, other);
  if (mode === null && !dt.is_floating_point) dt = get_default_dtype();
  if (mode !== null) {
    const r = div(self.detach(), other instanceof Tensor ? other.detach() : other, opts);
    applyInplace(self, r, dt, (_x, y) => y, 'DivBackward2', (g, n) => [zerosLikeValue(g), n.needs[1] ? zerosLikeValue(g) : null], other instanceof Tensor ? other : null);
    return;
  }
  applyInplace(self, other, dt, DIV, 'DivBackward0', (g, n, orig, o) => {
    const den: TensorOrScalar = o ?? (other as Scalar);
    return [div(g, den), n.needs[1] ? mul(g.neg(), div(div(orig as Tensor, den), den)) : null];
  });
}
