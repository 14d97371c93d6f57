// Copies and conversions: clone, to(dtype), detach, tolist.
import { Tensor, type NestedList } from '../tensor/tensor.ts';
import { bool, castScalar, type dtype } from '../tensor/dtype.ts';
import { contiguousStrides, numelOf } from '../tensor/shape.ts';
import { gather, scatterInto } from '../backends/cpu.ts';
import { preserve_format, type memory_format } from '../tensor/memory_format.ts';
import { preservedStrides } from '../tensor/like_factories.ts';
import { needsGrad, record } from '../autograd/record.ts';

/** A dense row-major copy of t's values in dtype `dt` (no autograd). */
/** A tensor's values, dense in row-major order, in its own dtype's array type (a copy). */
export function denseValues(t: Tensor): ArrayLike<number> & Iterable<number> {
  return copyValues(t, t.dtype)._data as ArrayLike<number> & Iterable<number>;
}

export function copyValues(t: Tensor, dt: dtype): Tensor {
  const n = numelOf(t._shape);
  const data = new dt.ArrayType(n);
  if (dt === bool && t.dtype !== bool) {
    const tmp = new Float64Array(n);
    gather(view(t), tmp);
    for (let i = 0; i < n; i++) data[i] = tmp[i] !== 0 ? 1 : 0;
  } else if (dt.is_floating_point || !t.dtype.is_floating_point) {
    gather(view(t), data);
  } else {
    // float → integer is static_cast as it behaves on x86-64 (NaN and out-of-range values
    // follow the hardware: see castScalar).
    const tmp = new Float64Array(n);
    gather(view(t), tmp);
    for (let i = 0; i < n; i++) data[i] = castScalar(tmp[i] as number, dt);
  }
  return new Tensor(data, t._shape.slice(), contiguousStrides(t._shape), 0, dt);
}

export function view(t: Tensor): { data: Tensor['_data']; shape: number[]; stride: number[]; offset: number } {
  return { data: t._data, shape: t._shape, stride: t._stride, offset: t._offset };
}

/**
 * clone(memory_format): with preserve_format (the default) a dense input keeps its strides and
 * any other keeps its dim order (empty_like's rule); contiguous_format gives a row-major copy.
 */
export function clone(t: Tensor, opts?: { memory_format?: memory_format | null }): Tensor {
  const values = copyValues(t, t.dtype);
  let out = values;
  if ((opts?.memory_format ?? preserve_format) === preserve_format && !t.is_contiguous()) {
    out = new Tensor(new t.dtype.ArrayType(values._data.length), t._shape.slice(), preservedStrides(t), 0, t.dtype);
    scatterInto(view(out), values._data);
  }
  if (needsGrad(t)) record('CloneBackward0', [t], out, (g) => [g[0] as Tensor]);
  return out;
}

/** `to(dtype)`: the same tensor when nothing changes (and copy is false), else a converted copy. */
export function _to_dtype(t: Tensor, dt: dtype, copy: boolean): Tensor {
  if (dt === t.dtype && !copy) return t;
  const out = copyValues(t, dt);
  if (needsGrad(t) && dt.is_floating_point) {
    const from = t.dtype;
    record('ToCopyBackward0', [t], out, (g) => [_to_dtype(g[0] as Tensor, from, false)]);
  }
  return out;
}

export function detach(t: Tensor): Tensor {
  const out = new Tensor(t._data, t._shape.slice(), t._stride.slice(), t._offset, t.dtype, t._vc);
  out._is_inference = t._is_inference;
  return out;
}

export function tolist(t: Tensor): NestedList {
  const n = numelOf(t._shape);
  const flat = new Array<number>(n);
  gather(view(t), flat);
  const isBool = t.dtype === bool;
  const shape = t._shape;
  let k = 0;
  const build = (d: number): NestedList => {
    if (d === shape.length) {
      const v = flat[k++] as number;
      return isBool ? v !== 0 : v;
    }
    const out: NestedList[] = [];
    for (let i = 0; i < (shape[d] as number); i++) out.push(build(d + 1));
    return out;
  };
  return build(0);
}
