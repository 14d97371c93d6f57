// The package as users get it: the built `dist/` through the exports map, from a folder that
// has ts-torch in node_modules, and the core bundled for a browser (no Node API, no globals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// What PyTorch prints for `torch.manual_seed(0); torch.rand(3)` (Out[14] of the seed notebook).
const expectedRand3 = readFileSync(path.join(root, 'tests/golden/seed_tour.expected.txt'), 'utf8')
  .split('\n')
  .find((_, i, lines) => lines[i - 1] === 'Out[14]:');

test('`import * as torch from "ts-torch"` works from another folder (built dist via exports)', () => {
  if (!existsSync(path.join(root, 'dist/index.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  const dir = mkdtempSync(path.join(tmpdir(), 'ts-torch-user-'));
  try {
    mkdirSync(path.join(dir, 'node_modules'));
    symlinkSync(root, path.join(dir, 'node_modules', 'ts-torch'), 'dir');
    const script = "import * as torch from 'ts-torch'; torch.manual_seed(0); console.log(String(torch.rand(3)));";
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, encoding: 'utf8' });
    assert.equal(out.trim(), expectedRand3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the core bundles for the browser and runs without Node globals', async () => {
  const result = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'torch',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  assert.doesNotMatch(code, /require\(["']node:|from ["']node:/);
  const sandbox: Record<string, unknown> = {};
  vm.runInNewContext(`${code}\ntorch.manual_seed(0); globalThis.result = String(torch.rand(3));`, sandbox);
  assert.equal(sandbox.result, expectedRand3);
});
