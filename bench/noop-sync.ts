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
 *
 * `--compare <tree>` (another checkout of membank, e.g. `git archive <commit> | tar -x -C /tmp/old` with node_modules
 * linked) then runs `--rounds` (default 6) more fast-path no-ops with this tree's CLI and that tree's, alternating, on
 * the same bank, sandbox and state store, and prints CPU time (`process.cpuUsage()`, user + system, this process:
 * the CLI and the in-process sandbox) and wall time per side.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/index.js';
import { runCli } from '../test/helpers/cli.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '500' },
    'per-file': { type: 'string', default: '4' },
    latency: { type: 'string', default: '5ms' },
    versions: { type: 'string', default: '0.24.1,1.0.0,2.5.0' },
    compare: { type: 'string' },
    rounds: { type: 'string', default: '6' },
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
    if (args.compare !== undefined) await compareNoops(version, repo, dir, env);
  } finally {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

type RunCli = typeof runCli;
const compared: Array<{ version: string; side: string; cpuMs: number; wallMs: number }> = [];

/** Alternates fast-path no-op syncs between this tree's CLI and the `--compare` tree's, measuring CPU and wall time. */
async function compareNoops(version: string, repo: string, dir: string, env: Record<string, string>): Promise<void> {
  const tree = resolve(args.compare ?? '.');
  const old = ((await import(pathToFileURL(join(tree, 'test/helpers/cli.ts')).href)) as { runCli: RunCli }).runCli;
  const sides: Array<[string, RunCli]> = [
    ['this tree', runCli],
    [tree, old],
  ];
  for (let round = 0; round < Number(args.rounds); round += 1) {
    for (const [side, cli] of round % 2 === 0 ? sides : [...sides].reverse()) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const result = await cli(['sync', repo, '--json'], { env, cwd: dir });
      const wallMs = performance.now() - started;
      const used = process.cpuUsage(cpu);
      if (result.code !== 0 || (JSON.parse(result.stdout) as { fastPath: unknown }).fastPath === null) throw new Error(`${side}: the no-op sync was not a fast-path no-op (exit ${result.code})`);
      compared.push({ version, side, cpuMs: (used.user + used.system) / 1000, wallMs });
    }
  }
}

const all: Row[] = [];
for (const version of versions) all.push(...(await benchVersion(version)));
process.stdout.write(`bank: ${files * perFile} tasks in ${files} files; sandbox latency ${latencyMs} ms per request\n\n`);
process.stdout.write('| version | sync | exit | writes | requests | wall | fast path |\n|---|---|---|---|---|---|---|\n');
for (const row of all) {
  process.stdout.write(`| ${row.version} | ${row.run} | ${row.code} | ${row.writes} | ${row.requests} | ${(row.wallMs / 1000).toFixed(2)} s | ${row.fastPath} |\n`);
}
if (compared.length > 0) {
  const median = (values: number[]): number => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  };
  process.stdout.write(`\nfast-path no-op, ${args.rounds} rounds alternating (CPU = user + system of this process, CLI and sandbox)\n\n`);
  process.stdout.write('| version | tree | runs | CPU median (min–max) | wall median (min–max) |\n|---|---|---|---|---|\n');
  for (const version of versions) {
    for (const side of [...new Set(compared.map((row) => row.side))]) {
      const rows = compared.filter((row) => row.version === version && row.side === side);
      const cpu = rows.map((row) => row.cpuMs);
      const wall = rows.map((row) => row.wallMs);
      process.stdout.write(
        `| ${version} | ${side} | ${rows.length} | ${median(cpu).toFixed(0)} ms (${Math.min(...cpu).toFixed(0)}–${Math.max(...cpu).toFixed(0)}) | ${median(wall).toFixed(0)} ms (${Math.min(...wall).toFixed(0)}–${Math.max(...wall).toFixed(0)}) |\n`,
      );
    }
  }
}
