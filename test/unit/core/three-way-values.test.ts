/**
 * The values sync compares and the bank-side changes it pulls: descriptions by body, the inferred bucket, base
 * copies of migrate and of sync, label merges, statuses, and all-day dates that never drift in any timezone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toVikunjaDate } from '../../../src/core/mapping.js';
import {
  mergePulledLabels,
  readInboxTaskId,
  readStatedShare,
  readSyncBase,
  readVikunjaValues,
  selectBankChanges,
  selectPulledStatus,
  stripFooter,
  toBankDate,
} from '../../../src/core/sync-values.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import type { VikunjaTask } from '../../../src/core/vikunja.js';

function record(overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    key: 'tasks.md#a',
    source: { path: 'tasks.md', line: 3, anchor: 'a' },
    title: 'A',
    body: '',
    status: { canonical: 'todo', raw: null, from: 'checkbox' },
    priority: { value: null, raw: null },
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: ['docs'],
    owner: null,
    sourceId: null,
    parentKey: null,
    order: 0,
    percentDone: null,
    extractor: 'checklist',
    extra: {},
    progress: [],
    alsoSeenAt: [],
    ...overrides,
  };
}

function task(overrides: Partial<VikunjaTask> = {}): VikunjaTask {
  return {
    id: 7, project_id: 1, title: 'A', description: '', done: false, done_at: null, due_date: null, start_date: null, end_date: null,
    priority: 0, percent_done: 0, hex_color: '', repeat_after: 0, repeat_mode: 0, is_favorite: false, identifier: '#1', index: 1,
    position: 0, bucket_id: 0, cover_image_attachment_id: 0, assignees: [], labels: [], reminders: [], related_tasks: {},
    created: null, updated: null, created_by_id: null,
    ...overrides,
  };
}

const originalTz = process.env['TZ'];
afterEach(() => {
  if (originalTz === undefined) delete process.env['TZ'];
  else process.env['TZ'] = originalTz;
});

describe('sync values', () => {
  it('compares descriptions without the provenance footer', () => {
    const footer = '<hr><p><small>source: tasks.md#a<br>status: ⏳ Pending<br>membank-id: mb-0123456789abcdef</small></p>';
    expect(stripFooter(`<p>body</p>${footer}`)).toBe('<p>body</p>');
    expect(stripFooter('<p>a person wrote this</p>')).toBe('<p>a person wrote this</p>');
  });

  it('infers the bucket from done and the last agreed bucket; ignores the removed label', () => {
    const label = (title: string) => ({ id: 1, title, description: '', hex_color: '', created_by_id: null });
    expect(readVikunjaValues(task({ done: true }), { bucket: 'Doing' }, []).bucket).toBe('Done');
    expect(readVikunjaValues(task(), { bucket: 'Doing' }, []).bucket).toBe('Doing');
    expect(readVikunjaValues(task(), { bucket: 'Done' }, []).bucket).toBe('To-Do');
    expect(readVikunjaValues(task({ labels: [label('x'), label('Removed-From-Memory-Bank')] }), null, ['removed-from-memory-bank']).labels).toEqual(['x']);
  });

  it('reads the share done a side states: none when unset, or when it only restates a done flag', () => {
    expect(readStatedShare(0.4, false)).toBe(0.4);
    expect(readStatedShare(0.4, true)).toBe(0.4);
    expect(readStatedShare(1, false)).toBe(1);
    expect(readStatedShare(1, true)).toBeNull();
    expect(readStatedShare(0, false)).toBeNull();
    expect(readStatedShare(null, true)).toBeNull();
    expect(readVikunjaValues(task({ percent_done: 0.25 }), null, []).percentDone).toBe(0.25);
  });

  it("reads a migrate base copy (the desired task) and a sync base copy", () => {
    const desired = { key: 'k', fields: { title: 'T', description: '<p>b</p>', done: false, done_at: null, due_date: null, start_date: null, priority: 2, percent_done: null }, labels: ['a'], bucket: 'To-Do' };
    expect(readSyncBase(desired)).toEqual({ title: 'T', description: '<p>b</p>', done: false, priority: 2, due: null, percentDone: null, labels: ['a'], bucket: 'To-Do' });
    expect(readSyncBase({ ...desired, sync: { title: 'S' } })).toEqual({ title: 'S' });
    expect(readSyncBase(null)).toBeNull();
  });

  it('merges label changes made in Vikunja into the record\'s tags', () => {
    expect(mergePulledLabels(record({ labels: ['docs', 'ui'] }), ['memory_bank', 'docs', 'ui'], ['memory_bank', 'UI', 'urgent'])).toEqual(['ui', 'urgent']);
  });

  it('turns done and bucket into one status change', () => {
    expect(selectPulledStatus(record(), true, 'Done')).toBe('done');
    expect(selectPulledStatus(record({ status: { canonical: 'done', raw: '[x]', from: 'checkbox' } }), false, 'To-Do')).toBe('todo');
    expect(selectPulledStatus(record({ status: { canonical: 'planned', raw: null, from: 'section' } }), false, 'To-Do')).toBe('planned');
    const theirs = { title: 'A', description: '', done: true, priority: null, due: null, percentDone: null, labels: [], bucket: 'Done' };
    expect(selectBankChanges(record(), new Map<never, unknown>([['done', true], ['bucket', 'Done']] as never), null, theirs)).toEqual([
      { fields: ['done', 'bucket'], change: { field: 'status', status: 'done' } },
    ]);
  });

  it('reads the task id an inbox line carries', () => {
    expect(readInboxTaskId('- [ ] Call Bob <!-- membank: mb-0123456789abcdef vikunja #42 -->')).toBe(42);
    expect(readInboxTaskId('- [ ] Call Bob')).toBeNull();
  });

  for (const tz of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`an all-day due date survives 100 round trips under TZ=${tz}`, () => {
      process.env['TZ'] = tz;
      let date: string | null = '2026-12-31';
      for (let round = 0; round < 100; round += 1) {
        const pushed = toVikunjaDate(date);
        expect(pushed).toBe('2026-12-31T12:00:00Z');
        date = toBankDate(pushed);
      }
      expect(date).toBe('2026-12-31');
      // A time a person set in Vikunja is kept as the instant it is.
      expect(toBankDate('2026-12-31T09:30:00Z')).toBe('2026-12-31T09:30:00Z');
    });
  }
});
