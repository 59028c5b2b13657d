/**
 * The sync job's pure rules: the Done bucket follows the decision on done, and where the inbox file lives.
 */
import { describe, expect, it } from 'vitest';
import { selectInboxPath, tieBucketToDone } from '../../../jobs/sync.js';
import { compareItem, defaultOwnership, type SyncValues } from '../../../src/core/three-way.js';

const base: SyncValues = { title: 'A', description: '', done: false, priority: null, due: null, percentDone: null, labels: [], bucket: 'To-Do' };

describe('sync job rules', () => {
  it('a tick that ownership ignores does not move the task to Done either', () => {
    const decisions = compareItem({
      base,
      ours: { ...base, done: true, bucket: 'Done' },
      theirs: base,
      ownership: { ...defaultOwnership, done: 'vikunja' },
      policy: 'report',
      oursChangedAt: null,
      theirsChangedAt: null,
    });
    expect(decisions.find((decision) => decision.field === 'bucket')?.action).toBe('push');
    const tied = tieBucketToDone(decisions);
    expect(tied.find((decision) => decision.field === 'done')?.action).toBe('ignore');
    expect(tied.find((decision) => decision.field === 'bucket')?.action).toBe('ignore');
  });

  it('a move between To-Do and Doing is its own decision', () => {
    const decisions = compareItem({
      base,
      ours: { ...base, bucket: 'Doing' },
      theirs: base,
      ownership: { ...defaultOwnership, done: 'vikunja' },
      policy: 'report',
      oursChangedAt: null,
      theirsChangedAt: null,
    });
    expect(tieBucketToDone(decisions).find((decision) => decision.field === 'bucket')?.action).toBe('push');
  });

  it('puts the inbox in the bank folder, or nowhere when it is off', () => {
    expect(selectInboxPath('vikunja-inbox.md', 'memory-bank')).toBe('memory-bank/vikunja-inbox.md');
    expect(selectInboxPath('vikunja-inbox.md', '.')).toBe('vikunja-inbox.md');
    expect(selectInboxPath(false, 'memory-bank')).toBeNull();
  });
});
