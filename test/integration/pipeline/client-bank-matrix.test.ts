/**
 * The client's day one, through the CLI, on the sandbox at 0.24.1 (the client's version: v1 path, one "Backlog"
 * bucket, no done bucket) and at 2.5: migrate the client's bank; move an item to in progress and migrate again;
 * mark one done; a due date set by hand survives an update from a fresh state store and verify does not call it
 * drift; rolling back every run, newest first, leaves the server as it was.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';
import { clientBank, hasClientBank as hasCorpus } from '../../helpers/corpus.js';

const checklist = 'SONNET_IMPL_INTEGRATION_CHECKLIST.md';

const closers = closeAfterEach();

function withoutServerTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (['created', 'updated', 'done_at'].includes(key) ? undefined : inner)));
}

/** Sets the Status cell of one row of the client's checklist table. */
function setStatus(bank: string, id: string, status: string): void {
  const path = join(bank, checklist);
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.startsWith(`| **${id}** |`));
  if (index < 0) throw new Error(`no row ${id} in ${checklist}`);
  lines[index] = (lines[index] ?? '').replace(/\| [^|]+ \|$/, `| ${status} |`);
  writeFileSync(path, lines.join('\n'));
}

function taskOf(sandbox: SandboxHandle, id: string): { id: number; due_date: string | null; done: boolean; bucket: string | null; doneBucket: string | null } {
  const dump = sandbox.dump();
  const task = dump.tasks.find((candidate) => candidate.title.includes(id));
  if (task === undefined) throw new Error(`no task ${id}`);
  const view = dump.projects.find((project) => project.id === task.project_id)?.views.find((candidate) => candidate.view_kind === 'kanban');
  const bucketId = dump.taskBuckets.find((row) => row.task_id === task.id && row.project_view_id === view?.id)?.bucket_id;
  const title = (bucketId_: number | undefined): string | null => view?.buckets.find((bucket) => bucket.id === bucketId_)?.title ?? null;
  return { id: task.id, due_date: task.due_date, done: task.done, bucket: title(bucketId), doneBucket: title(view?.done_bucket_id) };
}

async function editByHand(sandbox: SandboxHandle, taskId: number, changes: Record<string, unknown>): Promise<void> {
  const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  const current = (await (await fetch(`${sandbox.url}/api/v1/tasks/${taskId}`, { headers })).json()) as Record<string, unknown>;
  const response = await fetch(`${sandbox.url}/api/v1/tasks/${taskId}`, { method: 'POST', headers, body: JSON.stringify({ ...current, ...changes }) });
  expect(response.status).toBe(200);
}

describe.each(['0.24.1', '2.5.0'])('the client bank on Vikunja %s, through the CLI', (version) => {
  it.skipIf(!hasCorpus)('migrate, in progress → Doing, done → Done, a hand-set due date kept, every run rolled back', async () => {
    const sandbox = await startSandbox({ version });
    closers.push(() => sandbox.close());
    const dir = mkdtempSync(join(tmpdir(), 'membank-client-'));
    const bank = join(dir, 'memory_bank');
    cpSync(clientBank, bank, { recursive: true });
    const state = join(dir, 'state.sqlite');
    const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state };
    const before = withoutServerTimes(sandbox.dump());
    const runs: string[] = [];
    const migrate = async (extraEnv: Record<string, string> = {}): Promise<{ runId: string; verify: { ok: boolean; drift: unknown[] } }> => {
      const result = await runCli(['migrate', bank, '--project', 'xoe', '--json'], { env: { ...env, ...extraEnv }, cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { runId: string; verify: { ok: boolean; drift: unknown[] } };
    };

    runs.push((await migrate()).runId);
    expect(taskOf(sandbox, 'INF-101').bucket).toBe('To-Do');

    setStatus(bank, 'INF-101', '🔄 In Progress');
    runs.push((await migrate()).runId);
    expect(taskOf(sandbox, 'INF-101').bucket).toBe('Doing');

    setStatus(bank, 'INF-102', '✅ Done');
    runs.push((await migrate()).runId);
    const done = taskOf(sandbox, 'INF-102');
    expect(done.done).toBe(true);
    expect(done.bucket).toBe('Done');
    expect(done.doneBucket).toBe('Done');

    // A person sets a due date in Vikunja; another machine (a fresh state store) migrates a changed source.
    const handDue = '2027-03-04T10:00:00Z';
    const handEdited = taskOf(sandbox, 'INF-103').id;
    await editByHand(sandbox, handEdited, { due_date: handDue });
    const path = join(bank, checklist);
    writeFileSync(path, readFileSync(path, 'utf8').replace('Verify Zen 2 instruction set', 'Verify the Zen 2 instruction set'));
    const fresh = join(dir, 'fresh.sqlite');
    const other = await migrate({ MEMBANK_STATE: fresh });
    expect(other.verify.ok).toBe(true);
    expect(other.verify.drift).toEqual([]);
    expect(taskOf(sandbox, 'INF-103').due_date).toBe(handDue);

    // Undo everything: the other machine's run from its store, then the person's edit, then every run, newest first.
    const undoOther = await runCli(['rollback', other.runId, '--json'], { env: { ...env, MEMBANK_STATE: fresh }, cwd: dir });
    expect(undoOther.code, undoOther.stderr).toBe(0);
    await editByHand(sandbox, handEdited, { due_date: null });
    for (const runId of runs.reverse()) {
      const undo = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
      expect(undo.code, undo.stderr).toBe(0);
    }
    expect(withoutServerTimes(sandbox.dump())).toEqual(before);
  }, 300_000);
});
