/**
 * The Vikunja → Markdown export (pure): which layout a file gets, how Vikunja's state becomes the item's checkbox and
 * fields, and that the parser reads the Markdown back to the keys the footers name.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import { createMarker } from '../../../src/core/mapping.js';
import type { DiscoveredFile } from '../../../src/core/source-file.js';
import type { ExportOptions, ExportTask } from '../../../src/core/vikunja-export.js';
import { htmlToText, readFooter, readVikunjaStatus, renderVikunjaExport } from '../../../src/memory-bank/export.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';

const options: ExportOptions = {
  mapping: { ownerLabelPrefix: 'owner:', runLabels: [] },
  vocabulary: createDefaultConfig().vocabulary,
  exportedAt: '2026-11-30T09:00:00.000Z',
  projectFolder: 'vikunja-export',
};

function footer(key: string, rows: Record<string, string> = {}): string {
  const lines = [`source: ${key}`, ...Object.entries(rows).map(([name, value]) => `${name}: ${value}`), `membank-id: ${createMarker(key)}`];
  return `<hr><p><small>${lines.map((line) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;')).join('<br>')}</small></p>`;
}

let nextId = 1;
function task(title: string, description: string, fields: Partial<ExportTask> = {}): ExportTask {
  return { id: nextId++, title, description, done: false, dueDate: null, priority: 0, labels: [], bucket: 'To-Do', ...fields };
}

function parseText(path: string, text: string, extractors: DiscoveredFile['extractors']): ReturnType<typeof parseFiles>['records'] {
  const file: DiscoveredFile = { path, bank: 'memory-bank', kind: 'task-list', reason: 'test', size: text.length, text, eol: 'lf', extractors };
  return parseFiles([file], { vocabulary: createDefaultConfig().vocabulary }).records;
}

describe('readFooter', () => {
  it('reads the source key and raw words of a footer, and refuses one whose source does not give its marker', () => {
    const read = readFooter(`<p>Body &amp; more</p>${footer('memory-bank/tasks.md#a/b', { status: 'Marinating', priority: 'P1' })}`);
    expect(read).toMatchObject({ key: 'memory-bank/tasks.md#a/b', path: 'memory-bank/tasks.md', anchor: 'a/b', status: 'Marinating', priority: 'P1', body: '<p>Body &amp; more</p>' });
    const tampered = footer('memory-bank/tasks.md#a').replace('source: memory-bank/tasks.md#a', 'source: ../../etc/passwd#a');
    expect(readFooter(tampered)).toBeNull();
    expect(readFooter('<p>made in Vikunja</p>')).toBeNull();
  });

  it('turns description HTML into readable text', () => {
    expect(htmlToText('<p>One &lt;b&gt;</p><ul><li>two</li><li>three</li></ul><p>four<br>five</p>')).toBe('One <b>\n\n- two\n- three\n\nfour\nfive');
  });
});

describe('readVikunjaStatus', () => {
  it('reads done, the status labels, then the Kanban bucket', () => {
    expect(readVikunjaStatus(task('a', '', { done: true, labels: ['blocked'] }))).toBe('done');
    expect(readVikunjaStatus(task('a', '', { labels: ['cancelled'] }))).toBe('cancelled');
    expect(readVikunjaStatus(task('a', '', { bucket: 'Blocked' }))).toBe('blocked');
    expect(readVikunjaStatus(task('a', '', { bucket: 'Doing' }))).toBe('in_progress');
    expect(readVikunjaStatus(task('a', '', { labels: ['planned'] }))).toBe('planned');
    expect(readVikunjaStatus(task('a', '', {}))).toBe('todo');
  });
});

describe('renderVikunjaExport', () => {
  it('writes nested tasks as a checklist under their headings that parses back to the same keys, statuses, priorities and dues', () => {
    const path = 'memory-bank/tasks.md';
    const project = {
      id: 3,
      title: 'tidepool',
      tasks: [
        task('Build the API', footer(`${path}#backend/build-the-api`, { priority: 'High' }), { priority: 3, dueDate: '2026-12-01T12:00:00Z' }),
        task('Add routes', footer(`${path}#backend/build-the-api/add-routes`), { done: true }),
        task('Write tests', footer(`${path}#backend/build-the-api/write-tests`, { status: 'In Progress' }), { bucket: 'Doing', dueDate: '2026-12-02T09:30:00Z' }),
        task('API-7 · Rate limiting', `<p>Per token.</p>${footer(`${path}#API-7`, { priority: 'P0' })}`, { priority: 4, labels: ['owner:Priya', 'backend'] }),
        task('Offline mode', footer(`${path}#frontend/offline-mode`, { status: 'Marinating' }), {}),
        task('Login screen', footer(`${path}#frontend/login-screen`, { status: 'Pending' }), { labels: ['blocked'] }),
      ],
    };
    const exported = renderVikunjaExport(project, options);
    expect(exported.files.map((file) => file.path)).toEqual([path]);
    const text = exported.files[0]?.text ?? '';
    expect(text).toContain('## backend\n');
    expect(text).toContain('- [ ] Build the API (Priority: High, Due: 2026-12-01)\n');
    expect(text).toContain('  - [x] Add routes\n');
    expect(text).toContain('  - [-] Write tests (Status: In Progress, Due: 2026-12-02T09:30:00Z)\n');
    expect(text).toContain('- [ ] [API-7] · Rate limiting (Priority: P0)\n');
    expect(text).toContain('  - **Owner**: Priya\n  - **Tags**: backend\n  > Per token.\n');
    // An unknown word stays unknown; a word Vikunja no longer agrees with is replaced by Vikunja's state.
    expect(text).toContain('- [?] Offline mode (Status: Marinating)\n');
    expect(text).toContain('- [ ] Login screen (Status: Blocked)\n');
    expect(text).toMatch(/- \[x\] Add routes\n {4}<!-- membank: mb-[0-9a-f]{16} vikunja #\d+ -->/u);

    const records = parseText(path, text, ['checklist']);
    const read = records.map((record) => [record.key, record.status.canonical, record.priority.value, record.dates.due, record.parentKey]);
    expect(read).toEqual([
      [`${path}#backend/build-the-api`, 'todo', 3, '2026-12-01', null],
      [`${path}#backend/build-the-api/add-routes`, 'done', null, null, `${path}#backend/build-the-api`],
      [`${path}#backend/build-the-api/write-tests`, 'in_progress', null, '2026-12-02T09:30:00Z', `${path}#backend/build-the-api`],
      [`${path}#API-7`, 'todo', 4, null, null],
      [`${path}#frontend/offline-mode`, 'unknown', null, null, null],
      [`${path}#frontend/login-screen`, 'blocked', null, null, null],
    ]);
  });

  it('writes a file without nesting as a task table (bare numeric ids included), one task keyed by its title as a frontmatter document, and Vikunja-made tasks to the project file', () => {
    const plan = 'memory-bank/progress/planning.md';
    const doc = 'memory-bank/features/share-links.md';
    const project = {
      id: 4,
      title: 'Tide Pool',
      tasks: [
        task('2 · Cognitive enhancements', footer(`${plan}#2`, { status: 'From benchmark analysis, see notes' })),
        task('3 · Stack overview', footer(`${plan}#3`, { status: '✅ Complete' }), { done: true }),
        task('Public share links', `<p>Anyone with the link.</p>${footer(`${doc}#public-share-links`, { status: 'planned' })}`, { labels: ['planned', 'sharing'], dueDate: '2027-02-01T12:00:00Z' }),
        task('Call the printer', '<p>Before Friday.</p>', { priority: 5 }),
      ],
    };
    const exported = renderVikunjaExport(project, options);
    expect(exported.placed.map((placed) => placed.key)).toEqual([`${plan}#2`, `${plan}#3`, `${doc}#public-share-links`]);
    expect(exported.unsourced).toHaveLength(1);
    const files = new Map(exported.files.map((file) => [file.path, file.text]));
    expect([...files.keys()]).toEqual([doc, plan, 'vikunja-export/tide-pool.md']);
    expect(files.get(plan)).toContain('| 2 | Cognitive enhancements | From benchmark analysis, see notes |');
    expect(files.get(plan)).toContain('| 3 | Stack overview | ✅ Complete |');
    expect(files.get(doc)).toContain('---\ntitle: "Public share links"\nstatus: "planned"\ndue: "2027-02-01"\ntags: ["sharing"]\n---\n# Public share links\n');
    expect(files.get('vikunja-export/tide-pool.md')).toContain('- [ ] Call the printer (Priority: Do now)\n  <!-- vikunja #');

    const table = parseText(plan, files.get(plan) ?? '', ['task-table']);
    expect(table.map((record) => [record.key, record.status.canonical])).toEqual([
      [`${plan}#2`, 'unknown'],
      [`${plan}#3`, 'done'],
    ]);
    const document = parseText(doc, files.get(doc) ?? '', ['frontmatter-task']);
    expect(document.map((record) => [record.key, record.status.canonical, record.dates.due, record.labels])).toEqual([[`${doc}#public-share-links`, 'planned', '2027-02-01', ['sharing']]]);
  });

  it('writes a task list kept as data back in its own format (YAML, JSON, JSON Lines), parsing back to the same keys, statuses, priorities, dues and parents', () => {
    const cases: Array<[string, string[]]> = [
      ['memory-bank/queue.yaml', ['now', 'later']],
      ['memory-bank/roadmap.json', ['milestones']],
      ['memory-bank/issues.jsonl', []],
    ];
    for (const [path, lists] of cases) {
      const first = lists[0] === undefined ? '' : `${lists[0]}/`;
      const second = lists[1] === undefined ? first : `${lists[1]}/`;
      const project = {
        id: 4,
        title: 'release',
        tasks: [
          task('REL-1 · Rotate the keys', `<p>Before the freeze.</p>${footer(`${path}#REL-1`, { status: 'in_progress', priority: 'P0' })}`, { bucket: 'Doing', priority: 4, labels: ['security'] }),
          task('Publish the key', footer(`${path}#rel-1/publish-the-key`, { status: 'pending' }), { done: true }),
          task('Book the venue', footer(`${path}#${first}book-the-venue`, { status: 'false' }), { dueDate: '2026-05-20T12:00:00Z' }),
          task('Translate the docs', footer(`${path}#${second}translate-the-docs`, { status: 'blocked' }), { labels: ['blocked'] }),
          task('Send the invitations', footer(`${path}#7`, { status: 'true' }), { done: true }),
        ],
      };
      const exported = renderVikunjaExport(project, options);
      expect(exported.files.map((file) => file.path)).toEqual([path]);
      const text = exported.files[0]?.text ?? '';
      const records = parseText(path, text, ['data-list']);
      expect(records.map((record) => [record.key, record.status.canonical, record.priority.value, record.dates.due, record.parentKey]), `${path}:\n${text}`).toEqual(
        expect.arrayContaining([
          [`${path}#REL-1`, 'in_progress', 4, null, null],
          [`${path}#rel-1/publish-the-key`, 'done', null, null, `${path}#REL-1`],
          [`${path}#${first}book-the-venue`, 'todo', null, '2026-05-20', null],
          [`${path}#${second}translate-the-docs`, 'blocked', null, null, null],
          [`${path}#7`, 'done', null, null, null],
        ]),
      );
      expect(records).toHaveLength(5);
      expect(records.find((record) => record.key === `${path}#REL-1`)).toMatchObject({ labels: ['security'], body: 'Before the freeze.' });
    }
  });

  it('writes a status map back as a map (BMAD\'s sprint-status.yaml under development_status:, a JSON one at its root), parsing back to the same keys, statuses and parents', () => {
    for (const path of ['_bmad-output/implementation-artifacts/sprint-status.yaml', 'memory-bank/status.json']) {
      const project = {
        id: 5,
        title: 'lantern',
        tasks: [
          task('epic-1', footer(`${path}#epic-1`, { status: 'in-progress' }), { bucket: 'Doing' }),
          task('1-1-pick-a-palette · Pick a palette', footer(`${path}#1-1-pick-a-palette`, { status: 'done' }), { done: true }),
          task('1-2-night-mode · Night mode', footer(`${path}#1-2-night-mode`, { status: 'review' }), { bucket: 'Doing' }),
          task('OPS-7', footer(`${path}#OPS-7`, { status: 'backlog' })),
        ],
      };
      const text = renderVikunjaExport(project, options).files[0]?.text ?? '';
      if (path.endsWith('.yaml')) expect(text).toContain('development_status:\n  epic-1: in-progress  # membank: ');
      const records = parseText(path, text, ['status-map']);
      expect(records.map((record) => [record.key, record.status.raw, record.status.canonical, record.parentKey]), `${path}:\n${text}`).toEqual([
        [`${path}#epic-1`, 'in-progress', 'in_progress', null],
        [`${path}#1-1-pick-a-palette`, 'done', 'done', `${path}#epic-1`],
        [`${path}#1-2-night-mode`, 'review', 'in_progress', `${path}#epic-1`],
        [`${path}#OPS-7`, 'backlog', 'todo', null],
      ]);
    }
    // An entry given a description in Vikunja does not fit a map: the file is written as a list, keeping it.
    const path = 'memory-bank/status.yaml';
    const described = renderVikunjaExport({ id: 6, title: 'ops', tasks: [task('OPS-7', `<p>Needs the keys.</p>${footer(`${path}#OPS-7`, { status: 'backlog' })}`)] }, options).files[0]?.text ?? '';
    expect(described).toContain('- id: "OPS-7"');
    expect(described).toContain('description: "Needs the keys."');
    // A file named for work, not statuses (`todo.yaml`), keeps the list its items were read from.
    const todo = renderVikunjaExport({ id: 7, title: 'home', tasks: [task('Write the docs', footer('memory-bank/todo.yaml#write-the-docs', { status: 'done' }), { done: true })] }, options).files[0]?.text ?? '';
    expect(todo).toContain('- title: "Write the docs"');
  });
});
