/**
 * bench/import: 2,000 generated tasks into the sandbox at 5 ms per request with serialised writes, on the v1
 * path (Vikunja 2.3: read-modify-write, one create per task) and the v2 path (2.5: bulk create), side by side in
 * the same process with a naive importer (sequential create + one label call per task, the approach of the
 * client's own export script). Prints wall time, requests per task and peak memory.
 *
 *   npx tsx bench/import.ts [tasks=2000] [latencyMs=5]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan, createPlan } from '../src/cli/workflows.js';
import { createWorkflowDeps } from '../src/cli/workflow-deps.js';
import { createDefaultConfig, type MembankConfig } from '../src/core/config.js';
import { silentLogger } from '../src/core/ports.js';
import { startSandbox, type SandboxHandle } from '../src/sandbox/index.js';
import { makeRecords } from '../test/helpers/records.js';

const taskCount = Number(process.argv[2] ?? 2000);
const latencyMs = Number(process.argv[3] ?? 5);

interface Result {
  name: string;
  seconds: number;
  requests: number;
  writes: number;
  perTask: number;
  peakRssMb: number;
  tasks: number;
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

function startServer(version: string): Promise<SandboxHandle> {
  return startSandbox({ version, latencyMs, concurrentWrites: false, enforceSerialWrites: true, maxItemsPerPage: 50 });
}

function projectTaskCount(sandbox: SandboxHandle, title: string): number {
  const dump = sandbox.dump();
  const project = dump.projects.find((candidate) => candidate.title === title);
  return dump.tasks.filter((task) => task.project_id === project?.id).length;
}

async function runMembank(name: string, version: string, runLabels: string[]): Promise<Result> {
  const sandbox = await startServer(version);
  const base = createDefaultConfig();
  const config: MembankConfig = {
    ...base,
    vikunja: { ...base.vikunja, url: sandbox.url, token: sandbox.token },
    mapping: { ...base.mapping, runLabels },
  };
  const statePath = join(mkdtempSync(join(tmpdir(), 'membank-bench-')), 'state.sqlite');
  const deps = createWorkflowDeps({ config, statePath, log: silentLogger, signal: new AbortController().signal });
  const records = makeRecords(taskCount);
  const memory = sampleMemory();
  const started = performance.now();
  const plan = await createPlan(deps, { records, root: '/bench', projectTitle: 'bench' });
  const outcome = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: false });
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = memory.stop();
  if (outcome.run.status !== 'succeeded') throw new Error(`${name}: run ${outcome.run.status}: ${outcome.run.error}`);
  const log = sandbox.requestLog();
  const tasks = projectTaskCount(sandbox, 'bench');
  deps.runtime.close();
  await sandbox.close();
  const writes = log.filter((entry) => entry.method !== 'GET').length;
  return { name, seconds, requests: log.length, writes, perTask: log.length / taskCount, peakRssMb, tasks };
}

/** The naive importer: one create, then one label call, per task, strictly sequential. */
async function runNaive(name: string, version: string): Promise<Result> {
  const sandbox = await startServer(version);
  const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  const api = `${sandbox.url}/api/v1`;
  const memory = sampleMemory();
  const started = performance.now();
  const project = (await (await fetch(`${api}/projects`, { method: 'PUT', headers, body: JSON.stringify({ title: 'bench' }) })).json()) as { id: number };
  const label = (await (await fetch(`${api}/labels`, { method: 'PUT', headers, body: JSON.stringify({ title: 'memory_bank' }) })).json()) as { id: number };
  for (const record of makeRecords(taskCount)) {
    const response = await fetch(`${api}/projects/${project.id}/tasks`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ title: record.title, description: record.body }),
    });
    const task = (await response.json()) as { id: number };
    await fetch(`${api}/tasks/${task.id}/labels`, { method: 'PUT', headers, body: JSON.stringify({ label_id: label.id }) });
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = memory.stop();
  const log = sandbox.requestLog();
  const tasks = projectTaskCount(sandbox, 'bench');
  await sandbox.close();
  const writes = log.filter((entry) => entry.method !== 'GET').length;
  return { name, seconds, requests: log.length, writes, perTask: log.length / taskCount, peakRssMb, tasks };
}

const results: Result[] = [];
results.push(await runNaive('naive importer (create + label call per task)', '2.5.0'));
results.push(await runMembank('membank v1 path (Vikunja 2.3), run labels on', '2.3.0', ['memory_bank', 'migration']));
results.push(await runMembank('membank v2 path (Vikunja 2.5), run labels on', '2.5.0', ['memory_bank', 'migration']));
results.push(await runMembank('membank v1 path (Vikunja 2.3), no labels', '2.3.0', []));
results.push(await runMembank('membank v2 path (Vikunja 2.5), no labels', '2.5.0', []));

const naive = results[0] as Result;
const lines = [
  `bench/import: ${taskCount} tasks, ${latencyMs} ms per request, serialised writes (concurrent_writes=false, overlapping writes rejected)`,
  '',
  '| run | tasks created | wall s | requests | writes | requests/task | speed-up vs naive | peak RSS MB |',
  '|---|---|---|---|---|---|---|---|',
  ...results.map(
    (result) =>
      `| ${result.name} | ${result.tasks} | ${result.seconds.toFixed(2)} | ${result.requests} | ${result.writes} | ${result.perTask.toFixed(3)} | ${(naive.seconds / result.seconds).toFixed(1)}× | ${result.peakRssMb.toFixed(0)} |`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
