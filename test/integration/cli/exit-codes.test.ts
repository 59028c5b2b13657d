/**
 * Every exit code in the README's table, produced through the CLI against a real sandbox and a real state store:
 * 0 ok, 1 failed, 2 changes pending (or applied, sync), 3 input errors, 4 locked, 5 Vikunja unavailable, 6 conflict,
 * 7 guard tripped, 64 usage or configuration, 130 interrupted. Plus `--quiet`: a run with nothing to do prints nothing.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { startCuttableProxy } from '../../helpers/proxy.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

let work: string;
let bank: string;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let env: Record<string, string>;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'membank-exit-'));
  bank = join(work, 'my-repo');
  cpSync(join(repo, 'fixtures', 'demo'), bank, { recursive: true });
  rmSync(join(bank, 'memory-bank', 'features', 'share-links.md'));
  rmSync(join(bank, 'memory-bank', 'notes', 'scratch.md'));
  sandbox = await startSandbox({ port: 0 });
  env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(work, 'state', 'membank.sqlite') };
});

afterEach(async () => {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

/** A port nothing listens on: bind one, then free it. */
async function closedPort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

describe('the README exit-code table', () => {
  it('lists exactly the codes this file produces', () => {
    const table = readme.slice(readme.indexOf('## Exit codes'));
    const codes = [...table.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(codes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 64, 130]);
  });
});

describe('exit codes through the CLI', () => {
  it('0: a migration that succeeds; and --quiet on a run with nothing to do prints nothing at all', async () => {
    const first = await runCli(['migrate', bank], { cwd: work, env });
    expect(first.code).toBe(0);
    const quiet = await runCli(['migrate', bank, '--quiet'], { cwd: work, env });
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet prints one line per problem and nothing else', async () => {
    // Put back the demo bank's file with broken frontmatter: one error-severity problem.
    cpSync(join(repo, 'fixtures', 'demo', 'memory-bank', 'features', 'share-links.md'), join(bank, 'memory-bank', 'features', 'share-links.md'));
    const quiet = await runCli(['migrate', bank, '--quiet'], { cwd: work, env });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    const lines = quiet.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^membank: memory-bank\/features\/share-links\.md:6: the frontmatter is not valid YAML/);
  });

  it('1: failed — runs --verify on a journal edited by hand', async () => {
    expect((await runCli(['migrate', bank], { cwd: work, env })).code).toBe(0);
    const raw = new Database(env['MEMBANK_STATE'] ?? '');
    raw.exec('DROP TRIGGER IF EXISTS journal_refuse_update; DROP TRIGGER IF EXISTS journal_refuse_delete;');
    raw.exec(`UPDATE journal SET remote_id = '999' WHERE seq = 2`);
    raw.close();
    const verify = await runCli(['runs', '--verify'], { cwd: work, env });
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('journal TAMPERED');
    const quiet = await runCli(['runs', '--verify', '--quiet'], { cwd: work, env });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/^membank: journal TAMPERED at row seq 2 \(.*\)[^\n]*\n$/);
  });

  it('2: --detailed-exitcode with changes pending; 0 once there are none', async () => {
    expect((await runCli(['plan', bank, '--detailed-exitcode'], { cwd: work, env })).code).toBe(2);
    expect((await runCli(['migrate', bank, '--dry-run', '--detailed-exitcode'], { cwd: work, env })).code).toBe(2);
    expect((await runCli(['migrate', bank], { cwd: work, env })).code).toBe(0);
    expect((await runCli(['plan', bank, '--detailed-exitcode'], { cwd: work, env })).code).toBe(0);
  });

  it('2: sync --detailed-exitcode when it applied changes; 0 without the flag and once nothing is left to do; --quiet prints nothing', async () => {
    expect((await runCli(['migrate', bank], { cwd: work, env })).code).toBe(0);
    appendFileSync(join(bank, 'memory-bank', 'tasks.md'), '\n- [ ] A task added after the migration\n');
    expect((await runCli(['sync', bank, '--detailed-exitcode'], { cwd: work, env })).code).toBe(2);
    appendFileSync(join(bank, 'memory-bank', 'tasks.md'), '- [ ] Another task added after the migration\n');
    expect((await runCli(['sync', bank], { cwd: work, env })).code).toBe(0);
    expect(await runCli(['sync', bank, '--detailed-exitcode', '--quiet'], { cwd: work, env })).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('3: validate finds errors in the input', async () => {
    const run = await runCli(['validate', join(repo, 'fixtures', 'demo')], { cwd: work, env });
    expect(run.code).toBe(3);
  });

  it('4: another run holds the lock', async () => {
    const store = openStore(env['MEMBANK_STATE'] ?? '');
    store.lock.acquire(`${hostname()}:${process.pid}:another-run`, 60_000);
    store.close();
    const run = await runCli(['migrate', bank], { cwd: work, env });
    expect(run.code).toBe(4);
  });

  it('5: Vikunja unavailable — nothing listens on the URL', async () => {
    writeFileSync(join(work, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 0 } }));
    const run = await runCli(['migrate', bank], { cwd: work, env: { ...env, VIKUNJA_URL: `http://127.0.0.1:${await closedPort()}` } });
    expect(run.code).toBe(5);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('5: Vikunja unavailable — the server goes away mid-run; the run stops with exit 5 (not 1)', async () => {
    writeFileSync(join(work, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 0 } }));
    const proxy = await startCuttableProxy(Number(new URL(sandbox.url).port));
    const through = { ...env, VIKUNJA_URL: proxy.url };
    // Cut the server off once a few writes have landed.
    let cut = false;
    const watch = setInterval(() => {
      if (!cut && sandbox.requestLog().filter((entry) => entry.method !== 'GET').length >= 3) {
        cut = true;
        proxy.cut();
      }
    }, 2);
    try {
      const run = await runCli(['migrate', bank], { cwd: work, env: through });
      expect(cut).toBe(true);
      expect(run.code, run.stderr).toBe(5);
      expect(run.stderr).toMatch(/^membank: .*unavailable/im);
      // The same stop with --quiet (for cron): one line, naming the problem.
      const quiet = await runCli(['migrate', bank, '--quiet'], { cwd: work, env: through });
      expect(quiet.code, quiet.stderr).toBe(5);
      expect(quiet.stdout).toBe('');
      expect(quiet.stderr.trimEnd().split('\n'), quiet.stderr).toHaveLength(1);
      expect(quiet.stderr).toMatch(/^membank: .*unavailable/i);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      clearInterval(watch);
      await proxy.close();
    }
  });

  it('6: conflict — a saved plan whose memory bank changed since', async () => {
    expect((await runCli(['plan', bank, '--out', 'plan.json'], { cwd: work, env })).code).toBe(0);
    appendFileSync(join(bank, 'memory-bank', 'tasks.md'), '\n- [ ] A task added after the plan was made\n');
    const run = await runCli(['apply', 'plan.json'], { cwd: work, env });
    expect(run.code).toBe(6);
  });

  it('7: guard tripped — a sync that would close more tasks than guards.maxDestructive; nothing written', async () => {
    expect((await runCli(['migrate', bank], { cwd: work, env })).code).toBe(0);
    writeFileSync(join(work, 'membank.config.json'), JSON.stringify({ guards: { maxDestructive: 0 } }));
    const tasks = join(bank, 'memory-bank', 'tasks.md');
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replace('- [ ] Rate-limit the public save endpoint', '- [x] Rate-limit the public save endpoint'));
    sandbox.clearRequestLog();
    const run = await runCli(['sync', bank, '--quiet'], { cwd: work, env });
    expect(run.code, run.stderr).toBe(7);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^membank: guard tripped — sync run \S+ refused before its first write; nothing was written:\n {2}max-destructive: the run would close 1: 1 task\(s\), more than guards\.maxDestructive \(0\)\n/);
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('64: usage and configuration errors', async () => {
    expect((await runCli(['migrate'], { cwd: work, env })).code).toBe(64);
    expect((await runCli(['migrate', bank], { cwd: work, env: { MEMBANK_STATE: env['MEMBANK_STATE'] ?? '' } })).code).toBe(64);
  });

  it('130: a run whose abort signal fired (in process) exits 130 and writes nothing more', async () => {
    const controller = new AbortController();
    controller.abort(new Error('SIGINT'));
    const run = await runCli(['migrate', bank], { cwd: work, env, signal: controller.signal });
    expect(run.code).toBe(130);
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
  });

  it('130: SIGINT stops a migration after the in-flight write', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, latencyMs: 150 });
    const child = spawn(process.execPath, [join(repo, 'src', 'cli', 'membank.js'), 'migrate', bank], {
      cwd: work,
      env: { PATH: process.env['PATH'] ?? '', HOME: work, VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: env['MEMBANK_STATE'] ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    const exit = new Promise<number | null>((resolvePromise) => child.on('close', (code) => resolvePromise(code)));
    await new Promise<void>((resolvePromise) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        // The plan is printed just before the first write: interrupt then.
        if (/create/i.test(stderr)) resolvePromise();
      });
      child.on('close', () => resolvePromise());
    });
    child.kill('SIGINT');
    expect(await exit).toBe(130);
    expect(stderr).toContain('SIGINT received');
  });
});
