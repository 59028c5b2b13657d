import { describe, expect, it } from 'vitest';
import type { ExtractorNameValue } from '../../../src/core/source-file.js';
import type { RenameSubject } from '../../../src/core/memory-bank.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { detectRenames, measureTitleSimilarity, pairRenames, slugify } from '../../../src/memory-bank/keys.js';
import { makeFile, parse } from './fixtures.js';

function keysOf(path: string, text: string, extractors: ExtractorNameValue[]): string[] {
  return parse(makeFile(path, text, extractors)).records.map((record) => record.key);
}

function recordsOf(path: string, text: string, extractors: ExtractorNameValue[]): TaskRecord[] {
  return parse(makeFile(path, text, extractors)).records;
}

/** Two titles that differ only past the slug's 64 characters: the same anchor, so the second gets `~2`. */
const longUi = 'Build the UI for the settings page with the new design tokens and themes';

const checklist = [
  '# Tasks',
  '',
  '## Backend',
  '- [ ] Build the API',
  '  - [ ] Add routes',
  '- [x] Set up database',
  '',
  '## Frontend',
  `- [ ] ${longUi} (desktop)`,
  `- [ ] ${longUi} (mobile)`,
].join('\n');

const table = [
  '## Sprint',
  '| ID | Task | Status |',
  '|---|---|---|',
  '| PM-001 | Implement schema | ✅ Done |',
  '| PM-002 | Add handshake | ⏳ Pending |',
].join('\n');

describe('stable keys', () => {
  it('uses the id when it is unique in the file, else heading path + title, ~N only for exact duplicates', () => {
    expect(keysOf('memory_bank/tasks/active_sprint.md', table, ['task-table'])).toEqual([
      'memory_bank/tasks/active_sprint.md#PM-001',
      'memory_bank/tasks/active_sprint.md#PM-002',
    ]);
    expect(keysOf('mb/tasks.md', checklist, ['checklist'])).toEqual([
      'mb/tasks.md#backend/build-the-api',
      'mb/tasks.md#backend/build-the-api/add-routes',
      'mb/tasks.md#backend/set-up-database',
      'mb/tasks.md#frontend/build-the-ui-for-the-settings-page-with-the-new-design-tokens',
      'mb/tasks.md#frontend/build-the-ui-for-the-settings-page-with-the-new-design-tokens~2',
    ]);
  });

  it('does not change when a line is inserted above', () => {
    const before = keysOf('mb/tasks.md', checklist, ['checklist']);
    const after = keysOf('mb/tasks.md', checklist.replace('# Tasks\n', '# Tasks\n\nAn intro paragraph.\n\n- a note without checkbox\n'), ['checklist']);
    expect(after).toEqual(before);
    const tableAfter = keysOf('memory_bank/tasks/active_sprint.md', `Intro line\n\n${table}`, ['task-table']);
    expect(tableAfter).toEqual(keysOf('memory_bank/tasks/active_sprint.md', table, ['task-table']));
  });

  it('does not change when sections are reordered', () => {
    const reordered = ['# Tasks', '', '## Frontend', `- [ ] ${longUi} (desktop)`, `- [ ] ${longUi} (mobile)`, '', '## Backend', '- [ ] Build the API', '  - [ ] Add routes', '- [x] Set up database'].join('\n');
    expect(new Set(keysOf('mb/tasks.md', reordered, ['checklist']))).toEqual(new Set(keysOf('mb/tasks.md', checklist, ['checklist'])));
  });

  it('does not change when a sibling is edited or its status changes', () => {
    const edited = checklist.replace('- [x] Set up database', '- [ ] Set up the database cluster').replace('- [ ] Add routes', '- [x] Add routes');
    const before = keysOf('mb/tasks.md', checklist, ['checklist']);
    const after = keysOf('mb/tasks.md', edited, ['checklist']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    expect(after.slice(3)).toEqual(before.slice(3));
  });

  it('does not change when Obsidian Tasks ticks an item (which appends `✅ <date>`) or gives it a due date or priority', () => {
    const before = keysOf('mb/tasks.md', '# Tasks\n\n- [ ] Write the docs\n- [ ] Ship it 📅 2026-04-10\n', ['checklist']);
    const after = keysOf('mb/tasks.md', '# Tasks\n\n- [x] Write the docs ✅ 2026-03-02\n- [ ] Ship it 📅 2026-04-17 ⏫\n', ['checklist']);
    expect(after).toEqual(before);
    expect(before).toEqual(['mb/tasks.md#write-the-docs', 'mb/tasks.md#ship-it']);
  });

  it('does not change when finishing an item appends its status and date to it', () => {
    const before = keysOf('mb/tasks.md', '# Tasks\n\n- [ ] Write the docs\n- [ ] Ship it\n- [ ] Tag it\n', ['checklist']);
    const after = keysOf('mb/tasks.md', '# Tasks\n\n- [x] Write the docs — completed on 2026-03-02\n- [x] Ship it ✅ DONE (2026-03-03)\n- [x] Tag it ✅ Completed\n', ['checklist']);
    expect(after).toEqual(before);
  });

  it('does not change when a heading task is ticked with its date, given a due date, or its dated status', () => {
    const before = keysOf('mb/tasks.md', '# Tasks\n\n### [ ] Write the parser\n\n- [ ] Lexer\n\n### [ ] Ship the beta\n\n- [ ] Tag\n', ['checklist']);
    const after = keysOf(
      'mb/tasks.md',
      '# Tasks\n\n### [x] Write the parser ✅ 2026-03-02\n\n- [x] Lexer\n\n### [x] Ship the beta (completed 2026-03-04) 📅 2026-04-10\n\n- [x] Tag\n',
      ['checklist'],
    );
    expect(after).toEqual(before);
    expect(before).toEqual(['mb/tasks.md#write-the-parser', 'mb/tasks.md#write-the-parser/lexer', 'mb/tasks.md#ship-the-beta', 'mb/tasks.md#ship-the-beta/tag']);
  });

  it('does not change when the file is converted to CRLF', () => {
    expect(keysOf('mb/tasks.md', checklist.replace(/\n/gu, '\r\n'), ['checklist'])).toEqual(keysOf('mb/tasks.md', checklist, ['checklist']));
    const crlf = recordsOf('mb/tasks.md', checklist.replace(/\n/gu, '\r\n'), ['checklist']);
    expect(crlf.map((record) => record.source.line)).toEqual([4, 5, 6, 9, 10]);
  });

  it('does not change when an item moves between status sections', () => {
    const kanban = '# Progress\n## In Progress\n- Watcher tests\n## Done\n- Baseline explorer\n';
    const moved = '# Progress\n## In Progress\n## Done\n- Baseline explorer\n- Watcher tests\n';
    expect(new Set(keysOf('mb/progress.md', moved, ['section-list']))).toEqual(new Set(keysOf('mb/progress.md', kanban, ['section-list'])));
  });

  it('does not change when a heading only changes its status or date', () => {
    const before = '## Sprint 8 In Progress — 2026-02-21\n| Deliverable | Status |\n|---|---|\n| VM deployment | 🔄 Next |\n';
    const after = '## Sprint 8 Complete — 2026-02-28\n| Deliverable | Status |\n|---|---|\n| VM deployment | ✅ Done |\n';
    expect(keysOf('mb/milestones.md', after, ['task-table'])).toEqual(keysOf('mb/milestones.md', before, ['task-table']));
    expect(keysOf('mb/milestones.md', before, ['task-table'])).toEqual(['mb/milestones.md#sprint-8/vm-deployment']);
  });

  it('changes only when the item itself is renamed, and detectRenames reports it', () => {
    const before = recordsOf('mb/tasks.md', checklist, ['checklist']);
    const after = recordsOf('mb/tasks.md', checklist.replace('- [ ] Build the API', '- [ ] Build the public API'), ['checklist']);
    const changed = after.filter((record) => !before.some((old) => old.key === record.key));
    expect(changed.map((record) => record.key)).toEqual(['mb/tasks.md#backend/build-the-public-api', 'mb/tasks.md#backend/build-the-public-api/add-routes']);
    const renames = detectRenames(before, after);
    expect(renames).toEqual([
      expect.objectContaining({ oldKey: 'mb/tasks.md#backend/build-the-api', newKey: 'mb/tasks.md#backend/build-the-public-api' }),
      expect.objectContaining({
        oldKey: 'mb/tasks.md#backend/build-the-api/add-routes',
        newKey: 'mb/tasks.md#backend/build-the-public-api/add-routes',
        similarity: 1,
      }),
    ]);
    expect(renames[0]?.similarity).toBeGreaterThan(0.7);
  });

  it('keeps id keys when the title changes', () => {
    const renamed = table.replace('Implement schema', 'Implement the pydantic schema');
    expect(keysOf('memory_bank/tasks/active_sprint.md', renamed, ['task-table'])).toEqual(keysOf('memory_bank/tasks/active_sprint.md', table, ['task-table']));
  });

  it("pairs items that gained their file's own task as parent (a file read as a list, then as one task)", () => {
    const text = '# TASK012: Password reset\n\n| Field | Value |\n|---|---|\n| Status | In Progress |\n\n## Subtasks\n\n- [x] Email template\n- [ ] Token expiry\n';
    const before = recordsOf('mb/tasks/TASK012.md', text, ['checklist']);
    const after = parse(makeFile('mb/tasks/TASK012.md', text, ['tasks-folder-task'], { kind: 'task-document' })).records;
    expect(before.map((record) => record.parentKey)).toEqual([null, null]);
    const parent = after.find((record) => record.parentKey === null)?.key;
    expect(after.filter((record) => record.parentKey !== null).map((record) => record.parentKey)).toEqual([parent, parent]);
    expect(detectRenames(before, after, { byPosition: false })).toEqual([
      expect.objectContaining({ oldKey: before[0]?.key, newKey: after[1]?.key, reason: expect.stringContaining(`now under ${parent}`) }),
      expect.objectContaining({ oldKey: before[1]?.key, newKey: after[2]?.key }),
    ]);
    // An item indented under a sibling pairs on its title alone; one that changed its title too does not.
    const flat = recordsOf('mb/m.md', '## Now\n- [ ] Alpha\n- [ ] Write the tests\n', ['checklist']);
    const indented = recordsOf('mb/m.md', '## Now\n- [ ] Alpha\n  - [ ] Write the tests\n', ['checklist']);
    expect(detectRenames(flat, indented, { byPosition: false })).toEqual([
      expect.objectContaining({ oldKey: 'mb/m.md#now/write-the-tests', newKey: 'mb/m.md#now/alpha/write-the-tests', reason: expect.stringContaining('moved under mb/m.md#now/alpha') }),
    ]);
    const retitled = recordsOf('mb/m.md', '## Now\n- [ ] Alpha\n  - [ ] Write the unit tests\n', ['checklist']);
    expect(detectRenames(flat, retitled, { byPosition: false })).toEqual([]);
    // A parent rewritten beyond recognition is not paired; its child, the same title under it, is (as moved).
    const nested = recordsOf('mb/n.md', '## Now\n- [ ] Alpha\n  - [ ] Write the tests\n', ['checklist']);
    const moved = recordsOf('mb/n.md', '## Now\n- [ ] Beta\n  - [ ] Write the tests\n', ['checklist']);
    expect(detectRenames(nested, moved, { byPosition: false }).map((pair) => pair.newKey)).toEqual(['mb/n.md#now/beta/write-the-tests']);
  });

  it('pairs the items of a file moved to another folder or renamed, and not a look-alike in an unrelated file', () => {
    const text = '# TASK042 - Export\n\n**Status:** In Progress\n\n## Plan\n\n- [x] Read the rows\n- [ ] Write the file\n';
    const read = (path: string, body = text): TaskRecord[] => parse(makeFile(path, body, ['tasks-folder-task'], { kind: 'task-document' })).records;
    const before = read('mb/tasks/TASK042-export.md');
    const moved = read('mb/tasks/done/TASK042-export.md');
    expect(detectRenames(before, moved, { byPosition: false }).map((pair) => [pair.oldKey, pair.newKey, pair.reason])).toEqual([
      ['mb/tasks/TASK042-export.md#TASK042', 'mb/tasks/done/TASK042-export.md#TASK042', 'moved from mb/tasks/TASK042-export.md, same anchor'],
      ['mb/tasks/TASK042-export.md#implementation-plan/read-the-rows', 'mb/tasks/done/TASK042-export.md#implementation-plan/read-the-rows', 'moved from mb/tasks/TASK042-export.md, same anchor'],
      ['mb/tasks/TASK042-export.md#implementation-plan/write-the-file', 'mb/tasks/done/TASK042-export.md#implementation-plan/write-the-file', 'moved from mb/tasks/TASK042-export.md, same anchor'],
    ]);
    const renamed = read('mb/tasks/TASK042-export-to-csv.md');
    expect(detectRenames(before, renamed, { byPosition: false })).toHaveLength(3);
    // Another file with an item of the same title and anchor, but neither the same name nor the same task id: not a move.
    const other = recordsOf('mb/notes.md', '- [ ] Read the rows\n', ['checklist']);
    const elsewhere = recordsOf('mb/later.md', '- [ ] Read the rows\n', ['checklist']);
    expect(detectRenames(other, elsewhere, { byPosition: false })).toEqual([]);
  });

  it('pairs a task file renamed with its task (Backlog.md renames the file when the title changes), not a look-alike of another id', () => {
    const read = (path: string, title: string): TaskRecord[] =>
      parse(makeFile(path, `---\nid: task-4\ntitle: ${title}\nstatus: To Do\n---\n\nLimit requests per token.\n`, ['frontmatter-task'], { kind: 'task-document' })).records;
    const before = read('backlog/tasks/task-4 - Rate-limit-API.md', 'Rate limit API');
    const after = read('backlog/tasks/task-4 - Rate-limit-the-public-API.md', 'Rate limit the public API');
    expect(detectRenames(before, after, { byPosition: false }).map((pair) => [pair.oldKey, pair.newKey, pair.reason])).toEqual([
      [
        'backlog/tasks/task-4 - Rate-limit-API.md#rate-limit-api',
        'backlog/tasks/task-4 - Rate-limit-the-public-API.md#rate-limit-the-public-api',
        'moved from backlog/tasks/task-4 - Rate-limit-API.md: the file renamed with its task, same task id task-4',
      ],
    ]);
    // Another task's file, however alike its title: not this task.
    expect(detectRenames(before, read('backlog/tasks/task-5 - Rate-limit-the-public-API.md', 'Rate limit the public API'), { byPosition: false })).toEqual([]);
  });

  it('pairs an item read by its id at last with the item whose title held the id, and not another id', () => {
    // Version 42 read `## Task ID: DEV-0003` (over `**Title:** Fetch the top coins…`) as a heading titled so, keyed by
    // its slug; version 43 reads the id and the title field.
    const subject = (key: string, title: string): RenameSubject => ({ key, path: 'mb/tasks.md', parentKey: null, title, status: 'done' });
    const before = [subject('mb/tasks.md#task-id-dev-0003', 'Task ID: DEV-0003')];
    const after = [subject('mb/tasks.md#DEV-0003', 'DEV-0003 · Fetch the top coins from the market page')];
    expect(pairRenames(before, after, { byPosition: false }).map((pair) => [pair.oldKey, pair.newKey, pair.reason])).toEqual([
      ['mb/tasks.md#task-id-dev-0003', 'mb/tasks.md#DEV-0003', 'same file and parent, the old title holds its id DEV-0003'],
    ]);
    expect(pairRenames(before, [subject('mb/tasks.md#DEV-0004', 'DEV-0004 · Fetch the top coins from the market page')], { byPosition: false })).toEqual([]);
    expect(pairRenames(before, [subject('mb/tasks.md#fetch-the-top-coins', 'Fetch the top coins')], { byPosition: false })).toEqual([]);
  });

  it('detects a rename by position and status when titles differ completely', () => {
    const before = recordsOf('mb/p.md', '## Done\n- Alpha\n- Beta\n', ['section-list']);
    const after = recordsOf('mb/p.md', '## Done\n- Alpha\n- Something unrelated\n', ['section-list']);
    expect(detectRenames(before, after)).toEqual([
      expect.objectContaining({ oldKey: 'mb/p.md#beta', newKey: 'mb/p.md#something-unrelated', reason: expect.stringContaining('position') }),
    ]);
  });

  it('pairs a title that gained words when it moved and changed status, and pairs by position only when asked', () => {
    const before = recordsOf('mb/t.md', '## Now\n- [ ] Alpha release notes\n- [ ] Tag it\n- [ ] Beta\n', ['checklist']);
    const after = recordsOf('mb/t.md', '## Now\n- [x] Tag it in the release repository\n- [ ] Alpha release notes\n- [ ] Gamma ray\n', ['checklist']);
    expect(measureTitleSimilarity('Tag it', 'Tag it in the release repository')).toBeLessThan(0.5);
    expect(detectRenames(before, after)).toEqual([
      expect.objectContaining({ oldKey: 'mb/t.md#now/beta', newKey: 'mb/t.md#now/gamma-ray', reason: expect.stringContaining('position') }),
      expect.objectContaining({ oldKey: 'mb/t.md#now/tag-it', newKey: 'mb/t.md#now/tag-it-in-the-release-repository', reason: expect.stringContaining('holds the other') }),
    ]);
    expect(detectRenames(before, after, { byPosition: false })).toEqual([
      expect.objectContaining({ oldKey: 'mb/t.md#now/tag-it', newKey: 'mb/t.md#now/tag-it-in-the-release-repository' }),
    ]);
    // Words held in part (`Tag` of `Tagging`) are not a title held whole.
    const partial = recordsOf('mb/t.md', '## Now\n- [x] Tagging the release repository\n', ['checklist']);
    expect(detectRenames(before, partial, { byPosition: false })).toEqual([]);
  });

  it('slugifies any script and measures similarity', () => {
    expect(slugify('✅ Phase 1: Import — Skeleton')).toBe('phase-1-import-skeleton');
    expect(slugify('规划阶段')).toBe('规划阶段');
    // Letters with a stroke stay as written, though the vocabulary reads them as plain letters (`Co dziala`).
    expect(slugify('Søgning für Großkunden: Płatności')).toBe('søgning-fur-großkunden-płatnosci');
    expect(measureTitleSimilarity('Build the API', 'Build the API')).toBe(1);
    expect(measureTitleSimilarity('Build the API', 'Write docs')).toBeLessThan(0.3);
  });
});
