/**
 * parse: discovered files → normalised task records. Each file is prepared once (line endings normalised,
 * Roo timestamps moved off heading markers, frontmatter read and blanked), its extractors run in the order
 * discovery chose, drafts get stable keys, records are merged across files and numbered in source order.
 * Pure: no I/O; deterministic output order.
 */
import { posix } from 'node:path';
import type { Root } from 'mdast';
import type { MembankConfig } from '../core/config.js';
import { FileKind, type DiscoveredFile, type FileKindValue } from '../core/source-file.js';
import type { ExplainEntry, ExplainExtractor, ParseResult } from '../core/memory-bank.js';
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import { InternalError, truncateForMessage } from '../core/errors.js';
import { readFrontmatterLines, type Frontmatter } from './frontmatter.js';
import { readFileYear } from './file-year.js';
import { buildSections, normaliseLineEndings, parseMarkdown, readEndLine, readLine, sliceLines, splitChecklistUnderlines, type Section } from './markdown.js';
import { assignAnchors, compareText } from './keys.js';
import { foldRestatedItems } from './fold-restated.js';
import { adoptUnderHeadings } from './adopt-under-headings.js';
import { scanMarkdown } from './line-scanner.js';
import { mergeRecords, type Mention } from './merge.js';
import { formatCount, isReadAsMarkdown } from './classify-files.js';
import { mayHoldEntries, opensWithDate, readDatedEntries, type DatedEntries, type DatedEntry } from './dated-entries.js';
import { createVocabulary, readsDayFirst, type Vocabulary } from './vocabulary.js';
import { noPlaces } from './extractors/draft.js';
import { findExtractor } from './extractors/index.js';
import { isBankWideId, isStageWord, isWorkStage, namesWork, normaliseId, readClosingMention, splitClosingKey } from './extractors/text.js';
import type { DraftTask, ExtractorContext } from './extractors/types.js';
import { normaliseListMarkers } from './list-markers.js';
import { readMarkMeanings, readMarkPriorities } from './mark-meanings.js';
import type { KnownStatus } from './vocabulary-data.js';

/** Options of `parseFiles`. */
export interface ParseOptions {
  vocabulary: MembankConfig['vocabulary'];
}

export type { ExplainEntry, ExplainExtractor, ParseResult } from '../core/memory-bank.js';

/** Title given to an item that had no text at all (validate reports it). */
export const untitledTitle = '(untitled)';

const skippedKinds: ReadonlySet<FileKindValue> = new Set([FileKind.contextDocument, FileKind.template, FileKind.ignored]);
const rooHeadingPrefix = /^\[(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)\]\s*-\s*(?=#{1,6}(?:\s|$)|---\s*$|\*\*\*\s*$|[-*+]\s+\S|\d{1,3}[.)]\s+\S)/u;

/** A file ready for extractors. */
export interface PreparedSource {
  source: string;
  lines: string[];
  lineTimestamps: Map<number, string>;
  frontmatter: Frontmatter | null;
  problems: InputProblem[];
}

/**
 * Prepares a file's text: LF line endings (line numbers unchanged), BOM stripped, list markers Markdown does not know
 * written as its own (`• x` → `- x`, `list-markers.ts`), Roo timestamps written in
 * front of block markers moved aside (`[ts] - ## Task` → `## Task`, remembered per line; `[ts] - ---` becomes a
 * rule that cannot turn the previous line into a heading), frontmatter read and blanked.
 */
export function prepareSource(text: string, path: string): PreparedSource {
  const normalised = normaliseListMarkers(normaliseLineEndings(text.startsWith('\uFEFF') ? text.slice(1) : text));
  const lineTimestamps = new Map<number, string>();
  // Split once: the Roo rewrite and the frontmatter reader edit these lines in place, and extractors share them.
  const lines = normalised.split('\n');
  let changed = false;
  if (normalised.includes(']')) {
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      // The prefix starts with `[` and a digit: most lines are ruled out by their first character.
      if (line.charCodeAt(0) !== 0x5b) continue;
      const match = rooHeadingPrefix.exec(line);
      if (match?.[1] === undefined) continue;
      lineTimestamps.set(index + 1, match[1]);
      const rest = line.slice(match[0].length);
      lines[index] = /^---\s*$/u.test(rest) ? '***' : rest;
      changed = true;
    }
  }
  const front = readFrontmatterLines(lines, path);
  return {
    source: changed || front.changed ? lines.join('\n') : normalised,
    lines,
    lineTimestamps,
    frontmatter: front.frontmatter,
    problems: front.problems,
  };
}

/**
 * One file's extractor context. A class, not an object literal with `get tree()`: V8 gives each object literal's
 * getters their own accessor pair, allocated in the old generation, whose closures then hold the file's tree,
 * sections and lines through every young-generation GC until the next full one — with 10,000 files, most of the
 * parse's garbage was promoted that way and the heap grew to 3–4× its live size (issue #13). Prototype getters
 * over private fields are shared by every instance.
 */
class FileExtractorContext implements ExtractorContext {
  readonly path: string;
  readonly bank: string;
  readonly kind: FileKindValue;
  readonly rawText: string;
  readonly source: string;
  readonly lines: readonly string[];
  readonly frontmatter: Frontmatter | null;
  readonly vocabulary: Vocabulary;
  readonly lineTimestamps: ReadonlyMap<number, string>;
  readonly claimed = new Set<object>();
  documentTask: DraftTask | null = null;
  #tree: Root | null = null;
  #sections: Section | null = null;
  #dayFirst: boolean | null = null;
  #fileYear: number | null | undefined = undefined;
  #markMeanings: ReadonlyMap<string, KnownStatus> | null = null;
  #seq = 0;
  readonly #problems: InputProblem[];
  /**
   * The problems reported so far, by code, line, message and what was received: two extractors reading one line
   * report it once.
   */
  readonly #reported = new Set<string>();

  constructor(file: DiscoveredFile, text: string, prepared: PreparedSource, vocabulary: Vocabulary, problems: InputProblem[]) {
    this.path = file.path;
    this.bank = file.bank;
    this.kind = file.kind;
    this.rawText = text;
    this.source = prepared.source;
    this.lines = prepared.lines;
    this.frontmatter = prepared.frontmatter;
    this.vocabulary = vocabulary;
    this.lineTimestamps = prepared.lineTimestamps;
    this.#problems = problems;
  }

  get tree(): Root {
    // The line scanner reads most files; remark reads the ones that use constructs the scanner leaves to it.
    if (this.#tree === null) {
      this.#tree = scanMarkdown(this.source, this.lines) ?? parseMarkdown(this.source);
      splitChecklistUnderlines(this.#tree, this.lines);
    }
    return this.#tree;
  }

  get dayFirst(): boolean {
    this.#dayFirst ??= readsDayFirst(this.source);
    return this.#dayFirst;
  }

  get fileYear(): number | null {
    if (this.#fileYear === undefined) this.#fileYear = readFileYear(this.source);
    return this.#fileYear;
  }

  get markMeanings(): ReadonlyMap<string, KnownStatus> {
    this.#markMeanings ??= readMarkMeanings(this.lines, this.vocabulary);
    return this.#markMeanings;
  }

  #markPriorities: ReadonlyMap<string, number> | null = null;
  get markPriorities(): ReadonlyMap<string, number> {
    this.#markPriorities ??= readMarkPriorities(this.lines, this.vocabulary, this.markMeanings);
    return this.#markPriorities;
  }

  get sections(): Section {
    this.#sections ??= buildSections(this.tree);
    return this.#sections;
  }

  report(problem: Omit<InputProblem, 'file'>): void {
    const seen = `${problem.code}\u0000${problem.line ?? ''}\u0000${problem.message}\u0000${problem.received ?? ''}`;
    if (this.#reported.has(seen)) return;
    this.#reported.add(seen);
    this.#problems.push({ ...problem, file: this.path });
  }

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }
}

/** A file that is not Markdown has no dated entries. */
const noEntries: DatedEntries = { of: () => null, around: () => [] };

function renderDeferredBody(ctx: ExtractorContext, draft: DraftTask): void {
  if (draft.deferredBody === undefined) return;
  const nodes = draft.deferredBody.filter((node) => !ctx.claimed.has(node));
  // Rules left at either end (after a removed title or header) carry nothing.
  while (nodes[0]?.type === 'thematicBreak') nodes.shift();
  while (nodes[nodes.length - 1]?.type === 'thematicBreak') nodes.pop();
  for (const node of nodes) {
    if (node.type === 'list') {
      const items = node.children.filter((item) => !ctx.claimed.has(item));
      const text = items.map((item) => sliceLines(ctx.lines, readLine(item), readEndLine(item))).join('\n');
      if (text.trim() !== '') draft.body.push(text);
      continue;
    }
    const text = sliceLines(ctx.lines, readLine(node), readEndLine(node));
    if (text.trim() !== '') draft.body.push(text);
  }
  delete draft.deferredBody;
}

/** The path, from the repository's root as files' paths are, of a file a file links to (`tasks/x.md` from `memory-bank/progress.md`). */
function resolveLink(from: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURI(target);
  } catch {
    // A `%` that is no escape (`50%-done.md`) is the name as written.
  }
  return posix.normalize(posix.join(posix.dirname(from), decoded.replace(/^\/+/u, '')));
}

function readDisplayTitle(draft: DraftTask): string {
  let title = draft.title.trim();
  if (draft.sourceId === null) return title === '' ? untitledTitle : title;
  const id = draft.sourceId.trim();
  // The id closing the title too (`# Story: Offline editing (US-204)` in `US-204-offline.md`) is said once.
  const closing = readClosingMention(title) ?? splitClosingKey(title);
  if (closing !== null && normaliseId(closing.id) === normaliseId(id)) title = closing.rest;
  if (title === '' || title === id) return id;
  if (title.toLowerCase().startsWith(id.toLowerCase())) return title;
  return `${id} · ${title}`;
}

function reportLocalDuplicates(path: string, drafts: readonly DraftTask[], problems: InputProblem[]): void {
  const seen = new Map<string, DraftTask>();
  for (const draft of drafts) {
    if (draft.sourceId === null || draft.anchor !== null || isBankWideId(draft.sourceId)) continue;
    const group = `${normaliseId(draft.sourceId)}\u0000${draft.context.join('\u0000')}\u0000${draft.parent?.seq ?? ''}`;
    const first = seen.get(group);
    if (first === undefined) {
      seen.set(group, draft);
      continue;
    }
    problems.push({
      severity: 'warning',
      code: 'duplicate-id',
      file: path,
      line: draft.line,
      message: `the id ${draft.sourceId} is used twice in this file: ${path}:${first.line} ("${first.title}") and ${path}:${draft.line} ("${draft.title}"); both were kept`,
      received: truncateForMessage(`${first.title} / ${draft.title}`),
      fix: 'renumber one of the items, or delete the copy if they are the same task',
    });
  }
}

/** A label for the whole opening a title before its colon (`Total: 114 tests passing`, `Overall: on track`, `Итого: …`). */
const summaryLabel = /^(?:total|totals|overall|grand\s+total|gesamt|insgesamt|total\s+général|итого|всего|合计|总计|合計|총계)\s*[:：]/iu;

/** A mode of the Cursor memory bank's workflow, in capitals, a note after it or not (`PLAN`, `BUILD (Phase 1)`). */
const workflowMode = /^(?:VAN|PLAN|CREATIVE|IMPLEMENT|BUILD|REFLECT|ARCHIVE|QA)(?:\s*[(（][^()（）]*[)）])?$/u;

/**
 * Items whose title names no work, only a status, a number or the whole (`- [x] Planning complete`, `- [x] Done`,
 * `- Overall: on track`), are not tasks: they become a line of their parent's body, and their children move up to that
 * parent. One without a parent task has nowhere to go: a `not-a-task` warning says so.
 */
function dropBareStatusItems(path: string, drafts: DraftTask[], vocabulary: Vocabulary, problems: InputProblem[]): void {
  let bare: Set<DraftTask> | null = null;
  for (const draft of drafts) {
    if (draft.sourceId === null && draft.title.trim() !== '' && (!namesWork(draft.title, vocabulary) || summaryLabel.test(draft.title))) (bare ??= new Set()).add(draft);
  }
  if (bare === null) return;
  // A stage of the work labelling a group of items (`2. **Testing**:` over `- Unit tests for the parser`) names an
  // area of work: the group stays, its items under it.
  const parents = new Set(drafts.map((draft) => draft.parent));
  for (const draft of bare) if (parents.has(draft) && isStageWord(draft.title)) bare.delete(draft);
  // So does a checkbox naming a stage of the work alone (`- [ ] Code-Review`, `- [ ] Testing`): a step to take. So is
  // one naming a mode of the Cursor memory bank's workflow beside the others (`- [x] VAN`, `- [x] PLAN`, `- [ ]
  // CREATIVE`): `PLAN` there is its step, not the word planned.
  const modes = drafts.filter((draft) => draft.status.from === 'checkbox' && workflowMode.test(draft.title)).length;
  // An item of a status section naming a stage of the work alone is that work too (`2. Testing` over `- Unit tests for
  // billing ✓` under `## Completed Features`, `1. Testing` under `## Next Steps`).
  for (const draft of bare) {
    const stage = (draft.status.from === 'checkbox' || draft.status.from === 'section') && isWorkStage(draft.title);
    if (stage || (draft.status.from === 'checkbox' && modes >= 3 && workflowMode.test(draft.title))) bare.delete(draft);
  }
  if (bare.size === 0) return;
  const dropped = bare;
  for (const draft of drafts) {
    let parent = draft.parent;
    while (parent !== null && dropped.has(parent)) parent = parent.parent;
    draft.parent = parent;
  }
  for (const draft of dropped) {
    const line = `- ${draft.status.raw === null ? '' : `${draft.status.raw} `}${draft.title}`.replace(/\s+/gu, ' ');
    if (draft.parent !== null) draft.parent.body.push(line);
    else {
      problems.push({
        severity: 'warning',
        code: 'not-a-task',
        file: path,
        line: draft.line,
        message: `"${truncateForMessage(draft.title, 60)}" names no work, only a status, a number or a word for the whole (Overall, Total), so it is not read as a task; it sits under no task whose description could keep it, so it is left out`,
        received: truncateForMessage(line.slice(2)),
        fix: 'if it is a task, give it a title that says what the work is (`Plan the export`); if it notes the state of the work, nothing to do',
      });
    }
  }
  let at = 0;
  for (const draft of drafts) if (!dropped.has(draft)) drafts[at++] = draft;
  drafts.length = at;
}

/**
 * Items of a log's dated entry (`## 2025-03-09 - Caching analysis` over `### Work Done` and `### Next Steps`) that
 * carry no date of their own take the entry's: the day a done one was done, the day another was noted (created).
 * Only entries headed by their date, as a log's are: a release named first (`## v1.1 — 2025-09-01`) may be ahead.
 */
function dateByEntries(drafts: readonly DraftTask[], readEntries: () => DatedEntries): void {
  const log = readEntries();
  // Whether each entry is headed by its date, read once per entry (a log's entry holds many items).
  const headed = new Map<DatedEntry, boolean>();
  for (const draft of drafts) {
    const entry = log.of(draft.line);
    if (entry === null || entry.line === draft.line) continue;
    let opens = headed.get(entry);
    if (opens === undefined) headed.set(entry, (opens = opensWithDate(entry.title)));
    if (!opens) continue;
    const day = entry.date;
    if (draft.status.canonical === 'done') {
      if (draft.dates.done === null) draft.dates.done = day;
    } else if (draft.dates.created === null) draft.dates.created = day;
  }
}

/**
 * Bump whenever a change to the parser can change what it yields for the same file: cached per-file parses
 * (`parseFiles` with a cache) made by another parser version are then parsed again.
 */
export const parserVersion = 54;

/**
 * One file's share of a parse, before records are merged across files: what `parseFile` yields and a parse cache
 * keeps (plain JSON: no shared objects, safe to store and read back).
 */
export interface FileParse {
  path: string;
  bank: string;
  explain: ExplainEntry;
  problems: InputProblem[];
  /** The file's records in source order, each with its status line and position (for merging and ordering). */
  records: Array<{ record: TaskRecord; statusLine: number; line: number; seq: number; mention?: Mention; linkedFile?: string }>;
}


/** Where `parseFiles` may find, and keeps, per-file parses (the state store's parse cache). */
export interface FileParseCache {
  /** The cached parse of this file as discovered now, or undefined when it must be parsed. */
  get(file: DiscoveredFile): FileParse | undefined;
  /** Called with each file that was parsed (not read from the cache). */
  put(file: DiscoveredFile, parse: FileParse): void;
}

/**
 * Parses one discovered file: its explain entry, its problems and its records (keys, parents within the file).
 * Pure; the expensive part of a parse (Markdown), done once per file.
 */
export function parseFile(file: DiscoveredFile, vocabulary: Vocabulary): FileParse {
  const problems: InputProblem[] = [];
  const entry: ExplainEntry = { file: file.path, kind: file.kind, reason: file.reason, extractors: [], noRecords: null, merged: [] };
  const out: FileParse = { path: file.path, bank: file.bank, explain: entry, problems, records: [] };
  if (skippedKinds.has(file.kind)) {
    entry.noRecords = `classified as ${file.kind}: ${file.reason}`;
    return out;
  }
  if (file.text === null) {
    entry.noRecords = `not read as text: ${file.reason}`;
    return out;
  }
  if (file.extractors.length === 0) {
    entry.noRecords = `discovery chose no extractor: ${file.reason}`;
    return out;
  }
  const prepared = prepareSource(file.text, file.path);
  problems.push(...prepared.problems);
  const ctx = new FileExtractorContext(file, file.text, prepared, vocabulary, problems);
  const drafts: DraftTask[] = [];
  // Which extractor made each draft, for explain's key lists: by a map only when more than one made drafts.
  let producer: string | null = null;
  let produced: Map<DraftTask, string> | null = null;
  for (const name of file.extractors) {
    const extractor = findExtractor(name);
    if (extractor === undefined) {
      problems.push({
        severity: 'warning',
        code: 'extractor-unknown',
        file: file.path,
        line: null,
        message: `discovery asked for the extractor "${name}", which this version of membank does not have`,
        received: name,
        fix: 'upgrade membank, or report the file so discovery can pick a known extractor',
      });
      entry.extractors.push({ name, describe: 'unknown extractor', keys: [], note: 'not run: unknown extractor' });
      continue;
    }
    try {
      const output = extractor.extract(ctx);
      if (output.drafts.length > 0) {
        if (producer === null && produced === null) producer = name;
        else {
          if (produced === null) {
            produced = new Map();
            for (const draft of drafts) produced.set(draft, producer ?? '');
            producer = null;
          }
          for (const draft of output.drafts) produced.set(draft, name);
        }
      }
      for (const draft of output.drafts) drafts.push(draft);
      if (output.documentTask !== undefined) ctx.documentTask = output.documentTask;
      entry.extractors.push({ name, describe: extractor.describe, keys: [], note: output.drafts.length === 0 ? (output.note ?? 'found nothing') : null });
    } catch (error) {
      problems.push({
        severity: 'error',
        code: 'parse-failed',
        file: file.path,
        line: null,
        message: `the ${name} extractor failed on this file (${(error as Error).message}); its other extractors still ran`,
        received: null,
        fix: 'report this as a membank bug with the file attached; meanwhile exclude the file with discover.ignore',
      });
      entry.extractors.push({ name, describe: extractor.describe, keys: [], note: 'failed (see problems)' });
    }
  }
  for (const draft of drafts) renderDeferredBody(ctx, draft);
  dropBareStatusItems(file.path, drafts, vocabulary, problems);
  drafts.sort((a, b) => a.line - b.line || a.seq - b.seq);
  let entries: DatedEntries | null = null;
  const readEntries = (): DatedEntries => (entries ??= isReadAsMarkdown(file.path) ? readDatedEntries(ctx.sections, ctx.lineTimestamps, ctx.lines.length, ctx.dayFirst) : noEntries);
  foldRestatedItems(file.path, drafts, problems, readEntries);
  if (drafts.length > 0 && mayHoldEntries(ctx.sections)) dateByEntries(drafts, readEntries);
  // Items under a heading task another extractor read are its subtasks, as when one extractor reads both.
  if (produced !== null && isReadAsMarkdown(file.path)) adoptUnderHeadings(drafts, produced, ctx.sections);
  const anchors = assignAnchors(drafts);
  const keyPrefix = `${file.path}#`;
  // A draft listed twice (by two extractors) keeps the key of its last place, for every place.
  let listedTwice = false;
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index] as DraftTask;
    if (draft.key !== null) listedTwice = true;
    draft.key = keyPrefix + (anchors[index] as string);
  }
  // A key's anchor is what follows its first `#` (a `#` in the path moves it, as it always has).
  const anchorFromKey = listedTwice || file.path.includes('#');
  for (const extractorEntry of entry.extractors) {
    if (produced !== null) {
      const made = produced;
      extractorEntry.keys = drafts.filter((draft) => made.get(draft) === extractorEntry.name).map((draft) => draft.key ?? '');
    } else extractorEntry.keys = producer === extractorEntry.name ? drafts.map((draft) => draft.key ?? '') : [];
  }
  reportLocalDuplicates(file.path, drafts, problems);
  if (drafts.length === 0) {
    entry.noRecords = entry.extractors.map((item) => `${item.name}: ${item.note ?? 'found nothing'}`).join('; ');
  }
  for (let index = 0; index < drafts.length; index++) {
    const draft = drafts[index] as DraftTask;
    const key = draft.key as string;
    const anchor = anchorFromKey ? key.slice(key.indexOf('#') + 1) : (anchors[index] as string);
    const title = readDisplayTitle(draft);
    if (title === untitledTitle) {
      problems.push({
        severity: 'warning',
        code: 'title-empty',
        file: file.path,
        line: draft.line,
        message: 'an item has no title text, so it was named "(untitled)"',
        received: null,
        fix: 'write the task text after the bullet or checkbox, or delete the empty item',
      });
    }
    // A title closing with an id in parentheses or after an arrow (`Finish the offline mode (TASK002)`) may name the task
    // it is, or a document it refers to (`(see INC-031)`): merging decides, by the named task's title.
    const mentioned = draft.sourceId === null ? readClosingMention(title) : null;
    out.records.push({
      statusLine: draft.statusLine,
      line: draft.line,
      seq: draft.seq,
      ...(mentioned === null ? {} : { mention: { id: mentioned.id, title: readDisplayTitle({ ...draft, title: mentioned.rest, sourceId: mentioned.id }) } }),
      ...(draft.linkedFile === undefined ? {} : { linkedFile: resolveLink(file.path, draft.linkedFile) }),
      record: {
        key,
        source: { path: file.path, line: Math.max(1, draft.line), anchor },
        title,
        body: draft.body.length === 0 ? '' : draft.body.filter((part) => part.trim() !== '').join('\n\n').trim(),
        // The draft is dropped after this: its own objects (each draft's, never shared) move into the record.
        status: draft.status,
        priority: draft.priority,
        dates: draft.dates,
        labels: draft.labels,
        owner: draft.owner,
        sourceId: draft.sourceId,
        parentKey: draft.parent === null ? null : draft.parent.key,
        order: 0,
        percentDone: draft.percentDone,
        extractor: draft.extractor,
        extra: draft.extra,
        // An empty list is the draft's own (createDraft's), never shared: kept, not copied.
        progress: draft.progress.length === 0 ? draft.progress : draft.progress.map((entry) => ({ ...entry })),
        alsoSeenAt: noPlaces,
      },
    });
  }
  return out;
}

/**
 * Parses discovered files into task records. Files classified as context documents, templates or ignored
 * produce no records (explain says why); every other file runs the extractors discovery chose, in order. With a
 * cache, a file whose cached parse is still valid is not parsed again (only merged with the others).
 */
export function parseFiles(files: readonly DiscoveredFile[], options: ParseOptions, cache?: FileParseCache): ParseResult {
  const vocabulary = createVocabulary(options.vocabulary);
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  return assembleParse(
    sorted.map((file) => {
      const cached = cache?.get(file);
      if (cached !== undefined) return cached;
      const parsed = parseFile(file, vocabulary);
      cache?.put(file, parsed);
      return parsed;
    }),
  );
}

/** Merges per-file parses (in path order) into one result: records merged across files and numbered, problems sorted. */
export function assembleParse(parsed: readonly FileParse[]): ParseResult {
  const problems: InputProblem[] = [];
  const explain: ExplainEntry[] = [];
  const records: TaskRecord[] = [];
  // Each record's file parse entry (status line, position) and bank, by index: no map keyed by record keys.
  const entries: FileParse['records'] = [];
  const entryBanks: string[] = [];
  const bankByPath = new Map<string, string>();
  // Indexed loops over records here and below (a `for…of` allocated an iterator result per record).
  for (const file of parsed) {
    explain.push(file.explain);
    for (const problem of file.problems) problems.push(problem);
    bankByPath.set(file.path, file.bank);
    const fileRecords = file.records;
    for (let index = 0; index < fileRecords.length; index++) {
      const entry = fileRecords[index] as FileParse['records'][number];
      entries.push(entry);
      entryBanks.push(file.bank);
      records.push(entry.record);
    }
  }
  // Only merged records' status lines are asked for (conflict messages): the map is built on the first question.
  let statusLines: Map<string, number> | null = null;
  const mentions: [TaskRecord, Mention][] = [];
  const links: [TaskRecord, string][] = [];
  for (const entry of entries) {
    if (entry.mention !== undefined) mentions.push([entry.record, entry.mention]);
    if (entry.linkedFile !== undefined) links.push([entry.record, entry.linkedFile]);
  }
  const merge = mergeRecords(records, {
    bankOf: (path) => bankByPath.get(path) ?? '',
    mentions,
    links,
    statusLineOf: (key) => {
      if (statusLines === null) {
        statusLines = new Map();
        for (const entry of entries) statusLines.set(entry.record.key, entry.statusLine);
      }
      return statusLines.get(key);
    },
  });
  for (const problem of merge.problems) problems.push(problem);
  const mergedByFile = new Map<string, { key: string; into: string }[]>();
  for (const item of merge.merged) {
    const path = item.key.slice(0, item.key.indexOf('#'));
    const list = mergedByFile.get(path) ?? [];
    list.push(item);
    mergedByFile.set(path, list);
  }
  for (const entry of explain) entry.merged = mergedByFile.get(entry.file) ?? [];

  // Order: bank, path, line, seq. Merging keeps its input order (the records it keeps are a subsequence of
  // `records`), which is already this order when the files came in path order and every bank's paths sort
  // together: then the sort is skipped (a stable sort of sorted input changes nothing).
  const kept = merge.records;
  const banks: string[] = [];
  const lines: number[] = [];
  const seqs: number[] = [];
  let at = 0;
  for (let index = 0; index < kept.length; index++) {
    const record = kept[index] as TaskRecord;
    while (at < entries.length && (entries[at] as FileParse['records'][number]).record !== record) at++;
    const entry = entries[at];
    if (entry === undefined) throw new InternalError(`merging returned a record that it was not given, or out of order: ${record.key}`);
    banks.push(entryBanks[at] as string);
    lines.push(entry.line);
    seqs.push(entry.seq);
    at++;
  }
  const compareAt = (a: number, b: number): number =>
    compareText(banks[a] as string, banks[b] as string) ||
    compareText((kept[a] as TaskRecord).source.path, (kept[b] as TaskRecord).source.path) ||
    (lines[a] as number) - (lines[b] as number) ||
    (seqs[a] as number) - (seqs[b] as number);
  let inOrder = true;
  for (let i = 1; inOrder && i < kept.length; i++) inOrder = compareAt(i - 1, i) <= 0;
  let order: number[] | null = null;
  if (!inOrder) {
    order = kept.map((_, index) => index);
    order.sort(compareAt);
  }
  const ordered = order === null ? kept : order.map((index) => kept[index] as TaskRecord);
  // Sorted by bank first, so each bank's records are one run: its numbering restarts where the bank changes.
  let bank: string | null = null;
  let next = 0;
  for (let i = 0; i < ordered.length; i++) {
    const recordBank = banks[order === null ? i : (order[i] as number)] as string;
    if (recordBank !== bank) {
      bank = recordBank;
      next = 0;
    }
    (ordered[i] as TaskRecord).order = next++;
  }
  // Beside a bank that holds tasks, one that keeps only context is common (a Cline memory bank beside `.taskmaster/`).
  if (ordered.length === 0) for (const problem of reportTasklessBanks(parsed)) problems.push(problem);
  problems.sort(
    (a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareText(a.code, b.code) || compareText(a.message, b.message),
  );
  return { records: ordered, problems, explain };
}

/**
 * Banks whose files gave no task at all, when no bank gave one (`no-tasks`): said, with what their files were taken
 * for, so that a bank written in a way membank does not read is not migrated as an empty project under "Problems:
 * none". Not said for a bank one of whose files could not be read (an error names it).
 */
function reportTasklessBanks(parsed: readonly FileParse[]): InputProblem[] {
  const kinds = new Map<string, Map<string, number>>();
  const failed = new Set<string>();
  for (const file of parsed) {
    if (file.problems.some((problem) => problem.severity === 'error')) failed.add(file.bank);
    let counts = kinds.get(file.bank);
    if (counts === undefined) kinds.set(file.bank, (counts = new Map()));
    counts.set(file.explain.kind, (counts.get(file.explain.kind) ?? 0) + 1);
  }
  const problems: InputProblem[] = [];
  for (const [bank, counts] of kinds) {
    // A file that could not be read says so already: its bank's lack of tasks follows from it.
    if (failed.has(bank)) continue;
    const files = [...counts.values()].reduce((sum, count) => sum + count, 0);
    const what = [...counts].map(([kind, count]) => `${kind}: ${count}`).join(', ');
    problems.push({
      severity: 'warning',
      code: 'no-tasks',
      file: bank,
      line: null,
      message: `no task found in ${bank}: ${formatCount(files, 'file')} read, none holds a task (${what})`,
      received: what,
      fix: `if its tasks are there, \`membank parse --explain\` says why each file of ${bank} gave none (name the files in discover.taskGlobs to read them as tasks); a bank that keeps only context needs nothing`,
    });
  }
  return problems;
}
