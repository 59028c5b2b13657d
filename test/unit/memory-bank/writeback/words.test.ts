/**
 * The words write-back writes: every built-in word reads back (through the parser's vocabulary) as the value it
 * is written for; the file's own forms come first; otherwise the language and style of the file's values.
 */
import { describe, expect, it } from 'vitest';
import type { TaskStatusValue } from '../../../../src/core/task-record.js';
import type { Language } from '../../../../src/memory-bank/language.js';
import { createVocabulary } from '../../../../src/memory-bank/vocabulary.js';
import {
  applyStyle,
  choosePriorityValue,
  chooseStatusValue,
  detectStyle,
  detectValueLanguage,
  priorityWords,
  statusEmojiWords,
  statusWords,
  taskmasterStatusWords,
  type WrittenStatus,
} from '../../../../src/memory-bank/writeback/words.js';

const vocabulary = createVocabulary();
const languages = Object.keys(statusWords) as Language[];
const statuses = Object.keys(statusWords.en) as WrittenStatus[];

describe('built-in words', () => {
  it.each(languages)('every %s status word, alone and with its emoji before or after, reads back as its status', (language) => {
    for (const status of statuses) {
      const word = statusWords[language][status];
      const read = (text: string): TaskStatusValue => vocabulary.matchStatus(text).canonical;
      expect([status, read(word)]).toEqual([status, status]);
      expect([status, read(`${statusEmojiWords[status]} ${word}`)]).toEqual([status, status]);
      expect([status, read(`${word} ${statusEmojiWords[status]}`)]).toEqual([status, status]);
      expect([status, read(statusEmojiWords[status])]).toEqual([status, status]);
      expect([status, read(word.toUpperCase())]).toEqual([status, status]);
    }
  });

  it('Taskmaster status words read back as their status', () => {
    for (const [status, word] of Object.entries(taskmasterStatusWords)) expect(vocabulary.matchStatus(word).canonical).toBe(status);
  });

  it.each(languages)('the %s priority words that choosePriorityValue may write read back as their priority', (language) => {
    for (const priority of [1, 2, 3, 4, 5]) {
      const chosen = choosePriorityValue(priority, [], vocabulary, language);
      expect(chosen).not.toBeNull();
      expect(vocabulary.matchPriority(chosen ?? '').value).toBe(priority);
      const word = priorityWords[language][priority];
      if (word !== undefined && vocabulary.matchPriority(word).value === priority) expect(chosen).toBe(word);
    }
  });
});

describe('detectValueLanguage', () => {
  it('values written in English in a French file are English values', () => {
    expect(detectValueLanguage(['In Progress', 'Completed'], 'fr')).toBe('en');
    expect(detectValueLanguage(['En cours'], 'en')).toBe('fr');
    expect(detectValueLanguage(['ABGESCHLOSSEN'], 'en')).toBe('de');
    expect(detectValueLanguage(['⏳ Ожидает'], 'en')).toBe('ru');
    expect(detectValueLanguage([], 'es')).toBe('es');
    expect(detectValueLanguage(['Em andamento'], 'en')).toBe('pt');
    expect(detectValueLanguage(['✅ Completato'], 'en')).toBe('it');
    expect(detectValueLanguage(['Afgerond'], 'en')).toBe('nl');
    expect(detectValueLanguage(['진행 중'], 'en')).toBe('ko');
    expect(detectValueLanguage(['W trakcie'], 'en')).toBe('pl');
    expect(detectValueLanguage(['Devam ediyor'], 'en')).toBe('tr');
    expect(detectValueLanguage(['✅ Đã hoàn thành'], 'en')).toBe('vi');
    expect(detectValueLanguage(['Belum dimulai'], 'en')).toBe('id');
    expect(detectValueLanguage(['Probíhá'], 'en')).toBe('cs');
    expect(detectValueLanguage(['Pågår'], 'en')).toBe('sv');
    expect(detectValueLanguage(['⏳ Очікує'], 'en')).toBe('uk');
    expect(detectValueLanguage(['Виконано'], 'uk')).toBe('uk');
    expect(detectValueLanguage(['Wysoki'], 'en')).toBe('pl');
    expect(detectValueLanguage(['Hoch'], 'en')).toBe('de');
    expect(detectValueLanguage(['ASAP'], 'en')).toBe('en');
  });
});

describe('detectStyle and applyStyle', () => {
  it('reads case, separator and emoji position from the samples', () => {
    expect(detectStyle(['✅ DONE', '⏳ PENDING'])).toEqual({ letterCase: 'upper', separator: ' ', emoji: 'before' });
    expect(detectStyle(['in_progress', 'done'])).toEqual({ letterCase: 'lower', separator: '_', emoji: 'none' });
    expect(detectStyle(['COMPLETE ✅'])).toEqual({ letterCase: 'upper', separator: ' ', emoji: 'after' });
    expect(detectStyle(['✅', '❌'])).toMatchObject({ emoji: 'only' });
    expect(applyStyle('In Progress', { letterCase: 'upper', separator: '_', emoji: 'none' }, '🔄')).toBe('IN_PROGRESS');
    expect(applyStyle('In Progress', { letterCase: 'as-is', separator: ' ', emoji: 'after' }, '🔄')).toBe('In Progress 🔄');
  });
});

describe('chooseStatusValue', () => {
  const choose = (status: WrittenStatus, groups: string[][], current: string | null = null, language: Language = 'en'): string | null =>
    chooseStatusValue(status, { current, groups, language }, vocabulary);

  it("takes the file's own most used form for the status, nearest group first", () => {
    expect(choose('done', [['⏳ Pending', '✅ Done', '✅ Done', '✅ Complete']])).toBe('✅ Done');
    expect(choose('done', [['Pending'], ['Complete', 'Complete', 'Completed']])).toBe('Complete');
    expect(choose('done', [['Completed'], ['Complete', 'Complete']])).toBe('Completed');
  });

  it('takes a form in the script of the value replaced first, in a file writing statuses in more than one script', () => {
    expect(choose('done', [['færdig', 'i gang', 'הושלם', 'בתהליך']], 'בתהליך')).toBe('הושלם');
    expect(choose('done', [['готово', 'в работе', 'done', 'in progress']], 'in progress')).toBe('done');
    // None in that script: the word of the value's language, not a form in another script (`готово` is no word for an
    // English line, nor a Norwegian `blokkert` for a Greek one).
    expect(choose('done', [['готово', 'в работе']], 'in progress')).toBe('done');
    expect(choose('blocked', [['blokkert', 'σε εξέλιξη']], 'σε εξέλιξη')).toBe('μπλοκαρισμένο');
  });

  it('takes a form in the language of the value replaced first, in a file writing statuses in two languages of one script', () => {
    // A bank's English task beside a German one: `Erledigt` is no word for the English task's field, nor `Done` for the German's.
    expect(choose('done', [['Erledigt', 'In Bearbeitung', '✅ COMPLETED', '🔄 IN PROGRESS']], '🔄 IN PROGRESS')).toBe('✅ COMPLETED');
    expect(choose('done', [['✅ Done', '🔄 In progress', 'Erledigt', 'In Bearbeitung']], 'In Bearbeitung')).toBe('Erledigt');
    expect(choose('todo', [['Terminé', 'À faire', 'Done']], 'Done')).toBe('Pending');
    // A word naming no language there may be either's: the language's own word (`bloqueado` is no guide to `in review`).
    expect(choose('in_progress', [['done', 'bloqueado', 'in review']], 'bloqueado')).toBe('en progreso');
    expect(choose('done', [['Erledigt', '✅', '✅']], 'in progress')).toBe('✅');
    // One in English's letters alone is taken for an English value's: the file's own `READY TO START`, not `Pending`.
    expect(choose('todo', [['COMPLETED', 'READY TO START', 'Offen']], 'COMPLETED')).toBe('READY TO START');
    expect(choose('todo', [['COMPLETED', 'READY TO START', 'Erledigt']], 'Erledigt')).toBe('Offen');
    // A value naming no language, or a file writing one, keeps the file's most used form (its own `Shipped`).
    expect(choose('done', [['Erledigt', 'Erledigt', 'Shipped']], 'Waiting on review')).toBe('Erledigt');
    expect(choose('done', [['Shipped', 'Shipped', 'In Progress']], 'In Progress')).toBe('Shipped');
  });

  it("never copies one item's facts: dates, partial percentages, prose", () => {
    expect(choose('done', [['Completed on 2025-01-23', 'In Progress - 35%', 'Pending']])).toBe('Done');
    expect(choose('in_progress', [['In Progress - 35%']])).toBe('In Progress');
  });

  it('keeps a percentage form only where the value replaced has one', () => {
    expect(choose('done', [['Completed - 100%']], 'Not Started - 0%')).toBe('Completed - 100%');
    expect(choose('done', [['Completed - 100%']], 'Pending')).toBe('Completed');
  });

  it("falls back to the values' language in their style", () => {
    expect(choose('done', [['⏳ Pending']])).toBe('✅ Done');
    expect(choose('done', [['En cours']], null, 'en')).toBe('Terminé');
    expect(choose('in_progress', [], 'ABGESCHLOSSEN')).toBe('IN BEARBEITUNG');
    expect(choose('done', [], '⏳ Ожидает')).toBe('✅ Выполнено');
    expect(choose('todo', [['已完成']], null, 'zh')).toBe('未开始');
    expect(choose('in_progress', [['done', 'pending']])).toBe('in progress');
  });
});

describe('choosePriorityValue', () => {
  it("writes the file's P-level style, with its word when the file writes one", () => {
    expect(choosePriorityValue(2, ['P1-HIGH', 'P0-CRITICAL'], vocabulary, 'en')).toBe('P2-MEDIUM');
    expect(choosePriorityValue(1, ['P0 (Critical)'], vocabulary, 'en')).toBe('P3 (Low)');
    expect(choosePriorityValue(3, ['P0', 'P2'], vocabulary, 'en')).toBe('P1');
    expect(choosePriorityValue(3, ['low', 'medium'], vocabulary, 'en')).toBe('high');
    expect(choosePriorityValue(4, ['中', '低'], vocabulary, 'zh')).toBe('紧急');
    expect(choosePriorityValue(2, ['1', '0'], vocabulary, 'en')).toBe('2');
  });

  it('writes a priority of counted marks with as many of the file\'s marks, its empty stars up to its scale', () => {
    expect(choosePriorityValue(4, ['!!!', '!', '—'], vocabulary, 'en')).toBe('!!!!');
    expect(choosePriorityValue(2, ['★★★☆☆', '★☆☆☆☆'], vocabulary, 'en')).toBe('★★☆☆☆');
    expect(choosePriorityValue(3, ['★', '★★'], vocabulary, 'en')).toBe('★★★');
  });

  it("writes an incident severity as the file's first one is written", () => {
    expect(choosePriorityValue(3, ['SEV-1', 'SEV3'], vocabulary, 'en')).toBe('SEV-2');
    expect(choosePriorityValue(1, ['Sev 2'], vocabulary, 'en')).toBe('Sev 4');
    expect(choosePriorityValue(5, ['sev1'], vocabulary, 'en')).toBe('sev0');
  });
});
