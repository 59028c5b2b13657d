/**
 * Indicator marks a file explains itself: a coloured circle or square (`🟢`, `🟡`, `🔴`, `🟩`…) means nothing on its
 * own — green is done in one bank, on track in another — but a file that writes `🟢 Done` or a legend `🟢 = complete`
 * says what its green means. Such a mark written alone (a status cell `| 🟢 |`, `- 🟡 Write the importer`) is read as
 * the one status the file writes beside it; a mark the file writes beside two statuses, or none, stays unknown. Any
 * other mark means what the file's legend says, where it has one (`## Status Legend` over `- ❌ Not Started`): a cross,
 * blocked by default, or a warning sign, which says no status of its own.
 */
import { legendLabelSource, type KnownStatus } from './vocabulary-data.js';
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
  return readMeaningPairs(lines.filter(hasIndicator), explained, read, skip);
}

/**
 * Each mark `pattern` pairs with words in the texts (group 1 the mark, 2 the words), where `read` gives the words one
 * meaning only, across them all; `skip` the marks not to read.
 */
function readMeaningPairs<V>(texts: readonly string[], pattern: RegExp, read: (words: string) => V | null, skip?: (mark: string) => boolean): ReadonlyMap<string, V> {
  const seen = new Map<string, Set<V>>();
  for (const text of texts) {
    pattern.lastIndex = 0;
    for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
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
  return onlyMeanings(seen);
}

/**
 * The meaning of each mark the file explains with exactly one status: an indicator mark wherever the file writes it
 * with a status, any mark in the file's legend (`readLegendMeanings`), the legend's meaning first.
 */
export function readMarkMeanings(lines: readonly string[], vocabulary: Vocabulary): ReadonlyMap<string, KnownStatus> {
  const explainedStatus = (words: string): KnownStatus | null => {
    const match = vocabulary.matchStatus(words);
    return !match.matched || match.legend || match.canonical === 'unknown' || match.coverage < 0.99 ? null : match.canonical;
  };
  const indicated = readExplainedMarks(lines, explainedStatus);
  const legend = readLegendMeanings(lines, explainedStatus);
  if (legend.size === 0) return indicated;
  const meanings = new Map(indicated);
  for (const [mark, meaning] of legend) meanings.set(mark, meaning);
  return meanings;
}

/** A line opening a legend: its label, then what follows a colon (`**Legend:** ✅ = done`) in group 1; a heading's text is the label alone. */
const legendLabel = new RegExp(String.raw`^(?:#{1,6}\s+|>\s*)?(?:[-*+]\s+)?(?:\p{Extended_Pictographic}\uFE0F?\s*)?(?:\*\*|__)?(?:${legendLabelSource})(?:\s*[:：])?(?:\*\*|__)?(?:\s*[:：])?(?:\s+(.*))?$`, 'iu');
/** A legend's label anywhere in a line: a look before `legendLabel`, which reads it only where it opens the line. */
const legendWord = new RegExp(legendLabelSource, 'iu');
/** A mark with what it means after it in a legend (`✅ = done`, `❌ Not started`, `| ⚠️ | Blocked |`): group 1 the mark, 2 the words. */
const legendPair = /(\p{Extended_Pictographic})\uFE0F?\s*(?:[=:：|]|[-–—](?=\s))?\s*([\p{L}][\p{L} '’-]{0,30}?)(?=\s*(?:[|,;.·•()（）/:：=]|$|\p{Extended_Pictographic}))/gu;

/**
 * What each mark of the file's legend means, where the legend explains it with one status: a crossed mark (`❌`) is
 * blocked in one bank and not started in another, a warning sign (`⚠️`) says no status at all, until the file says.
 * A legend is a heading naming one (`## Status Legend`) over the lines up to the next heading, or a label before a colon
 * (`**Legend:** ✅ = done · ❌ = cancelled`, `Legende: ✅ erledigt, ❌ offen`) with its line, or the lines under it
 * when nothing follows the colon. Words naming two statuses (`⚠️ In Progress/Blocked`) mean the first.
 */
function readLegendMeanings(lines: readonly string[], read: (words: string) => KnownStatus | null): ReadonlyMap<string, KnownStatus> {
  const legend: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    // The label opens the line, after a heading's, a quote's or an item's marks at most: its first 48 characters.
    if (!legendWord.test(line.length > 48 ? line.slice(0, 48) : line)) continue;
    const found = legendLabel.exec(line.trim().replace(/`/gu, ''));
    if (found === null) continue;
    const heading = line.trimStart().startsWith('#');
    const rest = found[1]?.trim() ?? '';
    if (!heading && rest !== '') {
      legend.push(rest);
      continue;
    }
    // The lines under it: up to the next heading, or for a label, the first blank line after some.
    for (let next = index + 1; next < lines.length; next++) {
      const under = (lines[next] as string).trim();
      if (under.startsWith('#') || (!heading && under === '' && next > index + 1)) break;
      legend.push(under);
    }
  }
  // Its emphasis and code marks say nothing of the pairs (`**✅** = done`, `` `❌` Not started ``).
  return legend.length === 0 ? new Map() : readMeaningPairs(legend.map((line) => line.replace(/\*\*|__|`/gu, '')), legendPair, read);
}

/** The marks of `seen` with one meaning, and it. */
function onlyMeanings<V>(seen: ReadonlyMap<string, ReadonlySet<V>>): ReadonlyMap<string, V> {
  const only = new Map<string, V>();
  for (const [mark, meanings] of seen) {
    const [meaning] = meanings;
    if (meanings.size === 1 && meaning !== undefined) only.set(mark, meaning);
  }
  return only;
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

/** Any mark opening an item's text (`⚠️ Migrate the list`), which a legend may explain: group 1 the mark. */
export const openingMark = /^(\p{Extended_Pictographic})\uFE0F?[ \t]+(?=\S)/u;

/** An indicator mark closing an item's text (`Move the cron jobs 🟡`): group 1 the mark. */
export const closingIndicator = new RegExp(`\\s+([${indicatorClass}])\\uFE0F?[ \\t]*$`, 'u');

/**
 * A list item whose text opens with a mark (`- 🔴 Renew the certificate`, `- ⚠️ Migrate the list`), as discovery reads
 * lines: group 1, which the file may explain.
 */
export const markItemPattern = /^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(\p{Extended_Pictographic})\uFE0F?[ \t]+\S/u;

/** The indicator mark the file explains as `meaning` (a status, a priority; the first it explains so), or null. */
export function explainedMark<V>(meanings: ReadonlyMap<string, V>, meaning: V): string | null {
  for (const [mark, each] of meanings) if (each === meaning) return mark;
  return null;
}

/**
 * The mark a status value is made of alone (`❌`, `⚠️`, `🟢`), or null: what a file's legend may explain
 * (`readMarkMeanings`).
 */
export function readMarkAlone(value: string): string | null {
  const mark = value.replace(/\uFE0F/gu, '').trim();
  return markAlone.test(mark) ? mark : null;
}
const markAlone = /^\p{Extended_Pictographic}$/u;

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
