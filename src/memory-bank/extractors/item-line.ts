/**
 * What a task item says on its line besides its title, for the extractors that read items outside the outline's list
 * walk (a task document's plan, Roo's progress log): a status refining or restating its box (`- [ ] 🔄 …`, `- [x]
 * Done: …`), Obsidian Tasks signifiers (`📅 2025-09-10 ⏫`), line markers (a priority, a due date, owners, tags,
 * commits), a status closing it that agrees with its box or says what the box cannot (in brackets, after a dash or a
 * colon), a share done, a title struck through, a date alone closing it. Read as the list walk reads them
 * (outline/lists.ts), so that an item says the same in a task file's plan as in a checklist.
 */
import type { TaskStatusValue } from '../../core/task-status.js';
import { applyInlineFields, applyStatusText, applyTaskSignifiers, crossOffItem, setRefinedStatus } from './draft.js';
import {
  readClosingShare,
  readInlineFields,
  readLateMarkers,
  readLineMarkers,
  readOpeningStatus,
  readTaskSignifiers,
  refinesOpenBox,
  weighBoxColonStatus,
  weighBoxStatus,
  type InlineFields,
  type LineMarkers,
} from './text.js';
import type { DraftTask, ExtractorContext } from './types.js';
import { writtenDateSource } from '../vocabulary-data.js';
import { normaliseDate } from '../vocabulary.js';

/** An item's line read: its title text (`inline.rest`) and what else it states. */
export interface ItemLine {
  inline: InlineFields;
  /** A status word or mark after the open box that says what the box cannot (`🔄`, `WIP`, `— blocked`, `: blocked`). */
  refines: string | null;
  signifiers: ReturnType<typeof readTaskSignifiers>;
  markers: LineMarkers | null;
  /** A share done closing it in words (`(75% done)`). */
  share: number | null;
  /** What its box's mark says, null without a box. */
  boxStatus: TaskStatusValue | null;
}

/**
 * Reads an item's text (`text`, its box's mark `checkbox` or null, its Markdown `markdown`): without a box, the status
 * it states is `inline.status`, as `readInlineFields` reads it; beside a box, a status agreeing with the box leaves the
 * title, one the box cannot say is `refines`, one disagreeing stays title.
 */
export function readItemLine(ctx: ExtractorContext, text: string, checkbox: string | null, markdown: string): ItemLine {
  const { vocabulary } = ctx;
  const opening = checkbox === null ? null : readOpeningStatus(text, checkbox, vocabulary, (mark) => ctx.markMeanings.get(mark));
  let rest = opening?.rest ?? text;
  const signifiers = readTaskSignifiers(rest);
  if (signifiers !== null) rest = signifiers.rest;
  const code = markdown.includes('`');
  let markers = readLineMarkers(rest, vocabulary, code);
  if (markers !== null) rest = markers.rest;
  const marked = rest;
  const boxStatus = checkbox === null ? null : vocabulary.matchCheckbox(checkbox);
  let inline = readInlineFields(rest, vocabulary);
  let refines = opening?.refines ?? null;
  if (checkbox !== null) ({ inline, refines } = weighBoxStatus(inline, boxStatus, refines, vocabulary, () => readInlineFields(rest, vocabulary, { bareStatus: false })));
  if (boxStatus === 'todo' && refines === null && inline.status === null && markers?.tagStatus != null && refinesOpenBox(markers.tagStatus, vocabulary)) refines = markers.tagStatus;
  const colon = checkbox !== null && inline.status === null && refines === null ? weighBoxColonStatus(inline, boxStatus, vocabulary) : null;
  if (colon !== null) ({ inline, refines } = colon);
  // Markers a closing status closed over (`Draft the invoice (P2) — in progress`), read once it is off.
  const late = inline.rest === marked ? null : readLateMarkers(markers, inline.rest, vocabulary, code);
  if (late !== null) {
    markers = late;
    inline = { ...inline, rest: late.rest };
  }
  const share = readClosingShare(inline.rest, false);
  if (share !== null) inline = { ...inline, rest: share.rest };
  return { inline, refines, signifiers, markers, share: share?.share ?? null, boxStatus };
}

/**
 * Sets on `draft` what `readItemLine` read, after its box's status: a title struck through whole (`~~…~~` in
 * `markdown`) crossed it off (done, or cancelled beside an open box), a refining status is its own, then its fields,
 * signifiers and markers. The inline status and fields the caller applies, in its own order.
 */
export function applyItemLine(ctx: ExtractorContext, draft: DraftTask, reading: ItemLine, checkbox: string | null, markdown: string, line: number): void {
  if (checkbox !== null) crossOffItem(draft, markdown.trim(), reading.boxStatus);
  if (reading.refines !== null) setRefinedStatus(ctx, draft, reading.refines);
  // A status tag closing a step without a box (`Archive the newsletters @done(2025-08-20)`) is its status where nothing else states one.
  if (checkbox === null && reading.inline.status === null && reading.markers?.tagStatus != null && draft.status.from === 'default') {
    applyStatusText(ctx, draft, reading.markers.tagStatus, 'inline', line);
  }
  if (reading.signifiers !== null) applyTaskSignifiers(ctx, draft, reading.signifiers.signifiers, line);
  if (reading.markers !== null) {
    applyInlineFields(ctx, draft, reading.markers.fields, line);
    if (reading.markers.commits.length > 0) draft.extra.commit = reading.markers.commits.join(', ');
  }
  if (reading.share !== null) draft.percentDone ??= reading.share;
  // A date alone closing it (`- [x] Map the columns (2025-04-10)`): its done date, as a checklist's item's is.
  readClosingDate(draft, () => ctx.dayFirst);
}

/** A date alone closing a title, in brackets or after a spaced dash: group 1 the date. */
const mayCloseWithDate = /[\d日]\.?\s*[)）\]]?$/u;
const closingBareDate = new RegExp(String.raw`\s*(?:[(（\[]\s*(${writtenDateSource})\.?\s*[)）\]]|\s[-–—]\s+(${writtenDateSource})\.?)$`, 'iu');

/**
 * A date alone closing an item's title (`- [x] Migrate to Postgres 16 (2025-10-02)`, `- Set up Sentry — 2025-09-28`
 * under Completed, `- [ ] Ship the beta (2026-03-01)`, written as the file writes its days: `(14/03/2025)`, `—
 * 21.05.2025`, `(9 April 2025)`, a full stop after its year as Croatian writes one, `(2. listopada 2025.)`) is not
 * title: on a done item it is when the work was finished (appended when it was), its done date; on an open one it may
 * be a deadline or the day it was noted, kept as `extra.date`. Either way ticking the item, or appending the date, keeps
 * its key. A month alone (`(March 2025)`) is no day: it stays.
 */
export function readClosingDate(draft: DraftTask, dayFirst: () => boolean): void {
  // Every date closes with a figure or 日, in brackets or not: most titles end otherwise, and skip the pattern.
  if (!mayCloseWithDate.test(draft.title)) return;
  const match = closingBareDate.exec(draft.title);
  const written = match?.[1] ?? match?.[2];
  if (match === null || written === undefined || match.index === 0) return;
  if (applyClosingDate(draft, written, dayFirst)) draft.title = draft.title.slice(0, match.index).trim();
}

/**
 * A date read off a title (`written`, as written): its done date when the work is done, else `extra.date`. False, and
 * nothing set, when it reads as no day.
 */
export function applyClosingDate(draft: DraftTask, written: string, dayFirst: () => boolean): boolean {
  const date = normaliseDate(written, { dayFirst: written.includes('/') && dayFirst() });
  if (date === null) return false;
  if (draft.status.canonical === 'done') draft.dates.done ??= date;
  else draft.extra.date ??= written;
  return true;
}
