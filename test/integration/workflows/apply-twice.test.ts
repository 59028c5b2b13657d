/**
 * Applying one saved plan twice: every op is idempotent against what the journal and Vikunja already hold, so
 * the second apply sends no write at all and nothing (comments above all) is duplicated.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { runCli } from '../../helpers/cli.js';
import { changeDemoBank, setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

function commentsPerTask(dump: { comments: Array<{ task_id: number }> }): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const comment of dump.comments) counts[comment.task_id] = (counts[comment.task_id] ?? 0) + 1;
  return counts;
}

describe('apply plan.json twice', () => {
  it.each(['2.5.0', '0.24.1'])('the second apply of a first-import plan writes nothing and duplicates no comment (Vikunja %s)', async (version) => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers, { sandbox: { version } });
    const planPath = join(dir, 'plan.json');
    const planned = await runCli(['plan', bank, '--out', planPath], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const first = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const comments = commentsPerTask(sandbox.dump());
    expect(Object.keys(comments).length).toBeGreaterThan(0);
    const tasks = sandbox.dump().tasks.length;

    sandbox.clearRequestLog();
    const second = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(writeRequests(sandbox)).toEqual([]);
    expect(commentsPerTask(sandbox.dump())).toEqual(comments);
    expect(sandbox.dump().tasks.length).toBe(tasks);
  });

  it('the second apply of a plan with updates, moves, closes, labels and comments writes nothing', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
    changeDemoBank(bank);
    const planPath = join(dir, 'plan.json');
    const planned = await runCli(['plan', bank, '--out', planPath, '--json'], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const ops = (JSON.parse(planned.stdout) as { plan: { ops: Array<{ kind: string; changes?: Array<{ field: string; after: unknown }> }> } }).plan.ops;
    const kinds = new Set(ops.map((op) => op.kind));
    for (const kind of ['create', 'update', 'move', 'labels', 'comment']) expect(kinds).toContain(kind);
    // A close: DEMO-004 is marked done.
    expect(ops.some((op) => (op.changes ?? []).some((change) => change.field === 'done' && change.after === true))).toBe(true);

    const first = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const comments = commentsPerTask(sandbox.dump());

    sandbox.clearRequestLog();
    const second = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(writeRequests(sandbox)).toEqual([]);
    expect(commentsPerTask(sandbox.dump())).toEqual(comments);
  });
});
