// Python's exception classes, as PyTorch raises them (porting rule 11). Each extends Error and
// carries Python's class name, so `String(e)` reads `RuntimeError: <PyTorch's message>`.

export class RuntimeError extends Error {
  override name = 'RuntimeError';
}
export class ValueError extends Error {
  override name = 'ValueError';
}
// Named like Python's TypeError; exported under that name, kept apart from JS's built-in here.
export class TorchTypeError extends Error {
  override name = 'TypeError';
}
export class IndexError extends Error {
  override name = 'IndexError';
}
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
}

const warnedSites = new Set<string>();

// ts-torch's own folder (src/ or dist/, where this file is): frames in it are never a call site.
// Stack frames name files as paths or as file: URLs, so both spellings are matched.
// The folder of ts-torch's own modules, to skip their frames. A bundle (no module URL, or no
// URL class outside browsers and Node) falls back to the package-name pattern alone.
const ownPrefixes: string[] = (() => {
  try {
    const folder = new URL('.', import.meta.url);
    return [folder.href, decodeURIComponent(folder.pathname)];
  } catch {
    return [];
  }
})();

function isOwnFrame(frame: string): boolean {
  return ownPrefixes.some((p) => frame.includes(p)) || /[\\/]ts-torch[\\/](src|dist)[\\/]/.test(frame);
}

/**
 * Python's default warning filter shows a warning once per call site. The call site is the
 * first stack frame outside ts-torch's own sources.
 */
export function warnOnce(category: string, message: string): void {
  // Enough frames to get past ts-torch's own ones however deep the op that warns.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const frames = stack.split('\n').slice(1);
  const site = frames.find((f) => !isOwnFrame(f)) ?? frames[0] ?? '';
  const key = `${category}:${message}:${site.trim()}`;
  if (warnedSites.has(key)) return;
  warnedSites.add(key);
  const g = globalThis as { process?: { stderr?: { write(s: string): void } } };
  const line = `${category}: ${message}\n`;
  if (g.process?.stderr) g.process.stderr.write(line);
  else console.warn(line);
}
