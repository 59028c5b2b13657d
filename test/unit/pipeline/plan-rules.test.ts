import { describe, expect, it } from 'vitest';
import { groupUnits } from '../../../jobs/import.js';
import { computeBucketOps, diffFields, findKeptFields } from '../../../jobs/plan.js';
import type { TaskFields } from '../../../src/core/mapping.js';
import type { CreateOp, WriteOp } from '../../../src/core/plan.js';

const fields = (overrides: Partial<TaskFields> = {}): TaskFields => ({
  title: 'T',
  description: 'D',
  done: false,
  done_at: null,
  due_date: null,
  start_date: null,
  priority: null,
  percent_done: null,
  ...overrides,
});

describe('diffFields: a value the source does not have is not a value to write', () => {
  const due = '2027-03-04T10:00:00Z';
  it('never clears a date set in Vikunja when there is no base copy (adopt, fresh state store)', () => {
    expect(diffFields(fields(), fields({ due_date: due }), null)).toEqual([]);
  });
  it('never clears a date set in Vikunja that membank did not write', () => {
    expect(diffFields(fields(), fields({ due_date: due }), fields())).toEqual([]);
    expect(diffFields(fields(), fields({ due_date: due }), fields({ due_date: '2026-01-01T12:00:00Z' }))).toEqual([]);
  });
  it('clears a date membank wrote, nobody changed, and the source dropped', () => {
    expect(diffFields(fields(), fields({ due_date: due }), fields({ due_date: due }))).toEqual([{ field: 'due_date', before: due, after: null }]);
  });
  it('writes a date the source has', () => {
    expect(diffFields(fields({ due_date: due }), fields(), null)).toEqual([{ field: 'due_date', before: null, after: due }]);
  });
});

describe('findKeptFields', () => {
  it('lists fields changed in Vikunja while the source still says what membank wrote', () => {
    expect(findKeptFields(fields(), fields({ title: 'edited' }), fields())).toEqual([{ field: 'title', membank: 'T', vikunja: 'edited' }]);
    expect(findKeptFields(fields(), fields({ title: 'edited' }), null)).toEqual([]);
    expect(findKeptFields(fields({ title: 'new' }), fields({ title: 'edited' }), fields())).toEqual([]);
  });
});

describe('computeBucketOps', () => {
  it('creates To-Do/Doing/Done and sets default and done bucket on a 0.24 Kanban (one Backlog)', () => {
    const ops = computeBucketOps({ buckets: new Set(['Backlog']), defaultBucketId: 0, doneBucketId: 0 }, false);
    expect(ops.map((op) => op.id)).toEqual(['bucket:To-Do', 'bucket:Doing', 'bucket:Done', 'kanban:buckets']);
  });
  it('creates a Blocked bucket when configured, instead of falling back to To-Do', () => {
    const ops = computeBucketOps({ buckets: new Set(['To-Do', 'Doing', 'Done']), defaultBucketId: 1, doneBucketId: 3 }, true);
    expect(ops).toEqual([{ id: 'bucket:Blocked', kind: 'bucket', title: 'Blocked' }]);
  });
  it('leaves a complete board alone', () => {
    expect(computeBucketOps({ buckets: new Set(['To-Do', 'Doing', 'Done']), defaultBucketId: 1, doneBucketId: 3 }, false)).toEqual([]);
  });
});

describe('groupUnits', () => {
  it('sends bulk batches last batch first, in source order within each batch', () => {
    const creates = Array.from({ length: 5 }, (_, index) => ({ id: `create:${index}`, kind: 'create', key: `k${index}` }) as unknown as CreateOp);
    const label = { id: 'label:x', kind: 'label', title: 'x' } as WriteOp;
    const units = groupUnits([label, ...creates], 2);
    expect(units.map((unit) => (Array.isArray(unit) ? unit.map((op) => op.key) : [unit.id]))).toEqual([
      ['label:x'],
      ['create:4'],
      ['k2', 'k3'],
      ['k0', 'k1'],
    ]);
  });
});
