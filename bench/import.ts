/**
 * bench/import: membank and a naive importer side by side, in the same process, with the same titles and the same
 * labels (the naive importer is the client's own script's approach: a sequential create, then one label call per
 * label per task). For membank it also measures the no-op re-run (reads only) and the rollback of the run.
 *
 *   npx tsx bench/import.ts [--tasks 2000 | --bank client] [--latency 5ms] [--database sqlite|postgres] [--real]
 *   npx tsx bench/import.ts [tasks] [latencyMs]     (the earlier form)
 *
 * Sandbox mode (default): a fresh sandbox per run, `--latency` per request, 50 items per page. `--database sqlite`
 * (default) reports `concurrent_writes: false` and rejects overlapping writes; `--database postgres` is the
 * sandbox's PostgreSQL emulation (concurrent writes allowed, creates into one project racing). Runs on 2.3 (v1
 * path) and 2.5 (v2 bulk creates) for membank, 2.5 for the naive importer.
 *
 * Real-server mode (`--real`): the server at VIKUNJA_URL with VIKUNJA_TOKEN (like the contract suite); skips with
 * a message when they are unset. Each run uses its own project (deleted afterwards: membank's by its rollback,
 * the naive importer's by one project delete); requests are counted by the clients (membank's request stats, the
 * naive importer's own counter).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readBank } from '../src/cli/read-bank.js';
import { createWorkflowDeps } from '../src/cli/workflow-deps.js';
import { applyPlan, deferPlan, rollbackRun, type WorkflowDeps } from '../src/cli/workflows.js';
import { createDefaultConfig, type MembankConfig } from '../src/core/config.js';
import { createDesiredTask } from '../src/core/mapping.js';
import { silentLogger } from '../src/core/ports.js';
import type { TaskRecord } from '../src/core/task-record.js';
import { renderMarkdownToHtml } from '../src/memory-bank/render-html.js';
import { type SandboxHandle, startSandbox } from '../src/sandbox/index.js';
import { makeRecords } from '../test/helpers/records.js';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    tasks: { type: 'string', default: '2000' },
    bank: { type: 'string' },
    latency: { type: 'string', default: '5ms' },
    database: { type: 'string', default: 'sqlite' },
    real: { type: 'boolean', default: false },
  },
});
// The earlier form `bench/import.ts [tasks] [latencyMs]` still works.
if (positionals[0] !== undefined) args.tasks = positionals[0];
if (positionals[1] !== undefined) args.latency = positionals[1];
const latencyMs = Number.parseFloat(args.latency.replace(/ms$/, ''));
const database = args.database === 'postgres' ? 'postgres' : 'sqlite';
if (args.database !== 'sqlite' && args.database !== 'postgres') throw new Error(`--database takes sqlite or postgres, not ${args.database}`);
const clientBank = fileURLToPath(new URL('../../shared/memory-banks/corpus/Xoe-NovAi__xoe-novai-foundation/memory_bank', import.meta.url));

async function loadRecords(): Promise<{ name: string; records: TaskRecord[] }> {
  if (args.bank === 'client') {
    const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
    return { name: 'the client bank', records: [...bank.records] };
  }
  if (args.bank !== undefined) throw new Error(`--bank takes only "client" (or use --tasks N), not ${args.bank}`);
  const count = Number(args.tasks);
  return { name: `${count} generated tasks`, records: makeRecords(count) };
}

/** Where a run goes: a fresh sandbox, or the real server. */
interface Target {
  url: string;
  token: string;
  /** The server's request log since `reset` (sandbox only). */
  log(): Array<{ method: string }> | null;
  reset(): void;
  close(): Promise<void>;
}

async function openTarget(version: string): Promise<Target> {
  if (args.real) {
    const url = process.env['VIKUNJA_URL'] ?? '';
    const token = process.env['VIKUNJA_TOKEN'] ?? '';
    return { url, token, log: () => null, reset: () => undefined, close: async () => undefined };
  }
  const sandbox: SandboxHandle = await startSandbox({
    version,
    latencyMs,
    maxItemsPerPage: 50,
    database,
    ...(database === 'sqlite' ? { concurrentWrites: false, enforceSerialWrites: true } : {}),
  });
  return {
    url: sandbox.url,
    token: sandbox.token,
    log: () => sandbox.requestLog().map((entry) => ({ method: entry.method })),
    reset: () => sandbox.clearRequestLog(),
    close: () => sandbox.close(),
  };
}

interface Measure {
  seconds: number;
  requests: number;
  writes: number;
}

function sampleMemory(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / 1024 / 1024;
    },
  };
}

/** Counts from the sandbox's log, else from membank's client stats (difference since `before`). */
function countRequests(target: Target, deps: WorkflowDeps, before: Record<string, number>): { requests: number; writes: number } {
  const log = target.log();
  if (log !== null) return { requests: log.length, writes: log.filter((entry) => entry.method !== 'GET').length };
  const now = deps.runtime.vikunja.stats().requests;
  let requests = 0;
  let writes = 0;
  for (const [method, count] of Object.entries(now)) {
    const delta = count - (before[method] ?? 0);
    requests += delta;
    if (method !== 'GET') writes += delta;
  }
  return { requests, writes };
}

async function timed(target: Target, deps: WorkflowDeps, work: () => Promise<void>): Promise<Measure> {
  target.reset();
  const before = { ...deps.runtime.vikunja.stats().requests };
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { seconds, ...countRequests(target, deps, before) };
}

interface MembankResult {
  name: string;
  migrate: Measure;
  rerun: Measure;
  rollback: Measure;
  peakRssMb: number;
}

async function runMembank(name: string, version: string, records: TaskRecord[], projectTitle: string): Promise<MembankResult> {
  const target = await openTarget(version);
  const base = createDefaultConfig();
  const config: MembankConfig = { ...base, vikunja: { ...base.vikunja, url: target.url, token: target.token } };
  const statePath = join(mkdtempSync(join(tmpdir(), 'membank-bench-')), 'state.sqlite');
  const deps = createWorkflowDeps({ config, statePath, log: silentLogger, signal: new AbortController().signal });
  const input = { records, root: '/bench', projectTitle };
  const memory = sampleMemory();
  let runId = '';
  // A migrate as the user runs it: plan (inside the run), journaled apply, verify.
  const migrate = await timed(target, deps, async () => {
    const outcome = await applyPlan(deps, deferPlan(deps, input), { command: 'migrate', checkStale: false, verify: true });
    if (outcome.run.status !== 'succeeded') throw new Error(`${name}: migrate ${outcome.run.status}: ${outcome.run.error}`);
    runId = outcome.run.id;
  });
  const rerun = await timed(target, deps, async () => {
    const outcome = await applyPlan(deps, deferPlan(deps, input), { command: 'migrate', checkStale: false, verify: true });
    if (outcome.run.status !== 'succeeded') throw new Error(`${name}: re-run ${outcome.run.status}: ${outcome.run.error}`);
  });
  const rollback = await timed(target, deps, async () => {
    const outcome = await rollbackRun(deps, runId, { force: false, dryRun: false });
    if (outcome.failures.length > 0 || outcome.run?.status !== 'succeeded') throw new Error(`${name}: rollback ${outcome.run?.status}: ${outcome.failures[0]?.message}`);
  });
  const peakRssMb = memory.stop();
  deps.runtime.close();
  await target.close();
  return { name, migrate, rerun, rollback, peakRssMb };
}

/**
 * The naive importer: creates the project and any label it lacks, then per task one create and one label call
 * per label, strictly sequential. Titles, descriptions and labels are membank's own (its mapping of each record).
 */
async function runNaive(name: string, version: string, records: TaskRecord[], projectTitle: string): Promise<Measure> {
  const target = await openTarget(version);
  const mapping = createDefaultConfig().mapping;
  const tasks = records.map((record) => createDesiredTask(record, mapping, renderMarkdownToHtml));
  const headers = { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' };
  const api = `${target.url.replace(/\/+$/, '')}/api/v1`;
  let requests = 0;
  let writes = 0;
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    requests += 1;
    if (method !== 'GET') writes += 1;
    const response = await fetch(`${api}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!response.ok) throw new Error(`${name}: ${method} ${path} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  target.reset();
  const started = performance.now();
  const project = await call<{ id: number }>('PUT', '/projects', { title: projectTitle });
  const labelIds = new Map<string, number>();
  for (let page = 1; ; page += 1) {
    const batch = await call<Array<{ id: number; title: string }>>('GET', `/labels?page=${page}&per_page=50`);
    for (const label of batch) if (!labelIds.has(label.title)) labelIds.set(label.title, label.id);
    if (batch.length < 50) break;
  }
  for (const task of tasks) {
    const created = await call<{ id: number }>('PUT', `/projects/${project.id}/tasks`, { title: task.fields.title, description: task.fields.description });
    for (const title of task.labels) {
      let id = labelIds.get(title);
      if (id === undefined) {
        id = (await call<{ id: number }>('PUT', '/labels', { title })).id;
        labelIds.set(title, id);
      }
      await call('PUT', `/tasks/${created.id}/labels`, { label_id: id });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const log = target.log();
  const measured = log === null ? { requests, writes } : { requests: log.length, writes: log.filter((entry) => entry.method !== 'GET').length };
  if (args.real) await call('DELETE', `/projects/${project.id}`);
  await target.close();
  return { seconds, ...measured };
}

if (args.real && (process.env['VIKUNJA_URL'] ?? '') === '') {
  process.stdout.write('bench/import --real: skipped — set VIKUNJA_URL and VIKUNJA_TOKEN (a throwaway account on the server to measure)\n');
} else {
  const { name: bankName, records } = await loadRecords();
  const stamp = Date.now().toString(36);
  const labelCalls = records
    .map((record) => createDesiredTask(record, createDefaultConfig().mapping, renderMarkdownToHtml).labels.length)
    .reduce((sum, count) => sum + count, 0);
  const naive = await runNaive('naive importer', '2.5.0', records, `bench-naive-${stamp}`);
  const runs: MembankResult[] = args.real
    ? [await runMembank('membank', 'real', records, `bench-membank-${stamp}`)]
    : [
        await runMembank('membank v1 path (Vikunja 2.3)', '2.3.0', records, `bench-membank-${stamp}`),
        await runMembank('membank v2 path (Vikunja 2.5)', '2.5.0', records, `bench-membank-${stamp}`),
      ];
  const where = args.real ? `the real server at ${process.env['VIKUNJA_URL']}` : `the sandbox, ${latencyMs} ms per request, ${database} emulation, 50 per page`;
  const lines = [
    `bench/import: ${bankName} (${records.length} tasks, ${labelCalls} task labels) on ${where}`,
    '',
    '| run | wall s | requests | writes | requests/task | speed-up vs naive |',
    '|---|---|---|---|---|---|',
    `| naive importer (create + one call per label per task, same labels) | ${naive.seconds.toFixed(2)} | ${naive.requests} | ${naive.writes} | ${(naive.requests / records.length).toFixed(3)} | 1.0× |`,
    ...runs.map(
      (run) =>
        `| ${run.name}: migrate (plan + apply + verify) | ${run.migrate.seconds.toFixed(2)} | ${run.migrate.requests} | ${run.migrate.writes} | ${(run.migrate.requests / records.length).toFixed(3)} | ${(naive.seconds / run.migrate.seconds).toFixed(2)}× |`,
    ),
    '',
    `| run | no-op re-run: wall s / GETs / writes (⌈N/50⌉ + 5 = ${Math.ceil(records.length / 50) + 5}) | rollback: wall s / requests / writes | peak RSS MB |`,
    '|---|---|---|---|',
    ...runs.map(
      (run) =>
        `| ${run.name} | ${run.rerun.seconds.toFixed(2)} / ${run.rerun.requests - run.rerun.writes} / ${run.rerun.writes} | ${run.rollback.seconds.toFixed(2)} / ${run.rollback.requests} / ${run.rollback.writes} | ${run.peakRssMb.toFixed(0)} |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
