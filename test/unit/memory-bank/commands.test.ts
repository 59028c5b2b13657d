import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParseCommand } from '../../../src/cli/commands/parse.js';
import { createValidateCommand } from '../../../src/cli/commands/validate.js';
import type { CliContext } from '../../../src/cli/command.js';
import { ExitCode } from '../../../src/core/errors.js';
import { silentLogger } from '../../../src/core/ports.js';
import { taskRecordSchema } from '../../../src/core/task-record.js';

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'membank-parse-'));
  const bank = join(root, 'memory_bank');
  await mkdir(join(bank, 'tasks'), { recursive: true });
  await writeFile(
    join(bank, 'tasks', 'active_sprint.md'),
    [
      '# Active Sprint',
      '',
      '| ID | Task | Owner | Priority | Status |',
      '| :--- | :--- | :--- | :--- | :--- |',
      '| PM-001 | Implement schema | General | Critical | ✅ Done |',
      '| PM-002 | Rebuild image | General | Week 2-3 | ⏳ Pending |',
      '| PM-003 | Sweep storage | General | Medium | 🔮 Planned |',
      '',
    ].join('\n'),
  );
  await writeFile(join(bank, 'projectbrief.md'), '# Brief\n\n- [ ] not a task, a context document\n');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function fakeContext(json: boolean): { ctx: CliContext; printed: { value: unknown; human: string }[] } {
  const printed: { value: unknown; human: string }[] = [];
  const ctx: CliContext = {
    io: { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd: root },
    json,
    log: silentLogger,
    signal: new AbortController().signal,
    print(value, human) {
      printed.push({ value, human });
    },
    onClose() {},
  };
  return { ctx, printed };
}

describe('membank parse', () => {
  it('prints records and problems as JSON', async () => {
    const { ctx, printed } = fakeContext(true);
    const code = await createParseCommand().run({ dir: '.', json: true, logLevel: 'warn' }, ctx);
    expect(code).toBe(ExitCode.ok);
    const value = printed[0]?.value as { records: unknown[]; problems: { code: string }[]; explain?: unknown };
    expect(value.records).toHaveLength(3);
    for (const record of value.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
    expect(value.problems.map((problem) => problem.code)).toEqual(['priority-unknown']);
    expect(value.explain).toBeUndefined();
  });

  it('prints a readable report and, with --explain, the extractor per file', async () => {
    const { ctx, printed } = fakeContext(false);
    await createParseCommand().run({ dir: '.', json: false, logLevel: 'warn', explain: true }, ctx);
    const human = printed[0]?.human ?? '';
    expect(human).toContain('Parsed 3 tasks from 1 file');
    // The source's own label, then Vikunja's word and number (issue #7 item 9): never a made-up `P4`.
    expect(human).toContain('[done] PM-001 · Implement schema  priority Critical → urgent (4)  @General');
    expect(human).toContain('PM-003 · Sweep storage  priority Medium → medium (2)');
    expect(human).not.toMatch(/ P[0-9] /u);
    expect(human).toContain('memory_bank/tasks/active_sprint.md');
    expect(human).toContain('task-table: 3 records');
    expect(human).toContain('memory_bank/projectbrief.md  — no tasks: classified as context-document');
    expect(human).toContain('priority-unknown');
  });
});

describe('membank parse: priority labels', () => {
  it('shows a file\'s P1 as "P1 → high (3)", not as Vikunja\'s number with a P in front', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'membank-priority-'));
    await mkdir(join(dir, 'memory-bank'), { recursive: true });
    await writeFile(join(dir, 'memory-bank', 'tasks.md'), '# Tasks\n\n| ID | Task | Priority | Status |\n|---|---|---|---|\n| T-1 | Fix login | P1 | Pending |\n');
    const { ctx, printed } = fakeContext(false);
    ctx.io.cwd = dir;
    await createParseCommand().run({ dir: '.', json: false, logLevel: 'warn' }, ctx);
    const human = printed[0]?.human ?? '';
    expect(human).toContain('T-1 · Fix login  priority P1 → high (3)');
    // Only the record's line: the temporary folder's random name, printed in the summary, may itself hold `P3`.
    const line = human.split('\n').find((text) => text.includes('T-1 ·')) ?? '';
    expect(line).toContain('priority P1 → high (3)');
    expect(line).not.toMatch(/\bP3\b/u);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('membank validate', () => {
  it('exits 0 with warnings only', async () => {
    const { ctx, printed } = fakeContext(false);
    const code = await createValidateCommand().run({ dir: '.', json: false, logLevel: 'warn' }, ctx);
    expect(code).toBe(ExitCode.ok);
    expect(printed[0]?.human).toMatch(/^OK: 3 tasks in 1 file under /u);
  });

  it('exits 3 when there are errors and lists every problem with file:line, received and fix', async () => {
    await writeFile(join(root, 'memory_bank', 'tasks', 'TASK009-broken.md'), '---\nstatus: [open\n---\n# [TASK009] - Broken\n**Status:** Pending\n**Added:** 2026-01-01\n**Updated:** 2026-01-02\n');
    const { ctx, printed } = fakeContext(true);
    const code = await createValidateCommand().run({ dir: '.', json: true, logLevel: 'warn' }, ctx);
    expect(code).toBe(ExitCode.validationErrors);
    const report = printed[0]?.value as { ok: boolean; errors: number; problems: { code: string; file: string; line: number | null; fix: string }[] };
    expect(report.ok).toBe(false);
    expect(report.errors).toBeGreaterThanOrEqual(1);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: 'yaml-invalid', file: 'memory_bank/tasks/TASK009-broken.md', line: 2 }));
    const human = fakeContext(false);
    await createValidateCommand().run({ dir: '.', json: false, logLevel: 'warn' }, human.ctx);
    expect(human.printed[0]?.human).toContain('FAILED:');
    expect(human.printed[0]?.human).toContain('memory_bank/tasks/TASK009-broken.md:2 [yaml-invalid]');
    expect(human.printed[0]?.human).toContain('fix:');
  });
});
