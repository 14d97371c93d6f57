// dtypes and type promotion against PyTorch 1.13 (tests/golden/dtypes.json, written by
// tools/golden/dtypes.py): attributes, promote_types, can_cast, result_type, value casts.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import * as torch from '../../src/index.ts';
import { castFrom } from '../../src/tensor/dtype.ts';
import { Tensor } from '../../src/tensor/tensor.ts';
import { decodeValue, dtypeNamed, type Json } from './factory_golden.ts';
import { readFileSync } from 'node:fs';

interface Operand {
  kind: 'dim' | 'zerodim' | 'scalar';
  dtype?: string;
  value?: number | boolean;
}

interface DtypesGolden {
  props: { dtype: string; str: string; is_floating_point: boolean; is_signed: boolean; element_size: number }[];
  promote_types: { a: string; b: string; result: string }[];
  can_cast: { from: string; to: string; result: boolean }[];
  result_type: { default_dtype: string; a: Operand; b: Operand; result: string }[];
  casts: { from: string; to: string; values: Json[]; result: Json[] }[];
  errors: Record<string, { type: string; message: string }>;
}

const golden = JSON.parse(readFileSync(new URL('../golden/dtypes.json', import.meta.url), 'utf8')) as DtypesGolden;

function operand(o: Operand): Tensor | number | boolean {
  if (o.kind === 'scalar') return o.value as number | boolean;
  return torch.zeros(o.kind === 'dim' ? [2] : [], { dtype: dtypeNamed(o.dtype as string) });
}

function assertThrows(fn: () => unknown, want: { type: string; message: string }): void {
  assert.throws(fn, (e: Error) => {
    assert.equal(e.name, want.type);
    assert.equal(e.message, want.message);
    return true;
  });
}

describe('dtype attributes', () => {
  for (const p of golden.props) {
    test(p.dtype, () => {
      const d = dtypeNamed(p.dtype);
      assert.equal(String(d), p.str);
      assert.equal(d.is_floating_point, p.is_floating_point);
      assert.equal(d.is_signed, p.is_signed);
      assert.equal(d.itemsize, p.element_size);
      assert.equal(torch.zeros(1, { dtype: d }).element_size(), p.element_size);
      assert.equal(torch.is_floating_point(torch.zeros(1, { dtype: d })), p.is_floating_point);
    });
  }
  test('aliases', () => {
    assert.equal(torch.float, torch.float32);
    assert.equal(torch.double, torch.float64);
    assert.equal(torch.long, torch.int64);
    assert.equal(torch.int, torch.int32);
    assert.equal(torch.short, torch.int16);
  });
});

test('promote_types over all pairs', () => {
  for (const c of golden.promote_types) {
    assert.equal(torch.promote_types(dtypeNamed(c.a), dtypeNamed(c.b)).name, c.result, `${c.a} ${c.b}`);
  }
});

test('can_cast over all pairs', () => {
  for (const c of golden.can_cast) {
    assert.equal(torch.can_cast(dtypeNamed(c.from), dtypeNamed(c.to)), c.result, `${c.from} -> ${c.to}`);
  }
});

test('result_type: dims, 0-dim tensors and scalars, default float32 and float64', () => {
  try {
    for (const c of golden.result_type) {
      torch.set_default_dtype(dtypeNamed(c.default_dtype));
      const got = torch.result_type(operand(c.a), operand(c.b));
      assert.equal(got.name, c.result, `${JSON.stringify(c.a)} ${JSON.stringify(c.b)} (default ${c.default_dtype})`);
    }
  } finally {
    torch.set_default_dtype(torch.float32);
  }
});

describe('casts between dtypes (to() semantics, out-of-range values as on x86-64)', () => {
  for (const c of golden.casts) {
    test(`${c.from} -> ${c.to}`, () => {
      const from = dtypeNamed(c.from);
      const to = dtypeNamed(c.to);
      c.values.forEach((v, i) => {
        const x = Number(decodeValue(v));
        const want = decodeValue(c.result[i] as Json);
        const got = castFrom(x, from, to);
        const gotTyped = to === torch.bool ? got !== 0 : got;
        assert.ok(Object.is(gotTyped, want), `${x}: got ${String(gotTyped)}, want ${String(want)}`);
      });
      // The same values through a tensor's .to() (the copy kernel).
      const xs = c.values.map((v) => Number(decodeValue(v)));
      const converted = torch.tensor(xs, { dtype: from }).to(to).tolist() as (number | boolean)[];
      c.result.forEach((r, i) => {
        const want = decodeValue(r as Json);
        assert.ok(Object.is(converted[i], want), `.to(): ${xs[i]}: got ${String(converted[i])}, want ${String(want)}`);
      });
    });
  }
});

describe('errors', () => {
  const e = golden.errors;
  const call = (f: unknown, ...a: unknown[]) => () => (f as (...x: unknown[]) => unknown)(...a);
  test('promote_types', () => {
    assertThrows(call(torch.promote_types, torch.int32, 'a'), e.promote_types_str as never);
    assertThrows(call(torch.promote_types, null, torch.int32), e.promote_types_none as never);
    assertThrows(call(torch.promote_types, torch.int32), e.promote_types_missing as never);
  });
  test('can_cast', () => {
    assertThrows(call(torch.can_cast, torch.int32, 1), e.can_cast_int as never);
    assertThrows(call(torch.can_cast, torch.int32), e.can_cast_missing as never);
  });
  test('set_default_dtype', () => {
    assertThrows(call(torch.set_default_dtype, torch.int32), e.set_default_int32 as never);
    assertThrows(call(torch.set_default_dtype, torch.bool), e.set_default_bool as never);
    assertThrows(call(torch.set_default_dtype, 'x'), e.set_default_str as never);
    assert.equal(torch.get_default_dtype(), torch.float32);
  });
  test('result_type', () => {
    assertThrows(call(torch.result_type, torch.zeros(2), 'a'), e.result_type_str as never);
    assertThrows(call(torch.result_type, 'a', 1), e.result_type_str_int as never);
  });
});
