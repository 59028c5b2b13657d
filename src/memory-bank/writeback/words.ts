/**
 * Which words write-back writes: the file's own forms first (the value other items of the same file use for the
 * status or priority), then the word of the file's language, styled like the file's other values (case, word
 * separator, emoji before or after the word). Every word written reads back as the value it was chosen for.
 */
import { checkboxLikeMarks, crossMarkChars, markCharSource, statusEmoji, type KnownStatus } from '../vocabulary-data.js';
import type { TaskStatusValue } from '../../core/task-record.js';
import { countedMarks, type Vocabulary } from '../vocabulary.js';
import { isStageWord } from '../extractors/text.js';
import { explainedMark, readIndicatorAlone, readMarkAlone } from '../mark-meanings.js';
import { cyrillicLanguages, fileLanguageAmong, latinLanguages, latinStatusWords, readCyrillicLanguage, readScriptLanguage, type Language, type LatinLanguage } from '../language.js';


/** A status write-back can write (every canonical status but `unknown`). */
export type WrittenStatus = Exclude<TaskStatusValue, 'unknown'>;

/** The word written for each status when the file uses none for it yet, per language. */
export const statusWords: Readonly<Record<Language, Readonly<Record<WrittenStatus, string>>>> = {
  en: { done: 'Done', in_progress: 'In Progress', todo: 'Pending', planned: 'Planned', blocked: 'Blocked', cancelled: 'Cancelled', deferred: 'Deferred' },
  fr: { done: 'Terminé', in_progress: 'En cours', todo: 'À faire', planned: 'Planifié', blocked: 'Bloqué', cancelled: 'Annulé', deferred: 'Reporté' },
  de: { done: 'Erledigt', in_progress: 'In Bearbeitung', todo: 'Offen', planned: 'Geplant', blocked: 'Blockiert', cancelled: 'Abgebrochen', deferred: 'Zurückgestellt' },
  es: { done: 'Completado', in_progress: 'En progreso', todo: 'Pendiente', planned: 'Planificado', blocked: 'Bloqueado', cancelled: 'Cancelado', deferred: 'Aplazado' },
  pt: { done: 'Concluído', in_progress: 'Em andamento', todo: 'Pendente', planned: 'Planejado', blocked: 'Impedido', cancelled: 'Cancelada', deferred: 'Adiado' },
  it: { done: 'Completato', in_progress: 'In corso', todo: 'Da fare', planned: 'Pianificato', blocked: 'Bloccato', cancelled: 'Annullato', deferred: 'Rinviato' },
  nl: { done: 'Afgerond', in_progress: 'Bezig', todo: 'Te doen', planned: 'Gepland', blocked: 'Geblokkeerd', cancelled: 'Geannuleerd', deferred: 'Uitgesteld' },
  pl: { done: 'Ukończone', in_progress: 'W trakcie', todo: 'Do zrobienia', planned: 'Zaplanowane', blocked: 'Zablokowane', cancelled: 'Anulowane', deferred: 'Odłożone' },
  tr: { done: 'Tamamlandı', in_progress: 'Devam ediyor', todo: 'Yapılacak', planned: 'Planlandı', blocked: 'Engellendi', cancelled: 'İptal edildi', deferred: 'Ertelendi' },
  vi: { done: 'Đã hoàn thành', in_progress: 'Đang thực hiện', todo: 'Cần làm', planned: 'Dự kiến', blocked: 'Bị chặn', cancelled: 'Đã hủy', deferred: 'Tạm hoãn' },
  id: { done: 'Selesai', in_progress: 'Sedang dikerjakan', todo: 'Belum dikerjakan', planned: 'Direncanakan', blocked: 'Terblokir', cancelled: 'Dibatalkan', deferred: 'Ditunda' },
  cs: { done: 'Hotovo', in_progress: 'Probíhá', todo: 'Čeká', planned: 'Naplánováno', blocked: 'Blokováno', cancelled: 'Zrušeno', deferred: 'Odloženo' },
  sv: { done: 'Klart', in_progress: 'Pågår', todo: 'Att göra', planned: 'Planerad', blocked: 'Blockerad', cancelled: 'Avbruten', deferred: 'Uppskjuten' },
  da: { done: 'Færdig', in_progress: 'I gang', todo: 'At gøre', planned: 'Planlagt', blocked: 'Blokeret', cancelled: 'Annulleret', deferred: 'Udskudt' },
  nb: { done: 'Ferdig', in_progress: 'I arbeid', todo: 'Å gjøre', planned: 'Planlagt', blocked: 'Blokkert', cancelled: 'Kansellert', deferred: 'Utsatt' },
  fi: { done: 'Valmis', in_progress: 'Kesken', todo: 'Tekemättä', planned: 'Suunniteltu', blocked: 'Estetty', cancelled: 'Peruttu', deferred: 'Lykätty' },
  hu: { done: 'Kész', in_progress: 'Folyamatban', todo: 'Teendő', planned: 'Tervezett', blocked: 'Blokkolva', cancelled: 'Törölve', deferred: 'Elhalasztva' },
  ro: { done: 'Finalizat', in_progress: 'În curs', todo: 'De făcut', planned: 'Planificat', blocked: 'Blocat', cancelled: 'Anulat', deferred: 'Amânat' },
  hr: { done: 'Završeno', in_progress: 'U tijeku', todo: 'Preostalo', planned: 'Planirano', blocked: 'Blokirano', cancelled: 'Otkazano', deferred: 'Odgođeno' },
  sk: { done: 'Dokončené', in_progress: 'Prebieha', todo: 'Zostáva', planned: 'Naplánované', blocked: 'Blokované', cancelled: 'Zrušené', deferred: 'Odložené' },
  sl: { done: 'Končano', in_progress: 'V teku', todo: 'Ni začeto', planned: 'Načrtovano', blocked: 'Blokirano', cancelled: 'Preklicano', deferred: 'Odloženo' },
  ru: { done: 'Выполнено', in_progress: 'В работе', todo: 'Ожидает', planned: 'Запланировано', blocked: 'Заблокировано', cancelled: 'Отменено', deferred: 'Отложено' },
  uk: { done: 'Виконано', in_progress: 'В роботі', todo: 'Очікує', planned: 'Заплановано', blocked: 'Заблоковано', cancelled: 'Скасовано', deferred: 'Відкладено' },
  bg: { done: 'Завършено', in_progress: 'В процес', todo: 'Предстоящо', planned: 'Планирано', blocked: 'Блокирано', cancelled: 'Отказано', deferred: 'Отложено' },
  sr: { done: 'Завршено', in_progress: 'У току', todo: 'Преостало', planned: 'Планирано', blocked: 'Блокирано', cancelled: 'Отказано', deferred: 'Одложено' },
  el: { done: 'Ολοκληρώθηκε', in_progress: 'Σε εξέλιξη', todo: 'Εκκρεμεί', planned: 'Προγραμματισμένο', blocked: 'Μπλοκαρισμένο', cancelled: 'Ακυρώθηκε', deferred: 'Αναβλήθηκε' },
  he: { done: 'הושלם', in_progress: 'בתהליך', todo: 'לביצוע', planned: 'מתוכנן', blocked: 'חסום', cancelled: 'בוטל', deferred: 'מושהה' },
  ar: { done: 'مكتمل', in_progress: 'قيد التنفيذ', todo: 'قيد الانتظار', planned: 'مخطط', blocked: 'محظور', cancelled: 'ملغى', deferred: 'مؤجل' },
  fa: { done: 'انجام شده', in_progress: 'در حال انجام', todo: 'در انتظار', planned: 'برنامه‌ریزی شده', blocked: 'مسدود', cancelled: 'لغو شده', deferred: 'به تعویق افتاده' },
  ur: { done: 'مکمل', in_progress: 'جاری', todo: 'زیر التواء', planned: 'منصوبہ بند', blocked: 'رکا ہوا', cancelled: 'منسوخ', deferred: 'ملتوی' },
  hi: { done: 'पूर्ण', in_progress: 'प्रगति में', todo: 'लंबित', planned: 'नियोजित', blocked: 'अवरुद्ध', cancelled: 'रद्द', deferred: 'स्थगित' },
  th: { done: 'เสร็จสิ้น', in_progress: 'กำลังดำเนินการ', todo: 'รอดำเนินการ', planned: 'วางแผนแล้ว', blocked: 'ถูกบล็อก', cancelled: 'ยกเลิก', deferred: 'เลื่อนออกไป' },
  zh: { done: '已完成', in_progress: '进行中', todo: '未开始', planned: '计划中', blocked: '阻塞', cancelled: '已取消', deferred: '推迟' },
  ja: { done: '完了', in_progress: '対応中', todo: '未着手', planned: '予定', blocked: 'ブロック中', cancelled: '中止', deferred: '保留' },
  ko: { done: '완료', in_progress: '진행 중', todo: '대기', planned: '계획', blocked: '차단됨', cancelled: '취소', deferred: '보류' },
};

/** Taskmaster's own status values (tasks.json). */
export const taskmasterStatusWords: Readonly<Partial<Record<WrittenStatus, string>>> = {
  done: 'done',
  in_progress: 'in-progress',
  todo: 'pending',
  blocked: 'blocked',
  cancelled: 'cancelled',
  deferred: 'deferred',
};

/** The emoji put before or after a status word when the file's values carry one. */
export const statusEmojiWords: Readonly<Record<WrittenStatus, string>> = {
  done: '✅',
  in_progress: '🔄',
  todo: '⏳',
  planned: '📋',
  blocked: '❌',
  cancelled: '🗑️',
  deferred: '⏸️',
};

/** The word written for each Vikunja priority (1 low … 5 do now) when the file uses none for it, per language. */
export const priorityWords: Readonly<Record<Language, Readonly<Record<number, string>>>> = {
  en: { 1: 'Low', 2: 'Medium', 3: 'High', 4: 'Critical', 5: 'Immediate' },
  fr: { 1: 'Basse', 2: 'Moyenne', 3: 'Haute', 4: 'Critique', 5: 'Immédiate' },
  de: { 1: 'Niedrig', 2: 'Mittel', 3: 'Hoch', 4: 'Kritisch', 5: 'Sofort' },
  es: { 1: 'Baja', 2: 'Media', 3: 'Alta', 4: 'Crítica', 5: 'ASAP' },
  pt: { 1: 'Baixa', 2: 'Média', 3: 'Alta', 4: 'Crítica', 5: 'ASAP' },
  it: { 1: 'Bassa', 2: 'Media', 3: 'Alta', 4: 'Critica', 5: 'ASAP' },
  nl: { 1: 'Laag', 2: 'Gemiddeld', 3: 'Hoog', 4: 'Kritiek', 5: 'ASAP' },
  pl: { 1: 'Niski', 2: 'Średni', 3: 'Wysoki', 4: 'Krytyczny', 5: 'ASAP' },
  tr: { 1: 'Düşük', 2: 'Orta', 3: 'Yüksek', 4: 'Kritik', 5: 'ASAP' },
  vi: { 1: 'Thấp', 2: 'Trung bình', 3: 'Cao', 4: 'Khẩn cấp', 5: 'ASAP' },
  id: { 1: 'Rendah', 2: 'Sedang', 3: 'Tinggi', 4: 'Kritis', 5: 'ASAP' },
  cs: { 1: 'Nízká', 2: 'Střední', 3: 'Vysoká', 4: 'Kritická', 5: 'ASAP' },
  sv: { 1: 'Låg', 2: 'Medel', 3: 'Hög', 4: 'Kritisk', 5: 'ASAP' },
  da: { 1: 'Lav', 2: 'Mellem', 3: 'Høj', 4: 'Haster', 5: 'ASAP' },
  nb: { 1: 'Lav', 2: 'Middels', 3: 'Høy', 4: 'Haster', 5: 'ASAP' },
  fi: { 1: 'Matala', 2: 'Keskitaso', 3: 'Korkea', 4: 'Kriittinen', 5: 'ASAP' },
  hu: { 1: 'Alacsony', 2: 'Közepes', 3: 'Magas', 4: 'Kritikus', 5: 'ASAP' },
  ro: { 1: 'Scăzută', 2: 'Medie', 3: 'Ridicată', 4: 'Critică', 5: 'ASAP' },
  hr: { 1: 'Nizak', 2: 'Srednji', 3: 'Visok', 4: 'Kritičan', 5: 'ASAP' },
  sk: { 1: 'Nízka', 2: 'Stredná', 3: 'Vysoká', 4: 'Kritická', 5: 'ASAP' },
  sl: { 1: 'Nizka', 2: 'Srednja', 3: 'Visoka', 4: 'Kritična', 5: 'ASAP' },
  ru: { 1: 'Низкий', 2: 'Средний', 3: 'Высокий', 4: 'Критический', 5: 'ASAP' },
  uk: { 1: 'Низький', 2: 'Середній', 3: 'Високий', 4: 'Критичний', 5: 'ASAP' },
  bg: { 1: 'Нисък', 2: 'Среден', 3: 'Висок', 4: 'Критичен', 5: 'ASAP' },
  sr: { 1: 'Низак', 2: 'Средњи', 3: 'Висок', 4: 'Критичан', 5: 'ASAP' },
  el: { 1: 'Χαμηλή', 2: 'Μεσαία', 3: 'Υψηλή', 4: 'Κρίσιμη', 5: 'ASAP' },
  he: { 1: 'נמוכה', 2: 'בינונית', 3: 'גבוהה', 4: 'קריטית', 5: 'ASAP' },
  ar: { 1: 'منخفضة', 2: 'متوسطة', 3: 'عالية', 4: 'حرجة', 5: 'ASAP' },
  fa: { 1: 'پایین', 2: 'متوسط', 3: 'بالا', 4: 'بحرانی', 5: 'ASAP' },
  ur: { 1: 'کم', 2: 'درمیانہ', 3: 'زیادہ', 4: 'فوری', 5: 'ASAP' },
  hi: { 1: 'निम्न', 2: 'मध्यम', 3: 'उच्च', 4: 'गंभीर', 5: 'ASAP' },
  th: { 1: 'ต่ำ', 2: 'ปานกลาง', 3: 'สูง', 4: 'วิกฤต', 5: 'ASAP' },
  zh: { 1: '低', 2: '中', 3: '高', 4: '紧急', 5: 'ASAP' },
  ja: { 1: '低い', 2: '普通', 3: '高い', 4: '至急', 5: '最優先' },
  ko: { 1: '낮음', 2: '보통', 3: '높음', 4: '긴급', 5: '최우선' },
};

/**
 * The language a file writes its values in: the script of the values (Kana, Han, Hangul, Cyrillic, Greek, Hebrew,
 * Arabic, Devanagari, Thai; Ukrainian by its letters); for Latin values, the language of the nearest one that is a
 * status or priority word of a language (`En cours`, `Hoch`, `Wysoki`, `Pending`), English when none is; the file's
 * language when it has no values.
 */
export function detectValueLanguage(samples: readonly string[], fileLanguage: Language): Language {
  const text = samples.join(' ');
  if (text.trim() === '' || !/\p{L}/u.test(text)) return fileLanguage;
  // The nearest value written in another script than Latin names the language: a Greek, Hebrew, Arabic, Devanagari
  // or Thai one its own (`สูง` beside `उच्च` is Thai), else Kana, Han, Hangul or Cyrillic among all of them.
  const nearest = samples.find((sample) => /(?!\p{Script=Latin})\p{L}/u.test(sample));
  if (nearest !== undefined) {
    const own = readScriptLanguage(nearest, fileLanguage);
    if (own !== null) return own;
  }
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(text)) return 'ja';
  if (/\p{Script=Han}/u.test(text)) return fileLanguage === 'ja' ? 'ja' : 'zh';
  if (/\p{Script=Hangul}/u.test(text)) return 'ko';
  if (/\p{Script=Cyrillic}/u.test(text)) return readCyrillicLanguage(text, fileLanguageAmong(fileLanguage, cyrillicLanguages, 'ru'));
  const scripted = readScriptLanguage(text, fileLanguage);
  if (scripted !== null) return scripted;
  const words = samples.map((sample) => sample.replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/gu, ' ').trim().toLowerCase());
  // The nearest value naming a language decides (samples come nearest first: the value replaced, then its column's);
  // a word several languages write (`Lav` in Danish and Norwegian) is the file's language's when it is one of them.
  for (const word of words) {
    const named = (['en', ...latinLanguages] as const).filter(
      (language) => (language !== 'en' && latinStatusWords[language].includes(word)) || namesValue(statusWords[language], word) || namesValue(priorityWords[language], word),
    );
    if (named.length > 0) return named.find((language) => language === fileLanguage) ?? named[0] ?? 'en';
  }
  return 'en';
}

/** Whether a word is one of a language's own words (`ASAP`, which several languages write, is no language's). */
function namesValue(words: Readonly<Record<string | number, string>>, word: string): boolean {
  return word !== 'asap' && Object.values(words).some((known) => known.toLowerCase() === word);
}

/** How a file writes its values: letter case, the separator between words, and where an emoji sits. */
export interface ValueStyle {
  letterCase: 'upper' | 'lower' | 'as-is';
  separator: ' ' | '_' | '-';
  emoji: 'before' | 'after' | 'only' | 'none';
}

const emojiChar = new RegExp(`[${markCharSource}][\\uFE0E\\uFE0F]?`, 'u');
const leadingEmoji = new RegExp(`^${emojiChar.source}`, 'u');
const trailingEmoji = new RegExp(`${emojiChar.source}$`, 'u');

/** Reads the style shared by most of `samples` (the values of the same kind in the file). */
export function detectStyle(samples: readonly string[], defaults: Partial<ValueStyle> = {}): ValueStyle {
  const letters = samples.map((sample) => sample.replace(/[^\p{L}]/gu, '')).filter((text) => /[\p{Lu}\p{Ll}]/u.test(text));
  let letterCase: ValueStyle['letterCase'] = defaults.letterCase ?? 'as-is';
  if (letters.length > 0 && letters.every((text) => text === text.toUpperCase() && text.length >= 2)) letterCase = 'upper';
  else if (letters.length > 0 && letters.every((text) => text === text.toLowerCase())) letterCase = 'lower';
  let separator: ValueStyle['separator'] = defaults.separator ?? ' ';
  if (samples.some((sample) => /\p{L}_\p{L}/u.test(sample))) separator = '_';
  else if (samples.some((sample) => /^\p{L}+-\p{L}+$/u.test(sample.trim()))) separator = '-';
  else if (samples.some((sample) => /\p{L} \p{L}/u.test(sample))) separator = ' ';
  const count = { before: 0, after: 0, only: 0, none: 0 };
  for (const sample of samples) {
    const text = sample.trim();
    if (text !== '' && !/\p{L}/u.test(text) && emojiChar.test(text)) count.only += 1;
    else if (leadingEmoji.test(text)) count.before += 1;
    else if (trailingEmoji.test(text)) count.after += 1;
    else count.none += 1;
  }
  let emoji: ValueStyle['emoji'] = defaults.emoji ?? 'none';
  let best = 0;
  for (const key of ['none', 'before', 'after', 'only'] as const) {
    if (count[key] > best) {
      best = count[key];
      emoji = key;
    }
  }
  return { letterCase, separator, emoji };
}

/** Writes `word` in `style` (with `emoji` for the value when the style carries one). */
export function applyStyle(word: string, style: ValueStyle, emoji: string | null): string {
  let text = word;
  if (style.letterCase === 'upper') text = text.toUpperCase();
  else if (style.letterCase === 'lower') text = text.toLowerCase();
  if (style.separator !== ' ') text = text.replace(/ /gu, style.separator);
  if (emoji === null) return text;
  if (style.emoji === 'only') return emoji;
  if (style.emoji === 'before') return `${emoji} ${text}`;
  if (style.emoji === 'after') return `${text} ${emoji}`;
  return text;
}

const datePattern = /\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\/\d{1,2}\/\d{2,4}/u;
const percentTail = /\s*(?:[-–—:,]\s*|\(\s*)\d{1,3}(?:[.,]\d+)?\s*%\s*\)?\s*$/u;

/**
 * Picks the most used of the file's own values that means `status` (ties: the first written). Values that
 * carry one item's facts (a date, a partial percentage, prose) are never copied to another item; a value with a
 * percentage (`Completed - 100%`) counts as its words alone (`Completed`) unless `withPercent` is set.
 */
export function pickStatusForm(
  status: WrittenStatus,
  samples: readonly string[],
  vocabulary: Vocabulary,
  withPercent = false,
  meanings?: ReadonlyMap<string, KnownStatus>,
): string | null {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    let text = sample.trim();
    // A mark alone the file explains (`🔴`, or `❌` in its legend) means what the file says it means; an indicator it
    // does not explain means nothing.
    const alone = meanings === undefined ? null : readMarkAlone(text);
    const meant = alone === null ? undefined : meanings?.get(alone);
    if (meant !== undefined || (alone !== null && readIndicatorAlone(text) !== null)) {
      if (meant === status) counts.set(text, (counts.get(text) ?? 0) + 1);
      continue;
    }
    if (!withPercent) text = text.replace(percentTail, '').trim();
    if (text === '' || text.length > 40 || datePattern.test(text) || !isValueAlone(text)) continue;
    const match = vocabulary.matchStatus(text);
    if (!match.matched || match.legend || match.canonical !== status || match.coverage < 0.5) continue;
    if (match.percent !== null && !(match.percent === 1 && status === 'done') && !(match.percent === 0 && status === 'todo')) continue;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return pickMostUsed(counts);
}

/**
 * Whether a sample is a status value alone, the form to write another in: not one read with what surrounds it — a
 * field's name (`Status: in progress`), a bracket it closes or opens (`in progress)`), a stage word naming the kind of
 * work (`testing`, which an item reads as its stage, not its status).
 */
function isValueAlone(text: string): boolean {
  // Nor two statuses joined (`COMPLETED AND ARCHIVED`): what one item went through, not the word for another.
  // Nor one with a note after a comma or a semicolon (`✅ OK, CSS compiled`): the note is that item's.
  if (/[:：,;，；]/u.test(text) || isStageWord(text) || joinedStatuses.test(text)) return false;
  const count = (pattern: RegExp): number => text.match(pattern)?.length ?? 0;
  return count(/[(（]/gu) === count(/[)）]/gu) && count(/[[【]/gu) === count(/[\]】]/gu);
}

/** Words joined by `and` in a status value (`Done and deployed`, `Concluída e arquivada`, `Erledigt und archiviert`). */
const joinedStatuses = /\p{L}\s+(?:and|&|und|et|y|e|ed|en|и|та|і|và|ve|oraz|i)\s+\p{L}/iu;

/** Picks the most used of the file's own priority values that means `priority` (ties: the first written). */
export function pickPriorityForm(priority: number, samples: readonly string[], vocabulary: Vocabulary): string | null {
  const counts = new Map<string, number>();
  for (const sample of samples) {
    const text = sample.trim();
    if (text === '' || text.length > 30 || datePattern.test(text)) continue;
    const match = vocabulary.matchPriority(text);
    if (match.value !== priority) continue;
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return pickMostUsed(counts);
}

function pickMostUsed(counts: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [text, count] of counts) {
    if (count > bestCount) {
      best = text;
      bestCount = count;
    }
  }
  return best;
}

/** What the choice of a status value looks at. */
export interface StatusChoice {
  /** The value being replaced (its style and language count first), or null. */
  current: string | null;
  /** Samples of the file's values, nearest first: the same column or field, then the whole file. */
  groups: readonly (readonly string[])[];
  /**
   * Values other files write (a task file's siblings'), taken as they are when the file has no form of its own; never
   * read for the style or language of a word made up (they may be in another language than the file).
   */
  borrowed?: readonly string[];
  /** The language of the file's text. */
  language: Language;
  /** Style used where the samples say nothing (e.g. `-` between words in YAML). */
  defaults?: Partial<ValueStyle>;
  /**
   * Marks the file explains (`🟢 Done` written in it: its `🟢` alone means done; its legend's `❌ Not Started`: its `❌`
   * alone means todo; mark-meanings.ts).
   */
  meanings?: ReadonlyMap<string, KnownStatus>;
}

/** The scripts status words are written in, each a pattern for its letters. */
const scripts: readonly RegExp[] = [/\p{sc=Latin}/u, /\p{sc=Cyrillic}/u, /\p{sc=Greek}/u, /\p{sc=Hebrew}/u, /\p{sc=Arabic}/u, /\p{sc=Devanagari}/u, /\p{sc=Thai}/u, /\p{sc=Hangul}/u, /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u];

/** The script of a value's first letter (its index in `scripts`), or null: a mark or a number alone. */
function readScript(value: string): number | null {
  const letter = /\p{L}/u.exec(value)?.[0];
  if (letter === undefined) return null;
  const index = scripts.findIndex((script) => script.test(letter));
  return index < 0 ? null : index;
}

/**
 * The values written in `script` (a value's, from `readScript`), and those holding no letter (marks, numbers); all of
 * them when `script` is null.
 */
function inScript(values: readonly string[], script: number | null): string[] {
  return script === null ? [...values] : values.filter((value) => {
    const own = readScript(value);
    return own === null || own === script;
  });
}

/**
 * English status words (the other Latin-script languages' are `latinStatusWords`, and each language's word written
 * back is in `statusWords`): a value writing one is English.
 */
const englishStatusWords: ReadonlySet<string> = new Set([
  'done', 'complete', 'completed', 'finished', 'fixed', 'resolved', 'shipped', 'in progress', 'ongoing', 'wip', 'active',
  'pending', 'todo', 'to do', 'not started', 'open', 'planned', 'blocked', 'on hold', 'cancelled', 'canceled', 'deferred', 'postponed',
]);

/** The one Latin-script language a status value's words name (`Erledigt` German, `✅ COMPLETED` English), or null. */
function readNamedLanguage(value: string): 'en' | LatinLanguage | null {
  const phrase = value.replace(/[^\p{L}\s]/gu, ' ').replace(/\s+/gu, ' ').trim().toLowerCase();
  if (phrase === '') return null;
  const named = (['en', ...latinLanguages] as const).filter((language) =>
    language === 'en' ? englishStatusWords.has(phrase) || namesValue(statusWords.en, phrase) : latinStatusWords[language].includes(phrase) || namesValue(statusWords[language], phrase),
  );
  return named.length === 1 ? (named[0] ?? null) : null;
}

/**
 * In values of more than one language (`Erledigt` beside `✅ COMPLETED`), those naming `language` (`readNamedLanguage`)
 * and those holding no word (`✅`); a word naming none there is taken for English's only when written in English's
 * letters alone (`READY TO START`, not a Spanish task's). All of them when `language` is null or no value names
 * another: a file's own words (`Shipped`) stay its choice.
 */
function inLanguage(values: readonly string[], language: 'en' | LatinLanguage | null): readonly string[] {
  if (language === null) return values;
  const named = values.map(readNamedLanguage);
  if (!named.some((own) => own !== null && own !== language)) return values;
  return values.filter((value, index) => {
    const own = named[index];
    return own === language || !/\p{L}/u.test(value) || (own === null && language === 'en' && !/[^\p{ASCII}\p{Extended_Pictographic}\uFE0F\s]/u.test(value));
  });
}

/**
 * The value to write for `status`: the file's own form (from the first group of samples that has one), else the
 * word of the values' language styled like the value replaced and its group; null when no written word reads
 * back as `status`.
 */
export function chooseStatusValue(status: WrittenStatus, choice: StatusChoice, vocabulary: Vocabulary): string | null {
  const withPercent = choice.current !== null && percentTail.test(choice.current);
  // In a file writing statuses in more than one script (`Søgning — i gang` beside `חיפוש — בתהליך`), a form in the
  // script of the value replaced first: a Danish word is no word for a Hebrew line; and of those, in its language when
  // its words name one (`Erledigt` is no word for an English task's `IN PROGRESS`).
  const script = choice.current === null ? null : readScript(choice.current);
  const language = choice.current === null ? null : readNamedLanguage(choice.current);
  for (const group of choice.groups) {
    const own = pickStatusForm(status, inLanguage(inScript(group, script), language), vocabulary, withPercent, choice.meanings);
    if (own !== null) return own;
  }
  // A mark alone replaced by the file's mark for the status (its legend's `🔴 = not started`), unused so far; else, where
  // the file's legend gives the status's own mark another meaning (`❌ = cancelled`, and blocked is written), another
  // mark the parser reads as the status that the file does not explain otherwise (`✗`).
  const meanings = choice.meanings;
  // Only where the mark replaced is one the file explains itself, or an indicator: a `✅` the file's legend leaves
  // alone is replaced as any status mark is (`🔄`), not by an indicator the file writes beside a status elsewhere.
  const replacedMark = choice.current === null ? null : readMarkAlone(choice.current);
  const markReplaced = meanings !== undefined && replacedMark !== null && (meanings.has(replacedMark) || readIndicatorAlone(replacedMark) !== null);
  if (markReplaced) {
    const mark = explainedMark(meanings, status);
    if (mark !== null) return mark;
    const own = readMarkAlone(statusEmojiWords[status]);
    const spares = own !== null && meanings.has(own) ? Object.keys(statusEmoji).filter((each) => statusEmoji[each] === status && !meanings.has(each)) : [];
    // One that makes a list's item a task as a box does first (`✗` before `🚫`, which leads a don't as often).
    const spare = spares.find((each) => checkboxLikeMarks.includes(each) || crossMarkChars.includes(each)) ?? spares[0];
    if (spare !== undefined) return spare;
  }
  // What a value reads as: a mark alone the file explains, as it explains it.
  const readsAs = (value: string): string => {
    const alone = meanings === undefined ? null : readMarkAlone(value);
    return (alone === null ? undefined : meanings?.get(alone)) ?? vocabulary.matchStatus(value).canonical;
  };
  if (choice.borrowed !== undefined && choice.borrowed.length > 0) {
    // Only a value in the language of the one replaced: a French sibling's `terminé` is no word for an English file.
    const language = detectValueLanguage(choice.current === null ? [] : [choice.current], choice.language);
    const own = pickStatusForm(status, choice.borrowed.filter((value) => detectValueLanguage([value], choice.language) === language), vocabulary, withPercent);
    if (own !== null) return own;
  }
  const nearest = choice.groups.find((group) => group.length > 0) ?? [];
  const styleSamples = choice.current === null ? nearest : [choice.current.replace(percentTail, ''), ...nearest];
  const style = detectStyle(styleSamples, choice.defaults);
  // The language of the value replaced and the values in its script: a Greek row is no guide for a Danish one.
  const valueLanguage = detectValueLanguage(inScript(styleSamples, script), choice.language);
  const candidates = [
    applyStyle(statusWords[valueLanguage][status], style, statusEmojiWords[status]),
    applyStyle(statusWords[valueLanguage][status], { ...style, emoji: 'none' }, null),
    applyStyle(statusWords.en[status], style, statusEmojiWords[status]),
    statusWords.en[status],
  ];
  return candidates.find((candidate) => readsAs(candidate) === status) ?? null;
}

/**
 * The value to write for a priority: the file's own form, else P-levels or digits when the file writes those,
 * else the language's word in the file's style; null when no written word reads back as `priority`.
 */
export function choosePriorityValue(
  priority: number,
  samples: readonly string[],
  vocabulary: Vocabulary,
  language: Language,
): string | null {
  // The file's own form in the script of the first sample (the value replaced, where there is one).
  const own = pickPriorityForm(priority, inScript(samples, readScript(samples[0] ?? '')), vocabulary);
  if (own !== null) return own;
  const cleaned = samples.map((sample) => sample.trim()).filter((sample) => sample !== '');
  const candidates: string[] = [];
  if (cleaned.length > 0 && cleaned.every((sample) => /^p\d\b/iu.test(sample))) {
    const level = { 4: 'P0', 3: 'P1', 2: 'P2', 1: 'P3' }[priority];
    const lower = cleaned.every((sample) => sample.startsWith('p'));
    // `P1-HIGH`, `P2 (Medium)`: the level with its word, written the way the file's other values are.
    const worded = /^p\d([-_ ]\(?|\s*\()(\p{L}+)\)?$/iu.exec(cleaned[0] ?? '');
    const word = { 4: 'Critical', 3: 'High', 2: 'Medium', 1: 'Low' }[priority];
    if (level !== undefined && worded?.[1] !== undefined && worded[2] !== undefined && word !== undefined) {
      const sample = worded[2];
      const styled = sample === sample.toUpperCase() ? word.toUpperCase() : sample === sample.toLowerCase() ? word.toLowerCase() : word;
      const close = worded[1].includes('(') ? ')' : '';
      candidates.push(`${lower ? level.toLowerCase() : level}${worded[1]}${styled}${close}`);
    }
    if (level !== undefined) candidates.push(lower ? level.toLowerCase() : level);
  }
  // `SEV-2`, `Sev 3`, `SEV1`: the severity written as the file's first one is.
  const severity = cleaned.length > 0 && cleaned.every((sample) => /^sev[-_ ]?\d\b/iu.test(sample)) ? /^(sev)([-_ ]?)\d/iu.exec(cleaned[0] ?? '') : null;
  const severityLevel = { 5: '0', 4: '1', 3: '2', 2: '3', 1: '4' }[priority];
  if (severity?.[1] !== undefined && severityLevel !== undefined) candidates.push(`${severity[1]}${severity[2] ?? ''}${severityLevel}`);
  if (cleaned.length > 0 && cleaned.every((sample) => /^\d$/u.test(sample))) {
    const digit = { 4: '0', 3: '1', 2: '2', 1: '3' }[priority];
    if (digit !== undefined) candidates.push(digit);
  }
  // `!!!`, `★★☆☆☆`: as many marks as the level, written with the file's mark (and its empty stars up to its scale).
  const read = cleaned.filter((sample) => vocabulary.matchPriority(sample).value !== null);
  const counted = read.length > 0 && read.every((sample) => countedMarks.test(sample.replace(/\uFE0F/gu, ''))) ? read[0] : undefined;
  if (counted !== undefined) {
    const mark = counted.startsWith('!') ? '!' : counted.startsWith('⭐') ? '⭐' : '★';
    const scale = mark === '!' ? 0 : Math.max(0, ...read.map((sample) => (sample.includes('☆') ? [...sample.replace(/\uFE0F/gu, '')].length : 0)));
    candidates.push(mark.repeat(priority) + (scale > priority ? '☆'.repeat(scale - priority) : ''));
  }
  const style = detectStyle(cleaned);
  const word = priorityWords[detectValueLanguage(cleaned, language)][priority];
  if (word !== undefined) candidates.push(applyStyle(word, { ...style, emoji: 'none' }, null));
  const english = priorityWords.en[priority];
  if (english !== undefined) candidates.push(applyStyle(english, { ...style, emoji: 'none' }, null), english);
  return candidates.find((candidate) => vocabulary.matchPriority(candidate).value === priority) ?? null;
}
