/**
 * Metadata fields under a task (`**Priority:** High`, `- **Owner**: Ana`, key/value tables): read into the task
 * they belong to; unknown short fields go to `extra`, long ones to the body.
 */
import type { Blockquote, List, ListItem, Paragraph, RootContent } from 'mdast';
import { readEndLine, readLine, readListItemHead, readTableRows } from '../../markdown.js';
import { normaliseDate, readsAsStatus, readsAsStatusBeforeNote, stripInlineMarkdown } from '../../vocabulary.js';
import { applyField, cleanFieldName } from '../draft.js';
import { listMarker, readBoldFieldLine, readFieldLine, readParagraphFields, readPlainFieldLine, type LineField } from '../fields.js';
import { readKeyValueTable } from '../tables.js';
import { readLeadingBoldField } from '../text.js';
import type { DraftTask } from '../types.js';
import { blockLines, type Walk } from './walk.js';

/** What a section's fields say about its heading: it states a `status`, another task-like field, or neither. */
export type SectionFieldSignal = 'status' | 'taskish' | 'none';

/** The field kinds that make a heading over task items their parent task (a status among them). */
const taskishFields: ReadonlySet<string> = new Set(['status', 'priority', 'owner', 'due', 'done', 'start']);

/** Whether a section's paragraphs or lists hold a field naming a decision taken (`**Decision**: …`, `- Entscheidung: …`). */
function recordsDecision(walk: Walk, nodes: readonly RootContent[]): boolean {
  for (const line of blockLines(walk, nodes)) if (decisionFieldLine.test(line)) return true;
  return false;
}
/** A line opening with a field naming a decision taken (`Decision`, `Entscheidung`, `Décision`, `Решение`, `决定`). */
const decisionFieldLine = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?(?:decision|entscheidung|d[ée]cision|decisi[óo]n|decis[ãa]o|decisione|beslissing|решение|决定|决策|決定|결정)\s*(?:\*\*|__)?\s*[:：]/iu;

/**
 * Whether a section's paragraphs and (non-checkbox) bullets state a `status` field, another task-like field
 * (priority, owner, due, done, start), or neither. Reads in order and stops as soon as the answer cannot change:
 * at the first status field, or, when only "task-like or not" matters (`statusMatters` false), at the first
 * task-like one — no list of every field is made for a question of two booleans. A status beside a field naming a
 * decision (`recordsDecision`) is none.
 */
export function readSectionFieldSignal(walk: Walk, nodes: readonly RootContent[], statusMatters: boolean, knownStatus = false): SectionFieldSignal {
  const signal = readFieldSignal(walk, nodes, statusMatters, knownStatus);
  // Fields recording a decision (`- **Decision**: Use Vite` beside `- **Status**: Confirmed`, in either order): the
  // status is the decision's, no work's.
  return signal === 'status' && recordsDecision(walk, nodes) ? 'none' : signal;
}

/** `readSectionFieldSignal`, decisions aside. */
function readFieldSignal(walk: Walk, nodes: readonly RootContent[], statusMatters: boolean, knownStatus = false): SectionFieldSignal {
  const { ctx } = walk;
  let found: SectionFieldSignal = 'none';
  // With `knownStatus`, a status field counts only when its value reads as a status (`Done`, not `building the core`).
  const weigh = (name: string, value: string): boolean => {
    const kind = ctx.vocabulary.matchField(name);
    if (kind === 'status' && knownStatus && !readsAsStatus(ctx.vocabulary.matchStatus(stripInlineMarkdown(value)))) return false;
    if (kind === 'status') found = 'status';
    else if (kind !== null && taskishFields.has(kind)) found = 'taskish';
    else return false;
    return found === 'status' || !statusMatters;
  };
  // A field written plainly (`Status: In Progress`, `- Owner: Lee`) counts only when it holds a value of its kind: a
  // known name alone opens prose too (`State: shared context for the team…`).
  const weighPlain = (field: LineField): boolean => holdsItsKind(walk, field) && weigh(field.name, field.value);
  for (const node of nodes) {
    if (node.type === 'paragraph') {
      const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary);
      if (fields !== null) {
        for (const field of fields) if (weigh(field.name, field.value)) return found;
        continue;
      }
      const plain = readParagraphFields(ctx.lines, node, ctx.vocabulary, true);
      if (plain !== null) for (const field of plain) if (weighPlain(field)) return found;
    } else if (node.type === 'blockquote') {
      // Quoted (`> **Status:** Done`, `> Status: In progress`): its opening field lines, each holding a value of its kind.
      for (const field of readQuotedFields(walk, node).fields) if (weighPlain(field)) return found;
    } else if (node.type === 'table') {
      // A key/value table (`| Status | Blocked |` over `| Owner | Sam |`, `| Field | Value |` over its rows).
      for (const pair of readKeyValueTable(readTableRows(ctx.lines, node), ctx.vocabulary) ?? []) if (weighPlain(pair)) return found;
    } else if (node.type === 'list') {
      for (const item of node.children) {
        if (item.checked === true || item.checked === false) continue;
        if (!opensBold(ctx.source, item)) {
          const line = readLine(item);
          const plain = readPlainFieldLine((ctx.lines[line - 1] ?? '').replace(listMarker, ''), line, ctx.vocabulary);
          if (plain !== null && weighPlain(plain)) return found;
          continue;
        }
        const head = readListItemHead(ctx.source, item, node);
        if (head.checkbox !== null) continue;
        const field = readLeadingBoldField(head.markdown);
        if (field !== null && weigh(field.name, field.value)) return found;
      }
    }
  }
  return found;
}

const boldOpening = /\s*(?:\*\*|__)/uy;

/**
 * Whether a list item's first paragraph opens with `**` or `__`: only then can its head be a bold field
 * (`readLeadingBoldField`), so most items are ruled out without reading their head.
 */
function opensBold(source: string, item: ListItem): boolean {
  const first = item.children[0];
  const start = first?.type === 'paragraph' ? first.position?.start.offset : undefined;
  if (start === undefined) return false;
  boldOpening.lastIndex = start;
  return boldOpening.test(source);
}

/** Applies fields to their task: known ones set status, dates, owner…; others go to `extra` or the body. */
export function applyLineFields(walk: Walk, owner: DraftTask, fields: readonly LineField[]): void {
  for (const field of fields) {
    const known = applyField(walk.ctx, owner, field.name, field.value, field.line, 'bold-field');
    const value = stripInlineMarkdown(field.value);
    if (!known && value !== '' && value.length <= 120) owner.extra[cleanFieldName(field.name)] = value;
    else if (!known && value !== '') owner.body.push(`**${cleanFieldName(field.name)}:** ${field.value}`);
  }
}

/** A card's field bullet written plainly: a short name, a colon, its value or nothing (`- due: 2026-03-01`, `- steps:`). */
const plainCardField = /^\s*(?:[-*+]|\d{1,9}[.)])\s+(?!\[)([\p{L}][\p{L}\p{M}\u200C\u200D\p{N}_-]*(?: [\p{L}\p{M}\u200C\u200D\p{N}_-]+){0,2})\s*[:：](?:\s+(\S.*))?\s*$/u;

/**
 * A key written as code writes names (`defaultExpanded`, `due_date`): a field, never the words of a task. Each capital
 * opens a word (`macOS`, `iOS` are products' names).
 */
const codeKey = /^(?:\p{Ll}+(?:\p{Lu}[\p{Ll}\p{N}]+)+|\p{Ll}[\p{Ll}\p{N}]*(?:_[\p{Ll}\p{N}]+)+)$/u;

/** A card's fields (see `readCardFields`) and the list that holds them. */
export interface CardFields {
  list: List;
  fields: LineField[];
}

/**
 * The fields of a card: a heading in a status section (a lane of a board: `## In Progress` over `### Login page`)
 * whose first list is made only of field bullets (`- Owner: Dana`, `- **Priority:** high`, `- due: 2026-03-01`,
 * `- steps:` over a checklist) — each item's first line one field, what is nested under it its own — among them one the
 * vocabulary knows holding a value of its kind (a date for `due`, a status for `status`…), a label over a checklist,
 * or one named as code names things (`defaultExpanded: false`). Null for anything else: bullets of prose, items led
 * by a status (`- Done: the login page`), a section holding a table or a second list.
 */
export function readCardFields(walk: Walk, nodes: readonly RootContent[]): CardFields | null {
  const { ctx } = walk;
  const list = nodes.find((node): node is List => node.type === 'list');
  if (list === undefined || nodes.some((node) => node.type === 'table' || (node.type === 'list' && node !== list))) return null;
  const fields: LineField[] = [];
  let known = false;
  for (const item of list.children) {
    const line = readLine(item);
    const head = item.children[0];
    if (item.checked === true || item.checked === false || head?.type !== 'paragraph' || readEndLine(head) !== line) return null;
    const text = ctx.lines[line - 1] ?? '';
    const bold = readBoldFieldLine(text, line);
    const plain = bold === null ? plainCardField.exec(text) : null;
    const read = bold ?? (plain?.[1] === undefined ? null : [{ name: plain[1], value: (plain[2] ?? '').trim(), line }]);
    if (read === null) return null;
    for (const field of read) {
      // A field holding its kind is one even when its name is a status word (`Finished: 2026-02-14`); else such a
      // name leads an item (`Done: the sowing calendar`).
      const holds = holdsItsKind(walk, field) || labelsChecklist(walk, field, item);
      if (!holds && readsAsStatus(ctx.vocabulary.matchStatus(field.name))) return null;
      // A name written as code (`defaultExpanded: false`) is a setting's; a bold one is a term (`**macOS**: sign the
      // installer`), as product names are written.
      known ||= holds || (bold === null && codeKey.test(field.name));
    }
    fields.push(...read);
  }
  return known ? { list, fields } : null;
}

/** Names of a card's bullet that labels its checklist (`- steps:` over `- [ ] …`), beside the vocabulary's subtask fields. */
const checklistLabels: ReadonlySet<string> = new Set(['steps', 'checklist', 'tasks', 'todo', 'todos']);

/** Whether a bullet without a value labels the checklist nested under it (`- steps:`, `- Subtasks:`). */
function labelsChecklist(walk: Walk, field: LineField, item: ListItem): boolean {
  if (field.value !== '') return false;
  const name = field.name.toLowerCase();
  if (!checklistLabels.has(name) && walk.ctx.vocabulary.matchField(name) !== 'deliverables') return false;
  return item.children.some((node) => node.type === 'list' && node.children.some((child) => child.checked === true || child.checked === false));
}

/** Whether a field the vocabulary knows holds a value of its kind: a date, a status, a priority, a name. */
export function holdsItsKind(walk: Walk, field: LineField): boolean {
  return readValueFit(walk, field) === true;
}

/**
 * Whether a plain field line (`Owner: Sam`, `Description: …`) reads as a field: a name the vocabulary knows, holding a
 * value of its kind where its kind has one (`Reminder: the staging database…` is prose, `Status: shared context…` too).
 */
export function readsAsPlainField(walk: Walk, field: LineField): boolean {
  return walk.ctx.vocabulary.matchField(field.name) !== null && readValueFit(walk, field) !== false;
}

/** Whether a field's value is of its kind (a date, a status, a priority, a name); null for a kind that has none. */
function readValueFit(walk: Walk, field: LineField): boolean | null {
  const { vocabulary } = walk.ctx;
  const value = stripInlineMarkdown(field.value);
  if (value === '') return false;
  switch (vocabulary.matchField(field.name)) {
    case 'due':
    case 'start':
    case 'done':
    case 'created':
    case 'updated':
      return normaliseDate(value) !== null;
    case 'status':
      // Or a status and a note in parentheses after it (`In progress (partially satisfied).`).
      return readsAsStatusBeforeNote(vocabulary, value);
    case 'priority':
      return vocabulary.matchPriority(value).matched;
    case 'owner':
    case 'tags':
    case 'estimate':
      return value.length <= 60;
    case null:
      return false;
    default:
      return null;
  }
}

/**
 * The fields of a paragraph written plainly under a heading task (`Status: In Progress` over `Owner: Sam`), each known
 * one holding a value of its kind; null when a line is anything else (`State: shared context for the team…` is prose).
 */
export function readPlainParagraphFields(walk: Walk, paragraph: Paragraph): LineField[] | null {
  const fields = readParagraphFields(walk.ctx.lines, paragraph, walk.ctx.vocabulary, true);
  // A name the vocabulary does not know (`Branch: feature/theme` beside `Status: Review`) is a field of the task's too.
  return fields !== null && fields.every((field) => walk.ctx.vocabulary.matchField(field.name) === null || holdsItsKind(walk, field)) ? fields : null;
}

/** A quote's lines without their `>` marker. */
const quoteMarker = /^\s{0,3}>\s?/u;

/**
 * A block quote's opening field lines (`> Dependencies: 1`, `> **Owner:** Sam`: bold fields, or plain ones with a known
 * name) and the rest of its text.
 */
export function readQuotedFields(walk: Walk, quote: Blockquote): { fields: LineField[]; text: string } {
  const { ctx } = walk;
  const fields: LineField[] = [];
  const text: string[] = [];
  for (let line = readLine(quote); line <= readEndLine(quote); line++) {
    const written = (ctx.lines[line - 1] ?? '').replace(quoteMarker, '');
    const read = text.length === 0 && written.trim() !== '' ? readFieldLine(written, line, ctx.vocabulary) : null;
    if (read !== null) fields.push(...read);
    else if (text.length > 0 || written.trim() !== '') text.push(written);
  }
  return { fields, text: text.join('\n').trim() };
}
