/**
 * The base of a task relinked by its marker (no mapping: a lost state store): agreed fields are the base; a field
 * that differs takes the owner's side (the bank pushes what it owns, Vikunja's value is pulled for the rest), so
 * nothing is a conflict.
 */
import { describe, expect, it } from 'vitest';
import { createRelinkBase } from '../../../jobs/sync.js';
import { compareItem, defaultOwnership, type SyncValues } from '../../../src/core/three-way.js';

const ours: SyncValues = { title: 'Write docs', description: 'bank text', done: false, priority: 3, due: null, percentDone: null, labels: ['docs'], bucket: 'To-Do' };

function decide(theirs: SyncValues) {
  const base = createRelinkBase(ours, theirs, defaultOwnership);
  return compareItem({ base, ours, theirs, ownership: defaultOwnership, policy: 'report', oursChangedAt: null, theirsChangedAt: null });
}

describe('createRelinkBase', () => {
  it('takes the agreed value as the base: every field unchanged', () => {
    expect(createRelinkBase(ours, { ...ours }, defaultOwnership)).toEqual(ours);
    expect(decide({ ...ours }).every((decision) => decision.action === 'none')).toBe(true);
  });

  it('pulls a field both sides own that Vikunja changed (done, priority, labels, bucket), never a conflict', () => {
    const decisions = decide({ ...ours, done: true, bucket: 'Done', priority: 5, labels: ['docs', 'urgent'] });
    const actions = Object.fromEntries(decisions.map((decision) => [decision.field, decision.action]));
    expect(actions).toEqual({ title: 'none', description: 'none', done: 'pull', priority: 'pull', due: 'none', percentDone: 'none', labels: 'pull', bucket: 'pull' });
  });

  it('pushes a field the memory bank owns (title, description) that differs', () => {
    const decisions = decide({ ...ours, description: 'edited in Vikunja' });
    expect(decisions.find((decision) => decision.field === 'description')?.action).toBe('push');
  });

  it('never pushes an empty bank value over Vikunja: a description only Vikunja has is ignored, a due date is pulled', () => {
    const bare = { ...ours, description: '' };
    const base = createRelinkBase(bare, { ...bare, description: 'written in Vikunja', due: '2026-12-01T12:00:00Z' }, defaultOwnership);
    expect(base.description).toBe('');
    expect(base.due).toBeNull();
  });

  it('follows sync.ownership: a field Vikunja owns is pulled, a both-owned field the bank owns instead is pushed', () => {
    const ownership = { ...defaultOwnership, title: 'vikunja' as const, priority: 'memory-bank' as const };
    const theirs = { ...ours, title: 'Renamed', priority: 1 };
    const base = createRelinkBase(ours, theirs, ownership);
    const decisions = compareItem({ base, ours, theirs, ownership, policy: 'report', oursChangedAt: null, theirsChangedAt: null });
    expect(decisions.find((decision) => decision.field === 'title')?.action).toBe('pull');
    expect(decisions.find((decision) => decision.field === 'priority')?.action).toBe('push');
  });
});
