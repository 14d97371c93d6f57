// Bit-identity check for the moment and normalisation ops (var/std/var_mean/std_mean,
// torch.norm/linalg.vector_norm/dist/renorm, F.normalize, layer_norm/group_norm/batch_norm/
// instance_norm): computes a large table of forward outputs, gradients (first and second order)
// and running statistics over many shapes, layouts (transposed, strided, expanded views), dims,
// keepdim, correction, p, eps, affine parameters, dtypes (float32/float64) and special values
// (NaN, ±inf, −0, huge, subnormal, constant rows), and stores every value's bit pattern.
//
// Usage (before a change, then after it):
//   node --conditions=development --import tsx tools/perf/check_norm_bits.ts save /tmp/norm_bits.json
//   node --conditions=development --import tsx tools/perf/check_norm_bits.ts compare /tmp/norm_bits.json
// `compare` prints how many values were compared and every difference; it exits 1 on any.
// NaNs compare equal whatever their payload (JS does not keep NaN bits); every other value,
// −0 included, must match bit for bit. Errors thrown by a case are recorded and compared too.
import { writeFileSync, readFileSync } from 'node:fs';
import * as torch from '../../src/index.ts';
import * as F from '../../src/nn/functional.ts';
import type { Tensor } from '../../src/tensor/tensor.ts';

type DT = typeof torch.float32;
/** One recorded tensor: its values are `count` doubles from `start` of the value dump. */
type Rec = { name: string; shape?: number[]; stride?: number[]; dtype?: string; start?: number; count?: number; isNull?: boolean; error?: string };
const recs: Rec[] = [];
let vals = new Float64Array(1 << 20);
let nVals = 0;

function put(name: string, t: Tensor | null | undefined): void {
  if (t == null) {
    recs.push({ name, isNull: true });
    return;
  }
  const c = t.detach().contiguous();
  const n = c.numel();
  if (nVals + n > vals.length) {
    const bigger = new Float64Array(Math.max(2 * vals.length, nVals + n));
    bigger.set(vals.subarray(0, nVals));
    vals = bigger;
  }
  // NaNs are stored as one canonical NaN (JS does not keep NaN payloads)
  for (let i = 0; i < n; i++) {
    const v = c._data[c._offset + i] as number;
    vals[nVals + i] = v === v ? v : NaN;
  }
  recs.push({ name, shape: t._shape.slice(), stride: t._stride.slice(), dtype: t.dtype.scalarName, start: nVals, count: n });
  nVals += n;
}

let seedCounter = 1;
function randn(shape: number[], dt: DT): Tensor {
  torch.manual_seed(seedCounter++);
  return torch.randn(shape, { dtype: dt });
}

type Kind = 'randn' | 'special' | 'const' | 'big';
/** A leaf of `shape` (its values by kind), plus a view of it in the given layout. */
function input(shape: number[], dt: DT, kind: Kind, layout: 'contig' | 't' | 'step' | 'expand'): { leaf: Tensor; x: () => Tensor } {
  const nd = shape.length;
  let baseShape = shape.slice();
  if (layout === 't' && nd >= 2) baseShape = shape.slice().reverse();
  if (layout === 'step' && nd >= 1) baseShape[nd - 1] = (shape[nd - 1] as number) * 2;
  if (layout === 'expand' && nd >= 1) baseShape[0] = 1;
  let base = randn(baseShape, dt);
  if (kind === 'big') base = base.mul(1e19);
  const d = base._data;
  const n = base.numel();
  if (kind === 'special') {
    const sp = [NaN, Infinity, -Infinity, -0, 0, 1e30, 1e-40, -1e-300, 3.5, 3.5];
    for (let i = 0; i < n; i += 7) d[i] = sp[(i / 7) % sp.length] as number;
  }
  if (kind === 'const') {
    for (let i = 0; i < n; i++) d[i] = 0.3;
    if (n > 3) d[3] = -0;
  }
  const leaf = base.detach().requires_grad_();
  const x = (): Tensor => {
    if (layout === 't' && nd >= 2) return leaf.permute([...Array(nd).keys()].reverse());
    if (layout === 'step' && nd >= 1) {
      const st = leaf._stride.slice();
      st[nd - 1] = (st[nd - 1] as number) * 2;
      return leaf.as_strided(shape, st, 1);
    }
    if (layout === 'expand' && nd >= 1) return leaf.expand(shape);
    return leaf;
  };
  return { leaf, x };
}

function outs(r: Tensor | Tensor[]): Tensor[] {
  return Array.isArray(r) ? r : [r];
}

/**
 * Runs `f` without grad (forward only), then with grad and a backward with random grad
 * outputs; records outputs and the gradients of the leaves. With `second`, also a
 * create_graph gradient and a second backward through it.
 */
/** A grad output for t: random contiguous, or ones expanded (as from sum()), or a transposed / strided / partly expanded view. */
function gradFor(t: Tensor, layout: GLayout): Tensor {
  const shape = t._shape.slice();
  const nd = shape.length;
  if (layout === 'expand') return torch.ones([], { dtype: t.dtype }).expand(shape);
  if (layout === 'transposed' && nd >= 2) return randn(shape.slice().reverse(), t.dtype).permute([...Array(nd).keys()].reverse());
  if (layout === 'partial' && nd >= 2) return randn([shape[0] as number, ...shape.slice(1).map(() => 1)], t.dtype).expand(shape);
  if (layout === 'step' && nd >= 1) {
    const big = shape.slice();
    big[nd - 1] = (big[nd - 1] as number) * 2;
    const b = randn(big, t.dtype);
    const st = b._stride.slice();
    st[nd - 1] = (st[nd - 1] as number) * 2;
    return b.as_strided(shape, st, 0);
  }
  return randn(shape, t.dtype);
}
type GLayout = 'contig' | 'expand' | 'transposed' | 'partial' | 'step';

/** Gradients for each grad-output layout, via autograd.grad (the gradients as the op returns them, strides included). */
function runLayouts(name: string, leaves: (Tensor | null)[], f: () => Tensor): void {
  const ls = leaves.filter((l): l is Tensor => l !== null);
  for (const gl of ['expand', 'transposed', 'partial', 'step'] as GLayout[]) {
    try {
      const o = f();
      if (!o.requires_grad) return;
      const gs = torch.autograd.grad([o], ls, [gradFor(o, gl)], { allow_unused: true });
      gs.forEach((g, i) => put(`${name}|gl_${gl}_${i}`, g));
    } catch (e) {
      recs.push({ name: `${name}|gl_${gl}|error`, error: String((e as Error).message) });
    }
  }
}

function run(name: string, leaves: (Tensor | null)[], f: () => Tensor | Tensor[], second = false): void {
  try {
    const o0 = torch.no_grad(() => outs(f()));
    o0.forEach((t, i) => put(`${name}|nograd${i}`, t));
    const o = outs(f());
    o.forEach((t, i) => put(`${name}|out${i}`, t));
    const ls = leaves.filter((l): l is Tensor => l !== null && l.requires_grad);
    if (ls.length === 0 || !o.some((t) => t.requires_grad)) return;
    for (const l of ls) l.grad = null;
    const useOuts = o.filter((t) => t.requires_grad);
    const gs = useOuts.map((t) => randn(t._shape.slice(), t.dtype));
    if (!second) {
      torch.autograd.backward(useOuts, gs);
      ls.forEach((l, i) => put(`${name}|grad${i}`, l.grad));
      for (const l of ls) l.grad = null;
      return;
    }
    const g1 = torch.autograd.grad(useOuts, ls, gs, { create_graph: true, allow_unused: true });
    g1.forEach((g, i) => put(`${name}|g1_${i}`, g));
    const live = g1.filter((g): g is Tensor => g !== null && g.requires_grad);
    if (live.length === 0) return;
    const hs = live.map((g) => randn(g._shape.slice(), g.dtype));
    const g2 = torch.autograd.grad(live, ls, hs, { allow_unused: true });
    g2.forEach((g, i) => put(`${name}|g2_${i}`, g));
  } catch (e) {
    recs.push({ name: `${name}|error`, error: String((e as Error).message) });
  }
}

const dtypes: DT[] = [torch.float32, torch.float64];
const kinds: Kind[] = ['randn', 'special', 'const', 'big'];
const layouts = ['contig', 't', 'step', 'expand'] as const;

// ---- var / std / var_mean / std_mean ------------------------------------------------------------
const momentShapes: number[][] = [[], [1], [7], [3, 5], [4, 6, 5], [2, 3, 4, 5], [0, 3], [3, 0], [33, 70], [17, 9]];
const momentArgs: [string, (number | number[] | null)[] | null, Record<string, unknown> | boolean | null][] = [
  ['all', null, null],
  ['unb0', null, false],
  ['d0', [0], null],
  ['d-1', [-1], null],
  ['d0kd', [0], { keepdim: true }],
  ['d-1unb0kd', [-1], { unbiased: false, keepdim: true }],
  ['d02', [[0, 2]], null],
  ['d12c2', [[1, 2]], { correction: 2 }],
  ['dlistall', [[]], { correction: 0 }],
  ['d-1c5', [-1], { correction: 5, keepdim: true }],
  ['dnull', [null], { keepdim: true }],
];
const momentFns = { var: torch.var, std: torch.std, var_mean: torch.var_mean, std_mean: torch.std_mean } as unknown as Record<string, (...a: unknown[]) => Tensor | Tensor[]>;
for (const [fname, fn] of Object.entries(momentFns)) {
  for (const dt of dtypes) {
    for (const shape of momentShapes) {
      for (const kind of kinds) {
        for (const layout of layouts) {
          if (shape.length < 2 && layout === 't') continue;
          if (kind === 'big' && shape.length !== 2) continue;
          const { leaf, x } = input(shape, dt, kind, layout);
          for (const [an, dims, opt] of momentArgs) {
            const args: unknown[] = [];
            if (dims !== null) args.push(...dims);
            if (typeof opt === 'boolean') args.push(opt);
            else if (opt !== null) args.push(opt);
            const second = kind === 'randn' && layout === 'contig' && shape.length === 2;
            run(`${fname}|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${an}`, [leaf], () => fn(x(), ...args), second);
            if (kind === 'randn' && (fname === 'var' || fname === 'std')) runLayouts(`${fname}|${dt.scalarName}|${shape.join('x')}|${layout}|${an}`, [leaf], () => fn(x(), ...args) as Tensor);
          }
        }
      }
    }
  }
}
// the positional forms
for (const dt of dtypes) {
  const { leaf, x } = input([5, 8], dt, 'randn', 'contig');
  run(`var_pos|${dt.scalarName}`, [leaf], () => torch.var(x(), 1, false, true));
  run(`std_pos|${dt.scalarName}`, [leaf], () => torch.std(x(), [0, 1], true, false));
  run(`std_mean_pos|${dt.scalarName}`, [leaf], () => torch.std_mean(x(), 0, false, true));
  run(`var_mean_pos|${dt.scalarName}`, [leaf], () => torch.var_mean(x(), false));
}

// ---- norms --------------------------------------------------------------------------------------
const normShapes: number[][] = [[], [7], [3, 5], [4, 6, 5], [0, 3], [33, 70]];
const ps = [2, 1, 0, 3, 0.5, 1.5, -1, Infinity, -Infinity, 'fro'] as const;
const normDims: (number | number[] | null)[] = [null, 0, -1, [0, 1], [1, 0]];
for (const dt of dtypes) {
  for (const shape of normShapes) {
    for (const kind of kinds) {
      for (const layout of layouts) {
        if (shape.length < 2 && layout === 't') continue;
        if (kind === 'big' && shape.length !== 2) continue;
        const { leaf, x } = input(shape, dt, kind, layout);
        for (const p of ps) {
          for (const dim of normDims) {
            if (dim !== null && shape.length === 0) continue;
            if (Array.isArray(dim) && shape.length < 2) continue;
            for (const kd of [false, true]) {
              const second = kind === 'randn' && layout === 'contig' && shape.length === 2 && kd && typeof p === 'number' && p !== 0;
              const tag = `${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${String(p)}|${JSON.stringify(dim)}|${kd}`;
              run(`norm|${tag}`, [leaf], () => torch.norm(x(), p, dim, kd), second);
              if (kind === 'randn' && shape.length >= 2) runLayouts(`norm|${tag}`, [leaf], () => torch.norm(x(), p, dim, kd));
              if (p !== 'fro') {
                run(`vnorm|${tag}`, [leaf], () => torch.linalg.vector_norm(x(), p, dim, kd));
                if (dt === torch.float32 && kd) run(`norm_dt|${tag}`, [leaf], () => torch.norm(x(), p, dim, kd, { dtype: torch.float64 }));
              }
            }
          }
        }
        if (shape.length >= 1) {
          for (const p of [2, 1, 3, 0.5, Infinity]) {
            for (const dim of [0, -1]) {
              for (const eps of [1e-12, 0.5]) {
                run(`normalize|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${p}|${dim}|${eps}`, [leaf], () => F.normalize(x(), p, dim, eps), kind === 'randn' && layout === 'contig');
                if (kind === 'randn') runLayouts(`normalize|${dt.scalarName}|${shape.join('x')}|${layout}|${p}|${dim}|${eps}`, [leaf], () => F.normalize(x(), p, dim, eps));
              }
            }
          }
        }
        if (shape.length === 2) {
          const y = randn(shape, dt).requires_grad_();
          for (const p of [2, 1, 0, 3, Infinity]) run(`dist|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${p}`, [leaf, y], () => torch.dist(x(), y, p));
          for (const p of [2, 1, 3]) for (const dim of [0, 1]) run(`renorm|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${p}|${dim}`, [leaf], () => torch.renorm(x(), p, dim, 1.5));
        }
      }
    }
  }
}

// ---- layer_norm / group_norm / batch_norm / instance_norm ---------------------------------------
function param(shape: number[], dt: DT, kind: Kind): Tensor {
  const t = randn(shape, dt);
  if (kind === 'special') t._data[0] = NaN;
  return t.detach().requires_grad_();
}
for (const dt of dtypes) {
  for (const kind of kinds) {
    for (const layout of layouts) {
      // layer_norm
      for (const [shape, ns] of [[[4, 10], [10]], [[3, 4, 5], [4, 5]], [[2, 3, 7], [7]], [[6], [6]], [[33, 70], [70]], [[3, 1], [1]], [[0, 4], [4]]] as [number[], number[]][]) {
        const { leaf, x } = input(shape, dt, kind, layout);
        for (const affine of ['none', 'w', 'wb', 'b']) {
          for (const eps of [1e-5, 0.1, 0]) {
            const w = affine.includes('w') ? param(ns, dt, kind) : null;
            const b = affine.includes('b') ? param(ns, dt, kind) : null;
            const second = kind !== 'big' && (layout === 'contig' || layout === 't') && eps === 1e-5;
            run(`layer_norm|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${affine}|${eps}`, [leaf, w, b], () => F.layer_norm(x(), ns, w, b, eps), second);
            if (kind !== 'const' && eps !== 0.1) runLayouts(`layer_norm|${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${affine}|${eps}`, [leaf, w, b], () => F.layer_norm(x(), ns, w, b, eps));
          }
        }
      }
      // group_norm
      for (const [shape, groups] of [[[2, 6, 3, 4], 3], [[2, 6, 3, 4], 6], [[2, 6, 3, 4], 1], [[3, 4], 2], [[2, 8, 5], 4], [[4, 16, 4, 4], 8]] as [number[], number][]) {
        const { leaf, x } = input(shape, dt, kind, layout);
        for (const affine of ['none', 'wb', 'w']) {
          for (const eps of [1e-5, 0.1]) {
            const C = shape[1] as number;
            const w = affine.includes('w') ? param([C], dt, kind) : null;
            const b = affine.includes('b') ? param([C], dt, kind) : null;
            const second = kind !== 'big' && layout === 'contig' && eps === 1e-5;
            run(`group_norm|${dt.scalarName}|${shape.join('x')}|${groups}|${kind}|${layout}|${affine}|${eps}`, [leaf, w, b], () => F.group_norm(x(), groups, w, b, eps), second);
            if (kind !== 'const' && eps === 1e-5) runLayouts(`group_norm|${dt.scalarName}|${shape.join('x')}|${groups}|${kind}|${layout}|${affine}|${eps}`, [leaf, w, b], () => F.group_norm(x(), groups, w, b, eps));
          }
        }
      }
      // batch_norm and instance_norm
      for (const shape of [[4, 3], [4, 3, 5], [2, 3, 4, 5], [8, 16, 3, 3], [2, 5, 2, 3, 2]]) {
        const { leaf, x } = input(shape, dt, kind, layout);
        const C = shape[1] as number;
        for (const affine of ['none', 'wb', 'w']) {
          for (const training of [true, false]) {
            for (const stats of ['both', 'none', 'mean']) {
              if (!training && stats !== 'both') continue;
              for (const [eps, momentum] of [[1e-5, 0.1], [0.1, 0.7]] as [number, number][]) {
                const w = affine.includes('w') ? param([C], dt, kind) : null;
                const b = affine.includes('b') ? param([C], dt, kind) : null;
                const rm = stats === 'none' ? null : randn([C], dt);
                const rv = stats === 'both' ? randn([C], dt).abs() : null;
                const rm0 = rm?.clone() ?? null;
                const rv0 = rv?.clone() ?? null;
                const tag = `${dt.scalarName}|${shape.join('x')}|${kind}|${layout}|${affine}|${training}|${stats}|${eps}`;
                const second = kind !== 'big' && layout === 'contig' && eps === 1e-5;
                run(`batch_norm|${tag}`, [leaf, w, b], () => {
                  if (rm !== null && rm0 !== null) rm.copy_(rm0);
                  if (rv !== null && rv0 !== null) rv.copy_(rv0);
                  return F.batch_norm(x(), rm, rv, w, b, training, momentum, eps);
                }, second);
                if (kind !== 'const' && eps === 1e-5) {
                  runLayouts(`batch_norm|${tag}`, [leaf, w, b], () => {
                    if (rm !== null && rm0 !== null) rm.copy_(rm0);
                    if (rv !== null && rv0 !== null) rv.copy_(rv0);
                    return F.batch_norm(x(), rm, rv, w, b, training, momentum, eps);
                  });
                }
                put(`batch_norm|${tag}|rm`, rm);
                put(`batch_norm|${tag}|rv`, rv);
                if (shape.length >= 3 && stats !== 'mean') {
                  const rmi = rm?.clone() ?? null;
                  const rvi = rv?.clone() ?? null;
                  run(`instance_norm|${tag}`, [leaf, w, b], () => F.instance_norm(x(), rmi, rvi, w, b, training, momentum, eps));
                  put(`instance_norm|${tag}|rm`, rmi);
                  put(`instance_norm|${tag}|rv`, rvi);
                }
              }
            }
          }
        }
      }
    }
  }
}

// ---- save / compare -----------------------------------------------------------------------------
// FILE holds the record index (JSON); FILE.bin the values (float64, little-endian).
const [mode, path] = process.argv.slice(2);
if (mode === 'save' && path) {
  writeFileSync(path, JSON.stringify(recs));
  writeFileSync(path + '.bin', new Uint8Array(vals.buffer, 0, nVals * 8));
  console.log(`saved ${recs.length} records, ${nVals} values, to ${path}(.bin)`);
} else if (mode === 'compare' && path) {
  const old = JSON.parse(readFileSync(path, 'utf8')) as Rec[];
  const buf = readFileSync(path + '.bin');
  const oldBits = new Uint32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const newBits = new Uint32Array(vals.buffer, 0, nVals * 2);
  let values = 0;
  let diffs = 0;
  const shown: string[] = [];
  const perOp = new Map<string, number>();
  const note = (s: string): void => {
    diffs++;
    const op = (/^(record \d+: )?([a-z_]+)/.exec(s)?.[2] ?? 'other') as string;
    perOp.set(op, (perOp.get(op) ?? 0) + 1);
    if (shown.length < Number(process.env.SHOW ?? 40)) shown.push(s);
  };
  const hex = (b: Uint32Array, k: number): string => (b[2 * k + 1] as number).toString(16).padStart(8, '0') + (b[2 * k] as number).toString(16).padStart(8, '0');
  if (old.length !== recs.length) note(`record count ${old.length} → ${recs.length}`);
  for (let i = 0; i < Math.min(old.length, recs.length); i++) {
    const a = old[i] as Rec;
    const b = recs[i] as Rec;
    if (a.name !== b.name) {
      note(`record ${i}: ${a.name} → ${b.name}`);
      continue;
    }
    if (a.error !== b.error) note(`${a.name}: error ${a.error} → ${b.error}`);
    if (a.isNull !== b.isNull) note(`${a.name}: null ${a.isNull} → ${b.isNull}`);
    if (JSON.stringify(a.shape) !== JSON.stringify(b.shape) || JSON.stringify(a.stride) !== JSON.stringify(b.stride) || a.dtype !== b.dtype) {
      note(`${a.name}: shape/stride/dtype ${JSON.stringify(a.shape)} ${JSON.stringify(a.stride)} ${a.dtype} → ${JSON.stringify(b.shape)} ${JSON.stringify(b.stride)} ${b.dtype}`);
    }
    if (a.count === undefined || b.count === undefined) continue;
    if (a.count !== b.count) {
      note(`${a.name}: ${a.count} values → ${b.count}`);
      continue;
    }
    for (let k = 0; k < a.count; k++) {
      values++;
      const ka = (a.start as number) + k;
      const kb = (b.start as number) + k;
      if (oldBits[2 * ka] !== newBits[2 * kb] || oldBits[2 * ka + 1] !== newBits[2 * kb + 1]) note(`${a.name}[${k}]: ${hex(oldBits, ka)} → ${hex(newBits, kb)}`);
    }
  }
  console.log(`compared ${recs.length} records, ${values} values: ${diffs} differences`);
  if (diffs > 0) console.log('  by op: ' + [...perOp].map(([k, v]) => `${k} ${v}`).join(', '));
  for (const s of shown) console.log('  ' + s);
  process.exit(diffs === 0 ? 0 : 1);
} else {
  console.log('usage: check_norm_bits.ts save|compare FILE');
  process.exit(2);
}
