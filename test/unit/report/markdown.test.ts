import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/report/index.js';
import { createEmptyReport, createSampleReport } from './sample-report.js';

describe('renderMarkdown', () => {
  it('renders headings and tables for every part of the report', () => {
    const md = renderMarkdown(createSampleReport());
    expect(md).toContain('## membank migrate — run `2026-11-21T13-40-00Z-k3x9q2` — ❌ failed');
    expect(md).toContain('| Started | 2026-11-21 13:40:00Z |');
    expect(md).toContain('| Duration | 12.3 s |');
    expect(md).toContain('| Server | http://localhost/vikunja (Vikunja v0.24.1, API v1) |');
    expect(md).toContain('| Project | membank demo (id 12) |');
    expect(md).toContain(
      [
        '### Operations',
        '',
        '| Kind | Planned | Applied | Failed | Skipped | Reverted |',
        '| --- | --: | --: | --: | --: | --: |',
        '| `project` | 1 | 1 | 0 | 0 | 0 |',
        '| `create` | 24 | 23 | 1 | 0 | 0 |',
        '| `labels` | 24 | 24 | 0 | 0 | 0 |',
        '| `skip` | 2 | 0 | 0 | 2 | 0 |',
        '| **Total** | **51** | **48** | **1** | **2** | **0** |',
      ].join('\n'),
    );
    expect(md).toContain('### Changes by file');
    expect(md).toContain('| `memory-bank/tasks/TASK001-import-pipeline.md` | 14 | create 5, labels 5, relation 4 |');
    expect(md).toContain('### Errors (1)');
    expect(md).toContain(
      '| `memory-bank/sprint.md#DEMO-004` | POST /api/v1/projects/12/tasks → 400: invalid due date | `create:memory-bank/sprint.md#DEMO-004` |',
    );
    expect(md).toContain('### Input problems (1 error, 2 warnings)');
    expect(md).toContain(
      '| error | `yaml-invalid` | `memory-bank/features/broken-frontmatter.md:3` | frontmatter is not valid YAML | `tags: [demo, unclosed` | close the flow list: tags: [demo, unclosed] |',
    );
    expect(md).toContain('| GET | 120 |\n| PUT | 24 |\n| POST | 30 |\n| **Total** | **174** |');
    expect(md).toContain('3 retries, 1 rate-limit wait.');
    expect(md).toContain('**FAILED** — 23 tasks checked, 1 drift item.');
    expect(md).toContain('| `memory-bank/tasks.md#task-7` | 41 | `due_date` | `"2026-12-01"` | `null` |');
    expect(md).toContain('| 97 | 49 | 48 | 0 | 1 | 0 |');
    expect(md).toContain(
      'Report files: `snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.json`, `snapshots/reports/2026-11-21T13-40-00Z-k3x9q2/report.md`',
    );
    expect(md.endsWith('report.md`\n')).toBe(true);
  });

  it('escapes pipes, HTML and backticks from user text', () => {
    const md = renderMarkdown(
      createSampleReport({
        errors: [{ opId: 'op`1', where: 'tasks/a|b.md#X', message: 'bad <script>alert(1)</script> | value\nsecond line' }],
      }),
    );
    expect(md).toContain('| `tasks/a\\|b.md#X` | bad &lt;script&gt;alert(1)&lt;/script&gt; \\| value second line | `` op`1 `` |');
    expect(md).not.toContain('<script>');
  });

  it('says "none" for an empty dry run and marks it as one', () => {
    const md = renderMarkdown(createEmptyReport());
    expect(md).toContain('## membank plan — run `run-empty` — ✅ succeeded');
    expect(md).toContain('| Mode | **dry run** — nothing was written |');
    expect(md).toContain('| Server | not contacted |');
    expect(md).toContain('### Operations\n\nNo operations.');
    expect(md).toContain('### Errors (0)\n\nNone.');
    expect(md).toContain('### Input problems (0 errors, 0 warnings)\n\nNone.');
    expect(md).toContain('### Verify\n\nNot run.');
    expect(md).not.toContain('Report files');
  });

  it('cuts long tables after the limit', () => {
    const byFile = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}.md`, { create: i + 1 }]));
    const md = renderMarkdown(createSampleReport({ byFile, dryRun: true }), { limit: 3 });
    expect(md).toContain('### Planned changes by file');
    expect(md).toContain('| `f7.md` | 8 | create 8 |');
    expect(md).not.toContain('`f4.md`');
    expect(md).toContain('… and 5 more files.');
  });
});
