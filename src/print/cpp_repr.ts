// A tensor as C++'s `operator<<` prints it (aten/src/ATen/core/Formatting.cpp), which some
// PyTorch error messages embed (meshgrid's "Expected 0D or 1D tensor ... but got: "). This is
// not Python's repr: values go through an iostream whose format flags (defaultfloat / fixed /
// scientific and the precision) carry over from one matrix to the next, as they do in C++.
import type { Tensor } from '../tensor/tensor.ts';
import { bool } from '../tensor/dtype.ts';
import { elementOffsets } from '../backends/strided.ts';

type FloatField = 'default' | 'fixed' | 'scientific';

/** The stream's number formatting state (what FormatGuard saves and restores). */
interface Fmt {
  field: FloatField;
  precision: number;
}

function nonFinite(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  return v > 0 ? 'inf' : '-inf';
}

/** printf's exponent: a sign and at least two digits. */
function exponent(e: string): string {
  const n = Math.abs(Number(e));
  return (e.startsWith('-') ? '-' : '+') + (n < 10 ? '0' : '') + String(n);
}

/** `%.Pg`: the shorter of fixed and scientific, trailing zeros removed. */
function formatG(v: number, precision: number): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const p = precision === 0 ? 1 : precision;
  const sci = v.toExponential(p - 1);
  const [mant = '', exp = '0'] = sci.split('e');
  const x = Number(exp);
  const strip = (s: string): string => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (x < p && x >= -4) return strip(v.toFixed(p - 1 - x));
  return `${strip(mant)}e${exponent(exp)}`;
}

/** A double as a fresh C++ stream writes it (`%g`, precision 6), as TORCH_CHECK messages show them. */
export function cppDouble(v: number): string {
  return formatG(v, 6);
}

function formatValue(v: number, f: Fmt): string {
  if (!Number.isFinite(v)) return nonFinite(v);
  if (f.field === 'fixed') return v.toFixed(f.precision);
  if (f.field === 'scientific') {
    const [mant = '', exp = '0'] = v.toExponential(f.precision).split('e');
    return `${mant}e${exponent(exp)}`;
  }
  return formatG(v, f.precision);
}

function setw(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}

/** __printFormat: picks integer / fixed / scientific mode, the column width and a common scale. */
function printFormat(vals: readonly number[], f: Fmt): { scale: number; sz: number } {
  const size = vals.length;
  if (size === 0) return { scale: 1, sz: 0 };
  let intMode = true;
  for (const z of vals) {
    if (Number.isFinite(z) && z !== Math.ceil(z)) {
      intMode = false;
      break;
    }
  }
  let offset = 0;
  while (!Number.isFinite(vals[offset] as number)) {
    offset++;
    if (offset === size) break;
  }
  let expMin = 1;
  let expMax = 1;
  if (offset !== size) {
    expMin = Math.abs(vals[offset] as number);
    expMax = expMin;
    for (let i = offset; i < size; i++) {
      const z = Math.abs(vals[i] as number);
      if (Number.isFinite(z)) {
        if (z < expMin) expMin = z;
        // Formatting.cpp compares the signed value here (kept: it decides the printed width).
        if ((vals[i] as number) > expMax) expMax = z;
      }
    }
    expMin = expMin !== 0 ? Math.floor(Math.log10(expMin)) + 1 : 1;
    expMax = expMax !== 0 ? Math.floor(Math.log10(expMax)) + 1 : 1;
  }
  let scale = 1;
  let sz: number;
  if (intMode) {
    if (expMax > 9) {
      sz = 11;
      f.field = 'scientific';
      f.precision = 4;
    } else {
      sz = expMax + 1;
      f.field = 'default';
    }
  } else if (expMax - expMin > 4) {
    sz = 11;
    if (Math.abs(expMax) > 99 || Math.abs(expMin) > 99) sz++;
    f.field = 'scientific';
    f.precision = 4;
  } else {
    if (expMax > 5 || expMax < 0) {
      sz = 7;
      scale = 10 ** (expMax - 1);
    } else {
      sz = expMax === 0 ? 7 : expMax + 6;
    }
    f.field = 'fixed';
    f.precision = 4;
  }
  return { scale, sz };
}

/** printScale: the scale in defaultfloat at the stream's current precision, then " *". */
function printScale(scale: number, f: Fmt): string {
  return `${formatG(scale, f.precision)} *\n`;
}

/** __printMatrix for a rows × cols block of values (row-major). */
function printMatrix(vals: readonly number[], rows: number, cols: number, linesize: number, indent: number, f: Fmt): string {
  const { scale, sz } = printFormat(vals, f);
  const pad = ' '.repeat(indent);
  let out = pad;
  const nColumnPerLine = Math.trunc((linesize - indent) / (sz + 1));
  let firstColumn = 0;
  while (firstColumn < cols) {
    const lastColumn = firstColumn + nColumnPerLine <= cols ? firstColumn + nColumnPerLine - 1 : cols - 1;
    if (nColumnPerLine < cols) {
      if (firstColumn !== 0) out += '\n';
      out += `Columns ${firstColumn + 1} to ${lastColumn + 1}${pad}`;
    }
    if (scale !== 1) out += printScale(scale, f) + pad;
    for (let l = 0; l < rows; l++) {
      for (let c = firstColumn; c <= lastColumn; c++) {
        out += setw(formatValue((vals[l * cols + c] as number) / scale, f), sz);
        if (c === lastColumn) {
          out += '\n';
          if (l !== rows - 1) out += scale !== 1 ? `${pad} ` : pad;
        } else {
          out += ' ';
        }
      }
    }
    firstColumn = lastColumn + 1;
  }
  return out;
}

/** `std::cout << tensor` (print(stream, t, 80)) for a dense CPU tensor. */
export function cppTensorString(t: Tensor, linesize = 80): string {
  const f: Fmt = { field: 'default', precision: 6 };
  const shape = t._shape;
  const offs = elementOffsets(shape, t._stride, t._offset);
  const vals: number[] = new Array<number>(offs.length);
  for (let i = 0; i < offs.length; i++) vals[i] = t._data[offs[i] as number] as number;
  // DeprecatedTypeProperties::toString: Bool has no legacy tensor type name.
  const type = t.dtype === bool ? 'CPUBoolType' : t.dtype.legacyTypeName;
  const nd = shape.length;
  let out = '';
  if (nd === 0) {
    out += `${formatG(vals[0] as number, f.precision)}\n[ ${type}{}`;
  } else if (nd === 1) {
    if (vals.length > 0) {
      const { scale, sz } = printFormat(vals, f);
      if (scale !== 1) out += printScale(scale, f);
      for (const v of vals) out += `${setw(formatValue(v / scale, f), sz)}\n`;
    }
    out += `[ ${type}{${shape[0] as number}}`;
  } else if (nd === 2) {
    if (vals.length > 0) out += printMatrix(vals, shape[0] as number, shape[1] as number, linesize, 0, f);
    out += `[ ${type}{${shape[0] as number},${shape[1] as number}}`;
  } else {
    if (vals.length > 0) {
      // __printTensor: one "(i,j,.,.) = " block per matrix of the last two dims, the leading
      // dims counted with the first one fastest (its counter loop starts at dim 0).
      const rows = shape[nd - 2] as number;
      const cols = shape[nd - 1] as number;
      const block = rows * cols;
      const lead = shape.slice(0, nd - 2);
      const counter = new Array<number>(nd - 2).fill(0);
      const nBlocks = block === 0 ? 0 : vals.length / block;
      for (let b = 0; b < nBlocks; b++) {
        if (b > 0) out += '\n';
        let start = 0;
        for (let i = 0; i < nd - 2; i++) start = start * (lead[i] as number) + (counter[i] as number);
        out += `(${counter.map((c) => `${c + 1},`).join('')}.,.) = \n`;
        out += printMatrix(vals.slice(start * block, (start + 1) * block), rows, cols, linesize, 1, f);
        for (let i = 0; i < nd - 2; i++) {
          counter[i] = (counter[i] as number) + 1;
          if ((counter[i] as number) < (lead[i] as number)) break;
          counter[i] = 0;
        }
      }
    }
    out += `[ ${type}{${shape.join(',')}}`;
  }
  return `${out} ]`;
}
