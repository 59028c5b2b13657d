/**
 * Status and priority phrases are looked up by the text's words (issue #13 "Speed"): only phrases whose first word
 * is a word of the text are tried, CJK phrases only in text with CJK characters. The answers must be those of trying
 * every phrase longest first — these were taken from that code (2d6bb25), which gave the same answers as this one on
 * every built-in status, priority and section phrase, alone, inside a sentence and upper-cased (2,638 texts).
 */
import { describe, expect, it } from 'vitest';
import { createVocabulary } from '../../../src/memory-bank/vocabulary.js';

describe('phrase lookup by first word', () => {
  const vocabulary = createVocabulary({ status: { 'waiting on legal': 'blocked', '保留中': 'blocked' }, priority: { 'must have': 1 } });

  it.each([
    // The longest phrase wins even when a shorter one starts earlier in the text.
    ['in progress - not started', 'in_progress'],
    ['Work not started yet', 'todo'],
    ['partially done', 'in_progress'],
    // CJK phrases are found inside words; CJK next to Latin.
    ['テストは完了しました', 'done'],
    ['进行中 in progress', 'in_progress'],
    // Configured phrases, several words or CJK, inside longer text.
    ['waiting on legal review', 'blocked'],
    ['案件は保留中です', 'blocked'],
    ['Terminé', 'done'],
    ['en cours de revue', 'in_progress'],
    ['Выполнено', 'done'],
    ['wont do', 'cancelled'],
    ['Blocked by the infra team', 'blocked'],
    ['Done', 'done'],
  ])('status of %j', (text, canonical) => {
    const match = vocabulary.matchStatus(text);
    expect(match.canonical).toBe(canonical);
    expect(match.matched).toBe(true);
  });

  it.each([
    ['must have', 1],
    ['High priority', 3],
    ['critical', 4],
    ['low', 1],
    ['nice to have', 1],
  ])('priority of %j', (text, value) => {
    expect(vocabulary.matchPriority(text).value).toBe(value);
  });

  it('finds nothing in text with no phrase, empty text or spaces only', () => {
    for (const text of ['xyz', '', '   ', 'the quick brown fox']) expect(vocabulary.matchStatus(text).matched).toBe(false);
  });
});
