import { describe, expect, it } from 'vitest';
import { findDataTaskLists, findStatusMaps, readDataFile, readDataFormat, type DataValue } from '../../../src/memory-bank/data-file.js';
import { createVocabulary } from '../../../src/memory-bank/vocabulary.js';

const vocabulary = createVocabulary();

function read(format: 'yaml' | 'json' | 'jsonl', text: string): DataValue {
  const result = readDataFile(format, text);
  if (!result.ok) throw new Error(result.problem.message);
  return result.root;
}

describe('readDataFormat', () => {
  it('names the data formats membank reads, by extension in any case', () => {
    expect(['q.yaml', 'Q.YML', 'tasks.json', 'issues.jsonl', 'log.ndjson', 'notes.md', 'a.toml'].map(readDataFormat)).toEqual([
      'yaml',
      'yaml',
      'json',
      'jsonl',
      'jsonl',
      null,
      null,
    ]);
  });
});

describe('readDataFile', () => {
  it('reads YAML with every scalar as written and each item on the line of its dash', () => {
    const root = read('yaml', '# queue\nnow:\n  - id: 7\n    title: "Ship it"\n    created: 2026-03-12\n    owner: ~\n');
    expect(root).toEqual({
      kind: 'map',
      line: 2,
      entries: [
        {
          key: 'now',
          line: 2,
          value: {
            kind: 'list',
            line: 3,
            items: [
              {
                kind: 'map',
                line: 3,
                entries: [
                  { key: 'id', line: 3, value: { kind: 'scalar', text: '7', line: 3 } },
                  { key: 'title', line: 4, value: { kind: 'scalar', text: 'Ship it', line: 4 } },
                  { key: 'created', line: 5, value: { kind: 'scalar', text: '2026-03-12', line: 5 } },
                  { key: 'owner', line: 6, value: { kind: 'scalar', text: null, line: 6 } },
                ],
              },
            ],
          },
        },
      ],
    });
  });

  it('reads JSON with lines from offsets, numbers and literals as written', () => {
    const root = read('json', '{\n  "items": [\n    { "title": "A", "priority": 2, "done": false, "due": null }\n  ]\n}\n');
    expect(root.kind === 'map' && root.entries[0]?.value).toMatchObject({
      kind: 'list',
      line: 2,
      items: [{ kind: 'map', line: 3, entries: [{ key: 'title' }, { key: 'priority', value: { text: '2' } }, { key: 'done', value: { text: 'false' } }, { key: 'due', value: { text: null } }] }],
    });
  });

  it('reads JSON Lines one value per line, skipping blank lines and reporting each broken one with its line', () => {
    const result = readDataFile('jsonl', '{"title":"A"}\n\n{"title":"B"\n{"title":"C"}\n');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.root.kind === 'list' && result.root.items.map((item) => item.line)).toEqual([1, 4]);
    expect(result.problems).toEqual([{ line: 3, message: expect.stringContaining('line 3 is not a JSON value'), received: '{"title":"B"' }]);
  });

  it('says why a file does not parse, with its line', () => {
    expect(readDataFile('yaml', 'a: [1, 2\nb: c\n')).toMatchObject({ ok: false, problem: { message: expect.stringContaining('not valid YAML') } });
    expect(readDataFile('json', '{\n  "a": 1,\n}\n')).toMatchObject({ ok: false, problem: { line: 3, message: expect.stringContaining('not valid JSON') } });
    expect(readDataFile('json', '{"a": "x\u00a0"}')).toMatchObject({ ok: true });
    expect(readDataFile('json', '{"a":\u00a01}')).toMatchObject({ ok: false });
  });
});

describe('findDataTaskLists', () => {
  it('finds lists of titled items stating statuses at the root or under keys, and leaves out lists of things that are not work', () => {
    const root = read(
      'yaml',
      [
        'queue:',
        '  now:',
        '    - {title: A, status: done}',
        '    - {title: B, status: pending}',
        'risks:',
        '  - {title: C, status: open}',
        'steps:',
        '  - {name: Build}',
        'notes:',
        '  - just text',
        'half:',
        '  - {title: D, status: done}',
        '  - {title: E}',
        '  - {title: F}',
      ].join('\n'),
    );
    const found = findDataTaskLists(root, vocabulary, 'queue.yaml');
    expect(found.lists.map((list) => list.label)).toEqual(['queue.now']);
    expect(found.skipped).toEqual([{ label: 'risks', items: 1, why: '`risks` names something other than work' }]);
  });

  it('names a list at the root by its file', () => {
    const root = read('json', '[{"name": "lint", "status": "passing"}]');
    expect(findDataTaskLists(root, vocabulary, 'checks.json').lists).toEqual([]);
    expect(findDataTaskLists(root, vocabulary, 'backlog.json').lists).toHaveLength(1);
  });
});

describe('findStatusMaps', () => {
  const labels = (format: 'yaml' | 'json', text: string, file: string): string[] => findStatusMaps(read(format, text), vocabulary, file).map((map) => map.label);

  it('finds maps of names and statuses under a key or in a file named for statuses', () => {
    expect(labels('yaml', 'project: Lantern\ndevelopment_status:\n  epic-1: in-progress\n  1-1-palette: done\n  epic-1-retrospective: optional\n', 'sprint-status.yaml')).toEqual(['development_status']);
    expect(labels('yaml', 'updated: 2026-03-01\nTASK-1: done\nTASK-2: blocked\n', 'status.yaml')).toEqual(['']);
    expect(labels('json', '{"sprint": {"statuses": {"OPS-7": "in progress", "OPS-8": "done"}}}', 'ops.json')).toEqual(['sprint.statuses']);
    // A map named for work (`tasks:`, a `progress` file) whose values are statuses.
    expect(labels('yaml', 'tasks:\n  write-the-docs: done\n  record-the-demo: todo\n', 'launch.yaml')).toEqual(['tasks']);
    expect(labels('yaml', 'write-the-docs: done\nrecord-the-demo: in progress\n', 'progress.yaml')).toEqual(['']);
  });

  it('leaves maps that are not named for statuses, or whose values are mostly not statuses', () => {
    // Statuses, but the map is named neither for them nor for work.
    expect(labels('yaml', 'features:\n  search: done\n  export: todo\n', 'plan.yaml')).toEqual([]);
    // Named for statuses, but its values are settings (`enabled`) or only one is a status.
    expect(labels('yaml', 'feature_state:\n  dark_mode: enabled\n  offline: disabled\n', 'settings.yaml')).toEqual([]);
    expect(labels('yaml', 'build_status:\n  api: done\n  web: green\n  docs: red\n', 'ci.yaml')).toEqual([]);
    // Keys without a letter are not names of work.
    expect(labels('yaml', 'status:\n  1: done\n  2: done\n', 'x.yaml')).toEqual([]);
  });
});
