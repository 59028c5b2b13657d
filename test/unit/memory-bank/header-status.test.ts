import { describe, expect, it } from 'vitest';
import { findHeaderStatus, findLeadingTaskId } from '../../../src/memory-bank/header-status.js';

describe('findHeaderStatus: a task file states its own status in any header form', () => {
  it.each([
    [['# T', '', '**Status:** In Progress'], 'In Progress', 3, 'bold-field'],
    [['# T', '**Statut :** En cours'], 'En cours', 2, 'bold-field'],
    [['# T', '**ステータス**: 完了'], '完了', 2, 'bold-field'],
    [['# T', '## Status: DONE'], 'DONE', 2, 'heading-field'],
    [['# T', '- Status: IN_PROGRESS'], 'IN_PROGRESS', 2, 'list-field'],
    [['# T', 'Status: blocked'], 'blocked', 2, 'field'],
    [['# T', '## Statut', '', 'Terminé'], 'Terminé', 4, 'heading-value'],
    [['# T', '**État:** fait'], 'fait', 2, 'bold-field'],
    // Other typography: quoted, a callout, a name in italics, a mark before it, a spaced dash or `=` for the colon.
    [['# T', '', '> **Status:** Pending', '> **Added:** 2026-03-01'], 'Pending', 3, 'bold-field'],
    [['# T', '> [!NOTE]', '> Status: Blocked'], 'Blocked', 3, 'field'],
    [['# T', '_Status_: In Progress'], 'In Progress', 2, 'bold-field'],
    [['# T', '✅ **Status:** Complete'], 'Complete', 2, 'bold-field'],
    [['# T', 'Status — Done'], 'Done', 2, 'field'],
    [['# T', 'Status = in progress'], 'in progress', 2, 'field'],
  ] as const)('%j → %s (line %i, %s)', (lines, value, line, form) => {
    expect(findHeaderStatus(lines)).toMatchObject({ value, line, form });
  });

  it('reads only the header: a status under the second section is not the file\'s', () => {
    expect(findHeaderStatus(['# T', '## Goal', 'x', '## Plan', '- Status: done'])).toBeNull();
  });

  it('a status indented under a list item is the item\'s, not the file\'s', () => {
    expect(findHeaderStatus(['# Sprint 3', '1. **Write the guide**', '   **Status:** Done'])).toBeNull();
    expect(findHeaderStatus(['# Sprint 3', '- Publish the changelog', '', '  - Status: Pending'])).toBeNull();
    // The file's own status after such an item, at the margin, is still read; so is a header field bullet.
    expect(findHeaderStatus(['# T', '- Step one', '  - Status: Pending', '**Status:** Done'])).toMatchObject({ value: 'Done', line: 4 });
    expect(findHeaderStatus(['# T', '- **Added:** 2026-01-02', '- **Status:** Done'])).toMatchObject({ value: 'Done', line: 3 });
  });

  it('skips fenced code and lines that are not status fields', () => {
    expect(findHeaderStatus(['# T', '```', 'Status: done', '```', 'Statuses are listed below.'])).toBeNull();
    // A dash inside a word is no separator: `Status-quo analysis` states no status.
    expect(findHeaderStatus(['# T', 'Status-quo analysis of the old app.'])).toBeNull();
  });
});

describe('findLeadingTaskId', () => {
  it.each([
    ['TASK001-export', 'TASK001'],
    ['FEAT-12-reader-mode', 'FEAT-12'],
    ['TASK-TYPE-002-typed-ids', 'TASK-TYPE-002'],
    ['task_003_notes', 'task_003'],
    ['[TASK004] Title', 'TASK004'],
  ] as const)('%j → %s', (text, id) => {
    expect(findLeadingTaskId(text)).toBe(id);
  });

  it.each(['BUILD-HARDENING-RESEARCH-2026-03-02', 'AGENT-ONBOARDING-PROTOCOL-V1', 'WAVE-5-MANUAL', 'level4_tasks', 'progress'])(
    '%j carries no task id (a date, a version, a one-digit part, a word)',
    (text) => {
      expect(findLeadingTaskId(text)).toBeNull();
    },
  );
});
