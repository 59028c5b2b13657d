/**
 * The plain reading of discovery's signals: `scanMarkdown` of src/memory-bank/discover-signals.ts as it was before
 * its per-line work was split into small gated functions (commit 4d18e16), every pattern tried on every line it
 * could match. test/unit/memory-bank/discover-signals-reference.test.ts holds the fast scanner equal to it.
 */
import {
  headingPattern,
  rooHeadingPattern,
  readSetextHeading,
  fencePattern,
  fencedStatusPattern,
  jsonFencePattern,
  jsonStatusPattern,
  namesTaskOnLine,
  yamlFencePattern,
  tableSeparatorPattern,
  checkboxPattern,
  isOpenBoxMark,
  marginCheckboxPattern,
  definitionItemPattern,
  readTermMark,
  listItemPattern,
  statusLeadItemPattern,
  wordLeadItemPattern,
  boldLabelItemLine,
  boldLabelLine,
  plainLabelLine,
  plainLabelItemLine,
  readStatusTailTerm,
  closingMarkPattern,
  markLinePattern,
  quotationCalloutStart,
  quotePrefix,
  kiroItemPattern,
  requirementsPattern,
  boldFieldPattern,
  tableBoldFieldPattern,
  rooStampPattern,
  rooPreamblePattern,
  taskRefPattern,
  taskIdHeadingPattern,
  taskmasterHeadingPattern,
  isoDatePattern,
  mdLinkPattern,
  placeholderHint,
  listItemNeed,
  placeholderPatterns,
  placeholderKindList,
  placeholderRegexList,
  placeholderNeedList,
  isBlankLine,
  countMatches,
  readFrontmatter,
  crossItemPattern,
  namesSchedule,
} from '../../src/memory-bank/discover-patterns.js';
import { findHeaderStatus, readItemStatusField, readMarginStatusField } from '../../src/memory-bank/header-status.js';
import { statusEmoji } from '../../src/memory-bank/vocabulary-data.js';
import { splitTableLine } from '../../src/memory-bank/table-line.js';
import { closingIndicator, markItemPattern } from '../../src/memory-bank/mark-meanings.js';
import { normaliseLabelFully, type BoldFieldSignal, type MarkdownSignals, type TableSignal } from '../../src/memory-bank/discover-signals.js';

/** Scans a Markdown text (BOM already stripped) for classification signals. */
export function scanMarkdownPlainly(text: string): MarkdownSignals {
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const { frontmatter, data: frontmatterData, endLine } = readFrontmatter(lines);
  const signals: MarkdownSignals = {
    frontmatter,
    frontmatterData,
    frontmatterEndLine: endLine,
    headings: [],
    tables: [],
    checkboxes: { open: 0, done: 0, firstLine: null },
    kiroItems: 0,
    requirementsRefs: 0,
    boldFields: [],
    rooStamps: { count: 0, firstLine: null },
    rooPreambleLine: null,
    taskRefLines: 0,
    taskIdHeadingLine: null,
    taskmasterHeadingLine: null,
    placeholders: { kinds: [], count: 0, firstLine: null },
    isoDates: 0,
    contentLines: 0,
    fencedLines: 0,
    mdLinks: 0,
    headerStatus: findHeaderStatus(lines, { from: endLine }),
    definitionItems: [],
    listItems: 0,
    statusLeads: [],
    wordLeads: [],
    markLeads: [],
    statusTails: [],
    fencedStatuses: [],
    statusMarks: { open: 0, done: 0, firstLine: null },
    itemStatusFields: [],
    marginStatusFields: [],
    taskNameLines: [],
    labels: [],
  };
  const placeholderKinds = new Set<string>();
  let fence: { char: string; length: number; yaml: boolean; json: boolean } | null = null;
  let firstH1Line: number | null = null;
  // Lines of a few words alone (`What's left`, `Next steps:`): labels when set apart above and over a list.
  const plainLabels: { name: string; line: number }[] = [];

  // Inside an Obsidian callout of quoted material (`> [!quote]`): it ends at the first line outside the block quote.
  let quotation = false;
  // The last line read closing with its status (0: none), its status, and whether it was counted.
  const lineTail: { line: number; term: string | undefined; mark: string | undefined; counted: boolean } = { line: 0, term: undefined, mark: undefined, counted: false };
  for (let i = endLine; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const lineNo = i + 1;
    if (!line.startsWith('>')) quotation = false;
    // Each pattern below runs only on lines holding a character it needs (the same result at a fraction of the
    // cost: most lines of a bank are prose, and a 10,000-file bank is 300,000 lines).
    const fenceMatch = line.includes('```') || line.includes('~~~') ? fencePattern.exec(line) : null;
    if (fence !== null) {
      if (!isBlankLine(line)) signals.fencedLines++;
      const closes = fenceMatch?.[1] !== undefined && fenceMatch[1][0] === fence.char && fenceMatch[1].length >= fence.length && line.trim().replace(/^[`~]+/, '') === '';
      // A status key of an item in a YAML block.
      const value = closes ? undefined : fence.yaml ? fencedStatusPattern.exec(line)?.[1] : fence.json ? jsonStatusPattern.exec(line)?.[1] : undefined;
      if (value !== undefined && value !== '') signals.fencedStatuses.push({ value, line: lineNo });
      if (closes) fence = null;
      continue;
    }
    if (fenceMatch?.[1] !== undefined) {
      fence = { char: fenceMatch[1][0] ?? '`', length: fenceMatch[1].length, yaml: yamlFencePattern.test(line), json: jsonFencePattern.test(line) };
      signals.fencedLines++;
      continue;
    }
    if (isBlankLine(line)) continue;
    signals.contentLines++;
    const label = line.length <= 52 ? plainLabelLine.exec(line)?.[1] : undefined;
    if (label !== undefined) plainLabels.push({ name: label.toLowerCase(), line: lineNo });
    const labelItem = line.length <= 60 ? plainLabelItemLine.exec(line) : null;
    if (labelItem?.[2] !== undefined) plainLabels.push({ name: labelItem[2].toLowerCase(), line: lineNo });

    const heading = line.includes('#') ? (headingPattern.exec(line) ?? rooHeadingPattern.exec(line)) : null;
    if (heading?.[1] !== undefined) {
      signals.headings.push({ level: heading[1].length, text: heading[2] ?? '', line: lineNo, items: 0, boxes: 0, numbered: 0 });
      if (heading[1].length === 1 && firstH1Line === null) {
        firstH1Line = lineNo;
      }
      if (signals.taskIdHeadingLine === null && taskIdHeadingPattern.test(line)) signals.taskIdHeadingLine = lineNo;
      if (signals.taskmasterHeadingLine === null && taskmasterHeadingPattern.test(line)) {
        signals.taskmasterHeadingLine = lineNo;
      }
    } else {
      const setext = readSetextHeading(lines, i, endLine);
      if (setext !== null) signals.headings.push({ level: setext.level, text: setext.text, line: i, items: 0, boxes: 0, numbered: 0 });
    }

    if (line.includes('|')) {
      const next = lines[i + 1] ?? '';
      if (next.includes('|') && next.includes('-') && tableSeparatorPattern.test(next)) {
        const table = readTable(lines, i);
        signals.tables.push(table);
        signals.boldFields.push(...collectTableBoldFields(lines, i + 2, i + 2 + table.rows));
        signals.contentLines += table.rows + 1;
        i += 1 + table.rows;
        continue;
      }
      const kv = tableBoldFieldPattern.exec(line);
      if (kv?.[1] !== undefined) {
        signals.boldFields.push({ name: normaliseFieldName(kv[1]), value: (kv[2] ?? '').trim(), line: lineNo });
      }
    }

    if (line.startsWith('>')) {
      if (quotationCalloutStart.test(line)) quotation = true;
      else if (!quotation) {
        const quoted = checkboxPattern.exec(line.replace(quotePrefix, ''));
        if (quoted !== null) {
          const last = signals.headings[signals.headings.length - 1];
          if (last !== undefined) last.boxes += 1;
          if (isOpenBoxMark(quoted[1])) signals.checkboxes.open++;
          else signals.checkboxes.done++;
          signals.checkboxes.firstLine ??= lineNo;
        }
      }
    }
    const listItem = listItemPattern.test(line);
    if (listItem) {
      const last = signals.headings[signals.headings.length - 1];
      if (last !== undefined) {
        last.items += 1;
        if (/^\d+[.)]\s/u.test(line)) last.numbered += 1;
      }
      signals.listItems += 1;
      const definition = line.includes('**') || line.includes('__') ? definitionItemPattern.exec(line) : null;
      if (definition?.[1] !== undefined) signals.definitionItems.push({ term: definition[1].trim(), line: lineNo });
    }
    const itemStatus = readItemStatusField(line);
    if (itemStatus !== null) signals.itemStatusFields.push({ value: itemStatus, line: lineNo });
    // Read up to 8 lines under the last heading or 4 under the last task name, where it can count.
    const lastHeadingLine = signals.headings[signals.headings.length - 1]?.line;
    const lastNameLine = signals.taskNameLines[signals.taskNameLines.length - 1];
    const near = (lastHeadingLine !== undefined && lineNo - lastHeadingLine <= 8) || (lastNameLine !== undefined && lineNo - lastNameLine <= 4);
    const marginStatus = near ? readMarginStatusField(line) : null;
    if (marginStatus !== null) signals.marginStatusFields.push({ value: marginStatus, line: lineNo });
    else if (/[:：]/u.test(line) && namesTaskOnLine(line)) signals.taskNameLines.push(lineNo);
    const bracket = line.includes('[');
    // A checkbox at the margin (`[ ] Book the venue`) counts as one in a list item does.
    const box = bracket ? (checkboxPattern.exec(line) ?? (listItem ? null : marginCheckboxPattern.exec(line))) : null;
    if (box !== null) {
      const last = signals.headings[signals.headings.length - 1];
      if (last !== undefined) last.boxes += 1;
    }
    const lead = listItem && box === null ? statusLeadItemPattern.exec(line) : null;
    if (lead !== null && lead[4] === undefined) signals.statusLeads.push({ term: (lead[1] ?? lead[2] ?? lead[3] ?? '').trim(), line: lineNo });
    const word = listItem && box === null ? wordLeadItemPattern.exec(line)?.[1] : undefined;
    if (word !== undefined) signals.wordLeads.push({ term: word, line: lineNo });
    // A cross leading an item under a span of the schedule is a mark; any other mark leading one, the file may explain.
    const cross = listItem && box === null && lead === null ? crossItemPattern.exec(line)?.[1] : undefined;
    const scheduled = cross !== undefined && namesSchedule(signals.headings[signals.headings.length - 1]?.text) ? cross : undefined;
    const leading = scheduled === undefined && listItem && box === null && lead === null ? (cross ?? markItemPattern.exec(line)?.[1]) : undefined;
    if (leading !== undefined) signals.markLeads.push({ mark: leading, line: lineNo });
    const closingIndicatorMark = listItem && box === null && closingMarkPattern.exec(line) === null ? closingIndicator.exec(line)?.[1] : undefined;
    if (closingIndicatorMark !== undefined) signals.markLeads.push({ mark: closingIndicatorMark, line: lineNo });
    const tailTerm = listItem && box === null ? readStatusTailTerm(line) : undefined;
    if (tailTerm !== undefined) signals.statusTails.push({ term: tailTerm, line: lineNo });
    const closing = listItem && box === null ? closingMarkPattern.exec(line)?.[1] : undefined;
    const markLine = listItem ? undefined : markLinePattern.exec(line)?.[1];
    const termMark = readTermMark(line);
    for (const mark of [lead?.[4], closing, markLine, termMark, scheduled]) {
      if (mark === undefined) continue;
      if (statusEmoji[mark] === 'done') signals.statusMarks.done++;
      else signals.statusMarks.open++;
      signals.statusMarks.firstLine ??= lineNo;
    }
    // A line of a paragraph closing with its status, in words or a mark: counted beside the line above or below it closing so too.
    const words = !listItem && /^ {0,3}[0-9A-Za-z\P{ASCII}]/u.test(line);
    const lineTerm = words ? readStatusTailTerm(line, true) : undefined;
    const lineMark = words && lineTerm === undefined ? closingMarkPattern.exec(line)?.[1] : undefined;
    const paired = (lineTerm !== undefined || lineMark !== undefined) && lineTail.line > 0 && lineTail.line === lineNo - 1;
    if (paired && !lineTail.counted) countLineTail(signals, lineTail);
    if (paired) countLineTail(signals, { term: lineTerm, mark: lineMark, line: lineNo });
    Object.assign(lineTail, lineTerm === undefined && lineMark === undefined ? { line: 0, term: undefined, mark: undefined, counted: false } : { line: lineNo, term: lineTerm, mark: lineMark, counted: paired });
    if (box !== null) {
      if (isOpenBoxMark(box[1])) signals.checkboxes.open++;
      else signals.checkboxes.done++;
      signals.checkboxes.firstLine ??= lineNo;
      if (kiroItemPattern.test(line)) signals.kiroItems++;
    }
    if (line.includes('_Requirement') && requirementsPattern.test(line)) signals.requirementsRefs++;
    if (line.includes('**') || line.includes('__')) {
      // exec with lastIndex, not matchAll (which copies the regex for every line).
      boldFieldPattern.lastIndex = 0;
      for (let m = boldFieldPattern.exec(line); m !== null; m = boldFieldPattern.exec(line)) {
        const name = m[1] ?? m[2];
        if (name === undefined) continue;
        signals.boldFields.push({ name: normaliseFieldName(name), value: (m[3] ?? '').trim(), line: lineNo });
      }
    }
    if (bracket && rooStampPattern.test(line)) {
      signals.rooStamps.count++;
      signals.rooStamps.firstLine ??= lineNo;
    }
    if (signals.rooPreambleLine === null && rooPreamblePattern.test(line)) signals.rooPreambleLine = lineNo;
    if ((bracket || line.includes('`')) && taskRefPattern.test(line)) signals.taskRefLines++;
    const hinted = placeholderHint.test(line);
    for (let p = 0; (hinted || listItem) && p < placeholderPatterns.length; p++) {
      const needs = placeholderNeedList[p] as string;
      if (needs === listItemNeed ? !listItem : !hinted || !line.includes(needs)) continue;
      const found = line.match(placeholderRegexList[p] as RegExp);
      if (found !== null && found.length > 0) {
        placeholderKinds.add(placeholderKindList[p] as string);
        signals.placeholders.count += found.length;
        signals.placeholders.firstLine ??= lineNo;
      }
    }
    if (line.includes('-')) signals.isoDates += countMatches(line.includes('YYYY-MM-DD') ? line.replace(/YYYY-MM-DD/g, '') : line, isoDatePattern);
    if (line.includes('](')) signals.mdLinks += countMatches(line, mdLinkPattern);
  }
  signals.placeholders.kinds = [...placeholderKinds];
  // Bold labels alone on their line over a list: each bold field without a value whose line is only the label, and the
  // list items after it (blank lines and indented lines between them); and lines of a few words alone at the margin,
  // after a blank line or a heading, with a list item on the next line or the one after a blank line.
  // A label written as a list item (`- **Completed:**`) heads only the list items indented deeper than it.
  const bold = signals.boldFields.filter((field) => field.value === '' && (boldLabelLine.test(lines[field.line - 1] ?? '') || boldLabelItemLine.test(lines[field.line - 1] ?? '')));
  const plain = plainLabels.filter((label) => {
    // A label item heads the list items indented under it, on the next line that is not blank.
    const item = plainLabelItemLine.exec(lines[label.line - 1] ?? '');
    if (item !== null) {
      const below = lines.slice(label.line).find((text) => text.trim() !== '') ?? '';
      return listItemPattern.test(below) && (/^[ \t]*/u.exec(below)?.[0].length ?? 0) > (item[1]?.length ?? 0);
    }
    const above = (lines[label.line - 2] ?? '').trim();
    const next = lines[label.line] ?? '';
    const listBelow = listItemPattern.test(next) || (next.trim() === '' && listItemPattern.test(lines[label.line + 1] ?? ''));
    return (above === '' || above.startsWith('#')) && listBelow;
  });
  for (const field of [...bold, ...plain].sort((a, b) => a.line - b.line)) {
    let items = 0;
    let boxes = 0;
    const depth = (boldLabelItemLine.exec(lines[field.line - 1] ?? '') ?? plainLabelItemLine.exec(lines[field.line - 1] ?? ''))?.[1]?.length ?? -1;
    for (const text of lines.slice(field.line)) {
      if (text.trim() === '') continue;
      const item = listItemPattern.test(text);
      if (item && depth >= 0 && (/^[ \t]*/u.exec(text)?.[0].length ?? 0) <= depth) break;
      if (!item && (items === 0 || !/^\s/u.test(text))) break;
      if (item) items++;
      if (item && checkboxPattern.test(text)) boxes++;
    }
    if (items > 0) signals.labels.push({ name: field.name, line: field.line, items, boxes });
  }
  return signals;
}

function normaliseFieldName(name: string): string {
  return normaliseLabelFully(name.replace(/:$/, ''));
}

function readTable(lines: readonly string[], headerIndex: number): TableSignal {
  const header = splitTableLine(lines[headerIndex] ?? '');
  const columns = header.map(normaliseLabelFully);
  const firstCells: string[] = [];
  const cells: string[][] = [];
  let rows = 0;
  for (let j = headerIndex + 2; j < lines.length; j++) {
    const row = lines[j] ?? '';
    if (row.trim() === '' || !row.includes('|')) break;
    rows++;
    firstCells.push(normaliseLabelFully(splitTableLine(row)[0] ?? ''));
    cells.push(splitTableLine(row));
  }
  return { line: headerIndex + 1, header, columns, firstCells, rows, body: cells };
}

function collectTableBoldFields(lines: readonly string[], from: number, to: number): BoldFieldSignal[] {
  const out: BoldFieldSignal[] = [];
  for (let j = from; j < to; j++) {
    const kv = tableBoldFieldPattern.exec(lines[j] ?? '');
    if (kv?.[1] !== undefined) out.push({ name: normaliseFieldName(kv[1]), value: (kv[2] ?? '').trim(), line: j + 1 });
  }
  return out;
}

/** Counts a line's closing status as an item's: a mark as a status mark, words as a status tail. */
function countLineTail(signals: MarkdownSignals, tail: { term: string | undefined; mark: string | undefined; line: number }): void {
  if (tail.mark !== undefined) {
    if (statusEmoji[tail.mark] === 'done') signals.statusMarks.done++;
    else signals.statusMarks.open++;
    signals.statusMarks.firstLine ??= tail.line;
  } else if (tail.term !== undefined) signals.statusTails.push({ term: tail.term, line: tail.line });
}
