/**
 * Classifies one memory-bank file: task document, task list, task table, index, context document, template or
 * ignored, with a one-line reason that cites the signal, and the extractors the parser should run on it.
 *
 * Classification is per file and driven by content signals (FORMATS.md §1, §5), helped by where the file sits.
 * It is conservative: a prose document is a context document even when it holds a checklist or a status table,
 * unless it sits in a tasks/progress location, its header says it is a task, or it *is* a task table.
 * The rules are data: an ordered list, first match wins (see `markdownRules`).
 *
 * By concern: `classify-facts.ts` (what a rule looks at), `classify-rules.ts` (the ordered rules),
 * `classify-task-source.ts` (what a file in a task location holds; one-task files), `classify-tables.ts`,
 * `classify-sections.ts` and `classify-locations.ts` (the signals they read), `classify-files.ts` (JSON and other
 * files); word lists come from `vocabulary-data.ts`. This module keeps the public entry points.
 */
import { FileKind } from '../core/source-file.js';
import { formatCount, makeClassification, type Classification } from './classify-files.js';
import { collectFacts, findTaskStatusKey, readFileKey, type FileFacts, type ClassifyMarkdownInput } from './classify-facts.js';
import { classifyKiroSpecDocument, markdownRules } from './classify-rules.js';
import { describeNoWorkTable, describeTable, filterTaskTables } from './classify-tables.js';

/** Discovery's word lists live with the parser's in vocabulary-data.ts (one vocabulary source); re-exported here. */
export {
  contextFileNames,
  contextFolders,
  taskFolders,
  taskFileStems,
  taskListStems,
  reportNameWords,
  taskTypes,
  documentTypes,
  taskStatusWords,
  tableColumns,
  statusSectionPrefixes,
} from './vocabulary-data.js';

export type { Classification } from './classify-files.js';
export { classifyData, classifyJson, classifyOther, isMarkdownName, isMarkdownText, isReadAsMarkdown, markdownExtensions } from './classify-files.js';
export type { BankFlavor, ClassifyMarkdownInput, ClassificationRule, FileFacts } from './classify-facts.js';
export { collectFacts } from './classify-facts.js';
export { markdownRules } from './classify-rules.js';
export { isTaskTable } from './classify-tables.js';

/** Says why a file that matched no task rule is context, citing the incidental signals it has. */
function describeContext(f: FileFacts): string {
  const s = f.signals;
  const notes: string[] = [];
  const docType = s.frontmatter?.['document_type'] ?? s.frontmatter?.['type'];
  if (docType !== undefined && docType !== '') notes.push(`frontmatter ${s.frontmatter?.['document_type'] !== undefined ? 'document_type' : 'type'}: ${docType}`);
  else if (s.frontmatter?.['status'] !== undefined) {
    // A status in another language (`état: en cours`, `status: en cours`) is read as a task's only where tasks are kept.
    const key = findTaskStatusKey(s);
    const value = s.frontmatter['status'];
    notes.push(
      key !== null
        ? `frontmatter ${key}: ${value} (a status in another language, read as a task's only in a tasks folder or a file named with a task id)`
        : `frontmatter status: ${value} (document lifecycle, not task progress)`,
    );
  }
  const incidental: string[] = [];
  const boxes = s.checkboxes.open + s.checkboxes.done;
  if (boxes > 0) incidental.push(`${formatCount(boxes, 'checkbox')} (first at line ${s.checkboxes.firstLine ?? 0})`);
  const table = filterTaskTables(s)[0];
  if (table !== undefined) incidental.push(describeTable(table));
  const head = notes.length > 0 ? `context document (${notes.join('; ')})` : 'context document';
  if (/index|toc|contents/.test(f.key) && s.mdLinks >= 3) {
    return `${head}: index of memory-bank documents (${formatCount(s.mdLinks, 'link')} to .md files), not of tasks`;
  }
  if (incidental.length === 0 && s.headings.length === 0) {
    return `${head}: ${formatCount(s.contentLines, 'line')} of text, no headings and no task signals`;
  }
  if (incidental.length === 0) {
    // A table whose rows state something is no work: say which (`a risk register`, `a decision log`).
    const prose = `${head}: prose (${formatCount(s.headings.length, 'heading')}), no task signals`;
    for (const t of s.tables) {
      const kind = describeNoWorkTable(t);
      if (kind !== null) return `${prose} (the ${describeTable(t)} is ${kind})`;
    }
    return prose;
  }
  return `${head}: ${incidental.join(' and ')} incidental — not in a tasks/progress location and no task header`;
}

/**
 * A Kiro requirements.md or design.md decided by its name without a scan: only the first rule (a Kiro task list,
 * which needs `_Requirements:` refs) and the no-body check come before the name, and the text answers both — it holds
 * no `_Requirement`, and with no frontmatter its body is the whole text. Null when the scan is needed.
 */
function classifyKiroSpecUnscanned(input: ClassifyMarkdownInput): Classification | null {
  if (input.signals !== undefined || input.flavor !== 'kiro') return null;
  if (input.text.includes('_Requirement') || input.text.startsWith('---') || input.text.trim() === '') return null;
  return classifyKiroSpecDocument(input.flavor, readFileKey(input.pathInBank));
}

/** The rules that decide a file holding nothing but frontmatter, in their order among `markdownRules`. */
const frontmatterOnlyRules = markdownRules.filter((rule) => rule.frontmatterOnly === true);

/** Classifies one decoded Markdown file. */
export function classifyMarkdown(input: ClassifyMarkdownInput): Classification {
  const unscanned = classifyKiroSpecUnscanned(input);
  if (unscanned !== null) return unscanned;
  const facts = collectFacts(input);
  if (facts.signals.contentLines === 0 && facts.signals.fencedLines === 0) {
    if (facts.signals.frontmatter === null) return makeClassification(FileKind.contextDocument, 'no content');
    // A file that is all frontmatter is still a task when its frontmatter says so (Backlog.md writes finished tasks
    // as `id`, `title`, `status: Done` and nothing else); the rules that read a body have nothing to read.
    for (const rule of frontmatterOnlyRules) {
      const decided = rule.apply(facts);
      if (decided !== null) return decided;
    }
    return makeClassification(FileKind.contextDocument, 'frontmatter only, no body, and it does not say it is a task');
  }
  for (const rule of markdownRules) {
    const decided = rule.apply(facts);
    if (decided !== null) return decided;
  }
  return makeClassification(FileKind.contextDocument, describeContext(facts));
}
