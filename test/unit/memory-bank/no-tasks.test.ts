import { describe, expect, it } from 'vitest';
import { lines, makeFile, parse } from './fixtures.js';

const brief = lines('# Project brief', '', 'A recipe box that works offline.');
const checklist = lines('# Tasks', '', '- [ ] Print a shopping list');

describe('no-tasks: a parse that found no task says so', () => {
  it('names each bank that gave none, with what its files were taken for, when no bank gave a task', () => {
    const result = parse(
      makeFile('app/memory-bank/projectbrief.md', brief, [], { kind: 'context-document', bank: 'app/memory-bank' }),
      makeFile('web/memory-bank/projectbrief.md', brief, [], { kind: 'context-document', bank: 'web/memory-bank' }),
      makeFile('web/memory-bank/tasks.md', lines('# Tasks', '', 'Nothing yet.'), ['checklist'], { bank: 'web/memory-bank' }),
    );
    expect(result.records).toEqual([]);
    expect(result.problems.map((problem) => [problem.code, problem.file, problem.received])).toEqual([
      ['no-tasks', 'app/memory-bank', 'context-document: 1'],
      ['no-tasks', 'web/memory-bank', 'context-document: 1, task-list: 1'],
    ]);
  });

  it('says nothing of a bank that keeps only context beside one that gave tasks', () => {
    const result = parse(
      makeFile('memory-bank/projectbrief.md', brief, [], { kind: 'context-document', bank: 'memory-bank' }),
      makeFile('.taskmaster/tasks.md', checklist, ['checklist'], { bank: '.taskmaster' }),
    );
    expect(result.records).toHaveLength(1);
    expect(result.problems).toEqual([]);
  });
});
