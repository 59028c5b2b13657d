import { describe, expect, it } from 'vitest';
import { normaliseLabel, scanMarkdown } from '../../../src/memory-bank/discover-signals.js';
import { splitTableLine } from '../../../src/memory-bank/table-line.js';

describe('scanMarkdown', () => {
  it('reads the frontmatter the parser reads: at line 1, or right after the H1 (whose lines it then scans)', () => {
    const top = scanMarkdown('---\ntitle: "A # b"\nstatus: draft # lifecycle\npriority: high\n---\n# T\n');
    expect(top.frontmatter).toEqual({ title: 'A # b', status: 'draft', priority: 'high' });
    expect(top.frontmatterEndLine).toBe(5);
    const late = scanMarkdown('# Title\n\n---\ntitle: Late\nstatus: example\n---\n\nBody\n');
    expect(late.frontmatter).toEqual({ title: 'Late', status: 'example' });
    expect(late.frontmatterEndLine).toBe(0);
    expect(late.headings.map((heading) => heading.text)).toEqual(['Title']);
  });

  it('reads frontmatter as YAML reads it, and keys naming a status or a priority in other words as status and priority', () => {
    const yaml = scanMarkdown('---\n"title": "Cache the results"\nstate: >-\n  in progress\nnotes:\n  - a\n---\n');
    expect(yaml.frontmatter).toEqual({ title: 'Cache the results', state: 'in progress', status: 'in progress', notes: '' });
    const flow = scanMarkdown('---\n{titre: Refonte, état: en cours, Priorité: haute}\n---\n');
    expect(flow.frontmatter).toEqual({ titre: 'Refonte', état: 'en cours', status: 'en cours', priorité: 'haute', priority: 'haute' });
    // Not valid YAML (`: ` in a plain value): read line by line, as its author meant it; the parser reports the error.
    const broken = scanMarkdown('---\ntitle: Fix: the login loop\nCurrent Status: blocked\n---\n');
    expect(broken.frontmatter).toEqual({ title: 'Fix: the login loop', 'current status': 'blocked', status: 'blocked' });
  });

  it('ignores an unclosed frontmatter block', () => {
    expect(scanMarkdown('---\ntitle: x\n# never closed\n').frontmatter).toBeNull();
  });

  it('skips fenced code (``` and ~~~), counting it apart', () => {
    const s = scanMarkdown('# A\n~~~\n- [ ] not a task\n## not a heading\n~~~\n```md\n| ID | Task |\n|---|---|\n```\n- [x] real\n');
    expect(s.headings.map((h) => h.text)).toEqual(['A']);
    expect(s.checkboxes).toEqual({ open: 0, done: 1, firstLine: 10 });
    expect(s.tables).toEqual([]);
    expect(s.fencedLines).toBe(8);
  });

  it('reads tables, with pipes inside code spans kept in their cell', () => {
    const s = scanMarkdown('Intro\n\n| **ID** | Task `a|b` | Status ✅ |\n| :--- | --- | ---: |\n| PM-001 | x | done |\n| PM-002 | y | todo |\n\nafter\n');
    expect(s.tables).toEqual([
      { line: 3, header: ['**ID**', 'Task `a|b`', 'Status ✅'], columns: ['id', 'task a|b', 'status'], firstCells: ['pm-001', 'pm-002'], rows: 2,
        body: [['PM-001', 'x', 'done'], ['PM-002', 'y', 'todo']] },
    ]);
    expect(splitTableLine('| a | `b|c` | d \\| e |')).toEqual(['a', '`b|c`', 'd | e']);
  });

  it('reads bold fields in their variants, several per line, and vertical key/value tables', () => {
    const s = scanMarkdown(
      '**Status:** Pending  \n**Added**: 2026-01-01\n- **Priority** : High\n**Status**: DRAFT | **Target**: Opus\n\n| Field | Value |\n|---|---|\n| **Task ID** | TASK-001 |\n',
    );
    expect(s.boldFields.map((f) => [f.name, f.value, f.line])).toEqual([
      ['status', 'Pending', 1],
      ['added', '2026-01-01', 2],
      ['priority', 'High', 3],
      ['status', 'DRAFT', 4],
      ['target', 'Opus', 4],
      ['task id', 'TASK-001', 8],
    ]);
  });

  it('reads Roo stamps, including the hybrid with a heading after the stamp', () => {
    const s = scanMarkdown('# Tasks\n[2025-05-03 16:47:47] - ## Task: Setup\n* [2025-08-30 10:57] - done thing\nYYYY-MM-DD HH:MM:SS - Log of updates made.\n');
    expect(s.rooStamps).toEqual({ count: 2, firstLine: 2 });
    expect(s.headings.map((h) => [h.level, h.text])).toEqual([
      [1, 'Tasks'],
      [2, 'Task: Setup'],
    ]);
    expect(s.rooPreambleLine).toBe(4);
  });

  it('counts Kiro items, requirement refs, task refs and the task-id heading', () => {
    const s = scanMarkdown('# [TASK004] - Title\n- [x] 1. A\n- [ ]* 1.1 B\n  - _Requirements: 1.1_\n- [TASK001] x\n- `TASK002` y\n');
    expect(s.kiroItems).toBe(2);
    expect(s.requirementsRefs).toBe(1);
    expect(s.taskRefLines).toBe(2);
    expect(s.taskIdHeadingLine).toBe(1);
  });

  it('treats a heading indented four spaces as code, two spaces as a heading', () => {
    const s = scanMarkdown('x\n\n    # code\n\n  ## heading\n');
    expect(s.headings.map((h) => h.text)).toEqual(['heading']);
  });

  it('finds placeholders outside code, and real dates', () => {
    const s = scanMarkdown('# [Name]\nDue: YYYY-MM-DD\nOwner: @username\n{{ project }}\nDone 2026-01-02\n```\n[Title]\n```\n');
    expect(s.placeholders.kinds).toEqual(['[Name]', 'YYYY-MM-DD', '@username', '{{…}}']);
    expect(s.isoDates).toBe(1);
  });

  it('finds every placeholder kind on one list line, the list-item pattern included, counting each match', () => {
    const s = scanMarkdown('Intro\n- Goal 1: Description for [Name], due YYYY-MM-DD or YYYY-MM-DD\n');
    expect(s.placeholders).toEqual({ kinds: ['YYYY-MM-DD', '[Name]', 'Description: …'], count: 4, firstLine: 2 });
  });

  it('reads a line of Unicode spaces as blank, as String#trim does (the ASCII check hands other lines to it)', () => {
    const s = scanMarkdown('# A\n\u00a0\u3000 \n\t\ufeff\n\u00e9t\u00e9\nText\u00a0\n```\n\u2003\n x\n```\n');
    expect(s.contentLines).toBe(3);
    expect(s.fencedLines).toBe(3);
  });
});

describe('normaliseLabel', () => {
  it('drops emphasis, emoji, trailing colons and case', () => {
    expect(normaliseLabel('**Status** ✅:')).toBe('status');
    expect(normaliseLabel('`Task ID`')).toBe('task id');
    expect(normaliseLabel('  Статус ')).toBe('статус');
  });
});
