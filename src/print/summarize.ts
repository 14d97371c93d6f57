// Which elements a printed tensor shows: get_summarized_data and the slicing in _vector_str /
// _tensor_str_with_formatter (torch/_tensor_str.py). Summarising picks indices first, so that
// formatting a 10^6-element tensor only ever touches the few elements it prints.
import { RuntimeError } from '../errors.ts';

/** The indices shown along one dim; `tail === null` means no ellipsis (all of `head`). */
export interface ShownIndices {
  head: number[];
  tail: number[] | null;
}

function range(start: number, stop: number): number[] {
  const out: number[] = [];
  for (let i = start; i < stop; i++) out.push(i);
  return out;
}

/** The indices of Python's `seq[start:stop]` on a sequence of length n (step 1). */
function pySlice(n: number, start: number | null, stop: number | null): number[] {
  const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
  return range(start === null ? 0 : clamp(start), stop === null ? n : clamp(stop));
}

/**
 * The shown indices of a dim of `size`. The last dim is sliced as in _vector_str
 * (`self[:edgeitems]`, `" ..."`, `self[-edgeitems:]`, so edgeitems = 0 shows the whole row after
 * the ellipsis, as PyTorch does); outer dims as in _tensor_str_with_formatter
 * (`range(0, edgeitems)`, `"..."`, `range(len - edgeitems, len)`).
 */
export function shownIndices(size: number, isLastDim: boolean, summarize: boolean, edgeitems: number): ShownIndices {
  if (!(summarize && size > 2 * edgeitems)) return { head: range(0, size), tail: null };
  if (isLastDim) return { head: pySlice(size, null, edgeitems), tail: pySlice(size, -edgeitems, null) };
  return { head: range(0, edgeitems), tail: range(size - edgeitems, size) };
}

/**
 * The elements get_summarized_data keeps (as storage positions), in any order: the formatter
 * is built from them alone. Like PyTorch, an outer dim that would keep no rows fails in
 * torch.stack.
 */
export function summarizedPositions(
  shape: readonly number[],
  stride: readonly number[],
  offset: number,
  summarize: boolean,
  edgeitems: number,
): number[] {
  const out: number[] = [];
  const ndim = shape.length;
  const walk = (d: number, pos: number): void => {
    if (d === ndim) {
      out.push(pos);
      return;
    }
    const { head, tail } = shownIndices(shape[d] as number, d === ndim - 1, summarize, edgeitems);
    const idx = tail === null ? head : head.concat(tail);
    if (d < ndim - 1 && idx.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
    const st = stride[d] as number;
    for (const i of idx) walk(d + 1, pos + i * st);
  };
  walk(0, offset);
  return out;
}
