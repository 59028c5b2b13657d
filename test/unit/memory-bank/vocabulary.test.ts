import { describe, expect, it } from 'vitest';
import type { TaskStatusValue } from '../../../src/core/task-record.js';
import { createVocabulary, findDateInText, normaliseDate, normaliseVocabularyText } from '../../../src/memory-bank/vocabulary.js';

const vocabulary = createVocabulary();

// Every status string listed in memory-banks/FORMATS.md §2, grouped as there, with the canonical status.
const statusTable: readonly (readonly [string, TaskStatusValue])[] = [
  // Portuguese, Italian, Dutch, Korean; review and tracking words
  ['Concluído', 'done'],
  ['Em andamento', 'in_progress'],
  ['Não iniciada', 'todo'],
  ['Completato', 'done'],
  ['In corso', 'in_progress'],
  ['Da fare', 'todo'],
  ['Afgerond', 'done'],
  ['Bezig', 'in_progress'],
  ['완료', 'done'],
  ['진행 중', 'in_progress'],
  ['미완료', 'todo'],
  ['완료 예정', 'planned'],
  ['보류', 'deferred'],
  ['On track', 'in_progress'],
  ['PR open', 'in_progress'],
  ['Draft PR', 'in_progress'],
  ['Not yet', 'todo'],
  ['Stalled', 'blocked'],
  // Done
  // A leading done mark beats the words after it, unless the value says the work is partial (#13 class 11)
  ['✅ Supprimé', 'done'],
  ['✅ 6/6', 'done'],
  ['✅ 3/5', 'in_progress'],
  ['Completed', 'done'],
  ['Complete', 'done'],
  ['completed', 'done'],
  ['done', 'done'],
  ['DONE', 'done'],
  ['Done', 'done'],
  ['COMPLETED', 'done'],
  ['✅', 'done'],
  ['✅ Complete', 'done'],
  ['✅ COMPLETE', 'done'],
  ['✅ COMPLETED', 'done'],
  ['✅ Done', 'done'],
  ['COMPLETE ✅', 'done'],
  ['Completed ✅', 'done'],
  ['Completed - 100%', 'done'],
  ['Completed — 100%', 'done'],
  ['Completed — 100 %', 'done'],
  ['✅ **COMPLETE** (2026-01-16)', 'done'],
  ['Completed on 2025-09-12', 'done'],
  ['Completed July 2025', 'done'],
  ['RESOLVED', 'done'],
  ['✅ RESOLVED', 'done'],
  ['FIXED in Phase 1', 'done'],
  ['ARCHIVED — see archive/archive-TASK-001.md', 'done'],
  ['✅ MERGED', 'done'],
  ['✅ LIVE', 'done'],
  ['✅ Applied', 'done'],
  ['✅ Deployed to production on the new cluster', 'done'],
  ['**PASS**', 'done'],
  ['[x]', 'done'],
  ['[X]', 'done'],
  ['[✅]', 'done'],
  ['已完成', 'done'],
  ['✅ 已完成', 'done'],
  ['✅ Complété', 'done'],
  ['COMPLÈTE ✅ 2026-08-03', 'done'],
  ['Clôturée ✅', 'done'],
  ['IMPLÉMENTÉE ✅', 'done'],
  ['✅ Corrigé', 'done'],
  ['(ABGESCHLOSSEN)', 'done'],
  ['✅ Merged into TASK023', 'done'],
  // In progress
  ['In Progress', 'in_progress'],
  ['IN PROGRESS', 'in_progress'],
  ['🔄 IN PROGRESS', 'in_progress'],
  ['IN_PROGRESS', 'in_progress'],
  ['in-progress', 'in_progress'],
  ['in_progress', 'in_progress'],
  ['In Progress - 35%', 'in_progress'],
  ['In Progress (85% complete)', 'in_progress'],
  ['75% IN PROGRESS 🌀', 'in_progress'],
  ['Code Review (95%)', 'in_progress'],
  ['PLAN - In Progress', 'in_progress'],
  ['🟡 In Progress', 'in_progress'],
  ['🔵 In Progress', 'in_progress'],
  ['Active', 'in_progress'],
  ['ACTIVE', 'in_progress'],
  ['active', 'in_progress'],
  ['[-]', 'in_progress'],
  ['[~]', 'in_progress'],
  ['部分完成', 'in_progress'],
  ['进行中', 'in_progress'],
  ['EN COURS 🔄', 'in_progress'],
  ['Step 2 Complete', 'in_progress'],
  ['Design Complete - 35%', 'in_progress'],
  // Not started / queued
  ['Pending', 'todo'],
  ['pending', 'todo'],
  ['TODO', 'todo'],
  ['Todo', 'todo'],
  ['Not Started', 'todo'],
  ['Not Started - 0%', 'todo'],
  ['⏳ Pending', 'todo'],
  ['⏳ PENDING', 'todo'],
  ['🔵 PENDING', 'todo'],
  ['🟡 PENDING', 'todo'],
  ['⏳ TODO', 'todo'],
  ['TODO ⏳', 'todo'],
  ['🔲 Pending', 'todo'],
  ['🔲 Not started', 'todo'],
  ['QUEUED', 'todo'],
  ['Queued', 'todo'],
  ['NEW', 'todo'],
  ['🔴 NEW', 'todo'],
  ['En Attente', 'todo'],
  ['⏳ Ожидает', 'todo'],
  ['未开始', 'todo'],
  ['Ready', 'todo'],
  ['⏳ READY', 'todo'],
  ['🟢 Ready', 'todo'],
  ['Ready for Implementation', 'todo'],
  ['[ ]', 'todo'],
  ['[ ] Pending', 'todo'],
  // Planned
  ['Planned', 'planned'],
  ['planned', 'planned'],
  ['📋 PLANNED', 'planned'],
  ['🔮 Planned', 'planned'],
  ['PLANIFIÉE 📋', 'planned'],
  ['DRAFT', 'planned'],
  ['Draft', 'planned'],
  ['draft', 'planned'],
  ['PROPOSED', 'planned'],
  ['Proposed', 'planned'],
  // Blocked / failed
  ['blocked', 'blocked'],
  ['Blocked', 'blocked'],
  ['⏳ Blocked on P0', 'blocked'],
  ['🟡 Blocked on user', 'blocked'],
  ['⏳ Блокер', 'blocked'],
  ['FAILED', 'blocked'],
  ['❌', 'blocked'],
  ['❌ Timeout after 45 seconds', 'blocked'],
  // Dropped / deferred
  ['deferred', 'deferred'],
  ['🟡 Deferred', 'deferred'],
  ['Later', 'deferred'],
  ['Skipped', 'cancelled'],
  ['Abandoned', 'cancelled'],
  ['🗑️ Déprécié (déc. 2025)', 'cancelled'],
  // German, Spanish, Russian, Japanese extras
  ['Erledigt', 'done'],
  ['In Bearbeitung', 'in_progress'],
  ['Completado', 'done'],
  ['En progreso', 'in_progress'],
  ['Pendiente', 'todo'],
  ['Выполнено', 'done'],
  ['В работе', 'in_progress'],
  ['Отменено', 'cancelled'],
  ['完了', 'done'],
  ['対応中', 'in_progress'],
  ['未着手', 'todo'],
];

// Found in Status fields but not task states (FORMATS §2): unknown, never todo.
const notAStatus: readonly string[] = [
  'EXISTING AND FUNCTIONAL',
  'Working Document',
  'Implementation Guide',
  'RIGID',
  'HATCHED',
  'SEEDED (Active Strategy)',
  'DECIDED',
  'RATIFIED',
  '✅ FULLY MITIGATED',
  'Deployment Ready',
  '⏳ PENDING / ✅ COMPLETE / ❌ FAILED',
  '[Planning | In Progress | Done | On Hold]',
  'APPROVED/PENDING/ARCHIVED',
  'resolved  # pending, in_progress, resolved',
  'Not Started | In Progress | Blocked | Complete',
  'Week 2-3',
  'something entirely different',
];

describe('status vocabulary', () => {
  it.each(statusTable)('maps %j to %s', (raw, expected) => {
    const match = vocabulary.matchStatus(raw);
    expect(match.canonical).toBe(expected);
    expect(match.matched).toBe(true);
  });

  it.each(notAStatus)('keeps %j unknown (not todo)', (raw) => {
    const match = vocabulary.matchStatus(raw);
    expect(match.canonical).toBe('unknown');
    expect(match.matched).toBe(false);
  });

  it('flags legends', () => {
    expect(vocabulary.matchStatus('⏳ PENDING / ✅ COMPLETE / ❌ FAILED').legend).toBe(true);
    expect(vocabulary.matchStatus('Completed / Verified').legend).toBe(false);
  });

  it('reads percentages', () => {
    expect(vocabulary.matchStatus('Completed - 100%').percent).toBe(1);
    expect(vocabulary.matchStatus('In Progress - 35%').percent).toBeCloseTo(0.35);
    expect(vocabulary.matchStatus('Not Started - 0%').percent).toBe(0);
  });

  it('trusts the head of long prose values', () => {
    expect(vocabulary.matchStatus('Fixed — removed outer ReactFlowProvider, switched FlowCanvas to plain useState').canonical).toBe('done');
  });

  it('is extended by the config (config words win)', () => {
    const custom = createVocabulary({ status: { 'hatched': 'done', 'on the bench': 'deferred' }, priority: { 'week 2-3': 2 } });
    expect(custom.matchStatus('HATCHED').canonical).toBe('done');
    expect(custom.matchStatus('⏳ On the bench').canonical).toBe('deferred');
    expect(custom.matchPriority('Week 2-3').value).toBe(2);
  });

  it('reads a phrase written as one word, as enums write it', () => {
    expect(vocabulary.matchStatus('NotStarted').canonical).toBe('todo');
    expect(vocabulary.matchStatus('onhold').canonical).toBe('deferred');
    expect(vocabulary.matchStatus('InReview').canonical).toBe('in_progress');
    expect(vocabulary.matchStatus('ReadyForDev').canonical).toBe('todo');
    expect(vocabulary.matchStatus('WONTDO').canonical).toBe('cancelled');
    // A word of its own is not split into phrases it happens to contain.
    expect(vocabulary.matchStatus('Donegal').matched).toBe(false);
    const custom = createVocabulary({ status: { 'on the bench': 'deferred' } });
    expect(custom.matchStatus('OnTheBench').canonical).toBe('deferred');
  });

  it('maps checkbox markers', () => {
    expect(vocabulary.matchCheckbox(' ')).toBe('todo');
    expect(vocabulary.matchCheckbox('x')).toBe('done');
    expect(vocabulary.matchCheckbox('X')).toBe('done');
    expect(vocabulary.matchCheckbox('✅')).toBe('done');
    expect(vocabulary.matchCheckbox('-')).toBe('in_progress');
    expect(vocabulary.matchCheckbox('~')).toBe('in_progress');
    expect(vocabulary.matchCheckbox('?')).toBeNull();
  });
});

const priorityTable: readonly (readonly [string, number | null])[] = [
  ['High', 3],
  ['Medium', 2],
  ['Critical', 4],
  ['Must Have', 3],
  ['P1-HIGH', 3],
  ['HIGH', 3],
  ['high', 3],
  ['CRITICAL', 4],
  ['P2-MEDIUM', 2],
  ['P0-CRITICAL', 4],
  ['P3-LOW', 1],
  ['P0 (Critical)', 4],
  ['P1 (High Priority)', 3],
  ['P1 (Important pour UX)', 3],
  ['Should Have', 2],
  ['Low', 1],
  ['中', 2],
  ['高', 3],
  ['低', 1],
  ['CRITICAL ✅ COMPLETED', 4],
  ['P0', 4],
  ['critical', 4],
  ['low', 1],
  ['2', 2],
  ['0', 4],
  ['🔴', 4],
  ['🟢', 1],
  ['Hohe Priorität', 3],
  ['Niedrig', 1],
  ['Haute', 3],
  ['Alta', 3],
  ['Высокий', 3],
  ['紧急', 4],
  ['Urgent', 4],
  ['Do now', 5],
  ['Week 2-3', null],
  ['(Priority: active)', null],
];

describe('priority vocabulary', () => {
  it.each(priorityTable)('maps %j to %s', (raw, expected) => {
    const match = vocabulary.matchPriority(raw);
    expect(match.value).toBe(expected);
    expect(match.matched).toBe(expected !== null);
  });
});

describe('section headings', () => {
  it.each([
    ['Completed Tasks', 'done'],
    ['Current Tasks', 'in_progress'],
    ['Next Steps', 'todo'],
    ['What Works', 'done'],
    ["What's Left to Build", 'todo'],
    ['Backlog', 'todo'],
    ['In Progress', 'in_progress'],
    ['Done', 'done'],
    ['Pending', 'todo'],
    ['Completed', 'done'],
    ['Abandoned', 'cancelled'],
    ['Later', 'deferred'],
    ['INCOMPLETE', 'todo'],
    ['En Cours', 'in_progress'],
    ['Terminé (récent)', 'done'],
    ['Anstehende Aufgaben', 'todo'],
    ['In Bearbeitung', 'in_progress'],
    ['Abgeschlossen', 'done'],
    ['**2. 完了したこと**', 'done'],
    ['已完成的功能', 'done'],
    ['✅ Completed (3)', 'done'],
    ['Completed This Week', 'done'],
    ['Recently Completed (Week 12)', 'done'],
    ['Done today', 'done'],
    ['In Progress (Sprint 4)', 'in_progress'],
    ['Concluído', 'done'],
    ['Em andamento', 'in_progress'],
    ['Da fare', 'todo'],
    ['Nog te doen', 'todo'],
    ['남은 작업', 'todo'],
    ['진행 중', 'in_progress'],
    ['Done (v1.0)', 'done'],
    ['Planned for 2.0', 'planned'],
    ['Todo list', 'todo'],
    ['🔜 Next Up', 'todo'],
    ['Still to do', 'todo'],
  ] as const)('%j is a %s section', (heading, expected) => {
    expect(vocabulary.matchSection(heading)).toBe(expected);
  });

  it.each(['Current Focus', 'Verified', 'Known Issues', 'Achievements', 'Complete API details', 'Technology Validation', 'Overview', 'Progress', 'Acceptance Criteria', 'Tasks for this week', 'Sprint 12', 'Problemas conhecidos', '알려진 문제', 'Operational Risks', 'Failed Assumptions', 'Release 1.0', 'Phase 2', 'Reading list'])(
    '%j is not a status section',
    (heading) => {
      expect(vocabulary.matchSection(heading)).toBeNull();
    },
  );

  it('reads priority sections', () => {
    expect(vocabulary.matchSectionPriority('Hohe Priorität')).toBe(3);
    expect(vocabulary.matchSectionPriority('Low Priority (Could Have)')).toBe(1);
    expect(vocabulary.matchSectionPriority('High Priority')).toBe(3);
    expect(vocabulary.matchSectionPriority('Overview')).toBeNull();
  });

  it.each([
    ['🔥 Urgent', 4],
    ['Critical', 4],
    ['High', 3],
    ['Nice to have', 1],
    ['Must have', 3],
    ['P1 — Important', 3],
    ['P0 - Critical', 4],
    ['P2 tasks', 2],
  ])('reads %j, a heading that is wholly a rank, as a priority section', (heading, priority) => {
    expect(vocabulary.matchSectionPriority(heading)).toBe(priority);
  });

  it.each(['Important', 'Optional', 'Top', 'Default', 'Critical bugs', 'Priority 1', 'Performance'])('%j ranks no section', (heading) => {
    expect(vocabulary.matchSectionPriority(heading)).toBeNull();
  });

  it('recognises criteria and legend headings', () => {
    expect(vocabulary.isCriteriaLabel('Acceptance Criteria')).toBe(true);
    expect(vocabulary.isCriteriaLabel('Legend')).toBe(true);
    expect(vocabulary.isCriteriaLabel('Akzeptanzkriterien')).toBe(true);
    expect(vocabulary.isCriteriaLabel('Checklist')).toBe(false);
  });
});

describe('field names', () => {
  it.each([
    ['Status', 'status'],
    ['**Status:**', 'status'],
    ['Situação', 'status'],
    ['Stato', 'status'],
    ['상태', 'status'],
    ['Prioridade', 'priority'],
    ['우선순위', 'priority'],
    ['Responsável', 'owner'],
    ['담당자', 'owner'],
    ['狀態', 'status'],
    ['Статус', 'status'],
    ['状态', 'status'],
    ['Outcome', 'status'],
    ['優先級', 'priority'],
    ['Priority', 'priority'],
    ['负责人', 'owner'],
    ['Owner', 'owner'],
    ['Added', 'created'],
    ['Updated', 'updated'],
    ['Target Date', 'due'],
    ['完成日期', 'done'],
    ['ID', 'id'],
    ['#', 'id'],
    ['Overall Status', 'overallStatus'],
  ] as const)('%j names %s', (name, kind) => {
    expect(vocabulary.matchField(name)).toBe(kind);
  });

  it('knows title columns and placeholders', () => {
    expect(vocabulary.isTitleColumn('Task')).toBe(true);
    expect(vocabulary.isTitleColumn('Задача')).toBe(true);
    expect(vocabulary.isTitleColumn('Status')).toBe(false);
    expect(vocabulary.isPlaceholder('(none)')).toBe(true);
    expect(vocabulary.isPlaceholder('_Пока нет_')).toBe(true);
    expect(vocabulary.isOwnerPlaceholder('TBD')).toBe(true);
    expect(vocabulary.isOwnerPlaceholder('[Festzulegen]')).toBe(true);
    expect(vocabulary.isOwnerPlaceholder('@username')).toBe(true);
    expect(vocabulary.isOwnerPlaceholder('Facet 1')).toBe(false);
  });
});

describe('dates', () => {
  it.each([
    ['2026-03-12', '2026-03-12'],
    ['[2025-08-16 20:09:37]', '2025-08-16T20:09:37'],
    ['2026-02-25T23:59:00Z', '2026-02-25T23:59:00Z'],
    ['2026-02-25T23:59:00.120+02:00', '2026-02-25T23:59:00.120+02:00'],
    ['(2/27/2025)', '2025-02-27'],
    ['27/2/2025', '2025-02-27'],
    ['27.02.2025', '2025-02-27'],
    ['January 18, 2025', '2025-01-18'],
    ['18 janvier 2025', '2025-01-18'],
    ['2023年11月7日', '2023-11-07'],
    ['2026/03/12', '2026-03-12'],
    // #13 class 12: day first where unambiguous, French ordinals, a month alone, a remark after the date
    ['18-09-2025', '2025-09-18'],
    ['09-18-2025', '2025-09-18'],
    ['1er octobre 2025', '2025-10-01'],
    ['Juillet 2025', '2025-07-01'],
    ['July 2025', '2025-07-01'],
    ['déc. 2025', '2025-12-01'],
    ['2026-02-10 (original)', '2026-02-10'],
    // Portuguese, Italian, Dutch and Korean dates
    ['3 de março de 2025', '2025-03-03'],
    ['outubro de 2025', '2025-10-01'],
    ['1 ottobre 2025', '2025-10-01'],
    ['12 mei 2025', '2025-05-12'],
    ['2025년 3월 4일', '2025-03-04'],
    ['2025. 3. 4.', '2025-03-04'],
    // A time of day after a date written otherwise (Notion's exports, US and European habits)
    ['March 1, 2026 5:00 PM', '2026-03-01T17:00'],
    ['February 3, 2026 12:10 am', '2026-02-03T00:10'],
    ['February 3, 2026, 12 p.m.', '2026-02-03T12:00'],
    ['03/02/2026 16:12', '2026-03-02T16:12'],
    ['2 mars 2026 à 14h30', '2026-03-02T14:30'],
    ['2026-02-03 4:12 PM', '2026-02-03T16:12'],
    ['18.09.2025 09:05 Uhr', '2025-09-18T09:05'],
  ] as const)('normalises %j', (raw, expected) => {
    expect(normaliseDate(raw)).toBe(expected);
  });

  it.each(['Current Session', 'YYYY-MM-DD', '2026-02-30', 'End of current sprint', 'March 1, 2026 13 PM', 'March 1, 2026 25:00', 'Sprint 2026 5'])(
    'rejects %j',
    (raw) => {
      expect(normaliseDate(raw)).toBeNull();
    },
  );

  it('finds dates inside text', () => {
    expect(findDateInText('Completed on 2025-01-23')?.value).toBe('2025-01-23');
    expect(findDateInText('nothing here')).toBeNull();
  });
});

describe('normalisation', () => {
  it('drops emphasis, accents, emoji and punctuation', () => {
    expect(normaliseVocabularyText('✅ **COMPLÈTE**')).toBe('complete');
    expect(normaliseVocabularyText("What's Left")).toBe('what s left');
    expect(normaliseVocabularyText('IN_PROGRESS')).toBe('in progress');
  });
});
