/**
 * Labels are matched case-insensitively, as Vikunja users expect: the demo bank names its owner both `Priya`
 * (sprint table) and `priya` (frontmatter), and that is one label.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { runCli } from '../../helpers/cli.js';
import { setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

describe('label titles', () => {
  it('one label per title whatever its case, reused when Vikunja already has it, verified, and stable on the next run', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const api = (method: string, path: string, body?: unknown): Promise<Response> =>
      fetch(`${sandbox.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    // Vikunja already has the run label, spelled differently.
    expect((await api('PUT', '/labels', { title: 'Memory_Bank' })).status).toBeLessThan(300);

    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
    const titles = sandbox.dump().labels.map((label) => label.title);
    const lower = titles.map((title) => title.toLowerCase());
    expect(new Set(lower).size).toBe(titles.length);
    expect(lower).toContain('owner:priya');
    expect(titles).toContain('Memory_Bank');
    expect(titles).not.toContain('memory_bank');
    const priya = sandbox.dump().labels.find((label) => label.title.toLowerCase() === 'owner:priya');
    const tasksWithPriya = sandbox.dump().labelTasks.filter((row) => row.label_id === priya?.id);
    expect(tasksWithPriya.length).toBeGreaterThan(1);

    sandbox.clearRequestLog();
    const again = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(writeRequests(sandbox)).toEqual([]);
  });
  it('a label created in Vikunja with another case between plan and apply is reused, not created twice, and verifies', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const planPath = join(dir, 'plan.json');
    const planned = await runCli(['plan', bank, '--out', planPath], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8')) as { ops: Array<{ kind: string; title?: string }> };
    const labelOps = plan.ops.filter((op) => op.kind === 'label').map((op) => op.title ?? '');
    expect(labelOps.length).toBeGreaterThan(1);
    // Someone creates two of the planned labels by hand, in another case, before the plan is applied.
    for (const title of labelOps.slice(0, 2)) {
      const created = await fetch(`${sandbox.url}/api/v1/labels`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: title.toUpperCase() }),
      });
      expect(created.status).toBeLessThan(300);
    }

    const applied = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const report = JSON.parse(applied.stdout) as { verify: { ok: boolean } | null };
    expect(report.verify?.ok).toBe(true);
    const titles = sandbox.dump().labels.map((label) => label.title);
    expect(new Set(titles.map((title) => title.toLowerCase())).size).toBe(titles.length);
    for (const title of labelOps.slice(0, 2)) {
      expect(titles).toContain(title.toUpperCase());
      const label = sandbox.dump().labels.find((candidate) => candidate.title === title.toUpperCase());
      expect(sandbox.dump().labelTasks.some((row) => row.label_id === label?.id)).toBe(true);
    }
  });
});
