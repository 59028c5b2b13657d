/**
 * The keys a task's own data says itself with, shared by a document's frontmatter (frontmatter-task) and an item of
 * a task list kept as data (data-list): `status`, `priority`, `owner`/`assignee`, `tags`/`labels`, dates,
 * `id`, a share done. Every other key goes to `extra` (lists as JSON arrays), where the planner's label rules and
 * the provenance footer find it.
 */
import { readFrontmatterList, readFrontmatterString, type FrontmatterValue } from '../frontmatter.js';
import { addLabels, applyDateText, applyOwnerText, applyPriorityText, applyStatusText } from './draft.js';
import { isBankWideId, readIdCell } from './text.js';
import type { DraftTask, ExtractorContext } from './types.js';

/** Keys of a frontmatter or a data item read into record fields (everything else goes to `extra`). */
export const dataKeyRoles: Readonly<Record<string, 'title' | 'status' | 'priority' | 'owner' | 'author' | 'tags' | 'percent' | 'id' | 'due' | 'start' | 'done' | 'created' | 'updated'>> = {
  title: 'title',
  name: 'title',
  status: 'status',
  state: 'status',
  priority: 'priority',
  owner: 'owner',
  assignee: 'owner',
  assigned_to: 'owner',
  assigned: 'owner',
  responsible: 'owner',
  author: 'author',
  tags: 'tags',
  labels: 'tags',
  readiness: 'percent',
  progress: 'percent',
  percent: 'percent',
  percent_done: 'percent',
  completion: 'percent',
  id: 'id',
  task_id: 'id',
  due: 'due',
  due_date: 'due',
  deadline: 'due',
  target_date: 'due',
  start: 'start',
  start_date: 'start',
  started: 'start',
  completed: 'done',
  completed_date: 'done',
  completed_at: 'done',
  done_date: 'done',
  closed: 'done',
  closed_at: 'done',
  created: 'created',
  created_date: 'created',
  created_at: 'created',
  date: 'created',
  added: 'created',
  updated: 'updated',
  updated_at: 'updated',
  updated_date: 'updated',
  modified: 'updated',
  last_updated: 'updated',
};

function readPercent(value: string): number | null {
  const text = value.trim().replace(/%$/u, '');
  const number = Number(text);
  if (!Number.isFinite(number) || text === '') return null;
  if (value.trim().endsWith('%') || number > 1) return number >= 0 && number <= 100 ? number / 100 : null;
  return number >= 0 ? number : null;
}

/**
 * Applies one key of a task's data (not its title) to the draft: `status` read as from `statusFrom` (its line for
 * write-back), the other roles into their fields, anything else into `extra`.
 */
export function applyDataKey(ctx: ExtractorContext, draft: DraftTask, key: string, value: FrontmatterValue, line: number, statusFrom: string): void {
  const role = dataKeyRoles[key.toLowerCase()];
  const text = readFrontmatterString(value);
  switch (role) {
    case 'title':
      break;
    case 'status':
      if (text !== null) applyStatusText(ctx, draft, text, statusFrom, line);
      break;
    case 'priority':
      if (text !== null && (typeof value === 'string')) applyPriorityText(ctx, draft, text, line);
      else if (text !== null) draft.extra[key] = text;
      break;
    case 'owner':
      if (text !== null) applyOwnerText(ctx, draft, readFrontmatterList(value).join(', ') || text);
      break;
    case 'author':
      if (text !== null) {
        draft.extra[key] = text;
        applyOwnerText(ctx, draft, text);
      }
      break;
    case 'tags':
      addLabels(draft, readFrontmatterList(value));
      break;
    case 'percent': {
      const percent = text === null ? null : readPercent(text);
      if (percent !== null && percent <= 1) draft.percentDone = percent;
      else if (text !== null) draft.extra[key] = text;
      break;
    }
    case 'id': {
      const id = text === null ? null : readIdCell(text);
      if (id !== null && isBankWideId(id) && draft.sourceId === null) draft.sourceId = id;
      if (text !== null) draft.extra[key] = text;
      break;
    }
    case 'due':
    case 'start':
    case 'done':
    case 'created':
    case 'updated':
      if (text !== null && typeof value === 'string') applyDateText(ctx, draft, role, text, line, key);
      break;
    default:
      if (value === null) break;
      draft.extra[key] = Array.isArray(value) ? JSON.stringify(readFrontmatterList(value)) : (text ?? '');
  }
}
