/**
 * What a task item says on its line besides its title, for the extractors that read items outside the outline's list
 * walk (a task document's plan, Roo's progress log): a status refining or restating its box (`- [ ] 🔄 …`, `- [x]
 * Done: …`), Obsidian Tasks signifiers (`📅 2025-09-10 ⏫`), line markers (a priority, a due date, owners, tags,
 * commits), a status closing it that agrees with its box or says what the box cannot (in brackets, after a dash or a
 * colon), a share done, a title struck through. Read as the list walk reads them (outline/lists.ts), so that an item
 * says the same in a task file's plan as in a checklist.
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
}
