/**
 * remark (unified + micromark) is loaded only when a file needs it: a bank of headings, checklists, status lines,
 * tables, links and HTML is read by the line scanner alone; tab indentation is left to remark. Its own file, so the
 * module state starts fresh.
 */
import { describe, expect, it } from 'vitest';
import { isRemarkLoaded } from '../../../src/memory-bank/markdown.js';
import { makeFile, parse } from './fixtures.js';

describe('remark on demand', () => {
  it('reads a bank of checklists, tables and links without loading remark, and loads it for a file with tab indentation', () => {
    const plain = parse(
      makeFile('mb/tasks.md', '# Tasks\n\n## In Progress\n- [ ] **Write** the [parser](docs/parser.md) (`src/p.ts`)\n- [x] Ship it\n', ['cursor-tasks']),
      makeFile('mb/progress.md', '# Progress\n\n| ID | Task | Status |\n|----|------|--------|\n| T1 | Build | ✅ Done |\n', ['task-table']),
    );
    expect(plain.records.map((record) => record.title)).toEqual(['T1 · Build', 'Write the parser (src/p.ts)', 'Ship it']);
    expect(isRemarkLoaded()).toBe(false);

    const tabbed = parse(makeFile('mb/todo.md', '# Todo\n\n- [ ] Call the bank\n\t- [ ] Ask for the form\n', ['cursor-tasks']));
    expect(tabbed.records.map((record) => record.title)).toEqual(['Call the bank', 'Ask for the form']);
    expect(isRemarkLoaded()).toBe(true);
  });
});
