/**
 * The state one outline walk shares between its conventions (headings, list items, metadata fields, tables):
 * the file being read, the options that say which conventions make tasks, and the drafts made so far.
 */
import type { ListItem, RootContent } from 'mdast';
import type { ExtractorNameValue } from '../../../core/source-file.js';
import type { KnownStatus } from '../../vocabulary-data.js';
import { readEndLine, readLine, sliceLines, type Section } from '../../markdown.js';
import type { DraftTask, ExtractorContext } from '../types.js';

/** What the walker turns into tasks. */
export interface OutlineOptions {
  extractor: ExtractorNameValue;
  /** Checkbox items (`- [ ]`, `[x]`, `[-]`, `[~]`, `[✅]`) become tasks. */
  checklists: boolean;
  /** Plain top-level bullets under status sections (`## Completed Tasks`, `## What's Left`) become tasks. */
  sectionBullets: boolean;
  /**
   * Headings that become tasks: `marked` = a source id, a status suffix or emoji, `Next:`/`Task:` prefixes;
   * `pattern` = roadmap headings `Task N:` / `Milestone N:`; `checkbox` = only headings opening with a checkbox
   * (`### [x] Write the docs`); `none`.
   */
  headingTasks: 'none' | 'marked' | 'pattern' | 'checkbox';
  /** Bullets with an inline status (`(Status: pending)`, `- in progress`) become tasks. */
  inlineStatusBullets: boolean;
  /** Bold bullets that start with an id (`- **Task 36: …**`) become tasks. */
  boldIdBullets: boolean;
  /** Task tables become one task per row. */
  tables: boolean;
  /** A heading with metadata bullets (`- **Priority**: High`) over task items becomes their parent task. */
  groupHeadings: boolean;
}

/** Where the walk is: the key context, the status and priority a section heading gives, the owning task. */
export interface Scope {
  context: string[];
  sectionStatus: KnownStatus | null;
  sectionPriority: number | null;
  /**
   * Set when `sectionPriority` came from a note closing a topic heading (`## Security (High Priority)`), or the heading
   * is a task another extractor made: it ranks the tasks found under it, but makes no task of a plain bullet, as a
   * heading wholly a rank (`## High Priority`) does.
   */
  rankOnly?: boolean;
  parent: DraftTask | null;
  /** Body that text which is not a task goes to (the owning task's), or null to drop it. */
  sink: string[] | null;
  /** Inside acceptance criteria: nothing here is a task. */
  criteria: boolean;
  /** The title of the heading the walk is under (the document's title too, which `context` leaves out), if any. */
  heading?: string;
  /**
   * Set in the section of a heading task written with a checkbox (`## [x] Track: A`): the scope around it. A thematic
   * break (`---`) in that section ends the task, as the next checklist item would: what follows is its peer, not its
   * subtask (Conductor's tracks.md writes `## [x] Track: A`, `---`, then `- [ ] **Track: B**`).
   */
  outer?: Scope;
  /**
   * A bold label item of a status section over a list of its own (`1. **Interface**:` over `   - Dark mode`): the items
   * of that list are tasks of the section as the label is, each its subtask.
   */
  group?: DraftTask;
  /**
   * Under a heading task of a section of work not done (`## What's Left to Build` over `### ❌ Step handler`): that
   * section's status, which a cross alone on an item under the task takes, as it would right under the section.
   */
  crossSection?: KnownStatus;
}

/** One walk over one file. */
export interface Walk {
  ctx: ExtractorContext;
  options: OutlineOptions;
  /** Every draft made by this walk, in creation order. */
  drafts: DraftTask[];
  /**
   * Walks blocks nested in a list item (a table, a heading, fields): blocks.ts' `walkBlocks`, handed to the walk so
   * that lists.ts, which blocks.ts calls for lists, does not import it back.
   */
  walkBlocks: (walk: Walk, nodes: readonly RootContent[], scope: Scope) => DraftTask[];
  /** Whether a heading below the title is exactly a status (`## What Works`): then status phrases open sections too (read once). */
  statusHeadings?: boolean;
  /** Whether the file holds a `## Next` or `## Later` section below its title (a Now/Next/Later roadmap), once asked. */
  nextOrLater?: boolean;
  /** Headings that are tasks as one of a run of siblings each marked with its status (sections.ts' `markStatusRun`). */
  markedRun?: Set<Section>;
  /** Whether the file's name names a list of bugs (`bugs.md`, `known-bugs.md`), once asked. */
  bugList?: boolean;
  /**
   * The file's footer: field lines after its last thematic break, at its end (`---` over `**Status**: Phase 5 COMPLETED`
   * and `**Last Updated**: 2025-06-01`), which state the document's own state, not the last heading's (`readFooter`).
   */
  footer?: ReadonlySet<RootContent>;
}

/** The source lines of a section's paragraphs and lists, in order (the fields a section writes sit on them). */
export function* blockLines(walk: Walk, nodes: readonly RootContent[]): Generator<string> {
  for (const node of nodes) {
    if ((node.type !== 'paragraph' && node.type !== 'list') || node.position === undefined) continue;
    for (let line = node.position.start.line; line <= node.position.end.line; line++) yield walk.ctx.lines[line - 1] ?? '';
  }
}

/** A section's blocks, the file's footer left out (`Walk.footer`). */
export function ownNodes(walk: Walk, section: Section): readonly RootContent[] {
  const footer = walk.footer;
  return footer === undefined || footer.size === 0 ? section.nodes : section.nodes.filter((node) => !footer.has(node));
}

/** A list item's Markdown source, dedented. */
export function itemMarkdown(walk: Walk, item: ListItem): string {
  return sliceLines(walk.ctx.lines, readLine(item), readEndLine(item));
}

/** A block's Markdown source, dedented. */
export function nodeMarkdown(walk: Walk, node: RootContent): string {
  return sliceLines(walk.ctx.lines, readLine(node), readEndLine(node));
}

/** A short label ending in a colon that introduces acceptance criteria (`Acceptance criteria:`). */
export function isCriteriaItem(walk: Walk, text: string): boolean {
  const label = text.trim();
  return label.length <= 40 && /[:：]$/u.test(label) && walk.ctx.vocabulary.isCriteriaLabel(label);
}
