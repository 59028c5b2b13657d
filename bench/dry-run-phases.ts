/**
 * bench/dry-run-phases: where `migrate --dry-run`'s memory goes, in-process — the heap still live (after a full
 * GC) and the process's peak RSS after each phase: start, discovery + parse (`readBank`), the plan (`createPlan`
 * against an empty 2.5 sandbox started here), and the plan alone once the bank's records are dropped. Run it for
 * this checkout or another copy of the project (`--checkout <dir>`, e.g. `git archive <commit>` + a `node_modules`
 * symlink) to compare phases before and after a change.
 *
 *   node --expose-gc --import tsx/esm bench/dry-run-phases.ts <bank> [--checkout <dir>] [--listed]
 *
 * `--listed` measures what `migrate --dry-run --json` does since issue #12's listed plan (`createListedPlan`): the
 * plan made with its ops and desired tasks listed on demand, then the whole document written (to a sink that counts
 * and drops it), with the heap live and peak RSS after each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args, positionals } = parseArgs({ allowPositionals: true, options: { checkout: { type: 'string' }, listed: { type: 'boolean', default: false } } });
const bankDir = positionals[0];
const gc = (globalThis as { gc?: () => void }).gc;
if (bankDir === undefined || gc === undefined) throw new Error('usage: node --expose-gc --import tsx/esm bench/dry-run-phases.ts <bank> [--checkout <dir>]');
const checkout = args.checkout ?? fileURLToPath(new URL('..', import.meta.url));
const load = (path: string): Promise<Record<string, unknown>> => import(join(checkout, path)) as Promise<Record<string, unknown>>;
const { startSandbox } = (await load('src/sandbox/index.ts')) as { startSandbox: (options: object) => Promise<{ url: string; token: string; close(): Promise<void> }> };
const { readBank, createPlanInput } = (await load('src/cli/read-bank.ts')) as {
  readBank: (dir: string, cwd: string, config: unknown) => Promise<{ records: unknown[] }>;
  createPlanInput: (bank: unknown, config: unknown, options: object) => unknown;
};
const { resolveFromArgs } = (await load('src/cli/resolve-args.ts')) as { resolveFromArgs: (args: object, ctx: object) => { config: unknown; statePath: string } };
const { createWorkflowDeps } = (await load('src/cli/workflow-deps.ts')) as { createWorkflowDeps: (options: object) => unknown };
const { createPlan } = (await load('src/pipeline/workflows/index.ts')) as { createPlan: (deps: unknown, input: unknown) => Promise<{ ops: unknown[] }> };
const { silentLogger } = (await load('src/core/ports.ts')) as { silentLogger: unknown };

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(0);
const started = process.cpuUsage();
function phase(name: string): void {
  gc?.();
  const memory = process.memoryUsage();
  const cpu = process.cpuUsage(started);
  process.stdout.write(
    `| ${name} | ${mb(memory.heapUsed)} | ${mb(memory.rss)} | ${mb(process.resourceUsage().maxRSS * 1024)} | ${((cpu.user + cpu.system) / 1e6).toFixed(1)} |\n`,
  );
}

interface ListedPlan {
  summary: { writes: number };
  ops(): Iterable<unknown>;
  desired(): Iterable<readonly [string, unknown]>;
  withLists(ops: unknown, desired: unknown): unknown;
}

async function measureListed(deps: unknown, input: unknown): Promise<void> {
  const { createListedPlan } = (await load('src/pipeline/workflows/index.ts')) as { createListedPlan: (deps: unknown, input: unknown) => Promise<ListedPlan> };
  const { chunkJson, ListedJsonArray, ListedJsonObject } = (await load('src/cli/json-stream.ts')) as {
    chunkJson: (value: unknown) => Iterable<string>;
    ListedJsonArray: new (list: () => Iterable<unknown>) => unknown;
    ListedJsonObject: new (entries: () => Iterable<readonly [string, unknown]>) => unknown;
  };
  const listed = await createListedPlan(deps, input);
  phase(`listed plan made: ${listed.summary.writes} writes (records still live)`);
  const plan = listed.withLists(new ListedJsonArray(() => listed.ops()), new ListedJsonObject(() => listed.desired()));
  let characters = 0;
  for (const chunk of chunkJson({ dryRun: true, plan, problems: [] })) characters += chunk.length;
  phase(`document written: ${(characters / 1024 / 1024).toFixed(1)} Mi characters`);
}

const sandbox = await startSandbox({ port: 0, version: '2.5.0' });
const work = mkdtempSync(join(tmpdir(), 'membank-dry-run-phases-'));
try {
  process.stdout.write(`bench/dry-run-phases: ${checkout}, bank ${bankDir}\n\n| phase | heap live MB | RSS MB | peak RSS MB | CPU s |\n|---|---|---|---|---|\n`);
  phase('start (modules loaded)');
  const signal = new AbortController().signal;
  const ctx = { io: { env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(work, 'state.sqlite') }, cwd: work }, log: silentLogger, signal, onClose: () => undefined };
  const resolved = resolveFromArgs({ dir: bankDir }, ctx);
  let bank: { records: unknown[] } | null = await readBank(bankDir, work, resolved.config);
  phase(`discovery + parse: ${bank.records.length} records`);
  const deps = createWorkflowDeps({ config: resolved.config, statePath: resolved.statePath, log: silentLogger, signal, readOnly: true });
  if (args.listed) {
    await measureListed(deps, createPlanInput(bank, resolved.config, {}));
    bank = null;
    phase('all dropped');
  } else {
    const plan = await createPlan(deps, createPlanInput(bank, resolved.config, {}));
    phase(`plan: ${plan.ops.length} ops (records still live)`);
    bank = null;
    phase('plan only (records dropped)');
  }
} finally {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
}
