/**
 * Items written again in the same file: an update log that repeats an item with its new status, a subtask table
 * pasted twice, a journal whose dated entries carry an open item forward until one says it is done. One task with
 * the latest statement as its current state (the earlier ones become its progress), not one task per statement
 * with `~2`, `~3` keys — the same rule as an append-only table's repeated rows, across blocks.
 */
import { truncateForMessage } from '../core/errors.js';
import type { InputProblem } from '../core/task-record.js';
import { addEarlierStatement } from './extractors/draft.js';
import { normaliseId } from './extractors/text.js';
import type { DraftTask } from './extractors/types.js';
import type { TaskStatusValue } from '../core/task-record.js';
import type { DatedEntries, DatedEntry } from './dated-entries.js';
import { compareText } from './keys.js';

/**
 * What makes two drafts of one file the same task: the same title (`restatedTitle`), the same parent, and the same id
 * when they carry one (then the headings they sit under may differ: a table restated in another section); without
 * an id, the same headings too (`Write tests` under "Frontend" and under "Backend" are two tasks) — but for the
 * dated entry each sits in, when they sit in two entries of a log (`## 2025-03-09 — Parser` and `## 2025-03-10 —
 * Tests`, each with its `### Next steps`): an item carried forward from day to day.
 */
function isSameTask(a: DraftTask, b: DraftTask, entries: DatedEntries | null): boolean {
  if (a.parent !== b.parent || (a.sourceId === null) !== (b.sourceId === null)) return false;
  if (a.sourceId !== null && b.sourceId !== null) return normaliseId(a.sourceId) === normaliseId(b.sourceId);
  if (a.context.length !== b.context.length) return false;
  let differ = false;
  for (let index = 0; index < a.context.length && !differ; index++) differ = a.context[index] !== b.context[index];
  if (!differ) return true;
  if (entries === null) return false;
  // Each heading they differ by is the heading of a dated entry each sits in (as keys write it: its date aside), in
  // order: the month's, then the day's in it — one entry per heading.
  const aroundA = entries.around(a.line);
  const aroundB = entries.around(b.line);
  if (aroundA.length === 0 || aroundB.length === 0 || aroundA.at(-1) === aroundB.at(-1)) return false;
  let nextA = 0;
  let nextB = 0;
  for (let index = 0; index < a.context.length; index++) {
    const partA = a.context[index] as string;
    const partB = b.context[index] as string;
    if (partA === partB) continue;
    while (nextA < aroundA.length && !(aroundA[nextA] as DatedEntry).title.includes(partA)) nextA++;
    while (nextB < aroundB.length && !(aroundB[nextB] as DatedEntry).title.includes(partB)) nextB++;
    if (nextA++ >= aroundA.length || nextB++ >= aroundB.length) return false;
  }
  return true;
}

/**
 * The groups of drafts that state one task, in file order, each of two or more. Drafts come gathered by their title
 * as a restatement writes it (`groupByRestatedTitle`), and only titles written twice are compared further. A title
 * written with a note closing it (`Map the columns (waiting on Dana)`) joins the statements of the title without it,
 * when the two sit in different dated entries of a log: a note added or dropped as the item is carried forward, not
 * another task (`Write tests (frontend)` and `Write tests (backend)`, with no bare statement, stay two).
 */
function findRestatements({ byTitle, noted, past, repeated }: TitleGroups, readEntries: () => DatedEntries): Restatement[] {
  if (!repeated) return [];
  const groups: Restatement[] = [];
  // The file's dated entries, read only when a title repeats under other headings, or with a note.
  let entries: DatedEntries | null = null;
  // Drafts grouped once: a noted statement is gathered under its own title and under its bare title's.
  const taken = new Set<DraftTask>();
  for (const [title, bare] of byTitle) {
    // Statements written otherwise: with a note closing them, or done and in the past tense (`Wired up the notifier`
    // for `Wire up the notifier`).
    const others = [...(noted.get(title) ?? []), ...(past.get(title) ?? [])];
    const same = others.length === 0 ? bare : [...new Set([...bare, ...others])].sort((a, b) => a.line - b.line);
    if (same.length < 2) continue;
    const split: DraftTask[][] = [];
    const first = same[0] as DraftTask;
    if (others.length > 0) entries ??= readEntries();
    for (const draft of same) {
      if (taken.has(draft)) continue;
      if (draft !== first && entries === null && draft.context.length === first.context.length && draft.context.some((part, index) => part !== first.context[index])) entries = readEntries();
      const group = split.find((candidate) => isSameTask(candidate[0] as DraftTask, draft, entries) && (others.length === 0 || isSameStatement(candidate[0] as DraftTask, draft, entries)));
      if (group === undefined) split.push([draft]);
      else group.push(draft);
    }
    for (const group of split) {
      if (group.length < 2) continue;
      // Notes and past tenses fold through a statement without them: two notes alone may name two tasks (`Import (small
      // files)`), and two reports of work done are two reports.
      if (others.length > 0 && !group.some((draft) => restatedTitle(draft.title) === title)) continue;
      for (const draft of group) taken.add(draft);
      groups.push({ title, drafts: entries === null ? group : inTimeOrder(group, entries) });
    }
  }
  return groups;
}

/** Drafts that state one task, in the order they were written, and the title (`restatedTitle`) they were gathered under. */
interface Restatement {
  title: string;
  drafts: DraftTask[];
}

/**
 * Whether two statements gathered under one bare title are one task's: written alike, or in two dated entries (one
 * with a note closing it, or reporting it done in the past tense, as a log carries an item forward until it is done).
 */
function isSameStatement(a: DraftTask, b: DraftTask, entries: DatedEntries | null): boolean {
  if (restatedTitle(a.title) === restatedTitle(b.title)) return true;
  const entryA = entries?.of(a.line) ?? null;
  const entryB = entries?.of(b.line) ?? null;
  return entryA !== null && entryB !== null && entryA !== entryB;
}

/**
 * Drafts by their title as a restatement writes it, in file order; `noted`, those whose title closes with a note in
 * parentheses, by their title without it; `repeated` when a title is written twice, or also with a note.
 */
interface TitleGroups {
  byTitle: Map<string, DraftTask[]>;
  noted: Map<string, DraftTask[]>;
  /** Drafts stated done with their first word in the past tense (`Fixed the rounding error`), by the titles it may report (`fix the rounding error`). */
  past: Map<string, DraftTask[]>;
  repeated: boolean;
}

/** The drafts still standing (not in `dropped`, without an explicit anchor, titled) by their restated title. */
function groupByRestatedTitle(drafts: readonly DraftTask[], dropped: ReadonlyMap<DraftTask, DraftTask>): TitleGroups {
  const byTitle = new Map<string, DraftTask[]>();
  const noted = new Map<string, DraftTask[]>();
  const past = new Map<string, DraftTask[]>();
  let repeated = false;
  for (const draft of drafts) {
    if (dropped.has(draft) || draft.anchor !== null || draft.title === '') continue;
    const title = restatedTitle(draft.title);
    const same = byTitle.get(title);
    if (same === undefined) byTitle.set(title, [draft]);
    else if (!same.includes(draft)) {
      same.push(draft);
      repeated = true;
    }
    const note = closingNote.exec(draft.title);
    const bare = note?.[1] === undefined ? null : restatedTitle(note[1]);
    if (bare !== null) {
      const list = noted.get(bare);
      if (list === undefined) noted.set(bare, [draft]);
      else list.push(draft);
    }
    if (draft.status.canonical === 'done') {
      for (const form of readImperativeForms(bare ?? title).slice(1)) {
        const list = past.get(form);
        if (list === undefined) past.set(form, [draft]);
        else list.push(draft);
      }
    }
  }
  if (!repeated) for (const bare of noted.keys()) if (byTitle.has(bare)) repeated = true;
  if (!repeated) for (const form of past.keys()) if (byTitle.has(form)) repeated = true;
  return { byTitle, noted, past, repeated };
}

/** A title closing with a note in parentheses (`Map the columns (waiting on Dana)`): group 1 the title before it, 2 the note. */
const closingNote = /^(.*?\S)\s*[(（]([^()（）]+)[)）][\s.:;!]*$/u;

/**
 * A title as a restatement may write it again, in this file or another: lower case, spaces collapsed, no closing
 * stop or colon (`Add CSV export.`, `add CSV export`).
 */
export function restatedTitle(title: string): string {
  // Read for every draft of a file: most titles have single spaces and no closing stop, and only lose their case.
  let text = unevenSpaces.test(title) ? title.replace(/\s+/gu, ' ').trim() : title;
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x2e || last === 0x3a || last === 0x3b || last === 0x21) text = text.replace(/[\s.:;!]+$/u, '');
  return text.toLowerCase();
}
const unevenSpaces = /\s\s|[^\S ]|^ | $/u;

/**
 * The titles a progress log's item may restate a task list's item with: its own, and with its first word read as
 * the imperative its past tense reports (`Added the tide curve` → `add the tide curve`; `Implemented`, `Improved`,
 * `Stopped`, `Applied`).
 */
export function restatedForms(title: string): string[] {
  return readImperativeForms(restatedTitle(title));
}

/** A restated title (`restatedTitle`) and, when its first word is a past tense, the imperatives it may report. */
function readImperativeForms(own: string): string[] {
  const space = own.indexOf(' ');
  const first = space < 0 ? own : own.slice(0, space);
  if (!first.endsWith('ed') || first.length < 5) return [own];
  const rest = space < 0 ? '' : own.slice(space);
  const stems = [first.slice(0, -2), first.slice(0, -1)];
  if (first.endsWith('ied')) stems.push(`${first.slice(0, -3)}y`);
  if (first.length > 5 && first.charAt(first.length - 3) === first.charAt(first.length - 4)) stems.push(first.slice(0, -3));
  return [own, ...stems.map((stem) => `${stem}${rest}`)];
}

/**
 * A group in the order its statements were written: by the dates of the entries they sit in when each sits in one
 * (a log kept newest first states an item's current status at the top), else as the file has them.
 */
function inTimeOrder(group: DraftTask[], entries: DatedEntries): DraftTask[] {
  const dated = group.map((draft): [DraftTask, DatedEntry | null] => [draft, entries.of(draft.line)]);
  if (dated.some(([, entry]) => entry === null)) return group;
  return dated.sort(([a, entryA], [b, entryB]) => compareText((entryA as DatedEntry).date, (entryB as DatedEntry).date) || a.line - b.line).map(([draft]) => draft);
}

/** How far along a status is, for statements that disagree: an open one never undoes work stated done before it. */
const progressRank: Readonly<Partial<Record<TaskStatusValue, number>>> = { unknown: 0, todo: 1, planned: 1, in_progress: 2, done: 3 };

/**
 * Whether a task stated `stated` by one of its statements still reads so when another is set to `status`: an open
 * status (todo, planned, in progress) does not undo one further along (`pickStatus`).
 */
export function leavesStanding(status: TaskStatusValue, stated: TaskStatusValue): boolean {
  const rank = progressRank[status];
  const standing = progressRank[stated];
  return rank !== undefined && standing !== undefined && rank < standing;
}

/**
 * The statement whose status the task takes: the last one, unless it is merely open (todo, planned, in progress)
 * and an earlier one is further along — a checklist copied back unticked under its ticked copy (as Kiro leaves
 * `- [x] 2.5 …` above `- [ ] 2.5 …`) is still done. A blocked, cancelled or deferred last statement stands.
 */
export function pickStatus<T extends { status: { canonical: TaskStatusValue } }>(group: readonly T[]): T {
  const last = group[group.length - 1] as T;
  const lastRank = progressRank[last.status.canonical];
  if (lastRank === undefined) return last;
  let best = last;
  let bestRank = lastRank;
  for (const draft of group) {
    const rank = progressRank[draft.status.canonical];
    if (rank !== undefined && rank > bestRank) {
      best = draft;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * Folds drafts (in file order) that state the same task again: the last statement stays, the earlier ones are
 * dropped from `drafts` (in place, order kept), their status and title go to its progress and their children move
 * under it (where they may fold in turn); the task keeps the furthest-along status (`pickStatus`). One warning per
 * folded task.
 */
export function foldRestatedItems(path: string, drafts: DraftTask[], problems: InputProblem[], readEntries: () => DatedEntries): void {
  if (drafts.length < 2) return;
  const survivorOf = new Map<DraftTask, DraftTask>();
  // Grouped once per state of the drafts: again only after a round folded some (titles never change, the dropped do).
  let grouped = groupByRestatedTitle(drafts, survivorOf);
  for (let round = 0; round < 16; round++) {
    const groups = findRestatements(grouped, readEntries);
    if (groups.length === 0) break;
    for (const { title, drafts: group } of groups) {
      const last = group[group.length - 1] as DraftTask;
      const earlier = group.slice(0, -1);
      const stated = pickStatus(group);
      if (stated !== last) {
        last.status = stated.status;
        last.statusLine = stated.statusLine;
      }
      // The key is the first statement's (its headings: a dated entry's), so a new entry restating it moves no key.
      const carried = last.sourceId === null && !sameParts((group[0] as DraftTask).context, last.context);
      if (carried) last.context = (group[0] as DraftTask).context;
      for (const draft of earlier) {
        survivorOf.set(draft, last);
        addEarlierStatement(last, draft);
        if (last.body.length === 0) last.body.push(...draft.body);
      }
      // Written with a note and without, or in the past tense once done: the task is titled as the bare statement, so its
      // key stays as notes come and go and as the work gets done; the latest note opens its body.
      const bare = restatedTitle(last.title) === title ? undefined : group.find((draft) => restatedTitle(draft.title) === title);
      if (bare !== undefined) {
        const note = closingNote.exec(last.title);
        last.title = bare.title;
        if (note?.[2] !== undefined) last.body.unshift(`(${note[2].trim()})`);
      }
      problems.push({
        severity: 'warning',
        code: 'restated-item',
        file: path,
        line: last.line,
        message: `"${truncateForMessage(last.title, 60)}" is written ${group.length} times in this file (lines ${group.map((draft) => draft.line).join(', ')}) under the same parent${carried ? ', in dated entries of a log' : last.sourceId === null ? ' and headings' : ` with the id ${last.sourceId}`}; read as one task restated: the ${carried ? 'latest' : 'last'} (line ${last.line}) is its current state${stated === last ? '' : ` with the status "${stated.status.raw ?? stated.status.canonical}" of line ${stated.line}, which an open restatement does not undo`}, the earlier ones became its history`,
        received: truncateForMessage(group.map((draft) => draft.status.raw ?? draft.status.canonical).join(' → ')),
        fix: 'nothing to do if it is one task written again; if these are different tasks, give each its own title or id',
      });
    }
    moveUnderSurvivors(drafts, survivorOf);
    grouped = groupByRestatedTitle(drafts, survivorOf);
  }
  foldListedAgain(path, drafts, problems, survivorOf, grouped);
  foldIdMentions(path, drafts, problems, survivorOf);
  foldDetails(path, drafts, problems, survivorOf);
  if (survivorOf.size === 0) return;
  let at = 0;
  for (const draft of drafts) if (!survivorOf.has(draft)) drafts[at++] = draft;
  drafts.length = at;
}

/**
 * Items a file lists again in its lists of work by status: a progress log's `## What's left to build` naming
 * `Reports and statistics`, which its `## Build plan` checklist holds as `- [ ] Reports and statistics`; an
 * `## Upcoming` list repeating the open item of this week's plan. The item written elsewhere is the task (its key,
 * line, children), the listing a mention of it, dropped with a warning: the same title (`restatedTitle`) written twice
 * in the file and no more, without ids, once in such a list (at its top level, over no items) and once outside any.
 * A status the list gives only by its heading is no claim (a list of what is left, not kept up to date when the
 * item is ticked); a mark of its own is one, and the furthest along stands (`pickStatus`): so closing the task, which
 * ticks the item, does not make the mention a task again.
 */
function foldListedAgain(path: string, drafts: readonly DraftTask[], problems: InputProblem[], survivorOf: Map<DraftTask, DraftTask>, { byTitle, repeated }: TitleGroups): void {
  if (!repeated) return;
  let listed: DraftTask[] | null = null;
  for (const draft of drafts) if (draft.sectionStatus !== undefined && !survivorOf.has(draft)) (listed ??= []).push(draft);
  if (listed === null) return;
  for (const mention of listed) {
    const written = byTitle.get(restatedTitle(mention.title));
    if (written?.length !== 2) continue;
    const task = written[0] === mention ? (written[1] as DraftTask) : (written[0] as DraftTask);
    if (task.sectionStatus !== undefined || task.sourceId !== null || mention.sourceId !== null) continue;
    if (mention.parent !== null && mention.parent !== task.parent) continue;
    if (drafts.some((draft) => draft.parent === mention && !survivorOf.has(draft))) continue;
    // A status the list has only from its heading is no claim: the item's own stands (the list is not kept up to date).
    const ownMark = mention.status.from !== 'section';
    const claims = ownMark && takeClaim(mention, task);
    survivorOf.set(mention, task);
    problems.push({
      severity: 'warning',
      code: 'restated-item',
      file: path,
      line: task.line,
      message: `"${truncateForMessage(task.title, 60)}" is listed again at line ${mention.line}, in a list of the work by status (${mention.status.raw ?? mention.status.canonical}${ownMark ? '' : ', from its heading'}); read as one task, the item at line ${task.line}: ${claims ? `the status "${task.status.raw ?? task.status.canonical}" of line ${task.statusLine}, the furthest along` : `its own status "${task.status.raw ?? task.status.canonical}" stands`}`,
      received: truncateForMessage(`${mention.status.raw ?? mention.status.canonical} / ${task.status.raw ?? task.status.canonical}`),
      fix: 'nothing to do if the list names that task; if it is another task, give it its own title',
    });
  }
}

/**
 * Whether a mention's own status claims another than its task's; then the task takes the furthest along of the two
 * (`pickStatus`): closing the task, which edits its own line, does not make the mention a task again.
 */
function takeClaim(mention: DraftTask, task: DraftTask): boolean {
  if (mention.status.canonical === task.status.canonical) return false;
  const stated = pickStatus(mention.line < task.line ? [mention, task] : [task, mention]);
  task.status = stated.status;
  task.statusLine = stated.statusLine;
  return true;
}

/**
 * Items naming a task only by its id (`namesOnlyId`), with a status (`- Task 1.1: ⏳ Pending` under `### Status by
 * task`), where the file writes that task with a title (`### Task 1.1: Implement the booking model`): a mention of it,
 * dropped with a warning, not a second task titled by its id. A mark of its own is a claim (`takeClaim`), as for an
 * item listed again.
 */
function foldIdMentions(path: string, drafts: readonly DraftTask[], problems: InputProblem[], survivorOf: Map<DraftTask, DraftTask>): void {
  let titled: Map<string, DraftTask> | null = null;
  for (const mention of drafts) {
    if (mention.sourceId === null || survivorOf.has(mention) || !namesOnlyId(mention)) continue;
    if (titled === null) {
      titled = new Map();
      for (const draft of drafts) {
        if (draft.sourceId === null || survivorOf.has(draft) || namesOnlyId(draft)) continue;
        const id = normaliseId(draft.sourceId);
        if (!titled.has(id)) titled.set(id, draft);
      }
    }
    const task = titled.get(normaliseId(mention.sourceId));
    if (task === undefined || drafts.some((draft) => draft.parent === mention && !survivorOf.has(draft))) continue;
    const claims = mention.status.from !== 'section' && mention.status.from !== 'default' && takeClaim(mention, task);
    survivorOf.set(mention, task);
    // What a schedule's line says of it (`2024-01-15 to 2024-01-20 (3-5 days estimated)`) is kept in its body.
    if (mention.title.trim() !== mention.sourceId.trim()) task.body.push(mention.title.trim());
    problems.push({
      severity: 'warning',
      code: 'restated-item',
      file: path,
      line: task.line,
      message: `"${truncateForMessage(task.title, 60)}" is named again by its id ${mention.sourceId} alone at line ${mention.line} (${mention.status.raw ?? mention.status.canonical}); read as one task, the one at line ${task.line}: ${claims ? `the status "${task.status.raw ?? task.status.canonical}" of line ${task.statusLine}, the furthest along` : `its own status "${task.status.raw ?? task.status.canonical}" stands`}`,
      received: truncateForMessage(`${mention.status.raw ?? mention.status.canonical} / ${task.status.raw ?? task.status.canonical}`),
      fix: 'nothing to do if the line names that task; if it is another task, give it a title of its own',
    });
  }
}

/**
 * The detail of a task the file lists before it, under the word for the kind of work and the task's id and title (`|
 * 1.1 | Audit the old site | IN PROGRESS |`, then `### Task 1.1: Audit the old site` over its description and steps):
 * one task, the listed one (its key, its status unless the detail states one further along), the detail's text its
 * body and the detail's items its subtasks.
 */
function foldDetails(path: string, drafts: readonly DraftTask[], problems: InputProblem[], survivorOf: Map<DraftTask, DraftTask>): void {
  let listed: Map<string, DraftTask> | null = null;
  let folded = false;
  for (const detail of drafts) {
    const word = detail.sourceId === null || survivorOf.has(detail) ? null : workWordId.exec(normaliseId(detail.sourceId));
    if (word === null || detail.sourceId === null) continue;
    if (listed === null) {
      listed = new Map();
      for (const draft of drafts) {
        if (draft.sourceId === null || survivorOf.has(draft)) continue;
        const id = normaliseId(draft.sourceId);
        if (!workWordId.test(id) && !listed.has(id)) listed.set(id, draft);
      }
    }
    const task = listed.get(normaliseId(detail.sourceId).slice(word[0].length));
    if (task === undefined || task.line > detail.line || task.parent !== detail.parent || restatedTitle(task.title) !== restatedTitle(detail.title)) continue;
    // A status the detail only derives from its steps (`children`) states nothing of its own.
    const claims = detail.status.from !== 'section' && detail.status.from !== 'default' && detail.status.from !== 'children' && takeClaim(detail, task);
    survivorOf.set(detail, task);
    task.body.push(...detail.body);
    folded = true;
    problems.push({
      severity: 'warning',
      code: 'restated-item',
      file: path,
      line: task.line,
      message: `"${truncateForMessage(task.title, 60)}" is described again under its id ${detail.sourceId} at line ${detail.line}; read as one task, the one listed at line ${task.line}, the description its text: ${claims ? `the status "${task.status.raw ?? task.status.canonical}" of line ${task.statusLine}, the furthest along` : `its status "${task.status.raw ?? task.status.canonical}" stands`}`,
      received: truncateForMessage(`${task.status.raw ?? task.status.canonical} / ${detail.status.raw ?? detail.status.canonical}`),
      fix: 'nothing to do if the section describes that task; if it is another task, give it a title or an id of its own',
    });
  }
  // The detail's steps move under the task listed.
  if (folded) moveUnderSurvivors(drafts, survivorOf);
}

/** Children of a dropped statement move under the one kept. */
function moveUnderSurvivors(drafts: readonly DraftTask[], survivorOf: ReadonlyMap<DraftTask, DraftTask>): void {
  for (const draft of drafts) {
    let parent = draft.parent;
    while (parent !== null && survivorOf.has(parent)) parent = survivorOf.get(parent) ?? null;
    draft.parent = parent;
  }
}
/** A word naming the kind of work before an id's number (`TASK 1.1`, `STORY 4`, `AUFGABE 2`), as `normaliseId` writes it. */
const workWordId = /^(?:TASK|STORY|ITEM|TICKET|AUFGABE|TÂCHE|TAREA|TAREFA|ЗАДАЧА|任务)\s*(?=\d)/u;

/**
 * Whether a draft names its task by its id alone: a title that is the id, or only when the work is scheduled and notes
 * on it (`- **TASK-002**: 2024-01-15 to 2024-01-20 (3-5 days estimated)`, a schedule's line).
 */
function namesOnlyId(draft: DraftTask): boolean {
  const title = draft.title.trim();
  if (draft.sourceId === null) return false;
  if (title === draft.sourceId.trim()) return true;
  if (!/\d{4}-\d{2}-\d{2}/u.test(title)) return false;
  return title.replace(/[(（][^()（）]*[)）]/gu, ' ').replace(/\d{4}-\d{2}-\d{2}/gu, ' ').replace(scheduleJoins, ' ').trim() === '';
}
/** What joins the days of a schedule (`2024-01-15 to 2024-01-20`, `bis`, `a`, `→`). */
const scheduleJoins = /(?<![\p{L}])(?:to|until|a|até|bis|au|al|hasta|до|по|→|->|[-–—~〜])(?![\p{L}])/giu;

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, index) => part === b[index]);
}
