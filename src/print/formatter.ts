// PyTorch's _Formatter (torch/_tensor_str.py): one per tensor, built from the (summarised)
// values, it picks integer / fixed / scientific style and the common width.
import { formatExp, formatFixed, formatIntegral } from './pyformat.ts';
import type { PrintOptions } from './options.ts';

export class Formatter {
  private readonly floating: boolean;
  private readonly isBool: boolean;
  private readonly precision: number;
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  /** `values` are the elements as doubles (float32 converted exactly), in any order. */
  constructor(values: ArrayLike<number>, floating: boolean, isBool: boolean, opts: Readonly<PrintOptions>) {
    this.floating = floating;
    this.isBool = isBool;
    this.precision = opts.precision;
    const p = opts.precision;

    if (!floating) {
      // Integer and bool dtypes: width of "{}".format(value).
      for (let i = 0; i < values.length; i++) {
        this.maxWidth = Math.max(this.maxWidth, formatIntegral(values[i] as number, isBool).length);
      }
    } else {
      // Only nonzero finite values count (masked_select(isfinite & ne(0))).
      const vals: number[] = [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i] as number;
        if (Number.isFinite(v) && v !== 0) vals.push(v);
      }
      // "no valid number, do nothing": returns before the sci_mode override below, so an
      // all-zero/nan/inf tensor stays in integer style even with sci_mode=True.
      if (vals.length === 0) return;

      let min = Infinity;
      let max = 0;
      for (const v of vals) {
        const a = Math.abs(v);
        if (a < min) min = a;
        if (a > max) max = a;
        if (v !== Math.ceil(v)) this.intMode = false;
      }

      if (this.intMode) {
        // All integers: "{:.0f}" plus the "." appended by format(), unless the range is wide.
        if (max / min > 1000.0 || max > 1.0e8) {
          this.sciMode = true;
          for (const v of vals) this.maxWidth = Math.max(this.maxWidth, formatExp(v, p).length);
        } else {
          for (const v of vals) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, 0).length + 1);
        }
      } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
        this.sciMode = true;
        for (const v of vals) this.maxWidth = Math.max(this.maxWidth, formatExp(v, p).length);
      } else {
        for (const v of vals) this.maxWidth = Math.max(this.maxWidth, formatFixed(v, p).length);
      }
    }

    if (opts.sci_mode !== null) this.sciMode = opts.sci_mode;
  }

  width(): number {
    return this.maxWidth;
  }

  /** One element, left-padded to the common width (longer strings are never cut). */
  format(v: number): string {
    let ret: string;
    if (this.floating) {
      if (this.sciMode) {
        ret = formatExp(v, this.precision);
      } else if (this.intMode) {
        ret = formatFixed(v, 0);
        if (Number.isFinite(v)) ret += '.';
      } else {
        ret = formatFixed(v, this.precision);
      }
    } else {
      ret = formatIntegral(v, this.isBool);
    }
    return ret.length >= this.maxWidth ? ret : ' '.repeat(this.maxWidth - ret.length) + ret;
  }
}
