/**
 * Headings as tasks: a heading with a source id, a status (suffix, emoji, checkbox, `(Status: …)`), a `Next:` or `Task:`
 * prefix becomes a task (`pattern` mode: roadmap `Task N:` / `Milestone N:` headings); and headings as key
 * context, with dates and a trailing status dropped so finishing a sprint keeps its keys.
 */
import { headingCheckboxPattern, headingClosingCheckboxPattern } from '../../vocabulary-data.js';
import { normaliseDate, stripInlineMarkdown, type Vocabulary } from '../../vocabulary.js';
import { closingTitleMark, type InlineField, isStatusValue, itemLabel, openingTitleMark, readClosingLevel, readClosingShare, readClosingTitleMark, readInlineFields, readColonStatus, readLineMarkers, readRestatedStatus, readStatusLead, readTaskSignifiers, saysOutcomeOnly, isStatusReportHeading, namesOutcomes, splitClosingKey, splitLeadingId, type TaskSignifier } from '../text.js';
import { isColonStatusTitle } from '../../header-status.js';
import { openingIndicator } from '../../mark-meanings.js';
import type { Walk } from './walk.js';

/** What a heading says about itself. */
export interface HeadingInfo {
  isTask: boolean;
  id: string | null;
  title: string;
  statusRaw: string | null;
  /** Fields written on the heading (`(Priority: High)`, the date of `(completed 2025-03-01)`). */
  fields: readonly InlineField[];
  /** Obsidian Tasks signifiers it ends with (`✅ 2025-03-01`, `📅 2025-04-10 ⏫`). */
  signifiers: readonly TaskSignifier[];
  /** It opens with a checkbox (`## [x] Track: Setup`), as the items of a checklist do. */
  boxed: boolean;
  /** A date after the mark closing it (`## M1 — Ingest ✅ (2026-06-02)`), as written, else null. */
  date: string | null;
  /** A note beside its status (`## Phase 1: Matrix (per contest - DONE)`: `per contest`), its body's; else null. */
  note?: string | null;
}

const roadmapHeading = /^(?:task|milestone|deliverable|epic|story)\s+#?\d+(?:\.\d+)*\s*[:.\-–—]/iu;
/** A heading naming the next task (`## Next: Invoices`, `## Next task — Invoices`): a task to do. */
const nextPrefix =
  /^(?:(?:next|up next)(?:\s+task)?|nächste(?:\s+aufgabe)?|nächster|prochaine(?:\s+tâche)?|siguiente(?:\s+tarea)?|следующая(?:\s+задача)?|следующий|下一个(?:任务)?|次(?:のタスク)?)\s*(?:[:：]|\s[-–—]\s)\s*/iu;
/**
 * A heading labelled as a task (`## Task: Offline sync`, `## Current Task: …`, `## Active task — …`, `## Aktuelle
 * Aufgabe: …`): a task, over the sections it holds. A label with no title after it (`## Current Tasks`) is none.
 */
const taskPrefix =
  /^(?:(?:new|current|active|ongoing)\s+task|task(?:\s+(?:id|no\.?|number))?|(?:aktuelle\s+)?aufgabe|tâche(?:\s+(?:en\s+cours|actuelle))?|tarea(?:\s+actual)?|(?:текущая\s+)?задача|(?:当前)?任务|現在のタスク)\s*(?:[:：]|\s[-–—]\s)\s*/iu;
/**
 * Whether a heading's text is labelled as a task (`Current Task: Offline sync`): a task, not a status section. A
 * placeholder after the label (`Current Task: None`, `Task: TBD`) names none.
 */
export function isLabelledTask(title: string, vocabulary: Vocabulary): boolean {
  return readLabel(taskPrefix, title, vocabulary) > 0;
}

/** The length of the label `pattern` reads opening a heading's text, when a title follows it (not a placeholder); else 0. */
function readLabel(pattern: RegExp, text: string, vocabulary: Vocabulary): number {
  const label = pattern.exec(text);
  return label === null || vocabulary.isPlaceholder(text.slice(label[0].length)) ? 0 : label[0].length;
}

/** Reads a heading's id, title and status, and whether it is a task under the walk's options. */
export function classifyHeading(walk: Walk, raw: string, depth: number, asTask = false): HeadingInfo {
  const { ctx, options } = walk;
  let text = stripInlineMarkdown(raw).trim();
  let statusRaw: string | null = null;
  let marked = false;
  const next = readLabel(nextPrefix, text, ctx.vocabulary);
  if (next > 0) {
    statusRaw = 'Next';
    text = text.slice(next);
  }
  const taskLabel = readLabel(taskPrefix, text, ctx.vocabulary);
  // A label saying what follows is the task's id (`## Task ID: INIT`, `## Task No.: SETUP`): its id whatever its shape.
  const idLabelled = taskLabel > 0 && idLabelPrefix.test(text.slice(0, taskLabel));
  if (taskLabel > 0) {
    marked = true;
    text = text.slice(taskLabel);
  }
  const box = headingCheckboxPattern.exec(text);
  let boxed = box?.[1] !== undefined;
  if (box?.[1] !== undefined) {
    statusRaw = statusRaw ?? box[1];
    text = text.slice(box[0].length);
    // `## [x] Track: Billing` (Conductor's tracks.md): the label after the box is not the title.
    const label = itemLabel.exec(text);
    if (label !== null) text = text.slice(label[0].length);
  } else {
    // A checkbox closing it (`### 1.1 Authentication [x]`) says its status as one opening it does.
    const closingBox = headingClosingCheckboxPattern.exec(text);
    if (closingBox?.[1] !== undefined) {
      boxed = true;
      statusRaw = statusRaw ?? closingBox[1];
      text = text.slice(0, closingBox.index + 1);
    }
  }
  // An indicator mark opening it (`### 🟡 Task 1.3: Security`) is not title either: the label and the id after it are
  // read as on an unmarked heading. It says a status only where the file's legend explains it (`🟡 in progress`), and
  // then only when nothing else on the heading does.
  const indicator = openingIndicator.exec(text);
  if (indicator !== null) text = text.slice(indicator[0].length);
  const explained = indicator?.[1] !== undefined && ctx.markMeanings.has(indicator[1]) ? indicator[1] : null;
  const lead = openingTitleMark.exec(text);
  if (lead?.[1] !== undefined) {
    text = text.slice(lead[0].length);
    // A status word restating the mark (`### ✅ COMPLETED: Phase 1`) is the status written with it, not title: changing
    // it keeps the keys of the heading and of everything under it.
    const restated = readRestatedStatus(text, ctx.vocabulary.matchStatus(lead[1]).canonical, ctx.vocabulary);
    if (restated !== null) text = restated.rest;
    statusRaw = statusRaw ?? (restated === null ? lead[1] : lead[0] + restated.word);
  } else if (!boxed) {
    // A status word in capitals or brackets opening it (`### DONE: Password reset`, `### [WIP] Audit log`) is its
    // status, as on a list item: changing it keeps the keys of the heading and of everything under it.
    const word = readStatusLead(text, ctx.vocabulary);
    if (word !== null) {
      statusRaw = statusRaw ?? word.word;
      text = word.rest;
    }
  }
  // Signifiers appended when the work is planned or finished are fields, as on list items: finishing a heading task
  // keeps its title and key. A done date (`### Search ✅ 2026-06-02`) says done too where nothing else on the heading
  // states a status (below); the others make no heading a task.
  const signified = readTaskSignifiers(text);
  const signifiers = signified?.signifiers ?? [];
  if (signified !== null) text = signified.rest;
  const closing = readClosingTitleMark(text, ctx.vocabulary);
  if (closing !== null) {
    statusRaw = closing.status;
    text = closing.rest;
  }
  const date = closing?.date ?? null;
  const inline = readInlineFields(text, ctx.vocabulary);
  if (inline.status !== null) statusRaw = inline.status;
  // Keyed fields without a status (`(Priority: High)`) are fields too, not title.
  if (inline.status !== null || inline.fields.length > 0) text = inline.rest;
  // A status closing it after a colon (`### Payment reminders: In progress`), as a bullet's: a status alone after words
  // naming work (`isColonStatusTitle`: not `## Project status: Done`, `### Milestone 3: Ready for development`, `### Build:
  // Passing`, `### Release: Testing`), as discovery counts it.
  const colon = statusRaw === null ? readColonStatus(text, ctx.vocabulary) : null;
  if (colon !== null && colon.note === null && isColonStatusTitle(colon.rest, colon.status)) {
    statusRaw = colon.status;
    text = colon.rest;
  }
  if (statusRaw === null && explained !== null) statusRaw = explained;
  if (statusRaw === null && !boxed && signifiers.some((signifier) => signifier.name === 'completed')) statusRaw = '✅';
  // A test's or a decision's outcome closing it (`### Signup flow ✅ Passed`, `### Search flow: ❌ Failed`, `### Queue
  // decision — ✅ Accepted`) says how a check or a choice went: no status of work, so no task — unless an id makes it
  // one. Its title is read without it still, so the keys under it stay as they were.
  const textId = readHeadingId(text);
  // So is a heading reporting the state of things (`### Build Status: ✅ COMPLETED`, `## ✅ Current Status`).
  // So is a heading naming outcomes (`### Technical verification results ✅`, `### 技術検証結果 ✅`, `## Quality metrics ✅`).
  // So is a heading naming a meeting of the team's routine (`## 🔄 Sprint Review`, `## 🔄 Revisão do Sprint`), its mark
  // the routine's: it holds when and how the team meets, no work.
  if (statusRaw !== null && textId === null && (saysOutcomeOnly(statusRaw) || isStatusReportHeading(raw, text, ctx.vocabulary) || namesOutcomes(text) || namesCeremony(text))) statusRaw = null;
  // So is a day of a log with a note on which entry it is (`### August 9, 2025 (later)`, `### 2025-08-09 (evening)`): a
  // date alone names no work.
  if (statusRaw !== null && textId === null && normaliseDate(text) !== null) statusRaw = null;
  // A share done closing a heading that states its status (`## Sync engine (45%) 🚧`) or opens with an id (`## Milestone
  // 2: Level editor — 45%`, `### M-3 - Multiplayer (10%)`) is its progress, not title: updating it keeps its key and the
  // keys under it. Without either (`### RAG API High (94%)`) it may be a metric, and stays.
  // So is one on a heading read as a task by what it holds (`asTask`: `### Authentication (0%)` over its checklist).
  const stated = statusRaw !== null || textId !== null || asTask;
  const share = stated ? readClosingShare(text, true) : null;
  if (share !== null) text = share.rest;
  // A complexity level closing it (`## Current Task: Photo sharing (Level 3)`, Cursor's memory bank) is a field.
  const level = readClosingLevel(text);
  if (level !== null) text = level.rest;
  // Markers written on a heading task's line, as on an item's (`### Task 3.2: Revenue chart (P1) — In Progress`, `###
  // [P0] Restore the backups ✅`, `(due 2025-06-01)`): fields, not title. A heading stating no status and no id is no
  // task, and keeps them.
  const markers = stated ? readLineMarkers(text, ctx.vocabulary, raw.includes('`')) : null;
  if (markers !== null) text = markers.rest;
  const fields = [
    ...inline.fields,
    ...(markers?.fields ?? []),
    ...(share === null ? [] : [{ name: 'progress', value: `${Math.round(share.share * 100)}%` }]),
    ...(level === null ? [] : [{ name: 'complexity', value: level.level }]),
  ];
  const found = splitLeadingId(text, 'loose');
  const codeId = readHeadingId(text, found);
  // Read as a code id is there (`## Task ID: DEV-0003`): its title the heading's, until a title field names it.
  const labelledId = codeId === null && idLabelled && oneToken.test(text.trim()) ? text.trim() : null;
  const split = labelledId === null ? found : { id: labelledId, rest: '' };
  const id = labelledId ?? codeId;
  // A leading ordinal (`### 1. Redis Persistence Error`) is numbering, not identity: renumbering keeps keys.
  const title = (id === null ? text : split.rest).replace(/^\d{1,3}[.)]\s+(?=\S)/u, '');
  // An id in brackets closing the heading of a task (`### Offline album cache [ALB-204]`) is its id, not title. It does
  // not make a heading a task by itself, as one opening it does: `## Targets [ES2022]` names a standard as often.
  const closingId = id === null ? splitClosingKey(title) : null;
  const note = inline.status !== null && statusRaw === inline.status ? inline.note : null;
  const read = closingId === null ? { id, title, statusRaw, fields, signifiers, boxed, date, note } : { id: closingId.id, title: closingId.rest, statusRaw, fields, signifiers, boxed, date, note };
  if (options.headingTasks === 'pattern') return { isTask: roadmapHeading.test(stripInlineMarkdown(raw).trim()) || marked, ...read };
  if (options.headingTasks === 'checkbox') return { isTask: boxed && depth > 1, ...read };
  // An H1 is the document's title: it becomes a task only when it carries a task id.
  if (depth === 1) return { isTask: id !== null, ...read };
  return { isTask: id !== null || statusRaw !== null || marked, ...read };
}

/** Whether a heading names a meeting of a team's routine (`Sprint Review`, `Retrospective`, `Daily Stand-up`, `Revisão do Sprint`). */
function namesCeremony(text: string): boolean {
  return ceremonyHeading.test(text.trim());
}
const ceremonyHeading =
  /^(?:sprint\s+(?:review|retrospective|retro|planning|demo)|(?:sprint\s+)?retrospective|retro|daily\s+(?:stand-?\s?up|scrum|sync)|stand-?\s?up|revis[ãa]o\s+d[oa]\s+sprint|retrospectiva(?:\s+d[oa]\s+sprint)?|planejamento\s+d[oa]\s+sprint|planificaci[óo]n\s+del\s+sprint|revisi[óo]n\s+del\s+sprint|sprint-?(?:review|retrospektive|planung)|retrospektive|revue\s+de\s+sprint|r[ée]trospective)(?:\s*[(\[][^()\[\]]*[)\]])?$/iu;

/** A task label naming an id (`Task ID:`, `Task No.:`, `Task number:`). */
const idLabelPrefix = /^task\s+(?:id|no\.?|number)\b/iu;
/** One word, as an id is written (`INIT`, `setup-2`, `DEV_0003`). */
const oneToken = /^[\p{L}\p{N}][\p{L}\p{N}_.-]{0,40}$/u;

/** The id opening a heading's text (`Milestone 2`, `TASK-12`, `M-3`; not a bare ordinal, `M3`), else null. */
function readHeadingId(text: string, split = splitLeadingId(text, 'loose')): string | null {
  return split.id !== null && (/[-_\s]/u.test(split.id) || /\d{3,}/u.test(split.id)) ? split.id : null;
}

/**
 * A stage of the work labelled with its status before a colon (`Completed Sprint: Sprint 4 - Perf fixes`, `Current
 * Phase: Import`, `Abgeschlossener Sprint: …`): group 1 the status word, group 2 the title.
 */
export const statusLabelledStage =
  /^[^\p{L}]*(completed|finished|done|current|active|upcoming|planned|abgeschlossener?|aktueller?|laufender?|terminé|en cours|completado|actual)\s+(?:sprint|phase|milestone|release|iteration|epic|stage|meilenstein|étape|fase|hito)\s*[:：]\s*(\S.*)$/iu;

/**
 * A heading as a key segment: dates and a trailing status dropped (`Sprint 8 In Progress — 2026-02-21` →
 * `Sprint 8`, `Week 1: Foundation ✅ COMPLETE` → `Week 1: Foundation`), so finishing a sprint keeps its keys.
 */
export function readContextTitle(walk: Walk, title: string): string {
  const { vocabulary } = walk.ctx;
  let text = title.replace(/\s*[(\[]?\d{4}-\d{2}-\d{2}[)\]]?\s*/gu, ' ').replace(/[\s\-–—:|·]+$/u, '').trim();
  // A share done closing it (`Phase 2: Sync engine (45%)`) changes as the work goes: not part of the key.
  const share = readClosingShare(text, true);
  if (share !== null) text = share.rest;
  const level = readClosingLevel(text);
  if (level !== null) text = level.rest;
  const inline = readInlineFields(text, vocabulary);
  if (inline.status !== null && inline.rest !== '') text = inline.rest;
  const trail = closingTitleMark.exec(text);
  if (trail !== null && trail.index > 0) text = text.slice(0, trail.index).trim();
  const lead = openingTitleMark.exec(text);
  const restated = lead?.[1] === undefined ? readStatusLead(text, vocabulary) : readRestatedStatus(text.slice(lead[0].length), vocabulary.matchStatus(lead[1]).canonical, vocabulary);
  if (restated !== null && restated.rest !== '') text = restated.rest;
  text = dropTrailingStatus(text, vocabulary);
  // A stage labelled with its status (`Completed Sprint: Sprint 4 - Perf fixes`) is keyed by its title, as the reader
  // making it a task titles it: the label says its status, which changes as the work goes.
  const staged = statusLabelledStage.exec(text);
  if (staged?.[2] !== undefined) text = staged[2].trim();
  return text === '' ? title : text;
}

/**
 * Text without a status its last one to three words state (`Sprint 8 In Progress` → `Sprint 8`, `implementation
 * plan` → `implementation`), and the separators before it; the text itself when they state none. Its first word stays.
 */
export function dropTrailingStatus(text: string, vocabulary: Vocabulary): string {
  const words = text.split(/\s+/u);
  for (let take = Math.min(3, words.length - 1); take >= 1; take--) {
    const suffix = words.slice(-take).join(' ');
    if (!/\d/u.test(suffix) && isStatusValue(suffix, vocabulary)) return words.slice(0, -take).join(' ').replace(/[\s\-–—:|·]+$/u, '');
  }
  return text;
}
