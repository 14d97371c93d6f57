// Writes docs/ops.md, the op list: every public function of torch, torch.nn.functional,
// torch.linalg, torch.autograd and torch.autograd.functional, and every public Tensor method and
// property, with what each supports. Nothing in it is written by hand:
//   where it exists   the live package (`import * as torch from 'ts-torch'`);
//   family            the src/ file that defines it (FILE_FAMILIES below);
//   gradcheck         the float64 gradcheck tables of the tests (`const X: …Case[] = [...]` or
//                     `…Call[]` in a test file that calls gradcheck or testGradchecks) and the
//                     `gradcheck` lists of the goldens;
//   dtypes, grad_fn   the case records of tests/golden/*.json.
// Run `npm run docs`; tests/docs/ops_doc.test.ts fails when docs/ops.md is out of date.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as torch from 'ts-torch';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OPS_DOC = join(ROOT, 'docs', 'ops.md');

// ---- where an op exists ------------------------------------------------------------------------

const PLACES = ['torch', 'Tensor', 'F', 'linalg', 'autograd', 'autograd.functional'] as const;
type Place = (typeof PLACES)[number];

/** One spelling of an op: `torch.abs`, `Tensor.abs_` (in place), `Tensor.T` (a property). */
interface Spelling {
  place: Place;
  name: string;
  inplace: boolean;
  attr: boolean;
  value: unknown;
}

const NAMESPACES: ReadonlyArray<readonly [Place, object]> = [
  ['torch', torch],
  ['F', torch.nn.functional],
  ['linalg', torch.linalg],
  ['autograd', torch.autograd],
  ['autograd.functional', torch.autograd.functional],
];

/** JS plumbing on Tensor.prototype that is no PyTorch API. */
const NOT_OPS = new Set(['constructor', 'toString']);

function isClass(v: unknown): boolean {
  return typeof v === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(v));
}

/** `abs_` is the in-place form of `abs` (dunder names are not). */
function baseName(name: string): string {
  return name.length > 1 && name.endsWith('_') && !name.endsWith('__') ? name.slice(0, -1) : name;
}

function namespaceSpellings(): Spelling[] {
  const out: Spelling[] = [];
  for (const [place, ns] of NAMESPACES) {
    for (const [name, value] of Object.entries(ns)) {
      if (typeof value !== 'function' || isClass(value) || name.startsWith('_')) continue;
      out.push({ place, name, inplace: baseName(name) !== name, attr: false, value });
    }
  }
  return out;
}

function tensorSpellings(): Spelling[] {
  const out: Spelling[] = [];
  const seen = new Set<string>();
  for (let p: object | null = torch.Tensor.prototype; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name.startsWith('_') || NOT_OPS.has(name) || seen.has(name)) continue;
      seen.add(name);
      const d = Object.getOwnPropertyDescriptor(p, name);
      const attr = d?.get !== undefined;
      out.push({ place: 'Tensor', name, inplace: !attr && baseName(name) !== name, attr, value: attr ? d?.get : d?.value });
    }
  }
  return out;
}

// ---- family: from the source file that defines the op --------------------------------------------

const FAMILIES = [
  'pointwise', 'reductions', 'shape and views', 'indexing', 'sorting and sets', 'linear algebra', 'nn.functional',
  'random', 'factories', 'autograd', 'other',
] as const;
type Family = (typeof FAMILIES)[number];

/** Source files (relative to src/, '/'-separated) → family; files matching none are 'other'. */
const FILE_FAMILIES: ReadonlyArray<readonly [RegExp, Family]> = [
  [/^ops\/pointwise\/select_where/, 'indexing'],
  [/^ops\/(pointwise\/|elementwise)/, 'pointwise'],
  [/^ops\/reduce\//, 'reductions'],
  [/^ops\/shape\//, 'shape and views'],
  [/^ops\/indexing\//, 'indexing'],
  [/^ops\/sorting\//, 'sorting and sets'],
  [/^(ops\/linalg\/|linalg\/)/, 'linear algebra'],
  [/^(nn\/|ops\/softmax)/, 'nn.functional'],
  [/^random\//, 'random'],
  [/^tensor\/(factories|fill_factories|like_factories|ranges|from_data)/, 'factories'],
  [/^autograd\//, 'autograd'],
];

function fileFamily(file: string): Family | undefined {
  return FILE_FAMILIES.find(([re]) => re.test(file))?.[1];
}

function listFiles(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith(suffix))
    .map((f) => join(dir, f))
    .sort();
}

/** The family of each function a src/ file declares, and the op table Tensor methods call. */
interface Definitions {
  families: Map<unknown, Family>;
  opTable: Record<string, unknown>;
}

function declares(text: string, name: string): boolean {
  return new RegExp(`\\b(?:function\\*?|const|let|var)\\s+${name}\\b`).test(text);
}

async function loadDefinitions(): Promise<Definitions> {
  const defs: Definitions = { families: new Map(), opTable: {} };
  const src = join(ROOT, 'src');
  for (const file of listFiles(src, '.ts')) {
    const path = relative(src, file).split(sep).join('/');
    const text = readFileSync(file, 'utf8');
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (path === 'ops/index.ts') defs.opTable = mod;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === 'function' && declares(text, name)) defs.families.set(value, fileFamily(path) ?? 'other');
    }
  }
  return defs;
}

/** The op-table functions a Tensor method calls (`ops.expand(this, …)` for `expand_as`). */
function dispatchTargets(s: Spelling, defs: Definitions): unknown[] {
  const source = typeof s.value === 'function' ? Function.prototype.toString.call(s.value) : '';
  return [...source.matchAll(/\bops\d*\.(\w+)\(/g)].map((m) => defs.opTable[m[1] ?? '']);
}

/**
 * The family of the file that defines the op's function (an alias follows its target), or of
 * the op-table function its Tensor method dispatches to; 'other' for Tensor plumbing.
 */
function familyOf(spellings: readonly Spelling[], defs: Definitions): Family {
  const values = spellings.flatMap((s) => (s.place === 'Tensor' ? dispatchTargets(s, defs) : [s.value]));
  return values.map((v) => defs.families.get(v)).find((f) => f !== undefined) ?? 'other';
}

// ---- the op table ----------------------------------------------------------------------------------

type Variant = 'op' | 'in-place';

interface Op {
  name: string;
  family: Family;
  spellings: Spelling[];
  gradcheck: Set<Variant>;
  gradgradcheck: Set<Variant>;
  dtypes: Set<string>;
  gradFns: Set<string>;
}

function buildOps(spellings: readonly Spelling[], defs: Definitions): Map<string, Op> {
  const groups = new Map<string, Spelling[]>();
  for (const s of spellings) groups.set(baseName(s.name), [...(groups.get(baseName(s.name)) ?? []), s]);
  const ops = new Map<string, Op>();
  for (const [name, group] of groups) {
    group.sort((a, b) => PLACES.indexOf(a.place) - PLACES.indexOf(b.place) || Number(a.inplace) - Number(b.inplace));
    const family = familyOf(group, defs);
    ops.set(name, { name, family, spellings: group, gradcheck: new Set(), gradgradcheck: new Set(), dtypes: new Set(), gradFns: new Set() });
  }
  return ops;
}

/** A name as written in a test or golden (`mul_`, `F.relu`, `linalg.det`, `+`) → its op and variant. */
const BINOPS: Readonly<Record<string, string>> = { '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '**': 'pow', '@': 'matmul' };

function resolve(raw: string, ops: ReadonlyMap<string, Op>): { op: Op; variant: Variant } | undefined {
  const name = BINOPS[raw] ?? raw.replace(/^(torch|F|linalg|nn\.functional)\./, '');
  const op = ops.get(baseName(name));
  return op && { op, variant: baseName(name) === name ? 'op' : 'in-place' };
}

// ---- gradcheck coverage: the test tables ------------------------------------------------------------

interface GradcheckCase {
  file: string;
  name: string;
  body: string;
  gradgrad: boolean;
}

/**
 * Every case of a `const X: …Case[] = [ … ];` (or `…Call[]`) table in a test file that runs
 * gradcheck, directly or through gradcheck_cases.ts's testGradchecks (gradcheck + gradgradcheck).
 */
function gradcheckTableCases(): GradcheckCase[] {
  const out: GradcheckCase[] = [];
  for (const file of listFiles(join(ROOT, 'tests'), '.test.ts')) {
    const text = readFileSync(file, 'utf8');
    const shared = text.includes('testGradchecks(');
    if (!text.includes('gradcheck(') && !shared) continue;
    const gradgrad = shared || text.includes('gradgradcheck(');
    const exempt = gradgradExempt(text);
    for (const table of text.matchAll(/^const \w+: \w*(?:Case|Call)\[\] = \[\n([\s\S]*?)^\];/gm)) {
      const body = table[1] ?? '';
      const starts = [...body.matchAll(/^\s*(?:op\(|\[)'([^']+)'/gm)];
      starts.forEach((m, i) => {
        const name = m[1] ?? '';
        const caseBody = body.slice(m.index, starts[i + 1]?.index ?? body.length);
        out.push({ file: relative(ROOT, file), name, body: caseBody, gradgrad: gradgrad && !exempt.has(name) });
      });
    }
  }
  return out;
}

/** The keys of a test file's `GRADGRAD_EXEMPT` record (cases whose gradgradcheck is known to fail). */
function gradgradExempt(text: string): Set<string> {
  const record = /GRADGRAD_EXEMPT[^=]*=\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
  return new Set([...record.matchAll(/['"]?([\w. ]+?)['"]?\s*:/g)].map((m) => m[1] ?? ''));
}

/**
 * The op a case checks: among the ops its code calls (`.name`), the longest that its case name
 * names (`mul_inplace` calls `clone` and `mul_`: it checks `mul_`), else the last one it calls.
 */
function caseOp(c: GradcheckCase, ops: ReadonlyMap<string, Op>): { op: Op; variant: Variant } | undefined {
  const n = (c.name.split(' ')[0] ?? '').replace(/^F\./, '');
  const called = [...c.body.matchAll(/\.([A-Za-z]\w*)/g)].map((m) => m[1] ?? '').filter((name) => resolve(name, ops));
  const named = called.filter((k) => n === k || n.startsWith(k.endsWith('_') ? k : `${k}_`) || k === `${n}_`);
  const best = named.sort((a, b) => b.length - a.length)[0] ?? called[called.length - 1];
  return best === undefined ? undefined : resolve(best, ops);
}

/** What a coverage pass read, for the doc: its source files and the cases it could not place. */
interface Sources {
  files: string[];
  unattributed: string[];
}

function addGradcheckTables(ops: ReadonlyMap<string, Op>): Sources {
  const sources: Sources = { files: [], unattributed: [] };
  for (const c of gradcheckTableCases()) {
    if (!sources.files.includes(c.file)) sources.files.push(c.file);
    const hit = caseOp(c, ops);
    if (hit === undefined) {
      sources.unattributed.push(c.name);
      continue;
    }
    hit.op.gradcheck.add(hit.variant);
    if (c.gradgrad) hit.op.gradgradcheck.add(hit.variant);
  }
  return sources;
}

// ---- golden coverage ------------------------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function field(j: Json | undefined, key: string): Json | undefined {
  return j !== null && typeof j === 'object' && !Array.isArray(j) ? j[key] : undefined;
}

function asArray(j: Json | undefined): Json[] {
  return Array.isArray(j) ? j : [];
}

function asString(j: Json | undefined): string | undefined {
  return typeof j === 'string' ? j : undefined;
}

function loadGoldens(): Array<{ file: string; golden: Json }> {
  return listFiles(join(ROOT, 'tests', 'golden'), '.json').map((f) => ({ file: relative(ROOT, f), golden: JSON.parse(readFileSync(f, 'utf8')) as Json }));
}

/** The records that name an op: `cases[i]` with `fn` or `op`, and the `steps` of random.json. */
function goldenRecords(golden: Json): Array<{ raw: string; rec: Json }> {
  const out: Array<{ raw: string; rec: Json }> = [];
  for (const rec of asArray(field(golden, 'cases'))) {
    for (const r of [rec, ...asArray(field(rec, 'steps'))]) {
      const raw = asString(field(r, 'fn')) ?? asString(field(r, 'op'));
      if (raw !== undefined) out.push({ raw, rec: r });
    }
  }
  return out;
}

/** The dtype a case runs the op on: its first input's, else its result's; none for error cases. */
function caseDtype(rec: Json): string | undefined {
  if (field(rec, 'error') !== undefined) return undefined;
  const first = asArray(field(rec, 'inputs'))[0];
  const result = field(rec, 'expect') ?? field(rec, 'out') ?? field(rec, 'output');
  return asString(field(first, 'dtype')) ?? asString(field(result, 'dtype')) ?? asString(field(field(result, 'tensor'), 'dtype'));
}

const GRAD_FN = /^([A-Z]\w*Backward\d*|CopySlices)$/;

function caseGradFns(rec: Json): string[] {
  const candidates = [field(rec, 'grad_fn'), ...asArray(field(rec, 'grad_fns')), ...asArray(field(rec, 'outputs')).map((o) => field(o, 'grad_fn'))];
  return candidates
    .map((g) => asString(g) ?? asString(field(g, 'name')))
    .filter((g): g is string => g !== undefined && GRAD_FN.test(g));
}

/** Golden dtypes and grad_fns; returns the goldens whose `gradcheck` lists the tests run. */
function addGoldens(ops: ReadonlyMap<string, Op>): string[] {
  const gradcheckFiles: string[] = [];
  for (const { file, golden } of loadGoldens()) {
    for (const { raw, rec } of goldenRecords(golden)) {
      const op = resolve(raw, ops)?.op;
      if (op === undefined) continue;
      const dtype = caseDtype(rec);
      if (dtype !== undefined) op.dtypes.add(dtype);
      for (const g of caseGradFns(rec)) op.gradFns.add(g);
    }
    // `gradcheck` lists of the goldens: the tests gradcheck the calls PyTorch's gradcheck passes.
    const checks = asArray(field(golden, 'gradcheck')).filter((rec) => field(rec, 'pytorch_passes') !== undefined);
    if (checks.length > 0) gradcheckFiles.push(file);
    for (const rec of checks) {
      const hit = resolve(asString(field(rec, 'fn')) ?? '', ops);
      if (hit === undefined) continue;
      if (field(rec, 'pytorch_passes') === true) hit.op.gradcheck.add(hit.variant);
      if (field(rec, 'pytorch_gradgrad_passes') === true) hit.op.gradgradcheck.add(hit.variant);
    }
  }
  return gradcheckFiles;
}

// ---- rendering -----------------------------------------------------------------------------------

const DTYPE_ORDER = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64'];

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortDtypes(dtypes: Iterable<string>): string[] {
  const rank = (d: string): number => (DTYPE_ORDER.includes(d) ? DTYPE_ORDER.indexOf(d) : DTYPE_ORDER.length);
  return [...dtypes].sort((a, b) => rank(a) - rank(b) || byName(a, b));
}

/** `✓` (the op), `attr` (a property), `_` (its in-place form): `✓ _` when both exist. */
function placeCell(op: Op, place: Place): string {
  const here = op.spellings.filter((s) => s.place === place);
  const marks = [here.some((s) => s.attr) ? 'attr' : '', here.some((s) => !s.attr && !s.inplace) ? '✓' : '', here.some((s) => s.inplace) ? '`_`' : ''];
  return marks.filter((m) => m !== '').join(' ');
}

function variantCell(v: ReadonlySet<Variant>): string {
  return [v.has('op') ? '✓' : '', v.has('in-place') ? '`_`' : ''].filter((m) => m !== '').join(' ');
}

interface Column {
  title: string;
  cell: (op: Op) => string;
}

const COLUMNS: readonly Column[] = [
  ...PLACES.map((place) => ({ title: place, cell: (op: Op) => placeCell(op, place) })),
  { title: 'differentiable', cell: (op) => (op.gradFns.size > 0 || op.gradcheck.size > 0 ? '✓' : '') },
  { title: 'gradcheck', cell: (op) => variantCell(op.gradcheck) },
  { title: 'gradgradcheck', cell: (op) => variantCell(op.gradgradcheck) },
  { title: 'golden dtypes', cell: (op) => sortDtypes(op.dtypes).join(', ') },
  { title: 'grad_fn (goldens)', cell: (op) => [...op.gradFns].sort(byName).map((g) => `\`${g}\``).join(' ') },
];

/** One family's table; columns empty for the whole family are left out. */
function renderFamily(family: Family, ops: readonly Op[]): string {
  if (ops.length === 0) return `## ${family} (0)`;
  const columns = COLUMNS.filter((c) => ops.some((op) => c.cell(op) !== ''));
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [
    `## ${family} (${ops.length})`,
    '',
    row(['op', ...columns.map((c) => c.title)]),
    row(['---', ...columns.map(() => '---')]),
    ...ops.map((op) => row([`\`${op.name}\``, ...columns.map((c) => c.cell(op))])),
  ].join('\n');
}

function renderCounts(ops: readonly Op[]): string {
  const spellings = ops.flatMap((op) => op.spellings);
  const count = (pred: (s: Spelling) => boolean): number => spellings.filter(pred).length;
  const label = (p: Place): string => (p === 'torch' || p === 'F' ? p : `torch.${p}`);
  const ns = PLACES.filter((p) => p !== 'Tensor').map((p) => `${count((s) => s.place === p)} \`${label(p)}\` functions`);
  return [
    `${ops.length} ops (names, with their in-place forms), from ${spellings.length} spellings: `,
    `${ns.join(', ')}; ${count((s) => s.place === 'Tensor' && !s.attr && !s.inplace)} Tensor methods, `,
    `${count((s) => s.place === 'Tensor' && s.inplace)} in-place Tensor methods, ${count((s) => s.attr)} Tensor properties. `,
    `${ops.filter((op) => op.gradcheck.size > 0).length} ops are gradchecked, ${ops.filter((op) => op.gradgradcheck.size > 0).length} gradgradchecked; `,
    `${ops.filter((op) => op.dtypes.size > 0 || op.gradFns.size > 0).length} have golden cases.`,
  ].join('');
}

const INTRO = `# Ops

<!-- Generated by tools/docs/gen_ops.ts: do not edit. Run \`npm run docs\` after adding an op. -->

Every op of ts-torch, generated from the package itself by \`npm run docs\` (tools/docs/gen_ops.ts);
\`tests/docs/ops_doc.test.ts\` fails when this file is out of date. An op is a name together with its
in-place form (\`abs\` and \`abs_\`), wherever they exist. Columns that are empty for a whole family
are left out of its table.

- **torch, Tensor, F, linalg, autograd, autograd.functional**: where it exists (\`torch.abs\`,
  \`Tensor.abs\`, \`torch.nn.functional.relu\`, \`torch.linalg.det\`, \`torch.autograd.grad\`, …):
  ✓ the op, \`_\` its in-place form (\`Tensor.abs_\`), attr a property (\`Tensor.T\`).
- **family** (the sections): the src/ file that defines its function (an alias follows its target:
  \`torch.inverse\` is linear algebra), or the op a Tensor method dispatches to; "other" is Tensor
  plumbing, conversions and dtype/printing utilities.
- **differentiable**: a golden case records a \`grad_fn\` for it, or a gradcheck covers it (blank: no such evidence).
- **gradcheck, gradgradcheck**: a float64 \`torch.autograd.gradcheck\` / \`gradgradcheck\` test runs on it (✓ the op,
  \`_\` the in-place form): the case tables of the test files and the \`gradcheck\` lists of the goldens named below.
- **golden dtypes**: the dtype of the first input (else of the result) of its PyTorch golden cases
  (\`tests/golden/*.json\`, error cases excluded).
- **grad_fn (goldens)**: the \`grad_fn\` names PyTorch gave its results in those cases.
`;

function renderSources(tables: Sources, goldenGradchecks: readonly string[]): string {
  const code = (names: readonly string[]): string => names.map((n) => `\`${n}\``).join(', ');
  const lines = [`Gradcheck tables read: ${code(tables.files)}; golden gradcheck lists: ${code(goldenGradchecks)}.`];
  if (tables.unattributed.length > 0) lines.push(`Gradcheck cases not matched to an op: ${code(tables.unattributed)}.`);
  return lines.join('\n\n');
}

export async function renderOpsDoc(): Promise<string> {
  const ops = buildOps([...namespaceSpellings(), ...tensorSpellings()], await loadDefinitions());
  const tables = addGradcheckTables(ops);
  const goldenGradchecks = addGoldens(ops);
  const all = [...ops.values()].sort((a, b) => byName(a.name, b.name));
  const sections = FAMILIES.map((family) => renderFamily(family, all.filter((op) => op.family === family)));
  return [INTRO.trimEnd(), renderCounts(all), renderSources(tables, goldenGradchecks), ...sections].join('\n\n') + '\n';
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(OPS_DOC, await renderOpsDoc());
  console.log(`wrote ${relative(ROOT, OPS_DOC)}`);
}
