/**
 * `membank apply <plan.json>` checks everything it can before its first write: the whole plan file (a hand
 * edit), the memory bank the plan was made from, and flags that do not fit a saved plan.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { runCli } from '../../helpers/cli.js';
import { setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

type LooseOp = Record<string, unknown> & { kind: string; id: string };

async function savedPlan(): Promise<{ setup: Awaited<ReturnType<typeof setupWorkflow>>; planPath: string; plan: { ops: LooseOp[] } }> {
  const setup = await setupWorkflow(closers);
  const planPath = join(setup.dir, 'plan.json');
  const planned = await runCli(['plan', setup.bank, '--out', planPath], { env: setup.env, cwd: setup.dir });
  expect(planned.code, planned.stderr).toBe(0);
  return { setup, planPath, plan: JSON.parse(readFileSync(planPath, 'utf8')) as { ops: LooseOp[] } };
}

describe('membank apply: the plan file is validated whole before the first write', () => {
  it('refuses an unknown op kind and a wrong field type with exit 64, naming op index and field, writing nothing', async () => {
    const { setup, planPath, plan } = await savedPlan();
    const createIndex = plan.ops.findIndex((op) => op.kind === 'create');
    const lastIndex = plan.ops.length - 1;
    expect(createIndex).toBeGreaterThan(0);
    expect(lastIndex).toBeGreaterThan(createIndex);
    // Early ops are valid (they would be written first); the broken ones sit further down.
    (plan.ops[lastIndex] as LooseOp).kind = 'explode';
    ((plan.ops[createIndex] as LooseOp)['desired'] as Record<string, unknown>)['position'] = 'first';
    writeFileSync(planPath, JSON.stringify(plan));
    setup.sandbox.clearRequestLog();
    const applied = await runCli(['apply', planPath], { env: setup.env, cwd: setup.dir });
    expect(applied.code).toBe(64);
    expect(applied.stderr).toContain(`ops[${lastIndex}].kind`);
    expect(applied.stderr).toContain('explode');
    expect(applied.stderr).toContain(`ops[${createIndex}].desired.position`);
    expect(applied.stderr).toContain('nothing was written');
    expect(writeRequests(setup.sandbox)).toEqual([]);
    expect(setup.sandbox.dump().projects.filter((project) => project.title === 'tidepool')).toEqual([]);
  });

  it('refuses an op that names a task key the plan does not hold', async () => {
    const { setup, planPath, plan } = await savedPlan();
    const index = plan.ops.findIndex((op) => op.kind === 'comment');
    expect(index).toBeGreaterThan(0);
    (plan.ops[index] as LooseOp)['key'] = 'memory-bank/nowhere.md#X';
    writeFileSync(planPath, JSON.stringify(plan));
    setup.sandbox.clearRequestLog();
    const applied = await runCli(['apply', planPath], { env: setup.env, cwd: setup.dir });
    expect(applied.code).toBe(64);
    expect(applied.stderr).toContain(`ops[${index}].key`);
    expect(applied.stderr).toContain('memory-bank/nowhere.md#X');
    expect(writeRequests(setup.sandbox)).toEqual([]);
  });

  it('stops, writing nothing, when the memory bank the plan was made from cannot be read', async () => {
    const { setup, planPath } = await savedPlan();
    renameSync(setup.bank, `${setup.bank}-moved`);
    setup.sandbox.clearRequestLog();
    const applied = await runCli(['apply', planPath], { env: setup.env, cwd: setup.dir });
    expect(applied.code).toBe(64);
    expect(applied.stderr).toContain(`cannot read the memory bank ${setup.bank}`);
    expect(writeRequests(setup.sandbox)).toEqual([]);
  });

  it('rejects --project: a saved plan is applied to the project it was made for', async () => {
    const { setup, planPath } = await savedPlan();
    setup.sandbox.clearRequestLog();
    const applied = await runCli(['apply', planPath, '--project', 'elsewhere'], { env: setup.env, cwd: setup.dir });
    expect(applied.code).toBe(64);
    expect(applied.stderr).toContain('project');
    expect(writeRequests(setup.sandbox)).toEqual([]);
  });

  it('refuses a plan made against another Vikunja server', async () => {
    const { setup, planPath, plan } = await savedPlan();
    (plan as unknown as { server: { url: string } }).server.url = 'http://vikunja.example.org';
    writeFileSync(planPath, JSON.stringify(plan));
    setup.sandbox.clearRequestLog();
    const applied = await runCli(['apply', planPath], { env: setup.env, cwd: setup.dir });
    expect(applied.code).toBe(64);
    expect(applied.stderr).toContain('was made against the Vikunja at http://vikunja.example.org');
    expect(writeRequests(setup.sandbox)).toEqual([]);
  });
});
