import { describe, expect, it } from 'vitest';
import { findWorkItemWord, isWorkItemOwnFileName } from '../../../src/memory-bank/classify-locations.js';

describe("a work item's own file, by its name", () => {
  it.each(['S01_sprint_meta', 'M01_milestone_meta', 'epic', 'sprint-3', 'Epic-Overview', 'story_1.2'])('%s describes its folder\'s work item', (stem) => {
    expect(isWorkItemOwnFileName(stem)).toBe(true);
  });

  it.each(['feature-login', 'sprint-review', 'sprint-7-handover', 'tasks', 'meta', 'S01'])('%s does not', (stem) => {
    expect(isWorkItemOwnFileName(stem)).toBe(false);
  });

  it('names the work item a file says it is, wherever the word stands', () => {
    expect(findWorkItemWord('S01_sprint_meta')).toBe('sprint');
    expect(findWorkItemWord('feature-login')).toBe('feature');
    expect(findWorkItemWord('blocker-tracking')).toBeNull();
  });
});
