/**
 * Stable keys (see docs/keys.md): `<path>#<anchor>`, where the anchor is the source id when it is unique in
 * the file (`memory_bank/tasks/active_sprint.md#PM-003`), else the heading/list path slug plus the normalised
 * title (`progress.md#completed-tasks/fixed-stale-state-bug`), with `~N` only for exact duplicates. Never a
 * line number, so inserting lines, reordering sections, editing siblings or converting to CRLF keeps keys.
 */
import type { RenameCandidate, RenameOptions, RenameSubject } from '../core/memory-bank.js';
import type { TaskRecord } from '../core/task-record.js';
import { normaliseKeyText, normaliseVocabularyText, readNormalisedText } from './vocabulary.js';
import { dropIdBrackets, normaliseId } from './extractors/text.js';
import { findLeadingTaskId } from './header-status.js';
import type { DraftTask } from './extractors/types.js';

const maxSlugLength = 64;

/** Code-point order (locale-independent, so output order is the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Slug of a heading or title: lower case, letters and digits of any script, words joined by `-`. */
export function slugify(text: string): string {
  const slug = slugifyAscii(text) ?? slugifyPlainly(text);
  if (slug.length <= maxSlugLength) return slug;
  const cut = slug.slice(0, maxSlugLength);
  const lastDash = cut.lastIndexOf('-');
  return lastDash > maxSlugLength / 2 ? cut.slice(0, lastDash) : cut;
}

/**
 * The slug of any text, uncut: its vocabulary normalisation (single spaces only), each space a dash. Titles are
 * mostly unique: not cached. `split`/`join`, not `replaceAll`: V8's `replaceAll` builds its answer as a tree of
 * concatenations (one per space) that the key then keeps alive through every young-generation GC of the file's
 * parse — about 300 bytes per record, a tenth of what a large file's parse promotes; `join` answers one flat string.
 */
export function slugifyPlainly(text: string): string {
  return normaliseKeyText(text).split(' ').join('-');
}

/** Character codes of the slug being built: `slugify` cuts past `maxSlugLength`, so one more is all it reads. */
const slugCodes: number[] = [];

/**
 * `slugifyPlainly` of ASCII text in one pass over its characters, or null for other text: its normalisation
 * lower-cases and turns every character but `a-z0-9` into a space, folds the runs and trims, so the slug is the
 * runs of letters and digits, lower case, joined by single dashes. Only its first `maxSlugLength + 1` characters
 * are built (all `slugify` reads). A regex replace per title cost more than the rest of the key.
 */
function slugifyAscii(text: string): string | null {
  let length = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code > 0x7f) return null;
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) {
      if (length <= maxSlugLength) {
        if (!inWord && length > 0) slugCodes[length++] = 0x2d;
        if (length <= maxSlugLength) slugCodes[length++] = code;
      }
      inWord = true;
    } else inWord = false;
  }
  slugCodes.length = length;
  return String.fromCharCode.apply(null, slugCodes);
}

/** The anchor of a unique id: trimmed, one opening `[` and one closing `]` dropped, each whitespace run a dash. */
function readIdAnchor(id: string): string {
  return dropIdBrackets(id.trim()).replace(/\s+/gu, '-');
}

/**
 * Assigns an anchor to every draft of one file (drafts in file order; the key is `<path>#<anchor>`), returned in
 * the drafts' order. Ids anchor a draft only when they are unique in the file; otherwise the structural path and
 * title do, with `~2`, `~3`… for exact repeats.
 */
export function assignAnchors(drafts: readonly DraftTask[]): string[] {
  // Each id normalised once (by index), for the count and for the anchor pass.
  const idCounts = new Map<string, number>();
  const ids: (string | null)[] = new Array<string | null>(drafts.length).fill(null);
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index] as DraftTask;
    if (draft.sourceId === null || draft.anchor !== null) continue;
    const id = normaliseId(draft.sourceId);
    ids[index] = id;
    idCounts.set(id, (idCounts.get(id) ?? 0) + 1);
  }
  const anchors: (string | null)[] = new Array<string | null>(drafts.length).fill(null);
  // Most anchors are claimed once: one set insertion tells a first claim (the set grew) from a repeat, and only
  // repeats are counted (`~2`, `~3`…).
  const used = new Set<string>();
  let repeats: Map<string, number> | null = null;
  const claim = (anchor: string): string => {
    const before = used.size;
    used.add(anchor);
    if (used.size !== before) return anchor;
    repeats ??= new Map();
    const seen = (repeats.get(anchor) ?? 1) + 1;
    repeats.set(anchor, seen);
    return `${anchor}~${seen}`;
  };
  // Id anchors first, so a slug can never take an id's anchor.
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index] as DraftTask;
    if (draft.anchor !== null) anchors[index] = claim(draft.anchor);
    else if (draft.sourceId !== null && idCounts.get(ids[index] as string) === 1) anchors[index] = claim(readIdAnchor(draft.sourceId));
  }
  const paths = new ContextPaths();
  for (let index = 0; index < drafts.length; index++) {
    if (anchors[index] !== null) continue;
    const draft = drafts[index] as DraftTask;
    const prefix = paths.read(draft.context);
    const own = slugify(draft.sourceId === null ? draft.title : `${draft.sourceId} ${draft.title}`);
    // As `[...context slugs, own].filter(nonEmpty).join('/') || 'item'`.
    const base = prefix === '' ? own || 'item' : own === '' ? prefix : `${prefix}/${own}`;
    anchors[index] = claim(base);
  }
  return anchors as string[];
}

/**
 * The joined slugs of drafts' contexts (`[...context.map(slugify)].filter(nonEmpty).join('/')`). Consecutive
 * drafts mostly share their leading headings (siblings all of them, a child one more): the path of each leading
 * part is kept and only the parts after the first difference are slugged and joined.
 */
class ContextPaths {
  /** The last context read, and `#paths[k]`: the path of its first k parts. */
  readonly #texts: string[] = [];
  readonly #paths: string[] = [''];

  read(context: readonly string[]): string {
    const texts = this.#texts;
    const paths = this.#paths;
    const limit = Math.min(context.length, texts.length);
    let same = 0;
    while (same < limit && context[same] === texts[same]) same++;
    if (same === context.length && same === texts.length) return paths[same] as string;
    texts.length = same;
    paths.length = same + 1;
    for (let index = same; index < context.length; index++) {
      const text = context[index] as string;
      const slug = slugify(text);
      const before = paths[index] as string;
      texts.push(text);
      paths.push(slug === '' ? before : before === '' ? slug : `${before}/${slug}`);
    }
    return paths[context.length] as string;
  }
}

function readBigrams(text: string): Map<string, number> {
  const normalised = ` ${normaliseVocabularyText(text)} `;
  const grams = new Map<string, number>();
  const chars = [...normalised];
  for (let index = 0; index < chars.length - 1; index++) {
    const gram = `${chars[index]}${chars[index + 1]}`;
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Dice similarity of two titles over character bigrams (any script), 0..1. */
export function measureTitleSimilarity(a: string, b: string): number {
  const left = readBigrams(a);
  const right = readBigrams(b);
  let overlap = 0;
  let total = 0;
  for (const count of left.values()) total += count;
  for (const count of right.values()) total += count;
  for (const [gram, count] of left) overlap += Math.min(count, right.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * overlap) / total;
}

/** Whether the shorter title's words stand whole, in order, inside the longer one's (`Tag it` in `Tag it ✅ 2026-03-02`). */
function holdsTitle(a: string, b: string): boolean {
  const left = readNormalisedText(a).trim();
  const right = readNormalisedText(b).trim();
  if (left === '' || right === '') return false;
  const [short, long] = left.length < right.length ? [left, right] : [right, left];
  return ` ${long} `.includes(` ${short} `);
}

/** Whether a title holds, as whole words, the id a key is anchored by (`Task ID: DEV-0003` and `…#DEV-0003`). */
function holdsIdOf(title: string, key: string): boolean {
  const anchor = anchorOf(key);
  if (!idAnchor.test(anchor)) return false;
  const id = readNormalisedText(anchor).trim();
  return id !== '' && ` ${readNormalisedText(title).trim()} `.includes(` ${id} `);
}

/** What follows a key's first `#`: the item's place in its file. */
function anchorOf(key: string): string {
  return key.slice(key.indexOf('#') + 1);
}

/** An anchor that is an id (`TASK042`, `PM-003`, `1.2`): unique in its file, whatever the file is called. */
const idAnchor = /^[\p{L}]*[-_]?\d+(?:[-_.]\d+)*[a-z]?$|^[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)*[-_]?\d+[a-z]?$/u;

/**
 * Why an item of another file is the same item moved with its file (`moved from <path>, same anchor`), or null: the
 * same anchor under a file of the same name (or one starting with the same task id), or an id anchor, or a parent
 * paired with the parent it had.
 */
function readMovedFile(before: RenameSubject, after: RenameSubject, expectedParent: string | null, renamedTo: ReadonlyMap<string, string>): string | null {
  if (before.parentKey !== null && renamedTo.has(before.parentKey) && after.parentKey === expectedParent) return `moved from ${before.path} with its parent`;
  const anchor = anchorOf(before.key);
  const beforeName = before.path.slice(before.path.lastIndexOf('/') + 1);
  const afterName = after.path.slice(after.path.lastIndexOf('/') + 1);
  // The same file name, or names that start with the same task id (`TASK001-import.md` → `TASK001-import-all.md`).
  const fileId = findLeadingTaskId(beforeName);
  const sameId = fileId !== null && fileId === findLeadingTaskId(afterName);
  if (anchor !== anchorOf(after.key)) {
    // A task file renamed with its task (Backlog.md renames `task-4 - Rate-limit-API.md` when the title is edited): the
    // file's own task, at the top of both, under the same leading task id; the caller asks for title evidence.
    return sameId && before.parentKey === null && after.parentKey === null ? `moved from ${before.path}: the file renamed with its task, same task id ${fileId}` : null;
  }
  return beforeName === afterName || sameId || idAnchor.test(anchor) ? `moved from ${before.path}, same anchor` : null;
}

function siblingIndex(records: readonly RenameSubject[]): Map<string, number> {
  const counters = new Map<string, number>();
  const index = new Map<string, number>();
  for (const record of records) {
    const group = `${record.path}\u0000${record.parentKey ?? ''}`;
    const position = counters.get(group) ?? 0;
    counters.set(group, position + 1);
    index.set(record.key, position);
  }
  return index;
}

/** A record as rename pairing reads it. */
export function toRenameSubject(record: TaskRecord): RenameSubject {
  return { key: record.key, path: record.source.path, parentKey: record.parentKey, title: record.title, status: record.status.canonical };
}

/**
 * Pairs keys that disappeared with keys that appeared between two parses: same file, same parent (or a parent
 * that was itself renamed, or — for an item that had none — a new top-level item of the file, such as the file's own
 * task read for the first time), and a similar title (≥ 0.5), or one title holding the other's words whole, or (unless
 * `byPosition` is off) the same status at the same position among siblings. An item moved under another parent
 * (indented under a sibling, moved to another list) pairs on the same title alone, after every pair that kept its
 * parent. An item of another file pairs when its file moved or was renamed (`tasks/TASK042-x.md` →
 * `tasks/done/TASK042-x.md`, `TASK042-x.md` → `TASK042-y.md`): the same anchor, under a file of the same name or the
 * same leading task id or anchored by an id, or under a parent that moved with it, and title evidence; after every
 * other pair. One-to-one, best first; children of a renamed item
 * are paired in later rounds.
 */
export function detectRenames(oldRecords: readonly TaskRecord[], newRecords: readonly TaskRecord[], options: RenameOptions = {}): RenameCandidate[] {
  return pairRenames(oldRecords.map(toRenameSubject), newRecords.map(toRenameSubject), options);
}

/** `detectRenames` over what it reads of each item (`RenameSubject`): old items from a state store's base copies, say. */
export function pairRenames(oldItems: readonly RenameSubject[], newItems: readonly RenameSubject[], options: RenameOptions = {}): RenameCandidate[] {
  const byPosition = options.byPosition ?? true;
  const newKeys = new Set(newItems.map((record) => record.key));
  const oldKeys = new Set(oldItems.map((record) => record.key));
  const removed = oldItems.filter((record) => !newKeys.has(record.key));
  const added = newItems.filter((record) => !oldKeys.has(record.key));
  const oldPositions = siblingIndex(oldItems);
  const newPositions = siblingIndex(newItems);
  // New top-level items: an item that had no parent may now sit under one (the file's own task, read for the first time).
  const newTopLevel = new Set(added.filter((record) => record.parentKey === null).map((record) => record.key));
  const renamedTo = new Map<string, string>();
  const takenNew = new Set<string>();
  const result: RenameCandidate[] = [];
  for (let round = 0; round < 8; round++) {
    // Ranked by `score`: the title similarity, raised for a title held whole in the other.
    const pairs: Array<RenameCandidate & { score: number }> = [];
    for (const before of removed) {
      if (renamedTo.has(before.key)) continue;
      const expectedParent = before.parentKey === null ? null : (renamedTo.get(before.parentKey) ?? before.parentKey);
      for (const after of added) {
        if (takenNew.has(after.key)) continue;
        if (before.path !== after.path) {
          const moved = readMovedFile(before, after, expectedParent, renamedTo);
          if (moved === null) continue;
          const similarity = measureTitleSimilarity(before.title, after.title);
          if (similarity >= 0.5 || holdsTitle(before.title, after.title)) pairs.push({ oldKey: before.key, newKey: after.key, similarity, score: -2, reason: moved });
          continue;
        }
        const gainedParent = expectedParent === null && after.parentKey !== null && newTopLevel.has(after.parentKey) && !takenNew.has(after.parentKey);
        if (expectedParent !== after.parentKey && !gainedParent) {
          // Moved under another parent: the same title (as its slug reads it) is the only evidence taken.
          const title = readNormalisedText(before.title);
          if (title !== '' && title === readNormalisedText(after.title)) {
            pairs.push({ oldKey: before.key, newKey: after.key, similarity: 1, score: -1, reason: `same file and title, moved under ${after.parentKey ?? 'no parent'}` });
          }
          continue;
        }
        const where = gainedParent ? `same file, now under ${after.parentKey}` : 'same file and parent';
        const similarity = measureTitleSimilarity(before.title, after.title);
        if (similarity >= 0.5) {
          pairs.push({ oldKey: before.key, newKey: after.key, similarity, score: similarity, reason: `${where}, title ${Math.round(similarity * 100)}% similar` });
        } else if (holdsTitle(before.title, after.title)) {
          pairs.push({ oldKey: before.key, newKey: after.key, similarity, score: 0.5, reason: `${where}, one title holds the other whole` });
        } else if (holdsIdOf(before.title, after.key)) {
          // Read by its id at last (`## Task ID: DEV-0003` over `**Title:** Fetch the top coins`, keyed `DEV-0003`): the
          // old title held the id the new key is.
          pairs.push({ oldKey: before.key, newKey: after.key, similarity, score: 0.5, reason: `${where}, the old title holds its id ${anchorOf(after.key)}` });
        } else if (
          byPosition &&
          before.status !== null &&
          before.status === after.status &&
          oldPositions.get(before.key) === newPositions.get(after.key)
        ) {
          pairs.push({ oldKey: before.key, newKey: after.key, similarity, score: similarity, reason: `${where}, same status and position among siblings` });
        }
      }
    }
    pairs.sort((a, b) => b.score - a.score || b.similarity - a.similarity || compareText(a.oldKey, b.oldKey) || compareText(a.newKey, b.newKey));
    let found = 0;
    for (const { score: _score, ...pair } of pairs) {
      if (renamedTo.has(pair.oldKey) || takenNew.has(pair.newKey)) continue;
      renamedTo.set(pair.oldKey, pair.newKey);
      takenNew.add(pair.newKey);
      result.push(pair);
      found++;
    }
    if (found === 0) break;
  }
  return result.sort((a, b) => compareText(a.oldKey, b.oldKey));
}
