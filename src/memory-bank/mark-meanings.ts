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

/**
 * What each mark the file explains means, where it explains it one way only: `read` gives the meaning of the words
 * after a mark (null: they explain nothing), `skip` the marks not to read.
 */
function readExplainedMarks<V>(lines: readonly string[], read: (words: string) => V | null, skip?: (mark: string) => boolean): ReadonlyMap<string, V> {
  const seen = new Map<string, Set<V>>();
  for (const line of lines) {
    if (!hasIndicator(line)) continue;
    explained.lastIndex = 0;
    for (let found = explained.exec(line); found !== null; found = explained.exec(line)) {
      const mark = found[1];
      const words = found[2]?.trim();
      if (mark === undefined || words === undefined || words === '' || skip?.(mark) === true) continue;
      const meaning = read(words);
      if (meaning === null) continue;
      let meanings = seen.get(mark);
      if (meanings === undefined) seen.set(mark, (meanings = new Set()));
      meanings.add(meaning);
    }
  }
  const only = new Map<string, V>();
  for (const [mark, meanings] of seen) {
    const [meaning] = meanings;
    if (meanings.size === 1 && meaning !== undefined) only.set(mark, meaning);
  }
  return only;
}

/** The meaning of each mark the file explains with exactly one status. */
export function readMarkMeanings(lines: readonly string[], vocabulary: Vocabulary): ReadonlyMap<string, KnownStatus> {
  return readExplainedMarks(lines, (words) => {
    const match = vocabulary.matchStatus(words);
    return !match.matched || match.legend || match.canonical === 'unknown' || match.coverage < 0.99 ? null : match.canonical;
  });
}

/**
 * The priority of each mark the file explains with exactly one priority and no status (`Priority: 🔴 high · 🟡 medium`,
 * `🟠 High priority`): a mark a file uses for a status too (`🔴 NEW` beside `🔴 P0`) keeps its status meaning alone. The
 * words must be wholly a rank, as a priority heading's are (`🔴 high availability` explains nothing).
 */
export function readMarkPriorities(lines: readonly string[], vocabulary: Vocabulary, statuses: ReadonlyMap<string, KnownStatus>): ReadonlyMap<string, number> {
  return readExplainedMarks(lines, (words) => vocabulary.matchSectionPriority(words), (mark) => statuses.has(mark));
}

/** An indicator mark opening an item's text (`🟡 Move the cron jobs`): group 1 the mark. */
export const openingIndicator = new RegExp(`^([${indicatorClass}])\\uFE0F?[ \\t]+(?=\\S)`, 'u');

/** An indicator mark closing an item's text (`Move the cron jobs 🟡`): group 1 the mark. */
export const closingIndicator = new RegExp(`\\s+([${indicatorClass}])\\uFE0F?[ \\t]*$`, 'u');

/** A list item whose text opens with an indicator mark (`- 🔴 Renew the certificate`), as discovery reads lines: group 1. */
export const indicatorItemPattern = new RegExp(`^\\s*(?:[-*+]|\\d{1,9}[.)])[ \\t]+([${indicatorClass}])\\uFE0F?[ \\t]+\\S`, 'u');

/** The indicator mark the file explains as `meaning` (a status, a priority; the first it explains so), or null. */
export function explainedMark<V>(meanings: ReadonlyMap<string, V>, meaning: V): string | null {
  for (const [mark, each] of meanings) if (each === meaning) return mark;
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
