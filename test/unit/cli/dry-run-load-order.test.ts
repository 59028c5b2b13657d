/**
 * `migrate --dry-run` reads the bank before it loads the state store (and the Vikunja client, the workflows): their
 * modules would otherwise be live through the whole parse, and V8 lets the old generation grow to a multiple of what
 * is live before it collects — on the 10,000-file bank, that decided the run's peak RSS (bench/RESULTS.md, "issue #12:
 * dry-run memory"). Seen in a fresh process: a load hook marks the state store's module when it is evaluated, and
 * every read of a bank file notes whether it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFreshModule } from '../../helpers/fresh-process.js';

const mainUrl = new URL('../../../src/cli/main.ts', import.meta.url).href;
const sandboxUrl = new URL('../../../src/sandbox/index.ts', import.meta.url).href;
const bank = fileURLToPath(new URL('../../../fixtures/sync/basic', import.meta.url));

/** Appends a marker to the state store's module: once evaluated, it sets `globalThis.__membankStoreEvaluated`. */
const storeMarkerHook = [
  'export async function load(url, context, next) {',
  '  const loaded = await next(url, context);',
  "  if (!new URL(url).pathname.endsWith('/src/store/index.ts')) return loaded;",
  // On a line of its own: tsx's output ends with a source-map comment.
  "  return { ...loaded, source: `${loaded.source}\\nglobalThis.__membankStoreEvaluated = true;\\n` };",
  '}',
].join('\n');

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'membank-dry-run-order-'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/**
 * Runs `main(argv)` in a fresh process, against a sandbox started there (the sandbox loads no state store): its exit
 * code, its stdout, and for each read of a file under `bank`, whether the state store's module had been evaluated.
 */
function runWithReadLog(argv: string[]): { code: number; out: string; storeLoadedAtRead: boolean[] } {
  const script = [
    "import fs from 'node:fs';",
    "import { register, syncBuiltinESMExports } from 'node:module';",
    'const [mainUrl, sandboxUrl, bank, cwd, state, hook] = process.argv.slice(1);',
    'register(`data:text/javascript,${encodeURIComponent(hook)}`, import.meta.url);',
    'const storeLoadedAtRead = [];',
    'const readFileSync = fs.readFileSync;',
    'fs.readFileSync = function (path, ...rest) {',
    '  if (String(path).startsWith(bank)) storeLoadedAtRead.push(globalThis.__membankStoreEvaluated === true);',
    '  return readFileSync.call(this, path, ...rest);',
    '};',
    'syncBuiltinESMExports();',
    'const { startSandbox } = await import(sandboxUrl);',
    'const sandbox = await startSandbox({ port: 0 });',
    'const { main } = await import(mainUrl);',
    "let out = '';",
    'const io = { stdout: { write: (c) => (out += c) }, stderr: { write: () => true }, env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state }, cwd };',
    `const code = await main(${JSON.stringify(argv)}, io);`,
    'await sandbox.close();',
    'process.stdout.write(JSON.stringify({ code, out, storeLoadedAtRead }));',
  ];
  const args = [mainUrl, sandboxUrl, bank, work, join(work, 'state.db'), storeMarkerHook];
  return JSON.parse(runFreshModule(script, args).stdout) as { code: number; out: string; storeLoadedAtRead: boolean[] };
}

describe('migrate --dry-run', () => {
  it('reads every bank file before the state store is loaded, and plans the same', () => {
    const run = runWithReadLog(['migrate', bank, '--dry-run', '--json']);
    expect(run.code, run.out).toBe(0);
    const output = JSON.parse(run.out) as { dryRun: boolean; plan: { ops: Array<{ kind: string }> } };
    expect(output.plan.ops.filter((op) => op.kind === 'create').length).toBeGreaterThan(0);
    expect(run.storeLoadedAtRead.length).toBeGreaterThan(0);
    expect(run.storeLoadedAtRead.filter((loaded) => loaded)).toEqual([]);
  }, 60_000);

  it('a real migrate still loads it (the hook sees the store once it is evaluated)', () => {
    // Guards the test itself: without the store marker, the dry-run check above could never fail.
    const run = runWithReadLog(['migrate', bank, '--json']);
    expect(run.code, run.out).toBe(0);
    expect(run.storeLoadedAtRead.length).toBeGreaterThan(0);
    expect(run.storeLoadedAtRead.some((loaded) => loaded)).toBe(true);
  }, 60_000);
});
