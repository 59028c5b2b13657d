/**
 * Task collections (API.md §4): search `s`, `filter` (+ the view's own filter), `sort_by`/`order_by`
 * with the `id asc` tie-breaker (and `position asc` on view endpoints).
 */
import { isKnownTimeZone } from './dates.js';
import { apiError, ApiCode } from './errors.js';
import { compileFilter, parseFilter, type FilterNode, type TaskPredicate } from './filter.js';
import { queryAll } from './http.js';
import type { SandboxStore } from './state.js';
import type { SandboxTask } from './types.js';

type SortKey = (task: SandboxTask) => number | string;

/** A parsed sort parameter. */
export interface SortParam {
  field: string;
  desc: boolean;
}

/** Everything a task listing was asked for, besides pagination. */
export interface TaskQuery {
  search: string;
  filter: FilterNode | undefined;
  includeNulls: boolean;
  timeZone: string;
  sort: SortParam[];
}

const SORTABLE = new Set([
  'id',
  'title',
  'description',
  'done',
  'done_at',
  'due_date',
  'created_by_id',
  'project_id',
  'project',
  'repeat_after',
  'repeat_mode',
  'priority',
  'start_date',
  'end_date',
  'hex_color',
  'percent_done',
  'uid',
  'created',
  'updated',
  'position',
  'bucket_id',
  'index',
]);

/** Reads `s` (or `q` for v2), `filter`, `filter_include_nulls`, `filter_timezone`, `sort_by`, `order_by`. */
export function parseTaskQuery(query: URLSearchParams, searchKey: 's' | 'q' = 's'): TaskQuery {
  const filterText = query.get('filter') ?? '';
  const timeZone = query.get('filter_timezone') ?? 'GMT';
  if (!isKnownTimeZone(timeZone)) throw apiError(ApiCode.invalidTimezone);
  const sortBy = queryAll(query, 'sort_by').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const orderBy = queryAll(query, 'order_by').flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  const sort = sortBy.map((field, i) => {
    if (!SORTABLE.has(field)) throw apiError(ApiCode.sortParamInvalid);
    const order = orderBy[i] ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw apiError(ApiCode.sortOrderInvalid);
    return { field, desc: order === 'desc' };
  });
  for (const order of orderBy.slice(sortBy.length)) {
    if (order !== 'asc' && order !== 'desc') throw apiError(ApiCode.sortOrderInvalid);
  }
  return {
    search: query.get(searchKey) ?? '',
    filter: filterText.trim() === '' ? undefined : parseFilter(filterText),
    includeNulls: query.get('filter_include_nulls') === 'true',
    timeZone,
    sort,
  };
}

/** Where the listing happens: a view adds its filter and `position asc`. */
export interface QueryScope {
  viewId?: number;
  /** The view's own filter, AND-ed with the request's. */
  viewFilter?: string | null;
}

/** Filters, searches and sorts candidate tasks; returns the full ordered result (pagination is the caller's). */
export function runTaskQuery(store: SandboxStore, candidates: Iterable<SandboxTask>, query: TaskQuery, scope: QueryScope = {}): SandboxTask[] {
  const predicates: TaskPredicate[] = [];
  const context = {
    store,
    nowMs: store.nowMs(),
    timeZone: query.timeZone,
    includeNulls: query.includeNulls,
    ...(scope.viewId === undefined ? {} : { viewId: scope.viewId }),
  };
  if (scope.viewFilter !== undefined && scope.viewFilter !== null && scope.viewFilter.trim() !== '') {
    predicates.push(compileFilter(parseFilter(scope.viewFilter), { ...context, includeNulls: false }));
  }
  if (query.filter !== undefined) predicates.push(compileFilter(query.filter, context));
  if (query.search !== '') predicates.push(searchPredicate(query.search));
  const result: SandboxTask[] = [];
  for (const task of candidates) {
    if (predicates.every((p) => p(task))) result.push(task);
  }
  const sort = [...query.sort];
  if (scope.viewId !== undefined && !sort.some((s) => s.field === 'position')) sort.push({ field: 'position', desc: false });
  if (sort.length === 0 || sort[sort.length - 1]?.field !== 'id') sort.push({ field: 'id', desc: false });
  const keys = sort.map((s) => ({ key: sortKey(store, s.field, scope.viewId), desc: s.desc }));
  return result.sort((a, b) => {
    for (const { key, desc } of keys) {
      const [x, y] = [key(a), key(b)];
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
}

/** Case-insensitive substring on title or description; `#12` / `12` also match index 12. */
function searchPredicate(search: string): TaskPredicate {
  const needle = search.toLowerCase();
  const indexMatch = /^#?(\d+)$/.exec(search.trim()) ?? /#(\d+)/.exec(search);
  const index = indexMatch === null ? undefined : Number(indexMatch[1]);
  return (t) =>
    t.title.toLowerCase().includes(needle) || t.description.toLowerCase().includes(needle) || (index !== undefined && t.index === index);
}

function sortKey(store: SandboxStore, field: string, viewId: number | undefined): SortKey {
  switch (field) {
    case 'done':
      return (t) => (t.done ? 1 : 0);
    case 'project':
    case 'project_id':
      return (t) => t.project_id;
    case 'uid':
      return () => '';
    case 'position':
      return (t) => (viewId === undefined ? 0 : (store.taskPositions.get(t.id)?.get(viewId) ?? 0));
    case 'bucket_id':
      return (t) => {
        const perView = store.taskBuckets.get(t.id);
        if (perView === undefined) return 0;
        return (viewId === undefined ? perView.values().next().value : perView.get(viewId)) ?? 0;
      };
    default: {
      const key = field as keyof SandboxTask;
      return (t) => {
        const value = t[key];
        return typeof value === 'number' || typeof value === 'string' ? value : 0;
      };
    }
  }
}
