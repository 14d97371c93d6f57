// Python's float formatting ("{:.Nf}", "{:.Ne}"), which every printed float goes through,
// against tests/golden/print_format.json (written by tools/golden/print.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatExp, formatFixed } from '../../src/print/pyformat.ts';

interface FormatGolden {
  precisions: number[];
  values: number[];
  fixed: (string | null)[][];
  exp: string[][];
}

const golden = JSON.parse(readFileSync(new URL('../golden/print_format.json', import.meta.url), 'utf8')) as FormatGolden;

test('"{:.Nf}" rounds the exact binary value half-to-even, as Python does', () => {
  let checked = 0;
  golden.values.forEach((v, i) => {
    golden.precisions.forEach((p, j) => {
      const want = golden.fixed[i]?.[j];
      if (want === null || want === undefined) return;
      assert.equal(formatFixed(v, p), want, `{:.${p}f} of ${v}`);
      checked++;
    });
  });
  assert.ok(checked > 1000);
});

test('"{:.Ne}" rounds half-to-even with at least two exponent digits, as Python does', () => {
  golden.values.forEach((v, i) => {
    golden.precisions.forEach((p, j) => {
      assert.equal(formatExp(v, p), golden.exp[i]?.[j], `{:.${p}e} of ${v}`);
    });
  });
});
