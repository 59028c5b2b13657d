/**
 * Indicator marks a file explains itself: a coloured circle or square (`🟢`, `🟡`, `🔴`, `🟩`…) means nothing on its
 * own — green is done in one bank, on track in another — but a file that writes `🟢 Done` or a legend `🟢 = complete`
 * says what its green means. Such a mark written alone (a status cell `| 🟢 |`, `- 🟡 Write the importer`) is read as
 * the one status the file writes beside it; a mark the file writes beside two statuses, or none, stays unknown.
 */
import type { KnownStatus } from './vocabulary-data.js';
import type { Vocabulary } from './vocabulary.js';

/** The indicator marks: coloured circles and squares. */
const indicatorClass = '🟢🟡🔴🟠🟣🔵🟤⚪⚫🟩🟨🟥🟧🟦🟪🟫';
const indicators = new Set([...indicatorClass]);

/** A mark with the words after it, up to a cell's or a list's end: group 1 the mark, 2 the words. */
const explained = new RegExp(`([${indicatorClass}])\\uFE0F?(?:\\s*(?:\\*\\*|__)?\\s*(?:[=:：]|[-–—](?=\\s))?\\s*(?:\\*\\*|__)?\\s*)([\\p{L}][\\p{L} '’-]{0,30}?)(?=\\s*(?:\\*\\*|__)?\\s*(?:[|,;.·•()（）/]|$|[${indicatorClass}]))`, 'gu');

/** The meaning of each mark the file explains with exactly one status. */
export function readMarkMeanings(lines: readonly string[], vocabulary: Vocabulary): ReadonlyMap<string, KnownStatus> {
  const seen = new Map<string, Set<KnownStatus>>();
  for (const line of lines) {
    if (!hasIndicator(line)) continue;
    explained.lastIndex = 0;
    for (let found = explained.exec(line); found !== null; found = explained.exec(line)) {
      const mark = found[1];
      const words = found[2]?.trim();
      if (mark === undefined || words === undefined || words === '') continue;
      const match = vocabulary.matchStatus(words);
      if (!match.matched || match.legend || match.canonical === 'unknown' || match.coverage < 0.99) continue;
      let statuses = seen.get(mark);
      if (statuses === undefined) seen.set(mark, (statuses = new Set()));
      statuses.add(match.canonical);
    }
  }
  const meanings = new Map<string, KnownStatus>();
  for (const [mark, statuses] of seen) {
    const [only] = statuses;
    if (statuses.size === 1 && only !== undefined) meanings.set(mark, only);
  }
  return meanings;
}

/**
 * The priority of each mark the file explains with exactly one priority and no status (`Priority: 🔴 high · 🟡 medium`,
 * `🟠 High priority`): a mark a file uses for a status too (`🔴 NEW` beside `🔴 P0`) keeps its status meaning alone. The
 * words must be wholly a rank, as a priority heading's are (`🔴 high availability` explains nothing).
 */
export function readMarkPriorities(lines: readonly string[], vocabulary: Vocabulary, statuses: ReadonlyMap<string, KnownStatus>): ReadonlyMap<string, number> {
  const seen = new Map<string, Set<number>>();
  for (const line of lines) {
    if (!hasIndicator(line)) continue;
    explained.lastIndex = 0;
    for (let found = explained.exec(line); found !== null; found = explained.exec(line)) {
      const mark = found[1];
      const words = found[2]?.trim();
      if (mark === undefined || words === undefined || words === '' || statuses.has(mark)) continue;
      const priority = vocabulary.matchSectionPriority(words);
      if (priority === null) continue;
      let values = seen.get(mark);
      if (values === undefined) seen.set(mark, (values = new Set()));
      values.add(priority);
    }
  }
  const priorities = new Map<string, number>();
  for (const [mark, values] of seen) {
    const [only] = values;
    if (values.size === 1 && only !== undefined) priorities.set(mark, only);
  }
  return priorities;
}

/** The indicator mark the file explains as `priority` (the first it explains so), or null. */
export function rankedMark(priorities: ReadonlyMap<string, number>, priority: number): string | null {
  for (const [mark, value] of priorities) if (value === priority) return mark;
  return null;
}

/** An indicator mark opening an item's text (`🟡 Move the cron jobs`): group 1 the mark. */
export const openingIndicator = new RegExp(`^([${indicatorClass}])\\uFE0F?[ \\t]+(?=\\S)`, 'u');

/** An indicator mark closing an item's text (`Move the cron jobs 🟡`): group 1 the mark. */
export const closingIndicator = new RegExp(`\\s+([${indicatorClass}])\\uFE0F?[ \\t]*$`, 'u');

/** A list item whose text opens with an indicator mark (`- 🔴 Renew the certificate`), as discovery reads lines: group 1. */
export const indicatorItemPattern = new RegExp(`^\\s*(?:[-*+]|\\d{1,9}[.)])[ \\t]+([${indicatorClass}])\\uFE0F?[ \\t]+\\S`, 'u');

/** The indicator mark the file explains as `status` (the first it explains so), or null. */
export function explainedMark(meanings: ReadonlyMap<string, KnownStatus>, status: string): string | null {
  for (const [mark, meaning] of meanings) if (meaning === status) return mark;
  return null;
}

/** The indicator mark a status value is made of alone (`🟢`, `🟢️`), or null. */
export function readIndicatorAlone(value: string): string | null {
  const mark = value.replace(/\uFE0F/gu, '').trim();
  return indicators.has(mark) ? mark : null;
}

function hasIndicator(line: string): boolean {
  // Every indicator is an astral character or U+26AA/26AB: a line of BMP text below U+26AA holds none.
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index);
    if (code >= 0xd800 || code === 0x26aa || code === 0x26ab) return true;
  }
  return false;
}
