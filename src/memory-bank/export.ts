/**
 * The Vikunja → Markdown export behind `membank restore --from-vikunja` (pure: tasks in, Markdown out). Each task
 * membank created carries its source key (`source: <path>#<anchor>` and the marker derived from it) in its
 * description footer; the export writes it back under that path, as a checklist item the parser reads to the same
 * key: the anchor's headings as headings, a parent task's children nested under it, an id anchor as a bracketed
 * id (`[PM-003] · Title`). Status (checkbox + `Status:`), priority and due date are inline fields, from Vikunja's
 * state (the raw words of the footer when they still say the same); labels and the description follow the item.
 * Tasks made in Vikunja (no source) go to one file per project, `<projectFolder>/<project-slug>.md`.
 */
import { createMarker } from '../core/mapping.js';
import type { TaskStatusValue } from '../core/task-record.js';
import type { ExportedFile, ExportOptions, ExportProject, ExportTask, VikunjaExport } from '../core/vikunja-export.js';
import { namesStatuses, readDataFormat } from './data-file.js';
import { readStatusMapTitle } from './extractors/status-map.js';
import { dropTrailingStatus } from './extractors/outline/headings.js';
import { slugify } from './keys.js';
import { createVocabulary, decodeCharacterReferences, type Vocabulary } from './vocabulary.js';

/** What the provenance footer of a task description says. */
interface Footer {
  key: string;
  path: string;
  anchor: string;
  marker: string;
  status: string | null;
  priority: string | null;
  /** The description without the footer (HTML). */
  body: string;
}

const footerPattern = /<hr\s*\/?>\s*<p>\s*<small>([\s\S]*?membank-id:\s*mb-[0-9a-f]{16}[\s\S]*?)<\/small>\s*<\/p>\s*$/u;

/** Text of HTML with its character references decoded, a no-break space read as a space. */
function decodeEntities(text: string): string {
  return decodeCharacterReferences(text).replace(/\u00a0/gu, ' ');
}

/** Reads membank's provenance footer (see `renderProvenanceFooter`), or null when the task has none or it is inconsistent. */
export function readFooter(description: string): Footer | null {
  const match = footerPattern.exec(description);
  if (match?.[1] === undefined) return null;
  const rows = match[1].split(/<br\s*\/?>/u).map((row) => decodeEntities(row.trim()));
  const read = (name: string): string | null => {
    const row = rows.find((candidate) => candidate.startsWith(`${name}: `));
    return row === undefined ? null : row.slice(name.length + 2);
  };
  const source = read('source');
  const marker = read('membank-id');
  if (source === null || marker === null) return null;
  const hash = source.indexOf('#');
  if (hash <= 0) return null;
  // The marker is derived from the key: a footer whose source does not give its marker was edited by hand.
  if (createMarker(source) !== marker) return null;
  return { key: source, path: source.slice(0, hash), anchor: source.slice(hash + 1), marker, status: read('status'), priority: read('priority'), body: description.slice(0, match.index) };
}

/** Readable text of a description's HTML: paragraphs, line breaks and list items kept, tags dropped. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<br\s*\/?>/gu, '\n')
    .replace(/<\/(?:p|div|h[1-6]|pre|blockquote|ul|ol|table|tr)>/gu, '\n\n')
    .replace(/<li[^>]*>/gu, '- ')
    .replace(/<\/li>/gu, '\n')
    .replace(/<[^>]+>/gu, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

const statusWords: Record<TaskStatusValue, string> = {
  todo: 'Todo',
  in_progress: 'In Progress',
  blocked: 'Blocked',
  done: 'Done',
  cancelled: 'Cancelled',
  deferred: 'Deferred',
  planned: 'Planned',
  unknown: 'Todo',
};

const priorityWords: Record<number, string> = { 1: 'P3', 2: 'P2', 3: 'P1', 4: 'P0', 5: 'Do now' };

/** The status Vikunja holds for a task, in the parser's vocabulary: done, status labels, then the Kanban bucket. */
export function readVikunjaStatus(task: ExportTask): TaskStatusValue {
  if (task.done) return 'done';
  const labels = new Set(task.labels.map((label) => label.toLowerCase()));
  if (labels.has('cancelled')) return 'cancelled';
  if (labels.has('deferred')) return 'deferred';
  if (labels.has('blocked') || task.bucket === 'Blocked') return 'blocked';
  if (labels.has('planned')) return 'planned';
  if (task.bucket === 'Doing') return 'in_progress';
  return 'todo';
}

/** A value safe inside an inline `(Status: …, Priority: …)` group: one line, no parentheses, commas or semicolons. */
function isInlineSafe(value: string): boolean {
  return value.trim() !== '' && !/[()（）,，;；\n\r<>]/u.test(value) && value.length <= 60;
}

function selectStatusText(task: ExportTask, footer: Footer | null, vocabulary: Vocabulary): { checkbox: string; status: string | null } {
  const state = readVikunjaStatus(task);
  const checkbox = state === 'done' ? 'x' : state === 'in_progress' ? '-' : ' ';
  const raw = footer?.status ?? null;
  // A checkbox the parser read (`[ ]`, `[x]`) is no status word: the checkbox written here says it.
  if (raw !== null && isInlineSafe(raw) && !/^\[.?\]$/u.test(raw.trim())) {
    const canonical = vocabulary.matchStatus(raw).canonical;
    // The author's own words, as long as they still mean what Vikunja holds. An unknown word (Vikunja's to-do) gets
    // the checkbox `[?]`, which says no status of its own, so the item reads back as unknown, as it was.
    if (canonical === state) return { checkbox, status: raw };
    if (canonical === 'unknown' && state === 'todo') return { checkbox: '?', status: raw };
  }
  return { checkbox, status: state === 'todo' || state === 'done' ? null : statusWords[state] };
}

function selectPriorityText(task: ExportTask, footer: Footer | null, vocabulary: Vocabulary): string | null {
  if (task.priority <= 0) return null;
  const raw = footer?.priority ?? null;
  if (raw !== null && isInlineSafe(raw) && vocabulary.matchPriority(raw).value === task.priority) return raw;
  return priorityWords[task.priority] ?? null;
}

/** A due date as the parser reads it back: date-only for membank's all-day noon, else the instant. */
function formatDue(due: string | null): string | null {
  if (due === null) return null;
  const allDay = /^(\d{4}-\d{2}-\d{2})T12:00:00(?:\.0+)?Z$/u.exec(due);
  if (allDay?.[1] !== undefined) return allDay[1];
  const parsed = new Date(due);
  return Number.isNaN(parsed.getTime()) ? null : `${parsed.toISOString().slice(0, 19)}Z`;
}

const idSeparator = ' · ';
const bracketableId = /^(?:[A-Z]{2,}[A-Z0-9]*-?\d+[A-Za-z]?|[A-Z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)*[-_]\d+[A-Za-z]?)(?:[.-][0-9A-Za-z]+)*$|^\d+(?:\.\d+)+$/u;
const wordId = /^(?:Task|Subtask|Milestone|Story|Issue|Bug|Epic|Feature|Ticket)\s+#?\d+(?:\.\d+)*$/iu;

/** The item text that gives the task's anchor back: `[ID] · Title` for an id anchor, else the title. */
function renderItemTitle(task: ExportTask, anchor: string): string {
  const title = task.title.replace(/[\r\n]+/gu, ' ').replace(/<!--/gu, '< !--').trim();
  const cut = title.indexOf(idSeparator);
  if (cut > 0) {
    const id = title.slice(0, cut);
    const rest = title.slice(cut + idSeparator.length);
    if (id.trim().replace(/\s+/gu, '-') === anchor) {
      if (bracketableId.test(id)) return `[${id}]${idSeparator}${rest}`;
      if (wordId.test(id)) return `${id}: ${rest}`;
    }
  }
  return title;
}

interface Placed {
  task: ExportTask;
  footer: Footer;
  /** Anchor parts without the `~N` ordinal. */
  parts: string[];
  children: Placed[];
  /** Heading parts above the item (the anchor's parts that are not tasks). */
  headings: string[];
}

function renderItem(item: Placed, depth: number, vocabulary: Vocabulary, options: ExportOptions, out: string[]): void {
  const indent = '  '.repeat(depth);
  const { checkbox, status } = selectStatusText(item.task, item.footer, vocabulary);
  const fields: string[] = [];
  if (status !== null) fields.push(`Status: ${status}`);
  const priority = selectPriorityText(item.task, item.footer, vocabulary);
  if (priority !== null) fields.push(`Priority: ${priority}`);
  const due = formatDue(item.task.dueDate);
  if (due !== null) fields.push(`Due: ${due}`);
  const group = fields.length === 0 ? '' : ` (${fields.join(', ')})`;
  out.push(`${indent}- [${checkbox}] ${renderItemTitle(item.task, item.parts[item.parts.length - 1] ?? '')}${group}`);
  // On its own line: a comment at the end of the item's line would become part of some extractors' titles.
  out.push(`${indent}  <!-- membank: ${item.footer.marker} vikunja #${item.task.id} -->`);
  const { owner, tags } = splitLabels(item.task, options);
  if (owner !== null) out.push(`${indent}  - **Owner**: ${owner}`);
  if (tags.length > 0) out.push(`${indent}  - **Tags**: ${tags.join(', ')}`);
  const body = htmlToText(item.footer.body);
  // A blockquote keeps the description as text: a checklist inside it never becomes a task.
  if (body !== '') for (const line of body.split('\n')) out.push(`${indent}  >${line === '' ? '' : ` ${line}`}`);
  for (const child of item.children) renderItem(child, depth + 1, vocabulary, options, out);
}

/**
 * Labels as the bank writes them: the owner label (`owner:Sam`) as the owner, the rest as tags — not the status
 * labels (the status says them) nor the run labels membank adds itself.
 */
function splitLabels(task: ExportTask, options: ExportOptions): { owner: string | null; tags: string[] } {
  const implied = new Set(['blocked', 'cancelled', 'deferred', 'planned', ...options.mapping.runLabels.map((label) => label.toLowerCase())]);
  const prefix = options.mapping.ownerLabelPrefix;
  let owner: string | null = null;
  const tags: string[] = [];
  for (const label of task.labels) {
    if (implied.has(label.toLowerCase())) continue;
    if (prefix !== '' && owner === null && label.startsWith(prefix) && label.length > prefix.length) owner = label.slice(prefix.length);
    else tags.push(label);
  }
  return { owner, tags };
}

/** The line every regenerated file carries: which project it came from and when (`command` in Markdown's code quotes, or plain in data files). */
function regeneratedNote(project: ExportProject, options: ExportOptions, command: string): string {
  return `Regenerated by ${command} from Vikunja project "${project.title}" (#${project.id}) at ${options.exportedAt}.`;
}

/**
 * A file whose one task is the document itself (a frontmatter task, a task file keyed by its title): frontmatter with
 * title, status, priority, due, owner and tags, the title as H1, the description as the body.
 */
function renderTaskDocument(path: string, item: Placed, project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile {
  const { task, footer } = item;
  const state = readVikunjaStatus(task);
  const raw = footer.status;
  const status = raw !== null && isInlineSafe(raw) && vocabulary.matchStatus(raw).canonical === state ? raw : statusWords[state];
  const lines = ['---', `title: ${JSON.stringify(task.title)}`, `status: ${JSON.stringify(status)}`];
  const priority = selectPriorityText(task, footer, vocabulary);
  if (priority !== null) lines.push(`priority: ${JSON.stringify(priority)}`);
  const due = formatDue(task.dueDate);
  if (due !== null) lines.push(`due: ${JSON.stringify(due)}`);
  const { owner, tags } = splitLabels(task, options);
  if (owner !== null) lines.push(`owner: ${JSON.stringify(owner)}`);
  if (tags.length > 0) lines.push(`tags: [${tags.map((tag) => JSON.stringify(tag)).join(', ')}]`);
  lines.push('---', `# ${task.title.replace(/[\r\n]+/gu, ' ')}`, '', regeneratedNote(project, options, '`membank restore`'), '');
  const body = htmlToText(footer.body);
  if (body !== '') lines.push(body, '');
  lines.push(`<!-- membank: ${footer.marker} vikunja #${task.id} -->`);
  return { path, text: `${lines.join('\n')}\n`, keys: [footer.key] };
}

/** A table cell: one line, pipes escaped. */
function formatCell(text: string): string {
  return text.replace(/\r?\n/gu, '<br>').replace(/\|/gu, '\\|').trim();
}

/** The id cell and title cell of a row that gives the anchor back: the id when the anchor is the task's id. */
function splitRowTitle(task: ExportTask, anchor: string): { id: string; title: string } {
  const title = task.title.replace(/[\r\n]+/gu, ' ').trim();
  const cut = title.indexOf(idSeparator);
  if (cut > 0) {
    const id = title.slice(0, cut);
    if (id.trim().replace(/\s+/gu, '-') === anchor) return { id, title: title.slice(cut + idSeparator.length) };
  }
  return { id: '', title };
}

/**
 * A file whose tasks have no parent among them: task tables (one per heading), which the parser reads in any
 * location (a document that is mostly an id-keyed task table) and which carry any id, bare numbers included.
 */
function renderTableFile(path: string, roots: readonly Placed[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile {
  const out: string[] = ['# Restored from Vikunja', '', regeneratedNote(project, options, '`membank restore`')];
  let current: string[] | null = null;
  for (const item of roots) {
    const same = current !== null && item.headings.length === current.length && item.headings.every((part, index) => part === current?.[index]);
    if (!same) {
      out.push('');
      let common = 0;
      const previous = current ?? [];
      while (common < Math.min(previous.length, item.headings.length) && previous[common] === item.headings[common]) common++;
      for (let level = common; level < item.headings.length; level++) {
        out.push(`${'#'.repeat(Math.min(6, level + 2))} ${headingText(item.headings[level] ?? '', vocabulary)}`, '');
      }
      out.push(...tableHeader);
      current = item.headings;
    }
    out.push(renderTableRow(item, vocabulary, options));
  }
  return { path, text: `${out.join('\n')}\n`, keys: roots.map((item) => item.footer.key) };
}

const tableHeader = ['| ID | Task | Status | Priority | Due | Owner | Tags | Notes |', '|---|---|---|---|---|---|---|---|'];

/** A task as a row of a task table: its id cell, title, status, priority, due, owner, tags, and its description in Notes. */
function renderTableRow(item: Placed, vocabulary: Vocabulary, options: ExportOptions): string {
  const { task, footer } = item;
  const state = readVikunjaStatus(task);
  const raw = footer.status;
  // A cell holds any one-line value (commas and parentheses included), unlike an inline group.
  const keep = raw !== null && raw.trim() !== '' && !/[\r\n]/u.test(raw) && !/^\[.?\]$/u.test(raw.trim()) && (vocabulary.matchStatus(raw).canonical === state || (vocabulary.matchStatus(raw).canonical === 'unknown' && state === 'todo'));
  const status = keep && raw !== null ? raw : statusWords[state];
  const { id, title } = splitRowTitle(task, item.parts[item.parts.length - 1] ?? '');
  const { owner, tags } = splitLabels(task, options);
  const body = htmlToText(footer.body);
  const notes = `${body === '' ? '' : `${body} `}<!-- membank: ${footer.marker} vikunja #${task.id} -->`;
  const row = [id, title, status, selectPriorityText(task, footer, vocabulary) ?? '', formatDue(task.dueDate) ?? '', owner ?? '', tags.join(', '), notes];
  return `| ${row.map(formatCell).join(' | ')} |`;
}

/** Status words of a task list kept as data, one per status (they read back to it). */
const dataStatusWords: Record<TaskStatusValue, string> = {
  todo: 'todo',
  in_progress: 'in_progress',
  blocked: 'blocked',
  done: 'done',
  cancelled: 'cancelled',
  deferred: 'deferred',
  planned: 'planned',
  unknown: 'todo',
};

/** One item of a regenerated data file: its fields in the order the file writes them, its subtasks, its marker. */
interface DataItem {
  fields: [string, string | string[]][];
  marker: string;
  subtasks: DataItem[];
}

function readDataItem(item: Placed, vocabulary: Vocabulary, options: ExportOptions): DataItem {
  const { task, footer } = item;
  const anchor = item.parts[item.parts.length - 1] ?? '';
  const state = readVikunjaStatus(task);
  const raw = footer.status;
  const status = raw !== null && raw.trim() !== '' && !/[\r\n]/u.test(raw) && vocabulary.matchStatus(raw).canonical === state ? raw : dataStatusWords[state];
  const { id, title } = splitRowTitle(task, anchor);
  const fields: [string, string | string[]][] = [];
  // An anchor that is not its title's slug is the item's id (`P-001`, `bd-a1b2.1`, `1`): written back as `id`.
  if (item.parts.length === 1 && (id !== '' || anchor !== slugify(title))) fields.push(['id', id !== '' ? id : anchor]);
  fields.push(['title', title], ['status', status]);
  const priority = selectPriorityText(task, footer, vocabulary);
  if (priority !== null) fields.push(['priority', priority]);
  const due = formatDue(task.dueDate);
  if (due !== null) fields.push(['due', due]);
  const { owner, tags } = splitLabels(task, options);
  if (owner !== null) fields.push(['owner', owner]);
  if (tags.length > 0) fields.push(['labels', tags]);
  const body = htmlToText(footer.body);
  if (body !== '') fields.push(['description', body]);
  return { fields, marker: `membank: ${footer.marker} vikunja #${task.id}`, subtasks: item.children.map((child) => readDataItem(child, vocabulary, options)) };
}

function toJsonValue(item: DataItem): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(item.fields);
  if (item.subtasks.length > 0) out.subtasks = item.subtasks.map(toJsonValue);
  return out;
}

function renderYamlItem(item: DataItem, indent: string, out: string[]): void {
  item.fields.forEach(([key, value], index) => {
    const text = Array.isArray(value) ? `[${value.map((entry) => JSON.stringify(entry)).join(', ')}]` : JSON.stringify(value);
    out.push(`${indent}${index === 0 ? '- ' : '  '}${key}: ${text}`);
  });
  out.push(`${indent}  # ${item.marker}`);
  if (item.subtasks.length === 0) return;
  out.push(`${indent}  subtasks:`);
  for (const subtask of item.subtasks) renderYamlItem(subtask, `${indent}    `, out);
}

/**
 * A task list kept as data (YAML, JSON, JSON Lines), regenerated in its own format so the parser reads it back to the
 * same keys: items keyed by their id carry it, items keyed by their list and title go back into a list of that name
 * (or the file's root list), subtasks under their parent's `subtasks:`.
 */
function renderDataFile(path: string, format: 'yaml' | 'json' | 'jsonl', items: Placed[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile {
  if (format !== 'jsonl') {
    const map = renderStatusMap(path, format, items, project, vocabulary, options);
    if (map !== null) return map;
  }
  const byAnchor = new Map(items.map((item) => [item.parts.join('/').toLowerCase(), item]));
  const lists = new Map<string, Placed[]>();
  for (const item of items) {
    // A two-part anchor is a subtask under its parent's id, or an item under its list's name.
    const parent = item.parts.length > 1 ? byAnchor.get(item.parts.slice(0, -1).join('/').toLowerCase()) : undefined;
    if (parent !== undefined && parent !== item) {
      parent.children.push(item);
      continue;
    }
    const label = item.parts.length > 1 ? item.parts.slice(0, -1).join('-') : '';
    lists.set(label, [...(lists.get(label) ?? []), item]);
  }
  // Items keyed by id fit any list: with a named list in the file they join the first one, else the file is one list.
  const named = [...lists.keys()].filter((label) => label !== '');
  const loose = lists.get('') ?? [];
  if (named.length > 0 && loose.length > 0) {
    const first = named[0] as string;
    const keyedById = (item: Placed): boolean => item.parts.length === 1 && item.parts[0] !== slugify(item.task.title);
    lists.set(first, [...loose.filter(keyedById), ...(lists.get(first) ?? [])]);
    const rest = loose.filter((item) => !keyedById(item));
    if (rest.length > 0) lists.set('', rest);
    else lists.delete('');
  }
  const rendered = new Map([...lists].map(([label, placed]) => [label, placed.map((item) => readDataItem(item, vocabulary, options))]));
  const note = regeneratedNote(project, options, 'membank restore');
  let text: string;
  if (format === 'yaml') {
    const out = [`# ${note}`];
    for (const [label, list] of rendered) {
      if (label !== '') out.push(`${JSON.stringify(label)}:`);
      for (const item of list) renderYamlItem(item, label === '' ? '' : '  ', out);
    }
    text = `${out.join('\n')}\n`;
  } else if (format === 'jsonl') {
    text = [...rendered.values()].flat().map((item) => `${JSON.stringify(toJsonValue(item))}\n`).join('');
  } else {
    const root = rendered.size === 1 && rendered.has('') ? (rendered.get('') ?? []).map(toJsonValue) : Object.fromEntries([...rendered].map(([label, list]) => [label === '' ? 'tasks' : label, list.map(toJsonValue)]));
    text = `${JSON.stringify(root, null, 2)}\n`;
  }
  return { path, text, keys: items.map((item) => item.footer.key) };
}

/**
 * A heading part of an anchor as heading text: its words (`backend` → `backend`, `week-1` → `week 1`), unless the
 * parser would read its last words as a status and drop them from the heading's key segment (`implementation-plan`:
 * "plan" reads as planned, so "implementation plan" would key its items `implementation/…`) — then the part as written.
 */
function headingText(part: string, vocabulary: Vocabulary): string {
  const text = part.replace(/-/gu, ' ');
  return dropTrailingStatus(text, vocabulary) === text ? text : part;
}

/** A status map's value or name, plain where YAML reads it back as the same text. */
function yamlWord(text: string): string {
  return /^[\p{L}\d][\p{L}\d._-]*$/u.test(text) && !/^(?:true|false|null|yes|no|on|off|[-+]?[\d._]+)$/iu.test(text) ? text : JSON.stringify(text);
}

/**
 * A file named for statuses whose items are each a name and a status only (no subtasks, no other field, the title
 * the name's words): a status map again (`1-3-export-themes: backlog`), under `development_status:` in BMAD's
 * `sprint-status.yaml`; else null (written as a list of items).
 */
function renderStatusMap(path: string, format: 'yaml' | 'json', items: Placed[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  // Named for statuses, not for work: a `todo.yaml` of items with a title and a status stays a list.
  if (!namesStatuses(base.replace(/\.[^.]*$/u, ''))) return null;
  const entries: { name: string; status: string; marker: string }[] = [];
  for (const item of items) {
    const name = item.parts[0];
    if (name === undefined || item.parts.length !== 1 || item.children.length > 0) return null;
    const data = readDataItem(item, vocabulary, options);
    const fields = new Map(data.fields);
    const status = fields.get('status');
    if (typeof status !== 'string' || fields.get('title') !== readStatusMapTitle(name) || [...fields.keys()].some((key) => key !== 'id' && key !== 'title' && key !== 'status')) return null;
    entries.push({ name, status, marker: data.marker });
  }
  const wrapper = base.toLowerCase() === 'sprint-status.yaml' ? 'development_status' : null;
  const note = regeneratedNote(project, options, 'membank restore');
  let text: string;
  if (format === 'yaml') {
    const indent = wrapper === null ? '' : '  ';
    const out = [`# ${note}`, ...(wrapper === null ? [] : [`${wrapper}:`])];
    for (const entry of entries) out.push(`${indent}${yamlWord(entry.name)}: ${yamlWord(entry.status)}  # ${entry.marker}`);
    text = `${out.join('\n')}\n`;
  } else {
    const map = Object.fromEntries(entries.map((entry) => [entry.name, entry.status]));
    text = `${JSON.stringify(wrapper === null ? map : { [wrapper]: map }, null, 2)}\n`;
  }
  return { path, text, keys: items.map((item) => item.footer.key) };
}

/** The plan heading of a task file, as its items' keys name it (`implementation-plan/…`). */
const planPart = 'implementation-plan';

/**
 * A task file (Cline's `tasks/TASK007-export.md`): one task keyed by the id its file name starts with, the others the
 * rows of its subtask table (keyed by their ids, `2.1`) or its plan's items (`implementation-plan/…`), not both.
 * Written as one again — `# TASK007 - Export to CSV`, its `**Status:**`, `**Priority:**` and `**Due:**` fields and
 * description, then `### Subtasks` as a task table or `## Implementation Plan` with the items as a checklist — so the
 * parser reads it as the task file it was (not, by its name, as a report) and its items back as the task's subtasks
 * with the same keys; null for any other file.
 */
function renderTaskFile(path: string, roots: readonly Placed[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const named = roots.filter((item) => item.parts.length === 1 && /\d/u.test(item.parts[0] ?? '') && name.startsWith((item.parts[0] ?? '').toLowerCase()));
  const main = named[0];
  const id = main?.parts[0];
  if (main === undefined || id === undefined || named.length !== 1 || main.children.length > 0) return null;
  const rows = roots.filter((item) => item !== main && item.parts.length === 1);
  const items = roots.filter((item) => item !== main && item.parts.length > 1);
  if (rows.some((row) => row.children.length > 0) || (rows.length > 0 && items.length > 0)) return null;
  if (items.some((item) => item.headings.length !== 1 || item.headings[0] !== planPart)) return null;
  // A plan's nested items are keyed as its other items are: their Vikunja parent says where they sit.
  const byId = new Map(items.map((item) => [item.task.id, item]));
  const parentOf = (item: Placed): Placed | undefined => (item.task.parentId === undefined || item.task.parentId === null ? undefined : byId.get(item.task.parentId));
  const plan = items.filter((item) => {
    const parent = parentOf(item);
    // A chain of parents that comes back to the item (Vikunja refuses those) keeps it at the top: never dropped.
    let up = parent;
    for (let step = 0; up !== undefined && up !== item && step < items.length; step++) up = parentOf(up);
    if (parent === undefined || up === item) return true;
    parent.children.push(item);
    return false;
  });
  const { task, footer } = main;
  const { title } = splitRowTitle(task, id);
  const { status } = selectStatusText(task, footer, vocabulary);
  const out = [`# ${id} - ${title.replace(/<!--/gu, '< !--')}`, '', `**Status:** ${status ?? statusWords[readVikunjaStatus(task)]}`];
  const priority = selectPriorityText(task, footer, vocabulary);
  if (priority !== null) out.push(`**Priority:** ${priority}`);
  const due = formatDue(task.dueDate);
  if (due !== null) out.push(`**Due:** ${due}`);
  out.push('', `<!-- membank: ${footer.marker} vikunja #${task.id} -->`, '', regeneratedNote(project, options, '`membank restore`'), '');
  const body = htmlToText(footer.body);
  if (body !== '') out.push(body, '');
  if (rows.length > 0) out.push('## Progress Tracking', '', '### Subtasks', '', ...tableHeader, ...rows.map((row) => renderTableRow(row, vocabulary, options)));
  if (plan.length > 0) out.push('## Implementation Plan', '');
  for (const item of plan) renderItem(item, 0, vocabulary, options, out);
  return `${out.join('\n')}\n`;
}

function renderSourceFile(path: string, items: Placed[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile {
  const format = readDataFormat(path);
  if (format !== null) return renderDataFile(path, format, items, project, vocabulary, options);
  const only = items.length === 1 ? items[0] : undefined;
  if (only !== undefined && only.parts.length === 1 && only.parts[0] === slugify(only.task.title)) return renderTaskDocument(path, only, project, vocabulary, options);
  const byKey = new Map(items.map((item) => [`${item.footer.path}#${item.parts.join('/')}`, item]));
  const roots: Placed[] = [];
  for (const item of items) {
    // The longest prefix of the anchor that is another task of this file is its parent; the parts above it are headings.
    let parent: Placed | undefined;
    let headingCount = item.parts.length - 1;
    for (let take = item.parts.length - 1; take >= 1; take--) {
      const candidate = byKey.get(`${path}#${item.parts.slice(0, take).join('/')}`);
      if (candidate !== undefined && candidate !== item) {
        parent = candidate;
        break;
      }
    }
    if (parent !== undefined) {
      parent.children.push(item);
      continue;
    }
    for (let take = 1; take < item.parts.length; take++) {
      if (byKey.has(`${path}#${item.parts.slice(0, take).join('/')}`)) {
        headingCount = take - 1;
        break;
      }
    }
    item.headings = item.parts.slice(0, headingCount);
    roots.push(item);
  }
  const taskFile = renderTaskFile(path, roots, project, vocabulary, options);
  if (taskFile !== null) return { path, text: taskFile, keys: items.map((item) => item.footer.key) };
  if (roots.length === items.length) return renderTableFile(path, roots, project, vocabulary, options);
  const out: string[] = ['# Restored from Vikunja', '', regeneratedNote(project, options, '`membank restore`')];
  let current: string[] = [];
  for (const item of roots) {
    const same = item.headings.length === current.length && item.headings.every((part, index) => part === current[index]);
    if (!same || out[out.length - 1] !== '') out.push('');
    if (!same) {
      let common = 0;
      while (common < Math.min(current.length, item.headings.length) && current[common] === item.headings[common]) common++;
      for (let level = common; level < item.headings.length; level++) {
        out.push(`${'#'.repeat(Math.min(6, level + 2))} ${headingText(item.headings[level] ?? '', vocabulary)}`, '');
      }
      current = item.headings;
    }
    renderItem(item, 0, vocabulary, options, out);
  }
  return { path, text: `${out.join('\n')}\n`, keys: items.map((item) => item.footer.key) };
}

function renderProjectFile(tasks: readonly ExportTask[], project: ExportProject, vocabulary: Vocabulary, options: ExportOptions): ExportedFile {
  const out: string[] = [`# ${project.title}`, '', `Tasks made in Vikunja project "${project.title}" (#${project.id}), exported by \`membank restore\` at ${options.exportedAt}.`, ''];
  for (const task of tasks) {
    const { checkbox, status } = selectStatusText(task, null, vocabulary);
    const fields: string[] = [];
    if (status !== null) fields.push(`Status: ${status}`);
    const priority = selectPriorityText(task, null, vocabulary);
    if (priority !== null) fields.push(`Priority: ${priority}`);
    const due = formatDue(task.dueDate);
    if (due !== null) fields.push(`Due: ${due}`);
    const title = task.title.replace(/[\r\n]+/gu, ' ').replace(/<!--/gu, '< !--').trim();
    out.push(`- [${checkbox}] ${title}${fields.length === 0 ? '' : ` (${fields.join(', ')})`}`, `  <!-- vikunja #${task.id} -->`);
    const { owner, tags } = splitLabels(task, options);
    if (owner !== null) out.push(`  - **Owner**: ${owner}`);
    if (tags.length > 0) out.push(`  - **Tags**: ${tags.join(', ')}`);
    const body = htmlToText(task.description);
    if (body !== '') for (const line of body.split('\n')) out.push(`  >${line === '' ? '' : ` ${line}`}`);
  }
  const slug = slugify(project.title) || `project-${project.id}`;
  return { path: `${options.projectFolder}/${slug}.md`, text: `${out.join('\n')}\n`, keys: [] };
}

/**
 * Renders a Vikunja project as Markdown: one file per original source file (the tasks membank created, under their
 * key's path, so `parse` reads them back to the same keys, statuses, priorities and due dates), plus one file per
 * project for tasks made in Vikunja. Tasks are written in Vikunja's position order.
 */
export function renderVikunjaExport(project: ExportProject, options: ExportOptions): VikunjaExport {
  const vocabulary = createVocabulary(options.vocabulary);
  const byPath = new Map<string, Placed[]>();
  const unsourced: ExportTask[] = [];
  const placed: { key: string; taskId: number }[] = [];
  const seen = new Set<string>();
  for (const task of project.tasks) {
    const footer = readFooter(task.description);
    if (footer === null || seen.has(footer.key)) {
      unsourced.push(task);
      continue;
    }
    seen.add(footer.key);
    const parts = footer.anchor.replace(/~\d+$/u, '').split('/');
    const list = byPath.get(footer.path) ?? [];
    list.push({ task, footer, parts, children: [], headings: [] });
    byPath.set(footer.path, list);
    placed.push({ key: footer.key, taskId: task.id });
  }
  const files: ExportedFile[] = [];
  for (const path of [...byPath.keys()].sort()) files.push(renderSourceFile(path, byPath.get(path) ?? [], project, vocabulary, options));
  if (unsourced.length > 0) files.push(renderProjectFile(unsourced, project, vocabulary, options));
  return { files, placed, unsourced: unsourced.map((task) => task.id) };
}
