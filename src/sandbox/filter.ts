/**
 * Vikunja's task filter language (API.md §4): `field op value` joined by `&&` / `||`, parentheses allowed.
 * Parsed once per request into a tree, then compiled into a predicate over task rows.
 */
import { dateMs, isZeroDate, parseFilterDate } from './dates.js';
import { apiError, ApiCode } from './errors.js';
import type { SandboxStore } from './state.js';
import type { SandboxTask } from './types.js';

/** Comparison operators the language knows. */
export type FilterOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'like' | 'in' | 'not in';

/** A parsed filter expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'cmp'; field: string; op: FilterOp; value: string };

/** What a compiled filter needs to know about the request. */
export interface FilterContext {
  store: SandboxStore;
  /** The view being listed, for `bucket_id` and `position`. */
  viewId?: number;
  nowMs: number;
  timeZone: string;
  includeNulls: boolean;
}

/** A compiled filter. */
export type TaskPredicate = (task: SandboxTask) => boolean;

type FieldType = 'number' | 'bool' | 'string' | 'date' | 'labels' | 'assignees' | 'reminders';

const FIELDS: Record<string, FieldType> = {
  id: 'number',
  index: 'number',
  priority: 'number',
  repeat_after: 'number',
  repeat_mode: 'number',
  percent_done: 'number',
  created_by_id: 'number',
  project: 'number',
  project_id: 'number',
  position: 'number',
  bucket_id: 'number',
  cover_image_attachment_id: 'number',
  done: 'bool',
  title: 'string',
  description: 'string',
  hex_color: 'string',
  uid: 'string',
  done_at: 'date',
  due_date: 'date',
  start_date: 'date',
  end_date: 'date',
  created: 'date',
  updated: 'date',
  labels: 'labels',
  label_id: 'labels',
  assignees: 'assignees',
  reminders: 'reminders',
};

const OPERATORS: readonly FilterOp[] = ['not in', '!=', '>=', '<=', '=', '>', '<', 'like', 'in'];

/** Parses a filter string; throws 400 4024 (unparsable), 4016 (unknown field) or 4017 (bad comparator). */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(text);
  const node = parser.parseOr();
  parser.skipSpace();
  if (!parser.atEnd()) throw apiError(ApiCode.filterUnparsable);
  return node;
}

/** True when the expression compares the given field anywhere. */
export function mentionsField(node: FilterNode, field: string): boolean {
  if (node.kind === 'cmp') return node.field === field;
  return mentionsField(node.left, field) || mentionsField(node.right, field);
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  private peek(token: string): boolean {
    this.skipSpace();
    return this.text.startsWith(token, this.pos);
  }

  parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.peek('||')) {
      this.pos += 2;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parsePrimary();
    while (this.peek('&&')) {
      this.pos += 2;
      left = { kind: 'and', left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): FilterNode {
    if (this.peek('(')) {
      this.pos += 1;
      const inner = this.parseOr();
      if (!this.peek(')')) throw apiError(ApiCode.filterUnparsable);
      this.pos += 1;
      return inner;
    }
    this.skipSpace();
    const fieldMatch = /^[A-Za-z_]+/.exec(this.text.slice(this.pos));
    if (fieldMatch === null) throw apiError(ApiCode.filterUnparsable);
    const field = fieldMatch[0];
    this.pos += field.length;
    if (FIELDS[field] === undefined) throw apiError(ApiCode.filterFieldInvalid);
    this.skipSpace();
    const op = OPERATORS.find((candidate) => {
      if (!this.text.startsWith(candidate, this.pos)) return false;
      const isWord = /[a-z]$/.test(candidate);
      return !isWord || /\s/.test(this.text[this.pos + candidate.length] ?? '');
    });
    if (op === undefined) throw apiError(ApiCode.filterComparatorInvalid);
    this.pos += op.length;
    this.skipSpace();
    const value = this.readValue();
    if (value === '') throw apiError(ApiCode.filterUnparsable);
    return { kind: 'cmp', field, op, value };
  }

  private readValue(): string {
    const quote = this.text[this.pos];
    if (quote === '"' || quote === "'") {
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) throw apiError(ApiCode.filterUnparsable);
      const value = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
      return value;
    }
    const start = this.pos;
    while (this.pos < this.text.length) {
      const rest = this.text.slice(this.pos, this.pos + 2);
      if (rest === '&&' || rest === '||' || this.text[this.pos] === ')') break;
      this.pos += 1;
    }
    return this.text.slice(start, this.pos).trim();
  }
}

/** Compiles a parsed filter; throws 400 4019 for values that do not fit the field. */
export function compileFilter(node: FilterNode, ctx: FilterContext): TaskPredicate {
  if (node.kind === 'cmp') return compileComparison(node, ctx);
  const [l, r] = [compileFilter(node.left, ctx), compileFilter(node.right, ctx)];
  return node.kind === 'and' ? (t) => l(t) && r(t) : (t) => l(t) || r(t);
}

function compileComparison(node: Extract<FilterNode, { kind: 'cmp' }>, ctx: FilterContext): TaskPredicate {
  const type = FIELDS[node.field] ?? 'string';
  const rawValues = node.op === 'in' || node.op === 'not in' ? splitList(node.value) : [node.value];
  switch (type) {
    case 'number': {
      if (node.op === 'like') throw apiError(ApiCode.filterComparatorInvalid);
      const values = rawValues.map(parseNumber);
      const get = numberGetter(node.field, ctx);
      return (t) => {
        const actual = get(t);
        if (ctx.includeNulls && actual === 0) return true;
        return compareScalar(actual, values, node.op);
      };
    }
    case 'bool': {
      const values = rawValues.map(parseBool);
      return (t) => compareScalar(t.done ? 1 : 0, values, node.op);
    }
    case 'string': {
      const key = node.field as 'title' | 'description' | 'hex_color' | 'uid';
      return (t) => {
        const actual = key === 'uid' ? '' : t[key];
        if (ctx.includeNulls && actual === '') return true;
        if (node.op === 'like') return actual.toLowerCase().includes(node.value.replace(/%/g, '').toLowerCase());
        return compareScalar(actual, rawValues, node.op);
      };
    }
    case 'date': {
      if (node.op === 'like') throw apiError(ApiCode.filterComparatorInvalid);
      const values = rawValues.map((v) => parseDateValue(v, ctx));
      const key = node.field as 'done_at' | 'due_date' | 'start_date' | 'end_date' | 'created' | 'updated';
      return (t) => {
        const actual = t[key];
        if (isZeroDate(actual)) return ctx.includeNulls;
        return compareScalar(dateMs(actual), values, node.op);
      };
    }
    case 'reminders': {
      const values = rawValues.map((v) => parseDateValue(v, ctx));
      return (t) => {
        if (t.reminders.length === 0) return ctx.includeNulls;
        return t.reminders.some((r) => compareScalar(dateMs(r.reminder), values, node.op));
      };
    }
    case 'labels': {
      const ids = new Set(rawValues.flatMap((v) => resolveLabel(v, ctx.store)));
      return (t) => {
        const attached = ctx.store.labelIdsOf(t.id);
        if (attached.length === 0 && ctx.includeNulls) return true;
        return compareMembership(attached, ids, node.op);
      };
    }
    case 'assignees': {
      const ids = new Set(rawValues.flatMap((v) => resolveUser(v, ctx.store)));
      return (t) => {
        if (t.assignee_ids.length === 0 && ctx.includeNulls) return true;
        return compareMembership(t.assignee_ids, ids, node.op);
      };
    }
  }
}

function numberGetter(field: string, ctx: FilterContext): (t: SandboxTask) => number {
  switch (field) {
    case 'project':
    case 'project_id':
      return (t) => t.project_id;
    case 'bucket_id':
      return (t) => {
        const perView = ctx.store.taskBuckets.get(t.id);
        if (perView === undefined) return 0;
        if (ctx.viewId !== undefined && perView.has(ctx.viewId)) return perView.get(ctx.viewId) ?? 0;
        return perView.values().next().value ?? 0;
      };
    case 'position':
      return (t) => (ctx.viewId === undefined ? 0 : (ctx.store.taskPositions.get(t.id)?.get(ctx.viewId) ?? 0));
    default: {
      const key = field as 'id' | 'index' | 'priority' | 'repeat_after' | 'repeat_mode' | 'percent_done' | 'created_by_id' | 'cover_image_attachment_id';
      return (t) => t[key];
    }
  }
}

function compareScalar<T extends number | string>(actual: T, values: T[], op: FilterOp): boolean {
  const first = values[0] as T;
  switch (op) {
    case '=':
      return actual === first;
    case '!=':
      return actual !== first;
    case '>':
      return actual > first;
    case '>=':
      return actual >= first;
    case '<':
      return actual < first;
    case '<=':
      return actual <= first;
    case 'in':
      return values.includes(actual);
    case 'not in':
      return !values.includes(actual);
    case 'like':
      return String(actual).toLowerCase().includes(String(first).toLowerCase());
  }
}

/** Bucket-style comparison for multi-valued fields (labels, assignees). */
function compareMembership(actual: number[], wanted: Set<number>, op: FilterOp): boolean {
  const hit = actual.some((id) => wanted.has(id));
  if (op === '=' || op === 'in' || op === 'like') return hit;
  if (op === '!=' || op === 'not in') return !hit;
  throw apiError(ApiCode.filterComparatorInvalid);
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw apiError(ApiCode.filterValueInvalid);
  return n;
}

function parseBool(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return 1;
  if (v === 'false' || v === '0') return 0;
  throw apiError(ApiCode.filterValueInvalid);
}

function parseDateValue(value: string, ctx: FilterContext): number {
  const ms = parseFilterDate(value, ctx.nowMs, ctx.timeZone);
  if (ms === undefined) throw apiError(ApiCode.filterValueInvalid);
  return ms;
}

function resolveLabel(value: string, store: SandboxStore): number[] {
  if (/^\d+$/.test(value)) return [Number(value)];
  const wanted = value.toLowerCase();
  return [...store.labels.values()].filter((l) => l.title.toLowerCase() === wanted).map((l) => l.id);
}

function resolveUser(value: string, store: SandboxStore): number[] {
  if (/^\d+$/.test(value)) return [Number(value)];
  return [...store.users.values()].filter((u) => u.username === value).map((u) => u.id);
}
