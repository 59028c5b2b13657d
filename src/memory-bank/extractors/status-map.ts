/**
 * Status maps kept as data (`data-file.ts`'s `findStatusMaps`): BMAD's `sprint-status.yaml` (`development_status:` →
 * `epic-1: in-progress`, `1-1-seed-catalogue: done`, `epic-1-retrospective: optional`), a hand-kept `status.yaml`.
 * Each entry is a task keyed by its name: titled by its words (`Seed catalogue`), its name its source id when it
 * holds a number (so the same id elsewhere in the bank merges with it), its value its status. An entry that extends
 * another's name (`epic-1-retrospective`), or numbered under an epic of the map (`1-1-…` under `epic-1`), is that
 * entry's subtask. Merging folds an entry into the task file named after it (`1-1-seed-catalogue.md`).
 */
import { ExtractorName } from '../../core/source-file.js';
import { dataStatusKeys, findEntry, findStatusMaps, isKnownStatus, readItemTitle, readScalar, type DataMap } from '../data-file.js';
import { normaliseKeyName, readKeyRole } from '../key-roles.js';
import { readExtractorData } from './data-list.js';
import { applyStatusText, createDraft, noContext } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

/** `1-1-seed-catalogue` → `Seed catalogue`, `epic-1-retrospective` → `Epic 1 retrospective`; an id alone (`TASK-102`) as written. */
export function readStatusMapTitle(name: string): string {
  if (/^\p{L}+[-_]?\d+(?:[-_.]\d+)*$/u.test(name)) return name;
  const words = name.replace(/^(?:\d+[-_.])+(?=\p{L})/u, '').replace(/[-_]+/gu, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The entry an entry belongs under: the longest name it extends at a separator (`epic-1` for `epic-1-retrospective`),
 * else the epic its number names (`epic-1` for `1-2-night-mode`; `epics` by number).
 */
function findParent(name: string, byName: ReadonlyMap<string, DraftTask>, epics: ReadonlyMap<number, DraftTask>): DraftTask | null {
  for (let at = name.length - 2; at > 0; at--) {
    if (!/[-_.]/u.test(name.charAt(at))) continue;
    const parent = byName.get(name.slice(0, at));
    if (parent !== undefined) return parent;
  }
  const number = /^(\d+)[-_.]/u.exec(name)?.[1];
  return number === undefined ? null : (epics.get(Number(number)) ?? null);
}

function extractStatusMap(ctx: ExtractorContext): ExtractorOutput {
  const data = readExtractorData(ctx);
  if ('note' in data) return { drafts: [], note: data.note };
  const drafts: DraftTask[] = [];
  for (const { label, map } of findStatusMaps(data.root, ctx.vocabulary, ctx.path.split('/').pop() ?? '')) {
    const context = label === '' ? noContext : [label];
    const byName = new Map<string, DraftTask>();
    for (const entry of map.entries) {
      const value = readScalar(entry.value);
      // The map's own data beside its entries (`updated: 2026-03-01`, `owner: dana`): a field membank knows, or a value
      // without a word, that is not a status.
      // Read as written: lower-casing first would join a camelCase key's words (`assignedTo` → `assignedto`).
      const metadata = ctx.vocabulary.matchField(normaliseKeyName(entry.key)) !== null || readKeyRole(entry.key) !== undefined || !/\p{L}/u.test(value ?? 'x');
      if (metadata && (value === null || !isKnownStatus(ctx.vocabulary, value))) continue;
      // An entry written as a map (`epic-1: {status: done, title: …}`) gives its own title and status.
      const item: DataMap | null = entry.value.kind === 'map' ? entry.value : null;
      const title = item === null ? null : readScalar(readItemTitle(item)?.value);
      const status = item === null ? value : readScalar(findEntry(item, dataStatusKeys)?.value);
      const draft = createDraft(ctx, {
        extractor: ExtractorName.statusMap,
        line: entry.line,
        title: title ?? readStatusMapTitle(entry.key),
        context,
        sourceId: /\d/u.test(entry.key) ? entry.key : null,
        anchor: entry.key,
      });
      if (status !== null) applyStatusText(ctx, draft, status, 'status-map', entry.line);
      draft.extra.key = entry.key;
      drafts.push(draft);
      byName.set(entry.key, draft);
    }
    const epics = new Map<number, DraftTask>();
    for (const [name, draft] of byName) {
      const epic = /^epic[-_ ]?(\d+)$/iu.exec(name)?.[1];
      if (epic !== undefined && !epics.has(Number(epic))) epics.set(Number(epic), draft);
    }
    for (const [name, draft] of byName) draft.parent = findParent(name, byName, epics);
  }
  if (drafts.length > 0) return { drafts };
  return { drafts, note: 'no map of names and their statuses' };
}

/** The status-map extractor. */
export const statusMapExtractor: Extractor = {
  name: ExtractorName.statusMap,
  describe: 'status map kept as data (BMAD sprint-status.yaml): each name mapped to a status is a task, titled by its words, folded into the task file named after it',
  extract(ctx) {
    return extractStatusMap(ctx);
  },
};
