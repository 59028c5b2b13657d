/**
 * `membank init`: a commented membank.config.yaml for the bank and server it finds, written without asking, that
 * the other commands then read; never over an existing config unless --force; never the token.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function createRepo(): string {
  const repo = join(mkdtempSync(join(tmpdir(), 'membank-init-')), 'reader-app');
  mkdirSync(join(repo, 'memory-bank'), { recursive: true });
  writeFileSync(join(repo, 'memory-bank', 'tasks.md'), '# Tasks\n\n- [ ] Write the importer\n- [x] Pick a name\n');
  return repo;
}

describe('membank init', () => {
  it('writes a commented config for the bank it finds and the server in VIKUNJA_URL, without the token, that plan then uses', async () => {
    const sandbox = await startSandbox({ port: 0 });
    closers.push(() => sandbox.close());
    const repo = createRepo();
    const written = await runCli(['init'], { env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token }, cwd: repo });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('Wrote membank.config.yaml');
    const text = readFileSync(join(repo, 'membank.config.yaml'), 'utf8');
    expect(text).toContain('# Memory bank: memory-bank');
    expect(text).toContain(`  # Your Vikunja server (from VIKUNJA_URL); VIKUNJA_URL and --url override it.\n  url: ${sandbox.url}\n`);
    expect(text).toContain(`  project: ${basename(repo)}\n`);
    expect(text).not.toContain(sandbox.token);
    const resolved = resolveConfig({}, {}, repo);
    expect(resolved.config.vikunja.url).toBe(sandbox.url);
    expect(resolved.config.mapping.project).toBe('reader-app');
    // The other commands read it: plan finds the server with only the token in the environment.
    const plan = await runCli(['plan', '.', '--html', 'plan.html'], { env: { VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: ':memory:' }, cwd: repo });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`Plan for project "reader-app" (new) on ${sandbox.url}`);
  });

  it('refuses to replace an existing config without --force; with --force keeps its server', async () => {
    const repo = createRepo();
    expect((await runCli(['init', '--url', 'http://vikunja.test:3456'], { env: {}, cwd: repo })).code).toBe(0);
    const before = readFileSync(join(repo, 'membank.config.yaml'), 'utf8');
    const again = await runCli(['init', '--url', 'http://other.test'], { env: {}, cwd: repo });
    expect(again.code).toBe(64);
    expect(again.stderr).toContain(`${join(repo, 'membank.config.yaml')} already exists; nothing was written. Pass --force to replace it`);
    expect(readFileSync(join(repo, 'membank.config.yaml'), 'utf8')).toBe(before);
    const forced = await runCli(['init', '--force', '--json'], { env: {}, cwd: repo });
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ url: 'http://vikunja.test:3456', urlFrom: 'config file', project: 'reader-app' });
  });

  it('never writes a YAML config beside a membank.config.json (two config files are refused), even with --force', async () => {
    const repo = createRepo();
    writeFileSync(join(repo, 'membank.config.json'), '{}');
    const result = await runCli(['init', '--force'], { env: {}, cwd: repo });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('membank.config.json already exists; nothing was written. membank init writes membank.config.yaml, and membank refuses two config files side by side');
  });

  it('leaves what it cannot find commented, and the file still loads', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'membank-init-empty-'));
    const result = await runCli(['init'], { env: {}, cwd: empty });
    expect(result.code, result.stderr).toBe(0);
    const text = readFileSync(join(empty, 'membank.config.yaml'), 'utf8');
    expect(text).toContain('# No memory bank was found under');
    expect(text).toContain('  # url: http://localhost:3456\n');
    expect(result.stdout).toContain('Vikunja      not set: edit vikunja.url, or set VIKUNJA_URL');
    expect(resolveConfig({}, {}, empty).config.vikunja.url).toBeUndefined();
  });
});
