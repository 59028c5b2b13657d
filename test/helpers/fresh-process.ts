/**
 * A script run in a fresh Node process: what a module loads, or how much memory it keeps, can only be seen from a
 * process that has loaded nothing else. The script is an ES module under tsx (so it can import the TypeScript
 * sources), run from the repository root; its own arguments are `process.argv.slice(1)`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `script` (its lines) with `args`, and Node's `nodeFlags` (e.g. `--expose-gc`) before tsx's. Returns what it
 * wrote; a non-zero exit throws with its stderr.
 */
export function runFreshModule(
  script: readonly string[],
  args: readonly string[],
  options: { nodeFlags?: readonly string[] } = {},
): { stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [...(options.nodeFlags ?? []), '--import', 'tsx', '--input-type=module', '-e', script.join('\n'), ...args],
    { cwd: repositoryRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (run.error !== undefined) throw run.error;
  if (run.status !== 0) throw new Error(`the fresh process exited with ${String(run.status ?? run.signal)}:\n${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

/**
 * A loader hook that reports every module an `import` resolves to (ESM packages such as zod and yargs, and the
 * project's own TypeScript files), which `require.cache` does not list. Pass it as the script's LAST argument when
 * the script starts with `trackLoadedModules`.
 */
export const resolvedUrlHook = [
  'let port;',
  'export async function initialize(data) { port = data.port; }',
  'export async function resolve(specifier, context, next) { const resolved = await next(specifier, context); port.postMessage(resolved.url); return resolved; }',
].join('\n');

/**
 * Script lines that register `resolvedUrlHook` (read from the script's last argument) and define `loadedFiles()`:
 * every file imported or required so far, as paths with `/` separators. The hook's messages arrive asynchronously:
 * `settle()` (a turn of the event loop) lets them in.
 */
export const trackLoadedModules: readonly string[] = [
  "import { createRequire as __createRequire, register as __register } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { MessageChannel as __MessageChannel } from 'node:worker_threads';",
  'const __resolved = new Set();',
  '{',
  '  const { port1, port2 } = new __MessageChannel();',
  "  port1.on('message', (url) => __resolved.add(url));",
  '  port1.unref();',
  "  __register(`data:text/javascript,${encodeURIComponent(process.argv.at(-1))}`, import.meta.url, { data: { port: port2 }, transferList: [port2] });",
  '}',
  'const loadedFiles = () => [...new Set([',
  "  ...[...__resolved].filter((url) => url.startsWith('file:')).map((url) => __fileURLToPath(url)),",
  '  ...Object.keys(__createRequire(import.meta.url).cache),',
  "].map((path) => path.split(/[\\\\/]/).join('/')))];",
  'const settle = () => new Promise((resolve) => setTimeout(resolve, 50));',
];
