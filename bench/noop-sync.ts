/**
 * bench/noop-sync: the near-free no-op sync (issue #8). A generated bank of 2,000 checklist tasks in 500 files,
 * synced through the CLI (in-process, `membank sync <repo> --json`) against a fresh sandbox per version:
 *
 *   1. the first sync (creates every task: the full sync),
 *   2. a sync with nothing changed, which reads both sides in full and proves the checkpoint (the first no-op after
 *      a change; it starts after the checkpoint margin, 2 s, has passed since the first sync's last write),
 *   3. a sync with nothing changed: the fast path.
 *
 * For each: writes (non-GET requests the sandbox received), requests, wall time, and what the sync printed about
 * the fast path. Targets for 3: 0 writes, ≤ 5 requests, under 1 s.
 *
 *   npx tsx bench/noop-sync.ts [--files 500] [--per-file 4] [--latency 5ms] [--versions 0.24.1,1.0.0,2.5.0]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/index.js';
import { runCli } from '../test/helpers/cli.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '500' },
    'per-file': { type: 'string', default: '4' },
    latency: { type: 'string', default: '5ms' },
    versions: { type: 'string', default: '0.24.1,1.0.0,2.5.0' },
  },
});
const files = Number(args.files);
const perFile = Number(args['per-file']);
const latencyMs = Number.parseFloat(args.latency.replace(/ms$/, ''));
const versions = args.versions.split(',').map((version) => version.trim()).filter((version) => version !== '');

/** Writes `files` Markdown files of `perFile` checklist items each (every third one done). */
function writeBank(bank: string): void {
  mkdirSync(bank, { recursive: true });
  for (let file = 0; file < files; file += 1) {
    const name = `area-${String(file).padStart(3, '0')}.md`;
    const lines = [`# Area ${file}`, '', '## Tasks', ''];
    for (let item = 0; item < perFile; item += 1) {
      const n = file * perFile + item;
      lines.push(`- [${n % 3 === 0 ? 'x' : ' '}] Task ${n} of area ${file}`);
    }
    writeFileSync(join(bank, name), `${lines.join('\n')}\n`);
  }
}

interface Row {
  version: string;
  run: string;
  code: number;
  writes: number;
  requests: number;
  wallMs: number;
  fastPath: string;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function benchVersion(version: string): Promise<Row[]> {
  const sandbox = await startSandbox({ version, latencyMs });
  const dir = mkdtempSync(join(tmpdir(), 'membank-bench-noop-'));
  const repo = join(dir, 'noop-bench');
  writeBank(join(repo, 'memory-bank'));
  // The area files are task lists by name: read them as task sources.
  writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ discover: { taskGlobs: ['**/area-*.md'] } }));
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite'), MEMBANK_LOG_LEVEL: 'silent' };
  const rows: Row[] = [];
  const measure = async (run: string): Promise<void> => {
    sandbox.clearRequestLog();
    const started = performance.now();
    const result = await runCli(['sync', repo, '--json'], { env, cwd: dir });
    const wallMs = performance.now() - started;
    const log = sandbox.requestLog();
    const json = JSON.parse(result.stdout) as { fastPath: { since: string; requests: number } | null; summary: { created: number } };
    rows.push({
      version,
      run,
      code: result.code,
      writes: log.filter((entry) => entry.method !== 'GET').length,
      requests: log.length,
      wallMs,
      fastPath: json.fastPath === null ? `no (${json.summary.created} created)` : `yes (${json.fastPath.requests} probe requests)`,
    });
  };
  try {
    await measure('1. first sync (full)');
    await sleep(2100);
    await measure('2. no-op, proves the checkpoint');
    await measure('3. no-op (fast path)');
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const all: Row[] = [];
for (const version of versions) all.push(...(await benchVersion(version)));
process.stdout.write(`bank: ${files * perFile} tasks in ${files} files; sandbox latency ${latencyMs} ms per request\n\n`);
process.stdout.write('| version | sync | exit | writes | requests | wall | fast path |\n|---|---|---|---|---|---|---|\n');
for (const row of all) {
  process.stdout.write(`| ${row.version} | ${row.run} | ${row.code} | ${row.writes} | ${row.requests} | ${(row.wallMs / 1000).toFixed(2)} s | ${row.fastPath} |\n`);
}
