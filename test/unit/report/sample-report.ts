import type { RunReport } from '../../../src/core/report.js';

/** A finished migrate run with a bit of everything: several op kinds, an error, problems, retries and drift. */
export function createSampleReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: '2026-11-21T13-40-00Z-k3x9q2',
    command: 'migrate',
    status: 'failed',
    startedAt: '2026-11-21T13:40:00.000Z',
    finishedAt: '2026-11-21T13:40:12.345Z',
    durationMs: 12_345,
    dryRun: false,
    server: { url: 'http://localhost/vikunja', version: 'v0.24.1', api: 'v1' },
    project: { title: 'membank demo', id: 12 },
    byKind: {
      labels: { planned: 24, applied: 24, failed: 0, skipped: 0, reverted: 0 },
      create: { planned: 24, applied: 23, failed: 1, skipped: 0, reverted: 0 },
      project: { planned: 1, applied: 1, failed: 0, skipped: 0, reverted: 0 },
      skip: { planned: 2, applied: 0, failed: 0, skipped: 2, reverted: 0 },
    },
    byFile: {
      'memory-bank/progress.md': { create: 5, labels: 5 },
      'memory-bank/sprint.md': { create: 6, labels: 6 },
      'memory-bank/tasks/TASK001-import-pipeline.md': { create: 5, labels: 5, relation: 4 },
      'memory-bank/features/offline-mode.md': { create: 1, labels: 1 },
      'memory-bank/tasks.md': { create: 6, labels: 6 },
      'memory-bank/tasks/TASK002-sync-engine.md': { create: 0 },
      'memory-bank/tasks/TASK003-rollback.md': { create: 1 },
    },
    errors: [
      {
        opId: 'create:memory-bank/sprint.md#DEMO-004',
        where: 'memory-bank/sprint.md#DEMO-004',
        message: 'POST /api/v1/projects/12/tasks → 400: invalid due date',
      },
    ],
    problems: [
      {
        severity: 'warning',
        code: 'status-unknown',
        file: 'memory-bank/tasks.md',
        line: 14,
        message: 'status "marinating" is not a known status word',
        received: 'marinating',
        fix: 'use a status such as pending, in-progress or done',
      },
      {
        severity: 'error',
        code: 'yaml-invalid',
        file: 'memory-bank/features/broken-frontmatter.md',
        line: 3,
        message: 'frontmatter is not valid YAML',
        received: 'tags: [demo, unclosed',
        fix: 'close the flow list: tags: [demo, unclosed]',
      },
      {
        severity: 'warning',
        code: 'priority-unknown',
        file: 'memory-bank/sprint.md',
        line: 9,
        message: 'priority "Week 2-3" is a schedule, not a priority',
        received: 'Week 2-3',
        fix: 'use P0–P3 or low/medium/high',
      },
    ],
    requests: { byMethod: { POST: 30, GET: 120, PUT: 24 }, total: 174, retries: 3, rateLimitWaits: 1 },
    verify: {
      ok: false,
      checked: 23,
      drift: [{ key: 'memory-bank/tasks.md#task-7', taskId: 41, field: 'due_date', expected: '2026-12-01', actual: null }],
    },
    journal: { rows: 97, pending: 0, applied: 48, failed: 1, reverted: 0 },
    files: ['snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.json', 'snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.md'],
    ...overrides,
  };
}

/** A dry run that stopped before contacting anything. */
export function createEmptyReport(overrides: Partial<RunReport> = {}): RunReport {
  return {
    runId: 'run-empty',
    command: 'plan',
    status: 'succeeded',
    startedAt: '2026-11-21T13:40:00.000Z',
    finishedAt: '2026-11-21T13:40:00.250Z',
    durationMs: 250,
    dryRun: true,
    server: null,
    project: null,
    byKind: {},
    byFile: {},
    errors: [],
    problems: [],
    requests: { byMethod: {}, total: 0, retries: 0, rateLimitWaits: 0 },
    verify: null,
    journal: { rows: 0, pending: 0, applied: 0, failed: 0, reverted: 0 },
    files: [],
    ...overrides,
  };
}
