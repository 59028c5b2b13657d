import { describe, expect, it } from 'vitest';
import { measureWidth, renderTerminalSummary, stripAnsi } from '../../../src/report/index.js';
import { createEmptyReport, createSampleReport } from './sample-report.js';

describe('renderTerminalSummary', () => {
  it('prints the whole summary of a failed migrate run', () => {
    const text = renderTerminalSummary(createSampleReport(), { color: false });
    expect(text).toBe(
      [
        'membank migrate · run 2026-11-21T13-40-00Z-k3x9q2 · failed',
        '  started   2026-11-21 13:40:00Z  (took 12.3 s)',
        '  server    http://localhost/vikunja — Vikunja v0.24.1, API v1',
        '  project   membank demo (id 12)',
        '',
        'Operations (one per change)',
        '  kind     planned  applied  failed  skipped  reverted',
        '  project        1        1       0        0         0',
        '  create        24       23       1        0         0',
        '  labels        24       24       0        0         0',
        '  skip           2        0       0        2         0',
        '  total         51       48       1        2         0',
        '',
        'Top files by changes',
        '  memory-bank/tasks/TASK001-import-pipeline.md  14  create 5 · labels 5 · relation 4',
        '  memory-bank/sprint.md                         12  create 6 · labels 6',
        '  memory-bank/tasks.md                          12  create 6 · labels 6',
        '  memory-bank/progress.md                       10  create 5 · labels 5',
        '  memory-bank/features/offline-mode.md           2  create 1 · labels 1',
        '  … 1 more file',
        '',
        'Errors (1)',
        '  memory-bank/sprint.md#DEMO-004: POST /api/v1/projects/12/tasks → 400: invalid due date',
        '',
        'Input problems: 1 error, 2 warnings',
        '  error    yaml-invalid      memory-bank/features/broken-frontmatter.md:3  frontmatter is not valid YAML',
        '  warning  priority-unknown  memory-bank/sprint.md:9                       priority "Week 2-3" is a schedule, not a priority',
        '  warning  status-unknown    memory-bank/tasks.md:14                       status "marinating" is not a known status word',
        '',
        '  requests  GET 120 · PUT 24 · POST 30 — 174 total, 3 retries, 1 rate-limit wait',
        '  verify    FAILED — 23 tasks checked, 1 drift item',
        '            drift memory-bank/tasks.md#task-7 (task 41) due_date: expected "2026-12-01", got null',
        '  journal   97 rows for 49 writes (a bulk create is one write for many ops): 48 applied, 0 pending, 1 failed, 0 reverted',
        '  report    snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.json',
        '            snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.md',
        '',
      ].join('\n'),
    );
  });

  it('uses no escape sequences without colour, and the same text once colours are stripped', () => {
    const plain = renderTerminalSummary(createSampleReport(), { color: false });
    const coloured = renderTerminalSummary(createSampleReport(), { color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31mfailed\u001b[39m');
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('says what is missing in an empty dry run', () => {
    const text = renderTerminalSummary(createEmptyReport(), { color: false });
    expect(text).toContain('membank plan · run run-empty · succeeded');
    expect(text).toContain('took 250 ms');
    expect(text).toContain('mode      dry run — nothing was written');
    expect(text).toContain('server    not contacted');
    expect(text).toContain('project   none');
    expect(text).toContain('Operations (one per change)\n  none');
    expect(text).toContain('Input problems: none');
    expect(text).toContain('requests  0 total, 0 retries, 0 rate-limit waits');
    expect(text).toContain('verify    not run');
    expect(text).toContain('journal   0 rows for 0 writes (a bulk create is one write for many ops): 0 applied, 0 pending, 0 failed, 0 reverted');
    expect(text).toContain('report    not written to files');
    expect(text).not.toContain('Errors');
    expect(text).not.toContain('Top files');
  });

  it('reports a clean verify and an unfinished run', () => {
    const text = renderTerminalSummary(
      createSampleReport({
        status: 'running',
        finishedAt: null,
        durationMs: null,
        verify: { ok: true, checked: 24, drift: [] },
        project: { title: 'membank demo', id: null },
      }),
      { color: false },
    );
    expect(text).toContain('started   2026-11-21 13:40:00Z  (not finished)');
    expect(text).toContain('verify    OK — 24 tasks checked, no drift');
    expect(text).toContain('project   membank demo (not created yet)');
  });

  it('cuts long lists after the limit and says how many more there are', () => {
    const problems = Array.from({ length: 12 }, (_, index) => ({
      severity: 'warning' as const,
      code: 'status-unknown',
      file: `memory-bank/f${String(index).padStart(2, '0')}.md`,
      line: index + 1,
      message: 'unknown status',
      received: 'x',
      fix: 'use a known status',
    }));
    const drift = Array.from({ length: 7 }, (_, index) => ({ key: `k${index}`, taskId: index, field: 'title', expected: 'a', actual: 'b' }));
    const errors = Array.from({ length: 13 }, (_, index) => ({ opId: `op${index}`, where: `task:${index}`, message: 'boom' }));
    const text = renderTerminalSummary(createSampleReport({ problems, errors, verify: { ok: false, checked: 7, drift } }), {
      color: false,
    });
    expect(text).toContain('Input problems: 0 errors, 12 warnings');
    expect(text).toContain('memory-bank/f04.md:5');
    expect(text).not.toContain('memory-bank/f05.md:6');
    expect(text).toContain('… 7 more (membank validate lists them all)');
    expect(text).toContain('FAILED — 7 tasks checked, 7 drift items');
    expect(text).toContain('… 2 more drift items in the report files');
    expect(text).toContain('Errors (13)');
    expect(text).toContain('task:9: boom');
    expect(text).not.toContain('task:10: boom');
    expect(text).toContain('… 3 more in the report files');
  });

  it('never shows credentials embedded in the server URL', () => {
    const text = renderTerminalSummary(
      createSampleReport({ server: { url: 'https://admin:s3cret@tasks.example.org/vikunja?token=abc', version: '1.0.0', api: 'v2' } }),
      { color: false },
    );
    expect(text).toContain('server    https://tasks.example.org/vikunja — Vikunja 1.0.0, API v2');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('token=abc');
  });

  it('cuts every line to the terminal width, measuring CJK and emoji as two columns', () => {
    const report = createSampleReport();
    report.errors.push({ opId: 'create:x', where: 'memory-bank/任务/导入管道的离线缓存.md#t1', message: '🎉 '.repeat(80) });
    for (const color of [false, true]) {
      const text = renderTerminalSummary(report, { color, columns: 50 });
      for (const line of text.trimEnd().split('\n')) expect(measureWidth(line)).toBeLessThanOrEqual(50);
      expect(text).toContain('…');
    }
    const wide = renderTerminalSummary(report, { color: false });
    expect(wide.split('\n').some((line) => measureWidth(line) > 50)).toBe(true);
  });
});
