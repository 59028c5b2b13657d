/**
 * Section headings are matched to status and priority phrases exactly through a map of each phrase list (issue #13
 * "Speed": it compared each heading with hundreds of phrases in turn), and a heading is normalised once for the
 * criteria check and the section match that follow each other (the last answer is kept). The answers below are
 * those of the plain code (c5e154b), which gave the same answers as this one for 13,297 texts made from every word
 * of the vocabulary tables (alone, upper-cased, as headings, numbered, emphasised, with `Tasks`/`Priority`/emoji),
 * by every lookup of a default and a configured vocabulary. Each heading here is matched only by an exact phrase:
 * with the exact lookup answering nothing, every row fails.
 */
import { describe, expect, it } from 'vitest';
import { createVocabulary } from '../../../src/memory-bank/vocabulary.js';

describe('exact phrase lookup', () => {
  const vocabulary = createVocabulary({ status: { 'waiting on the legal review team': 'blocked' }, priority: { 'must have now': 1 } });

  it.each([
    ['Recently Completed', 'done'],
    ['Completed Phases', 'done'],
    ['What was done', 'done'],
    ['Tâches terminées', 'done'],
    ['Выполненные задачи', 'done'],
    ['完了したタスク', 'done'],
    ['Active Tasks', 'in_progress'],
    ['当前任务', 'in_progress'],
    ["What's Left to Build", 'todo'],
    ['残っているタスク', 'todo'],
    ['Upcoming Tasks', 'todo'],
    ['Planned Work', 'planned'],
    ['Blocked Tasks', 'blocked'],
    // A configured phrase of more than four words (too long for the status fallback).
    ['Waiting on the legal review team', 'blocked'],
  ])('section status of %j', (heading, status) => {
    expect(vocabulary.matchSection(heading)).toBe(status);
  });

  it.each([
    ['High Priority', 3],
    ['P1', 3],
    ['Must have now priority', 1],
  ])('section priority of %j', (heading, priority) => {
    expect(vocabulary.matchSectionPriority(heading)).toBe(priority);
  });

  it('answers nothing for headings that are no phrase', () => {
    for (const heading of ['Overview', 'Phase 12: Feature work 12', 'Architecture notes']) {
      expect(vocabulary.matchSection(heading)).toBeNull();
      expect(vocabulary.matchSectionPriority(heading)).toBeNull();
    }
  });
});

describe('a heading normalised once for the lookups that follow', () => {
  it('answers each heading for itself when lookups of different headings alternate', () => {
    const vocabulary = createVocabulary();
    const headings = ['Acceptance Criteria', 'Recently Completed', 'Definition of Done', 'Active Tasks', 'High Priority'];
    const alone = headings.map((heading) => {
      const fresh = createVocabulary({ status: { [`only for ${heading}`]: 'todo' } });
      return [fresh.isCriteriaLabel(heading), fresh.matchSection(heading), fresh.matchSectionPriority(heading)];
    });
    expect(alone).toEqual([
      [true, null, null],
      [false, 'done', null],
      [true, null, null],
      [false, 'in_progress', null],
      [false, null, 3],
    ]);
    // Interleaved: each lookup follows a lookup of another heading.
    for (let round = 0; round < 2; round++) {
      for (const [index, heading] of headings.entries()) expect(vocabulary.isCriteriaLabel(heading)).toBe(alone[index]?.[0]);
      for (const [index, heading] of headings.entries()) {
        expect(vocabulary.matchSection(heading)).toBe(alone[index]?.[1]);
        expect(vocabulary.isCriteriaLabel(headings[(index + 1) % headings.length] as string)).toBe(alone[(index + 1) % headings.length]?.[0]);
      }
    }
  });
});
