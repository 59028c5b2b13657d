/**
 * `--json` is streamed: `parse --json`, `plan --json` and `migrate --dry-run --json` write their document in
 * chunks (records and ops one at a time), wait when stdout asks them to, and the document is byte for byte the one
 * JSON.stringify gives — in-process, with `--out`, and through a real pipe to a child process.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDiscoverAndParse } from '../../../src/cli/commands/parse.js';
import type { CliContext } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { silentLogger } from '../../../src/core/ports.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const taskFiles = 120;
let work: string;
let bank: string;
let sandbox: SandboxHandle;
let env: Record<string, string>;

/** A tasks-folder bank: `taskFiles` files of a header task and six subtask rows each (~840 records, ~600 KB of JSON). */
function writeBank(root: string): void {
  const tasks = join(root, 'memory-bank', 'tasks');
  mkdirSync(tasks, { recursive: true });
  for (let n = 1; n <= taskFiles; n++) {
    const id = `TASK${String(n).padStart(3, '0')}`;
    const rows = Array.from({ length: 6 }, (_, index) => `| ${n}.${index + 1} | Step ${index + 1} of the «${n}» work: update the parser | ${['Complete', 'In Progress', 'Not Started'][index % 3]} | 2025-10-0${(index % 9) + 1} | notes with \`code\` |`);
    writeFileSync(
      join(tasks, `${id}-work-${n}.md`),
      [`# [${id}] - Work item ${n} ✅`, '', `**Status:** ${n % 2 === 0 ? 'Completed' : 'In Progress'}`, '**Added:** 2025-09-01', '**Updated:** 2025-10-01', '', '## Original Request', `Do the work numbered ${n}, "quoted", with a backslash \\ and a tab\t.`, '', '## Progress Tracking', '', `**Overall Status:** ${n % 2 === 0 ? 'Completed' : 'In Progress'}`, '', '### Subtasks', '| ID | Description | Status | Updated | Notes |', '|----|-------------|--------|---------|-------|', ...rows, ''].join('\n'),
    );
  }
}

/** A stdout whose buffer is full after every write, drained on the next turn of the event loop. */
class PipeLikeStdout extends EventEmitter {
  text = '';
  writes = 0;
  writesBeforeDrain = 0;
  largestWrite = 0;
  private full = false;
  write(chunk: string): boolean {
    if (this.full) this.writesBeforeDrain += 1;
    this.text += chunk;
    this.writes += 1;
    this.largestWrite = Math.max(this.largestWrite, chunk.length);
    this.full = true;
    setImmediate(() => {
      this.full = false;
      this.emit('drain');
    });
    return false;
  }
}

async function runWithPipeLikeStdout(argv: string[]): Promise<{ code: number; stdout: PipeLikeStdout; stderr: string }> {
  const stdout = new PipeLikeStdout();
  let stderr = '';
  const code = await main(argv, { stdout, stderr: { write: (chunk: string) => (stderr += chunk) }, env, cwd: work });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'membank-json-stream-'));
  bank = join(work, 'big-repo');
  writeBank(bank);
  sandbox = await startSandbox({ port: 0 });
  env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(work, 'state', 'membank.sqlite') };
});

afterAll(async () => {
  await sandbox.close();
  rmSync(work, { recursive: true, force: true });
});

describe('parse --json', () => {
  it('streams the same document JSON.stringify builds, in chunks, waiting for drain', async () => {
    const run = await runWithPipeLikeStdout(['parse', bank, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The document as it was built before streaming: JSON.stringify of the command's result.
    const ctx = { io: { stdout: { write: () => true }, stderr: { write: () => true }, env, cwd: work }, json: true, log: silentLogger, signal: new AbortController().signal } as unknown as CliContext;
    const result = await runDiscoverAndParse(bank, ctx, {});
    expect(result.parse.records.length).toBe(taskFiles * 7);
    expect(run.stdout.text).toBe(`${JSON.stringify({ records: result.parse.records, problems: result.problems })}\n`);
    expect(run.stdout.text.length).toBeGreaterThan(300_000);
    // Streamed: many writes of about 64 KiB, none while stdout was full.
    expect(run.stdout.writes).toBeGreaterThan(4);
    expect(run.stdout.largestWrite).toBeLessThan(80 * 1024);
    expect(run.stdout.writesBeforeDrain).toBe(0);
  });

  it('is valid JSON, whole, when stdout is a pipe read slowly by another process', async () => {
    const child = spawn(process.execPath, [join(repo, 'src', 'cli', 'membank.js'), 'parse', bank, '--json'], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Nothing is read for a while, so the pipe fills and the writer has to wait.
    child.stdout.pause();
    const code = new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise));
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 1500));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    expect(await code).toBe(0);
    expect(stderr).toBe('');
    const text = Buffer.concat(chunks).toString('utf8');
    const document = JSON.parse(text) as { records: Array<{ title: string }>; problems: unknown[] };
    expect(document.records).toHaveLength(taskFiles * 7);
    expect(text).toBe(`${JSON.stringify(document)}\n`);
  }, 60_000);
});

describe('a reader that stops reading', () => {
  it('ends the run quietly with exit code 0 when stdout is closed after the first chunk (`parse --json | head`)', async () => {
    const child = spawn(process.execPath, [join(repo, 'src', 'cli', 'membank.js'), 'parse', bank, '--json'], {
      cwd: work,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let first = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.toString('utf8');
      child.stdout.destroy();
    });
    expect(await code).toBe(0);
    expect(first.startsWith('{"records":[')).toBe(true);
    expect(stderr).toBe('');
  }, 60_000);
});

describe('migrate --dry-run --json and plan --json', () => {
  it('stream the plan document, the same as JSON.stringify, and --out holds the same plan pretty-printed', async () => {
    const out = join(work, 'plan.json');
    const run = await runWithPipeLikeStdout(['migrate', bank, '--dry-run', '--json', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const document = JSON.parse(run.stdout.text) as { dryRun: boolean; plan: { ops: unknown[] }; problems: unknown[] };
    expect(document.dryRun).toBe(true);
    expect(document.plan.ops.length).toBeGreaterThan(taskFiles * 7);
    expect(run.stdout.text).toBe(`${JSON.stringify(document)}\n`);
    expect(run.stdout.writes).toBeGreaterThan(4);
    expect(run.stdout.writesBeforeDrain).toBe(0);
    const saved = readFileSync(out, 'utf8');
    expect(saved).toBe(`${JSON.stringify(document.plan, null, 2)}\n`);

    const plan = await runWithPipeLikeStdout(['plan', bank, '--json']);
    expect(plan.code).toBe(0);
    const planDocument = JSON.parse(plan.stdout.text) as { plan: { ops: unknown[]; createdAt: string } };
    expect(plan.stdout.text).toBe(`${JSON.stringify(planDocument)}\n`);
    expect(planDocument.plan.ops).toEqual(document.plan.ops);
    expect(plan.stdout.writesBeforeDrain).toBe(0);
  }, 120_000);

  it('redacts the token from the streamed document as print does', async () => {
    const secretProject = `project-${sandbox.token}`;
    const run = await runWithPipeLikeStdout(['plan', bank, '--json', '--project', secretProject]);
    expect(run.code).toBe(0);
    expect(run.stdout.text).not.toContain(sandbox.token);
    expect(run.stdout.text).toContain('project-[redacted]');
  }, 120_000);
});
