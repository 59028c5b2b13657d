/**
 * Parallel writes (issue #12): where the server allows it (`concurrent_writes: true`, Vikunja on PostgreSQL),
 * writes that may overlap do — with the journal's promise intact: every write's `pending` row is durable in the
 * state store before the request reaches the server. On SQLite servers writes never overlap. A watching proxy
 * between membank and the sandbox reads the journal (its own SQLite connection) as each write arrives.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { findMarker } from '../../../src/core/mapping.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';

const closers = closeAfterEach();

const taskCount = 24;

function writeBank(): string {
  const repo = mkdtempSync(join(tmpdir(), 'membank-parallel-'));
  const bank = join(repo, 'memory-bank', 'tasks');
  mkdirSync(bank, { recursive: true });
  const statuses = ['✅ Done', '⏳ Pending', '🔄 In Progress', '🔮 Planned'];
  const rows = Array.from({ length: taskCount }, (_, index) => {
    const id = `PW-${String(index + 1).padStart(2, '0')}`;
    return `| ${id} | Parallel task ${index + 1} | owner${index % 3} | P${index % 4} | ${statuses[index % 4]} |`;
  });
  writeFileSync(join(bank, 'sprint.md'), ['# Sprint', '', '| ID | Task | Owner | Priority | Status |', '|---|---|---|---|---|', ...rows, ''].join('\n'));
  return repo;
}

interface Watch {
  url: string;
  /** Writes that reached the proxy while fewer pending rows were committed than writes had been sent. */
  early: string[];
  writes: number;
  maxInFlight: number;
  maxCreatesInFlight: number;
  maxLabelSetsInFlight: number;
}

const createPath = /\/projects\/\d+\/tasks(\/bulk)?$/;
const labelSetPath = /\/tasks\/\d+\/labels(\/bulk)?$/;

/** An HTTP proxy to the sandbox that, as each write arrives, counts the journal's pending rows in `statePath`. */
async function startWatchingProxy(sandbox: SandboxHandle, statePath: string): Promise<Watch> {
  const target = new URL(sandbox.url);
  let db: Database.Database | undefined;
  let inFlight = 0;
  let createsInFlight = 0;
  let labelSetsInFlight = 0;
  const watch: Watch = { url: '', early: [], writes: 0, maxInFlight: 0, maxCreatesInFlight: 0, maxLabelSetsInFlight: 0 };
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const isWrite = method !== 'GET' && path.includes('/api/');
    const isCreate = isWrite && createPath.test(path);
    const isLabelSet = isWrite && labelSetPath.test(path);
    if (isWrite) {
      watch.writes += 1;
      db ??= new Database(statePath, { readonly: true, fileMustExist: true });
      const row = db.prepare("SELECT count(*) AS n FROM journal WHERE status = 'pending'").get() as { n: number };
      if (row.n < watch.writes) watch.early.push(`${method} ${path} (write ${watch.writes}, ${row.n} pending rows)`);
      inFlight += 1;
      watch.maxInFlight = Math.max(watch.maxInFlight, inFlight);
      if (isCreate) {
        createsInFlight += 1;
        watch.maxCreatesInFlight = Math.max(watch.maxCreatesInFlight, createsInFlight);
      }
      if (isLabelSet) {
        labelSetsInFlight += 1;
        watch.maxLabelSetsInFlight = Math.max(watch.maxLabelSetsInFlight, labelSetsInFlight);
      }
    }
    const upstream = request(
      { host: target.hostname, port: target.port, method, path: `${target.pathname.replace(/\/$/, '')}${req.url ?? '/'}`, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => {
          if (!isWrite) return;
          inFlight -= 1;
          if (isCreate) createsInFlight -= 1;
          if (isLabelSet) labelSetsInFlight -= 1;
        });
      },
    );
    upstream.on('error', (error) => res.destroy(error));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  watch.url = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        db?.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return watch;
}

async function migrateThrough(database: 'sqlite' | 'postgres', version: string) {
  const sandbox = await startSandbox({ version, database, latencyMs: 5 });
  closers.push(() => sandbox.close());
  const statePath = join(mkdtempSync(join(tmpdir(), 'membank-parallel-state-')), 'state.sqlite');
  const watch = await startWatchingProxy(sandbox, statePath);
  const run = await runCli(['migrate', writeBank(), '--url', watch.url, '--state', statePath, '--project', 'parallel', '--json'], {
    env: { VIKUNJA_TOKEN: sandbox.token },
  });
  expect(run.code, run.stderr).toBe(0);
  const dump = sandbox.dump();
  const project = dump.projects.find((candidate) => candidate.title === 'parallel');
  const tasks = dump.tasks.filter((task) => task.project_id === project?.id);
  return { sandbox, watch, tasks };
}

describe('parallel writes', () => {
  it.each([
    // One create per task, one at a time: each task's label set goes alongside the next create.
    ['2.4.0', 'v1 creates, one per task', false],
    // The tasks come in one bulk create: then the label sets (one per task, all with the run labels) overlap.
    ['2.5.0', 'v2 bulk creates', true],
  ])('on PostgreSQL (%s, %s): writes overlap, creates stay one at a time, and every pending row is durable before its write arrives', async (version, _path, labelSetsOverlap) => {
    const { sandbox, watch, tasks } = await migrateThrough('postgres', version);
    expect(watch.early).toEqual([]);
    expect(watch.maxInFlight).toBeGreaterThan(1);
    expect(watch.maxInFlight).toBeLessThanOrEqual(4);
    if (labelSetsOverlap) expect(watch.maxLabelSetsInFlight).toBeGreaterThan(1);
    else expect(watch.maxLabelSetsInFlight).toBe(1);
    // Creates into one project race on PostgreSQL (duplicate index, HTTP 500): they never overlap.
    expect(watch.maxCreatesInFlight).toBe(1);
    expect(sandbox.requestLog().filter((entry) => entry.status >= 500)).toEqual([]);
    expect(tasks).toHaveLength(taskCount);
    expect(new Set(tasks.map((task) => findMarker(task.description))).size).toBe(taskCount);
    // Each task's labels were set after it existed: every task carries labels, none twice.
    const dump = sandbox.dump();
    const labelled = dump.labelTasks.filter((link) => tasks.some((task) => task.id === link.task_id));
    expect(new Set(labelled.map((link) => link.task_id)).size).toBe(taskCount);
    expect(new Set(labelled.map((link) => `${link.task_id}:${link.label_id}`)).size).toBe(labelled.length);
  }, 120_000);

  it('on SQLite: one write at a time, each after its pending row', async () => {
    const { watch, tasks } = await migrateThrough('sqlite', '2.5.0');
    expect(watch.early).toEqual([]);
    expect(watch.writes).toBeGreaterThan(taskCount);
    expect(watch.maxInFlight).toBe(1);
    expect(tasks).toHaveLength(taskCount);
  }, 120_000);
});
