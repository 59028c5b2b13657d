/**
 * The keys a task's own data says itself with, shared by a document's frontmatter (frontmatter-task) and an item of
 * a task list kept as data (data-list): `status`, `priority`, `owner`/`assignee`, `tags`/`labels`, dates,
 * `id`, a share done — in any of the words `key-roles.ts` knows (`état`, `Due Date`, `dueDate`). Every other key goes to `extra` (lists as JSON arrays), where the planner's label rules and
 * the provenance footer find it.
 */
import { readFrontmatterList, readFrontmatterString, type FrontmatterValue } from '../frontmatter.js';
import { addLabels, applyDateText, applyOwnerText, applyPriorityText, applyStatusText } from './draft.js';
import { isBankWideId, readIdCell } from './text.js';
import { readKeyRole } from '../key-roles.js';
import type { DraftTask, ExtractorContext } from './types.js';

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
  const role = readKeyRole(key);
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
      draft.extra[key] = readExtraText(value, text);
  }
}

/**
 * A value kept in `extra`: a list of plain values as a JSON array of texts (what the label rules read); a list holding
 * maps or lists (`relatedFiles: [{path, type}]`) as JSON of the whole list, so nothing in it is dropped; else its text.
 */
function readExtraText(value: FrontmatterValue, text: string | null): string {
  if (!Array.isArray(value)) return text ?? '';
  const nested = value.some((item) => item !== null && typeof item === 'object');
  return JSON.stringify(nested ? value : readFrontmatterList(value));
}
