/**
 * planEdits: the token each convention edits, and the refusals that name the file, the line and the reason when
 * the source has no place for a value (reported by sync, never guessed).
 */
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../../src/core/config.js';
import type { BankChange, EditOutcome, ReadBackFile } from '../../../../src/core/source-edit.js';
import type { ExtractorNameValue } from '../../../../src/core/source-file.js';
import type { TaskRecord, TaskStatusValue } from '../../../../src/core/task-record.js';
import { createSourceEditor } from '../../../../src/memory-bank/writeback/index.js';
import { lines, makeFile, parse } from '../fixtures.js';

const editor = createSourceEditor();
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function readRecords(path: string, text: string, extractors: ExtractorNameValue[], kind?: Parameters<typeof makeFile>[3]): TaskRecord[] {
  return parse(makeFile(path, text, extractors, kind)).records;
}

function find(records: readonly TaskRecord[], title: string): TaskRecord {
  const record = records.find((candidate) => candidate.title === title || candidate.title.endsWith(` · ${title}`));
  if (record === undefined) throw new Error(`no record ${title}: ${records.map((candidate) => candidate.title).join(', ')}`);
  return record;
}

function planOne(path: string, text: string, record: TaskRecord, change: BankChange): EditOutcome {
  const [outcome] = editor.planEdits(path, encode(text), [{ record, change }]);
  if (outcome === undefined) throw new Error('no outcome');
  return outcome;
}

function write(path: string, text: string, record: TaskRecord, change: BankChange): string {
  const outcome = planOne(path, text, record, change);
  if (!outcome.ok) throw new Error(outcome.reason);
  return decode(editor.applyEdits(encode(text), outcome.edits));
}

type StatusCase = readonly [title: string, status: Exclude<TaskStatusValue, 'unknown'>, line: string];

/** Each case's status written back leaves its line, and the item read again keeps its key and reads that status. */
function expectStatusWrites(path: string, text: string, extractors: ExtractorNameValue[], cases: readonly StatusCase[]): void {
  const records = readRecords(path, text, extractors);
  for (const [title, status, line] of cases) {
    const record = find(records, title);
    const written = write(path, text, record, { field: 'status', status });
    expect(written.split('\n')).toContain(line);
    expect(find(readRecords(path, written, extractors), title)).toMatchObject({ key: record.key, status: { canonical: status } });
  }
}

/** A task document's fields: the record titled `title`, and a function reading it again from the text written. */
function readTaskDocument(path: string, text: string, title: string): { record: TaskRecord; reread: (written: string) => TaskRecord } {
  const read = (source: string): TaskRecord => find(readRecords(path, source, ['tasks-folder-task'], { kind: 'task-document' }), title);
  return { record: read(text), reread: read };
}

/** Each change written into a task document leaves its line, and the document read again keeps its key and reads the value. */
function expectTaskDocumentWrites(path: string, text: string, title: string, cases: readonly (readonly [change: BankChange, line: string, read: object])[]): void {
  const { record, reread } = readTaskDocument(path, text, title);
  for (const [change, line, read] of cases) {
    const written = write(path, text, record, change);
    expect(written.split('\n')).toContain(line);
    expect(reread(written)).toMatchObject({ key: record.key, ...read });
  }
}

describe('planEdits: Obsidian Tasks signifiers', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines('# Tasks', '', '- [-] Drop IE support ❌ 2025-02-20', '- [ ] Write the docs 📅 2025-04-10');
  const records = readRecords(path, text, ['checklist']);

  it('refuses to reopen a task cancelled by its ❌ date, naming file, line and the date', () => {
    const outcome = planOne(path, text, find(records, 'Drop IE support'), { field: 'status', status: 'todo' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:3: "Drop IE support" is cancelled by its Obsidian Tasks date "❌ 2025-02-20"/u) });
  });

  it('ticks an item whose title ends with signifiers, leaving them in place', () => {
    expect(write(path, text, find(records, 'Write the docs'), { field: 'status', status: 'done' })).toContain('- [x] Write the docs 📅 2025-04-10');
  });
});

describe('planEdits: subtasks listed in a task document\'s frontmatter', () => {
  const path = 'memory-bank/tasks/TASK-014-exporter.md';
  const text = lines(
    '---',
    'id: TASK-014',
    'title: Build the exporter',
    'status: in-progress',
    'priority: high',
    'subtasks:',
    '  - id: 14.1',
    '    title: Write the CSV writer',
    '    status: done',
    '  - id: 14.2',
    '    title: Write the JSON writer',
    '    status: todo',
    '    priority: medium',
    '---',
    '',
    'The exporter writes every board to CSV and JSON.',
  );

  it("writes a subtask's status and priority into its own entry, never the document's keys", () => {
    expectStatusWrites(path, text, ['frontmatter-task'], [
      ['Write the CSV writer', 'todo', '    status: todo'],
      ['Write the JSON writer', 'done', '    status: done'],
    ]);
    const records = readRecords(path, text, ['frontmatter-task']);
    const written = write(path, text, find(records, 'Write the JSON writer'), { field: 'priority', priority: 4 });
    expect(written.split('\n').slice(3, 13)).toEqual(['status: in-progress', 'priority: high', 'subtasks:', '  - id: 14.1', '    title: Write the CSV writer', '    status: done', '  - id: 14.2', '    title: Write the JSON writer', '    status: todo', '    priority: critical']);
  });
});

describe('planEdits: done-flag and percent columns', () => {
  const path = 'memory-bank/backlog.md';
  const percent = lines('# Backlog', '', '| Task | Progress |', '|------|----------|', '| Map the fields | 40% |', '| Read the export | 0% |');
  const flags = lines('# Backlog', '', '| Task | Done |', '|------|------|', '| Map the fields | ✗ |', '| Read the export | ✓ |');

  it('writes 100% or 0% into a percent column (a word there would read back as nothing)', () => {
    const records = readRecords(path, percent, ['task-table']);
    expect(write(path, percent, find(records, 'Map the fields'), { field: 'status', status: 'done' })).toContain('| Map the fields | 100% |');
    expect(write(path, percent, find(records, 'Map the fields'), { field: 'status', status: 'todo' })).toContain('| Map the fields | 0% |');
    const outcome = planOne(path, percent, find(records, 'Read the export'), { field: 'status', status: 'in_progress' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/backlog\.md:6: the status of "Read the export" is its share done \("0%" in a percent column\)/u) });
  });

  it('writes the yes mark the column already uses into a done-flag column', () => {
    const records = readRecords(path, flags, ['task-table']);
    expect(write(path, flags, find(records, 'Map the fields'), { field: 'status', status: 'done' })).toContain('| Map the fields | ✓ |');
  });
});

describe('planEdits: checkboxes', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines('# Tasks', '', '* [ ] one', '1. [x] two', '- [] three', '> - [ ] quoted');
  const records = readRecords(path, text, ['checklist']);

  it('finds the mark after any list marker, and writes [x]/[ ] (an empty [] counts as not done)', () => {
    expect(write(path, text, find(records, 'one'), { field: 'status', status: 'done' })).toContain('* [x] one');
    expect(write(path, text, find(records, 'two'), { field: 'status', status: 'todo' })).toContain('1. [ ] two');
    expect(write(path, text, find(records, 'three'), { field: 'status', status: 'done' })).toContain('- [x] three');
  });

  it('writes nothing when the box already says it', () => {
    expect(planOne(path, text, find(records, 'two'), { field: 'status', status: 'done' })).toEqual({ ok: true, edits: [] });
  });

  it('writes the mark inside a box typed full-width, keeping its brackets (`- ［ ］ 编写文档`, `- [Ｘ] 添加日志`)', () => {
    const wide = lines('# 任务', '', '- ［ ］ 编写文档', '- [Ｘ] 添加日志', '- ［　］ 设计数据库');
    expectStatusWrites(path, wide, ['checklist'], [
      ['编写文档', 'done', '- ［x］ 编写文档'],
      ['添加日志', 'todo', '- [ ] 添加日志'],
      ['设计数据库', 'done', '- ［x］ 设计数据库'],
    ]);
  });

  it('refuses a status no checkbox mark means in this file, naming file, line and item', () => {
    const outcome = planOne(path, text, find(records, 'one'), { field: 'status', status: 'planned' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:3: a checkbox has no mark for planned .*"one"/u) });
  });

  it('uses a mark the file already uses for a status (here [-] for in progress)', () => {
    const kanban = lines('# Tasks', '', '- [-] Write the docs', '- [ ] Fix the login bug');
    const found = readRecords(path, kanban, ['checklist']);
    expect(write(path, kanban, find(found, 'Fix the login bug'), { field: 'status', status: 'in_progress' })).toContain('- [-] Fix the login bug');
  });

  it('reads and rewrites a tick typed by hand: [√], and [ x ] with spaces around the mark', () => {
    const typed = lines('# Tasks', '', '- [√] Configure CI', '- [ x ] Read the schema', '- [ ] Write the migration');
    const found = readRecords(path, typed, ['checklist']);
    expect(found.map((record) => record.status.canonical)).toEqual(['done', 'done', 'todo']);
    expect(planOne(path, typed, find(found, 'Read the schema'), { field: 'status', status: 'done' })).toEqual({ ok: true, edits: [] });
    expect(write(path, typed, find(found, 'Read the schema'), { field: 'status', status: 'todo' })).toContain('- [ ] Read the schema');
    expect(write(path, typed, find(found, 'Configure CI'), { field: 'status', status: 'todo' })).toContain('- [ ] Configure CI');
  });

  it('ticks, unticks and marks a checkbox written at the margin, without a bullet, with the marks of its file', () => {
    const margin = lines('# Progress', '', '[x] Send the invites', '[ ] Book the venue', '[-] Order the catering');
    expectStatusWrites('memory-bank/progress.md', margin, ['checklist'], [
      ['Book the venue', 'done', '[x] Book the venue'],
      ['Send the invites', 'todo', '[ ] Send the invites'],
      ['Book the venue', 'in_progress', '[-] Book the venue'],
    ]);
  });

  it('ticks a box or a mark after a bullet Markdown does not know, or after a no-break space (text pasted from elsewhere)', () => {
    const pasted = lines('# Tasks', '', '• [ ] Book the venue', '-\u00a0[ ] Send the invites', '▪ ⏳ Order the catering', '▪ ✅ Print the badges');
    expectStatusWrites(path, pasted, ['checklist'], [
      ['Book the venue', 'done', '• [x] Book the venue'],
      ['Send the invites', 'done', '-\u00a0[x] Send the invites'],
      ['Order the catering', 'done', '▪ ✅ Order the catering'],
    ]);
  });

  it('ticks a box and writes the status word after a middle dot opening a Japanese line, with or without a space after it', () => {
    const dotted = lines('# 進捗', '', '## 課題', '', '・【対応中】画像アップロードが遅い', '・[ ] 監視アラートの設定', '･ [x] ログの保存期間を決める');
    expectStatusWrites('memory-bank/progress.md', dotted, ['checklist'], [
      ['画像アップロードが遅い', 'done', '・【完了】画像アップロードが遅い'],
      ['監視アラートの設定', 'done', '・[x] 監視アラートの設定'],
      ['ログの保存期間を決める', 'todo', '･ [ ] ログの保存期間を決める'],
    ]);
  });

  it('ticks a box and writes a mark after a number CJK text enumerates with (`① [ ]`, `３．⏳`), the number kept', () => {
    const numbered = lines('# 進捗', '', '## チェックリスト', '', '① [ ] 設計レビュー', '②[x] 負荷テスト', '３．⏳ 監視ダッシュボード', '（４）[ ] 権限設定');
    expectStatusWrites('memory-bank/progress.md', numbered, ['checklist'], [
      ['設計レビュー', 'done', '① [x] 設計レビュー'],
      ['負荷テスト', 'todo', '②[ ] 負荷テスト'],
      ['監視ダッシュボード', 'done', '３．✅ 監視ダッシュボード'],
      ['権限設定', 'done', '（４）[x] 権限設定'],
    ]);
  });

  it('changes a status mark closing a box\'s item with the box: restated, or saying what the open box cannot', () => {
    const marked = lines('# Progress', '', '- [x] Set up the CI pipeline ✅', '- [ ] Query parser for the search box 🚧', '- [ ] Email digests ⬜');
    expectStatusWrites('memory-bank/progress.md', marked, ['checklist'], [
      ['Set up the CI pipeline', 'todo', '- [ ] Set up the CI pipeline ⏳'],
      ['Query parser for the search box', 'done', '- [x] Query parser for the search box'],
      ['Query parser for the search box', 'todo', '- [ ] Query parser for the search box'],
      ['Email digests', 'done', '- [x] Email digests ✅'],
    ]);
    // A share done after the mark stays, the mark replaced (dropped, the share alone would read as title).
    const shared = lines('# Progress', '', '- [ ] Alerts for failed payments 🔄 40%', '- [x] Receipt emails ✅ 100%');
    expectStatusWrites('memory-bank/progress.md', shared, ['checklist'], [
      ['Alerts for failed payments', 'done', '- [x] Alerts for failed payments ✅ 40%'],
      ['Receipt emails', 'todo', '- [ ] Receipt emails ⏳ 100%'],
    ]);
  });

  it('writes the status after a bold term, mark and words (`- **Search API**: 🔄 In Progress`), a mark and its word', () => {
    const termed = lines('# Progress', '', '## Current status', '', '- **Authentication**: ✅ Complete', '- **Search API**: 🔄 In Progress', '- **Exports**: ⏳ Not started');
    expectStatusWrites('memory-bank/progress.md', termed, ['checklist'], [
      ['Search API', 'done', '- **Search API**: ✅ Done'],
      ['Authentication', 'in_progress', '- **Authentication**: 🔄 In Progress'],
      ['Exports', 'blocked', '- **Exports**: ❌ Blocked'],
    ]);
  });

  it('writes the status a line of a status list without bullets closes with, after its dash or colon', () => {
    const listed = lines('# Progress', '', '## Feature status', '', 'Login page — done', 'Search API — in progress', 'Offline mode: done', 'Dark theme (todo)');
    expectStatusWrites('memory-bank/progress.md', listed, ['checklist'], [
      ['Search API', 'done', 'Search API — done'],
      ['Login page', 'blocked', 'Login page — blocked'],
      ['Offline mode', 'in_progress', 'Offline mode: in progress'],
      ['Dark theme', 'done', 'Dark theme (done)'],
    ]);
  });

  it('writes the mark a line of a checklist without bullets closes with (`1.2 Write the sync API 🔄 60%`), the share kept', () => {
    const marked = lines('# Progress', '', '## Phase 1', '', '1.1 Set up the database ✅', '1.2 Write the sync API 🔄 60%', '1.3 Add the tests ⏳');
    expectStatusWrites('memory-bank/progress.md', marked, ['checklist'], [
      ['1.2 Write the sync API', 'done', '1.2 Write the sync API ✅ 60%'],
      ['1.1 Set up the database', 'blocked', '1.1 Set up the database ❌'],
      ['1.3 Add the tests', 'in_progress', '1.3 Add the tests 🔄'],
    ]);
  });

  it('writes a status after a full-width colon with no space (`- 搜索：进行中`), and sets a box beside one with it', () => {
    const colons = lines('# 进度', '', '## 功能状态', '', '- 登录页面：已完成', '- 搜索：进行中', '', '## 待办', '', '- [ ] 导出报表：阻塞', '- [x] 权限设置：已完成');
    expectStatusWrites('memory-bank/progress.md', colons, ['checklist'], [
      ['搜索', 'done', '- 搜索：已完成'],
      ['导出报表', 'done', '- [x] 导出报表'],
      ['权限设置', 'todo', '- [ ] 权限设置：未开始'],
    ]);
  });

  it('writes a status mark in brackets closing an item (`- Search API [🔄]`) as a mark in its brackets', () => {
    const bracketed = lines('# Progress', '', '## Work items', '', '- Login page [✅]', '- Search API [🔄]', '- Exports [⏳]', '- Offline mode [DONE]');
    expectStatusWrites('memory-bank/progress.md', bracketed, ['checklist'], [
      ['Search API', 'done', '- Search API [✅]'],
      ['Login page', 'in_progress', '- Login page [🔄]'],
      ['Exports', 'blocked', '- Exports [❌]'],
      ['Offline mode', 'todo', '- Offline mode [PENDING]'],
    ]);
  });

  it('refuses to untick an item whose title closes with what the open box would read as its status, mark or word', () => {
    const text = lines('# Progress', '', '- [x] Rotate the logs 🔄', '- [x] Tag the release (in progress)');
    const records = readRecords('memory-bank/progress.md', text, ['checklist']);
    for (const [title, word] of [['Rotate the logs 🔄', '🔄'], ['Tag the release (in progress)', 'in progress']] as const) {
      const outcome = planOne('memory-bank/progress.md', text, find(records, title), { field: 'status', status: 'todo' });
      expect(outcome).toEqual({ ok: false, reason: expect.stringContaining(`closes with ${JSON.stringify(word)}, which would read as its status with the box set to todo`) });
    }
  });

  it('writes the new status word in the code span that leads an item (`` `WIP` ``), keeping the code span', () => {
    const coded = lines('# Progress', '', '- `WIP` Tune the thumbnail cache', '- `DONE` Fix the footer links', '- `BLOCKED` Renew the certificate', '- [ ] Write the guide');
    expectStatusWrites('memory-bank/progress.md', coded, ['checklist'], [
      ['Tune the thumbnail cache', 'done', '- `DONE` Tune the thumbnail cache'],
      ['Renew the certificate', 'in_progress', '- `IN PROGRESS` Renew the certificate'],
    ]);
  });

  it('writes over a status corrected by striking the old one out (`~~Pending~~ Done`), and borrows no struck word', () => {
    const corrected = lines('# Progress', '', '| ID | Task | Status |', '|----|------|--------|', '| B-1 | Export the album | ~~Pending~~ Done |', '| B-2 | Caption the photos | ~~In progress~~ ✅ Complete |', '| B-4 | Print the album | Pending |');
    expectStatusWrites('memory-bank/progress.md', corrected, ['task-table'], [
      ['Export the album', 'todo', '| B-1 | Export the album | Pending |'],
      ['Print the album', 'in_progress', '| B-4 | Print the album | In Progress |'],
    ]);
  });

  it('keeps a note in parentheses after a status (`Blocked (waiting on IT)` closed is `Done (waiting on IT)`), and borrows no noted value', () => {
    const blocked = lines('# TASK-201 Rotate the keys', '', '**Status:** Blocked (waiting on IT)', '**Priority:** High', '', 'Rotate every key.');
    expectStatusWrites('memory-bank/tasks/TASK-201-rotate-the-keys.md', blocked, ['tasks-folder-task'], [['Rotate the keys', 'done', '**Status:** Done (waiting on IT)']]);
    // `Complete (pending review)` is done with a note; the whole value reads in progress, but it is no word for it.
    const review = lines('# TASK-202 Export', '', '**Status:** Complete (pending review)', '', 'Export it.');
    expectStatusWrites('memory-bank/tasks/TASK-202-export.md', review, ['tasks-folder-task'], [
      ['Export', 'in_progress', '**Status:** In Progress (pending review)'],
      ['Export', 'todo', '**Status:** Pending (pending review)'],
    ]);
    // A date in parentheses belongs to the status, and goes with it.
    const dated = lines('| ID | Task | Status |', '|----|------|--------|', '| B-1 | Export the album | Done (2025-03-01) |');
    expectStatusWrites('memory-bank/progress.md', dated, ['task-table'], [['Export the album', 'todo', '| B-1 | Export the album | Pending |']]);
  });

  it("writes a task document's status, priority and due date in its fields written across one table row", () => {
    const across = lines('# TASK006: Import from Google Photos', '', '| Status | Priority | Owner | Due |', '|--------|----------|-------|-----|', '| In Progress | Medium | Ravi | 2025-05-01 |', '', 'Imported albums keep their order.');
    const path = 'memory-bank/tasks/TASK006-import.md';
    expectStatusWrites(path, across, ['tasks-folder-task'], [['Import from Google Photos', 'done', '| Done | Medium | Ravi | 2025-05-01 |']]);
    const record = find(readRecords(path, across, ['tasks-folder-task']), 'Import from Google Photos');
    expect(write(path, across, record, { field: 'priority', priority: 4 }).split('\n')).toContain('| In Progress | Critical | Ravi | 2025-05-01 |');
  });

  it('refuses to reopen a heading or a table row struck through whole, naming the strike', () => {
    const struck = lines('# Progress', '', '## Features', '', '### ✅ Sign-in', '### ~~Shared albums~~', '### 🚧 Photo import', '', '| ID | Task | Status |', '|----|------|--------|', '| B-1 | Export the album | Pending |', '| B-2 | ~~Print the album~~ | Pending |');
    const found = readRecords('memory-bank/progress.md', struck, ['task-table', 'checklist']);
    for (const title of ['Shared albums', 'B-2 · Print the album']) {
      const outcome = planOne('memory-bank/progress.md', struck, find(found, title), { field: 'status', status: 'todo' });
      expect(outcome, title).toEqual({ ok: false, reason: expect.stringContaining('its title being struck through (`~~…~~`), which write-back does not add or remove') });
    }
  });

  it('ticks and unticks a box written with emphasis around it, or opening before it, keeping the emphasis', () => {
    const emphasised = lines('# Tasks', '', '- **[ ]** Ship the exporter', '1. __[x]__ Drop the legacy endpoint', '- *[ ]* Write the guide', '- **[ ] Move the billing cron**');
    expectStatusWrites(path, emphasised, ['checklist'], [
      ['Ship the exporter', 'done', '- **[x]** Ship the exporter'],
      ['Drop the legacy endpoint', 'todo', '1. __[ ]__ Drop the legacy endpoint'],
      ['Write the guide', 'done', '- *[x]* Write the guide'],
      ['Move the billing cron', 'done', '- **[x] Move the billing cron**'],
    ]);
  });

  it('writes a mark and a status cell written with the text selector (U+FE0E, `✅︎`), keeping the selector', () => {
    const selected = lines('# Tasks', '', '- ⏳\uFE0E Write the importer', '- ✅\uFE0E Ship the export', '', '| Task | Status |', '|---|---|', '| Build the API | ✅\uFE0E Done |');
    expectStatusWrites(path, selected, ['cursor-tasks'], [
      ['Write the importer', 'done', '- ✅\uFE0E Write the importer'],
      ['Build the API', 'todo', '| Build the API | ⏳ Pending |'],
    ]);
  });

  it('draws a mark as the file draws it, else as the mark it replaces was (`✅` reopened is `◻️`), the old selector going with it', () => {
    const progress = 'memory-bank/progress.md';
    const emoji = lines('# Progress', '', '- ◻️ Wire up the invoice export', '- ✅ Rotate the signing keys', '- ⬜️ Draft the release notes', '- ◻️ Trim the nightly logs');
    expectStatusWrites(progress, emoji, ['cursor-tasks'], [
      ['Wire up the invoice export', 'done', '- ✅ Wire up the invoice export'],
      ['Rotate the signing keys', 'todo', '- ◻️ Rotate the signing keys'],
      ['Draft the release notes', 'done', '- ✅ Draft the release notes'],
    ]);
    // A file writing the square as text keeps it text.
    const text = lines('# Progress', '', '- ◻ Wire up the invoice export', '- ✅ Rotate the signing keys', '- ◻ Trim the nightly logs');
    expectStatusWrites(progress, text, ['cursor-tasks'], [['Rotate the signing keys', 'todo', '- ◻ Rotate the signing keys']]);
    // A mark the file does not write yet: an emoji drawn without a selector of its own.
    const open = lines('# Progress', '', '- ⬜️ Draft the release notes', '- 🔄 Port the importer', '- ⬜️ Trim the nightly logs');
    expectStatusWrites(progress, open, ['cursor-tasks'], [['Draft the release notes', 'done', '- ✅ Draft the release notes']]);
  });

  it('refuses when the line no longer holds the checkbox (file changed since parsing)', () => {
    const record = find(records, 'one');
    const outcome = planOne(path, lines('# Tasks', '', 'prose now'), record, { field: 'status', status: 'done' });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.reason).toMatch(/memory-bank\/tasks\.md:3: expected the checkbox .* re-read it/u);
  });
});

describe('planEdits: statuses with no token', () => {
  it('refuses an item whose status comes from its section heading', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## What Works', '- Login page', '', "## What's Left to Build", '- Export');
    const record = find(readRecords(path, text, ['section-list']), 'Export');
    const outcome = planOne(path, text, record, { field: 'status', status: 'done' });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/^memory-bank\/progress\.md:7: the status of "Export" comes from the section heading .* does not move items/u);
  });

  it('refuses a card of a board table, whose status is its column, and says to move it', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Board', '', '| To Do | Done |', '|---|---|', '| Export | Login page |');
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Export');
    expect([record.status.canonical, record.source.line]).toEqual(['todo', 5]);
    const outcome = planOne(path, text, record, { field: 'status', status: 'done' });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/^memory-bank\/tasks\.md:5: the status of "Export" comes from the section heading \(or board column\) .* move it to its section or column$/u);
  });

  it('refuses a row whose Status cell holds a note (read as todo by default), leaving the note as it is', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('| Task | Status |', '|---|---|', '| Benchmark the importer | Run it against the 2024 exports |', '| Stack overview page | C4 diagram of the services |', '| Docs navigation | Add `benchmarks/` to the nav |');
    const record = find(readRecords(path, text, ['task-table']), 'Stack overview page');
    expect([record.status.canonical, record.status.from, record.body]).toEqual(['todo', 'default', 'C4 diagram of the services']);
    const outcome = planOne(path, text, record, { field: 'status', status: 'done' });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/^memory-bank\/progress\.md:4: the status of "Stack overview page" comes from nothing written/u);
  });

  it('refuses unknown, title and labels, and a record from another file', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('- [ ] one');
    const record = find(readRecords(path, text, ['checklist']), 'one');
    expect(planOne(path, text, record, { field: 'status', status: 'unknown' }).ok).toBe(false);
    const title = planOne(path, text, record, { field: 'title', title: 'One!' });
    expect(title.ok ? '' : title.reason).toMatch(/memory-bank\/tasks\.md:1: write-back writes status, priority and due dates; the title/u);
    expect(planOne(path, text, record, { field: 'labels', labels: ['x'] }).ok).toBe(false);
    const elsewhere = editor.planEdits('memory-bank/other.md', encode(text), [{ record, change: { field: 'status', status: 'done' } }])[0];
    expect(elsewhere?.ok ? '' : elsewhere?.reason).toMatch(/not read from this file; it is at memory-bank\/tasks\.md:1/u);
  });

  it('refuses bytes that are not UTF-8', () => {
    const record = find(readRecords('memory-bank/tasks.md', lines('- [ ] one'), ['checklist']), 'one');
    const [outcome] = editor.planEdits('memory-bank/tasks.md', new Uint8Array([0x2d, 0x20, 0x5b, 0x20, 0x5d, 0x20, 0xff]), [{ record, change: { field: 'status', status: 'done' } }]);
    expect(outcome?.ok ? '' : outcome?.reason).toMatch(/not valid UTF-8/u);
  });
});

describe('planEdits: status fields, inline and heading statuses', () => {
  it('edits the value of a plain `Status:` line and of `## Status: X`', () => {
    const path = 'memory-bank/tasks/TASK002-x.md';
    const plain = lines('# TASK002 - Cache', '', 'Status: Pending', 'Added: 2026-01-02');
    const record = find(readRecords(path, plain, ['tasks-folder-task'], { kind: 'task-document' }), 'Cache');
    expect(write(path, plain, record, { field: 'status', status: 'done' })).toBe(lines('# TASK002 - Cache', '', 'Status: Done', 'Added: 2026-01-02'));
  });

  it('edits the mark leading a line of a checklist written without bullets', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '✅ Passkey login', '⏳ Admin impersonation');
    const record = find(readRecords(path, text, ['checklist']), 'Admin impersonation');
    expect([record.status.canonical, record.status.raw]).toEqual(['todo', '⏳']);
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(lines('# Progress', '', '✅ Passkey login', '✅ Admin impersonation'));
  });

  it('writes a mark as a mark where the file also writes status words in a table (a word would join the title)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '- ⏳ Map the columns', '- 🚧 Read the header', '', '| Task | Status |', '|------|--------|', '| Export | Done |');
    const record = find(readRecords(path, text, ['checklist', 'task-table']), 'Map the columns');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('\n- ✅ Map the columns\n');
  });

  it('edits a mark in a table title cell, alone or before words, as a mark', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '| Task | Owner |', '|------|-------|', '| ✅ Upload photos | ana |', '| Print books ⏳ Not started | ben |', '', '| Feature | Status |', '|---|---|', '| Face search | Blocked |');
    const records = readRecords(path, text, ['task-table']);
    expect(write(path, text, find(records, 'Upload photos'), { field: 'status', status: 'todo' })).toContain('| ⏳ Upload photos | ana |');
    expect(write(path, text, find(records, 'Print books'), { field: 'status', status: 'done' })).toContain('| Print books ✅ Done | ben |');
  });

  it('edits a priority word closing an item in brackets or with the word priority, and the item keeps its key', () => {
    const path = 'memory-bank/todo.md';
    const text = lines('# Todo', '', '- [ ] Add dark mode (low priority)', '- [ ] Fix the date parser [HIGH]');
    const records = readRecords(path, text, ['checklist']);
    const dark = find(records, 'Add dark mode');
    expect(dark.priority).toEqual({ value: 1, raw: 'low' });
    const written = write(path, text, dark, { field: 'priority', priority: 3 });
    expect(written).toMatch(/^- \[ \] Add dark mode \(high priority\)$/imu);
    expect(find(readRecords(path, written, ['checklist']), 'Add dark mode')).toMatchObject({ key: dark.key, priority: { value: 3 } });
    const parser = find(records, 'Fix the date parser');
    const lowered = write(path, text, parser, { field: 'priority', priority: 1 });
    expect(find(readRecords(path, lowered, ['checklist']), 'Fix the date parser')).toMatchObject({ key: parser.key, priority: { value: 1 } });
  });

  it('edits a Chinese or Japanese priority phrase opening or closing an item (`[最高优先级] …`, `…（低优先级）`), the level alone', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# 任务', '', '- [ ] [最高优先级] 修复支付回调', '- [ ] 清理旧的日志文件（低优先级）', '- [ ] 請求書のPDF出力（優先度：高）');
    const records = readRecords(path, text, ['checklist']);
    const payment = find(records, '修复支付回调');
    expect(payment.priority).toMatchObject({ value: 4 });
    expect(write(path, text, payment, { field: 'priority', priority: 2 })).toContain('- [ ] [中优先级] 修复支付回调');
    const logs = find(records, '清理旧的日志文件');
    const raised = write(path, text, logs, { field: 'priority', priority: 3 });
    expect(raised).toContain('- [ ] 清理旧的日志文件（高优先级）');
    expect(find(readRecords(path, raised, ['checklist']), '清理旧的日志文件')).toMatchObject({ key: logs.key, priority: { value: 3 } });
    expect(write(path, text, find(records, '請求書のPDF出力'), { field: 'priority', priority: 1 })).toContain('- [ ] 請求書のPDF出力（優先度：低）');
  });

  it('edits a P-level opening or closing an item (`[P1] …`, `… (P2)`), where it was refused as if the file had changed', () => {
    const path = 'memory-bank/todo.md';
    const text = lines('# Todo', '', '- [ ] [P1] Fix the crash', '- [ ] Ship the beta (P2)');
    const records = readRecords(path, text, ['checklist']);
    expect(write(path, text, find(records, 'Fix the crash'), { field: 'priority', priority: 4 })).toContain('- [ ] [P0] Fix the crash');
    expect(write(path, text, find(records, 'Ship the beta'), { field: 'priority', priority: 1 })).toContain('- [ ] Ship the beta (P3)');
  });

  it('edits a priority a closing status follows, on an item and a heading task (`… (P2) — in progress`, `### … (P1) — In Progress`)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Analytics', '### Funnel report (P1) — In Progress', '', '## List', '- [ ] Weekly digest (P2) — in progress', '- Import the events (P3) ✅', '- [ ] Tune the sampling');
    const records = readRecords(path, text, ['cursor-tasks']);
    const cases: [string, number, string][] = [
      ['Funnel report', 4, '### Funnel report (P0) — In Progress'],
      ['Weekly digest', 1, '- [ ] Weekly digest (P3) — in progress'],
      ['Import the events', 4, '- Import the events (P0) ✅'],
    ];
    for (const [title, priority, line] of cases) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'priority', priority });
      expect(written.split('\n')).toContain(line);
      expect(find(readRecords(path, written, ['cursor-tasks']), title)).toMatchObject({ key: record.key, status: record.status, priority: { value: priority } });
    }
  });

  it('edits a priority that owners, tags or a commit follow, on its own line (`… (P2) @ola`, `… (P2) #infra`, `… (P1) a1b2c3d`)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Sprint', '- [ ] Thumbnail worker (P2) @ola', '- [ ] Image CDN (P2) #infra', '- [x] Move the uploads (P1) a1b2c3d', '- [ ] Thumbnail queue (P2)');
    const records = readRecords(path, text, ['cursor-tasks']);
    const cases: [string, number, string][] = [
      ['Thumbnail worker', 4, '- [ ] Thumbnail worker (P0) @ola'],
      ['Image CDN #infra', 1, '- [ ] Image CDN (P3) #infra'],
      ['Move the uploads', 1, '- [x] Move the uploads (P3) a1b2c3d'],
    ];
    for (const [title, priority, line] of cases) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'priority', priority });
      expect(written.split('\n')).toContain(line);
      expect(written.split('\n')).toContain('- [ ] Thumbnail queue (P2)');
      expect(find(readRecords(path, written, ['cursor-tasks']), title)).toMatchObject({ key: record.key, priority: { value: priority } });
    }
  });

  it('edits a priority opening an item in bold, without a separator or as a word, keeping a P-level a P-level', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- [ ] **P0** Patch the session bug', '- [ ] P1 Audit the routes', '- [ ] **[HIGH]** Review the backups', '- [ ] **Medium:** Rotate the logs');
    const records = readRecords(path, text, ['checklist']);
    const cases: [string, number, string][] = [
      ['Patch the session bug', 1, '- [ ] **P3** Patch the session bug'],
      ['Audit the routes', 4, '- [ ] P0 Audit the routes'],
      ['Review the backups', 1, '- [ ] **['],
      ['Rotate the logs', 4, '- [ ] **'],
    ];
    for (const [title, priority, line] of cases) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'priority', priority });
      // A word is written in the form of the file's priorities (a P-level here); a P-level always so.
      expect(written.split('\n').find((candidate) => candidate.endsWith(title))).toMatch(new RegExp(`^${line.replace(/[[\]*]/gu, '\\$&')}`, 'u'));
      expect(find(readRecords(path, written, ['checklist']), title)).toMatchObject({ key: record.key, priority: { value: priority } });
    }
  });

  it('changes a status word restating a box or a mark with it, so the item reads back under its title and key', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- [ ] TODO: Write the release notes', '- [x] Done: Bump the version', '- ⏳ Pending: Tooltip with the numbers', '- 🚧 In progress - Legend colours');
    const records = readRecords(path, text, ['checklist']);
    const cases: [string, 'done' | 'todo'][] = [['Write the release notes', 'done'], ['Bump the version', 'todo'], ['Tooltip with the numbers', 'done'], ['Legend colours', 'done']];
    for (const [title, status] of cases) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'status', status });
      const reread = find(readRecords(path, written, ['checklist']), title);
      expect([reread.key, reread.status.canonical]).toEqual([record.key, status]);
    }
    expect(write(path, text, find(records, 'Write the release notes'), { field: 'status', status: 'done' })).toContain('- [x] DONE: Write the release notes');
    expect(write(path, text, find(records, 'Tooltip with the numbers'), { field: 'status', status: 'done' })).toMatch(/- ✅ \S+: Tooltip with the numbers/u);
  });

  it('changes a status word in brackets restating a box with it, and refuses a box that would turn a word of the title into its status', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- [x] [DONE] Ship the installer', '- [ ] 【待办】文档翻译', '- [x] Pending: Translate the changelog', '- [x] [Pending] Translate the help');
    const records = readRecords(path, text, ['checklist']);
    for (const [title, status] of [['Ship the installer', 'todo'], ['文档翻译', 'done']] as const) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'status', status });
      expect(find(readRecords(path, written, ['checklist']), title)).toMatchObject({ key: record.key, status: { canonical: status } });
    }
    expect(write(path, text, find(records, '文档翻译'), { field: 'status', status: 'done' }).split('\n')).toContain('- [x] 【已完成】文档翻译');
    for (const title of ['Pending: Translate the changelog', '[Pending] Translate the help']) {
      const outcome = planOne(path, text, find(records, title), { field: 'status', status: 'todo' });
      expect(outcome.ok ? '' : outcome.reason).toMatch(/opens with "Pending", which would read as its status with the box set to todo/u);
    }
  });

  it('writes a Logseq marker over a Logseq marker (a status word before a space alone reads as one only if it is one)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## This week', '- DONE Ship the docs', '- DOING Review the copy', '- [x] DONE Ship the installer');
    expectStatusWrites(path, text, ['checklist'], [
      ['Ship the docs', 'todo', '- TODO Ship the docs'],
      ['Review the copy', 'done', '- DONE Review the copy'],
      ['Ship the installer', 'todo', '- [ ] TODO Ship the installer'],
    ]);
  });

  it('changes a status refining an open box with the box: done or todo drop a word (a field keeps its name and takes the value), another status replaces it in its form', () => {
    const path = 'memory-bank/tasks.md';
    // Each case's item reads a status the box cannot say before it is written back.
    const expectWrites = (text: string, cases: readonly StatusCase[]): void => {
      const records = readRecords(path, text, ['cursor-tasks']);
      for (const [title] of cases) expect(find(records, title).status.canonical).not.toBe('todo');
      expectStatusWrites(path, text, ['cursor-tasks'], cases);
    };
    const text = lines(
      '# Tasks',
      '',
      '- [ ] 🔄 Build the exporter',
      '- [ ] [WIP] Tag the release',
      '- [ ] BLOCKED: Renew the certificate',
      '- [ ] In progress: Write the importer',
      '- [ ] 【进行中】权限管理',
      '- [ ] ⏸️ Pause the crawler',
      '- [x] Ship the docs',
    );
    expectWrites(text, [
      ['Build the exporter', 'done', '- [x] Build the exporter'],
      ['Tag the release', 'todo', '- [ ] Tag the release'],
      ['Renew the certificate', 'in_progress', '- [ ] IN PROGRESS: Renew the certificate'],
      ['Write the importer', 'blocked', '- [ ] Blocked: Write the importer'],
      ['权限管理', 'done', '- [x] 权限管理'],
      ['Pause the crawler', 'in_progress', '- [ ] 🔄 Pause the crawler'],
    ]);
    // Closing the item: the group or dashed segment goes with done or todo, the word changes with another status.
    expectWrites(lines('# Tasks', '', '- [ ] Wire the export button (in progress)', '- [ ] Ship the docs — blocked', '- [ ] Patch the parser - WIP'), [
      ['Wire the export button', 'done', '- [x] Wire the export button'],
      ['Ship the docs', 'todo', '- [ ] Ship the docs'],
      ['Ship the docs', 'in_progress', '- [ ] Ship the docs — in progress'],
      ['Patch the parser', 'blocked', '- [ ] Patch the parser - BLOCKED'],
    ]);
    // An arrow sets the status off as a dash does.
    expectWrites(lines('# Tasks', '', '- [ ] Rotate the API keys → blocked', '- [x] Remove the beta flag -> done'), [
      ['Rotate the API keys', 'done', '- [x] Rotate the API keys'],
      ['Rotate the API keys', 'in_progress', '- [ ] Rotate the API keys → in progress'],
      ['Remove the beta flag', 'todo', '- [ ] Remove the beta flag -> pending'],
    ]);
    // A status field beside the box: the field's value changes and the box with it (ticked for done, open otherwise).
    const keyed = lines('# Tasks', '', '- [ ] Rotate the keys (Status: in progress)', '- [ ] Fix the login (owner: Bo, status: blocked)', '- [x] Cut the release — Status: Done');
    expectWrites(keyed, [
      ['Rotate the keys', 'done', '- [x] Rotate the keys (Status: Done)'],
      ['Fix the login', 'in_progress', '- [ ] Fix the login (owner: Bo, status: in progress)'],
      ['Rotate the keys', 'blocked', '- [ ] Rotate the keys (Status: blocked)'],
    ]);
    expectStatusWrites(path, keyed, ['cursor-tasks'], [['Cut the release', 'todo', '- [ ] Cut the release — Status: Pending']]);
    // Box and field agree after each write: nothing to report.
    const closed = write(path, keyed, find(readRecords(path, keyed, ['cursor-tasks']), 'Rotate the keys'), { field: 'status', status: 'done' });
    expect(parse(makeFile(path, closed, ['cursor-tasks'])).problems.filter((problem) => problem.code === 'status-conflict')).toEqual([]);
    // Inside emphasis the word cannot change with the box (`**✅**` beside an open box would read as title): refused.
    const bold = lines('# Tasks', '', '- [ ] **🔄** Build the exporter');
    const boldOutcome = planOne(path, bold, find(readRecords(path, bold, ['cursor-tasks']), 'Build the exporter'), { field: 'status', status: 'done' });
    expect(boldOutcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:3: the status "🔄" of "Build the exporter" refines its box inside emphasis/u) });
    // Cancelled, which no box of this file says, is said by the word beside the box (read as the item's status there).
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Build the exporter');
    const cancelled = write(path, text, record, { field: 'status', status: 'cancelled' });
    expect(cancelled.split('\n')).toContain('- [ ] 🗑️ Build the exporter');
    expect(find(readRecords(path, cancelled, ['cursor-tasks']), 'Build the exporter')).toMatchObject({ key: record.key, status: { canonical: 'cancelled' } });
  });

  it('changes a status closing an item its mark opens with the mark: the mark\'s own drops the word, one still refining it replaces the word, another takes the file\'s mark', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '- ✅ Receipt upload', '- ❌ Bitcoin payments (dropped)', '- ⏳ Receipt OCR — blocked', '- 🔄 Refund flow');
    const records = readRecords(path, text, ['checklist']);
    expect(find(records, 'Bitcoin payments').status.canonical).toBe('cancelled');
    expect(find(records, 'Receipt OCR').status.canonical).toBe('blocked');
    expectStatusWrites(path, text, ['checklist'], [
      ['Bitcoin payments', 'blocked', '- ❌ Bitcoin payments'],
      ['Bitcoin payments', 'done', '- ✅ Bitcoin payments'],
      ['Receipt OCR', 'in_progress', '- ⏳ Receipt OCR — in progress'],
      ['Receipt OCR', 'todo', '- ⏳ Receipt OCR'],
      ['Receipt OCR', 'done', '- ✅ Receipt OCR'],
    ]);
  });

  it('sets the box of an item whose status field sits under it with the field (ticked for done, open otherwise)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- [ ] Migrate the queue', '  - Status: Blocked', '- [x] Rotate the keys', '  - Status: In progress', '- [ ] Port the importer', '  **Status:** In progress');
    const cases: readonly [string, TaskStatusValue, string, string][] = [
      ['Migrate the queue', 'done', '- [x] Migrate the queue', '  - Status: Done'],
      ['Rotate the keys', 'blocked', '- [ ] Rotate the keys', '  - Status: Blocked'],
      ['Rotate the keys', 'done', '- [x] Rotate the keys', '  - Status: Done'],
      ['Port the importer', 'done', '- [x] Port the importer', '  **Status:** Done'],
    ];
    for (const [title, status, box, field] of cases) {
      const record = find(readRecords(path, text, ['cursor-tasks']), title);
      const written = write(path, text, record, { field: 'status', status });
      const at = written.split('\n').indexOf(box);
      expect(written.split('\n').slice(at, at + 2)).toEqual([box, field]);
      // Box and field agree: read back with the status and nothing to report.
      const reparsed = parse(makeFile(path, written, ['cursor-tasks']));
      expect(find(reparsed.records, title)).toMatchObject({ key: record.key, status: { canonical: status } });
      expect(reparsed.problems.filter((problem) => problem.code === 'status-conflict' && problem.message.includes(`"${title}"`))).toEqual([]);
    }
  });

  it('edits the status word leading a line of a checklist written without bullets, in the words the lines use', () => {
    const path = 'memory-bank/todo.md';
    const text = lines('# Inbox', '', 'DONE: Book the venue', 'TODO: Call the bank');
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Call the bank');
    expect([record.status.canonical, record.status.raw]).toEqual(['todo', 'TODO']);
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(lines('# Inbox', '', 'DONE: Book the venue', 'DONE: Call the bank'));
  });

  it('ticks a Claude Code todo line with the mark the list uses for done (☐ → ☒)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '☒ Read the export module', '☐ Fix the escaping bug');
    const record = find(readRecords(path, text, ['checklist']), 'Fix the escaping bug');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(lines('# Progress', '', '☒ Read the export module', '☒ Fix the escaping bug'));
  });

  it('ticks and starts a white-square box line with the marks the list uses (□ → ☑, □ → 🔄)', () => {
    const path = 'memory-bank/todo.md';
    const text = lines('# やること', '', '☑ 在庫アラート', '□ 請求書の出力', '', '- ☑ 招待状を送る', '- □ 会場を予約する');
    const line = find(readRecords(path, text, ['checklist']), '請求書の出力');
    expect(write(path, text, line, { field: 'status', status: 'done' })).toBe(text.replace('□ 請求書', '☑ 請求書'));
    const item = find(readRecords(path, text, ['checklist']), '会場を予約する');
    expect(write(path, text, item, { field: 'status', status: 'in_progress' })).toBe(text.replace('- □ 会場', '- 🔄 会場'));
  });

  it("ticks and clears a checkbox opening a table's title cell, and refuses a status no box says", () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '| Task | Owner |', '|---|---|', '| [x] Migrate the customer database | Sam |', '| [ ] Rotate the service keys | Lee |');
    const open = find(readRecords(path, text, ['cursor-tasks']), 'Rotate the service keys');
    expect(write(path, text, open, { field: 'status', status: 'done' })).toBe(text.replace('| [ ] Rotate', '| [x] Rotate'));
    const done = find(readRecords(path, text, ['cursor-tasks']), 'Migrate the customer database');
    expect(write(path, text, done, { field: 'status', status: 'todo' })).toBe(text.replace('| [x] Migrate', '| [ ] Migrate'));
    const blocked = planOne(path, text, done, { field: 'status', status: 'blocked' });
    expect(blocked.ok ? '' : blocked.reason).toMatch(/a checkbox has no mark for blocked in this file/u);
  });

  it('writes a status field wholly in emphasis inside its marks, in the words its neighbours use without theirs', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '### Ledger sync', '**Status: Blocked**', '', '### Tax report', '_Status: Todo_');
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Ledger sync');
    expect(write(path, text, record, { field: 'status', status: 'todo' })).toBe(text.replace('**Status: Blocked**', '**Status: Todo**'));
  });

  it('ticks a checkbox inside an Obsidian callout of tasks, keeping the quote marker', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '> [!todo] This sprint', '> - [ ] Paginate the export');
    const record = find(readRecords(path, text, ['checklist']), 'Paginate the export');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(text.replace('> - [ ]', '> - [x]'));
  });

  it('ticks an item that carries an HTML comment, keeping the comment', () => {
    const path = 'conductor/tracks/auth_20250601/plan.md';
    const text = lines('# Plan', '', '- [ ] Task: Add session expiry <!-- id: 2 -->');
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Add session expiry');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(text.replace('- [ ]', '- [x]'));
  });

  it('edits a status closing a task file title, and a mark opening it (in the mark the file writes)', () => {
    const path = 'memory-bank/tasks/TASK050-export.md';
    const closing = lines('# TASK050 Export [IN PROGRESS]', '', '- [ ] CSV');
    const record = find(readRecords(path, closing, ['tasks-folder-task'], { kind: 'task-document' }), 'Export');
    expect([record.title, record.status.canonical, record.status.raw]).toEqual(['TASK050 · Export', 'in_progress', 'IN PROGRESS']);
    expect(write(path, closing, record, { field: 'status', status: 'done' })).toBe(closing.replace('[IN PROGRESS]', '[DONE]'));
    const opening = lines('# ✅ TASK050 Export', '', '- [x] CSV');
    const done = find(readRecords(path, opening, ['tasks-folder-task'], { kind: 'task-document' }), 'Export');
    expect(done.status.canonical).toBe('done');
    const reopened = write(path, opening, done, { field: 'status', status: 'todo' });
    expect(reopened.split('\n')[0]).toMatch(/^# \p{Extended_Pictographic}\uFE0F? TASK050 Export$/u);
    const again = find(readRecords(path, reopened, ['tasks-folder-task'], { kind: 'task-document' }), 'Export');
    expect([again.key, again.status.canonical]).toEqual([done.key, 'todo']);
  });

  it('edits a status word opening a heading in capitals, as the parser reads it, keeping its form and every key', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Sign-in', '', '### DONE: Password reset', '- [x] Email template', '', '### [TODO] Audit log', '- [ ] Schema', '', '### IN PROGRESS - Two-factor login', '- [ ] Recovery codes');
    const records = readRecords(path, text, ['cursor-tasks']);
    const cases = [
      ['Password reset', 'in_progress', '### IN PROGRESS: Password reset'],
      ['Audit log', 'done', '### [DONE] Audit log'],
      ['Two-factor login', 'done', '### DONE - Two-factor login'],
    ] as const;
    for (const [title, status, line] of cases) {
      const record = find(records, title);
      expect(record.status.from).toBe('heading');
      const written = write(path, text, record, { field: 'status', status });
      expect(written.split('\n')).toContain(line);
      const again = readRecords(path, written, ['cursor-tasks']);
      expect(again.map((candidate) => candidate.key)).toEqual(records.map((candidate) => candidate.key));
      expect(find(again, title).status.canonical).toBe(status);
    }
  });

  it('edits `## Status: X` and a `## Status` heading (or `Status` over `------`) with the value on the next line', () => {
    const path = 'memory-bank/tasks/TASK049-billing.md';
    for (const header of [['## Status: In Progress'], ['## Status', '', 'In Progress'], ['Status', '------', '', 'In Progress']]) {
      const text = lines('# TASK049 - Billing', '', ...header, '', '## Overview', 'Bill the customers.');
      const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Billing');
      expect([record.status.from, record.status.raw]).toEqual(['bold-field', 'In Progress']);
      const written = write(path, text, record, { field: 'status', status: 'done' });
      expect(written).toBe(text.replace('In Progress', 'Done'));
    }
  });

  it('ticks the checkbox of an item whose status comes from its section, and refuses when the box already says it', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Current Tasks', '- [ ] Wire the sync job', '- [ ] Write the docs');
    const records = readRecords(path, text, ['section-list']);
    const record = find(records, 'Wire the sync job');
    expect(record.status).toMatchObject({ canonical: 'in_progress', from: 'section' });
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('- [x] Wire the sync job');
    const todo = planOne(path, text, record, { field: 'status', status: 'todo' });
    expect(todo.ok ? '' : todo.reason).toMatch(/^memory-bank\/progress\.md:4: the status of "Wire the sync job" comes from the section heading/u);
  });

  it('keeps the emphasis around a value and edits only the words', () => {
    const path = 'memory-bank/tasks/TASK003-x.md';
    const text = lines('# TASK003 - Search', '', '**Status:** **In Progress**', '**Added:** 2026-01-02');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Search');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('**Status:** **Done**');
  });

  it('edits an inline `(Status: pending)` field on a bullet', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- **Task 36: Sync (Status: in-progress)**', '  - Subtask 36.1: Pull (Status: pending)', '  - Subtask 36.2: Push (Status: completed)');
    const records = readRecords(path, text, ['cursor-tasks']);
    const pull = records.find((record) => record.title.includes('Pull'));
    if (pull === undefined) throw new Error(records.map((record) => record.title).join(', '));
    expect(pull.status.from).toBe('inline');
    expect(write(path, text, pull, { field: 'status', status: 'done' })).toContain('Subtask 36.1: Pull (Status: completed)');
  });

  it('writes the index line of a task whose own file is elsewhere (alsoSeenAt), when the line writes a status', () => {
    const index = lines('# Tasks Index', '', '## Pending', '- [TASK005] Export - Not Started', '', '## Completed', '- [TASK001] Setup - Completed');
    const task = lines('# [TASK005] - Export', '', '**Status:** Pending', '**Added:** 2026-01-02');
    const result = parse(
      makeFile('memory-bank/tasks/_index.md', index, ['tasks-folder-index'], { kind: 'index' }),
      makeFile('memory-bank/tasks/TASK005-export.md', task, ['tasks-folder-task'], { kind: 'task-document' }),
    );
    const record = find(result.records, 'Export');
    expect(record.source.path).toBe('memory-bank/tasks/TASK005-export.md');
    expect(record.alsoSeenAt.map((ref) => ref.path)).toContain('memory-bank/tasks/_index.md');
    expect(write('memory-bank/tasks/_index.md', index, record, { field: 'status', status: 'done' })).toContain('- [TASK005] Export - Completed');
    expect(write('memory-bank/tasks/TASK005-export.md', task, record, { field: 'status', status: 'done' })).toContain('**Status:** Done');
  });
});

describe('planEdits with read-back: every edit read again by the parser, or refused', () => {
  const readBack = (extractors: ExtractorNameValue[]): ReadBackFile => ({ extractors, vocabulary: createDefaultConfig().vocabulary });

  it('refuses ticking the last open mark of a list that, all ticked, reads as a summary of results (its items would be lost)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Integrations', '', '- ✅ Slack notifications', '- ✅ Import from CSV', '- ⏳ Calendar sync');
    const record = find(readRecords(path, text, ['checklist']), 'Calendar sync');
    // Without read-back the mark is written, and the three tasks leave the bank.
    const written = write(path, text, record, { field: 'status', status: 'done' });
    expect(readRecords(path, written, ['checklist'])).toEqual([]);
    const [outcome] = editor.planEdits(path, encode(text), [{ record, change: { field: 'status', status: 'done' } }], readBack(['checklist']));
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/progress\.md:7: writing status done into "Calendar sync" would change how the line is read/u) });
  });

  it('refuses an edit that would change another field of the item (unticked, a remark beside the box joins the title)', () => {
    const path = 'memory-bank/tasks.md';
    // A title long enough that its key (cut at 64 characters) stays the same when the remark joins it (not ending as a
    // sentence does: a remark after a full stop is a note, not title).
    const title = 'Install the dependencies the importer needs to read the exported mail archives';
    const text = lines('# Tasks', '', `- [x] ${title} (Completed in PLAN)`, '- [ ] Deploy the server.');
    const record = find(readRecords(path, text, ['cursor-tasks']), title);
    const [outcome] = editor.planEdits(path, encode(text), [{ record, change: { field: 'status', status: 'todo' } }], readBack(['cursor-tasks']));
    expect(outcome).toEqual({
      ok: false,
      reason: `memory-bank/tasks.md:3: writing status todo into "${title}" would also change its title ("${title}" → "${title} (Completed in PLAN)"), so it was not written; write it by hand`,
    });
  });

  it('writes two fields of one item pulled together (each one\'s change is not the other\'s side effect)', () => {
    const path = 'memory-bank/tasks/login.md';
    const text = lines('# Login page', '', 'status:: in-progress', 'due:: 2026-03-01', '', 'Build the login page.');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Login page');
    const changes: BankChange[] = [
      { field: 'status', status: 'done' },
      { field: 'due', date: '2026-03-08' },
    ];
    const outcomes = editor.planEdits(path, encode(text), changes.map((change) => ({ record, change })), readBack(['tasks-folder-task']));
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true]);
  });

  it('finds the one edit that does not stand among many, and writes the others', () => {
    const path = 'memory-bank/progress.md';
    const boxes = Array.from({ length: 60 }, (_, index) => `- [ ] Port screen ${index + 1}`);
    const text = lines('# Progress', '', '## Integrations', '', '- ✅ Slack notifications', '- ⏳ Calendar sync', '', '## Screens', '', ...boxes);
    const records = readRecords(path, text, ['checklist']);
    const requests = records.map((record) => ({ record, change: { field: 'status', status: 'done' } as BankChange }));
    const outcomes = editor.planEdits(path, encode(text), requests, readBack(['checklist']));
    const refused = outcomes.flatMap((outcome, index) => (outcome.ok ? [] : [requests[index]?.record.title]));
    expect(refused).toEqual(['Calendar sync']);
    expect(outcomes.filter((outcome) => outcome.ok && outcome.edits.length > 0)).toHaveLength(60);
  });

  it('refuses a status the item would not read (written twice in the file, ticked in its other place), and keeps the file\'s other edits', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '- [x] 3. Update the selector', '- [ ] 3. Update the selector', '- [ ] 4. Ship the release');
    const records = readRecords(path, text, ['kiro-tasks']);
    const parent = find(records, 'Update the selector');
    expect(parent.status.canonical).toBe('done');
    const outcomes = editor.planEdits(
      path,
      encode(text),
      [
        { record: parent, change: { field: 'status', status: 'in_progress' } },
        { record: find(records, 'Ship the release'), change: { field: 'status', status: 'done' } },
      ],
      readBack(['kiro-tasks']),
    );
    expect(outcomes[0]).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:4: "3 · Update the selector" is written again in this file \(line 3, "\[x\]"\), and it reads as done whatever this line says/u) });
    expect(outcomes[1]).toMatchObject({ ok: true, edits: [{ line: 5, before: ' ', after: 'x' }] });
  });
});

describe('planEdits: a change the item would not read, whatever its line says, is refused', () => {
  it('names the ticked copy of an item written again (clearing or ticking back the last copy would not reopen it)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Sprint 4', '', '- [x] Rotate the signing keys', '', '## Sprint 4', '', '- [ ] Rotate the signing keys', '- [ ] Draft the release notes');
    const records = readRecords(path, text, ['checklist']);
    const record = find(records, 'Rotate the signing keys');
    expect(record).toMatchObject({ source: { line: 9 }, status: { canonical: 'done' } });
    expect(planOne(path, text, record, { field: 'status', status: 'todo' })).toEqual({
      ok: false,
      reason:
        'memory-bank/tasks.md:9: "Rotate the signing keys" is written again in this file (line 5, "[x]"), and it reads as done whatever this line says: a copy saying less does not undo what another states, so status todo was not written; set line 5 by hand too if the task is todo again',
    });
    // Both copies ticked: unticking the last would leave the first ticked.
    const ticked = text.replace('- [ ] Rotate the signing keys', '- [x] Rotate the signing keys');
    expect(planOne(path, ticked, find(readRecords(path, ticked, ['checklist']), 'Rotate the signing keys'), { field: 'status', status: 'todo' })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('is written again in this file (line 5, "[x]")'),
    });
    // A task document's log entry opening with its status word is no copy of it: the task is reopened as usual.
    const logged = lines('# TASK-302 Parser', '', '**Status:** Completed', '', '## Progress Log', '', '### 2025-03-01', 'Completed: Parser');
    expectStatusWrites('memory-bank/tasks/TASK-302-parser.md', logged, ['tasks-folder-task'], [['Parser', 'todo', '**Status:** Pending']]);
    // Ticking it, or an item written once, is written as before.
    expect(planOne(path, text, find(records, 'Draft the release notes'), { field: 'status', status: 'done' })).toMatchObject({ ok: true, edits: [{ line: 10, after: 'x' }] });
  });

  it('refuses a value the planner writes as it stands when the item reads another (a done column asked for blocked)', () => {
    const path = 'memory-bank/backlog.md';
    const text = lines('# Backlog', '', '| Task | Done |', '|------|------|', '| Write the launch post | ✓ |', '| Record the walkthrough | ✗ |');
    const record = find(readRecords(path, text, ['task-table']), 'Record the walkthrough');
    expect(record.status.canonical).toBe('todo');
    expect(planOne(path, text, record, { field: 'status', status: 'blocked' })).toEqual({
      ok: false,
      reason: 'memory-bank/backlog.md:6: writing status blocked into "Record the walkthrough" would change nothing on its line, yet it reads as todo (from its table-cell), so nothing was written; write it by hand',
    });
  });
});

describe('planEdits: a status value written in the form of the file\'s others', () => {
  it('reads a done word said to be not quite so as in progress, and does not copy it as the file\'s word for work begun', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '| Task | Status |', '|---|---|', '| Move the billing jobs | Done |', '| Rewrite the invoice templates | Almost done |');
    const records = readRecords(path, text, ['task-table']);
    expect(find(records, 'Rewrite the invoice templates').status.canonical).toBe('in_progress');
    expectStatusWrites(path, text, ['task-table'], [
      ['Move the billing jobs', 'in_progress', '| Move the billing jobs | In Progress |'],
      ['Rewrite the invoice templates', 'done', '| Rewrite the invoice templates | Done |'],
    ]);
  });

  it('writes a status cell as the indicator mark the file explains (`Legend: 🟢 = complete · 🔴 = not started`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', 'Legend: 🟢 = complete · 🟡 = in progress · 🔴 = not started', '', '| Task | Status |', '|---|---|', '| Build the importer | 🟢 |', '| Write the exporter | 🟡 |');
    expectStatusWrites(path, text, ['task-table'], [
      ['Write the exporter', 'done', '| Write the exporter | 🟢 |'],
      ['Build the importer', 'todo', '| Build the importer | 🔴 |'],
    ]);
  });

  it('writes an item led or closed by an indicator mark as the mark the file explains (`Key: 🔴 not started · 🟢 done`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', 'Key: 🔴 not started · 🟡 in progress · 🟢 done', '', '## Release', '', '1. 🟡 Move the cron jobs', '2. 🔴 Renew the certificate', '3. 🟢 Rotate the keys', '', '## Later', '', '- Retire the old pager 🔴', '- Archive the dashboards 🟢', '- Call the vendor 🟡');
    expectStatusWrites(path, text, ['checklist'], [
      ['Move the cron jobs', 'done', '1. 🟢 Move the cron jobs'],
      ['Renew the certificate', 'in_progress', '2. 🟡 Renew the certificate'],
      ['Rotate the keys', 'todo', '3. 🔴 Rotate the keys'],
      ['Retire the old pager', 'done', '- Retire the old pager 🟢'],
    ]);
  });

  it('writes an indicator mark refining an open box (`- [ ] 🟨 Review the wording`) with the box', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', 'Key: 🟥 blocked · 🟨 in progress · 🟩 done', '', '- [ ] 🟨 Review the wording', '- [ ] Order the banner');
    expectStatusWrites(path, text, ['checklist'], [
      ['Review the wording', 'done', '- [x] Review the wording'],
      ['Review the wording', 'blocked', '- [ ] 🟥 Review the wording'],
      ['Review the wording', 'todo', '- [ ] Review the wording'],
    ]);
  });

  it('writes fields in code spans closing an item (`` `Priority: High` `Status: Backlog` ``) inside their spans', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Backlog', '', '- [ ] **#101: Add CSV export** `Priority: High` `Status: Backlog` `Type: Feature`', '- [ ] **#102: Dark theme** `Priority: Low`');
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['#101 · Add CSV export', 'done', '- [x] **#101: Add CSV export** `Priority: High` `Status: Done` `Type: Feature`'],
      ['#101 · Add CSV export', 'in_progress', '- [ ] **#101: Add CSV export** `Priority: High` `Status: In Progress` `Type: Feature`'],
    ]);
    const records = readRecords(path, text, ['cursor-tasks']);
    expect(write(path, text, find(records, '#101 · Add CSV export'), { field: 'priority', priority: 1 }).split('\n')[4]).toBe('- [ ] **#101: Add CSV export** `Priority: Low` `Status: Backlog` `Type: Feature`');
    expect(write(path, text, find(records, '#102 · Dark theme'), { field: 'priority', priority: 4 }).split('\n')[5]).toBe('- [ ] **#102: Dark theme** `Priority: Critical`');
  });

  it('writes a P-level opening an item after its status mark (`- 🔲 P1: …`) on that item, a note on the level kept', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Phase 4', '', '- 🔲 P1: Local inference', '- 🔲 P1 (optional): Voice input', '- 🔲 P1（可选）：本地推理', '- [ ] P1: Offline mode');
    const records = readRecords(path, text, ['checklist']);
    expect(find(records, 'Voice input').priority.value).toBe(3);
    expect(write(path, text, find(records, 'Local inference'), { field: 'priority', priority: 2 }).split('\n')[4]).toBe('- 🔲 P2: Local inference');
    expect(write(path, text, find(records, 'Voice input'), { field: 'priority', priority: 4 }).split('\n')[5]).toBe('- 🔲 P0 (optional): Voice input');
    expect(write(path, text, find(records, '本地推理'), { field: 'priority', priority: 2 }).split('\n')[6]).toBe('- 🔲 P2（可选）：本地推理');
  });

  it('writes a rank by its number closing a title (`### ✅ Core CLI (Priority 1) - COMPLETE`, `- [ ] Sign it (prio 2)`) in its note', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', "## What's Left to Build", '', '### ✅ Core CLI (Priority 1) - COMPLETE', '- [x] Init command', '', '### 🔄 Packaging (Priority 3) - IN PROGRESS', '- [ ] Sign the binaries (prio 2)');
    const records = readRecords(path, text, ['checklist']);
    expect(write(path, text, find(records, 'Core CLI'), { field: 'priority', priority: 4 }).split('\n')[4]).toBe('### ✅ Core CLI (Priority 0) - COMPLETE');
    expect(write(path, text, find(records, 'Sign the binaries'), { field: 'priority', priority: 3 }).split('\n')[8]).toBe('- [ ] Sign the binaries (prio 1)');
  });

  it("writes a Roo log heading's own status in its words, not a log line's mark and title (`## Backend lint fix (In Progress)`)", () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Completed Tasks', '', '- [2025-01-10 16:47:38] - ✅ Create the project folder', '', '## Backend lint fix (In Progress)', '', '- [2025-07-10 20:26:00] - Started the first lint pass.');
    expectStatusWrites(path, text, ['roo-progress'], [
      ['Backend lint fix', 'done', '## Backend lint fix (Done)'],
      ['Backend lint fix', 'blocked', '## Backend lint fix (Blocked)'],
    ]);
  });

  it('keeps a note before a status in its group beside a mark (`- ⏳ Reports (Sprint 4 - in progress)`): refuses dropping both', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Current Status', '- ⏳ Reports (Sprint 4 - in progress)', '- ⏳ Theme migration (40% complete - deferred)', '- ✅ Login page');
    const records = readRecords(path, text, ['checklist']);
    expect(planOne(path, text, find(records, 'Reports'), { field: 'status', status: 'done' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^memory-bank\/progress\.md:4: "Reports" opens with ⏳, .* a note goes with the word/u),
    });
    expectStatusWrites(path, text, ['checklist'], [['Theme migration', 'in_progress', '- ⏳ Theme migration (40% complete - in progress)']]);
  });

  it('ticks a box written without a bullet indented under another (`    [] Add the config`), and one typed without its space', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '[] Map the schemas to tables', '    [] Add the working-copy config', '[x] Set up the repository');
    expectStatusWrites(path, text, ['checklist'], [
      ['Add the working-copy config', 'done', '    [x] Add the working-copy config'],
      ['Map the schemas to tables', 'done', '[x] Map the schemas to tables'],
    ]);
  });

  it('drops a completion day written with its month on reopening, as an ISO day is (`— completed on November 5, 2025`, an index line)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Checklist', '- [x] Ship the installer — completed on November 5, 2025', '- [ ] Write the upgrade guide');
    expectStatusWrites(path, text, ['checklist'], [['Ship the installer', 'todo', '- [ ] Ship the installer']]);
    const index = 'memory-bank/tasks/_index.md';
    const lines2 = lines('# Tasks Index', '', '## Completed', '- [FEAT-001] Course catalog - Completed November 1, 2025', '', '## Pending', '- [FEAT-004] Export to PDF - Pending');
    expectStatusWrites(index, lines2, ['tasks-folder-index'], [['Course catalog', 'todo', '- [FEAT-001] Course catalog - Pending']]);
  });

  it('writes the mark closing a note in parentheses on a heading (`### Feature: Saved searches (Earlier ✅)`), keeping the note', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Features', '', '### Feature: Saved searches (Earlier ✅)', '- ✅ Save a query', '', '### Funktion: Kalender (Sprint 6 🔄)', '- ✅ Wochenansicht', '- 🔄 Feiertage importieren');
    expectStatusWrites(path, text, ['cursor-tasks', 'checklist'], [
      ['Feature: Saved searches', 'in_progress', '### Feature: Saved searches (Earlier 🔄)'],
      ['Funktion: Kalender', 'done', '### Funktion: Kalender (Sprint 6 ✅)'],
    ]);
  });

  it('writes blocked as a cross closing a note in parentheses (`### Feature: Bulk export (Sprint 6 ❌)`), and reopens it', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Features', '', '### Feature: Bulk export (Sprint 6 🔄)', '- ✅ CSV writer', '', '### Funktion: Kalender (Sprint 7 ❌)', '- ✅ Wochenansicht', '- 🔄 Feiertage importieren');
    expectStatusWrites(path, text, ['cursor-tasks', 'checklist'], [
      ['Feature: Bulk export', 'blocked', '### Feature: Bulk export (Sprint 6 ❌)'],
      ['Funktion: Kalender', 'in_progress', '### Funktion: Kalender (Sprint 7 🔄)'],
    ]);
  });

  it('writes the status after a bold group label over a checklist (`**Phase 2: Enhancement** — 🔄 IN PROGRESS`)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '### Days 3-4: Integration ✅ DONE', '', '**Phase 1: Foundation** ✅ DONE', '- [x] Wire the API client', '', '**Phase 2: Enhancement** — 🔄 IN PROGRESS', '- [x] Notes service', '- [ ] End-to-end test');
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Phase 2: Enhancement', 'done', '**Phase 2: Enhancement** — ✅ DONE'],
      ['Phase 1: Foundation', 'in_progress', '**Phase 1: Foundation** 🔄 IN PROGRESS'],
    ]);
  });

  it('writes over an index line\'s dated status with a note after it, the note kept (`- Completed on 2026-02-07 (domain model)`)', () => {
    const path = 'memory-bank/tasks/_index.md';
    const text = lines('# Tasks Index', '', '## Completed', '- [US-01] Create a rental - Completed on 2026-02-07 (domain model, REST endpoints)', '', '## Pending', '- [US-02] Start a rental - URGENT, Depends on US-01');
    expectStatusWrites(path, text, ['tasks-folder-index'], [
      ['Create a rental', 'todo', '- [US-01] Create a rental - Pending (domain model, REST endpoints)'],
      ['Create a rental', 'in_progress', '- [US-01] Create a rental - In Progress (domain model, REST endpoints)'],
    ]);
  });

  it('keeps the mark\'s status over words saying done that open a bold term\'s description (`**Retry hooks**: ❌ Complete retry handling`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## What Works', '- **Login page**: ✅ Email sign-in', '', "## What's Left to Build", '- **Retry hooks**: ❌ Complete retry lifecycle handling', '- **Queue trait**: 🔄 Backoff rules', '');
    expectStatusWrites(path, text, ['section-list'], [
      ['Retry hooks', 'in_progress', '- **Retry hooks**: 🔄 Complete retry lifecycle handling'],
    ]);
  });

  it('keeps the key of an item under a stage labelled with its status when opening its mark (`## ✅ Completed Sprint: Sprint 2 - Search`)', () => {
    // The file's only open mark turns the status sections' reader on: it must key the item as the reader of its
    // status fields does, by the stage's title without its label.
    const path = 'docs/kanban/sprints.md';
    const text = lines('# Sprints', '', '## 👀 Sprint 3: Reports (In Review)', '', '**Tasks:**', '- 👀 **Weekly report export**', '', '## ✅ Completed Sprint: Sprint 2 - Search', '', '**Status:** ✅ **COMPLETE**', '', '### Sprint Outcomes', '', '1. ✅ **Full-text search**', '   - Postgres tsvector', '', '2. ✅ **Search suggestions**');
    expectStatusWrites(path, text, ['section-list', 'cursor-tasks'], [
      ['Full-text search', 'todo', '1. ⏳ **Full-text search**'],
      ['Search suggestions', 'in_progress', '2. 🔄 **Search suggestions**'],
    ]);
  });

  it('writes a mark its legend explains as the legend does (`## Status Legend` over `- ❌ Not Started`, `- ⚠️ In Progress`)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '## Current Sprint', '', '### High Priority', '- ✅ Draft the pricing page', '- ⚠️ Migrate the mailing list', '- ❌ Record the demo video', '', '## Status Legend', '- ✅ Completed', '- ⚠️ In Progress', '- ❌ Not Started');
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Draft the pricing page', 'todo', '- ❌ Draft the pricing page'],
      ['Draft the pricing page', 'in_progress', '- ⚠️ Draft the pricing page'],
      ['Record the demo video', 'done', '- ✅ Record the demo video'],
      // The legend gives blocked no mark and its own mark (❌) another meaning: a cross it leaves alone, which keeps
      // the item a task as a box does (`🚫` leads a don't as often), drawn as an emoji as the mark it replaces is.
      ['Migrate the mailing list', 'blocked', '- ✗\uFE0F Migrate the mailing list'],
    ]);
  });

  it('writes a status cell with a mark its legend does not give another meaning (`**Legend:** ❌ = cancelled`)', () => {
    const path = 'memory-bank/roadmap.md';
    const text = lines('# Roadmap', '', '**Legend:** ✅ = done · 🔄 = in progress · ❌ = cancelled', '', '| Feature | Status |', '|---|---|', '| Export to CSV | ✅ |', '| Dark theme | 🔄 |');
    expectStatusWrites(path, text, ['task-table'], [
      ['Dark theme', 'cancelled', '| Dark theme | ❌ |'],
      ['Dark theme', 'blocked', '| Dark theme | ✗\uFE0F |'],
      ['Export to CSV', 'in_progress', '| Export to CSV | 🔄 |'],
    ]);
  });

  it('writes such an item with a status mark the file leads items with when no indicator means the status, else refuses', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('# Tasks', '', '| Task | State |', '|---|---|', '| Draft the page | 🟩 Complete |', '', '## Follow-ups', '', '- 🟩 Publish the FAQ', '- ⬜ Order the banner');
    expectStatusWrites(path, text, ['checklist'], [['Publish the FAQ', 'todo', '- ⬜ Publish the FAQ']]);
    const outcome = planOne(path, text, find(readRecords(path, text, ['checklist']), 'Publish the FAQ'), { field: 'status', status: 'in_progress' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:9: no indicator mark of this file means in_progress \(it explains 🟩 done\), so "Publish the FAQ" was left with 🟩/u) });
  });

  // The form is the value alone: never the brackets, the key or the remark written around another item's value.
  const cases: ReadonlyArray<readonly [name: string, path: string, text: string, writes: readonly StatusCase[]]> = [
    [
      "takes the value of another item's keyed group, not its closing bracket or its key",
      'memory-bank/tasks.md',
      lines(
        '# Tasks',
        '',
        '- Subtask 3.1: Rotate the keys (Status: in progress)',
        '- Subtask 3.2: Renew the keys (Status: completed) ✅',
        '- Subtask 3.3: Tag the release (Status: Pending)',
        '- Subtask 3.4: Patch the parser (owner: Bo, status: blocked)',
      ),
      [
        ['Rotate the keys', 'todo', '- Subtask 3.1: Rotate the keys (Status: Pending)'],
        ['Tag the release', 'in_progress', '- Subtask 3.3: Tag the release (Status: in progress)'],
        ['Tag the release', 'done', '- Subtask 3.3: Tag the release (Status: completed)'],
        ['Renew the keys', 'in_progress', '- Subtask 3.2: Renew the keys (Status: in progress) ✅'],
        ['Rotate the keys', 'blocked', '- Subtask 3.1: Rotate the keys (Status: blocked)'],
      ],
    ],
    [
      'takes the value of a status in brackets or after a colon without what closes it',
      'memory-bank/tasks.md',
      lines('# Tasks', '', '- Write the importer [Status: In Progress]', '- Rate limiting: not started (needs the gateway)', '- Add the exporter (Status: Done)'),
      [
        ['Add the exporter', 'in_progress', '- Add the exporter (Status: In Progress)'],
        ['Add the exporter', 'todo', '- Add the exporter (Status: not started)'],
      ],
    ],
    [
      'does not take a stage word another item closes with (`— testing` names the kind of work, not its status)',
      'memory-bank/progress.md',
      lines('# Progress', '', '- Export to PDF — done', '- Check the forms — testing'),
      [['Export to PDF', 'in_progress', '- Export to PDF — in progress']],
    ],
    [
      "keeps a status word opening an item in capitals, whatever form the file's other values take (`Pending:` would be title)",
      'memory-bank/progress.md',
      lines('# Progress', '', '- Export to PDF — Pending', '* DONE: Axis labels in French', '- [ ] TODO: Write the notes'),
      [
        ['Axis labels in French', 'todo', '* PENDING: Axis labels in French'],
        ['Axis labels in French', 'in_progress', '* IN PROGRESS: Axis labels in French'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, path, text, writes) => {
    expectStatusWrites(path, text, ['cursor-tasks'], writes);
  });
});

describe('planEdits: Taskmaster task files', () => {
  it('writes a subtask\'s status in Taskmaster\'s words (`[in-progress]`; `[in progress]` is no Taskmaster status)', () => {
    const path = '.taskmaster/tasks/task_001.txt';
    const text = lines('# Task ID: 1', '# Title: Set up CI', '# Status: pending', '', '# Subtasks:', '## 1. Add the workflow [done]', '### Details:', 'Lint.', '', '## 2. Branch protection [pending]', '### Details:', 'Protect main.');
    expectStatusWrites(path, text, ['taskmaster-md'], [
      ['Branch protection', 'in_progress', '## 2. Branch protection [in-progress]'],
      ['Add the workflow', 'blocked', '## 1. Add the workflow [blocked]'],
    ]);
  });
});

describe('planEdits: priority and due date', () => {
  it('edits a due date and priority written on the item line after a dash, a bar or in its group, colon or not', () => {
    const path = 'TODO.md';
    const text = lines(
      '# Todo',
      '',
      '- [ ] Fix the flaky upload test — due: 2025-06-01',
      '- [ ] Ship v2 | priority: high | due: 2025-07-01',
      '- [ ] Review the spec (owner: Bo, due 2025-06-03)',
      '- [ ] Publish it (due 2025-09-15)',
      '- [ ] Patch it — due by 2025-09-01',
    );
    const records = readRecords(path, text, ['cursor-tasks']);
    const due = { field: 'due', date: '2025-08-01' } as const;
    expect(write(path, text, find(records, 'Fix the flaky upload test'), due)).toContain('- [ ] Fix the flaky upload test — due: 2025-08-01\n');
    expect(write(path, text, find(records, 'Ship v2'), due)).toContain('- [ ] Ship v2 | priority: high | due: 2025-08-01\n');
    expect(write(path, text, find(records, 'Ship v2'), { field: 'priority', priority: 4 })).toContain('- [ ] Ship v2 | priority: critical | due: 2025-07-01\n');
    expect(write(path, text, find(records, 'Review the spec'), due)).toContain('- [ ] Review the spec (owner: Bo, due 2025-08-01)\n');
    expect(write(path, text, find(records, 'Publish it'), due)).toContain('- [ ] Publish it (due 2025-08-01)\n');
    expect(write(path, text, find(records, 'Patch it'), due)).toContain('- [ ] Patch it — due by 2025-08-01\n');
  });

  it('edits keyed fields closing an item with their keys in bold, each value up to the next key', () => {
    const path = 'TODO.md';
    const text = lines(
      '# Todo',
      '',
      '## Release 2.1',
      '',
      '- Tune the image cache **Priority:** High **Status:** Blocked',
      '- Migrate the billing jobs. **Status:** In Progress **Owner:** Priya',
      '- [ ] Review the Q3 budget **Due:** 2025-09-01',
    );
    const records = readRecords(path, text, ['cursor-tasks']);
    expect(write(path, text, find(records, 'Tune the image cache'), { field: 'priority', priority: 4 })).toContain('- Tune the image cache **Priority:** Critical **Status:** Blocked\n');
    expect(write(path, text, find(records, 'Tune the image cache'), { field: 'status', status: 'done' })).toMatch(/- Tune the image cache \*\*Priority:\*\* High \*\*Status:\*\* Done\n/u);
    expect(write(path, text, find(records, 'Migrate the billing jobs'), { field: 'status', status: 'done' })).toMatch(/- Migrate the billing jobs\. \*\*Status:\*\* Done \*\*Owner:\*\* Priya\n/u);
    expect(write(path, text, find(records, 'Review the Q3 budget'), { field: 'due', date: '2025-10-01' })).toContain('- [ ] Review the Q3 budget **Due:** 2025-10-01\n');
  });

  it('reads and edits a due date without a colon whatever its case (`— Due 2025-09-01`, `(DUE 2025-09-15)`)', () => {
    const path = 'TODO.md';
    const text = lines('# Todo', '', '- [ ] Freeze the schema — Due 2025-09-01', '- [ ] Publish it (DUE 2025-09-15)');
    const records = readRecords(path, text, ['cursor-tasks']);
    expect(records.map((record) => [record.title, record.dates.due])).toEqual([
      ['Freeze the schema', '2025-09-01'],
      ['Publish it', '2025-09-15'],
    ]);
    const due = { field: 'due', date: '2025-10-01' } as const;
    expect(write(path, text, find(records, 'Freeze the schema'), due)).toContain('- [ ] Freeze the schema — Due 2025-10-01\n');
    expect(write(path, text, find(records, 'Publish it'), due)).toContain('- [ ] Publish it (DUE 2025-10-01)\n');
  });

  it('refuses a priority or due date the item does not write, and removing one', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('- [ ] one');
    const record = find(readRecords(path, text, ['checklist']), 'one');
    const priority = planOne(path, text, record, { field: 'priority', priority: 3 });
    expect(priority.ok ? '' : priority.reason).toMatch(/^memory-bank\/tasks\.md:1: "one" has no priority written in the file/u);
    const due = planOne(path, text, record, { field: 'due', date: '2026-03-12' });
    expect(due.ok ? '' : due.reason).toMatch(/^memory-bank\/tasks\.md:1: "one" has no due date written in the file/u);
  });

  it('writes an empty priority cell of a table that has a Priority column', () => {
    const path = 'memory_bank/tasks/sprint.md';
    const text = lines('| ID | Task | Priority | Status |', '|----|------|----------|--------|', '| A-1 | One | High | Todo |', '| A-2 | Two |  | Todo |');
    const record = find(readRecords(path, text, ['task-table'], { kind: 'task-table' }), 'Two');
    expect(write(path, text, record, { field: 'priority', priority: 1 })).toContain('| A-2 | Two | Low | Todo |');
  });

  it('refuses removing a priority, and a tasks.json task without the key', () => {
    const path = '.taskmaster/tasks/tasks.json';
    const text = '{"master":{"tasks":[{"id":"1","title":"One","status":"pending","priority":"high"}]}}\n';
    const record = find(readRecords(path, text, ['taskmaster-json']), 'One');
    expect(planOne(path, text, record, { field: 'priority', priority: null }).ok).toBe(false);
    const due = planOne(path, text, record, { field: 'due', date: '2026-03-12' });
    expect(due.ok ? '' : due.reason).toMatch(/has no "dueDate" key, so its due was not written \(write-back never re-serialises the JSON\)/u);
  });
});

describe('planEdits: values inside longer text', () => {
  it('edits only the status words heading a prose cell', () => {
    const path = 'memory-bank/progress.md';
    const text = lines(
      '| ID | Task | Status |',
      '|----|------|--------|',
      '| TASK-002 | Fix the canvas | Fixed — removed the outer provider, switched the canvas to plain state, kept the selectors |',
      '| TASK-003 | Ship | Pending |',
    );
    const record = find(readRecords(path, text, ['task-table'], { kind: 'task-table' }), 'Fix the canvas');
    expect(write(path, text, record, { field: 'status', status: 'todo' })).toContain('| Pending — removed the outer provider, switched');
  });

  it('keeps the prose after a short status and the words of a status with its percentage', () => {
    const path = 'memory_bank/progress/issues-backlog.md';
    const text = lines(
      '## Current Issues',
      '',
      '### Memory utilization high',
      '**Status**: Blocked - vendor must answer',
      '',
      '### Redis persistence error',
      '**Status**: RESOLVED',
    );
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Memory utilization high');
    expect(record.status.canonical).toBe('blocked');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('**Status**: RESOLVED - vendor must answer');
    const task = lines('# TASK009 - Models', '', '**Status:** Pending', '', '## Progress Tracking', '', '**Overall Status:** Not Started - 0%', '', '**Overall Status:** Completed - 100%');
    const model = find(readRecords('memory-bank/tasks/TASK009-models.md', task, ['tasks-folder-task'], { kind: 'task-document' }), 'Models');
    expect(write('memory-bank/tasks/TASK009-models.md', task, model, { field: 'status', status: 'done' })).toContain('**Status:** Completed\n');
  });

  it('edits a status closing a heading, and refuses one that is part of its words', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines(
      '# Aktive Aufgaben',
      '',
      '### Watchdog-System (ABGESCHLOSSEN)',
      '- [x] Analysiere das Startverhalten',
      '- [x] Implementiere die Neustartlogik',
      '',
      '### Export-Modul (NÄCHSTE AUFGABE)',
      '- [ ] Entwerfe das Datenformat',
    );
    const record = find(readRecords(path, text, ['cursor-tasks']), 'Watchdog-System');
    expect(record.status).toMatchObject({ from: 'heading', canonical: 'done' });
    expect(write(path, text, record, { field: 'status', status: 'todo' })).toContain('### Watchdog-System (NÄCHSTE AUFGABE)');
    // The record as the parser gives it for `## Next: TASK-003 — …` (FORMATS #19): the status opens the heading.
    const heading = lines('# Tasks', '', '## Next: TASK-003 — Project skeleton', '**Complexity:** Low');
    const next: TaskRecord = { ...record, key: 'memory-bank/tasks.md#TASK-003', title: 'TASK-003 · Project skeleton', source: { path, line: 3, anchor: 'TASK-003' }, status: { canonical: 'todo', raw: 'Next', from: 'heading' } };
    const outcome = planOne(path, heading, next, { field: 'status', status: 'done' });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/^memory-bank\/tasks\.md:3: the status "Next" of "TASK-003 · Project skeleton" is part of its heading's words/u);
  });

  it('a status written after the checkbox item changes with the box', () => {
    const path = 'memory_bank/tasks.md';
    const text = lines('## 优化与测试阶段', '- [ ] 编写单元测试', '  - [ ] 目标管理API测试 (未开始)', '  - [x] 统计分析模块测试 (已完成)');
    const record = find(readRecords(path, text, ['checklist']), '目标管理API测试');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('  - [x] 目标管理API测试 (已完成)');
  });

  it('leaves a trailing word that does not say the same as the box (`- PLAN` is a mode, not this item’s status)', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('## Status', '- [x] Technology validation complete - PLAN', '- [ ] Write the importer');
    const record = find(readRecords(path, text, ['checklist']), 'Technology validation complete - PLAN');
    expect(record.status.canonical).toBe('done');
    expect(write(path, text, record, { field: 'status', status: 'todo' })).toContain('- [ ] Technology validation complete - PLAN');
  });

  it('ticks with the mark of the nearest done checkbox in a file that mixes [x] and [X]', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines('## Old', '- [X] Alpha task', '- [X] Beta task', '- [X] Gamma task', '', '## New', '- [x] Delta task', '- [ ] Epsilon task');
    const record = find(readRecords(path, text, ['checklist']), 'Epsilon task');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('- [x] Epsilon task');
  });
});

describe('planEdits: a document that is one task', () => {
  it('writes its frontmatter priority when its status comes from a bold field', () => {
    const path = 'memory_bank/strategies/wave-4.md';
    const text = lines('---', 'title: Wave 4', 'priority: P1', 'owner: Ana', '---', '', '# Wave 4', '', '**Status**: Active | **Start**: 2026-03-08', '', 'Body.');
    const record = find(readRecords(path, text, ['frontmatter-task'], { kind: 'task-document' }), 'Wave 4');
    expect([record.status.from, record.priority.raw]).toEqual(['bold-field', 'P1']);
    expect(write(path, text, record, { field: 'priority', priority: 2 })).toContain('\npriority: P2\n');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('**Status**: Done | **Start**: 2026-03-08');
  });
});

describe('planEdits: key/value tables, and the words of the languages a file is written in', () => {
  it('edits the status and priority rows of a key/value table in a task file, keeping the emoji style', () => {
    const path = 'memory-bank/tasks/TASK021-reset.md';
    const text = lines('# TASK021 - Reset', '', '| Field | Value |', '|---|---|', '| **Status** | 🚧 In Progress |', '| Priority | High |', '');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Reset');
    expect(record.status.canonical).toBe('in_progress');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain('| **Status** | ✅ Done |');
    expect(write(path, text, record, { field: 'priority', priority: 1 })).toContain('| Priority | Low |');
  });

  it('edits a key/value table whose header row is the status pair', () => {
    const path = 'memory-bank/tasks/TASK022-audit.md';
    const text = lines('# TASK022 - Audit', '', '| Status | In Progress |', '|---|---|', '| Priority | Low |', '');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Audit');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toBe(lines('# TASK022 - Audit', '', '| Status | Done |', '|---|---|', '| Priority | Low |', ''));
  });

  it('reads and rewrites a due field the way the file writes its dates (day first: 01/03/2025 is 1 March)', () => {
    const path = 'memory-bank/tasks/TASK032-x.md';
    const text = lines('# TASK032 - Launch', '', '**Status:** In Progress', '**Started:** 15/02/2025', '**Due:** 01/03/2025', '');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), 'Launch');
    expect(record.dates).toMatchObject({ due: '2025-03-01', start: '2025-02-15' });
    expect(write(path, text, record, { field: 'due', date: '2025-03-20' })).toContain('**Due:** 20/03/2025');
  });

  it.each([
    ['Portuguese', 'Exportar', '**Status:** Em andamento', 'Os passos do projeto e o estado de cada uma das tarefas que não foram feitas.', '**Status:** Concluído'],
    ['Italian', 'Esportare', '**Stato:** In corso', 'Il elenco delle attività del progetto, con lo stato di ogni attività che non è finita.', '**Stato:** Completato'],
    ['Dutch', 'Exporteren', '**Status:** Bezig', 'De lijst van taken voor het project, met de status van elke taak die niet klaar is.', '**Status:** Afgerond'],
    ['Korean', '내보내기', '**상태:** 진행 중', '프로젝트의 작업 목록입니다. 진행 중인 작업과 완료된 작업을 모두 적습니다.', '**상태:** 완료'],
  ])('writes a %s status word in a file written in that language', (_language, title, field, prose, written) => {
    const path = 'memory-bank/tasks/TASK031-x.md';
    const text = lines(`# TASK031 - ${title}`, '', field, '', prose, '');
    const record = find(readRecords(path, text, ['tasks-folder-task'], { kind: 'task-document' }), title);
    expect(record.status.canonical).toBe('in_progress');
    expect(write(path, text, record, { field: 'status', status: 'done' })).toContain(written);
  });
});

describe('planEdits: Cursor plan todos (frontmatter `todos:` entries)', () => {
  const path = '.cursor/plans/export_1a2b3c4d.plan.md';
  const text = lines(
    '---',
    'name: Export',
    'todos:',
    '  - id: csv',
    '    content: Write the CSV exporter',
    '    status: pending',
    '  - id: json',
    '    content: Write the JSON exporter',
    '    status: "pending"',
    '  - id: docs',
    '    content: Document both',
    '    status: in_progress',
    '---',
    '',
    '# Export',
  );
  const records = readRecords(path, text, ['cursor-plan']);

  it("writes the status into the todo's own entry, not into an earlier one holding the same word, keeping its quotes", () => {
    const written = write(path, text, find(records, 'Write the JSON exporter'), { field: 'status', status: 'done' });
    expect(written).toBe(text.replace('    status: "pending"', '    status: "completed"'));
  });

  it("uses the word another todo of the file writes for the status (Cursor's own otherwise)", () => {
    expect(write(path, text, find(records, 'Write the CSV exporter'), { field: 'status', status: 'in_progress' })).toContain(
      '    content: Write the CSV exporter\n    status: in_progress\n',
    );
    expect(write(path, text, find(records, 'Document both'), { field: 'status', status: 'cancelled' })).toContain('    content: Document both\n    status: cancelled\n');
  });

  it('refuses a status a Cursor todo cannot say, naming the file, the line and the todo', () => {
    const outcome = planOne(path, text, find(records, 'Document both'), { field: 'status', status: 'blocked' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^\.cursor\/plans\/export_1a2b3c4d\.plan\.md:10: .*"Document both" cannot say blocked/u) });
  });
});

describe('planEdits: items struck through', () => {
  const path = 'memory-bank/todo.md';
  const text = lines('# TODO', '', '- ~~Move the CI~~', '- Rotate the password');
  const checklist = lines('# Tasks', '', '## Later', '', '- [ ] ~~Support IE~~');

  it('refuses to reopen a crossed-off item (write-back adds or removes no ~~), naming the file and line', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    expect(find(records, 'Move the CI').status.canonical).toBe('done');
    const outcome = planOne(path, text, find(records, 'Move the CI'), { field: 'status', status: 'todo' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/todo\.md:3: .*struck through/u) });
  });

  it('ticks the open box of a dropped item marked done in Vikunja', () => {
    const records = readRecords(path, checklist, ['cursor-tasks']);
    expect(find(records, 'Support IE').status.canonical).toBe('cancelled');
    expect(write(path, checklist, find(records, 'Support IE'), { field: 'status', status: 'done' })).toContain('- [x] ~~Support IE~~');
  });
});

describe('planEdits: task lists kept as data', () => {
  const yamlPath = 'memory-bank/queue.yaml';
  const yaml = lines(
    'now:',
    '  - id: Q-1',
    '    title: Rotate the keys',
    '    subtasks:',
    '      - title: Publish the key',
    '        status: pending',
    '    status: in_progress',
    '    due_date: 2026-03-01 (soft)',
    '  - id: Q-2',
    '    title: Freeze the API',
    '    done: false',
    '',
  );
  const records = readRecords(yamlPath, yaml, ['data-list']);

  it("writes an item's own status, never that of a subtask listed above it, in the file's words", () => {
    const out = write(yamlPath, yaml, find(records, 'Rotate the keys'), { field: 'status', status: 'todo' });
    expect(out.split('\n').slice(5, 7)).toEqual(['        status: pending', '    status: pending']);
  });

  it('replaces only the date in a due value, and refuses a priority the item has no key for (write-back adds no keys)', () => {
    expect(write(yamlPath, yaml, find(records, 'Rotate the keys'), { field: 'due', date: '2026-04-01' })).toContain('    due_date: 2026-04-01 (soft)');
    expect(planOne(yamlPath, yaml, find(records, 'Rotate the keys'), { field: 'priority', priority: 3 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^memory-bank\/queue\.yaml:2: the item "Q-1 · Rotate the keys" has no priority: key/u),
    });
  });

  it('flips a done flag, and refuses a status a flag cannot say', () => {
    expect(write(yamlPath, yaml, find(records, 'Freeze the API'), { field: 'status', status: 'done' })).toContain('    done: true');
    expect(planOne(yamlPath, yaml, find(records, 'Freeze the API'), { field: 'status', status: 'in_progress' })).toEqual({
      ok: false,
      reason: expect.stringContaining('says whether it is done with a true/false flag, which cannot say in_progress'),
    });
  });

  it('finds a JSON Lines item by the line it opens on, and refuses when the file no longer has it there', () => {
    const path = 'memory-bank/issues.jsonl';
    const text = lines('{"id":"a-1","title":"Back up","status":"open"}', '{"id":"a-2","title":"Restore","status":"open"}', '');
    const log = readRecords(path, text, ['data-list']);
    expect(write(path, text, find(log, 'Restore'), { field: 'status', status: 'done' })).toBe(text.replace('"Restore","status":"open"', '"Restore","status":"done"'));
    const moved = lines('', '', '{"id":"a-2","title":"Restore","status":"open"}', '');
    expect(planOne(path, moved, find(log, 'Restore'), { field: 'status', status: 'done' })).toEqual({
      ok: false,
      reason: expect.stringContaining('no item opens on this line any more'),
    });
  });
});

describe('planEdits: status maps kept as data', () => {
  const path = '_bmad-output/implementation-artifacts/sprint-status.yaml';
  const text = lines('development_status:', '  epic-1: in-progress', '  1-1-palette: done', "  '1-2-night-mode': backlog   # after the icons", '  1-3-export: review', '');
  const records = readRecords(path, text, ['status-map']);

  it("writes the entry's own value in the word another entry uses, keeping quotes and comment", () => {
    expect(write(path, text, find(records, 'Night mode'), { field: 'status', status: 'done' })).toBe(text.replace("'1-2-night-mode': backlog", "'1-2-night-mode': done"));
    // No entry says todo but itself: the word is made in the map's style.
    expect(write(path, text, find(records, 'Palette'), { field: 'status', status: 'todo' })).toBe(text.replace('1-1-palette: done', '1-1-palette: backlog'));
  });

  it('refuses when the entry is no longer on its line, or its status is written under it', () => {
    const moved = lines('development_status:', '  1-1-palette: done', '  epic-1: in-progress', '');
    expect(planOne(path, moved, find(records, 'Palette'), { field: 'status', status: 'todo' })).toEqual({ ok: false, reason: expect.stringContaining('is not on this line of the status map') });
    const nested = lines('statuses:', '  TASK-1:', '    status: done', '  TASK-2: todo', '  TASK-3: blocked', '');
    const nestedRecords = readRecords('status.yaml', nested, ['status-map']);
    expect(planOne('status.yaml', nested, find(nestedRecords, 'TASK-1'), { field: 'status', status: 'todo' })).toEqual({ ok: false, reason: expect.stringContaining('the status is written under the entry') });
  });
});

describe('planEdits: TaskPaper tags closing an item', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Tasks',
    '',
    '## Website',
    '',
    '- [ ] Move the blog to the new host @wip',
    '- [ ] Patch the upload form @blocked @lee',
    '- Ask Dana about the logo @waiting',
    '- [ ] Write the pricing FAQ @due(2025-10-01) @priority(medium)',
    '- [ ] Redesign the landing page @high @est(2h)',
    '- Archive the old newsletters @done(2025-08-20)',
  );

  it('writes a status into its tag, or ticks the box and drops a tag the box now says', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Move the blog to the new host', 'done', '- [x] Move the blog to the new host'],
      ['Move the blog to the new host', 'todo', '- [ ] Move the blog to the new host'],
      ['Move the blog to the new host', 'blocked', '- [ ] Move the blog to the new host @blocked'],
      ['Patch the upload form', 'in_progress', '- [ ] Patch the upload form @wip @lee'],
      ['Ask Dana about the logo', 'done', '- Ask Dana about the logo @done'],
    ]);
  });

  it('writes a priority and a due date into their tags', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    const faq = find(records, 'Write the pricing FAQ');
    expect(write(path, text, faq, { field: 'priority', priority: 4 })).toContain('- [ ] Write the pricing FAQ @due(2025-10-01) @priority(critical)\n');
    expect(write(path, text, faq, { field: 'due', date: '2025-11-15' })).toContain('- [ ] Write the pricing FAQ @due(2025-11-15) @priority(medium)\n');
    const landing = find(records, 'Redesign the landing page');
    const written = write(path, text, landing, { field: 'priority', priority: 1 });
    expect(written).toMatch(/- \[ \] Redesign the landing page @\w+ @est\(2h\)\n/u);
    expect(find(readRecords(path, written, ['cursor-tasks']), 'Redesign the landing page')).toMatchObject({ key: landing.key, priority: { value: 1 } });
  });

  it('refuses to reopen an item whose only status is its @done tag, naming file and line', () => {
    const archive = find(readRecords(path, text, ['cursor-tasks']), 'Archive the old newsletters');
    const outcome = planOne(path, text, archive, { field: 'status', status: 'todo' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toContain('memory-bank/tasks.md:10');
  });
});

describe('planEdits: indicator marks the file explains as priorities', () => {
  const path = 'memory-bank/progress.md';
  const text = lines('# Progress', '', 'Priority: 🔴 high · 🟡 medium · 🟢 low', '', '- [ ] 🔴 Patch the login bug', '- [ ] 🟡️ Update the dependencies');
  const records = readRecords(path, text, ['checklist']);

  it("writes the legend's mark for the new priority, and the item keeps its key", () => {
    const bug = find(records, 'Patch the login bug');
    const written = write(path, text, bug, { field: 'priority', priority: 1 });
    expect(written).toContain('\n- [ ] 🟢 Patch the login bug\n');
    expect(find(readRecords(path, written, ['checklist']), 'Patch the login bug')).toMatchObject({ key: bug.key, priority: { value: 1 } });
    // A variation selector after the mark goes with it.
    expect(write(path, text, find(records, 'Update the dependencies'), { field: 'priority', priority: 3 })).toContain('\n- [ ] 🔴 Update the dependencies');
  });

  it('refuses a priority no mark of the legend means, naming file, line and the marks it explains', () => {
    const outcome = planOne(path, text, find(records, 'Patch the login bug'), { field: 'priority', priority: 5 });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toContain('memory-bank/progress.md:5: no indicator mark of this file means priority 5 (it explains 🔴 3, 🟡 2, 🟢 1)');
  });
});

describe('planEdits: a status with a note after it', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Tasks',
    '',
    '## Mobile',
    '',
    '- [ ] Contacts export (blocked — waiting on IT)',
    '- [ ] Push alerts — in progress, Android first',
    '- [x] Offline mode — done, shipped in 2.3',
    '- Saved cards — Merged, waiting for the release',
    '- Refund emails: done, checked on staging',
  );

  it('writes the new status over the status words, the note kept, the box set with it', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Contacts export', 'done', '- [x] Contacts export (Done — waiting on IT)'],
      ['Contacts export', 'in_progress', '- [ ] Contacts export (In Progress — waiting on IT)'],
      ['Push alerts', 'done', '- [x] Push alerts — Done, Android first'],
      ['Push alerts', 'todo', '- [ ] Push alerts — Pending, Android first'],
      ['Offline mode', 'todo', '- [ ] Offline mode — Pending, shipped in 2.3'],
      ['Saved cards', 'todo', '- Saved cards — Pending, waiting for the release'],
      ['Refund emails', 'blocked', '- Refund emails: Blocked, checked on staging'],
    ]);
  });
});

describe('planEdits: a status with the share done after it in a group', () => {
  const path = 'memory-bank/progress.md';
  const text = lines('# Progress', '', '## Features', '', '- [ ] Billing reminders (blocked - 20%)', '- [ ] 动画优化（进行中 - 30%）', '- Sync engine (in progress - 25%)');

  it('writes the new status over the status words, the share kept', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Billing reminders', 'todo', '- [ ] Billing reminders (pending - 20%)'],
      ['Billing reminders', 'done', '- [x] Billing reminders (done - 20%)'],
      ['动画优化', 'done', '- [x] 动画优化（已完成 - 30%）'],
      ['Sync engine', 'blocked', '- Sync engine (blocked - 25%)'],
    ]);
  });
});

describe('planEdits: an index line whose share done gives its status', () => {
  const path = 'memory-bank/tasks/_index.md';
  const text = lines('# Tasks Index', '', '## New Tasks', '- [TASK018] Cache warmup - Prime the caches on deploy (70% Complete)');

  it('writes the new status over the share, and another than done or in progress reads back', () => {
    expectStatusWrites(path, text, ['tasks-folder-index'], [
      ['TASK018 · Cache warmup', 'done', '- [TASK018] Cache warmup - Prime the caches on deploy (Done)'],
      ['TASK018 · Cache warmup', 'blocked', '- [TASK018] Cache warmup - Prime the caches on deploy (Blocked)'],
    ]);
  });
});

describe('planEdits: a heading task under a section of work not done', () => {
  const path = 'memory-bank/progress.md';
  const text = lines('# Progress', '', "## What's Left to Build", '', '### ❌ Step handler', '- ❌ Step trait', '', '### Queue abstraction 🔄', '- [ ] Queue trait');

  it('writes blocked on its mark with its word in capitals, which a cross alone there would read as todo', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Step handler', 'blocked', '### ❌ BLOCKED Step handler'],
      ['Step handler', 'done', '### ✅ Step handler'],
      ['Queue abstraction', 'blocked', '### Queue abstraction ❌ BLOCKED'],
    ]);
  });
});

describe('planEdits: dropped work beside a box, and a status in brackets closing an item', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Tasks',
    '',
    '## Release',
    '',
    '- [x] Support Internet Explorer 11 (cancelled)',
    '- [ ] Publish the Windows installer — cancelled',
    '- [x] CANCELLED: Print the flyers',
    '- [ ] Send the customer survey [CANCELLED]',
    '- [ ] Ship the release notes [WIP]',
  );

  it('opens or ticks the box and drops the word, or opens the box and replaces the word with a status only the open box carries', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Support Internet Explorer 11', 'todo', '- [ ] Support Internet Explorer 11'],
      ['Support Internet Explorer 11', 'done', '- [x] Support Internet Explorer 11'],
      ['Support Internet Explorer 11', 'in_progress', '- [ ] Support Internet Explorer 11 (in progress)'],
      ['Publish the Windows installer', 'done', '- [x] Publish the Windows installer'],
      ['Print the flyers', 'todo', '- [ ] Print the flyers'],
      ['Print the flyers', 'blocked', '- [ ] BLOCKED: Print the flyers'],
      ['Send the customer survey', 'done', '- [x] Send the customer survey'],
      ['Ship the release notes', 'done', '- [x] Ship the release notes'],
      ['Ship the release notes', 'blocked', '- [ ] Ship the release notes [BLOCKED]'],
    ]);
  });
});

describe('planEdits: a status after a colon closing a box\'s item', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Tasks',
    '',
    '## Checkout',
    '',
    '- [ ] Apple Pay button: blocked',
    '- [x] Guest checkout: done',
    '- [ ] Gift wrapping: blocked (waiting on the vendor)',
    '- [x] Delivery slots: pending',
    '- [ ] Express shipping: done',
  );

  it('sets the box and drops the colon and word, or replaces the word with a status only the open box carries', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Apple Pay button', 'done', '- [x] Apple Pay button'],
      ['Apple Pay button', 'todo', '- [ ] Apple Pay button'],
      ['Apple Pay button', 'in_progress', '- [ ] Apple Pay button: in progress'],
      ['Guest checkout', 'todo', '- [ ] Guest checkout: pending'],
      ['Gift wrapping', 'in_progress', '- [ ] Gift wrapping: in progress (waiting on the vendor)'],
      ['Gift wrapping', 'done', '- [x] Gift wrapping: done (waiting on the vendor)'],
    ]);
  });

  it('refuses to set a box to the status a title closing with a colon states against it, naming the word', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    expect(planOne(path, text, find(records, 'Delivery slots: pending'), { field: 'status', status: 'todo' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^memory-bank\/tasks\.md:8: the title of "Delivery slots: pending" closes with "pending", which would read as its status/u),
    });
    expect(planOne(path, text, find(records, 'Express shipping: done'), { field: 'status', status: 'done' })).toMatchObject({ ok: false });
  });
});

describe('planEdits: a due date written with its month\'s name', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines('# Tasks', '', '## Launch', '', '- [ ] Book the venue (due Sep 23, 2025)', '- [ ] Send the invites (due: October 2, 2025)', '- [ ] Thank the speakers (owner: Bo, due: October 12, 2025)');

  it('replaces the whole date, its comma and year included, in the form written, and the item reads the new date with its key', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    const cases: [string, string][] = [
      ['Book the venue', '- [ ] Book the venue (due Jan 15, 2026)'],
      ['Send the invites', '- [ ] Send the invites (due: January 15, 2026)'],
      ['Thank the speakers', '- [ ] Thank the speakers (owner: Bo, due: January 15, 2026)'],
    ];
    for (const [title, line] of cases) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'due', date: '2026-01-15' });
      expect(written.split('\n')).toContain(line);
      expect(find(readRecords(path, written, ['cursor-tasks']), title)).toMatchObject({ key: record.key, dates: { due: '2026-01-15' } });
    }
  });
});

describe('planEdits: a due date written in the form the file writes dates', () => {
  it('writes the day, month and year where the date replaced wrote them, in its order, padding and language', () => {
    const path = 'memory-bank/tasks.md';
    const cases: [string, string, string][] = [
      ['- [ ] Renew the lease **Due:** 31.03.2026', '2026-04-05', '- [ ] Renew the lease **Due:** 05.04.2026'],
      ['- [ ] Renew the lease (due 3/31/2026)', '2026-04-15', '- [ ] Renew the lease (due 4/15/2026)'],
      ['- [ ] Renew the lease (due: 30/04/2026, owner: Bo)', '2026-05-20', '- [ ] Renew the lease (due: 20/05/2026, owner: Bo)'],
      // `02/05/2026` alone would read as 5 February (the only date saying day first gone): ISO, which reads one way.
      ['- [ ] Renew the lease (due: 30/04/2026, owner: Bo)', '2026-05-02', '- [ ] Renew the lease (due: 2026-05-02, owner: Bo)'],
      ['- [ ] Renouveler le bail (échéance 2 octobre 2026)', '2026-12-24', '- [ ] Renouveler le bail (échéance 24 décembre 2026)'],
      ['- [ ] Renew the lease — due 30 September 2026', '2026-11-04', '- [ ] Renew the lease — due 4 November 2026'],
    ];
    for (const [item, date, line] of cases) {
      const text = lines('# Tasks', '', item);
      const record = readRecords(path, text, ['cursor-tasks'])[0];
      if (record === undefined) throw new Error(`no record in ${item}`);
      const written = write(path, text, record, { field: 'due', date });
      expect(written.split('\n')).toContain(line);
      expect(find(readRecords(path, written, ['cursor-tasks']), record.title)).toMatchObject({ key: record.key, dates: { due: date } });
    }
  });
});

describe('planEdits: reopening an item closed with the date it was finished', () => {
  it('writes the open status over a dated status written in another language\'s form (`(erledigt am 03.02.2025)`, `（已完成 2025年2月3日）`)', () => {
    expectStatusWrites('memory-bank/tasks.md', lines('# Aufgaben', '', '- [x] Rechnungen exportieren (erledigt am 03.02.2025)', '- [x] 添加日志（已完成 2025年2月3日）'), ['checklist'], [
      ['Rechnungen exportieren', 'todo', '- [ ] Rechnungen exportieren (pending)'],
      ['添加日志', 'todo', '- [ ] 添加日志（未开始）'],
    ]);
  });

  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Tasks',
    '',
    '- [x] Build the importer — completed on 2025-03-01',
    '- [x] Write the migration guide ✅ DONE (2025-03-04)',
    '- [x] Record the demo - Done 2025-03-05',
    '- [x] Map the labels ✅ Completed',
    '- [x] Single sign-on, done 2025-03-06',
    '- [x] Two-factor login ✔ 2025-03-12',
  );

  it('clears the box and drops the status written on the title with its date, dash, mark or comma: the key stays', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Build the importer', 'todo', '- [ ] Build the importer'],
      ['Write the migration guide', 'todo', '- [ ] Write the migration guide'],
      ['Record the demo', 'todo', '- [ ] Record the demo'],
      ['Map the labels', 'todo', '- [ ] Map the labels'],
      ['Single sign-on', 'todo', '- [ ] Single sign-on'],
      ['Two-factor login', 'todo', '- [ ] Two-factor login'],
    ]);
  });
});

describe('planEdits: a due date a planned status names', () => {
  it('replaces the day an item is planned or scheduled for (`(planned for 2025-09-06)`), which the parser reads as its due date', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Next up', '', '- [ ] Gift cards (planned for 2025-09-06)', '- [ ] Vouchers — scheduled for 2025-10-01');
    const records = readRecords(path, text, ['cursor-tasks']);
    for (const [title, line] of [
      ['Gift cards', '- [ ] Gift cards (planned for 2026-01-15)'],
      ['Vouchers', '- [ ] Vouchers — scheduled for 2026-01-15'],
    ] as const) {
      const record = find(records, title);
      const written = write(path, text, record, { field: 'due', date: '2026-01-15' });
      expect(written.split('\n')).toContain(line);
      expect(find(readRecords(path, written, ['cursor-tasks']), title)).toMatchObject({ key: record.key, status: record.status, dates: { due: '2026-01-15' } });
    }
  });
});

describe('planEdits: marks written as GitHub shortcodes', () => {
  const path = 'memory-bank/progress.md';
  const text = lines(
    '# Progress',
    '',
    '## Features',
    '- :white_check_mark: Episode downloads',
    '- :construction: Chapter markers',
    '- Transcripts :hourglass_flowing_sand:',
    '- ⏳ Sleep timer',
    '',
    '| Milestone | Status |',
    '|-----------|--------|',
    '| Private beta | :white_check_mark: Done |',
    '| Public beta | :construction: |',
  );

  it('replaces the whole shortcode with the shortcode of the new mark, leaving the rest of the line as written', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Chapter markers', 'done', '- :white_check_mark: Chapter markers'],
      ['Episode downloads', 'blocked', '- :x: Episode downloads'],
      ['Transcripts', 'in_progress', '- Transcripts :construction:'],
      ['Public beta', 'done', '| Public beta | :white_check_mark: Done |'],
      ['Private beta', 'blocked', '| Private beta | :x: Blocked |'],
    ]);
  });

  it('keeps a line of literal marks beside them literal', () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [['Sleep timer', 'done', '- ✅ Sleep timer']]);
  });
});

describe('planEdits: a status in words before a colon opening a bullet', () => {
  const path = 'memory-bank/progress.md';
  const text = lines(
    '# Progress',
    '',
    '## Week 9',
    '',
    '- Done: Move the invoices to Postgres',
    '- Todo: Rotate the signing keys',
    '- In progress: Archive the old buckets',
  );

  it("writes the file's own word for the new status, as its other bullets lead with it", () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Move the invoices to Postgres', 'todo', '- Todo: Move the invoices to Postgres'],
      ['Archive the old buckets', 'todo', '- Todo: Archive the old buckets'],
      ['Rotate the signing keys', 'in_progress', '- In progress: Rotate the signing keys'],
    ]);
  });
});

describe('planEdits: words of test outcomes and decisions are not copied into work', () => {
  const path = 'memory-bank/progress.md';
  const text = lines(
    '# Progress',
    '',
    '| ID | Task | Status |',
    '|----|------|--------|',
    '| W-1 | Cache rendered pages | Done |',
    '| W-2 | Retry failed uploads | In progress |',
    '',
    '## Page test results',
    '',
    '| Page | Status |',
    '|------|--------|',
    '| /login | ✅ Pass |',
    '| /settings | ❌ Fail |',
    '',
    '| Decision | Status |',
    '|----------|--------|',
    '| Money as integer cents | Accepted |',
    '| Drop GraphQL | Accepted |',
  );

  it("writes the vocabulary's word where the file's only other forms are a test's outcome or a decision", () => {
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['Cache rendered pages', 'blocked', '| W-1 | Cache rendered pages | Blocked |'],
      ['Retry failed uploads', 'done', '| W-2 | Retry failed uploads | Done |'],
    ]);
  });
});

describe('planEdits: statuses, priorities and dates in Danish, Norwegian, Finnish, Hungarian, Romanian, Greek, Hebrew, Arabic, Persian, Urdu, Bulgarian, Serbian, Croatian, Slovak and Slovenian', () => {
  it.each([
    ['Danish', '**Status:** I gang', '**Prioritet:** Lav', '**Forfaldsdato:** 03/04/2025', 'Søgningen skal være hurtig, og den skal virke for alle brugere, også efter opdateringen.',
      '**Status:** Færdig', '**Prioritet:** Høj', '**Forfaldsdato:** 20/05/2025'],
    ['Norwegian', '**Status:** I arbeid', '**Prioritet:** Lav', '**Forfallsdato:** 1. desember 2025', 'Søket skal være raskt, og det skal fungere for alle brukere etter oppdateringen.',
      '**Status:** Ferdig', '**Prioritet:** Høy', '**Forfallsdato:** 20. mai 2025'],
    ['Finnish', '**Tila:** Kesken', '**Prioriteetti:** Matala', '**Määräpäivä:** 15. maaliskuuta 2025', 'Tämä on lista tehtävistä, jotka ovat kesken tai valmiita, ja se päivitetään myös viikoittain.',
      '**Tila:** Valmis', '**Prioriteetti:** Korkea', '**Määräpäivä:** 20. toukokuuta 2025'],
    ['Hungarian', '**Állapot:** Folyamatban', '**Prioritás:** Alacsony', '**Határidő:** 2025. március 15.', 'A keresésnek gyorsnak kell lennie, és minden felhasználó számára működnie kell.',
      '**Állapot:** Kész', '**Prioritás:** Magas', '**Határidő:** 2025. május 20.'],
    ['Romanian', '**Stare:** În desfășurare', '**Prioritate:** Scăzută', '**Termen limită:** 15 martie 2025', 'Căutarea trebuie să fie rapidă și să funcționeze pentru toți utilizatorii sistemului.',
      '**Stare:** Finalizat', '**Prioritate:** Ridicată', '**Termen limită:** 20 mai 2025'],
    ['Greek', '**Κατάσταση:** Σε εξέλιξη', '**Προτεραιότητα:** Χαμηλή', '**Προθεσμία:** 04/03/2025', 'Η αναζήτηση πρέπει να είναι γρήγορη και να λειτουργεί για όλους τους χρήστες του συστήματος.',
      '**Κατάσταση:** Ολοκληρώθηκε', '**Προτεραιότητα:** Υψηλή', '**Προθεσμία:** 20/05/2025'],
    ['Hebrew', '**סטטוס:** בתהליך', '**עדיפות:** נמוכה', '**תאריך יעד:** 15 במרץ 2025', 'החיפוש צריך להיות מהיר ולעבוד עבור כל המשתמשים של המערכת הזאת.',
      '**סטטוס:** הושלם', '**עדיפות:** גבוהה', '**תאריך יעד:** 20 במאי 2025'],
    ['Arabic', '**الحالة:** قيد التنفيذ', '**الأولوية:** منخفضة', '**الموعد النهائي:** 04/03/2025', 'يجب أن يعرض التقرير جميع بيانات المستخدمين بشكل صحيح وأن يكون سريعا في هذا النظام.',
      '**الحالة:** مكتمل', '**الأولوية:** عالية', '**الموعد النهائي:** 20/05/2025'],
    // Persian and Urdu write Arabic's script, not its words: Arabic's (`مكتمل`, `عالية`) were written into them.
    ['Persian', '**وضعیت:** در حال انجام', '**اولویت:** پایین', '**مهلت:** 15 مارس 2025', 'کاربر می‌خواهد گزارش ماهانه را با یک کلیک از سیستم بگیرد.',
      '**وضعیت:** انجام شده', '**اولویت:** بالا', '**مهلت:** 20 مه 2025'],
    ['Urdu', '**حالت:** جاری', '**ترجیح:** کم', '**آخری تاریخ:** 15 مارچ 2025', 'صارف چاہتا ہے کہ رپورٹ ایک کلک میں تیار ہو جائے۔',
      '**حالت:** مکمل', '**ترجیح:** زیادہ', '**آخری تاریخ:** 20 مئی 2025'],
    // Bulgarian and Serbian in Cyrillic (told from Russian by `ъ` and by `ђ`, `ј`, `љ`…), Croatian, Slovak, Slovenian.
    ['Bulgarian', '**Статус:** В процес', '**Приоритет:** Нисък', '**Краен срок:** 15 март 2025 г.', 'Потребителят иска бързо търсене във всички бележки, включително в архива, който вече е голям.',
      '**Статус:** Завършено', '**Приоритет:** Висок', '**Краен срок:** 20 май 2025 г.'],
    ['Serbian', '**Статус:** У току', '**Приоритет:** Низак', '**Рок:** 15. март 2025.', 'Корисник жели брзу претрагу која ради за све кориснике и за стари архив.',
      '**Статус:** Завршено', '**Приоритет:** Висок', '**Рок:** 20. мај 2025.'],
    ['Croatian', '**Status:** U tijeku', '**Prioritet:** Nizak', '**Rok:** 15. ožujka 2025.', 'Korisnik treba izvoz koji je brz i koji radi za sve korisnike, također i za stare račune.',
      '**Status:** Završeno', '**Prioritet:** Visok', '**Rok:** 20. svibnja 2025.'],
    ['Slovak', '**Stav:** Prebieha', '**Priorita:** Nízka', '**Termín:** 15. marca 2025', 'Používateľ chce export, ktorý je rýchly, a tiež export pre staré účty, ktoré sú už archivované.',
      '**Stav:** Dokončené', '**Priorita:** Vysoká', '**Termín:** 20. mája 2025'],
    ['Slovenian', '**Stanje:** V teku', '**Prioriteta:** Nizka', '**Rok:** 15. marec 2025', 'Uporabnik želi iskanje, ki je hitro, in tudi iskanje po arhivu, ker je arhiv velik.',
      '**Stanje:** Končano', '**Prioriteta:** Visoka', '**Rok:** 20. maj 2025'],
  ])('writes a status and priority word in %s, and a due date in the form and day order the file writes', (_language, status, priority, due, prose, doneLine, priorityLine, dueLine) => {
    const path = 'memory-bank/tasks/TASK041-x.md';
    const text = lines('# TASK041 - Export', '', status, priority, due, '', prose, '');
    expect(readTaskDocument(path, text, 'Export').record).toMatchObject({ status: { canonical: 'in_progress' }, priority: { value: 1 } });
    expectTaskDocumentWrites(path, text, 'Export', [
      [{ field: 'status', status: 'done' }, doneLine, { status: { canonical: 'done' } }],
      [{ field: 'priority', priority: 3 }, priorityLine, { priority: { value: 3 } }],
      [{ field: 'due', date: '2025-05-20' }, dueLine, { dates: { due: '2025-05-20' } }],
    ]);
  });
});

describe('planEdits: a status word in the language of the value it replaces', () => {
  it('copies no share alone as a word for a status: `(0%)` closing a section heading is progress', () => {
    // `### Export (0%)` was written for reopening `### Export (Done)`, beside `### 🔄 Currently in Development (0%)`:
    // the heading then read as the task `Export (0%)`, another key.
    const text = lines('# Progress', '', '### 🔄 Currently in Development (0%)', '- Plugin loader', '', '### Export (Done)', 'Shipped with the first beta.');
    expectStatusWrites('memory-bank/progress.md', text, ['section-list', 'cursor-tasks'], [['Export', 'todo', '### Export (Pending)']]);
  });

  it('edits a mark closing a heading with a date or a note after it, and writes no mark Obsidian Tasks reads as a date', () => {
    // Both were refused as part of the heading's words; `⏳` before a day is Obsidian's scheduled date, no status.
    const path = 'memory-bank/roadmap.md';
    const text = lines('# Roadmap', '', '## M1 — Storage layer ✅ (2026-05-20)', 'Postgres.', '', '## M2 — Ingest ✅ 03.06.2026', 'RSS.', '', '## M5 — 质量 ⬜（当前）', '聚类。', '', '### Search index ✅ 2026-06-10', 'Nightly.');
    expectStatusWrites(path, text, ['cursor-tasks'], [
      ['M1 — Storage layer', 'in_progress', '## M1 — Storage layer 🔄 (2026-05-20)'],
      ['M2 — Ingest', 'todo', '## M2 — Ingest ⏳ 03.06.2026'],
      ['M5 — 质量（当前）', 'done', '## M5 — 质量 ✅（当前）'],
      ['Search index', 'in_progress', '### Search index 🔄 2026-06-10'],
    ]);
    const search = find(readRecords(path, text, ['cursor-tasks']), 'Search index');
    const outcome = planOne(path, text, search, { field: 'status', status: 'todo' });
    expect(outcome.ok ? '' : outcome.reason).toMatch(/⏳ before the date after "Search index" would read as an Obsidian Tasks date/u);
  });

  it('reopens a ticked item whose mark restates its box, or whose done mark closes it with a note, keeping its key', () => {
    // The parser reads `✅` after `[x]` as restating the box, and `✅ COMPLETED (manual testing)` as the status and its
    // note: left alone beside an open box, either would read as part of the title.
    const text = lines('# Tasks', '', '- [x] ✅ Fixed the schema mismatch', '- [x] Authentication tests ✅ COMPLETED (manual testing)', '- [ ] ⏳ Load test the endpoint');
    expectStatusWrites('memory-bank/tasks.md', text, ['checklist'], [
      ['Fixed the schema mismatch', 'todo', '- [ ] ⏳ Fixed the schema mismatch'],
      ['Authentication tests', 'todo', '- [ ] Authentication tests'],
      ['Load test the endpoint', 'done', '- [x] ✅ Load test the endpoint'],
    ]);
  });

  it('reopens an item whose finished status an arrow points at, dropping the arrow with it', () => {
    // `- [ ] Create the controller file ←` was left behind: the arrow then read as part of the title.
    const text = lines('# Progress', '', '## Implementation progress', '', '- [x] Create the controller file ← ✅ Done', '- [ ] Add the keyboard shortcut');
    expectStatusWrites('memory-bank/progress.md', text, ['checklist'], [['Create the controller file', 'todo', '- [ ] Create the controller file']]);
  });

  it('writes a status field in the language of the value it replaces, in a file whose tasks are written in two languages', () => {
    // `Erledigt` was written into the English task's field: the file's first done form, in the same script.
    const text = lines(
      '# Progress', '', '## Active Tasks', '',
      '### T1: Multi-task support', '**Status:** 🔄 IN PROGRESS', '', '- ⬜ Test the task switching', '',
      '### T2: Datenbankmigration', '**Status:** Erledigt', '', '- ✅ Schema angelegt', '',
      '### T3: Rechte prüfen', '**Status:** In Bearbeitung', '', '- ⬜ Rollen lesen', '',
      '## Completed Tasks', '', '### T0: Initial bank setup', '**Status:** ✅ COMPLETED', '', '- ✅ Created the core files',
    );
    const path = 'memory-bank/progress.md';
    const records = readRecords(path, text, ['section-list']);
    for (const [title, status, line, value] of [
      ['T1: Multi-task support', 'done', 6, '**Status:** ✅ COMPLETED'],
      ['T2: Datenbankmigration', 'in_progress', 11, '**Status:** In Bearbeitung'],
      ['T3: Rechte prüfen', 'done', 16, '**Status:** Erledigt'],
    ] as const) {
      const written = write(path, text, find(records, title), { field: 'status', status });
      expect(written.split('\n')[line - 1]).toBe(value);
      expect(find(readRecords(path, written, ['section-list']), title)).toMatchObject({ status: { canonical: status } });
    }
  });

  it('writes the language of the value replaced, not that of a neighbour written in another', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Contacts', '', '- Import contacts (erledigt)', '- Merge duplicates (en cours)', '- Tag contacts (Status: pending)', '');
    expectStatusWrites(path, text, ['section-list', 'cursor-tasks'], [
      ['Import contacts', 'blocked', '- Import contacts (blockiert)'],
      ['Tag contacts', 'blocked', '- Tag contacts (Status: blocked)'],
    ]);
  });

  it('writes each row of a table in the language and script of its own value', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '| Feature | Status |', '|---|---|', '| Betaling | færdig |', '| Keresés | folyamatban |', '| Αναζήτηση | σε εξέλιξη |', '| Plata | în curs |', '');
    expectStatusWrites(path, text, ['task-table'], [
      ['Betaling', 'todo', '| Betaling | at gøre |'],
      ['Keresés', 'todo', '| Keresés | teendő |'],
      ['Αναζήτηση', 'todo', '| Αναζήτηση | εκκρεμεί |'],
      ['Plata', 'todo', '| Plata | de făcut |'],
    ]);
  });
});

describe('planEdits: field names written with combining marks (Devanagari, Thai)', () => {
  it.each([
    ['plain lines in Hindi', ['स्थिति: प्रगति में', 'प्राथमिकता: निम्न', 'अंतिम तिथि: 15 मार्च 2025'], 'खोज में सभी उपयोगकर्ताओं का डेटा सही तरीके से दिखाया जाना चाहिए।',
      ['स्थिति: पूर्ण', 'प्राथमिकता: उच्च', 'अंतिम तिथि: 20 मई 2025']],
    ['bullets in Thai', ['- สถานะ: กำลังดำเนินการ', '- ลำดับความสำคัญ: ต่ำ', '- กำหนดส่ง: 15 มีนาคม 2568'], 'การค้นหาต้องรวดเร็วและใช้งานได้สำหรับผู้ใช้ทุกคนของระบบนี้',
      ['- สถานะ: เสร็จสิ้น', '- ลำดับความสำคัญ: สูง', '- กำหนดส่ง: 20 พฤษภาคม 2568']],
  ])('writes the status, priority and due date of a task document\'s fields as %s', (_form, fields, prose, written) => {
    const path = 'memory-bank/tasks/TASK051-x.md';
    const text = lines('# TASK051 - Export', '', ...fields, '', prose, '');
    expect(readTaskDocument(path, text, 'Export').record).toMatchObject({ status: { canonical: 'in_progress' }, priority: { value: 1 }, dates: { due: '2025-03-15' } });
    expectTaskDocumentWrites(path, text, 'Export', [
      [{ field: 'status', status: 'done' }, written[0] ?? '', { status: { canonical: 'done' } }],
      [{ field: 'priority', priority: 3 }, written[1] ?? '', { priority: { value: 3 } }],
      [{ field: 'due', date: '2025-05-20' }, written[2] ?? '', { dates: { due: '2025-05-20' } }],
    ]);
  });

  it('writes a priority in the script of the value it replaces, in a file writing priorities in two', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# प्रगति', '', '## कार्य', '', '- [ ] लॉगिन पेज (प्राथमिकता: उच्च)', '- [ ] ค้นหา — ลำดับความสำคัญ: ต่ำ', '');
    const record = find(readRecords(path, text, ['cursor-tasks']), 'ค้นหา');
    expect(write(path, text, record, { field: 'priority', priority: 3 }).split('\n')).toContain('- [ ] ค้นหา — ลำดับความสำคัญ: สูง');
  });
});

describe('planEdits: a YAML task list in a fenced block', () => {
  const path = 'memory-bank/progress.md';
  const text = lines(
    '---',
    'status: active',
    '---',
    '',
    '# Progress',
    '',
    '```yaml',
    'tasks:',
    '  - title: Set up the database',
    '    status: done',
    '    priority: urgent',
    '  - title: Write the sync API',
    '    status: todo',
    '    priority: low',
    '```',
    '',
  );

  it("writes the words the block's other items write, not the frontmatter's or the defaults", () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    const database = find(records, 'Set up the database');
    expect(write(path, text, database, { field: 'status', status: 'todo' })).toBe(text.replace('    status: done', '    status: todo'));
    const api = find(records, 'Write the sync API');
    const raised = write(path, text, api, { field: 'priority', priority: 4 });
    expect(raised).toBe(text.replace('    priority: low', '    priority: urgent'));
    expect(find(readRecords(path, raised, ['cursor-tasks']), 'Write the sync API')).toMatchObject({ key: api.key, priority: { value: 4 } });
  });
});

describe('planEdits: a heading opening or closing with a checkbox', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines('# Tasks', '', '### [x] Authentication', 'Login and logout.', '', '### 1.2 Billing export [ ]', 'CSV first.', '');

  it('ticks or clears the box, and refuses a status no box of the file can say', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    const auth = find(records, 'Authentication');
    const reopened = write(path, text, auth, { field: 'status', status: 'todo' });
    expect(reopened).toBe(text.replace('### [x] Authentication', '### [ ] Authentication'));
    expect(find(readRecords(path, reopened, ['cursor-tasks']), 'Authentication')).toMatchObject({ key: auth.key, status: { canonical: 'todo' } });
    const billing = find(records, '1.2 Billing export');
    const ticked = write(path, text, billing, { field: 'status', status: 'done' });
    expect(ticked).toBe(text.replace('### 1.2 Billing export [ ]', '### 1.2 Billing export [x]'));
    expect(find(readRecords(path, ticked, ['cursor-tasks']), '1.2 Billing export')).toMatchObject({ key: billing.key, status: { canonical: 'done' } });
    expect(planOne(path, text, billing, { field: 'status', status: 'blocked' })).toMatchObject({ ok: false });
  });
});

describe('planEdits: a JSON task list in a fenced block', () => {
  const path = 'memory-bank/tasks.md';
  const text = lines(
    '# Sprint 9 tasks',
    '',
    '```json',
    '{',
    '  "tasks": [',
    '    { "id": "S9-1", "title": "Set up the database", "status": "done", "priority": "high" },',
    '    {',
    '      "id": "S9-2",',
    '      "title": "Write the sync API",',
    '      "status": "in-progress",',
    '      "due": "2025-07-15"',
    '    }',
    '  ]',
    '}',
    '```',
    '',
  );

  it('writes the status, priority and due strings inside the block, in the words its other items write', () => {
    const records = readRecords(path, text, ['cursor-tasks']);
    const database = find(records, 'Set up the database');
    const reopened = write(path, text, database, { field: 'status', status: 'in_progress' });
    expect(reopened).toBe(text.replace('"status": "done", "priority"', '"status": "in-progress", "priority"'));
    expect(find(readRecords(path, reopened, ['cursor-tasks']), 'Set up the database')).toMatchObject({ key: database.key, status: { canonical: 'in_progress' } });
    expect(write(path, text, database, { field: 'priority', priority: 4 })).toBe(text.replace('"priority": "high"', '"priority": "critical"'));
    const api = find(records, 'Write the sync API');
    expect(write(path, text, api, { field: 'status', status: 'done' })).toBe(text.replace('"status": "in-progress",\n      "due"', '"status": "done",\n      "due"'));
    expect(write(path, text, api, { field: 'due', date: '2025-08-01' })).toBe(text.replace('"due": "2025-07-15"', '"due": "2025-08-01"'));
  });
});

describe('planEdits: a due month, quarter or half of a year, and a due date in native digits', () => {
  it.each([
    ['**Due:** December 2025', '2025-12-31', '**Due:** 2026-02-15'],
    ['**Target date:** Q3 2025', '2025-09-30', '**Target date:** 2026-02-15'],
    ['**Due:** H1 2026', '2026-06-30', '**Due:** 2026-02-15'],
    ['**الموعد النهائي:** ٠٤/٠٣/٢٠٢٥', '2025-03-04', '**الموعد النهائي:** 2026-02-15'],
    ['**截止日期：** ２０２５年３月１５日', '2025-03-15', '**截止日期：** 2026-02-15'],
    ['**Due:** ۲۰۲۵-۰۳-۱۵', '2025-03-15', '**Due:** 2026-02-15'],
  ])('finds `%s` as the due date the parser read (%s) and writes the new one over it', (field, read, written) => {
    const path = 'memory-bank/tasks/TASK061-x.md';
    // Prose in Arabic, which writes its days first: `٠٤/٠٣/٢٠٢٥` is 4 March.
    const text = lines('# TASK061 - Launch', '', '**Status:** Pending', field, '', 'يجب أن يعرض التقرير جميع بيانات المستخدمين بشكل صحيح وأن يكون سريعا.', '');
    expect(readTaskDocument(path, text, 'Launch').record.dates.due).toBe(read);
    expectTaskDocumentWrites(path, text, 'Launch', [[{ field: 'due', date: '2026-02-15' }, written, { dates: { due: '2026-02-15' } }]]);
  });
});

describe('planEdits: a bold term whose mark opens a description of the work', () => {
  it('changes the mark and keeps the description after it', () => {
    const path = 'memory-bank/progress.md';
    const text = lines(
      '# Progress',
      '',
      '## Current status',
      '',
      '- **Finalizer**: ❌ Task completion and finalization logic',
      '- **Exporter**: ✅ Handles pending and failed rows',
      '- **Search**: ✅ Complete with env support',
      '- **Uploader**: 🔄 Retry logic for completed uploads',
      '',
    );
    expectStatusWrites(path, text, ['checklist'], [
      ['Finalizer', 'done', '- **Finalizer**: ✅ Task completion and finalization logic'],
      ['Exporter', 'todo', '- **Exporter**: ⏳ Handles pending and failed rows'],
      ['Search', 'in_progress', '- **Search**: 🔄 In Progress with env support'],
      ['Uploader', 'todo', '- **Uploader**: ⏳ Retry logic for completed uploads'],
    ]);
  });
});

describe('planEdits: an item closing with a chain of arrows', () => {
  it('reopens it by its box alone: the chain’s last step is no status to change', () => {
    const path = 'memory-bank/progress.md';
    const text = lines(
      '# Progress',
      '',
      '## Done',
      '',
      '- [x] Upload states: Queued → Sending → Verifying → Complete',
      '- [x] Statuts des commandes : Nouvelle → Préparée → Terminée',
      '- [x] Import pipeline (fetch → parse → store) operational',
      '',
    );
    expectStatusWrites(path, text, ['checklist'], [
      ['Upload states: Queued → Sending → Verifying → Complete', 'todo', '- [ ] Upload states: Queued → Sending → Verifying → Complete'],
      ['Statuts des commandes : Nouvelle → Préparée → Terminée', 'todo', '- [ ] Statuts des commandes : Nouvelle → Préparée → Terminée'],
      ['Import pipeline (fetch → parse → store) operational', 'todo', '- [ ] Import pipeline (fetch → parse → store) operational'],
    ]);
  });
});

describe('planEdits: a plan table row stating no status under a finished task', () => {
  it('refuses to reopen it, naming the task it takes its status from', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines(
      '# Task board',
      '',
      '## Task 4: Reporting',
      '',
      '**Status:** In progress',
      '',
      '### Subtask 4.1 – Aggregation service ✅ DONE',
      '',
      '| # | Task | File |',
      '|---|------|------|',
      '| 1 | **Create the service** | `services/agg.py` |',
      '',
    );
    const row = find(readRecords(path, text, ['cursor-tasks']), 'Create the service');
    expect(row.status.canonical).toBe('done');
    const outcome = planOne(path, text, row, { field: 'status', status: 'todo' });
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/^memory-bank\/tasks\.md:11: the status of "1 · Create the service" comes from the task it sits under, done \(nothing is written on it\)/u) });
  });
});

describe('planEdits: a restated status in parentheses, a note holding a call, a dated status before a pointer', () => {
  it('reopens each so that it reads back with its key', () => {
    const path = 'memory-bank/tasks.md';
    const text = lines(
      '# Tasks',
      '',
      '## Phase 3',
      '',
      '- [x] 3.1. **(Completed)** Write the tests for the config endpoints',
      '- [x] 既存のcenterModel()を拡張 ← ✅ 完了（resetModel()として実装）',
      '- [ ] 3.3. (Pending) Cover the export endpoint',
      '',
    );
    expectStatusWrites(path, text, ['checklist'], [
      ['3.1. Write the tests for the config endpoints', 'todo', '- [ ] 3.1. **(Pending)** Write the tests for the config endpoints'],
      ['既存のcenterModel()を拡張', 'todo', '- [ ] 既存のcenterModel()を拡張'],
      ['3.3. Cover the export endpoint', 'done', '- [x] 3.3. (Done) Cover the export endpoint'],
    ]);
    const log = lines('# Progress', '', '## Completed tasks', '', '- Import the meter readings - Completed on 2026-03-02, see [archive entry](archive/completed.md#meter-readings)', '- Rotate the keys - in progress', '');
    expectStatusWrites('memory-bank/progress.md', log, ['section-list', 'cursor-tasks'], [['Import the meter readings', 'in_progress', '- Import the meter readings - in progress on 2026-03-02, see [archive entry](archive/completed.md#meter-readings)']]);
  });
});

describe('planEdits: a status word borrowed from a bold value elsewhere in the file', () => {
  it('writes the word without the emphasis around it (`**Status**: **Done**` lends `Done`, not `Done**`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '### Task 1: Setup', '* **Status**: **Done**', '', '### Task 2: Auth', '* **Status**: In progress', '');
    expectStatusWrites(path, text, ['cursor-tasks'], [['Task 2 · Auth', 'done', '* **Status**: Done']]);
  });
});

describe('planEdits: two statuses joined are no word for another item', () => {
  it('does not write `COMPLETED AND ARCHIVED` for closing another item, but the file\'s single done word', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '- Docker image — COMPLETED AND ARCHIVED', '- Query cache — done', '- Login page — in progress', '');
    expectStatusWrites(path, text, ['checklist'], [['Login page', 'done', '- Login page — done']]);
  });
});

describe('planEdits: blocked under a section of work not done', () => {
  it('writes a cross with its word where a cross alone would read as the section status (`## Next steps` over `- ⏳ Offline mode`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Done', '- ✅ Export to PDF', '', '## Next steps', '- ⏳ Offline mode', '- 🔄 Sync engine', '');
    expectStatusWrites(path, text, ['checklist'], [
      ['Offline mode', 'blocked', '- ❌ BLOCKED Offline mode'],
    ]);
  });

  it('reads the section from a setext heading too (`Next steps` over `----------`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('Progress', '========', '', 'Done', '----', '- ✅ Export to PDF', '', 'Next steps', '----------', '- ⏳ Offline mode', '- 🔄 Sync engine', '');
    expectStatusWrites(path, text, ['checklist'], [
      ['Offline mode', 'blocked', '- ❌ BLOCKED Offline mode'],
    ]);
  });

  it('writes the cross with its word opening a bold term\'s description too (`- **Queue trait**: ❌ Dependency injection`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## What Works', '- **Login page**: ✅ Email sign-in', '', "## What's Left to Build", '- **Queue trait**: ❌ Dependency injection', '- **Retry hooks**: 🔄 Backoff rules', '');
    expectStatusWrites(path, text, ['section-list'], [
      ['Queue trait', 'blocked', '- **Queue trait**: ❌ BLOCKED Dependency injection'],
      ['Queue trait', 'in_progress', '- **Queue trait**: 🔄 Dependency injection'],
    ]);
  });
});

describe('planEdits: a milestone date as a bold term\'s value', () => {
  it('writes the due date over the value after the term (`- **Public launch**: 2025-12-01 (planned)`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Key milestones', '- **Public launch**: 2025-12-01 (planned)', '- **Beta**: Q3 2025 (in progress)', '');
    const records = readRecords(path, text, ['checklist']);
    const launch = write(path, text, find(records, 'Public launch'), { field: 'due', date: '2026-01-15' });
    expect(launch.split('\n')).toContain('- **Public launch**: 2026-01-15 (planned)');
    expect(find(readRecords(path, launch, ['checklist']), 'Public launch').dates.due).toBe('2026-01-15');
  });
});

describe('planEdits: a due month, quarter or half moved to another one', () => {
  const path = 'memory-bank/tasks/TASK042-x.md';
  const document = (due: string): string => lines('# TASK042 - Export', '', '**Status:** In progress', due, '');

  it.each([
    ['**Due:** March 2025', '2025-04-30', '**Due:** April 2025'],
    ['**Due:** Juli 2025', '2025-08-31', '**Due:** August 2025'],
    ['**Due:** 2025-06', '2025-07-31', '**Due:** 2025-07'],
    ['**Target date:** Q3 2025', '2025-12-31', '**Target date:** Q4 2025'],
    ['**Target date:** H1 2026', '2026-12-31', '**Target date:** H2 2026'],
    // Not a period's end: the day, as before.
    ['**Due:** March 2025', '2025-04-15', '**Due:** 2025-04-15'],
    ['**Target date:** Q3 2025', '2025-11-30', '**Target date:** 2025-11-30'],
  ])('writes %s moved to %s as %s', (due, date, line) => {
    expectTaskDocumentWrites(path, document(due), 'Export', [[{ field: 'due', date }, line, { dates: { due: date } }]]);
  });

  it('writes a milestone term\'s month as a month (`- **Beta**: Tháng 4/2025 (dự kiến)`)', () => {
    const file = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Key milestones', '- **Invoicing MVP**: March 2025 (planned)', '- **Giai đoạn 1**: Tháng 4/2025 (dự kiến)', '');
    const records = readRecords(file, text, ['checklist']);
    const moved = write(file, text, find(records, 'Giai đoạn 1'), { field: 'due', date: '2025-06-30' });
    expect(moved.split('\n')).toContain('- **Giai đoạn 1**: Tháng 6/2025 (dự kiến)');
    expect(find(readRecords(file, moved, ['checklist']), 'Giai đoạn 1').dates.due).toBe('2025-06-30');
  });
});

describe('planEdits: a due time closed by its zone', () => {
  const path = 'memory-bank/tasks/TASK043-x.md';
  const document = (due: string): string => lines('# TASK043 - Rotate the keys', '', '**Status:** In progress', due, '');

  it.each([
    ['**Due:** 2026-09-30 18:00 CEST', '2027-03-15', '**Due:** 2027-03-15'],
    ['**Due:** 2026-09-30 09:00 GMT+8', '2027-03-15', '**Due:** 2027-03-15'],
    ['**Due:** 2026-09-30 16:09 IST', '2027-03-15T10:00', '**Due:** 2027-03-15T10:00'],
    // Words after the time that name no zone stay.
    ['**Due:** 2026-09-30 18:00 (UTC+2)', '2027-03-15', '**Due:** 2027-03-15 (UTC+2)'],
  ])('writes %s moved to %s as %s, the zone going with the time', (due, date, line) => {
    expectTaskDocumentWrites(path, document(due), 'Rotate the keys', [[{ field: 'due', date }, line, { dates: { due: date } }]]);
  });
});

describe('planEdits: a marked status after a colon with a note after it', () => {
  it('replaces the status and keeps the note (`- [x] Staging deploy: ✅ Done; smoke tests green`)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Done', '', '- [x] Production build: ✅ OK, CSS compiled (7.15 kB)', '- [x] Staging deploy: ✅ Done; smoke tests green', '');
    expectStatusWrites(path, text, ['checklist'], [
      ['Staging deploy', 'todo', '- [ ] Staging deploy: ⏳ Pending; smoke tests green'],
      ['Production build', 'todo', '- [ ] Production build: ⏳ Pending, CSS compiled (7.15 kB)'],
    ]);
  });

  it('never copies another item\'s note with its status word (`✅ OK, CSS compiled` is no form of done)', () => {
    const path = 'memory-bank/progress.md';
    const text = lines('# Progress', '', '## Work', '', '- [x] Production build: ✅ OK, CSS compiled (7.15 kB)', '- [ ] Load test: ⏳ Pending, waiting for the quota', '');
    expectStatusWrites(path, text, ['checklist'], [['Load test', 'done', '- [x] Load test: ✅ Done, waiting for the quota']]);
  });
});
