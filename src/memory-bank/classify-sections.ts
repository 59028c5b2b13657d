/** Headings and fields as a classification signal: status sections, headings followed by a `**Status**` field, blocks of fields naming a task. */
import { normaliseLabel, type MarkdownSignals } from './discover-signals.js';
import { numberedItemHeading } from './discover-patterns.js';
import { bugFieldNames, matchStatusSectionPrefix } from './vocabulary-data.js';
import { readsAsStatus, readsAsStatusBeforeNote } from './vocabulary.js';
import { defaultVocabulary, statusFieldNames } from './classify-facts.js';

/** The status a heading names, exactly (`## Closed`) or by a phrase opening it (`## What's left to build`), else null. */
export function readSectionStatus(text: string): string | null {
  const known = defaultVocabulary.matchSection(text);
  if (known !== null) return known.replace('_', '-');
  return matchStatusSectionPrefix(normaliseLabel(text));
}

/**
 * Status-bearing section headings (level ≥ 2), how many distinct statuses they name, how many have items, and how
 * many have plain items (bullets without a checkbox, which only the section's status makes tasks).
 */
export function findStatusSections(signals: MarkdownSignals): { names: string[]; statuses: Set<string>; withItems: number; withPlainItems: number } {
  const names: string[] = [];
  const statuses = new Set<string>();
  let withItems = 0;
  let withPlainItems = 0;
  // The document's one heading, an H1 naming a status over plain bullets (`# TODO`, `# Backlog` over a flat list), is a
  // status section too; beside items that state their own status (`- [ ] …`, `- TODO …`, `- ⏳ …`) it is a title.
  const plain = signals.statusLeads.length === 0 && signals.statusMarks.open + signals.statusMarks.done === 0;
  const only = signals.headings.length === 1 && plain && signals.headings[0]?.boxes === 0 ? signals.headings[0] : undefined;
  const headings = signals.headings;
  for (let index = 0; index < headings.length; index++) {
    const h = headings[index];
    if (h === undefined || (h.level < 2 && h !== only)) continue;
    const status = readSectionStatus(h.text);
    if (status === null) continue;
    statuses.add(status);
    // One section alone decides only when its heading is exactly a status (`## Remaining work`), not a phrase with more.
    if (defaultVocabulary.matchSection(h.text) !== null) {
      // Its items, or where it holds none, those of the sub-headings grouping them (`## Recent completions` over `###
      // Infinite scroll (2025-09-30)` and its bullets), as the section reader reads them.
      let items = h.items;
      let boxes = h.boxes;
      for (let next = index + 1; items === 0 && next < headings.length; next++) {
        const sub = headings[next];
        if (sub === undefined || sub.level <= h.level) break;
        if (readSectionStatus(sub.text) !== null) continue;
        items += sub.items;
        boxes += sub.boxes;
      }
      if (items > 0) withItems += 1;
      if (items > boxes) withPlainItems += 1;
    }
    if (names.length < 4) names.push(normaliseLabel(h.text));
  }
  // A bold label alone on its line over a list (`**Completed:**` then `- Sign-in`) heads a section as a heading does.
  for (const label of signals.labels) {
    if (defaultVocabulary.matchSection(label.name) === null) continue;
    statuses.add(readSectionStatus(label.name) ?? '');
    withItems += 1;
    if (label.items > label.boxes) withPlainItems += 1;
    if (names.length < 4) names.push(label.name);
  }
  return { names, statuses, withItems, withPlainItems };
}

/**
 * Headings (level ≥ 2) ranking the work they list over items (`## Must have`, `## High priority`, `## P1`, as a backlog
 * orders its bullets): their normalised names.
 */
export function findPrioritySections(signals: MarkdownSignals): string[] {
  const names: string[] = [];
  const headings = signals.headings;
  for (let index = 0; index < headings.length; index++) {
    const h = headings[index];
    if (h === undefined || h.level < 2 || defaultVocabulary.matchSectionPriority(h.text) === null) continue;
    // Its items, or those of the sub-headings naming its items (`## High priority` over `### B1. Retry deliveries`).
    let items = h.items;
    for (let next = index + 1; items === 0 && next < headings.length; next++) {
      const sub = headings[next];
      if (sub === undefined || sub.level <= h.level) break;
      if (numberedItemHeading.test(sub.text)) items += 1;
    }
    if (items > 0) names.push(normaliseLabel(h.text));
  }
  return names;
}

const statusFieldItems = new WeakMap<MarkdownSignals, { count: number; firstLine: number | null }>();

/** Headings whose own section starts with a `**Status**:` field (within 8 lines); read once per file's signals. */
export function countStatusFieldItems(signals: MarkdownSignals): { count: number; firstLine: number | null } {
  let counted = statusFieldItems.get(signals);
  if (counted === undefined) {
    counted = readStatusFieldItems(signals);
    statusFieldItems.set(signals, counted);
  }
  return counted;
}

function readStatusFieldItems(signals: MarkdownSignals): { count: number; firstLine: number | null } {
  const statusLines = signals.boldFields.filter((f) => statusFieldNames.includes(f.name)).map((f) => f.line);
  statusLines.push(...readMarginStatusLines(signals));
  // A key/value table stating a status (`| Status | Blocked |` as its header row or one of its rows) states it as a field does.
  for (const table of signals.tables) {
    if (table.header.length !== 2) continue;
    const rows = [table.header, ...table.body];
    const at = rows.findIndex((cells) => statusFieldNames.includes(normaliseLabel(cells[0] ?? '')) && readsAsStatus(defaultVocabulary.matchStatus(cells[1] ?? '')));
    if (at >= 0) statusLines.push(at === 0 ? table.line : table.line + at + 1);
  }
  let count = 0;
  let firstLine: number | null = null;
  const headings = signals.headings.filter((h) => h.level >= 2);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (h === undefined) continue;
    const next = headings[i + 1]?.line ?? Number.POSITIVE_INFINITY;
    if (statusLines.some((l) => l > h.line && l < next && l <= h.line + 8)) {
      count++;
      firstLine ??= h.line;
    }
  }
  return { count, firstLine };
}

/**
 * The lines of status fields written plainly or quoted (`Status: Done`, `> **Status:** In progress`) whose value reads as
 * one: the scanner reads them up to 8 lines under a heading or 4 under a task's name, where they count.
 */
function readMarginStatusLines(signals: MarkdownSignals): number[] {
  // A status and a note in parentheses after it (`Status: In progress (partially satisfied).`) states it, as the
  // parser reads such a line (outline/metadata.ts).
  return signals.marginStatusFields.filter((field) => readsAsStatusBeforeNote(defaultVocabulary, field.value)).map((field) => field.line);
}

/**
 * Blocks of field lines naming a task and stating its status (`**Task:** Rotate the keys` over `**Status:** In
 * progress`, or plainly, `Task: …` over `Status: Done`): how many, and the first one's line.
 */
/**
 * Headings (below the title) each over two fields or more naming a bug's parts (`**Where**:`, `**Symptom**:`,
 * `**Cause**:`, `**Impact**:`; `bugFieldNames`) before the next heading: the entries of a list of bugs.
 */
export function countBugEntries(signals: MarkdownSignals): { count: number; firstLine: number | null } {
  const headings = signals.headings.filter((h) => h.level > 1);
  let count = 0;
  let firstLine: number | null = null;
  for (const heading of headings) {
    const end = signals.headings.find((h) => h.line > heading.line)?.line ?? Infinity;
    const names = new Set(signals.boldFields.filter((f) => f.line > heading.line && f.line < end && isBugFieldName(f.name)).map((f) => f.name));
    if (names.size < 2) continue;
    count++;
    firstLine ??= heading.line;
  }
  return { count, firstLine };
}
const bugFields: ReadonlySet<string> = new Set(bugFieldNames);

/** Whether a field's name names a part of a bug (`Where`, `Symptom`, `Cause`, `Impact`; `bugFieldNames`), in any case. */
export function isBugFieldName(name: string): boolean {
  return bugFields.has(name.toLowerCase());
}

export function countFieldBlocks(signals: MarkdownSignals): { count: number; firstLine: number | null } {
  const statusLines = [
    ...signals.boldFields.filter((f) => statusFieldNames.includes(f.name) && readsAsStatus(defaultVocabulary.matchStatus(f.value))).map((f) => f.line),
    ...readMarginStatusLines(signals),
  ];
  let count = 0;
  let firstLine: number | null = null;
  for (const line of signals.taskNameLines) {
    if (!statusLines.some((status) => status > line && status - line <= 4)) continue;
    count++;
    firstLine ??= line;
  }
  return { count, firstLine };
}
