/**
 * Which bank `migrate` imports, and into which project: no bank is an error, and the default project is named
 * after the repository that holds the bank — never after the bank folder, which many repositories share.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { runCli } from '../../helpers/cli.js';
import { demoBank, setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

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

  it('reads a Conductor folder beside the bank as more of the same bank: the project is not refused, its tracks are added', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const first = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr + first.stdout).toBe(0);
    const before = sandbox.dump().tasks.length;
    mkdirSync(join(bank, 'conductor', 'tracks', 'search_20250703'), { recursive: true });
    writeFileSync(join(bank, 'conductor', 'tracks.md'), '# Project Tracks\n\n---\n\n## [~] Track: Full-text search\n\n*Link: [./tracks/search_20250703/](./tracks/search_20250703/)*\n');
    writeFileSync(
      join(bank, 'conductor', 'tracks', 'search_20250703', 'plan.md'),
      '# Implementation Plan\n\n## Phase 1: Index\n- [x] Task: Build the tokenizer [a1b2c3d]\n- [ ] Task: Rank the results\n',
    );
    // The bank was recorded as tidepool/memory-bank; it is now tidepool/conductor+memory-bank: the same bank, grown.
    for (const argv of [['sync', bank], ['migrate', bank]]) {
      const result = await runCli(argv, { env, cwd: dir });
      expect(result.code, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
    }
    const titles = sandbox.dump().tasks.map((task) => task.title);
    expect(sandbox.dump().tasks.length).toBe(before + 3);
    expect(titles).toEqual(expect.arrayContaining(['Full-text search', 'Build the tokenizer', 'Rank the results']));
    const again = await runCli(['sync', bank], { env, cwd: dir });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('in sync');
    // Pointed at a repository's conductor/ folder itself, the project is named after the repository.
    const gamma = join(dir, 'gamma', 'conductor');
    mkdirSync(gamma, { recursive: true });
    writeFileSync(join(gamma, 'tracks.md'), '# Project Tracks\n\n- [ ] **Track: Billing**\n');
    const third = await runCli(['migrate', gamma, '--json'], { env, cwd: dir });
    expect(third.code, third.stderr + third.stdout).toBe(0);
    const gammaProject = sandbox.dump().projects.find((project) => project.title === 'gamma');
    expect(sandbox.dump().tasks.filter((task) => task.project_id === gammaProject?.id).map((task) => task.title)).toEqual(['Billing']);
  });

  it("names the project after the repository when pointed at an Agent OS folder, Cursor's .cursor/plans, BMAD's docs/stories or sprint folder, or Beads' .beads", async () => {
    const { sandbox, env, dir } = await setupWorkflow(closers);
    const folders: Array<[string, string, string]> = [
      ['delta', '.agent-os/product/roadmap.md', '# Product Roadmap\n\n## Phase 1\n\n- [ ] Sharing - Invite by email `M`\n'],
      ['epsilon', '.cursor/plans/login_0a1b2c3d.plan.md', '---\nname: Login\ntodos:\n  - id: form\n    content: Build the form\n    status: pending\n---\n'],
      ['zeta', 'docs/stories/1.1.login.md', '# Story 1.1: Login\n\n## Status\n\nApproved\n\n## Tasks / Subtasks\n\n- [ ] Task 1: Form (AC: 1)\n'],
      ['eta', '.beads/issues.jsonl', '{"id":"bd-1","title":"Build the form","status":"open","priority":2}\n'],
      ['theta', '_bmad-output/implementation-artifacts/sprint-status.yaml', 'development_status:\n  epic-1: in-progress\n  1-1-login-form: ready-for-dev\n'],
    ];
    for (const [repo, path, text] of folders) {
      mkdirSync(join(dir, repo, dirname(path)), { recursive: true });
      writeFileSync(join(dir, repo, path), text);
      const bankFolder = join(dir, repo, path.split('/').slice(0, path.startsWith('.agent-os') || path.startsWith('.beads') ? 1 : 2).join('/'));
      const run = await runCli(['migrate', bankFolder, '--json'], { env, cwd: dir });
      expect(run.code, run.stderr + run.stdout).toBe(0);
      expect(sandbox.dump().projects.map((project) => project.title), `${repo}: ${bankFolder}`).toContain(repo);
    }
  });
});
