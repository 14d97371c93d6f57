// The main example must print exactly what PyTorch 1.13 prints for the seed notebook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The expected text is PyTorch's own output, kept in ../shared/oracle and copied into tests/golden.
const expectedPath = path.join(root, 'tests/golden/seed_tour.expected.txt');

test('examples/autograd_tour.ts prints seed_tour.expected.txt byte for byte', () => {
  assert.ok(existsSync(expectedPath));
  const got = execFileSync(process.execPath, ['--conditions=development', '--import', 'tsx', 'examples/autograd_tour.ts'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(got, readFileSync(expectedPath, 'utf8'));
});
