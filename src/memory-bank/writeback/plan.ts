/**
 * Plans write-back edits per convention: for each request, the one token of the file that holds the value (a
 * checkbox mark, a table's status cell, a `**Status:**` value, a frontmatter key, a `tasks.json` string, an
 * inline status on an item or index line) and the text it becomes, in the file's own words. A value the file has
 * no place for is refused with the file, line and reason (reported by sync, never guessed).
 */
import type { BankChange, EditOutcome, EditRequest, ReadBackFile, SourceEdit, BankField } from '../../core/source-edit.js';
import { ExtractorName } from '../../core/source-file.js';
import type { TaskRecord, TaskStatusValue } from '../../core/task-record.js';
import { dataDoneFlagKeys, dataIdKeys, dataStatusKeys, dataTitleKeys, findLineStart, readDataFormat } from '../data-file.js';
import { keyNamesOf, normaliseKeyName, readKeyRole, type KeyRole } from '../key-roles.js';
import { arrowChars, checkboxLikeMarks, closingDashSource, crossAlonePattern, notDoneStatuses, colonSource, headingBoxMarkSource, logseqMarkers, markCharSource, markShortcodes, shortcodeNameSource, statusEmoji, type FieldKind, type KnownStatus } from '../vocabulary-data.js';
import { collapseWhitespace, createVocabulary, dropTrailingNote, normaliseFieldDate, readsDayFirst, saysNotQuiteDone, stripInlineMarkdown, type Vocabulary } from '../vocabulary.js';
import { listJsonObjects, scanJson, type JsonMember, type JsonNode } from './json-scan.js';
import { itemMarkerSource } from '../list-markers.js';
import { checkboxLine, createFileView, displayWidth, fenceLine, itemStart, readListEntryKeys, splitTableCells, type FileView, type Span, type TableView } from './scan.js';
import { dropStruckWords, findClosingTags, readColonStatus, readCompletionSuffix, readDatedStatusWords, readInlineFields, readLeadingStatusWord, readNotedStatus, readSharedStatus, openingItemMark, closingItemMark, dropMarkedShare, readOpeningStatus, readStatusLead, readTagStatus, refinesBox, refiningStatuses, saysOutcomeOnly, markDate, markNote, datedSignifierMarks, arrowClosing, endsChain, readParenthesisedLead, readPointedCompletion, groupInsideSource } from '../extractors/text.js';
import { describeChange, readBackEdits, readValue } from './read-back.js';
import { readHeading } from '../header-status.js';
import { leavesStanding } from '../fold-restated.js';
import { jsonFencePattern } from '../discover-patterns.js';
import { writeDateLike, writePeriodLike } from './dates.js';
import { isEditableText } from './text.js';
import {
  choosePriorityValue,
  chooseStatusValue,
  pickStatusForm,
  taskmasterStatusWords,
  type WrittenStatus,
} from './words.js';
import { explainedMark, readIndicatorAlone, readMarkAlone, readMarkMeanings, readMarkPriorities } from '../mark-meanings.js';

/** Where in this file the record is written: its own item, or another place it was seen (an index line). */
interface Place {
  line: number;
  primary: boolean;
}

/** Everything one request's planning needs. */
interface Target {
  view: FileView;
  record: TaskRecord;
  place: Place;
  /** `path:line` for reasons. */
  where: string;
  /** Statuses the bank's other task files write (`EditRequest.siblingStatuses`). */
  siblings: readonly string[];
}

type Outcome = EditOutcome;

const statusKinds: readonly FieldKind[] = ['status', 'overallStatus'];

/** Plans one outcome per request against the file's bytes, in request order. */
export function planEdits(path: string, bytes: Uint8Array, requests: readonly EditRequest[], readBack?: ReadBackFile): EditOutcome[] {
  if (requests.length === 0) return [];
  if (!isEditableText(bytes)) {
    const reason = `${path}: not valid UTF-8 (or UTF-16) text, so no value can be written into it without changing other bytes`;
    return requests.map(() => ({ ok: false, reason }));
  }
  const view = createFileView(path, bytes, createVocabulary());
  // Only a file that writes marks as shortcodes reads otherwise than it is written (`readShortcodes`).
  const shortcoded = view.texts.some((text, index) => view.lines[index]?.text !== text);
  const outcomes = requests.map((request) => (shortcoded ? writtenAsTheFileIs(view, planRequest(view, request)) : planRequest(view, request)));
  return readBack === undefined ? outcomes : readBackEdits(path, bytes, requests, outcomes, readBack);
}

/** Mark → the shortcode the file would write for it (`✅` → `:white_check_mark:`): the first of `markShortcodes` per mark. */
const shortcodeOfMark: ReadonlyMap<string, string> = new Map(
  Object.entries(markShortcodes)
    .reverse()
    .map(([name, mark]) => [mark, `:${name}:`]),
);

/**
 * The outcome's edits against the file as written. The view reads a mark's shortcode as the mark, padded to the
 * shortcode's length (`readShortcodes`): an edit touching one widens to the whole shortcode, and a mark it writes
 * there is written as a shortcode too (`:construction:` → `:white_check_mark:`), so the file keeps its notation.
 */
function writtenAsTheFileIs(view: FileView, outcome: Outcome): Outcome {
  return outcome.ok ? { ok: true, edits: outcome.edits.map((edit) => widenOverShortcodes(view, edit)) } : outcome;
}

/**
 * A value written as shortcodes: each mark as its shortcode, and the padding a sample read from a shortcode carried
 * after its mark (`✅` + spaces + `Done`, as the view reads `:white_check_mark: Done`) down to one space.
 */
function writeMarksAsShortcodes(value: string): string {
  const written = [...value].map((char) => shortcodeOfMark.get(char) ?? char).join('');
  return written === value ? value : written.replace(paddedShortcode, '$1 ');
}
const paddedShortcode = new RegExp(`(:${shortcodeNameSource}:)\\uFE0F?( {2,})`, 'gu');

/** A mark followed by the padding of a shortcode it was read from: a value copied from a sample written so. */
const paddedMark = /\p{Extended_Pictographic}\uFE0F? {2,}\S/u;

/**
 * An edit planned against the view (shortcodes read as padded marks) as an edit of the file as written: widened to
 * every shortcode it touches; the marks it writes as shortcodes where its line writes them (or where it copied a
 * sample that did), so that a line of literal marks beside them keeps its own (`- Mulch the bed ⌛` stays a mark).
 */
function widenOverShortcodes(view: FileView, edit: SourceEdit): SourceEdit {
  const written = view.lines[edit.line - 1]?.text ?? '';
  const read = view.texts[edit.line - 1] ?? '';
  const from = edit.column;
  const to = edit.column + edit.before.length;
  let start = from;
  let end = to;
  let head = '';
  let tail = '';
  let replaced = false;
  for (const region of findShortcodes(written, read)) {
    if (!(region.start < to && region.end > from) && !(region.start < from && from < region.end)) continue;
    start = Math.min(start, region.start);
    end = Math.max(end, region.end);
    const markEnd = region.start + read.slice(region.start, region.end).trimEnd().length;
    // The edit replaces the mark itself, or only borders it (text written after it): then the shortcode stays.
    if (from <= region.start && to >= markEnd) replaced = true;
    else if (region.start < from) head += written.slice(region.start, region.end);
    else tail += written.slice(region.start, region.end);
  }
  const after = written !== read || paddedMark.test(edit.after) ? writeMarksAsShortcodes(edit.after) : edit.after;
  if (start === from && end === to && !replaced) return after === edit.after ? edit : { ...edit, after };
  return { ...edit, column: start, before: written.slice(start, end), after: head + after + tail };
}

/** The spans where the file as written and as read differ: each a shortcode (`:construction:`) read as its mark. */
function findShortcodes(written: string, read: string): Span[] {
  const spans: Span[] = [];
  let index = 0;
  while (index < written.length) {
    if (written[index] === read[index]) {
      index++;
      continue;
    }
    // A shortcode opens with its colon, which no mark does: the first character that differs.
    const close = written.indexOf(':', index + 1);
    const end = close < 0 ? written.length : close + 1;
    spans.push({ start: index, end });
    index = end;
  }
  return spans;
}

function ok(edits: SourceEdit[]): Outcome {
  return { ok: true, edits };
}

function refuse(reason: string): Outcome {
  return { ok: false, reason };
}

function samePath(viewPath: string, recordPath: string): boolean {
  const a = viewPath.replace(/\\/gu, '/');
  return a === recordPath || a.endsWith(`/${recordPath}`);
}

function planRequest(view: FileView, request: EditRequest): Outcome {
  const { record, change } = request;
  let place: Place | null = null;
  if (samePath(view.path, record.source.path)) place = { line: record.source.line, primary: true };
  else {
    const seen = record.alsoSeenAt.find((ref) => samePath(view.path, ref.path));
    if (seen !== undefined) place = { line: seen.line, primary: false };
  }
  if (place === null) {
    return refuse(`${view.path}: "${record.title}" (${record.key}) is not read from this file; it is at ${record.source.path}:${record.source.line}`);
  }
  const target: Target = { view, record, place, where: `${place.primary ? record.source.path : view.path}:${place.line}`, siblings: request.siblingStatuses ?? [] };
  // An item written again in the file (`restated-item`) whose status another copy states: a status that copy's leaves
  // standing would not read back, whatever this line says.
  if (place.primary && change.field === 'status' && leavesStanding(change.status, record.status.canonical)) {
    const copies = findStatingCopies(view, record);
    if (copies.length > 0) return refuse(describeStatingCopies(target, change.status, copies));
  }
  const outcome = planChange(target, change);
  // Nothing to write on the item's line, yet the item does not read the value: written as done, the change would
  // never reach the file (a sync would report the two sides agreeing while they do not).
  const unread = outcome.ok && outcome.edits.length === 0 && place.primary ? readValue(record, change) : null;
  return unread === null ? outcome : refuse(`${target.where}: writing ${describeChange(change)} into "${record.title}" would change nothing on its line, yet it reads as ${unread}, so nothing was written; write it by hand`);
}

function planChange(target: Target, change: BankChange): Outcome {
  switch (change.field) {
    case 'status':
      return planStatus(target, change.status);
    case 'priority':
      return planPriority(target, change.priority);
    case 'due':
      return planDue(target, change.date);
    case 'title':
    case 'labels':
      return refuse(
        `${target.where}: write-back writes status, priority and due dates; the ${change.field} of "${target.record.title}" stays as written in the file (edit it there)`,
      );
  }
}

/** The lines of the other statements of an item written again in its file that state its status (`- [x] …` above `- [ ] …`). */
function findStatingCopies(view: FileView, record: TaskRecord): number[] {
  // Each earlier statement is one of the record's progress entries, written `<its status as written>: <its title>`, at
  // the line holding that title; a log entry that happens to open with the status word (`Completed: the parser`, under
  // its date's heading) is none.
  const stated = `${record.status.raw ?? record.status.canonical}: `;
  return record.progress
    .filter((entry) => {
      if (entry.line === record.source.line || !entry.text.startsWith(stated)) return false;
      const title = collapseWhitespace(entry.text.slice(stated.length)).toLowerCase();
      return title !== '' && collapseWhitespace(stripInlineMarkdown(view.texts[entry.line - 1] ?? '')).toLowerCase().includes(title);
    })
    .map((entry) => entry.line);
}

/**
 * Why an open status is not written into an item another copy of which, in the same file, states it further along
 * (`- [x] Rotate the keys` above `- [ ] Rotate the keys`, a journal's ticked day before the day carrying the item on):
 * an open copy does not undo work a ticked one states done, so the task would read as before — the copies are named.
 */
function describeStatingCopies(target: Target, status: TaskStatusValue, copies: readonly number[]): string {
  const { record, where } = target;
  const lines = copies.length === 1 ? `line ${copies[0]}` : `lines ${copies.join(', ')}`;
  const written = JSON.stringify(record.status.raw ?? record.status.canonical);
  return `${where}: "${record.title}" is written again in this file (${lines}, ${written}), and it reads as ${record.status.canonical} whatever this line says: a copy saying less does not undo what another states, so status ${status} was not written; set ${lines} by hand too if the task is ${status} again`;
}

/** The edit replacing `span` of a line with `after`, without the padding both share (none when nothing changes). */
function makeEdit(target: Target, field: BankField, line: number, given: Span, written: string): SourceEdit[] {
  const text = target.view.texts[line - 1] ?? '';
  const { span, after } = drawMark(target.view, text, given, written);
  const before = [...text.slice(span.start, span.end)];
  const next = [...after];
  let head = 0;
  while (head < before.length && head < next.length && before[head] === next[head] && /\s/u.test(next[head] ?? '')) head++;
  let tail = 0;
  while (
    tail < before.length - head &&
    tail < next.length - head &&
    before[before.length - 1 - tail] === next[next.length - 1 - tail] &&
    /\s/u.test(next[next.length - 1 - tail] ?? '')
  ) {
    tail++;
  }
  if (before.join('') === after) return [];
  const column = span.start + before.slice(0, head).join('').length;
  return [
    {
      key: target.record.key,
      field,
      line,
      column,
      before: before.slice(head, before.length - tail).join(''),
      after: next.slice(head, next.length - tail).join(''),
    },
  ];
}

/** A status or priority mark alone, with its variation selector if any (group 1 the mark, group 2 the selector). */
const markAlone = new RegExp(`^([${markCharSource}])([\\uFE0E\\uFE0F]?)$`, 'u');
/** A mark drawn as an emoji with no selector (`✅`, `⬜`); `◻`, `✔` and `⏸` are text unless `\uFE0F` follows. */
const emojiByDefault = /^\p{Emoji_Presentation}$/u;
/** A character with an emoji form at all (`✔`, `◻`, `✅`), which the text selector can ask to draw as text; `✓` has none. */
const hasEmojiForm = /^\p{Emoji}$/u;
type MarkForm = '' | '\uFE0F' | '\uFE0E';

/**
 * A mark replaced by a mark is drawn as the file draws the new one elsewhere — with the variation selector it mostly
 * writes after it — else as the replaced one was drawn: an emoji stays an emoji (`✅` reopened is `◻️`, not the text
 * square `◻`), text asked for stays text (`✅︎` reopened is `⏳︎`). The replaced mark's selector goes with it (`◻️`
 * closed is `✅`, not `✅` and a stray selector). A mark replacing a bare one that says neither (`✔`, `✓`, `☐`), or
 * anything else, is written as given.
 */
function drawMark(view: FileView, text: string, span: Span, after: string): { span: Span; after: string } {
  const old = markAlone.exec(text.slice(span.start, span.end));
  const next = markAlone.exec(after);
  if (old === null || next === null || old[1] === undefined || next[1] === undefined) return { span, after };
  const following = text[span.end];
  const trailing = old[2] === '' && (following === '\uFE0F' || following === '\uFE0E') ? following : '';
  const selector = (old[2] ?? '') + trailing;
  const mark = next[1];
  // Only a selector or an emoji by default says how the old mark was drawn: a bare `✔` or `✓` says nothing.
  const drawnAs = selector === '\uFE0F' || (selector === '' && emojiByDefault.test(old[1])) ? 'emoji' : selector === '\uFE0E' ? 'text' : null;
  const form: MarkForm | undefined =
    listMarkForms(view).get(mark) ?? (drawnAs === 'emoji' ? (emojiByDefault.test(mark) ? '' : '\uFE0F') : drawnAs === 'text' ? (hasEmojiForm.test(mark) ? '\uFE0E' : '') : undefined);
  return { span: { start: span.start, end: span.end + trailing.length }, after: form === undefined ? after : mark + form };
}

/** How the file mostly writes each mark it holds: bare, or with the emoji or the text selector after it. */
const listMarkForms = perView(readMarkForms);

function readMarkForms(view: FileView): ReadonlyMap<string, MarkForm> {
  const counts = new Map<string, Map<MarkForm, number>>();
  const each = new RegExp(`([${markCharSource}])([\\uFE0E\\uFE0F]?)`, 'gu');
  for (const text of view.texts) {
    for (const found of text.matchAll(each)) {
      const mark = found[1] ?? '';
      const form = (found[2] ?? '') as MarkForm;
      const forms = counts.get(mark) ?? new Map<MarkForm, number>();
      forms.set(form, (forms.get(form) ?? 0) + 1);
      counts.set(mark, forms);
    }
  }
  const chosen = new Map<string, MarkForm>();
  for (const [mark, forms] of counts) {
    let best: [MarkForm, number] = ['', -1];
    for (const [form, count] of forms) if (count > best[1]) best = [form, count];
    chosen.set(mark, best[0]);
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// Status

function planStatus(target: Target, status: TaskStatusValue): Outcome {
  const { record, place, where } = target;
  if (status === 'unknown') return refuse(`${where}: "unknown" is not a status to write into "${record.title}"`);
  if (!place.primary) return planIndexLine(target, status);
  if (record.status.canonical === status) return ok([]);
  const keyed = planKeyedBoxStatus(target, status);
  if (keyed !== null) return keyed;
  const raw = record.status.raw;
  switch (record.status.from) {
    case 'checkbox':
      return planCheckbox(target, status);
    case 'table-cell':
      if (raw !== null) return planTableCell(target, 'status', statusKinds, raw, (samples, current) => chooseStatus(target, status, current, [samples]));
      break;
    case 'bold-field':
      if (raw !== null) return planFieldStatus(target, status, raw);
      break;
    case 'frontmatter':
      return planFrontmatter(target, 'status', 'status', raw, (current) =>
        chooseStatusValue(
          status,
          { current, groups: [], borrowed: target.siblings, language: target.view.language, defaults: /^[^A-Z]*$/u.test(current) ? { separator: '-' } : {} },
          target.view.vocabulary,
        ),
      );
    case 'frontmatter-item':
      // An item of a JSON task list in a fenced block of a Markdown file: its `"status"` string, as a JSON file's.
      if (isDataItem(record) && !keepsItemsInYaml(target.view, record.source.line)) return planDataJsonStatus(target, status);
      return planListEntryStatus(target, status);
    case 'data-flag':
      return planDoneFlag(target, status);
    case 'status-map':
      return planStatusMapEntry(target, status);
    case 'json':
      if (isDataItem(record)) return planDataJsonStatus(target, status);
      return planJson(target, 'status', (node, samples) => (node.kind === 'string' ? pickTaskmasterStatus(target, status, samples) : null));
    case 'inline':
    case 'heading':
      if (raw !== null) return planHeadingBox(target, status, raw) ?? planRefinedBox(target, status) ?? planInlineStatus(target, status, raw);
      break;
    case 'percent':
      // A percent column says done as 100% and todo as 0%; a word there would not read back as a share done.
      if (status !== 'done' && status !== 'todo') {
        return refuse(`${where}: the status of "${record.title}" is its share done (${JSON.stringify(raw)} in a percent column), which says done (100%) or todo (0%) but not ${status}; write the share by hand`);
      }
      return planTableCell(target, 'status', ['percent'], raw, () => (status === 'done' ? '100%' : '0%'));
    case 'signifier':
      // Obsidian Tasks' `❌ <date>` (with its `[-]`): reopening means removing the date and the mark together, as
      // Obsidian does; one token cannot say it.
      return refuse(
        `${where}: "${record.title}" is cancelled by its Obsidian Tasks date ${JSON.stringify(raw)}; write-back does not remove it — reopen the task in Obsidian (or delete the ❌ date and set the checkbox by hand)`,
      );
    default:
      break;
  }
  const text = target.view.texts[place.line - 1] ?? '';
  const box = checkboxLine.exec(text)?.[2];
  // The box says nothing yet (the section decides): ticking or clearing it makes it say the new status.
  if ((status === 'done' || status === 'todo') && box !== undefined && target.view.vocabulary.matchCheckbox(box) !== status) {
    return planCheckbox(target, status);
  }
  const source =
    record.status.from === 'section'
      ? 'the section heading (or board column) it sits under'
      : record.status.from === 'folder'
        ? 'the folder its file sits in'
        : record.status.from === 'children'
          ? 'its subtasks'
          : record.status.from === 'criteria'
            ? 'the boxes of its acceptance criteria (tick them to change it)'
            : record.status.from === 'default'
              ? record.status.canonical === 'todo'
                ? 'nothing written (it is read as todo by default)'
                : `the task it sits under, ${record.status.canonical} (nothing is written on it)`
              : record.status.from === 'strike'
                ? 'its title being struck through (`~~…~~`), which write-back does not add or remove'
                : `its ${record.status.from}`;
  return refuse(
    `${where}: the status of "${record.title}" comes from ${source}, not from a value written on the item, so there is no token to change; write-back does not move items between sections, board columns or files — write the status on the item by hand (a checkbox or a **Status:** field), or move it to its section or column`,
  );
}

/** The indicator marks each file explains (`🟢 Done`), read once per file view: a sync may choose many values in one file. */
/**
 * A reading of a file view made once: the view does not change while the file's requests are planned, so the marks it
 * explains and the status words it samples are read on the first request that asks, not on every one.
 */
function perView<T>(read: (view: FileView) => T): (view: FileView) => T {
  const cache = new WeakMap<FileView, T>();
  return (view) => {
    let value = cache.get(view);
    if (value === undefined) cache.set(view, (value = read(view)));
    return value;
  };
}

const readViewMeanings = perView((view): ReadonlyMap<string, KnownStatus> => readMarkMeanings(view.texts, view.vocabulary));

/** A share and nothing else (`0%`, `100 %`). */
const shareAlone = /^\d{1,3}(?:[.,]\d+)?\s*%$/u;

function chooseStatus(target: Target, status: WrittenStatus, current: string, nearest: readonly (readonly string[])[]): string | null {
  const { view } = target;
  const fields = view.fields.filter((field) => statusKinds.includes(field.kind)).map((field) => field.value);
  // A sample corrected by striking the old word out (`~~Pending~~ Done`) says the words not struck, and one with a note
  // in parentheses (`Complete (pending review)`) the words before it; one only a test's outcome or a decision says (`❌
  // Fail` of a page's test results) is no word for work, one saying work is nearly done (`Almost done`) none for work
  // just begun, and a share alone (`(0%)` closing a heading) none at all: written on a task's heading it is progress,
  // and no status.
  const groups = [...nearest, fields, listTableStatusSamples(view), listInlineStatusSamples(view)].map((group) =>
    group
      // Emphasis left around a sample (`**Done**`, `Done**` of `**Status**: **Done**`) is no part of the word.
      .map((sample) => dropTrailingNote(dropStruckWords(sample)).replace(wrappingEmphasis, ''))
      .filter((sample) => sample !== '' && !saysOutcomeOnly(sample) && !saysNotQuiteDone(sample) && !shareAlone.test(sample)),
  );
  return chooseStatusValue(status, { current, groups, borrowed: target.siblings, language: view.language, meanings: readViewMeanings(view) }, view.vocabulary);
}

/** Emphasis markers and spaces at either end of a sample. */
const wrappingEmphasis = /^[\s*_~]+|[\s*_~]+$/gu;

/** The cells of the file's status columns. */
const listTableStatusSamples = perView(readTableStatusSamples);

function readTableStatusSamples(view: FileView): readonly string[] {
  const samples: string[] = [];
  for (const table of view.tables) {
    table.kinds.forEach((kind, column) => {
      if (kind === null || !statusKinds.includes(kind)) return;
      for (const row of table.rows) samples.push(row.cells[column]?.text ?? '');
    });
  }
  return samples.filter((sample) => sample !== '');
}

/** The field name written before a value (`Status`, `Overall Status`), lower-cased, for grouping same-name fields. */
function fieldName(text: string, valueStart: number): string {
  const head = text.slice(0, valueStart);
  const match = /([\p{L}][\p{L}\p{M}\u200C\u200D\p{N} _.'’-]{0,30}?)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*$/u.exec(head);
  return (match?.[1] ?? '').trim().toLowerCase();
}

/** The values of the file's fields named as the one whose value starts at `valueStart` of `text` (`Status`, `status`). */
function listSameNameValues(view: FileView, text: string, valueStart: number): string[] {
  const name = fieldName(text, valueStart);
  return view.fields.filter((other) => fieldName(view.texts[other.line - 1] ?? '', other.start) === name).map((other) => other.value);
}

/**
 * Statuses written inline on headings and list items: a trailing `(…)` group (`### Sync (ABGESCHLOSSEN)`), the
 * last ` - ` segment (`- [TASK008] Title - Completed`), a value after a colon (`- Login page: done`) or the words
 * before one opening a bullet (`- Todo: Rate limiting`), when the vocabulary reads it as a status.
 */
const listInlineStatusSamples = perView(readInlineStatusSamples);
/** A heading or a list item, any marker a file may write (list-markers.ts). */
const sectionLine = new RegExp(String.raw`^\s*(?:#{1,6}\s|${itemMarkerSource})`, 'u');
/** A list item led by up to a few words and a colon (`- Todo: Rate limiting`): group 1 the words. */
const wordLeadLine = new RegExp(String.raw`^\s*${itemMarkerSource}(\p{L}[\p{L}\p{M}\u200C\u200D ]{0,24}?)\s?${colonSource}\S`, 'u');

/** A status after a colon closing a line, its note in parentheses aside: group 1. */
const colonSample = new RegExp(String.raw`\S${colonSource}([^:：(（]{1,40}?)\s*(?:[(（][^()（）]*[)）])?\s*$`, 'u');

/** A mark opening a value, words after it. */
const markBeforeWords = /^\p{Extended_Pictographic}\uFE0F?\s+(?=\p{L})/u;

function readInlineStatusSamples(view: FileView): readonly string[] {
  const samples: string[] = [];
  view.texts.forEach((text, index) => {
    if (view.inFence[index] === true || !sectionLine.test(text)) return;
    const group = /[(（]([^()（）]{1,40})[)）]\s*$/u.exec(text)?.[1];
    const segment = /\s[-–—]\s+([^-–—]{1,40})$/u.exec(text)?.[1];
    // After a colon (`- Rate limiting: not started`), its note in parentheses aside.
    const colon = colonSample.exec(text)?.[1];
    // Before a colon opening a bullet (`- Todo: Rate limiting`, as the parser reads a worded lead): the file's word there.
    const lead = wordLeadLine.exec(text)?.[1];
    for (const candidate of [group, segment, colon, lead]) {
      if (candidate === undefined) continue;
      const value = stripInlineMarkdown(candidate).trim();
      // A mark before a title (`- [2025-01-10 16:47:38] - ✅ Create folder`, a log's line after its dash) leads an item:
      // the mark reads as a status, the title is no part of one.
      if (markBeforeWords.test(value) && !view.vocabulary.matchStatus(value.replace(markBeforeWords, '')).matched) continue;
      const match = view.vocabulary.matchStatus(value);
      if (match.matched && !match.legend && match.coverage >= 0.6) samples.push(value);
    }
  });
  return samples;
}

function planCheckbox(target: Target, status: WrittenStatus): Outcome {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const box = checkboxLine.exec(text);
  if (box?.[1] === undefined || box[2] === undefined) {
    return refuse(`${where}: expected the checkbox of "${record.title}" on this line, found ${JSON.stringify(text.slice(0, 80))}; the file changed since it was parsed — re-read it`);
  }
  if (view.vocabulary.matchCheckbox(box[2]) === status) return ok([]);
  const column = box[1].length + 1;
  const set = setBoxMark(target, status, place.line, column, box[2]);
  if ('ok' in set) return set;
  const edits = set.edits;
  // A status word opening the title after the box (`- [ ] TODO: Write the notes`, `- [x] [DONE] Ship it`).
  const textStart = readTextStart(text, box);
  const opening = readWordAfterBox(text.slice(textStart), view.vocabulary);
  // One that disagrees with the box is the title's (`- [x] Pending: Translate the changelog`); the new box would agree
  // with it, and the parser would read it as the status: the title and the key would change.
  if (opening !== null && opening.canonical !== record.status.canonical && opening.canonical === status) {
    return refuse(
      `${where}: the title of "${record.title}" opens with ${JSON.stringify(opening.word)}, which would read as its status with the box set to ${status} (and the title and key would change); set the box by hand, and reword the title if it should stay`,
    );
  }
  // One restating the box (read so by the parser) changes with it: left alone it would disagree with the new box and
  // read as part of the title.
  if (opening !== null && opening.canonical === record.status.canonical && opening.canonical !== status) {
    const value = chooseStatus(target, status, opening.word, [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    const start = textStart + opening.offset;
    const span = { start, end: start + opening.word.length };
    const written = keepLogseqMarker(text, span, status, view.vocabulary) ?? (opening.capitals ? value.toLocaleUpperCase() : value);
    if (written === '') return refuse(`${where}: no Logseq marker (TODO, DOING, DONE, LATER, CANCELLED) reads as ${status}, and another word there would read as part of the title`);
    edits.push(...makeEdit(target, 'status', place.line, span, written));
  }
  // A status also written at the end of the line (`- [ ] Write tests (未开始)`) says the same thing: it changes too. One
  // that disagrees with the box is the title's (`- [x] Search: pending`), as one opening it is.
  const companion = findTrailingStatus(view, text);
  // So is one the open box would take as its own (`- [x] Rotate the logs (in progress)` unticked reads in progress).
  const refinesNewBox = companion !== null && status === 'todo' && refinesBox(text.slice(companion.span.start, companion.span.end), 'todo', view.vocabulary);
  if (companion !== null && companion.canonical !== record.status.canonical && (companion.canonical === status || refinesNewBox) && companion.span.start > column + box[2].length) {
    return refuse(
      `${where}: the title of "${record.title}" closes with ${JSON.stringify(text.slice(companion.span.start, companion.span.end))}, which would read as its status with the box set to ${status} (and the title and key would change); set the box by hand, and reword the title if it should stay`,
    );
  }
  // A status written when the work was finished (` — completed on 2025-03-01`, ` ✅ DONE (2025-03-04)`, `, done
  // 2025-03-06`) says when the box was ticked: reopening the item drops it, with the dash, mark or comma before it.
  const finished = companion === null && status !== 'done' && record.status.canonical === 'done' ? readFinishedSuffix(text.slice(textStart), view.vocabulary) : null;
  if (finished !== null && view.vocabulary.matchStatus(stripInlineMarkdown(finished.status)).canonical === 'done') {
    // An arrow pointing at it (`Create the controller ← ✅ Done`) goes with it.
    const from = textStart + finished.index;
    const arrow = arrowClosing.exec(text.slice(0, from));
    edits.push(...makeEdit(target, 'status', place.line, { start: arrow === null ? from : arrow.index, end: text.trimEnd().length }, ''));
  }
  if (companion !== null && companion.canonical === record.status.canonical && companion.canonical !== status && companion.span.start > column + box[2].length) {
    const value = chooseStatus(target, status, text.slice(companion.span.start, companion.span.end), [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    edits.push(...makeEdit(target, 'status', place.line, companion.span, value));
  }
  return ok(edits);
}

/** A note in parentheses closing a title, holding a letter (a call's brackets in it too, as the parser reads it). */
const closingNote = new RegExp(String.raw`\s*[(（]${groupInsideSource}*\p{L}${groupInsideSource}*[)）]\s*$`, 'u');

/**
 * The status a finished item's title closes with (`readCompletionSuffix`), also before a note in parentheses, which the
 * parser reads as that status's (`Auth tests ✅ COMPLETED (manual testing)`): reopening drops both.
 */
function readFinishedSuffix(title: string, vocabulary: Vocabulary): ReturnType<typeof readCompletionSuffix> {
  const whole = readCompletionSuffix(title, vocabulary);
  if (whole !== null) return whole;
  // Before a pointer to where to read more (`— Completed on 2024-07-31, see the archive entry`): dropped with it.
  const pointed = readPointedCompletion(title, vocabulary);
  if (pointed !== null) return { index: pointed.index, status: pointed.status, field: pointed.field };
  const note = closingNote.exec(title);
  const before = note === null ? null : readCompletionSuffix(title.slice(0, note.index), vocabulary);
  return before !== null && before.field === null ? before : null;
}

/**
 * A status refining an open box (`- [ ] 🔄 Build the exporter`, `- [ ] [WIP] Tag the release`, `- [ ] Blocked: Renew
 * the certificate`), which the parser reads as the item's status: the box and the word say it together. A status a box
 * says (todo; done, or another a box of this file says) sets the box and drops the word; another the box cannot say
 * (in progress, blocked, planned, deferred) replaces the word, in its form (a mark for a mark, capitals for capitals).
 * Every edit is read back as the parser reads it, title unchanged, or refused. Null: the item's status is not such a
 * word (`- [ ] Ship it (Status: in progress)`), for the caller to plan.
 */
function planRefinedBox(target: Target, status: WrittenStatus): Outcome | null {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const box = checkboxLine.exec(text);
  if (box?.[1] === undefined || box[2] === undefined || !saidBesideBox(record.status.canonical)) return null;
  const start = readTextStart(text, box);
  const meanings = readViewMeanings(view);
  const read = (line: string, mark: string): ReturnType<typeof readOpeningStatus> => readOpeningStatus(line, mark, view.vocabulary, (found) => meanings.get(found));
  // What a refining word or mark says: an indicator mark (`🟨`) what the file explains it as.
  const canonicalOf = (word: string): TaskStatusValue => meanings.get(readMarkAlone(word) ?? '') ?? view.vocabulary.matchStatus(word).canonical;
  const opening = read(text.slice(start), box[2]);
  if (opening.refines === null || canonicalOf(opening.refines) !== record.status.canonical) {
    const closing = planRefinedClosing(target, status, box, start) ?? planRefinedTag(target, status, box, start);
    if (closing !== null) return closing;
    // Read so only without its emphasis (`- [ ] **🔄** Bold mark`): edited alone, the word would disagree with the box.
    const plain = read(stripInlineMarkdown(text.slice(start)), box[2]).refines;
    return plain !== null && canonicalOf(plain) === record.status.canonical
      ? refuse(`${where}: the status ${JSON.stringify(plain)} of "${record.title}" refines its box inside emphasis, which write-back does not edit with the box; write the status by hand`)
      : null;
  }
  const title = opening.rest;
  const titleStart = text.length - title.length;
  const wordStart = text.indexOf(opening.refines, start);
  if (!text.endsWith(title) || wordStart < 0 || wordStart >= titleStart) return refuseUnread(target, opening.refines);
  const edits: SourceEdit[] = [];
  let newBox = box[2];
  let line: string;
  if (saidBesideBox(status)) {
    const word = opening.refines;
    const reopened = reopenBox(target, status, box, word);
    if (reopened !== null && 'ok' in reopened) return reopened;
    if (reopened !== null) {
      newBox = reopened.mark;
      edits.push(...reopened.edits);
    }
    const indicator = readIndicatorAlone(word) !== null;
    const mark = indicator || (openingMark.test(word) && statusEmoji[word] !== undefined);
    const value = indicator
      ? explainedMark(meanings, status)
      : mark
        ? chooseStatusValue(status, { current: word, groups: [listLeadingMarkSamples(view)], language: view.language }, view.vocabulary)
        : chooseStatus(target, status, word, [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    const written = capitalWords.test(word) ? value.toLocaleUpperCase() : value;
    // A mark's variation selector (`⏸️`) goes with it.
    const wordEnd = wordStart + word.length + (mark && (text[wordStart + word.length] === '\uFE0F' || text[wordStart + word.length] === '\uFE0E') ? 1 : 0);
    edits.push(...makeEdit(target, 'status', place.line, { start: wordStart, end: wordEnd }, written));
    line = text.slice(0, wordStart) + written + text.slice(wordEnd);
  } else {
    const set = setRefinedBox(target, status, box, opening.refines);
    if ('ok' in set) return set;
    newBox = set.mark;
    edits.push(...set.edits);
    // The word and what sets it off from the title (`[WIP] `, `Blocked: `, `🔄 `) go: the box says the status alone.
    edits.push(...makeEdit(target, 'status', place.line, { start, end: titleStart }, ''));
    line = text.slice(0, start) + title;
  }
  const boxAgain = checkboxLine.exec(line);
  const check = boxAgain === null ? null : read(line.slice(readTextStart(line, boxAgain)), newBox);
  const readBack = check === null ? null : check.refines === null ? view.vocabulary.matchCheckbox(newBox) : canonicalOf(check.refines);
  if (check === null || check.rest !== title || readBack !== status) {
    return refuse(`${where}: writing ${status} into "${record.title}" (${JSON.stringify(opening.refines)} after its box) would not read back as ${status} with the same title; write the status by hand`);
  }
  return ok(edits);
}

/** Whether a status is one a word beside a box says (in progress, blocked, planned, deferred; cancelled, beside any box). */
function saidBesideBox(status: TaskStatusValue): boolean {
  return refiningStatuses.has(status) || status === 'cancelled';
}

/**
 * The open box a status only the open box can carry needs (`- [x] Support IE 11 (cancelled)` set to blocked: `- [ ]`),
 * null when the box stays as it is (it is open, or the status is cancelled, which any box carries).
 */
function reopenBox(target: Target, status: WrittenStatus, box: RegExpExecArray, word: string): ReturnType<typeof setRefinedBox> | null {
  if (status === 'cancelled' || target.view.vocabulary.matchCheckbox(box[2] ?? ' ') === 'todo') return null;
  return setRefinedBox(target, 'todo', box, word);
}

/** Where an item's text starts on its line: after its box (`checkboxLine`'s match) and the spaces after it. */
function readTextStart(text: string, box: RegExpExecArray): number {
  const after = box[0].length;
  return after + (/^[ \t]*/u.exec(text.slice(after))?.[0].length ?? 0);
}

/** The box set for a status it says (done, or another a box of this file says), or the refusal (an outcome) naming the word left. */
function setRefinedBox(target: Target, status: WrittenStatus, box: RegExpExecArray, word: string): { mark: string; edits: SourceEdit[] } | Outcome {
  const { view, place } = target;
  const current = box[2] ?? ' ';
  if (view.vocabulary.matchCheckbox(current) === status) return { mark: current, edits: [] };
  return setBoxMark(target, status, place.line, (box[1] ?? '').length + 1, current, ` with ${JSON.stringify(word)}`);
}

/**
 * A box's mark (`current`, from `start` on `line`) set to the one this file writes for `status` (`chooseCheckboxMark`):
 * the mark and its edit, or the refusal saying the box was left as it is (and, after it, what else was left: `with
 * "WIP"`). A list item's box, a heading's and a table title cell's are set so.
 */
function setBoxMark(target: Target, status: WrittenStatus, line: number, start: number, current: string, left = ''): { mark: string; edits: SourceEdit[] } | Outcome {
  const { view, record, where } = target;
  const mark = chooseCheckboxMark(view, record, status, line);
  if (mark === null) return refuse(`${where}: a checkbox has no mark for ${status} in this file ([x] is done, [ ] not done), so "${record.title}" was left as [${current}]${left}`);
  return { mark, edits: makeEdit(target, 'status', line, { start, end: start + current.length }, mark) };
}

/** What sets off a status word closing a line, up to the word: a group's opening, a dash or an arrow, a colon. */
const closingWordOpening = new RegExp(String.raw`\s*(?:[(（[][^()（）[\]]*|${closingDashSource}\s*|[:：]\s*)$`, 'u');

/**
 * A status word closing a line (at `span`) with what sets it off: the group around it (` (in progress)`, ` [WIP]`),
 * the spaced dash or arrow (` — blocked`, ` → blocked`) or the colon (`: blocked`) before it, and the space before
 * those; null when none does.
 */
function findClosingWord(text: string, span: Span): Span | null {
  // A status mark closing the item (` 🚧`): the mark and the space before it.
  const mark = closingItemMark.exec(text.trimEnd());
  if (mark !== null && mark.index + mark[0].length === span.end && /^\s*$/u.test(text.slice(mark.index, span.start))) return { start: mark.index, end: span.end };
  const closing = closingWordOpening.exec(text.slice(0, span.start));
  const end = text.slice(span.end).match(/^[^\S\n]*[)）\]]?/u)?.[0].length ?? 0;
  return closing === null ? null : { start: closing.index, end: span.end + end };
}

/** A refining status the parser read on the line but write-back cannot place on it again: refused, not guessed. */
function refuseUnread(target: Target, word: string): Outcome {
  return refuse(`${target.where}: the status ${JSON.stringify(word)} of "${target.record.title}" was not found where the parser read it; the file changed since it was parsed — re-read it`);
}

/**
 * A status refining an open box written closing the item (`- [ ] Wire the export button (in progress)`, `- [ ] Ship the
 * docs — blocked`), as `planRefinedBox` does for one after the box: done or todo set the box and drop the group or the
 * dashed segment; another refining status replaces the word. Read back as the parser reads the item, or refused.
 */
function planRefinedClosing(target: Target, status: WrittenStatus, box: RegExpExecArray, start: number): Outcome | null {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const trailing = findTrailingStatus(view, text);
  if (trailing === null || trailing.canonical !== record.status.canonical || trailing.span.start <= start) return null;
  const before = readItemClosing(text.slice(start), view.vocabulary);
  const word = text.slice(trailing.span.start, trailing.span.end);
  const edits: SourceEdit[] = [];
  let newBox = box[2] ?? ' ';
  let line: string;
  if (saidBesideBox(status)) {
    const value = chooseStatus(target, status, word, [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    const reopened = reopenBox(target, status, box, word);
    if (reopened !== null && 'ok' in reopened) return reopened;
    if (reopened !== null) {
      newBox = reopened.mark;
      edits.push(...reopened.edits);
    }
    const written = capitalWords.test(word) ? value.toLocaleUpperCase() : value;
    edits.push(...makeEdit(target, 'status', place.line, trailing.span, written));
    line = text.slice(0, trailing.span.start) + written + text.slice(trailing.span.end);
  } else if (/[\p{L}\p{N}]/u.test(text.slice(trailing.span.end))) {
    // A note after the word (` — blocked, waiting on IT`, ` (blocked — waiting on IT)`) stays: the word becomes one for
    // the new box, which says the same.
    const set = setRefinedBox(target, status, box, word);
    if ('ok' in set) return set;
    const value = chooseStatus(target, status, word, [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    newBox = set.mark;
    edits.push(...set.edits);
    edits.push(...makeEdit(target, 'status', place.line, trailing.span, value));
    line = text.slice(0, trailing.span.start) + value + text.slice(trailing.span.end);
  } else {
    // The group (` (in progress)`, ` [WIP]`), the dashed segment (` — blocked`) or the colon (`: blocked`) goes, with the
    // space before it.
    const closing = findClosingWord(text, trailing.span);
    if (closing === null) return refuseUnread(target, word);
    const set = setRefinedBox(target, status, box, word);
    if ('ok' in set) return set;
    newBox = set.mark;
    edits.push(...set.edits);
    edits.push(...makeEdit(target, 'status', place.line, closing, ''));
    line = text.slice(0, closing.start) + text.slice(closing.end);
  }
  const after = readItemClosing(line.slice(start), view.vocabulary);
  const readBack = after.status === null ? view.vocabulary.matchCheckbox(newBox) : view.vocabulary.matchStatus(after.status).canonical;
  if (after.rest !== before.rest || readBack !== status) {
    return refuse(`${where}: writing ${status} into "${record.title}" (${JSON.stringify(word)} closing it) would not read back as ${status} with the same title; write the status by hand`);
  }
  return ok(edits);
}

/**
 * A priority written as an indicator mark the file explains (`- [ ] 🔴 Patch the login bug` beside `Priority: 🔴 high ·
 * 🟡 medium`): replaced by the mark the file explains as the new priority, else refused naming the marks it explains.
 */
function planPriorityMark(target: Target, priority: number, mark: string): Outcome {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  // The mark opens the item's text: right after its marker and box.
  const at = itemStart.exec(text)?.[0].length ?? -1;
  if (at < 0 || !text.startsWith(mark, at)) {
    return refuse(`${where}: the priority mark ${mark} of "${record.title}" was not found opening its line; the file changed since it was parsed — re-read it`);
  }
  const priorities = readMarkPriorities(view.texts, view.vocabulary, readViewMeanings(view));
  const next = explainedMark(priorities, priority);
  if (next === null) {
    const explained = [...priorities].map(([each, value]) => `${each} ${value}`).join(', ');
    return refuse(`${where}: no indicator mark of this file means priority ${priority} (it explains ${explained}), so "${record.title}" was left with ${mark}; add one to the file's legend or write the priority by hand`);
  }
  // A variation selector after the mark (`🔴️`) goes with it (makeEdit's drawMark).
  return ok(makeEdit(target, 'priority', place.line, { start: at, end: at + mark.length }, next));
}

/**
 * A status written as a tag closing the item (`- Ask Dana about the logo @waiting`): the new status as one word, in the
 * file's tags' words first (`@wip`). A tag with a value (`@done(2025-08-20)`) also says when: it is refused, not renamed.
 */
function planStatusTag(target: Target, status: WrittenStatus, line: number, span: Span, current: string): Outcome {
  const { view, record, where } = target;
  const text = view.texts[line - 1] ?? '';
  if (text[span.end] === '(') {
    return refuse(`${where}: the status of "${record.title}" is its tag @${current}(…), which also says when it was stamped; write-back does not rewrite it as ${status} (the date would stay under another word) — edit the tag by hand`);
  }
  const value = chooseTagStatus(target, status, current);
  if (value === null) return refuse(`${where}: no one-word tag in this file or its language reads back as ${status}, so "@${current}" of "${record.title}" was left; write the status by hand`);
  return ok(makeEdit(target, 'status', line, span, value));
}

/** The status to write as a tag: a word of the file's tags or its other statuses, as one word (`in-progress`), read back as `status`. */
function chooseTagStatus(target: Target, status: WrittenStatus, current: string): string | null {
  const { view } = target;
  const value = chooseStatus(target, status, current, [listTagStatusSamples(view), listInlineStatusSamples(view)])?.trim().replace(/\s+/gu, '-') ?? null;
  if (value === null || !/^[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_-]*$/u.test(value)) return null;
  const said = readTagStatus(value, view.vocabulary);
  return said !== null && view.vocabulary.matchStatus(said).canonical === status ? value : null;
}

/** The statuses the file writes as bare tags closing its lines (`@wip`, `@waiting`). */
function listTagStatusSamples(view: FileView): string[] {
  const samples: string[] = [];
  for (const text of view.texts) {
    if (!text.includes('@')) continue;
    for (const tag of findClosingTags(text)) if (tag.value === undefined && readTagStatus(tag.name, view.vocabulary) !== null) samples.push(tag.name);
  }
  return samples;
}

/**
 * A status tag refining an open box (`- [ ] Move the blog to the new host @wip`), as `planRefinedClosing` does for a
 * word: done or todo set the box and drop the tag with the space before it; another refining status takes the tag's
 * place, written as one word (`@blocked`). Read back as the parser reads the tags, or refused.
 */
function planRefinedTag(target: Target, status: WrittenStatus, box: RegExpExecArray, start: number): Outcome | null {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const canonicalOf = (name: string): string | null => {
    const said = readTagStatus(name, view.vocabulary);
    return said === null ? null : view.vocabulary.matchStatus(said).canonical;
  };
  const tag = findClosingTags(text).find((found) => found.value === undefined && found.start > start && canonicalOf(found.name) === record.status.canonical);
  if (tag === undefined) return null;
  const edits: SourceEdit[] = [];
  let newBox = box[2] ?? ' ';
  let line: string;
  if (refiningStatuses.has(status)) {
    const value = chooseTagStatus(target, status, tag.name);
    if (value === null) return refuse(`${where}: no one-word tag in this file or its language reads back as ${status}, so "@${tag.name}" of "${record.title}" was left; write the status by hand`);
    edits.push(...makeEdit(target, 'status', place.line, { start: tag.start + 1, end: tag.end }, value));
    line = text.slice(0, tag.start + 1) + value + text.slice(tag.end);
  } else {
    const set = setRefinedBox(target, status, box, `@${tag.name}`);
    if ('ok' in set) return set;
    newBox = set.mark;
    edits.push(...set.edits);
    // The tag goes with the space before it: the box says the status alone.
    const from = text.slice(0, tag.start).trimEnd().length;
    edits.push(...makeEdit(target, 'status', place.line, { start: from, end: tag.end }, ''));
    line = text.slice(0, from) + text.slice(tag.end);
  }
  const stated = findClosingTags(line).map((found) => (found.value === undefined ? canonicalOf(found.name) : null)).find((said) => said !== null);
  const readBack = stated ?? view.vocabulary.matchCheckbox(newBox);
  if (readBack !== status) return refuse(`${where}: writing ${status} into "${record.title}" ("@${tag.name}" closing it) would not read back as ${status}; write the status by hand`);
  return ok(edits);
}

/**
 * The status word opening an item's title after its box, as the parser reads one (`readOpeningStatus`): a word before a
 * colon or a spaced dash (`TODO: Write the notes`), else one in brackets (`[DONE] Ship it`, `【待办】文档翻译`) or in
 * capitals (`DONE Ship it`, which must stay in capitals to read as a status), else one in parentheses after the title's
 * numbering or not (`3.3. (Completed) Create the tests`). `offset`: where the word starts.
 */
function readWordAfterBox(title: string, vocabulary: Vocabulary): { word: string; canonical: string; offset: number; capitals: boolean } | null {
  // A status mark (`- [x] ✅ Fixed the schema`), which the parser reads as restating the box when it says the same.
  const mark = openingItemMark.exec(title);
  if (mark?.[1] !== undefined && title.length > mark[0].length) {
    const canonical = vocabulary.matchStatus(mark[1]).canonical;
    if (canonical !== 'unknown') return { word: mark[1], canonical, offset: title.indexOf(mark[1]), capitals: false };
  }
  const restated = readLeadingStatusWord(title, vocabulary);
  if (restated !== null) return { word: restated.word, canonical: restated.canonical, offset: 0, capitals: false };
  const lead = readStatusLead(title, vocabulary);
  if (lead === null) {
    // In parentheses after the title's numbering (`- [x] 3.3. **(Completed)** Create the tests`).
    const parenthesised = readParenthesisedLead(title, vocabulary);
    return parenthesised === null ? null : { word: parenthesised.word, canonical: vocabulary.matchStatus(parenthesised.word).canonical, offset: parenthesised.offset, capitals: false };
  }
  const offset = title.indexOf(lead.word);
  return { word: lead.word, canonical: vocabulary.matchStatus(lead.word).canonical, offset, capitals: !/[[【]$/u.test(title.slice(0, offset)) };
}

/** A status written alone at the end of an item's line: a trailing `(未开始)` group or ` - Completed` segment. */
function findTrailingStatus(view: FileView, text: string): { span: Span; canonical: TaskStatusValue } | null {
  // A status with a note after it, as the parser reads one (`— done, shipped in 2.3`, `— blocked (driver missing)`,
  // `(blocked — waiting on IT)`): the status words alone, the note stays.
  const group = notedGroup.exec(text);
  for (const match of [group, notedSegment.exec(text)]) {
    const inner = match?.[1];
    // The last step of a chain of arrows is no status (`Queued → Sending → Complete`), as the parser reads it.
    if (match === null || inner === undefined || endsChain(text, match.index, inner)) continue;
    // Or, in a group, with the share done after it (`(blocked - 20%)`): the share stays too.
    const noted = readNotedStatus(inner, view.vocabulary) ?? (match === group ? readSharedStatus(inner, view.vocabulary) : null);
    if (noted === null) continue;
    const start = match.index + match[0].indexOf(inner) + (inner.length - inner.trimStart().length);
    return { span: { start, end: start + noted.status.length }, canonical: view.vocabulary.matchStatus(stripInlineMarkdown(noted.status)).canonical };
  }
  const alone = /[(（]([^()（）:：]{1,40})[)）]\s*$/u.exec(text);
  const segment = closingSegment.exec(text);
  // In brackets (`- [ ] Ship the survey [WIP]`), as the parser reads one closing an item.
  const bracket = text.endsWith(']') ? /\s\[([^[\]:：]{1,40})\]$/u.exec(text) : null;
  for (const match of [alone, segment, bracket]) {
    const inner = match?.[1];
    if (match === null || inner === undefined || (match === segment && endsChain(text, match.index, inner))) continue;
    const start = match.index + match[0].indexOf(inner);
    const match2 = view.vocabulary.matchStatus(stripInlineMarkdown(inner));
    if (match2.matched && !match2.legend && match2.coverage >= 0.6) return { span: { start, end: start + inner.length }, canonical: match2.canonical };
    // A dated status, as the parser reads one (`(erledigt am 03.02.2025)`, `（完成于 2025年2月1日）`): the words and the date.
    // After a dash (`— completed on November 5, 2025`) it is the day the box was ticked, which reopening drops (below).
    const dated = match === segment ? null : readDatedStatusWords(inner, view.vocabulary);
    if (dated !== null) return { span: { start, end: start + inner.trimEnd().length }, canonical: view.vocabulary.matchStatus(stripInlineMarkdown(dated)).canonical };
  }
  return findColonStatus(view, text) ?? findClosingMark(view, text);
}

/** A status mark closing a box's item (`- [x] Set up CI ✅`, `- [ ] Search 🚧`), as the parser reads one: the mark's span. */
function findClosingMark(view: FileView, text: string): { span: Span; canonical: TaskStatusValue } | null {
  // A share done after it stays (`- [ ] Alerts 🔄 40%`).
  const closing = closingItemMark.exec(dropMarkedShare(text.trimEnd()));
  if (closing?.[1] === undefined) return null;
  const start = closing.index + closing[0].indexOf(closing[1]);
  return { span: { start, end: closing.index + closing[0].length }, canonical: view.vocabulary.matchStatus(closing[1]).canonical };
}

/** What follows the last colon closing a line: group 1. */
const colonTail = new RegExp(String.raw`${colonSource}([^:：|]{1,40})$`, 'u');

/** A status closing a box's item after a colon (`- [ ] Loyalty points: blocked`), as the parser reads one: its span, the note after it aside. */
function findColonStatus(view: FileView, text: string): { span: Span; canonical: TaskStatusValue } | null {
  const tail = colonTail.exec(text);
  if (tail?.[1] === undefined) return null;
  const colon = readColonStatus(stripInlineMarkdown(text.slice(itemStart.exec(text)?.[0].length ?? 0)), view.vocabulary);
  if (colon === null || !tail[1].startsWith(colon.status)) return null;
  const start = tail.index + tail[0].length - tail[1].length;
  return { span: { start, end: start + colon.status.length }, canonical: view.vocabulary.matchStatus(colon.status).canonical };
}

/** What closes a box's item as the parser reads it: its fields and bare status, else a status after a colon (`Loyalty points: blocked`). */
function readItemClosing(text: string, vocabulary: Vocabulary): { rest: string; status: string | null } {
  const inline = readInlineFields(text, vocabulary);
  const colon = inline.status === null ? readColonStatus(inline.rest, vocabulary) : null;
  if (colon !== null) return { rest: colon.rest, status: colon.status };
  // Or a status mark (`… 🚧`, `… 🚧 40%`).
  const rest = inline.status === null ? dropMarkedShare(inline.rest) : inline.rest;
  const mark = inline.status === null ? closingItemMark.exec(rest) : null;
  return mark?.[1] === undefined ? inline : { rest: rest.slice(0, mark.index), status: mark[1] };
}

/** A group closing a line, as `findTrailingStatus` reads a status with a note in it: group 1 its inside. */
const notedGroup = /[(（]([^()（）]{1,100})[)）]\s*$/u;
/** What follows a line's last spaced dash or arrow, hyphens inside words allowed: group 1. */
const notedSegment = new RegExp(String.raw`\s${closingDashSource}\s+((?:[^-–—${arrowChars}]|(?<=\S)-(?=\S)){1,100})$`, 'u');
/** A status alone after a line's last spaced dash or arrow (` - Completed`, ` → blocked`): group 1. */
const closingSegment = new RegExp(String.raw`\s${closingDashSource}\s+([^-–—${arrowChars}(]{1,40}?)\s*$`, 'u');

/** A status value's head and what follows a spaced dash or a colon after it, or a note in parentheses: groups 1 and 2. */
const statusHeadSplit = new RegExp(String.raw`^(.{1,40}?)(?:\s+[-–—]\s+|${colonSource}|\s*(?=[(（]))(.+)$`, 'u');

/**
 * The part of a status value that holds the status words. A short value is all of it; in a long one (`Fixed —
 * removed the outer provider, …`) it is the head before a separator or its first words, when they alone read as
 * the status; null when no such head exists (the status is written inside prose).
 */
function narrowStatus(view: FileView, text: string, span: Span, canonical: TaskStatusValue): Span | null {
  const value = text.slice(span.start, span.end);
  // `Monitoring - Phase 5 profiling scheduled`, `Blocked (waiting on IT)`: a status followed by prose keeps the prose
  // (the parser reads it as the task's note). A percentage or a date after the words (`Completed - 100%`, `Done
  // (2025-03-01)`) belongs to the status and is replaced with it.
  const split = statusHeadSplit.exec(value);
  if (split?.[1] !== undefined && split[2] !== undefined && /\p{L}{2}/u.test(split[2].replace(/\d{4}-\d{2}-\d{2}|\d+\s*%/gu, ''))) {
    const match = view.vocabulary.matchStatus(stripInlineMarkdown(split[1]));
    if (match.matched && !match.legend && match.canonical === canonical && match.coverage >= 0.5) {
      return { start: span.start, end: span.start + split[1].trimEnd().length };
    }
  }
  if (value.length <= 40 && value.trim().split(/\s+/u).length <= 6) return span;
  const heads: number[] = [];
  const separated = /^(.{1,40}?)(?:\s+[-–—]\s+|[:;.,(]\s*)/u.exec(value)?.[1];
  if (separated !== undefined) heads.push(separated.trimEnd().length);
  const words = /\S+/gu;
  let count = 0;
  for (let word = words.exec(value); word !== null && count < 5; word = words.exec(value), count++) heads.push(word.index + word[0].length);
  for (const end of heads) {
    const head = value.slice(0, end);
    const match = view.vocabulary.matchStatus(stripInlineMarkdown(head));
    if (match.matched && !match.legend && match.canonical === canonical && match.coverage >= 0.5) return { start: span.start, end: span.start + end };
  }
  return null;
}

function refuseProse(target: Target, value: string): Outcome {
  return refuse(
    `${target.where}: the status of "${target.record.title}" is written inside prose (${JSON.stringify(value.slice(0, 60))}), so it was not edited; write the new status there by hand`,
  );
}

/** A heading's checkbox, opening or closing its text (`### [x] Write the docs`, `### 1.1 Authentication [ ]`): group 1 before its mark, group 2 the mark. */
const headingBox = new RegExp(
  String.raw`^( {0,3}#{1,6}[ \t]+\[)(${headingBoxMarkSource})\](?=[ \t]+\S)|^( {0,3}#{1,6}[ \t]+\S.*?[ \t]\[)(${headingBoxMarkSource})\][ \t]*#*[ \t]*$`,
  'u',
);

/**
 * The checkbox opening or closing a heading task (`### [x] Write the docs`, `### 1.1 Authentication [ ]`): its mark,
 * as a list item's box is ticked (`[x]` done, `[ ]` todo, a mark the file's other boxes write for another status);
 * null when the heading's status is not such a box.
 */
function planHeadingBox(target: Target, status: WrittenStatus, raw: string): Outcome | null {
  const { view, record, place } = target;
  if (record.status.from !== 'heading' || !/^\[.\]$/u.test(raw)) return null;
  const box = headingBox.exec(view.texts[place.line - 1] ?? '');
  if (box === null) return null;
  const before = box[1] ?? box[3] ?? '';
  const current = box[2] ?? box[4] ?? '';
  if (view.vocabulary.matchCheckbox(current) === status) return ok([]);
  const set = setBoxMark(target, status, place.line, before.length, current);
  return 'ok' in set ? set : ok(set.edits);
}

/** The mark of the nearest checkbox that says `status` (the one above on a tie), else the common mark for it. */
function chooseCheckboxMark(view: FileView, record: TaskRecord, status: WrittenStatus, line: number): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const box of view.checkboxes) {
    if (box.line === line || view.vocabulary.matchCheckbox(box.mark) !== status) continue;
    const distance = Math.abs(box.line - line) + (box.line > line ? 0.5 : 0);
    if (distance < bestDistance) {
      best = box.mark;
      bestDistance = distance;
    }
  }
  if (best !== null) return best;
  if (status === 'done') return 'x';
  if (status === 'todo') return ' ';
  // Kiro writes `[-]` when a task starts; elsewhere no mark for "in progress" is shared enough to invent one.
  if (status === 'in_progress' && record.extractor.includes('kiro')) return '-';
  return null;
}

function planTableCell(
  target: Target,
  field: BankField,
  kinds: readonly FieldKind[],
  raw: string | null,
  choose: (columnSamples: readonly string[], current: string) => string | null,
): Outcome {
  const { view, record, place, where } = target;
  const table = view.tables.find((candidate) => candidate.rows.some((row) => row.line === place.line));
  const row = table?.rows.find((candidate) => candidate.line === place.line);
  if (table === undefined || row === undefined) {
    return refuse(`${where}: expected the table row of "${record.title}" on this line; the file changed since it was parsed — re-read it`);
  }
  const named = table.kinds.flatMap((kind, index) => (kind !== null && kinds.includes(kind) ? [index] : []));
  let column: number | undefined;
  if (raw !== null) {
    // The parser reads a mark's text selector (U+FE0E) as the emoji one (list-markers.ts): the cell as written may hold either.
    // A status corrected by striking the old one out (`~~Pending~~ Done`) was read as the words not struck.
    const holds = (text: string | undefined): boolean =>
      text === raw || (text !== undefined && ((text.includes('\uFE0E') && text.replace(/\uFE0E/gu, '\uFE0F') === raw) || (text.includes('~~') && dropStruckWords(text) === raw)));
    column = named.find((index) => holds(row.cells[index]?.text));
    if (column === undefined) {
      const equal = row.cells.flatMap((cell, index) => (holds(cell.text) ? [index] : []));
      if (equal.length === 1) column = equal[0];
    }
  } else {
    column = named.find((index) => /^[-–—]?$/u.test(row.cells[index]?.text ?? 'x'));
  }
  const cell = column === undefined ? undefined : row.cells[column];
  if (column === undefined || cell === undefined) {
    return refuse(`${where}: the row of "${record.title}" has no ${field} cell${raw === null ? '' : ` holding ${JSON.stringify(raw)}`}, so the ${field} was not written`);
  }
  const samples = table.rows.map((other) => other.cells[column]?.text ?? '').filter((sample) => sample !== '' && !/^[-–—]$/u.test(sample));
  const text = view.texts[row.line - 1] ?? '';
  const words = field === 'status' && cell.text !== '' ? narrowStatus(view, text, cell.content, record.status.canonical) : cell.content;
  if (words === null) return refuseProse(target, cell.text);
  const value = choose(samples, text.slice(words.start, words.end));
  if (value === null) return refuse(`${where}: no word in this file or its language reads back as the new ${field} of "${record.title}"`);
  if (words.end !== cell.content.end) return ok(makeEdit(target, field, row.line, words, value));
  return ok(editTableCell(target, field, table, row.line, column, value));
}

/**
 * Replaces a cell's text. In an aligned table (header and separator end the column at the same place) the cell's
 * padding is adjusted so its closing pipe stays put when the new text fits; otherwise only the text changes.
 */
function editTableCell(target: Target, field: BankField, table: TableView, line: number, column: number, value: string): SourceEdit[] {
  const { view } = target;
  const text = view.texts[line - 1] ?? '';
  const cell = splitTableCells(text)[column];
  if (cell === undefined) return [];
  const separatorText = view.texts[table.separatorLine - 1] ?? '';
  const headerText = view.texts[table.headerLine - 1] ?? '';
  const separatorCell = splitTableCells(separatorText)[column];
  const headerCell = table.header[column];
  if (cell.content.end === cell.content.start) {
    // An empty cell: the value between one space each side, padded to the cell's width when it was wider.
    const width = cell.inner.end - cell.inner.start;
    const filled = ` ${value} `;
    return makeEdit(target, field, line, cell.inner, filled.length >= width ? filled : filled + ' '.repeat(width - filled.length));
  }
  const trailing = cell.inner.end - cell.content.end;
  const closed = cell.inner.end < text.length && text[cell.inner.end] === '|';
  if (separatorCell !== undefined && headerCell !== undefined && trailing >= 1 && closed && cell.content.end > cell.content.start) {
    const separatorEnd = displayWidth(separatorText.slice(0, separatorCell.inner.end));
    const headerEnd = displayWidth(headerText.slice(0, headerCell.inner.end));
    const rowEnd = displayWidth(text.slice(0, cell.inner.end));
    if (separatorEnd === headerEnd && (rowEnd === separatorEnd || (trailing === 1 && rowEnd > separatorEnd))) {
      const pad = Math.max(1, separatorEnd - displayWidth(text.slice(0, cell.content.start)) - displayWidth(value));
      return makeEdit(target, field, line, { start: cell.content.start, end: cell.inner.end }, value + ' '.repeat(pad));
    }
  }
  return makeEdit(target, field, line, cell.content, value);
}

/** Finds `raw` in `text` between `from` and `to`: verbatim, else allowing emphasis and code marks between its characters. */
function findValue(text: string, raw: string, from = 0, to = text.length, last = false): Span | null {
  const region = text.slice(from, to);
  const exact = last ? region.lastIndexOf(raw) : region.indexOf(raw);
  if (exact >= 0) return { start: from + exact, end: from + exact + raw.length };
  const whitespace = '[\\s*_`]+';
  const parts: string[] = [];
  for (const char of raw.trim()) {
    if (/\s/u.test(char)) {
      if (parts[parts.length - 1] !== whitespace) parts.push(whitespace);
      continue;
    }
    if (parts.length > 0 && parts[parts.length - 1] !== whitespace) parts.push('[*_`]*');
    parts.push(char.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  }
  if (parts.length === 0) return null;
  const pattern = parts.join('');
  const regex = new RegExp(pattern, 'gu');
  let found: Span | null = null;
  for (let match = regex.exec(region); match !== null; match = regex.exec(region)) {
    found = { start: from + match.index, end: from + match.index + match[0].length };
    if (!last) break;
    if (match[0].length === 0) regex.lastIndex++;
  }
  return found;
}

/** A status mark opening a line before its field (`✅ **Status:** Complete`), after a quote marker or a bullet. */
const leadingStatusMark = new RegExp(String.raw`^[ \t]*(?:>[ \t]*)*(?:${itemMarkerSource})?([${markCharSource}])[\uFE0E\uFE0F]?`, 'u');

/**
 * An item whose line holds a box and a status field (`- [ ] Rotate the keys (Status: in progress)`, `- [x] Cut the
 * release — Status: Done`, `(owner: Bo, status: blocked)`): both are written, so they say the same — the field's value
 * in the file's words, the box ticked for done and open for todo or a status refining it (in progress, blocked, planned,
 * deferred); a cancelled item's box is left as it is. Null when the line has not both.
 */
function planKeyedBoxStatus(target: Target, status: WrittenStatus): Outcome | null {
  const { view, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const box = checkboxLine.exec(text);
  const field = view.fields.find((candidate) => candidate.line === place.line && statusKinds.includes(candidate.kind));
  if (box?.[2] === undefined || field === undefined || field.start < box[0].length) return null;
  const current = text.slice(field.start, field.end);
  const value = chooseStatus(target, status, current, [listSameNameValues(view, text, field.start)]);
  if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
  const edits = makeEdit(target, 'status', place.line, field, value);
  const set = setBoxBeside(target, status, box, current);
  return 'ok' in set ? set : ok([...set.edits, ...edits]);
}

/**
 * The box of an item whose status is written in a field beside or under it, set to say the same: ticked for done, open
 * for todo or a status refining it (in progress, blocked, planned, deferred); a cancelled item's box is left as it is.
 */
function setBoxBeside(target: Target, status: WrittenStatus, box: RegExpExecArray, word: string): { mark: string; edits: SourceEdit[] } | Outcome {
  const boxStatus = status === 'done' ? 'done' : status === 'todo' || refiningStatuses.has(status) ? 'todo' : null;
  return boxStatus === null ? { mark: box[2] ?? ' ', edits: [] } : setRefinedBox(target, boxStatus, box, word);
}

/**
 * `edits` writing a status field on line `line` (its old value `word`) and, when the field sits under the item's box
 * (`- [ ] Migrate the queue` over `  - Status: Blocked`), the box set to say the same, as beside one.
 */
function withBoxAbove(target: Target, status: WrittenStatus, line: number, word: string, edits: SourceEdit[]): Outcome {
  const { view, place } = target;
  const box = line === place.line ? null : checkboxLine.exec(view.texts[place.line - 1] ?? '');
  if (box?.[2] === undefined) return ok(edits);
  const set = setBoxBeside(target, status, box, word);
  return 'ok' in set ? set : ok([...set.edits, ...edits]);
}

function planFieldStatus(target: Target, status: WrittenStatus, raw: string): Outcome {
  const { view, record, place, where } = target;
  const candidates = [
    ...view.fields.filter((field) => field.line >= place.line),
    ...view.fields.filter((field) => field.line < place.line),
  ].filter((field) => statusKinds.includes(field.kind));
  // The field's span leaves out emphasis wrapping the whole value (`**Done**`); so does the value looked for.
  const words = /^(\*\*|__)(.+)\1$/u.exec(raw)?.[2] ?? raw;
  for (const field of candidates) {
    const found = findValue(view.texts[field.line - 1] ?? '', words, field.start, field.end);
    if (found === null) continue;
    const text = view.texts[field.line - 1] ?? '';
    const span = narrowStatus(view, text, found, record.status.canonical);
    if (span === null) return refuseProse(target, text.slice(found.start, found.end));
    const value = chooseStatus(target, status, text.slice(span.start, span.end), [listSameNameValues(view, text, field.start)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    const mark = leadingStatusMark.exec(text)?.[1];
    if (mark !== undefined && statusEmoji[mark] !== undefined && statusEmoji[mark] !== status) {
      return refuse(
        `${where}: the line of "${record.title}"'s status opens with ${mark}, which would say ${statusEmoji[mark]} beside "${value}"; write-back does not change marks — write the status and its mark by hand`,
      );
    }
    return withBoxAbove(target, status, field.line, text.slice(span.start, span.end), makeEdit(target, 'status', field.line, span, value));
  }
  // `## Status` (or `Status` over `------`) with the value on the next line.
  for (let index = place.line - 1; index < view.texts.length; index++) {
    const heading = readHeading(view.texts, view.texts[index] ?? '', index, 0);
    if (heading === null || !statusKinds.includes(view.vocabulary.matchField(heading.text.replace(/\s*[:：]$/u, '')) ?? 'notes')) continue;
    for (let next = index + (heading.setext ? 2 : 1); next < view.texts.length; next++) {
      const text = view.texts[next] ?? '';
      if (text.trim() === '') continue;
      const span = findValue(text, raw);
      if (span === null) break;
      const value = chooseStatus(target, status, text.slice(span.start, span.end), []);
      if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
      return ok(makeEdit(target, 'status', next + 1, span, value));
    }
  }
  return refuse(`${where}: the status field of "${record.title}" holding ${JSON.stringify(raw)} was not found; the file changed since it was parsed — re-read it`);
}

/** A checkbox alone as a status's raw value (`[x]`, `[ ]`): group 1 its mark. */
const cellBox = /^\[([^\]]{0,2})\]$/u;

/** What opens a heading or a list item up to a word (its marker, a box, bold): the word after it opens the line. */
const lineOpening = new RegExp(String.raw`^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t\u00a0]+|${itemMarkerSource})(?:\[[^\]]\][ \t]+)?(?:\*\*|__)?$`, 'u');

function planInlineStatus(target: Target, status: WrittenStatus, raw: string): Outcome {
  const { view, record, place, where } = target;
  const last = Math.min(view.texts.length, place.line + 2);
  for (let line = place.line; line <= last; line++) {
    const text = view.texts[line - 1] ?? '';
    const field = view.fields.find((candidate) => candidate.line === line && statusKinds.includes(candidate.kind) && findValue(text, raw, candidate.start, candidate.end) !== null);
    const found = field === undefined ? findValue(text, raw, 0, text.length, true) : findValue(text, raw, field.start, field.end);
    if (found === null) continue;
    const span = narrowStatus(view, text, found, record.status.canonical);
    if (span === null) return refuseProse(target, text.slice(found.start, found.end));
    const current = text.slice(span.start, span.end);
    if (text[span.start - 1] === '@') return planStatusTag(target, status, line, span, current);
    // A checkbox written in a table's title cell (`| [x] Migrate the database | Sam |`): its mark, as a list item's.
    const box = cellBox.exec(current);
    if (box?.[1] !== undefined) {
      const set = setBoxMark(target, status, line, span.start + 1, box[1]);
      return 'ok' in set ? set : ok(set.edits);
    }
    // In a heading, only a status that closes it (`### Sync (ABGESCHLOSSEN)`, `… ✅ 已完成`) or opens it as a mark or a
    // word in capitals (`### ✅ Export`, `### DONE: Password reset`, read as the status written before the title) is a
    // value; one inside its words (`## Next: TASK-003 — …`) is part of the heading's structure.
    const headingLead = record.status.from === 'heading' && headingOpening.test(text.slice(0, span.start)) && (openingMark.test(current) || capitalWords.test(current));
    if (record.status.from === 'heading' && !headingLead && !closesHeading(text.slice(span.end), current)) {
      return refuse(`${where}: the status ${JSON.stringify(raw)} of "${record.title}" is part of its heading's words, so it was not edited (changing it would change the heading); write the new status by hand`);
    }
    // A mark (`☐ Fix it`, `- ⏳ Ship it`, `| ✅ Upload |`, `### Export 🚧 in progress`) is written as a mark — alone,
    // as the file's leading marks are, else the status's own; before words, in the style of the one replaced — never
    // as a word alone, which would read as part of the title.
    const opening = openingMark.exec(current);
    // An indicator mark alone (`- 🟡 Move the cron jobs`) is replaced by the mark the file explains as the status.
    const indicator = readIndicatorAlone(current);
    if (indicator !== null) {
      const meanings = readViewMeanings(view);
      // Else a status mark the file leads its items with (`⬜ Announce the tiers` for todo), which reads the same anywhere.
      const mark = explainedMark(meanings, status) ?? pickStatusForm(status, listLeadingMarkSamples(view), view.vocabulary);
      if (mark === null) {
        const explained = [...meanings].map(([each, meaning]) => `${each} ${meaning}`).join(', ');
        return refuse(`${where}: no indicator mark of this file means ${status} (it explains ${explained}), so "${record.title}" was left with ${indicator}; add one to the file's legend (e.g. \`⚪ ${status.replace('_', ' ')}\`) or write the status by hand`);
      }
      return ok(makeEdit(target, 'status', line, span, mark));
    }
    let value =
      opening?.[1] !== undefined && (statusEmoji[opening[1]] !== undefined || checkboxLikeMarks.includes(opening[1]))
        ? chooseStatusValue(status, { current, groups: opening[0] === current ? [listLeadingMarkSamples(view)] : [], language: view.language, meanings: readViewMeanings(view) }, view.vocabulary)
        : // A Taskmaster task file's subtask (`## 2. Branch protection [pending]`) reads Taskmaster's words (`in-progress`).
          record.extractor === ExtractorName.taskmasterMarkdown
          ? pickTaskmasterStatus(target, status, listInlineStatusSamples(view))
          : chooseStatus(target, status, current, [listInlineStatusSamples(view)]);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    // A cross alone under a section of work not done reads as that section's status (`## Next steps` over `- ❌ Offline
    // mode`: todo): blocked is written there with its word in capitals, which an item's lead reads as its status (`❌
    // BLOCKED Offline mode`).
    // So is one closing or opening a heading task there (`### Milestone 3 🔄` → `### Milestone 3 ❌ BLOCKED`).
    const headingLevel = /^ {0,3}(#{1,6})[ \t]/u.exec(text)?.[1]?.length ?? null;
    if (status === 'blocked' && crossAlonePattern.test(value) && (itemLead.test(text.slice(0, span.start)) || headingLevel !== null) && underNotDoneSection(view, line, headingLevel ?? 7)) {
      const word = chooseStatusValue(status, { current: 'blocked', groups: [], language: view.language }, view.vocabulary);
      if (word !== null && !crossAlonePattern.test(word)) value = `${value} ${word.toLocaleUpperCase()}`;
    }
    // A mark before a day (`### Search ✅ 2026-06-10`) that Obsidian Tasks reads as another date's (`⏳ 2026-06-10`
    // scheduled, `❌ …` cancelled on) would say no status.
    if (value !== '✅' && datedSignifierMarks.includes(value.replace(/\uFE0F/gu, '')) && /^[ \t]*\d{4}-\d{2}-\d{2}/u.test(text.slice(span.end))) {
      return refuse(`${where}: ${value} before the date after "${record.title}" would read as an Obsidian Tasks date, not as ${status}; write the status by hand`);
    }
    // A word opening a heading or an item is its status only in capitals (`### DONE: …`, `* DONE: Axis labels`; `Done: …`
    // would be its title): one in capitals stays so, whatever form the file's other values take.
    const opensLine = lineOpening.test(text.slice(0, span.start));
    const written = keepLogseqMarker(text, span, status, view.vocabulary) ?? ((headingLead || opensLine) && capitalWords.test(current) ? value.toLocaleUpperCase() : value);
    if (written === '') return refuse(`${where}: no Logseq marker (TODO, DOING, DONE, LATER, CANCELLED) reads as ${status}, and another word there would read as part of the title`);
    const besideMark = opening === null ? planBesideMark(target, line, span, status, written) : null;
    if (besideMark !== null) return besideMark;
    const edits = makeEdit(target, 'status', line, span, written);
    // A status field on a line of the item below its box (`- [ ] Port the importer` / `  **Status:** In progress`).
    return field === undefined ? ok(edits) : withBoxAbove(target, status, line, current, edits);
  }
  return refuse(`${where}: the status ${JSON.stringify(raw)} of "${record.title}" was not found on its line; the file changed since it was parsed — re-read it`);
}

/**
 * A status closing an item its status mark opens (`- ❌ Fax export — cancelled`, `- ⏳ Receipt OCR (blocked)`), which
 * the parser reads as refining the mark (`weighMarkStatus`): a word that still refines it is written as any other
 * (null); the mark's own status drops the word with its group or dash; any other status is said by the mark alone,
 * the one the file leads its items with, the word dropped. Null when no mark opens the item before the word.
 */
function planBesideMark(target: Target, line: number, span: Span, status: WrittenStatus, written: string): Outcome | null {
  const { view, record, where } = target;
  const text = view.texts[line - 1] ?? '';
  const start = itemStart.exec(text)?.[0].length ?? -1;
  const mark = start < 0 || /\[[^\]]\][ \t]*$/u.test(text.slice(0, start)) ? undefined : openingItemMark.exec(text.slice(start))?.[1];
  if (mark === undefined || span.start <= start + mark.length) return null;
  const markStatus = readViewMeanings(view).get(mark) ?? view.vocabulary.matchStatus(mark).canonical;
  if (refinesBox(written, markStatus, view.vocabulary)) return null;
  // The word goes with its group or dashed segment and the space before it, when no note follows it or comes before it
  // in its group (`(40% complete - deferred)`, `(Sprint 4 - in progress)`: the note would go with it).
  const closing = findClosingWord(text, span);
  const noted = closing === null || /[\p{L}\p{N}]/u.test(text.slice(closing.end)) || /[\p{L}\p{N}]/u.test(text.slice(closing.start, span.start));
  const drop = closing === null || noted ? null : makeEdit(target, 'status', line, closing, '');
  if (drop === null) {
    return refuse(`${where}: "${record.title}" opens with ${mark}, which says ${markStatus.replace('_', ' ')}; ${JSON.stringify(written)} closing it would not read back as ${status} beside it, and a note goes with the word — write the status and its mark by hand`);
  }
  if (markStatus === status) return ok(drop);
  // Else the mark for the status, as the file leads its items with, says it alone.
  const value = chooseStatusValue(status, { current: mark, groups: [listLeadingMarkSamples(view)], language: view.language }, view.vocabulary);
  if (value === null || openingItemMark.exec(`${value} `)?.[1] !== value) return refuse(`${where}: no status mark reads back as ${status} in place of ${mark} opening "${record.title}"; write the status by hand`);
  return ok([...makeEdit(target, 'status', line, { start, end: start + mark.length }, value), ...drop]);
}

/**
 * A Logseq or org-mode marker before a space alone (`- DONE Ship it`, `- [x] DONE Ship it`) reads as a status only as
 * one of the markers: the marker for `status` to write over it ('' when none reads so), null when the span holds none.
 */
function keepLogseqMarker(text: string, span: Span, status: WrittenStatus, vocabulary: Vocabulary): string | null {
  if (!logseqMarkers.includes(text.slice(span.start, span.end)) || !/^[ \t]+(?![:：]|[-–—][ \t])\S/u.test(text.slice(span.end))) return null;
  return logseqMarkers.find((marker) => vocabulary.matchStatus(marker).canonical === status) ?? '';
}

/** What comes before a status opening a heading: its hashes, and the bracket or emphasis around the status. */
const headingOpening = /^ {0,3}#{1,6}[ \t]+(?:\*\*|__|\[)?$/u;
/** What may follow a status closing a heading: brackets and emphasis closing round it, stops, marks, closing hashes. */
const headingClose = new RegExp(`^[\\s)）\\]*_\`~.!${markCharSource}\\uFE0F#]*$`, 'u');
/**
 * Whether the text after a heading's status (`after`, the status `current`) closes the heading: closing marks and
 * brackets, or after a mark a date or a short note in brackets (`## M1 — Storage ✅ (2026-05-20)`, `## M5 — 质量 ⬜（当前）`),
 * which the parser reads beside the mark, not as the heading's words.
 */
function closesHeading(after: string, current: string): boolean {
  if (headingClose.test(after)) return true;
  const note = after.trim().replace(/[\s*_`~#]+$/u, '');
  return openingMark.test(current) && note !== '' && (markDate.test(note) || markNote.test(note));
}
/** A status written in capitals (`DONE`, `IN PROGRESS`, `IN-PROGRESS`). */
const capitalWords = /^\p{Lu}[\p{Lu} _-]*$/u;

/** A status mark opening a value (`✅`, `⏳ Not started`): group 1 the mark. */
const openingMark = new RegExp(`^([${markCharSource}])[\\uFE0E\\uFE0F]?`, 'u');

/**
 * What opens a list item before its leading mark (`- `, `  * `, `1. `), or before the mark opening its bold term's
 * description (`- **Queue trait**: `, `- **Queue trait:** `).
 */
const itemLead = /^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+(?:(?:\*\*|__)[^*_\n]+?(?:[:：](?:\*\*|__)|(?:\*\*|__)[ \t]*[:：])[ \t]*)?$/u;

/**
 * Whether the nearest heading above a line that names a status section (the line's own, or one it sits under) names work
 * not done (`## Next steps`, `## What's left`, `## Cancelled`), as the parser gives a cross alone its section's status.
 * `below`: for a heading's own line, its level (only headings above that level hold it).
 */
function underNotDoneSection(view: FileView, line: number, below = 7): boolean {
  let depth = below;
  // Not the document's title (`# Backlog`), which is a status section only in a file of nothing else.
  for (let index = line - 2; index >= 0 && depth > 2; index--) {
    if (view.inFence[index] === true) continue;
    // ATX or setext (`Next steps` over `----------`), as the parser reads the section.
    const heading = readHeading(view.texts, view.texts[index] ?? '', index, 0);
    if (heading === null || heading.level >= depth || heading.level < 2) continue;
    depth = heading.level;
    const section = view.vocabulary.matchSection(stripInlineMarkdown(heading.text));
    if (section !== null) return notDoneStatuses.has(section);
  }
  return false;
}

const leadingMark = new RegExp(`^\\s*(?:#{1,6}\\s+|${itemMarkerSource})?(${checkboxLikeMarks.join('|')})[\\uFE0E\\uFE0F]?\\s`, 'u');

/** The marks leading the file's items, headings and lines (`☒ Read it`, `- ✅ Ship it`, `### 🚧 Export`), outside code fences. */
const listLeadingMarkSamples = perView(readLeadingMarkSamples);

function readLeadingMarkSamples(view: FileView): readonly string[] {
  const samples: string[] = [];
  view.texts.forEach((text, index) => {
    const mark = view.inFence[index] === true ? undefined : leadingMark.exec(text)?.[1];
    if (mark !== undefined) samples.push(mark);
  });
  return samples;
}

/** An index line (`- [TASK008] Title - Completed on 2025-01-23`) of a task whose own file is elsewhere. */
function planIndexLine(target: Target, status: WrittenStatus): Outcome {
  const { view, record, place, where } = target;
  const text = view.texts[place.line - 1] ?? '';
  const separator = /\s+[-–—]\s+/gu;
  let found: { span: Span; canonical: TaskStatusValue } | null = null;
  let start = 0;
  const segments: Span[] = [];
  for (let match = separator.exec(text); match !== null; match = separator.exec(text)) {
    segments.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  segments.push({ start, end: text.length });
  for (const segment of segments.slice(1)) {
    const value = text.slice(segment.start, segment.end).trimEnd();
    const match = view.vocabulary.matchStatus(stripInlineMarkdown(value));
    if (!match.matched || match.legend || match.coverage < 0.5) continue;
    const wrapped = /^(\*\*|__)(.+)\1$/u.exec(value);
    const span = wrapped === null ? { start: segment.start, end: segment.start + value.length } : { start: segment.start + 2, end: segment.start + value.length - 2 };
    found = { span, canonical: match.canonical };
  }
  if (found === null) {
    return refuse(
      `${where}: the index line of "${record.title}" writes no status of its own (its section heading gives it), so it was left as is; write-back does not move lines between sections`,
    );
  }
  if (found.canonical === status) return ok([]);
  const value = chooseStatus(target, status, text.slice(found.span.start, found.span.end), [listInlineStatusSamples(view)]);
  if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
  return ok(makeEdit(target, 'status', place.line, found.span, value));
}

// ---------------------------------------------------------------------------------------------------------------
// Frontmatter and tasks.json

function yamlScalar(value: string, quote: '"' | "'" | ''): string {
  if (quote === '"') return JSON.stringify(value).slice(1, -1);
  if (quote === "'") return value.replace(/'/gu, "''");
  const plain = !/^[\s\-?:,[\]{}#&*!|>'"%@`]|:\s|\s#|:$|^\s|\s$/u.test(value) && !/^(?:true|false|null|yes|no|on|off|~|[-+]?\d[\d._]*)$/iu.test(value);
  return plain ? value : JSON.stringify(value);
}

function planFrontmatter(
  target: Target,
  field: BankField,
  role: KeyRole,
  raw: string | null,
  choose: (current: string) => string | null,
): Outcome {
  const { view, record, where } = target;
  const keys = view.frontmatter.filter((candidate) => readKeyRole(candidate.key) === role);
  const key = keys.find((candidate) => raw === null || candidate.value.trim() === raw) ?? (raw === null ? undefined : keys[0]);
  if (key === undefined) {
    return refuse(`${where}: the frontmatter of this file has no ${role} key for "${record.title}", so the ${field} was not written`);
  }
  const value = choose(key.value);
  if (value === null) return refuse(`${where}: no word in this file or its language reads back as the new ${field} of "${record.title}"`);
  return ok(makeEdit(target, field, key.line, key, yamlScalar(value, key.quote)));
}

/** A status map's entry on one line (`  1-2-watering-calendar: review  # note`, `"TASK-7": "done",`): where its value is. */
const mapEntryLine = /^\s*(["']?)([^"'#:]+?)\1\s*:[ \t]*(["']?)([^"'#,{}[\]]*?)\3[ \t]*,?[ \t]*(?:#.*)?$/u;

function readMapEntry(text: string, line: number): (Span & { line: number; key: string; value: string; quote: string }) | null {
  const match = mapEntryLine.exec(text);
  if (match?.[2] === undefined || match[4] === undefined || match[4] === '') return null;
  const colon = text.indexOf(':', text.indexOf(match[2]) + match[2].length);
  const start = text.indexOf(match[4], colon + 1);
  return { line, key: match[2], value: match[4], quote: match[3] ?? '', start, end: start + match[4].length };
}

/**
 * The value of a status map's entry (BMAD's `1-2-watering-calendar: review`), on the record's line: in the word
 * another entry of the file uses for that status, else one in the map's style (`in-progress`).
 */
function planStatusMapEntry(target: Target, status: TaskStatusValue): Outcome {
  const { view, record, where } = target;
  const entry = readMapEntry(view.texts[record.source.line - 1] ?? '', record.source.line);
  if (entry === null || entry.key !== record.extra.key) {
    return refuse(`${where}: the entry ${JSON.stringify(record.extra.key ?? record.title)} with its status is not on this line of the status map (the file changed since it was parsed, or the status is written under the entry) — re-read it, or write the status by hand`);
  }
  if (status === 'unknown') return refuse(`${where}: "unknown" is not a status to write into "${record.title}"`);
  const samples = view.texts.flatMap((text, index) => {
    const other = readMapEntry(text, index + 1);
    return other === null || !view.vocabulary.matchStatus(other.value).matched ? [] : [other.value];
  });
  const value = chooseStatusValue(status, { current: entry.value, groups: [samples], language: view.language, defaults: { letterCase: 'lower', separator: '-' } }, view.vocabulary);
  if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
  const json = readDataFormat(view.path) !== 'yaml';
  return ok(makeEdit(target, 'status', entry.line, entry, json ? JSON.stringify(value).slice(1, -1) : yamlScalar(value, entry.quote === '"' || entry.quote === "'" ? entry.quote : '')));
}

/** The `"status"` string of a data item kept as JSON (a JSON file's, or a fenced JSON block's in Markdown). */
function planDataJsonStatus(target: Target, status: WrittenStatus): Outcome {
  return planJson(target, 'status', (node, samples) =>
    node.kind === 'string'
      ? chooseStatusValue(status, { current: node.value, groups: [samples], language: target.view.language, defaults: { letterCase: 'lower', separator: '_' } }, target.view.vocabulary)
      : null,
  );
}

/** Cursor's words for a plan todo's status (its `todos:` know no others). */
const cursorTodoStatusWords: Partial<Record<TaskStatusValue, string>> = { todo: 'pending', in_progress: 'in_progress', done: 'completed', cancelled: 'cancelled' };

/** Says whether the record is an item of a task list kept as data (YAML, JSON, JSON Lines). */
function isDataItem(record: TaskRecord): boolean {
  return record.extractor === ExtractorName.dataList;
}

/** The values written under `keys` in the YAML list entries of the file's frontmatter (or, for a YAML data file, anywhere in it: `wholeFile`). */
function listEntrySamples(view: FileView, keys: readonly string[], wholeFile: boolean, line: number): string[] {
  const pattern = new RegExp(`^\\s+(?:-\\s+)?(?:${keys.join('|')})\\s*:[ \\t]*(["']?)(.*?)\\1[ \\t]*(?:#.*)?$`, 'iu');
  return listEntryLines(view, wholeFile, line).flatMap((text) => {
    const found = pattern.exec(text);
    return found?.[2] === undefined || found[2] === '' ? [] : [found[2]];
  });
}

/**
 * The lines holding the list an entry on `line` belongs to: the whole file (a data file), the frontmatter, or the
 * fenced block of a Markdown file the entry sits in (a YAML task list written in one: its words, not the frontmatter's).
 */
function listEntryLines(view: FileView, wholeFile: boolean, line: number): readonly string[] {
  if (wholeFile) return view.texts;
  // A frontmatter closes at the first `---` after line 1.
  const close = view.texts.findIndex((text, index) => index > 0 && /^(?:---|\.\.\.)\s*$/u.test(text));
  if (close > 0 && /^---\s*$/u.test(view.texts[0] ?? '') && line - 1 < close) return view.texts.slice(0, close);
  // The fenced block the entry sits in: the view knows which lines are fenced; its fences bound the block.
  const fence = findFenceAround(view, line);
  return fence === null ? view.texts.slice(0, Math.max(0, close)) : view.texts.slice(fence.open + 1, fence.end);
}

/** The fenced block of a Markdown file holding `line`: the 0-based lines of its opening and closing fences, else null. */
function findFenceAround(view: FileView, line: number): { open: number; end: number } | null {
  if (view.inFence[line - 1] !== true) return null;
  let open = line - 2;
  while (open >= 0 && !fenceLine.test(view.texts[open] ?? '')) open--;
  let end = line;
  while (end < view.texts.length && !fenceLine.test(view.texts[end] ?? '')) end++;
  return { open, end };
}

/**
 * The `status:` of a YAML list entry — a Cursor plan's todo, an item of a YAML task list — the entry opening on the
 * record's line: in the word another entry of the file uses for that status, else Cursor's own (a plan) or one in the
 * file's style (a task list).
 */
function planListEntryStatus(target: Target, status: TaskStatusValue): Outcome {
  const { view, record, where } = target;
  const data = isDataItem(record);
  const statusKeys = data ? dataStatusKeys : ['status'];
  const key = readListEntryKeys(view.texts, record.source.line).find((candidate) => statusKeys.includes(normaliseKeyName(candidate.key)));
  if (key === undefined) return refuse(`${where}: the ${data ? 'item' : 'todo'} "${record.title}" has no status: key under it, so its status was not written`);
  const samples = listEntrySamples(view, [key.key], data && readDataFormat(view.path) !== null, record.source.line);
  if (data) {
    if (status === 'unknown') return refuse(`${where}: "unknown" is not a status to write into "${record.title}"`);
    const value = chooseStatusValue(status, { current: key.value, groups: [samples], language: view.language, defaults: { letterCase: 'lower', separator: '_' } }, view.vocabulary);
    if (value === null) return refuse(`${where}: no word in this file or its language reads back as ${status}`);
    return ok(makeEdit(target, 'status', key.line, key, yamlScalar(value, key.quote)));
  }
  const value = samples.find((sample) => view.vocabulary.matchStatus(sample).canonical === status) ?? cursorTodoStatusWords[status];
  if (value === undefined) {
    return refuse(`${where}: a plan todo's status is pending, in_progress, completed or cancelled; "${record.title}" cannot say ${status}, so it was not written`);
  }
  return ok(makeEdit(target, 'status', key.line, key, yamlScalar(value, key.quote)));
}

/** `true`/`false` (or `yes`/`no`) for done or not, in the case the file wrote the flag in. */
function writeFlag(current: string, done: boolean): string {
  const word = /^(?:yes|no)$/iu.test(current) ? (done ? 'yes' : 'no') : done ? 'true' : 'false';
  if (current === current.toUpperCase() && current !== current.toLowerCase()) return word.toUpperCase();
  return /^[A-Z]/u.test(current) ? word.charAt(0).toUpperCase() + word.slice(1) : word;
}

/**
 * The done flag of an item of a task list kept as data (`done: false` → `done: true`): it says done or not done
 * only, so any other status is refused.
 */
function planDoneFlag(target: Target, status: TaskStatusValue): Outcome {
  const { view, record, where } = target;
  if (status !== 'done' && status !== 'todo') {
    return refuse(`${where}: "${record.title}" says whether it is done with a true/false flag, which cannot say ${status}; add a status: key to the item by hand to have it synced`);
  }
  const done = status === 'done';
  if (keepsItemsInYaml(view, record.source.line)) {
    const key = readListEntryKeys(view.texts, record.source.line).find((candidate) => dataDoneFlagKeys.includes(normaliseKeyName(candidate.key)));
    if (key === undefined) return refuse(`${where}: the done flag of "${record.title}" was not found on its item; the file changed since it was parsed — re-read it`);
    return ok(makeEdit(target, 'status', key.line, key, writeFlag(key.value, done)));
  }
  return planJson(
    target,
    'status',
    (node) => (node.kind === 'literal' && /^(?:true|false)$/u.test(node.raw) ? String(done) : node.kind === 'string' ? writeFlag(node.value, done) : null),
    dataDoneFlagKeys,
  );
}

/**
 * The priority or due date of an item of a YAML task list: its own `priority:` (or the `tier:` it was read from) or
 * due key, in the file's words. An item without the key is refused: write-back adds no keys.
 */
function planListEntryField(target: Target, field: 'priority' | 'due', choose: (current: string, samples: readonly string[]) => string | null): Outcome {
  const { view, record, where } = target;
  const names = field === 'priority' ? [...keyNamesOf('priority'), 'tier', 'level'] : keyNamesOf('due');
  const keys = readListEntryKeys(view.texts, record.source.line);
  const key = names
    .map((name) => keys.find((candidate) => normaliseKeyName(candidate.key) === name))
    .find((candidate) => candidate !== undefined && (field !== 'priority' || readKeyRole(candidate.key) === 'priority' || record.extra[candidate.key] !== undefined));
  if (key === undefined) {
    return refuse(`${where}: the item "${record.title}" has no ${names[0] ?? field}: key, so its ${field} was not written (write-back adds no keys); add one by hand to have it synced`);
  }
  const value = choose(key.value, listEntrySamples(view, [key.key], readDataFormat(view.path) !== null, record.source.line));
  if (value === null) return refuse(`${where}: no value in this file or its language reads back as the new ${field} of "${record.title}"`);
  return ok(makeEdit(target, field, key.line, key, yamlScalar(value, key.quote)));
}

function pickTaskmasterStatus(target: Target, status: WrittenStatus, samples: readonly string[]): string | null {
  const { vocabulary } = target.view;
  const own = chooseStatusValue(status, { current: null, groups: [samples], language: 'en', defaults: { letterCase: 'lower', separator: '-' } }, vocabulary);
  const taskmaster = taskmasterStatusWords[status];
  // Taskmaster's own word first, unless the file writes another one for the same status.
  const fromFile = samples.find((sample) => sample === own);
  if (fromFile !== undefined) return fromFile;
  if (taskmaster !== undefined && vocabulary.matchStatus(taskmaster).canonical === status) return taskmaster;
  return own;
}

function findTaskmasterTask(root: JsonNode, record: TaskRecord): (JsonNode & { kind: 'object' }) | null {
  if (root.kind !== 'object') return null;
  const member = (node: JsonNode, key: string): JsonNode | undefined =>
    node.kind === 'object' ? node.members.find((candidate) => candidate.key === key)?.value : undefined;
  const tags: JsonNode[] = [];
  const rootTasks = member(root, 'tasks');
  if (rootTasks?.kind === 'array') tags.push(rootTasks);
  else {
    const wanted = record.extra.tag;
    for (const candidate of root.members) {
      const tasks = member(candidate.value, 'tasks');
      if (tasks?.kind === 'array' && (wanted === undefined || wanted === candidate.key)) tags.push(tasks);
    }
  }
  const idOf = (node: JsonNode): string | null => {
    const id = member(node, 'id');
    if (id?.kind === 'string') return id.value;
    if (id?.kind === 'literal') return id.raw;
    return null;
  };
  const sourceId = record.sourceId ?? '';
  for (const tasks of tags) {
    if (tasks.kind !== 'array') continue;
    for (const task of tasks.items) {
      if (task.kind !== 'object') continue;
      const id = idOf(task);
      if (id === sourceId) return task;
      const subtasks = member(task, 'subtasks');
      if (id === null || subtasks?.kind !== 'array' || !sourceId.startsWith(`${id}.`)) continue;
      for (const sub of subtasks.items) if (sub.kind === 'object' && `${id}.${idOf(sub) ?? ''}` === sourceId) return sub;
    }
  }
  return null;
}

const jsonKeys: Readonly<Record<'status' | 'priority' | 'due', readonly string[]>> = {
  status: ['status'],
  priority: ['priority'],
  due: ['dueDate', 'due', 'due_date', 'deadline'],
};

/** A JSON value of the file and the offset of the text it was scanned from (a JSON Lines file: one per line). */
interface JsonRoot {
  node: JsonNode;
  base: number;
}

/**
 * Whether the item on `line` is kept as YAML: a YAML file's, or a Markdown file's in its frontmatter (`subtasks:`) or a
 * fenced YAML block; a Markdown file's item in a fenced JSON block is JSON.
 */
function keepsItemsInYaml(view: FileView, line: number): boolean {
  const format = readDataFormat(view.path);
  return format === 'yaml' || (format === null && findJsonFence(view, line) === null);
}

/** The lines inside the fenced JSON block of a Markdown file holding `line` (0-based, `[first, end)`), else null. */
function findJsonFence(view: FileView, line: number): { first: number; end: number } | null {
  const fence = findFenceAround(view, line);
  if (fence === null || fence.open < 0 || !jsonFencePattern.test(view.texts[fence.open] ?? '')) return null;
  return { first: fence.open + 1, end: fence.end };
}

/**
 * The file's JSON (`text`, the view's lines joined): one root, or one per line of a JSON Lines file (lines that do not
 * parse were skipped by the parser too), or a Markdown file's fenced JSON block holding `line`.
 */
function scanJsonRoots(view: FileView, text: string, line: number): JsonRoot[] {
  const format = readDataFormat(view.path);
  if (format === null) {
    const fence = findJsonFence(view, line);
    if (fence === null) return [];
    const offsets = view.lines.map((entry) => entry.text.length + entry.eol.length);
    const base = offsets.slice(0, fence.first).reduce((sum, length) => sum + length, 0);
    const length = offsets.slice(fence.first, fence.end).reduce((sum, size) => sum + size, 0);
    return [{ node: scanJson(text.slice(base, base + length)), base }];
  }
  if (format !== 'jsonl') return [{ node: scanJson(text), base: 0 }];
  const roots: JsonRoot[] = [];
  let base = 0;
  for (const line of view.lines) {
    if (line.text.trim() !== '') {
      try {
        roots.push({ node: scanJson(line.text), base });
      } catch {
        // Not a JSON value: the parser reported this line (data-invalid) and read no task from it.
      }
    }
    base += line.text.length + line.eol.length;
  }
  return roots;
}

type FoundObject = { object: JsonNode & { kind: 'object' }; base: number };

/** The task of a Taskmaster record in tasks.json (one root, at offset 0). */
function findTaskmasterObject(roots: readonly JsonRoot[], record: TaskRecord): FoundObject | null {
  const task = roots[0] === undefined ? null : findTaskmasterTask(roots[0].node, record);
  return task === null ? null : { object: task, base: 0 };
}

/** The object of a data item: the one opening on the record's line (by its id or title when several open there). */
function findDataObject(roots: readonly JsonRoot[], locate: Locate, record: TaskRecord): FoundObject | null {
  const found: FoundObject[] = [];
  for (const root of roots) {
    for (const object of listJsonObjects(root.node)) if (locate(root.base + object.start).line === record.source.line) found.push({ object, base: root.base });
  }
  if (found.length <= 1) return found[0] ?? null;
  const text = (object: JsonNode & { kind: 'object' }, keys: readonly string[]): string | null => {
    const value = object.members.find((member) => keys.includes(normaliseKeyName(member.key)))?.value;
    return value?.kind === 'string' ? value.value.trim() : value?.kind === 'literal' ? value.raw : null;
  };
  const id = record.extra.id;
  return (
    found.find((candidate) => id !== undefined && text(candidate.object, dataIdKeys) === id) ??
    found.find((candidate) => {
      const title = text(candidate.object, dataTitleKeys);
      return title !== null && title !== '' && record.title.endsWith(title);
    }) ??
    null
  );
}

function planJson(
  target: Target,
  field: 'status' | 'priority' | 'due',
  choose: (node: JsonNode, samples: readonly string[]) => string | null,
  keyNames?: readonly string[],
): Outcome {
  const { view, record, where } = target;
  const data = isDataItem(record);
  const text = view.lines.map((entry) => entry.text + entry.eol).join('');
  let roots: JsonRoot[];
  try {
    roots = scanJsonRoots(view, text, record.source.line);
  } catch (error) {
    return refuse(`${view.path}: not valid JSON (${(error as Error).message}), so "${record.title}" was not written; repair the file and run again`);
  }
  const locate = createLocate(view);
  const found = data ? findDataObject(roots, locate, record) : findTaskmasterObject(roots, record);
  if (found === null) {
    return refuse(
      data
        ? `${where}: no item opens on this line any more; the file changed since it was parsed — re-read it`
        : `${where}: no task with id ${JSON.stringify(record.sourceId)} in this tasks.json; the file changed since it was parsed — re-read it`,
    );
  }
  // Taskmaster's keys are its own (`dueDate`); a data item's are any the parser reads (`Status`, `due_date`, `état`).
  const keys = keyNames ?? (!data ? jsonKeys[field] : field === 'status' ? dataStatusKeys : keyNamesOf(field));
  const member: JsonMember | undefined = found.object.members.find((candidate) => keys.includes(keyNames === undefined && !data ? candidate.key : normaliseKeyName(candidate.key)));
  if (member === undefined) {
    return refuse(
      `${where}: ${data ? `the item "${record.title}"` : `task ${record.sourceId ?? ''} in tasks.json`} has no "${keys[0] ?? field}" key, so its ${field} was not written (write-back never re-serialises the JSON)`,
    );
  }
  const samples = roots.flatMap((root) =>
    listJsonObjects(root.node).flatMap((object) =>
      object.members
        .filter((candidate) => candidate.key === member.key && candidate.value.kind !== 'object' && candidate.value.kind !== 'array')
        .map((candidate) => (candidate.value.kind === 'string' ? candidate.value.value : candidate.value.kind === 'literal' ? candidate.value.raw : '')),
    ),
  );
  const value = choose(member.value, samples);
  if (value === null) return refuse(`${where}: no value ${data ? 'this file and membank' : 'Taskmaster and membank'} both read as the new ${field} of "${record.title}"`);
  const node = member.value;
  const inner = node.kind === 'string' ? { start: node.start + 1, end: node.end - 1 } : { start: node.start, end: node.end };
  const after = node.kind === 'string' ? JSON.stringify(value).slice(1, -1) : value;
  const { line, column } = locate(found.base + inner.start);
  const before = text.slice(found.base + inner.start, found.base + inner.end);
  if (before.includes('\n') || before.includes('\r')) return refuse(`${where}: the ${field} value spans lines; not written`);
  if (before === after) return ok([]);
  return ok([{ key: record.key, field, line, column, before, after }]);
}

type Locate = (offset: number) => { line: number; column: number };

/** Offset in the view's text → 1-based line and column, by binary search over the line starts (any line break). */
function createLocate(view: FileView): Locate {
  const starts: number[] = [];
  let start = 0;
  for (const line of view.lines) {
    starts.push(start);
    start += line.text.length + line.eol.length;
  }
  return (offset) => {
    if (offset >= start) return { line: view.lines.length, column: 0 };
    const index = findLineStart(starts, offset);
    return { line: index + 1, column: offset - (starts[index] as number) };
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Priority and due date

function planPriority(target: Target, priority: number | null): Outcome {
  const { view, record, place, where } = target;
  if (!place.primary) return refuse(`${where}: an index line carries no priority of "${record.title}"; nothing written there`);
  if (record.priority.value === priority) return ok([]);
  if (priority === null) {
    return refuse(`${where}: removing the priority of "${record.title}" is not written back (membank never deletes text from the bank); delete it by hand`);
  }
  const choose = (samples: readonly string[]): string | null => choosePriorityValue(priority, samples, view.vocabulary, view.language);
  const raw = record.priority.raw;
  if (isDataItem(record) && keepsItemsInYaml(view, record.source.line)) return planListEntryField(target, 'priority', (current, samples) => choose([current, ...samples]));
  if (record.extractor.includes('json') || view.path.endsWith('.json') || isDataItem(record)) {
    return planJson(target, 'priority', (node, samples) => {
      if (node.kind === 'string') return choose(samples.filter((sample) => !/^\d+$/u.test(sample)));
      if (node.kind === 'literal' && /^\d+$/u.test(node.raw)) return choose(samples.filter((sample) => /^\d+$/u.test(sample)));
      return null;
    });
  }
  const table = view.tables.find((candidate) => candidate.rows.some((row) => row.line === place.line));
  // The value replaced first among the samples: its language and script are the new value's.
  const nearestFirst = (samples: readonly string[]): string[] => (raw === null ? [...samples] : [raw, ...samples]);
  if (table?.kinds.includes('priority') === true) return planTableCell(target, 'priority', ['priority'], raw, (samples) => choose(nearestFirst(samples)));
  if (raw !== null && readIndicatorAlone(raw) !== null) return planPriorityMark(target, priority, raw);
  if (raw === null) {
    return refuse(`${where}: "${record.title}" has no priority written in the file (no priority field, column or key for it), so the priority was not written; add one by hand (e.g. **Priority:** High) to have it synced`);
  }
  // A document that is one task (frontmatter-task) reads its priority from its frontmatter first.
  const ownsFrontmatter = record.status.from === 'frontmatter' || record.extractor === 'frontmatter-task';
  if (ownsFrontmatter && view.frontmatter.some((key) => readKeyRole(key.key) === 'priority' && key.value.trim() === raw)) {
    return planFrontmatter(target, 'priority', 'priority', raw, (current) => choose([current]));
  }
  const fields = view.fields.filter((field) => field.kind === 'priority');
  const field = [...fields.filter((candidate) => candidate.line >= place.line), ...fields.filter((candidate) => candidate.line < place.line)].find(
    (candidate) => candidate.value.trim() === raw || findValue(view.texts[candidate.line - 1] ?? '', raw, candidate.start, candidate.end) !== null,
  );
  if (field === undefined) {
    return refuse(`${where}: the priority ${JSON.stringify(raw)} of "${record.title}" was not found in a priority field; the file changed since it was parsed — re-read it`);
  }
  // A P-level stays a P-level: one opening an item without a separator (`**P0** Patch it`) is read only as one.
  const pLevel = /^P[0-4]$/iu;
  const samples = fields.map((candidate) => candidate.value).filter((sample) => !pLevel.test(raw) || pLevel.test(sample.trim()));
  const value = choose(nearestFirst(samples));
  if (value === null) return refuse(`${where}: no priority word in this file or its language reads back as ${priority}`);
  const span = findValue(view.texts[field.line - 1] ?? '', raw, field.start, field.end) ?? field;
  return ok(makeEdit(target, 'priority', field.line, span, value));
}

/** A list item's bold term and the value after its colon (group 2), a status in parentheses after it aside: `- **Beta**: Q3 2025 (planned)`. */
const termDateValue = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\*\*|__)[^*_\n]+(?:\*\*|__)\s*[:：]\s*)(.*?\d.*?)(?=\s*(?:[(（][^()（）]*[)）])?\s*$)/u;

/** A file view's text, and whether it writes its slash dates day first, read once per view (a sync may move many due dates in one file). */
const readViewSource = perView((view): string => view.texts.join('\n'));
const readViewDayFirst = perView((view): boolean => readsDayFirst(readViewSource(view)));

function planDue(target: Target, date: string | null): Outcome {
  const { view, record, place, where } = target;
  if (!place.primary) return refuse(`${where}: an index line carries no due date of "${record.title}"; nothing written there`);
  if (record.dates.due === date) return ok([]);
  if (date === null) {
    return refuse(`${where}: removing the due date of "${record.title}" is not written back (membank never deletes text from the bank); delete it by hand`);
  }
  // The due date as the parser read it: an ambiguous `01/03/2025` the way the file writes its other dates; the new
  // one written in the form of the one it replaces, read as the file will read it (which of its dates stands where
  // does not change how it reads them: the first copy of the value replaced will do).
  const source = readViewSource(view);
  const dayFirst = readViewDayFirst(view);
  // A due month, quarter or half moved to another's end stays one (`March 2025` → `April 2025`); a day is written as the day it replaces is.
  const replaceDate = (current: string): string =>
    writePeriodLike(current, date, view.language) ?? writeDateLike(current, date, (value) => readsDayFirst(source.replace(current, () => value)), view.language);
  if (isDataItem(record) && keepsItemsInYaml(view, record.source.line)) return planListEntryField(target, 'due', (current) => (current === '' ? date : replaceDate(current)));
  if (record.extractor.includes('json') || view.path.endsWith('.json') || isDataItem(record)) {
    return planJson(target, 'due', (node) => (node.kind === 'string' ? replaceDate(node.value) : null));
  }
  const table = view.tables.find((candidate) => candidate.rows.some((row) => row.line === place.line));
  if (table?.kinds.includes('due') === true) {
    const column = table.kinds.indexOf('due');
    const row = table.rows.find((candidate) => candidate.line === place.line);
    const current = row?.cells[column]?.text ?? '';
    return planTableCell(target, 'due', ['due'], current === '' ? null : current, () => (current === '' ? date : replaceDate(current)));
  }
  const due = record.dates.due;
  if (due === null) {
    const ownsFrontmatter = record.status.from === 'frontmatter' || record.extractor === 'frontmatter-task';
    if (ownsFrontmatter && view.frontmatter.some((key) => readKeyRole(key.key) === 'due')) {
      return planFrontmatter(target, 'due', 'due', null, replaceDate);
    }
    return refuse(`${where}: "${record.title}" has no due date written in the file (no due field, column or key for it), so the due date was not written; add one by hand (e.g. **Due:** 2026-03-12) to have it synced`);
  }
  const frontmatterKey = view.frontmatter.find(
    (key) => readKeyRole(key.key) === 'due' && normaliseFieldDate(key.value, { dayFirst, due: true }) === due,
  );
  if (frontmatterKey !== undefined) return planFrontmatter(target, 'due', 'due', frontmatterKey.value, replaceDate);
  const fields = view.fields.filter((field) => field.kind === 'due');
  const field = [...fields.filter((candidate) => candidate.line >= place.line), ...fields.filter((candidate) => candidate.line < place.line)].find(
    (candidate) => normaliseFieldDate(candidate.value, { dayFirst, due: true }) === due,
  );
  if (field === undefined) {
    // A milestone's date as its bold term's value (`- **Public launch**: 2025-12-01 (planned)`), as the parser reads one.
    const term = termDateValue.exec(view.texts[place.line - 1] ?? '');
    if (term?.[1] !== undefined && term[2] !== undefined && normaliseFieldDate(term[2], { dayFirst, due: true }) === due) {
      const span = { start: term[1].length, end: term[1].length + term[2].length };
      return ok(makeEdit(target, 'due', place.line, span, replaceDate(term[2])));
    }
    return refuse(`${where}: the due date ${due} of "${record.title}" was not found in a due field; the file changed since it was parsed — re-read it`);
  }
  const text = view.texts[field.line - 1] ?? '';
  return ok(makeEdit(target, 'due', field.line, field, replaceDate(text.slice(field.start, field.end))));
}
