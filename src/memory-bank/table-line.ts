/**
 * The one table-row splitter, shared by discovery's signals and the parser's table reader: pipes inside code spans
 * and escaped pipes (`\|`) stay in their cell. Pure, no Markdown tree.
 */

/** Options of `splitTableLine`. */
export interface SplitTableLineOptions {
  /**
   * `keep` (default): a pipe inside a code span stays in its cell, as authors mean it. `split`: it ends the cell,
   * as GFM (and so remark's tree) reads it.
   */
  pipesInCode?: 'keep' | 'split';
}

/** Splits one table line on pipes, keeping escaped pipes (`\|`) and, by default, pipes inside code spans in the cell. */
export function splitTableLine(line: string, options: SplitTableLineOptions = {}): string[] {
  const keepCode = options.pipesInCode !== 'split';
  const cells: string[] = [];
  let current = '';
  let codeFence = 0;
  for (let index = 0; index < line.length; index++) {
    const char = line[index] ?? '';
    if (char === '\\' && line[index + 1] === '|') {
      current += '|';
      index++;
      continue;
    }
    if (char === '`' && keepCode) {
      let run = 1;
      while (line[index + run] === '`') run++;
      if (codeFence === 0) {
        // Open only when a matching closing run exists on the line.
        const closing = line.indexOf('`'.repeat(run), index + run);
        if (closing >= 0) codeFence = run;
      } else if (run === codeFence) {
        codeFence = 0;
      }
      current += '`'.repeat(run);
      index += run - 1;
      continue;
    }
    if (char === '|' && codeFence === 0) {
      cells.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  cells.push(current);
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|') && cells.length > 0) cells.pop();
  return cells.map((cell) => cell.trim());
}
