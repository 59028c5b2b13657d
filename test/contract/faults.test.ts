/**
 * The client under injected faults (always against a sandbox: faults cannot be injected into a real server).
 *
 * "Exactly once" for a safe update is checked on the server's side, not inferred from the client: every
 * update sets values no other update uses, updates of one task run one after another, and the sandbox's
 * request log says which write requests committed (2xx) and which were refused (5xx/429) or dropped before
 * processing (status 0). For each task the number of committed writes must equal the number of updates
 * issued — one more would be a double application, one fewer a lost update — and the final state must be
 * the last update's values with every field the updates did not touch intact.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousWriteError, ServerUnavailableError } from '../../src/core/errors.js';
import type { VikunjaTask } from '../../src/core/vikunja.js';
import type { FaultOptions } from '../../src/sandbox/index.js';
import { createVikunjaClient } from '../../src/vikunja/index.js';
import { startSandboxTarget, type VikunjaTarget } from '../helpers/vikunja-target.js';

const READS = 500;
const UPDATES = 200;
const UPDATED_TASKS = 20;
const UPDATES_PER_TASK = UPDATES / UPDATED_TASKS;
const READ_ONLY_TASKS = 30;

/** 20 % 5xx, a few 429 bursts, 2 % connections dropped before the request is processed. */
const FAULTS: FaultOptions = {
  error500: 0.1,
  error502: 0.05,
  error503: 0.05,
  rateLimitBurst: 0.0015,
  burstLength: 2,
  drop: 0.02,
  seed: 20_260_804,
};

const targets: VikunjaTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function startTarget(version: string) {
  const target = await startSandboxTarget({ version });
  targets.push(target);
  const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 4, retries: 10, retryBaseMs: 2, retryMaxMs: 20, timeoutMs: 5_000 });
  return { target, sandbox: target.sandbox, client };
}

function isCommitted(status: number): boolean {
  return status >= 200 && status < 300;
}

describe.each([
  { version: '2.5.0', updatePath: (id: number) => `PATCH /api/v2/tasks/${id}` },
  { version: '1.0.0', updatePath: (id: number) => `POST /api/v1/tasks/${id}` },
])('faults on Vikunja $version', ({ version, updatePath }) => {
  it(`${READS} reads and ${UPDATES} safe updates under 20% 5xx, 429 bursts and 2% drops: every update applied exactly once`, async () => {
    const { sandbox, client } = await startTarget(version);
    const project = await client.createProject({ title: 'faults' });
    const updated: VikunjaTask[] = [];
    for (let i = 0; i < UPDATED_TASKS; i += 1) {
      updated.push(await client.createTask(project.id, { title: `u${i}`, description: `<p>untouched ${i}</p>`, priority: 2, due_date: '2099-06-01T08:00:00Z' }));
    }
    const readOnly: VikunjaTask[] = [];
    for (let i = 0; i < READ_ONLY_TASKS; i += 1) readOnly.push(await client.createTask(project.id, { title: `r${i}` }));

    sandbox.clearRequestLog();
    sandbox.setFaults(FAULTS);
    const statsBefore = client.stats();

    const acknowledged = new Map<number, { title: string; percent_done: number }[]>();
    const updateChains = updated.map(async (task, taskIndex) => {
      const seen: { title: string; percent_done: number }[] = [];
      for (let k = 0; k < UPDATES_PER_TASK; k += 1) {
        const title = `task ${taskIndex} update ${k}`;
        const result = await client.updateTask(task.id, { title, percent_done: (k + 1) / 100 });
        seen.push({ title: result.title, percent_done: result.percent_done });
      }
      acknowledged.set(task.id, seen);
    });
    const reads = Array.from({ length: READS }, async (_, i) => {
      if (i % 50 === 0) {
        expect((await client.listProjectTasks(project.id)).length).toBe(UPDATED_TASKS + READ_ONLY_TASKS);
        return;
      }
      const task = readOnly[i % READ_ONLY_TASKS]!;
      expect((await client.getTask(task.id)).title).toBe(task.title);
    });
    await Promise.all([...updateChains, ...reads]);
    sandbox.setFaults(undefined);

    const log = sandbox.requestLog();
    const faulted = log.filter((entry) => entry.fault !== undefined);
    expect(faulted.filter((e) => e.fault === 'drop').length).toBeGreaterThan(0);
    expect(faulted.filter((e) => e.fault === 'rateLimitBurst').length).toBeGreaterThan(0);
    expect(faulted.filter((e) => e.fault?.startsWith('error5')).length).toBeGreaterThan(0.1 * log.length);
    const stats = client.stats();
    expect(stats.retries - statsBefore.retries).toBe(faulted.length);
    expect(stats.circuitOpens).toBe(0);

    const state = sandbox.dump();
    for (const [taskIndex, task] of updated.entries()) {
      const writes = log.filter((entry) => `${entry.method} ${entry.path}` === updatePath(task.id));
      // Committed writes per task = updates issued: nothing lost, nothing applied twice.
      expect(writes.filter((entry) => isCommitted(entry.status))).toHaveLength(UPDATES_PER_TASK);
      expect(writes.filter((entry) => !isCommitted(entry.status)).every((entry) => entry.fault !== undefined)).toBe(true);
      // Each acknowledged update carried its own values.
      expect(acknowledged.get(task.id)).toEqual(
        Array.from({ length: UPDATES_PER_TASK }, (_, k) => ({ title: `task ${taskIndex} update ${k}`, percent_done: (k + 1) / 100 })),
      );
      expect(state.tasks.find((row) => row.id === task.id)).toMatchObject({
        title: `task ${taskIndex} update ${UPDATES_PER_TASK - 1}`,
        percent_done: UPDATES_PER_TASK / 100,
        description: `<p>untouched ${taskIndex}</p>`,
        priority: 2,
        due_date: '2099-06-01T08:00:00Z',
      });
    }
    for (const task of readOnly) expect(state.tasks.find((row) => row.id === task.id)?.title).toBe(task.title);
    expect(state.tasks.filter((row) => row.project_id === project.id)).toHaveLength(UPDATED_TASKS + READ_ONLY_TASKS);
  });

  it('a create whose response is lost after the commit surfaces as AmbiguousWriteError, and the task does exist (why it must not be retried)', async () => {
    const { sandbox, client } = await startTarget(version);
    const project = await client.createProject({ title: 'ambiguous' });
    sandbox.clearRequestLog();
    sandbox.setFaults({ commitThenDrop: 1, applyTo: 'writes' });

    const error = await client.createTask(project.id, { title: 'committed but unacknowledged' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    const stored = sandbox.dump().tasks.filter((t) => t.title === 'committed but unacknowledged');
    expect(stored).toHaveLength(1);
    const taskId = stored[0]!.id;
    const comment = await client.addComment(taskId, '<p>lost answer</p>').catch((e: unknown) => e);
    sandbox.setFaults(undefined);

    expect(comment).toBeInstanceOf(AmbiguousWriteError);
    const creates = sandbox.requestLog().filter((e) => e.method === 'PUT');
    expect(creates.map((e) => `${e.path} ${e.fault ?? ''}`)).toEqual([
      `/api/v1/projects/${project.id}/tasks commitThenDrop`,
      `/api/v1/tasks/${taskId}/comments commitThenDrop`,
    ]);
    expect(sandbox.dump().comments.filter((c) => c.comment === '<p>lost answer</p>')).toHaveLength(1);
  });

  it('an update whose response is lost after the commit is retried and lands in the same state (idempotent, effectively once)', async () => {
    const { sandbox, client } = await startTarget(version);
    const project = await client.createProject({ title: 'lost update answer' });
    const task = await client.createTask(project.id, { title: 'before', description: 'kept', priority: 3 });
    sandbox.clearRequestLog();
    // The first write is committed and its answer lost; the retry writes the same values again.
    sandbox.setFaults({ commitThenDrop: 0.5, applyTo: 'writes', seed: 3 });
    let result: VikunjaTask | undefined;
    for (let attempt = 0; attempt < 20 && !sandbox.requestLog().some((e) => e.fault === 'commitThenDrop'); attempt += 1) {
      result = await client.updateTask(task.id, { title: `after ${attempt}` });
    }
    sandbox.setFaults(undefined);
    const writes = sandbox.requestLog().filter((e) => e.method !== 'GET');
    expect(writes.some((e) => e.fault === 'commitThenDrop')).toBe(true);
    const last = result?.title;
    expect(sandbox.dump().tasks.find((t) => t.id === task.id)).toMatchObject({ title: last, description: 'kept', priority: 3 });
  });
});

it('with a bulk create (v2) whose answer is lost, the whole chunk exists and the error is ambiguous', async () => {
  const { sandbox, client } = await startTarget('2.5.0');
  const project = await client.createProject({ title: 'bulk ambiguous' });
  sandbox.setFaults({ commitThenDrop: 1, applyTo: 'writes' });
  const error = await client.createTasksBulk(project.id, [{ title: 'b1' }, { title: 'b2' }]).catch((e: unknown) => e);
  sandbox.setFaults(undefined);
  expect(error).toBeInstanceOf(AmbiguousWriteError);
  expect(sandbox.dump().tasks.filter((t) => t.project_id === project.id).map((t) => t.title).sort()).toEqual(['b1', 'b2']);
  expect(sandbox.requestLog().filter((e) => e.path.endsWith('/tasks/bulk'))).toHaveLength(1);
});

it('ensureLabel reconciles a label create whose answer was lost instead of duplicating it', async () => {
  const { sandbox, client } = await startTarget('2.5.0');
  await client.capabilities();
  sandbox.setFaults({ commitThenDrop: 1, applyTo: 'writes' });
  const label = await client.ensureLabel({ title: 'lost answer label' });
  sandbox.setFaults(undefined);
  expect(sandbox.dump().labels.filter((l) => l.title === 'lost answer label').map((l) => l.id)).toEqual([label.id]);
  expect(sandbox.requestLog().filter((e) => e.method === 'PUT' && e.path === '/api/v1/labels')).toHaveLength(1);
});

it('a server that stays down opens the circuit: calls fail fast with ServerUnavailableError naming the URL', async () => {
  const { target, sandbox } = await startTarget('2.5.0');
  const client = createVikunjaClient({ url: target.url, token: target.token, retries: 2, retryBaseMs: 1, retryMaxMs: 2, breaker: { threshold: 3, cooldownMs: 60_000 } });
  await client.capabilities();
  sandbox.setFaults({ error503: 1 });
  for (let i = 0; i < 3; i += 1) {
    const error = await client.getUser().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    // The proxy's HTML page is named by its title, never dumped.
    expect((error as Error).message).toContain('HTTP 503: an HTML page: "503 Service Temporarily Unavailable"');
    expect((error as Error).message).not.toContain('<center>');
  }
  const before = sandbox.requestLog().length;
  const error = await client.getUser().catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'SERVER_UNAVAILABLE', exitCode: 5 });
  expect((error as Error).message).toContain(target.url);
  expect((error as Error).message).toMatch(/is unavailable: 3 calls in a row failed/);
  expect(sandbox.requestLog()).toHaveLength(before);
  expect(client.stats().circuitOpens).toBe(1);
});

describe('Vikunja unavailable (issue 7 item 3): each way surfaces as ServerUnavailableError, exit 5', () => {
  const quick = { retries: 3, retryBaseMs: 1, retryMaxMs: 5, unavailableAfterMs: 2_000 };

  it('nothing listening (connection refused)', async () => {
    const { target } = await startTarget('2.5.0');
    const url = target.url;
    await target.close();
    const client = createVikunjaClient({ url, token: target.token, ...quick });
    const error = await client.capabilities().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    expect(error).toMatchObject({ exitCode: 5 });
    expect((error as Error).message).toMatch(/could not reach the server \(ECONNREFUSED\)/);
    expect((error as Error).message).toMatch(/run membank again: the run resumes/);
  });

  it('a server answering 503 forever', async () => {
    const { target, sandbox } = await startTarget('2.5.0');
    sandbox.setFaults({ error503: 1 });
    const client = createVikunjaClient({ url: target.url, token: target.token, ...quick });
    await expect(client.capabilities()).rejects.toMatchObject({ code: 'SERVER_UNAVAILABLE', exitCode: 5 });
  });

  it('a server killed mid-run: the next calls fail with ServerUnavailableError, the in-flight create is ambiguous, never retried', async () => {
    const { target, sandbox } = await startTarget('1.0.0');
    const client = createVikunjaClient({ url: target.url, token: target.token, ...quick });
    const project = await client.createProject({ title: 'killed' });
    await client.createTask(project.id, { title: 'before the kill' });
    await sandbox.close();
    // A create sent on the connection the dying server reset may or may not have committed: ambiguous (the
    // pipeline reconciles it by marker); a fresh connection is refused: unavailable.
    const create = await client.createTask(project.id, { title: 'after the kill' }).catch((e: unknown) => e);
    expect(create instanceof AmbiguousWriteError || create instanceof ServerUnavailableError).toBe(true);
    const read = await client.listProjectTasks(project.id).catch((e: unknown) => e);
    expect(read).toBeInstanceOf(ServerUnavailableError);
    expect(read).toMatchObject({ exitCode: 5 });
  });
});
