import { describe, expect, it } from 'vitest';
import {
  classifyData,
  classifyJson,
  classifyMarkdown,
  classifyOther,
  isTaskTable,
  markdownRules,
  type BankFlavor,
} from '../../../src/memory-bank/classify.js';
import { scanMarkdown } from '../../../src/memory-bank/discover-signals.js';

function md(pathInBank: string, text: string, flavor: BankFlavor = 'memory-bank', taskGlob: string | null = null) {
  return classifyMarkdown({ pathInBank, flavor, text, taskGlob });
}

describe('classifyMarkdown: task formats', () => {
  it('reads **Added:** + **Updated:** as a tasks-folder task file', () => {
    const c = md(
      'tasks/TASK004-web-api.md',
      '# [TASK004] - Web API\n\n**Status:** Pending  \n**Added:** 2026-03-12  \n**Updated:** 2026-03-12\n\n## Original Request\nDo it.\n',
    );
    expect(c.kind).toBe('task-document');
    expect(c.extractors).toEqual(['tasks-folder-task']);
    expect(c.reason).toContain('tasks-folder file: **Status:** Pending + **Added:** + **Updated:**');
  });

  it('accepts the `**Status**:` variant and a title without brackets', () => {
    const c = md('tasks/TASK009-x.md', '# TASK009 - Title\n\n**Status**: Completed\n\nBody.\n');
    expect(c.kind).toBe('task-document');
    expect(c.extractors).toEqual(['tasks-folder-task']);
  });

  it('reads tasks/_index.md as an index', () => {
    const c = md('tasks/_index.md', '# Tasks Index\n\n## In Progress\n- [TASK001] A - x\n\n## Completed\n- [TASK002] B - done\n');
    expect(c.kind).toBe('index');
    expect(c.extractors).toEqual(['tasks-folder-index']);
    expect(c.reason).toContain('tasks/_index.md');
  });

  it('reads a `# Tasks Index` heading as an index even under another name', () => {
    const c = md('task-index.md', '# Tasks Index\n\n## Pending\n- (none)\n');
    expect(c.kind).toBe('index');
    expect(c.reason).toContain('"# Tasks Index" at line 1');
  });

  it('reads Roo progress.md: timestamped entries and Roo sections', () => {
    const text =
      "# Progress\n\nThis file tracks the project's progress using a task list format.\nYYYY-MM-DD HH:MM:SS - Log of updates made.\n\n*\n\n## Completed Tasks\n* [2025-08-30 10:57:17] - Refactored state\n\n## Current Tasks\n\n*   \n\n## Next Steps\n\n*\n";
    const c = md('progress.md', text);
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['roo-progress']);
    expect(c.reason).toMatch(/1× `\[YYYY-MM-DD HH:MM:SS\] -` \(first at line 9\)/);
  });

  it('reads Cline progress.md sections (What Works / What’s Left) as a section list', () => {
    const c = md('progress.md', "# Progress\n\n## What Works\n- Login\n\n## What's Left to Build\n- Export\n\n## Known Issues\n- none\n");
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['section-list']);
    expect(c.reason).toContain('"what works", "what\'s left to build"');
  });

  it('reads a kanban progress.md (Backlog / In Progress / Done)', () => {
    const c = md('progress.md', '---\ntype: progress\nstatus: in-progress\n---\n# Progress\n\n## Backlog\n- a\n\n## In Progress\n- b\n\n## Done\n- c\n');
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['section-list']);
  });

  it('reads localised status sections (zh, de)', () => {
    expect(md('progress.md', '# 进度\n\n## 已完成的功能\n- a\n\n## 待修复的问题\n- [ ] b\n').extractors).toEqual(['section-list']);
    expect(md('progress.md', '# Fortschritt\n\n## Was funktioniert\n- a\n\n## Was noch zu erstellen ist\n- b\n').extractors).toEqual([
      'section-list',
    ]);
  });

  it('does not take a heading that merely contains a status word for a status section', () => {
    const c = md(
      'progress/milestones.md',
      '# Milestones\n\n## Sprint 7 Complete — 2026-02-19\n\n| Deliverable | Status |\n|---|---|\n| Docs | ✅ |\n\n## Sprint 8 In Progress\n\n| Deliverable | Status |\n|---|---|\n| VM | 🔄 Next |\n',
    );
    expect(c.kind).toBe('task-table');
    expect(c.extractors).toEqual(['task-table']);
    expect(c.reason).toBe('milestones.md: table with columns Deliverable/Status at line 5 (+1 more, 2 rows in all)');
  });

  it('reads a task table in tasks/: every row is a task', () => {
    const c = md(
      'tasks/active_sprint.md',
      '# Sprint\n\n**Status**: Active | **Start**: 2026-03-08\n\n| ID | Task | Owner | Priority | Status |\n| :--- | :--- | :--- | :--- | :--- |\n| PM-001 | Do a | General | Critical | ✅ Done |\n| PM-002 | Do b | General | High | ⏳ Pending |\n',
    );
    expect(c.kind).toBe('task-table');
    expect(c.extractors).toEqual(['task-table']);
    expect(c.reason).toBe('active_sprint.md: table with columns ID/Task/Owner/Priority/Status at line 5 (2 rows)');
  });

  it('recognises localised task tables (Задача/Статус)', () => {
    const c = md('tasks/plan.md', '# План\n\n| # | Задача | Статус | Файлы |\n|---|---|---|---|\n| 1.1 | Сделать | ⏳ Ожидает | a.ts |\n');
    expect(c.kind).toBe('task-table');
  });

  it('reads headings each followed by a **Status** field in a progress location', () => {
    const c = md(
      'progress/issues-backlog.md',
      '# Issues\n\n### 1. Redis error - RESOLVED\n- **Incident**: x\n- **Status**: RESOLVED\n\n### 2. Memory high\n- **Finding**: y\n- **Status**: Monitoring\n',
    );
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['cursor-tasks']);
    expect(c.reason).toContain('2 headings each followed by a **Status** field (first at line 3)');
  });

  it('reads a checklist in a progress file', () => {
    const c = md('progress.md', '# Progress\n\n## Sprint 3\n- [x] a\n- [ ] b\n  - [ ] c\n');
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['checklist']);
    expect(c.reason).toBe('progress.md: checklist of 3 items (1 done, first at line 4)');
  });

  it('reads tasks.md as a free-form task list', () => {
    const c = md('tasks.md', '# Tasks\n\n## Next: TASK-003 — Skeleton\n**Complexity:** Low\n\n### Checklist\n- [ ] one\n- [ ] two\n');
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['cursor-tasks']);
    expect(c.reason).toContain('tasks.md: free-form task list (2 checkboxes from line 7');
  });

  it('reads Kiro tasks.md in .kiro/specs/<feature>/', () => {
    const c = md('1-ui/tasks.md', '# Implementation Plan\n\n- [x] 1. Set up\n\n- [ ] 1.1 Create dirs\n  - detail\n  - _Requirements: 4.1, 5.1-5.7_\n', 'kiro');
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['kiro-tasks']);
    expect(c.reason).toContain('Kiro spec tasks.md (1-ui): 2 numbered items');
  });

  it('reads Kiro-style numbered items with _Requirements: anywhere', () => {
    const c = md('plan.md', '# Plan\n- [x] 1. A\n- [-] 2. B\n  _Requirements: 1.1_\n');
    expect(c.extractors).toEqual(['kiro-tasks']);
  });

  it('calls Kiro requirements.md and design.md context', () => {
    expect(md('f/requirements.md', '# Requirements\n- [ ] 1. As a user…\n', 'kiro').kind).toBe('context-document');
    expect(md('f/design.md', '# Design\n', 'kiro').reason).toContain('Kiro spec design.md');
  });

  it('decides Kiro requirements.md and design.md by name as the scanned reading does', () => {
    // Each text at an edge of the unscanned path: refs that make a Kiro task list, frontmatter only, blank, a body
    // after frontmatter, a `---` rule first, refs inside code, plain prose; given signals force the scanned reading.
    const texts = [
      '# Requirements\n- [ ] 1. As a user\n- [x] 2. As an admin\n  _Requirements: 1.1_\n',
      '---\nstatus: draft\n---\n',
      ' \n\t\n',
      '---\ntitle: Design\n---\n# Design\n',
      '---\n# Design\n',
      '# Design\n```\n- [ ] 1. x\n- [ ] 2. y\n_Requirements: 1.1_\n```\n',
      '# Design\nProse.\n',
    ];
    for (const name of ['f/requirements.md', 'f/design.md', 'f/tasks.md']) {
      for (const text of texts) {
        const input = { pathInBank: name, flavor: 'kiro' as const, text, taskGlob: null };
        expect(classifyMarkdown(input), `${name} ${JSON.stringify(text)}`).toEqual(classifyMarkdown({ ...input, signals: scanMarkdown(text) }));
      }
    }
  });

  it('reads a Taskmaster task_NNN.md', () => {
    const c = md('tasks/task_001.md', '# Task ID: 1\n**Title:** Setup\n**Status:** done\n**Priority:** high\n', 'taskmaster');
    expect(c.kind).toBe('task-document');
    expect(c.extractors).toEqual(['taskmaster-md']);
  });

  it('reads frontmatter type: milestone / feature as a task document', () => {
    const c = md('implementation-plan.md', '---\nid: plan\ntype: milestone\nstatus: in-progress\nreadiness: 0.45\n---\n# Plan\n');
    expect(c.kind).toBe('task-document');
    expect(c.extractors).toEqual(['frontmatter-task']);
    expect(c.reason).toBe('frontmatter type: milestone, status: in-progress: one task/milestone per file');
  });

  it('reads a task-progress frontmatter status with a priority as a task document', () => {
    const c = md('infrastructure/audit.md', '---\ntitle: "Audit"\nstatus: "completed"\npriority: "P0-CRITICAL"\n---\n# Audit\n');
    expect(c.kind).toBe('task-document');
    expect(c.reason).toContain('status: completed, priority: P0-CRITICAL');
  });

  it('does not read document-lifecycle statuses (active, draft) as tasks', () => {
    const active = md('AGENTS.md', '---\ndocument_type: report\ntitle: x\nstatus: active\n---\n# Agents\n- [ ] check\n');
    expect(active.kind).toBe('context-document');
    expect(active.reason).toContain('frontmatter document_type: report');
    const draft = md('strategies/design.md', '---\nstatus: draft\nowner: "MC"\npriority: "low" # later\n---\n# Design\n');
    expect(draft.kind).toBe('context-document');
    expect(draft.reason).toContain('status: draft (document lifecycle, not task progress)');
  });

  it('reads a `**Task ID**:` header with a status as a task document', () => {
    const c = md('TASK-049-export.md', '# Export\n\n## Overview\n**Task ID**: TASK-049\n**Priority**: P1 (High Priority)\n**Story Points**: 5\n');
    expect(c.kind).toBe('task-document');
    expect(c.reason).toContain('**Task ID**: TASK-049');
  });

  it('does not read a `**Task ID**:` legend line as a task header', () => {
    const c = md('CHECKLIST.md', '# Checklist\n\nEach item includes:\n- **Task ID**: Unique identifier (e.g., ST-001)\n- **Priority**: P0 (blocking)\n');
    expect(c.kind).toBe('context-document');
  });

  it('reads roadmap tasks/*.md with `#### Task N:` items', () => {
    const c = md(
      'tasks/dashboard.md',
      '# Dashboard - Task Breakdown\n\n---\ntitle: Dashboard Tasks\nstatus: draft\n---\n\n#### Task 1: API\n- **Status**: Todo\n- **Estimate**: 3 days\n\n#### Task 2: UI\n- **Status**: Todo\n',
      'roadmap',
    );
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['roadmap']);
  });

  it('reads a roadmap feature spec with a bold **Status:** header as one task document', () => {
    const c = md('tasks/market.md', '# Market - Feature Specification\n\n**Status:** Draft  \n**Priority:** High\n\n## Overview\nText.\n', 'roadmap');
    expect(c.kind).toBe('task-document');
    expect(c.extractors).toEqual(['roadmap']);
  });

  it('reads discover.taskGlobs matches as task sources', () => {
    const text = '# Dispatch\n\n| Task | Description | Status |\n|---|---|---|\n| W2-001 | Do | ✅ |\n';
    expect(md('strategies/dispatch.md', text).kind).toBe('context-document');
    const forced = md('strategies/dispatch.md', text, 'memory-bank', 'strategies/dispatch*.md');
    expect(forced.kind).toBe('task-table');
    expect(forced.reason).toContain('matches discover.taskGlobs "strategies/dispatch*.md"');
  });

  it('reads a document that is mostly an id-keyed task table as a task table', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `| INF-10${i} | Item ${i} | 10 min | P1 | 🔴 NEW |`).join('\n');
    const c = md('INTEGRATION.md', `# Integration\n\nIntro.\n\n| Task ID | Description | Effort | Priority | Status |\n|---|---|---|---|---|\n${rows}\n`);
    expect(c.kind).toBe('task-table');
    expect(c.reason).toMatch(/6 id-keyed rows, \d+% of the document is task table/);
  });
});

describe('classifyMarkdown: context, templates', () => {
  it.each([
    ['projectbrief.md', 'Cline core file projectbrief'],
    ['productContext.md', 'Cline core file productContext'],
    ['systemPatterns.md', 'Cline core file systemPatterns'],
    ['techContext.md', 'Cline core file techContext'],
    ['activeContext.md', 'Cline core file activeContext'],
    ['decisionLog.md', 'decision log'],
    ['style-guide.md', 'cursor style-guide'],
    ['README.md', 'README'],
  ])('calls %s context by name, whatever it holds', (path, reason) => {
    const c = md(path, '# Doc\n\n## Next Steps\n- [ ] something\n\n| ID | Task | Status |\n|---|---|---|\n| 1 | x | done |\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toContain(reason);
    expect(c.extractors).toEqual([]);
  });

  it.each([
    ['creative/creative-ptp.md', 'cursor creative/'],
    ['reflection/reflection-TASK-001.md', 'cursor reflection/'],
    ['archive/archive-TASK-001.md', 'archived document (archive/)'],
    ['_archive/2026/old-plan.md', 'archived document (_archive/)'],
  ])('calls %s context by folder', (path, reason) => {
    const c = md(path, '# Doc\n\n**Status:** DECIDED\n\n| **Task ID** | TASK-001 |\n|---|---|\n| **Complexity** | Level 4 |\n- [ ] a\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toContain(reason);
  });

  it('keeps a prose document with an incidental checklist as context, and says why', () => {
    const c = md('handovers/PHASE-1-BLUEPRINT.md', '# Blueprint\n\nProse.\n\n## Steps\n- [ ] one\n- [x] two\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toBe(
      'context document: 2 checkboxes (first at line 6) incidental — not in a tasks/progress location and no task header',
    );
  });

  it('keeps a strategy document with a small task table as context', () => {
    const c = md('strategies/dispatch.md', '# Dispatch\n\nLots of prose.\nMore prose.\nEven more.\n\n| Task | Description | Status |\n|---|---|---|\n| W2-001 | Do | ✅ |\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toContain('table with columns Task/Description/Status at line 7 incidental');
  });

  it('reads metrics/history files in a progress location as context', () => {
    const c = md('progress/metrics-status.md', '# Metrics\n\n### Compliance Checklist\n- [x] a\n- [x] b\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toContain('metrics/history document ("metrics-status.md")');
    expect(md('progress/history/2026-02.md', '# History\n- [x] a\n').reason).toContain('("history/")');
  });

  it('says when a progress-location file has no task signals', () => {
    const c = md('progress/notes.md', '# Notes\n\nJust prose.\n');
    expect(c.kind).toBe('context-document');
    expect(c.reason).toBe('progress/ file, but no task signals (no task table, status sections, status fields or checkboxes)');
  });

  it('reads templates by name, by frontmatter status and by placeholders', () => {
    expect(md('protocols/HANDOFF-TEMPLATE.md', '# Handoff\n- [ ] a\n').kind).toBe('template');
    expect(md('tasks/example-feature.md', '# Example\n\n#### Task 1: X\n- **Status**: Todo\n', 'roadmap').kind).toBe('template');
    expect(md('milestones/m.md', '# M\n\n---\ntitle: M\nstatus: example\n---\n\n- [ ] a\n', 'roadmap').reason).toBe(
      'template: frontmatter status: example',
    );
    const placeholders = md(
      'milestones.md',
      '# Milestones\n\n### Milestone 1: [Name]\n\n**Target Date**: YYYY-MM-DD\n\n- [ ] Deliverable 1: Description\n- [ ] Deliverable 2: Description\n\n**Owner**: @username\n\n**Status**: Not Started | In Progress | Blocked | Complete\n',
    );
    expect(placeholders.kind).toBe('template');
    expect(placeholders.reason).toMatch(/^template: placeholders \[Name\], YYYY-MM-DD/);
  });

  it('does not take a Roo preamble placeholder for a template', () => {
    const c = md('progress.md', '# Progress\nYYYY-MM-DD HH:MM:SS - Log of updates made.\n\n## Completed Tasks\n- a\n\n## Current Tasks\n- b\n');
    expect(c.extractors).toEqual(['roo-progress']);
  });

  it('ignores frontmatter-like blocks inside code fences', () => {
    const c = md('guide.md', '# Guide\n\n```yaml\n---\ntype: task\nstatus: in-progress\n---\n```\n');
    expect(c.kind).toBe('context-document');
    expect(scanMarkdown('# Guide\n\n```\n---\ntype: task\n---\n```\n').frontmatter).toBeNull();
  });

  it('says when a document indexes other documents', () => {
    const c = md('index.md', '# Memory Bank Index\n- [Brief](projectbrief.md)\n- [Tech](techContext.md)\n- [Tasks](tasks.md)\n');
    expect(c.reason).toBe('context document: index of memory-bank documents (3 links to .md files), not of tasks');
  });

  it('has every rule named and described (rules are data)', () => {
    expect(markdownRules.length).toBeGreaterThan(10);
    for (const rule of markdownRules) {
      expect(rule.name).toMatch(/^[a-z-]+$/);
      expect(rule.describe.length).toBeGreaterThan(10);
    }
  });
});

describe('classifyJson / classifyOther', () => {
  it('reads Taskmaster tasks.json (tag → tasks)', () => {
    const c = classifyJson(
      'tasks/tasks.json',
      JSON.stringify({ master: { tasks: [{ id: '1', title: 'Setup', status: 'done', subtasks: [] }], metadata: {} } }),
    );
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['taskmaster-json']);
    expect(c.reason).toBe('Taskmaster tasks.json: master.tasks with 1 task (id/title/status)');
  });

  it('reads a legacy top-level tasks array', () => {
    expect(classifyJson('tasks.json', '{"tasks":[{"id":1,"title":"a","status":"pending"}]}').extractors).toEqual(['taskmaster-json']);
  });

  it('ignores other JSON, and JSON that does not parse', () => {
    expect(classifyJson('usage/usage.json', '{"accounts":[]}').kind).toBe('ignored');
    expect(classifyJson('memory.json', '{"a":1}\n{"b":2}\n').reason).toContain('does not parse');
  });

  it('reads a task list kept as YAML, JSON or JSON Lines, and says what a data file without one lacks', () => {
    const queue = classifyData('queue.yaml', 'yaml', 'now:\n  - id: Q-1\n    title: Rotate the keys\n    status: pending\nrisks:\n  - title: The CDN lapses\n    status: open\n');
    expect(queue).toMatchObject({ kind: 'task-list', extractors: ['data-list'] });
    expect(queue.reason).toBe('YAML task list: `now` (1 item), items with a title and a status; `risks` (1 item) left out: `risks` names something other than work');
    expect(classifyJson('roadmap.json', '{"milestones":[{"name":"Beta","state":"done"}]}').extractors).toEqual(['data-list']);
    expect(classifyData('issues.jsonl', 'jsonl', '{"id":"a","title":"Back up","status":"open"}\n').extractors).toEqual(['data-list']);
    // A list of things that run, a list without statuses, a file without the word: not tasks.
    expect(classifyData('services.yaml', 'yaml', 'services:\n  - name: api\n    status: active\n').kind).toBe('ignored');
    expect(classifyData('ci.yml', 'yaml', 'steps:\n  - name: Run the tests\n    run: npm test\n').reason).toContain('without a list of items with a title and a status');
    // One with the keys of a task list that does not parse is read as one, so that the parser reports its error.
    expect(classifyData('bad.yaml', 'yaml', '- title: A\n  status: [unclosed\n')).toMatchObject({ kind: 'task-list', reason: expect.stringContaining('does not parse') });
    expect(classifyData('notes.yaml', 'yaml', 'status: [unclosed\n').kind).toBe('ignored');
  });

  it('ignores non-Markdown files with a reason naming the type', () => {
    expect(classifyOther('settings.toml').reason).toMatch(/^not Markdown \(configuration file, \.toml\)/);
    expect(classifyOther('img/diagram.png').reason).toContain('image');
    expect(classifyOther('LICENSE').reason).toContain('file without an extension');
  });
});

describe('isTaskTable', () => {
  const table = (columns: string[]) => ({
    line: 1,
    header: columns,
    columns: columns.map((c) => c.toLowerCase()),
    firstCells: ['1'],
    rows: 1,
    body: [['1']],
  });
  it.each([
    [['ID', 'Task', 'Owner', 'Priority', 'Status'], true],
    [['#', 'Задача', 'Статус'], true],
    [['Task ID', 'Description', 'Outcome'], true],
    [['Deliverable', 'Status'], true],
    // Status column names come from the one vocabulary the parser reads fields with.
    [['Tâche', 'État'], true],
    [['ID', 'タスク', 'ステータス'], true],
    [['任务', '状态'], true],
    [['Component', 'Status', 'Health'], false],
    [['Phase', 'Status', 'Description'], false],
    [['ID', 'Category', 'Priority', 'Summary'], false],
    [['Area', 'Finding'], false],
  ])('%j → %s', (columns, expected) => {
    expect(isTaskTable(table(columns))).toBe(expected);
  });
});

describe('classifyMarkdown: logs of the work by other names than progress', () => {
  const checklist = '# Log\n\n## 2025-06-04\n\n- [x] Retry failed uploads\n- [ ] Throttle the uploader\n';
  const sections = '# Journal\n\n## 2025-06-02\n\n### Work Done\n- Read the CSV header row\n\n### Next Steps\n- Report rows that fail\n';

  it.each(['journal.md', 'work-log.md', 'devLog.md', 'Journal-2025-06.md', 'journal/2025-06-06.md', 'worklogs/week-23.md'])('%s with a checklist is a task list', (path) => {
    const c = md(path, checklist);
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['checklist']);
  });

  it('reads the status sections of a journal as a progress log', () => {
    const c = md('journal.md', sections);
    expect(c.kind).toBe('task-list');
    expect(c.extractors).toEqual(['section-list']);
  });

  it('keeps a session log, a history of sessions, as context', () => {
    expect(md('sessionLog.md', checklist).kind).toBe('context-document');
  });
});
