/**
 * Which bank `migrate` imports, and into which project: no bank is an error, and the default project is named
 * after the repository that holds the bank — never after the bank folder, which many repositories share.
 */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { demoBank, setupWorkflow, writeRequests } from './fixtures.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('membank migrate: which bank, which project', () => {
  it('exits 3 on a folder with no memory bank, writing nothing and creating no project', async () => {
    const { sandbox, env, dir, state } = await setupWorkflow(closers);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    sandbox.clearRequestLog();
    for (const argv of [['migrate', empty], ['migrate', empty, '--dry-run'], ['plan', empty]]) {
      const result = await runCli(argv, { env, cwd: dir });
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(3);
      expect(result.stderr).toContain(`${empty}: no memory bank found`);
      expect(result.stderr).toContain('membank discover');
    }
    expect(writeRequests(sandbox)).toEqual([]);
    expect(sandbox.dump().projects.filter((project) => project.title === 'empty')).toEqual([]);
    expect(existsSync(state)).toBe(false);
  });

  it('names the project after the repository folder, so two repos with a memory-bank/ folder get two projects', async () => {
    const { sandbox, env, dir } = await setupWorkflow(closers);
    for (const repo of ['alpha', 'beta']) cpSync(demoBank, join(dir, repo), { recursive: true });
    // Pointed at the bank folder itself, or at the repository: the project is the repository's either way.
    const first = await runCli(['migrate', join(dir, 'alpha', 'memory-bank'), '--json'], { env, cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const second = await runCli(['migrate', join(dir, 'beta'), '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    const titles = sandbox.dump().projects.map((project) => project.title);
    expect(titles).toContain('alpha');
    expect(titles).toContain('beta');
    expect(titles).not.toContain('memory-bank');
    const tasksOf = (title: string): number => {
      const project = sandbox.dump().projects.find((candidate) => candidate.title === title);
      return sandbox.dump().tasks.filter((task) => task.project_id === project?.id).length;
    };
    expect(tasksOf('alpha')).toBeGreaterThan(0);
    expect(tasksOf('beta')).toBe(tasksOf('alpha'));
  });

  it('refuses (exit 6) to mix another bank into a project membank created for one, unless --allow-other-bank', async () => {
    const { sandbox, env, dir } = await setupWorkflow(closers);
    for (const repo of ['alpha', 'beta']) cpSync(demoBank, join(dir, repo), { recursive: true });
    const first = await runCli(['migrate', join(dir, 'alpha'), '--project', 'Shared', '--json'], { env, cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const tasks = sandbox.dump().tasks.length;
    sandbox.clearRequestLog();
    for (const argv of [['migrate', join(dir, 'beta'), '--project', 'Shared'], ['plan', join(dir, 'beta'), '--project', 'Shared']]) {
      const refused = await runCli(argv, { env, cwd: dir });
      expect(refused.code, refused.stderr).toBe(6);
      expect(refused.stderr).toContain('was created for the memory bank "alpha/memory-bank", not for this one ("beta/memory-bank"');
      expect(refused.stderr).toContain('--allow-other-bank');
    }
    expect(writeRequests(sandbox)).toEqual([]);
    expect(sandbox.dump().tasks.length).toBe(tasks);
    // The same bank, pointed at through its bank folder, is the same bank.
    const again = await runCli(['migrate', join(dir, 'alpha', 'memory-bank'), '--project', 'Shared', '--json'], { env, cwd: dir });
    expect(again.code, again.stderr + again.stdout).toBe(0);
    const forced = await runCli(['migrate', join(dir, 'beta'), '--project', 'Shared', '--allow-other-bank', '--json'], { env, cwd: dir });
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
  });
});
