/**
 * docs/cron.md, tested as far as this machine allows: the crontab command line runs exactly as printed through
 * `bash -c` (a temporary `$HOME` holding the repository, the token file and a `membank` shim on the PATH; the sandbox
 * as Vikunja): silent with exit 0 when all is well, exit 7 and one mail-worthy message when a guard trips. The
 * systemd service and timer pass `systemd-analyze verify` where it is installed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';
import { writeBank } from './world.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const doc = readFileSync(join(repoRoot, 'docs', 'cron.md'), 'utf8');
const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The fenced blocks of docs/cron.md in a given language, in order. */
function blocks(language: string): string[] {
  return [...doc.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((match) => match[1] ?? '');
}

/** The crontab's job line: the command after the five schedule fields. */
function crontabCommand(): string {
  const crontab = blocks('crontab');
  expect(crontab).toHaveLength(1);
  const job = (crontab[0] ?? '').split('\n').find((line) => /^(\S+\s+){5}/.test(line) && !line.includes('='));
  if (job === undefined) throw new Error('docs/cron.md has no crontab job line');
  return job.replace(/^(\S+\s+){5}/, '');
}

function runBash(command: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('bash', ['-c', command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('docs/cron.md', () => {
  it('the crontab line, run as printed: silent exit 0 when all is well, exit 7 with a message when a guard trips', async () => {
    const sandbox = await startSandbox({ port: 0 });
    const home = mkdtempSync(join(tmpdir(), 'membank-cron-'));
    closers.push(async () => {
      await sandbox.close();
      rmSync(home, { recursive: true, force: true });
    });
    // What docs/cron.md's set-up asks for: the repository with its config, the token file, the state folder, membank on the PATH.
    const repo = join(home, 'my-repo');
    const tasksDir = join(repo, 'memory-bank', 'tasks');
    writeBank(tasksDir);
    writeFileSync(join(repo, 'membank.config.json'), JSON.stringify({ vikunja: { url: sandbox.url } }));
    mkdirSync(join(home, '.config', 'membank'), { recursive: true });
    writeFileSync(join(home, '.config', 'membank', 'token'), `${sandbox.token}\n`, { mode: 0o600 });
    const stateDir = join(home, '.local', 'state', 'membank');
    mkdirSync(stateDir, { recursive: true });
    const bin = join(home, '.local', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'membank'), `#!/bin/sh\nexec "${process.execPath}" "${join(repoRoot, 'src', 'cli', 'membank.js')}" "$@"\n`);
    chmodSync(join(bin, 'membank'), 0o755);
    const state = join(stateDir, 'state.sqlite');
    const first = await runCli(['migrate', '.', '--state', state, '--token-file', join(home, '.config', 'membank', 'token'), '--quiet'], { cwd: repo });
    expect(first, first.stderr).toEqual({ code: 0, stdout: '', stderr: '' });

    // cron's environment: little more than HOME and the crontab's PATH.
    const env = { HOME: home, PATH: `${bin}:/usr/local/bin:/usr/bin:/bin`, SHELL: '/bin/sh' };
    const command = crontabCommand();
    sandbox.clearRequestLog();
    const quiet = await runBash(command, env);
    expect(quiet, quiet.stderr).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(readFileSync(join(stateDir, 'membank.prom'), 'utf8')).toMatch(/^membank_last_run_success 1$/m);

    for (const name of ['area-01.md', 'area-02.md', 'area-03.md', 'area-04.md', 'area-05.md', 'area-06.md', 'area-07.md', 'area-08.md']) rmSync(join(tasksDir, name));
    const tripped = await runBash(command, env);
    expect(tripped.code).toBe(7);
    expect(tripped.stdout).toBe('');
    expect(tripped.stderr).toMatch(/^membank: guard tripped — sync run \S+ refused before its first write; nothing was written:/);
    expect(tripped.stderr).toContain('--allow-mass-change');
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(readFileSync(join(stateDir, 'membank.prom'), 'utf8')).toMatch(/^membank_last_run_exit_code\{command="sync"\} 7$/m);
  });

  it('the systemd service and timer: runs the same command, and pass systemd-analyze verify where it is installed', () => {
    const units = blocks('ini');
    expect(units).toHaveLength(2);
    const [service = '', timer = ''] = units;
    expect(service).toMatch(/^Type=oneshot$/m);
    expect(timer).toMatch(/^OnCalendar=\*:0\/5$/m);
    // The service runs the crontab's command line: %h for $HOME, WorkingDirectory for the cd, the binary through env.
    const execStart = /^ExecStart=\/usr\/bin\/env (.*)$/m.exec(service)?.[1];
    expect(service).toMatch(/^WorkingDirectory=%h\/my-repo$/m);
    expect(execStart?.replaceAll('%h', '$HOME')).toBe(crontabCommand().replace('cd "$HOME/my-repo" && ', '').replaceAll('"', ''));
    const available = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' });
    if (available.error !== undefined) return;
    const dir = mkdtempSync(join(tmpdir(), 'membank-units-'));
    try {
      writeFileSync(join(dir, 'membank-sync.service'), service);
      writeFileSync(join(dir, 'membank-sync.timer'), timer);
      const verify = spawnSync('systemd-analyze', ['verify', join(dir, 'membank-sync.service'), join(dir, 'membank-sync.timer')], { encoding: 'utf8', timeout: 30_000 });
      expect(verify.status, verify.stderr + verify.stdout).toBe(0);
      expect(verify.stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
