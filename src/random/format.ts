// Formatting helpers for PyTorch's error texts.

/**
 * A double as C++'s `ostream << double` prints it (default precision 6, like printf's %g):
 * `2`, `-0.5`, `3e+38`, `1.5e+308`, `inf`, `nan`.
 */
export function cppDouble(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mant, expStr] = x.toExponential(5).split('e') as [string, string];
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const m = stripZeros(mant);
    const e = Math.abs(exp);
    return `${m}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return stripZeros(x.toFixed(Math.max(0, 5 - exp)));
}

function stripZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** The Python type name of a JS argument, for PyTorch's argument-parser messages. */
export function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'str';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'object' && v.constructor?.name === 'Tensor') return 'Tensor';
  return typeof v === 'function' ? 'function' : 'dict';
}

/** Whether v is an integer number (what PyTorch's parser accepts as `int`). */
export function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}
