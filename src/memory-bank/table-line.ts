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

/**
 * The default options, one object: callers that pass `{ pipesInCode: 'split' }` pass an object of the same shape, so
 * reading the option stays monomorphic (a fresh `{}` per call had another shape, and deoptimised the splitter).
 */
const keepPipesInCode: SplitTableLineOptions = { pipesInCode: 'keep' };

/** Splits one table line on pipes, keeping escaped pipes (`\|`) and, by default, pipes inside code spans in the cell. */
export function splitTableLine(line: string, options: SplitTableLineOptions = keepPipesInCode): string[] {
  const keepCode = options.pipesInCode !== 'split';
  const cells: string[] = [];
  // The cell is read in slices of the line: `done` holds what came before an escaped pipe, `from` where the
  // current slice starts (no character-by-character string building).
  let done = '';
  let from = 0;
  let codeFence = 0;
  for (let index = 0; index < line.length; index++) {
    const char = line.charCodeAt(index);
    if (char === 92 /* \ */ && line.charCodeAt(index + 1) === 124 /* | */) {
      done += `${line.slice(from, index)}|`;
      index++;
      from = index + 1;
      continue;
    }
    if (char === 96 /* ` */ && keepCode) {
      let run = 1;
      while (line.charCodeAt(index + run) === 96) run++;
      if (codeFence === 0) {
        // Open only when a matching closing run exists on the line.
        const closing = line.indexOf('`'.repeat(run), index + run);
        if (closing >= 0) codeFence = run;
      } else if (run === codeFence) {
        codeFence = 0;
      }
      index += run - 1;
      continue;
    }
    if (char === 124 && codeFence === 0) {
      cells.push(done + line.slice(from, index));
      done = '';
      from = index + 1;
    }
  }
  cells.push(done + line.slice(from));
  const trimmed = line.trim();
  if (trimmed.startsWith('|')) cells.shift();
  if (trimmed.endsWith('|') && !trimmed.endsWith('\\|') && cells.length > 0) cells.pop();
  for (let index = 0; index < cells.length; index++) cells[index] = (cells[index] as string).trim();
  return cells;
}
