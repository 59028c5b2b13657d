import { describe, expect, it } from 'vitest';
import { taskRecordSchema } from '../../../src/core/task-record.js';
import { lines, makeFile, parse } from './fixtures.js';

describe('frontmatter-task', () => {
  it('reads status/priority/owner/dates/tags and keeps other keys in extra', () => {
    const text = lines(
      '---',
      'title: "Wave 4 Phase 2: Code Completion Pipeline"',
      'status: draft',
      'created: 2026-02-23',
      'updated: 2026-02-24',
      'owner: "MC-Overseer"',
      'priority: "low" # deprioritised',
      'tags: [wave-4, code-completion]',
      'agents: [cline, gemini]',
      'ma_at_ideals: [truth, balance]',
      'version: 1.10',
      'phase: "Wave 4"',
      '---',
      '',
      '# Wave 4 Phase 2: Code Completion Pipeline',
      '',
      '**Coordination Key**: `WAVE-4-P2`  ',
      '**Status**: 🟡 LOW PRIORITY (Designed but deferred for implementation)',
      '',
      '## Executive Summary',
      'Text.',
      '',
      '- [ ] Design the pipeline',
    );
    const result = parse(makeFile('memory_bank/strategies/WAVE-4.md', text, ['frontmatter-task', 'checklist'], { kind: 'task-document', bank: 'memory_bank' }));
    const [doc, item] = result.records;
    expect(doc).toMatchObject({
      key: 'memory_bank/strategies/WAVE-4.md#wave-4-phase-2-code-completion-pipeline',
      title: 'Wave 4 Phase 2: Code Completion Pipeline',
      status: { canonical: 'planned', raw: 'draft', from: 'frontmatter' },
      priority: { value: 1, raw: 'low' },
      owner: 'MC-Overseer',
      dates: { created: '2026-02-23', updated: '2026-02-24' },
      labels: ['wave-4', 'code-completion'],
      extra: {
        agents: '["cline","gemini"]',
        ma_at_ideals: '["truth","balance"]',
        version: '1.10',
        phase: 'Wave 4',
        'Coordination Key': 'WAVE-4-P2',
      },
    });
    expect(doc?.body).toContain('## Executive Summary');
    expect(doc?.body).not.toContain('Design the pipeline');
    expect(item).toMatchObject({ title: 'Design the pipeline', parentKey: doc?.key });
    expect(result.problems).toEqual([expect.objectContaining({ code: 'status-conflict', line: 18 })]);
    for (const record of result.records) expect(taskRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reads clinewiz readiness and links parents by frontmatter id', () => {
    const parent = lines('---', 'id: webview', 'type: subsystem', 'status: in-progress', 'readiness: 0.75', 'tags: [ui]', '---', '# Webview');
    const child = lines('---', 'id: graph-view', 'type: feature', 'status: planned', 'readiness: 0', 'parent: webview', 'tags: [graph]', '---', '# Graph View');
    const result = parse(
      makeFile('memory-bank/subsystems/graph-view.md', child, ['frontmatter-task'], { kind: 'task-document' }),
      makeFile('memory-bank/subsystems/webview.md', parent, ['frontmatter-task'], { kind: 'task-document' }),
    );
    const graph = result.records.find((record) => record.title === 'Graph View');
    const webview = result.records.find((record) => record.title === 'Webview');
    expect(webview).toMatchObject({ percentDone: 0.75, status: { canonical: 'in_progress' }, extra: { type: 'subsystem', id: 'webview' } });
    expect(graph).toMatchObject({ percentDone: 0, parentKey: webview?.key, extra: { parent: 'webview' } });
  });

  it('parses the body even when the YAML is broken', () => {
    const text = lines('---', 'status: [open', '---', '# Broken doc', '**Status**: Pending', '', '- [ ] still found');
    const result = parse(makeFile('memory_bank/broken.md', text, ['frontmatter-task', 'checklist'], { kind: 'task-document' }));
    expect(result.records.map((record) => [record.title, record.status.canonical])).toEqual([
      ['Broken doc', 'todo'],
      ['still found', 'todo'],
    ]);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'yaml-invalid', severity: 'error', line: 2, received: 'status: [open' })]);
  });
});
