/**
 * Labels are matched case-insensitively, as Vikunja users expect: the demo bank names its owner both `Priya`
 * (sprint table) and `priya` (frontmatter), and that is one label.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { setupWorkflow, writeRequests } from './fixtures.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

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
});
