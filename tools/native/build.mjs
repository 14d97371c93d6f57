// Builds the optional native kernels (native/ts_torch.c -> build/ts_torch.node) with the
// machine's C compiler against the running Node's N-API headers. Run by `npm install` / `npm ci`
// (the package's install script). A failed build is not an error: ts-torch then runs its
// TypeScript kernels everywhere, as it does in browsers. TS_TORCH_NATIVE=0 skips the build.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const source = path.join(root, 'native/ts_torch.c');
const target = path.join(root, 'build/ts_torch.node');

function headerDir() {
  const candidates = [
    process.env.npm_config_nodedir && path.join(process.env.npm_config_nodedir, 'include/node'),
    path.join(path.dirname(process.execPath), '../include/node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ];
  return candidates.find((d) => d && existsSync(path.join(d, 'node_api.h')));
}

function main() {
  if (process.env.TS_TORCH_NATIVE === '0') return 'skipped (TS_TORCH_NATIVE=0)';
  if (process.platform === 'win32') return 'skipped (no build recipe for Windows yet)';
  const include = headerDir();
  if (!include) return "skipped (Node's N-API headers not found)";
  const cc = process.env.CC || 'cc';
  mkdirSync(path.dirname(target), { recursive: true });
  const flags = ['-std=c11', '-O3', '-ffp-contract=off', '-fno-math-errno', '-fPIC', '-shared', '-Wall', '-Wextra'];
  if (process.platform === 'darwin') flags.push('-undefined', 'dynamic_lookup');
  const r = spawnSync(cc, [...flags, '-I', include, source, '-o', target, '-lm'], { encoding: 'utf8' });
  if (r.error) return `skipped (${cc}: ${r.error.message})`;
  if (r.status !== 0) return `failed, using the TypeScript kernels:\n${r.stderr}`;
  if (r.stderr.trim()) process.stderr.write(r.stderr);
  return `built ${path.relative(root, target)}`;
}

console.log(`ts-torch native kernels: ${main()}`);
