import { describe, expect, it } from 'vitest';
import {
  advanceBase,
  type Cell,
  classifyCell,
  compareItem,
  conflictPolicies,
  type ConflictPolicyValue,
  defaultOwnership,
  type OwnershipValue,
  type SyncAction,
  type SyncField,
  syncFields,
  type SyncValues,
} from '../../../src/core/three-way.js';

/** Three distinct values per field: a (base), b, c. */
const samples: { [F in SyncField]: [SyncValues[F], SyncValues[F], SyncValues[F]] } = {
  title: ['Write the docs', 'Write the docs (v2)', 'Write docs'],
  description: ['<p>a</p>', '<p>b</p>', '<p>c</p>'],
  done: [false, true, true],
  priority: [null, 3, 5],
  due: ['2026-03-12T12:00:00Z', '2026-03-13T12:00:00Z', '2026-03-14T09:30:00Z'],
  percentDone: [0.25, 0.5, 0.75],
  labels: [['memory_bank'], ['memory_bank', 'urgent'], ['memory_bank', 'later']],
  bucket: ['To-Do', 'Doing', 'Blocked'],
};

const baseValues: SyncValues = {
  title: samples.title[0],
  description: samples.description[0],
  done: samples.done[0],
  priority: samples.priority[0],
  due: samples.due[0],
  percentDone: samples.percentDone[0],
  labels: samples.labels[0],
  bucket: samples.bucket[0],
};

/** base, ours, theirs as indexes into the samples, per cell. `done` has two values only: its conflict is impossible. */
const cells: Array<{ cell: Cell; base: 0; ours: 0 | 1 | 2; theirs: 0 | 1 | 2 }> = [
  { cell: 'unchanged', base: 0, ours: 0, theirs: 0 },
  { cell: 'push', base: 0, ours: 1, theirs: 0 },
  { cell: 'pull', base: 0, ours: 0, theirs: 1 },
  { cell: 'both-same', base: 0, ours: 1, theirs: 1 },
  { cell: 'conflict', base: 0, ours: 1, theirs: 2 },
];

function withField<F extends SyncField>(field: F, value: SyncValues[F]): SyncValues {
  return { ...baseValues, [field]: value };
}

/** The action expected for a cell under an ownership and a policy (the newest policy: the file is newer here). */
function expectedAction(cell: Cell, ownership: OwnershipValue, policy: ConflictPolicyValue): SyncAction {
  if (cell === 'unchanged') return 'none';
  if (cell === 'both-same') return 'record';
  if (ownership === 'memory-bank') return cell === 'pull' ? 'ignore' : 'push';
  if (ownership === 'vikunja') return cell === 'push' ? 'ignore' : 'pull';
  if (cell !== 'conflict') return cell;
  return { report: 'conflict', 'prefer-memory-bank': 'push', 'prefer-vikunja': 'pull', newest: 'push' }[policy] as SyncAction;
}

describe('three-way: every cell × field × ownership × policy', () => {
  for (const field of syncFields) {
    for (const { cell, base, ours, theirs } of cells) {
      if (field === 'done' && cell === 'conflict') continue;
      it(`${field}: ${cell}`, () => {
        const values = samples[field];
        expect(classifyCell(field, values[base], values[ours], values[theirs])).toBe(cell);
        for (const ownership of ['both', 'memory-bank', 'vikunja'] as const) {
          for (const policy of conflictPolicies) {
            const decisions = compareItem({
              base: withField(field, values[base] as never),
              ours: withField(field, values[ours] as never),
              theirs: withField(field, values[theirs] as never),
              ownership: { ...defaultOwnership, [field]: ownership },
              policy,
              oursChangedAt: '2026-03-12T10:00:05Z',
              theirsChangedAt: '2026-03-12T10:00:00Z',
            });
            const decision = decisions.find((candidate) => candidate.field === field);
            expect({ ownership, policy, action: decision?.action }).toEqual({ ownership, policy, action: expectedAction(cell, ownership, policy) });
            expect(decision?.cell).toBe(cell);
            for (const other of decisions.filter((candidate) => candidate.field !== field)) expect(other.action).toBe('none');
          }
        }
      });
    }
  }
});

describe('three-way: values', () => {
  it('labels compare as case-insensitive sets', () => {
    expect(classifyCell('labels', ['a', 'B'], ['b', 'A'], ['A', 'b', 'a'])).toBe('unchanged');
    expect(classifyCell('labels', ['a'], ['a'], ['a', 'c'])).toBe('pull');
  });

  it('due dates compare to the second, priority 0 is unset', () => {
    expect(classifyCell('due', '2026-03-12T12:00:00Z', '2026-03-12T12:00:00.400Z', '2026-03-12T12:00:00Z')).toBe('unchanged');
    expect(classifyCell('priority', null, 0, null)).toBe('unchanged');
  });

  it('a due date set in Vikunja where the bank has none is a pull, never a push of null', () => {
    expect(classifyCell('due', null, null, '2026-05-01T09:00:00Z')).toBe('pull');
  });

  it("without a base, equal sides are unchanged, the bank's value is pushed, and a value only Vikunja has is kept", () => {
    expect(classifyCell('title', undefined, 'x', 'x')).toBe('unchanged');
    expect(classifyCell('title', undefined, 'x', 'y')).toBe('push');
    expect(classifyCell('labels', undefined, ['memory_bank'], [])).toBe('push');
    expect(classifyCell('due', undefined, null, '2026-05-01T09:00:00Z')).toBe('pull');
    expect(classifyCell('priority', undefined, null, 4)).toBe('pull');
  });
});

describe('three-way: the newest policy', () => {
  const input = {
    base: baseValues,
    ours: withField('priority', 3),
    theirs: withField('priority', 5),
    ownership: defaultOwnership,
    policy: 'newest' as const,
  };
  const priority = (oursChangedAt: string | null, theirsChangedAt: string | null): SyncAction | undefined =>
    compareItem({ ...input, oursChangedAt, theirsChangedAt }).find((decision) => decision.field === 'priority')?.action;

  it('takes the side changed last', () => {
    expect(priority('2026-03-12T10:00:00Z', '2026-03-12T10:00:01Z')).toBe('pull');
    expect(priority('2026-03-12T10:00:02Z', '2026-03-12T10:00:01Z')).toBe('push');
  });

  it('reports the conflict when a change time is missing or both are equal', () => {
    expect(priority(null, '2026-03-12T10:00:01Z')).toBe('conflict');
    expect(priority('2026-03-12T10:00:01Z', '2026-03-12T10:00:01Z')).toBe('conflict');
  });
});

describe('three-way: the share done', () => {
  const input = { ownership: defaultOwnership, policy: 'report' as const, oursChangedAt: null, theirsChangedAt: null };
  const share = (base: number | null | undefined, ours: number | null, theirs: number | null) => {
    const decisions = compareItem({ ...input, base: base === undefined ? {} : { ...baseValues, percentDone: base }, ours: { ...baseValues, percentDone: ours }, theirs: { ...baseValues, percentDone: theirs } });
    const decision = decisions.find((candidate) => candidate.field === 'percentDone');
    return { action: decision?.action, next: advanceBase(null, decisions, new Set<SyncField>(['percentDone'])).percentDone };
  };

  it('pushes a share the bank changed, and one it states where there is no base yet', () => {
    expect(share(0.4, 0.75, 0.4)).toEqual({ action: 'push', next: 0.75 });
    expect(share(undefined, 0.75, null)).toEqual({ action: 'push', next: 0.75 });
  });

  it('keeps a share set in Vikunja there (the bank owns it), and compares nothing where the bank states none', () => {
    expect(share(0.2, 0.2, 0.5)).toMatchObject({ action: 'ignore' });
    expect(share(0.2, null, 0.5)).toEqual({ action: 'none', next: 0.2 });
    expect(share(undefined, null, 0.3)).toEqual({ action: 'none', next: null });
  });
});

describe('three-way: advancing the base', () => {
  it('advances agreed and written fields, keeps the base of conflicts, ignored changes and failed writes', () => {
    const decisions = compareItem({
      base: baseValues,
      ours: { ...baseValues, title: 'new title', priority: 3, due: '2026-04-01T12:00:00Z', bucket: 'Doing' },
      theirs: { ...baseValues, priority: 5, done: true, labels: ['memory_bank', 'x'], description: '<p>edited</p>', bucket: 'Doing' },
      ownership: defaultOwnership,
      policy: 'report',
      oursChangedAt: null,
      theirsChangedAt: null,
    });
    const byField = Object.fromEntries(decisions.map((decision) => [decision.field, decision.action]));
    expect(byField).toEqual({ title: 'push', description: 'ignore', done: 'pull', priority: 'conflict', due: 'push', percentDone: 'none', labels: 'pull', bucket: 'record' });
    const next = advanceBase(baseValues, decisions, new Set<SyncField>(['title', 'done', 'labels']));
    expect(next).toEqual({
      ...baseValues,
      title: 'new title',
      done: true,
      labels: ['memory_bank', 'x'],
      bucket: 'Doing',
      // priority: conflict (kept); description: ignored (kept); due: push not written (kept).
    });
  });

  it('a field with no base gets one once both sides agree', () => {
    const decisions = compareItem({
      base: null,
      ours: baseValues,
      theirs: { ...baseValues, title: 'other' },
      ownership: defaultOwnership,
      policy: 'report',
      oursChangedAt: null,
      theirsChangedAt: null,
    });
    expect(decisions.find((decision) => decision.field === 'title')?.action).toBe('push');
    expect(advanceBase(null, decisions, new Set())).toEqual({ ...baseValues, title: undefined });
    expect(advanceBase(null, decisions, new Set<SyncField>(['title']))).toEqual(baseValues);
  });
});
