// Shared driver of the exhaustive kernel verifiers (verify_exp.mjs, verify_tanh_log.mjs). Each
// verifier checks a pair of float32 kernels of one native header against their JavaScript
// references for every one of the 2^32 float32 bit patterns, bit for bit (any NaN equals any
// NaN). It builds a small test addon (verify_*_addon.c, on verify_addon_common.h) into the OS
// temp dir, then splits the inputs into blocks of 2^24 handed to worker threads. Every block is
// checked through the dispatching entry points (out of place and in place, x === y), and through
// each compiled variant (generic, and AVX2+FMA and AVX-512 when they are compiled and the CPU
// has them).
//
// The addon exports run(which, x, y) -> bool, with which = 0, 1: the dispatching entry points of
// kernels 0 and 1; 2, 3: their generic variants; 4, 5: AVX2+FMA; 6, 7: AVX-512; false when that
// variant is unavailable.
//
// Options of every verifier: [--workers N] [--blocks N]   (--blocks: check only the first N of the
// 256 blocks, spread over the whole range, for a quick smoke test). Exit status 0 only when there
// are no mismatches over everything checked.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const here = path.dirname(fileURLToPath(import.meta.url));
const BLOCK_BITS = 24;
const BLOCK = 1 << BLOCK_BITS;
const NBLOCKS = 2 ** (32 - BLOCK_BITS);

function headerDir() {
  const candidates = [
    path.join(path.dirname(process.execPath), '../include/node'),
    '/usr/include/node',
    '/usr/local/include/node',
  ];
  return candidates.find((d) => existsSync(path.join(d, 'node_api.h')));
}

function build(spec) {
  const out = path.join(os.tmpdir(), `ts_torch_verify_${spec.name}_${process.pid}.node`);
  const args = ['-O3', '-ffp-contract=off', ...(spec.cflags ?? []), '-Wall', '-Wextra', '-Werror',
    '-std=c11', '-fPIC', '-shared', `-I${headerDir()}`, path.join(here, spec.addon), '-o', out];
  const r = spawnSync(process.env.CC || 'gcc', args, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('addon build failed');
  return out;
}

// ---- worker: check blocks --------------------------------------------------------------------

function worker(spec) {
  const addon = createRequire(import.meta.url)(workerData.addon);
  const xu = new Uint32Array(BLOCK);
  const x = new Float32Array(xu.buffer);
  const want = [new Float32Array(BLOCK), new Float32Array(BLOCK)]; // spec.kernels[0], [1]
  const wantU = want.map((a) => new Uint32Array(a.buffer));
  const got = new Float32Array(BLOCK);
  const gotU = new Uint32Array(got.buffer);
  const hasFma = addon.run(4, new Float32Array(1), new Float32Array(1));
  const has512 = addon.run(6, new Float32Array(1), new Float32Array(1));
  const [k0, k1] = spec.kernels;
  // [label, which, kernel index (0 or 1), in place]
  const modes = [
    [k0, 0, 0, false], [`${k0} in-place`, 0, 0, true],
    [k1, 1, 1, false], [`${k1} in-place`, 1, 1, true],
    [`${k0} generic`, 2, 0, false], [`${k1} generic`, 3, 1, false],
  ];
  if (hasFma) modes.push([`${k0} avx2+fma`, 4, 0, false], [`${k1} avx2+fma`, 5, 1, false]);
  if (has512) modes.push([`${k0} avx512`, 6, 0, false], [`${k1} avx512`, 7, 1, false]);

  parentPort.on('message', (b) => {
    if (b === null) { parentPort.close(); return; }
    const base = b * BLOCK;
    for (let i = 0; i < BLOCK; i++) xu[i] = base + i;
    spec.reference[0](x, want[0]);
    spec.reference[1](x, want[1]);
    const counts = {};
    const examples = [];
    for (const [label, which, k, inPlace] of modes) {
      let ok;
      if (inPlace) { got.set(x); ok = addon.run(which, got, got); }
      else ok = addon.run(which, x, got);
      if (!ok) throw new Error(`addon.run(${which}) failed`);
      const w = wantU[k], wf = want[k];
      let bad = 0;
      for (let i = 0; i < BLOCK; i++) {
        if (gotU[i] !== w[i] && !(got[i] !== got[i] && wf[i] !== wf[i])) {
          bad++;
          if (examples.length < 5) {
            examples.push(`${label}: x=0x${xu[i].toString(16)} (${x[i]}) want ${wf[i]} ` +
              `(0x${w[i].toString(16)}) got ${got[i]} (0x${gotU[i].toString(16)})`);
          }
        }
      }
      counts[label] = bad;
    }
    parentPort.postMessage({ b, counts, examples, hasFma, has512 });
  });
}

// ---- main: hand out blocks, total up ---------------------------------------------------------

async function main(spec) {
  const argv = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const nWorkers = opt('--workers', Math.max(1, os.availableParallelism?.() ?? os.cpus().length));
  const nBlocks = Math.min(NBLOCKS, opt('--blocks', NBLOCKS));
  // With --blocks N < 256, spread the blocks over the range (both signs, all exponents).
  const blocks = [];
  for (let j = 0; j < nBlocks; j++) blocks.push(Math.floor((j * NBLOCKS) / nBlocks));

  const t0 = performance.now();
  const addon = build(spec);
  console.log(`node ${process.version}; addon ${addon}; ${nWorkers} workers; ` +
    `${nBlocks} blocks of 2^${BLOCK_BITS} inputs`);
  const totals = {};
  const examples = [];
  let done = 0;
  let hasFma = false;
  let has512 = false;
  let next = 0;
  await Promise.all(Array.from({ length: nWorkers }, () => new Promise((resolve, reject) => {
    const w = new Worker(fileURLToPath(spec.entry), { workerData: { addon } });
    const feed = () => w.postMessage(next < blocks.length ? blocks[next++] : null);
    w.on('message', (m) => {
      for (const [k, v] of Object.entries(m.counts)) totals[k] = (totals[k] ?? 0) + v;
      examples.push(...m.examples);
      hasFma = m.hasFma;
      has512 = m.has512;
      done++;
      if (done % 16 === 0 || done === blocks.length) {
        const s = ((performance.now() - t0) / 1000).toFixed(1);
        console.log(`  ${done}/${blocks.length} blocks, ${s} s, mismatches so far: ` +
          Object.values(totals).reduce((a, c) => a + c, 0));
      }
      feed();
    });
    w.on('error', reject);
    w.on('exit', resolve);
    feed();
  })));
  const secs = (performance.now() - t0) / 1000;
  const inputs = nBlocks * BLOCK;
  console.log(`checked ${inputs} inputs (${inputs === 2 ** 32 ? 'all 2^32 float32 bit patterns' :
    'partial'}) in ${secs.toFixed(1)} s; AVX2+FMA variant ${hasFma ? 'checked' : 'not available'}, ` +
    `AVX-512 variant ${has512 ? 'checked' : 'not available'}`);
  let total = 0;
  for (const [k, v] of Object.entries(totals)) { console.log(`  ${k}: ${v} mismatches`); total += v; }
  for (const e of examples.slice(0, 20)) console.log(`  e.g. ${e}`);
  console.log(total === 0 ? 'OK: 0 mismatches' : `FAIL: ${total} mismatches`);
  process.exitCode = total === 0 ? 0 : 1;
}

// Runs a verifier: in the main thread, builds the addon and farms out the blocks to workers that
// run spec.entry (the verifier's own module) again; in a worker, checks the blocks it is handed.
//   spec.name       short name for the addon file ('exp')
//   spec.entry      import.meta.url of the verifier module
//   spec.addon      the test addon's C source, relative to tools/native
//   spec.cflags     extra compiler flags for the addon (optional)
//   spec.kernels    labels of kernels 0 and 1 (['exp', 'sigmoid'])
//   spec.reference  two functions (x, out) filling out[i] with what the JavaScript kernel returns
//                   for x[i], as a float32
export async function runVerifier(spec) {
  if (isMainThread) await main(spec);
  else worker(spec);
}
