/**
 * What the write commands print and leave behind, through the CLI against a sandbox: colour rules honoured by
 * `migrate`'s summary as by `runs`, `demo --json` as one JSON document, and report folders kept to the newest N.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { measureWidth } from '../../../src/report/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runCli } from '../../helpers/cli.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
let work: string;
let bank: string;
let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let env: Record<string, string>;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'membank-output-'));
  bank = join(work, 'my-repo');
  cpSync(join(repo, 'fixtures', 'demo'), bank, { recursive: true });
  sandbox = await startSandbox({ port: 0 });
  env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(work, 'state', 'membank.sqlite') };
});

afterEach(async () => {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

/** Runs the CLI with stdout looking like a terminal. */
async function runOnTerminal(argv: string[], extraEnv: Record<string, string>): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const code = await main(argv, {
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: true, columns: 200 },
    stderr: { write: () => true },
    env: { ...env, ...extraEnv },
    cwd: work,
  });
  return { code, stdout };
}

describe('colour in the migrate summary', () => {
  it('is on at a terminal, and off with --no-color, NO_COLOR or TERM=dumb', async () => {
    const escape = '\u001b[';
    const first = await runOnTerminal(['migrate', bank], {});
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(escape);
    for (const [argv, extra] of [
      [['migrate', bank, '--no-color'], {}],
      [['migrate', bank], { NO_COLOR: '1' }],
      [['migrate', bank], { TERM: 'dumb' }],
    ] as Array<[string[], Record<string, string>]>) {
      const run = await runOnTerminal(argv, extra);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('membank migrate');
      expect(run.stdout).not.toContain(escape);
    }
  });

  it('is on in a pipe with FORCE_COLOR, and with --color even under NO_COLOR', async () => {
    const run = await runCli(['migrate', bank], { cwd: work, env: { ...env, FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b[');
    const flag = await runCli(['migrate', bank, '--color'], { cwd: work, env: { ...env, NO_COLOR: '1' } });
    expect(flag.code).toBe(0);
    expect(flag.stdout).toContain('\u001b[');
  });
});

describe('terminal width', () => {
  it('cuts the plan, the summary and the runs table to a 60-column terminal; a pipe keeps whole lines', async () => {
    const lines = async (argv: string[]): Promise<string[]> => {
      let stdout = '';
      const code = await main(argv, {
        stdout: { write: (chunk: string) => (stdout += chunk), isTTY: true, columns: 60 },
        stderr: { write: () => true },
        env,
        cwd: work,
      });
      expect(code).toBe(0);
      return stdout.trimEnd().split('\n');
    };
    for (const argv of [['plan', bank], ['migrate', bank, '--dry-run'], ['migrate', bank], ['runs']]) {
      const printed = await lines(argv);
      expect(printed.length).toBeGreaterThan(3);
      for (const line of printed) expect(measureWidth(line), `${argv.join(' ')}: ${line}`).toBeLessThanOrEqual(60);
    }
    const piped = await runCli(['plan', bank], { cwd: work, env });
    expect(piped.stdout.split('\n').some((line) => measureWidth(line) > 60)).toBe(true);
  });
});

describe('report folders', () => {
  it('keeps only the newest reports.keep folders, and nothing that is not a run report', async () => {
    writeFileSync(join(work, 'membank.config.json'), JSON.stringify({ reports: { keep: 2 } }));
    mkdirSync(join(work, 'state', 'reports', 'my-notes'), { recursive: true });
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const run = await runCli(['migrate', bank, '--json'], { cwd: work, env });
      expect(run.code).toBe(0);
      ids.push((JSON.parse(run.stdout) as { runId: string }).runId);
    }
    expect(readdirSync(join(work, 'state', 'reports')).sort()).toEqual([...ids.slice(1), 'my-notes'].sort());
  });
});

describe('demo --json', () => {
  it('prints exactly one JSON document', async () => {
    const run = await runCli(['demo', '--json'], { cwd: work, env: {} });
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout) as { ok: boolean; migrate: { runId: string } };
    expect(parsed.ok).toBe(true);
    expect(parsed.migrate.runId).toMatch(/^\d{4}-/);
  });
});
