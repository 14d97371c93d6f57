// The bracketed body of a tensor's repr: _tensor_str, _tensor_str_with_formatter, _vector_str
// and _scalar_str (torch/_tensor_str.py). Values are read through the strides.
import type { Tensor } from '../tensor/tensor.ts';
import { bool } from '../tensor/dtype.ts';
import { numelOf } from '../tensor/shape.ts';
import { Formatter } from './formatter.ts';
import type { PrintOptions } from './options.ts';
import { shownIndices, summarizedPositions } from './summarize.ts';

/** _tensor_str(self, indent) for a non-empty or empty strided tensor. */
export function tensorStr(t: Tensor, indent: number, opts: Readonly<PrintOptions>): string {
  const shape = t._shape;
  if (numelOf(shape) === 0) return '[]';
  const summarize = numelOf(shape) > opts.threshold;
  const data = t._data;
  const stride = t._stride;

  // The formatter sees only the summarised data (get_summarized_data), never the whole tensor.
  const positions = summarizedPositions(shape, stride, t._offset, summarize, opts.edgeitems);
  const values = new Float64Array(positions.length);
  for (let i = 0; i < positions.length; i++) values[i] = data[positions[i] as number] as number;
  const fmt = new Formatter(values, t.dtype.is_floating_point, t.dtype === bool, opts);

  const ndim = shape.length;
  if (ndim === 0) return fmt.format(data[t._offset] as number); // _scalar_str: no padding needed

  // _vector_str: each element takes width + 2; " ..." counts as one element for line splitting.
  const vectorStr = (pos: number, ind: number): string => {
    const elementLength = fmt.width() + 2;
    const perLine = Math.max(1, Math.floor((opts.linewidth - ind) / elementLength));
    const st = stride[ndim - 1] as number;
    const { head, tail } = shownIndices(shape[ndim - 1] as number, true, summarize, opts.edgeitems);
    const items = head.map((i) => fmt.format(data[pos + i * st] as number));
    if (tail !== null) {
      items.push(' ...');
      for (const i of tail) items.push(fmt.format(data[pos + i * st] as number));
    }
    const lines: string[] = [];
    for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
    return '[' + lines.join(',\n' + ' '.repeat(ind + 1)) + ']';
  };

  // _tensor_str_with_formatter: slices joined by "," + "\n" * (dim - 1) + indent spaces.
  const rec = (d: number, pos: number, ind: number): string => {
    if (d === ndim - 1) return vectorStr(pos, ind);
    const st = stride[d] as number;
    const { head, tail } = shownIndices(shape[d] as number, false, summarize, opts.edgeitems);
    const slices = head.map((i) => rec(d + 1, pos + i * st, ind + 1));
    if (tail !== null) {
      slices.push('...');
      for (const i of tail) slices.push(rec(d + 1, pos + i * st, ind + 1));
    }
    return '[' + slices.join(',' + '\n'.repeat(ndim - d - 1) + ' '.repeat(ind + 1)) + ']';
  };
  return rec(0, t._offset, indent);
}
