/**
 * Items under a heading task that another extractor read: in a file read by two extractors (`section-list` for the
 * bullets of its status sections, `cursor-tasks` for its headings carrying a status), a bullet under `### ✅ Project
 * Foundation` is that heading task's subtask, as it is when one extractor reads both.
 */
import type { Section } from './markdown.js';
import type { DraftTask } from './extractors/types.js';

/**
 * Gives each draft without a parent the heading task whose section holds it most closely, when another extractor made
 * that heading task (`madeBy`: which extractor made each draft). A draft's own extractor decided its parent already.
 */
export function adoptUnderHeadings(drafts: readonly DraftTask[], madeBy: ReadonlyMap<DraftTask, string>, root: Section): void {
  const headingTasks = new Map<number, DraftTask>();
  for (const draft of drafts) if (!headingTasks.has(draft.line)) headingTasks.set(draft.line, draft);
  const spans: Array<{ line: number; end: number; task: DraftTask }> = [];
  collectSpans(root, Number.MAX_SAFE_INTEGER, headingTasks, spans);
  if (spans.length === 0) return;
  for (const draft of drafts) {
    if (draft.parent !== null) continue;
    let holder: DraftTask | null = null;
    // Spans come outermost first: the last one holding the draft is the closest.
    for (const span of spans) if (span.line < draft.line && draft.line <= span.end && span.task !== draft) holder = span.task;
    if (holder === null || madeBy.get(holder) === madeBy.get(draft) || isAncestor(draft, holder)) continue;
    draft.parent = holder;
  }
}

/** The sections whose heading is a task's line, with the last line each holds, outermost first. */
function collectSpans(section: Section, end: number, headingTasks: ReadonlyMap<number, DraftTask>, spans: Array<{ line: number; end: number; task: DraftTask }>): void {
  if (section.heading !== null) {
    const task = headingTasks.get(section.line);
    if (task !== undefined) spans.push({ line: section.line, end, task });
  }
  section.children.forEach((child, index) => collectSpans(child, (section.children[index + 1]?.line ?? end + 1) - 1, headingTasks, spans));
}

/** Whether `draft` is `task` or one of its parents. */
function isAncestor(draft: DraftTask, task: DraftTask): boolean {
  for (let at: DraftTask | null = task; at !== null; at = at.parent) if (at === draft) return true;
  return false;
}
