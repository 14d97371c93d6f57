// torch.set_printoptions and the PRINT_OPTS it sets (torch/_tensor_str.py, __PrinterOptions).
import { TorchTypeError } from '../errors.ts';

export type PrintProfile = 'default' | 'short' | 'full';

/** The live options, as PyTorch's PRINT_OPTS holds them. */
export interface PrintOptions {
  precision: number;
  /** Summarise when numel > threshold; Infinity under the 'full' profile (Python's `inf`). */
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null lets the formatter choose (PyTorch's `None`). */
  sci_mode: boolean | null;
}

/** set_printoptions' keyword arguments (porting rule 2: one trailing options object). */
export interface PrintOptionsArgs {
  precision?: number | null;
  threshold?: number | null;
  edgeitems?: number | null;
  linewidth?: number | null;
  profile?: PrintProfile | null;
  sci_mode?: boolean | null;
}

type N = number | null | undefined;
type P = PrintProfile | null | undefined;
type B = boolean | null | undefined;
type O = PrintOptionsArgs;

/** PyTorch's positional order, each prefix optionally followed by the keyword object. */
export type SetPrintOptionsArgs =
  | [opts?: O]
  | [precision: N, opts?: O]
  | [precision: N, threshold: N, opts?: O]
  | [precision: N, threshold: N, edgeitems: N, opts?: O]
  | [precision: N, threshold: N, edgeitems: N, linewidth: N, opts?: O]
  | [precision: N, threshold: N, edgeitems: N, linewidth: N, profile: P, opts?: O]
  | [precision: N, threshold: N, edgeitems: N, linewidth: N, profile: P, sci_mode: B, opts?: O];

const POSITIONAL = ['precision', 'threshold', 'edgeitems', 'linewidth', 'profile', 'sci_mode'] as const;

const PRINT_OPTS: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null };

/**
 * torch.set_printoptions(precision, threshold, edgeitems, linewidth, profile, sci_mode).
 * As in _tensor_str.py: the profile is applied first, then each non-null option over it, and
 * sci_mode is always assigned (so leaving it out resets it to null). An unknown profile is
 * ignored, as in PyTorch.
 */
export function set_printoptions(...args: SetPrintOptionsArgs): void {
  const a: PrintOptionsArgs = {};
  const record = a as Record<string, unknown>;
  let rest: readonly unknown[] = args;
  const last = rest[rest.length - 1];
  if (last !== null && typeof last === 'object') {
    for (const [k, v] of Object.entries(last)) {
      if (!(POSITIONAL as readonly string[]).includes(k)) {
        throw new TorchTypeError(`set_printoptions() got an unexpected keyword argument '${k}'`);
      }
      record[k] = v;
    }
    rest = rest.slice(0, -1);
  }
  rest.forEach((v, i) => {
    const k = POSITIONAL[i] as string;
    if (k in record) throw new TorchTypeError(`set_printoptions() got multiple values for argument '${k}'`);
    record[k] = v;
  });

  if (a.profile != null) {
    if (a.profile === 'default') {
      Object.assign(PRINT_OPTS, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
    } else if (a.profile === 'short') {
      Object.assign(PRINT_OPTS, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
    } else if (a.profile === 'full') {
      Object.assign(PRINT_OPTS, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
    }
  }
  if (a.precision != null) PRINT_OPTS.precision = a.precision;
  if (a.threshold != null) PRINT_OPTS.threshold = a.threshold;
  if (a.edgeitems != null) PRINT_OPTS.edgeitems = a.edgeitems;
  if (a.linewidth != null) PRINT_OPTS.linewidth = a.linewidth;
  PRINT_OPTS.sci_mode = a.sci_mode ?? null;
}

/** @internal A snapshot of the current options (PyTorch 1.13 has no public getter). */
export function get_printoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}

/** @internal The live options object read by the formatter. */
export function printOpts(): Readonly<PrintOptions> {
  return PRINT_OPTS;
}
