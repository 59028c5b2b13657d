/**
 * The contract between the parser and its extractors: what an extractor sees (one prepared file) and what it
 * returns (draft tasks, before keys, merging and ordering are applied by `parse.ts`).
 */
import type { Root, RootContent } from 'mdast';
import type { ExtractorNameValue, FileKindValue } from '../../core/source-file.js';
import type { InputProblem, ProgressEntry, TaskRecord, TaskStatusValue } from '../../core/task-record.js';
import type { Frontmatter } from '../frontmatter.js';
import type { Section } from '../markdown.js';
import type { Vocabulary } from '../vocabulary.js';
import type { KnownStatus } from '../vocabulary-data.js';

/** How strongly a status source is trusted; a higher rank replaces a lower one. */
export const statusRank: Readonly<Record<string, number>> = {
  default: 0,
  children: 1,
  section: 1,
  folder: 1,
  heading: 2,
  checkbox: 3,
  'table-cell': 4,
  'bold-field': 4,
  inline: 4,
  signifier: 4,
  strike: 4,
  percent: 4,
  frontmatter: 5,
  'frontmatter-item': 5,
  json: 5,
  'data-flag': 5,
  'status-map': 5,
};

/** A task as an extractor sees it: no key yet, parent by reference. */
export interface DraftTask {
  extractor: ExtractorNameValue;
  /** 1-based line of the item's first line. */
  line: number;
  /** Creation sequence within the file (tie-breaker for ordering). */
  seq: number;
  /** Structural context above the item (heading texts, ancestor list items) used for keys. */
  context: string[];
  /** The id the author gave the task (`PM-003`, `TASK004`, `1.2`), if any. */
  sourceId: string | null;
  /** Explicit key anchor (used verbatim, e.g. Taskmaster `master:3`), else derived in keys.ts. */
  anchor: string | null;
  /** Title without the source id (keys.ts and parse.ts add the id back for display). */
  title: string;
  /** Markdown body parts, joined with blank lines. */
  body: string[];
  /**
   * Top-level nodes rendered into the body after every extractor ran, minus what became tasks (so a document's
   * body does not repeat its own checklist).
   */
  deferredBody?: RootContent[];
  status: TaskRecord['status'];
  /** Line of the status value (for conflict messages). */
  statusLine: number;
  priority: TaskRecord['priority'];
  dates: TaskRecord['dates'];
  labels: string[];
  owner: string | null;
  parent: DraftTask | null;
  percentDone: number | null;
  extra: Record<string, string>;
  progress: ProgressEntry[];
  /**
   * The status its section states (`## Upcoming`, `## What's left to build`, `## Completed`): it sits in a list of the
   * work by status, which may list again an item written elsewhere in the file (fold-restated.ts).
   */
  sectionStatus?: TaskStatusValue;
  /**
   * The Markdown file its title links to, as written (`[Offline mode](tasks/offline-mode.md)`): merging folds the item
   * into that file's task.
   */
  linkedFile?: string;
  /** The status the file's folder states (`completed/`, `LATER/`): breaks ties between two written statuses. */
  folderStatus?: { canonical: TaskStatusValue; folder: string };
  /**
   * The record key `parse.ts` gave this draft (`<path>#<anchor>`), null until then: a parent's key is read from
   * its draft instead of a draft → key map per file.
   */
  key: string | null;
}

/** Everything an extractor may look at for one file. */
export interface ExtractorContext {
  path: string;
  bank: string;
  kind: FileKindValue;
  /** The file's text as decoded by discovery (line endings kept): JSON extractors read this. */
  rawText: string;
  /** LF-normalised Markdown source with the frontmatter block blanked (line numbers unchanged). */
  source: string;
  lines: readonly string[];
  /** mdast of `source`, parsed on first use. */
  readonly tree: Root;
  /** Section tree of `tree`, built on first use. */
  readonly sections: Section;
  /** Whether the file writes its `dd/mm/yyyy` dates day first (`readsDayFirst`), read on first use. */
  readonly dayFirst: boolean;
  /**
   * The one year every full date the file writes falls in (`**Added:** August 7, 2025`, `2025-08-09`), which a day
   * written without its year (`Aug 7`) is in; null when it writes none or several. Read on first use.
   */
  readonly fileYear: number | null;
  /** Indicator marks the file explains (`🟢 Done` written somewhere: its `🟢` alone is done; mark-meanings.ts), read on first use. */
  readonly markMeanings: ReadonlyMap<string, KnownStatus>;
  /** What the file says an indicator mark means as a priority (`Priority: 🔴 high · 🟡 medium`), for marks it gives no status. */
  readonly markPriorities: ReadonlyMap<string, number>;
  frontmatter: Frontmatter | null;
  vocabulary: Vocabulary;
  /** Roo timestamps that were written in front of block markers (`[ts] - ## Task`), by line. */
  lineTimestamps: ReadonlyMap<number, string>;
  /** mdast nodes already turned into tasks by an earlier extractor on this file. */
  claimed: Set<object>;
  /** The document-level task created by an earlier extractor (frontmatter task, TASKnnn file), if any. */
  documentTask: DraftTask | null;
  /** Reports a problem in this file. */
  report(problem: Omit<InputProblem, 'file'>): void;
  /** Next creation sequence number. */
  nextSeq(): number;
}

/** What one extractor returns for one file. */
export interface ExtractorOutput {
  drafts: DraftTask[];
  /** Why nothing was found, for `--explain` (only read when `drafts` is empty). */
  note?: string;
  /** The document-level task, when the extractor made one (later extractors hang their items under it). */
  documentTask?: DraftTask;
}

/** A registered extractor. */
export interface Extractor {
  name: ExtractorNameValue;
  /** One sentence for `--explain`. */
  describe: string;
  extract(ctx: ExtractorContext): ExtractorOutput;
}
