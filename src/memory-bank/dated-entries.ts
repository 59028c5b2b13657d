/**
 * The dated entries of a log: sibling sections whose headings carry a date (`## 2025-03-09 — Parser groundwork`,
 * `## [2025-04-03] Sync polish`, `### 5 May 2025`, Roo's `[2025-05-10 12:41:08] - ## Update on …`), two or more
 * under one heading, or any under an entry (a month's days). Restated items are read through them
 * (fold-restated.ts): an item carried from one entry to a later one is one task.
 */
import type { Section } from './markdown.js';
import { findDateInText, normaliseDate } from './vocabulary.js';

export interface DatedEntry {
  /** Line of the entry's heading. */
  line: number;
  /** Last line of its section (its sub-sections included). */
  end: number;
  /** Its date, ISO (`2025-03-09`, `2025-05-10T12:41:08`): entries are ordered by it. */
  date: string;
  /** Its heading text. */
  title: string;
}

export interface DatedEntries {
  /** The innermost entry holding a line, or null. */
  of(line: number): DatedEntry | null;
  /** Every entry holding a line, outermost first (a month's, then a day's in it). */
  around(line: number): DatedEntry[];
}

/** A four-digit year, which a date written otherwise than ISO must show (`Phase 1.2`, `v2.0.1` are not dates). */
const yearPattern = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)/u;
/** What parts a heading's date from its words: dashes and bars between spaces, colons, brackets. */
const headingSeparators = /\s+[-–—|]\s+|[:：()[\]]/u;

/**
 * The date a heading carries: its Roo timestamp, an ISO date anywhere, or a part of it that is wholly a date, or
 * would be without its first word (a weekday: `Wednesday, 7 May 2025`). An ambiguous `04/03/2025` is read day first
 * when the file writes its dates so (`dayFirst`, `readsDayFirst`).
 */
export function readHeadingDate(title: string, stamp: string | undefined, dayFirst = false): string | null {
  if (stamp !== undefined) {
    const date = normaliseDate(stamp);
    if (date !== null) return date;
  }
  const iso = findDateInText(title);
  if (iso?.value != null) return iso.value;
  if (!yearPattern.test(title)) return null;
  for (const part of title.split(headingSeparators)) {
    const text = part.trim();
    if (text === '' || !yearPattern.test(text)) continue;
    const options = { dayFirst: dayFirst && text.includes('/') };
    const date = normaliseDate(text, options) ?? normaliseDate(text.replace(/^\S+,?\s+/u, ''), options);
    if (date !== null) return date;
  }
  return null;
}

/** Reads the dated entries of a file's section tree (`lineCount`: the file's last line; `dayFirst`: `readsDayFirst`). */
export function readDatedEntries(root: Section, lineTimestamps: ReadonlyMap<number, string>, lineCount: number, dayFirst: boolean): DatedEntries {
  const ends = readSectionEnds(root, lineCount);
  const entries: DatedEntry[] = [];
  // Inside an entry (a month), one dated section (its one day written so far) is an entry too.
  const visit = (section: Section, inEntry: boolean): void => {
    let dated: DatedEntry[] | null = null;
    for (const child of section.children) {
      const date = readHeadingDate(child.title, lineTimestamps.get(child.line), dayFirst);
      if (date !== null) (dated ??= []).push({ line: child.line, end: ends.get(child) ?? lineCount, date, title: child.title });
    }
    const isLog = dated !== null && (dated.length >= 2 || inEntry);
    if (isLog && dated !== null) entries.push(...dated);
    for (const child of section.children) visit(child, isLog && dated !== null && dated.some((entry) => entry.line === child.line));
  };
  visit(root, false);
  // In line order once, so the entries around a line come outermost first; each line is read once.
  entries.sort((a, b) => a.line - b.line);
  const read = new Map<number, DatedEntry[]>();
  const around = (line: number): DatedEntry[] => {
    let found = read.get(line);
    if (found === undefined) read.set(line, (found = entries.filter((entry) => entry.line <= line && line <= entry.end)));
    return found;
  };
  // The innermost entry of each line, filled once (outer entries first, inner ones over them): a log's every item asks.
  let innermost: (DatedEntry | undefined)[] | null = null;
  const of = (line: number): DatedEntry | null => {
    if (innermost === null) {
      const filled: (DatedEntry | undefined)[] = new Array<DatedEntry | undefined>(lineCount + 2);
      for (const entry of entries) filled.fill(entry, entry.line, Math.min(entry.end, lineCount + 1) + 1);
      innermost = filled;
    }
    return innermost[line] ?? null;
  };
  return { of, around };
}

/** Each section's last line: the line before the next heading of its depth or above, else the file's last. */
function readSectionEnds(root: Section, lineCount: number): Map<Section, number> {
  const ends = new Map<Section, number>();
  const open: Section[] = [];
  const visit = (section: Section): void => {
    for (const child of section.children) {
      while (open.length > 0 && (open[open.length - 1] as Section).depth >= child.depth) ends.set(open.pop() as Section, child.line - 1);
      open.push(child);
      visit(child);
    }
  };
  visit(root);
  for (const section of open) ends.set(section, lineCount);
  return ends;
}

/**
 * Whether a heading opens with its date, as a log's entries do (`2025-03-09 - Caching analysis`, `[2025-04-03] Sync
 * polish`, `5 May 2025`), not a release or a sprint named first with its date after (`v1.1 — 2025-09-01`), nor a month.
 */
export function opensWithDate(title: string, dayFirst = false): boolean {
  const first = title.replace(/^[\s[(*_]+/u, '').split(headingSeparators)[0]?.trim() ?? '';
  // A day, not a month alone (`## June 2026 (Planned)` names the work of a month, perhaps ahead).
  const numbers = first.match(/(?<![\p{L}\d])\d{1,4}(?![\p{L}\d])/gu)?.length ?? 0;
  return first !== '' && numbers >= 2 && readHeadingDate(first, undefined, dayFirst) !== null;
}

/**
 * Whether two headings of the file or more hold a year (`## 2025-03-09 - …`, `### 5 May 2025`): a log has two entries
 * at least (`readDatedEntries`), so only then need they be read.
 */
export function mayHoldEntries(root: Section): boolean {
  let count = 0;
  const visit = (section: Section): boolean => section.children.some((child) => (yearPattern.test(child.title) && ++count >= 2) || visit(child));
  return visit(root);
}
