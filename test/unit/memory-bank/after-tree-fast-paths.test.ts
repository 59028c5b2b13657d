import { describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { assignAnchors, slugify } from '../../../src/memory-bank/keys.js';
import { mergeRecords } from '../../../src/memory-bank/merge.js';
import { normaliseVocabularyText, readNormalisedText } from '../../../src/memory-bank/vocabulary.js';
import { assembleParse, prepareSource, type FileParse } from '../../../src/memory-bank/parse.js';
import { extractFrontmatter } from '../../../src/memory-bank/frontmatter.js';
import { normaliseId, readLeadingBoldField } from '../../../src/memory-bank/extractors/text.js';
import { readBoldFieldLine } from '../../../src/memory-bank/extractors/fields.js';
import type { DraftTask } from '../../../src/memory-bank/extractors/types.js';
import { makeFile, parse } from './fixtures.js';

// The work after the tree (keys, records, merging, ordering) takes shortcuts for the common case (issue #13
// "Speed"); each must give exactly what the plain code it skips gives.

function draft(title: string, context: string[], sourceId: string | null = null, anchor: string | null = null): DraftTask {
  return {
    extractor: 'checklist',
    line: 1,
    seq: 1,
    context,
    sourceId,
    anchor,
    title,
    body: [],
    status: { canonical: 'todo', raw: null, from: 'default' },
    statusLine: 1,
    priority: { value: null, raw: null },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: [],
    owner: null,
    parent: null,
    percentDone: null,
    extra: {},
    progress: [],
    key: null,
  };
}

/** The anchors as the plain rules state them: unique ids first, then context slugs + title slug, `~N` repeats. */
function plainAnchors(drafts: readonly DraftTask[]): string[] {
  const idCounts = new Map<string, number>();
  for (const item of drafts) {
    if (item.sourceId !== null && item.anchor === null) idCounts.set(normaliseId(item.sourceId), (idCounts.get(normaliseId(item.sourceId)) ?? 0) + 1);
  }
  const used = new Map<string, number>();
  const claim = (anchor: string): string => {
    const seen = (used.get(anchor) ?? 0) + 1;
    used.set(anchor, seen);
    return seen === 1 ? anchor : `${anchor}~${seen}`;
  };
  const anchors = drafts.map((item) => {
    if (item.anchor !== null) return claim(item.anchor);
    if (item.sourceId !== null && idCounts.get(normaliseId(item.sourceId)) === 1) return claim(item.sourceId.trim().replace(/^\[|\]$/gu, '').replace(/\s+/gu, '-'));
    return null;
  });
  return drafts.map((item, index) => {
    const known = anchors[index];
    if (known !== null && known !== undefined) return known;
    const parts = [...item.context.map(slugify), slugify(item.sourceId === null ? item.title : `${item.sourceId} ${item.title}`)];
    return claim(parts.filter((part) => part !== '').join('/') || 'item');
  });
}

describe('assignAnchors', () => {
  it('gives the plain anchors when consecutive drafts share, change or empty their context', () => {
    const sprint = ['Sprint 8', 'Backend'];
    const drafts = [
      draft('Fix the login bug', sprint),
      // Same headings in another array: the joined path is reused.
      draft('Write the docs', ['Sprint 8', 'Backend']),
      // Same length, other heading: the path must be rebuilt.
      draft('Write the docs', ['Sprint 8', 'Frontend']),
      draft('Write the docs', ['Sprint 8', 'Frontend']),
      // Headings whose slug is empty, and an empty title.
      draft('Ship it', ['***', '---']),
      draft('', ['***']),
      draft('', []),
      draft('', []),
      draft('Top level', []),
      draft('Deploy', ['Sprint 9'], 'PM-003'),
      draft('Deploy again', ['Sprint 9'], 'PM-004'),
      draft('Deploy copy', ['Sprint 9'], 'PM-004'),
      draft('Explicit', ['Sprint 9'], null, 'master:3'),
      // Back to the first headings after others: rebuilt, not taken from two drafts ago.
      draft('Fix the login bug', sprint),
    ];
    expect(assignAnchors(drafts)).toEqual(plainAnchors(drafts));
    expect(assignAnchors(drafts)).toEqual([
      'sprint-8/backend/fix-the-login-bug',
      'sprint-8/backend/write-the-docs',
      'sprint-8/frontend/write-the-docs',
      'sprint-8/frontend/write-the-docs~2',
      'ship-it',
      'item',
      'item~2',
      'item~3',
      'top-level',
      'PM-003',
      'sprint-9/pm-004-deploy-again',
      'sprint-9/pm-004-deploy-copy',
      'master:3',
      'sprint-8/backend/fix-the-login-bug~2',
    ]);
  });

  it('gives the plain anchors when contexts deepen, shorten and branch, and for bracketed ids', () => {
    const drafts = [
      draft('Plan', ['Release 2']),
      draft('Child', ['Release 2', 'Plan']),
      draft('Grandchild', ['Release 2', 'Plan', 'Child']),
      // Back up two levels, then down a sibling branch, then back into the first one.
      draft('Sibling', ['Release 2']),
      draft('Other child', ['Release 2', 'Sibling']),
      draft('Grandchild', ['Release 2', 'Plan', 'Child']),
      // A heading whose slug is empty between two that have one, and the same texts in new arrays.
      draft('Deep', ['Release 2', '✅ ---', 'Plan']),
      draft('Deep', ['Release 2', '✅ ---', 'Plan']),
      draft('Top', []),
      draft('Again', ['Release 2', 'Plan', 'Child']),
      // An id without a title slug, and one that repeats under other headings.
      draft('', ['Release 2'], '…'),
      draft('Ship', ['Release 3'], 'R-1'),
      draft('Ship', ['Release 4'], 'R-1'),
      // Ids with brackets and spaces, each used once.
      draft('A', [], '[PM-7]'),
      draft('B', [], ' [Step 2] '),
      draft('C', [], '[OPEN'),
      draft('D', [], 'CLOSE]'),
      draft('E', [], '[]'),
      draft('F', [], '['),
      draft('G', [], '[ spaced ]'),
    ];
    expect(assignAnchors(drafts)).toEqual(plainAnchors(drafts));
    expect(assignAnchors(drafts).slice(0, 3)).toEqual(['release-2/plan', 'release-2/plan/child', 'release-2/plan/child/grandchild']);
    expect(assignAnchors(drafts).slice(-7)).toEqual(['PM-7', 'Step-2', 'OPEN', 'CLOSE', 'e', 'f', '-spaced-']);
  });
});

function record(path: string, key: string, sourceId: string | null, extractor: TaskRecord['extractor'], status: TaskRecord['status']): TaskRecord {
  return {
    key,
    source: { path, line: 1, anchor: key.slice(key.indexOf('#') + 1) },
    title: key,
    body: '',
    status,
    priority: { value: null, raw: null },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: [],
    owner: null,
    sourceId,
    parentKey: null,
    order: 0,
    percentDone: null,
    extractor,
    extra: {},
    progress: [],
    alsoSeenAt: [],
  };
}

function fileParse(path: string, bank: string, records: FileParse['records']): FileParse {
  return { path, bank, explain: { file: path, kind: 'task-list', reason: 'test', extractors: [], noRecords: null, merged: [] }, problems: [], records };
}

describe('assembleParse', () => {
  const todo = { canonical: 'todo', raw: null, from: 'default' } as const;

  it('orders by bank, path, line and creation, and numbers each bank from 0, when the files interleave banks', () => {
    const parsed = [
      fileParse('a.md', 'zeta', [
        { record: record('a.md', 'a.md#second', null, 'checklist', { ...todo }), statusLine: 9, line: 9, seq: 2 },
        { record: record('a.md', 'a.md#first', null, 'checklist', { ...todo }), statusLine: 9, line: 9, seq: 1 },
      ]),
      fileParse('b.md', 'alpha', [{ record: record('b.md', 'b.md#only', null, 'checklist', { ...todo }), statusLine: 3, line: 3, seq: 1 }]),
      fileParse('c.md', 'zeta', [{ record: record('c.md', 'c.md#last', null, 'checklist', { ...todo }), statusLine: 1, line: 1, seq: 1 }]),
    ];
    const result = assembleParse(parsed);
    expect(result.records.map((item) => [item.key, item.order])).toEqual([
      ['b.md#only', 0],
      ['a.md#first', 0],
      ['a.md#second', 1],
      ['c.md#last', 2],
    ]);
  });

  it('keeps each remaining record at its own position after a merge folds records away, and names the status line', () => {
    const done = { canonical: 'done', raw: 'Done', from: 'bold-field' } as const;
    const pending = { canonical: 'todo', raw: 'Pending', from: 'table-cell' } as const;
    const parsed = [
      fileParse('tasks/_index.md', 'mb', [
        { record: record('tasks/_index.md', 'tasks/_index.md#TASK001', 'TASK001', 'tasks-folder-index', { ...pending }), statusLine: 7, line: 7, seq: 1 },
        { record: record('tasks/_index.md', 'tasks/_index.md#TASK002', 'TASK002', 'tasks-folder-index', { ...pending }), statusLine: 8, line: 8, seq: 2 },
        { record: record('tasks/_index.md', 'tasks/_index.md#note', null, 'checklist', { ...todo }), statusLine: 2, line: 2, seq: 3 },
      ]),
      fileParse('tasks/TASK001-x.md', 'mb', [
        { record: record('tasks/TASK001-x.md', 'tasks/TASK001-x.md#TASK001', 'TASK001', 'tasks-folder-task', { ...done }), statusLine: 3, line: 1, seq: 1 },
      ]),
    ];
    const result = assembleParse(parsed);
    // `T` sorts before `_`; in the index, line 2 (seq 3) before line 8: positions follow each record, not the
    // records folded away before them.
    expect(result.records.map((item) => [item.key, item.order])).toEqual([
      ['tasks/TASK001-x.md#TASK001', 0],
      ['tasks/_index.md#note', 1],
      ['tasks/_index.md#TASK002', 2],
    ]);
    const conflict = result.problems.find((problem) => problem.code === 'status-conflict');
    expect(conflict?.line).toBe(7);
    expect(conflict?.message).toContain('tasks/_index.md:7');
    expect(conflict?.message).toContain('tasks/TASK001-x.md:3');
  });
});

describe('parseFile', () => {
  it("names each extractor's own keys when one or several extractors make drafts", () => {
    const text = '---\nstatus: in progress\n---\n# Build the importer\n\n- [ ] Read the files\n- [x] Write the report\n';
    const one = parse(makeFile('notes/plan.md', text, ['checklist', 'roadmap']));
    expect(one.explain[0]?.extractors.map((item) => [item.name, item.keys])).toEqual([
      ['checklist', ['notes/plan.md#read-the-files', 'notes/plan.md#write-the-report']],
      ['roadmap', []],
    ]);
    const two = parse(makeFile('notes/plan.md', text, ['frontmatter-task', 'checklist', 'roadmap']));
    const keysByExtractor = two.explain[0]?.extractors.map((item) => [item.name, item.keys]);
    expect(keysByExtractor?.[0]?.[0]).toBe('frontmatter-task');
    expect(keysByExtractor?.[0]?.[1]).toHaveLength(1);
    expect(keysByExtractor?.[1]).toEqual(['checklist', expect.arrayContaining([expect.stringMatching(/read-the-files$/u)])]);
    expect(keysByExtractor?.[2]).toEqual(['roadmap', []]);
    const all = two.records.map((item) => item.key).sort();
    expect([...(keysByExtractor?.[0]?.[1] as string[]), ...(keysByExtractor?.[1]?.[1] as string[])].sort()).toEqual(all);
  });

  it('reads the anchor after the first # of the key, also when the path holds a #', () => {
    const result = parse(makeFile('notes/C#/plan.md', '# Plan\n\n- [ ] Read the files\n', ['checklist']));
    expect(result.records.map((item) => [item.key, item.source.anchor])).toEqual([['notes/C#/plan.md#read-the-files', '/plan.md#read-the-files']]);
  });
});

describe('mergeRecords when nothing is folded', () => {
  it('keeps every record in order and still cuts loose a record parented to itself', () => {
    const todo = { canonical: 'todo', raw: null, from: 'default' } as const;
    const a = record('a.md', 'a.md#a', null, 'checklist', { ...todo });
    const b = { ...record('a.md', 'a.md#b', null, 'checklist', { ...todo }), parentKey: 'a.md#b' };
    const c = { ...record('a.md', 'a.md#c', null, 'checklist', { ...todo }), parentKey: 'a.md#a' };
    const result = mergeRecords([a, b, c], { bankOf: () => 'mb' });
    expect(result.records.map((item) => [item.key, item.parentKey])).toEqual([
      ['a.md#a', null],
      ['a.md#b', null],
      ['a.md#c', 'a.md#a'],
    ]);
    expect(result.merged).toEqual([]);
  });
});

describe('mergeRecords groups ids per bank', () => {
  it('folds and reports each repeated id once, in the order of bank, Taskmaster or not, and id', () => {
    const todo = { canonical: 'todo', raw: null, from: 'default' } as const;
    const banks: Record<string, string> = { 'mb/progress.md': 'mb', 'other/progress.md': 'other' };
    const records = [
      record('mb/.taskmaster/tasks/task_003.md', 'mb/.taskmaster/tasks/task_003.md#3', '3', 'taskmaster-md', { ...todo }),
      record('mb/tasks/_index.md', 'mb/tasks/_index.md#TASK002', 'TASK002', 'tasks-folder-index', { ...todo }),
      record('mb/progress.md', 'mb/progress.md#TASK001', '[task001]', 'checklist', { ...todo }),
      record('other/progress.md', 'other/progress.md#TASK001', 'TASK001', 'checklist', { ...todo }),
      record('mb/.taskmaster/tasks/tasks.json', 'mb/.taskmaster/tasks/tasks.json#3', '3', 'taskmaster-json', { ...todo }),
      // A plain `3` outside Taskmaster names no task across the bank: never grouped.
      record('mb/progress.md', 'mb/progress.md#3', '3', 'checklist', { ...todo }),
      record('mb/tasks/TASK002.md', 'mb/tasks/TASK002.md#TASK002', 'TASK002', 'tasks-folder-task', { ...todo }),
      record('mb/tasks/TASK001.md', 'mb/tasks/TASK001.md#TASK001', 'TASK001', 'tasks-folder-task', { ...todo }),
      record('mb/a.md', 'mb/a.md#PM-1', 'PM-1', 'checklist', { ...todo }),
      record('mb/b.md', 'mb/b.md#PM-1', 'pm-1', 'checklist', { ...todo }),
    ];
    const result = mergeRecords(records, { bankOf: (path) => banks[path] ?? 'mb' });
    expect(result.merged).toEqual([
      { key: 'mb/progress.md#TASK001', into: 'mb/tasks/TASK001.md#TASK001' },
      { key: 'mb/tasks/_index.md#TASK002', into: 'mb/tasks/TASK002.md#TASK002' },
      { key: 'mb/.taskmaster/tasks/task_003.md#3', into: 'mb/.taskmaster/tasks/tasks.json#3' },
    ]);
    expect(result.problems.map((problem) => [problem.code, problem.file])).toEqual([['duplicate-id', 'mb/b.md']]);
    expect(result.records.map((item) => item.key)).toEqual([
      'other/progress.md#TASK001',
      'mb/.taskmaster/tasks/tasks.json#3',
      'mb/progress.md#3',
      'mb/tasks/TASK002.md#TASK002',
      'mb/tasks/TASK001.md#TASK001',
      'mb/a.md#PM-1',
      'mb/b.md#PM-1',
    ]);
  });
});

describe('prepareSource splits each file once', () => {
  // The plain steps: rewrite Roo prefixes line by line, join, read the frontmatter from the text, split again.
  function plainPrepare(text: string, path: string): { source: string; lines: string[]; stamps: [number, string][]; frontmatter: unknown; problems: unknown } {
    const normalised = (text.startsWith('\uFEFF') ? text.slice(1) : text).replace(/\r\n?/g, '\n');
    const stamps: [number, string][] = [];
    const lines = normalised.split('\n').map((line, index) => {
      const match = /^\[(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)\]\s*-\s*(?=#{1,6}(?:\s|$)|---\s*$|\*\*\*\s*$|[-*+]\s+\S|\d{1,3}[.)]\s+\S)/u.exec(line);
      if (match?.[1] === undefined) return line;
      stamps.push([index + 1, match[1]]);
      const rest = line.slice(match[0].length);
      return /^---\s*$/u.test(rest) ? '***' : rest;
    });
    const front = extractFrontmatter(lines.join('\n'), path);
    return { source: front.source, lines: front.source.split('\n'), stamps, frontmatter: front.frontmatter, problems: front.problems };
  }

  const samples: Record<string, string> = {
    plain: '# Plan\n\n- [ ] Read the files\n',
    bom: '\uFEFF# Plan\n- [x] Done it\n',
    'two BOMs': '\uFEFF\uFEFF---\nstatus: done\n---\n# Plan\n',
    'two BOMs, no frontmatter': '\uFEFF\uFEFF# Plan\n- [ ] Item\n',
    crlf: '---\r\nstatus: in progress\r\ntags: [a, b]\r\n---\r\n# Plan\r\n- [ ] Item\r\n',
    'after the heading': '# Plan\n\n---\nstatus: todo\n---\n\n- [ ] Item\n',
    'invalid YAML': '---\nstatus: [unclosed\n---\n# Plan\n',
    'a rule, not frontmatter': '---\nJust prose here.\n---\n',
    'a list, not a map': '---\n- a\n- b\n---\n',
    'Roo timestamps': '[2025-03-01 10:00] - ## Task one\n[2025-03-01 10:05:30] - ---\n[2025-03-02T09:00] - - [ ] item\n[link](x) - ## not a stamp\n[ ] bracket\n',
    'Roo stamp before frontmatter-like rule': '[2025-03-01 10:00] - ---\nstatus: done\n---\n',
  };
  for (const [name, text] of Object.entries(samples)) {
    it(`gives the plain source, lines, stamps and frontmatter: ${name}`, () => {
      const prepared = prepareSource(text, 'notes/plan.md');
      const plain = plainPrepare(text, 'notes/plan.md');
      expect(prepared.source).toBe(plain.source);
      expect(prepared.lines).toEqual(plain.lines);
      expect([...prepared.lineTimestamps]).toEqual(plain.stamps);
      expect(prepared.frontmatter).toEqual(plain.frontmatter);
      expect(prepared.problems).toEqual(plain.problems);
    });
  }
});

describe('readNormalisedText', () => {
  it('answers as normaliseVocabularyText, from the cache or not', () => {
    const samples = ['Fix the Login bug', '✅ **COMPLÈTE**', "What's Left", 'Ｆｕｌｌ　ｗｉｄｔｈ', 'Réparer l’index', '修复登录', '  spaced   out  ', ''];
    for (const sample of samples) expect(readNormalisedText(sample)).toBe(normaliseVocabularyText(sample));
    // Now cached by the calls above: still the same answers.
    for (const sample of samples) expect(readNormalisedText(sample)).toBe(normaliseVocabularyText(sample));
    expect(slugify('✅ **COMPLÈTE** the Report')).toBe('complete-the-report');
  });
});

describe('append-only task tables', () => {
  it('folds every earlier row of an id into its last row, in order, with ids interleaved', () => {
    const text = [
      '# Log',
      '',
      '| ID | Task | Status | Updated |',
      '|----|------|--------|---------|',
      '| T1 | Build the reader | Pending | 2025-03-01 |',
      '| T2 | Ship the writer | Pending | 2025-03-01 |',
      '| T1 | Build the reader | In Progress | 2025-03-02 |',
      '| T2 | Ship the writer | Done | 2025-03-03 |',
      '| T1 | Build the reader | Done | 2025-03-04 |',
      '',
    ].join('\n');
    const result = parse(makeFile('memory-bank/progress.md', text, ['task-table']));
    expect(result.records.map((item) => [item.sourceId, item.status.canonical, item.source.line, item.progress.map((entry) => entry.line)])).toEqual([
      ['T2', 'done', 8, [6]],
      ['T1', 'done', 9, [5, 7]],
    ]);
    expect(result.problems.filter((problem) => problem.code === 'append-only-rows').map((problem) => problem.line)).toEqual([8, 9]);
  });
});

describe('readBoldFieldLine', () => {
  // The plain reading: strip the indent and bullet, then demand `**` or `__`.
  function plainRead(text: string, line: number): ReturnType<typeof readBoldFieldLine> {
    const stripped = text.replace(/^\s*(?:[-*+]\s+)?/u, '').replace(/\\$/u, '').trimEnd();
    if (!/^(?:\*\*|__)/u.test(stripped)) return null;
    const fields = [];
    for (const segment of stripped.split(/\s+\|\s+(?=(?:\*\*|__))/u)) {
      const field = readLeadingBoldField(segment);
      if (field === null) return fields.length === 0 ? null : fields;
      fields.push({ name: field.name, value: field.value.replace(/\s{2,}$/u, '').trim(), line });
    }
    return fields;
  }

  it('answers as the plain reading for prose, bullets, bold fields and near misses', () => {
    const samples = [
      '**Status:** In Progress',
      '  - **Owner**: Ana  ',
      '* **Priority** : High | **Due**: 2026-03-01',
      '__Status:__ done\\',
      '+\t**Status:** x',
      '-**Status:** x',
      '*Status:* x',
      '** Status:** x',
      'Plain prose with **bold** later',
      '- plain bullet',
      '\u00a0**Status:** x',
      '**',
      '',
      '   ',
      '1. **Status:** x',
    ];
    for (const sample of samples) expect(readBoldFieldLine(sample, 3)).toEqual(plainRead(sample, 3));
    expect(readBoldFieldLine('  - **Owner**: Ana  ', 3)).toEqual([{ name: 'Owner', value: 'Ana', line: 3 }]);
  });
});
